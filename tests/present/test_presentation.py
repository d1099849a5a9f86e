"""Holder keys and presentations: the learner's own key, signed proofs for an employer."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from wallet.errors import NotFound
from wallet.proofs.keys import did_key_from_public_key
from wallet.store import HolderKey, WalletStore


def _raw(key) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


# ----- holder keys ---------------------------------------------------------------------------


def test_holder_keys_created_listed_default_and_persisted(tmp_path) -> None:
    path = tmp_path / "w.lwallet"
    with WalletStore.create(path, "pw") as store:
        assert store.keys.all() == [] and store.keys.default() is None
        first = store.keys.create("Phone")
        second = store.keys.create("Laptop")
        assert first.startswith("did:key:z6Mk") and first != second
        listed = store.keys.all()
        assert set(listed) == {HolderKey(first, "Phone", True), HolderKey(second, "Laptop", False)}
        # listings carry no key material
        assert all(not isinstance(v, bytes) for row in listed for v in vars(row).values())
        key = store.keys.private_key(first)
        assert did_key_from_public_key(key.public_key()) == first
        store.keys.set_default(second)
        assert store.keys.default() == second
        assert [k.did for k in store.keys.all() if k.is_default] == [second]
        with pytest.raises(NotFound):
            store.keys.set_default("did:key:z6MkNotThere")
        with pytest.raises(NotFound):
            store.keys.private_key("did:key:z6MkNotThere")
        raws = [_raw(store.keys.private_key(d)) for d in (first, second)]
    with WalletStore.open(path, "pw") as store:
        assert store.keys.default() == second
        assert {k.did for k in store.keys.all()} == {first, second}
        assert [_raw(store.keys.private_key(d)) for d in (first, second)] == raws
    # Neither the raw key nor its packed form is anywhere on disk in the clear.
    import zlib

    files = [p for p in tmp_path.iterdir() if p.is_file()]
    assert files
    for p in files:
        data = p.read_bytes()
        for raw in raws:
            assert raw not in data and zlib.compress(raw, 1) not in data
            assert raw[:16] not in data


def test_unencrypted_wallet_would_show_the_key_so_the_search_can_fail(tmp_path) -> None:
    """The on-disk search above finds key bytes when they are there (a plaintext wallet)."""
    import zlib

    path = tmp_path / "plain.lwallet"
    with WalletStore.create(path, "pw", encrypted=False) as store:
        did = store.keys.create("Phone")
        raw = _raw(store.keys.private_key(did))
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert zlib.compress(raw, 1) in path.read_bytes()


# ----- presentations -------------------------------------------------------------------------

import copy  # noqa: E402
import datetime as dt  # noqa: E402
import json  # noqa: E402
from pathlib import Path  # noqa: E402

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

from wallet.messages import render  # noqa: E402
from wallet.present import qr  # noqa: E402
from wallet.present.presentation import (  # noqa: E402
    PresentationError,
    make_sd_jwt_presentation,
    make_vp,
    overall_verdict,
    verify_presentation,
)
from wallet.proofs import jose, keys, signing  # noqa: E402
from wallet.verify.context import VerifyContext  # noqa: E402
from wallet.verify.jose_proofs import verify_sd_jwt  # noqa: E402
from wallet.verify.report import FAIL, FAILED, HOLDER, PASS, PROOF, VERIFIED  # noqa: E402

RES = Path(__file__).resolve().parents[2] / "resources" / "demo"
NOW = dt.datetime(2026, 8, 1, 9, 0, tzinfo=dt.UTC)
SOON = NOW + dt.timedelta(minutes=3)


def _demo_keys() -> dict:
    return json.loads((RES / "issuer-key.json").read_text("utf-8"))


def _learner() -> tuple[Ed25519PrivateKey, str]:
    d = _demo_keys()["learner"]
    return keys.private_key_from_jwk(d["privateJwk"]), d["did"]


def _micro() -> dict:
    return json.loads(
        (RES / "credentials" / "01-data-analysis-with-python.json").read_text("utf-8")
    )


def _ctx() -> VerifyContext:
    return VerifyContext(at=SOON, trusted_issuers=frozenset({_demo_keys()["ed25519"]["did"]}))


def _own_credential(subject: str) -> tuple[dict, str]:
    """A credential from a fresh did:key issuer to `subject`, signed with wallet.proofs.signing."""
    issuer = Ed25519PrivateKey.generate()
    did = keys.did_key_from_public_key(issuer.public_key())
    cred = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": did,
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {"id": subject},
    }
    signed = signing.sign_data_integrity(
        cred,
        issuer,
        keys.did_key_verification_method(issuer.public_key()),
        created="2026-01-01T00:00:00Z",
    )
    return signed, did


def test_demo_vp_signed_by_its_learner_verifies() -> None:
    key, did = _learner()
    vp = make_vp([_micro()], key, did, challenge="n-123", domain="hr.example", now=NOW)
    assert vp["proof"]["proofPurpose"] == "authentication"
    assert vp["proof"]["challenge"] == "n-123" and vp["proof"]["domain"] == "hr.example"
    assert vp["proof"]["created"] == "2026-08-01T09:00:00Z"
    assert vp["proof"]["expires"] == "2026-08-01T09:10:00Z"
    report = verify_presentation(vp, challenge="n-123", domain="hr.example", at=SOON, ctx=_ctx())
    assert report.verdict == VERIFIED, report.to_json()
    assert report.check(PROOF).status == PASS and report.check(HOLDER).status == PASS
    assert len(report.nested) == 1 and report.nested[0].check(PROOF).status == PASS
    # an independent path (signing's own verifier) accepts the holder's proof too
    assert signing.verify_data_integrity_signature(vp, key.public_key())


def test_modified_vp_fails() -> None:
    key, did = _learner()
    vp = make_vp([_micro()], key, did, challenge="n", domain=None, now=NOW)
    for change in ("holder-claim", "credential", "proof-expires"):
        bad = copy.deepcopy(vp)
        if change == "holder-claim":
            bad["verifiableCredential"][0]["credentialSubject"]["extra"] = "x"
            bad["@context"] = [*bad["@context"]]
        if change == "credential":
            bad["verifiableCredential"][0]["name"] = "Brain Surgery"
        if change == "proof-expires":
            bad["proof"]["expires"] = "2030-01-01T00:00:00Z"
        report = verify_presentation(bad, challenge="n", at=SOON, ctx=_ctx())
        assert overall_verdict(report) == FAILED, change
    report = verify_presentation(vp, challenge="n", at=SOON, ctx=_ctx())
    assert overall_verdict(report) != FAILED


def test_vp_by_another_holder_fails_binding(tmp_path) -> None:
    with WalletStore.create(tmp_path / "w.lwallet", "pw") as store:
        first = store.keys.create("Me")
        second = store.keys.create("Someone else")
        cred, _ = _own_credential(first)
        own = make_vp(
            [cred], store.keys.private_key(first), first, challenge="c", domain=None, now=NOW
        )
        report = verify_presentation(own, challenge="c", at=SOON, ctx=_ctx())
        assert report.verdict == VERIFIED and overall_verdict(report) != FAILED, report.to_json()
        stolen = make_vp(
            [cred], store.keys.private_key(second), second, challenge="c", domain=None, now=NOW
        )
    report = verify_presentation(stolen, challenge="c", at=SOON, ctx=_ctx())
    assert report.check(PROOF).status == PASS  # a good signature, by the wrong person
    holder = report.check(HOLDER)
    assert holder.status == FAIL and "someone other than the learner" in holder.message
    assert report.verdict == FAILED
    # the demo credential presented with a fresh key fails the same way
    with pytest.raises(PresentationError):  # and a key that is not the named holder's
        make_vp([cred], Ed25519PrivateKey.generate(), first, challenge=None, domain=None, now=NOW)


def test_expired_and_wrong_challenge_and_domain_fail() -> None:
    key, did = _learner()
    vp = make_vp(
        [_micro()], key, did, challenge="right", domain="hr.example", valid_minutes=5, now=NOW
    )
    expired = verify_presentation(
        vp, challenge="right", at=NOW + dt.timedelta(minutes=6), ctx=_ctx()
    )
    assert expired.check(HOLDER).status == FAIL and "expired" in expired.check(HOLDER).message
    assert expired.verdict == FAILED
    early = verify_presentation(vp, challenge="right", at=NOW - dt.timedelta(hours=1), ctx=_ctx())
    assert early.verdict == FAILED
    wrong = verify_presentation(vp, challenge="wrong", at=SOON, ctx=_ctx())
    assert wrong.check(HOLDER).status == FAIL and "challenge" in wrong.check(HOLDER).message
    other = verify_presentation(vp, challenge="right", domain="evil.example", at=SOON, ctx=_ctx())
    assert other.verdict == FAILED
    ok = verify_presentation(vp, challenge="right", domain="hr.example", at=SOON, ctx=_ctx())
    assert ok.verdict == VERIFIED


def test_the_holder_check_names_each_problem_in_german() -> None:
    key, did = _learner()
    vp = make_vp(
        [_micro()], key, did, challenge="right", domain="hr.example", valid_minutes=5, now=NOW
    )
    late = NOW + dt.timedelta(minutes=6)
    bad = verify_presentation(vp, challenge="wrong", domain="evil.example", at=late, ctx=_ctx())
    assert render(bad.check(HOLDER).msg, "de") == (
        "sie beantwortet eine andere Challenge als die angefragte: Sie könnte wiederverwendet"
        " sein; sie wurde für 'hr.example' erstellt, nicht für 'evil.example'; sie ist am"
        " 1. August 2026, 09:05 UTC abgelaufen: Bitten Sie die lernende Person um eine neue"
    )
    ok = verify_presentation(vp, challenge="right", domain="hr.example", at=SOON, ctx=_ctx())
    assert render(ok.check(PROOF).msg, "de") == f"vom Inhaber {did} signiert"
    assert render(ok.check(HOLDER).msg, "de") == (
        "von der lernenden Person vorgelegt, für die die Nachweise ausgestellt wurden,"
        " gültig bis 1. August 2026, 09:05 UTC"
    )


def test_jwt_credentials_are_enveloped_and_verified() -> None:
    key, did = _learner()
    jwt = (RES / "credentials" / "09-digital-literacy-vc.jwt").read_text("utf-8").strip()
    vp = make_vp([_micro(), jwt], key, did, challenge="c", domain=None, now=NOW)
    env = vp["verifiableCredential"][1]
    assert env["type"] == "EnvelopedVerifiableCredential"
    assert env["id"] == f"data:application/vc+jwt,{jwt}"
    report = verify_presentation(vp, challenge="c", at=SOON, ctx=_ctx())
    assert report.verdict == VERIFIED and len(report.nested) == 2
    assert all(n.check(PROOF).status == PASS for n in report.nested)
    bad = copy.deepcopy(vp)
    head, body, sig = jwt.split(".")
    bad["verifiableCredential"][1]["id"] = f"data:application/vc+jwt,{head}.{body}.{sig[:-4]}AAAA"
    assert verify_presentation(bad, challenge="c", at=SOON, ctx=_ctx()).verdict == FAILED


def _demo_sd_jwt() -> str:
    return (RES / "credentials" / "10-health-safety-induction.sd-jwt").read_text("utf-8").strip()


def test_sd_jwt_presentation_reveals_only_chosen_claims() -> None:
    key, _ = _learner()
    text = make_sd_jwt_presentation(
        _demo_sd_jwt(),
        ["given_name", "completion_date"],
        key,
        aud="https://hr.example",
        nonce="n1",
        now=NOW,
    )
    # The demo SD-JWT binds no holder key (no cnf): no KB-JWT, which verifiers would reject.
    assert text.endswith("~")
    for hidden in ("Demo-Learner", "aroha.demo-learner@example.org", "family_name", "email"):
        assert hidden not in text
        assert all(
            hidden not in json.dumps(jose.decode_disclosure(d)) for d in jose.split_sd_jwt(text)[1]
        )
    out = verify_sd_jwt(text, _ctx())
    assert out.checks[0].status == PASS
    assert out.document["given_name"] == "Aroha" and "email" not in out.document
    with pytest.raises(PresentationError):
        make_sd_jwt_presentation(_demo_sd_jwt(), ["shoe_size"], key, aud="a", nonce="n", now=NOW)


def test_bound_sd_jwt_presentation_with_key_binding_verifies() -> None:
    """The demo claims re-issued with cnf = the learner's key, so that a KB-JWT can bind."""
    d = _demo_keys()
    issuer = keys.private_key_from_jwk(d["ed25519"]["privateJwk"])
    learner, _ = _learner()
    claims = {
        **jose.sd_jwt_processed(_demo_sd_jwt())[1],
        "cnf": {"jwk": keys.public_key_to_jwk(learner.public_key())},
    }
    claims.pop("_sd", None)
    claims.pop("_sd_alg", None)
    sd_jwt = jose.issue_sd_jwt(
        claims,
        ["given_name", "family_name", "email"],
        issuer,
        header={"kid": d["ed25519"]["verificationMethod"]},
    )
    text = make_sd_jwt_presentation(
        sd_jwt, ["family_name"], learner, aud="https://hr.example", nonce="n-42", now=NOW
    )
    assert "Aroha" not in text and "aroha.demo" not in text
    out = verify_sd_jwt(text, _ctx(), audience="https://hr.example", nonce="n-42")
    by = {c.id: c for c in out.checks}
    assert by[PROOF].status == PASS and by[HOLDER].status == PASS, out.checks
    assert out.document["family_name"] == "Demo-Learner" and "given_name" not in out.document
    wrong = verify_sd_jwt(text, _ctx(), audience="https://hr.example", nonce="other")
    assert {c.id: c for c in wrong.checks}[HOLDER].status == FAIL
    with pytest.raises(PresentationError):  # someone else's key cannot present it
        make_sd_jwt_presentation(
            sd_jwt, ["email"], Ed25519PrivateKey.generate(), aud="a", nonce="n", now=NOW
        )


