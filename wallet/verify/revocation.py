"""Has the CA revoked a seal's certificate? OCSP first, else the CA's revocation list (CRL).

Why our own code and not pyhanko-certvalidator's revocation checking: the answer has to come
back as a plain sentence (revoked on which day, for which reason; or exactly why it could not
be checked), the documents must go through the wallet's bounded fetcher and its cache (so an
offline check can reuse a fresh answer), and the status is wanted as of now, while the chain is
judged at the signing time, which the validator's single "moment" does not separate. The
cryptography is still the libraries': `cryptography.x509.ocsp` builds the request and reads the
answer, pyhanko-certvalidator's signature validator checks the answer's signature, cryptography
checks the CRL's.

Rules:
- Online (the learner asked), the leaf's OCSP responder (its AIA) is asked by GET (RFC 6960
  A.1), no nonce, so the answer can be kept and reused; the answer counts only when signed by
  the CA that issued the certificate, or by a responder certificate that CA issued for OCSP
  signing (id-kp-OCSPSigning), and while it is current (thisUpdate not in the future,
  nextUpdate not past). Without a usable OCSP answer, the CRL of the certificate's distribution
  point is read: signed by the same CA, current, and bounded in size and entries.
- Only answers that were accepted are kept in the cache. Offline, a kept answer is used while it
  is current; else the status was not checked.
- Any revocation counts, whatever its date: the signing time in a seal is the sealer's claim,
  and a compromised key can claim any time (a seal without a trusted time stamp cannot prove it
  was made before the revocation).
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID

from wallet.messages import M, Msg, join
from wallet.verify.context import VerifyContext, distinct, iso, problem_of

OCSP_ANSWER = "ocsp"  # cache kind: an accepted OCSP response, by the GET address that asked
CRL_LIST = "crl"  # cache kind: an accepted CRL, by its address

MAX_OCSP_BYTES = 64 * 1024  # a response with its responder certificate is a few KiB
_OCSP_DOWNLOAD_BYTES = 1024 * 1024  # fetched up to this, refused past MAX_OCSP_BYTES (in KiB)
MAX_CRL_BYTES = 10 * 1024 * 1024
_OCSP_MEDIA = "application/ocsp-response"
_CRL_MEDIA = "application/pkix-crl"
MAX_CRL_ENTRIES = 250_000
MAX_RESPONSES = 64  # single responses read in one OCSP answer
MAX_RESPONSE_CERTS = 4  # certificates in one OCSP answer looked at for a delegated responder
MAX_URLS = 2  # OCSP responders, and CRL addresses, tried per certificate
FETCH_TIMEOUT_S = 10.0
SKEW = dt.timedelta(minutes=5)  # clocks differ: an answer this far in the future still counts
FRESH_WITHOUT_NEXT_UPDATE = dt.timedelta(days=1)  # an answer that names no next update

_CA_KEYS = (  # keys a CA signs CRLs with (DSA, deprecated in cryptography, is not among them)
    rsa.RSAPublicKey,
    ec.EllipticCurvePublicKey,
    ed25519.Ed25519PublicKey,
    ed448.Ed448PublicKey,
)

_REASONS: dict[x509.ReasonFlags, Msg] = {
    x509.ReasonFlags.key_compromise: M("key compromise"),
    x509.ReasonFlags.ca_compromise: M("the CA was compromised"),
    x509.ReasonFlags.aa_compromise: M("the attribute authority was compromised"),
    x509.ReasonFlags.affiliation_changed: M("the organisation's details changed"),
    x509.ReasonFlags.superseded: M("replaced by a new certificate"),
    x509.ReasonFlags.cessation_of_operation: M("the organisation ceased operation"),
    x509.ReasonFlags.privilege_withdrawn: M("the privilege was withdrawn"),
}


@dataclass(frozen=True)
class Good:
    """The CA says the certificate is not revoked, as of `day`."""

    day: dt.date


@dataclass(frozen=True)
class Revoked:
    """The CA revoked the certificate (or put it on hold) at `at`, for `reason` when given."""

    at: dt.datetime
    reason: x509.ReasonFlags | None

    def sentence(self) -> Msg:
        day = self.at.date()
        if self.reason == x509.ReasonFlags.certificate_hold:
            return M(
                "the seal's certificate was suspended (put on hold) by its CA on {day}", day=day
            )
        reason = _REASONS.get(self.reason) if self.reason is not None else None
        if reason is None:
            return M("the seal's certificate was revoked by its CA on {day}", day=day)
        return M(
            "the seal's certificate was revoked by its CA on {day} ({reason})",
            day=day,
            reason=reason,
        )


@dataclass(frozen=True)
class NotChecked:
    """Why the status is not known; `attempted`: the CA was asked (online) and did not answer
    usably, rather than the check being offline or impossible from the start."""

    why: Msg
    attempted: bool

    def sentence(self) -> Msg:
        if self.attempted:
            return M(
                "the certificate's revocation could not be checked: {problem}", problem=self.why
            )
        return M("the certificate's revocation was not checked: {reason}", reason=self.why)


Status = Good | Revoked | NotChecked

# Why the status is not known offline: an online check would ask the CA (explain.py offers one).
KEPT_NONE = M("no current answer of its CA is kept; an online check asks the CA")
_NOT_CHECKED_TEXTS = frozenset(NotChecked(KEPT_NONE, a).sentence().text for a in (False, True))


def said_unknown(msg: Msg) -> tuple[bool, bool]:
    """Whether an issuer check's words (`msg`, perhaps several joined) say that the seal's
    certificate's revocation is not known, and whether an online check would ask the CA."""
    found = online_helps = False
    todo: list[Msg] = [msg]
    seen = 0
    while todo and seen < 64:  # a message we made: a few levels, a few parts
        item = todo.pop()
        seen += 1
        if item.text in _NOT_CHECKED_TEXTS:
            found = True
        if item.text == KEPT_NONE.text:
            online_helps = True
        todo += [a for a in item.args.values() if isinstance(a, Msg)]
    return found, found and online_helps


