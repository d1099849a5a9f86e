"""Issue 16: answering a verifier in the window (File → Answer a Verifier…, a pasted or dropped
request link, a QR picture holding one, an `openid4vp://` launch).

Against the OpenID4VP verifier harness of tests/present (oid4vc-ts with Digital Bazaar's vc,
127.0.0.1), with credentials made as tests/respond makes them. What a learner notices: before
anything is sent the dialog shows the name the verifier gives (as its own words), what its
signature proves, where the answer goes and exactly what each credential would reveal; only
Share sends, and the verifier finds it valid; Decline (also Enter, Escape, a lock) tells the
verifier no and nothing else; a request that does not hold is one sentence and the learner is
never asked; the credential picked is the one that goes.
"""

from __future__ import annotations

import configparser
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import qrcode

from tests.present import oid4vp_support as support
from tests.respond.test_oid4vp import VCT, Learner
from wallet import cli
from wallet.actions.importing import ImportRequest, QrImage
from wallet.actions.responding import Asked, Option, Wanted
from wallet.store import WalletStore
from wallet.ui import single_instance
from wallet.ui.app import Session
from wallet.ui.main_window import MainWindow
from wallet.ui.qt import QtCore, QtGui, QtWidgets
from wallet.ui.respond_dialog import (
    ACCEPTED,
    CONSENT,
    DECLINED,
    LINK,
    REFUSED,
    RESULT,
    ZWSP,
    RespondActions,
    RespondDialog,
)

from .samples import PASSPHRASE, message_boxes, opened

WAIT_MS = 30_000
ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ROOT / "packaging" / "linux" / "org.learnerwallet.LearnerWallet.desktop"
WHOLE = "The whole credential (it cannot be shown in part)"
SECOND = "Aroha N. (second)"


@pytest.fixture(scope="module")
def verifier(tmp_path_factory: pytest.TempPathFactory) -> Iterator[support.NodeVerifier]:
    with support.node_verifier(tmp_path_factory.mktemp("oid4vp-node")) as harness:
        yield harness


@pytest.fixture
def learner_file(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A wallet file holding, as tests/respond's learner does, a credential of each format
    bound to the wallet's own keys, and a second JWT credential with another name."""
    path = tmp_path / "aroha.wallet"
    with WalletStore.create(path, PASSPHRASE) as store:
        person = Learner(store)
        person.ldp()
        person.jwt()
        person.sd_jwt()
        ids = dict(person.ids)
        ids["second"] = person.jwt(SECOND)
    return path, ids


@pytest.fixture
def session(learner_file: tuple[Path, dict[str, str]]) -> Iterator[Session]:
    yield from opened(learner_file[0])


def window_of(session: Session) -> MainWindow:
    window = session.window
    assert window is not None and window.store is not None
    return window


def responder_of(session: Session) -> RespondActions:
    responder = window_of(session).responder
    assert responder is not None
    return responder


def request(verifier: support.NodeVerifier, fmt: str, **options: Any) -> dict[str, Any]:
    """A fresh request for `fmt` asking for the name (an SD-JWT's given name)."""
    claims = ["given_name"] if fmt == "dc+sd-jwt" else [["credentialSubject", "name"]]
    return verifier.create(fmt, claims=claims, vct_values=[VCT], **options)


def at_consent(qtbot, dialog: RespondDialog | None) -> RespondDialog:
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.page() == CONSENT, timeout=WAIT_MS)
    return dialog


def settled(qtbot, dialog: RespondDialog) -> RespondDialog:
    """The op is over: the worker returned, so nothing more reaches the verifier."""
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=WAIT_MS)
    return dialog


def shown(label: QtWidgets.QLabel) -> str:
    """A label's text as a person reads it (without the invisible break opportunities)."""
    return label.text().replace(ZWSP, "")


def shown_dialogs() -> list[QtWidgets.QWidget]:
    return [
        w
        for w in QtWidgets.QApplication.topLevelWidgets()
        if isinstance(w, RespondDialog) and w.isVisible()
    ]


