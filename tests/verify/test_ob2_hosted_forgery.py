"""Open Badges 2.0 hosted assertions are judged on what the issuer hosts (issue 13 item 1).

A hosted assertion carries no signature: the issuer's server is the only witness. The learner's
copy may only point at it. A copy that keeps the real ids but says more (another badge name,
another issuer name, a field the issuer never wrote) must fail, naming the field and showing
what the issuer hosts; revocation and expiry come from the hosted copy; and the assertion and
its BadgeClass must be hosted where the issuer's own profile allows (OB 2.0 "HostedBadge
Verification": the issuer's `verification` allowances, by default the issuer's origin).

The issuer's site is served from 127.0.0.1 by the `web` fixture (tests/verify/localweb.py).
"""

from __future__ import annotations

import copy
import json
from typing import Any

from wallet import formats
from wallet.verify.context import MemoryCache, VerifyContext
from wallet.verify.jose_proofs import verify_ob2_hosted
from wallet.verify.report import (
    FAIL,
    FAILED,
    ISSUER,
    PASS,
    PROOF,
    STATUS,
    UNKNOWN,
    UNKNOWN_VERDICT,
    VALIDITY,
    VERIFIED,
    WARN,
    WARNING,
    Report,
)
from wallet.verify.verifier import verify_parsed

from .localweb import LocalWeb

OB2 = "https://w3id.org/openbadges/v2"
SITE = "https://uni.example.ac.nz"
ISSUER_URL = f"{SITE}/issuer"
BADGE_URL = f"{SITE}/badges/first-aid"
ASSERTION_URL = f"{SITE}/assertions/77"
TRUE_NAME = "Certificate in First Aid"
FORGED_NAME = "Master of Nursing Science (Honours)"


def issuer_profile(**extra: Any) -> dict[str, Any]:
    return {
        "@context": OB2,
        "type": "Issuer",
        "id": ISSUER_URL,
        "name": "Example University",
        "url": SITE,
        "email": "badges@uni.example.ac.nz",
        **extra,
    }


def badge_class(**extra: Any) -> dict[str, Any]:
    return {
        "@context": OB2,
        "type": "BadgeClass",
        "id": BADGE_URL,
        "name": TRUE_NAME,
        "description": "Can give first aid in a workplace.",
        "image": f"{SITE}/badges/first-aid.png",
        "criteria": {"narrative": "Pass the practical assessment."},
        "issuer": ISSUER_URL,
        **extra,
    }


def hosted_assertion(**extra: Any) -> dict[str, Any]:
    return {
        "@context": OB2,
        "type": "Assertion",
        "id": ASSERTION_URL,
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": "deadsea",
            "identity": "sha256$" + "c7" * 32,
        },
        "badge": BADGE_URL,
        "issuedOn": "2026-03-05T10:00:00Z",
        "verification": {"type": "hosted"},
        **extra,
    }


def learners_copy() -> dict[str, Any]:
    """What a baked badge usually holds: the assertion with its BadgeClass and Issuer inside."""
    held = hosted_assertion()
    held["badge"] = {**badge_class(), "issuer": {**issuer_profile()}}
    return held


def publish(
    web: LocalWeb,
    assertion: dict[str, Any] | None = None,
    badge: dict[str, Any] | None = None,
    issuer: dict[str, Any] | None = None,
) -> None:
    """The issuer's site: the assertion, its BadgeClass and its Issuer, each at its own id."""
    assertion = assertion or hosted_assertion()
    badge = badge or badge_class()
    issuer = issuer or issuer_profile()
    web.publish(assertion["id"], assertion)
    web.publish(badge["id"], badge)
    web.publish(issuer["id"], issuer)


def verify(held: dict[str, Any], ctx: VerifyContext) -> Report:
    ctx.trusted_issuers = frozenset({ISSUER_URL})
    return verify_parsed(formats.parse(json.dumps(held).encode()), ctx, "badge.json")


def check(report: Any, check_id: str) -> Any:
    return next(c for c in report.checks if c.id == check_id)


# --- the genuine badge ----------------------------------------------------------------------------


