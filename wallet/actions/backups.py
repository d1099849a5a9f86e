"""Backing the wallet up and restoring a backup into it: the CLI's `backup` and `restore` and
the window's File → Back Up Wallet… and File → Restore from Backup… (wallet.backup does the
file format and the merge)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from wallet.actions.changes import NOTHING, Changes
from wallet.backup import RestoreSummary
from wallet.store import WalletStore

if TYPE_CHECKING:
    from wallet.store.transfer import CheckedDocument

Offered = list[tuple[str, str | None]]  # (issuer id, name) a backup trusts and the wallet not


@dataclass(frozen=True)
class BackedUp:
    """The backup file written and how many credentials it holds."""

    path: Path
    count: int

    @property
    def changes(self) -> Changes:
        return NOTHING  # the wallet itself is as it was


@dataclass
class Restored(RestoreSummary):
    """What a restore did (wallet.backup's summary). A backup brings credentials, tags,
    collections, stacks, settings and trust at once: a front end reads everything again."""

    @property
    def changes(self) -> Changes:
        return Changes(added=tuple(self.new_ids), everything=True)


def back_up(store: WalletStore, out: Path, passphrase: str, **cost: int) -> BackedUp:
    """Write the whole wallet into the encrypted backup `out` (never over an existing file:
    BackupError). `cost` is scrypt's (tests make it cheap)."""
    from wallet.backup import write_backup

    count = write_backup(store, Path(out), passphrase, **cost)
    return BackedUp(Path(out), count)


def read_backup(path: Path, passphrase: str) -> CheckedDocument:
    """Open and check a backup file before anything is written (wrong passphrase, damage:
    BackupError), so a front end can ask about its trust list first."""
    from wallet.backup import read_checked

    return read_checked(Path(path), passphrase)


def restore_backup(
    store: WalletStore,
    backup: Path | CheckedDocument,
    passphrase: str | None = None,
    *,
    accept_trust: bool | Callable[[Offered], bool] = False,
) -> Restored:
    """Merge a backup (a file, with its passphrase, or what `read_backup` read) into the
    wallet: all of it or nothing; then verify what was added offline. The backup's trusted
    issuers the wallet does not trust yet are added only when `accept_trust` is true, or
    returns true when asked with them; otherwise the summary lists them."""
    from wallet import backup as backup_file

    if isinstance(backup, str | Path):
        if passphrase is None:
            raise TypeError("a backup file needs its passphrase")
        if accept_trust is False:  # the window's restore: the offer comes after the summary
            return Restored(**vars(backup_file.restore(store, Path(backup), passphrase)))
        if accept_trust is True:
            summary = backup_file.restore(store, Path(backup), passphrase, accept_trust=True)
            return Restored(**vars(summary))
        backup = backup_file.read_checked(Path(backup), passphrase)
    accept = accept_trust
    if callable(accept_trust):
        offered = backup_file.trust_offer(store, backup)
        accept = bool(offered) and accept_trust(offered)
    return Restored(**vars(backup_file.restore_checked(store, backup, accept_trust=bool(accept))))
