"""The EU trusted lists: fetched online (loopback here), signatures checked, kept, used offline.

The test builds its own PKI and trusted-list snapshot (eu_pki.py): a LOTL signed by a test key
the test pins, pointing to a national list signed by the key the LOTL names, which lists the
test seal CA as "QC for eSeal, granted". Nothing reaches the network.
"""

from __future__ import annotations

import datetime as dt

import pytest

from wallet.verify import eu_trust
from wallet.verify.context import MemoryCache, VerifyContext
from wallet.verify.eu_trust import EU_TL, TrustListError, load_snapshot, refresh
from wallet.verify.jades import verify_jades
from wallet.verify.report import ISSUER, PASS, PROOF, TRUST, WARN, Report

from .conftest import JOSE_AT
from .eu_pki import (
    LOTL_URL,
    TL_URL,
    WITHDRAWN,
    SealPki,
    TrustedLists,
    edc_document,
    lotl,
    pem,
    sign_list,
)
from .localweb import LocalWeb, block_sockets


@pytest.fixture(scope="module")
def pki() -> SealPki:
    return SealPki()


@pytest.fixture(scope="module")
def lists(pki: SealPki) -> TrustedLists:
    return TrustedLists(pki)


def _publish(web: LocalWeb, docs: dict[str, bytes]) -> None:
    for url, body in docs.items():
        web.publish(url, body)


def _judge(sealed: bytes, ctx: VerifyContext) -> tuple[dict, str]:
    outcome = verify_jades(sealed, ctx)
    return {c.id: c for c in outcome.checks}, Report("t", "edc", outcome.checks).verdict


def _refreshed(web: LocalWeb, lists: TrustedLists, **kw) -> MemoryCache:
    """A cache holding a snapshot refreshed online from `lists.documents(**kw)`."""
    _publish(web, lists.documents(**kw))
    cache = MemoryCache()
    result = refresh(web.context(cache), [lists.lotl_cert])
    assert result.problems == []
    return cache


def test_with_the_lists_a_qualified_seal_is_recognised_offline(web, pki, lists, monkeypatch):
    cache = _refreshed(web, lists)
    attempts = block_sockets(monkeypatch)  # from here on: offline, the kept lists only
    checks, verdict = _judge(pki.seal(edc_document()), VerifyContext(at=JOSE_AT, cache=cache))
    assert checks[PROOF].status == PASS
    # The test certificate names no OCSP responder or CRL: a qualified seal, but its revocation
    # is not checked, so not "verified" (test_seal_revocation.py has the checked ones).
    assert checks[ISSUER].status == WARN
    assert checks[ISSUER].message == (
        "sealed by Universitas Testensis (qualified seal, trusted list of 2 November 2026); "
        "the certificate's revocation was not checked: the certificate names no OCSP "
        "responder and no revocation list"
    )
    assert verdict == "warning"
    assert attempts == []


def test_the_raw_lists_and_the_snapshot_are_kept_in_the_cache(web, lists):
    cache = _refreshed(web, lists)
    assert cache.cache_get(EU_TL, LOTL_URL) is not None
    assert cache.cache_get(EU_TL, TL_URL) is not None
    snap = load_snapshot(VerifyContext(at=JOSE_AT, cache=cache))
    assert snap is not None
    assert [(s.territory, s.name, s.qualified_for_seals) for s in snap.services] == [
        ("LU", "Test QC for eSeal", True)
    ]
    assert "/trust.example.lu/tsl/LU-TL.xml" in web.hits


def test_offline_with_no_list_is_a_warning_never_verified(pki):
    checks, verdict = _judge(pki.seal(edc_document()), VerifyContext(at=JOSE_AT))
    assert checks[ISSUER].status == WARN
    assert checks[ISSUER].message == (
        "sealed by Universitas Testensis (certificate valid; qualified status not checked)"
    )
    assert verdict == "warning"


def test_a_list_past_its_next_update_is_still_used_and_its_age_is_said(web, pki, lists):
    cache = _refreshed(
        web,
        lists,
        issued=dt.datetime(2026, 5, 4, tzinfo=dt.UTC),
        nxt=dt.datetime(2026, 11, 4, tzinfo=dt.UTC),  # before JOSE_AT (2027-01-15)
    )
    checks, verdict = _judge(pki.seal(edc_document()), VerifyContext(at=JOSE_AT, cache=cache))
    assert checks[ISSUER].status == WARN
    assert checks[ISSUER].message == (
        "sealed by Universitas Testensis (qualified seal by the trusted list of 4 May 2026, "
        "which was due to be replaced on 4 November 2026: refresh the lists to be sure)"
    )
    assert verdict == "warning"


