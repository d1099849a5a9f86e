"""A hosted Open Badges 2.0 assertion whose badge is only a link shows the issuer's details
once an online check has confirmed the issuer's copy.

Credly, Badgr/Canvas Credentials and many LMSs hand out assertions whose `badge` is only the
BadgeClass's address. Offline, the wallet can only show the last part of that address (often a
UUID). An online check fetches the assertion, its BadgeClass and its Issuer Profile from the
issuer's site and confirms them: from then on the list, the cards and the detail pane show the
BadgeClass's name, description and criteria and the issuer's name, while the bytes the learner
imported stay exactly as they were. Nothing changes when the check fails or cannot be made,
and a later failed check does not take back what a confirmed one showed (its verdict says
failed).

The issuer's site is served from 127.0.0.1 by the `web` fixture (tests/verify/localweb.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from wallet import cli, formats, messages
from wallet.actions.verifying import verify_credentials
from wallet.formats import ob2
from wallet.importer import import_text
from wallet.messages import M
from wallet.store import WalletStore
from wallet.verify import context as verify_context
from wallet.verify import verifier
from wallet.verify.report import FAIL, FAILED, ISSUER, PASS, PROOF, UNKNOWN, WARN, Check

from .localweb import LocalWeb
from .test_ob2_hosted_forgery import (
    ISSUER_URL,
    SITE,
    TRUE_NAME,
    badge_class,
    hosted_assertion,
    issuer_profile,
    publish,
)

PASSPHRASE = "correct horse battery staple"
UUID = "6b1f3c2a-9d4e-4f7a-8b21-0c5e9a7d3f10"
BADGE_URL = f"{SITE}/badges/{UUID}"  # what Credly and Badgr name a BadgeClass by
DESCRIPTION = "Can give first aid in a workplace."
CRITERIA = "Pass the practical assessment."
ENGLISH_NOTE = "The badge's name, description and issuer are not in this file"


def the_badge(**extra: Any) -> dict[str, Any]:
    return badge_class(
        id=BADGE_URL,
        tags=["first aid", "health and safety"],
        alignment=[{"targetName": "Workplace first aid", "targetUrl": f"{SITE}/skills/1"}],
        **extra,
    )


def linked_only(**extra: Any) -> dict[str, Any]:
    """The assertion as Credly hands it out: its badge only a link."""
    return hosted_assertion(badge=BADGE_URL, **extra)


def publish_site(web: LocalWeb, **badge: Any) -> None:
    publish(web, assertion=linked_only(), badge=the_badge(**badge))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[WalletStore]:
    with WalletStore.create(tmp_path / "w.lwallet", PASSPHRASE) as s:
        yield s


@pytest.fixture
def fetch_from(web: LocalWeb, monkeypatch: pytest.MonkeyPatch) -> LocalWeb:
    """The wallet's own online checks (`verify_credentials(..., online=True)`) reach the
    issuer's site through the loopback server."""
    monkeypatch.setattr(verify_context, "_default_fetch", web.fetch)
    return web


def bring_in(store: WalletStore, doc: dict[str, Any]) -> tuple[str, bytes]:
    data = json.dumps(doc, indent=2).encode()
    result = import_text(store, data.decode(), "credly-badge.json")
    assert result.status == "imported", result.message
    assert result.id is not None
    return result.id, data


def title_of(store: WalletStore, cid: str) -> str:
    return next(s.title for s in store.credentials.summaries() if s.id == cid)


def check_now(store: WalletStore, web: LocalWeb, cid: str, online: bool) -> Any:
    verified = verify_credentials(store, [cid], online=online, at=web.at)
    return verified, verified.reports[cid]


def status(report: Any, check_id: str) -> str:
    return next(c.status for c in report.checks if c.id == check_id)


# --- a confirmed check shows the issuer's details -------------------------------------------------


