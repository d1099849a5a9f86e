"""Trusting and distrusting issuers: the CLI's `trust` commands, the Settings dialog, the demo."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from wallet.actions.changes import NOTHING, Changes
from wallet.store import WalletStore


@dataclass(frozen=True)
class TrustChanged:
    """What a trust change did: the issuers written (new, or under a new name or source) and
    the issuers no longer trusted."""

    trusted: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    # Their credentials are judged differently now (the trust check, stacks): `updated`.
    changes: Changes = field(default=NOTHING, compare=False)


def _changed(store: WalletStore, trusted: list[str], removed: list[str]) -> TrustChanged:
    """The result, with the credentials of every issuer in it (looked up once)."""
    if not trusted and not removed:
        return TrustChanged()
    updated = tuple(store.credentials.issued_by([*trusted, *removed]))
    changes = Changes(updated=updated, trust_changed=True)
    return TrustChanged(tuple(trusted), tuple(removed), changes)


def trust_issuer(
    store: WalletStore, issuer_id: str, name: str | None = None, *, source: str = "user"
) -> TrustChanged:
    """Trust one issuer under `name` (a new name for one already trusted replaces the old)."""
    _trust(store, issuer_id, name, source)
    return _changed(store, [issuer_id], [])


def _trust(store: WalletStore, issuer_id: str, name: str | None, source: str) -> None:
    store.trust.add(issuer_id, name, source=source)


def trust_issuers(
    store: WalletStore, entries: Iterable[tuple[str, str | None]], *, source: str
) -> TrustChanged:
    """Trust every (issuer id, name), e.g. the entries of a trust list file."""
    trusted: list[str] = []
    for issuer_id, name in entries:
        _trust(store, issuer_id, name, source)
        trusted.append(issuer_id)
    return _changed(store, trusted, [])


def distrust_issuer(store: WalletStore, issuer_id: str) -> TrustChanged:
    """Stop trusting one issuer; `removed` is empty when it was not trusted."""
    if issuer_id not in store.trust.issuers():
        return TrustChanged()
    store.trust.remove(issuer_id)
    return _changed(store, [], [issuer_id])


def set_trusted(
    store: WalletStore, wanted: Mapping[str, str | None], *, source: str = "user"
) -> TrustChanged:
    """Make the trusted issuers exactly `wanted` (id -> name): distrust the ones not in it,
    trust the new ones and those under a new name; the others are left as they are."""
    before = store.trust.issuers()
    removed: list[str] = []
    for issuer_id in before:
        if issuer_id not in wanted:
            removed += distrust_issuer(store, issuer_id).removed
    trusted: list[str] = []
    for issuer_id, name in wanted.items():
        if issuer_id not in before or before[issuer_id] != name:
            trusted += trust_issuer(store, issuer_id, name, source=source).trusted
    return _changed(store, trusted, removed)
