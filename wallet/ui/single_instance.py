"""One app per wallet: a second `learner-wallet [FILE...]` hands its files to the first and exits.

Why: double-clicking a badge file starts `learner-wallet FILE`. With the wallet already open,
a second window on the same encrypted file would ask for the passphrase again and compete for
it; instead the running app raises its window and imports the file through the same import
flow as File → Import…. A first launch with files opens the window and imports them once the
wallet is unlocked.

The channel is a `QLocalServer` (a Unix domain socket, a named pipe on Windows) whose name is
derived from the user and the wallet file, so two wallets (or two users) never meet. Only the
current user may connect (`UserAccessOption`; in `$XDG_RUNTIME_DIR` where there is one). A
socket left behind by a crashed app is detected (nobody answers on it) and replaced.

The message is one JSON line, `{"files": [absolute paths]}`, answered by `ok`. The first app
reads paths only; it never runs anything it is sent, and the import reads files under the same
size caps as any other import.

QtNetwork is needed here only; it is taken from the same binding as the shim's QtCore
(`wallet.ui.qt` stays the one place that names the binding).
"""

from __future__ import annotations

import getpass
import hashlib
import importlib
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from wallet.ui.messages import show_message
from wallet.ui.qt import QtCore, QtGui, QtWidgets, Signal

QtNetwork = importlib.import_module(QtCore.__name__.rpartition(".")[0] + ".QtNetwork")

if TYPE_CHECKING:
    from wallet.ui.app import Session
    from wallet.ui.import_flow import ImportController

HANDOVER_TIMEOUT_MS = 3000
MAX_MESSAGE_BYTES = 1024 * 1024  # thousands of paths; anything longer is not us
ACK = b"ok\n"
REPLY_SLICE_MS = 20
BACKUP_SUFFIX = ".lwbackup"


def server_name(wallet_path: Path) -> str:
    """The socket name for this user and wallet file (a full path in the runtime folder on
    Linux, where only the user can reach it; a plain name elsewhere, which Qt places)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers): the uid still separates
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    wallet = os.path.normcase(os.path.abspath(os.fspath(wallet_path)))
    digest = hashlib.sha256(f"{user}\0{wallet}".encode()).hexdigest()[:20]
    name = f"learner-wallet-{digest}"
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if sys.platform.startswith("linux") and runtime and os.path.isdir(runtime):
        return os.path.join(runtime, name)
    return name


def encode_message(files: Sequence[str]) -> bytes:
    """The one line a second launch sends: its files as absolute paths."""
    return json.dumps({"files": [os.path.abspath(f) for f in files]}).encode() + b"\n"


def decode_message(line: bytes) -> list[str] | None:
    """The files in a message, or None when it is not one of ours."""
    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    files = message.get("files") if isinstance(message, dict) else None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return files


def hand_over(wallet_path: Path, files: Sequence[str],
              timeout_ms: int = HANDOVER_TIMEOUT_MS) -> bool:
    """Give `files` (possibly none: "show yourself") to an app already running on this wallet.

    True when one took them, and this launch should exit; False when none answers (then this
    launch becomes the running app). Needs no QApplication: the socket calls block."""
    socket = QtNetwork.QLocalSocket()
    socket.connectToServer(server_name(wallet_path))
    if not socket.waitForConnected(timeout_ms):
        return False
    try:
        socket.write(encode_message(files))
        socket.waitForBytesWritten(timeout_ms)
        return _reply(socket, timeout_ms) == ACK
    finally:
        socket.abort()


def _reply(socket: QtNetwork.QLocalSocket, timeout_ms: int) -> bytes:
    """The first app's answer line. Waits in short slices with a pause between: Qt's blocking
    waits keep Python's GIL, and the first app may be a thread of this very process (tests).
    Reads what is buffered before each wait: the answer and the hang-up may come together."""
    deadline = time.monotonic() + timeout_ms / 1000
    reply = b""
    while True:
        reply += bytes(socket.readAll().data())
        if reply.endswith(b"\n") or time.monotonic() >= deadline:
            return reply
        if socket.state() == QtNetwork.QLocalSocket.LocalSocketState.UnconnectedState:
            return reply
        socket.waitForReadyRead(REPLY_SLICE_MS)
        time.sleep(0.001)


class InstanceServer(QtCore.QObject):
    """Listens for second launches; `files_received(list[str])` for each one that arrives."""

    files_received = Signal(list)

    def __init__(self, name: str, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QtNetwork.QLocalServer(self)
        self.server.setSocketOptions(QtNetwork.QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QtNetwork.QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening unless another live app answers on the name (then False). A socket
        nobody answers on (a crashed app's) is removed first. Asking first matters: Qt would
        otherwise replace a live app's socket file (Unix) or share its pipe (Windows)."""
        probe = QtNetwork.QLocalSocket()
        probe.connectToServer(self.name)
        alive = probe.waitForConnected(500)
        probe.abort()
        if alive:
            return False
        QtNetwork.QLocalServer.removeServer(self.name)
        return self.server.listen(self.name)

    def is_listening(self) -> bool:
        return self.server.isListening()

    def close(self) -> None:
        """Stop listening and drop half-read connections (the socket file goes too)."""
        self.server.close()
        for socket in list(self._buffers):
            socket.abort()
            socket.deleteLater()
        self._buffers.clear()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            if socket is None:
                return
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QtNetwork.QLocalSocket) -> None:
        if socket not in self._buffers:
            return
        data = self._buffers[socket] + bytes(socket.readAll().data())
        if b"\n" not in data:
            if len(data) > MAX_MESSAGE_BYTES:
                self._drop(socket)
            else:
                self._buffers[socket] = data
            return
        files = decode_message(data.split(b"\n", 1)[0])
        if files is None:
            self._drop(socket)
            return
        socket.write(ACK)
        socket.flush()
        socket.disconnectFromServer()
        self._drop(socket)
        self.files_received.emit(files)

    def _drop(self, socket: QtNetwork.QLocalSocket) -> None:
        if self._buffers.pop(socket, None) is not None:
            if socket.state() != QtNetwork.QLocalSocket.LocalSocketState.UnconnectedState:
                socket.disconnectFromServer()
            socket.deleteLater()


