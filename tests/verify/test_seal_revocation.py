"""Has the CA revoked the seal's certificate? OCSP and CRL answers served from 127.0.0.1.

The test PKI of eu_pki.py (test root -> seal CA -> seal certificate) gets leaves that name an
OCSP responder and a CRL on a small loopback server here; the answers are built with
`cryptography` as a CA would. The EU trusted-list snapshot is kept in the cache as a refresh
would keep it (test_eu_trust.py tests the refresh itself), so the seal is otherwise a
qualified one and the revocation answer alone decides between "verified" and the rest. One
outcome per answer is cross-checked with pyhanko-certvalidator's own revocation checking.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

from wallet.verify import revocation
from wallet.verify.context import MemoryCache, VerifyContext, iso
from wallet.verify.eu_trust import EU_TRUST, SNAPSHOT_KEY, ListInfo, Service, Snapshot
from wallet.verify.jades import verify_jades
from wallet.verify.report import FAIL, ISSUER, PASS, PROOF, TRUST, WARN, Report

from .conftest import JOSE_AT
from .eu_pki import (
    DATA,
    GRANTED,
    LOTL_URL,
    TL_ISSUED,
    TL_NEXT,
    TL_URL,
    SealPki,
    der,
    edc_document,
    qc_statements,
)
from .localweb import block_sockets

AT = JOSE_AT  # the moment the seals are judged (2027-01-15 12:00 UTC)
QUALIFIED = "sealed by Universitas Testensis (qualified seal, trusted list of 2 November 2026)"
REVOKED_AT = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)


# --- the CA's revocation services -----------------------------------------------------------


@dataclass
class Ca:
    """What the seal CA says about its certificates, and with which key it says it."""

    pki: SealPki
    leaves: dict[int, x509.Certificate] = field(default_factory=dict)
    revoked: dict[int, tuple[dt.datetime, x509.ReasonFlags | None]] = field(default_factory=dict)
    # the OCSP answer's signer: (key, certificate named as responder, certificates included)
    signer: tuple[Any, x509.Certificate, list[x509.Certificate]] | None = None
    by_name: bool = False  # the answer names its responder by name, not by key hash
    this_update: dt.datetime = AT - dt.timedelta(hours=1)
    next_update: dt.datetime | None = AT + dt.timedelta(days=7)
    crl_key: Any = None  # None: the CA's own key
    crl_extra_entries: int = 0
    ocsp_body: bytes | None = None  # served as it is instead of an answer

    def ocsp_answer(self, request: ocsp.OCSPRequest) -> bytes:
        if self.ocsp_body is not None:
            return self.ocsp_body
        leaf = self.leaves.get(request.serial_number)
        if leaf is None:
            return ocsp.OCSPResponseBuilder.build_unsuccessful(
                ocsp.OCSPResponseStatus.UNAUTHORIZED
            ).public_bytes(serialization.Encoding.DER)
        key, responder, certs = self.signer or (self.pki.ca_key, self.pki.ca, [])
        gone = self.revoked.get(leaf.serial_number)
        builder = (
            ocsp.OCSPResponseBuilder()
            .add_response(
                cert=leaf,
                issuer=self.pki.ca,
                algorithm=hashes.SHA1(),
                cert_status=ocsp.OCSPCertStatus.REVOKED if gone else ocsp.OCSPCertStatus.GOOD,
                this_update=self.this_update,
                next_update=self.next_update,
                revocation_time=gone[0] if gone else None,
                revocation_reason=gone[1] if gone else None,
            )
            .responder_id(
                ocsp.OCSPResponderEncoding.NAME
                if self.by_name
                else ocsp.OCSPResponderEncoding.HASH,
                responder,
            )
        )
        if certs:
            builder = builder.certificates(certs)
        return builder.sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)

    def crl(self) -> bytes:
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.pki.ca.subject)
            .last_update(self.this_update)
            .next_update(self.next_update or AT + dt.timedelta(days=7))
        )
        entries = [(serial, when, reason) for serial, (when, reason) in self.revoked.items()]
        entries += [(10_000 + i, REVOKED_AT, None) for i in range(self.crl_extra_entries)]
        for serial, when, reason in entries:
            entry = x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when)
            if reason is not None:
                entry = entry.add_extension(x509.CRLReason(reason), critical=False)
            builder = builder.add_revoked_certificate(entry.build())
        crl = builder.sign(self.crl_key or self.pki.ca_key, hashes.SHA256())
        return crl.public_bytes(serialization.Encoding.DER)


class CaServer:
    """The CA's OCSP responder (GET /ocsp/<request>) and CRL (GET /ca.crl) on 127.0.0.1."""

    def __init__(self, ca: Ca) -> None:
        self.ca = ca
        self.hits: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802  (http.server's name)
                server.hits.append(self.path)
                if self.path.startswith("/ocsp/"):
                    der_request = base64.b64decode(unquote(self.path[len("/ocsp/") :]))
                    body = server.ca.ocsp_answer(ocsp.load_der_ocsp_request(der_request))
                    kind = "application/ocsp-response"
                elif self.path == "/ca.crl":
                    body, kind = server.ca.crl(), "application/pkix-crl"
                else:
                    body, kind = b"not here", "text/plain"
                self.send_response(200 if kind != "text/plain" else 404)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self.ocsp_url = f"{self.base}/ocsp"
        self.crl_url = f"{self.base}/ca.crl"

    def ocsp_hits(self) -> list[str]:
        return [h for h in self.hits if h.startswith("/ocsp/")]

    @staticmethod
    def unused() -> str:
        """An address where nothing listens (the responder is down)."""
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        sock.close()
        return f"http://127.0.0.1:{port}/ocsp"

    def run(self) -> Iterator[CaServer]:
        thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._httpd.shutdown()
            self._httpd.server_close()


@pytest.fixture(scope="module")
def pki() -> SealPki:
    return SealPki()


@pytest.fixture
def server(pki: SealPki) -> Iterator[CaServer]:
    yield from CaServer(Ca(pki)).run()


def leaf(
    ca: Ca, *, ocsp_url: str | None = None, crl_url: str | None = None
) -> tuple[Any, x509.Certificate]:
    """A qualified seal certificate of the seal CA naming these revocation services."""
    pki = ca.pki
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "LU"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, pki.org),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{pki.org} seal"),
        ]
    )
    b = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(pki.ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
        .not_valid_after(dt.datetime(2028, 1, 1, tzinfo=dt.UTC))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(pki.ca_key.public_key()),
            critical=False,
        )
        .add_extension(
            x509.UnrecognizedExtension(x509.ObjectIdentifier("1.3.6.1.5.5.7.1.3"), qc_statements()),
            critical=False,
        )
    )
    if ocsp_url:
        access = x509.AccessDescription(
            AuthorityInformationAccessOID.OCSP, x509.UniformResourceIdentifier(ocsp_url)
        )
        b = b.add_extension(x509.AuthorityInformationAccess([access]), critical=False)
    if crl_url:
        point = x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)
        b = b.add_extension(x509.CRLDistributionPoints([point]), critical=False)
    cert = b.sign(pki.ca_key, hashes.SHA256())
    ca.leaves[cert.serial_number] = cert
    return key, cert


