"""Issue 15: receiving from an issuer in the window (File → Receive from an Issuer…, a pasted
or dropped offer link, a QR picture holding one, an `openid-credential-offer://` launch).

Against the real OpenID4VCI issuer of tests/receive (oid4vc-ts behind our harness, 127.0.0.1).
What a learner notices: before anything is sent the dialog shows the name the issuer gives, the
host the wallet really talks to and whether the issuer is on their trust list; Cancel (or a
lock) sends nothing; a transaction code is typed masked; a wrong one is one plain sentence and
the wallet keeps what it had; a success adds exactly the new row to the list, with its verdict.
A VC-API exchange (tests/receive's exchanger) asking to see credentials names its host, its own
words and the titles that would go; only "Show them" sends them, anything else sends nothing.
"""

from __future__ import annotations

import os
import re
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import qrcode

from tests.receive import conftest as harness
from tests.receive import test_vcapi as vcapi_tests
from tests.receive.conftest import IssuerServer
from wallet import cli
from wallet.actions.exchanging import receive_exchange
from wallet.actions.importing import ImportRequest, QrImage
from wallet.store import WalletStore
from wallet.ui import single_instance
from wallet.ui.app import Session
from wallet.ui.main_window import MainWindow
from wallet.ui.qt import QtCore, QtGui, QtWidgets
from wallet.ui.receive_dialog import (
    CONSENT,
    LINK,
    RESULT,
    SHARE,
    ReceiveActions,
    ReceiveDialog,
)

from .conftest import WalletFile
from .samples import PASSPHRASE, message_boxes, opened

issuer_server = harness.issuer_server  # the receive tests' issuer, as a fixture here too
exchanger = vcapi_tests.exchanger  # and their VC-API exchanger

WAIT_MS = 30_000
TITLE = "Data Analysis micro-credential"
WRONG_CODE = (
    "The issuer did not accept the transaction code, or the offer was already used or has "
    "expired; nothing was added."
)


@pytest.fixture
def session(wallet_file: WalletFile) -> Iterator[Session]:
    yield from opened(wallet_file.path)


def window_of(session: Session) -> MainWindow:
    window = session.window
    assert window is not None and window.store is not None
    return window


def receiver_of(session: Session) -> ReceiveActions:
    receiver = window_of(session).receiver
    assert receiver is not None
    return receiver


def shown_dialogs() -> list[QtWidgets.QWidget]:
    return [
        w
        for w in QtWidgets.QApplication.topLevelWidgets()
        if isinstance(w, ReceiveDialog) and w.isVisible()
    ]


def at_consent(qtbot, dialog: ReceiveDialog | None) -> ReceiveDialog:
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.page() == CONSENT, timeout=WAIT_MS)
    return dialog


def settled(qtbot, dialog: ReceiveDialog) -> ReceiveDialog:
    """The op is over: the worker returned, so nothing more reaches the issuer."""
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=WAIT_MS)
    return dialog


def test_the_consent_screen_shows_issuer_host_and_trust_before_anything_is_sent(
    qtbot, session: Session, issuer_server: IssuerServer
) -> None:
    made = issuer_server.offer(tx_code="4821")
    dialog = at_consent(qtbot, receiver_of(session).open_offer(made["offer"]))
    assert dialog.name_value.text() == "Harbour Test University"
    assert dialog.host_value.text() == "127.0.0.1"
    assert dialog.trust_value.text() == (
        "Not on your list of trusted issuers. What it gives you is marked with a warning "
        "until you trust it."
    )
    assert dialog.offered_value.text() == TITLE
    for label in (dialog.name_value, dialog.offered_value):  # a stranger's words
        assert label.textFormat() == QtCore.Qt.TextFormat.PlainText
    assert not dialog.code_field.isHidden()
    assert dialog.code_field.echoMode() == QtWidgets.QLineEdit.EchoMode.Password
    assert "4 digits" in dialog.code_hint.text()
    assert dialog.go_button.text() == "Receive" and not dialog.go_button.isEnabled()
    assert issuer_server.seen(made["id"])["token_requests"] == 0
    dialog.reject()
    settled(qtbot, dialog)

    store = window_of(session).store
    assert store is not None
    store.trust.add(made["credential_issuer"], "Harbour Test University")
    trusted = issuer_server.offer()
    dialog = at_consent(qtbot, receiver_of(session).open_offer(trusted["offer"]))
    assert dialog.trust_value.text() == "On your list of trusted issuers."
    assert dialog.code_field.isHidden() and dialog.go_button.isEnabled()
    dialog.reject()
    settled(qtbot, dialog)


