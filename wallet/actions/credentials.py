"""Deleting credentials (with everything of theirs), and undoing a delete."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from wallet.actions.changes import Changes
from wallet.store import WalletStore
from wallet.store.credentials import Removed


@dataclass(frozen=True)
class Deleted:
    """The full ids of the credentials gone: those asked for and what they bundled (parents
    first), their titles, and what `undo_delete` needs to put them back (in memory only)."""

    removed: tuple[str, ...] = ()
    titles: tuple[str, ...] = field(default=(), compare=False)  # of `removed`, in its order
    kept: Removed | None = field(default=None, compare=False, repr=False)

    @property
    def changes(self) -> Changes:
        return Changes(removed=self.removed)


@dataclass(frozen=True)
class Undeleted:
    """The credentials a delete took, back in the wallet (parents first)."""

    restored: tuple[str, ...] = ()

    @property
    def changes(self) -> Changes:
        return Changes(added=self.restored)


def delete_credentials(store: WalletStore, ids: Iterable[str]) -> Deleted:
    """Delete each credential (an id or a unique prefix; NotFound otherwise, before anything
    is deleted) with what it bundles, its tags, collection memberships, stored report and
    search entry, in one transaction."""
    kept = store.credentials.delete_many(ids)
    title_at = kept.columns.index("title")
    return Deleted(
        removed=kept.ids,
        titles=tuple(str(r[title_at]) for r in kept.rows),
        kept=kept,
    )


def undo_delete(store: WalletStore, deleted: Deleted) -> Undeleted:
    """Put back exactly what `delete_credentials` took (same ids, bytes, tags, collections,
    reports), in one transaction; what the wallet holds again meanwhile is left as it is."""
    if deleted.kept is None:
        return Undeleted()
    return Undeleted(restored=tuple(store.credentials.put_back(deleted.kept)))
