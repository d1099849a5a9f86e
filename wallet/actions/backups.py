"""Backing the wallet up and restoring a backup into it: the CLI's `backup` and `restore` and
the window's File → Back Up Wallet… and File → Restore from Backup… (wallet.backup does the
file format and the merge)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from wallet.actions.changes import NOTHING, Changes
from wallet.actions.verifying import check_again
from wallet.backup import RestoreSummary
from wallet.store import WalletStore

if TYPE_CHECKING:
    from wallet.actions.trust import TrustChanged
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

    # The wallet's own credentials of the issuers the restore trusted or whose registries it
    # subscribed to (the learner said yes): judged differently now, so checked again.
    rechecked: Changes = NOTHING

    @property
    def changes(self) -> Changes:
        return Changes(added=tuple(self.new_ids), everything=True).merge(self.rechecked)


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

    before = _known_issuers(store)
    if isinstance(backup, str | Path):
        if passphrase is None:
            raise TypeError("a backup file needs its passphrase")
        if not callable(accept_trust):  # the window's restore (the offer comes after the
            # summary), or the yes given beforehand
            summary = backup_file.restore(
                store, Path(backup), passphrase, accept_trust=bool(accept_trust)
            )
            return _checked_again(store, summary, before)
        backup = backup_file.read_checked(Path(backup), passphrase)
    accept = accept_trust
    if callable(accept_trust):
        offered = backup_file.trust_offer(store, backup)
        accept = bool(offered) and accept_trust(offered)
    summary = backup_file.restore_checked(store, backup, accept_trust=bool(accept))
    return _checked_again(store, summary, before)


def _known_issuers(store: WalletStore) -> tuple[set[str], set[str]]:
    """The issuers the wallet trusts and the registries it subscribes to, before a restore."""
    return set(store.trust.issuers()), {r.url for r in store.registries.all()}


def _checked_again(
    store: WalletStore, summary: RestoreSummary, before: tuple[set[str], set[str]]
) -> Restored:
    """The summary, with the wallet's own credentials of every issuer the restore trusted or
    whose registry it subscribed to checked again (the added ones were checked already): they
    would keep their "not on your trust list" verdicts until the learner asked otherwise."""
    trusted, subscribed = before
    issuers = [i for i in store.trust.issuers() if i not in trusted]
    for registry in store.registries.all():
        if registry.url not in subscribed:
            issuers += store.registries.issuer_ids(registry.url)
    if not issuers:
        return Restored(**vars(summary))
    added = set(summary.new_ids)
    ids = tuple(i for i in store.credentials.issued_by(issuers) if i not in added)
    return Restored(
        **vars(summary), rechecked=check_again(store, Changes(updated=ids, trust_changed=True))
    )


def trust_offered(store: WalletStore, offered: Offered) -> TrustChanged:
    """The learner's yes to a restored backup's trusted issuers, given after the restore (the
    window asks then): trust them, and check their credentials again at once."""
    from wallet.actions.trust import trust_issuers

    trusted = trust_issuers(store, offered, source="backup")
    return replace(trusted, changes=check_again(store, trusted.changes))
