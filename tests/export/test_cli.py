"""`learner-wallet export`: choosing the set, every format, plain errors."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wallet.cli import EXIT_ERROR, EXIT_OK, main
from wallet.demo import DEMO_PASSPHRASE
from wallet.store import WalletStore


def run(store: WalletStore, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--wallet", str(store.path), "export", *args], out)
    return code, out.getvalue()


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEARNER_WALLET_PASSPHRASE", DEMO_PASSPHRASE)


def test_collection_to_html(demo_store: WalletStore, tmp_path: Path) -> None:
    ids = [s.id for s in demo_store.credentials.summaries()][:3]
    cid = demo_store.tags.create_collection("Job applications")
    for i in ids:
        demo_store.tags.add_to_collection(cid, i)
    out = tmp_path / "jobs.html"
    code, text = run(
        demo_store,
        "--format",
        "html",
        "--collection",
        "job applications",
        "--name",
        "Aroha",
        "--summary",
        "Looking for work.",
        str(out),
    )
    assert code == EXIT_OK
    assert text.splitlines() == [f"wrote {out}", "exported 3 credentials"]
    page = out.read_text("utf-8")
    assert "<h1>Aroha: portfolio</h1>" in page and "Looking for work." in page
    titles = {demo_store.credentials.get(i).credential.title for i in ids}
    others = {c.title for k, c in demo_store.credentials.records().items() if k not in ids}
    assert all(t in page for t in titles)
    assert not any(f">{t}<" in page for t in others - titles)  # nothing else leaves


def test_stack_to_pdf_and_ids_to_json(
    qapp: object, demo_store: WalletStore, tmp_path: Path
) -> None:
    """(`qapp`: the PDF writer uses the running application, as in the desktop app.)"""
    pdf = tmp_path / "stack.pdf"
    code, text = run(
        demo_store, "--format", "pdf", "--stack", "demo-nzcert-applied-digital-skills-l5", str(pdf)
    )
    assert code == EXIT_OK, text
    assert pdf.read_bytes().startswith(b"%PDF") and "exported 2 credentials" in text

    ids = [s.id[:8] for s in demo_store.credentials.summaries()][:2]
    vp = tmp_path / "vp.json"
    code, _ = run(demo_store, "--format", "json", *ids, str(vp))
    assert code == EXIT_OK
    assert len(json.loads(vp.read_text("utf-8"))["verifiableCredential"]) == 2


def test_images_folder_and_notes(demo_store: WalletStore, tmp_path: Path) -> None:
    code, text = run(demo_store, "--format", "images", "--all", str(tmp_path / "badges"))
    assert code == EXIT_OK
    lines = text.splitlines()
    assert sum(line.startswith("wrote ") for line in lines) == 10
    assert any(line.startswith("note: not an Open Badge") for line in lines)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "html"], "choose what to export"),
        (["--format", "html", "--collection", "Nope"], "no collection called 'Nope'"),
        (["--format", "html", "--stack", "nope"], "no stack 'nope'"),
        (["--format", "html", "--all", "abcd1234"], "choose what to export with one of"),
        (["--format", "html", "ffff0000"], "no credential with id 'ffff0000'"),
        (["--format", "clr", "--all"], "cannot make one for you"),
    ],
)
def test_plain_errors(
    demo_store: WalletStore,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    out = tmp_path / "out"
    code, _ = run(demo_store, *args, str(out))
    assert code == EXIT_ERROR
    assert message in capsys.readouterr().err
    assert not out.exists() or out.is_dir() and not any(out.iterdir())


def test_pdf_from_a_plain_process_without_display(demo_store: WalletStore, tmp_path: Path) -> None:
    """The CLI makes its own (offscreen) Qt application: no display, no QT_QPA_PLATFORM."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    env["LEARNER_WALLET_PASSPHRASE"] = DEMO_PASSPHRASE
    out = tmp_path / "plain.pdf"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "wallet",
            "--wallet",
            str(demo_store.path),
            "export",
            "--format",
            "pdf",
            "--all",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
