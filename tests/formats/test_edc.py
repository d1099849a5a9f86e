"""Europass European Digital Credentials (ELM v3) over the Commission's own public samples:
what a learner sees after importing one, plain or sealed, and how it counts in a stack."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key

from wallet import cli, formats, messages
from wallet.credential import JADES, JWT, UNSIGNED, VC, Credential, Credits, Level
from wallet.errors import FormatError
from wallet.formats import edc
from wallet.proofs import jose
from wallet.stacks.engine import Held, evaluate
from wallet.stacks.model import Award, Requirement, Stack
from wallet.verify.checks import eu_elements

DATA = Path(__file__).resolve().parent.parent / "data" / "edc"
MC_PLAIN = "Sample-MC-Annex1-unsigned.jsonld"
MC_SEALED = "Sample-MC-Annex1-signed.jsonld"
PART_PLAIN = "Sample-CertOfPart-unsigned.jsonld"
PART_SEALED = "Sample-CertOfPart-signed.jsonld"


def raw(name: str) -> bytes:
    return (DATA / name).read_bytes()


def mc_document() -> dict[str, Any]:
    """The plain micro-credential sample, to change one thing in it."""
    doc: dict[str, Any] = json.loads(raw(MC_PLAIN))
    return doc


def as_bytes(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


@pytest.fixture
def reader_language() -> Any:
    """Set the reader's language for one test and put English back afterwards."""
    yield messages.set_language
    messages.set_language("en")


# --- the elements a learner reads ------------------------------------------------------------


def test_the_micro_credential_sample_shows_every_element() -> None:
    p = formats.parse(raw(MC_PLAIN), MC_PLAIN)
    c = p.credential
    assert (c.format, c.proof_form, p.media_type) == (VC, UNSIGNED, "application/json")
    assert c.title == "Digital micro-credential creation"  # not "European Digital Credential"
    assert c.issuer.name == "University of Zed"
    assert c.issuer.url == "https://uniz.edu"
    assert c.issuer.country == "Ireland"
    assert c.subject_name == "Ana Andromeda"
    assert c.credits == Credits(2, "ECTS")
    assert c.level == Level("6", "EQF")
    assert c.learning_outcomes == [
        "Communication, collaboration and creativity",
        "Developing digital content",
    ]
    assert c.volume_of_learning == Credits(60, "hours")  # PT60H, shown beside the ECTS
    assert c.participation == "Blended"
    assert c.assessment == (
        "Digital artefact assessment (artefact assessment, Online); "
        "Unsupervised without ID Verification"
    )
    assert c.grade == "Pass"
    assert c.entry_requirements is not None
    assert c.entry_requirements.startswith("The learner needs to have an EDC Online Credential")
    assert c.achievement_type == "Short learning programme"
    assert c.valid_from == "2022-12-31T23:00:00Z" and c.valid_until is None
    assert c.credential_id == "urn:credential:3ef0ac26-9a1f-41c6-871b-2b82e670907b"
    assert c.image is not None and c.image.startswith("data:image/png;base64,iVBOR")
    # The national level, the ISCED-F fields and the outcomes' ESCO skills stay findable.
    by_framework = {(a.target_framework, a.target_name) for a in c.alignments}
    assert ("NQF", "RQF Level 6") in by_framework
    assert ("ESCO", "develop digital content") in by_framework
    assert any(a.target_framework == "ISCED-F" and a.target_code == "0688" for a in c.alignments)
    assert p.payload == p.original == raw(MC_PLAIN)


def test_the_sample_is_an_eu_micro_credential_but_for_quality_assurance() -> None:
    c = formats.parse(raw(MC_PLAIN)).credential
    missing = [name for name, present in eu_elements(c).items() if not present]
    assert missing == ["quality_assurance"]  # the sample names no accreditation


def test_document_local_ids_identify_nobody() -> None:
    # Every EDC names its organisations and learner urn:epass:org:1, urn:epass:person:1, ...:
    # trusting "urn:epass:org:1" would trust every EDC issuer at once.
    c = formats.parse(raw(MC_PLAIN)).credential
    assert c.issuer.id is None and c.subject_id is None
    doc = mc_document()
    body = doc["credentialSubject"]["hasClaim"]["awardedBy"]["awardingBody"]
    body["id"] = "did:ebsi:zuniz"
    doc["credentialSubject"]["id"] = "did:key:z6MkLearner"
    c = formats.parse(as_bytes(doc)).credential
    assert c.issuer.id == "did:ebsi:zuniz" and c.subject_id == "did:key:z6MkLearner"


def test_a_certificate_of_participation_counts_its_hours_not_its_calendar() -> None:
    for name in (PART_PLAIN, PART_SEALED):
        c = formats.parse(raw(name), name).credential
        assert c.title == "EDC Updates Webinar"
        assert c.issuer.name == "European Digital Credentials for Learning Support Team"
        assert c.issuer.country == "Belgium"
        # The activity's workload PT2H; its specification's "P2M" (two months) is no workload.
        assert c.credits == Credits(2, "hours") and c.volume_of_learning is None
        assert c.participation == "Online"
        assert c.achievement_type == "workshop, seminar or conference"
        assert c.level is None and c.grade is None


