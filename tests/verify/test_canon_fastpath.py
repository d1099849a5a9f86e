"""The verification path (memoized safe-mode expansion, then `canonicalize_expanded`) must give
byte for byte what plain pyld gives for the original document, on credentials of many shapes.

Why: verification no longer runs pyld's `normalize` on the credential. It expands once with a
processor that memoizes processed contexts and IRI expansions across credentials, and
canonicalizes from that expanded form without expanding it again. Any difference from plain
pyld would make a good signature fail, or - worse - two different documents share a result.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import pytest
from pyld import jsonld
from pyld.canon import URDNA2015

from tests import issuers
from wallet.proofs import canon
from wallet.proofs.contexts import document_loader

V2 = "https://www.w3.org/ns/credentials/v2"
OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
UNDEF = "https://www.w3.org/ns/credentials/undefined-terms/v2"
ROOT = Path(__file__).resolve().parents[2]


def _ob3(i: int, subject_id: bool = True, **extra: object) -> dict:
    """An OB 3.0 credential with nested blank nodes (identifier, alignment, extension)."""
    subject: dict = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": ["IdentityObject"],
                "identityHash": f"Learner {i}",
                "identityType": "name",
                "hashed": False,
            }
        ],
        "achievement": {
            "id": f"https://example.edu/achievements/{i}",
            "type": ["Achievement"],
            "name": f"Unit {i}",
            "description": 'Plan,\tcarry out\nand "review" \\ a project',
            "criteria": {"narrative": "Pass the assessment."},
            "creditsAvailable": 5 + i,
            "alignment": [
                {
                    "type": ["Alignment"],
                    "targetName": f"Level {k}",
                    "targetUrl": f"https://frameworks.example/{k}",
                }
                for k in range(i % 3)
            ],
            "resultDescription": [
                {
                    "id": f"urn:uuid:{i:08d}-0000-4000-8000-000000000001",
                    "type": ["ResultDescription"],
                    "name": "Grade",
                    "resultType": "LetterGrade",
                    "allowedValue": ["A", "B"],
                }
            ],
        },
        "result": [
            {
                "type": ["Result"],
                "value": "A",
                "resultDescription": f"urn:uuid:{i:08d}-0000-4000-8000-000000000001",
            }
        ],
    }
    if subject_id:
        subject["id"] = f"did:example:learner{i}"
    doc = {
        "@context": [V2, OB3],
        "id": f"urn:uuid:5be1c0de-0000-4000-8000-{i:012d}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"Badge {i} – Te Reo Māori ✓",
        "issuer": {"id": "did:example:issuer", "type": ["Profile"], "name": "Issuer"},
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": subject,
    }
    doc.update(extra)
    return doc


def _twins() -> dict:
    """Blank nodes that only their position tells apart (RDFC-1.0 n-degree hashing)."""
    doc = _ob3(1, subject_id=False)
    same = {"type": ["Achievement"], "name": "Same"}
    doc["credentialSubject"]["achievement"] = [copy.deepcopy(same) for _ in range(3)]
    doc["evidence"] = [{"type": ["Evidence"], "name": "E"}, {"type": ["Evidence"], "name": "E"}]
    return doc


def _languages() -> dict:
    ctx = {
        "note": {"@id": "https://example.org/note"},
        "tagged": {"@id": "https://example.org/tagged", "@language": "en-NZ"},
    }
    doc = _ob3(
        2,
        **{
            "note": [
                {"@value": "Kia ora", "@language": "mi"},
                {"@value": "Hello", "@language": "EN-nz"},
                {"@value": "مرحبا", "@language": "ar", "@direction": "rtl"},
            ],
            "tagged": "Kia ora koutou",
        },
    )
    doc["@context"] = [V2, OB3, ctx]
    return doc


def _literals() -> dict:
    ctx = {
        "@vocab": "https://example.org/vocab#",
        "payload": {"@id": "https://example.org/payload", "@type": "@json"},
        "steps": {"@id": "https://example.org/steps", "@container": "@list"},
        "when": {
            "@id": "https://example.org/when",
            "@type": "http://www.w3.org/2001/XMLSchema#date",
        },
    }
    doc = _ob3(
        3,
        **{
            "ratio": 1.5,
            "whole": 5.0,
            "huge": 10**21,
            "flag": True,
            "off": False,
            "count": -7,
            "payload": {"b": [1, 2.5, None], "a": "x"},
            "steps": ["one", {"name": "two"}, 3],
            "when": "2026-05-01",
            "control": "bell\u0007 back\b form\f del\x7f nul-ish\u0001",
            "emoji": "🎓 \u2028 line",
        },
    )
    doc["@context"] = [V2, OB3, ctx]
    return doc


def _proof_set() -> dict:
    """A document that carries the proof it chains to (proof is a graph container)."""
    doc = _ob3(4)
    doc["proof"] = [
        {
            "id": "urn:uuid:proof-1",
            "type": "DataIntegrityProof",
            "cryptosuite": "eddsa-rdfc-2022",
            "created": "2026-01-01T00:00:00Z",
            "verificationMethod": "did:example:issuer#key-1",
            "proofPurpose": "assertionMethod",
            "proofValue": "z3FXQ",
        },
        {
            "type": "DataIntegrityProof",
            "cryptosuite": "ecdsa-rdfc-2019",
            "created": "2026-01-02T00:00:00Z",
            "verificationMethod": "did:example:issuer#key-2",
            "proofPurpose": "assertionMethod",
            "proofValue": "z4GYR",
        },
    ]
    return doc


def _explicit_blank_ids() -> dict:
    doc = _ob3(5, subject_id=False)
    doc["credentialSubject"]["id"] = "_:c14n0"
    doc["issuer"]["id"] = "_:b7"
    return doc


def _proof_config() -> dict:
    return {
        "@context": [V2, OB3],
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": "2026-07-01T00:00:00Z",
        "verificationMethod": "did:key:z6MkTest#z6MkTest",
        "proofPurpose": "assertionMethod",
    }


def _graph_and_reverse() -> dict:
    ctx = {
        "@vocab": "https://example.org/vocab#",
        "parentOf": {"@reverse": "https://example.org/vocab#childOf"},
        "inside": {"@id": "https://example.org/inside", "@container": "@graph"},
    }
    doc = _ob3(
        6,
        **{
            "parentOf": [{"id": "https://example.org/kid", "name": "Kid"}],
            "inside": {"name": "in a graph", "nested": {"name": "deeper"}},
        },
    )
    doc["@context"] = [V2, OB3, ctx]
    return doc


def _demo(name: str) -> dict:
    doc = json.loads((ROOT / "resources" / "demo" / "credentials" / name).read_text())
    doc.pop("proof", None)
    return doc


def _vc11() -> dict:
    return {
        "@context": [
            "https://www.w3.org/2018/credentials/v1",
            "https://w3id.org/security/suites/ed25519-2020/v1",
        ],
        "id": "urn:uuid:11",
        "type": ["VerifiableCredential"],
        "issuer": "did:example:i",
        "issuanceDate": "2026-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:s"},
    }


DOCUMENTS = {
    "ob3-subject-id": lambda: _ob3(7),
    "ob3-blank-subject": lambda: _ob3(8, subject_id=False),
    "ob3-undefined-terms-context": lambda: {
        **_ob3(9),
        "@context": [V2, OB3, UNDEF],
        "extraTerm": "allowed by the vocab context",
    },
    "twins": _twins,
    "languages": _languages,
    "literals": _literals,
    "proof-set": _proof_set,
    "explicit-blank-ids": _explicit_blank_ids,
    "proof-config": _proof_config,
    "graph-and-reverse": _graph_and_reverse,
    "ects-microcredential": issuers.ects_microcredential,
    "vc-1.1": _vc11,
}
DEMOS = sorted(p.name for p in (ROOT / "resources" / "demo" / "credentials").glob("*.json"))


def _documents() -> list[tuple[str, dict]]:
    out = [(name, make()) for name, make in DOCUMENTS.items()]
    out += [(f"demo/{name}", _demo(name)) for name in DEMOS]
    return out


CASES = _documents()


def _plain_expand(doc: dict) -> list:
    return jsonld.JsonLdProcessor().expand(doc, {"documentLoader": document_loader()})


class _PlainSha384(URDNA2015):
    """pyld's own URDNA2015 with SHA-384, and nothing else of ours."""

    def create_hash(self):  # noqa: ANN201 - pyld's hook
        return hashlib.sha384()


