"""The demo wallet: sample credentials signed by a demo issuer, for trying the app safely.

The demo issuer's key ships in resources/demo/; nothing it signed is a real achievement, and the
app says so wherever the demo wallet is open.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from wallet import paths
from wallet.actions import stacks as stack_actions
from wallet.actions import trust as trust_actions
from wallet.importer import ItemResult, import_sources
from wallet.store import WalletStore

DEMO_PASSPHRASE = "demo"  # the demo wallet holds nothing secret


def demo_credential_files() -> list[Path]:
    folder = paths.resources() / "demo" / "credentials"
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def demo_issuer() -> tuple[str, str]:
    """(did, name) of the demo issuer, from the key file shipped in resources/demo/."""
    data = json.loads((paths.resources() / "demo" / "issuer-key.json").read_text("utf-8"))
    return data["ed25519"]["did"], data["issuer"]["name"]


def fill(store: WalletStore) -> list[ItemResult]:
    """Import every demo credential into `store`, and trust the demo issuer *in this wallet*.

    Trusting it here lets the demo show every verdict (verified, expired, revoked); a real
    wallet never trusts the demo key, whose private half is public.
    """
    did, name = demo_issuer()
    trust_actions.trust_issuer(store, did, name, source="demo")
    _add_learner_key(store)
    results = import_sources(store, [str(p) for p in demo_credential_files()])
    for cred in store.credentials.records().values():  # the demo issuer's OB 2.0 profile URL, too
        if cred.issuer.id and cred.issuer.name == name:
            trust_actions.trust_issuer(store, cred.issuer.id, name, source="demo")
    _seed_status_list(store)
    _verify_all(store)
    _add_stacks(store)
    return results


def _add_stacks(store: WalletStore) -> None:
    """The demo pathways (resources/demo/stacks/), which the demo credentials partly meet."""
    from wallet.stacks.load import load_stack

    for path in sorted((paths.resources() / "demo" / "stacks").glob("*.json")):
        stack_actions.keep_stack(store, load_stack(path.read_bytes()), source="demo")


def _add_learner_key(store: WalletStore) -> None:
    """The demo credentials are issued to the demo learner's did:key; the demo wallet holds
    that (public, demo-only) key, so its presentations bind to the credentials' subject."""
    from wallet.proofs.keys import private_key_from_multibase

    data = json.loads((paths.resources() / "demo" / "issuer-key.json").read_text("utf-8"))
    learner = data["learner"]
    key = private_key_from_multibase(learner["secretKeyMultibase"])
    store.keys.add(key, f"{learner['name']} (DEMO key)")


def _seed_status_list(store: WalletStore) -> None:
    """The demo issuer 'publishes' its status list in resources/demo/: the demo wallet starts
    with it cached, as if fetched when the wallet was made, so revocation shows offline."""
    from wallet.verify.context import STATUS_LIST, iso

    data = (paths.resources() / "demo" / "status-list.json").read_bytes()
    url = json.loads(data)["id"]
    store.checks.cache_put(STATUS_LIST, url, data, iso(dt.datetime.now(dt.UTC)))


def _verify_all(store: WalletStore) -> None:
    """Check every demo credential once, so the window opens with their verdicts shown."""
    from wallet.verify.verifier import context_for_store, verify_stored

    ctx = context_for_store(store)
    for summary in store.credentials.summaries():
        verify_stored(store, summary.id, ctx)


def fresh_demo_wallet(path: Path | None = None) -> Path:
    """(Re)create the demo wallet so it always shows the current demo set."""
    target = path or paths.demo_wallet()
    for suffix in ("", "-wal", "-shm", "-journal", ".lock"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    with WalletStore.create(target, DEMO_PASSPHRASE) as store:
        store.settings.set("demo", "1")
        fill(store)
    return target
