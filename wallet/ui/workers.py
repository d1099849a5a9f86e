"""Long work (import, verification, export) off the GUI thread, with progress and cancel.

A `Task` runs a plain Python function in a worker thread. The function receives a `Progress`
it may call to report (done, total, text) and poll for cancellation; the task's signals arrive
on the GUI thread. Functions that touch the wallet must use their own connection
(`WalletStore.another_connection()`): SQLite connections are not shared between threads.

A task may outlive its owner (its Qt parent: an import flow, a dialog closed meanwhile). The
thread therefore never touches the task itself: it emits through a `_Relay` of its own, kept
alive by the application until the thread has said its last word, and the relay hands each
signal on to the task queued. Once the task is deleted Qt drops what was on its way to it, so
the thread ends quietly and nothing reaches a deleted object.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from wallet.errors import WalletError
from wallet.messages import render
from wallet.ui.qt import Qt, QtCore, Signal

translate = QtCore.QCoreApplication.translate  # lupdate finds the words through this name


class Cancelled(Exception):
    """Raised inside a task's function when the user cancelled it."""


class _Relay(QtCore.QObject):
    """The signals the worker thread emits; the task repeats them on the GUI thread."""

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class Progress:
    """Handed to the task's function: report progress, and ask whether to stop."""

    def __init__(self, relay: _Relay, cancel: threading.Event) -> None:
        self._relay = relay
        self._cancel = cancel

    def __call__(self, done: int, total: int, text: str = "") -> None:
        self._relay.progressed.emit(done, total, text)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Stop here (raise Cancelled) if the user cancelled."""
        if self._cancel.is_set():
            raise Cancelled()


class Task(QtCore.QObject):
    """One background job. Connect the signals, then `start()`.

    finished(result) on success, failed(message) with a message fit to show (a WalletError's
    own words, or a generic line while the traceback goes to the log), cancelled() if stopped.
    Once the task is deleted (with its parent) none of them is emitted any more.
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
        # Owned by the application (not by this task, nor by Python references a thread may
        # drop last), and deleted on the GUI thread once its last signal has been handed on.
        relay = _Relay(QtCore.QCoreApplication.instance())
        queued = Qt.ConnectionType.QueuedConnection
        relay.progressed.connect(self.progressed, queued)
        for said, repeated in (
            (relay.finished, self.finished),
            (relay.failed, self.failed),
            (relay.cancelled, self.cancelled),
        ):
            said.connect(repeated, queued)
            said.connect(relay.deleteLater, queued)
        self._thread = threading.Thread(
            target=_run,
            args=(self._fn, relay, self._cancel, self._log),
            name="wallet-task",
            daemon=True,
        )
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


def _run(
    fn: Callable[[Progress], Any],
    relay: _Relay,
    cancel: threading.Event,
    log: Callable[[str], None] | None,
) -> None:
    """The worker thread: run `fn` and say how it ended, through the relay only (the task
    itself may be gone by now)."""
    try:
        result = fn(Progress(relay, cancel))
    except Cancelled:
        relay.cancelled.emit()
    except WalletError as e:
        relay.failed.emit(render(e.msg))  # in the window's language
    except Exception:  # a bug: logged in full, shown as one plain line
        if log is not None:
            log(traceback.format_exc())
        relay.failed.emit(
            translate("Task", "Something went wrong in the background; details are in the log.")
        )
    else:
        if cancel.is_set():
            relay.cancelled.emit()
        else:
            relay.finished.emit(result)
