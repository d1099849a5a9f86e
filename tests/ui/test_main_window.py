"""The main window over a real wallet: list, details, empty state, menus, import, lock."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from wallet.paths import resources
from wallet.store import WalletStore
from wallet.ui.i18n import day_text
from wallet.ui.main_window import MainWindow
from wallet.ui.qt import Qt, QtGui, QtWidgets
from wallet.ui.screenshot import grab

from .samples import PASSPHRASE, message_boxes, parsed, statistics

DEMO_FILE = next((resources() / "demo" / "credentials").glob("01-*.json"))

EMPTY_TEXT = "Your wallet is empty. Drop badge files here, or bring them in:"


def make_window(qtbot, store: WalletStore | None, **kwargs) -> MainWindow:
    window = MainWindow(store, **kwargs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def view_titles(window: MainWindow) -> list[str]:
    """Titles as the view shows them, read through the view's own model."""
    model = window.table.model()
    return [model.index(r, 0).data(window.model.TitleRole) for r in range(model.rowCount())]


def click_row(qtbot, window: MainWindow, row: int) -> None:
    rect = window.table.visualRect(window.table.model().index(row, 0))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_title_lists_and_counts(qtbot, store, wallet_file) -> None:
    window = make_window(qtbot, store)
    assert window.windowTitle() == "Learner Wallet \u2014 maria.wallet"
    expected = {"Data Analysis with Python", "First Aid at Work", "Statistics I"}
    assert set(window.model.titles()) == expected and len(window.model.titles()) == 3
    assert set(view_titles(window)) == expected
    assert window.pages.currentWidget() is window.list_page
    assert window.count_label.text() == "3 credentials"
    assert not window.banner.isVisible()
    # every row is really painted in the view
    for row in range(3):
        assert window.table.visualRect(window.model.index(row, 0)).isValid()


def test_selecting_a_row_shows_its_record(qtbot, store) -> None:
    window = make_window(qtbot, store)
    assert window.panel.value_text("placeholder")
    row = window.model.titles().index("Data Analysis with Python")
    click_row(qtbot, window, row)

    panel = window.panel
    assert panel.value_text("title") == "Data Analysis with Python"
    assert panel.value_text("credits") == "5 ECTS"
    assert panel.value_text("level") == "EQF 6"
    assert panel.value_text("issued") == day_text("2024-05-01")  # the reader's locale's way
    assert "Open University of Example" in panel.value_text("issuer")
    assert (
        panel.value_text("learning_outcomes") == "\u2022 Clean tabular data\n\u2022 Explain results"
    )
    assert panel.value_text("format") == "Open Badges 3.0"
    assert panel.value_text("placeholder") == ""

    # keyboard: moving down shows the next record (fractional credits keep their fraction)
    row2 = window.model.titles().index("First Aid at Work")
    window.table.setFocus()
    window.table.setCurrentIndex(window.model.index(row2, 0))
    assert panel.value_text("credits") == "7.5 hours"
    assert panel.value_text("level") == ""  # no level: the row is hidden, not blank
    assert window.selected_id() == window.model.credential_id(row2)


def test_bundle_details(qtbot, bundle_store) -> None:
    window = make_window(qtbot, bundle_store)
    titles = window.model.titles()
    window.table.setCurrentIndex(window.model.index(titles.index("BSc transcript"), 0))
    assert "2" in window.panel.value_text("bundle")
    window.table.setCurrentIndex(window.model.index(titles.index("Databases"), 0))
    assert window.panel.value_text("bundle") == "Part of a CLR bundle"
    assert window.count_label.text() == "4 credentials"


def test_demo_banner_and_title(qtbot, store) -> None:
    window = make_window(qtbot, store, demo=True)
    assert window.banner.isVisible()
    assert window.banner.text() == (
        "DEMO WALLET \u2014 sample credentials signed by a demo issuer, not real achievements"
    )
    assert "[DEMO]" in window.windowTitle() and "maria.wallet" in window.windowTitle()


def test_empty_wallet_says_how_to_import(qtbot, tmp_path) -> None:
    with WalletStore.create(tmp_path / "empty.wallet", PASSPHRASE) as empty:
        window = make_window(qtbot, empty)
        assert window.pages.currentWidget() is window.empty
        assert window.empty.isVisible()
        assert window.empty.text() == EMPTY_TEXT
        assert window.count_label.text() == "0 credentials"


