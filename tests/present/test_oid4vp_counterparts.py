"""The two OpenID4VP verifiers the wallet's client will be tested against, checked as a wallet
meets them: each request kind parses, its request object names who asks and is signed by the
key its client identifier names (and the hostile modes are not), an honest presentation of
each format is accepted, and garbage, a replay and a declined request are reported as such.

Both run on 127.0.0.1 only (tests/present/oid4vp_support.py); nothing reaches the network.
The presentations here are made with the wallet's own signing code and, for direct_post.jwt,
encrypted with jwcrypto (the wallet's OpenID4VP client does not exist yet).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from jwcrypto import jwe, jwk

from tests.present import oid4vp_support as support
from wallet.present.presentation import make_sd_jwt_presentation, make_vp
from wallet.proofs import jose, keys, signing

VCT = "https://credentials.example/learner/first-aid"
VC_TYPE = "https://www.w3.org/2018/credentials#VerifiableCredential"
QUERY = "learner_credential"  # the harness's default DCQL credential query id


@pytest.fixture(scope="module")
def verifier(tmp_path_factory: pytest.TempPathFactory) -> Iterator[support.NodeVerifier]:
    with support.node_verifier(tmp_path_factory.mktemp("oid4vp-node")) as harness:
        yield harness


@pytest.fixture(scope="module")
def polaris_pki(tmp_path_factory: pytest.TempPathFactory) -> support.PolarisPki:
    return support.polaris_keygen(tmp_path_factory.mktemp("polaris") / "pki")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _verify_request_object(token: str, public_key: Any) -> dict[str, Any]:
    """The request object's claims, after checking its signature with `public_key`."""
    header, claims = jose.decode_compact_json(token)
    assert header["typ"] == "oauth-authz-req+jwt"
    assert jose.verify_compact(token, public_key), "the request object's signature is wrong"
    return dict(claims)


def _leaf(header: dict[str, Any]) -> x509.Certificate:
    return x509.load_der_x509_certificate(base64.b64decode(header["x5c"][0]))


# --- requests, as a wallet sees them -----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["ldp_vc", "jwt_vc_json", "dc+sd-jwt"])
def test_a_redirect_uri_request_comes_by_value_and_asks_for_the_format(
    verifier: support.NodeVerifier, fmt: str
) -> None:
    made = verifier.create(fmt, vct_values=[VCT], claims=[["credentialSubject", "name"]])
    params = support.request_parameters(made["url"])
    assert made["url"].startswith("openid4vp://?")
    assert params["client_id"] == f"redirect_uri:{made['response_uri']}"
    assert params["response_uri"] == made["response_uri"]
    assert params["response_mode"] == "direct_post" and params["response_type"] == "vp_token"
    assert params["nonce"] == made["nonce"] and params["state"] == made["state"]
    (query,) = params["dcql_query"]["credentials"]
    assert query["format"] == fmt and query["id"] == QUERY
    assert query["claims"] == [{"path": ["credentialSubject", "name"]}]
    if fmt == "dc+sd-jwt":
        assert query["meta"] == {"vct_values": [VCT]}
    else:
        assert query["meta"] == {"type_values": [[VC_TYPE]]}
    assert made["request_object"] is None and "request_uri" not in params


@pytest.mark.parametrize("by", ["reference", "value"])
def test_an_x509_san_dns_request_is_signed_by_the_leaf_its_ca_issued_for_localhost(
    verifier: support.NodeVerifier, by: str
) -> None:
    made = verifier.create(
        "ldp_vc", client_id_prefix="x509_san_dns", response_mode="direct_post.jwt", by=by
    )
    params = support.request_parameters(made["url"])
    assert params["client_id"] == "x509_san_dns:localhost"
    if by == "reference":
        assert params["request_uri"] == made["request_uri"]
        status, token = support.http_get(made["request_uri"].replace("localhost", "127.0.0.1"))
        assert status == 200 and token == made["request_object"]
        assert verifier.outcome(made["id"])["request_fetches"] == 1
    else:
        token = params["request"]
    header, _ = jose.decode_compact_json(token)
    leaf = _leaf(header)
    ca = x509.load_pem_x509_certificate(made["verifier"]["ca_pem"].encode())
    leaf.verify_directly_issued_by(ca)
    names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["localhost"]
    claims = _verify_request_object(token, leaf.public_key())
    assert claims["client_id"] == params["client_id"]
    assert claims["nonce"] == made["nonce"] and claims["state"] == made["state"]
    assert claims["response_uri"] == made["response_uri"]
    assert claims["response_uri"].startswith("http://localhost:")  # the SAN's host
    assert claims["response_mode"] == "direct_post.jwt"
    assert claims["dcql_query"]["credentials"][0]["format"] == "ldp_vc"
    (enc,) = claims["client_metadata"]["jwks"]["keys"]
    assert enc["kty"] == "EC" and enc["crv"] == "P-256" and enc["alg"] == "ECDH-ES"
    assert claims["client_metadata"]["encrypted_response_enc_values_supported"] == [
        "A128GCM",
        "A256GCM",
    ]


