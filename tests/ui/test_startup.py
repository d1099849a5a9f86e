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
from pathlib import Path

import pytest

from wallet.cli import FIRST_SCREEN
from wallet.credential import CLR2, DATA_INTEGRITY, OB3, Credential, Issuer
from wallet.errors import WrongPassphrase
from wallet.store import WalletStore
from wallet.store.db import PendingOpen
from wallet.ui.app import Session
from wallet.ui.models import CredentialListModel
from wallet.ui.qt import Qt

from .conftest import WalletFile
from .samples import PASSPHRASE, parsed

# Modules the first window must not wait for: the verification and parsing stacks and the
# libraries under them. (wallet.verify.report/checks are plain data and labels the detail view
# shows; they import none of these.)
HEAVY = (
    "pyld",
    "cryptography",
    "jsonschema",
    "fastjsonschema",
    "requests",
    "cbor2",
    "pyoxigraph",
    "rfc8785",
    "zxingcpp",
    "defusedxml",
    "wallet.verify.verifier",
    "wallet.verify.dataintegrity",
    "wallet.proofs.canon",
    "wallet.verify.methods",
    "wallet.verify.status",
    "wallet.formats",
    "wallet.importer",
    "wallet.proofs.jose",
    "wallet.proofs.keys",
    "wallet.ui.import_flow",
)


