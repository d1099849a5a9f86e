"""Key proofs the issuer asks for, batches and formats, against the real OpenID4VCI issuer
(oid4vc-ts behind peer/issuers/, on 127.0.0.1; its `strict` and `batcher` issuers).

What a learner would notice: an issuer that takes only ES256 proofs, or only did:jwk, still
issues to the wallet, bound to a holder key of the wallet's that the wallet can present with;
the Ed25519 default key stays the default; an issuer asking for an algorithm the wallet lacks
gets one plain sentence and nothing is sent; a batch issuer's credentials all arrive; JSON-LD
(ldp_vc) and `vc+sd-jwt` credentials arrive like any other.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.issuers import nzqf_microcredential
from tests.receive.conftest import IssuerServer
from tests.receive.support import yes
from wallet.actions.presenting import holder_key
from wallet.actions.receiving import receive
from wallet.importer import IMPORTED
from wallet.proofs import jose, keys, signing
from wallet.receive import ReceiveError, oid4vci
from wallet.store import WalletStore

RS256_REFUSAL = (
    "the issuer accepts key proofs for Statistics (RS256) only signed with RS256, which this "
    "wallet cannot make (it signs with EdDSA or ES256); nothing was sent"
)


def _subject(wallet: WalletStore, credential_id: str | None) -> str | None:
    assert credential_id is not None
    return wallet.credentials.get(credential_id).credential.subject_id


def test_an_es256_only_issuer_gets_a_proof_from_a_p256_holder_key(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(issuer="strict", configurations=["degree_es256"])
    result = receive(wallet, made["offer"], confirm=yes)
    assert [(r.status, r.verdict) for r in result] == [(IMPORTED, "warning")]
    subject = _subject(wallet, result.results[0].id)
    assert subject is not None and subject.startswith("did:key:zDn")  # a P-256 did:key
    assert isinstance(keys.public_key_from_did(subject), ec.EllipticCurvePublicKey)
    assert isinstance(wallet.keys.private_key(subject), ec.EllipticCurvePrivateKey)
    seen = issuer_server.seen(made["id"])
    assert seen["proof_algs"] == ["ES256"] and seen["proof_kids"][0].startswith(subject + "#")
    default = wallet.keys.default()
    assert default is not None and default.startswith("did:key:z6Mk")  # Ed25519 stays default
    listed = {k.did: k.label for k in wallet.keys.all()}
    assert listed[subject] == "My P-256 holder key (did:key)"


def test_the_p256_key_is_made_once_and_kept_for_the_next_es256_issuer(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    for _ in range(2):
        made = issuer_server.offer(issuer="strict", configurations=["degree_es256"])
        assert [r.status for r in receive(wallet, made["offer"], confirm=yes)] == [IMPORTED]
    assert len(wallet.keys.all()) == 2  # the Ed25519 default and one P-256 key


def test_a_did_jwk_only_issuer_binds_to_a_did_jwk_of_the_wallet(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(issuer="strict", configurations=["degree_did_jwk"])
    result = receive(wallet, made["offer"], confirm=yes)
    assert [(r.status, r.verdict) for r in result] == [(IMPORTED, "warning")]
    subject = _subject(wallet, result.results[0].id)
    assert subject is not None and subject.startswith("did:jwk:")
    assert subject in {k.did for k in wallet.keys.all()}
    assert issuer_server.seen(made["id"])["proof_kids"] == [f"{subject}#0"]
    # EdDSA is allowed there, so the new key is Ed25519, named as did:jwk
    assert isinstance(keys.public_key_from_did(subject), type(holder_key(wallet).key.public_key()))


def test_an_issuer_asking_only_for_rs256_is_refused_before_anything_is_sent(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(issuer="strict", configurations=["degree_rs256"])
    asked: list[object] = []

    def confirm(offered: object) -> bool:
        asked.append(offered)
        return True

    with pytest.raises(ReceiveError) as caught:
        receive(wallet, made["offer"], confirm=confirm)
    assert str(caught.value) == RS256_REFUSAL
    assert asked == []  # not even asked: there is nothing the learner could say yes to
    seen = issuer_server.seen(made["id"])
    assert seen["token_requests"] == 0 and seen["credential_requests"] == 0
    assert wallet.keys.all() == [] and wallet.credentials.summaries() == []


def test_beside_a_credential_the_wallet_can_take_the_rs256_one_is_a_failed_line(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(issuer="strict", configurations=["degree_es256", "degree_rs256"])
    result = receive(wallet, made["offer"], confirm=yes)
    assert [r.status for r in result] == [IMPORTED, "failed"]
    assert str(result.results[1].message) == RS256_REFUSAL
    assert issuer_server.seen(made["id"])["credential_requests"] == 1


def test_a_batch_issuer_gets_three_proofs_and_all_three_credentials_are_kept(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(issuer="batcher", configurations=["degree_jwt"])
    result = receive(wallet, made["offer"], confirm=yes)
    assert [r.status for r in result] == [IMPORTED] * 3
    seen = issuer_server.seen(made["id"])
    assert seen["credential_requests"] == 1 and seen["issued"] == 3
    assert len(seen["proof_kids"]) == 3
    holder = wallet.keys.default()
    assert len(wallet.credentials.summaries()) == 3
    assert {_subject(wallet, r.id) for r in result} == {holder}


def _signed_ldp(subject: str) -> tuple[dict[str, Any], str]:
    """A JSON-LD micro-credential for `subject`, signed (eddsa-rdfc-2022) by a fresh issuer
    did:key with the wallet's own signer; and that issuer's DID."""
    key = Ed25519PrivateKey.generate()
    did = keys.did_key_from_public_key(key.public_key())
    cred = nzqf_microcredential()
    cred["@context"] = [*cred["@context"], "https://www.w3.org/ns/credentials/undefined-terms/v2"]
    cred["issuer"] = {"id": did, "type": ["Profile"], "name": "Harbour Test University"}
    cred["credentialSubject"]["id"] = subject
    signed = signing.sign_data_integrity(
        cred, key, keys.did_key_verification_method(key.public_key())
    )
    return signed, did


def test_an_ldp_vc_arrives_as_the_json_object_the_issuer_sent(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    holder = holder_key(wallet).did
    signed, issuer_did = _signed_ldp(holder)
    made = issuer_server.offer(
        issuer="strict", configurations=["degree_ldp"], ldp_credential=signed
    )
    result = receive(wallet, made["offer"], confirm=yes)
    assert [(r.status, r.verdict) for r in result] == [(IMPORTED, "warning")]
    stored = wallet.credentials.get(result.results[0].id or "")
    assert json.loads(stored.original) == signed
    assert stored.credential.subject_id == holder
    assert stored.credential.issuer.id == issuer_did


def test_an_ldp_vc_for_another_holder_is_kept_out(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    stranger = keys.did_key_from_public_key(Ed25519PrivateKey.generate().public_key())
    signed, _ = _signed_ldp(stranger)
    made = issuer_server.offer(
        issuer="strict", configurations=["degree_ldp"], ldp_credential=signed
    )
    result = receive(wallet, made["offer"], confirm=yes)
    assert [(r.status, str(r.message)) for r in result] == [
        ("failed", "the issuer bound this credential to another key than the wallet's; not added")
    ]
    assert wallet.credentials.summaries() == []


def test_a_vc_sd_jwt_configuration_is_received_like_dc_sd_jwt(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(issuer="strict", configurations=["degree_vc_sd_jwt"])
    result = receive(wallet, made["offer"], confirm=yes)
    assert [(r.status, r.verdict) for r in result] == [(IMPORTED, "warning")]
    token = wallet.credentials.get(result.results[0].id or "").original.decode()
    _, claims = jose.decode_compact_json(token.split("~", 1)[0])
    holder = wallet.keys.default()
    assert holder is not None
    assert claims["cnf"]["jwk"] == keys.public_key_to_jwk(keys.public_key_from_did(holder))


def _config(**fields: Any) -> oid4vci.Configuration:
    return oid4vci.Configuration(
        id="degree", format="jwt_vc_json", name="Degree", proof_types=("jwt",), **fields
    )


def test_an_issuer_binding_only_to_key_forms_the_wallet_lacks_is_refused_in_one_sentence() -> None:
    with pytest.raises(ReceiveError) as caught:
        oid4vci.key_need(_config(binding_methods=("did:web", "x509_san_dns")))
    assert str(caught.value) == (
        "the issuer binds Degree only to did:web, x509_san_dns, which this wallet cannot use "
        "(it names its keys as did:key, did:jwk or jwk); nothing was sent"
    )
    # lacking both, the learner hears of the algorithm first (it is asked about first)
    with pytest.raises(ReceiveError, match="only signed with RS256"):
        oid4vci.key_need(_config(proof_algs=("RS256",), binding_methods=("did:web",)))
    # a bare "did" lets the wallet choose its DID method
    assert oid4vci.key_need(_config(binding_methods=("did",))).method == "did:key"
