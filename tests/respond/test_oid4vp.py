"""Answering verifiers (OpenID4VP 1.0) with the learner's credentials, against two verifiers we
did not write, on 127.0.0.1 only: our harness on oid4vc-ts's openid4vp with Digital Bazaar's vc
(peer/verifiers/) and PyPI's polaris-oid4vp (peer/polaris/). tests/present/oid4vp_support.py
starts them.

What a learner (and an employer) would notice: each format is accepted by the verifier; the
learner sees who asks and exactly what would be revealed before anything goes; a request that
does not hold (signed by another key, naming another verifier, replayed) or a no from the
learner sends nothing (a no only tells the verifier so); the history says what went to whom.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.present import oid4vp_support as support
from tests.receive.support import PASSPHRASE, run_cli
from wallet import cli, formats
from wallet.actions.responding import WHOLE, Asked, Picks, first_options, respond
from wallet.proofs import jose, keys, signing
from wallet.respond import RespondError
from wallet.respond.response import VerifierRefused
from wallet.store import WalletStore
from wallet.store.keys import DID_JWK, P256

VCT = "https://credentials.example/learner/first-aid"
VC_TYPE = "https://www.w3.org/2018/credentials#VerifiableCredential"


@pytest.fixture(scope="module")
def verifier(tmp_path_factory: pytest.TempPathFactory) -> Iterator[support.NodeVerifier]:
    with support.node_verifier(tmp_path_factory.mktemp("oid4vp-node")) as harness:
        yield harness


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _stamp(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


class Learner:
    """A wallet holding one credential of each format, bound to its own holder keys, from
    issuers whose keys the verifiers can resolve (did:key, did:jwk)."""

    def __init__(self, store: WalletStore) -> None:
        self.store = store
        self.did = store.keys.create("Holder")  # Ed25519 did:key, the default
        self.p256 = store.keys.create("Holder P-256", curve=P256, method=DID_JWK)
        self.issuer = ec.generate_private_key(ec.SECP256R1())
        self.issuer_did = keys.did_jwk_from_public_key(self.issuer.public_key())
        self.ids: dict[str, str] = {}

    def add(self, fmt: str, data: bytes) -> str:
        (cid,) = [self.store.credentials.add(formats.parse(data), "test")]
        self.ids.setdefault(fmt, cid)
        return cid

    def ldp(self, name: str = "Aroha Ngata") -> str:
        issuer = Ed25519PrivateKey.generate()
        doc = signing.sign_data_integrity(
            {
                "@context": ["https://www.w3.org/ns/credentials/v2"],
                "type": ["VerifiableCredential"],
                "issuer": keys.did_key_from_public_key(issuer.public_key()),
                "validFrom": _stamp(_now() - dt.timedelta(days=1)),
                "credentialSubject": {"id": self.did, "name": name},
            },
            issuer,
            keys.did_key_verification_method(issuer.public_key()),
        )
        return self.add("ldp_vc", json.dumps(doc).encode())

    def jwt(self, name: str = "Aroha Ngata") -> str:
        vc = {
            "@context": ["https://www.w3.org/2018/credentials/v1"],
            "type": ["VerifiableCredential"],
            "credentialSubject": {"id": self.did, "name": name},
        }
        claims = {
            "iss": self.issuer_did,
            "sub": self.did,
            "nbf": int(_now().timestamp()) - 60,
            "vc": vc,
        }
        token = jose.sign_compact(
            {"alg": "ES256", "typ": "JWT", "kid": f"{self.issuer_did}#0"},
            json.dumps(claims).encode(),
            self.issuer,
        )
        return self.add("jwt_vc_json", token.encode())

    def sd_jwt(self) -> str:
        holder = self.store.keys.private_key(self.p256)
        claims = {
            "iss": self.issuer_did,
            "iat": int(_now().timestamp()) - 60,
            "vct": VCT,
            "cnf": {"jwk": keys.public_key_to_jwk(holder.public_key())},
            "given_name": "Aroha",
            "family_name": "Ngata",  # always visible: the issuer made it not disclosable
            "email": "aroha@example.org",
        }
        token = jose.issue_sd_jwt(
            claims,
            ["given_name", "email"],
            self.issuer,
            header={"kid": f"{self.issuer_did}#0", "typ": "dc+sd-jwt"},
        )
        return self.add("dc+sd-jwt", token.encode())


@pytest.fixture
def learner(tmp_path: Path) -> Iterator[Learner]:
    with WalletStore.create(tmp_path / "wallet.db", PASSPHRASE) as store:
        person = Learner(store)
        person.ldp()
        person.jwt()
        person.sd_jwt()
        yield person


def _request(verifier: support.NodeVerifier, fmt: str, **options: Any) -> dict[str, Any]:
    claims = options.pop("claims", ["given_name"] if fmt == "dc+sd-jwt" else None)
    if claims is None:
        claims = [["credentialSubject", "name"]]
    return verifier.create(fmt, claims=claims, vct_values=[VCT], **options)


HONEST = [
    ("ldp_vc", "x509_san_dns", "direct_post.jwt"),
    ("ldp_vc", "decentralized_identifier", "direct_post"),
    ("jwt_vc_json", "decentralized_identifier", "direct_post.jwt"),
    ("jwt_vc_json", "x509_san_dns", "direct_post"),
    ("dc+sd-jwt", "redirect_uri", "direct_post.jwt"),
    ("dc+sd-jwt", "x509_san_dns", "direct_post"),
]


@pytest.mark.parametrize(("fmt", "prefix", "mode"), HONEST)
def test_each_format_is_accepted_by_the_verifier(
    verifier: support.NodeVerifier, learner: Learner, fmt: str, prefix: str, mode: str
) -> None:
    made = _request(verifier, fmt, client_id_prefix=prefix, response_mode=mode)
    asked: list[Asked] = []

    def decide(question: Asked) -> Picks:
        asked.append(question)
        return first_options(question)

    responded = respond(learner.store, made["url"], decide=decide)
    outcome = verifier.outcome(made["id"])
    assert outcome["status"] == "valid", outcome
    (question,) = asked
    assert question.client_id == made["client_id"] and question.prefix == prefix
    (wanted,) = question.wanted
    assert [o.credential_id for o in wanted.options] == [learner.ids[fmt]]
    (shared,) = learner.store.shares.all()
    assert shared.client_id == made["client_id"] and shared.credentials == (learner.ids[fmt],)
    assert responded.sent == ((learner.ids[fmt], shared.revealed[0]),)
    if fmt == "dc+sd-jwt":  # only what was asked, and what the issuer never lets be hidden
        assert outcome["disclosed"] == ["given_name"]
        assert shared.revealed[0] == ("given_name", "family_name")
        assert "email" not in json.dumps(outcome)
    else:  # a W3C credential goes whole, and the learner was told so
        assert wanted.options[0].whole and shared.revealed[0] == (WHOLE,)
    if prefix == "x509_san_dns":
        assert question.certificates and "localhost" in question.host


@pytest.mark.parametrize("prefix", ["x509_san_dns", "decentralized_identifier"])
def test_a_request_signed_by_another_key_is_refused_and_nothing_is_sent(
    verifier: support.NodeVerifier, learner: Learner, prefix: str
) -> None:
    made = _request(verifier, "ldp_vc", client_id_prefix=prefix, mode="wrong_key")
    with pytest.raises(RespondError) as caught:
        respond(learner.store, made["url"], decide=_never_asked)
    assert str(caught.value) == (
        "the verifier's request does not match its signature; nothing was sent"
    )
    assert verifier.outcome(made["id"])["responses"] == []
    assert learner.store.shares.all() == []


@pytest.mark.parametrize("prefix", ["x509_san_dns", "decentralized_identifier", "redirect_uri"])
def test_a_request_naming_another_verifier_is_refused_and_nothing_is_sent(
    verifier: support.NodeVerifier, learner: Learner, prefix: str
) -> None:
    made = _request(verifier, "ldp_vc", client_id_prefix=prefix, mode="wrong_client_id")
    with pytest.raises(RespondError) as caught:
        respond(learner.store, made["url"], decide=_never_asked)
    said = str(caught.value)
    if prefix == "redirect_uri":
        assert said == (
            "the verifier's address is not where it asks the answer to go; nothing was sent"
        )
    elif prefix == "x509_san_dns":  # the link's name is not the certificate's
        assert said == (
            "the verifier's certificate is not for verifier.localhost, the name it gives; "
            "nothing was sent"
        )
    else:  # the link names another DID than the one whose key signed the request
        assert said == (
            "the verifier's request is signed by another key than its DID's; nothing was sent"
        )
    assert verifier.outcome(made["id"])["responses"] == []


def test_a_replayed_request_is_refused_by_the_wallet_itself(
    verifier: support.NodeVerifier, learner: Learner
) -> None:
    first = _request(verifier, "jwt_vc_json", client_id_prefix="decentralized_identifier")
    respond(learner.store, first["url"], decide=first_options)
    again = _request(
        verifier, "jwt_vc_json", client_id_prefix="decentralized_identifier", nonce=first["nonce"]
    )
    with pytest.raises(RespondError, match="already answered this request"):
        respond(learner.store, again["url"], decide=_never_asked)
    assert verifier.outcome(again["id"])["responses"] == []
    assert len(learner.store.shares.all()) == 1


def test_a_no_tells_the_verifier_only_that(
    verifier: support.NodeVerifier, learner: Learner
) -> None:
    made = _request(verifier, "dc+sd-jwt", response_mode="direct_post.jwt")
    responded = respond(learner.store, made["url"], decide=lambda _asked: None)
    assert responded.declined
    outcome = verifier.outcome(made["id"])
    assert outcome["status"] == "declined" and outcome["disclosed"] in (None, [])
    assert learner.store.shares.all() == []


def test_the_learner_is_told_what_cannot_be_hidden(
    verifier: support.NodeVerifier, learner: Learner
) -> None:
    """The verifier asks for the name only; the SD-JWT's family name is always visible and
    the JSON-LD credential cannot be shown in part: both are said before the yes."""
    sd = _request(verifier, "dc+sd-jwt")
    seen: list[Asked] = []
    respond(learner.store, sd["url"], decide=lambda a: seen.append(a) or None)
    (option,) = seen[0].wanted[0].options
    assert option.shown == ("given_name", "family_name") and not option.whole
    ldp = _request(verifier, "ldp_vc")
    respond(learner.store, ldp["url"], decide=lambda a: seen.append(a) or None)
    assert seen[1].wanted[0].options[0].whole


def test_nothing_the_verifier_asks_for_is_one_sentence(
    verifier: support.NodeVerifier, tmp_path: Path
) -> None:
    made = _request(verifier, "dc+sd-jwt")
    with WalletStore.create(tmp_path / "empty.db", PASSPHRASE) as store:
        with pytest.raises(RespondError) as caught:
            respond(store, made["url"], decide=_never_asked)
    assert str(caught.value) == (
        f"none of your credentials is what the verifier asks for ({VCT}); nothing was sent"
    )
    assert verifier.outcome(made["id"])["responses"] == []


def _never_asked(asked: Asked) -> Picks | None:
    raise AssertionError("the learner must not be asked about a request that does not hold")


# --- the command line ---------------------------------------------------------------------


@pytest.fixture
def cli_learner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Learner]:
    monkeypatch.setenv(cli.PASSPHRASE_ENV, PASSPHRASE)
    path = tmp_path / "cli.db"
    with WalletStore.create(path, PASSPHRASE) as store:
        person = Learner(store)
        person.jwt("Aroha Ngata")
        second = person.jwt("Aroha N. (second)")
        person.ids["second"] = second
    return path, person


def test_cli_respond_yes_is_accepted_and_pick_chooses_among_matches(
    verifier: support.NodeVerifier, cli_learner: tuple[Path, Learner]
) -> None:
    path, person = cli_learner
    made = _request(verifier, "jwt_vc_json", client_id_prefix="decentralized_identifier")
    code, out = run_cli(path, "respond", made["url"], "--yes")
    assert code == cli.EXIT_OK, out
    assert "the verifier accepted the presentation" in out
    assert f"it proves to be {made['client_id']}" in out
    assert "revealing the whole credential (it cannot be shown in part)" in out
    assert verifier.outcome(made["id"])["status"] == "valid"
    chosen = person.ids["second"]
    made = _request(verifier, "jwt_vc_json", client_id_prefix="decentralized_identifier")
    code, out = run_cli(path, "respond", made["url"], "--yes", "--pick", chosen[:10])
    assert code == cli.EXIT_OK, out
    outcome = verifier.outcome(made["id"])
    assert outcome["status"] == "valid"
    assert "Aroha N. (second)" in json.dumps(outcome["claims"])
    code, out = run_cli(path, "shared")  # the history: newest first, what went, to whom
    assert code == cli.EXIT_OK
    lines = out.splitlines()
    assert f"to Harbour Test Employer ({made['client_id']})" in lines[0]
    assert lines[1].strip() == "Verifiable Credential: the whole credential"
    code, out = run_cli(path, "shared", "--json")
    entries = [json.loads(line) for line in out.splitlines()]
    assert len(entries) == 2 and entries[0]["credentials"][0]["id"] == chosen  # newest first


def test_cli_without_a_terminal_or_yes_sends_nothing(
    verifier: support.NodeVerifier, cli_learner: tuple[Path, Learner]
) -> None:
    path, _ = cli_learner
    made = _request(verifier, "jwt_vc_json", client_id_prefix="decentralized_identifier")
    code, out = run_cli(path, "respond", made["url"])
    assert code == cli.EXIT_ITEM_FAILED
    assert "nobody to ask here" in out
    assert verifier.outcome(made["id"])["status"] == "declined"


# --- polaris-oid4vp (HAIP: x509_hash, direct_post.jwt, ES256) -------------------------------


def test_polaris_accepts_the_wallets_sd_jwt_presentation(tmp_path: Path, learner: Learner) -> None:
    pki = support.polaris_keygen(tmp_path / "pki")
    issuer_jwk = keys.public_key_to_jwk(learner.issuer.public_key())
    with support.polaris_verifier(
        tmp_path, pki, issuer_jwks=[issuer_jwk], claims=["given_name"], vct=[VCT]
    ) as polaris:
        responded = respond(learner.store, polaris.url, decide=first_options)
        (outcome,) = polaris.outcomes(count=1)
    assert outcome.status == "valid", polaris.output()
    assert responded.asked.prefix == "x509_hash"
    assert responded.sent == ((learner.ids["dc+sd-jwt"], ("given_name", "family_name")),)


def test_polaris_refusing_is_one_sentence_and_kept_in_the_history(
    tmp_path: Path, learner: Learner
) -> None:
    """polaris trusts no issuer here, so it refuses; the learner hears so in one sentence."""
    pki = support.polaris_keygen(tmp_path / "pki")
    stranger = keys.public_key_to_jwk(ec.generate_private_key(ec.SECP256R1()).public_key())
    with support.polaris_verifier(
        tmp_path, pki, issuer_jwks=[stranger], claims=["given_name"], vct=[VCT]
    ) as polaris:
        with pytest.raises(VerifierRefused) as caught:
            respond(learner.store, polaris.url, decide=first_options)
        polaris.outcomes(count=1)
    assert str(caught.value) == "the verifier did not accept the presentation (invalid_request)"
    assert len(learner.store.shares.all()) == 1  # it has seen it, accepted or not
