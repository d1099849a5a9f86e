"""The DEMO stacks against the demo credentials, verified as the demo wallet verifies them."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from wallet import paths
from wallet.demo import demo_credential_files, demo_issuer
from wallet.formats import parse
from wallet.stacks.engine import Held, evaluate_all, result_to_json
from wallet.stacks.load import load_any
from wallet.verify.context import STATUS_LIST, MemoryCache, VerifyContext, iso
from wallet.verify.verifier import verify_parsed

NOW = dt.datetime.now(dt.UTC)


@pytest.fixture(scope="module")
def demo_held() -> list[Held]:
    cache = MemoryCache()
    status = (paths.resources() / "demo" / "status-list.json").read_bytes()
    cache.cache_put(STATUS_LIST, json.loads(status)["id"], status, iso(NOW))
    did, _ = demo_issuer()
    out = []
    for path in demo_credential_files():
        parsed = parse(path.read_bytes())
        issuer = parsed.credential.issuer.id or did
        ctx = VerifyContext(
            at=NOW, cache=cache, memo=cache, trusted_issuers=frozenset({did, issuer})
        )
        out.append(
            Held(path.stem, parsed.credential, verify_parsed(parsed, ctx, path.name).verdict)
        )
    return out


@pytest.fixture(scope="module")
def demo_trusted(demo_held) -> dict[str, str]:
    """The demo wallet's trust list (wallet/demo.py): the demo issuer, by name, under its did
    and its OB 2.0 profile URL. The demo stacks name "Demo Polytechnic" only by name, so they
    count its credentials only through this list."""
    did, name = demo_issuer()
    return {did: name} | {
        h.credential.issuer.id: name
        for h in demo_held
        if h.credential.issuer.id and h.credential.issuer.name == name
    }


@pytest.fixture(scope="module")
def results(demo_held, demo_trusted):
    stacks = [
        load_any(p.read_bytes())
        for p in sorted((paths.resources() / "demo" / "stacks").glob("*.json"))
    ]
    return {
        r.stack.id: result_to_json(r)
        for r in evaluate_all(stacks, demo_held, at=NOW, trusted=demo_trusted)
    }


def test_demo_verdicts_are_what_the_stacks_assume(demo_held):
    verdicts = {h.id: h.verdict for h in demo_held}
    assert verdicts["07-library-induction-revoked"] == "failed"
    assert verdicts["01-data-analysis-with-python"] == "verified"
    assert verdicts["11-campus-sustainability-week-baked"] == "verified"


def test_nz_certificate_is_partly_done(results):
    r = results["demo-nzcert-applied-digital-skills-l5"]
    assert not r["satisfied"]
    assert r["credits"] == {"earned": 25.0, "required": 40.0, "unit": "NZQF credits"}
    # level 3 (Te Reo) and ECTS (Cloud Security) do not count; DAP also counts as the course
    assert r["missing"] == ["15 more NZQF credits at level 4 or above"]
    assert r["progress"] == pytest.approx((1 + 25 / 40) / 2, abs=1e-4)  # 15 credits to earn


def test_sustainability_pathway_does_not_count_the_revoked_badge(results):
    r = results["demo-sustainability-practitioner"]
    assert not r["satisfied"] and r["progress"] == 0.5
    assert r["missing"] == ["one more of: Library Induction, Waste Reduction Champion"]
    library = r["tree"]["children"][1]
    assert library["counted"] == []
    assert "07-library-induction-revoked" in library["excluded"]
    assert r["credits"]["required"] is None


def test_eqf_bundle_needs_five_more_ects(results):
    r = results["demo-eqf6-cloud-and-data"]
    assert not r["satisfied"] and r["progress"] == 0.75
    assert r["credits"] == {"earned": 5.0, "required": 10.0, "unit": "ECTS"}
    assert r["missing"] == ["5 more ECTS at EQF level 6 or above"]


def test_nothing_in_the_demo_rests_on_an_unconfirmed_issuer(results):
    assert not any("if_confirmed" in r for r in results.values())


def test_without_the_trust_list_the_demo_issuer_is_not_confirmed_by_its_name(demo_held):
    """The demo stacks name "Demo Polytechnic" by name: a credential's own claim to that name
    does not confirm it (issue 13: impostors)."""
    stacks = [
        load_any(p.read_bytes())
        for p in sorted((paths.resources() / "demo" / "stacks").glob("*.json"))
    ]
    by_id = {r.stack.id: r for r in evaluate_all(stacks, demo_held, at=NOW, trusted={})}
    sustain = by_id["demo-sustainability-practitioner"]
    assert sustain.progress == 0 and sustain.rests_on_unconfirmed
