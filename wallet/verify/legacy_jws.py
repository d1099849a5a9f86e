"""The older Linked Data signature suites: Ed25519Signature2018 and EcdsaSecp256k1Signature2019.

Why: JFF plugfest badges, older DCC credentials and many 2019-2022 issuers sign with these, and a
learner cannot choose the issuer's format. Both carry a detached JWS with an unencoded payload
(RFC 7797: header `{"alg": "EdDSA" | "ES256K", "b64": false, "crit": ["b64"]}`); the payload is
SHA-256(URDNA2015 of the proof options, in the document's @context) || SHA-256(URDNA2015 of the
document without its proof), as jsonld-signatures makes it. wallet.verify.dataintegrity runs the
shared steps (purpose, dates, key, canonical forms, JSON-LD safe mode); this module reads the JWS,
checks its header and signature, and reads the key forms these suites come with: base58 keys
(`publicKeyBase58`, `publicKeyHex`), secp256k1 JWKs and the secp256k1 did:key (`zQ3s…`, 0xe7).

bbs-2023 is also named here: no well-kept Python library verifies BBS signatures, so those proofs
are reported as not supported yet (unknown), never as failed or verified.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from wallet.errors import WalletError
from wallet.messages import M, Msg
from wallet.proofs import keys, signing

BBS_2023 = "bbs-2023"
SECP256K1_PUB = 0xE7  # multicodec secp256k1-pub
ED25519_2018_KEY = "Ed25519VerificationKey2018"
SECP256K1_2019_KEY = "EcdsaSecp256k1VerificationKey2019"


def bbs_not_supported() -> Msg:
    """Why a bbs-2023 proof is unknown: the wallet has no BBS verifier (yet)."""
    return M(
        "bbs-2023 proofs (BBS selective-disclosure signatures) are not supported yet, so this "
        "signature was neither confirmed nor refuted"
    )


@dataclass(frozen=True)
class DetachedJws:
    """A parsed `jws` value: the header as written (it is signed as text) and the signature."""

    header_b64: str
    signature: bytes

    def signing_input(self, canonical_options: str, canonical_document: str) -> bytes:
        data = signing.digest(canonical_options.encode("utf-8")) + signing.digest(
            canonical_document.encode("utf-8")
        )
        return signing.jws_signing_input(self.header_b64, data)


def parse_jws(proof: dict[str, Any], suite: str) -> DetachedJws | Msg:
    """The proof's detached JWS, or what is wrong with it (a failed proof: it cannot be right)."""
    value = proof.get("jws")
    if not isinstance(value, str) or not value:
        return M("the {suite} proof carries no jws signature", suite=suite)
    parts = value.split(".")
    if len(parts) != 3 or parts[1] != "" or not parts[0] or not parts[2]:
        return M("the {suite} proof's jws is not a detached JWS (header..signature)", suite=suite)
    try:
        header = json.loads(keys.b64url_decode(parts[0]))
        signature = keys.b64url_decode(parts[2])
    except (WalletError, ValueError):
        return M("the {suite} proof's jws is not valid base64url JSON", suite=suite)
    if not isinstance(header, dict):
        return M("the {suite} proof's jws is not valid base64url JSON", suite=suite)
    alg, expected = header.get("alg"), signing.JWS_ALGS[suite]
    if alg != expected:
        return M(
            "the {suite} proof's JWS header names the algorithm {alg}, but {suite} uses {expected}",
            suite=suite,
            alg=repr(alg),
            expected=expected,
        )
    crit = header.get("crit")
    if header.get("b64") is not False or not isinstance(crit, list) or "b64" not in crit:
        return M(
            "the {suite} proof's JWS header must declare an unencoded payload "
            "(b64 false, marked critical)",
            suite=suite,
        )
    unknown = [str(c) for c in crit if c != "b64"]
    if unknown:
        return M(
            "the {suite} proof's JWS header marks {names} as critical, which the wallet "
            "does not understand",
            suite=suite,
            names=", ".join(unknown),
        )
    return DetachedJws(parts[0], signature)