def shares(session: Session) -> list[Any]:
    store = window_of(session).store
    assert store is not None
    return list(store.shares.all())


def test_a_pasted_request_shows_who_asks_and_exactly_what_goes_then_share_is_valid(
    qtbot, session: Session, learner_file: tuple[Path, dict[str, str]], verifier
) -> None:
    made = request(verifier, "dc+sd-jwt", client_id_prefix="x509_san_dns")
    imports = session.install_imports()
    assert imports is not None
    QtGui.QGuiApplication.clipboard().setText(made["url"])
    window_of(session).paste_action.trigger()
    dialog = at_consent(qtbot, responder_of(session).dialog)
    assert imports.task is None and imports.result_dialog is None  # not imported as a file

    assert shown(dialog.name_value) == "Harbour Test Employer"
    assert dialog.name_note.text() == "In its own words: nothing proves this name."
    assert shown(dialog.client_value) == "A certificate for localhost (x509_san_dns)"
    assert shown(dialog.host_value) == "localhost"
    assert dialog.trust_value.text() == (
        "Not on your trust list. Share only if you know who this is."
    )
    assert dialog.chain_value.isHidden() and dialog.chain_button.text() == "Its certificates (2)"
    dialog.chain_button.click()
    assert not dialog.chain_value.isHidden()
    assert shown(dialog.chain_value).splitlines()[1:] == [
        "1. CN=localhost",
        "2. CN=Learner Wallet test verifier CA",
    ]
    (row,) = dialog.option_rows()
    assert row.option.credential_id == learner_file[1]["dc+sd-jwt"]
    assert shown(row.title) == "First aid" and row.button.isChecked()
    # The asked claim, and the one the issuer never lets be hidden: said before the yes.
    assert row.revealed() == "It would see:\n\u2022 Given name\n\u2022 Family name"
    for label in (dialog.name_value, dialog.purpose_value, row.title, row.issuer, row.reveals):
        assert label.textFormat() == QtCore.Qt.TextFormat.PlainText  # a stranger's words
    assert dialog.go_button.text() == "Share" and not dialog.go_button.isDefault()
    assert dialog.cancel_button.text() == "Decline" and dialog.cancel_button.isDefault()
    assert verifier.outcome(made["id"])["responses"] == []  # nothing sent before the yes

    dialog.go_button.click()
    assert dialog.page() == RESULT and not dialog.cancel_button.isEnabled()
    settled(qtbot, dialog)
    outcome = verifier.outcome(made["id"])
    assert outcome["status"] == "valid", outcome
    assert outcome["disclosed"] == ["given_name"]
    assert dialog.outcome == ACCEPTED
    assert dialog.result_title.text() == "Shared"
    assert dialog.result_text.text() == "localhost accepted what you shared."
    assert shown(dialog.shared_value) == (
        "What you shared:\n\u2022 First aid: Given name, Family name"
    )
    assert dialog.cancel_button.text() == "Close" and dialog.cancel_button.isEnabled()
    (share,) = shares(session)
    assert share.credentials == (learner_file[1]["dc+sd-jwt"],)
    assert message_boxes() == []


def test_a_credential_that_cannot_be_shown_in_part_says_so_in_bold(
    qtbot, session: Session, verifier
) -> None:
    made = request(verifier, "ldp_vc", client_id_prefix="decentralized_identifier")
    dialog = at_consent(qtbot, responder_of(session).open_request(made["url"]))
    did = made["client_id"].split(":", 1)[1]
    assert shown(dialog.client_value) == f"Its DID {did} (decentralized_identifier)"
    assert dialog.chain_button.isHidden()
    (row,) = dialog.option_rows()
    assert row.revealed() == WHOLE and row.reveals.font().bold()
    dialog.go_button.click()
    settled(qtbot, dialog)
    assert verifier.outcome(made["id"])["status"] == "valid"
    assert shown(dialog.shared_value).endswith(": the whole credential")


