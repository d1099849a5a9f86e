"""Trusting and distrusting issuers: the CLI's `trust` commands, the Settings dialog, the demo."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from wallet.store import WalletStore


@dataclass(frozen=True)
class TrustChanged:
    """What a trust change did: the issuers written (new, or under a new name or source) and
    the issuers no longer trusted."""

    trusted: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def trust_issuer(
    store: WalletStore, issuer_id: str, name: str | None = None, *, source: str = "user"
) -> TrustChanged:
    """Trust one issuer under `name` (a new name for one already trusted replaces the old)."""
    store.trust_issuer(issuer_id, name, source=source)
    return TrustChanged(trusted=(issuer_id,))


def trust_issuers(
    store: WalletStore, entries: Iterable[tuple[str, str | None]], *, source: str
) -> TrustChanged:
    """Trust every (issuer id, name), e.g. the entries of a trust list file."""
    trusted: list[str] = []
    for issuer_id, name in entries:
        trusted += trust_issuer(store, issuer_id, name, source=source).trusted
    return TrustChanged(trusted=tuple(trusted))


def distrust_issuer(store: WalletStore, issuer_id: str) -> TrustChanged:
    """Stop trusting one issuer; `removed` is empty when it was not trusted."""
    if issuer_id not in store.trusted_issuers():
        return TrustChanged()
    store.distrust_issuer(issuer_id)
    return TrustChanged(removed=(issuer_id,))


def set_trusted(
    store: WalletStore, wanted: Mapping[str, str | None], *, source: str = "user"
) -> TrustChanged:
    """Make the trusted issuers exactly `wanted` (id -> name): distrust the ones not in it,
    trust the new ones and those under a new name; the others are left as they are."""
    before = store.trusted_issuers()
    removed: list[str] = []
    for issuer_id in before:
        if issuer_id not in wanted:
            removed += distrust_issuer(store, issuer_id).removed
    trusted: list[str] = []
    for issuer_id, name in wanted.items():
        if issuer_id not in before or before[issuer_id] != name:
            trusted += trust_issuer(store, issuer_id, name, source=source).trusted
    return TrustChanged(trusted=tuple(trusted), removed=tuple(removed))
