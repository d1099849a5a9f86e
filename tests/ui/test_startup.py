"""Start-up (issue 4): what the first window loads, the wallet opening on a helper thread while
Qt starts, and `gui --exit-when-shown` ending only once the list has painted its rows.

The import checks run in a fresh interpreter: in the test process everything is loaded
already, so only a new process can show what `import wallet.ui.app` drags in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from wallet.errors import WrongPassphrase
from wallet.store.db import PendingOpen
from wallet.ui.app import Session

from .conftest import WalletFile
from .samples import PASSPHRASE

# Modules the first window must not wait for: the verification and parsing stacks and the
# libraries under them. (wallet.verify.report/checks are plain data and labels the detail view
# shows; they import none of these.)
HEAVY = ("pyld", "cryptography", "jsonschema", "fastjsonschema", "requests", "cbor2",
         "pyoxigraph", "rfc8785", "zxingcpp", "defusedxml", "wallet.verify.verifier",
         "wallet.verify.dataintegrity", "wallet.verify.canon", "wallet.verify.methods",
         "wallet.verify.status", "wallet.formats", "wallet.importer", "wallet.jose",
         "wallet.keys", "wallet.ui.import_flow")


def _loaded_after(statement: str) -> list[str]:
    code = (f"import json, sys\n{statement}\n"
            f"heavy = {HEAVY!r}\n"
            "print(json.dumps(sorted(m for m in sys.modules\n"
            "                        if any(m == h or m.startswith(h + '.') for h in heavy))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_probe_sees_heavy_modules_when_they_are_loaded() -> None:
    """The check below can fail: importing the importer is seen."""
    assert "wallet.importer" in _loaded_after("import wallet.importer")
    assert "cryptography" in _loaded_after("import wallet.importer")


def test_importing_the_app_loads_no_verification_or_parsing_stack() -> None:
    assert _loaded_after("import wallet.ui.app") == []


def test_the_cli_loads_neither_before_the_window() -> None:
    assert _loaded_after("import wallet.cli") == []


def test_gui_exit_when_shown_ends_once_the_rows_are_painted(
        wallet_file: WalletFile) -> None:
    """The real entry point, passphrase from the environment: the wallet opens on the helper
    thread while Qt starts, the window paints its three rows, and the app says so and quits."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "LEARNER_WALLET_PASSPHRASE": PASSPHRASE}
    out = subprocess.run([sys.executable, "-c", "import sys; from wallet.cli import main; "
                          "sys.exit(main())", "--wallet", str(wallet_file.path), "gui",
                          "--exit-when-shown"], capture_output=True, text=True, env=env,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["shown 3"]


def test_pending_open_hands_over_the_store_and_what_it_prefetched(
        wallet_file: WalletFile) -> None:
    opening = PendingOpen(wallet_file.path, PASSPHRASE,
                          prefetch=lambda s: (s.summaries(), s.verdicts()))
    store = opening.result()
    try:
        summaries, verdicts = opening.prefetched
        assert sorted(s.title for s in summaries) == sorted(wallet_file.ids)
        assert verdicts == {}
        assert store.count() == 3  # the connection works on this thread after the hand-over
        with pytest.raises(Exception, match="already taken"):
            opening.result()
    finally:
        store.close()


def test_pending_open_raises_a_wrong_passphrase_on_the_callers_thread(
        wallet_file: WalletFile) -> None:
    opening = PendingOpen(wallet_file.path, "not it")
    with pytest.raises(WrongPassphrase):
        opening.result()
    opening.discard()  # nothing to close; must not raise


def test_session_waits_for_the_opening_wallet_and_shows_its_list(
        qtbot, wallet_file: WalletFile) -> None:
    opening = PendingOpen(wallet_file.path, PASSPHRASE,
                          prefetch=lambda s: (s.summaries(), s.verdicts()))
    session = Session(wallet_file.path)
    try:
        session.start(PASSPHRASE, opening=opening)
        window = session.window
        assert window is not None and window.isVisible() and window.store is not None
        assert sorted(window.model.titles()) == sorted(wallet_file.ids)
        assert window.count_label.text() == "3 credentials"
        assert window.windowTitle() == "Learner Wallet \u2014 maria.wallet"
        # The import flow arrives once the rows have been painted.
        qtbot.waitUntil(lambda: session.imports is not None, timeout=5000)
    finally:
        session.shutdown()


def test_session_falls_back_to_the_dialog_when_the_opening_fails(
        qtbot, wallet_file: WalletFile) -> None:
    session = Session(wallet_file.path)
    try:
        session.start("wrong", opening=PendingOpen(wallet_file.path, "wrong"))
        assert session.dialog is not None and session.dialog.isVisible()
        assert session.dialog.error.text() == "Wrong passphrase or not a wallet file."
    finally:
        session.shutdown()