def test_an_online_check_shows_the_issuers_badge_details_and_keeps_the_bytes(
    store: WalletStore, fetch_from: LocalWeb
) -> None:
    cid, data = bring_in(store, linked_only())
    before = store.credentials.get(cid)
    assert title_of(store, cid) == UUID  # offline, only the address's last part is known
    assert before.credential.issuer.name is None

    publish_site(fetch_from)
    verified, report = check_now(store, fetch_from, cid, online=True)

    assert status(report, PROOF) == PASS and status(report, ISSUER) == PASS
    assert cid in verified.changes.updated  # the window re-reads the row, card and pane
    after = store.credentials.get(cid)
    c = after.credential
    assert title_of(store, cid) == TRUE_NAME
    assert (c.title, c.description, c.criteria) == (TRUE_NAME, DESCRIPTION, CRITERIA)
    assert (c.issuer.name, c.issuer.id, c.issuer.url) == ("Example University", ISSUER_URL, SITE)
    assert c.tags == ["first aid", "health and safety"]
    assert [a.target_name for a in c.alignments] == ["Workplace first aid"]
    assert (c.format, c.proof_form) == (before.credential.format, before.credential.proof_form)
    summary = next(s for s in store.credentials.summaries() if s.id == cid)
    assert summary.issuer == "Example University"
    # the learner's bytes, their hashes and the wallet's id for them: exactly as imported
    assert after.id == cid == before.id
    assert after.original == data and after.payload == data
    assert after.original_sha256 == hashlib.sha256(data).hexdigest() == before.original_sha256
    assert after.payload_sha256 == before.payload_sha256
    # search finds it by what the issuer wrote, and by its issuer
    assert cid in store.credentials.search("workplace first aid")
    assert cid in store.credentials.search("Example University")
    # what the issuer's copy confirmed, the trust and stack code now see too
    assert store.credentials.issued_by([ISSUER_URL]) == [cid]


def test_an_offline_check_afterwards_keeps_the_issuers_details(
    store: WalletStore, fetch_from: LocalWeb
) -> None:
    cid, _ = bring_in(store, linked_only())
    publish_site(fetch_from)
    check_now(store, fetch_from, cid, online=True)
    fetch_from.hits.clear()

    _, report = check_now(store, fetch_from, cid, online=False)

    assert fetch_from.hits == []
    assert status(report, PROOF) == UNKNOWN  # "last confirmed on ...": not confirmed now
    assert title_of(store, cid) == TRUE_NAME
    assert store.credentials.get(cid).credential.description == DESCRIPTION


def test_the_issuers_new_wording_is_shown_after_the_next_confirmed_check(
    store: WalletStore, fetch_from: LocalWeb
) -> None:
    cid, _ = bring_in(store, linked_only())
    publish_site(fetch_from)
    check_now(store, fetch_from, cid, online=True)
    publish_site(fetch_from, name="Certificate in Workplace First Aid")
    check_now(store, fetch_from, cid, online=True)
    assert title_of(store, cid) == "Certificate in Workplace First Aid"
    assert cid in store.credentials.search("workplace certificate")


# --- nothing changes without a confirmed check ----------------------------------------------------


def test_an_offline_check_or_an_unreachable_site_changes_nothing(
    store: WalletStore, fetch_from: LocalWeb
) -> None:
    cid, _ = bring_in(store, linked_only())
    _, offline = check_now(store, fetch_from, cid, online=False)
    _, online = check_now(store, fetch_from, cid, online=True)  # nothing published: 404s
    assert status(offline, PROOF) == UNKNOWN and status(online, PROOF) == UNKNOWN
    assert title_of(store, cid) == UUID
    assert store.credentials.get(cid).credential.description is None


def test_a_copy_the_issuer_does_not_host_changes_nothing(
    store: WalletStore, fetch_from: LocalWeb
) -> None:
    cid, _ = bring_in(store, linked_only(narrative="Graduated with distinction"))
    publish_site(fetch_from)
    verified, report = check_now(store, fetch_from, cid, online=True)
    assert status(report, PROOF) == FAIL and verified.verdicts[cid] == FAILED
    assert title_of(store, cid) == UUID
    c = store.credentials.get(cid).credential
    assert c.description is None and c.issuer.name is None and c.issuer.id is None


