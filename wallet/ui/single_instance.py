"""One app per wallet: a second `learner-wallet [FILE...]` hands its files to the first and exits.

Why: double-clicking a badge file starts `learner-wallet FILE`. With the wallet already open,
a second window on the same encrypted file would ask for the passphrase again and compete for
it; instead the running app raises its window and imports the file through the same import
flow as File → Import…. A first launch with files opens the window and imports them once the
wallet is unlocked.

The channel is a `QLocalServer` (a Unix domain socket, a named pipe on Windows) whose name is
derived from the user and the wallet file, so two wallets (or two users) never meet. Only the
current user may connect (`UserAccessOption`). On Unix the socket lives in a folder only the
user can enter: `$XDG_RUNTIME_DIR` (as `learner-wallet-<hash>`), else `learner-wallet-<uid>/<hash>`
in the temporary folder, the folder made with mode 0700. The name is easy to work out, so
another local user could make that folder first, make it a symbolic link, or bind a socket
there to receive the learner's files: a folder that is not a real directory owned by the user
and closed to others is never used (the app then runs on its own, with a logged warning), and
a socket file another user owns is never connected to (the first app replaces it). A socket
left behind by a crashed app is detected (nobody answers on it) and replaced.

The message is one JSON line, `{"files": [absolute paths]}`, answered by `ok`. The first app
reads paths only; it never runs anything it is sent, and the import reads files under the same
size caps as any other import. An issuer's credential offer (`openid-credential-offer://`,
registered in the .desktop file) travels the same way but as the link it is, never as a path,
and opens the receive dialog, which shows the issuer before anything is sent; a verifier's
request (`openid4vp://`) opens the respond dialog the same way; a `file:` address (the .desktop
file's `%U`) is taken as its path.

QtNetwork is needed here only; it is taken from the same binding as the shim's QtCore
(`wallet.ui.qt` stays the one place that names the binding).
"""

from __future__ import annotations

import getpass
import hashlib
import importlib
import json
import logging
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from urllib.request import url2pathname

from wallet.ui.messages import show_message
from wallet.ui.qt import QtCore, QtGui, QtWidgets, Signal

QtNetwork = importlib.import_module(QtCore.__name__.rpartition(".")[0] + ".QtNetwork")

if TYPE_CHECKING:
    from wallet.ui.app import Session
    from wallet.ui.import_flow import ImportController
    from wallet.ui.receive_dialog import ReceiveActions
    from wallet.ui.respond_dialog import RespondActions

HANDOVER_TIMEOUT_MS = 3000
MAX_MESSAGE_BYTES = 1024 * 1024  # thousands of paths; anything longer is not us
ACK = b"ok\n"
REPLY_SLICE_MS = 20
BACKUP_SUFFIX = ".lwbackup"

log = logging.getLogger(__name__)


