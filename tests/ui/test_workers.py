"""Background tasks: results, progress, cancel and errors arrive on the GUI thread."""

from __future__ import annotations

import threading
import time

from wallet.errors import WalletError
from wallet.ui.qt import QtCore
from wallet.ui.workers import Progress, Task


def test_result_and_progress_arrive_on_the_gui_thread(qtbot) -> None:
    gui = threading.get_ident()
    seen: list[tuple[int, int, str, bool]] = []

    def work(progress: Progress) -> int:
        for i in range(3):
            progress(i + 1, 3, f"item {i + 1}")
        return 42

    task = Task(work)
    task.progressed.connect(lambda d, t, s: seen.append((d, t, s, threading.get_ident() == gui)))
    with qtbot.waitSignal(task.finished, timeout=5000) as blocker:
        task.start()
    assert blocker.args == [42]
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen == [(1, 3, "item 1", True), (2, 3, "item 2", True), (3, 3, "item 3", True)]


def test_cancel_stops_the_work(qtbot) -> None:
    done: list[int] = []

    def work(progress: Progress) -> None:
        for i in range(1000):
            progress.check()
            done.append(i)
            time.sleep(0.005)

    task = Task(work)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.start()
        QtCore.QTimer.singleShot(50, task.cancel)
    assert 0 < len(done) < 1000


def test_errors_become_plain_messages_and_bugs_are_logged(qtbot) -> None:
    task = Task(lambda p: (_ for _ in ()).throw(WalletError("the wallet is locked")))
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        task.start()
    assert blocker.args == ["the wallet is locked"]
    logged: list[str] = []
    bug = Task(lambda p: 1 / 0, log=logged.append)
    with qtbot.waitSignal(bug.failed, timeout=5000) as blocker:
        bug.start()
    assert "details are in the log" in blocker.args[0]
    assert "ZeroDivisionError" in logged[0]