def test_cancel_on_the_consent_screen_sends_nothing(
    qtbot, session: Session, issuer_server: IssuerServer
) -> None:
    window = window_of(session)
    made = issuer_server.offer()
    dialog = at_consent(qtbot, receiver_of(session).open_offer(made["offer"]))
    dialog.cancel_button.click()
    settled(qtbot, dialog)
    assert receiver_of(session).dialog is None and shown_dialogs() == []
    seen = issuer_server.seen(made["id"])
    assert seen["token_requests"] == 0 and seen["credential_requests"] == 0
    assert window.model.total() == 3
    assert window.store is not None and window.store.keys.default() is None  # no key made


def test_a_lock_while_the_learner_decides_sends_nothing(
    qtbot, session: Session, issuer_server: IssuerServer
) -> None:
    window = window_of(session)
    made = issuer_server.offer()
    dialog = at_consent(qtbot, receiver_of(session).open_offer(made["offer"]))
    task = dialog.task
    assert task is not None
    receiver = receiver_of(session)
    window.lock()
    assert task.wait(WAIT_MS / 1000)
    assert receiver.dialog is None and shown_dialogs() == []
    assert issuer_server.seen(made["id"])["token_requests"] == 0


def test_with_the_transaction_code_the_list_gains_exactly_the_new_row_with_its_verdict(
    qtbot, session: Session, issuer_server: IssuerServer
) -> None:
    window = window_of(session)
    made = issuer_server.offer(tx_code="4821")
    resets: list[int] = []
    inserted: list[int] = []
    window.model.modelReset.connect(lambda: resets.append(1))
    window.model.rowsInserted.connect(lambda _p, first, last: inserted.append(last - first + 1))
    dialog = at_consent(qtbot, receiver_of(session).open_offer(made["offer"]))
    qtbot.keyClicks(dialog.code_field, "4821")
    assert dialog.go_button.isEnabled()
    dialog.go_button.click()
    assert dialog.page() == RESULT and not dialog.cancel_button.isEnabled()
    settled(qtbot, dialog)

    assert dialog.lines() == [("! Warning", TITLE, "Added to your wallet")]
    assert dialog.result_text.text() == "1 added to your wallet, 0 already there, 0 not added."
    assert dialog.cancel_button.text() == "Close" and dialog.cancel_button.isEnabled()
    assert dialog.code_field.text() == ""  # the code is not kept in the window
    assert resets == [] and inserted == [1]
    assert window.model.total() == 4
    (result,) = dialog.results
    assert result.id is not None and TITLE in window.model.titles()
    assert window.model.verdict(result.id) == "warning"
    assert window.selected_id() == result.id
    assert issuer_server.seen(made["id"])["issued"] == 1


def test_a_wrong_transaction_code_is_one_plain_sentence_and_nothing_is_stored(
    qtbot, session: Session, issuer_server: IssuerServer
) -> None:
    window = window_of(session)
    made = issuer_server.offer(tx_code="4821")
    dialog = at_consent(qtbot, receiver_of(session).open_offer(made["offer"]))
    qtbot.keyClicks(dialog.code_field, "1111")
    dialog.go_button.click()
    settled(qtbot, dialog)
    assert dialog.page() == RESULT
    assert dialog.result_title.text() == "Nothing was received"
    assert dialog.result_text.text() == WRONG_CODE
    assert dialog.lines() == [] and dialog.table.isHidden()
    assert message_boxes() == []  # said in the dialog, once
    assert window.model.total() == 3
    assert issuer_server.seen(made["id"])["credential_requests"] == 0


def test_pasting_or_dropping_an_offer_link_opens_the_receive_dialog(
    qtbot, session: Session, issuer_server: IssuerServer
) -> None:
    window = window_of(session)
    imports = session.install_imports()
    assert imports is not None
    made = issuer_server.offer()
    QtGui.QGuiApplication.clipboard().setText(made["offer"])
    window.paste_action.trigger()
    dialog = at_consent(qtbot, receiver_of(session).dialog)
    assert dialog.name_value.text() == "Harbour Test University"
    assert imports.task is None and imports.result_dialog is None  # not imported as a file
    dialog.reject()
    settled(qtbot, dialog)

    dropped = issuer_server.offer(by="reference")
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromEncoded(dropped["offer"].encode())])
    assert imports.drop(mime) is None
    dialog = at_consent(qtbot, receiver_of(session).dialog)
    assert imports.task is None
    dialog.reject()
    settled(qtbot, dialog)
    assert issuer_server.seen(dropped["id"])["token_requests"] == 0