def test_menus_and_accessible_names(qtbot, store) -> None:
    window = make_window(qtbot, store)
    # Shown: the extras' commands (and Tools, which holds only one) wait for a Session.
    menus = {
        a.text().replace("&", ""): a.menu() for a in window.menuBar().actions() if a.isVisible()
    }
    assert list(menus) == ["File", "Edit", "Collections", "View", "Help"]
    file_items = [
        a.text().replace("&", "") for a in menus["File"].actions() if a.text() and a.isVisible()
    ]
    assert file_items == ["Import\u2026", "Import Stack\u2026", "Lock", "Quit"]
    assert window.quit_action.shortcut() == QtGui.QKeySequence(QtGui.QKeySequence.StandardKey.Quit)
    interactive = (
        window.findChildren(QtWidgets.QAbstractButton)
        + window.findChildren(QtWidgets.QLineEdit)
        + window.findChildren(QtWidgets.QAbstractItemView)
        + window.findChildren(QtWidgets.QComboBox)
        + [window.panel, window.banner]
    )
    named = [w for w in interactive if w.accessibleName()]
    unnamed = [
        w
        for w in interactive
        if not w.accessibleName() and w.parent() is not window.table and w.isVisible()
    ]
    assert window.table in named and window.panel in named
    assert unnamed == [], [type(w).__name__ for w in unnamed]


def test_import_runs_the_import_flow_loaded_when_first_needed(qtbot, store, monkeypatch) -> None:
    """File → Import… calls the background import flow; a Session hands the window a loader
    (`load_imports`), used if the flow has not been installed yet. There is no other path."""
    from wallet.ui.import_flow import ImportController

    window = make_window(qtbot, store)
    loaded: list[ImportController] = []

    def load() -> ImportController:
        loaded.append(ImportController(window, lambda: window.store))
        return loaded[-1]

    window.load_imports = load
    monkeypatch.setattr(window, "choose_import_files", lambda: [str(DEMO_FILE)])
    window.import_action.trigger()
    (controller,) = loaded
    assert window.imports is controller
    qtbot.waitUntil(
        lambda: controller.result_dialog is not None and not controller.is_busy(), timeout=20_000
    )
    assert [r.status for r in controller.result_dialog.results] == ["imported"]
    assert window.count_label.text() == "4 credentials"
    controller.result_dialog.close()
    window.import_action.trigger()  # loaded once
    assert len(loaded) == 1
    controller.forget()


def test_cancelled_file_dialog_imports_nothing(qtbot, store, monkeypatch) -> None:
    from wallet.ui.import_flow import ImportController

    window = make_window(qtbot, store)
    controller = ImportController(window, lambda: window.store)
    monkeypatch.setattr(window, "choose_import_files", lambda: [])
    window.import_action.trigger()
    assert not controller.is_busy() and controller.result_dialog is None
    assert message_boxes() == []


def test_import_without_importer_explains(qtbot, store) -> None:
    window = make_window(qtbot, store)
    window.import_action.trigger()
    assert "learner-wallet import FILE" in message_boxes()[-1].text()


def test_lock_closes_the_store_and_hides(qtbot, store) -> None:
    window = make_window(qtbot, store)
    with qtbot.waitSignal(window.locked, timeout=1000):
        window.lock_action.trigger()
    assert window.store is None and not window.isVisible()
    assert window.model.rowCount() == 0
    with pytest.raises(sqlcipher3.ProgrammingError):  # closed: no reads after locking
        store.credentials.count()


def test_about_and_quit(qtbot, store) -> None:
    window = make_window(qtbot, store)
    window.about_action.trigger()
    assert "Learner Wallet" in message_boxes()[-1].text()
    with qtbot.waitSignal(window.closed, timeout=1000):
        window.quit_action.trigger()
    assert window.store is None and not window.isVisible()


def test_credential_text_is_never_rich_text(qtbot, tmp_path) -> None:
    """Issuer-controlled text is shown literally, never as HTML or a link."""
    s = WalletStore.create(tmp_path / "x.wallet", PASSPHRASE)
    evil = statistics()
    evil.title = "<b>Bold</b> <a href='https://evil.example'>click</a>"
    evil.description = "<img src='https://evil.example/track.png'>"
    cid = s.credentials.add(parsed(evil, b'{"evil": 1}'), "test")
    window = make_window(qtbot, s)
    window.select_credential(cid)
    assert window.panel.title.textFormat() == Qt.TextFormat.PlainText
    assert window.panel.value_text("title") == evil.title
    assert window.panel._values["description"].textFormat() == Qt.TextFormat.PlainText
    window.close()


def test_screenshot_at_1280x800(qtbot, store, tmp_path: Path) -> None:
    window = make_window(qtbot, store, demo=True)
    window.select_credential(window.model.credential_id(0))
    out = grab(window, tmp_path / "shots" / "main.png", size=(1280, 800))
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 10_000  # a real rendering, not a blank image
    image = QtGui.QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    assert len({image.pixel(x, y) for x in range(0, 1280, 40) for y in range(0, 800, 40)}) > 3
