"""The demo wallet: sample credentials signed by a demo issuer, for trying the app safely.

The demo issuer's key ships in resources/demo/; nothing it signed is a real achievement, and the
app says so wherever the demo wallet is open.
"""

from __future__ import annotations

from pathlib import Path

from wallet import paths
from wallet.importer import ItemResult, import_sources
from wallet.store import WalletStore

DEMO_PASSPHRASE = "demo"  # the demo wallet holds nothing secret


def demo_credential_files() -> list[Path]:
    folder = paths.resources() / "demo" / "credentials"
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def fill(store: WalletStore) -> list[ItemResult]:
    """Import every demo credential into `store`."""
    return import_sources(store, [str(p) for p in demo_credential_files()])


def fresh_demo_wallet(path: Path | None = None) -> Path:
    """(Re)create the demo wallet so it always shows the current demo set."""
    target = path or paths.demo_wallet()
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    with WalletStore.create(target, DEMO_PASSPHRASE) as store:
        store.set_setting("demo", "1")
        fill(store)
    return target