def test_a_national_list_with_a_bad_signature_is_refused(web, pki, lists):
    from cryptography.hazmat.primitives.asymmetric import ec

    from .eu_pki import make_cert

    rogue_key = ec.generate_private_key(ec.SECP256R1())
    rogue = make_cert(
        lists.tl_cert.subject, rogue_key, lists.tl_cert.subject, rogue_key,
        ca=False, start=lists.tl_cert.not_valid_before_utc,
        end=lists.tl_cert.not_valid_after_utc,
    )  # fmt: skip
    _publish(web, lists.documents(tl_signer=(rogue_key, rogue)))
    cache = MemoryCache()
    result = refresh(web.context(cache), [lists.lotl_cert])
    assert len(result.problems) == 1
    assert str(result.problems[0]).startswith(
        f"the signature of the trusted list {TL_URL} is not valid"
    )
    assert result.snapshot is not None and result.snapshot.services == ()
    checks, verdict = _judge(pki.seal(edc_document()), VerifyContext(at=JOSE_AT, cache=cache))
    assert checks[ISSUER].message == (
        "sealed by Universitas Testensis (certificate valid; qualified status not checked)"
    )
    assert verdict == "warning"


def test_a_changed_lotl_is_refused_and_the_kept_snapshot_stays(web, lists):
    cache = _refreshed(web, lists)
    before = load_snapshot(VerifyContext(cache=cache))
    docs = lists.documents()
    docs[LOTL_URL] = docs[LOTL_URL].replace(b"LU-TL.xml", b"XX-TL.xml")
    _publish(web, docs)
    with pytest.raises(TrustListError) as err:
        refresh(web.context(cache), [lists.lotl_cert])
    assert f"the signature of the trusted list {LOTL_URL} is not valid" in str(err.value)
    assert load_snapshot(VerifyContext(cache=cache)) == before


def test_a_lotl_signed_by_a_key_that_is_not_pinned_is_refused(web, lists):
    from cryptography.hazmat.primitives.asymmetric import ec

    other = TrustedLists(lists.pki, lotl_key=ec.generate_private_key(ec.SECP256R1()))
    _publish(web, other.documents())
    with pytest.raises(TrustListError, match="is not valid"):
        refresh(web.context(MemoryCache()), [lists.lotl_cert])


def test_a_seal_ca_the_lists_do_not_name_is_a_warning(web, lists):
    cache = _refreshed(web, lists)
    stranger = SealPki(org="Schola Ignota", tsp="Unlisted Trust")  # not on any list
    checks, verdict = _judge(stranger.seal(edc_document()), VerifyContext(at=JOSE_AT, cache=cache))
    assert checks[PROOF].status == PASS
    assert checks[ISSUER].message == (
        "sealed by Schola Ignota, but its certificate authority is not listed for qualified "
        "seals on the EU trusted lists (lists of 2 November 2026)"
    )
    assert verdict == "warning"


def test_a_seal_ca_that_impersonates_a_listed_one_is_not_qualified(web, lists):
    """Same CA name as the listed service, another key: no chain to the listed CA."""
    cache = _refreshed(web, lists)
    impostor = SealPki(org="Schola Ignota")
    checks, verdict = _judge(impostor.seal(edc_document()), VerifyContext(at=JOSE_AT, cache=cache))
    assert checks[ISSUER].message == (
        "sealed by Schola Ignota, but its certificate authority is not listed for qualified "
        "seals on the EU trusted lists (lists of 2 November 2026)"
    )
    assert verdict == "warning"


def test_a_withdrawn_service_is_not_a_qualified_seal(web, pki, lists):
    cache = _refreshed(web, lists, status=WITHDRAWN)
    checks, verdict = _judge(pki.seal(edc_document()), VerifyContext(at=JOSE_AT, cache=cache))
    assert "is not listed for qualified seals" in checks[ISSUER].message
    assert verdict == "warning"


def test_refresh_is_online_only(lists):
    with pytest.raises(TrustListError, match="only when you are online"):
        refresh(VerifyContext(at=JOSE_AT), [lists.lotl_cert])


def test_refresh_without_pinned_signers_says_what_to_do(web, lists, monkeypatch):
    monkeypatch.delenv(eu_trust.SIGNERS_ENV, raising=False)
    _publish(web, lists.documents())
    with pytest.raises(TrustListError, match="Official Journal"):
        refresh(web.context(MemoryCache()))


