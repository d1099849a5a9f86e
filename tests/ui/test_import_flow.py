"""The import flow on a real window: drop, paste, File → Import…, QR images, cancel, verify.

Real signed demo credentials go through the core importer in a background task; the tests
wait for the result dialog like a person would, then read the list and the wallet.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import qrcode

import wallet.importer
from wallet import formats
from wallet.actions.importing import ImportRequest
from wallet.paths import resources
from wallet.store import WalletStore
from wallet.ui.import_flow import ImportController, request_from_mime
from wallet.ui.main_window import MainWindow
from wallet.ui.qt import Qt, QtCore, QtGui, QtWidgets

from .samples import PASSPHRASE, message_boxes

DEMO = resources() / "demo" / "credentials"
JWT_FILE = next(DEMO.glob("09-*.jwt"))
DATA_ANALYSIS = next(DEMO.glob("01-*.json"))
SD_JWT_FILE = next(DEMO.glob("10-*.sd-jwt"))


def demo_title(path: Path) -> str:
    title = formats.parse(path.read_bytes(), name=path.name).credential.title
    assert title
    return title


@pytest.fixture
def win(qtbot, store: WalletStore) -> Iterator[tuple[MainWindow, ImportController]]:
    window = MainWindow(store)
    qtbot.addWidget(window)
    controller = ImportController(window, lambda: window.store)
    window.show()
    qtbot.waitExposed(window)
    yield window, controller
    controller.forget()


def wait_for_results(qtbot, controller: ImportController, timeout: int = 15_000):
    qtbot.waitUntil(
        lambda: controller.result_dialog is not None and not controller.is_busy(), timeout=timeout
    )
    dialog = controller.result_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def answer_yes(qtbot, controller: ImportController) -> None:
    """Say yes to "Fetch from this host?" (tests/ui/test_qr_url_ask.py asks in detail)."""
    qtbot.waitUntil(lambda: controller.question is not None, timeout=15_000)
    controller.question.button(QtWidgets.QMessageBox.StandardButton.Yes).click()


def drop(window: QtWidgets.QWidget, mime: QtCore.QMimeData) -> bool:
    """Drag `mime` over the window and let go, as Qt delivers it; True if the enter was taken."""
    enter = QtGui.QDragEnterEvent(
        QtCore.QPoint(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QtWidgets.QApplication.sendEvent(window, enter)
    accepted = enter.isAccepted()
    event = QtGui.QDropEvent(
        QtCore.QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QtWidgets.QApplication.sendEvent(window, event)
    return accepted


@pytest.fixture
def web() -> Iterator[tuple[str, dict[str, bytes], list[str]]]:
    """A loopback web server (the only plain http the importer allows): base, routes, hits."""
    routes: dict[str, bytes] = {}
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802  (http.server's name)
            hits.append(self.path)
            body = routes.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.end_headers()
            self.wfile.write(body if body is not None else b"not here")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", routes, hits
    server.shutdown()
    server.server_close()


# ----- drag and drop ------------------------------------------------------------------------


def test_dropped_files_are_imported_listed_and_verified(qtbot, win, tmp_path) -> None:
    window, controller = win
    junk = tmp_path / "shopping-list.txt"
    junk.write_text("eggs, milk")
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(p)) for p in (DATA_ANALYSIS, JWT_FILE, junk)])
    verified: list[list[str]] = []
    controller.verified.connect(verified.append)

    assert drop(window, mime)
    dialog = wait_for_results(qtbot, controller)

    lines = dialog.lines()
    assert [line[0] for line in lines] == ["– Not checked yet"] * 2 + ["Not added"]
    assert [line[2] for line in lines[:2]] == [
        f"Added from {DATA_ANALYSIS.name}",
        f"Added from {JWT_FILE.name}",
    ]
    qtbot.waitUntil(lambda: bool(verified), timeout=15_000)  # the background check ends
    lines = dialog.lines()  # and each line that went in shows its verdict
    assert [line[0] for line in lines] == ["! Warning", "! Warning", "Not added"]
    assert lines[2][1] == "shopping-list.txt" and lines[2][2]  # the plain reason is shown
    assert "Traceback" not in " ".join(" ".join(line) for line in lines)
    titles = window.model.titles()
    assert len(titles) == 5
    assert demo_title(DATA_ANALYSIS) in titles and demo_title(JWT_FILE) in titles
    assert "2 imported, 0 already in the wallet, 1 failed" in dialog.summary.text()

    # New credentials are then checked offline in the background and their reports kept.
    qtbot.waitUntil(lambda: bool(verified), timeout=15_000)
    new_ids = [r.id for r in dialog.results if r.id]
    assert sorted(verified[0]) == sorted(new_ids)
    assert all(window.store.checks.last_report(cid) is not None for cid in new_ids)
    assert window.store.checks.verdicts()[new_ids[0]] in {"verified", "warning"}


def test_dropping_the_same_file_twice_says_already_there(qtbot, win) -> None:
    window, controller = win
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(JWT_FILE))])
    drop(window, mime)
    wait_for_results(qtbot, controller).close()
    controller.result_dialog = None
    drop(window, mime)
    dialog = wait_for_results(qtbot, controller)
    assert dialog.lines()[0][0] == "Already there"
    assert window.model.rowCount() == 4


def test_a_dropped_web_address_is_fetched_as_a_url(qtbot, win, web) -> None:
    window, controller = win
    base, routes, hits = web
    routes["/badges/literacy.jwt"] = JWT_FILE.read_bytes()
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl(f"{base}/badges/literacy.jwt"), QtCore.QUrl("ftp://x.example/a")])
    drop(window, mime)
    dialog = wait_for_results(qtbot, controller)
    assert hits == ["/badges/literacy.jwt"]
    statuses = {r.source: r.status for r in dialog.results}
    assert statuses[f"{base}/badges/literacy.jwt"] == "imported"
    assert statuses["ftp://x.example/a"] == "failed"
    assert demo_title(JWT_FILE) in window.model.titles()


def test_nothing_is_taken_while_locked(qtbot, win) -> None:
    window, controller = win
    window.lock()
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(JWT_FILE))])
    assert not drop(window, mime)
    assert controller.task is None


# ----- paste --------------------------------------------------------------------------------


def test_paste_a_jwt_from_the_clipboard(qtbot, win) -> None:
    window, controller = win
    QtGui.QGuiApplication.clipboard().setText("\n  " + JWT_FILE.read_text() + "\n")
    assert controller.paste_action.shortcut() == QtGui.QKeySequence(
        QtGui.QKeySequence.StandardKey.Paste
    )
    window.activateWindow()
    window.table.setFocus()
    qtbot.keySequence(window, QtGui.QKeySequence.StandardKey.Paste)
    dialog = wait_for_results(qtbot, controller)
    assert dialog.lines()[0][2].startswith("Added from")
    assert demo_title(JWT_FILE) in window.model.titles()
    assert window.selected_id() == dialog.results[0].id  # the new credential is shown


def test_paste_of_junk_is_a_failed_line_and_empty_is_a_message(qtbot, win) -> None:
    window, controller = win
    QtGui.QGuiApplication.clipboard().setText('{"not": "a credential"')
    controller.paste_action.trigger()
    dialog = wait_for_results(qtbot, controller)
    assert dialog.lines()[0][0] == "Not added" and dialog.lines()[0][1] == "pasted text"
    assert window.model.rowCount() == 3

    QtGui.QGuiApplication.clipboard().setText("   ")
    assert controller.paste() is None
    assert "nothing to import" in message_boxes()[-1].text()


def test_paste_of_an_sd_jwt_and_a_url_line(qtbot, win, web) -> None:
    window, controller = win
    base, routes, hits = web
    routes["/x.json"] = DATA_ANALYSIS.read_bytes()
    QtGui.QGuiApplication.clipboard().setText(f"{base}/x.json")
    controller.paste_action.trigger()
    answer_yes(qtbot, controller)  # a pasted address is fetched after a yes (issue 13)
    wait_for_results(qtbot, controller)
    assert hits == ["/x.json"]
    controller.result_dialog = None
    QtGui.QGuiApplication.clipboard().setText(SD_JWT_FILE.read_text())
    controller.paste_action.trigger()
    dialog = wait_for_results(qtbot, controller)
    assert dialog.results[0].status == "imported"
    assert window.model.rowCount() == 5


def test_mime_reading_without_a_window(qapp, tmp_path) -> None:
    mime = QtCore.QMimeData()
    mime.setText("https://a.example/1\nhttps://a.example/2")
    assert request_from_mime(mime, "t", "i").specs == ["https://a.example/1", "https://a.example/2"]
    mime = QtCore.QMimeData()
    mime.setText(str(JWT_FILE))  # a copied path to a file is that file
    assert request_from_mime(mime, "t", "i").specs == [str(JWT_FILE)]
    assert request_from_mime(QtCore.QMimeData(), "t", "i").is_empty()


# ----- File → Import… and QR images ---------------------------------------------------------


def test_file_import_runs_in_the_background_flow(qtbot, win) -> None:
    window, controller = win
    window.choose_import_files = lambda: [str(DATA_ANALYSIS)]
    window.import_action.trigger()
    assert controller.is_busy() or controller.result_dialog is not None
    dialog = wait_for_results(qtbot, controller)
    assert dialog.lines()[0][2].startswith("Added from")
    assert message_boxes() == []  # the old blocking box is not used any more


def qr_png(path: Path, text: str) -> Path:
    qrcode.make(text, error_correction=qrcode.constants.ERROR_CORRECT_L).save(str(path))
    return path


def test_qr_image_holding_a_jwt(qtbot, win, tmp_path) -> None:
    window, controller = win
    image = qr_png(tmp_path / "badge-qr.png", JWT_FILE.read_text().strip())
    controller.choose_qr_image = lambda: str(image)
    controller.qr_action.trigger()
    dialog = wait_for_results(qtbot, controller)
    assert [r.status for r in dialog.results] == ["imported"]
    assert dialog.results[0].source == "QR code in badge-qr.png"
    assert demo_title(JWT_FILE) in window.model.titles()


def test_qr_image_holding_an_address_names_what_was_fetched(qtbot, win, tmp_path, web) -> None:
    window, controller = win
    base, routes, hits = web
    routes["/b/1"] = DATA_ANALYSIS.read_bytes()
    image = qr_png(tmp_path / "poster.png", f"{base}/b/1")
    controller.choose_qr_image = lambda: str(image)
    controller.qr_action.trigger()
    answer_yes(qtbot, controller)  # the address is fetched only after a yes (issue 13)
    dialog = wait_for_results(qtbot, controller)
    assert hits == ["/b/1"]
    (result,) = dialog.results
    assert result.status == "imported"
    assert result.source == f"{base}/b/1, fetched from the QR code in poster.png"
    assert f"{base}/b/1" in dialog.lines()[0][2]


def test_qr_images_that_hold_nothing_useful(qtbot, win, tmp_path) -> None:
    window, controller = win
    blank = tmp_path / "blank.png"
    QtGui.QImage(200, 200, QtGui.QImage.Format.Format_RGB32).save(str(blank))
    not_image = tmp_path / "notes.png"
    not_image.write_text("hello")
    wifi = qr_png(tmp_path / "wifi.png", "WIFI:S:cafe;T:WPA;P:secret;;")
    ftp = qr_png(tmp_path / "ftp.png", "ftp://files.example/badge.json")
    messages = []
    for image in (blank, not_image, wifi, ftp):
        controller.result_dialog = None
        controller.choose_qr_image = lambda image=image: str(image)
        controller.qr_action.trigger()
        dialog = wait_for_results(qtbot, controller)
        assert [r.status for r in dialog.results] == ["failed"]
        messages.append(dialog.results[0].message)
    assert messages[0] == "no QR code found in the image"
    assert messages[1] == "not an image this app can read"
    assert messages[2]  # the format error, in words
    assert "not https" in messages[3] and "nothing was fetched" in messages[3]
    assert window.model.rowCount() == 3


# ----- cancel -------------------------------------------------------------------------------


def many_credentials(folder: Path, n: int) -> Path:
    """`n` distinct unsigned OB 3.0 credentials (the importer stores them; verify judges)."""
    base = json.loads(DATA_ANALYSIS.read_text())
    base.pop("proof", None)
    folder.mkdir()
    for i in range(n):
        doc = dict(base, id=f"urn:uuid:00000000-0000-4000-8000-{i:012d}", name=f"Workshop {i:03d}")
        (folder / f"c{i:03d}.json").write_text(json.dumps(doc))
    return folder


def test_cancel_stops_a_300_file_import_and_leaves_the_wallet_consistent(
    qtbot, win, tmp_path, monkeypatch
) -> None:
    window, controller = win
    folder = many_credentials(tmp_path / "export", 300)
    real_import_item = wallet.importer.import_item

    def slow_import_item(store, item):  # a slow disk, so the cancel lands mid-way
        time.sleep(0.01)
        return real_import_item(store, item)

    monkeypatch.setattr(wallet.importer, "import_item", slow_import_item)
    controller.choose_folder = lambda: str(folder)
    controller.import_folder_action.trigger()
    task = controller.task
    assert task is not None and controller.progress.isVisible()
    qtbot.waitUntil(lambda: controller.progress.bar.value() >= 5, timeout=10_000)
    assert controller.progress.bar.maximum() == 300
    qtbot.mouseClick(controller.progress.cancel_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_results(qtbot, controller)

    assert task.wait(5)
    assert "cancelled" in dialog.summary.text().lower()
    imported = [r for r in dialog.results if r.status == "imported"]
    assert 5 <= len(imported) < 300
    assert not controller.progress.isVisible()
    # What the dialog says went in is exactly what the wallet holds, and the file is sound.
    assert window.store.credentials.count() == 3 + len(imported)
    assert window.model.rowCount() == 3 + len(imported)
    assert window.store.integrity_ok()

    # The same folder again finishes the job: earlier items are recognised, none doubled.
    monkeypatch.setattr(wallet.importer, "import_item", real_import_item)
    controller.result_dialog = None
    controller.start(ImportRequest(specs=[str(folder)]))
    again = wait_for_results(qtbot, controller, timeout=60_000)
    statuses = [r.status for r in again.results]
    assert statuses.count("duplicate") == len(imported)
    assert statuses.count("imported") == 300 - len(imported)
    assert window.store.credentials.count() == 303


def test_locking_during_an_import_stops_it_and_closes_the_results(
    qtbot, win, tmp_path, monkeypatch
) -> None:
    window, controller = win
    folder = many_credentials(tmp_path / "export", 40)
    real_import_item = wallet.importer.import_item
    monkeypatch.setattr(
        wallet.importer, "import_item", lambda s, i: (time.sleep(0.02), real_import_item(s, i))[1]
    )
    task = controller.start(ImportRequest(specs=[str(folder)]))
    assert task is not None
    window.lock()
    assert controller.task is None and not controller.progress.isVisible()
    assert task.wait(5)
    QtWidgets.QApplication.processEvents()
    assert controller.result_dialog is None  # nothing about the wallet shows while locked
    with WalletStore.open(tmp_path / "maria.wallet", PASSPHRASE) as s:
        assert s.integrity_ok() and s.credentials.count() < 43


def test_a_second_import_waits_for_the_first(qtbot, win, tmp_path, monkeypatch) -> None:
    window, controller = win
    folder = many_credentials(tmp_path / "export", 20)
    real_import_item = wallet.importer.import_item
    monkeypatch.setattr(
        wallet.importer, "import_item", lambda s, i: (time.sleep(0.02), real_import_item(s, i))[1]
    )
    assert controller.start(ImportRequest(specs=[str(folder)])) is not None
    assert controller.start(ImportRequest(specs=[str(JWT_FILE)])) is None
    assert "still running" in message_boxes()[-1].text()
    wait_for_results(qtbot, controller, timeout=30_000)


def test_edit_menu_is_added_after_file(qtbot, win) -> None:
    window, controller = win
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[:2] == ["&File", "&Edit"] and titles[-1] == "&Help"
    assert controller.paste_action in window.menuBar().actions()[1].menu().actions()
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert texts[:3] == [
        "&Import\u2026",
        "Import &Folder\u2026",
        "Import from &QR Code Image\u2026",
    ]
