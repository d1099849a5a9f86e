#!/usr/bin/env python3
"""Picture the exported portfolio: the demo wallet as HTML shot by headless Chromium, and the
first page of its PDF drawn by pdftoppm, into docs/screenshots/portfolio-{html,pdf}.png.

Why a script: the README's pictures must be of the export as it is, made the same way every
time on a machine with no display. Needs the Debian packages `chromium` and `poppler-utils`
(scripts/setup.sh test installs them):

    python scripts/portfolio_screenshot.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NAME = "Aroha Demo-Learner"
SUMMARY = (
    "Apprentice in sustainable building who also analyses site data; "
    "looking for a cadetship in construction technology."
)
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def tool(*names: str, package: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit(f"{' or '.join(names)} not found: apt-get install {package}")


def shoot_html(html: Path, png: Path, work: Path, size: str = "1280,2000") -> None:
    """A headless Chromium screenshot of a local page (fresh profile, nothing fetched)."""
    browser = tool("chromium", "chromium-browser", package="chromium")
    subprocess.run(
        [
            browser,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={work / 'profile'}",
            f"--screenshot={png}",
            f"--window-size={size}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def first_pdf_page(pdf: Path, png: Path, dpi: int = 80) -> None:
    pdftoppm = tool("pdftoppm", package="poppler-utils")
    subprocess.run(
        [
            pdftoppm,
            "-png",
            "-r",
            str(dpi),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(png.with_suffix("")),
        ],
        check=True,
        timeout=120,
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = ap.parse_args(argv)

    from wallet.demo import DEMO_PASSPHRASE, fresh_demo_wallet
    from wallet.export import ExportOptions, export, select_ids
    from wallet.store import WalletStore
    from wallet.ui.pdf_export import write_pdf

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        path = fresh_demo_wallet(work / "demo.lwallet")
        with WalletStore.open(path, DEMO_PASSPHRASE) as store:
            ids = select_ids(store, everything=True)
            html = ExportOptions("html", work / "portfolio.html", name=NAME, summary=SUMMARY)
            pdf = ExportOptions(
                "pdf", work / "portfolio.pdf", name=NAME, summary=SUMMARY, pdf_writer=write_pdf
            )
            export(store, ids, html)
            export(store, ids, pdf)
        shoot_html(work / "portfolio.html", args.out / "portfolio-html.png", work)
        first_pdf_page(work / "portfolio.pdf", args.out / "portfolio-pdf.png")
    for name in ("portfolio-html.png", "portfolio-pdf.png"):
        print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
