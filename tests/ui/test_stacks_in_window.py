"""The Stacks view inside the main window, on the demo wallet."""

from __future__ import annotations

from pathlib import Path

from wallet import demo
from wallet.store import WalletStore
from wallet.ui.main_window import MainWindow

from .samples import message_boxes


def test_demo_stacks_show_progress_open_credentials_and_keep_goals(qtbot, tmp_path: Path) -> None:
    path = demo.fresh_demo_wallet(tmp_path / "demo.lwallet")
    store = WalletStore.open(path, demo.DEMO_PASSPHRASE)
    window = MainWindow(store, demo=True)
    qtbot.addWidget(window)
    window.show()
    assert window.stacks_view is None  # built only when first shown
    window.show_stacks_action.trigger()
    view = window.stacks_view
    assert window.views.currentWidget() is view
    qtbot.waitUntil(lambda: len(view.rows()) == 3, timeout=10_000)  # worked out off the GUI thread
    rows = view.rows()
    assert len(rows) == 3
    assert any("Applied Digital Skills" in str(r) for r in rows)

    # a counted credential opens in the credentials view
    ids = {s.title: s.id for s in store.credentials.summaries()}
    window._open_from_stacks(ids["Data Analysis with Python"])
    assert window.views.currentWidget() is window.pages
    assert window.selected_id() == ids["Data Analysis with Python"]

    # a goal the learner builds is kept in the wallet and evaluated
    goal = {
        "format": "learner-wallet-stack/1",
        "id": "goal-ten-credits",
        "name": "Ten credits",
        "source": "own",
        "award": {"name": "My goal"},
        "requirement": {"type": "credits", "id": "root", "credits": 10, "unit": "NZQF credits"},
    }
    window.show_stacks()
    view.goal_created.emit(goal)  # kept by an op, off the GUI thread
    qtbot.waitUntil(lambda: "goal-ten-credits" in [s.id for s in store.stacks.all()])
    qtbot.waitUntil(lambda: len(view.rows()) == 4, timeout=10_000)

    # locking leaves nothing decrypted on screen
    window.lock()
    assert view.rows() == []


def test_import_stack_from_the_file_menu(qtbot, tmp_path: Path) -> None:
    path = demo.fresh_demo_wallet(tmp_path / "demo.lwallet")
    store = WalletStore.open(path, demo.DEMO_PASSPHRASE)
    window = MainWindow(store, demo=True)
    qtbot.addWidget(window)
    assert window.import_stack_action.text().replace("&", "") == "Import Stack\u2026"
    badgr = Path(__file__).parents[1] / "stacks" / "fixtures" / "badgr-pathway.json"
    assert window.import_stack(str(badgr)) is not None  # kept by an op, off the GUI thread
    assert window.views.currentWidget() is window.stacks_view
    qtbot.waitUntil(lambda: len(store.stacks.all()) == 4)
    qtbot.waitUntil(lambda: len(window.stacks_view.rows()) == 4, timeout=10_000)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    task = window.import_stack(str(broken))
    assert task is not None and task.wait(10)
    qtbot.waitUntil(lambda: bool(message_boxes()))
    (box,) = message_boxes()
    assert box.windowTitle() == "Import stack" and "not JSON" in box.text()
    box.close()
    assert len(store.stacks.all()) == 4
    assert window.import_stack(str(tmp_path / "missing.json")) is None
    (box,) = message_boxes()
    assert "Cannot read" in box.text()