def responder_cert(
    issuer_name: x509.Name,
    issuer_key: Any,
    key: Any,
    *,
    ocsp_signing: bool = True,
    subject: x509.Name | None = None,
) -> x509.Certificate:
    """An OCSP responder's certificate (`subject`: the name it claims, "Test OCSP Responder"
    unless given)."""
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test OCSP Responder")])
    b = (
        x509.CertificateBuilder()
        .subject_name(subject or name)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        .not_valid_after(dt.datetime(2028, 1, 1, tzinfo=dt.UTC))
    )
    if ocsp_signing:
        b = b.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.OCSP_SIGNING]), False)
    return b.sign(issuer_key, hashes.SHA256())


def lists_kept(pki: SealPki) -> MemoryCache:
    """A cache holding the trusted-list snapshot a refresh would keep: the seal CA is listed
    as "QC for eSeal, granted"."""
    snap = Snapshot(
        fetched_at=iso(dt.datetime.now(dt.UTC)),  # fresh: an online check does not refresh it
        lotl=ListInfo("EU", LOTL_URL, TL_ISSUED, TL_NEXT),
        lists=(ListInfo("LU", TL_URL, TL_ISSUED, TL_NEXT),),
        services=(
            Service("LU", "Test Trust Services S.A.", "Test QC for eSeal", GRANTED, True,
                    (der(pki.ca),), TL_ISSUED),
        ),
    )  # fmt: skip
    cache = MemoryCache()
    cache.cache_put(EU_TRUST, SNAPSHOT_KEY, snap.to_bytes(), snap.fetched_at)
    return cache