@pytest.mark.parametrize("way", ["decline", "enter", "escape", "close", "lock"])
def test_without_share_the_verifier_only_hears_no(
    qtbot, session: Session, verifier, way: str
) -> None:
    window = window_of(session)
    made = request(verifier, "dc+sd-jwt", response_mode="direct_post.jwt")
    dialog = at_consent(qtbot, responder_of(session).open_request(made["url"]))
    task = dialog.task
    assert task is not None
    if way == "decline":
        dialog.cancel_button.click()
    elif way == "enter":  # the default answer, also once the learner looked at a choice
        (row,) = dialog.option_rows()
        row.button.setFocus()
        qtbot.keyClick(row.button, QtCore.Qt.Key.Key_Return)
    elif way == "escape":
        qtbot.keyClick(dialog, QtCore.Qt.Key.Key_Escape)
    elif way == "close":
        dialog.close()
    else:
        window.lock()
    assert task.wait(WAIT_MS / 1000)
    outcome = verifier.outcome(made["id"])
    assert outcome["status"] == "declined" and outcome["disclosed"] in (None, [])
    if way in ("decline", "enter"):  # the learner is told what happened
        settled(qtbot, dialog)
        assert dialog.outcome == DECLINED and dialog.page() == RESULT
        assert dialog.result_title.text() == "Declined"
        assert dialog.result_text.text() == (
            "Nothing was shared. 127.0.0.1 was told that you said no."
        )
        dialog.cancel_button.click()
    qtbot.waitUntil(lambda: shown_dialogs() == [], timeout=WAIT_MS)
    if way != "lock":
        qtbot.waitUntil(lambda: responder_of(session).dialog is None, timeout=WAIT_MS)
        assert shares(session) == []


def test_a_request_signed_by_another_key_is_one_sentence_and_never_asks(
    qtbot, session: Session, verifier
) -> None:
    made = request(verifier, "ldp_vc", client_id_prefix="x509_san_dns", mode="wrong_key")
    dialog = responder_of(session).open_request(made["url"])
    assert dialog is not None
    settled(qtbot, dialog)
    assert dialog.asked is None  # never asked: nothing to agree to
    assert dialog.page() == RESULT and dialog.outcome == REFUSED
    assert dialog.result_title.text() == "Nothing was shared"
    assert dialog.result_text.text() == (
        "The verifier's request does not match its signature; nothing was sent."
    )
    assert dialog.cancel_button.text() == "Close"
    assert verifier.outcome(made["id"])["responses"] == []
    assert message_boxes() == []  # said in the dialog, once
    dialog.reject()


def test_picking_the_second_of_two_matching_credentials_sends_that_one(
    qtbot, session: Session, learner_file: tuple[Path, dict[str, str]], verifier
) -> None:
    made = request(verifier, "jwt_vc_json", client_id_prefix="decentralized_identifier")
    dialog = at_consent(qtbot, responder_of(session).open_request(made["url"]))
    rows = dialog.option_rows()
    assert {r.option.credential_id for r in rows} == {
        learner_file[1]["jwt_vc_json"],
        learner_file[1]["second"],
    }
    assert all(isinstance(r.button, QtWidgets.QRadioButton) for r in rows)
    second = next(r for r in rows if r.option.credential_id == learner_file[1]["second"])
    other = next(r for r in rows if r is not second)
    if second.button.isChecked():  # the first one listed is picked at first: take the other
        qtbot.mouseClick(other.title, QtCore.Qt.MouseButton.LeftButton)
        assert other.button.isChecked() and not second.button.isChecked()
    qtbot.mouseClick(second.title, QtCore.Qt.MouseButton.LeftButton)  # a click on the row
    assert second.button.isChecked() and not other.button.isChecked()
    assert dialog.picks() == {"learner_credential": [learner_file[1]["second"]]}
    dialog.go_button.click()
    settled(qtbot, dialog)
    outcome = verifier.outcome(made["id"])
    assert outcome["status"] == "valid"
    assert SECOND in json.dumps(outcome["claims"])
    (share,) = shares(session)
    assert share.credentials == (learner_file[1]["second"],)


