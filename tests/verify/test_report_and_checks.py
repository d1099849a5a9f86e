"""Verdict rules and the checks that need no key: what a learner reads in the report."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from wallet.credential import OB3, Credential, Credits, Issuer, Level
from wallet.messages import plain
from wallet.verify.checks import (
    ELEMENTS,
    check_schema,
    check_trust,
    check_validity,
    eu_elements,
    parse_time,
)
from wallet.verify.report import (
    FAIL,
    FAILED,
    PASS,
    SKIP,
    UNKNOWN,
    UNKNOWN_VERDICT,
    VERIFIED,
    WARN,
    WARNING,
    Check,
    Report,
    verdict_of,
)

AT = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)


def checks(**statuses: str) -> list[Check]:
    return [Check(k, v, plain(f"{k} {v}")) for k, v in statuses.items()]


@pytest.mark.parametrize(
    ("statuses", "verdict"),
    [
        (
            {"proof": PASS, "issuer": PASS, "validity": PASS, "status": PASS, "trust": PASS},
            VERIFIED,
        ),
        ({"proof": PASS, "issuer": PASS, "validity": WARN}, WARNING),  # expired
        ({"proof": PASS, "issuer": PASS, "trust": WARN}, WARNING),  # unknown issuer
        ({"proof": PASS, "issuer": PASS, "status": UNKNOWN}, WARNING),  # status unknown
        ({"proof": PASS, "issuer": UNKNOWN}, UNKNOWN_VERDICT),  # issuer not confirmed
        ({"proof": UNKNOWN, "issuer": SKIP}, UNKNOWN_VERDICT),  # unsupported suite, key offline
        ({"proof": FAIL}, FAILED),  # tampered, bad signature
        ({"proof": PASS, "issuer": FAIL}, FAILED),  # wrong key for the issuer
        ({"proof": PASS, "issuer": PASS, "status": FAIL}, FAILED),  # revoked
        ({"proof": PASS, "issuer": PASS, "context": FAIL}, FAILED),  # undefined term
        ({"validity": PASS, "trust": PASS}, UNKNOWN_VERDICT),  # no proof check at all
    ],
)
def test_verdict_rules(statuses: dict[str, str], verdict: str) -> None:
    assert verdict_of(checks(**statuses)) == verdict


def test_report_round_trips_through_json() -> None:
    inner = Report("clr.json › unit", OB3, checks(proof=PASS), {"title": True})
    report = Report(
        "clr.json",
        "clr2",
        checks(proof=PASS, status=FAIL),
        {"title": True},
        "2026-11-22T12:00:00Z",
        "2026-11-22T12:00:00Z",
        [inner],
    )
    data = json.loads(json.dumps(report.to_json()))
    assert data["verdict"] == FAILED
    assert [c["id"] for c in data["checks"]] == ["proof", "status"]
    assert Report.from_json(data).to_json() == report.to_json()


def test_time_parsing_accepts_what_issuers_write() -> None:
    assert parse_time("2026-01-02T03:04:05Z") == dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    assert parse_time("2026-01-02T03:04:05.123+13:00").hour == 14  # NZDT -> UTC, previous day
    assert parse_time("2026-01-02") == dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
    assert parse_time(1767225600) == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert parse_time("next tuesday") is None
    assert parse_time(True) is None


def cred(**kw: object) -> Credential:
    return Credential(format=OB3, proof_form="data-integrity", title="Unit", **kw)  # type: ignore[arg-type]


def test_validity_window() -> None:
    ok = check_validity(
        {"validFrom": "2026-01-01T00:00:00Z", "validUntil": "2027-01-01T00:00:00Z"}, cred(), AT
    )
    assert (ok.status, ok.message) == (PASS, "valid until 1 January 2027")
    expired = check_validity(
        {"validFrom": "2024-01-01T00:00:00Z", "validUntil": "2025-06-01T00:00:00Z"}, cred(), AT
    )
    assert (expired.status, expired.message) == (WARN, "expired on 1 June 2025")
    early = check_validity({"validFrom": "2040-01-01T00:00:00Z"}, cred(), AT)
    assert early.status == WARN and "not valid yet" in early.message
    v1 = check_validity(
        {"issuanceDate": "2020-01-01T00:00:00Z", "expirationDate": "2020-02-01T00:00:00Z"},
        cred(),
        AT,
    )
    assert v1.status == WARN and "expired" in v1.message
    jwt = check_validity({"nbf": 1767225600, "exp": 1798761600}, cred(), AT)
    assert jwt.status == PASS
    garbled = check_validity({"validUntil": "soon"}, cred(), AT)
    assert garbled.status == WARN and "'soon'" in garbled.message
    no_doc = check_validity(None, cred(valid_until="2025-01-01T00:00:00Z"), AT)
    assert no_doc.status == WARN


def test_trust_is_a_warning_not_a_failure() -> None:
    trusted = frozenset({"did:key:z6MkTrusted"})
    assert check_trust("did:key:z6MkTrusted", "Polytechnic", trusted).status == PASS
    other = check_trust("did:web:elsewhere.example", "Elsewhere", trusted)
    assert other.status == WARN and "Elsewhere is not on your list" in other.message


def ob3(**changes: object) -> dict[str, object]:
    doc: dict[str, object] = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:1",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Unit",
        "validFrom": "2026-01-01T00:00:00Z",
        "issuer": {"id": "did:key:z6Mk", "type": ["Profile"], "name": "P"},
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "urn:a",
                "type": ["Achievement"],
                "name": "Unit",
                "description": "d",
                "criteria": {"narrative": "n"},
            },
        },
    }
    doc.update(changes)
    return doc


def test_ob3_schema() -> None:
    assert check_schema(ob3(), cred()).status == PASS
    no_issuer_type = ob3(issuer={"id": "did:key:z6Mk"})
    bad = check_schema(no_issuer_type, cred())
    assert bad.status == FAIL and "issuer" in bad.message
    achievement = ob3()
    del achievement["credentialSubject"]["achievement"]["criteria"]  # type: ignore[index]
    assert "criteria" in check_schema(achievement, cred()).message
    assert check_schema({"type": ["VerifiableCredential"]}, cred()).status == SKIP
    swapped = ob3()
    swapped["@context"] = list(reversed(swapped["@context"]))  # type: ignore[arg-type]
    bad_context = check_schema(swapped, cred())
    assert bad_context.status == FAIL and "@context" in bad_context.message


def test_eu_elements_tell_a_micro_credential_from_a_badge() -> None:
    micro = cred(
        subject_name="Aroha",
        issuer=Issuer("did:key:z", "Polytechnic", None, "NZ"),
        issued="2026-02-20",
        learning_outcomes=["Analyse data"],
        credits=Credits(15, "NZQF credits"),
        level=Level("5", "NZQF"),
        assessment="Portfolio",
        participation="Blended",
        quality_assurance="Approved by NZQA",
    )
    assert eu_elements(micro) == {k: True for k in ELEMENTS}
    badge = eu_elements(cred(subject_id="mailto:a@example.org", issuer=Issuer("did:key:z", "Club")))
    assert [k for k, v in badge.items() if v] == ["learner", "title", "awarding_body"]
