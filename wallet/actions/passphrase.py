"""Changing the wallet's passphrase: the CLI's `passwd` and the window's Change Passphrase."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wallet.actions.changes import NOTHING, Changes
from wallet.store import WalletStore


@dataclass(frozen=True)
class PassphraseChanged:
    """The wallet file re-keyed: only the new passphrase opens it now."""

    path: Path

    @property
    def changes(self) -> Changes:
        return NOTHING  # the same credentials, behind a new passphrase


def check_passphrase(store: WalletStore, passphrase: str) -> None:
    """WrongPassphrase unless `passphrase` opens the wallet file (on a second connection), so
    a person who walked up to an unlocked wallet cannot lock its owner out."""
    WalletStore.open(store.path, passphrase).close()


def change_passphrase(store: WalletStore, new: str) -> PassphraseChanged:
    """Re-key the whole file (WalletError for a file that is not encrypted; WalletBusy while
    another app has it open)."""
    store.change_passphrase(new)
    return PassphraseChanged(Path(store.path))