def test_the_menu_command_asks_for_the_link_and_checks_it_before_connecting(
    qtbot, session: Session, issuer_server: IssuerServer
) -> None:
    window = window_of(session)
    window.receive_action.trigger()
    dialog = receiver_of(session).dialog
    assert isinstance(dialog, ReceiveDialog) and dialog.isVisible()
    assert dialog.page() == LINK and dialog.go_button.text() == "Continue"
    dialog.link_field.setText("https://example.org/badge.json")
    dialog.go_button.click()
    assert dialog.page() == LINK and not dialog.link_error.isHidden()
    assert dialog.link_error.text() == (
        "Not a credential offer: the link carries neither credential_offer nor "
        "credential_offer_uri."
    )
    made = issuer_server.offer(by="reference")
    dialog.link_field.setText(made["offer"])
    assert dialog.link_error.isHidden()
    assert "Continue connects to 127.0.0.1 to read what it offers." in dialog.link_note.text()
    assert issuer_server.seen(made["id"])["offer_fetches"] == 0
    dialog.go_button.click()
    at_consent(qtbot, dialog)
    dialog.reject()
    settled(qtbot, dialog)


def test_a_qr_picture_holding_an_offer_opens_the_dialog_without_connecting(
    qtbot, session: Session, issuer_server: IssuerServer, tmp_path: Path
) -> None:
    imports = session.install_imports()
    assert imports is not None
    made = issuer_server.offer(by="reference")
    assert made["offer"].startswith("openid-credential-offer://")
    picture = tmp_path / "poster.png"
    qrcode.make(made["offer"]).save(str(picture))
    assert imports.start(ImportRequest(images=[QrImage(picture.name, path=str(picture))]))
    qtbot.waitUntil(lambda: receiver_of(session).dialog is not None, timeout=WAIT_MS)
    dialog = receiver_of(session).dialog
    assert dialog is not None and dialog.page() == LINK
    assert dialog.where_label.text() == "The QR code in poster.png holds a credential offer."
    assert dialog.link_field.text() == made["offer"]
    assert imports.result_dialog is None  # nothing to import, nothing to list
    assert issuer_server.seen(made["id"])["offer_fetches"] == 0  # a picture is not a yes
    dialog.go_button.click()
    at_consent(qtbot, dialog)
    assert issuer_server.seen(made["id"])["offer_fetches"] == 1
    dialog.reject()
    settled(qtbot, dialog)


def test_a_launch_with_an_offer_link_hands_it_over_as_a_link_not_a_file(
    qtbot, session: Session, issuer_server: IssuerServer, tmp_path: Path
) -> None:
    made = issuer_server.offer()
    link = made["offer"]
    # `learner-wallet LINK` (the .desktop file's Exec) is the app, given the link.
    assert cli._files_mean_gui([link]) == ["gui", link]
    badge = tmp_path / "my badge.json"
    badge.write_text("{}")
    assert cli._files_mean_gui([badge.as_uri()]) == ["gui", badge.as_uri()]
    line = single_instance.encode_message([link, badge.as_uri(), "relative.json"])
    assert single_instance.decode_message(line) == [
        link,
        str(badge),
        os.path.abspath("relative.json"),
    ]
    opener = single_instance.attach(session, session.path, listen=False)
    try:
        opener.open_files([link])
        dialog = at_consent(qtbot, receiver_of(session).dialog)
        assert opener.pending == []
        dialog.reject()
        settled(qtbot, dialog)
    finally:
        opener.close()


class Browser:
    """Stands in for the learner's web browser: records each page the wallet opens and, when
    `signs_in`, signs in there on its own thread (the sign-in page's Approve button)."""

    def __init__(self, signs_in: bool) -> None:
        self.signs_in = signs_in
        self.opened: list[str] = []
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def __call__(self, url: QtCore.QUrl) -> bool:
        self.opened.append(url.toString())
        if self.signs_in:
            threading.Thread(target=self._sign_in, args=(url.toString(),), daemon=True).start()
        return True

    def _sign_in(self, url: str) -> None:
        with self._opener.open(url, timeout=30) as page:
            html = page.read().decode()
        session = re.search(r'name="session" value="([^"]+)"', html)
        action = re.search(r'action="([^"]+)"', html)
        assert session is not None and action is not None
        form = urllib.parse.urlencode({"session": session.group(1), "decision": "approve"})
        target = urllib.parse.urljoin(url, action.group(1))
        with self._opener.open(target, data=form.encode(), timeout=30) as done:
            done.read()  # followed to the wallet's loopback page


