"""One app per wallet: a second launch hands its files to the first, which imports them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from wallet import paths
from wallet.store import WalletStore
from wallet.ui import single_instance
from wallet.ui.app import Session
from wallet.ui.qt import QtCore
from wallet.ui.single_instance import (
    InstanceServer,
    QtNetwork,
    attach,
    decode_message,
    encode_message,
    hand_over,
    server_name,
)

from .samples import PASSPHRASE, message_boxes

DEMO = paths.resources() / "demo" / "credentials"
BADGE = DEMO / "01-data-analysis-with-python.json"
OTHER = DEMO / "03-cloud-security-fundamentals.json"


def hand_over_in_thread(wallet: Path, files: list[str]) -> list[bool]:
    """The second launch's side, on a thread: its socket calls block, the server's loop runs."""
    result: list[bool] = []
    thread = threading.Thread(target=lambda: result.append(hand_over(wallet, files)))
    thread.start()
    return result


@pytest.fixture
def server(qapp, tmp_path):
    srv = InstanceServer(server_name(tmp_path / "w.lwallet"))
    assert srv.listen()
    yield srv
    srv.close()


def test_names_differ_per_wallet_and_are_stable(tmp_path) -> None:
    a, b = tmp_path / "a.lwallet", tmp_path / "b.lwallet"
    assert server_name(a) == server_name(a) != server_name(b)
    assert "learner-wallet-" in server_name(a)
    assert str(tmp_path) not in server_name(a)  # the wallet's path is not put on show


def test_message_round_trip_and_junk() -> None:
    line = encode_message(["badge.png", "/abs/x.json"])
    assert line.endswith(b"\n")
    assert decode_message(line.strip()) == [os.path.abspath("badge.png"), "/abs/x.json"]
    for junk in (b"", b"\xff", b"[]", b'{"files": "x"}', b'{"files": [1]}', b"null"):
        assert decode_message(junk) is None


def test_second_launch_hands_its_files_over(qtbot, server, tmp_path) -> None:
    with qtbot.waitSignal(server.files_received, timeout=5000) as got:
        result = hand_over_in_thread(tmp_path / "w.lwallet", [str(BADGE)])
    qtbot.waitUntil(lambda: result == [True], timeout=5000)
    assert got.args == [[str(BADGE)]]


def test_no_files_still_reaches_the_first_app(qtbot, server, tmp_path) -> None:
    with qtbot.waitSignal(server.files_received, timeout=5000) as got:
        result = hand_over_in_thread(tmp_path / "w.lwallet", [])
    qtbot.waitUntil(lambda: result == [True], timeout=5000)
    assert got.args == [[]]


def test_nobody_listening_means_this_launch_runs(qapp, tmp_path) -> None:
    assert hand_over(tmp_path / "nobody.lwallet", [str(BADGE)], timeout_ms=500) is False


def test_another_wallet_is_another_app(qapp, server, tmp_path) -> None:
    assert hand_over(tmp_path / "other.lwallet", [], timeout_ms=500) is False


def test_a_live_first_app_keeps_its_name(qapp, server, tmp_path) -> None:
    second = InstanceServer(server_name(tmp_path / "w.lwallet"))
    try:
        assert second.listen() is False
        assert server.is_listening()
    finally:
        second.close()


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes leave no file behind")
def test_a_crashed_apps_socket_is_replaced(qtbot, tmp_path) -> None:
    name = server_name(tmp_path / "w.lwallet")
    path = name if os.path.isabs(name) else os.path.join(QtCore.QDir.tempPath(), name)
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(path)  # what a killed app leaves: the socket file, nobody accepting
    stale.close()
    assert os.path.exists(path)
    srv = InstanceServer(name)
    try:
        assert srv.listen()
        with qtbot.waitSignal(srv.files_received, timeout=5000):
            result = hand_over_in_thread(tmp_path / "w.lwallet", [str(BADGE)])
        qtbot.waitUntil(lambda: result == [True], timeout=5000)
    finally:
        srv.close()


def test_junk_on_the_socket_is_dropped(qtbot, server) -> None:
    received: list[object] = []
    server.files_received.connect(received.append)
    client = QtNetwork.QLocalSocket()
    client.connectToServer(server.name)
    assert client.waitForConnected(2000)
    client.write(b"not json\n")
    client.flush()
    qtbot.waitUntil(
        lambda: client.state() == QtNetwork.QLocalSocket.LocalSocketState.UnconnectedState,
        timeout=5000,
    )
    assert received == []


# ----- into the window's import flow --------------------------------------------------------


@pytest.fixture
def empty_wallet(tmp_path) -> Path:
    path = tmp_path / "w.lwallet"
    WalletStore.create(path, PASSPHRASE).close()
    return path


def titles(session: Session) -> list[str]:
    window = session.window
    assert window is not None and window.store is not None
    return sorted(s.title for s in window.store.credentials.summaries())


def test_first_launch_imports_its_files_once_unlocked(qtbot, empty_wallet) -> None:
    session = Session(empty_wallet, imports=True)
    opener = attach(session, empty_wallet, [str(BADGE)], listen=False)
    try:
        session.start(None)  # locked: the unlock dialog; the file waits
        assert session.dialog is not None and opener.pending == [str(BADGE)]
        qtbot.keyClicks(session.dialog.passphrase, PASSPHRASE)
        session.dialog.accept_button.click()
        qtbot.waitUntil(lambda: session.imports is not None, timeout=5000)
        qtbot.waitUntil(lambda: titles(session) == ["Data Analysis with Python"], timeout=10000)
        assert opener.pending == []
    finally:
        opener.close()
        session.shutdown()


@pytest.fixture
def running(qtbot, empty_wallet):
    """A first app: the wallet open in its window, listening for second launches."""
    session = Session(empty_wallet, imports=True)
    opener = attach(session, empty_wallet, [])
    try:
        session.start(PASSPHRASE)
        assert opener.server is not None and opener.server.is_listening()
        yield session, opener
    finally:
        opener.close()
        session.shutdown()


def test_running_app_imports_what_a_second_launch_hands_over(qtbot, running, empty_wallet) -> None:
    session, _opener = running
    result = hand_over_in_thread(empty_wallet, [str(BADGE), str(OTHER)])
    qtbot.waitUntil(lambda: result == [True], timeout=5000)
    qtbot.waitUntil(lambda: len(titles(session)) == 2, timeout=10000)
    assert titles(session) == ["Cloud Security Fundamentals", "Data Analysis with Python"]


def test_a_real_second_launch_exits_0_and_the_first_imports(qtbot, running, empty_wallet) -> None:
    session, _opener = running
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # The bare form a double-click runs: `learner-wallet FILE`.
    second = subprocess.Popen(
        [sys.executable, "-m", "wallet.cli", "--wallet", str(empty_wallet), str(BADGE)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=30000)
    _out, err = second.communicate()
    assert second.returncode == 0, err
    qtbot.waitUntil(lambda: titles(session) == ["Data Analysis with Python"], timeout=10000)


def test_a_backup_file_opens_its_restore(running, tmp_path, qtbot, monkeypatch) -> None:
    """One backup handed to the app starts its restore (the passphrase is asked); this one is
    not a real backup, so the restore says so plainly and nothing is imported."""
    from wallet.ui import backup_actions

    session, opener = running
    asked: list[bool] = []
    monkeypatch.setattr(
        backup_actions,
        "ask_passphrase",
        lambda _parent, confirm: asked.append(confirm) or "some passphrase",
    )
    backup = tmp_path / "old.lwbackup"
    backup.write_bytes(b"LWBACKUP")
    with qtbot.waitSignal(session.window.backup_actions.done, timeout=20000) as done:
        opener.open_files([str(backup)])
    assert asked == [False]
    assert done.args[0] == "this is not a Learner Wallet backup file"
    assert opener.pending == [] and titles(session) == []


def test_several_backup_files_are_named_for_restoring_one_by_one(running, tmp_path) -> None:
    session, opener = running
    names = []
    for name in ("a.lwbackup", "b.lwbackup"):
        (tmp_path / name).write_bytes(b"LWBACKUP")
        names.append(str(tmp_path / name))
    opener.open_files(names)
    assert any(
        "a.lwbackup, b.lwbackup are wallet backups. Restore them one at a time" in b.text()
        for b in message_boxes()
    )
    assert opener.pending == [] and titles(session) == []


def test_the_module_names_qtnetwork_through_the_shim() -> None:
    assert single_instance.QtNetwork.__name__.endswith(".QtNetwork")