def test_a_genuine_hosted_badge_verifies(web: LocalWeb) -> None:
    publish(web)
    report = verify(learners_copy(), web.context())
    assert report.verdict == VERIFIED, report.checks
    assert check(report, PROOF).status == PASS
    assert check(report, ISSUER).status == PASS
    assert set(web.hits) == {
        "/uni.example.ac.nz/assertions/77",
        "/uni.example.ac.nz/badges/first-aid",
        "/uni.example.ac.nz/issuer",
    }


# --- forgeries: the learner's copy says what the issuer does not host -----------------------------


def test_a_forged_badge_name_fails_naming_the_field_and_showing_the_hosted_value(
    web: LocalWeb,
) -> None:
    publish(web)
    forged = learners_copy()
    forged["badge"]["name"] = FORGED_NAME  # the BadgeClass keeps its real id
    report = verify(forged, web.context())
    proof = check(report, PROOF)
    assert report.verdict == FAILED
    assert proof.status == FAIL
    assert "badge.name" in proof.message
    assert FORGED_NAME in proof.message and TRUE_NAME in proof.message
    # what is judged (and what the outcome shows) is the issuer's copy
    outcome = verify_ob2_hosted(forged, web.context())
    assert outcome.document is not None and outcome.document["badge"]["name"] == TRUE_NAME
    assert outcome.issuer_id == ISSUER_URL


def test_a_forged_issuer_name_fails(web: LocalWeb) -> None:
    publish(web)
    forged = learners_copy()
    forged["badge"]["issuer"]["name"] = "University of Otago"
    report = verify(forged, web.context())
    assert report.verdict == FAILED
    assert "badge.issuer.name" in check(report, PROOF).message
    assert "Example University" in check(report, PROOF).message


def test_a_claim_the_issuer_never_made_fails(web: LocalWeb) -> None:
    publish(web)
    forged = learners_copy()
    forged["narrative"] = "Graduated with distinction"
    forged["badge"]["tags"] = ["nursing"]
    report = verify(forged, web.context())
    proof = check(report, PROOF)
    assert report.verdict == FAILED
    assert "narrative" in proof.message and "badge.tags" in proof.message
    assert "not in the issuer's copy" in proof.message


def test_a_copy_naming_another_issuer_fails_and_trust_follows_the_hosted_issuer(
    web: LocalWeb,
) -> None:
    """The learner's copy names a trusted issuer; the issuer's BadgeClass names another."""
    other = "https://college.example.org/issuer"
    publish(web, badge=badge_class(issuer=other))
    web.publish(
        other,
        {
            **issuer_profile(),
            "id": other,
            "name": "Example College",
            "verification": {"allowedOrigins": "uni.example.ac.nz"},
        },
    )
    report = verify(learners_copy(), web.context())
    assert report.verdict == FAILED
    assert "badge.issuer.id" in check(report, PROOF).message
    assert check(report, "trust").status == WARN  # the issuer judged is the hosted one


def test_a_forged_copy_fails_offline_against_the_cached_issuer_copy(web: LocalWeb) -> None:
    publish(web)
    cache = MemoryCache()
    verify(learners_copy(), web.context(cache))  # online once: the issuer's copies are cached
    forged = learners_copy()
    forged["badge"]["name"] = FORGED_NAME
    web.hits.clear()
    report = verify(forged, VerifyContext(at=web.at, cache=cache))
    assert web.hits == []
    assert report.verdict == FAILED and "badge.name" in check(report, PROOF).message


# --- revocation and expiry come from the hosted copy --------------------------------------------


def test_hosted_revoked_true_fails(web: LocalWeb) -> None:
    publish(
        web,
        assertion={
            "@context": OB2,
            "type": "Assertion",
            "id": ASSERTION_URL,
            "revoked": True,
            "revocationReason": "awarded in error",
        },
    )
    report = verify(learners_copy(), web.context())
    assert report.verdict == FAILED
    status = check(report, STATUS)
    assert status.status == FAIL and "awarded in error" in status.message


