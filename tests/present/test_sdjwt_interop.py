"""SD-JWT presentations against an independent implementation: the OpenWallet Foundation's
reference package `sd-jwt` (module `sd_jwt`, on jwcrypto), in both directions.

Our presentations (selected disclosures + KB-JWT) verify in the reference verifier, which
outputs only the claims we disclosed; presentations the reference holder makes from
credentials the reference issuer made (nested and array disclosures, decoys) verify in ours.

One limit of the reference package: `SDJWTVerifier` checks a KB-JWT only with ES256 (its
default algorithm; the method that checks it takes `sign_alg`, but the constructor never
passes one). The wallet's own holder keys are Ed25519, so for those the KB-JWT is checked by
a subclass that passes `sign_alg="EdDSA"` to that same reference method; with a P-256 holder
key the reference verifier is used unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from jwcrypto.jwk import JWK
from jwcrypto.jws import InvalidJWSSignature
from sd_jwt.common import SDObj
from sd_jwt.holder import SDJWTHolder
from sd_jwt.issuer import SDJWTIssuer
from sd_jwt.verifier import SDJWTVerifier

from wallet import formats
from wallet.present.disclosure import build_presentation
from wallet.present.presentation import make_sd_jwt_presentation
from wallet.proofs import jose, keys
from wallet.store import WalletStore
from wallet.verify.context import VerifyContext
from wallet.verify.jose_proofs import verify_sd_jwt
from wallet.verify.report import FAIL, HOLDER, PASS, PROOF

AUD = "https://employer.example"
NONCE = "interop-nonce-5521"
VCT = "https://institute.example/credentials/first-aid"
PRIVATE = {
    "birthdate": "1999-12-31",
    "email": "tama.learner@example.org",
    "street": "12 Kōwhai Street",
    "nz": "NZ-citizen",
}


def _jwk(private_key: Any) -> JWK:
    return JWK.from_pyca(private_key)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class _EdDsaKbVerifier(SDJWTVerifier):
    """The reference verifier, checking KB-JWTs with EdDSA instead of its fixed ES256."""

    def _verify_key_binding_jwt(
        self,
        expected_aud: str | None = None,
        expected_nonce: str | None = None,
        sign_alg: str | None = None,
    ) -> None:
        super()._verify_key_binding_jwt(expected_aud, expected_nonce, sign_alg="EdDSA")


def _reference_verify(
    text: str,
    issuer: Any,
    *,
    aud: str | None = AUD,
    nonce: str | None = NONCE,
    eddsa_kb: bool = False,
) -> dict[str, Any]:
    """The claims the reference verifier accepts (raises when anything fails)."""
    public = _jwk(issuer.public_key())
    cls = _EdDsaKbVerifier if eddsa_kb else SDJWTVerifier
    verifier = cls(text, lambda iss, header: public, expected_aud=aud, expected_nonce=nonce)
    return verifier.get_verified_payload()


def _our_issue(issuer: Any, holder: Any) -> str:
    claims = {
        "iss": keys.did_key_from_public_key(issuer.public_key()),
        "iat": 1785000000,
        "vct": VCT,
        "cnf": {"jwk": keys.public_key_to_jwk(holder.public_key())},
        "given_name": "Tama",
        "birthdate": PRIVATE["birthdate"],
        "email": PRIVATE["email"],
        "course": "First Aid Level 2",
    }
    return jose.issue_sd_jwt(
        claims,
        ["given_name", "birthdate", "email", "course"],
        issuer,
        header={"kid": keys.did_key_verification_method(issuer.public_key())},
    )


def _reference_issue(issuer: Any, holder: Any, alg: str) -> str:
    """Nested object and array-element disclosures, with decoy digests."""
    vm = keys.did_key_verification_method(issuer.public_key())
    claims = {
        "iss": keys.did_key_from_public_key(issuer.public_key()),
        "iat": 1785000000,
        "vct": VCT,
        SDObj("given_name"): "Tama",
        SDObj("birthdate"): PRIVATE["birthdate"],
        SDObj("address"): {
            SDObj("street_address"): PRIVATE["street"],
            "country": "NZ",
            SDObj("locality"): "Ōtaki",
        },
        "nationalities": [SDObj("NZ-permanent"), SDObj(PRIVATE["nz"])],
    }
    issuer_out = SDJWTIssuer(
        claims,
        _jwk(issuer),
        holder_key=_jwk(holder.public_key()),
        sign_alg=alg,
        add_decoy_claims=True,
        extra_header_parameters={"typ": "dc+sd-jwt", "kid": vm},
    )
    return issuer_out.sd_jwt_issuance


def _hidden_everywhere(text: str, disclosed: dict[str, Any], secrets: list[str]) -> None:
    shown = json.dumps(disclosed, ensure_ascii=False)
    decoded = [
        json.dumps(jose.decode_disclosure(d), ensure_ascii=False)
        for d in jose.split_sd_jwt(text)[1]
    ]
    for secret in secrets:
        assert secret not in shown and secret not in text
        assert all(secret not in d for d in decoded), secret


def _ours(text: str, at: dt.datetime | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """Our verifier's checks (by id) and document."""
    out = verify_sd_jwt(text, VerifyContext(at=at or _now()), audience=AUD, nonce=NONCE)
    return {c.id: c for c in out.checks}, out.document


# ----- ours -> reference --------------------------------------------------------------------


