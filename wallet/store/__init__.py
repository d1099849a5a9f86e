"""Persistence only: the encrypted wallet file. Nothing else in the app touches SQL."""

from wallet.store.db import StoredCredential, Summary, WalletStore

__all__ = ["StoredCredential", "Summary", "WalletStore"]
