"""Issue 16 leftover: a claim path in words a learner reads (the share picker and the consent
screen list them): our words for names we know, in the reader's language; the issuer's names
as written but spaced, plain and bounded however odd they are."""

from __future__ import annotations

from wallet.messages import render
from wallet.present.claim_words import MAX_NAME, claim_words


def words(path, lang: str = "en") -> str:
    return render(claim_words(path), lang)


def test_well_known_names_read_as_words() -> None:
    assert words("given_name") == "Given name"
    assert words("family_name") == "Family name"
    assert words("birthdate") == "Birth date"
    assert words("email") == "Email"
    assert words("phone_number") == "Phone number"
    assert words("vct") == "Credential type"
    assert words("iat") == "Issued at"
    assert words("exp") == "Expires"
    assert words("iss") == "Issuer"
    assert words("credentialSubject") == "Subject"


def test_well_known_names_speak_german() -> None:
    assert words("given_name", "de") == "Vorname"
    assert words("family_name", "de") == "Nachname"
    assert words("birthdate", "de") == "Geburtsdatum"
    assert words("vct", "de") == "Art des Nachweises"
    assert words("address/street_address", "de") == "Adresse › Straße und Hausnummer"
    assert words("place_of_birth/locality", "de") == "Geburtsort › Ort"


def test_snake_and_camel_case_are_spaced_with_a_capital() -> None:
    assert words("street_address") == "Street address"
    assert words("dateOfBirth") == "Date Of Birth"
    assert words("achievement-type") == "Achievement type"


def test_nested_paths_read_as_steps_without_the_subject() -> None:
    assert words("address/street_address") == "Address › Street address"
    assert words("achievement/name") == "Achievement › Name"
    assert words("credentialSubject/achievement/criteria/narrative") == (
        "Achievement › Criteria › Narrative"
    )
    assert words("/credentialSubject/achievement/name") == "Achievement › Name"
    assert words("/credentialSubject/id") == "Your identifier"
    assert words("address/given_name") == "Address › Given name"


def test_array_indices_number_the_item_and_every_element_is_left_out() -> None:
    assert words("nationalities/1") == "Nationalities 2"
    assert words("credentialSubject/1/achievement/name") == "Item 2 › Achievement › Name"
    assert words(("degrees", None, "type")) == "Degrees › Type"
    assert words(("degrees", 0, "type")) == "Degrees 1 › Type"
    assert words(("address", "street_address")) == "Address › Street address"
    assert words("a~1b/c") == "A/b › C"


def test_a_hostile_name_stays_plain_one_line_and_bounded() -> None:
    long = "x" * 5000
    assert len(words(long)) == MAX_NAME and words(long).endswith("…")
    odd = ("<b>evil</b>\nline two\u202etxt.exe\x00",)
    shown = words(odd)
    assert shown == "<b>evil</b> line twotxt.exe"  # as written: never markup, one line
    assert "\n" not in shown and "\u202e" not in shown and "\x00" not in shown
    assert render(claim_words(odd), "de") == shown  # a stranger's words are never translated
    deep = "/".join(["step"] * 40)
    assert words(deep).startswith("… › ") and len(words(deep)) < 100
    assert words("{n}/{label}") == "{n} › {label}"  # braces are text, not placeholders
    assert words("___") == "___"  # nothing to space: as written
    assert words(("\x00\u200b",)) == "?"  # nothing left to show: still a line to read