def test_key_binding_hashes_with_the_issuer_s_sd_alg() -> None:
    """An issuer that digests with sha-384: the KB-JWT's sd_hash must use sha-384 too (SD-JWT
    section 4.3.1), or every verifier turns the learner's presentation down."""
    d = _demo_keys()
    issuer = keys.private_key_from_jwk(d["ed25519"]["privateJwk"])
    learner, _ = _learner()
    disclosures = [jose.make_disclosure(["s1", "family_name", "Demo-Learner"])]
    payload = {
        "iss": "did:example:issuer",
        "vct": "https://credentials.example/degree",
        "iat": int(NOW.timestamp()),
        "_sd": [jose.disclosure_digest(disclosures[0], "sha-384")],
        "_sd_alg": "sha-384",
        "cnf": {"jwk": keys.public_key_to_jwk(learner.public_key())},
    }
    header = {"typ": "dc+sd-jwt", "alg": "EdDSA", "kid": d["ed25519"]["verificationMethod"]}
    jwt = jose.sign_compact(header, json.dumps(payload).encode(), issuer)
    sd_jwt = "~".join([jwt, *disclosures]) + "~"
    text = make_sd_jwt_presentation(
        sd_jwt, ["family_name"], learner, aud="https://hr.example", nonce="n-384", now=NOW
    )
    _, kb_claims = jose.decode_compact_json(text.rsplit("~", 1)[1])
    assert kb_claims["sd_hash"] == jose.sd_hash(text.rsplit("~", 1)[0] + "~", "sha-384")
    out = verify_sd_jwt(text, _ctx(), audience="https://hr.example", nonce="n-384")
    assert {c.id: c for c in out.checks}[HOLDER].status == PASS, out.checks


