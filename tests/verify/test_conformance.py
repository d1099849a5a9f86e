"""Every public vector in ../shared/vectors, through the whole verifier, gives its expected result.

This reads ../shared/vectors (CI has it beside the checkout). Without it, no cases are collected
and a warning says so; the rest of the suite does not depend on it. The plain IETF SD-JWT
examples (no credential type) are not credentials the wallet imports; their signatures and key
bindings are checked at the SD-JWT layer in test_sd_jwt.py.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from pathlib import Path
from typing import Any

import pytest

from wallet import formats
from wallet.proofs.contexts import document_loader
from wallet.proofs.keys import public_key_from_jwk
from wallet.verify.context import VerifyContext
from wallet.verify.report import PASS, VERIFIED, WARN, WARNING, Report
from wallet.verify.verifier import verify_parsed

SHARED = Path(__file__).resolve().parents[3] / "shared"
VECTORS = SHARED / "vectors"
AT = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)  # inside the vectors' validity window
SD_JWT_LAYER_ONLY = {"jws", "sd-jwt"}  # formats of the non-credential IETF examples


def _cases() -> list[dict[str, Any]]:
    if not (VECTORS / "expected.json").is_file():
        note = f"NOTE: {VECTORS} is absent: conformance vectors not collected"
        print(note)
        warnings.warn(note, stacklevel=2)
        return []
    listed = json.loads((VECTORS / "expected.json").read_text())["vectors"]
    return [v for v in listed if v["format"] not in SD_JWT_LAYER_ONLY]


CASES = _cases()


@pytest.fixture(scope="module")
def ctx_args() -> dict[str, Any]:
    contexts = SHARED / "contexts"
    index = json.loads((contexts / "index.json").read_text())
    loader = document_loader({u: json.loads((contexts / f).read_text()) for u, f in index.items()})
    metadata = json.loads(
        (VECTORS / "ietf-sd-jwt-vc" / "s3.2-issuer-metadata-with-jwks.json").read_text()
    )
    keys = {k["kid"]: public_key_from_jwk(k) for k in metadata["jwks"]["keys"]}
    return {"loader": loader, "issuer_keys": keys}


def _status(report: Report, check_id: str) -> str | None:
    check = report.check(check_id)
    return check.status if check else None


@pytest.mark.vectors
@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_vector_gives_its_expected_result(case: dict[str, Any], ctx_args: dict[str, Any]) -> None:
    expect = case["expect"]
    data = (VECTORS / case["file"]).read_bytes()
    parsed = formats.parse(data, case["file"])
    # Trust the vector's issuer: "accept" is about authenticity, not about the learner's list.
    # The SD-JWT VC examples' issuer key is published in its metadata (given here, as a
    # cached metadata fetch would); every other vector names its own key.
    keys = ctx_args["issuer_keys"] if case["format"] == "sd-jwt-vc" else {}
    ctx = VerifyContext(
        at=AT,
        trusted_issuers=frozenset({parsed.credential.issuer.id or ""}),
        loader=ctx_args["loader"],
        issuer_keys=keys,
    )
    report = verify_parsed(parsed, ctx, case["file"])
    why = json.dumps(report.to_json()["checks"], indent=1)

    if expect.get("signature") is True:
        assert _status(report, "proof") == PASS, why
    elif expect.get("signature") is False:
        assert _status(report, "proof") != PASS, why
    else:  # null: cannot be checked offline, never shown as verified
        assert _status(report, "proof") != PASS and report.verdict != VERIFIED, why
    if "issuerAuthenticated" in expect:
        assert (_status(report, "issuer") == PASS) is expect["issuerAuthenticated"], why
    validity = expect.get("validity")
    if validity == "current":
        assert _status(report, "validity") == PASS, why
    elif validity in ("expired", "not-yet-valid"):
        assert _status(report, "validity") == WARN, why
    if expect.get("holderCanDerive"):
        assert report.holder_can_derive is True and report.verdict != VERIFIED, why
    if expect.get("keyBinding") is True:
        assert _status(report, "holder") in (PASS, WARN), why
    for nested in expect.get("nested", []):
        child = report.nested[nested["index"]]
        assert (_status(child, "proof") == PASS) is nested["signature"], why
    if expect["accept"]:
        # a key binding made long ago is flagged as a possible replay, nothing else
        others = {c.id: c.status for c in report.checks if c.status not in (PASS, "skip")}
        assert report.verdict == VERIFIED or (
            report.verdict == WARNING and others == {"holder": WARN}
        ), why
    else:
        assert report.verdict != VERIFIED, why