def judge(
    ca: Ca, key: Any, cert: x509.Certificate, cache: MemoryCache, *, online: bool, at=AT
) -> tuple[dict, str]:
    sealed = ca.pki.seal(edc_document(), key=key, chain=[cert, ca.pki.ca])
    outcome = verify_jades(sealed, VerifyContext(at=at, online=online, cache=cache))
    checks = {c.id: c for c in outcome.checks}
    assert checks[PROOF].status == PASS
    return checks, Report("t", "edc", outcome.checks).verdict


# --- pyhanko-certvalidator, for a second opinion --------------------------------------------


def pyhanko_says(
    pki: SealPki, cert: x509.Certificate, *, ocsps: list[bytes] = (), crls: list[bytes] = ()
) -> str:
    """pyhanko-certvalidator's own revocation check of `cert` with these answers, nothing
    fetched: "good", "revoked", or "unknown"."""
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator import CertificateValidator, ValidationContext
    from pyhanko_certvalidator.errors import InsufficientRevinfoError, RevokedError

    vc = ValidationContext(
        trust_roots=[asn1_x509.Certificate.load(der(pki.root))],
        other_certs=[asn1_x509.Certificate.load(der(pki.ca))],
        moment=AT,
        allow_fetching=False,
        revocation_mode="hard-fail",
        ocsps=list(ocsps),
        crls=list(crls),
    )
    validator = CertificateValidator(
        asn1_x509.Certificate.load(der(cert)),
        intermediate_certs=[asn1_x509.Certificate.load(der(pki.ca))],
        validation_context=vc,
    )
    try:
        asyncio.run(validator.async_validate_path())
    except RevokedError:
        return "revoked"
    except InsufficientRevinfoError:
        return "unknown"
    return "good"


def ocsp_of(ca: Ca, cert: x509.Certificate) -> bytes:
    req = ocsp.OCSPRequestBuilder().add_certificate(cert, ca.pki.ca, hashes.SHA1()).build()
    return ca.ocsp_answer(req)


# --- OCSP -----------------------------------------------------------------------------------


def test_a_good_ocsp_answer_keeps_a_qualified_seal_verified_and_says_it_was_checked(server):
    key, cert = leaf(server.ca, ocsp_url=server.ocsp_url)
    checks, verdict = judge(server.ca, key, cert, lists_kept(server.ca.pki), online=True)
    assert checks[ISSUER].status == PASS
    assert (
        checks[ISSUER].message == f"{QUALIFIED}; certificate not revoked, checked 15 January 2027"
    )
    assert verdict == "verified"
    assert len(server.ocsp_hits()) == 1
    assert pyhanko_says(server.ca.pki, cert, ocsps=[ocsp_of(server.ca, cert)]) == "good"


def test_a_revoked_certificate_fails_the_seal_with_the_day_and_the_reason(server):
    key, cert = leaf(server.ca, ocsp_url=server.ocsp_url)
    server.ca.revoked[cert.serial_number] = (REVOKED_AT, x509.ReasonFlags.key_compromise)
    checks, verdict = judge(server.ca, key, cert, lists_kept(server.ca.pki), online=True)
    assert checks[ISSUER].status == FAIL
    assert checks[ISSUER].message == (
        "the seal's certificate was revoked by its CA on 3 December 2026 (key compromise)"
    )
    assert verdict == "failed"
    assert pyhanko_says(server.ca.pki, cert, ocsps=[ocsp_of(server.ca, cert)]) == "revoked"


def test_revocation_fails_even_a_seal_that_was_only_a_warning(server):
    """No trusted lists kept: "qualified status not checked" was a warning; revoked is worse."""
    key, cert = leaf(server.ca, ocsp_url=server.ocsp_url)
    server.ca.revoked[cert.serial_number] = (REVOKED_AT, None)
    checks, verdict = judge(server.ca, key, cert, MemoryCache(), online=True)
    assert (
        checks[ISSUER].message == "the seal's certificate was revoked by its CA on 3 December 2026"
    )
    assert verdict == "failed"


def test_a_responder_that_cannot_be_reached_leaves_the_seal_not_verified():
    pki = SealPki()
    ca = Ca(pki)
    key, cert = leaf(ca, ocsp_url=CaServer.unused())
    checks, verdict = judge(ca, key, cert, lists_kept(pki), online=True)
    assert checks[ISSUER].status == WARN
    assert checks[ISSUER].message.startswith(
        f"{QUALIFIED}; the certificate's revocation could not be checked: cannot fetch "
    )
    assert verdict == "warning"


