"""Tampered SD-JWTs are forged credentials, not unreadable ones; bare issuer JWTs still verify.

RFC 9901 (SD-JWT) says a disclosure that matches no digest in the issuer-signed JWT makes the
whole SD-JWT invalid. Whatever path the wallet reads it by (a file checked with `verify`, a
credential inside a presentation, the wallet's own store), the verdict is `failed` on the proof
with that reason, never "not a credential" (`unknown`). The issuer is a did:key, so everything
is checked offline.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from wallet import cli, formats
from wallet.importer import IMPORTED, import_item
from wallet.present.presentation import check_presentation, make_vp, verify_presentation
from wallet.proofs import jose, keys
from wallet.sources import Item
from wallet.store import WalletStore
from wallet.verify.context import VerifyContext
from wallet.verify.report import FAIL, FAILED, PROOF, UNKNOWN_VERDICT, VERIFIED, WARNING
from wallet.verify.verifier import context_for_store, verify_parsed, verify_stored

AT = dt.datetime(2027, 1, 15, 12, 0, tzinfo=dt.UTC)
NOW = int(AT.timestamp())
ISSUER_KEY = Ed25519PrivateKey.generate()
ISSUER = keys.did_key_from_public_key(ISSUER_KEY.public_key())
HOLDER_KEY = Ed25519PrivateKey.generate()
HOLDER = keys.did_key_from_public_key(HOLDER_KEY.public_key())


def issue(given: str = "Aroha", family: str = "Ngata", disclosable: bool = True) -> str:
    """An SD-JWT VC by the did:key issuer; the learner's names are disclosable."""
    claims = {
        "iss": ISSUER,
        "iat": NOW - 86400,
        "exp": NOW + 365 * 86400,
        "sub": HOLDER,
        "vct": "https://issuer.example.test/vct/micro-credential",
        "given_name": given,
        "family_name": family,
        "achievement": {"name": "Sustainable Horticulture", "creditsAvailable": 15},
    }
    return jose.issue_sd_jwt(
        claims,
        ["given_name", "family_name"] if disclosable else [],
        ISSUER_KEY,
        header={"kid": keys.did_key_verification_method(ISSUER_KEY.public_key())},
    )


def named(disclosures: list[str], name: str) -> str:
    return next(d for d in disclosures if jose.decode_disclosure(d)[1] == name)


def foreign_digest() -> str:
    """A disclosure the issuer never signed a digest for (a claim added by someone else)."""
    jwt, disclosures, _ = jose.split_sd_jwt(issue())
    extra = jose.make_disclosure([jose.random_salt(), "grade", "A+ with distinction"])
    return "~".join([jwt, *disclosures, extra]) + "~"


def altered_value() -> str:
    """The family name's disclosure with its salt kept and its value changed."""
    jwt, disclosures, _ = jose.split_sd_jwt(issue())
    original = named(disclosures, "family_name")
    salt, name, _ = jose.decode_disclosure(original)
    forged = jose.make_disclosure([salt, name, "Mallory"])
    return "~".join([jwt, *(forged if d == original else d for d in disclosures)]) + "~"


def from_another_credential() -> str:
    """The given name's disclosure swapped for one from another SD-JWT by the same issuer."""
    jwt, disclosures, _ = jose.split_sd_jwt(issue())
    _, others, _ = jose.split_sd_jwt(issue(given="Mallory", family="Ngata"))
    mine, theirs = named(disclosures, "given_name"), named(others, "given_name")
    return "~".join([jwt, *(theirs if d == mine else d for d in disclosures)]) + "~"


TAMPERED = {
    "digest not in the payload": foreign_digest,
    "value altered": altered_value,
    "from another credential": from_another_credential,
}


def assert_no_digest_failure(proof: Any) -> None:
    assert proof is not None and proof.status == FAIL, proof
    assert "disclosure" in proof.message and "no digest" in proof.message, proof.message


def test_the_untouched_sd_jwt_verifies() -> None:
    report = verify_parsed(formats.parse(issue().encode()), VerifyContext(at=AT), "file")
    assert report.check(PROOF).status == "pass", report.checks
    assert report.verdict in (VERIFIED, WARNING)  # no trust list: the issuer is not trusted


