"""What the GUI does with an exception nobody caught: log it, and tell the person plainly.

A traceback never reaches a person. A `WalletError` carries a message fit to show as it is; any
other exception is a bug, so its traceback goes to a log file and the dialog says where.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import platformdirs

from wallet.errors import WalletError
from wallet.paths import append_log
from wallet.ui.messages import Icon, show_message, text_of
from wallet.ui.qt import QtCore

LOG_NAME = "errors.log"

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def default_log_dir() -> Path:
    """Per-user log folder (e.g. ~/.local/state/learner-wallet/log on Linux)."""
    return Path(platformdirs.user_log_dir("learner-wallet", appauthor=False))


def log_line(text: str) -> None:
    """Append one line to the error log, such as a background operation's note that an
    issuer could not be told; a log that cannot be written never fails the operation."""
    with contextlib.suppress(OSError):
        append_log(default_log_dir() / LOG_NAME, text.rstrip() + "\n")


def write_log(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, log_dir: Path
) -> Path:
    """Append one timestamped traceback to the log and return its path; raises OSError.
    The log is rotated (`paths.append_log`): a crash loop cannot fill the disk."""
    stamp = _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    return append_log(log_dir / LOG_NAME, f"--- {stamp}\n{text}\n")


def make_excepthook(log_dir: Path | None = None) -> ExceptHook:
    """A `sys.excepthook` for the GUI; `log_dir` defaults to `default_log_dir()`."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        translate = QtCore.QCoreApplication.translate
        try:
            if isinstance(exc, WalletError):
                show_message(
                    None, translate("crash", "Learner Wallet"), text_of(exc), icon=Icon.Warning
                )
                return
            try:
                path = write_log(exc_type, exc, tb, log_dir or default_log_dir())
                text = translate(
                    "crash", "Something went wrong; details were written to {path}"
                ).format(path=path)
            except OSError as e:
                text = translate(
                    "crash",
                    "Something went wrong, and the details could not be written "
                    "to a log file ({reason}).",
                ).format(reason=e.strerror or e)
            show_message(None, translate("crash", "Learner Wallet"), text, icon=Icon.Critical)
        except Exception:  # the hook itself must never raise: fall back to the plain default
            sys.__excepthook__(exc_type, exc, tb)

    return hook


def install_excepthook(log_dir: Path | None = None) -> Callable[[], None]:
    """Install the GUI hook; returns a function that puts the previous hook back."""
    previous = sys.excepthook
    sys.excepthook = make_excepthook(log_dir)

    def restore() -> None:
        sys.excepthook = previous

    return restore
