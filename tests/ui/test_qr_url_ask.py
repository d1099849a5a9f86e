"""Issue 13, item 11 (the window's part): a web address found in a QR image, or on the
clipboard, is fetched only after the learner said yes to a plain question naming the host.

Before, choosing a QR picture of a poster made the wallet connect to whatever address the code
held: the site learnt who opened it, and when. A loopback server stands for that site; the
tests count what reaches it while the question is open, then answer.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import qrcode

from wallet import formats
from wallet.paths import resources
from wallet.store import WalletStore
from wallet.ui.import_flow import ImportController
from wallet.ui.main_window import MainWindow
from wallet.ui.qt import QtGui, QtWidgets

DATA_ANALYSIS = next((resources() / "demo" / "credentials").glob("01-*.json"))
Yes = QtWidgets.QMessageBox.StandardButton.Yes
No = QtWidgets.QMessageBox.StandardButton.No


@pytest.fixture
def win(qtbot, store: WalletStore) -> Iterator[tuple[MainWindow, ImportController]]:
    window = MainWindow(store)
    qtbot.addWidget(window)
    controller = ImportController(window, lambda: window.store)
    window.show()
    qtbot.waitExposed(window)
    yield window, controller
    controller.forget()


@pytest.fixture
def site() -> Iterator[tuple[str, list[str]]]:
    """A loopback web site serving one credential at /b/1: its base address, and the paths
    asked for so far."""
    hits: list[str] = []
    body = DATA_ANALYSIS.read_bytes()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802  (http.server's name)
            hits.append(self.path)
            self.send_response(200 if self.path == "/b/1" else 404)
            self.end_headers()
            self.wfile.write(body if self.path == "/b/1" else b"not here")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def qr_image(path: Path, text: str) -> Path:
    qrcode.make(text, error_correction=qrcode.constants.ERROR_CORRECT_L).save(str(path))
    return path


def open_poster(controller: ImportController, tmp_path: Path, text: str) -> None:
    """File -> Import from QR image... on a poster whose QR code holds `text`."""
    image = qr_image(tmp_path / "poster.png", text)
    controller.choose_qr_image = lambda: str(image)
    controller.qr_action.trigger()


def question(qtbot, controller: ImportController) -> QtWidgets.QMessageBox:
    """The open question, once the window asks it."""

    def asked() -> bool:
        box = getattr(controller, "question", None)
        if controller.result_dialog is not None:
            pytest.fail(
                "imported without asking: "
                + "; ".join(f"{r.source}: {r.status}" for r in controller.result_dialog.results)
            )
        return box is not None and box.isVisible()

    qtbot.waitUntil(asked, timeout=15_000)
    return controller.question


def results(qtbot, controller: ImportController):
    qtbot.waitUntil(
        lambda: controller.result_dialog is not None and not controller.is_busy(), timeout=15_000
    )
    return controller.result_dialog


def test_a_qr_address_is_fetched_only_after_yes(qtbot, win, site, tmp_path) -> None:
    window, controller = win
    base, hits = site
    open_poster(controller, tmp_path, f"{base}/b/1")

    box = question(qtbot, controller)
    text = box.text()
    assert "127.0.0.1" in text and f"{base}/b/1" in text and "poster.png" in text
    assert box.defaultButton() is box.button(No) and box.escapeButton() is box.button(No)
    qtbot.wait(300)  # time a fetch would have had
    assert hits == []  # nothing reached the site while the learner reads the question
    assert controller.result_dialog is None

    box.button(Yes).click()
    dialog = results(qtbot, controller)
    assert hits == ["/b/1"]
    (result,) = dialog.results
    assert result.status == "imported"
    assert result.source == f"{base}/b/1, fetched from the QR code in poster.png"
    title = formats.parse(DATA_ANALYSIS.read_bytes()).credential.title
    assert title in window.model.titles()


def test_an_approved_qr_address_never_reaches_this_computer(
    qtbot, win, site, tmp_path, monkeypatch
) -> None:
    """Yes approves the host the question names; a code's address on this computer (or a name
    resolving to it) is still not fetched outside tests' loopback switch."""
    monkeypatch.delenv("LEARNER_WALLET_ALLOW_LOOPBACK", raising=False)
    _window, controller = win
    base, hits = site
    open_poster(controller, tmp_path, f"{base}/b/1")

    question(qtbot, controller).button(Yes).click()
    dialog = results(qtbot, controller)
    assert hits == []
    (result,) = dialog.results
    assert result.status == "failed" and "this computer" in result.message


def test_no_fetches_nothing_and_says_so(qtbot, win, site, tmp_path) -> None:
    window, controller = win
    base, hits = site
    open_poster(controller, tmp_path, f"{base}/b/1")

    question(qtbot, controller).button(No).click()
    dialog = results(qtbot, controller)
    assert hits == []
    (result,) = dialog.results
    assert result.status == "failed"
    assert f"{base}/b/1" in result.source
    assert "not fetched" in result.message and "127.0.0.1" in result.message
    assert window.model.rowCount() == 3


def test_a_pasted_address_is_asked_about_too(qtbot, win, site) -> None:
    window, controller = win
    base, hits = site
    QtGui.QGuiApplication.clipboard().setText(f"{base}/b/1")
    controller.paste_action.trigger()

    box = question(qtbot, controller)
    assert "127.0.0.1" in box.text() and "clipboard" in box.text()
    qtbot.wait(300)
    assert hits == []
    box.button(Yes).click()
    dialog = results(qtbot, controller)
    assert hits == ["/b/1"]
    assert [r.status for r in dialog.results] == ["imported"]


def test_locking_while_asked_drops_the_question(qtbot, win, site, tmp_path) -> None:
    window, controller = win
    base, hits = site
    open_poster(controller, tmp_path, f"{base}/b/1")
    box = question(qtbot, controller)
    window.lock()
    controller.forget()
    assert controller.question is None and not box.isVisible()
    assert not controller.is_busy()
    qtbot.wait(300)
    assert hits == []
