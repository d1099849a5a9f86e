"""Persistence only: the encrypted wallet file. Nothing else in the app touches SQL."""

from wallet.store.db import (
    BADGE,
    BUNDLE,
    KINDS,
    MICRO_CREDENTIAL,
    Collection,
    ListSnapshot,
    StoredCredential,
    Summary,
    WalletStore,
    credential_kind,
)

__all__ = [
    "BADGE",
    "BUNDLE",
    "KINDS",
    "MICRO_CREDENTIAL",
    "Collection",
    "ListSnapshot",
    "StoredCredential",
    "Summary",
    "WalletStore",
    "credential_kind",
]