def _loaded_after(statement: str) -> list[str]:
    code = (
        f"import json, sys\n{statement}\n"
        f"heavy = {HEAVY!r}\n"
        "print(json.dumps(sorted(m for m in sys.modules\n"
        "                        if any(m == h or m.startswith(h + '.') for h in heavy))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_probe_sees_heavy_modules_when_they_are_loaded() -> None:
    """The check below can fail: importing the importer is seen."""
    assert "wallet.importer" in _loaded_after("import wallet.importer")
    assert "cryptography" in _loaded_after("import wallet.importer")


def test_importing_the_app_loads_no_verification_or_parsing_stack() -> None:
    assert _loaded_after("import wallet.ui.app") == []


def test_the_cli_loads_neither_before_the_window() -> None:
    assert _loaded_after("import wallet.cli") == []


def test_gui_exit_when_shown_ends_once_the_rows_are_painted(wallet_file: WalletFile) -> None:
    """The real entry point, passphrase from the environment: the wallet opens on the helper
    thread while Qt starts, the window paints its three rows, and the app says so and quits."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LEARNER_WALLET_PASSPHRASE": PASSPHRASE}
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from wallet.cli import main; sys.exit(main())",
            "--wallet",
            str(wallet_file.path),
            "gui",
            "--exit-when-shown",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["shown 3", "complete 3"]


def test_pending_open_hands_over_the_store_and_what_it_prefetched(wallet_file: WalletFile) -> None:
    opening = PendingOpen(
        wallet_file.path, PASSPHRASE, prefetch=lambda s: s.credentials.list_snapshot()
    )
    store = opening.result()
    try:
        snapshot = opening.prefetched
        assert sorted(s.title for s in snapshot.summaries) == sorted(wallet_file.ids)
        assert snapshot.verdicts == {} and snapshot.total == 3 and snapshot.complete
        # the connection works on this thread after the hand-over
        assert store.credentials.count() == 3
        with pytest.raises(Exception, match="already taken"):
            opening.result()
    finally:
        store.close()


def test_pending_open_raises_a_wrong_passphrase_on_the_callers_thread(
    wallet_file: WalletFile,
) -> None:
    opening = PendingOpen(wallet_file.path, "not it")
    with pytest.raises(WrongPassphrase):
        opening.result()
    opening.discard()  # nothing to close; must not raise


def test_session_waits_for_the_opening_wallet_and_shows_its_list(
    qtbot, wallet_file: WalletFile
) -> None:
    opening = PendingOpen(
        wallet_file.path, PASSPHRASE, prefetch=lambda s: s.credentials.list_snapshot(first=60)
    )
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
    qtbot, wallet_file: WalletFile
) -> None:
    session = Session(wallet_file.path)
    try:
        session.start("wrong", opening=PendingOpen(wallet_file.path, "wrong"))
        assert session.dialog is not None and session.dialog.isVisible()
        assert session.dialog.error.text() == "Wrong passphrase or not a wallet file."
    finally:
        session.shutdown()


# --- a big wallet starts from its first screen of rows --------------------------------------


def _big_wallet(path: Path, count: int) -> list[str]:
    """`count` loose credentials from 7 issuers over 40 dates (many share a date), every 9th
    undated, plus a CLR bundle carrying two items dated late enough to be on the first
    screen. Returns the titles in the order the window lists them."""
    with WalletStore.create(path, PASSPHRASE) as store:
        for i in range(count):
            issued = None if i % 9 == 0 else f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"
            cred = Credential(
                format=OB3,
                proof_form=DATA_INTEGRITY,
                title=f"Unit {i:04d}",
                issuer=Issuer(name=f"Issuer {i % 7}"),
                issued=issued,
            )
            store.credentials.add(parsed(cred, f'{{"n": {i}}}'.encode()), "test")
        clr = Credential(
            format=CLR2,
            proof_form=DATA_INTEGRITY,
            title="Transcript",
            issuer=Issuer(name="University"),
            issued="2026-01-05",
        )
        kids = [
            parsed(
                Credential(
                    format=OB3,
                    proof_form=DATA_INTEGRITY,
                    title=t,
                    issuer=Issuer(name="University"),
                    issued="2024-03-01",
                ),
                raw,
            )
            for t, raw in (("Algebra", b'{"k": 1}'), ("Databases", b'{"k": 2}'))
        ]
        store.credentials.add(parsed(clr, b'{"clr": 1}', kids), "test")
    with WalletStore.open(path, PASSPHRASE) as store:
        whole = CredentialListModel(
            store, sort=(CredentialListModel.ISSUED, Qt.SortOrder.DescendingOrder)
        )
        return whole.titles()


def test_the_first_screen_is_the_top_of_the_whole_list(qtbot, tmp_path: Path) -> None:
    """Start-up reads 25 rows, not 300: they are exactly the rows the whole list starts
    with (the bundle with its items under it), and the count already says how many there
    are. Once the window has painted, the rest is read: every row, and every issuer in the
    filter."""
    path = tmp_path / "big.wallet"
    titles = _big_wallet(path, 300)
    assert titles[0] == "Transcript" and titles[1:3] == ["Algebra", "Databases"]
    opening = PendingOpen(
        path, PASSPHRASE, prefetch=lambda s: s.credentials.list_snapshot(first=25)
    )
    session = Session(path)
    try:
        session.start(PASSPHRASE, opening=opening)
        window = session.window
        assert window is not None
        first = window.model.titles()
        assert len(first) == 27  # 25 top-level rows and the bundle's two items
        assert first == titles[:27]
        assert window.count_label.text() == "303 credentials (reading the list\u2026)"
        qtbot.waitUntil(lambda: not window.model.partial, timeout=5000)
        assert window.model.titles() == titles
        assert window.count_label.text() == "303 credentials"
        issuers = [
            window.filter_bar.issuer_combo.itemText(i)
            for i in range(1, window.filter_bar.issuer_combo.count())
        ]
        assert issuers == [
            "Issuer 0",
            "Issuer 1",
            "Issuer 2",
            "Issuer 3",
            "Issuer 4",
            "Issuer 5",
            "Issuer 6",
            "University",
        ]
    finally:
        session.shutdown()


def test_a_search_typed_before_the_rest_arrives_applies_to_the_whole_list(
    qtbot, tmp_path: Path
) -> None:
    path = tmp_path / "big.wallet"
    _big_wallet(path, 120)
    opening = PendingOpen(
        path, PASSPHRASE, prefetch=lambda s: s.credentials.list_snapshot(first=10)
    )
    session = Session(path)
    try:
        session.start(PASSPHRASE, opening=opening)
        window = session.window
        assert window is not None and window.model.partial
        window.search_field.setText("Unit 011")  # matches Unit 0110 ... Unit 0119
        qtbot.waitUntil(lambda: not window.model.partial, timeout=5000)
        assert sorted(window.model.titles()) == [f"Unit {i:04d}" for i in range(110, 120)]
        assert window.count_label.text() == "10 of 123 credentials"
    finally:
        session.shutdown()


def test_gui_on_a_big_wallet_paints_the_first_screen_then_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "big.wallet"
    _big_wallet(path, 200)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LEARNER_WALLET_PASSPHRASE": PASSPHRASE}
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from wallet.cli import main; sys.exit(main())",
            "--wallet",
            str(path),
            "gui",
            "--exit-when-shown",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [f"shown {FIRST_SCREEN + 2}", "complete 203"]
