"""Compact JWS and SD-JWT: encode, decode, sign, verify.

Open Badges 2.0 signed assertions, VC-JWTs and SD-JWT VCs all travel as compact JWS, so one small
module reads and writes them for every format. Every signature and hash comes from the
`cryptography` library; this module only arranges bytes around it. Malformed input raises
`FormatError` with a message fit to show a person.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import os
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from wallet.errors import FormatError
from wallet.messages import M, Msg

# alg -> (key family, hash) ; key family is "ed25519", an EC curve name, or "rsa"/"rsa-pss".
_ALGS: dict[str, tuple[str, type[hashes.HashAlgorithm] | None]] = {
    "EdDSA": ("ed25519", None),
    "Ed25519": ("ed25519", None),
    "ES256": ("secp256r1", hashes.SHA256),
    "ES384": ("secp384r1", hashes.SHA384),
    "ES512": ("secp521r1", hashes.SHA512),
    "ES256K": ("secp256k1", hashes.SHA256),  # RFC 8812: EBSI, did:ethr and did:ion issuers
    "RS256": ("rsa", hashes.SHA256),
    "RS384": ("rsa", hashes.SHA384),
    "RS512": ("rsa", hashes.SHA512),
    "PS256": ("rsa-pss", hashes.SHA256),
    "PS384": ("rsa-pss", hashes.SHA384),
    "PS512": ("rsa-pss", hashes.SHA512),
}
# What a JAdES seal may use (wallet.proofs.jades): not ES256K, which ETSI TS 119 312 does not
# list for seals; JWTs (wallet.verify.jose_proofs.ALGS) accept it.
SUPPORTED_ALGS = tuple(alg for alg in _ALGS if alg != "ES256K")
# The order n of secp256k1 (SEC 2, section 2.4.1): an ES256K signature is (r, s) or (r, n - s).
_SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141

_B64URL = re.compile(r"^[A-Za-z0-9_-]*$")
MAX_JSON_DEPTH = 64
MAX_JSON_BYTES = 16 * 1024 * 1024  # one JSON document from a stranger (the source cap)
MAX_JSON_NUMBER = 100  # characters of one number literal
MAX_JSON_STRING = 4 * 1024 * 1024  # characters of one string (the baked-text cap)


# --- base64url -------------------------------------------------------------------------------


def b64url_encode(data: bytes) -> str:
    """Base64url without padding, as JOSE requires."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


Part = Literal["value", "header", "payload", "signature", "disclosure"]


def _not_base64url(what: Part) -> Msg:
    """One whole sentence per part, so each can be translated."""
    if what == "header":
        return M("malformed JWT: header is not base64url")
    if what == "payload":
        return M("malformed JWT: payload is not base64url")
    if what == "signature":
        return M("malformed JWT: signature is not base64url")
    if what == "disclosure":
        return M("malformed JWT: disclosure is not base64url")
    return M("malformed JWT: value is not base64url")


def b64url_decode(text: str, what: Part = "value") -> bytes:
    """Decode unpadded base64url; raise FormatError naming `what` when it is not base64url."""
    if not isinstance(text, str) or not _B64URL.match(text) or len(text) % 4 == 1:
        raise FormatError(_not_base64url(what))
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as e:
        raise FormatError(_not_base64url(what)) from e


