"""JSON-LD safe mode: expansion must not silently drop anything a signature should cover."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from wallet.proofs import canon
from wallet.proofs.contexts import document_loader

SHARED = Path(__file__).resolve().parents[3] / "shared"
V1 = "https://www.w3.org/2018/credentials/v1"
V2 = "https://www.w3.org/ns/credentials/v2"
OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def _vc(subject: dict, context: list | None = None) -> dict:
    return {
        "@context": context or [V2, OB3],
        "id": "urn:uuid:1",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "did:example:issuer", "type": ["Profile"], "name": "Issuer"},
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {"type": ["AchievementSubject"], **subject},
    }


def _unsafe(doc: dict, loader=None) -> canon.UnsafeTerm:
    with pytest.raises(canon.UnsafeTerm) as info:
        canon.expand_safe(doc, loader)
    return info.value


def test_defined_terms_pass_and_return_the_expanded_form():
    expanded = canon.expand_safe(
        _vc(
            {
                "achievement": {
                    "id": "urn:a",
                    "type": ["Achievement"],
                    "name": "A",
                    "creditsAvailable": 5,
                }
            }
        )
    )
    text = json.dumps(expanded)
    assert "https://purl.imsglobal.org/spec/vc/ob/vocab.html#creditsAvailable" in text


def test_undefined_term_is_named_with_its_path():
    err = _unsafe(
        _vc(
            {
                "achievement": [
                    {"id": "urn:a", "type": ["Achievement"], "name": "A"},
                    {"id": "urn:b", "type": ["Achievement"], "name": "B", "bonusCredits": 10},
                ]
            }
        )
    )
    assert err.term == "bonusCredits"
    assert err.path == "credentialSubject.achievement[1].bonusCredits"
    assert "not defined by the credential's contexts" in str(err)


def test_undefined_top_level_term_and_keyword_lookalike():
    assert _unsafe({**_vc({}), "grade": "A+"}).path == "grade"
    assert _unsafe({**_vc({}), "@grade": "A+"}).term == "@grade"


def test_vc_11_context_without_vocab_drops_undefined_terms():
    doc = {
        "@context": [V1],
        "id": "urn:uuid:1",
        "type": ["VerifiableCredential"],
        "issuer": "did:example:i",
        "issuanceDate": "2026-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:s", "favouriteColour": "octarine"},
    }
    assert _unsafe(doc).path == "credentialSubject.favouriteColour"


def test_absolute_iri_and_compact_iri_keys_are_defined():
    ctx = [V2, OB3, {"ex": "https://example.org/vocab#"}]
    canon.expand_safe(_vc({"https://example.org/vocab#level": "5", "ex:hours": "40"}, ctx))


def test_relative_type_and_id_are_caught():
    err = _unsafe(
        _vc({"achievement": {"id": "urn:a", "type": ["Achievement", "Diploma"], "name": "A"}})
    )
    assert err.term == "Diploma" and err.path == "credentialSubject.achievement.type"
    err = _unsafe({**_vc({}), "id": "credentials/42"})
    assert err.term == "credentials/42" and err.path == "id"


def test_relative_iri_in_an_id_coerced_property_is_caught():
    ctx = [V2, OB3, {"homepage": {"@id": "https://example.org/vocab#homepage", "@type": "@id"}}]
    err = _unsafe(_vc({"homepage": "about/me"}, ctx))
    assert err.term == "about/me" and err.path == "credentialSubject.homepage"


def test_json_literal_content_is_not_checked():
    ctx = [V2, OB3, {"raw": {"@id": "https://example.org/vocab#raw", "@type": "@json"}}]
    canon.expand_safe(_vc({"raw": {"anything": [1, 2], "goes": {"here": True}}}, ctx))


def test_free_floating_value_is_caught_by_the_count_backstop():
    doc = {
        "@context": [V2],
        "@graph": [{"@value": "floating"}, {"id": "urn:x", "type": "VerifiableCredential"}],
    }
    err = _unsafe(doc)
    assert "dropped by JSON-LD expansion" in str(err)


def test_unknown_context_is_named():
    with pytest.raises(canon.ContextUnknown) as info:
        canon.expand_safe(_vc({}, [V2, "https://example.org/ctx/v9"]))
    assert info.value.url == "https://example.org/ctx/v9"


# --- vectors ---------------------------------------------------------------------------------

GOOD = [
    "1edtech-ob-spec/ob30-ldp-test-vector/signed-credential.json",
    "1edtech-ob-spec/clr20-ldp-test-vector/signed-credential.json",
    "1edtech-validator/ob30/simple.json",
    "1edtech-validator/ob30/simple_v1.json",
    "1edtech-validator/ob30/complete.json",
    "1edtech-validator/ob30/endorsement-valid.json",
    "1edtech-validator/ob30/simple-context-alias.json",
    "1edtech-validator/ob30/simple-context-version.json",
    "1edtech-validator/ob30/simple-did-key-method.json",
    "1edtech-validator/ob30/derivedcredential.json",
    "1edtech-validator/clr20/simple.json",
    "1edtech-validator/clr20/simple_v1.json",
    "1edtech-validator/clr20/complex.json",
]


def _cases() -> list[str]:
    if (SHARED / "vectors").is_dir():
        return GOOD
    note = f"NOTE: {SHARED / 'vectors'} is absent: safe-mode vector tests not collected"
    print(note)
    warnings.warn(note, stacklevel=2)
    return []


CASES = _cases()


def _loader():
    index = json.loads((SHARED / "contexts" / "index.json").read_text())
    return document_loader(
        {u: json.loads((SHARED / "contexts" / f).read_text()) for u, f in index.items()}
    )


def _members(doc: dict) -> list[dict]:
    nested = doc.get("credentialSubject", {}).get("verifiableCredential", [])
    return [doc, *(nested if isinstance(nested, list) else [nested])]


@pytest.mark.vectors
@pytest.mark.parametrize("name", CASES)
def test_1edtech_vectors_that_verify_pass_safe_mode(name):
    doc = json.loads((SHARED / "vectors" / name).read_text())
    for member in _members(doc):
        unsecured = {k: v for k, v in member.items() if k != "proof"}
        assert canon.expand_safe(unsecured, _loader())


@pytest.mark.vectors
@pytest.mark.parametrize("name", CASES[:1])
def test_clr_simple_noproof_nested_credential_fails_safe_mode(name):
    doc = json.loads((SHARED / "vectors/1edtech-validator/clr20/simple-noproof.json").read_text())
    nested = {
        k: v for k, v in doc["credentialSubject"]["verifiableCredential"][0].items() if k != "proof"
    }
    err = _unsafe(nested, _loader())
    assert err.term == "JsonSchemaValidator2020"
    assert err.path == "credentialSchema[0].type"


if not CASES:
    del test_1edtech_vectors_that_verify_pass_safe_mode
    del test_clr_simple_noproof_nested_credential_fails_safe_mode


def test_an_iri_with_a_space_is_caught_not_silently_left_unsigned() -> None:
    """pyld drops nodes whose IRI holds white space when converting to RDF: everything about
    them would be unsigned, so a changed value would still "verify". Signer and verifier refuse."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from wallet.proofs import keys
    from wallet.proofs.signing import SigningError, sign_data_integrity

    key = Ed25519PrivateKey.generate()
    did = keys.did_key_from_public_key(key.public_key())
    doc = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:example:1",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": did,
        "validFrom": "2026-01-01T00:00:00Z",
        "name": "Unit",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://poly.example/achievements/Data Analysis",
                "type": ["Achievement"],
                "name": "Unit",
                "creditsAvailable": 15,
            },
        },
    }
    with pytest.raises(SigningError, match="not an absolute IRI"):
        sign_data_integrity(doc, key, keys.did_key_verification_method(key.public_key()))
    with pytest.raises(canon.UnsafeTerm, match="credentialSubject.achievement.id"):
        canon.expand_safe(doc)
