"""Persistence only: the encrypted wallet file. Nothing else in the app touches SQL.

`WalletStore` opens the file; what it holds is reached by concern (`store.credentials`,
`store.tags`, `store.stacks`, `store.trust`, `store.keys`, `store.checks`, `store.settings`,
`store.pending`, `store.shares`, `store.registries`), each returning the dataclasses below."""

from wallet.store.checks import CachedDocument, StoredReport
from wallet.store.credentials import (
    BADGE,
    BUNDLE,
    KINDS,
    MICRO_CREDENTIAL,
    ListSnapshot,
    LocalImage,
    StoredCredential,
    Summary,
    credential_kind,
)
from wallet.store.db import WalletStore
from wallet.store.keys import HolderKey
from wallet.store.pending import PendingIssuance, PendingSecrets
from wallet.store.registries import Listing, RegistryEntry, Subscription
from wallet.store.shares import Shared
from wallet.store.stacks import StoredStack
from wallet.store.tags import Collection

__all__ = [
    "BADGE",
    "BUNDLE",
    "KINDS",
    "MICRO_CREDENTIAL",
    "CachedDocument",
    "Collection",
    "HolderKey",
    "ListSnapshot",
    "Listing",
    "LocalImage",
    "PendingIssuance",
    "PendingSecrets",
    "RegistryEntry",
    "Shared",
    "StoredCredential",
    "StoredReport",
    "StoredStack",
    "Subscription",
    "Summary",
    "WalletStore",
    "credential_kind",
]