def test_a_forged_ocsp_answer_is_not_believed(server):
    """Signed by another key, naming the CA as responder: "good" from it means nothing."""
    pki = server.ca.pki
    rogue = ec.generate_private_key(ec.SECP256R1())
    impostor = responder_cert(pki.ca.subject, rogue, rogue, subject=pki.ca.subject)
    server.ca.signer, server.ca.by_name = (rogue, impostor, []), True
    key, cert = leaf(server.ca, ocsp_url=server.ocsp_url)
    checks, verdict = judge(server.ca, key, cert, lists_kept(server.ca.pki), online=True)
    assert checks[ISSUER].status == WARN
    assert checks[ISSUER].message == (
        f"{QUALIFIED}; the certificate's revocation could not be checked: "
        "the answer was not signed by the CA"
    )
    assert verdict == "warning"
    assert pyhanko_says(server.ca.pki, cert, ocsps=[ocsp_of(server.ca, cert)]) == "unknown"


def test_a_responder_certificate_the_ca_did_not_issue_is_not_believed(server):
    rogue = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test OCSP Responder")])
    self_made = responder_cert(name, rogue, rogue)
    server.ca.signer = (rogue, self_made, [self_made])
    key, cert = leaf(server.ca, ocsp_url=server.ocsp_url)
    checks, verdict = judge(server.ca, key, cert, lists_kept(server.ca.pki), online=True)
    assert checks[ISSUER].message.endswith(
        "could not be checked: the answer was not signed by the CA"
    )
    assert verdict == "warning"


def test_a_responder_the_ca_delegated_ocsp_signing_to_is_believed(server):
    pki = server.ca.pki
    delegate_key = ec.generate_private_key(ec.SECP256R1())
    delegate = responder_cert(pki.ca.subject, pki.ca_key, delegate_key)
    server.ca.signer = (delegate_key, delegate, [delegate])
    key, cert = leaf(server.ca, ocsp_url=server.ocsp_url)
    server.ca.revoked[cert.serial_number] = (REVOKED_AT, x509.ReasonFlags.cessation_of_operation)
    checks, verdict = judge(server.ca, key, cert, lists_kept(pki), online=True)
    assert checks[ISSUER].message == (
        "the seal's certificate was revoked by its CA on 3 December 2026 "
        "(the organisation ceased operation)"
    )
    assert verdict == "failed"
    assert pyhanko_says(pki, cert, ocsps=[ocsp_of(server.ca, cert)]) == "revoked"


def test_a_delegated_responder_without_ocsp_signing_is_not_believed(server):
    pki = server.ca.pki
    delegate_key = ec.generate_private_key(ec.SECP256R1())
    delegate = responder_cert(pki.ca.subject, pki.ca_key, delegate_key, ocsp_signing=False)
    server.ca.signer = (delegate_key, delegate, [delegate])
    key, cert = leaf(server.ca, ocsp_url=server.ocsp_url)
    checks, verdict = judge(server.ca, key, cert, lists_kept(pki), online=True)
    assert checks[ISSUER].message.endswith("the answer was not signed by the CA")
    assert verdict == "warning"


def test_an_out_of_date_ocsp_answer_is_not_believed(server):
    server.ca.this_update = AT - dt.timedelta(days=10)
    server.ca.next_update = AT - dt.timedelta(days=3)
    key, cert = leaf(server.ca, ocsp_url=server.ocsp_url)
    checks, verdict = judge(server.ca, key, cert, lists_kept(server.ca.pki), online=True)
    assert checks[ISSUER].message == (
        f"{QUALIFIED}; the certificate's revocation could not be checked: the answer is out "
        "of date (it was valid until 12 January 2027, 12:00 UTC)"
    )
    assert verdict == "warning"


def test_an_oversized_ocsp_answer_is_refused(server):
    server.ca.ocsp_body = b"\x30" * (revocation.MAX_OCSP_BYTES + 1)
    key, cert = leaf(server.ca, ocsp_url=server.ocsp_url)
    checks, verdict = judge(server.ca, key, cert, lists_kept(server.ca.pki), online=True)
    assert checks[ISSUER].message == (
        f"{QUALIFIED}; the certificate's revocation could not be checked: "
        "the OCSP answer is larger than 64 KiB"
    )
    assert verdict == "warning"


