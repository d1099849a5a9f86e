"""Backing the wallet up and restoring a backup into it: the CLI's `backup` and `restore` and
the window's File → Back Up Wallet… and File → Restore from Backup… (wallet.backup does the
file format and the merge).

What a backup would make trusted or known that the wallet lacks (its trusted issuers and its
issuer registry subscriptions: a `TrustOffer`) is added only with the learner's yes: the CLI
asks before writing (`restore_backup` with a question), the window after the summary
(`Restored.offer`, then `accept_offer`). A registry comes with the copy the backup carries,
and the day it was fetched: accepting fetches nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from wallet.actions.changes import NOTHING, Changes
from wallet.actions.verifying import check_again
from wallet.backup import RestoreSummary, TrustOffer
from wallet.store import Subscription, WalletStore

if TYPE_CHECKING:
    from wallet.store.transfer import CheckedDocument


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
    # What the backup would make trusted or known and was not added (no yes given yet): the
    # window asks about it after the summary, then calls `accept_offer`.
    offer: TrustOffer = field(default_factory=TrustOffer)

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
    accept_trust: bool | Callable[[TrustOffer], bool] = False,
) -> Restored:
    """Merge a backup (a file, with its passphrase, or what `read_backup` read) into the
    wallet: all of it or nothing; then verify what was added offline. What the backup would
    make trusted or known that the wallet lacks (its trusted issuers and its issuer registry
    subscriptions, one offer) is added only when `accept_trust` is true, or returns true when
    asked with that offer (it is asked only when there is one); otherwise the summary lists it
    and `Restored.offer` keeps it for a later yes (`accept_offer`)."""
    from wallet import backup as backup_file

    if isinstance(backup, str | Path):
        if passphrase is None:
            raise TypeError("a backup file needs its passphrase")
        backup = backup_file.read_checked(Path(backup), passphrase)
    offer = backup_file.trust_offer(store, backup)
    accept = bool(offer) and (accept_trust(offer) if callable(accept_trust) else bool(accept_trust))
    before = _known_issuers(store)
    summary = backup_file.restore_checked(store, backup, accept_trust=accept)
    return _checked_again(store, summary, before, TrustOffer() if accept else offer)


def _known_issuers(store: WalletStore) -> tuple[set[str], set[str]]:
    """The issuers the wallet trusts and the registries it subscribes to, before a restore."""
    return set(store.trust.issuers()), {r.url for r in store.registries.all()}


def _checked_again(
    store: WalletStore,
    summary: RestoreSummary,
    before: tuple[set[str], set[str]],
    offer: TrustOffer,
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
        return Restored(**vars(summary), offer=offer)
    added = set(summary.new_ids)
    ids = tuple(i for i in store.credentials.issued_by(issuers) if i not in added)
    return Restored(
        **vars(summary),
        rechecked=check_again(store, Changes(updated=ids, trust_changed=True)),
        offer=offer,
    )


@dataclass(frozen=True)
class OfferAccepted:
    """What a yes to a restored backup's offer added: the issuers now trusted, the registries
    now subscribed (with the backup's copy); `changes` covers their credentials, checked
    again."""

    trusted: tuple[str, ...] = ()
    subscribed: tuple[Subscription, ...] = ()
    changes: Changes = field(default=NOTHING, compare=False)


def accept_offer(store: WalletStore, offer: TrustOffer) -> OfferAccepted:
    """The learner's yes to a restored backup's offer, given after the restore (the window
    asks then): trust its issuers and subscribe to its registries with the copy the backup
    carries (nothing is fetched), in one transaction, then check the credentials of every
    issuer they make known again at once. What the wallet gained meanwhile (an issuer trusted,
    a registry subscribed in Settings) is kept as it is."""
    trusted = set(store.trust.issuers())
    subscribed = {r.url for r in store.registries.all()}
    issuers = [(iid, name) for iid, name in offer.issuers if iid not in trusted]
    registries = [r for r in offer.registries if r.url not in subscribed]
    if not issuers and not registries:
        return OfferAccepted()
    with store.transaction():
        for iid, name in issuers:
            store.trust.add(iid, name, source="backup")
        for registry in registries:
            store.registries.save(
                registry.url, registry.name, registry.entries, registry.fetched_at
            )
    known = [iid for iid, _name in issuers]
    known += [e.issuer_id for r in registries for e in r.entries]
    ids = tuple(store.credentials.issued_by(known))
    changes = (
        check_again(store, Changes(updated=ids, trust_changed=True))
        if ids
        else Changes(trust_changed=True)
    )
    return OfferAccepted(
        tuple(iid for iid, _name in issuers),
        tuple(s for r in registries if (s := store.registries.get(r.url)) is not None),
        changes,
    )
