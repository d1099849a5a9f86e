"""A background task outlives the window part that started it (an import closed by a lock, a
dialog closed while it works): when its thread ends, it must end quietly, with no exception in
the thread and nothing said to the deleted owner, while a task whose owner is still there
reports progress, its result, its error and a cancel as before."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from wallet.errors import WalletError
from wallet.messages import M
from wallet.ui.qt import QtCore
from wallet.ui.workers import Progress, Task

OUTCOMES = ("finishes", "fails", "has a bug", "is cancelled")


@pytest.fixture
def thread_errors(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every exception that escapes a thread during the test, as text."""
    caught: list[str] = []
    monkeypatch.setattr(
        threading,
        "excepthook",
        lambda args: caught.append(f"{args.exc_type.__name__}: {args.exc_value}"),
    )
    yield caught


def gated(outcome: str, go: threading.Event) -> Callable[[Progress], int]:
    """Work that waits for `go`, reports a step, then ends the way `outcome` says."""

    def work(progress: Progress) -> int:
        assert go.wait(10)
        progress(1, 2, "half way")
        if outcome == "fails":
            raise WalletError(M("The file could not be read."))
        if outcome == "has a bug":
            return 1 // 0
        progress.check()  # raises Cancelled once the task was cancelled
        return 42

    return work


def listen(task: Task) -> list[tuple[str, object]]:
    heard: list[tuple[str, object]] = []
    task.progressed.connect(lambda done, total, text: heard.append(("progress", (done, total))))
    task.finished.connect(lambda result: heard.append(("finished", result)))
    task.failed.connect(lambda message: heard.append(("failed", message)))
    task.cancelled.connect(lambda: heard.append(("cancelled", None)))
    return heard


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_a_task_whose_owner_was_deleted_ends_quietly(qtbot, thread_errors, outcome) -> None:
    go = threading.Event()
    owner = QtCore.QObject()
    logged: list[str] = []
    task = Task(gated(outcome, go), log=logged.append, parent=owner)
    heard = listen(task)
    gone: list[bool] = []
    owner.destroyed.connect(lambda *_: gone.append(True))
    task.start()
    if outcome == "is cancelled":
        task.cancel()  # the import flow's forget(): cancel, then the flow goes away
    owner.deleteLater()
    qtbot.waitUntil(lambda: bool(gone), timeout=5000)

    go.set()
    assert task.wait(10)
    QtCore.QCoreApplication.processEvents()
    assert thread_errors == []
    assert heard == []
    # A bug is still written to the log even though nobody is left to show it.
    assert ("ZeroDivisionError" in "".join(logged)) == (outcome == "has a bug")


def test_a_task_whose_owner_is_alive_says_everything(qtbot, thread_errors) -> None:
    owner = QtCore.QObject()
    said: dict[str, list[tuple[str, object]]] = {}
    for outcome in OUTCOMES:
        go = threading.Event()
        task = Task(gated(outcome, go), log=lambda _text: None, parent=owner)
        heard = listen(task)
        task.start()
        if outcome == "is cancelled":
            task.cancel()
        go.set()
        assert task.wait(10)
        qtbot.waitUntil(lambda heard=heard: len(heard) == 2, timeout=5000)
        said[outcome] = heard
    assert said == {
        "finishes": [("progress", (1, 2)), ("finished", 42)],
        "fails": [("progress", (1, 2)), ("failed", "The file could not be read.")],
        "has a bug": [
            ("progress", (1, 2)),
            ("failed", "Something went wrong in the background; details are in the log."),
        ],
        "is cancelled": [("progress", (1, 2)), ("cancelled", None)],
    }
    assert thread_errors == []