def test_a_badge_hosted_where_its_issuer_does_not_allow_changes_nothing(
    store: WalletStore, fetch_from: LocalWeb
) -> None:
    """The copies agree (the proof passes), but the issuer's profile does not allow the
    assertion's site: not the issuer's badge, so not the issuer's details either."""
    cid, _ = bring_in(store, linked_only())
    publish_site(fetch_from)
    narrow = issuer_profile(verification={"startsWith": f"{SITE}/issuers/7/"})
    fetch_from.publish(ISSUER_URL, narrow)
    _, report = check_now(store, fetch_from, cid, online=True)
    assert status(report, PROOF) == PASS and status(report, ISSUER) == FAIL
    assert title_of(store, cid) == UUID
    assert store.credentials.get(cid).credential.issuer.name is None


def test_a_learners_own_badge_class_is_not_taken_as_the_issuers(
    store: WalletStore, fetch_from: LocalWeb
) -> None:
    """A copy with the BadgeClass inside that names it otherwise than the issuer does: the
    record keeps what the copy says (the learner's claim) and the verdict says failed."""
    forged = linked_only()
    forged["badge"] = {**the_badge(), "name": "Master of Nursing Science (Honours)"}
    cid, _ = bring_in(store, forged)
    publish_site(fetch_from)
    verified, _ = check_now(store, fetch_from, cid, online=True)
    assert verified.verdicts[cid] == FAILED
    assert title_of(store, cid) == "Master of Nursing Science (Honours)"


def test_a_later_failed_check_keeps_the_details_and_shows_failed(
    store: WalletStore, fetch_from: LocalWeb
) -> None:
    """What a confirmed check showed was the issuer's word then; a revocation afterwards is
    said by the verdict, not by hiding what the badge was."""
    cid, _ = bring_in(store, linked_only())
    publish_site(fetch_from)
    check_now(store, fetch_from, cid, online=True)
    fetch_from.publish(linked_only()["id"], b"gone", status=410)
    verified, _ = check_now(store, fetch_from, cid, online=True)
    assert verified.verdicts[cid] == FAILED
    assert store.checks.verdicts_of([cid]) == {cid: FAILED}
    assert title_of(store, cid) == TRUE_NAME


def test_details_that_came_over_plain_http_are_not_taken(web: LocalWeb) -> None:
    """Over plain http the proof passes but the issuer check warns (anyone on the way could
    have written what came): the record, which goes into portfolios, keeps what it had."""
    publish_site(web)
    held = formats.parse(json.dumps(linked_only()).encode())
    report, outcome = verifier._verify(held, web.context(), "badge.json")
    assert status(report, PROOF) == PASS and status(report, ISSUER) == PASS
    confirmed = verifier.hosted_details(held.credential, report, outcome)
    assert confirmed is not None and confirmed.title == TRUE_NAME
    warned = [
        Check(
            ISSUER,
            WARN,
            M(
                "checked over an unprotected connection: {url} came over plain "
                "http, so anyone on the way could have changed what the issuer's site sent",
                url=SITE,
            ),
        )
        if c.id == ISSUER
        else c
        for c in report.checks
    ]
    plain = dataclasses.replace(report, checks=warned)
    assert verifier.hosted_details(held.credential, plain, outcome) is None


# --- the fallback says in the reader's language that the details are only linked ------------------


def test_a_linked_badge_stores_no_english_sentence() -> None:
    c = formats.parse(json.dumps(linked_only()).encode()).credential
    assert c.title == UUID and c.description is None
    note = ob2.linked_details_note(c)
    assert note is not None
    english = messages.render(note, "en")
    assert english.startswith(ENGLISH_NOTE) and BADGE_URL in english
    german = messages.render(note, "de")
    assert BADGE_URL in german and "Aussteller" in german
    assert ENGLISH_NOTE not in german and "not in this file" not in german