@pytest.mark.parametrize("make", TAMPERED.values(), ids=TAMPERED.keys())
def test_tampered_disclosure_is_a_failed_proof_not_an_unreadable_file(make: Any) -> None:
    text = make()
    parsed = formats.parse(text.encode())  # readable: the record shows only what was signed
    assert "Mallory" not in (parsed.credential.subject_name or "")
    report = verify_parsed(parsed, VerifyContext(at=AT), "file")
    assert report.verdict == FAILED
    assert_no_digest_failure(report.check(PROOF))


@pytest.mark.parametrize("make", TAMPERED.values(), ids=TAMPERED.keys())
def test_cli_verify_says_failed_with_the_reason(make: Any, tmp_path: Path) -> None:
    path = tmp_path / "tampered.sd-jwt"
    path.write_text(make(), encoding="ascii")
    out = io.StringIO()
    code = cli.main(["verify", str(path), "--json", "--at", "2027-01-15T12:00Z"], out=out)
    report = json.loads(out.getvalue())
    assert code != 0 and report["verdict"] == FAILED, report
    proof = next(c for c in report["checks"] if c["id"] == PROOF)
    assert proof["status"] == FAIL and "no digest" in proof["message"], proof


@pytest.mark.parametrize("make", TAMPERED.values(), ids=TAMPERED.keys())
def test_presented_tampered_sd_jwt_fails_in_a_vp_and_as_a_qr_text(make: Any) -> None:
    text = make()
    vp = make_vp(
        [text], HOLDER_KEY, HOLDER, challenge="job-1", domain=None, now=AT - dt.timedelta(minutes=1)
    )
    report = verify_presentation(vp, challenge="job-1", at=AT, ctx=VerifyContext(at=AT))
    assert report.check(PROOF).status == "pass"  # the holder's own signature is fine
    [inner] = report.nested
    assert inner.verdict == FAILED and inner.verdict != UNKNOWN_VERDICT
    assert_no_digest_failure(inner.check(PROOF))
    qr_report, verdict = check_presentation(text, VerifyContext(at=AT))
    assert verdict == FAILED
    assert_no_digest_failure(qr_report.check(PROOF))


def test_the_same_vp_with_the_untouched_sd_jwt_is_not_failed() -> None:
    vp = make_vp(
        [issue()],
        HOLDER_KEY,
        HOLDER,
        challenge="job-1",
        domain=None,
        now=AT - dt.timedelta(minutes=1),
    )
    report = verify_presentation(vp, challenge="job-1", at=AT, ctx=VerifyContext(at=AT))
    assert report.nested[0].verdict in (VERIFIED, WARNING), report.nested[0].checks


# --- a bare issuer-signed JWT (no '~') ---------------------------------------------------------


@pytest.mark.parametrize("disclosable", [False, True], ids=["no disclosures", "all hidden"])
def test_bare_sd_jwt_imports_byte_exact_and_verifies(tmp_path: Path, disclosable: bool) -> None:
    bare = issue(disclosable=disclosable).split("~", 1)[0]
    assert "~" not in bare
    data = bare.encode("ascii") + b"\n"
    with WalletStore.create(tmp_path / "w.lwallet", "correct horse") as store:
        result = import_item(store, Item("bare.sd-jwt", data))
        assert result.status == IMPORTED, result.message
        assert store.credentials.get(result.id).original == data
        report = verify_stored(store, result.id, context_for_store(store, at=AT))
        assert report.verdict in (VERIFIED, WARNING), report.checks
        assert report.check(PROOF).status == "pass", report.checks
        again = verify_stored(store, result.id, context_for_store(store, at=AT))
        assert again.verdict == report.verdict
        assert store.credentials.get(result.id).original == data


def test_bare_sd_jwt_with_a_changed_payload_still_fails() -> None:
    bare = issue(disclosable=False).split("~", 1)[0]
    head, body, sig = bare.split(".")
    claims = json.loads(jose.b64url_decode(body))
    claims["family_name"] = "Mallory"
    forged = ".".join([head, jose.b64url_encode(json.dumps(claims).encode()), sig])
    report = verify_parsed(formats.parse(forged.encode()), VerifyContext(at=AT), "file")
    assert report.verdict == FAILED
    assert "changed after signing" in report.check(PROOF).message
