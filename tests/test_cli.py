"""The `learner-wallet` command line, driven as a learner or a script would drive it."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from wallet import cli
from wallet.proofs import jose

ISSUER = "did:web:demo-polytechnic.example"


def vc_jwt(title: str, credits: int = 15) -> bytes:
    """An OB 3.0 micro-credential as VC-JWT, signed here with a fresh Ed25519 key."""
    key = Ed25519PrivateKey.generate()
    credential = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": f"urn:uuid:{hashlib.sha256(title.encode()).hexdigest()[:32]}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": ISSUER, "type": ["Profile"], "name": "Demo Polytechnic"},
        "validFrom": "2026-03-02T00:00:00Z",
        "name": title,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "id": "did:example:aroha",
            "achievement": {
                "id": "https://demo-polytechnic.example/a/1",
                "type": ["Achievement"],
                "name": title,
                "achievementType": "MicroCredential",
                "creditsAvailable": credits,
                "criteria": {"narrative": "Pass the assessed project."},
                "description": "Clean, analyse and present data.",
            },
        },
    }
    claims = {
        "iss": ISSUER,
        "jti": credential["id"],
        "nbf": 1772409600,
        "sub": "did:example:aroha",
        **credential,
    }
    token = jose.sign_compact(
        {"typ": "JWT", "kid": f"{ISSUER}#key-1"}, json.dumps(claims).encode(), key
    )
    return token.encode()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, Path]:
    pw = tmp_path / "pass.txt"
    pw.write_text("correct horse battery\n")
    files = tmp_path / "incoming"
    files.mkdir()
    (files / "data-analysis.jwt").write_bytes(vc_jwt("Data Analysis with Python"))
    (files / "security.jwt").write_bytes(vc_jwt("Cloud Security Fundamentals", 5))
    (files / "notes.txt").write_bytes(b"shopping list: milk, eggs")
    return {"wallet": tmp_path / "w.lwallet", "pass": pw, "files": files}


def run(env: dict[str, Path], *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(
        ["--wallet", str(env["wallet"]), "--passphrase-file", str(env["pass"]), *args], out=out
    )
    return code, out.getvalue()


def test_init_import_list_show(env: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(env, "init") == (0, f"created wallet {env['wallet']}\n")
    code, text = run(env, "list")
    assert code == 0 and "empty" in text

    code, text = run(env, "import", str(env["files"]), "--json")
    assert code == 1  # notes.txt is not a credential
    results = [json.loads(line) for line in text.splitlines()]
    by_name = {Path(r["source"]).name: r for r in results}
    assert by_name["data-analysis.jwt"]["status"] == "imported"
    assert by_name["security.jwt"]["title"] == "Cloud Security Fundamentals"
    assert by_name["notes.txt"]["status"] == "failed"
    assert by_name["notes.txt"]["message"] and "\n" not in by_name["notes.txt"]["message"]

    code, text = run(env, "list", "--json")
    rows = [json.loads(line) for line in text.splitlines()]
    assert code == 0
    assert sorted(r["title"] for r in rows) == [
        "Cloud Security Fundamentals",
        "Data Analysis with Python",
    ]
    assert {"id", "title", "issuer", "format", "issued"} <= set(rows[0])
    assert all(r["issuer"] == "Demo Polytechnic" and r["format"] == "ob3" for r in rows)

    cid = by_name["data-analysis.jwt"]["id"]
    code, text = run(env, "show", cid[:6], "--json")
    record = json.loads(text)
    original = (env["files"] / "data-analysis.jwt").read_bytes()
    assert record["sha256"] == hashlib.sha256(original).hexdigest()
    assert record["title"] == "Data Analysis with Python"
    assert record["credits"] == {"value": 15, "unit": record["credits"]["unit"]}
    for key in (
        "issuer",
        "subject_id",
        "issued",
        "valid_until",
        "format",
        "achievement_type",
        "level",
        "learning_outcomes",
        "assessment",
        "participation",
        "quality_assurance",
        "alignments",
        "tags",
        "description",
        "image",
    ):
        assert key in record

    code, text = run(env, "show", cid)
    assert code == 0 and "Data Analysis with Python" in text and "Demo Polytechnic" in text
    assert capsys.readouterr().err == ""


def test_bad_items_give_one_clear_line_each_and_store_nothing(env: dict[str, Path]) -> None:
    run(env, "init")
    bad = env["files"] / "bad"
    bad.mkdir()
    (bad / "truncated.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00")
    (bad / "broken.json").write_bytes(b'{"@context": ["https://www.w3.org/ns/credentials/v2",')
    code, text = run(env, "import", str(bad), str(env["files"] / "missing.json"))
    assert code == 1
    lines = text.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(str(bad / "broken.json") + ": ")
    assert "JSON" in lines[0]
    assert lines[1].startswith(str(bad / "truncated.png") + ": ") and "PNG" in lines[1]
    assert lines[2] == f"{env['files'] / 'missing.json'}: no such file"
    assert "Traceback" not in text
    assert run(env, "list", "--json") == (0, "")


def test_duplicate_is_reported_not_stored_twice(env: dict[str, Path]) -> None:
    run(env, "init")
    f = str(env["files"] / "security.jwt")
    assert run(env, "import", f)[0] == 0
    code, text = run(env, "import", f)
    assert code == 0
    assert "already in the wallet as" in text
    assert len(run(env, "list", "--json")[1].splitlines()) == 1


def test_wrong_passphrase_exit_2_with_plain_message(
    env: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    run(env, "init")
    env["pass"].write_text("not it\n")
    before = env["wallet"].read_bytes()
    code, _ = run(env, "list")
    err = capsys.readouterr().err
    assert code == 2
    assert "wrong passphrase or not a wallet file" in err and "Traceback" not in err
    assert env["wallet"].read_bytes() == before


def test_passwd_rekeys(env: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    run(env, "init")
    run(env, "import", str(env["files"] / "security.jwt"))
    monkeypatch.setenv(cli.NEW_PASSPHRASE_ENV, "a much better passphrase")
    assert run(env, "passwd") == (0, "passphrase changed\n")
    assert run(env, "list")[0] == 2
    env["pass"].write_text("a much better passphrase")
    code, text = run(env, "list")
    assert code == 0 and "Cloud Security Fundamentals" in text


def test_passphrase_from_environment_and_import_from_stdin(
    env: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cli.PASSPHRASE_ENV, "from the environment")
    out = io.StringIO()
    assert cli.main(["--wallet", str(env["wallet"]), "init"], out=out) == 0
    fake_stdin = io.TextIOWrapper(io.BytesIO(vc_jwt("Piped In")))
    monkeypatch.setattr(sys, "stdin", fake_stdin)
    out = io.StringIO()
    assert cli.main(["--wallet", str(env["wallet"]), "import", "-"], out=out) == 0
    assert "Piped In" in out.getvalue() and "(stdin)" in out.getvalue()


def test_missing_wallet_and_missing_passphrase_are_usage_errors(
    env: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(env, "list")[0] == 2
    assert "no wallet at" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = cli.main(["--wallet", str(env["wallet"]), "init"], out=io.StringIO())
    assert code == 2
    assert "no passphrase given" in capsys.readouterr().err
    assert not env["wallet"].exists()


def test_console_script_runs_without_traceback(env: dict[str, Path]) -> None:
    exe = Path(sys.executable).parent / "learner-wallet"
    proc = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and proc.stdout.startswith("learner-wallet ")
    proc = subprocess.run(
        [sys.executable, "-m", "wallet", "--wallet", str(env["wallet"]), "show", "abcd"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, cli.PASSPHRASE_ENV: "x"},
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("learner-wallet: no wallet at")
    proc = subprocess.run(
        [sys.executable, "-m", "wallet", "frobnicate"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2 and "invalid choice" in proc.stderr


def test_init_demo_fills_the_wallet_with_marked_demo_credentials(env: dict[str, Path]) -> None:
    code, text = run(env, "init", "--demo")
    assert code == 0
    assert "DEMO" in text
    rows = [json.loads(line) for line in run(env, "list", "--json")[1].splitlines()]
    titles = {r["title"] for r in rows}
    assert {"Data Analysis with Python", "Cloud Security Fundamentals"} <= titles
    assert len(rows) >= 10
    assert all("DEMO" in (r["issuer"] or "") for r in rows)
    assert {r["format"] for r in rows} >= {"ob3", "ob2", "sd-jwt-vc"}


def test_stacks_show_progress_and_stack_import_adds_pathways(
    env: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(env, "init", "--demo")[0] == 0
    code, text = run(env, "stacks", "--json")
    stacks = {s["name"]: s for s in map(json.loads, text.splitlines())}
    assert code == 0 and len(stacks) == 3
    cert = next(s for n, s in stacks.items() if "Applied Digital Skills" in n)
    assert set(cert) >= {"id", "name", "satisfied", "progress", "credits", "missing"}
    assert cert["satisfied"] is False and 0 < cert["progress"] < 1
    assert cert["credits"] == {"earned": 25.0, "required": 40.0, "unit": "NZQF credits"}
    assert cert["missing"] == ["15 more NZQF credits at level 4 or above"]

    fixtures = Path(__file__).parent / "stacks" / "fixtures"
    ctdl = next(fixtures.glob("*ctdl*"))
    code, text = run(env, "stack", "import", str(ctdl))
    assert code == 0 and text.startswith("imported stack ")
    assert len(run(env, "stacks", "--json")[1].splitlines()) == 4

    broken = env["files"] / "broken-stack.json"
    broken.write_text('{"format": "learner-wallet-stack/1", "id": "x"}')
    assert run(env, "stack", "import", str(broken))[0] == 2
    assert "stack" in capsys.readouterr().err
    assert len(run(env, "stacks", "--json")[1].splitlines()) == 4
    stack_id = text.split()[2]
    assert run(env, "stack", "remove", stack_id) == (0, f"removed stack {stack_id}\n")
    assert len(run(env, "stacks", "--json")[1].splitlines()) == 3


def test_present_as_qr_then_check_it_like_an_employer(
    env: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(env, "init", "--demo")[0] == 0
    rows = [json.loads(line) for line in run(env, "list", "--json")[1].splitlines()]
    cid = next(r["id"] for r in rows if r["title"] == "Cloud Security Fundamentals")
    qr_out = env["files"] / "proof.png"
    code, text = run(env, "present", cid, "--challenge", "job-4411", "--qr", str(qr_out))
    assert code == 0 and "QR version" in text
    images = sorted(str(p) for p in env["files"].glob("proof*.png"))
    assert images

    out = io.StringIO()
    assert cli.main(["check-qr", *images, "--challenge", "job-4411", "--json"], out=out) == 0
    report = json.loads(out.getvalue())
    # authentic; the employer has no trust list, so the demo issuer is only a warning
    assert report["verdict"] == "warning"
    assert {c["id"]: c["status"] for c in report["checks"]} == {
        "proof": "pass",
        "context": "pass",
        "holder": "pass",
    }
    assert report["nested"][0]["checks"][0]["status"] == "pass"

    out = io.StringIO()  # a replayed presentation (another challenge) is refused
    assert cli.main(["check-qr", *images, "--challenge", "job-9999", "--json"], out=out) == 1
    assert json.loads(out.getvalue())["verdict"] == "failed"

    code, _ = run(env, "present", cid, "--reveal", "name", "--qr", str(qr_out))
    assert code == 2 and "shown whole or not at all" in capsys.readouterr().err