class FileOpener(QtCore.QObject):
    """Brings files handed to the app (command line, second launches, macOS Finder's open
    events) into the session's import flow as soon as a wallet is open and not importing."""

    def __init__(self, session: Session, files: Sequence[str] = (),
                 server: InstanceServer | None = None) -> None:
        super().__init__(session)
        self.session = session
        self.server = server
        self.pending: list[str] = [os.path.abspath(f) for f in files]
        self._watched: ImportController | None = None
        session.window_shown.connect(lambda _w: QtCore.QTimer.singleShot(0, self.flush))
        if server is not None:
            server.files_received.connect(self.open_files)
        app = QtCore.QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def open_files(self, files: Sequence[str]) -> None:
        """Raise the window (or the unlock dialog) and import `files` when the wallet is open."""
        self.pending.extend(os.path.abspath(f) for f in files)
        self.raise_window()
        self.flush()

    def raise_window(self) -> None:
        window = self.session.window
        dialog = self.session.dialog
        target: QtWidgets.QWidget | None = dialog if dialog is not None and dialog.isVisible() \
            else window
        if target is None:
            return
        if target.isMinimized():
            target.showNormal()
        target.show()
        target.raise_()
        target.activateWindow()

    def flush(self) -> bool:
        """Start importing what is pending; False while locked or another import runs (the
        files wait for the next unlock, or for that import to end)."""
        window = self.session.window
        if not self.pending or window is None or window.store is None:
            return False
        backups = [f for f in self.pending if f.lower().endswith(BACKUP_SUFFIX)]
        if backups:
            self.pending = [f for f in self.pending if f not in backups]
            # One backup opens the restore for it (asking its passphrase); more than one at
            # once are named, to be restored one by one.
            actions = getattr(window, "backup_actions", None)
            if len(backups) > 1:
                show_message(window, self.tr("Learner Wallet"), self.tr(
                    "{names} are wallet backups. Restore them one at a time: choose File → "
                    "Restore from Backup… and pick one.").format(
                        names=", ".join(Path(f).name for f in backups)))
            elif actions is None or actions.restore(Path(backups[0])) is None:
                show_message(window, self.tr("Learner Wallet"), self.tr(
                    "{names} is a wallet backup. To add what it holds to this wallet, choose "
                    "File → Restore from Backup… and pick it.").format(names=Path(backups[0]).name))
            if not self.pending:
                return False
        controller = self.session.install_imports()
        if controller is None:
            return False
        if controller is not self._watched:
            controller.imported.connect(lambda _r: QtCore.QTimer.singleShot(0, self.flush))
            self._watched = controller
        if controller.is_busy():
            return False
        from wallet.ui.import_flow import ImportRequest

        files, self.pending = self.pending, []
        if controller.start(ImportRequest(specs=files)) is None:
            self.pending = files + self.pending
            return False
        return True

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if event.type() == QtCore.QEvent.Type.FileOpen:  # macOS: a file opened in the Finder
            assert isinstance(event, QtGui.QFileOpenEvent)
            if event.file():
                self.open_files([event.file()])
                return True
        return super().eventFilter(watched, event)

    def close(self) -> None:
        """Stop listening (the app is quitting)."""
        app = QtCore.QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self.server is not None:
            self.server.close()


def attach(session: Session, wallet_path: Path, files: Sequence[str] = (), *,
           listen: bool = True) -> FileOpener:
    """What `run_app` calls for the CLI's `gui`: import `files` once the wallet is open, and
    (with `listen`) take the files of later launches on the same wallet."""
    server = None
    if listen:
        server = InstanceServer(server_name(wallet_path), session)
        if not server.listen():  # another live app has it (and did not answer): run alone
            server = None
    return FileOpener(session, files, server)
