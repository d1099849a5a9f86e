"""Deleting credentials for good (with what they bundle)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wallet.actions.changes import Changes
from wallet.store import WalletStore


@dataclass(frozen=True)
class Deleted:
    """The full ids of the credentials gone: those asked for and what they bundled."""

    removed: tuple[str, ...] = ()

    @property
    def changes(self) -> Changes:
        return Changes(removed=self.removed)


def delete_credentials(store: WalletStore, ids: Iterable[str]) -> Deleted:
    """Delete each credential (an id or a unique prefix; NotFound otherwise) and what it
    bundles."""
    before = [s.id for s in store.credentials.summaries()]
    for cid in ids:
        store.credentials.delete(cid)
    after = {s.id for s in store.credentials.summaries()}
    return Deleted(removed=tuple(cid for cid in before if cid not in after))