def test_our_es256_presentation_verifies_in_the_reference_verifier() -> None:
    issuer = ec.generate_private_key(ec.SECP256R1())
    holder = ec.generate_private_key(ec.SECP256R1())
    text = make_sd_jwt_presentation(
        _our_issue(issuer, holder),
        ["given_name", "course"],
        holder,
        aud=AUD,
        nonce=NONCE,
        now=_now(),
    )
    claims = _reference_verify(text, issuer)
    assert claims["given_name"] == "Tama" and claims["course"] == "First Aid Level 2"
    assert claims["vct"] == VCT and "birthdate" not in claims and "email" not in claims
    _hidden_everywhere(text, claims, [PRIVATE["birthdate"], PRIVATE["email"]])
    with pytest.raises(ValueError, match="nonce"):  # a replay for another request
        _reference_verify(text, issuer, nonce="another-nonce")
    with pytest.raises(ValueError, match="audience"):
        _reference_verify(text, issuer, aud="https://someone-else.example")
    # a disclosure added afterwards breaks the KB-JWT's sd_hash in the reference verifier too
    issuer_jwt, chosen, kb = jose.split_sd_jwt(text)
    extra = [
        d
        for d in jose.split_sd_jwt(_our_issue(issuer, holder))[1]
        if "birthdate" in json.dumps(jose.decode_disclosure(d))
    ]
    assert len(extra) == 1
    with pytest.raises(ValueError, match="digest"):
        _reference_verify("~".join([issuer_jwt, *chosen, *extra, kb or ""]), issuer)


def test_wallet_holder_key_presentation_verifies_in_the_reference_verifier(tmp_path) -> None:
    """The real wallet path: a stored SD-JWT VC, the wallet's Ed25519 holder key, built by
    build_presentation."""
    issuer = Ed25519PrivateKey.generate()
    with WalletStore.create(tmp_path / "w.lwallet", "pw") as store:
        did = store.keys.create("Phone")
        holder = store.keys.private_key(did)
        cid = store.credentials.add(formats.parse(_our_issue(issuer, holder).encode()), "test")
        text = build_presentation(
            [(store.credentials.get(cid), ["birthdate"])], holder, did, challenge=NONCE, domain=AUD
        )
    assert isinstance(text, str)
    claims = _reference_verify(text, issuer, eddsa_kb=True)
    assert claims["birthdate"] == PRIVATE["birthdate"]
    assert not {"given_name", "email", "course"} & set(claims)
    _hidden_everywhere(text, claims, ["Tama", PRIVATE["email"], "First Aid Level 2"])
    with pytest.raises(InvalidJWSSignature):  # another issuer's key: refused
        _reference_verify(text, Ed25519PrivateKey.generate(), eddsa_kb=True)
    with pytest.raises(ValueError, match="nonce"):  # the KB-JWT really is checked
        _reference_verify(text, issuer, nonce="another-nonce", eddsa_kb=True)
    with pytest.raises(InvalidJWSSignature):  # the limit: unchanged, it tries only ES256
        _reference_verify(text, issuer)


def test_our_path_choice_on_a_reference_issued_credential_verifies_in_both() -> None:
    issuer = ec.generate_private_key(ec.SECP256R1())
    holder = ec.generate_private_key(ec.SECP256R1())
    issued = _reference_issue(issuer, holder, "ES256")
    text = make_sd_jwt_presentation(
        issued, ["address/locality", "nationalities/0"], holder, aud=AUD, nonce=NONCE, now=_now()
    )
    claims = _reference_verify(text, issuer)
    assert claims["address"] == {"country": "NZ", "locality": "Ōtaki"}
    assert claims["nationalities"] == ["NZ-permanent"]
    assert "given_name" not in claims and "birthdate" not in claims
    _hidden_everywhere(text, claims, [PRIVATE["street"], PRIVATE["birthdate"], PRIVATE["nz"]])
    checks, document = _ours(text)
    assert checks[PROOF].status == PASS and checks[HOLDER].status == PASS, checks
    assert {k: document[k] for k in ("address", "nationalities")} == {
        k: claims[k] for k in ("address", "nationalities")
    }
    assert "given_name" not in document and "birthdate" not in document


# ----- reference -> ours --------------------------------------------------------------------


@pytest.mark.parametrize("alg", ["ES256", "EdDSA"])
def test_reference_presentation_verifies_in_ours(alg) -> None:
    if alg == "ES256":
        issuer, holder = (ec.generate_private_key(ec.SECP256R1()) for _ in range(2))
    else:
        issuer, holder = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    issued = _reference_issue(issuer, holder, alg)
    wallet_record = formats.parse(issued.encode()).credential  # it imports as an SD-JWT VC
    assert wallet_record.subject_name == "Tama"
    presenter = SDJWTHolder(issued)
    presenter.create_presentation(
        {"given_name": True, "address": {"locality": True}, "nationalities": [False, True]},
        nonce=NONCE,
        aud=AUD,
        holder_key=_jwk(holder),
        sign_alg=alg,
    )
    text = presenter.sd_jwt_presentation
    checks, document = _ours(text)
    assert checks[PROOF].status == PASS and checks[HOLDER].status == PASS, checks
    assert document["given_name"] == "Tama"
    assert document["address"] == {"country": "NZ", "locality": "Ōtaki"}
    assert document["nationalities"] == [PRIVATE["nz"]]
    assert "birthdate" not in document
    # the same presentation answering another request, or signed by someone else, fails
    wrong = verify_sd_jwt(text, VerifyContext(at=_now()), audience=AUD, nonce="other")
    assert {c.id: c for c in wrong.checks}[HOLDER].status == FAIL
    thief = (
        ec.generate_private_key(ec.SECP256R1()) if alg == "ES256" else Ed25519PrivateKey.generate()
    )
    stolen = SDJWTHolder(issued)
    stolen.create_presentation(
        {"given_name": True}, nonce=NONCE, aud=AUD, holder_key=_jwk(thief), sign_alg=alg
    )
    assert _ours(stolen.sd_jwt_presentation)[0][HOLDER].status == FAIL
