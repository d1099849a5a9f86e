"""The portfolio PDF an employer can check: the signed originals attached, byte for byte, and
one QR code per credential that `check-qr` verifies; failed and unchecked credentials only
when the learner includes them, marked; no heading stranded at the foot of a page."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest

from wallet.actions.checking import check_qr_texts
from wallet.cli import EXIT_OK, main
from wallet.demo import DEMO_PASSPHRASE
from wallet.export import ExportOptions, export, select_ids
from wallet.messages import render, set_language
from wallet.present.qr import read_qr_image
from wallet.store import WalletStore
from wallet.ui.pdf_export import write_pdf

from .helpers import program, reimport


def pdf_of(store: WalletStore, out: Path, **options: object) -> Path:
    export(
        store,
        select_ids(store, everything=True),
        ExportOptions("pdf", out, name="Aroha Demo-Learner", pdf_writer=write_pdf, **options),  # type: ignore[arg-type]
    )
    return out


def page_texts(pdf: Path) -> list[str]:
    pdftotext = program("pdftotext", package="poppler-utils")
    pages = int(
        next(
            line.split()[-1]
            for line in subprocess.run(
                [program("pdfinfo", package="poppler-utils"), str(pdf)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    return [
        subprocess.run(
            [pdftotext, "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, pages + 1)
    ]


def test_attached_originals_reimport_with_the_same_verdicts_and_a_code_verifies(
    qapp: object, demo_store: WalletStore, tmp_path: Path
) -> None:
    pdf = pdf_of(demo_store, tmp_path / "portfolio.pdf")
    verdicts = demo_store.checks.verdicts()
    shown = {cid for cid, v in verdicts.items() if v in ("verified", "warning")}

    folder = tmp_path / "attached"
    folder.mkdir()
    subprocess.run(
        [program("pdfdetach", package="poppler-utils"), "-saveall", "-o", str(folder), str(pdf)],
        check=True,
    )
    files = sorted(folder.iterdir())
    originals = {s.original for s in map(demo_store.credentials.get, shown)}
    assert {f.read_bytes() for f in files} == originals  # every shown one, byte for byte
    titles = {demo_store.credentials.get(cid).credential.title for cid in shown}
    assert all(any(f.name.startswith(t.lower().split()[0]) for f in files) for t in titles)
    again = reimport(demo_store, files, tmp_path / "fresh.lwallet")
    assert again == {cid: verdicts[cid] for cid in shown}

    pdftoppm = program("pdftoppm", package="poppler-utils")
    subprocess.run(
        [pdftoppm, "-png", "-r", "200", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    [page] = tmp_path.glob("p-*1.png")
    texts = read_qr_image(page)
    assert texts
    checked = check_qr_texts(demo_store, texts)
    assert checked.verdict in ("verified", "warning"), checked.report
    first = render(checked.presentation["verifiableCredential"][0]["name"])
    assert first in page_texts(pdf)[0]


def test_failed_and_unchecked_are_left_out_unless_included_and_then_marked(
    qapp: object, demo_store: WalletStore, tmp_path: Path
) -> None:
    verdicts = demo_store.checks.verdicts()
    titles = {
        v: {demo_store.credentials.get(c).credential.title for c, x in verdicts.items() if x == v}
        for v in set(verdicts.values())
    }
    [failed] = titles["failed"]
    [unknown] = titles["unknown"]

    lines = {
        " ".join(line.split())
        for text in page_texts(pdf_of(demo_store, tmp_path / "a.pdf"))
        for line in text.splitlines()
    }  # a credential's heading is a line of its own (a stack may name it in a sentence)
    assert failed not in lines and unknown not in lines
    assert all(t in lines for t in titles["verified"])
    html = tmp_path / "a.html"
    export(demo_store, select_ids(demo_store, everything=True), ExportOptions("html", html))
    failed_id = next(c for c, v in verdicts.items() if v == "failed")
    assert f'id="c-{failed_id}"' not in html.read_text(encoding="utf-8")

    pdf = pdf_of(demo_store, tmp_path / "b.pdf", include_unverified=True)
    words = " ".join(" ".join(page_texts(pdf)).split())
    assert f"{failed} Failed: " in words
    assert f"{unknown} Not checked" in words
    export(
        demo_store,
        select_ids(demo_store, everything=True),
        ExportOptions("html", html, include_unverified=True),
    )
    page = html.read_text(encoding="utf-8")
    assert f'id="c-{failed_id}"' in page and "Failed: " in page and "Not checked" in page


@pytest.mark.parametrize(("lang", "summaries"), [("en", range(0, 24, 3)), ("de", range(1, 24, 5))])
def test_no_heading_ends_a_page(
    qapp: object, demo_store: WalletStore, tmp_path: Path, lang: str, summaries: range
) -> None:
    headings = {" ".join(c.title.split()) for c in demo_store.credentials.records().values()}
    headings |= {s.name for s in demo_store.stacks.all()}
    headings |= {"Learning outcomes", "Lernergebnisse", "Credentials", "Nachweise"}
    set_language(lang)
    try:
        for size in summaries:  # the summary's length moves every heading down the pages
            summary = " ".join(["Builder and analyst of tidy data."] * size * 3)
            pdf = pdf_of(
                demo_store, tmp_path / f"{size}.pdf", include_unverified=True, summary=summary
            )
            pages = page_texts(pdf)
            assert len(pages) > 2
            for n, text in enumerate(pages[:-1], start=1):
                lines = [" ".join(x.split()) for x in text.splitlines() if x.strip()]
                body = [x for x in lines if not x.isdigit()]  # the page number
                assert body[-1] not in headings, f"page {n} ends with {body[-1]!r} ({size})"
                # nor with a heading and one line of what it heads (a long table split there)
                assert body[-2] not in headings, f"page {n} ends after {body[-2]!r} ({size})"
    finally:
        set_language("en")


def test_cli_all_and_include_unverified(
    demo_store: WalletStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEARNER_WALLET_PASSPHRASE", DEMO_PASSPHRASE)
    out = tmp_path / "p.html"

    def run(*args: str) -> str:
        text = io.StringIO()
        code = main(["--wallet", str(demo_store.path), "export", *args], text)
        assert code == EXIT_OK, text.getvalue()
        return text.getvalue()

    said = run("--format", "html", "--all", str(out))
    assert "2 credentials that failed verification or are not checked were left out" in said
    assert "Failed: " not in out.read_text(encoding="utf-8")
    said = run("--format", "html", "--all", "--include-unverified", str(out))
    assert "left out" not in said
    assert "Failed: " in out.read_text(encoding="utf-8")
