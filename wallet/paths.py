"""Where things live: the user's wallet and logs (platform conventions) and our resources."""

from __future__ import annotations

import os
import stat
import sys
import sysconfig
from pathlib import Path

import platformdirs

APP = "learner-wallet"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP, appauthor=False))


def make_private(path: Path) -> None:
    """Take group and other access away from a file or folder of ours (one made 0644/0755 by
    an earlier version, or by a umask): the wallet, its logs and backups are the learner's
    alone. POSIX only; a path that is missing or not ours is left as it is."""
    if os.name == "nt":
        return
    try:
        current = stat.S_IMODE(path.stat().st_mode)
        if current & 0o077:
            path.chmod(current & 0o700)
    except OSError:
        pass


def secure_own_folders() -> None:
    """Our data and log folders, if they exist, made private (cheap: a stat each)."""
    for folder in (data_dir(), log_dir()):
        make_private(folder)


def default_wallet() -> Path:
    return data_dir() / "wallet.lwallet"


def demo_wallet() -> Path:
    return data_dir() / "demo-wallet.lwallet"


def resources() -> Path:
    """`resources/` beside the package in a checkout (and an editable install), inside a
    frozen bundle (PyInstaller's `sys._MEIPASS`), or where a wheel's data files went
    (`<prefix>/share/learner-wallet/resources`, `[tool.setuptools.data-files]`)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    beside = Path(__file__).resolve().parent.parent / "resources"
    if beside.is_dir():
        return beside
    for scheme in (sysconfig.get_default_scheme(), sysconfig.get_preferred_scheme("user")):
        installed = Path(sysconfig.get_path("data", scheme)) / "share" / APP / "resources"
        if installed.is_dir():
            return installed
    return beside  # nothing found: errors name the checkout's folder


LOG_MAX_BYTES = 1024 * 1024
LOG_KEEP = 3  # errors.log plus errors.log.1 .. errors.log.3


def append_log(
    path: Path, text: str, *, max_bytes: int = LOG_MAX_BYTES, keep: int = LOG_KEEP
) -> Path:
    """Append `text` to a log file, first moving a full file aside (`NAME.1`, the older ones
    up to `NAME.{keep}`, the oldest dropped), so logs never grow without bound. Raises
    OSError when the log cannot be written; callers decide what a person is told.
    A log may quote credential text and paths: it and a folder made for it are private."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    make_private(path)  # before a rotation moves it aside
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        size = 0
    if size and size + len(text.encode("utf-8")) > max_bytes:
        for n in range(keep - 1, 0, -1):
            older = path.with_name(f"{path.name}.{n}")
            if older.exists():
                older.replace(path.with_name(f"{path.name}.{n + 1}"))
        if keep > 0:
            path.replace(path.with_name(f"{path.name}.1"))
        else:
            path.unlink()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with open(fd, "a", encoding="utf-8") as f:
        f.write(text)
    return path