def test_hosted_410_gone_is_revoked(web: LocalWeb) -> None:
    publish(web)
    web.publish(ASSERTION_URL, b"gone", status=410)
    report = verify(learners_copy(), web.context())
    assert report.verdict == FAILED
    assert check(report, STATUS).status == FAIL and "revoked" in check(report, STATUS).message


def test_hosted_expiry_in_the_past_applies(web: LocalWeb) -> None:
    """The learner's copy says nothing of expiry; the issuer's says it ended: the existing
    expiry rule (an expired credential is a warning) is applied to the hosted date."""
    publish(web, assertion=hosted_assertion(expires="2026-12-01T00:00:00Z"))
    report = verify(learners_copy(), web.context())
    validity = check(report, VALIDITY)
    assert validity.status == WARN and "expired on 1 December 2026" in validity.message
    assert report.verdict == WARNING


def test_hosted_revocation_list_of_the_hosted_issuer_applies(web: LocalWeb) -> None:
    revocations = f"{SITE}/revocations"
    publish(web, issuer=issuer_profile(revocationList=revocations))
    web.publish(
        revocations,
        {
            "@context": OB2,
            "type": "RevocationList",
            "id": revocations,
            "issuer": ISSUER_URL,
            "revokedAssertions": [{"id": ASSERTION_URL, "revocationReason": "plagiarism"}],
        },
    )
    report = verify(learners_copy(), web.context())  # the learner's copy names no list
    assert report.verdict == FAILED
    assert "plagiarism" in check(report, STATUS).message


# --- where the issuer allows its badges to be hosted ----------------------------------------------


def _moved(url: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(learner's copy, hosted assertion) for an assertion hosted at `url`."""
    held = learners_copy()
    held["id"] = url
    return held, hosted_assertion(id=url)


def test_an_assertion_hosted_off_the_issuers_origin_is_not_the_issuers(web: LocalWeb) -> None:
    held, hosted = _moved("https://badges.elsewhere.example/a/77")
    publish(web, assertion=hosted)
    report = verify(held, web.context())
    issuer = check(report, ISSUER)
    assert report.verdict == FAILED
    assert issuer.status == FAIL and "badges.elsewhere.example" in issuer.message


def test_an_origin_the_issuer_allows_is_accepted(web: LocalWeb) -> None:
    held, hosted = _moved("https://badges.elsewhere.example/a/77")
    allowed = issuer_profile(
        verification={"type": "VerificationObject", "allowedOrigins": ["badges.elsewhere.example"]}
    )
    held["badge"]["issuer"] = copy.deepcopy(allowed)
    publish(web, assertion=hosted, issuer=allowed)
    report = verify(held, web.context())
    assert check(report, ISSUER).status == PASS, check(report, ISSUER).message
    assert report.verdict == VERIFIED


def test_starts_with_narrows_the_issuers_origin(web: LocalWeb) -> None:
    narrow = issuer_profile(verification={"startsWith": f"{SITE}/issuers/7/"})
    held = learners_copy()
    held["badge"]["issuer"] = copy.deepcopy(narrow)
    publish(web, issuer=narrow)
    report = verify(held, web.context())
    assert check(report, ISSUER).status == FAIL
    assert report.verdict == FAILED


def test_a_badge_class_on_another_origin_is_not_the_issuers(web: LocalWeb) -> None:
    elsewhere = "https://badge-mill.example/badges/nursing"
    held = learners_copy()
    held["badge"]["id"] = elsewhere
    publish(web, assertion=hosted_assertion(badge=elsewhere), badge=badge_class(id=elsewhere))
    report = verify(held, web.context())
    issuer = check(report, ISSUER)
    assert report.verdict == FAILED
    assert issuer.status == FAIL and "badge-mill.example" in issuer.message


def test_an_issuer_profile_that_cannot_be_fetched_leaves_the_issuer_unknown(web: LocalWeb) -> None:
    web.publish(ASSERTION_URL, hosted_assertion())
    web.publish(BADGE_URL, badge_class())
    report = verify(learners_copy(), web.context())
    assert check(report, ISSUER).status == UNKNOWN
    assert report.verdict == UNKNOWN_VERDICT