def pointers(leaf: x509.Certificate) -> tuple[list[str], list[str]]:
    """The http(s) addresses of the certificate's OCSP responders and CRLs (at most MAX_URLS)."""
    ocsp_urls: list[str] = []
    crl_urls: list[str] = []
    try:
        aia = leaf.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
        for desc in aia:
            if desc.access_method == AuthorityInformationAccessOID.OCSP and isinstance(
                desc.access_location, x509.UniformResourceIdentifier
            ):
                ocsp_urls.append(desc.access_location.value)
    except (x509.ExtensionNotFound, ValueError):
        pass
    try:
        cdp = leaf.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
        for point in cdp:
            for name in point.full_name or []:
                if isinstance(name, x509.UniformResourceIdentifier):
                    crl_urls.append(name.value)
    except (x509.ExtensionNotFound, ValueError):
        pass

    def web(urls: list[str]) -> list[str]:
        return [u for u in urls if u.lower().startswith(("http://", "https://"))][:MAX_URLS]

    return web(ocsp_urls), web(crl_urls)


def _get(ctx: VerifyContext, url: str, max_bytes: int, accept: str) -> bytes:
    """One answer from the network: the test's fetcher when set, else the wallet's bounded
    fetch (plain http allowed: OCSP and CRLs are served over http and carry their own
    signature). Raises whatever the fetch raises when it fails (SourceError, mostly)."""
    from wallet.sources import SourceError, fetch_url

    if ctx.fetcher is not None:
        data = ctx.fetcher(url)
        if len(data) > max_bytes:
            raise SourceError(M("the answer is larger than {size} KiB", size=max_bytes // 1024))
        return data
    return fetch_url(
        url, timeout=FETCH_TIMEOUT_S, max_bytes=max_bytes, accept=accept, plain_http=True
    )


def _keep(ctx: VerifyContext, kind: str, key: str, data: bytes) -> None:
    now = iso(dt.datetime.now(dt.UTC))
    ctx.cache.cache_put(kind, key, data, now)
    ctx.consulted.append((kind, key, now))


def _current(
    this_update: dt.datetime, next_update: dt.datetime | None, at: dt.datetime
) -> Msg | None:
    """Why an answer is not current at `at`, or None when it is."""
    if this_update > at + SKEW:
        return M("the answer is dated in the future ({when})", when=this_update)
    due = next_update or this_update + FRESH_WITHOUT_NEXT_UPDATE
    if at > due:
        return M("the answer is out of date (it was valid until {when})", when=due)
    return None


# --- OCSP -------------------------------------------------------------------------------------


def request_url(responder: str, leaf: x509.Certificate, issuer: x509.Certificate) -> str:
    """The GET address that asks `responder` about `leaf` (RFC 6960 A.1; SHA-1 certificate id,
    which every responder answers)."""
    req = ocsp.OCSPRequestBuilder().add_certificate(leaf, issuer, hashes.SHA1()).build()
    b64 = base64.b64encode(req.public_bytes(serialization.Encoding.DER)).decode("ascii")
    return responder.rstrip("/") + "/" + quote(b64, safe="")


def _same_key(cert: x509.Certificate, key_hash: bytes) -> bool:
    try:
        return x509.SubjectKeyIdentifier.from_public_key(cert.public_key()).digest == key_hash
    except (ValueError, UnsupportedAlgorithm):
        return False


def _is_responder(resp: ocsp.OCSPResponse, cert: x509.Certificate) -> bool:
    if resp.responder_key_hash is not None:
        return _same_key(cert, resp.responder_key_hash)
    return resp.responder_name == cert.subject


def _signer(resp: ocsp.OCSPResponse, issuer: x509.Certificate) -> x509.Certificate | None:
    """Who may have signed the answer: the CA itself, or a responder certificate the CA issued
    for OCSP signing that was valid when the answer was produced; None when neither."""
    if _is_responder(resp, issuer):
        return issuer
    for cert in resp.certificates[:MAX_RESPONSE_CERTS]:
        if not _is_responder(resp, cert):
            continue
        try:
            cert.verify_directly_issued_by(issuer)
        except (ValueError, TypeError, InvalidSignature, UnsupportedAlgorithm):
            continue
        try:
            eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        except (x509.ExtensionNotFound, ValueError):
            continue
        produced = resp.produced_at_utc
        if ExtendedKeyUsageOID.OCSP_SIGNING in eku and (
            cert.not_valid_before_utc <= produced <= cert.not_valid_after_utc
        ):
            return cert
    return None


def _signature_valid(data: bytes, resp: ocsp.OCSPResponse, signer: x509.Certificate) -> bool:
    """The answer's signature checked with the signer's key (pyhanko-certvalidator's validator,
    which reads every signature algorithm an OCSP answer may use, RSA-PSS included)."""
    from asn1crypto import keys  # type: ignore[import-untyped]  # no type information
    from asn1crypto import ocsp as asn1_ocsp
    from pyhanko_certvalidator.sig_validate import DefaultSignatureValidator

    try:
        basic = asn1_ocsp.OCSPResponse.load(data).basic_ocsp_response
        spki = signer.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        DefaultSignatureValidator().validate_signature(
            resp.signature,
            resp.tbs_response_bytes,
            keys.PublicKeyInfo.load(spki),
            basic["signature_algorithm"],
        )
    except Exception:  # a bad signature, or one it cannot read: not signed as required
        return False
    return True


def judge_ocsp(
    data: bytes, leaf: x509.Certificate, issuer: x509.Certificate, at: dt.datetime
) -> Good | Revoked | Msg:
    """What an OCSP answer says about `leaf`, or why it does not count."""
    if len(data) > MAX_OCSP_BYTES:
        return M("the OCSP answer is larger than {size} KiB", size=MAX_OCSP_BYTES // 1024)
    try:
        resp = ocsp.load_der_ocsp_response(data)
    except ValueError as e:
        return M("the OCSP answer cannot be read: {problem}", problem=str(e))
    if resp.response_status != ocsp.OCSPResponseStatus.SUCCESSFUL:
        return M(
            "the OCSP responder refused to answer ({status})", status=resp.response_status.name
        )
    try:
        signer = _signer(resp, issuer)
        if signer is None or not _signature_valid(data, resp, signer):
            return M("the answer was not signed by the CA")
        single = None
        for i, one in enumerate(resp.responses):
            if i >= MAX_RESPONSES:
                break
            if one.serial_number != leaf.serial_number:
                continue
            ours = (
                ocsp.OCSPRequestBuilder().add_certificate(leaf, issuer, one.hash_algorithm).build()
            )
            if (one.issuer_key_hash, one.issuer_name_hash) == (
                ours.issuer_key_hash,
                ours.issuer_name_hash,
            ):
                single = one
                break
    except (ValueError, TypeError, UnsupportedAlgorithm) as e:
        return M("the OCSP answer cannot be read: {problem}", problem=str(e))
    if single is None:
        return M("the OCSP answer is about another certificate")
    stale = _current(single.this_update_utc, single.next_update_utc, at)
    if stale is not None:
        return stale
    if single.certificate_status == ocsp.OCSPCertStatus.GOOD:
        return Good(single.this_update_utc.date())
    if single.certificate_status == ocsp.OCSPCertStatus.REVOKED:
        when = single.revocation_time_utc or single.this_update_utc
        return Revoked(when, single.revocation_reason)
    return M("the OCSP responder does not know the certificate")


# --- CRL --------------------------------------------------------------------------------------


def judge_crl(
    data: bytes, leaf: x509.Certificate, issuer: x509.Certificate, at: dt.datetime
) -> Good | Revoked | Msg:
    """What a CRL says about `leaf`, or why it does not count."""
    if len(data) > MAX_CRL_BYTES:
        return M(
            "the revocation list is larger than {size} MiB", size=MAX_CRL_BYTES // (1024 * 1024)
        )
    try:
        crl = (
            x509.load_pem_x509_crl(data)
            if data.lstrip().startswith(b"-----")
            else x509.load_der_x509_crl(data)
        )
        key = issuer.public_key()
        if not isinstance(key, _CA_KEYS):
            return M("the revocation list was not signed by the CA")
        if crl.issuer != issuer.subject or not crl.is_signature_valid(key):
            return M("the revocation list was not signed by the CA")
        if len(crl) > MAX_CRL_ENTRIES:
            return M(
                "the revocation list has more than {limit} entries, refused", limit=MAX_CRL_ENTRIES
            )
        stale = _current(crl.last_update_utc, crl.next_update_utc, at)
        if stale is not None:
            return stale
        entry = crl.get_revoked_certificate_by_serial_number(leaf.serial_number)
        if entry is None:
            return Good(crl.last_update_utc.date())
        try:
            reason: x509.ReasonFlags | None = entry.extensions.get_extension_for_class(
                x509.CRLReason
            ).value.reason
        except (x509.ExtensionNotFound, ValueError):
            reason = None
        return Revoked(entry.revocation_date_utc, reason)
    except (ValueError, TypeError, UnsupportedAlgorithm) as e:
        return M("the revocation list cannot be read: {problem}", problem=str(e))


# --- asking -----------------------------------------------------------------------------------


def _ask(
    ctx: VerifyContext,
    kind: str,
    url: str,
    max_bytes: int,
    accept: str,
    judge: Callable[[bytes], Good | Revoked | Msg],
) -> Good | Revoked | Msg | None:
    """One source's answer: fetched online (kept when accepted), else a current kept copy, so
    a responder being down is no worse than being offline. None: offline, no current copy."""
    from wallet.sources import NoAnswer

    problem: Msg | None = None
    parts = urlsplit(url)
    server = f"{parts.scheme}://{parts.netloc}"
    if ctx.online and server in ctx.unreachable:
        problem = M("{server} did not answer earlier in this check", server=server)
    elif ctx.online:
        try:
            data = _get(ctx, url, max_bytes, accept)
        except Exception as e:  # any fetcher failure (refused, down, too large): say which
            if isinstance(e, NoAnswer | OSError):  # no answer at all (an HTTP error is one)
                ctx.unreachable.add(server)
            problem = M("cannot fetch {url}: {problem}", url=url, problem=problem_of(e))
        else:
            said = judge(data)
            if not isinstance(said, Msg):
                _keep(ctx, kind, url, data)
                return said
            problem = said
    hit = ctx.cached(kind, url)
    if hit is not None:
        kept = judge(hit[0])
        if not isinstance(kept, Msg):
            return kept
    return problem


def check(leaf: x509.Certificate, issuer: x509.Certificate | None, ctx: VerifyContext) -> Status:
    """The revocation status of `leaf`, whose issuing CA is `issuer` (None: not at hand).
    Never raises: a certificate or answer the libraries cannot handle is "could not be
    checked", not a broken verification."""
    try:
        return _check(leaf, issuer, ctx)
    except Exception as e:
        return NotChecked(
            M("the revocation answer could not be read: {problem}", problem=str(e)), ctx.online
        )


def _check(leaf: x509.Certificate, issuer: x509.Certificate | None, ctx: VerifyContext) -> Status:
    if issuer is None:
        return NotChecked(
            M("the seal does not carry the certificate of the CA that issued it"), False
        )
    ocsp_urls, crl_urls = pointers(leaf)
    if not ocsp_urls and not crl_urls:
        return NotChecked(
            M("the certificate names no OCSP responder and no revocation list"), False
        )
    at = ctx.at

    def by_ocsp(data: bytes) -> Good | Revoked | Msg:
        return judge_ocsp(data, leaf, issuer, at)

    def by_crl(data: bytes) -> Good | Revoked | Msg:
        return judge_crl(data, leaf, issuer, at)

    # OCSP first (a small answer about this certificate alone), else the CA's whole list.
    sources = [
        (OCSP_ANSWER, request_url(u, leaf, issuer), _OCSP_DOWNLOAD_BYTES, _OCSP_MEDIA, by_ocsp)
        for u in ocsp_urls
    ]
    sources += [(CRL_LIST, u, MAX_CRL_BYTES, _CRL_MEDIA, by_crl) for u in crl_urls]
    problems: list[Msg] = []
    for kind, address, max_bytes, media, judge in sources:
        said = _ask(ctx, kind, address, max_bytes, media, judge)
        if isinstance(said, Good | Revoked):
            return said
        if said is not None:
            problems.append(said)
    if not ctx.online:
        return NotChecked(KEPT_NONE, False)
    return NotChecked(join(distinct(problems)), True)