# --- the sealed form --------------------------------------------------------------------------


def test_the_sealed_sample_is_read_from_inside_its_seal() -> None:
    data = raw(MC_SEALED)
    p = formats.parse(data, MC_SEALED)  # was: "malformed JWT: expected 3 parts separated by dots"
    c = p.credential
    assert (c.format, c.proof_form, p.media_type) == (VC, JADES, "application/json")
    assert p.payload == p.original == data  # the whole seal is kept, byte for byte
    inside = json.loads(json.loads(data)["payload"])
    assert c == edc.read_edc(inside, proof_form=JADES)
    assert Credential.from_dict(c.to_dict()) == c  # as the store keeps it
    assert c.title == "Digital micro-credential creation"
    assert c.issuer.name == "University of Zed"
    assert (c.credits, c.level, c.grade) == (Credits(2, "ECTS"), Level("6", "EQF"), "Pass")
    assert c.issued == "2023-09-27T13:54:17+02:00"  # this date, not the validity start
    assert c.valid_from == "2022-12-31T23:00:00Z"


def test_the_sealed_certificate_of_participation_is_read_too() -> None:
    p = formats.parse(raw(PART_SEALED))
    assert p.credential.proof_form == JADES
    assert p.credential.issued == "2023-09-27T14:07:01+02:00"


def test_a_seal_with_an_encoded_payload_is_read_too() -> None:
    # JAdES allows the ordinary base64url payload as well; its signing time marks it a seal.
    envelope = json.loads(raw(MC_SEALED))
    sig = envelope["signatures"][0]
    header = json.loads(jose.b64url_decode(sig["protected"]))
    header["b64"] = True
    header["crit"] = ["sigT", "adoTst"]
    sig["protected"] = jose.b64url_encode(json.dumps(header).encode())
    envelope["payload"] = jose.b64url_encode(envelope["payload"].encode())
    c = formats.parse(as_bytes(envelope)).credential
    assert (c.proof_form, c.title) == (JADES, "Digital micro-credential creation")


def test_a_broken_seal_is_called_a_seal_not_a_jwt() -> None:
    envelope = json.loads(raw(MC_SEALED))
    envelope["signatures"][0]["protected"] = jose.b64url_encode(b'{"b64": false}')
    with pytest.raises(FormatError) as err:
        formats.parse(as_bytes(envelope))
    assert "JAdES" in err.value.message and "JWT" not in err.value.message


def test_a_sealed_document_that_is_no_credential_says_so() -> None:
    envelope = json.loads(raw(MC_SEALED))
    envelope["payload"] = '{"greeting": "hello"}'
    with pytest.raises(FormatError, match="the sealed document has no recognised @context"):
        formats.parse(as_bytes(envelope))


def test_an_elm_credential_in_a_vc_jwt_is_read_as_elm() -> None:
    # EBSI issues EDCs as VC-JWTs too: the same ELM reading applies inside `vc`.
    key = generate_private_key(SECP256R1())
    claims = {"iss": "did:ebsi:zuniz", "vc": mc_document()}
    token = jose.sign_compact({"typ": "JWT"}, json.dumps(claims).encode(), key).encode()
    c = formats.parse(token).credential
    assert c.proof_form == JWT
    assert (c.title, c.credits, c.level) == (
        "Digital micro-credential creation",
        Credits(2, "ECTS"),
        Level("6", "EQF"),
    )


# --- a stranger's text -----------------------------------------------------------------------


def test_language_maps_follow_the_reader_then_english_then_any(reader_language: Any) -> None:
    doc = mc_document()
    claim = doc["credentialSubject"]["hasClaim"]
    claim["title"] = {"de": "Erstellung digitaler Microcredentials", "en": "Digital creation"}
    claim["specifiedBy"]["learningOutcome"][0]["title"] = {"fr": "Communication"}
    reader_language("de")
    c = formats.parse(as_bytes(doc)).credential
    assert c.title == "Erstellung digitaler Microcredentials"
    assert c.learning_outcomes[0] == "Communication"  # only French given: French it is
    reader_language("en")
    assert formats.parse(as_bytes(doc)).credential.title == "Digital creation"
    claim["title"] = {"es": "Creación digital", "en-GB": "Digital creation (UK)"}
    reader_language("de")
    assert formats.parse(as_bytes(doc)).credential.title == "Digital creation (UK)"


