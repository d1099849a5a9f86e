"""Another local user must not be able to take the one-app-per-wallet socket.

Without `$XDG_RUNTIME_DIR` the socket used to be `/tmp/learner-wallet-<hash>`, a name anyone can
compute: whoever bound it first received every file the learner opened, and the learner's app
exited without a window. Here a world-writable folder stands in for /tmp, and "another user" is
uid 65534 (files are chowned to it; without root, the wallet is shown a faked owner instead).
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import shutil
import socket
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from wallet.store import WalletStore
from wallet.ui.app import Session
from wallet.ui.qt import QtCore
from wallet.ui.single_instance import InstanceServer, attach, hand_over, server_name

from .samples import PASSPHRASE
from .test_single_instance import BADGE, hand_over_in_thread

OTHER_UID = 65534  # "nobody": another local user


class Attacker:
    """Another user's program listening on a socket path: it answers "ok", as the first app
    would, and keeps whatever it is sent."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.received: list[bytes] = []
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(str(path))
        self.sock.listen(8)
        self.sock.settimeout(0.05)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                data = b""
                try:
                    while b"\n" not in data:
                        chunk = conn.recv(65536)
                        if not chunk:
                            break
                        data += chunk
                    self.received.append(data)
                    conn.sendall(b"ok\n")
                except OSError:
                    pass

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def foreign(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Make a path belong to another user: chown as root, else make `os.lstat` say so."""
    if os.getuid() == 0:

        def chown(path: Path) -> None:
            os.chown(path, OTHER_UID, OTHER_UID, follow_symlinks=False)

        return chown
    faked: set[tuple[int, int]] = set()  # (device, inode): a file made again there is ours
    real_lstat = os.lstat

    def lstat(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        st = real_lstat(path, *args, **kwargs)
        if (st.st_dev, st.st_ino) not in faked:
            return st
        fields = list(st[:10])
        fields[4] = OTHER_UID
        return os.stat_result(fields)

    def fake(path: Path) -> None:
        st = real_lstat(path)
        faked.add((st.st_dev, st.st_ino))

    monkeypatch.setattr(os, "lstat", lstat)
    return fake


@pytest.fixture
def public_tmp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A /tmp-like folder (everyone may write, sticky) as the system's temporary folder, for
    Python and Qt alike, and no runtime folder. Short, so socket paths stay under 108 bytes."""
    base = Path(tempfile.mkdtemp(prefix="lw-", dir="/tmp"))
    base.chmod(0o1777)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("TMPDIR", str(base))
    monkeypatch.setattr(tempfile, "tempdir", str(base))
    assert QtCore.QDir.tempPath() == str(base)
    yield base
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def empty_wallet(tmp_path: Path) -> Path:
    path = tmp_path / "w.lwallet"
    WalletStore.create(path, PASSPHRASE).close()
    return path


def digest(wallet: Path) -> str:
    """The hash every user can work out from the learner's name and wallet path."""
    wallet_abs = os.path.normcase(os.path.abspath(os.fspath(wallet)))
    return hashlib.sha256(f"{getpass.getuser()}\0{wallet_abs}".encode()).hexdigest()[:20]


def socket_basename(wallet: Path) -> str:
    """The socket's name in /tmp or a runtime folder."""
    return f"learner-wallet-{digest(wallet)}"


def socket_path(name: str) -> Path:
    return Path(name if os.path.isabs(name) else os.path.join(QtCore.QDir.tempPath(), name))


def hijack(base: Path, how: str, foreign: Callable[[Path], None]) -> Path:
    """The per-user folder name in `base`, prepared by an attacker; the folder where sockets
    placed in it end up."""
    folder = base / f"learner-wallet-{os.getuid()}"
    if how == "another user's folder":
        folder.mkdir()
        folder.chmod(0o777)
        foreign(folder)
        return folder
    if how == "open to everyone":
        folder.mkdir()
        folder.chmod(0o777)
        return folder
    assert how == "a symbolic link"
    target = base / "elsewhere"  # e.g. one of the learner's own private folders
    target.mkdir(mode=0o700)
    folder.symlink_to(target)
    foreign(folder)
    return target


@pytest.mark.parametrize("how", ["another user's folder", "open to everyone", "a symbolic link"])
def test_a_socket_folder_prepared_by_another_user_is_never_used(
    qtbot,
    public_tmp: Path,
    empty_wallet: Path,
    foreign: Callable[[Path], None],
    caplog: pytest.LogCaptureFixture,
    how: str,
) -> None:
    folder = hijack(public_tmp, how, foreign)
    # Where the socket used to be, and where it would be if the folder were trusted.
    attackers = [
        Attacker(public_tmp / socket_basename(empty_wallet)),
        Attacker(folder / digest(empty_wallet)),
    ]
    for attacker in attackers:
        foreign(attacker.path)
    session = Session(empty_wallet, imports=True)
    opener = None
    try:
        with caplog.at_level(logging.WARNING):
            assert hand_over(empty_wallet, [str(BADGE)], timeout_ms=1000) is False
        assert [a.received for a in attackers] == [[], []]  # nothing reached the attacker
        assert any("runs on its own" in r.getMessage() for r in caplog.records)
        # This launch still opens its own window, without a handover channel.
        opener = attach(session, empty_wallet, [])
        assert opener.server is None
        session.start(PASSPHRASE)
        assert session.window is not None and session.window.isVisible()
        assert [a.received for a in attackers] == [[], []]
    finally:
        if opener is not None:
            opener.close()
        session.shutdown()
        for attacker in attackers:
            attacker.close()


def test_a_socket_of_another_user_in_the_learners_folder_is_never_used(
    qtbot, public_tmp: Path, empty_wallet: Path, foreign: Callable[[Path], None]
) -> None:
    name = server_name(empty_wallet)
    assert name is not None
    attacker = Attacker(socket_path(name))
    foreign(attacker.path)
    server = InstanceServer(name)
    try:
        assert hand_over(empty_wallet, [str(BADGE)], timeout_ms=1000) is False
        assert attacker.received == []
        # The first app takes the name over from the stranger's socket, and a real second
        # launch reaches it (never the stranger).
        assert server.listen()
        with qtbot.waitSignal(server.files_received, timeout=5000) as got:
            result = hand_over_in_thread(empty_wallet, [str(BADGE)])
        qtbot.waitUntil(lambda: result == [True], timeout=5000)
        assert got.args == [[str(BADGE)]] and attacker.received == []
    finally:
        server.close()
        attacker.close()


def test_the_socket_lives_in_a_folder_only_the_learner_can_enter(
    qtbot, public_tmp: Path, empty_wallet: Path
) -> None:
    name = server_name(empty_wallet)
    assert name is not None
    folder = socket_path(name).parent
    st = os.lstat(folder)
    assert folder != public_tmp and folder.parent == public_tmp
    assert stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid()
    assert stat.S_IMODE(st.st_mode) == 0o700


def test_a_runtime_folder_others_can_write_is_not_used(
    qtbot,
    public_tmp: Path,
    empty_wallet: Path,
    foreign: Callable[[Path], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    runtime = public_tmp / "run"
    runtime.mkdir()
    runtime.chmod(0o777)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    attacker = Attacker(runtime / socket_basename(empty_wallet))
    foreign(attacker.path)
    try:
        assert hand_over(empty_wallet, [str(BADGE)], timeout_ms=1000) is False
        assert attacker.received == []
        name = server_name(empty_wallet)
        assert name is not None and not name.startswith(str(runtime))
        server = InstanceServer(name)
        try:
            assert server.listen()
            with qtbot.waitSignal(server.files_received, timeout=5000):
                result = hand_over_in_thread(empty_wallet, [str(BADGE)])
            qtbot.waitUntil(lambda: result == [True], timeout=5000)
        finally:
            server.close()
        assert attacker.received == []
    finally:
        attacker.close()