def test_an_online_check_fetches_the_lists_with_the_configured_signers(
    web, pki, lists, tmp_path, monkeypatch
):
    signers = tmp_path / "lotl-signers.pem"
    signers.write_bytes(pem(lists.lotl_cert))
    monkeypatch.setenv(eu_trust.SIGNERS_ENV, str(signers))
    _publish(web, lists.documents())
    cache = MemoryCache()
    checks, verdict = _judge(pki.seal(edc_document()), web.context(cache))
    online = checks[ISSUER].message
    assert online.startswith("sealed by Universitas Testensis (qualified seal, trusted list")
    assert verdict == "warning"  # its revocation is not checked (no OCSP responder or CRL)
    block_sockets(monkeypatch)
    checks, verdict = _judge(pki.seal(edc_document()), VerifyContext(at=JOSE_AT, cache=cache))
    assert checks[ISSUER].message == online  # the same answer offline, from the kept lists
    assert verdict == "warning"


def test_xml_with_a_dtd_or_entities_is_refused(lists):
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<tsl:TrustServiceStatusList xmlns:tsl="http://uri.etsi.org/02231/v2#">&e;'
        b"</tsl:TrustServiceStatusList>"
    )
    with pytest.raises(TrustListError, match="DTD"):
        eu_trust.parse_list_xml(evil, LOTL_URL)


def test_a_document_that_is_not_a_trusted_list_is_refused():
    with pytest.raises(TrustListError, match="is not a trusted list"):
        eu_trust.parse_list_xml(b"<html><body>maintenance</body></html>", LOTL_URL)


def test_pointers_to_more_lists_than_the_bound_are_refused(lists):
    many = [("LU", f"https://trust.example.lu/{i}.xml", lists.tl_cert) for i in range(70)]
    root = eu_trust.parse_list_xml(sign_list(lotl(many), lists.lotl_key, lists.lotl_cert), "x")
    with pytest.raises(TrustListError, match="more than 64 lists"):
        eu_trust.lotl_pointers(root)


def test_an_imported_sealed_edc_is_judged_by_the_verifier_with_the_kept_lists(web, pki, lists):
    from wallet.formats import parse
    from wallet.verify.verifier import verify_parsed

    cache = _refreshed(web, lists)
    parsed = parse(pki.seal(edc_document()), "sealed-edc.jsonld")
    report = verify_parsed(parsed, VerifyContext(at=JOSE_AT, cache=cache), "sealed-edc.jsonld")
    issuer = report.check(ISSUER)
    assert report.check(PROOF).status == PASS
    assert issuer is not None and issuer.status == WARN  # revocation not checked
    assert "qualified seal, trusted list of 2 November 2026" in issuer.message


def test_a_qualified_seal_confirms_the_issuer(web, pki, lists):
    """The EU trusted lists say who sealed it: that is the issuer binding a learner needs, with
    no issuer to add by hand; without the lists it stays a warning (issue 18)."""
    from wallet.formats import parse
    from wallet.verify.verifier import verify_parsed

    sealed = pki.seal(edc_document())
    cache = _refreshed(web, lists)
    report = verify_parsed(parse(sealed, "e.jsonld"), VerifyContext(at=JOSE_AT, cache=cache), "e")
    trust = report.check(TRUST)
    assert trust is not None and trust.status == PASS
    assert "Universitas Testensis" in trust.message and "qualified seal" in trust.message
    # "verified" needs the certificate's revocation checked too, which this test certificate
    # gives no way to (test_seal_revocation.py shows the verified one)
    assert report.verdict == "warning"

    bare = verify_parsed(parse(sealed, "e.jsonld"), VerifyContext(at=JOSE_AT), "e")
    assert bare.check(TRUST).status == WARN
    assert bare.verdict == "warning"


def test_the_cli_says_how_old_the_kept_lists_are(web, lists, tmp_path):
    import io

    from wallet import cli
    from wallet.actions.eu_trust import refresh_trusted_lists
    from wallet.store import WalletStore

    path, pw = tmp_path / "w.lwallet", tmp_path / "pass.txt"
    pw.write_text("correct horse battery\n")

    def run(*args: str) -> tuple[int, str]:
        out = io.StringIO()
        code = cli.main(["--wallet", str(path), "--passphrase-file", str(pw), *args], out=out)
        return code, out.getvalue()

    assert run("init")[0] == 0
    assert run("trusted-lists", "status") == (
        0,
        "The EU trusted lists have not been fetched yet: "
        "`learner-wallet trusted-lists refresh` (online).\n",
    )
    _publish(web, lists.documents(nxt=dt.datetime(2026, 12, 1, tzinfo=dt.UTC)))
    signers = tmp_path / "signers.pem"
    signers.write_bytes(pem(lists.lotl_cert))
    with WalletStore.open(path, "correct horse battery") as store:
        done = refresh_trusted_lists(store, signers_file=signers, fetcher=web.fetch)
    assert done.problems == ()
    code, text = run("trusted-lists", "status")
    assert code == 0
    assert "1 national lists, 1 services for qualified seals" in text
    assert (
        "LU: list of 2 November 2026, due to be replaced on 1 December 2026 (out of date)" in text
    )


