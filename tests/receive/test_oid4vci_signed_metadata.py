"""Signed issuer metadata (OpenID4VCI 1.0 section 12.2.2), against the `signer` and `forger`
issuers of peer/issuers/ on 127.0.0.1: oid4vc-ts makes the signed JWT.

What a learner would notice: an issuer whose metadata is signed by a key on their trust list
shows as trusted before anything is sent, and the signed values are the ones shown and used;
metadata changed after signing stops the receive with one plain sentence, nothing sent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.receive.conftest import IssuerServer
from tests.receive.support import run_cli
from wallet.actions.receiving import Offered, receive
from wallet.importer import IMPORTED
from wallet.proofs import jose
from wallet.receive import ReceiveError, oid4vci
from wallet.receive.offer import parse_offer_link
from wallet.store import WalletStore


def test_signed_metadata_is_believed_and_its_signer_named(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(issuer="signer")
    asked: list[Offered] = []
    result = receive(wallet, made["offer"], confirm=lambda o: asked.append(o) or True)
    assert [r.status for r in result] == [IMPORTED]
    (offered,) = asked
    assert offered.name == "Harbour Signed University"  # the signed value, not the plain one
    assert offered.signed_by == made["issuer_did"]
    assert offered.trusted is False


def test_an_issuer_trusted_by_its_did_is_trusted_through_its_signed_metadata(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(issuer="signer")
    wallet.trust.add(made["issuer_did"])  # the trust list names issuers by DID
    asked: list[Offered] = []
    receive(wallet, made["offer"], confirm=lambda o: asked.append(o) or True)
    assert asked[0].trusted is True


def test_plain_metadata_names_no_signer(issuer_server: IssuerServer, wallet: WalletStore) -> None:
    made = issuer_server.offer()
    asked: list[Offered] = []
    receive(wallet, made["offer"], confirm=lambda o: asked.append(o) or True)
    assert asked[0].signed_by is None and asked[0].name == "Harbour Test University"


def test_metadata_changed_after_signing_stops_before_anything_is_sent(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(issuer="forger")
    asked: list[Offered] = []
    with pytest.raises(ReceiveError) as caught:
        receive(wallet, made["offer"], confirm=lambda o: asked.append(o) or True)
    assert str(caught.value) == (
        "the issuer's signed metadata does not match its signature; nothing was sent"
    )
    assert asked == []  # the learner was not even asked
    seen = issuer_server.seen(made["id"])
    assert seen["token_requests"] == 0 and seen["credential_requests"] == 0
    assert wallet.credentials.summaries() == []


OFFER = json.dumps(
    {
        "credential_issuer": "https://issuer.example",
        "credential_configuration_ids": ["badge"],
        "grants": {
            "urn:ietf:params:oauth:grant-type:pre-authorized_code": {"pre-authorized_code": "c"}
        },
    }
)


def _signed(payload: dict[str, object], header: dict[str, object]) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from wallet.proofs import keys

    key = Ed25519PrivateKey.generate()
    did = keys.did_key_from_public_key(key.public_key())
    head = {"alg": "EdDSA", "kid": f"{did}#{did.split(':')[-1]}", **header}
    return jose.sign_compact(head, json.dumps(payload).encode(), key).encode()


@pytest.mark.parametrize(
    ("payload", "header", "sentence"),
    [
        (  # signed for another issuer
            {
                "sub": "https://other.example",
                "iat": 1,
                "credential_issuer": "https://other.example",
            },
            {"typ": "openidvci-issuer-metadata+jwt"},
            "the issuer's signed metadata is for https://other.example, not "
            "https://issuer.example; nothing was sent",
        ),
        (  # not signed metadata at all (another kind of JWT)
            {"sub": "https://issuer.example", "iat": 1},
            {"typ": "JWT"},
            "the issuer's metadata is a JWT but not signed metadata; nothing was sent",
        ),
    ],
)
def test_signed_metadata_for_someone_else_is_refused(
    monkeypatch: pytest.MonkeyPatch,
    payload: dict[str, object],
    header: dict[str, object],
    sentence: str,
) -> None:
    monkeypatch.setattr(oid4vci, "fetch_url", lambda url, **_: _signed(payload, header))
    offer = parse_offer_link(OFFER).offer
    assert offer is not None
    with pytest.raises(ReceiveError) as caught:
        oid4vci.issuer_metadata(offer)
    assert str(caught.value) == sentence


def test_the_command_line_names_who_signed_the_metadata(
    issuer_server: IssuerServer, cli_wallet: Path
) -> None:
    made = issuer_server.offer(issuer="signer")
    code, out = run_cli(cli_wallet, "receive", made["offer"], "--yes")
    assert code == 0, out
    assert "Issuer: Harbour Signed University, at 127.0.0.1" in out
    assert f"its metadata is signed by {made['issuer_did']}" in out
