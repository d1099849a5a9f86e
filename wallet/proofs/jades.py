"""JAdES (ETSI TS 119 182-1): the JWS JSON envelope Europass EDC credentials are sealed in.

A sealed EDC is a JWS in the general (or flattened) JSON serialization whose payload is the ELM
JSON-LD document itself, unencoded (RFC 7797 `b64: false`), signed with the key of a qualified
electronic seal whose certificate chain travels in `x5c`. This module only takes the envelope
apart (bounded, plain errors) and, for tests and interop, puts one together; judging the
signature and the seal is wallet.verify.jades's work.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509

from wallet.errors import FormatError
from wallet.messages import M, Msg
from wallet.proofs.jose import (
    SUPPORTED_ALGS,
    _sign,
    alg_for_key,
    b64url_decode,
    b64url_encode,
    load_json_bytes,
)

MAX_CERTIFICATES = 10  # a seal chain is leaf, one or two CAs, a root: ten is plenty
MAX_CERTIFICATE_BYTES = 64 * 1024  # one DER certificate
MAX_PROTECTED_CHARS = 1024 * 1024  # the protected header carries timestamp tokens (adoTst)

# Header names JWS/JWA define (RFC 7515 section 4.1.11 forbids them in `crit`).
_JWS_HEADERS = frozenset(
    {"alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit"}
)
# `crit` names this wallet understands: `b64` (RFC 7797) and the JAdES header parameters
# that add signed attributes without changing what the signature covers. `sigD` (detached
# data objects, signed through their own digests) is not among them: the wallet would have
# to fetch and hash other documents to know what was signed.
UNDERSTOOD_CRIT = frozenset(
    {"b64", "sigT", "adoTst", "sigX5ts", "x5t#o", "srCms", "srAts", "sigPl", "sigPId", "sigPSt"}
)

_B64 = re.compile(r"^[A-Za-z0-9+/]*={0,2}$")


@dataclass(frozen=True)
class JadesEnvelope:
    """One JAdES signature taken apart, unverified.

    `signing_input` is exactly what the signature covers (ASCII of the protected header as it
    was written, a dot, the payload as signed), so nothing is re-encoded before checking.
    """

    protected: dict[str, Any]
    payload: bytes
    signature: bytes
    certificates: list[bytes]  # x5c, DER, leaf first; empty when the envelope has none
    signing_input: bytes
    unprotected: dict[str, Any] = field(default_factory=dict)
    signing_time: dt.datetime | None = None  # sigT (or iat), aware UTC; None when absent
    certificates_signed: bool = True  # False when x5c sat in the unprotected header

    @property
    def alg(self) -> str:
        return str(self.protected.get("alg", ""))

    def document(self) -> Any:
        """The payload parsed as JSON (the ELM credential), with the usual JSON limits."""
        try:
            return load_json_bytes(self.payload)
        except FormatError as e:
            raise FormatError(M("the sealed document is {problem}", problem=e.msg)) from e


def _bad(problem: Msg) -> FormatError:
    return FormatError(M("malformed JAdES seal: {problem}", problem=problem))


def looks_like_jades(value: Any) -> bool:
    """Cheap shape test on parsed JSON: a JWS JSON serialization (general or flattened)."""
    if not isinstance(value, dict) or "payload" not in value:
        return False
    sigs = value.get("signatures")
    if isinstance(sigs, list):
        return bool(sigs) and all(isinstance(s, dict) and "signature" in s for s in sigs)
    return "protected" in value and "signature" in value


def _std_b64(text: Any, index: int) -> bytes:
    """One x5c entry: standard base64 of DER (RFC 7515 section 4.1.6), not base64url."""
    if (
        not isinstance(text, str)
        or len(text) > MAX_CERTIFICATE_BYTES * 4 // 3 + 4
        or not _B64.match(text)
    ):
        raise _bad(M("certificate {number} in x5c is not base64", number=index + 1))
    try:
        der = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as e:
        raise _bad(M("certificate {number} in x5c is not base64", number=index + 1)) from e
    try:
        x509.load_der_x509_certificate(der)
    except ValueError as e:
        raise _bad(
            M("certificate {number} in x5c is not an X.509 certificate", number=index + 1)
        ) from e
    return der


def _certificates(raw: Any) -> list[bytes]:
    if not isinstance(raw, list) or not raw:
        raise _bad(M("x5c is not a non-empty list of certificates"))
    if len(raw) > MAX_CERTIFICATES:
        raise _bad(
            M(
                "x5c lists {count} certificates, more than the {limit} the wallet reads",
                count=len(raw),
                limit=MAX_CERTIFICATES,
            )
        )
    return [_std_b64(text, i) for i, text in enumerate(raw)]


def _signing_time(protected: dict[str, Any]) -> dt.datetime | None:
    if "sigT" in protected:
        raw = protected["sigT"]
        # JAdES writes sigT as an RFC 3339 UTC time ("2023-09-27T11:54:17Z").
        if not isinstance(raw, str) or not re.fullmatch(
            r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z", raw
        ):
            raise _bad(M("the signing time (sigT) is not a UTC date and time"))
        try:
            return dt.datetime.fromisoformat(raw[:19]).replace(tzinfo=dt.UTC)
        except ValueError as e:
            raise _bad(M("the signing time (sigT) is not a UTC date and time")) from e
    if "iat" in protected:
        raw = protected["iat"]
        if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw < 2**35:
            raise _bad(M("the signing time (iat) is not a number of seconds"))
        return dt.datetime.fromtimestamp(raw, dt.UTC)
    return None


def _one_signature(top: dict[str, Any]) -> dict[str, Any]:
    sigs = top.get("signatures")
    if sigs is None:
        return top  # flattened serialization: the signature's members sit at the top
    if not isinstance(sigs, list) or not sigs:
        raise _bad(M("'signatures' is not a non-empty list"))
    if len(sigs) != 1:
        raise _bad(
            M("it carries {count} signatures; the wallet reads seals with one", count=len(sigs))
        )
    if not isinstance(sigs[0], dict):
        raise _bad(M("the signature is not a JSON object"))
    if "protected" in top or "signature" in top:
        raise _bad(M("it mixes the general and the flattened JSON serialization"))
    return sigs[0]


def parse_jades(data: bytes) -> JadesEnvelope:
    """Take a JAdES JSON serialization apart, unverified; FormatError when malformed.

    Accepts the general serialization EDC issuers write ({"payload", "signatures": [one]})
    and the flattened one ({"payload", "protected", "header", "signature"}). A detached
    signature (no payload inside) is refused: the wallet keeps what was signed.
    """
    top = load_json_bytes(data, M("the JAdES seal is"))
    if not isinstance(top, dict):
        raise _bad(M("not a JSON object"))
    sig = _one_signature(top)
    if "payload" not in top:
        raise _bad(M("the signed document is detached (no payload inside the seal)"))
    raw_payload = top["payload"]
    if not isinstance(raw_payload, str):
        raise _bad(M("the payload is not a string"))

    raw_protected = sig.get("protected")
    if not isinstance(raw_protected, str) or not raw_protected:
        raise _bad(M("it has no protected header"))
    if len(raw_protected) > MAX_PROTECTED_CHARS:
        raise _bad(
            M(
                "the protected header is larger than {size} KiB",
                size=MAX_PROTECTED_CHARS // 1024,
            )
        )
    try:
        protected = load_json_bytes(b64url_decode(raw_protected, "header"))
    except FormatError as e:
        raise _bad(M("the protected header is {problem}", problem=e.msg)) from e
    if not isinstance(protected, dict):
        raise _bad(M("the protected header is not a JSON object"))
    unprotected = sig.get("header", {})
    if not isinstance(unprotected, dict):
        raise _bad(M("the unprotected header is not a JSON object"))
    overlap = sorted(set(protected) & set(unprotected))
    if overlap:
        # RFC 7515 section 7.2.1: the two headers must be disjoint.
        raise _bad(M("the header {name} is both protected and unprotected", name=overlap[0]))

    alg = protected.get("alg")
    if not isinstance(alg, str) or not alg:
        raise _bad(M("the protected header has no alg"))
    if alg not in SUPPORTED_ALGS:
        raise _bad(M("the signature algorithm {alg} is not supported", alg=alg[:40]))

    b64 = protected.get("b64", True)
    if not isinstance(b64, bool):
        raise _bad(M("b64 is not true or false"))
    if b64:
        payload = b64url_decode(raw_payload, "payload")
        payload_as_signed = raw_payload.encode("ascii")
    else:
        # RFC 7797: the payload is signed as it is; JSON carried it as a string.
        payload = raw_payload.encode("utf-8")
        payload_as_signed = payload

    raw_signature = sig.get("signature")
    if not isinstance(raw_signature, str) or not raw_signature:
        raise _bad(M("it has no signature value"))
    signature = b64url_decode(raw_signature, "signature")

    if "x5c" in protected:
        certificates, signed = _certificates(protected["x5c"]), True
    elif "x5c" in unprotected:
        certificates, signed = _certificates(unprotected["x5c"]), False
    else:
        certificates, signed = [], True

    return JadesEnvelope(
        protected=protected,
        payload=payload,
        signature=signature,
        certificates=certificates,
        signing_input=raw_protected.encode("ascii") + b"." + payload_as_signed,
        unprotected=unprotected,
        signing_time=_signing_time(protected),
        certificates_signed=signed,
    )


def crit_problem(envelope: JadesEnvelope) -> Msg | None:
    """Why the envelope's `crit` makes its signature unacceptable; None when it is fine.

    Why: `crit` names header parameters a verifier must understand and process, or else
    reject the signature (RFC 7515 section 4.1.11); an unencoded payload must be declared
    critical (RFC 7797 section 6), so an old verifier cannot misread what was signed.
    """
    protected = envelope.protected
    if "crit" in envelope.unprotected:
        return M("the seal lists 'crit' in its unprotected header, where it is not signed")
    crit = protected.get("crit", [])
    if not isinstance(crit, list) or not all(isinstance(n, str) for n in crit):
        return M("the seal's 'crit' header is not a list of header names")
    if protected.get("b64") is False and "b64" not in crit:
        return M("the seal has an unencoded payload (b64) but does not mark it critical")
    for name in crit:
        shown = repr(name if len(name) <= 60 else name[:60] + "…")
        if name in _JWS_HEADERS or name not in protected:
            return M("the seal's 'crit' header lists {name} wrongly", name=shown)
        if name not in UNDERSTOOD_CRIT:
            return M(
                "the seal marks {name} as critical, which this wallet does not understand",
                name=shown,
            )
    return None


def certificate_thumbprint_problem(envelope: JadesEnvelope) -> Msg | None:
    """Why the signed certificate reference does not match the leaf in x5c; None when fine.

    Why: when x5c is not in the protected header, only a signed thumbprint (`x5t#S256`) ties
    the certificate to the signature; a thumbprint present must match in any case.
    """
    if not envelope.certificates:
        return None
    leaf = envelope.certificates[0]
    want = envelope.protected.get("x5t#S256")
    if want is not None:
        if want != b64url_encode(hashlib.sha256(leaf).digest()):
            return M("the seal's signed certificate thumbprint does not match its certificate")
        return None
    if not envelope.certificates_signed:
        return M("the seal's certificate is not covered by the signature (no x5t#S256)")
    return None


def seal_jades(
    document: bytes,
    private_key: Any,
    certificates: list[bytes],
    *,
    signing_time: dt.datetime | None = None,
    alg: str | None = None,
    flattened: bool = False,
) -> bytes:
    """Seal `document` as EDC issuers do (general serialization, unencoded payload).

    For tests and interop: the wallet itself never seals. `certificates` are DER, leaf first.
    """
    when = (signing_time or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    leaf = certificates[0]
    header: dict[str, Any] = {
        "alg": alg or alg_for_key(private_key),
        "typ": "jose+json",
        "cty": "octet-stream",
        "x5t#S256": b64url_encode(hashlib.sha256(leaf).digest()),
        "x5c": [base64.b64encode(c).decode("ascii") for c in certificates],
        "b64": False,
        "sigT": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "crit": ["b64", "sigT"],
    }
    protected = b64url_encode(json.dumps(header, separators=(",", ":")).encode("utf-8"))
    signature = _sign(header["alg"], private_key, protected.encode("ascii") + b"." + document)
    sig = {"protected": protected, "signature": b64url_encode(signature)}
    text = document.decode("utf-8")
    out: dict[str, Any] = (
        {"payload": text, **sig} if flattened else {"payload": text, "signatures": [sig]}
    )
    return json.dumps(out, ensure_ascii=False).encode("utf-8")
