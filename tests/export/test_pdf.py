"""The PDF portfolio (Qt's PDF writer), read back with poppler: pages render, titles are there."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image

from wallet.export import ExportOptions, export, select_ids
from wallet.export.portfolio import VERDICT_WORDS
from wallet.store import WalletStore
from wallet.ui.pdf_export import write_pdf

from .helpers import program


def test_pdf_renders_with_every_title(
    qapp: object, demo_store: WalletStore, tmp_path: Path
) -> None:
    out = tmp_path / "portfolio.pdf"
    result = export(
        demo_store,
        select_ids(demo_store, everything=True),
        ExportOptions(
            "pdf",
            out,
            name="Aroha Demo-Learner",
            summary="Builder and analyst.",
            pdf_writer=write_pdf,
            include_unverified=True,
        ),
    )
    assert result.written == [out]

    pdftotext = program("pdftotext", package="poppler-utils")
    text = subprocess.run(
        [pdftotext, "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = " ".join(text.split())
    assert "Aroha Demo-Learner: portfolio" in words
    assert "Builder and analyst." in words
    for cred in demo_store.credentials.records().values():
        assert " ".join(cred.title.split()) in words, cred.title
    assert "Credits 15 NZQF credits" in words
    assert "Import, clean and reshape tabular data with pandas" in words
    for verdict in set(demo_store.checks.verdicts().values()):
        assert str(VERDICT_WORDS[verdict]) in words
    assert "81% complete; 25 of 40 NZQF credits" in words
    info = subprocess.run(
        [program("pdfinfo", package="poppler-utils"), str(out)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Page size: 595 x 842 pts (A4)" in " ".join(info.split())
    assert "Title: Aroha Demo-Learner: portfolio" in " ".join(info.split())

    pdftoppm = program("pdftoppm", package="poppler-utils")
    subprocess.run([pdftoppm, "-png", "-r", "60", str(out), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2  # eleven credentials do not fit on one A4 page
    with Image.open(pages[0], formats=["PNG"]) as im:
        assert len(im.convert("RGB").getcolors(1 << 20) or []) > 20  # not blank


def test_pdf_of_a_hand_picked_pair(qapp: object, demo_store: WalletStore, tmp_path: Path) -> None:
    """No name given and none saved: the title says only what it is, nothing invented."""
    ids = [s.id for s in demo_store.credentials.summaries()][:2]
    out = tmp_path / "pair.pdf"
    export(
        demo_store, select_ids(demo_store, ids=ids), ExportOptions("pdf", out, pdf_writer=write_pdf)
    )
    text = subprocess.run(
        [program("pdftotext", package="poppler-utils"), str(out), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = " ".join(text.split())
    assert words.startswith("Portfolio of credentials 2 credentials, exported on")
    for cid in ids:
        assert demo_store.credentials.get(cid).credential.title in words
