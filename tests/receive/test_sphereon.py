"""Receiving from a real OpenID4VCI Draft 15 issuer: Sphereon's oid4vci-issuer-server behind our
harness (peer/sphereon/issuer.mjs), on 127.0.0.1.

Issuers deployed with Sphereon's stack still speak Draft 15. What a learner would notice: the
credential arrives in the wallet with a verdict, its subject the wallet's own holder DID, by value
and by reference, with and without a transaction code; a wrong or reused code gives one plain
sentence and leaves the wallet as it was. The harness makes the checks the library leaves to a
deployment (the proof's signature, one use per pre-authorized code, Draft 15's single `proof`).

npm installs the issuer in a setup step (`npm ci --prefix peer/sphereon`, run by
scripts/setup.sh), never inside pytest. Without Node or its packages these tests FAIL with that
command in the message: a missing counterpart must not pass silently as "skipped".
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.receive.support import (
    PASSPHRASE,
    ROOT,
    Harness,
    holder_did,
    listed,
    node_harness,
    run_cli,
    shown,
)
from wallet import cli
from wallet.actions.receiving import receive
from wallet.importer import IMPORTED
from wallet.proofs import jose, keys
from wallet.receive import ReceiveError, oid4vci
from wallet.receive.offer import parse_offer_link
from wallet.sources import Answer
from wallet.store import WalletStore

SPHEREON = ROOT / "peer" / "sphereon"
SETUP_HINT = "run `npm ci --prefix peer/sphereon` (Node 20+), or scripts/setup.sh test"
ISSUER_NAME = "Riverbank Test Polytechnic"
TITLE = "Web Accessibility micro-credential"


class SphereonIssuer(Harness):
    """The running harness: make offers, read what the wallet asked for."""

    def offer(
        self, *, by: str = "value", tx_code: bool = False, configurations: list[str] | None = None
    ) -> dict[str, Any]:
        """A fresh offer: {offer (the link), id, tx_code (the library's), issuer_did, ...}."""
        return dict(
            self._call(
                "/test/offers",
                {"by": by, "tx_code": tx_code, "configurations": configurations or ["badge_jwt"]},
            )
        )

    def seen(self, offer_id: str) -> dict[str, Any]:
        """What the wallet did with one offer: fetches, token and credential requests."""
        return dict(self._call(f"/test/offers/{offer_id}"))


@pytest.fixture(scope="module")
def sphereon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphereonIssuer]:
    with node_harness(
        SPHEREON / "issuer.mjs",
        "@sphereon/oid4vci-issuer-server",
        name="the Draft 15 issuer",
        setup=SETUP_HINT,
        errors=tmp_path_factory.mktemp("sphereon") / "stderr.txt",
    ) as port:
        yield SphereonIssuer(port)


def assert_received_one(path: Path, made: dict[str, Any]) -> None:
    """One credential in the wallet, with a verdict, issued to the wallet's holder DID."""
    rows = listed(path)
    assert [(r["title"], r["verdict"]) for r in rows] == [(TITLE, "warning")]  # not trusted yet
    record = shown(path, rows[0]["id"])
    assert record["subject_id"] == holder_did(path)
    assert record["subject_id"].startswith("did:key:z6Mk")
    assert record["issuer"]["id"] == made["issuer_did"]


# --- the whole way through the command line ---------------------------------------------


def test_cli_receives_by_value_without_a_tx_code(
    sphereon: SphereonIssuer, cli_wallet: Path
) -> None:
    made = sphereon.offer()
    code, out = run_cli(cli_wallet, "receive", made["offer"], "--yes")
    assert code == cli.EXIT_OK, out
    assert f"Issuer: {ISSUER_NAME}, at 127.0.0.1" in out
    assert f"offers: {TITLE}" in out
    assert_received_one(cli_wallet, made)
    seen = sphereon.seen(made["id"])
    assert (seen["token_requests"], seen["issued"]) == (1, 1)
    assert seen["proof_members"] == ["proof"]  # Draft 15 without batch issuance: one proof


def test_cli_receives_by_value_with_a_tx_code(sphereon: SphereonIssuer, cli_wallet: Path) -> None:
    made = sphereon.offer(tx_code=True)
    assert len(made["tx_code"]) == 6
    code, out = run_cli(cli_wallet, "receive", made["offer"], "--tx-code", made["tx_code"], "--yes")
    assert code == cli.EXIT_OK, out
    assert_received_one(cli_wallet, made)


def test_cli_receives_by_reference_without_a_tx_code(
    sphereon: SphereonIssuer, cli_wallet: Path
) -> None:
    made = sphereon.offer(by="reference")
    assert "credential_offer_uri=" in made["offer"]
    code, out = run_cli(cli_wallet, "receive", made["offer"], "--yes")
    assert code == cli.EXIT_OK, out
    assert_received_one(cli_wallet, made)
    assert sphereon.seen(made["id"])["offer_fetches"] == 1


def test_cli_receives_by_reference_with_a_tx_code(
    sphereon: SphereonIssuer, cli_wallet: Path
) -> None:
    made = sphereon.offer(by="reference", tx_code=True)
    code, out = run_cli(cli_wallet, "receive", made["offer"], "--tx-code", made["tx_code"], "--yes")
    assert code == cli.EXIT_OK, out
    assert_received_one(cli_wallet, made)


def test_cli_wrong_tx_code_is_one_sentence_and_changes_nothing(
    sphereon: SphereonIssuer, cli_wallet: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = sphereon.offer(tx_code=True)
    wrong = "000000" if made["tx_code"] != "000000" else "111111"
    code, _ = run_cli(cli_wallet, "receive", made["offer"], "--tx-code", wrong, "--yes")
    assert code == cli.EXIT_ERROR
    assert capsys.readouterr().err.strip().splitlines() == [
        "learner-wallet: the issuer did not accept the transaction code, or the offer was "
        "already used or has expired; nothing was added"
    ]
    assert listed(cli_wallet) == []
    assert holder_did(cli_wallet) is None  # not even a holder key was made
    assert sphereon.seen(made["id"])["credential_requests"] == 0
    # The right code still works afterwards: a typing mistake does not use the offer up.
    code, out = run_cli(cli_wallet, "receive", made["offer"], "--tx-code", made["tx_code"], "--yes")
    assert code == cli.EXIT_OK, out
    assert_received_one(cli_wallet, made)


def test_cli_replayed_offer_is_refused_and_the_wallet_keeps_what_it_had(
    sphereon: SphereonIssuer, cli_wallet: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = sphereon.offer()
    assert run_cli(cli_wallet, "receive", made["offer"], "--yes")[0] == cli.EXIT_OK
    before = listed(cli_wallet)
    capsys.readouterr()
    code, _ = run_cli(cli_wallet, "receive", made["offer"], "--yes")
    assert code == cli.EXIT_ERROR
    assert capsys.readouterr().err.strip().splitlines() == [
        "learner-wallet: the issuer says this offer was already used or has expired; "
        "nothing was added"
    ]
    assert listed(cli_wallet) == before
    seen = sphereon.seen(made["id"])
    assert (seen["token_requests"], seen["credential_requests"], seen["issued"]) == (2, 1, 1)


# --- the use case -------------------------------------------------------------------------


def test_sd_jwt_credential_is_bound_to_the_holder_key_by_cnf(
    sphereon: SphereonIssuer, tmp_path: Path
) -> None:
    made = sphereon.offer(configurations=["badge_jwt", "badge_sd_jwt"])
    with WalletStore.create(tmp_path / "w.db", PASSPHRASE) as wallet:
        result = receive(wallet, made["offer"], confirm=lambda offered: True)
        assert [(r.status, r.verdict) for r in result] == [(IMPORTED, "warning")] * 2
        holder = wallet.keys.default()
        assert holder is not None
        sd_id = next(r.id for r in result if r.source.endswith("(SD-JWT)"))
        assert sd_id is not None
        token = wallet.credentials.get(sd_id).original.decode()  # the bytes as the issuer sent
        _, claims = jose.decode_compact_json(token.split("~", 1)[0])
        assert claims["cnf"]["jwk"] == keys.public_key_to_jwk(keys.public_key_from_did(holder))
    assert sphereon.seen(made["id"])["proof_members"] == ["proof", "proof"]


def test_the_issuer_refuses_a_proof_not_signed_by_the_key_it_names(
    sphereon: SphereonIssuer,
) -> None:
    """The counterpart is only worth testing against if it checks key proofs (the library
    leaves the signature to the harness): a proof naming one DID but signed by another key
    gets no credential."""
    made = sphereon.offer()
    offer = parse_offer_link(made["offer"]).offer
    assert offer is not None
    issuer = oid4vci.issuer_metadata(offer)
    token = oid4vci.request_token(issuer, offer, None)
    named = Ed25519PrivateKey.generate()
    impostor = keys.Holder(
        Ed25519PrivateKey.generate(), keys.did_key_from_public_key(named.public_key())
    )
    with pytest.raises(ReceiveError, match="refused the credential request"):
        oid4vci.request_credential(issuer, token, issuer.configurations["badge_jwt"], impostor)
    seen = sphereon.seen(made["id"])
    assert (seen["credential_requests"], seen["issued"]) == (1, 0)


# --- telling Draft 15 from 1.0 (no issuer needed) ---------------------------------------

DRAFT_15_CONFIG = {"format": "jwt_vc_json", "display": [{"name": "Badge"}]}
FINAL_CONFIG = {"format": "jwt_vc_json", "credential_metadata": {"display": [{"name": "Badge"}]}}


def _issuer_offering(
    monkeypatch: pytest.MonkeyPatch, config: dict[str, Any], extra: dict[str, Any]
) -> oid4vci.Issuer:
    """The metadata of an issuer offering one configuration `badge`, read from documents
    served by a stand-in for the network."""
    issuer_id = "https://issuer.example"
    documents = {
        f"{issuer_id}/.well-known/openid-credential-issuer": {
            "credential_issuer": issuer_id,
            "credential_endpoint": f"{issuer_id}/credential",
            "credential_configurations_supported": {"badge": config},
            **extra,
        },
        f"{issuer_id}/.well-known/oauth-authorization-server": {
            "issuer": issuer_id,
            "token_endpoint": f"{issuer_id}/token",
        },
    }
    monkeypatch.setattr(
        oid4vci, "fetch_url", lambda url, **_: json.dumps(documents[url]).encode("utf-8")
    )
    offer = parse_offer_link(
        json.dumps(
            {
                "credential_issuer": issuer_id,
                "credential_configuration_ids": ["badge"],
                "grants": {
                    "urn:ietf:params:oauth:grant-type:pre-authorized_code": {
                        "pre-authorized_code": "abc"
                    }
                },
            }
        )
    ).offer
    assert offer is not None
    return oid4vci.issuer_metadata(offer)


@pytest.mark.parametrize(
    ("extra", "config", "single"),
    [
        ({}, DRAFT_15_CONFIG, True),  # Draft 15, no batch issuance: one `proof`
        ({"batch_credential_issuance": {"batch_size": 5}}, DRAFT_15_CONFIG, False),
        ({}, FINAL_CONFIG, False),  # 1.0 knows only `proofs`
        ({}, {"format": "jwt_vc_json"}, False),  # no sign of a draft: 1.0
    ],
)
def test_the_proof_member_follows_the_issuers_version(
    monkeypatch: pytest.MonkeyPatch, extra: dict[str, Any], config: dict[str, Any], single: bool
) -> None:
    issuer = _issuer_offering(monkeypatch, config, extra)
    assert issuer.single_proof is single
    sent: list[dict[str, Any]] = []

    def post(url: str, **kwargs: Any) -> Answer:
        sent.append(kwargs["json_body"])
        body = json.dumps({"credentials": [{"credential": "x.y.z"}]}).encode()
        return Answer(200, "application/json", body)

    holder_key = Ed25519PrivateKey.generate()
    holder = keys.Holder(holder_key, keys.did_key_from_public_key(holder_key.public_key()))
    config_seen = oid4vci.Configuration("badge", "jwt_vc_json", proof_types=("jwt",))
    oid4vci.request_credential(
        issuer, oid4vci.Token("t"), config_seen, holder, post=post, nonce="n"
    )
    assert set(sent[0]) == {"credential_configuration_id", "proof" if single else "proofs"}


@pytest.mark.parametrize(
    ("nonce_endpoint", "token_nonce", "named_by"),
    [
        (False, "n", {"format", "credential_definition"}),  # Draft 13: the nonce came with it
        (False, None, {"credential_configuration_id"}),  # Draft 15 needing no nonce
        (True, "n", {"credential_configuration_id"}),  # Draft 15 has a nonce endpoint
    ],
)
def test_a_draft_13_issuer_is_asked_by_format_and_type(
    monkeypatch: pytest.MonkeyPatch,
    nonce_endpoint: bool,
    token_nonce: str | None,
    named_by: set[str],
) -> None:
    config = {
        **DRAFT_15_CONFIG,
        "credential_definition": {"type": ["VerifiableCredential", "Badge"], "x": "dropped"},
        "proof_types_supported": {"jwt": {"proof_signing_alg_values_supported": ["EdDSA"]}},
    }
    extra = {"nonce_endpoint": "https://issuer.example/nonce"} if nonce_endpoint else {}
    issuer = _issuer_offering(monkeypatch, config, extra)
    sent: list[dict[str, Any]] = []

    def post(url: str, **kwargs: Any) -> Answer:
        sent.append(kwargs["json_body"])
        body = json.dumps({"credential": "x.y.z"}).encode()
        return Answer(200, "application/json", body)

    holder_key = Ed25519PrivateKey.generate()
    holder = keys.Holder(holder_key, keys.did_key_from_public_key(holder_key.public_key()))
    token = oid4vci.Token("t", c_nonce=token_nonce)
    oid4vci.request_credential(
        issuer, token, issuer.configurations["badge"], holder, post=post, nonce="n"
    )
    assert set(sent[0]) - {"proof"} == named_by
    if "format" in named_by:
        assert sent[0]["format"] == "jwt_vc_json"
        assert sent[0]["credential_definition"] == {"type": ["VerifiableCredential", "Badge"]}