def test_the_menu_command_asks_for_the_link_and_checks_it_before_connecting(
    qtbot, session: Session, verifier
) -> None:
    window = window_of(session)
    assert window.respond_action.isVisible()
    window.respond_action.trigger()
    dialog = responder_of(session).dialog
    assert isinstance(dialog, RespondDialog) and dialog.isVisible()
    assert dialog.page() == LINK and dialog.go_button.text() == "Continue"
    dialog.link_field.setText("https://example.org/badge.json")
    dialog.go_button.click()
    assert dialog.page() == LINK and not dialog.link_error.isHidden()
    assert dialog.link_error.text() == (
        "This is not a verifier's request: such a link starts with openid4vp://."
    )
    made = request(verifier, "jwt_vc_json", client_id_prefix="decentralized_identifier")
    dialog.link_field.setText(made["url"])
    assert dialog.link_error.isHidden()
    assert dialog.link_note.text().startswith("Continue reads the request from 127.0.0.1")
    assert verifier.outcome(made["id"])["request_fetches"] == 0
    dialog.go_button.click()
    at_consent(qtbot, dialog)
    assert verifier.outcome(made["id"])["request_fetches"] == 1
    dialog.cancel_button.click()
    settled(qtbot, dialog)
    assert verifier.outcome(made["id"])["status"] == "declined"


def test_a_qr_picture_holding_a_request_opens_the_dialog_without_connecting(
    qtbot, session: Session, verifier, tmp_path: Path
) -> None:
    imports = session.install_imports()
    assert imports is not None
    made = request(verifier, "dc+sd-jwt", client_id_prefix="x509_san_dns")
    assert made["url"].startswith("openid4vp://")
    picture = tmp_path / "job-portal.png"
    qrcode.make(made["url"]).save(str(picture))
    assert imports.start(ImportRequest(images=[QrImage(picture.name, path=str(picture))]))
    qtbot.waitUntil(lambda: responder_of(session).dialog is not None, timeout=WAIT_MS)
    dialog = responder_of(session).dialog
    assert dialog is not None and dialog.page() == LINK
    assert dialog.where_label.text() == "The QR code in job-portal.png holds a verifier's request."
    assert dialog.link_field.text() == made["url"]
    assert imports.result_dialog is None  # nothing to import, nothing to list
    assert verifier.outcome(made["id"])["request_fetches"] == 0  # a picture is not a yes
    dialog.go_button.click()
    at_consent(qtbot, dialog)
    dialog.reject()
    settled(qtbot, dialog)


def test_a_launched_request_link_opens_the_dialog(qtbot, session: Session, verifier) -> None:
    made = request(verifier, "dc+sd-jwt", client_id_prefix="x509_san_dns")
    link = made["url"]
    # `learner-wallet LINK` (the .desktop file's Exec) is the app, given the link.
    assert cli._files_mean_gui([link]) == ["gui", link]
    for other in ("haip-vp://?client_id=x", "eudi-openid4vp://?client_id=x"):
        assert cli._files_mean_gui([other]) == ["gui", other]
    # A second launch hands it over as the link it is, not as a path.
    assert single_instance.decode_message(single_instance.encode_message([link])) == [link]
    opener = single_instance.attach(session, session.path, listen=False)
    try:
        opener.open_files([link])
        dialog = at_consent(qtbot, responder_of(session).dialog)
        assert opener.pending == []
        assert shown(dialog.host_value) == "localhost"
        dialog.reject()
        settled(qtbot, dialog)
    finally:
        opener.close()