def test_a_record_kept_with_the_english_sentence_is_shown_in_german() -> None:
    """Wallets filled by an earlier version keep the English sentence as the description."""
    c = formats.parse(json.dumps(linked_only()).encode()).credential
    c.description = (
        "The badge details (name, description, issuer) are not included in this assertion; "
        f"they are published at {BADGE_URL}"
    )
    shown = ob2.shown_description(c)
    assert shown is not None
    german = messages.render(shown, "de")
    assert BADGE_URL in german and ENGLISH_NOTE not in german
    c.description = DESCRIPTION  # the issuer's own words are shown as written
    assert ob2.shown_description(c) is not None
    assert messages.render(ob2.shown_description(c) or "", "de") == DESCRIPTION


def test_a_badge_with_its_details_has_no_note(store: WalletStore, fetch_from: LocalWeb) -> None:
    held = linked_only()
    held["badge"] = {**the_badge(), "description": None}
    assert ob2.linked_details_note(formats.parse(json.dumps(held).encode()).credential) is None
    cid, _ = bring_in(store, linked_only())
    publish_site(fetch_from)
    check_now(store, fetch_from, cid, online=True)
    assert ob2.linked_details_note(store.credentials.get(cid).credential) is None


@pytest.mark.usefixtures("keep_language")
def test_show_in_german_says_the_details_are_linked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    badge = tmp_path / "credly-badge.json"
    badge.write_text(json.dumps(linked_only()), "utf-8")
    pw = tmp_path / "pass.txt"
    pw.write_text(PASSPHRASE + "\n")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    common = ["--wallet", str(tmp_path / "w.lwallet"), "--passphrase-file", str(pw)]
    assert cli.main([*common, "init"], out=io.StringIO()) == 0
    assert cli.main([*common, "import", str(badge)], out=io.StringIO()) == 0
    with WalletStore.open(tmp_path / "w.lwallet", PASSPHRASE) as s:
        cid = s.credentials.summaries()[0].id
    out = io.StringIO()
    assert cli.main([*common, "show", cid], out=out) == 0
    shown = out.getvalue()
    capsys.readouterr()
    assert BADGE_URL in shown
    assert ENGLISH_NOTE not in shown and "not in this file" not in shown
    note = ob2.linked_details_note(formats.parse(badge.read_bytes()).credential)
    assert note is not None and messages.render(note, "de") in shown


def test_the_german_portfolio_says_the_details_are_linked(store: WalletStore) -> None:
    from wallet.export import build_portfolio
    from wallet.export.html import render_html, render_print_html

    cid, _ = bring_in(store, linked_only())
    portfolio = build_portfolio(store, [cid], verify=False)
    for markup in (render_html(portfolio, "de"), render_print_html(portfolio, "de")[0]):
        assert ENGLISH_NOTE not in markup and "not in this file" not in markup
        assert "stehen nicht in dieser Datei" in markup and "Prüfen Sie online" not in markup


# --- the window shows the new details at once -----------------------------------------------------


@pytest.mark.usefixtures("keep_language")
def test_the_detail_pane_shows_the_issuers_details_after_an_online_check(
    qtbot: Any, tmp_path: Path, fetch_from: LocalWeb
) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from wallet.ui.main_window import MainWindow
    from wallet.ui.qt import QtCore

    path = tmp_path / "w.lwallet"
    with WalletStore.create(path, PASSPHRASE) as s:
        cid, _ = bring_in(s, linked_only())
    publish_site(fetch_from)
    messages.set_language("de")
    w = MainWindow(WalletStore.open(path, PASSPHRASE))
    qtbot.addWidget(w)
    w.show()
    assert w.select_credential(cid)
    described = w.detail.value_text("description")
    assert BADGE_URL in described and ENGLISH_NOTE not in described  # German, not English
    assert "Prüfen Sie online" in described  # and what brings the details in
    assert w.detail.value_text("title") == UUID

    qtbot.mouseClick(w.detail.online_button, QtCore.Qt.MouseButton.LeftButton)
    assert w.check_task is not None
    qtbot.waitUntil(lambda: not w.detail.busy.isVisibleTo(w.detail), timeout=30_000)

    assert w.detail.value_text("title") == TRUE_NAME
    assert w.detail.value_text("description") == DESCRIPTION
    assert w.detail.value_text("issuer") == "Example University"
    assert TRUE_NAME in w.model.titles()
    w.close()
