"""Long work (import, verification, export) off the GUI thread, with progress and cancel.

A `Task` runs a plain Python function in a worker thread. The function receives a `Progress`
it may call to report (done, total, text) and poll for cancellation; the task's signals arrive
on the GUI thread. Functions that touch the wallet must use their own connection
(`WalletStore.another_connection()`): SQLite connections are not shared between threads.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from wallet.errors import WalletError
from wallet.messages import render
from wallet.ui.qt import QtCore, Signal


class Cancelled(Exception):
    """Raised inside a task's function when the user cancelled it."""


class Progress:
    """Handed to the task's function: report progress, and ask whether to stop."""

    def __init__(self, task: Task) -> None:
        self._task = task

    def __call__(self, done: int, total: int, text: str = "") -> None:
        self._task.progressed.emit(done, total, text)

    @property
    def cancelled(self) -> bool:
        return self._task.is_cancelled()

    def check(self) -> None:
        """Stop here (raise Cancelled) if the user cancelled."""
        if self._task.is_cancelled():
            raise Cancelled()


class Task(QtCore.QObject):
    """One background job. Connect the signals, then `start()`.

    finished(result) on success, failed(message) with a message fit to show (a WalletError's
    own words, or a generic line while the traceback goes to the log), cancelled() if stopped.
    """

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        fn: Callable[[Progress], Any],
        *,
        log: Callable[[str], None] | None = None,
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fn = fn
        self._log = log
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> Task:
        self._thread = threading.Thread(target=self._run, name="wallet-task", daemon=True)
        self._thread.start()
        return self

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the work is done (tests, shutdown); True if it ended."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        try:
            result = self._fn(Progress(self))
        except Cancelled:
            self.cancelled.emit()
        except WalletError as e:
            self.failed.emit(render(e.msg))  # in the window's language
        except Exception:  # a bug: logged in full, shown as one plain line
            if self._log is not None:
                self._log(traceback.format_exc())
            self.failed.emit(
                self.tr("Something went wrong in the background; details are in the log.")
            )
        else:
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                self.finished.emit(result)