def signature_matches(
    jws: DetachedJws, suite: str, key: Any, canonical_options: str, canonical_document: str
) -> bool:
    """Does the JWS verify with `key` over the two canonical forms?"""
    signing_input = jws.signing_input(canonical_options, canonical_document)
    return signing.check_jws_signature(key, suite, signing_input, jws.signature)


# --- the key forms these suites come with ---------------------------------------------------


def secp256k1_key(raw: bytes) -> ec.EllipticCurvePublicKey:
    """A secp256k1 public key from its SEC1 point (compressed or not)."""
    if len(raw) not in (33, 65) or raw[0] not in (2, 3, 4) or (raw[0] == 4) != (len(raw) == 65):
        raise keys.KeyFormatError(M("a secp256k1 public key must be a 33- or 65-byte point"))
    try:
        return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256K1(), raw)
    except ValueError:
        raise keys.KeyFormatError(M("not a point on secp256k1")) from None


def secp256k1_from_multibase(text: str) -> ec.EllipticCurvePublicKey | None:
    """The key of a secp256k1 Multikey / did:key identifier (`zQ3s…`), None for other key types."""
    if not isinstance(text, str) or not text.startswith("z"):
        return None
    code, raw = keys.multicodec_unwrap(keys.multibase_decode(text))
    return secp256k1_key(raw) if code == SECP256K1_PUB else None


def secp256k1_did_key(method: str) -> ec.EllipticCurvePublicKey | None:
    """The key of a secp256k1 did:key (0xe7) DID or DID URL; None when it is another did:key
    (or not readable at all: keys.public_key_from_did then says why)."""
    ident, _, fragment = method.removeprefix("did:key:").partition("#")
    if not method.startswith("did:key:z"):
        return None
    try:
        code, raw = keys.multicodec_unwrap(keys.multibase_decode(ident))
    except keys.KeyFormatError:
        return None
    if code != SECP256K1_PUB:
        return None
    if fragment and fragment != ident:
        raise keys.KeyFormatError(M("did:key fragment does not name the key itself"))
    return secp256k1_key(raw)


def _secp256k1_jwk(jwk: Any) -> ec.EllipticCurvePublicKey | None:
    if not (isinstance(jwk, dict) and jwk.get("kty") == "EC" and jwk.get("crv") == "secp256k1"):
        return None
    x, y = keys.b64url_decode(jwk.get("x", "")), keys.b64url_decode(jwk.get("y", ""))
    if len(x) != 32 or len(y) != 32:
        raise keys.KeyFormatError(M("a secp256k1 JWK has 32-byte 'x' and 'y'"))
    return secp256k1_key(b"\x04" + x + y)


def legacy_method_key(vm: dict[str, Any]) -> keys.PublicKey | None:
    """The key of a verification method in a form the 2018/2019 suites use, None otherwise.

    Ed25519VerificationKey2018 with publicKeyBase58; EcdsaSecp256k1VerificationKey2019 with
    publicKeyBase58, publicKeyHex, publicKeyJwk or publicKeyMultibase; any secp256k1 JWK or
    Multikey. Raises keys.KeyFormatError when such a key is malformed.
    """
    kinds = vm.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    secp = _secp256k1_jwk(vm.get("publicKeyJwk"))
    if secp is None and isinstance(vm.get("publicKeyMultibase"), str):
        secp = secp256k1_from_multibase(vm["publicKeyMultibase"])
    if secp is not None:
        return secp
    base58 = vm.get("publicKeyBase58")
    if ED25519_2018_KEY in kinds and isinstance(base58, str):
        raw = keys.b58decode(base58)
        if len(raw) != 32:
            raise keys.KeyFormatError(M("an Ed25519 public key is 32 bytes"))
        return ed25519.Ed25519PublicKey.from_public_bytes(raw)
    if SECP256K1_2019_KEY in kinds:
        if isinstance(base58, str):
            return secp256k1_key(keys.b58decode(base58))
        if isinstance(vm.get("publicKeyHex"), str):
            try:
                return secp256k1_key(bytes.fromhex(vm["publicKeyHex"]))
            except ValueError:
                raise keys.KeyFormatError(M("publicKeyHex is not hexadecimal")) from None
    return None