# --- the CRL --------------------------------------------------------------------------------


def test_without_an_ocsp_responder_the_crl_says_revoked(server):
    key, cert = leaf(server.ca, crl_url=server.crl_url)
    server.ca.revoked[cert.serial_number] = (REVOKED_AT, x509.ReasonFlags.key_compromise)
    checks, verdict = judge(server.ca, key, cert, lists_kept(server.ca.pki), online=True)
    assert checks[ISSUER].message == (
        "the seal's certificate was revoked by its CA on 3 December 2026 (key compromise)"
    )
    assert verdict == "failed"
    assert server.hits == ["/ca.crl"]
    assert pyhanko_says(server.ca.pki, cert, crls=[server.ca.crl()]) == "revoked"


def test_without_an_ocsp_responder_the_crl_says_not_revoked(server):
    key, cert = leaf(server.ca, crl_url=server.crl_url)
    checks, verdict = judge(server.ca, key, cert, lists_kept(server.ca.pki), online=True)
    assert (
        checks[ISSUER].message == f"{QUALIFIED}; certificate not revoked, checked 15 January 2027"
    )
    assert verdict == "verified"
    assert pyhanko_says(server.ca.pki, cert, crls=[server.ca.crl()]) == "good"


def test_when_the_responder_is_down_the_crl_answers():
    pki = SealPki()
    ca = Ca(pki)
    with_crl = CaServer(ca)
    for srv in with_crl.run():
        key, cert = leaf(ca, ocsp_url=CaServer.unused(), crl_url=srv.crl_url)
        checks, verdict = judge(ca, key, cert, lists_kept(pki), online=True)
        assert checks[ISSUER].message.endswith("certificate not revoked, checked 15 January 2027")
        assert verdict == "verified"


def test_a_crl_signed_by_another_key_is_not_believed(server):
    server.ca.crl_key = ec.generate_private_key(ec.SECP256R1())
    key, cert = leaf(server.ca, crl_url=server.crl_url)
    checks, verdict = judge(server.ca, key, cert, lists_kept(server.ca.pki), online=True)
    assert checks[ISSUER].message == (
        f"{QUALIFIED}; the certificate's revocation could not be checked: "
        "the revocation list was not signed by the CA"
    )
    assert verdict == "warning"
    assert pyhanko_says(server.ca.pki, cert, crls=[server.ca.crl()]) == "unknown"


def test_a_crl_with_more_entries_than_the_bound_is_refused(server, monkeypatch):
    monkeypatch.setattr(revocation, "MAX_CRL_ENTRIES", 3)
    server.ca.crl_extra_entries = 4
    key, cert = leaf(server.ca, crl_url=server.crl_url)
    checks, verdict = judge(server.ca, key, cert, lists_kept(server.ca.pki), online=True)
    assert checks[ISSUER].message.endswith("the revocation list has more than 3 entries, refused")
    assert verdict == "warning"


# --- offline --------------------------------------------------------------------------------


def test_offline_a_fresh_kept_answer_gives_the_same_answer_without_the_network(server, monkeypatch):
    key, cert = leaf(server.ca, ocsp_url=server.ocsp_url)
    cache = lists_kept(server.ca.pki)
    online, _ = judge(server.ca, key, cert, cache, online=True)
    attempts = block_sockets(monkeypatch)
    offline, verdict = judge(server.ca, key, cert, cache, online=False)
    assert offline[ISSUER].message == online[ISSUER].message
    assert offline[ISSUER].message.endswith("certificate not revoked, checked 15 January 2027")
    assert verdict == "verified"
    assert attempts == []


def test_offline_a_kept_revoked_answer_still_fails(server, monkeypatch):
    key, cert = leaf(server.ca, crl_url=server.crl_url)
    server.ca.revoked[cert.serial_number] = (REVOKED_AT, x509.ReasonFlags.superseded)
    cache = lists_kept(server.ca.pki)
    judge(server.ca, key, cert, cache, online=True)
    block_sockets(monkeypatch)
    checks, verdict = judge(server.ca, key, cert, cache, online=False)
    assert checks[ISSUER].message == (
        "the seal's certificate was revoked by its CA on 3 December 2026 "
        "(replaced by a new certificate)"
    )
    assert verdict == "failed"