def _plain(doc: dict, hash_name: str = "sha256") -> str:
    """The reference: plain pyld, to_rdf from the original document then its URDNA2015 - none
    of wallet.proofs.canon's processor, memo or RDFC-1.0 subclass."""
    dataset = jsonld.JsonLdProcessor().to_rdf(
        doc, {"documentLoader": document_loader(), "produceGeneralizedRdf": False}
    )
    algorithm = URDNA2015() if hash_name == "sha256" else _PlainSha384()
    return algorithm.main(dataset, {"format": "application/n-quads"})


@pytest.mark.parametrize("hash_name", ["sha256", "sha384"])
@pytest.mark.parametrize(("name", "doc"), CASES, ids=[c[0] for c in CASES])
def test_fast_path_equals_plain_pyld(name, doc, hash_name):
    expanded = canon.expand_safe(doc)  # every case is safe-mode clean, as verification needs
    assert expanded == _plain_expand(doc)
    want = _plain(doc, hash_name)
    assert canon.canonicalize_expanded(expanded, hash_name) == want
    assert want.count("\n") >= 4
    # twice, with every memo now warm: the same bytes, and the expanded form is not changed
    before = json.dumps(expanded, sort_keys=True)
    assert canon.canonicalize_expanded(canon.expand_safe(doc), hash_name) == want
    assert json.dumps(expanded, sort_keys=True) == before


