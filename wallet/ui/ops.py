"""Operations: one use case run off the GUI thread, its changes handed back to the window.

Like Anki's CollectionOp, `run_op(window, action, ...)` is how the window does anything that
writes to the wallet (import, check, trust, keep or remove a stack, delete, restore):

- `action(store, progress)` runs on a worker thread (`workers.Task`) with a connection of its
  own, opened there and closed when it returns (SQLite connections belong to one thread), and
  with a `Progress` to report through and to poll for a cancel;
- while it runs, the status bar says `progress_text`;
- its result's `changes` (every use case's result carries a `wallet.actions.changes.Changes`)
  go to `MainWindow.apply_changes` on the GUI thread, which hands them to the views: the list
  inserts, drops or re-reads just those rows, the stacks view works its progress out again only
  when credentials, stacks or trust changed; then `on_done(result)` runs;
- a `WalletError` (or a bug, logged through `log`) is shown as a warning titled
  `error_title` (else the window's title), unless the caller says it elsewhere
  (`on_failed`); a cancelled op calls `on_cancelled` and changes nothing on screen.

An op outlives nothing: once the window is locked (or shows another wallet) its late result,
error or cancel is dropped, so nothing about the wallet shows behind the lock.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from wallet.actions.changes import NOTHING, Changes
from wallet.store import WalletStore
from wallet.ui.messages import Icon, show_message
from wallet.ui.qt import QtCore
from wallet.ui.workers import Progress, Task

if TYPE_CHECKING:
    from wallet.ui.main_window import MainWindow

R = TypeVar("R")

Action = Callable[[WalletStore, Progress], R]


def changes_in(result: object) -> Changes:
    """The change set a use case's result carries (none for a result that carries none)."""
    changes = getattr(result, "changes", NOTHING)
    return changes if isinstance(changes, Changes) else NOTHING


def run_op(
    window: MainWindow,
    action: Callable[[WalletStore, Progress], R],
    *,
    progress_text: str,
    on_done: Callable[[R], None] | None = None,
    error_title: str = "",
    on_failed: Callable[[str], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    log: Callable[[str], None] | None = None,
    owner: QtCore.QObject | None = None,
) -> Task | None:
    """Run `action` on its own connection to the window's wallet in the background; None when
    no wallet is open. The returned task can be cancelled or waited for (tests)."""
    store = window.store
    if store is None:
        return None

    def work(progress: Progress) -> R:
        progress.check()  # cancelled before it began: not even a connection
        worker = store.another_connection()
        try:
            return action(worker, progress)
        finally:
            worker.close()

    task = Task(work, log=log, parent=owner if owner is not None else window)
    window.ops.append(task)
    bar = window.statusBar()
    if progress_text:
        bar.showMessage(progress_text)

    def ours() -> bool:
        """Still the op of the wallet on screen (not dropped by a lock); forgets it."""
        if task not in window.ops:
            return False
        window.ops.remove(task)
        if progress_text and bar.currentMessage() == progress_text:
            bar.clearMessage()
        return window.store is store

    def finished(result: Any) -> None:
        if not ours():
            return
        window.apply_changes(changes_in(result))
        if on_done is not None:
            on_done(result)

    def failed(message: str) -> None:
        if not ours():
            return
        if on_failed is not None:
            on_failed(message)
        else:
            title = error_title or window.windowTitle()
            show_message(window, title, message, icon=Icon.Warning)

    def cancelled() -> None:
        if ours() and on_cancelled is not None:
            on_cancelled()

    task.finished.connect(finished)
    task.failed.connect(failed)
    task.cancelled.connect(cancelled)
    if on_progress is not None:
        task.progressed.connect(
            lambda done, total, text: on_progress(done, total, text) if task in window.ops else None
        )
    return task.start()


def drop_ops(window: MainWindow) -> None:
    """The wallet is being locked or closed: cancel every running op; whatever each still
    says when it ends is dropped."""
    ops, window.ops[:] = list(window.ops), []
    for task in ops:
        task.cancel()
