"""Helpers of the export tests: a wallet set up like the demo one for re-imports, our own
signed credentials, and the external programs (headless Chromium, poppler-utils)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from issuers import nzqf_microcredential

from wallet import paths
from wallet.importer import import_sources
from wallet.proofs import keys, signing
from wallet.store import WalletStore
from wallet.verify.context import STATUS_LIST, iso
from wallet.verify.verifier import context_for_store, verify_stored

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--mute-audio",
]


def fresh_like(store: WalletStore, path: Path) -> WalletStore:
    """A new, empty wallet that trusts what `store` trusts and knows the demo status list,
    so the same credential gets the same verdict in both."""
    fresh = WalletStore.create(path, "fresh passphrase")
    for issuer_id, name in store.trust.issuers().items():
        fresh.trust.add(issuer_id, name)
    data = (paths.resources() / "demo" / "status-list.json").read_bytes()
    fresh.checks.cache_put(STATUS_LIST, json.loads(data)["id"], data, iso(dt.datetime.now(dt.UTC)))
    return fresh


def reimport(store: WalletStore, files: list[Path], path: Path) -> dict[str, str]:
    """Import `files` into a wallet like `store`; {new id: verdict checked offline there}."""
    fresh = fresh_like(store, path)
    try:
        results = import_sources(fresh, [str(f) for f in files])
        assert all(r.status == "imported" for r in results), [r.line() for r in results]
        ctx = context_for_store(fresh)
        return {r.id: verify_stored(fresh, r.id, ctx).verdict for r in results if r.id}
    finally:
        fresh.close()


def did_key_issuer() -> tuple[Ed25519PrivateKey, str]:
    key = Ed25519PrivateKey.generate()
    return key, keys.did_key_from_public_key(key.public_key())


def signed_ob3(name: str, *, image: str | None = None, key: Any = None) -> dict[str, Any]:
    """An OB 3.0 micro-credential from a did:key issuer (checkable offline), eddsa-rdfc-2022."""
    if key is None:
        key, _ = did_key_issuer()
    did = keys.did_key_from_public_key(key.public_key())
    cred = nzqf_microcredential()
    cred["@context"] = [*cred["@context"], "https://www.w3.org/ns/credentials/undefined-terms/v2"]
    cred["id"] = f"urn:uuid:{abs(hash((name, did))):032x}"[:45]
    cred["name"] = name
    cred["issuer"] = {"id": did, "type": ["Profile"], "name": "Kea Institute of Technology"}
    achievement = cred["credentialSubject"]["achievement"]
    achievement["name"] = name
    if image is None:
        del achievement["image"]
    else:
        achievement["image"] = {"id": image, "type": "Image"}
    return signing.sign_data_integrity(
        cred,
        key,
        keys.did_key_verification_method(key.public_key()),
        created="2025-03-14T00:00:00Z",
    )


def add_json(
    store: WalletStore, doc: dict[str, Any], folder: Path, name: str, *, indent: int | None = None
) -> str:
    """Import `doc` (as a file: compact, or indented with a final newline as editors save
    it) into `store`, check it, and return its id."""
    path = folder / name
    text = json.dumps(doc, indent=indent, ensure_ascii=False)
    path.write_text(text if indent is None else text + "\n", encoding="utf-8")
    [result] = import_sources(store, [str(path)])
    assert result.id is not None, result.line()
    verify_stored(store, result.id, context_for_store(store))
    return result.id


def program(*names: str, package: str) -> str:
    """The path of an external program, or a failure naming the Debian package to install."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(
        f"{' or '.join(names)} is not installed: install the Debian package "
        f"`{package}` (apt-get install {package}; scripts/setup.sh test does it)"
    )


def chromium(args: list[str], tmp_path: Path, *, timeout: float = 120) -> str:
    """Run headless Chromium with a fresh profile; its standard output."""
    binary = program("chromium", "chromium-browser", package="chromium")
    profile = tmp_path / "chromium-profile"
    done = subprocess.run(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout
