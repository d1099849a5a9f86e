"""Issue 14: the window's menus are built in one place, `menus.MENUS`.

The menu bar of a real Session's window (every extra installed) is exactly the table: same
menus in the same order, the same commands and separators in each, every command the window's
declared attribute. The extras give slots (`MainWindow.attach`) and do not look menus up, add
to them or rewire another module's command: a grep of wallet/ui keeps it so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import wallet.ui
from wallet.store import WalletStore
from wallet.ui import menus
from wallet.ui.app import Session
from wallet.ui.main_window import MainWindow
from wallet.ui.qt import QtCore, QtGui, QtWidgets

from .samples import PASSPHRASE

translate = QtCore.QCoreApplication.translate


@pytest.fixture
def session(wallet_file) -> Iterator[Session]:
    s = Session(wallet_file.path, imports=True)
    s.start(PASSPHRASE)
    assert s.install_imports() is not None
    try:
        yield s
    finally:
        s.shutdown()


def shape(window: MainWindow) -> list[tuple[str, str, list[object]]]:
    """The menu bar as (object name, title, items): a QAction or a submenu, None a separator."""
    out = []
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QtWidgets.QMenu)
        items: list[object] = []
        for action in menu.actions():
            if action.isSeparator():
                items.append(None)
            elif action.menu() is not None:
                items.append(action.menu())
            else:
                items.append(action)
        out.append((menu.objectName(), top.text(), items))
    return out


def table_shape(window: MainWindow) -> list[tuple[str, str, list[object]]]:
    """What `shape` must give for the table: each item as the window attribute it names."""
    return [
        (
            spec.object_name,
            translate(spec.context, spec.title),
            [None if item is None else getattr(window, item.key) for item in spec.items],
        )
        for spec in menus.MENUS
    ]


def test_the_menu_bar_is_the_table(qtbot, session: Session) -> None:
    window = session.window
    assert window is not None
    assert shape(window) == table_shape(window)
    assert [title for _name, title, _items in shape(window)] == [
        "&File",
        "&Edit",
        "&Collections",
        "&View",
        "&Tools",
        "&Help",
    ]
    for command in menus.commands():
        action = getattr(window, command.key)
        assert isinstance(action, QtGui.QAction) and action.isVisible(), command.key
        assert action.text() == translate(command.context, command.text)
        assert action.objectName() == command.object_name
    # Nothing else in the window looks like a command: no action added beside the table.
    assert window.actions() == []


def test_every_command_is_a_declared_attribute_of_the_window() -> None:
    declared = {k for k, v in MainWindow.__annotations__.items() if "QAction" in str(v)}
    assert declared == {c.key for c in menus.commands()}
    menus_declared = {k for k, v in MainWindow.__annotations__.items() if "QMenu" in str(v)}
    submenus = {i.key for m in menus.MENUS for i in m.items if isinstance(i, menus.Submenu)}
    assert menus_declared == {m.key for m in menus.MENUS} | submenus
    owners = {c.owner for c in menus.commands()}
    assert owners == set(menus.OWNERS)
    keys = [c.key for c in menus.commands()]
    assert len(keys) == len(set(keys))


def test_a_window_alone_shows_only_its_own_commands(qtbot, store: WalletStore) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)
    for command in menus.commands():
        assert getattr(window, command.key).isVisible() == (command.owner == menus.WINDOW)
    tools = window.tools_menu.menuAction()
    assert not tools.isVisible()  # nothing in it until the Share/Verify extra is there
    with pytest.raises(ValueError):
        window.attach(menus.PRESENT, {"share_action": lambda: None})  # Verify a QR is missing
    window.attach(menus.PRESENT, {"share_action": lambda: None, "verify_qr_action": lambda: None})
    assert tools.isVisible() and window.verify_qr_action.isVisible()


LOOKUPS = re.compile(
    r"find_menu|window_menu|menuBar\(|insertMenu\(|insertAction\(|triggered\.disconnect"
)


def test_no_module_but_the_window_looks_up_or_changes_its_menus() -> None:
    root = Path(wallet.ui.__file__).parent
    offenders = [
        f"{path.name}:{n}: {line.strip()}"
        for path in sorted(root.glob("*.py"))
        if path.name not in {"main_window.py", "menus.py"}
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if LOOKUPS.search(line)
    ]
    assert offenders == []
    window_source = (root / "main_window.py").read_text("utf-8")
    assert not re.search(r"find_menu|window_menu|insertAction\(|insertMenu\(", window_source)
