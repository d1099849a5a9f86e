"""Deleting credentials for good (with what they bundle)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wallet.store import WalletStore


@dataclass(frozen=True)
class Deleted:
    """The full ids of the credentials gone: those asked for and what they bundled."""

    removed: tuple[str, ...] = ()


def delete_credentials(store: WalletStore, ids: Iterable[str]) -> Deleted:
    """Delete each credential (an id or a unique prefix; NotFound otherwise) and what it
    bundles."""
    before = [s.id for s in store.summaries()]
    for cid in ids:
        store.delete(cid)
    after = {s.id for s in store.summaries()}
    return Deleted(removed=tuple(cid for cid in before if cid not in after))