def server_name(wallet_path: Path) -> str | None:
    """The socket name for this user and wallet file: a full path in a folder only this user
    can enter (Unix), a plain name on Windows (a named pipe, which Qt restricts to the user).
    None when no such folder can be had: then there is no handover, and the app runs alone."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers): the uid still separates
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    wallet = os.path.normcase(os.path.abspath(os.fspath(wallet_path)))
    digest = hashlib.sha256(f"{user}\0{wallet}".encode()).hexdigest()[:20]
    if sys.platform == "win32":
        return f"learner-wallet-{digest}"
    folder = socket_folder()
    if folder is None:
        return None
    # In our own folder the folder says whose it is: a short name keeps the path within the
    # 104 bytes a Unix socket path may have (macOS's temporary folder alone takes 50).
    own = os.path.basename(folder) == f"learner-wallet-{os.getuid()}"
    return os.path.join(folder, digest if own else f"learner-wallet-{digest}")


def _not_private(folder: str) -> str | None:
    """Why `folder` is not a place only this user can reach, or None when it is one. `lstat`:
    a symbolic link is refused as such, never followed."""
    try:
        st = os.lstat(folder)
    except OSError as e:
        return f"it cannot be checked ({e.strerror})"
    if stat.S_ISLNK(st.st_mode):
        return "it is a symbolic link"
    if not stat.S_ISDIR(st.st_mode):
        return "it is not a folder"
    if st.st_uid != os.getuid():
        return "it belongs to another user"
    if st.st_mode & 0o077:
        return "other users can enter it"
    return None


def socket_folder() -> str | None:
    """The folder for this user's sockets (Unix): `$XDG_RUNTIME_DIR` when it is private, else
    `learner-wallet-<uid>` in the temporary folder, made with mode 0700 if missing. None (and a
    warning in the log) when that folder is not this user's alone: someone else may have made
    it first, to receive the files the learner opens."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isabs(runtime):
        problem = _not_private(runtime)
        if problem is None:
            return runtime
        log.warning(
            "not putting the single-instance socket in XDG_RUNTIME_DIR %s: %s", runtime, problem
        )
    folder = os.path.join(tempfile.gettempdir(), f"learner-wallet-{os.getuid()}")
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError as e:
        log.warning(
            "cannot make %s for the single-instance socket (%s); this app runs on its "
            "own and will not take files from later launches",
            folder,
            e.strerror,
        )
        return None
    problem = _not_private(folder)
    if problem is not None:
        log.warning(
            "not using %s for the single-instance socket: %s; this app runs on its own "
            "and will not take files from later launches",
            folder,
            problem,
        )
        return None
    return folder


def socket_is_ours(name: str) -> bool:
    """Whether the socket file at `name` (Unix) is a socket this user owns: only then is it
    connected to. Always true for Windows pipe names."""
    if not os.path.isabs(name):
        return sys.platform == "win32"
    try:
        st = os.lstat(name)
    except OSError:
        return False
    return stat.S_ISSOCK(st.st_mode) and st.st_uid == os.getuid()


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+):")  # two letters or more: not "C:"


def handed(arg: str) -> str:
    """A launch argument as the running app takes it: an issuer's offer link as it is (it is
    not a file), a `file:` address as its path, anything else as an absolute path."""
    scheme = _SCHEME.match(arg)
    if scheme is not None and scheme.group(1).lower() == "file":
        try:
            return os.path.abspath(url2pathname(urlsplit(arg).path))
        except ValueError:
            return os.path.abspath(arg)
    if scheme is not None:
        from wallet.ui.receive_dialog import is_offer
        from wallet.ui.respond_dialog import is_request

        if is_offer(arg) or is_request(arg):
            return arg.strip()
    return os.path.abspath(arg)


def is_offer_link(arg: str) -> bool:
    """What `handed` kept as a link: an offer for the receive dialog or a verifier's request
    for the respond dialog, not a file."""
    return _SCHEME.match(arg) is not None and not os.path.isabs(arg)


def encode_message(files: Sequence[str]) -> bytes:
    """The one line a second launch sends: its files as absolute paths (offers as links)."""
    return json.dumps({"files": [handed(f) for f in files]}).encode() + b"\n"


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


