"""The two plain sentences that lead the detail pane, read off real reports of the demo wallet
(a revoked, an expired, an unchecked credential; an untrusted issuer; a changed one)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from wallet import demo, formats
from wallet.actions import trust as trust_actions
from wallet.actions.verifying import verify_credentials
from wallet.messages import render
from wallet.store import WalletStore
from wallet.verify.context import MemoryCache, VerifyContext
from wallet.verify.explain import how_confirmed, issuer_unconfirmed, reason
from wallet.verify.report import Report
from wallet.verify.verifier import verify_parsed


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WalletStore]:
    path = demo.fresh_demo_wallet(tmp_path_factory.mktemp("demo") / "demo.wallet")
    store = WalletStore.open(path, demo.DEMO_PASSPHRASE)
    yield store
    store.close()


def _report(store: WalletStore, title: str) -> Report:
    cid = next(s.id for s in store.credentials.summaries() if s.title == title)
    last = store.checks.last_report(cid)
    assert last is not None
    return Report.from_json(json.loads(last.report))


ISSUER = "Demo Polytechnic"


def test_a_revoked_credential_says_who_revoked_it_and_to_ask_for_a_new_one(
    demo_store: WalletStore,
) -> None:
    report = _report(demo_store, "Library Induction")
    assert report.verdict == "failed"
    what, todo = reason(report, ISSUER)
    assert str(what) == "Revoked by Demo Polytechnic."
    assert str(todo) == "Ask the issuer for a new one."
    assert render(what, "de") == "Widerrufen von Demo Polytechnic."
    assert not issuer_unconfirmed(report)


def test_an_expired_credential_says_since_when(demo_store: WalletStore) -> None:
    report = _report(demo_store, "First Aid Refresher (2024)")
    what, todo = reason(report, ISSUER)
    assert str(what) == "Expired on 1 June 2025."
    assert render(what, "de") == "Abgelaufen am 1. Juni 2025."
    assert str(todo) == "Ask the issuer for a new one."
    assert not issuer_unconfirmed(report)


def test_an_unchecked_signature_asks_for_an_online_check(demo_store: WalletStore) -> None:
    report = _report(demo_store, "Peer Mentor")  # OB 2.0 key not cached
    assert report.verdict == "unknown"
    what, todo = reason(report, ISSUER)
    assert str(what) == "Its signature could not be checked yet."
    assert str(todo) == "Check online to fetch what the check needs."


def test_a_verified_credential_needs_nothing_done(demo_store: WalletStore) -> None:
    what, todo = reason(_report(demo_store, "Data Analysis with Python"), ISSUER)
    assert str(what) == "Authentic, unchanged and from an issuer you trust."
    assert todo is None


def test_an_untrusted_issuer_alone_is_authentic_but_unconfirmed(tmp_path: Path) -> None:
    path = demo.fresh_demo_wallet(tmp_path / "demo.wallet")
    with WalletStore.open(path, demo.DEMO_PASSPHRASE) as store:
        for issuer_id in list(store.trust.issuers()):
            trust_actions.distrust_issuer(store, issuer_id)
        reports = verify_credentials(store).reports
        by_title = {s.title: reports[s.id] for s in store.credentials.summaries()}
    untrusted = by_title["Data Analysis with Python"]
    assert untrusted.verdict == "warning"  # the core's verdict is unchanged
    assert issuer_unconfirmed(untrusted)
    what, todo = reason(untrusted, ISSUER)
    assert str(what) == "Authentic, but its issuer is not on your trust list."
    assert str(todo) == "Trust this issuer if you know it."
    # Expired and untrusted: the expiry is what matters, and it is not "only the issuer".
    expired = by_title["First Aid Refresher (2024)"]
    assert not issuer_unconfirmed(expired)
    assert str(reason(expired, ISSUER)[0]) == "Expired on 1 June 2025."


def test_a_credential_changed_after_signing_says_so() -> None:
    file = next(f for f in demo.demo_credential_files() if f.name.startswith("01-"))
    doc = json.loads(file.read_bytes())
    doc["name"] = doc["name"] + " (with honours)"
    parsed = formats.parse(json.dumps(doc).encode(), file.name)
    did, _ = demo.demo_issuer()
    ctx = VerifyContext(
        at=dt.datetime(2026, 9, 1, tzinfo=dt.UTC),
        cache=MemoryCache(),
        trusted_issuers=frozenset({did}),
    )
    report = verify_parsed(parsed, ctx, "test")
    assert report.verdict == "failed"
    what, todo = reason(report, ISSUER)
    assert str(what) == "Changed after it was signed."
    assert todo is not None


@pytest.mark.parametrize(
    ("issuer_id", "expected"),
    [
        (
            "did:web:skills.example.ac.nz",
            "Its key is published at the web domain skills.example.ac.nz.",
        ),
        (
            "did:web:localhost%3A8443:issuers:one",
            "Its key is published at the web domain localhost:8443.",
        ),
        (
            "did:key:z6MkhWDKUHqLByfyJqwan7K67QKEkoUvWEJ6VFoNShtdptu9",
            "The key is the identifier itself: only trust it if you got this credential from "
            "the issuer directly.",
        ),
        (
            "did:jwk:eyJrdHkiOiJPS1AifQ",
            "The key is the identifier itself: only trust it if you "
            "got this credential from the issuer directly.",
        ),
        (
            "https://badges.example.org/issuer/7",
            "Its profile and keys are published at badges.example.org.",
        ),
        ("urn:uuid:1234", "The wallet cannot tell how this identifier is confirmed."),
    ],
)
def test_how_an_issuer_identifier_is_confirmed(issuer_id: str, expected: str) -> None:
    assert str(how_confirmed(issuer_id)) == expected


def test_a_verified_credential_says_how_its_issuer_was_confirmed_when_not_by_the_learner() -> None:
    """A registry or a qualified seal confirmed the issuer, not the learner's own list: the
    headline says so instead of "an issuer you trust" (issue 17/18)."""
    from wallet.messages import M
    from wallet.verify.report import PASS, PROOF, TRUST, Check

    listed = M(
        "{issuer} is listed in {registry}'s issuer registry, fetched {day}",
        issuer="Demo Polytechnic",
        registry="DCC",
        day=dt.date(2026, 12, 3),
    )
    report = Report("t", "ob3", [Check(PROOF, PASS, M("ok")), Check(TRUST, PASS, listed)])
    what, todo = reason(report, ISSUER)
    assert str(what) == (
        "Authentic and unchanged; Demo Polytechnic is listed in DCC's issuer registry, "
        "fetched 3 December 2026."
    )
    assert render(what, "de").startswith("Echt und unverändert; ")
    assert todo is None
    own = Check(TRUST, PASS, M("{issuer} is on your list of trusted issuers", issuer="X"))
    mine = Report("t", "ob3", [Check(PROOF, PASS, M("ok")), own])
    assert str(reason(mine, ISSUER)[0]) == "Authentic, unchanged and from an issuer you trust."


def test_a_seal_not_confirmed_as_qualified_is_the_reason_given_not_the_trust_list() -> None:
    """A Europass seal checked offline with no EU lists: the learner reads who sealed it and
    what was not checked, rather than being asked to trust the issuer by hand (issue 18)."""
    from wallet.messages import M
    from wallet.verify.report import ISSUER as ISSUER_CHECK
    from wallet.verify.report import PASS, PROOF, TRUST, WARN, Check

    sealed = M(
        "sealed by {organisation} (certificate valid; qualified status not checked)",
        organisation="University of Zed",
    )
    report = Report(
        "t",
        "vc",
        [
            Check(PROOF, PASS, M("ok")),
            Check(ISSUER_CHECK, WARN, sealed),
            Check(TRUST, WARN, M("{issuer} is not on your list of trusted issuers", issuer="Z")),
        ],
    )
    what, _todo = reason(report, "University of Zed")
    assert str(what) == (
        "Authentic, but who issued it is not fully confirmed: sealed by University of Zed "
        "(certificate valid; qualified status not checked)."
    )


@pytest.mark.parametrize("online", [False, True])
def test_a_qualified_seal_whose_revocation_is_unknown_says_that_not_who_issued_it(
    online: bool,
) -> None:
    """The EU lists confirm who sealed it; only the CA's word on the certificate is missing.
    Offline the learner is told to check online; when the CA was asked and gave no usable
    answer, checking again is not offered as if it would help."""
    from wallet.messages import M, join
    from wallet.verify.report import ISSUER as ISSUER_CHECK
    from wallet.verify.report import PASS, PROOF, TRUST, WARN, Check
    from wallet.verify.revocation import NotChecked

    sealed = M(
        "sealed by {organisation} (qualified seal, trusted list of {day})",
        organisation="Universitas Testensis",
        day=dt.date(2026, 11, 2),
    )
    why = (
        NotChecked(M("the responder did not answer"), True)
        if online
        else NotChecked(
            M("no current answer of its CA is kept; an online check asks the CA"), False
        )
    )
    report = Report(
        "t",
        "vc",
        [
            Check(PROOF, PASS, M("ok")),
            Check(ISSUER_CHECK, WARN, join([sealed, why.sentence()])),
            Check(TRUST, PASS, M("the EU trusted lists confirm the seal: {seal}", seal=sealed)),
        ],
    )
    what, todo = reason(report, "Universitas Testensis")
    assert str(what) == (
        "Authentic and sealed by Universitas Testensis with a qualified seal, but whether the "
        "seal's certificate was revoked is not known."
    )
    if online:
        assert todo is None
    else:
        assert todo is not None and str(todo) == "Check online to see whether it was revoked."