def test_vp_round_trips_through_qr_png(tmp_path) -> None:
    key, did = _learner()
    vp = make_vp([_micro()], key, did, challenge="qr-1", domain=None, now=NOW)
    read: list[str] = []
    for i, part in enumerate(qr.encode(vp)):
        path = tmp_path / f"p{i}.png"
        qr.make_qr_png(part, path)
        read += qr.read_qr_image(path)
    back = qr.decode(read)
    assert back == vp
    assert verify_presentation(back, challenge="qr-1", at=SOON, ctx=_ctx()).verdict == VERIFIED


@pytest.mark.parametrize(
    "value",
    [5, [], None, "[" * 100_000, '{"type": 5}', {"type": 5}, {"type": {"a": 1}}, "not json", True],
)
def test_anything_a_stranger_s_qr_holds_is_a_failed_check_not_an_error(value) -> None:
    """A QR decodes to any JSON value: none of them may raise out of the verifier."""
    import datetime as dt

    from wallet.present.presentation import check_presentation
    from wallet.verify.context import VerifyContext

    _report, verdict = check_presentation(value, VerifyContext(at=dt.datetime.now(dt.UTC)))
    assert verdict in ("failed", "unknown")


@pytest.mark.parametrize("odd_type", [True, 7, {"a": 1}, None])
def test_a_presented_credential_with_a_type_that_is_not_text_fails_plainly(odd_type) -> None:
    """Found by the fuzz harness: a credential whose `type` is true crashed the check."""
    key, did = _learner()
    vp = make_vp([_micro()], key, did, challenge="n", domain=None, now=NOW)
    vp["verifiableCredential"][0]["type"] = odd_type
    report = verify_presentation(vp, challenge="n", at=SOON, ctx=_ctx())
    assert overall_verdict(report) == FAILED
