"""`learner-wallet verify` as a learner and an employer use it: offline, online, and later."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from wallet import cli
from wallet.verify import context as verify_context

from .statusserver import StatusServer
from .test_status import Issuer, bitstring, entry, list_credential, multibase_gzip

OB3 = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
AT = "2026-11-22T12:00:00Z"
ISSUER = Issuer(21)
STRANGER = Issuer(22)
DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def micro(
    title: str,
    status: dict[str, Any] | None = None,
    *,
    issuer: Issuer = ISSUER,
    valid_until: str | None = None,
) -> dict[str, Any]:
    """An OB 3.0 micro-credential signed by `issuer` (eddsa-rdfc-2022, did:key)."""
    slug = title.lower().replace(" ", "-")
    doc: dict[str, Any] = {
        "@context": OB3,
        "id": f"urn:example:credential:{slug}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": title,
        "issuer": {
            "id": issuer.did,
            "type": ["Profile"],
            "name": "Test Polytechnic",
            "address": {"type": ["Address"], "addressCountryCode": "NZ"},
        },
        "validFrom": "2026-03-01T00:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "id": "did:example:aroha",
            "achievement": {
                "id": f"https://poly.example/a/{slug}",
                "type": ["Achievement"],
                "name": title,
                "description": "Assessed unit.",
                "achievementType": "MicroCredential",
                "creditsAvailable": 15,
                "criteria": {"narrative": "Pass the project."},
            },
        },
    }
    if valid_until:
        doc["validUntil"] = valid_until
    if status:
        doc["credentialStatus"] = status
    return issuer.sign(doc)


def run(*args: str, wallet: Path | None = None) -> tuple[int, list[dict[str, Any]]]:
    out = io.StringIO()
    pre = ["--wallet", str(wallet)] if wallet else []
    code = cli.main([*pre, "verify", *args, "--json", "--at", AT], out=out)
    return code, [json.loads(line) for line in out.getvalue().splitlines()]


def statuses(report: dict[str, Any]) -> dict[str, str]:
    return {c["id"]: c["status"] for c in report["checks"]}


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, doc in {
        "good": micro("Data Analysis"),
        "expired": micro("Old First Aid", valid_until="2026-06-01T00:00:00Z"),
        "wrong-issuer": _claims_other_issuer(),
    }.items():
        out[name] = tmp_path / f"{name}.json"
        out[name].write_text(json.dumps(doc))
    tampered = json.loads(out["good"].read_text())
    tampered["credentialSubject"]["achievement"]["creditsAvailable"] = 40
    out["tampered"] = tmp_path / "tampered.json"
    out["tampered"].write_text(json.dumps(tampered))
    return out


def _claims_other_issuer() -> dict[str, Any]:
    """Signed by STRANGER's key while naming ISSUER as the issuer."""
    doc = micro("Forged Diploma", issuer=ISSUER)
    del doc["proof"]
    return STRANGER.sign(doc)


def test_files_verify_without_a_wallet(files: dict[str, Path]) -> None:
    code, reports = run(*(str(p) for p in files.values()))
    by = {Path(r["source"]).stem: r for r in reports}
    assert code == 1  # some failed
    assert set(by["good"]) >= {"source", "format", "verdict", "checks", "elements"}
    # not on the (non-existent) trust list, otherwise fine: authentic, with a warning
    assert by["good"]["verdict"] == "warning"
    assert statuses(by["good"]) | {"trust": "warn"} == {
        "proof": "pass",
        "issuer": "pass",
        "context": "pass",
        "validity": "pass",
        "status": "skip",
        "schema": "pass",
        "trust": "warn",
    }
    assert by["good"]["elements"]["workload"] and by["good"]["elements"]["country"]
    assert by["expired"]["verdict"] == "warning" and statuses(by["expired"])["validity"] == "warn"
    assert by["tampered"]["verdict"] == "failed" and statuses(by["tampered"])["proof"] == "fail"
    assert by["wrong-issuer"]["verdict"] == "failed"
    assert statuses(by["wrong-issuer"])["issuer"] == "fail"