def test_offline_with_nothing_kept_the_revocation_was_not_checked(server, monkeypatch):
    key, cert = leaf(server.ca, ocsp_url=server.ocsp_url, crl_url=server.crl_url)
    attempts = block_sockets(monkeypatch)
    checks, verdict = judge(server.ca, key, cert, lists_kept(server.ca.pki), online=False)
    assert checks[ISSUER].status == WARN
    assert checks[ISSUER].message == (
        f"{QUALIFIED}; the certificate's revocation was not checked: no current answer of its "
        "CA is kept; an online check asks the CA"
    )
    assert verdict == "warning"
    assert attempts == []


def test_offline_a_kept_answer_past_its_next_update_is_not_used(server):
    key, cert = leaf(server.ca, ocsp_url=server.ocsp_url)
    cache = lists_kept(server.ca.pki)
    judge(server.ca, key, cert, cache, online=True)
    later = AT + dt.timedelta(days=8)  # the answer was valid for 7 days
    checks, verdict = judge(server.ca, key, cert, cache, online=False, at=later)
    assert "the certificate's revocation was not checked" in checks[ISSUER].message
    assert verdict == "warning"


def test_a_certificate_naming_no_revocation_service_is_not_verified():
    pki = SealPki()
    ca = Ca(pki)
    key, cert = leaf(ca)
    checks, verdict = judge(ca, key, cert, lists_kept(pki), online=False)
    assert checks[ISSUER].message == (
        f"{QUALIFIED}; the certificate's revocation was not checked: the certificate names no "
        "OCSP responder and no revocation list"
    )
    assert verdict == "warning"


# --- the verifier, and the public samples ---------------------------------------------------


def test_the_verifier_shows_a_checked_qualified_seal_as_verified_and_a_revoked_one_as_failed(
    server,
):
    from wallet.formats import parse
    from wallet.verify.verifier import verify_parsed

    key, cert = leaf(server.ca, ocsp_url=server.ocsp_url)
    sealed = server.ca.pki.seal(edc_document(), key=key, chain=[cert, server.ca.pki.ca])
    ctx = VerifyContext(at=AT, online=True, cache=lists_kept(server.ca.pki))
    report = verify_parsed(parse(sealed, "e.jsonld"), ctx, "e")
    assert report.check(TRUST).status == PASS
    assert report.verdict == "verified"
    server.ca.revoked[cert.serial_number] = (REVOKED_AT, x509.ReasonFlags.key_compromise)
    report = verify_parsed(parse(sealed, "e.jsonld"), ctx, "e")
    assert report.check(ISSUER).status == FAIL
    assert report.check(TRUST).status != PASS  # the lists vouch for no revoked seal
    assert report.verdict == "failed"


@pytest.mark.parametrize(
    "name", ["Sample-MC-Annex1-signed.jsonld", "Sample-CertOfPart-signed.jsonld"]
)
def test_the_public_samples_offline_are_judged_as_before(name, monkeypatch):
    """They name ANF's OCSP responder and CRL but carry no CA certificate: offline nothing is
    fetched and their warning reads as it did."""
    attempts = block_sockets(monkeypatch)
    outcome = verify_jades((DATA / "edc" / name).read_bytes(), VerifyContext(at=AT))
    checks = {c.id: c for c in outcome.checks}
    assert checks[ISSUER].status == WARN
    assert checks[ISSUER].message == (
        "sealed by ORGANIZACION TEST (certificate valid; qualified status not checked)"
    )
    assert Report("t", "edc", outcome.checks).verdict == "warning"
    assert attempts == []


def test_a_responder_that_did_not_answer_is_not_asked_again_in_the_same_check(monkeypatch):
    """ "Check all online" over many seals of one CA whose responder is down: the first seal
    waits for it, the others are told at once (each would otherwise wait for the timeout)."""
    pki = SealPki()
    ca = Ca(pki)
    down = CaServer.unused()
    cache = lists_kept(pki)
    ctx = VerifyContext(at=AT, online=True, cache=cache)
    attempts = block_sockets(monkeypatch)
    said = []
    for _ in range(3):
        key, cert = leaf(ca, ocsp_url=down)
        sealed = ca.pki.seal(edc_document(), key=key, chain=[cert, ca.pki.ca])
        checks = {c.id: c for c in verify_jades(sealed, ctx).checks}
        said.append(checks[ISSUER])
    assert len(attempts) == 1  # the first seal asked; the other two were not kept waiting
    assert all(c.status == WARN for c in said)
    assert all("revocation could not be checked" in c.message for c in said)
    assert "did not answer earlier in this check" in said[2].message
