"""Issue 18: the employer's reading of a Europass (EDC) credential shows its grade, entry
requirements and volume of learning, in words, beside the credits and level; in German too.

The public sample is the European Commission's signed micro-credential (Annex I of the
Council Recommendation), read through the importer's parser as the wallet reads it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from wallet import formats
from wallet.credential import Parsed
from wallet.messages import render
from wallet.paths import resources
from wallet.present.certificate import Certificate, certificate_of

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "edc" / "Sample-MC-Annex1-signed.jsonld"
REQUIREMENTS = (
    "The learner needs to have an EDC Online Credential Builder account, that requires an "
    "EU Login ID."
)


def sample() -> Parsed:
    return formats.parse(SAMPLE.read_bytes())


def labelled(cert: Certificate, code: str = "en") -> list[tuple[str, str]]:
    """(label, value) of each labelled line as a reader sees it."""
    return [
        (render(line.label, code), render(line.value, code))
        for line in cert.lines()
        if line.label is not None
    ]


def test_grade_entry_requirements_and_hours_are_shown_in_words() -> None:
    cert = certificate_of(sample())
    shown = dict(labelled(cert))
    assert shown["Grade"] == "Pass"
    assert shown["Prerequisites"] == REQUIREMENTS
    assert shown["Workload"] == "60 hours"
    # beside the facts the certificate already gave
    assert shown["Credits"] == "2 ECTS credits"
    assert shown["Level"] == "EQF level 6 (European Qualifications Framework)"
    text = cert.text()
    assert "Grade: Pass" in text and "Workload: 60 hours" in text
    assert f"Prerequisites: {REQUIREMENTS}" in text


def test_the_new_lines_sit_with_the_other_facts() -> None:
    order = [label for label, _value in labelled(certificate_of(sample()))]
    assert order.index("Credits") < order.index("Workload") < order.index("Grade")
    assert order.index("Learning outcomes") < order.index("Prerequisites")
    assert order.index("Prerequisites") < order.index("Assessment")


def test_german_certificate_of_the_europass_sample() -> None:
    cert = certificate_of(sample())
    shown = dict(labelled(cert, "de"))
    assert shown["Note"] == "Pass"  # the issuer's own word, as written
    assert shown["Voraussetzungen"] == REQUIREMENTS
    assert shown["Arbeitsaufwand"] == "60 Stunden"
    assert shown["Leistungspunkte"] == "2 ECTS-Punkte"
    assert "Arbeitsaufwand: 60 Stunden" in cert.text("de")


@pytest.mark.parametrize(
    ("hours", "english", "german"),
    [(7.5, "7.5 hours", "7,5 Stunden"), (1, "1 hour", "1 Stunde")],
)
def test_hours_are_written_as_the_reader_writes_them(hours, english, german) -> None:
    parsed = sample()
    volume = dataclasses.replace(parsed.credential.volume_of_learning, value=hours)
    record = dataclasses.replace(parsed.credential, volume_of_learning=volume)
    cert = certificate_of(dataclasses.replace(parsed, credential=record))
    assert dict(labelled(cert))["Workload"] == english
    assert dict(labelled(cert, "de"))["Arbeitsaufwand"] == german


def test_a_grade_the_results_already_give_is_not_shown_twice() -> None:
    """An Open Badges 3.0 credential's grade is one of its results; the record's grade, when
    it has one too, must not make a second Grade line."""
    path = next((resources() / "demo" / "credentials").glob("01-*"))
    parsed = formats.parse(path.read_bytes())
    record = dataclasses.replace(parsed.credential, grade="A-")
    cert = certificate_of(dataclasses.replace(parsed, credential=record))
    grades = [value for label, value in labelled(cert) if label == "Grade"]
    assert grades == ["A-"]


def test_hostile_entry_requirements_stay_plain_and_bounded() -> None:
    parsed = sample()
    record = dataclasses.replace(
        parsed.credential,
        entry_requirements="<b>Bold</b>\x1b[31m\u202e " + "x" * 100_000,
        grade="Pass\x00\r\nFail",
    )
    shown = dict(labelled(certificate_of(dataclasses.replace(parsed, credential=record))))
    assert shown["Prerequisites"].startswith("<b>Bold</b>")  # shown as text, never markup
    assert "\x1b" not in shown["Prerequisites"] and "\u202e" not in shown["Prerequisites"]
    assert len(shown["Prerequisites"]) <= 400
    assert shown["Grade"] == "Pass Fail"


def test_the_portfolio_shows_the_same_facts_once_in_the_readers_words(tmp_path) -> None:
    from wallet.export import select_ids
    from wallet.export.portfolio import build_portfolio, facts
    from wallet.store import WalletStore

    with WalletStore.create(tmp_path / "w.lwallet", "pw") as store:
        store.credentials.add(sample(), "test")
        ids = select_ids(store, everything=True)
        portfolio = build_portfolio(store, ids, verify=False, include_unverified=True)
    [item] = portfolio.items
    for code, grade, prerequisites, workload, hours in (
        ("en", "Grade", "Prerequisites", "Workload", "60 hours"),
        ("de", "Note", "Voraussetzungen", "Arbeitsaufwand", "60 Stunden"),
    ):
        rows = [(render(label, code), render(value, code)) for label, value in facts(item)]
        assert [v for label, v in rows if label == grade] == ["Pass"]
        assert [v for label, v in rows if label == prerequisites] == [REQUIREMENTS]
        assert [v for label, v in rows if label == workload] == [hours]