@pytest.mark.parametrize("method", ["jwk", "key"])
def test_a_decentralized_identifier_request_is_signed_by_the_did_s_key(
    verifier: support.NodeVerifier, method: str
) -> None:
    made = verifier.create(
        "jwt_vc_json", client_id_prefix="decentralized_identifier", did_method=method
    )
    params = support.request_parameters(made["url"])
    did = params["client_id"].removeprefix("decentralized_identifier:")
    assert did.startswith(f"did:{method}:")
    header, _ = jose.decode_compact_json(made["request_object"])
    assert header["kid"].split("#")[0] == did
    claims = _verify_request_object(made["request_object"], keys.public_key_from_did(did))
    assert claims["client_id"] == params["client_id"] and claims["nonce"] == made["nonce"]


@pytest.mark.parametrize("prefix", ["x509_san_dns", "decentralized_identifier"])
def test_wrong_key_mode_names_the_verifier_but_is_signed_by_a_stranger(
    verifier: support.NodeVerifier, prefix: str
) -> None:
    made = verifier.create("ldp_vc", client_id_prefix=prefix, mode="wrong_key")
    token = made["request_object"]
    header, claims = jose.decode_compact_json(token)
    if prefix == "x509_san_dns":
        named = _leaf(header).public_key()
    else:
        named = keys.public_key_from_did(header["kid"])
    assert claims["client_id"] == support.request_parameters(made["url"])["client_id"]
    assert not jose.verify_compact(token, named)


@pytest.mark.parametrize("prefix", ["x509_san_dns", "decentralized_identifier"])
def test_wrong_client_id_mode_hands_out_another_client_id_than_the_request_object_s(
    verifier: support.NodeVerifier, prefix: str
) -> None:
    made = verifier.create("ldp_vc", client_id_prefix=prefix, mode="wrong_client_id")
    _, claims = jose.decode_compact_json(made["request_object"])
    url_client_id = support.request_parameters(made["url"])["client_id"]
    assert url_client_id.startswith(f"{prefix}:") and url_client_id != claims["client_id"]


def test_a_redirect_uri_request_with_a_wrong_client_id_names_another_uri_than_it_answers_at(
    verifier: support.NodeVerifier,
) -> None:
    made = verifier.create("ldp_vc", mode="wrong_client_id")
    params = support.request_parameters(made["url"])
    assert params["client_id"] != f"redirect_uri:{params['response_uri']}"


# --- responses ----------------------------------------------------------------------------