def test_an_offer_that_needs_a_sign_in_opens_the_browser_only_after_yes(
    qtbot, session: Session, issuer_server: IssuerServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = Browser(signs_in=True)
    monkeypatch.setattr(QtGui.QDesktopServices, "openUrl", staticmethod(browser))
    made = issuer_server.offer(grant="authorization_code")
    dialog = at_consent(qtbot, receiver_of(session).open_offer(made["offer"]))
    assert "sign-in page in your web browser" in dialog.consent_note.text()
    assert dialog.code_field.isHidden() and dialog.go_button.isEnabled()
    assert browser.opened == []
    assert issuer_server.seen(made["id"])["authorization_requests"] == []
    dialog.go_button.click()
    settled(qtbot, dialog)
    (page,) = browser.opened
    assert page.startswith(f"{issuer_server.base}/university/")
    assert dialog.lines() == [("! Warning", TITLE, "Added to your wallet")]
    assert issuer_server.seen(made["id"])["logins"] == 1
    assert window_of(session).model.total() == 4


def test_cancel_while_waiting_for_the_sign_in_stops_and_adds_nothing(
    qtbot, session: Session, issuer_server: IssuerServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = Browser(signs_in=False)
    monkeypatch.setattr(QtGui.QDesktopServices, "openUrl", staticmethod(browser))
    made = issuer_server.offer(grant="authorization_code")
    dialog = at_consent(qtbot, receiver_of(session).open_offer(made["offer"]))
    dialog.go_button.click()
    qtbot.waitUntil(lambda: browser.opened != [], timeout=WAIT_MS)
    assert "Sign in on the issuer's page in your web browser." in dialog.result_text.text()
    assert dialog.cancel_button.isEnabled()
    dialog.cancel_button.click()
    settled(qtbot, dialog)
    assert receiver_of(session).dialog is None and shown_dialogs() == []
    assert issuer_server.seen(made["id"])["token_requests"] == 0
    assert window_of(session).model.total() == 3


def test_an_issuer_pretending_to_be_another_is_one_sentence_before_any_consent(
    qtbot, session: Session, issuer_server: IssuerServer
) -> None:
    made = issuer_server.offer(issuer="liar")
    dialog = receiver_of(session).open_offer(made["offer"])
    assert dialog is not None
    settled(qtbot, dialog)
    assert dialog.page() == RESULT and dialog.offered is None  # never asked: nothing to agree to
    assert dialog.result_text.text() == (
        f"The issuer's metadata says it is {issuer_server.base}/university, not "
        f"{made['credential_issuer']} as the offer says; nothing was sent."
    )
    assert dialog.cancel_button.text() == "Close"
    assert issuer_server.seen(made["id"])["token_requests"] == 0
    dialog.reject()


def test_a_pasted_dcc_exchange_link_asks_first_and_a_no_sends_nothing(
    qtbot, session: Session
) -> None:
    """A university's "Add to wallet" link for the DCC Learner Credential Wallet: the same
    consent screen (the host the exchange really is, the name the link gives), and Cancel
    leaves the exchange untouched."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import quote

    hits: list[str] = []

    class Exchange(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Exchange)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        exchange = f"http://127.0.0.1:{server.server_address[1]}/exchanges/e1"
        link = (
            f"dccrequest://request?issuer={quote('Harbour Test University')}"
            f"&vc_request_url={quote(exchange, safe='')}&challenge=c-1&auth_type=bearer"
        )
        session.install_imports()
        QtGui.QGuiApplication.clipboard().setText(link)
        window_of(session).paste_action.trigger()
        dialog = at_consent(qtbot, receiver_of(session).dialog)
        assert dialog.host_value.text() == "127.0.0.1"
        assert dialog.name_value.text() == "Harbour Test University"
        dialog.cancel_button.click()
        settled(qtbot, dialog)
        assert hits == []
        assert window_of(session).model.total() == 3
    finally:
        server.shutdown()


# ----- a VC-API exchange that asks to see the learner's credentials -------------------------

BADGE = "Exchange Test Badge"
REASON = "Please show the badge you earned in the first module."


@pytest.fixture
def badge_session(wallet_file: WalletFile, exchanger: vcapi_tests.Exchanger) -> Iterator[Session]:
    """The window on a wallet that already holds a badge from the exchanger, issued to its own
    holder key (what a QueryByExample exchange asks to see)."""
    with WalletStore.open(wallet_file.path, PASSPHRASE) as store:
        first = receive_exchange(
            store, exchanger.exchange()["interaction"], confirm=vcapi_tests.yes
        )
        assert [r.title for r in first] == [BADGE]
    yield from opened(wallet_file.path)


def at_question(
    qtbot, session: Session, exchanger: vcapi_tests.Exchanger
) -> tuple[ReceiveDialog, dict[str, object]]:
    """A QueryByExample exchange opened and agreed to: the dialog asks whether to show."""
    made = exchanger.exchange(mode="qbe")
    dialog = at_consent(qtbot, receiver_of(session).open_offer(made["interaction"]))
    dialog.go_button.click()
    qtbot.waitUntil(lambda: dialog.page() == SHARE, timeout=WAIT_MS)
    return dialog, made


def test_an_exchange_asking_to_see_credentials_names_host_reasons_and_titles(
    qtbot, badge_session: Session, exchanger: vcapi_tests.Exchanger
) -> None:
    dialog, made = at_question(qtbot, badge_session, exchanger)
    assert dialog.share_host.text() == "127.0.0.1"
    assert dialog.share_reasons.text() == f"\u201c{REASON}\u201d"
    assert dialog.share_titles.text() == BADGE
    for label in (dialog.share_reasons, dialog.share_titles):  # a stranger's words, titles
        assert label.textFormat() == QtCore.Qt.TextFormat.PlainText
    assert dialog.go_button.text() == "Show them" and not dialog.go_button.isDefault()
    assert dialog.cancel_button.text() == "Don't show"
    assert dialog.cancel_button.isDefault() and dialog.cancel_button.isEnabled()
    assert exchanger.seen(str(made["id"]))["posts"] == [{}]  # the opening only, so far
    dialog.cancel_button.click()
    settled(qtbot, dialog)


@pytest.mark.parametrize("way", ["dont_show", "escape", "enter", "close", "lock"])
def test_without_the_yes_nothing_is_shown_and_nothing_is_stored(
    qtbot, badge_session: Session, exchanger: vcapi_tests.Exchanger, way: str
) -> None:
    window = window_of(badge_session)
    dialog, made = at_question(qtbot, badge_session, exchanger)
    task = dialog.task
    assert task is not None
    if way == "dont_show":
        dialog.cancel_button.click()
    elif way == "escape":
        qtbot.keyClick(dialog, QtCore.Qt.Key.Key_Escape)
    elif way == "enter":  # the default answer
        qtbot.keyClick(dialog, QtCore.Qt.Key.Key_Return)
    elif way == "close":
        dialog.close()
    else:
        window.lock()
    assert task.wait(WAIT_MS / 1000)
    assert shown_dialogs() == []
    seen = exchanger.seen(str(made["id"]))
    assert seen["posts"] == [{}] and seen["issued"] == 0  # no presentation reached it
    if way != "lock":
        qtbot.waitUntil(lambda: receiver_of(badge_session).dialog is None, timeout=WAIT_MS)
        assert window.model.total() == 4 and BADGE in window.model.titles()
        store = window.store
        assert store is not None and len(store.credentials.summaries()) == 4


def test_show_them_sends_just_those_and_the_list_gains_the_issued_credential(
    qtbot, badge_session: Session, exchanger: vcapi_tests.Exchanger
) -> None:
    window = window_of(badge_session)
    resets: list[int] = []
    inserted: list[int] = []
    window.model.modelReset.connect(lambda: resets.append(1))
    window.model.rowsInserted.connect(lambda _p, first, last: inserted.append(last - first + 1))
    dialog, made = at_question(qtbot, badge_session, exchanger)
    dialog.go_button.click()
    assert dialog.page() == RESULT
    settled(qtbot, dialog)
    assert dialog.lines() == [("! Warning", BADGE, "Added to your wallet")]
    assert dialog.cancel_button.text() == "Close"
    posts = exchanger.seen(str(made["id"]))["posts"]
    (credential,) = posts[1]["verifiablePresentation"]["verifiableCredential"]
    assert credential["name"] == BADGE
    assert resets == [] and inserted == [1]
    assert window.model.total() == 5
    (result,) = dialog.results
    assert result.id is not None and window.selected_id() == result.id


def test_a_launched_exchange_link_is_handed_over_as_a_link_not_a_file() -> None:
    from wallet.ui.single_instance import handed, is_offer_link

    for link in (
        "dccrequest://request?issuer=x&vc_request_url=https%3A%2F%2Fi.example%2Fe",
        "interaction:https%3A%2F%2Fi.example%2Fi%3Fiuv%3D1",
    ):
        assert handed(link) == link and is_offer_link(handed(link))