def hand_over(
    wallet_path: Path, files: Sequence[str], timeout_ms: int = HANDOVER_TIMEOUT_MS
) -> bool:
    """Give `files` (possibly none: "show yourself") to an app already running on this wallet.

    True when one took them, and this launch should exit; False when none answers (then this
    launch becomes the running app). Needs no QApplication: the socket calls block.
    A socket another user owns is never connected to: it could be anyone's program."""
    name = server_name(wallet_path)
    if name is None or not socket_is_ours(name):
        return False
    socket = QtNetwork.QLocalSocket()
    socket.connectToServer(name)
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
        otherwise replace a live app's socket file (Unix) or share its pipe (Windows).
        A socket file another user owns is not asked: it is removed when it is in a folder only
        this user can enter (how it got there does not matter), else nothing is started."""
        if (
            os.path.isabs(self.name)
            and os.path.lexists(self.name)
            and not socket_is_ours(self.name)
        ):
            if _not_private(os.path.dirname(self.name)) is not None:
                return False
            try:
                os.unlink(self.name)
            except OSError:
                return False
        else:
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

    def __init__(
        self, session: Session, files: Sequence[str] = (), server: InstanceServer | None = None
    ) -> None:
        super().__init__(session)
        self.session = session
        self.server = server
        self.pending: list[str] = [handed(f) for f in files]
        self._watched: ImportController | None = None
        self._handlers: list[ReceiveActions | RespondActions] = []  # watched for `closed`
        session.window_shown.connect(lambda _w: QtCore.QTimer.singleShot(0, self.flush))
        if server is not None:
            server.files_received.connect(self.open_files)
        app = QtCore.QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def open_files(self, files: Sequence[str]) -> None:
        """Raise the window (or the unlock dialog) and import `files` when the wallet is open."""
        self.pending.extend(handed(f) for f in files)
        self.raise_window()
        self.flush()

    def raise_window(self) -> None:
        window = self.session.window
        dialog = self.session.dialog
        target: QtWidgets.QWidget | None = (
            dialog if dialog is not None and dialog.isVisible() else window
        )
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
            actions = window.backup_actions
            if len(backups) > 1:
                show_message(
                    window,
                    self.tr("Learner Wallet"),
                    self.tr(
                        "{names} are wallet backups. Restore them one at a time: choose File → "
                        "Restore from Backup… and pick one."
                    ).format(names=", ".join(Path(f).name for f in backups)),
                )
            elif actions is None or actions.restore(Path(backups[0])) is None:
                show_message(
                    window,
                    self.tr("Learner Wallet"),
                    self.tr(
                        "{names} is a wallet backup. To add what it holds to this wallet, choose "
                        "File → Restore from Backup… and pick it."
                    ).format(names=Path(backups[0]).name),
                )
            if not self.pending:
                return False
        link = next((f for f in self.pending if is_offer_link(f)), None)
        if link is not None:
            from wallet.ui.respond_dialog import is_request

            # One at a time, each in its dialog (a verifier's request in the respond dialog,
            # an issuer's offer in the receive dialog); what else came waits until it closes.
            responder, receiver = window.responder, window.receiver
            request = is_request(link)
            handler = responder if request else receiver
            if handler is None:  # a window without one (tests): nothing to open it with
                self.pending.remove(link)
                return self.flush()
            if handler not in self._handlers:
                handler.closed.connect(lambda: QtCore.QTimer.singleShot(0, self.flush))
                self._handlers.append(handler)
            if handler.is_busy():
                return False
            self.pending.remove(link)
            if responder is not None and request:
                responder.open_request(link)
            elif receiver is not None:
                receiver.open_offer(link)
            return True
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
            link = bytes(event.url().toEncoded().data()).decode("utf-8", "replace")
            if link and is_offer_link(handed(link)):  # an issuer's offer link clicked
                self.open_files([link])
                return True
        return super().eventFilter(watched, event)

    def close(self) -> None:
        """Stop listening (the app is quitting)."""
        app = QtCore.QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self.server is not None:
            self.server.close()


def attach(
    session: Session, wallet_path: Path, files: Sequence[str] = (), *, listen: bool = True
) -> FileOpener:
    """What `run_app` calls for the CLI's `gui`: import `files` once the wallet is open, and
    (with `listen`) take the files of later launches on the same wallet."""
    server = None
    name = server_name(wallet_path) if listen else None
    if name is not None:  # None: no folder of this user's alone (logged): run alone
        server = InstanceServer(name, session)
        if not server.listen():  # another live app has it (and did not answer): run alone
            server = None
    return FileOpener(session, files, server)