def _p256_did() -> tuple[ec.EllipticCurvePrivateKey, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    return key, keys.did_jwk_from_public_key(key.public_key())


def _sd_jwt(issuer: ec.EllipticCurvePrivateKey, iss: str, holder: Any, vct: str) -> str:
    claims = {
        "iss": iss,
        "iat": int(_now().timestamp()) - 60,
        "vct": vct,
        "cnf": {"jwk": keys.public_key_to_jwk(holder.public_key())},
        "given_name": "Aroha",
        "family_name": "Ngata",
        "email": "aroha@example.org",
    }
    return jose.issue_sd_jwt(
        claims, ["given_name", "family_name", "email"], issuer, header={"kid": f"{iss}#0"}
    )


def _encrypt(body: dict[str, Any], enc_jwk: dict[str, Any]) -> str:
    """A direct_post.jwt response: ECDH-ES over P-256, A128GCM, to the request's key."""
    token = jwe.JWE(
        json.dumps(body).encode(),
        protected={"alg": "ECDH-ES", "enc": "A128GCM", "kid": enc_jwk["kid"]},
        recipient=jwk.JWK(**{k: enc_jwk[k] for k in ("kty", "crv", "x", "y")}),
    )
    return str(token.serialize(compact=True))


def _ldp_vp(holder: Ed25519PrivateKey, nonce: str, client_id: str) -> dict[str, Any]:
    """A VC 2.0 presentation (the wallet's make_vp) of a credential a did:key issuer signed."""
    issuer = Ed25519PrivateKey.generate()
    holder_did = keys.did_key_from_public_key(holder.public_key())
    yesterday = (_now() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    credential = signing.sign_data_integrity(
        {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential"],
            "issuer": keys.did_key_from_public_key(issuer.public_key()),
            "validFrom": yesterday,
            "credentialSubject": {"id": holder_did, "name": "Aroha Ngata"},
        },
        issuer,
        keys.did_key_verification_method(issuer.public_key()),
        created=yesterday,
    )
    return make_vp([credential], holder, holder_did, challenge=nonce, domain=client_id, now=_now())


def _vp_jwt(holder: Ed25519PrivateKey, nonce: str, client_id: str) -> str:
    """A VP-JWT (aud = client_id, nonce) holding a VC-JWT a did:jwk issuer signed."""
    issuer, iss = _p256_did()
    holder_did = keys.did_key_from_public_key(holder.public_key())
    now = int(_now().timestamp())
    vc = {
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "type": ["VerifiableCredential"],
        "credentialSubject": {"id": holder_did, "name": "Aroha Ngata"},
    }
    vc_jwt = jose.sign_compact(
        {"alg": "ES256", "typ": "JWT", "kid": f"{iss}#0"},
        json.dumps({"iss": iss, "sub": holder_did, "nbf": now - 60, "vc": vc}).encode(),
        issuer,
    )
    vp = {
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": [vc_jwt],
    }
    payload = {"iss": holder_did, "aud": client_id, "nonce": nonce, "iat": now, "vp": vp}
    kid = keys.did_key_verification_method(holder.public_key())
    return jose.sign_compact(
        {"alg": "EdDSA", "typ": "JWT", "kid": kid}, json.dumps(payload).encode(), holder
    )


def _presentation(fmt: str, made: dict[str, Any], reveal: tuple[str, ...] = ("given_name",)) -> Any:
    """An honest presentation of `fmt` for the request `made` (its nonce and client_id)."""
    holder = Ed25519PrivateKey.generate()
    if fmt == "ldp_vc":
        return _ldp_vp(holder, made["nonce"], made["request_object_client_id"])
    if fmt == "jwt_vc_json":
        return _vp_jwt(holder, made["nonce"], made["request_object_client_id"])
    issuer, iss = _p256_did()
    return make_sd_jwt_presentation(
        _sd_jwt(issuer, iss, holder, VCT),
        list(reveal),
        holder,
        aud=made["request_object_client_id"],
        nonce=made["nonce"],
        now=_now(),
    )


def _answer(made: dict[str, Any], presentation: Any) -> tuple[int, str]:
    """Post the presentation as the request asks: direct_post, or direct_post.jwt encrypted."""
    body = {"vp_token": {QUERY: [presentation]}, "state": made["state"]}
    url = made["response_uri"].replace("//localhost:", "//127.0.0.1:")
    if made["response_mode"] == "direct_post.jwt":
        enc = made["authorization_request"]["client_metadata"]["jwks"]["keys"][0]
        return support.http_post_form(url, {"response": _encrypt(body, enc)})
    return support.http_post_form(
        url, {"vp_token": json.dumps(body["vp_token"]), "state": made["state"]}
    )


HONEST = [  # each format over another prefix and response mode
    ("ldp_vc", "x509_san_dns", "direct_post.jwt", [["credentialSubject", "name"]]),
    ("jwt_vc_json", "decentralized_identifier", "direct_post", [["credentialSubject", "name"]]),
    ("dc+sd-jwt", "redirect_uri", "direct_post.jwt", ["given_name"]),
]


@pytest.mark.parametrize(("fmt", "prefix", "response_mode", "claims"), HONEST)
def test_an_honest_presentation_is_valid_once(
    verifier: support.NodeVerifier, fmt: str, prefix: str, response_mode: str, claims: list[Any]
) -> None:
    made = verifier.create(
        fmt,
        client_id_prefix=prefix,
        response_mode=response_mode,
        claims=claims,
        vct_values=[VCT],
    )
    shown = _presentation(fmt, made)
    status, _ = _answer(made, shown)
    outcome = verifier.outcome(made["id"])
    assert (status, outcome["status"], outcome["error"]) == (200, "valid", None)
    if fmt == "dc+sd-jwt":
        assert outcome["disclosed"] == ["given_name"]
        assert outcome["claims"]["given_name"] == "Aroha" and "email" not in outcome["claims"]
    else:
        assert outcome["holder"].startswith("did:key:")
    assert _answer(made, shown)[0] == 400  # the same answer again: a replay
    again = verifier.outcome(made["id"])
    assert again["status"] == "valid" and again["responses"][-1]["status"] == "invalid"
    assert "replay" in again["responses"][-1]["error"]


@pytest.mark.parametrize("fmt", ["ldp_vc", "jwt_vc_json", "dc+sd-jwt"])
def test_a_presentation_over_another_request_s_nonce_is_invalid(
    verifier: support.NodeVerifier, fmt: str
) -> None:
    asked = {"client_id_prefix": "decentralized_identifier", "vct_values": [VCT]}
    first = verifier.create(fmt, **asked)
    second = verifier.create(fmt, **asked)  # the same client_id: only the nonce differs
    assert first["client_id"] == second["client_id"]
    assert _answer(second, _presentation(fmt, first))[0] == 400
    outcome = verifier.outcome(second["id"])
    assert outcome["status"] == "invalid"
    assert "nonce" in outcome["error"].lower() or "challenge" in outcome["error"]  # ldp: challenge


def test_a_nonce_already_accepted_is_refused_in_a_later_request(
    verifier: support.NodeVerifier,
) -> None:
    asked = {"client_id_prefix": "decentralized_identifier", "vct_values": [VCT]}
    first = verifier.create("dc+sd-jwt", **asked)
    assert _answer(first, _presentation("dc+sd-jwt", first))[0] == 200
    replayed = verifier.create("dc+sd-jwt", nonce=first["nonce"], **asked)
    assert replayed["nonce"] == first["nonce"]
    assert _answer(replayed, _presentation("dc+sd-jwt", replayed))[0] == 400
    outcome = verifier.outcome(replayed["id"])
    assert outcome["status"] == "invalid" and "already been used" in outcome["error"]


def test_an_sd_jwt_presentation_disclosing_more_than_asked_is_invalid(
    verifier: support.NodeVerifier,
) -> None:
    made = verifier.create("dc+sd-jwt", vct_values=[VCT], claims=["given_name"])
    assert _answer(made, _presentation("dc+sd-jwt", made, ("given_name", "email")))[0] == 400
    outcome = verifier.outcome(made["id"])
    assert outcome["status"] == "invalid" and "email" in outcome["error"]


def test_an_unencrypted_answer_to_a_direct_post_jwt_request_is_invalid(
    verifier: support.NodeVerifier,
) -> None:
    made = verifier.create("ldp_vc", response_mode="direct_post.jwt")
    vp = _presentation("ldp_vc", made)
    form = {"vp_token": json.dumps({QUERY: [vp]}), "state": made["state"]}
    assert support.http_post_form(made["response_uri"], form)[0] == 400
    outcome = verifier.outcome(made["id"])
    assert outcome["status"] == "invalid" and "not encrypted" in outcome["error"]


@pytest.mark.parametrize("fmt", ["ldp_vc", "jwt_vc_json", "dc+sd-jwt"])
def test_garbage_is_invalid(verifier: support.NodeVerifier, fmt: str) -> None:
    made = verifier.create(fmt, vct_values=[VCT])
    garbage = {"vp_token": json.dumps({QUERY: ["not.a.presentation"]}), "state": made["state"]}
    status, body = support.http_post_form(made["response_uri"], garbage)
    outcome = verifier.outcome(made["id"])
    assert status == 400 and json.loads(body)["error"] == "invalid_request"
    assert outcome["status"] == "invalid" and outcome["error"]


@pytest.mark.parametrize("response_mode", ["direct_post", "direct_post.jwt"])
def test_an_error_response_is_a_declined_request(
    verifier: support.NodeVerifier, response_mode: str
) -> None:
    made = verifier.create("ldp_vc", response_mode=response_mode)
    answer = {"error": "access_denied", "state": made["state"]}
    if response_mode == "direct_post.jwt":
        enc = made["authorization_request"]["client_metadata"]["jwks"]["keys"][0]
        answer = {"response": _encrypt(answer, enc)}
    assert support.http_post_form(made["response_uri"], answer)[0] == 200
    outcome = verifier.outcome(made["id"])
    assert (outcome["status"], outcome["error"]) == ("declined", "access_denied")


# --- polaris-oid4vp ---------------------------------------------------------------------------


def test_polaris_signs_its_request_with_the_leaf_its_x509_hash_client_id_names(
    tmp_path: Path, polaris_pki: support.PolarisPki
) -> None:
    with support.polaris_verifier(tmp_path, polaris_pki, issuer_jwks=[]) as polaris:
        params = support.request_parameters(polaris.url)
        assert params["client_id"] == polaris_pki.client_id
        assert params["request_uri_method"] == "post"
        status, token = support.http_get(polaris.request_uri)
    assert status == 200
    header, _ = jose.decode_compact_json(token)
    der = base64.b64decode(header["x5c"][0])
    assert polaris_pki.client_id == "x509_hash:" + jose.b64url_encode(hashlib.sha256(der).digest())
    leaf = x509.load_der_x509_certificate(der)
    leaf.verify_directly_issued_by(x509.load_pem_x509_certificate(polaris_pki.anchor.read_bytes()))
    claims = _verify_request_object(token, leaf.public_key())
    assert claims["client_id"] == polaris_pki.client_id
    assert claims["response_mode"] == "direct_post.jwt"
    assert claims["response_uri"] == polaris.response_uri
    (query,) = claims["dcql_query"]["credentials"]
    assert query["format"] == "dc+sd-jwt" and query["meta"] == {"vct_values": ["urn:eudi:pid:1"]}


def test_polaris_accepts_an_encrypted_sd_jwt_presentation_once_and_refuses_garbage(
    tmp_path: Path, polaris_pki: support.PolarisPki
) -> None:
    issuer = ec.generate_private_key(ec.SECP256R1())
    holder = ec.generate_private_key(ec.SECP256R1())  # HAIP: ES256 key binding
    issuer_jwk = keys.public_key_to_jwk(issuer.public_key())
    with support.polaris_verifier(
        tmp_path, polaris_pki, issuer_jwks=[issuer_jwk], claims=["given_name"], vct=[VCT]
    ) as polaris:
        _, token = support.http_get(polaris.request_uri)
        _, claims = jose.decode_compact_json(token)
        shown = make_sd_jwt_presentation(
            _sd_jwt(issuer, "https://issuer.example", holder, VCT),
            ["given_name"],
            holder,
            aud=claims["client_id"],
            nonce=claims["nonce"],
            now=_now(),
        )
        enc = claims["client_metadata"]["jwks"]["keys"][0]
        good = _encrypt({"vp_token": {"pid": [shown]}, "state": claims["state"]}, enc)
        garbage = support.http_post_form(claims["response_uri"], {"response": "x.y.z"})
        first = support.http_post_form(claims["response_uri"], {"response": good})
        again = support.http_post_form(claims["response_uri"], {"response": good})
        outcomes = polaris.outcomes(count=3)
    assert [garbage[0], first[0], again[0]] == [400, 200, 400]
    assert [o.status for o in outcomes] == ["invalid", "valid", "invalid"], polaris.output()
    assert "given_name" in outcomes[1].claims  # polaris lists every claim name it saw
    assert not {"family_name", "email"} & set(outcomes[1].claims)
    assert outcomes[2].code == "invalid_request" and "decrypt" in (outcomes[2].reason or "")
