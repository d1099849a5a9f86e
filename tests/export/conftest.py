"""Fixtures of the export tests: the demo wallet (signed, with stacks and verdicts)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from wallet.demo import DEMO_PASSPHRASE, fresh_demo_wallet
from wallet.store import WalletStore


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo wallet, made once per run; tests work on copies of it."""
    return fresh_demo_wallet(tmp_path_factory.mktemp("demo") / "demo.lwallet")


@pytest.fixture
def demo_store(demo_master: Path, tmp_path: Path) -> Iterator[WalletStore]:
    """A copy of the demo wallet for one test (exports re-check and keep reports)."""
    copy = tmp_path / "demo.lwallet"
    shutil.copyfile(demo_master, copy)
    with WalletStore.open(copy, DEMO_PASSPHRASE) as store:
        yield store