def test_the_desktop_file_registers_the_verifier_request_schemes() -> None:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    mime = parser["Desktop Entry"]["MimeType"].rstrip(";").split(";")
    assert {
        "x-scheme-handler/openid4vp",
        "x-scheme-handler/haip-vp",
        "x-scheme-handler/eudi-openid4vp",
    } <= set(mime)


def test_the_verifiers_next_page_opens_only_when_asked(
    qtbot, session: Session, verifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened_pages: list[str] = []
    monkeypatch.setattr(
        QtGui.QDesktopServices,
        "openUrl",
        staticmethod(lambda url: opened_pages.append(url.toString()) or True),
    )
    made = request(
        verifier, "jwt_vc_json", client_id_prefix="decentralized_identifier", redirect_after=True
    )
    dialog = at_consent(qtbot, responder_of(session).open_request(made["url"]))
    dialog.go_button.click()
    settled(qtbot, dialog)
    assert dialog.outcome == ACCEPTED and not dialog.open_button.isHidden()
    assert opened_pages == []
    dialog.open_button.click()
    (page,) = opened_pages
    assert page.endswith(f"/done/{made['id']}")


# ----- the consent screen alone (what no harness request asks for) ----------------------------


def asking_for_several() -> Asked:
    options = tuple(
        Option(f"id-{n}", f"Badge {n}", "Harbour Polytechnic", "verified", ("name",), False)
        for n in (1, 2)
    )
    return Asked(
        "x509_hash:Ab3-hash",
        "x509_hash",
        "Hiring Desk",
        "hr.example",
        ("CN=hr.example",),
        True,
        ("For your application to the data role.",),
        (Wanted("badges", "dc+sd-jwt", options, True),),
    )


def test_several_may_be_taken_with_check_boxes_and_share_needs_one(qtbot, session: Session) -> None:
    dialog = RespondDialog(window_of(session))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_asked(asking_for_several())
    rows = dialog.option_rows()
    assert all(isinstance(r.button, QtWidgets.QCheckBox) for r in rows)
    assert shown(dialog.client_value) == ("A certificate with the fingerprint Ab3-hash (x509_hash)")
    assert dialog.trust_value.text() == "On your trust list."
    assert dialog.purpose_value.text() == "\u201cFor your application to the data role.\u201d"
    assert dialog.picks() == {"badges": ["id-1"]} and dialog.go_button.isEnabled()
    rows[1].button.click()
    assert dialog.picks() == {"badges": ["id-1", "id-2"]}
    rows[0].button.click()
    rows[1].button.click()
    assert dialog.picks() == {"badges": []} and not dialog.go_button.isEnabled()


def test_the_consent_screen_and_a_refusal_speak_german(
    qtbot, german, session: Session, verifier
) -> None:
    dialog = RespondDialog(window_of(session))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_asked(asking_for_several())
    assert dialog.windowTitle() == "Einem Prüfer antworten"
    assert dialog.go_button.text() == "Teilen" and dialog.cancel_button.text() == "Ablehnen"
    assert shown(dialog.client_value) == (
        "Ein Zertifikat mit dem Fingerabdruck Ab3-hash (x509_hash)"
    )
    assert dialog.trust_value.text() == "Auf Ihrer Vertrauensliste."
    assert dialog.purpose_value.text() == "\u201eFor your application to the data role.\u201c"
    assert dialog.option_rows()[0].revealed() == "Er würde sehen:\n\u2022 Name"
    dialog.close()

    made = request(verifier, "ldp_vc", client_id_prefix="x509_san_dns", mode="wrong_key")
    refused = responder_of(session).open_request(made["url"])
    assert refused is not None
    settled(qtbot, refused)
    assert refused.result_title.text() == "Nichts wurde geteilt"
    assert refused.result_text.text() == (  # the core's one sentence, in German
        "Die Anfrage des Prüfers passt nicht zu ihrer Signatur; es wurde nichts gesendet."
    )
    refused.reject()
