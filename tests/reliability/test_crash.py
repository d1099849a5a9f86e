"""The short crash run CI does (issue 9): every workload killed at random moments survives; and
the harness's checks do catch a damaged wallet (else a green run would prove nothing)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from wallet import formats
from wallet.store import WalletStore

from . import crash_harness
from .crash_harness import PW_A, check_whole, credential_bytes


def test_short_crash_run_every_kill_survived(capsys: pytest.CaptureFixture[str]) -> None:
    code = crash_harness.main(["--kills", "10", "--items", "300", "--seed", "7"])
    lines = capsys.readouterr().out.strip().splitlines()
    summary = json.loads(lines[-1])
    assert code == 0, "\n".join(ln for ln in lines if "FAILED" in ln)
    assert summary["kills"] == summary["survived"] == 10
    assert {summary[k] for k in ("import", "batch", "passphrase", "restore", "stacks")} == {2}


@pytest.fixture
def wallet(tmp_path: Path) -> Path:
    path = tmp_path / "w.lwallet"
    with WalletStore.create(path, PW_A) as store:
        store.credentials.add_many(
            [(formats.parse(credential_bytes(i, "t"), name=f"t{i}"), "t") for i in range(5)]
        )
    return path


def test_the_checks_see_a_half_written_credential(wallet: Path) -> None:
    with WalletStore.open(wallet, PW_A) as store:
        clean: list[str] = []
        ids = check_whole(store, clean)
        assert clean == [] and len(ids) == 5
        victim = sorted(ids)[0]
        store.db.conn.execute(
            "DELETE FROM search WHERE rowid = (SELECT search_rowid FROM credentials WHERE id = ?)",
            (victim,),
        )
        problems: list[str] = []
        check_whole(store, problems)
    assert problems == [f"{victim}: half written (list row or search entry missing)"]


def test_the_checks_see_changed_bytes_and_lost_credentials(wallet: Path, tmp_path: Path) -> None:
    from wallet.store.connection import pack

    with WalletStore.open(wallet, PW_A) as store:
        victim = sorted(check_whole(store, []))[1]
        store.db.conn.execute(
            "UPDATE credentials SET original = ? WHERE id = ?", (pack(b"{}"), victim)
        )
        problems: list[str] = []
        check_whole(store, problems)
    assert problems == [f"{victim}: original bytes do not match their SHA-256"]

    harness = crash_harness.Harness.__new__(crash_harness.Harness)
    with WalletStore.open(wallet, PW_A) as store:
        harness.base_ids = check_whole(store, [])
        store.credentials.delete(victim)
        lost: list[str] = []
        harness.base_intact(check_whole(store, []), lost)
    assert lost == [f"a credential committed before the run ({victim}) is lost"]


def test_the_checks_see_a_wallet_that_no_longer_opens(wallet: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.lwallet"
    shutil.copy(wallet, broken)
    data = bytearray(broken.read_bytes())
    data[5000:5100] = bytes(100)  # a page's ciphertext and its HMAC no longer agree
    broken.write_bytes(bytes(data))
    problems: list[str] = []
    store = crash_harness.open_either(broken, [PW_A], problems)
    if store is not None:  # page 1 intact: the damage shows when the pages are read
        with store:
            check_whole(store, problems)
    assert problems and all("wallet" in p or "integrity" in p for p in problems), problems
