"""The OpenID4VCI issuer the receive tests talk to: the OpenWallet Foundation's oid4vc-ts
library behind our small harness (peer/issuers/oid4vci-issuer.mjs), on 127.0.0.1.

npm installs it in a setup step (`npm ci --prefix peer/issuers`, run by scripts/setup.sh),
never inside pytest. Without Node or its packages these tests FAIL with that command in the
message: a missing counterpart must not pass silently as "skipped".
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.receive.support import PASSPHRASE, ROOT, Harness, node_harness, run_cli
from wallet import cli
from wallet.store import WalletStore

ISSUERS = ROOT / "peer" / "issuers"
SETUP_HINT = "run `npm ci --prefix peer/issuers` (Node 20+), or scripts/setup.sh test"


class IssuerServer(Harness):
    """The running harness: make offers, read what the wallet asked for."""

    def offer(
        self,
        *,
        issuer: str = "university",
        by: str = "value",
        tx_code: str | None = None,
        reject_nonce_once: bool = False,
        bind_to_other_key: bool = False,
        configurations: list[str] | None = None,
        **options: Any,
    ) -> dict[str, Any]:
        """A fresh offer: {offer (the link), id, issuer_did, credential_issuer}. `options`:
        the harness's other offer options (grant, signed_by, expired, deferred, ...)."""
        return dict(
            self._call(
                "/test/offers",
                {
                    "issuer": issuer,
                    "by": by,
                    "tx_code": tx_code,
                    "reject_nonce_once": reject_nonce_once,
                    "bind_to_other_key": bind_to_other_key,
                    "configurations": configurations or ["degree_jwt"],
                    **options,
                },
            )
        )

    def set_deferred(self, offer_id: str, state: str) -> None:
        """How the deferred endpoint answers for this offer: pending, ready or broken."""
        self._call(f"/test/offers/{offer_id}/deferred", {"state": state})

    def seen(self, offer_id: str) -> dict[str, Any]:
        """What the wallet did with one offer: fetches, token and credential requests."""
        return dict(self._call(f"/test/offers/{offer_id}"))


@pytest.fixture(scope="session")
def issuer_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IssuerServer]:
    with node_harness(
        ISSUERS / "oid4vci-issuer.mjs",
        "@openid4vc/openid4vci",
        name="the OpenID4VCI issuer",
        setup=SETUP_HINT,
        errors=tmp_path_factory.mktemp("issuer") / "stderr.txt",
    ) as port:
        yield IssuerServer(port)


@pytest.fixture
def wallet(tmp_path: Path) -> Iterator[WalletStore]:
    """An empty encrypted wallet, open for the use cases."""
    store = WalletStore.create(tmp_path / "wallet.db", PASSPHRASE)
    yield store
    store.close()


@pytest.fixture
def cli_wallet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty wallet file for the command line (its passphrase in the environment)."""
    monkeypatch.setenv(cli.PASSPHRASE_ENV, PASSPHRASE)
    path = tmp_path / "cli-wallet.db"
    code, _ = run_cli(path, "init")
    assert code == cli.EXIT_OK
    return path