def test_a_strangers_text_is_plain_and_bounded() -> None:
    doc = mc_document()
    claim = doc["credentialSubject"]["hasClaim"]
    claim["title"] = {"en": "Evil\u202egnp.exe\x00 title\x1b[31m"}
    claim["description"] = {"en": "x" * 50_000}
    outcome = {"type": "LearningOutcome", "title": {"en": "one"}}
    claim["specifiedBy"]["learningOutcome"] = [
        {**outcome, "title": {"en": f"outcome {i}"}} for i in range(1000)
    ]
    c = formats.parse(as_bytes(doc)).credential
    assert c.title == "Evilgnp.exe title[31m"  # no direction override, no control characters
    assert c.description is not None and len(c.description) <= edc.MAX_TEXT
    assert len(c.learning_outcomes) == edc.MAX_ITEMS


def test_credit_points_in_another_framework_keep_its_name() -> None:
    doc = mc_document()
    spec = doc["credentialSubject"]["hasClaim"]["specifiedBy"]
    spec["creditPoint"] = {
        "type": "CreditPoint",
        "framework": {"type": "Concept", "prefLabel": {"en": "Study points"}},
        "point": "7,5",
    }
    assert formats.parse(as_bytes(doc)).credential.credits == Credits(7.5, "Study points")
    # The ECTS concept is known by its id whatever language its label is in.
    spec["creditPoint"] = {
        "type": "CreditPoint",
        "framework": {"id": edc.ECTS_CONCEPT, "prefLabel": {"de": "Leistungspunkte"}},
        "point": "5",
    }
    assert formats.parse(as_bytes(doc)).credential.credits == Credits(5, "ECTS")


def test_a_national_level_alone_is_named_by_its_framework() -> None:
    doc = mc_document()
    spec = doc["credentialSubject"]["hasClaim"]["specifiedBy"]
    del spec["eqfLevel"]
    assert formats.parse(as_bytes(doc)).credential.level == Level("6", "RQF")


@pytest.mark.parametrize(
    ("duration", "hours"),
    [("PT60H", 60.0), ("PT1H30M", 1.5), ("PT90M", 1.5), ("P2M", None), ("P1D", None), ("", None)],
)
def test_volume_of_learning_is_hours_only(duration: str, hours: float | None) -> None:
    assert edc.hours(duration) == hours


def test_a_europass_xml_credential_is_named_as_such() -> None:
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- issued by EDCI -->\n'
        b'<europassCredential xmlns="http://data.europa.eu/snb" id="urn:credential:1">'
        b"</europassCredential>"
    )
    with pytest.raises(FormatError) as err:
        formats.parse(xml, "diploma.xml")  # was: "XML is not an SVG image"
    assert "Europass" in err.value.message and "SVG" not in err.value.message
    # Any other XML still gets the SVG reader's answer.
    with pytest.raises(FormatError, match="not an SVG image"):
        formats.parse(b"<?xml version='1.0'?><note>hi</note>")


# --- stacks -------------------------------------------------------------------------------------


def _stack(root: Requirement) -> Stack:
    return Stack(id="s", name="EU stack", award=Award(name="EU stack"), root=root)


def test_an_edc_counts_its_ects_and_level_in_a_stack() -> None:
    sealed = formats.parse(raw(MC_SEALED)).credential
    part = formats.parse(raw(PART_PLAIN)).credential
    held = [Held("mc", sealed, "verified"), Held("webinar", part, "verified")]
    at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

    def credits(amount: float, unit: str, **kw: Any) -> Requirement:
        return Requirement("credits", id="c", credits=amount, unit=unit, **kw)

    ects = credits(2, "ECTS", framework="EQF", min_level=6)
    r = evaluate(_stack(ects), held, at=at)
    assert r.satisfied and r.root.counted == ["mc"]
    assert not evaluate(
        _stack(credits(2, "ECTS", framework="EQF", min_level=7)), held, at=at
    ).satisfied
    # In a field: the ISCED-F thematic area the credential names.
    in_field = credits(2, "ECTS", framework="EQF", field_of_study="0688")
    assert evaluate(_stack(in_field), held, at=at).satisfied
    # The webinar's two hours count where hours are asked for.
    r = evaluate(_stack(credits(2, "hours", framework=None)), held, at=at)
    assert r.satisfied and r.root.counted == ["webinar"]


# --- what `learner-wallet show` prints ------------------------------------------------------------


def test_show_prints_the_elements_of_an_imported_sealed_edc(tmp_path: Path) -> None:
    (tmp_path / "pass").write_text("correct horse battery staple\n")
    base = ["--wallet", str(tmp_path / "w.lwallet"), "--passphrase-file", str(tmp_path / "pass")]

    def run(*args: str) -> str:
        out = io.StringIO()
        cli.main([*base, *args], out=out)
        return out.getvalue()

    run("init")
    imported = run("import", str(DATA / MC_SEALED), "--json")
    cid = json.loads(imported.splitlines()[0])["id"]
    shown = run("show", cid)
    for line in (
        "Digital micro-credential creation",
        "University of Zed",
        "2 ECTS",
        "EQF 6",
        "• Developing digital content",
        "Blended",
        "Pass",
        "60 hours",
        "The learner needs to have an EDC Online Credential Builder account",
        "Ana Andromeda",
        "vc (jades)",
    ):
        assert line in shown