def json_depth_ok(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when brackets outside strings never nest deeper than `limit`.

    Checked before `json.loads`, so hostile input cannot make the parser recurse.
    """
    depth = 0
    stripped = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)
    for m in re.finditer(r"[\[\]{}]", stripped):
        if m.group() in "[{":
            depth += 1
            if depth > limit:
                return False
        else:
            depth -= 1
    return True


class _Refused(ValueError):
    """A JSON value beyond our limits (raised from inside json.loads hooks); `msg` is the
    reason, which becomes part of the FormatError a person sees."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(str(msg))
        self.msg = msg


def _int(text: str) -> int:
    if len(text) > MAX_JSON_NUMBER:
        raise _Refused(M("a number longer than {limit} digits", limit=MAX_JSON_NUMBER))
    return int(text)


def _float(text: str) -> float:
    value = float(text) if len(text) <= MAX_JSON_NUMBER else math.inf
    if not math.isfinite(value):
        raise _Refused(M("a number beyond the range of floating point"))
    return value


def _constant(text: str) -> Any:
    raise _Refused(M("{text} (not a JSON value)", text=text))


class _Duplicate(ValueError):
    """An object that gives one member name twice (raised from inside json.loads)."""

    def __init__(self, name: str) -> None:
        shown = name if len(name) <= 60 else name[:60] + "…"
        self.msg = M("the key {name} appears more than once in one JSON object", name=repr(shown))
        super().__init__(str(self.msg))


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refusing a repeated member name.

    Why: parsers disagree on `{"a": 1, "a": 2}` (first wins, last wins, error), so a signer
    and a reader could see different credentials in the same bytes (RFC 8259 section 4).
    """
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for name, _ in pairs:
            if name in seen:
                raise _Duplicate(name)
            seen.add(name)
    return obj


def _long_string(value: Any) -> bool:
    """True when any string (key or value) in a parsed JSON value exceeds MAX_JSON_STRING."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if len(v) > MAX_JSON_STRING:
                return True
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return False


def load_json_bytes(data: bytes, what: Msg | None = None, *, duplicates: bool = False) -> Any:
    """Parse JSON (UTF-8, optional BOM) from a stranger, with limits and one-line errors.

    Limits, checked before or while parsing so no input makes the parser recurse or work
    without bound: MAX_JSON_BYTES in all, MAX_JSON_DEPTH levels of nesting, number literals of
    at most MAX_JSON_NUMBER characters (Python refuses to convert longer integers anyway),
    finite numbers only (no NaN / Infinity), strings of at most MAX_JSON_STRING characters.
    An object that repeats a member name is refused, naming it (see `_object`); `duplicates`
    lets the last one win instead, only for shape tests that read no content.

    `what`, when given, starts every error: the document as the subject of a sentence whose
    rest is the problem (`M("the JWT payload is")` + "not JSON (...)").
    """

    def refused(problem: Msg) -> FormatError:
        return FormatError(
            problem if what is None else M("{what} {problem}", what=what, problem=problem)
        )

    if len(data) > MAX_JSON_BYTES:
        raise refused(M("JSON larger than {size} MiB", size=MAX_JSON_BYTES // (1024 * 1024)))
    try:
        text = bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise refused(M("not JSON (not UTF-8 text)")) from e
    if not json_depth_ok(text):
        raise refused(M("JSON nested deeper than {levels} levels", levels=MAX_JSON_DEPTH))
    try:
        value = json.loads(
            text,
            parse_int=_int,
            parse_float=_float,
            parse_constant=_constant,
            object_pairs_hook=dict if duplicates else _object,
        )
    except _Duplicate as e:
        raise refused(M("not accepted: {problem}", problem=e.msg)) from None
    except _Refused as e:
        raise refused(M("JSON refused: {problem}", problem=e.msg)) from None
    except json.JSONDecodeError as e:
        raise refused(M("not JSON (line {line}: {problem})", line=e.lineno, problem=e.msg)) from e
    except RecursionError as e:  # pragma: no cover - the depth check runs first
        raise refused(M("JSON nested deeper than {levels} levels", levels=MAX_JSON_DEPTH)) from e
    if len(text) > MAX_JSON_STRING and _long_string(value):
        raise refused(
            M(
                "JSON refused: a string longer than {size} Mi characters",
                size=MAX_JSON_STRING // (1024 * 1024),
            )
        )
    return value


def _json_header(text: str) -> Any:
    raw = b64url_decode(text, "header")
    try:
        return load_json_bytes(raw)
    except FormatError as e:
        raise FormatError(M("malformed JWT: header is {problem}", problem=e.msg)) from e


def _compact_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# --- keys and algorithms -------------------------------------------------------------------


def alg_for_key(key: Any) -> str:
    """The JOSE alg a key signs with by default (RSA defaults to RS256)."""
    if isinstance(key, ed25519.Ed25519PrivateKey | ed25519.Ed25519PublicKey):
        return "EdDSA"
    if isinstance(key, ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey):
        for alg, (family, _) in _ALGS.items():
            if family == key.curve.name:
                return alg
        raise ValueError(f"unsupported EC curve {key.curve.name}")
    if isinstance(key, rsa.RSAPrivateKey | rsa.RSAPublicKey):
        return "RS256"
    raise ValueError(f"unsupported key type {type(key).__name__}")


def _key_fits(alg: str, key: Any) -> bool:
    family = _ALGS[alg][0]
    if family == "ed25519":
        return isinstance(key, ed25519.Ed25519PrivateKey | ed25519.Ed25519PublicKey)
    if family.startswith("rsa"):
        return isinstance(key, rsa.RSAPrivateKey | rsa.RSAPublicKey)
    return (
        isinstance(key, ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey)
        and key.curve.name == family
    )


def key_fits(alg: str, key: Any) -> bool:
    """Whether `key` is of the type `alg` signs with (ES256K: secp256k1, ES256: P-256, ...).

    Why: a verifier must never let the header's alg pick how a key is used; an ES256K header
    over a P-256 key is refused, never tried.
    """
    return alg in _ALGS and _key_fits(alg, key)


def _ec_size(key: ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey) -> int:
    return (key.curve.key_size + 7) // 8


def _sign(alg: str, key: Any, data: bytes) -> bytes:
    if alg not in _ALGS:
        raise ValueError(f"unsupported alg {alg!r}")
    if not _key_fits(alg, key):
        raise ValueError(f"alg {alg} does not fit a {type(key).__name__}")
    family, hash_cls = _ALGS[alg]
    signature: bytes  # `key` is Any: one of several key classes, checked by _key_fits
    if family == "ed25519":
        signature = key.sign(data)
        return signature
    assert hash_cls is not None
    if family == "rsa":
        signature = key.sign(data, padding.PKCS1v15(), hash_cls())
        return signature
    if family == "rsa-pss":
        # digest_size is a class attribute of each concrete hash; the base class only
        # declares it as an abstract property, so it is read from an instance here.
        pss = padding.PSS(mgf=padding.MGF1(hash_cls()), salt_length=hash_cls().digest_size)
        signature = key.sign(data, pss, hash_cls())
        return signature
    der = key.sign(data, ec.ECDSA(hash_cls()))
    r, s = decode_dss_signature(der)
    if family == "secp256k1":
        # Low S, as Bitcoin-derived verifiers (noble, did-jwt, EBSI's libraries) insist on;
        # RFC 8812 does not require it, and `_verify` accepts either form.
        s = min(s, _SECP256K1_ORDER - s)
    n = _ec_size(key)
    return r.to_bytes(n, "big") + s.to_bytes(n, "big")


def _verify(alg: str, key: Any, signature: bytes, data: bytes) -> bool:
    """Whether `signature` (JOSE form: raw r||s for ECDSA) verifies under `alg` with `key`.

    The alg must fit the key (ES256K needs a secp256k1 key, ES256 a P-256 key). An ES256K
    signature with a high S verifies too: RFC 8812 does not forbid it, and neither do OpenSSL
    or jose; a low-S rule would refuse credentials those accept.
    """
    if alg not in _ALGS or not _key_fits(alg, key):
        return False
    if not hasattr(key, "verify"):
        key = key.public_key()
    family, hash_cls = _ALGS[alg]
    try:
        if family == "ed25519":
            key.verify(signature, data)
        else:
            assert hash_cls is not None  # only ed25519 has no hash in _ALGS
            if family == "rsa":
                key.verify(signature, data, padding.PKCS1v15(), hash_cls())
            elif family == "rsa-pss":
                pss = padding.PSS(mgf=padding.MGF1(hash_cls()), salt_length=padding.PSS.AUTO)
                key.verify(signature, data, pss, hash_cls())
            else:
                n = _ec_size(key)
                if len(signature) != 2 * n:
                    return False
                r = int.from_bytes(signature[:n], "big")
                s = int.from_bytes(signature[n:], "big")
                key.verify(encode_dss_signature(r, s), data, ec.ECDSA(hash_cls()))
    except InvalidSignature:
        return False
    return True


# --- compact JWS ---------------------------------------------------------------------------


def sign_compact(header: dict[str, Any], payload: bytes, private_key: Any) -> str:
    """Sign `payload` as a compact JWS; `alg` is taken from the header or chosen from the key."""
    header = dict(header)
    header.setdefault("alg", alg_for_key(private_key))
    signing_input = f"{b64url_encode(_compact_json(header))}.{b64url_encode(payload)}"
    signature = _sign(header["alg"], private_key, signing_input.encode("ascii"))
    return f"{signing_input}.{b64url_encode(signature)}"


def looks_like_compact(text: str) -> bool:
    """Cheap shape test: three base64url parts whose first decodes to a JSON object with alg."""
    parts = text.split(".")
    if len(parts) != 3 or not all(_B64URL.match(p) for p in parts) or not parts[0]:
        return False
    try:  # a repeated header name still looks like a JWS: decoding it says what is wrong
        header = load_json_bytes(b64url_decode(parts[0]), duplicates=True)
    except FormatError:
        return False
    return isinstance(header, dict) and "alg" in header


def decode_compact(token: str) -> tuple[dict[str, Any], bytes, bytes, bytes]:
    """Split a compact JWS into (header, payload bytes, signature, signing input) unverified."""
    if isinstance(token, bytes):
        try:
            token = token.decode("ascii")
        except UnicodeDecodeError as e:
            raise FormatError(M("malformed JWT: not ASCII text")) from e
    token = token.strip()
    parts = token.split(".")
    if len(parts) != 3:
        raise FormatError(
            M(
                "malformed JWT: expected 3 parts separated by dots, found {count}",
                count=len(parts),
            )
        )
    header = _json_header(parts[0])
    if not isinstance(header, dict):
        raise FormatError(M("malformed JWT: header is not a JSON object"))
    alg = header.get("alg")
    if not isinstance(alg, str) or not alg:
        raise FormatError(M("malformed JWT: header has no alg"))
    payload = b64url_decode(parts[1], "payload")
    signature = b64url_decode(parts[2], "signature")
    return header, payload, signature, f"{parts[0]}.{parts[1]}".encode("ascii")


def decode_compact_json(token: str) -> tuple[dict[str, Any], Any]:
    """Decode a compact JWS whose payload is JSON: (header, payload value), unverified."""
    header, payload, _, _ = decode_compact(token)
    try:
        value = load_json_bytes(payload)
    except FormatError as e:
        raise FormatError(M("malformed JWT: payload is {problem}", problem=e.msg)) from e
    return header, value


# Header names JWS and JWA define: RFC 7515 section 4.1.11 forbids listing them in `crit`.
_JWS_HEADERS = frozenset(
    {"alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit"}
)
# Header extensions this module understands and processes (RFC 7515 section 4.1.11): none.
UNDERSTOOD_CRIT: frozenset[str] = frozenset()


def crit_problem(
    protected: dict[str, Any], unprotected: dict[str, Any] | None = None
) -> Msg | None:
    """Why a JWS must be refused for its `crit` header, in plain words; None when it has none.

    Why: `crit` names extensions a verifier MUST understand and process, or else reject the
    signature (RFC 7515 section 4.1.11); this wallet understands none. A malformed `crit`, or
    one outside the signed (protected) header, is refused as well.
    """
    unprotected = unprotected or {}
    if "crit" in unprotected:
        return M(
            "the JWS has 'crit' in its unprotected header, where it is not signed: "
            "it must be in the protected header"
        )
    if "crit" not in protected:
        return None
    crit = protected["crit"]
    if not isinstance(crit, list) or not crit or not all(isinstance(n, str) for n in crit):
        return M("malformed JWS header: 'crit' is not a non-empty list of header names")
    for name in crit:
        shown = repr(name if len(name) <= 60 else name[:60] + "…")
        if name in _JWS_HEADERS:
            return M(
                "malformed JWS header: 'crit' lists {name}, a standard header that must "
                "not be listed there",
                name=shown,
            )
        if name not in protected and name not in unprotected:
            return M(
                "malformed JWS header: 'crit' names {name}, which the header does not contain",
                name=shown,
            )
        if name not in UNDERSTOOD_CRIT:
            return M(
                "the JWS header marks {name} as critical ('crit'), an extension this "
                "wallet does not understand, so the signature cannot be accepted",
                name=shown,
            )
    return None


def verify_compact(token: str, public_key: Any) -> bool:
    """True when the JWS signature verifies with `public_key` under the header's alg.

    False for a wrong key, a key that does not fit the alg, `alg: none`, a bad signature, or a
    critical header extension (`crit`, see `crit_problem`); FormatError only when the token
    itself is malformed.
    """
    header, _, signature, signing_input = decode_compact(token)
    if crit_problem(header) is not None:
        return False
    return _verify(str(header["alg"]), public_key, signature, signing_input)


# --- SD-JWT --------------------------------------------------------------------------------

_SD_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha-256": hashes.SHA256,
    "sha-384": hashes.SHA384,
    "sha-512": hashes.SHA512,
}


def _digest(data: bytes, sd_alg: str) -> bytes:
    if sd_alg not in _SD_HASHES:
        raise FormatError(M("SD-JWT uses an unsupported digest algorithm {alg}", alg=repr(sd_alg)))
    h = hashes.Hash(_SD_HASHES[sd_alg]())
    h.update(data)
    return h.finalize()


def disclosure_digest(disclosure: str, sd_alg: str = "sha-256") -> str:
    """The digest an SD-JWT lists for a disclosure: base64url(hash(ASCII of the disclosure))."""
    if not isinstance(disclosure, str) or not _B64URL.match(disclosure):
        raise FormatError(M("malformed SD-JWT: a disclosure is not base64url"))
    return b64url_encode(_digest(disclosure.encode("ascii"), sd_alg))


def make_disclosure(value: list[Any]) -> str:
    """Encode [salt, name, value] (object property) or [salt, value] (array element)."""
    return b64url_encode(_compact_json(value))


def random_salt() -> str:
    """A fresh 128-bit salt, base64url-encoded, from the OS random source."""
    return b64url_encode(os.urandom(16))


def issue_sd_jwt(
    claims: dict[str, Any],
    disclosable: list[str],
    private_key: Any,
    header: dict[str, Any] | None = None,
    alg: str | None = None,
) -> str:
    """Issue an SD-JWT where the named top-level claims are selectively disclosable.

    Returns the combined format `jwt~disc~...~` with every disclosure included (as issued).
    The header defaults to `typ: dc+sd-jwt`; `header` adds or overrides fields.
    """
    payload = dict(claims)
    disclosures: list[str] = []
    digests: list[str] = []
    for name in disclosable:
        if name not in payload:
            raise ValueError(f"claim {name!r} is not in the claims")
        if name in ("_sd", "_sd_alg", "..."):
            raise ValueError(f"claim name {name!r} cannot be disclosable")
        d = make_disclosure([random_salt(), name, payload.pop(name)])
        disclosures.append(d)
        digests.append(disclosure_digest(d))
    if digests:
        payload["_sd"] = sorted(digests)
        payload["_sd_alg"] = "sha-256"
    hdr: dict[str, Any] = {"typ": "dc+sd-jwt"}
    hdr.update(header or {})
    hdr["alg"] = alg or hdr.get("alg") or alg_for_key(private_key)
    jwt = sign_compact(hdr, _compact_json(payload), private_key)
    return "~".join([jwt, *disclosures]) + "~"


def _bare_sd_jwt(text: str) -> bool:
    """Whether `text` is an issuer-signed SD-JWT JWT alone (typ `…sd-jwt`, no '~' at all).

    Why: such a file is read as an SD-JWT with no disclosures on import, and its stored bytes
    are kept exactly as they came, so every later reader must accept it the same way.
    """
    try:
        header = decode_compact(text)[0]
    except FormatError:
        return False
    return str(header.get("typ", "")).endswith("sd-jwt")


def split_sd_jwt(text: str) -> tuple[str, list[str], str | None]:
    """Split `jwt~d1~...~dn~[kb-jwt]` into (issuer JWT, disclosures, key-binding JWT or None).

    A bare issuer-signed JWT whose typ is an SD-JWT type is `jwt~` (no disclosures).
    """
    text = text.strip()
    if "~" not in text:
        if _bare_sd_jwt(text):
            return text, [], None
        raise FormatError(M("malformed SD-JWT: no '~' separator"))
    parts = text.split("~")
    issuer_jwt, disclosures, last = parts[0], parts[1:-1], parts[-1]
    if not issuer_jwt:
        raise FormatError(M("malformed SD-JWT: the issuer-signed JWT is missing"))
    for d in disclosures:
        if not d:
            raise FormatError(M("malformed SD-JWT: empty disclosure between '~~'"))
    return issuer_jwt, disclosures, (last or None)


def decode_disclosure(disclosure: str) -> list[Any]:
    """Decode one disclosure to [salt, name, value] or [salt, value], checking its shape."""
    raw = b64url_decode(disclosure, "disclosure")
    try:
        value = load_json_bytes(raw)
    except FormatError as e:
        raise FormatError(M("malformed SD-JWT: a disclosure is {problem}", problem=e.msg)) from e
    if not isinstance(value, list) or len(value) not in (2, 3) or not isinstance(value[0], str):
        raise FormatError(
            M("malformed SD-JWT: a disclosure is not [salt, name, value] or [salt, value]")
        )
    if len(value) == 3:
        if not isinstance(value[1], str):
            raise FormatError(M("malformed SD-JWT: a disclosure's claim name is not a string"))
        if value[1] in ("_sd", "..."):
            raise FormatError(
                M("malformed SD-JWT: a disclosure uses reserved name {name}", name=repr(value[1]))
            )
    return value


def processed_payload(
    issuer_payload: dict[str, Any], disclosures: list[str], *, strict: bool = True
) -> dict[str, Any]:
    """The claims a verifier sees: disclosed values put in place, digests and `_sd_alg` gone.

    Handles `_sd` arrays at any depth, array elements `{"...": digest}` and disclosures that
    themselves contain digests. Undisclosed digests (and decoys) are dropped. Raises
    FormatError for a disclosure used twice, a digest listed twice, a claim name clash, or a
    disclosure no digest refers to. With `strict=False` (reading, not verifying) a disclosure
    that matches no digest, or is given twice, is left out instead: the record then shows only
    what the issuer signed, and the verifier reports the tampering as a failed proof. A
    disclosure that is not base64url JSON of the right shape is malformed in either mode.
    """
    sd_alg = issuer_payload.get("_sd_alg", "sha-256")
    if not isinstance(sd_alg, str):
        raise FormatError(M("malformed SD-JWT: _sd_alg is not a string"))
    by_digest: dict[str, list[Any]] = {}
    for d in disclosures:
        digest = disclosure_digest(d, sd_alg)
        if digest in by_digest and strict:
            raise FormatError(M("malformed SD-JWT: the same disclosure is given twice"))
        by_digest[digest] = decode_disclosure(d)
    seen: set[str] = set()

    def take(digest: Any) -> list[Any] | None:
        if not isinstance(digest, str):
            raise FormatError(M("malformed SD-JWT: a digest is not a string"))
        if digest in seen:
            raise FormatError(M("malformed SD-JWT: a digest appears more than once"))
        seen.add(digest)
        return by_digest.get(digest)

    def walk(node: Any, depth: int) -> Any:
        if depth > MAX_JSON_DEPTH:
            raise FormatError(M("SD-JWT nested deeper than {levels} levels", levels=MAX_JSON_DEPTH))
        if isinstance(node, dict):
            out: dict[str, Any] = {}
            for k, v in node.items():
                if k in ("_sd", "_sd_alg"):
                    continue
                out[k] = walk(v, depth + 1)
            sd = node.get("_sd", [])
            if not isinstance(sd, list):
                raise FormatError(M("malformed SD-JWT: _sd is not an array"))
            for digest in sd:
                disc = take(digest)
                if disc is None:
                    continue  # not disclosed, or a decoy
                if len(disc) != 3:
                    raise FormatError(
                        M(
                            "malformed SD-JWT: an array-element disclosure is used "
                            "for an object property"
                        )
                    )
                name = disc[1]
                if name in out:
                    raise FormatError(
                        M("malformed SD-JWT: claim {name} is disclosed twice", name=repr(name))
                    )
                out[name] = walk(disc[2], depth + 1)
            return out
        if isinstance(node, list):
            items: list[Any] = []
            for item in node:
                if isinstance(item, dict) and len(item) == 1 and "..." in item:
                    disc = take(item["..."])
                    if disc is None:
                        continue
                    if len(disc) != 2:
                        raise FormatError(
                            M(
                                "malformed SD-JWT: an object-property disclosure is "
                                "used for an array element"
                            )
                        )
                    items.append(walk(disc[1], depth + 1))
                else:
                    items.append(walk(item, depth + 1))
            return items
        return node

    result: dict[str, Any] = walk(issuer_payload, 0)  # a dict: walk keeps an object an object
    unused = set(by_digest) - seen
    if unused and strict:
        raise FormatError(
            M(
                "malformed SD-JWT: {count} disclosure(s) match no digest in "
                "the issuer-signed JWT (changed, or taken from another credential)",
                count=len(unused),
            )
        )
    return result


def sd_jwt_processed(text: str, *, strict: bool = True) -> tuple[dict[str, Any], dict[str, Any]]:
    """Decode a combined SD-JWT: (issuer JWT header, processed payload). No signature check.

    `strict=False` leaves out disclosures that match no digest (see `processed_payload`).
    """
    issuer_jwt, disclosures, _ = split_sd_jwt(text)
    header, payload = decode_compact_json(issuer_jwt)
    if not isinstance(payload, dict):
        raise FormatError(M("malformed SD-JWT: payload is not a JSON object"))
    return header, processed_payload(payload, disclosures, strict=strict)


# --- verification helpers (wallet.verify) ---------------------------------------------------


def verify_signature(alg: str, public_key: Any, signature: bytes, signing_input: bytes) -> bool:
    """True when `signature` over `signing_input` verifies under `alg` with `public_key`.

    For JWS parts already split (JSON serialization, KB-JWTs): False for an unknown alg, a key
    that does not fit it, or a bad signature; never raises for those.
    """
    return _verify(alg, public_key, signature, signing_input)


def sd_hash(presentation: str, sd_alg: str = "sha-256") -> str:
    """The KB-JWT `sd_hash`: base64url(hash(ASCII of `issuer-jwt~d1~...~dn~`))."""
    return b64url_encode(_digest(presentation.encode("ascii"), sd_alg))


def supported_sd_alg(sd_alg: str) -> bool:
    """Whether disclosures hashed with `sd_alg` can be checked (sha-256/384/512)."""
    return sd_alg in _SD_HASHES


@dataclass
class SdJwtParts:
    """An SD-JWT in any serialization, reduced to the parts a verifier checks.

    `issuer_jwt` is the compact `protected.payload.signature` of the (first) issuer signature;
    `unprotected` the unprotected header of that signature (JSON serialization only, without
    `disclosures`/`kb_jwt`); `presentation` the compact `jwt~d1~...~dn~` a KB-JWT's sd_hash covers.
    """

    issuer_jwt: str
    disclosures: list[str]
    kb_jwt: str | None
    serialization: str  # "compact", "flattened" or "general"
    unprotected: dict[str, Any] = field(default_factory=dict)
    other_signatures: int = 0

    @property
    def presentation(self) -> str:
        return "~".join([self.issuer_jwt, *self.disclosures]) + "~"


def _json_sd_jwt(text: str) -> SdJwtParts:
    try:
        doc = load_json_bytes(text.encode("utf-8"))
    except FormatError as e:
        raise FormatError(M("SD-JWT JSON serialization: {problem}", problem=e.msg)) from e
    if not isinstance(doc, dict) or not isinstance(doc.get("payload"), str):
        raise FormatError(M("malformed SD-JWT: a JSON serialization needs a 'payload' string"))
    others = 0
    if "signatures" in doc:  # general: disclosures and kb_jwt travel with the first signature
        sigs = doc["signatures"]
        if not isinstance(sigs, list) or not sigs or not all(isinstance(s, dict) for s in sigs):
            raise FormatError(M("malformed SD-JWT: 'signatures' is not a list of objects"))
        sig, others, form = sigs[0], len(sigs) - 1, "general"
    else:
        sig, form = doc, "flattened"
    protected, signature = sig.get("protected"), sig.get("signature")
    if not isinstance(protected, str) or not isinstance(signature, str):
        raise FormatError(M("malformed SD-JWT: a signature needs 'protected' and 'signature'"))
    unprotected = sig.get("header") or {}
    if not isinstance(unprotected, dict):
        raise FormatError(M("malformed SD-JWT: the unprotected 'header' is not an object"))
    disclosures = unprotected.get("disclosures", [])
    if not isinstance(disclosures, list) or not all(isinstance(d, str) and d for d in disclosures):
        raise FormatError(M("malformed SD-JWT: 'disclosures' is not a list of strings"))
    kb_jwt = unprotected.get("kb_jwt")
    if kb_jwt is not None and not (isinstance(kb_jwt, str) and kb_jwt):
        raise FormatError(M("malformed SD-JWT: 'kb_jwt' is not a string"))
    rest = {k: v for k, v in unprotected.items() if k not in ("disclosures", "kb_jwt")}
    compact = f"{protected}.{doc['payload']}.{signature}"
    return SdJwtParts(compact, list(disclosures), kb_jwt, form, rest, others)


def parse_sd_jwt(text: str) -> SdJwtParts:
    """Read an SD-JWT (+KB) in compact form or JWS JSON serialization (flattened or general)."""
    text = text.strip().removeprefix("\ufeff")
    if text.startswith("{"):
        return _json_sd_jwt(text)
    issuer_jwt, disclosures, kb_jwt = split_sd_jwt(text)
    return SdJwtParts(issuer_jwt, disclosures, kb_jwt, "compact")


def key_binding_jwt(
    presentation: str,
    holder_key: Any,
    *,
    aud: str,
    nonce: str,
    iat: int,
    sd_alg: str = "sha-256",
    alg: str | None = None,
) -> str:
    """A KB-JWT (typ kb+jwt) by the holder over `jwt~d1~...~dn~`; append it to present.

    For the holder side and tests: it signs aud, nonce, iat and the presentation's sd_hash.
    """
    if not presentation.endswith("~"):
        raise ValueError("the presentation must end with '~' (jwt~disclosures~)")
    payload = {"nonce": nonce, "aud": aud, "iat": iat, "sd_hash": sd_hash(presentation, sd_alg)}
    header: dict[str, Any] = {"typ": "kb+jwt"}
    if alg:
        header["alg"] = alg
    return sign_compact(header, _compact_json(payload), holder_key)