def test_the_cli_refresh_without_signing_certificates_says_what_to_do(tmp_path, monkeypatch):
    import io

    from wallet import cli

    monkeypatch.delenv(eu_trust.SIGNERS_ENV, raising=False)
    path, pw = tmp_path / "w.lwallet", tmp_path / "pass.txt"
    pw.write_text("correct horse battery\n")
    base = ["--wallet", str(path), "--passphrase-file", str(pw)]
    assert cli.main([*base, "init"], out=io.StringIO()) == 0
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    code = cli.main([*base, "trusted-lists", "refresh"], out=io.StringIO())
    assert code != 0
    assert "Official Journal" in err.getvalue()


def test_an_online_check_that_cannot_fetch_the_lists_says_so_and_tries_once_per_run(
    web, pki, lists, tmp_path, monkeypatch
):
    signers = tmp_path / "lotl-signers.pem"
    signers.write_bytes(pem(lists.lotl_cert))
    monkeypatch.setenv(eu_trust.SIGNERS_ENV, str(signers))
    web.publish(LOTL_URL, b"gone", status=404)
    ctx = web.context(MemoryCache())
    sealed = pki.seal(edc_document())
    first, verdict = _judge(sealed, ctx)
    assert verdict == "warning"
    assert first[ISSUER].message.startswith(
        "sealed by Universitas Testensis (certificate valid; qualified status not checked: "
        f"cannot fetch {LOTL_URL}"
    )
    again, _ = _judge(sealed, ctx)  # the next sealed credential of the same run
    assert again[ISSUER].message == first[ISSUER].message
    assert web.hits.count("/ec.europa.eu/tools/lotl/eu-lotl.xml") == 1


def test_the_real_eu_lotl_is_read_and_its_xades_signature_verifies(lists):
    """The Commission's own LOTL of 28 April 2026 (tests/data/eu_lotl/SOURCE.md)."""
    import base64

    from cryptography import x509

    from .eu_pki import DATA

    data = (DATA / "eu_lotl" / "eu-lotl-2026-04-28.xml").read_bytes()
    root = eu_trust.parse_list_xml(data, LOTL_URL)
    ds = {"ds": "http://www.w3.org/2000/09/xmldsig#"}
    el = root.find("ds:Signature/ds:KeyInfo/ds:X509Data/ds:X509Certificate", ds)
    signer = x509.load_der_x509_certificate(base64.b64decode("".join(el.text.split())))
    signed = eu_trust.verify_list_signature(root, [signer], LOTL_URL)
    pointers = eu_trust.lotl_pointers(signed)
    assert len(pointers) == 31
    by_territory = {p.territory: p for p in pointers}
    assert by_territory["AT"].url == "https://www.signatur.rtr.at/vertrauensliste.xml"
    assert all(p.signers for p in pointers)
    # The same bytes with another certificate pinned are refused.
    with pytest.raises(TrustListError, match="is not valid"):
        eu_trust.verify_list_signature(root, [lists.lotl_cert], LOTL_URL)


def test_a_seal_certificate_that_does_not_say_it_is_qualified_is_a_warning(web, pki, lists):
    from cryptography.hazmat.primitives.asymmetric import rsa

    from .eu_pki import make_cert

    cache = _refreshed(web, lists)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    plain_leaf = make_cert(
        pki.leaf.subject, key, pki.ca_name, pki.ca_key, ca=False,
        start=pki.leaf.not_valid_before_utc, end=pki.leaf.not_valid_after_utc, qc=None,
    )  # fmt: skip
    sealed = pki.seal(edc_document(), key=key, chain=[plain_leaf, pki.ca])
    checks, verdict = _judge(sealed, VerifyContext(at=JOSE_AT, cache=cache))
    assert checks[ISSUER].message == (
        "sealed by Universitas Testensis: its certificate authority is on the EU trusted lists, "
        "but the certificate does not say it is qualified for seals (trusted list of "
        "2 November 2026)"
    )
    assert verdict == "warning"
