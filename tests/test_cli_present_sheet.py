"""`learner-wallet present --valid-for/--sheet` and `check-qr SHEET --at`: a learner saves a proof
sheet, an employer checks it days later, and after its validity the check says "expired"."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
from pathlib import Path

import pytest

from wallet import cli
from wallet.present import qr
from wallet.verify.checks import parse_time


@pytest.fixture
def env(tmp_path: Path) -> dict[str, Path]:
    pw = tmp_path / "pass.txt"
    pw.write_text("correct horse battery\n")
    out = tmp_path / "out"
    out.mkdir()
    env = {"wallet": tmp_path / "w.lwallet", "pass": pw, "out": out}
    assert run(env, "init", "--demo")[0] == 0
    return env


def run(env: dict[str, Path], *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(
        ["--wallet", str(env["wallet"]), "--passphrase-file", str(env["pass"]), *args], out=out
    )
    return code, out.getvalue()


def demo_id(env: dict[str, Path], title: str) -> str:
    rows = [json.loads(line) for line in run(env, "list", "--json")[1].splitlines()]
    return next(r["id"] for r in rows if r["title"] == title)


def expiry(path: Path) -> dt.datetime:
    moment = parse_time(json.loads(path.read_text("utf-8"))["proof"]["expires"])
    assert moment is not None
    return moment


def created(path: Path) -> dt.datetime:
    moment = parse_time(json.loads(path.read_text("utf-8"))["proof"]["created"])
    assert moment is not None
    return moment


def check(env: dict[str, Path], image: Path, at: dt.datetime) -> tuple[int, str]:
    stamp = at.strftime("%Y-%m-%dT%H:%M:%SZ")
    return run(env, "check-qr", str(image), "--at", stamp)


def test_a_png_sheet_verifies_after_six_days_and_is_expired_after_its_week(env) -> None:
    cid = demo_id(env, "Data Analysis with Python")  # two codes
    sheet, vp = env["out"] / "proof.png", env["out"] / "vp.json"
    code, said = run(env, "present", cid, "--sheet", str(sheet), "--json", str(vp))
    assert code == 0, said
    assert "proof sheet" in said and "2 QR codes" in said and "valid until" in said.lower()
    assert expiry(vp) - created(vp) == dt.timedelta(days=7)  # a saved code: 7 days
    assert len(qr.read_qr_image(sheet)) == 2  # both codes from the one picture

    code, said = check(env, sheet, created(vp) + dt.timedelta(days=6))
    assert code == 0 and "Overall: VERIFIED" in said, said

    code, said = check(env, sheet, expiry(vp) + dt.timedelta(minutes=1))
    assert code == 1 and "Overall: FAILED" in said
    assert "expired" in said
    for wrong in ("tamper", "does not match", "changed after signing"):
        assert wrong not in said, said


def test_a_pdf_sheet_renders_and_its_codes_read_back(env) -> None:
    cid = demo_id(env, "Data Analysis with Python")
    sheet = env["out"] / "proof.pdf"
    code, said = run(env, "present", cid, "--sheet", str(sheet), "--valid-for", "2h")
    assert code == 0, said
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", str(sheet), str(env["out"] / "page")],
        check=True,
        capture_output=True,
    )
    pages = sorted(env["out"].glob("page*.png"))
    assert len(pages) == 1
    texts = qr.read_qr_image(pages[0])
    assert len(texts) == 2
    vp = qr.decode(texts)
    assert parse_time(vp["proof"]["expires"]) - parse_time(vp["proof"]["created"]) == (
        dt.timedelta(hours=2)
    )
    code, said = check(env, pages[0], dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1))
    assert code == 0 and "Overall: VERIFIED" in said, said


def test_valid_for_is_chosen_beside_qr_and_checked(env, capsys) -> None:
    cid = demo_id(env, "Cloud Security Fundamentals")
    qr_out, vp = env["out"] / "code.png", env["out"] / "vp.json"
    code, said = run(
        env, "present", cid, "--qr", str(qr_out), "--valid-for", "10m", "--json", str(vp)
    )
    assert code == 0 and "QR version" in said
    assert expiry(vp) - created(vp) == dt.timedelta(minutes=10)
    code, _ = run(env, "present", cid, "--qr", str(qr_out), "--json", str(vp))
    assert code == 0 and expiry(vp) - created(vp) == dt.timedelta(days=7)  # saved: a week
    capsys.readouterr()
    for bad, words in (("45s", "10m"), ("31d", "10 minutes to 30 days"), ("soon", "7d")):
        code, _ = run(env, "present", cid, "--qr", str(qr_out), "--valid-for", bad)
        err = capsys.readouterr().err
        assert code == 2 and words in err and bad in err, err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_present_needs_somewhere_to_write_and_a_sheet_is_pdf_or_png(env, capsys) -> None:
    cid = demo_id(env, "Cloud Security Fundamentals")
    capsys.readouterr()
    code, _ = run(env, "present", cid)
    err = capsys.readouterr().err
    assert code == 2 and "--qr" in err and "--sheet" in err
    code, _ = run(env, "present", cid, "--sheet", str(env["out"] / "proof.txt"))
    err = capsys.readouterr().err
    assert code == 2 and ".pdf" in err and ".png" in err
    assert not (env["out"] / "proof.txt").exists()
