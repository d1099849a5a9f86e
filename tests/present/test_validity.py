"""How long a presentation stays valid: the learner chooses, from 10 minutes (a code shown live)
to 30 days (a proof sheet an employer checks later); after that the check says "expired",
never that the presentation was changed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from wallet.actions.presenting import LIVE_MINUTES, SAVED_MINUTES, parse_validity
from wallet.errors import WalletError
from wallet.present.presentation import (
    PresentationError,
    check_presentation,
    expires_of,
    make_sd_jwt_presentation,
    make_vp,
)
from wallet.proofs import jose, keys
from wallet.verify.context import VerifyContext
from wallet.verify.report import FAIL, FAILED, HOLDER, PASS, PROOF, VERIFIED

RES = Path(__file__).resolve().parents[2] / "resources" / "demo"
NOW = dt.datetime(2026, 8, 1, 9, 0, tzinfo=dt.UTC)
WEEK = dt.timedelta(days=7)


def _demo_keys() -> dict:
    return json.loads((RES / "issuer-key.json").read_text("utf-8"))


def _learner() -> tuple[Ed25519PrivateKey, str]:
    d = _demo_keys()["learner"]
    return keys.private_key_from_jwk(d["privateJwk"]), d["did"]


def _micro() -> dict:
    return json.loads(
        (RES / "credentials" / "01-data-analysis-with-python.json").read_text("utf-8")
    )


def _ctx(at: dt.datetime) -> VerifyContext:
    return VerifyContext(at=at, trusted_issuers=frozenset({_demo_keys()["ed25519"]["did"]}))


def test_the_learner_s_choice_runs_from_ten_minutes_to_thirty_days() -> None:
    assert (LIVE_MINUTES, SAVED_MINUTES) == (10, 7 * 24 * 60)
    assert parse_validity("10m") == 10
    assert parse_validity("2h") == 120
    assert parse_validity("7d") == 7 * 24 * 60
    assert parse_validity(" 30D ") == 30 * 24 * 60
    assert parse_validity("90 m") == 90
    for too in ("9m", "31d", "0h", "721h"):
        with pytest.raises(WalletError) as e:
            parse_validity(too)
        assert "10 minutes to 30 days" in e.value.message and too.strip() in e.value.message
    for nonsense in ("7", "abc", "", "7 days", "-1d", "1.5h", "7w", "1e3m"):
        with pytest.raises(WalletError) as e:
            parse_validity(nonsense)
        said = e.value.message
        assert "10m" in said and "7d" in said, said  # says how to write one
        assert said.count(". ") == 0 and "\n" not in said  # one sentence


def test_a_presentation_can_be_signed_for_thirty_days_but_not_longer() -> None:
    key, did = _learner()
    month = make_vp(
        [_micro()], key, did, challenge=None, domain=None, valid_minutes=30 * 24 * 60, now=NOW
    )
    assert month["proof"]["expires"] == "2026-08-31T09:00:00Z"
    assert expires_of(month) == NOW + dt.timedelta(days=30)
    with pytest.raises(PresentationError):
        make_vp(
            [_micro()],
            key,
            did,
            challenge=None,
            domain=None,
            valid_minutes=30 * 24 * 60 + 1,
            now=NOW,
        )


def test_a_week_long_presentation_verifies_after_six_days_and_then_expires() -> None:
    key, did = _learner()
    vp = make_vp(
        [_micro()], key, did, challenge=None, domain=None, valid_minutes=SAVED_MINUTES, now=NOW
    )
    report, verdict = check_presentation(vp, _ctx(NOW + dt.timedelta(days=6)))
    # the presentation verifies (the credential's status list, never fetched here, is the
    # only thing left open)
    assert report.verdict == VERIFIED and verdict != FAILED, report.to_json()
    late = NOW + WEEK + dt.timedelta(minutes=1)
    report, verdict = check_presentation(vp, _ctx(late))
    assert verdict == FAILED
    assert report.check(PROOF).status == PASS  # the signature is intact: nothing was changed
    holder = report.check(HOLDER)
    assert holder.status == FAIL and "expired" in holder.message
    assert "changed" not in holder.message and "tamper" not in holder.message


def _bound_sd_jwt() -> tuple[str, Ed25519PrivateKey]:
    """The demo SD-JWT's claims re-issued with cnf = the learner's key (so a KB-JWT binds)."""
    d = _demo_keys()
    issuer = keys.private_key_from_jwk(d["ed25519"]["privateJwk"])
    learner, _ = _learner()
    demo = (RES / "credentials" / "10-health-safety-induction.sd-jwt").read_text("utf-8")
    claims = {
        **jose.sd_jwt_processed(demo.strip())[1],
        "cnf": {"jwk": keys.public_key_to_jwk(learner.public_key())},
    }
    claims.pop("_sd", None)
    claims.pop("_sd_alg", None)
    sd_jwt = jose.issue_sd_jwt(
        claims, ["given_name"], issuer, header={"kid": d["ed25519"]["verificationMethod"]}
    )
    return sd_jwt, learner


def test_a_key_bound_sd_jwt_presentation_carries_the_chosen_validity() -> None:
    sd_jwt, learner = _bound_sd_jwt()
    text = make_sd_jwt_presentation(
        sd_jwt,
        ["given_name"],
        learner,
        aud="verifier",
        nonce="",
        now=NOW,
        valid_minutes=SAVED_MINUTES,
    )
    kb = jose.decode_compact_json(jose.parse_sd_jwt(text).kb_jwt or "")[1]
    assert kb["exp"] - kb["iat"] == SAVED_MINUTES * 60
    assert expires_of(text) == NOW + WEEK
    report, verdict = check_presentation(text, _ctx(NOW + dt.timedelta(days=6)))
    assert report.check(HOLDER).status == PASS, report.to_json()  # no "may be a replay"
    report, verdict = check_presentation(text, _ctx(NOW + WEEK + dt.timedelta(minutes=1)))
    assert verdict == FAILED and report.check(PROOF).status == PASS
    holder = report.check(HOLDER)
    assert holder.status == FAIL and "expired" in holder.message
    # without a chosen validity (another verifier's request) the KB-JWT is as before
    plain_kb = make_sd_jwt_presentation(
        sd_jwt, ["given_name"], learner, aud="verifier", nonce="", now=NOW
    )
    kb = jose.decode_compact_json(jose.parse_sd_jwt(plain_kb).kb_jwt or "")[1]
    assert "exp" not in kb


def test_an_unbound_sd_jwt_presentation_has_no_expiry_to_show() -> None:
    key, _ = _learner()
    demo = (RES / "credentials" / "10-health-safety-induction.sd-jwt").read_text("utf-8")
    text = make_sd_jwt_presentation(
        demo.strip(), ["given_name"], key, aud="v", nonce="", now=NOW, valid_minutes=60
    )
    assert expires_of(text) is None
