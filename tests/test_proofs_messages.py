"""The proof code's errors reach a person in the reader's language, with the credential's own
text (header names, field paths, library details) kept exactly as written, and the English
unchanged."""

from __future__ import annotations

import pytest

from wallet.errors import FormatError
from wallet.messages import M, render
from wallet.proofs import canon, jose, keys
from wallet.proofs.jose import b64url_encode

V2 = "https://www.w3.org/ns/credentials/v2"


def test_a_jwt_with_two_parts_is_refused_in_german_and_english() -> None:
    with pytest.raises(FormatError) as info:
        jose.decode_compact("abc.def")
    assert str(info.value) == "malformed JWT: expected 3 parts separated by dots, found 2"
    assert render(info.value.msg, "de") == (
        "fehlerhaftes JWT: 3 durch Punkte getrennte Teile erwartet, 2 gefunden"
    )


def test_a_header_that_is_not_json_names_the_parser_detail_in_both_languages() -> None:
    token = f"{b64url_encode(b'{nope')}.{b64url_encode(b'{}')}.sig"
    with pytest.raises(FormatError) as info:
        jose.decode_compact(token)
    detail = "Expecting property name enclosed in double quotes"
    assert str(info.value) == f"malformed JWT: header is not JSON (line 1: {detail})"
    assert render(info.value.msg, "de") == (
        f"fehlerhaftes JWT: der Header ist kein JSON (Zeile 1: {detail})"
    )


def test_a_repeated_json_name_is_quoted_as_written() -> None:
    with pytest.raises(FormatError) as info:
        jose.load_json_bytes(b'{"r\xc3\xb4le": 1, "r\xc3\xb4le": 2}')
    assert str(info.value) == (
        "not accepted: the key 'rôle' appears more than once in one JSON object"
    )
    assert render(info.value.msg, "de") == (
        "nicht akzeptiert: der Schlüssel 'rôle' kommt in einem JSON-Objekt mehr als einmal vor"
    )


def test_the_caller_names_the_document_at_the_start_of_a_json_error() -> None:
    # wallet.verify passes the subject of the sentence; the problem follows it.
    with pytest.raises(FormatError) as info:
        jose.load_json_bytes(b"[NaN]", M("the JWT payload is"))
    assert str(info.value) == "the JWT payload is JSON refused: NaN (not a JSON value)"


def test_a_critical_header_extension_is_explained_in_german() -> None:
    problem = jose.crit_problem({"alg": "EdDSA", "crit": ["b64x"], "b64x": False})
    assert problem is not None
    assert str(problem).startswith("the JWS header marks 'b64x' as critical ('crit')")
    assert render(problem, "de").startswith(
        "der JWS-Header kennzeichnet 'b64x' als kritisch ('crit')"
    )


def test_an_undefined_term_keeps_its_name_and_path_in_german() -> None:
    doc = {
        "@context": [V2],
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "credentialSubject": {"nickname": "Aroha"},
    }
    with pytest.raises(canon.UnsafeTerm) as info:
        canon.expand_safe(doc)
    where = "credentialSubject.nickname"
    assert str(info.value) == (
        f"term 'nickname' is not defined by the credential's contexts at {where}"
    )
    assert render(info.value.msg, "de") == (
        f"der Begriff 'nickname' ist in den Kontexten des Nachweises nicht definiert, bei {where}"
    )


def test_too_many_values_is_too_complex_in_german_with_the_limit() -> None:
    with pytest.raises(canon.TooComplex) as info:
        canon.check_values({"items": [0] * (canon.MAX_VALUES + 1)})
    limit = canon.MAX_VALUES
    english, german = f"{limit:,}", f"{limit:,}".replace(",", ".")  # grouped as each writes it
    assert str(info.value).startswith(f"too complex to check: it holds more than {english} values")
    assert render(info.value.msg, "de").startswith(
        f"zu komplex zum Prüfen: das Dokument enthält mehr als {german} Werte"
    )


def test_an_unresolvable_did_method_is_named_as_written() -> None:
    with pytest.raises(keys.KeyFormatError) as info:
        keys.public_key_from_did("did:web:example.org")
    assert str(info.value) == "DID method 'web' cannot be resolved offline"
    assert render(info.value.msg, "de") == (
        "die DID-Methode 'web' lässt sich nicht offline auflösen"
    )
