"""Key encodings: base58btc, multibase, multicodec, Multikey, did:key, did:jwk and JWK.

Why: credentials name their signing keys in these text forms, and the wallet must turn them into
`cryptography` key objects (and back, for the demo issuer) without any network look-up. Only the
*encodings* are written here; every cryptographic operation is left to `cryptography`.

Supported key types: Ed25519, ECDSA P-256 and P-384 (did:key, did:jwk, Multikey, JWK), secp256k1
as a JWK (and so in did:jwk: ES256K JWTs carry those), and RSA public keys from a JWK (VC-JWTs
signed with RS256 carry those).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from typing import Any

import rfc8785
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from wallet.errors import WalletError
from wallet.messages import M

PublicKey = ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey | rsa.RSAPublicKey
PrivateKey = ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey

# Multicodec codes (https://github.com/multiformats/multicodec table) for the keys we handle.
ED25519_PUB = 0xED
P256_PUB = 0x1200
P384_PUB = 0x1201
ED25519_PRIV = 0x1300
P256_PRIV = 0x1306
P384_PRIV = 0x1307

_CURVES: dict[str, tuple[type[ec.EllipticCurve], int, int, int]] = {
    # JWK crv: (curve class, coordinate size in bytes, public multicodec, private multicodec)
    "P-256": (ec.SECP256R1, 32, P256_PUB, P256_PRIV),
    "P-384": (ec.SECP384R1, 48, P384_PUB, P384_PRIV),
}
# `name` is a class attribute of each concrete curve, but EllipticCurve declares it an abstract
# property, so it is read from an instance (the same string).
_CURVE_BY_NAME = {cls().name: crv for crv, (cls, *_rest) in _CURVES.items()}
_CURVE_BY_PRIVATE_CODE = {priv: crv for crv, (*_rest, priv) in _CURVES.items()}
# JWK crv: (curve class, coordinate size). secp256k1 only as a JWK (RFC 8812: ES256K JWTs and
# their cnf keys); its did:key and Multikey forms are read by wallet.verify.legacy_jws.
_JWK_CURVES: dict[str, tuple[type[ec.EllipticCurve], int]] = {
    **{crv: (cls, size) for crv, (cls, size, *_codes) in _CURVES.items()},
    "secp256k1": (ec.SECP256K1, 32),
}
_JWK_CURVE_BY_NAME = {cls().name: crv for crv, (cls, _size) in _JWK_CURVES.items()}

# DID methods whose identifier is the key itself: resolvable offline (public_key_from_did).
OFFLINE_DIDS = ("did:key:", "did:jwk:")

_B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {c: i for i, c in enumerate(_B58_ALPHABET)}


class KeyFormatError(WalletError):
    """A key, DID or encoded string that the wallet cannot read."""


@dataclass(frozen=True)
class Holder:
    """A key of the learner's that signs as the holder (a presentation, an answer to a
    verifier, a proof of possession for an issuer): its private key and its DID."""

    key: Any = field(repr=False)
    did: str


# --- base58btc and multibase -----------------------------------------------------------------


def b58encode(data: bytes) -> str:
    """Bitcoin-alphabet base58, as multibase 'z' and did:key use it."""
    zeros = len(data) - len(data.lstrip(b"\0"))
    n = int.from_bytes(data, "big")
    out = []
    while n:
        n, rem = divmod(n, 58)
        out.append(_B58_ALPHABET[rem])
    return "1" * zeros + "".join(reversed(out))


def b58decode(text: str) -> bytes:
    """Inverse of `b58encode`; refuses characters outside the alphabet."""
    n = 0
    for ch in text:
        try:
            n = n * 58 + _B58_INDEX[ch]
        except KeyError:
            raise KeyFormatError(
                M("not base58btc: unexpected character {char}", char=repr(ch))
            ) from None
    zeros = len(text) - len(text.lstrip("1"))
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\0" * zeros + body


def b64url_encode(data: bytes) -> str:
    """Unpadded base64url (JWK members, did:jwk, JOSE)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Unpadded (or padded) base64url; refuses anything else."""
    if not isinstance(text, str):
        raise KeyFormatError(M("expected a base64url string"))
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise KeyFormatError(M("not base64url")) from None


def multibase_encode(data: bytes, base: str = "base58btc") -> str:
    """Multibase text for `data`: 'z' + base58btc (the default) or 'u' + base64url."""
    if base == "base58btc":
        return "z" + b58encode(data)
    if base == "base64url":
        return "u" + b64url_encode(data)
    raise KeyFormatError(M("unsupported multibase encoding {base}", base=base))


def multibase_decode(text: str) -> bytes:
    """Decode multibase text; understands 'z' (base58btc), 'u' (base64url), 'f' (hex)."""
    if not isinstance(text, str) or not text:
        raise KeyFormatError(M("not a multibase string"))
    prefix, body = text[0], text[1:]
    if prefix == "z":
        return b58decode(body)
    if prefix == "u":
        return b64url_decode(body)
    if prefix == "f":
        try:
            return bytes.fromhex(body)
        except ValueError:
            raise KeyFormatError(M("not base16 multibase")) from None
    raise KeyFormatError(M("unsupported multibase prefix {prefix}", prefix=repr(prefix)))


# --- multicodec -------------------------------------------------------------------------------


def varint_encode(n: int) -> bytes:
    """Unsigned LEB128, the multicodec prefix form."""
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def varint_decode(data: bytes) -> tuple[int, int]:
    """Return (value, bytes used) for the varint at the start of `data`."""
    value = shift = 0
    for i, byte in enumerate(data[:9]):
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, i + 1
        shift += 7
    raise KeyFormatError(M("bad multicodec prefix"))


def multicodec_wrap(code: int, data: bytes) -> bytes:
    return varint_encode(code) + data


def multicodec_unwrap(data: bytes) -> tuple[int, bytes]:
    """Split multicodec-prefixed bytes into (code, payload)."""
    code, used = varint_decode(data)
    return code, data[used:]


# --- raw public key bytes <-> key objects -----------------------------------------------------


def _curve_of(key: ec.EllipticCurvePublicKey | ec.EllipticCurvePrivateKey) -> str:
    """The JWK `crv` of an EC key, for the `_CURVES` entry; other curves are refused."""
    crv = _CURVE_BY_NAME.get(key.curve.name)
    if crv is None:
        raise KeyFormatError(M("unsupported elliptic curve {curve}", curve=key.curve.name))
    return crv


def _public_codec_bytes(key: PublicKey) -> tuple[int, bytes]:
    if isinstance(key, ed25519.Ed25519PublicKey):
        return ED25519_PUB, key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    if isinstance(key, ec.EllipticCurvePublicKey):
        pub_code = _CURVES[_curve_of(key)][2]
        return pub_code, key.public_bytes(Encoding.X962, PublicFormat.CompressedPoint)
    raise KeyFormatError(
        M("unsupported key type {type} for multikey/did:key", type=type(key).__name__)
    )


def _public_from_codec(code: int, raw: bytes) -> PublicKey:
    if code == ED25519_PUB:
        if len(raw) != 32:
            raise KeyFormatError(M("an Ed25519 public key is 32 bytes"))
        return ed25519.Ed25519PublicKey.from_public_bytes(raw)
    for cls, size, pub_code, _priv in _CURVES.values():
        if code == pub_code:
            if len(raw) != size + 1 or raw[0] not in (2, 3):
                raise KeyFormatError(
                    M("{curve} key must be a compressed point", curve=str(cls.name))
                )
            try:
                return ec.EllipticCurvePublicKey.from_encoded_point(cls(), raw)
            except ValueError:
                raise KeyFormatError(M("not a point on {curve}", curve=str(cls.name))) from None
    raise KeyFormatError(M("unsupported multicodec key type 0x{code}", code=f"{code:x}"))


def public_key_to_multikey(key: PublicKey) -> str:
    """`publicKeyMultibase` of a Multikey: 'z' + base58btc(multicodec prefix + key bytes)."""
    code, raw = _public_codec_bytes(key)
    return multibase_encode(multicodec_wrap(code, raw))


def multikey_to_public_key(public_key_multibase: str) -> PublicKey:
    """Read a Multikey `publicKeyMultibase` (Ed25519, P-256, P-384)."""
    if not isinstance(public_key_multibase, str) or not public_key_multibase.startswith("z"):
        raise KeyFormatError(M("publicKeyMultibase must be base58btc ('z…')"))
    code, raw = multicodec_unwrap(multibase_decode(public_key_multibase))
    return _public_from_codec(code, raw)


def private_key_to_multicodec(key: PrivateKey) -> bytes:
    """Multicodec private-key prefix + raw secret: the bytes a holder key is kept as when it
    is not Ed25519 (which is kept raw), so the prefix says which curve it is."""
    if isinstance(key, ed25519.Ed25519PrivateKey):
        raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        return multicodec_wrap(ED25519_PRIV, raw)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        _cls, size, _pub, priv_code = _CURVES[_curve_of(key)]
        raw = key.private_numbers().private_value.to_bytes(size, "big")
        return multicodec_wrap(priv_code, raw)
    raise KeyFormatError(M("unsupported private key type {type}", type=type(key).__name__))


def private_key_to_multibase(key: PrivateKey) -> str:
    """`secretKeyMultibase`: multicodec private-key prefix + raw secret, base58btc."""
    return multibase_encode(private_key_to_multicodec(key))


def private_key_from_multibase(text: str) -> PrivateKey:
    """Read a `secretKeyMultibase`/`privateKeyMultibase` (Ed25519, P-256, P-384)."""
    return private_key_from_multicodec(multibase_decode(text))


def private_key_from_multicodec(data: bytes) -> PrivateKey:
    """Inverse of `private_key_to_multicodec` (Ed25519, P-256, P-384)."""
    code, raw = multicodec_unwrap(data)
    if code == ED25519_PRIV:
        try:
            return ed25519.Ed25519PrivateKey.from_private_bytes(raw)
        except ValueError:  # not 32 bytes
            raise KeyFormatError(M("an Ed25519 private key is 32 bytes")) from None
    crv = _CURVE_BY_PRIVATE_CODE.get(code)
    if crv is None:
        raise KeyFormatError(
            M("unsupported multicodec private key type 0x{code}", code=f"{code:x}")
        )
    cls, size, _pub, _priv = _CURVES[crv]
    if len(raw) != size:
        raise KeyFormatError(
            M("a {curve} private key is {size} bytes", curve=str(cls.name), size=size)
        )
    try:
        return ec.derive_private_key(int.from_bytes(raw, "big"), cls())
    except ValueError:
        raise KeyFormatError(M("not a valid {curve} private key", curve=str(cls.name))) from None


# --- did:key -----------------------------------------------------------------------------------


def did_key_from_public_key(key: PublicKey) -> str:
    """`did:key` for an Ed25519, P-256 or P-384 public key."""
    return "did:key:" + public_key_to_multikey(key)


def did_key_verification_method(key: PublicKey) -> str:
    """The did:key verification method id (`did:key:z…#z…`) issuers put in proofs."""
    mb = public_key_to_multikey(key)
    return f"did:key:{mb}#{mb}"


def public_key_from_did_key(did: str) -> PublicKey:
    """Public key named by a did:key DID or DID URL (a fragment, if any, must repeat the key)."""
    if not isinstance(did, str) or not did.startswith("did:key:"):
        raise KeyFormatError(M("not a did:key identifier"))
    rest = did[len("did:key:") :]
    ident, _, fragment = rest.partition("#")
    if "?" in ident or "/" in ident:
        raise KeyFormatError(M("did:key with a path or query is not supported"))
    if fragment and fragment != ident:
        raise KeyFormatError(M("did:key fragment does not name the key itself"))
    return multikey_to_public_key(ident)


# --- JWK ---------------------------------------------------------------------------------------


def _int_to_b64(n: int, size: int | None = None) -> str:
    length = size if size is not None else max(1, (n.bit_length() + 7) // 8)
    return b64url_encode(n.to_bytes(length, "big"))


def _b64_to_int(jwk: dict[str, Any], member: str, size: int | None = None) -> int:
    value = jwk.get(member)
    if not isinstance(value, str):
        raise KeyFormatError(M("JWK is missing '{member}'", member=member))
    raw = b64url_decode(value)
    if size is not None and len(raw) != size:
        raise KeyFormatError(
            M("JWK member '{member}' must be {size} bytes", member=member, size=size)
        )
    return int.from_bytes(raw, "big")


def public_key_to_jwk(key: PublicKey) -> dict[str, str]:
    """Public JWK (RFC 7517/8037) with only the key members, no `kid`/`alg`."""
    if isinstance(key, ed25519.Ed25519PublicKey):
        return {
            "kty": "OKP",
            "crv": "Ed25519",
            "x": b64url_encode(key.public_bytes(Encoding.Raw, PublicFormat.Raw)),
        }
    if isinstance(key, ec.EllipticCurvePublicKey):
        crv = _JWK_CURVE_BY_NAME.get(key.curve.name)
        if crv is None:
            raise KeyFormatError(M("unsupported elliptic curve {curve}", curve=key.curve.name))
        size = _JWK_CURVES[crv][1]
        nums = key.public_numbers()
        return {
            "kty": "EC",
            "crv": crv,
            "x": _int_to_b64(nums.x, size),
            "y": _int_to_b64(nums.y, size),
        }
    if isinstance(key, rsa.RSAPublicKey):
        rsa_nums = key.public_numbers()
        return {"kty": "RSA", "n": _int_to_b64(rsa_nums.n), "e": _int_to_b64(rsa_nums.e)}
    raise KeyFormatError(M("unsupported key type {type}", type=type(key).__name__))


def public_key_from_jwk(jwk: dict[str, Any]) -> PublicKey:
    """Public key from a JWK: OKP Ed25519, EC P-256/P-384/secp256k1, or RSA. Private members are
    ignored."""
    if not isinstance(jwk, dict):
        raise KeyFormatError(M("a JWK must be a JSON object"))
    kty = jwk.get("kty")
    if kty == "OKP":
        if jwk.get("crv") != "Ed25519":
            raise KeyFormatError(M("unsupported OKP curve {curve}", curve=str(jwk.get("crv"))))
        raw = b64url_decode(jwk.get("x", ""))
        if len(raw) != 32:
            raise KeyFormatError(M("an Ed25519 JWK 'x' is 32 bytes"))
        return ed25519.Ed25519PublicKey.from_public_bytes(raw)
    if kty == "EC":
        crv = jwk.get("crv")
        if crv not in _JWK_CURVES:
            raise KeyFormatError(M("unsupported EC curve {curve}", curve=str(crv)))
        cls, size = _JWK_CURVES[crv]
        x = _b64_to_int(jwk, "x", size)
        y = _b64_to_int(jwk, "y", size)
        try:
            return ec.EllipticCurvePublicNumbers(x, y, cls()).public_key()
        except ValueError:
            raise KeyFormatError(M("JWK point is not on {curve}", curve=str(crv))) from None
    if kty == "RSA":
        n = _b64_to_int(jwk, "n")
        e = _b64_to_int(jwk, "e")
        if n.bit_length() < 2048:
            raise KeyFormatError(M("RSA keys shorter than 2048 bits are not accepted"))
        try:
            return rsa.RSAPublicNumbers(e, n).public_key()
        except ValueError:
            raise KeyFormatError(M("JWK is not a valid RSA public key")) from None
    raise KeyFormatError(M("unsupported JWK key type {type}", type=str(kty)))


def private_key_to_jwk(key: PrivateKey) -> dict[str, str]:
    """Private JWK (public members plus 'd'), for demo/test keys kept in files."""
    jwk = public_key_to_jwk(key.public_key())
    if isinstance(key, ed25519.Ed25519PrivateKey):
        jwk["d"] = b64url_encode(key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()))
    else:
        size = _JWK_CURVES[jwk["crv"]][1]
        jwk["d"] = _int_to_b64(key.private_numbers().private_value, size)
    return jwk


def private_key_from_jwk(jwk: dict[str, Any]) -> PrivateKey:
    """Private key from a JWK with 'd' (Ed25519, P-256, P-384); 'd' must match the public part."""
    public = public_key_from_jwk(jwk)
    if isinstance(public, ed25519.Ed25519PublicKey):
        raw = b64url_decode(jwk.get("d", ""))
        if len(raw) != 32:
            raise KeyFormatError(M("an Ed25519 JWK 'd' is 32 bytes"))
        key: PrivateKey = ed25519.Ed25519PrivateKey.from_private_bytes(raw)
    elif isinstance(public, ec.EllipticCurvePublicKey):
        cls, size = _JWK_CURVES[jwk["crv"]]
        try:
            key = ec.derive_private_key(_b64_to_int(jwk, "d", size), cls())
        except ValueError:
            raise KeyFormatError(M("JWK 'd' is not a valid private key")) from None
    else:
        raise KeyFormatError(M("only Ed25519 and EC private JWKs are supported"))
    if public_key_to_jwk(key.public_key()) != public_key_to_jwk(public):
        raise KeyFormatError(M("JWK 'd' does not belong to its public key"))
    return key


def jwk_thumbprint(key: PublicKey) -> str:
    """RFC 7638 thumbprint (SHA-256, base64url): a stable `kid` for a key."""
    jwk = public_key_to_jwk(key)
    required = {
        "OKP": ("crv", "kty", "x"),
        "EC": ("crv", "kty", "x", "y"),
        "RSA": ("e", "kty", "n"),
    }[jwk["kty"]]
    text = json.dumps({k: jwk[k] for k in required}, separators=(",", ":"), sort_keys=True)
    digest = hashes.Hash(hashes.SHA256())
    digest.update(text.encode("utf-8"))
    return b64url_encode(digest.finalize())


# --- did:jwk -----------------------------------------------------------------------------------


def did_jwk_from_public_key(key: PublicKey) -> str:
    """`did:jwk` of a public key: base64url of the JCS-serialized public JWK."""
    return "did:jwk:" + b64url_encode(rfc8785.dumps(public_key_to_jwk(key)))


def public_key_from_did_jwk(did: str) -> PublicKey:
    """Public key named by a did:jwk DID or DID URL (fragment '#0' or none)."""
    if not isinstance(did, str) or not did.startswith("did:jwk:"):
        raise KeyFormatError(M("not a did:jwk identifier"))
    ident, _, fragment = did[len("did:jwk:") :].partition("#")
    if fragment not in ("", "0"):
        raise KeyFormatError(M("did:jwk verification method must be '#0'"))
    try:
        jwk = json.loads(b64url_decode(ident))
    except (ValueError, UnicodeDecodeError):
        raise KeyFormatError(M("did:jwk does not hold a JSON JWK")) from None
    if not isinstance(jwk, dict):
        raise KeyFormatError(M("did:jwk does not hold a JSON JWK"))
    if "d" in jwk:
        raise KeyFormatError(M("did:jwk must not contain a private key"))
    return public_key_from_jwk(jwk)


def public_key_from_did(did_url: str) -> PublicKey:
    """Public key for a did:key or did:jwk DID (URL); the only DID methods resolvable offline."""
    if isinstance(did_url, str) and did_url.startswith("did:key:"):
        return public_key_from_did_key(did_url)
    if isinstance(did_url, str) and did_url.startswith("did:jwk:"):
        return public_key_from_did_jwk(did_url)
    method = did_url.split(":")[1] if isinstance(did_url, str) and did_url.count(":") >= 2 else ""
    if isinstance(did_url, str) and did_url.startswith("did:"):
        raise KeyFormatError(M("DID method '{method}' cannot be resolved offline", method=method))
    raise KeyFormatError(M("not a DID"))