def test_at_judges_as_of_another_time(files: dict[str, Path]) -> None:
    out = io.StringIO()
    code = cli.main(
        ["verify", str(files["expired"]), "--json", "--at", "2026-04-01T00:00Z"], out=out
    )
    report = json.loads(out.getvalue())
    assert statuses(report)["validity"] == "pass" and code == 0
    assert report["as_of"] == "2026-04-01T00:00:00Z"
    # before the issuer signed it, it did not exist: "was it valid then" says so
    out = io.StringIO()
    cli.main(["verify", str(files["expired"]), "--json", "--at", "2025-01-01T00:00Z"], out=out)
    before = json.loads(out.getvalue())
    assert statuses(before)["validity"] == "warn" and before["verdict"] == "failed"


def test_human_output_reads_plainly(files: dict[str, Path]) -> None:
    out = io.StringIO()
    cli.main(["verify", str(files["tampered"]), "--at", AT], out=out)
    text = out.getvalue()
    assert text.startswith("Data Analysis: FAILED")
    assert "✗ proof" in text and "EU micro-credential elements" in text


@pytest.fixture
def server() -> Iterator[StatusServer]:
    with StatusServer() as s:
        yield s


def test_online_check_marks_revoked_then_offline_uses_the_cached_list(
    server: StatusServer,
    tmp_path: Path,
    block_all_sockets: list[object],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = server.url("/status/1")
    server.routes["/status/1"] = json.dumps(
        list_credential(url, multibase_gzip(bitstring({5})), issuer=ISSUER)
    ).encode()
    kept = tmp_path / "kept.json"
    revoked = tmp_path / "revoked.json"
    kept.write_text(json.dumps(micro("Kept Unit", entry(url, 4))))
    revoked.write_text(json.dumps(micro("Revoked Unit", entry(url, 5))))
    wallet = tmp_path / "w.lwallet"
    monkeypatch.setenv(cli.PASSPHRASE_ENV, "correct horse battery staple")
    assert cli.main(["--wallet", str(wallet), "init"], out=io.StringIO()) == 0
    assert (
        cli.main(["--wallet", str(wallet), "import", str(kept), str(revoked)], out=io.StringIO())
        == 0
    )

    # offline first: nothing cached yet, and not one connection attempted
    code, reports = run("--all", wallet=wallet)
    assert block_all_sockets == []
    assert {statuses(r)["status"] for r in reports} == {"unknown"}
    assert code == 1 or all(r["verdict"] == "warning" for r in reports)

    # online: the user asked, so the list is fetched from the local server
    monkeypatch.undo()  # sockets back (loopback only, by the suite's guard)
    monkeypatch.setenv(cli.PASSPHRASE_ENV, "correct horse battery staple")
    code, reports = run("--all", "--online", wallet=wallet)
    by = {r["checks"] and _title(wallet, r["source"]): r for r in reports}
    assert code == 1
    assert statuses(by["Revoked Unit"])["status"] == "fail"
    assert by["Revoked Unit"]["verdict"] == "failed"
    assert statuses(by["Kept Unit"])["status"] == "pass"
    assert server.hits["/status/1"] >= 1

    # later, offline: the cached list answers and says how old it is; the server is not asked
    hits = server.requests
    server.fail_with = 500
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.StringIO()
    cli.main(["--wallet", str(wallet), "verify", "--all", "--json", "--at", later], out=out)
    reports = [json.loads(line) for line in out.getvalue().splitlines()]
    by = {_title(wallet, r["source"]): r for r in reports}
    assert server.requests == hits
    kept_status = next(c for c in by["Kept Unit"]["checks"] if c["id"] == "status")
    assert kept_status["status"] == "pass" and "days ago" in kept_status["message"]
    assert statuses(by["Revoked Unit"])["status"] == "fail"

    # a failed refresh never turns a good credential bad
    code, reports = run("--all", "--online", wallet=wallet)
    by = {_title(wallet, r["source"]): r for r in reports}
    assert statuses(by["Kept Unit"])["status"] == "pass"


def _title(wallet: Path, cid: str) -> str:
    out = io.StringIO()
    cli.main(["--wallet", str(wallet), "show", cid, "--json"], out=out)
    return json.loads(out.getvalue())["title"]


def test_demo_wallet_offline_verify_makes_no_connection(
    tmp_path: Path, block_all_sockets: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    wallet = tmp_path / "demo.lwallet"
    monkeypatch.setenv(cli.PASSPHRASE_ENV, "demo")
    assert cli.main(["--wallet", str(wallet), "init", "--demo"], out=io.StringIO()) == 0
    code, reports = run("--all", wallet=wallet)
    assert block_all_sockets == []
    verdicts = {_title(wallet, r["source"]): r["verdict"] for r in reports}
    assert len(verdicts) >= 10
    # trusted demo issuer, did:key: authentic; status lists not fetched yet -> warnings at most
    assert verdicts["Data Analysis with Python"] in ("verified", "warning")
    assert (
        statuses(
            next(r for r in reports if _title(wallet, r["source"]) == "First Aid Refresher (2024)")
        )["validity"]
        == "warn"
    )


def test_demo_wallet_online_shows_every_verdict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the demo status list served locally, the demo shows verified, expired and revoked."""
    status_list = (DEMO / "status-list.json").read_bytes()
    list_url = json.loads(status_list)["id"]
    asked: list[str] = []

    def fetch(url: str) -> bytes:
        asked.append(url)
        if url != list_url:
            raise verify_context.FetchRefused(f"test serves only the demo list, not {url}")
        return status_list

    monkeypatch.setattr(verify_context, "_default_fetch", fetch)
    wallet = tmp_path / "demo.lwallet"
    monkeypatch.setenv(cli.PASSPHRASE_ENV, "demo")
    cli.main(["--wallet", str(wallet), "init", "--demo"], out=io.StringIO())
    code, reports = run("--all", "--online", wallet=wallet)
    verdicts = {_title(wallet, r["source"]): r["verdict"] for r in reports}
    assert verdicts["Data Analysis with Python"] == "verified"
    assert verdicts["Library Induction"] == "failed"
    assert verdicts["First Aid Refresher (2024)"] == "warning"
    assert list_url in asked
    assert code == 1


def test_trusting_an_issuer_turns_a_warning_into_verified(
    files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wallet = tmp_path / "w.lwallet"
    monkeypatch.setenv(cli.PASSPHRASE_ENV, "correct horse battery staple")
    cli.main(["--wallet", str(wallet), "init"], out=io.StringIO())
    cli.main(["--wallet", str(wallet), "import", str(files["good"])], out=io.StringIO())
    code, reports = run("--all", wallet=wallet)
    assert reports[0]["verdict"] == "warning" and statuses(reports[0])["trust"] == "warn"

    trust_list = tmp_path / "nz-providers.json"
    trust_list.write_text(
        json.dumps(
            {
                "name": "NZ providers (test)",
                "issuers": [
                    {"id": ISSUER.did, "name": "Test Polytechnic"},
                    {"id": "did:web:other.example"},
                ],
            }
        )
    )
    out = io.StringIO()
    assert cli.main(["--wallet", str(wallet), "trust", "import", str(trust_list)], out=out) == 0
    assert out.getvalue() == "trusting 2 issuers from NZ providers (test)\n"
    code, reports = run("--all", wallet=wallet)
    assert (code, reports[0]["verdict"]) == (0, "verified")

    assert (
        cli.main(["--wallet", str(wallet), "trust", "remove", ISSUER.did], out=io.StringIO()) == 0
    )
    out = io.StringIO()
    cli.main(["--wallet", str(wallet), "trust", "list"], out=out)
    assert out.getvalue() == "did:web:other.example\n"
    assert run("--all", wallet=wallet)[1][0]["verdict"] == "warning"

    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"issuers": [{"id": "did:web:a.example"}, {"name": "no id"}]}))
    assert (
        cli.main(["--wallet", str(wallet), "trust", "import", str(broken)], out=io.StringIO()) == 2
    )
    out = io.StringIO()
    cli.main(["--wallet", str(wallet), "trust", "list"], out=out)
    assert "a.example" not in out.getvalue()  # nothing from a broken list is trusted