def test_every_varied_document_is_safe_mode_clean():
    """The cross-check above is only worth something if it really canonicalizes them all."""
    unsafe = []
    for name, doc in CASES:
        try:
            canon.expand_safe(doc)
        except canon.UnsafeTerm as e:
            unsafe.append(f"{name}: {e}")
    assert not unsafe


def test_memo_never_lets_two_documents_share_a_result():
    """Same shape, different embedded contexts: each must get its own meaning."""

    def doc(iri: str, scoped: str) -> dict:
        return {
            "@context": [
                V2,
                {
                    "grade": {"@id": iri},
                    "Thing": {
                        "@id": "https://example.org/Thing",
                        "@context": {"inner": {"@id": scoped}},
                    },
                },
            ],
            "id": "urn:uuid:x",
            "type": ["VerifiableCredential"],
            "issuer": "did:example:i",
            "validFrom": "2026-01-01T00:00:00Z",
            "grade": "A",
            "credentialSubject": {"id": "did:example:s", "type": "Thing", "inner": "v"},
        }

    seen = set()
    for iri, scoped in [
        ("https://example.org/a", "https://example.org/in1"),
        ("https://example.org/b", "https://example.org/in1"),
        ("https://example.org/a", "https://example.org/in2"),
        ("https://example.org/a", "https://example.org/in1"),
    ]:
        d = doc(iri, scoped)
        got = canon.canonicalize_expanded(canon.expand_safe(d))
        assert got == _plain(d)
        assert f"<{iri}>" in got and f"<{scoped}>" in got
        seen.add(got)
    assert len(seen) == 3


def test_a_document_changed_in_place_is_expanded_afresh():
    """Objects from the caller's document are keyed by content, never by identity."""
    d = _languages()
    first = canon.expand_safe(d)
    d["@context"][2]["note"]["@id"] = "https://example.org/changed"
    second = canon.expand_safe(d)
    assert "https://example.org/changed" in json.dumps(second)
    assert "https://example.org/changed" not in json.dumps(first)
    assert second == _plain_expand(d)


def test_memo_is_used_only_with_the_shipped_loader():
    """A loader with extra documents may map a URL to other content: no memo for it."""
    url = "https://example.org/ctx/v1"
    doc = {
        "@context": [V2, url],
        "id": "urn:uuid:y",
        "type": ["VerifiableCredential"],
        "issuer": "did:example:i",
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:s", "mark": "1"},
    }
    results = []
    for target in ("https://example.org/m1", "https://example.org/m2"):
        loader = document_loader({url: {"@context": {"mark": {"@id": target}}}})
        assert not getattr(loader, "shipped_only", True)
        results.append(canon.canonicalize_expanded(canon.expand_safe(doc, loader)))
        assert f"<{target}>" in results[-1]
    assert results[0] != results[1]
    assert getattr(document_loader(), "shipped_only", False)


def test_safe_mode_still_refuses_after_the_memo_is_warm():
    doc = _ob3(10)
    canon.expand_safe(doc)
    doc["credentialSubject"]["achievement"]["bonusCredits"] = 500
    with pytest.raises(canon.UnsafeTerm) as info:
        canon.expand_safe(doc)
    assert info.value.path == "credentialSubject.achievement.bonusCredits"


def test_memo_starts_over_and_still_agrees():
    doc = _ob3(11)
    want = _plain(doc)
    canon._MEMO.clear()
    assert canon.canonicalize_expanded(canon.expand_safe(doc)) == want
    assert canon.canonicalize_expanded(canon.expand_safe(doc)) == want
