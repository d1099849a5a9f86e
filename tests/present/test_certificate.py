"""The certificate an employer reads: what a presented credential proves, in words.

Real credentials in every format the wallet reads (the demo wallet's, 1EdTech's OB 3.0 and
CLR 2.0 vectors, the IETF SD-JWT VC vectors), read through the importer's parser, presented
and verified the way the verify window does; then in German, and with a hostile issuer's
values."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from wallet import formats
from wallet.messages import render
from wallet.paths import resources
from wallet.present import certificate as cert_mod
from wallet.present.certificate import Certificate, certificate_of, certificates_of
from wallet.present.presentation import check_presentation, make_sd_jwt_presentation, make_vp
from wallet.proofs import keys
from wallet.verify.context import VerifyContext

DEMO = resources() / "demo" / "credentials"
VECTORS = Path(__file__).resolve().parents[2].parent / "shared" / "vectors"
DEMO_ISSUER = "did:key:z6MkhWDKUHqLByfyJqwan7K67QKEkoUvWEJ6VFoNShtdptu9"
DEMO_ISSUER_NAME = "Demo Polytechnic (DEMO ISSUER \u2014 not a real institution)"
# What must never show outside the technical details: identifiers and timestamps as written.
RAW = re.compile(r"urn:uuid:|did:key:|ext:\w|https?://|\d{4}-\d{2}-\d{2}T\d{2}:|sha256\$")
AT = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def demo(prefix: str) -> Certificate:
    return certificate_of(formats.parse(next(DEMO.glob(f"{prefix}-*")).read_bytes()))


def vector(path: str) -> Certificate:
    if not VECTORS.is_dir():
        pytest.fail(f"the public test vectors are missing: {VECTORS} (see ../shared/README.md)")
    return certificate_of(formats.parse((VECTORS / path).read_bytes()))


def lines(cert: Certificate, code: str = "en") -> dict[str, str]:
    """The labelled lines as a reader sees them (a list's items joined with " | ")."""
    out: dict[str, str] = {}
    last = ""
    for line in cert.lines():
        value = render(line.value, code)
        if line.label is None:
            out[last] += " | " + value
        else:
            last = render(line.label, code)
            out[last] = value
    return out


def primary_text(cert: Certificate, code: str = "en") -> str:
    """The summary and every line shown as the certificate (not the secondary identifier)."""
    shown = [render(cert.title, code), render(cert.summary, code)]
    shown += [render(line.value, code) for line in cert.lines() if not line.secondary]
    return "\n".join(shown)


def learner() -> tuple[Any, str]:
    data = json.loads((resources() / "demo" / "issuer-key.json").read_text("utf-8"))["learner"]
    return keys.private_key_from_jwk(data["privateJwk"]), data["did"]


# ----- each format ------------------------------------------------------------------------------


def test_ob3_micro_credential_reads_as_one_sentence_with_grade_level_and_credits() -> None:
    cert = demo("01")
    assert render(cert.summary, "en") == (
        f"Awarded to Aroha Demo-Learner by {DEMO_ISSUER_NAME} on 20 February 2026: "
        "Data Analysis with Python (15 NZQF credits, NZQF level 5)."
    )
    shown = lines(cert)
    assert shown["Awarded to"] == "Aroha Demo-Learner"
    assert shown["Issued by"] == DEMO_ISSUER_NAME
    assert shown["Date awarded"] == "20 February 2026"
    assert shown["Valid until"] == "no end date"
    assert shown["Level"] == "NZQF level 5 (New Zealand Qualifications and Credentials Framework)"
    assert shown["Credits"] == "15 NZQF credits"
    # the result is read with its result description: a grade, not "Result 2 › Value"
    assert shown["Grade"] == "A-"
    assert shown["Status"] == "completed (Course completion)"
    assert shown["Learning outcomes"].startswith("Import, clean and reshape tabular data")
    assert shown["Learning outcomes"].count(" | ") == 3
    assert shown["Assessment"].startswith("Portfolio of three analysis projects")
    assert shown["Participation"].startswith("Blended")
    assert shown["Quality assurance"].startswith("Demo statement")
    assert cert.awarded == dt.date(2026, 2, 20)
    assert not RAW.search(primary_text(cert)), primary_text(cert)
    # the issuer's identifier is a secondary line; identifiers and times as written are in
    # the technical details
    (secondary,) = [line for line in cert.lines() if line.secondary]
    assert render(secondary.value) == DEMO_ISSUER
    technical = {render(label): value for label, value in cert.technical}
    assert technical["Credential ID"] == "urn:uuid:0b4e4ad7-8501-59b9-bdc8-0b434c0743b0"
    assert technical["Issued (as written)"] == "2026-02-20T00:00:00Z"
    assert "ext:QualificationsFrameworkLevel" in technical["Alignment 1"]
    assert technical["Learner's identifier"].startswith("did:key:z6Mkve")


def test_eqf_level_and_ects_credits_in_words() -> None:
    cert = demo("03")
    assert render(cert.summary).endswith(
        "on 15 May 2026: Cloud Security Fundamentals (5 ECTS credits, EQF level 6)."
    )
    assert lines(cert)["Level"] == "EQF level 6 (European Qualifications Framework)"
    assert lines(cert)["Credits"] == "5 ECTS credits"


def test_vc_jwt_and_ob2_signed_assertion() -> None:
    jwt = demo("09")
    assert render(jwt.summary) == (
        f"Awarded to Aroha Demo-Learner by {DEMO_ISSUER_NAME} on 10 July 2026: "
        "Digital Literacy Essentials."
    )
    assert lines(jwt)["Criteria"] == "Complete five practical tasks observed by a tutor."
    ob2 = demo("08")  # the recipient is a hashed e-mail: no name is revealed
    assert render(ob2.summary) == (
        f"Awarded to a learner whose name is not shown by {DEMO_ISSUER_NAME} on 3 July 2026: "
        "Peer Mentor."
    )
    assert lines(ob2)["Awarded to"] == (
        "name not revealed (only an identifier, in the technical details)"
    )
    assert not RAW.search(primary_text(ob2))
    technical = {render(label): value for label, value in ob2.technical}
    assert technical["Learner's identifier"].startswith("sha256$")
    assert technical["Credential format"] == "Open Badges 2.0"


def test_sd_jwt_vc_with_the_name_withheld_says_not_revealed() -> None:
    token = next(DEMO.glob("10-*")).read_text("ascii").strip()
    key, _did = learner()
    whole = certificate_of(formats.parse(token.encode()))
    assert whole.awarded_to == "Aroha Demo-Learner"
    shown = make_sd_jwt_presentation(token, ["completion_date"], key, aud="hr", nonce="n", now=AT)
    (cert,) = certificates_of(shown)
    assert cert.awarded_to is None
    assert lines(cert)["Awarded to"] == (
        "name not revealed (only an identifier, in the technical details)"
    )
    assert render(cert.summary) == (
        f"Awarded to a learner whose name is not shown by {DEMO_ISSUER_NAME} on 16 July 2026: "
        "Workshop Health and Safety Induction."
    )
    named = make_sd_jwt_presentation(token, ["given_name"], key, aud="hr", nonce="n", now=AT)
    assert certificates_of(named)[0].awarded_to == "Aroha"


def test_ietf_pid_with_no_title_name_or_issuer_name() -> None:
    """An SD-JWT VC whose type is a URN and whose issuer gives only its address."""
    cert = vector("ietf-sd-jwt/sA.3-sd-jwt-vc-pid-kb-presentation.txt")
    assert render(cert.summary) == (
        "Awarded to a learner whose name is not shown by the issuer at "
        "pid-issuer.bund.de.example on 2 May 2023: Credential without a title."
    )
    assert lines(cert)["Awarded to"] == "not revealed"
    assert lines(cert)["Valid until"] == "1 September 2029"
    assert not RAW.search(primary_text(cert)), primary_text(cert)
    technical = {render(label): value for label, value in cert.technical}
    assert technical["Credential type"] == "urn:eudi:pid:de:1"


def test_1edtech_ob3_results_and_clr_bundle() -> None:
    complete = vector("1edtech-validator/ob30/complete.json")
    shown = lines(complete)
    assert shown["Grade"] == "A (Final Project Grade)"
    assert shown["Status"] == "completed (Final Project Grade)"
    assert shown["Credits"] == "36 credits"
    assert shown["Valid until"] == "1 January 2030"
    clr = vector("1edtech-ob-spec/clr20-ldp-test-vector/signed-credential.json")
    assert render(clr.title) == "Sample Transcript"
    assert lines(clr)["Issued by"] == "Example University"
    assert clr.includes and "Includes" in lines(clr)
    complex_clr = vector("1edtech-validator/clr20/complex.json")
    assert len(complex_clr.includes) == 6
    assert "Human Anatomy and Physiology" in complex_clr.includes


# ----- a presentation, checked -------------------------------------------------------------------


def test_presentation_certificates_carry_each_credentials_verdict_and_trust() -> None:
    key, did = learner()
    micro = json.loads(next(DEMO.glob("01-*")).read_text("utf-8"))
    jwt = next(DEMO.glob("09-*")).read_text("ascii").strip()
    vp = make_vp([micro, jwt], key, did, challenge="c", domain=None, now=AT)
    trusted = VerifyContext(at=AT, trusted_issuers=frozenset({DEMO_ISSUER}))
    report, _verdict = check_presentation(vp, trusted, challenge="c")
    first, second = certificates_of(vp, report)
    assert render(first.title) == "Data Analysis with Python"
    assert render(second.title) == "Digital Literacy Essentials"  # the enveloped VC-JWT
    assert first.verdict == report.nested[0].verdict and second.verdict == report.nested[1].verdict
    assert lines(first)["Trusted issuer"] == "yes, on your list of trusted issuers"
    stranger, _ = check_presentation(vp, VerifyContext(at=AT), challenge="c")
    assert lines(certificates_of(vp, stranger)[0])["Trusted issuer"] == (
        "no, not on your list of trusted issuers"
    )
    # unchecked (the share preview): nothing said about trust
    assert "Trusted issuer" not in lines(certificates_of(vp)[0])
    assert certificates_of(vp)[0].verdict is None


def test_an_unreadable_presented_credential_is_one_sentence() -> None:
    vp = {"type": ["VerifiablePresentation"], "verifiableCredential": [{"hello": "world"}]}
    (cert,) = certificates_of(vp)
    assert render(cert.summary).startswith("This credential could not be read: not a credential")
    assert cert.lines() == []


# ----- German -------------------------------------------------------------------------------------


def test_german_certificate() -> None:
    cert = demo("01")
    assert render(cert.summary, "de") == (
        f"Verliehen an Aroha Demo-Learner von {DEMO_ISSUER_NAME} am 20. Februar 2026: "
        "Data Analysis with Python (15 NZQF-Credits, NZQF-Stufe 5)."
    )
    shown = lines(cert, "de")
    assert shown["Note"] == "A-"
    assert shown["Leistungspunkte"] == "15 NZQF-Credits"
    assert shown["Verliehen am"] == "20. Februar 2026"
    assert shown["Gültig bis"] == "ohne Enddatum"
    assert shown["Stand"] == "abgeschlossen (Course completion)"
    eqf = lines(demo("03"), "de")
    assert eqf["Stufe"] == "EQR-Niveau 6 (Europäischer Qualifikationsrahmen)"
    assert eqf["Leistungspunkte"] == "5 ECTS-Punkte"
    withheld = demo("08")
    assert render(withheld.summary, "de").startswith(
        "Verliehen an eine namentlich nicht genannte Person von"
    )


# ----- a hostile issuer ---------------------------------------------------------------------------

HTML = '<img src="/dev/zero"><b>Bold</b> &amp; <a href="https://evil.example/">click</a>'
CONTROL = "Line\x00one\x1b[31m red\r\nnext\u202eevil\u2066x\u2069\x7f\x85end"


def hostile_document() -> dict[str, Any]:
    doc = json.loads(next(DEMO.glob("01-*")).read_text("utf-8"))
    doc = copy.deepcopy(doc)
    doc.pop("proof")
    subject = doc["credentialSubject"]
    achievement = subject["achievement"]
    achievement["name"] = HTML + " " + "Huge title " * 20_000
    achievement["description"] = CONTROL + " " + "x" * 100_000
    doc["issuer"]["name"] = CONTROL
    subject["identifier"][0]["identityHash"] = "Aroha " * 5_000
    extension = achievement["microCredentialExtension"]
    extension["learningOutcomes"] = [f"{HTML} {n}" for n in range(500)]
    extension["assessment"] = "A" * 1_000_000
    extension["level"] = {"framework": "NZQF", "value": "5" * 100_000}
    subject["result"][1]["value"] = HTML * 1000
    return doc


def test_hostile_values_stay_plain_and_bounded() -> None:
    cert = certificate_of(formats.parse(json.dumps(hostile_document()).encode()))
    texts = [render(cert.title), render(cert.summary)]
    texts += [render(line.value) for line in cert.lines()]
    texts += [render(line.label) for line in cert.lines() if line.label is not None]
    texts += [value for _label, value in cert.technical]
    for text in texts:
        assert not any(unicodedata.category(ch) == "Cc" for ch in text), repr(text[:80])
        assert not set(text) & {"\u202e", "\u2066", "\u2069"}, repr(text[:80])
    assert len(render(cert.summary)) < 1_000
    assert all(len(t) <= 500 for t in texts[2:])
    assert len(cert.learning_outcomes) == cert_mod.MAX_OUTCOMES
    assert lines(cert)["Learning outcomes"].endswith(f"and {500 - cert_mod.MAX_OUTCOMES} more")
    # markup is kept as the characters it is: a plain string, never interpreted or dropped
    assert render(cert.title).startswith(HTML)
    assert render(cert.title).endswith("\u2026")
    assert lines(cert)["Learning outcomes"].startswith(HTML)
    assert cert.issuer_name == "Line one [31m red next evil x end"
    assert len(cert.awarded_to or "") <= cert_mod.MAX_NAME
    assert len(lines(cert)["Level"]) < 120
