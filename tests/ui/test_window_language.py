"""The window renders the core's message ids in its own language, and writes dates the way the
reader's locale does (issue 14: "words a learner can read in their language")."""

from __future__ import annotations

import datetime as dt

from wallet import messages
from wallet.credential import DATA_INTEGRITY, OB3, Credential, Issuer
from wallet.errors import WalletError
from wallet.messages import M, join, plain
from wallet.ui import i18n
from wallet.ui.detail_view import DetailView, Shown
from wallet.ui.messages import text_of
from wallet.ui.qt import QtCore
from wallet.ui.workers import Task
from wallet.verify.report import FAIL, HOLDER, PASS, PROOF, TRUST, VALIDITY, WARN, Check, Report

DAY = dt.date(2026, 12, 6)


def test_installing_the_german_catalogue_also_sets_the_core_language(qapp) -> None:
    code, remove = i18n.install_translators("de")
    try:
        assert code == "de" and messages.current_language() == "de"
        assert messages.render(M("expired on {day}", day=DAY)) == "abgelaufen am 6. Dezember 2026"
    finally:
        remove()
    assert messages.current_language() == "en"
    assert messages.render(M("expired on {day}", day=DAY)) == "expired on 6 December 2026"


def test_text_of_renders_messages_errors_and_leaves_plain_text(german) -> None:
    assert text_of(M("valid, no end date")) == "gültig, ohne Enddatum"
    assert text_of(WalletError(M("expired on {day}", day=DAY))) == "abgelaufen am 6. Dezember 2026"
    assert text_of("schon übersetzt") == "schon übersetzt"
    assert text_of(None) == ""


def test_days_are_written_the_way_each_locale_writes_them(qapp) -> None:
    stamp = "2024-05-01T10:00:00Z"
    assert i18n.day_text(stamp, QtCore.QLocale("de_DE")) == "1. Mai 2024"
    assert i18n.day_text(stamp, QtCore.QLocale("en_GB")) == "1 May 2024"
    assert i18n.day_text(stamp, QtCore.QLocale("en_US")) == "May 1, 2024"
    assert i18n.day_text(dt.date(2024, 5, 1), QtCore.QLocale("de_AT")) == "1. Mai 2024"
    # what an issuer wrote that is no ISO date stays as written
    assert i18n.day_text("spring 2024") == "spring 2024"
    assert i18n.day_text("2024-13-45") == "2024-13-45"
    assert i18n.day_text(None) == ""
    assert i18n.time_text(dt.time(18, 5), QtCore.QLocale("de_DE")) == "18:05"
    assert i18n.time_text(dt.time(18, 5), QtCore.QLocale("en_US")).replace("\u202f", " ") == (
        "6:05 PM"
    )


def test_the_german_window_writes_german_dates(german) -> None:
    assert i18n.window_locale().language() == QtCore.QLocale.Language.German
    assert i18n.day_text("2024-05-01") == "1. Mai 2024"


def _shown() -> Shown:
    credential = Credential(
        format=OB3,
        proof_form=DATA_INTEGRITY,
        title="Data Analysis with Python",
        issuer=Issuer(name="Open University of Example"),
        issued="2024-05-01T10:00:00Z",
        valid_until="2026-12-06T00:00:00Z",
    )
    report = Report(
        source="test",
        format=OB3,
        checks=[
            Check(VALIDITY, WARN, M("expired on {day}", day=DAY)),
            Check(TRUST, PASS, M("{issuer} is on your list of trusted issuers", issuer="OUE")),
        ],
    )
    return Shown(id="c1", credential=credential, report=report, checked_at="2026-05-01T00:00:00Z")


def test_the_detail_pane_shows_the_core_checks_and_dates_in_german(qtbot, german) -> None:
    view = DetailView()
    qtbot.addWidget(view)
    view.show_item(_shown())
    checks = view.value_text("checks")
    assert "abgelaufen am 6. Dezember 2026" in checks
    assert "OUE steht auf Ihrer Liste vertrauenswürdiger Aussteller" in checks
    assert "expired" not in checks and "trusted issuers" not in checks
    assert view.value_text("issued") == "1. Mai 2024"
    assert view.value_text("valid_until") == "6. Dezember 2026"
    view.set_note(M("valid, no end date"))
    assert view.value_text("note") == "gültig, ohne Enddatum"


def test_the_english_detail_pane_keeps_its_english(qtbot, qapp) -> None:
    view = DetailView()
    qtbot.addWidget(view)
    view.show_item(_shown())
    assert "expired on 6 December 2026" in view.value_text("checks")
    assert view.value_text("issued") == i18n.day_text("2024-05-01")


def test_a_failed_background_task_says_why_in_german(qtbot, german) -> None:
    def fail(_progress: object) -> None:
        raise WalletError(join([M("expired on {day}", day=DAY), plain("Datei.json")]))

    task = Task(fail)
    with qtbot.waitSignal(task.failed, timeout=10_000) as said:
        task.start()
    assert said.args == ["abgelaufen am 6. Dezember 2026; Datei.json"]


def test_the_verify_window_sorts_joined_holder_problems_and_says_them_in_german(
    qtbot, german
) -> None:
    """The holder check lists its problems as one joined message; each goes to the row it is
    about, in the window's language, and the proof's times are written the German way."""
    from wallet.actions.checking import QrCheck
    from wallet.ui.verify_qr_window import VerifyQrWindow

    def tr(text: str) -> str:
        return QtCore.QCoreApplication.translate("VerifyQrWindow", text)

    report = Report(
        source="presentation",
        format="vp",
        checks=[
            Check(PROOF, PASS, plain("did:key:z6Mk")),
            Check(
                HOLDER,
                FAIL,
                join(
                    [
                        M("it carries no credential"),
                        M(
                            "it answers another challenge than the one asked for: "
                            "it may be a replay"
                        ),
                    ]
                ),
            ),
        ],
        as_of="2026-05-01T10:00:00Z",
    )
    proof = {"created": "2026-05-01T09:55:00Z", "expires": "2026-05-01T10:25:00Z"}
    window = VerifyQrWindow()
    qtbot.addWidget(window)
    window.challenge.setText("abc")
    window.show_result(QrCheck(["LW2:x"], {"proof": proof}, report, "failed"))
    rows = window.check_texts_shown()
    assert (
        f"\u2717 {tr('Bound to the credential subject')}",
        "sie enthält keinen Nachweis",
    ) in rows
    challenge = dict(rows)[f"\u2717 {tr('Challenge and domain')}"]
    assert challenge.startswith("sie beantwortet eine andere Challenge")
    freshness = dict(rows)[f"\u2713 {tr('Freshness')}"]
    assert "1. Mai 2026" in freshness and "2026-05-01" not in freshness
    assert "1. Mai 2026" in window.status.text()
