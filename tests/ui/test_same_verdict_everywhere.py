"""Issue 14 (first step): a credential imported from the command line gets the verdict the
window gives the same file, stored the same way (one use case, wallet.actions.importing).

Before, `learner-wallet import` stored credentials unchecked: `list --json` had no verdict while
the window showed one for the same file.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from wallet import cli
from wallet.paths import resources
from wallet.store import WalletStore
from wallet.ui.import_flow import ImportController
from wallet.ui.main_window import MainWindow
from wallet.ui.qt import QtCore

from .test_import_flow import drop, wait_for_results

DEMO = resources() / "demo" / "credentials"
PASSPHRASE = "same verdict everywhere"


def demo_files() -> list[Path]:
    """Every demo credential file: verified, warning, revoked (failed) and expired ones."""
    return sorted(p for p in DEMO.iterdir() if p.is_file())


def cli_run(wallet: Path, pw: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(["--wallet", str(wallet), "--passphrase-file", str(pw), *args], out=out)
    return code, out.getvalue()


def test_the_cli_and_the_window_give_one_file_the_same_verdict(qtbot, tmp_path) -> None:
    files = demo_files()
    pw = tmp_path / "pw.txt"
    pw.write_text(PASSPHRASE + "\n")

    # the command line: each imported line says its verdict; list --json carries it
    by_cli = tmp_path / "cli.lwallet"
    assert cli_run(by_cli, pw, "init")[0] == 0
    code, text = cli_run(by_cli, pw, "import", *map(str, files))
    assert code == 0
    imported = [line for line in text.splitlines() if line.startswith("imported ")]
    assert len(imported) == len(files)
    assert all(
        line.rsplit(": ", 1)[-1] in {"VERIFIED", "WARNING", "FAILED", "UNKNOWN"}
        for line in imported
    ), text
    code, listed = cli_run(by_cli, pw, "list", "--json")
    rows = [json.loads(line) for line in listed.splitlines()]
    cli_verdicts = {r["id"]: r["verdict"] for r in rows if r["parent"] is None}
    assert None not in cli_verdicts.values()
    # a fresh wallet trusts nobody and has no status lists cached: warnings and unknowns
    assert len(set(cli_verdicts.values())) >= 2

    # the window: the same files dropped on it, checked in the background
    with WalletStore.create(tmp_path / "window.lwallet", PASSPHRASE) as store:
        window = MainWindow(store)
        qtbot.addWidget(window)
        controller = ImportController(window, lambda: window.store)
        window.show()
        qtbot.waitExposed(window)
        verified: list[list[str]] = []
        controller.verified.connect(verified.append)
        mime = QtCore.QMimeData()
        mime.setUrls([QtCore.QUrl.fromLocalFile(str(p)) for p in files])
        assert drop(window, mime)
        wait_for_results(qtbot, controller)
        qtbot.waitUntil(lambda: bool(verified), timeout=30_000)
        window_verdicts = {
            cid: v for cid, v in store.checks.verdicts().items() if cid in cli_verdicts
        }
        controller.forget()
        window.close()
    assert window_verdicts == cli_verdicts
