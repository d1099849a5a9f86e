"""run_app end to end, the lock/unlock cycle, the GUI excepthook, and the Qt boundary."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import wallet
from wallet.errors import WalletFileError
from wallet.store import WalletStore
from wallet.ui import app as app_module
from wallet.ui import crash
from wallet.ui.app import Session, run_app
from wallet.ui.main_window import MainWindow
from wallet.ui.qt import Qt, QtCore, QtWidgets
from wallet.ui.unlock import UnlockDialog

from .samples import PASSPHRASE, message_boxes


def visible(kind: type) -> list:
    return [
        w for w in QtWidgets.QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()
    ]


def run_with_steps(steps: list[Callable[[], None]], **kwargs) -> tuple[int, list[str]]:
    """Run the app, doing `steps` one by one from inside its event loop; returns the exit code
    and any step failure (a failure ends the loop with code 97, a hang with 99)."""
    failures: list[str] = []
    pending = list(steps)

    def next_step() -> None:
        if not pending:
            return
        try:
            pending.pop(0)()
        except Exception as e:  # reported after the loop, where pytest can show it
            failures.append(f"{type(e).__name__}: {e}")
            QtWidgets.QApplication.exit(97)
            return
        QtCore.QTimer.singleShot(20, next_step)

    watchdog = QtCore.QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(lambda: QtWidgets.QApplication.exit(99))
    watchdog.start(15_000)
    QtCore.QTimer.singleShot(20, next_step)
    try:
        code = run_app(**kwargs)
    finally:
        watchdog.stop()
    return code, failures


def type_and_submit(qtbot, text: str) -> None:
    (dialog,) = visible(UnlockDialog)
    qtbot.keyClicks(dialog.passphrase, text)
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)


def test_run_app_with_passphrase_opens_the_demo_window(qapp, wallet_file, tmp_path) -> None:
    seen: dict[str, object] = {}

    def look_and_quit() -> None:
        (window,) = visible(MainWindow)
        seen["title"] = window.windowTitle()
        seen["banner"] = window.banner.isVisible()
        seen["titles"] = window.model.titles()
        seen["unlock dialogs"] = len(visible(UnlockDialog))
        window.quit_action.trigger()

    code, failures = run_with_steps(
        [look_and_quit],
        wallet_path=wallet_file.path,
        passphrase=PASSPHRASE,
        demo=True,
        log_dir=tmp_path,
    )
    assert failures == [] and code == 0
    assert seen["title"] == "[DEMO] Learner Wallet \u2014 maria.wallet"
    assert seen["banner"] is True and seen["unlock dialogs"] == 0
    assert sorted(seen["titles"]) == [
        "Data Analysis with Python",
        "First Aid at Work",
        "Statistics I",
    ]
    assert qapp.applicationName() == "Learner Wallet"
    assert qapp.organizationName()


def test_run_app_asks_until_the_passphrase_is_right(qtbot, wallet_file, tmp_path) -> None:
    seen: dict[str, object] = {}

    def wrong() -> None:
        type_and_submit(qtbot, "guess")

    def check_then_right() -> None:
        (dialog,) = visible(UnlockDialog)
        seen["error"] = dialog.error.text()
        seen["windows before"] = len(visible(MainWindow))
        type_and_submit(qtbot, PASSPHRASE)

    def check_window_then_quit() -> None:
        (window,) = visible(MainWindow)
        seen["count"] = window.count_label.text()
        seen["banner"] = window.banner.isVisible()
        window.close()

    code, failures = run_with_steps(
        [wrong, check_then_right, check_window_then_quit],
        wallet_path=wallet_file.path,
        log_dir=tmp_path,
    )
    assert failures == [] and code == 0
    assert seen == {
        "error": "Wrong passphrase or not a wallet file.",
        "windows before": 0,
        "count": "3 credentials",
        "banner": False,
    }


def test_wrong_passphrase_argument_falls_back_to_the_dialog(qapp, wallet_file, tmp_path) -> None:
    seen: list[str] = []

    def look_and_cancel() -> None:
        (dialog,) = visible(UnlockDialog)
        seen.append(dialog.error.text())
        dialog.reject()

    code, failures = run_with_steps(
        [look_and_cancel], wallet_path=wallet_file.path, passphrase="nope", log_dir=tmp_path
    )
    assert failures == [] and code == 0
    assert seen == ["Wrong passphrase or not a wallet file."]
    assert visible(MainWindow) == []


def test_startup_bug_is_a_plain_dialog_and_exit_code_1(
    qapp, wallet_file, tmp_path, monkeypatch
) -> None:
    seen: list[str] = []

    def broken(*_args: object) -> None:
        raise RuntimeError("backup wiring is broken")

    monkeypatch.setattr(app_module, "install_backup_actions", broken)

    def read_and_dismiss() -> None:
        box = message_boxes()[-1]
        seen.append(box.text())
        box.button(QtWidgets.QMessageBox.StandardButton.Ok).click()

    code, failures = run_with_steps(
        [read_and_dismiss],
        wallet_path=wallet_file.path,
        passphrase=PASSPHRASE,
        log_dir=tmp_path / "logs",
    )
    assert failures == [] and code == 1
    log = tmp_path / "logs" / crash.LOG_NAME
    assert seen == [f"Something went wrong; details were written to {log}"]
    assert "RuntimeError: backup wiring is broken" in log.read_text()
    assert "Traceback" not in seen[0]


def test_lock_then_unlock_again(qtbot, wallet_file) -> None:
    session = Session(wallet_file.path, imports=True)
    try:
        session.start(PASSPHRASE)
        window = session.window
        assert window is not None and window.isVisible() and session.dialog is None
        window.lock_action.trigger()
        assert not window.isVisible() and window.store is None
        dialog = session.dialog
        assert dialog is not None and dialog.isVisible()
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
        assert session.window is window and window.isVisible()
        assert window.model.rowCount() == 3 and window.store is not None
    finally:
        session.shutdown()


def test_excepthook_logs_bugs_and_shows_where(qapp, tmp_path) -> None:
    hook = crash.make_excepthook(tmp_path / "logs")
    try:
        raise ValueError("a bug")
    except ValueError as e:
        hook(type(e), e, e.__traceback__)
    log = tmp_path / "logs" / crash.LOG_NAME
    text = log.read_text()
    assert "Traceback (most recent call last)" in text and "ValueError: a bug" in text
    box = message_boxes()[-1]
    assert box.text() == f"Something went wrong; details were written to {log}"
    assert box.textFormat() == Qt.TextFormat.PlainText


def test_excepthook_shows_wallet_errors_as_they_are(qapp, tmp_path) -> None:
    hook = crash.make_excepthook(tmp_path / "logs")
    err = WalletFileError("the wallet file is locked by another program")
    hook(type(err), err, None)
    assert message_boxes()[-1].text() == "the wallet file is locked by another program"
    assert not (tmp_path / "logs").exists()


def test_excepthook_without_a_writable_log(qapp, tmp_path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    hook = crash.make_excepthook(blocker)
    err = RuntimeError("boom")
    hook(type(err), err, None)
    text = message_boxes()[-1].text()
    assert text.startswith("Something went wrong") and "could not be written" in text


def test_install_excepthook_restores_the_previous_one(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    restore = crash.install_excepthook(tmp_path)
    assert sys.excepthook is not sys.__excepthook__
    restore()
    assert sys.excepthook is sys.__excepthook__


def test_default_log_dir_is_per_user() -> None:
    path = crash.default_log_dir()
    assert "learner-wallet" in str(path)


# ----- the Qt boundary ---------------------------------------------------------------------

PACKAGE = Path(wallet.__file__).parent


@pytest.mark.parametrize(
    "source",
    sorted(p for p in PACKAGE.rglob("*.py") if PACKAGE / "ui" not in p.parents),
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_no_qt_outside_wallet_ui(source: Path) -> None:
    assert "PySide6" not in source.read_text(encoding="utf-8")


def test_only_the_shim_imports_the_binding() -> None:
    importers = sorted(
        p.name
        for p in (PACKAGE / "ui").rglob("*.py")
        if "from PySide6" in p.read_text() or "import PySide6" in p.read_text()
    )
    assert importers == ["qt.py"]


def test_importing_wallet_ui_does_not_load_qt() -> None:
    code = "import sys, wallet.ui; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_wallet_marked_demo_shows_the_banner_anyway(qtbot, wallet_file) -> None:
    with WalletStore.open(wallet_file.path, PASSPHRASE) as s:
        s.settings.set("demo", "1")
    session = Session(wallet_file.path, demo=False)
    try:
        session.start(PASSPHRASE)
        assert session.window is not None
        assert session.window.banner.isVisible()
        assert session.window.windowTitle().startswith("[DEMO]")
    finally:
        session.shutdown()
