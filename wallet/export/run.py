"""One export, whatever the format: the call the CLI and the Export dialog both make.

HTML, JSON, CLR and badge images are written here; the PDF needs Qt's PDF writer, which lives
in `wallet/ui/pdf_export.py` (nothing outside `wallet/ui` imports Qt), so the caller passes it
in as `pdf_writer` (the CLI imports it only for `--format pdf`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wallet.errors import WalletError
from wallet.export.portfolio import PORTFOLIO_MINUTES, Portfolio, ProgressFn, build_portfolio
from wallet.files import make_folder_for
from wallet.messages import M, Msg

HTML, PDF, JSON, CLR, IMAGES = "html", "pdf", "json", "clr", "images"
FORMATS = (HTML, PDF, JSON, CLR, IMAGES)
FOLDER_FORMATS = (CLR, IMAGES)  # these write a folder of files; the others one file

PdfWriter = Callable[[Portfolio, Path], Any]


@dataclass(frozen=True)
class ExportOptions:
    """One export as the learner asked for it (the CLI's flags, the Export dialog's fields):
    built once by the front end and passed through the use case to `export` unchanged.
    `pdf_writer` is Qt's PDF writer, which only a front end can supply (needed for `pdf`)."""

    fmt: str
    out: Path  # a file, or a folder for `clr` and `images`
    name: str | None = None  # the learner's name, the portfolio's title
    summary: str | None = None
    verify: bool = True  # check each credential again (offline) for the verdict shown
    pdf_writer: PdfWriter | None = None
    # HTML and PDF leave out failed and unchecked credentials unless the learner includes them
    include_unverified: bool = False
    # how long the portfolio's presentations (the PDF's QR codes, the signed JSON) stay valid
    valid_minutes: int = PORTFOLIO_MINUTES


@dataclass
class ExportResult:
    """What was written, and notes (messages) about anything left out and why."""

    written: list[Path]
    count: int  # credentials in the portfolio
    notes: list[Msg] = field(default_factory=list)


def write_portfolio(
    store: Any,
    portfolio: Portfolio,
    fmt: str,
    out: Path,
    *,
    pdf_writer: PdfWriter | None = None,
    valid_minutes: int = PORTFOLIO_MINUTES,
) -> ExportResult:
    """Write an already built portfolio in one format to `out` (a file, or a folder for
    `clr` and `images`)."""
    from wallet.export import bundles, html, images

    # Absolute, so whoever reports what was written names where it went. Exports keep the
    # umask's mode (they are meant to be shared), unlike the wallet's own files.
    out = Path(os.path.abspath(out))
    if fmt not in FORMATS:
        raise _unknown_format(fmt)
    if fmt not in FOLDER_FORMATS:
        if out.is_dir():
            raise WalletError(M("{path} is a folder; name the file to write", path=str(out)))
        make_folder_for(out)
    elif out.exists() and not out.is_dir():
        raise WalletError(
            M("{path} is a file; name a folder for the {format} export", path=str(out), format=fmt)
        )
    count = len(portfolio.items)
    try:
        if fmt == HTML:
            out.write_text(html.render_html(portfolio), encoding="utf-8")
            return ExportResult([out], count)
        if fmt == PDF:
            if pdf_writer is None:
                raise WalletError(M("the PDF export needs the desktop app's PDF writer"))
            from wallet.export.attachments import attach_originals

            pdf_writer(portfolio, out)
            attach_originals(portfolio, out)
            return ExportResult([out], count)
        if fmt == JSON:
            return ExportResult(
                [bundles.write_presentation(store, portfolio, out, valid_minutes)], count
            )
        written, notes = (
            bundles.write_clr(portfolio, out) if fmt == CLR else images.write_images(portfolio, out)
        )
        return ExportResult(written, count, notes)
    except OSError as e:
        raise WalletError(
            M(
                "cannot write {path}: {problem}",
                path=str(e.filename or out),
                problem=str(e.strerror),
            )
        ) from None


def _unknown_format(fmt: str) -> WalletError:
    return WalletError(
        M(
            "unknown export format {format} (one of: {formats})",
            format=repr(fmt),
            formats=", ".join(FORMATS),
        )
    )


def export(
    store: Any,
    ids: list[str],
    options: ExportOptions,
    *,
    progress: ProgressFn | None = None,
    checkpoint: Callable[[], None] | None = None,
) -> ExportResult:
    """Build the portfolio of `ids` (see `select_ids`) and write it as `options` say.
    `checkpoint()` runs once it is built, before anything is written (a worker cancels there)."""
    if options.fmt not in FORMATS:
        raise _unknown_format(options.fmt)
    portfolio = build_portfolio(
        store,
        ids,
        name=options.name,
        summary=options.summary,
        verify=options.verify,
        progress=progress,
        include_unverified=options.include_unverified or options.fmt not in (HTML, PDF),
    )
    if not portfolio.items and portfolio.left_out:
        raise WalletError(
            M(
                "nothing to export: every chosen credential failed verification or is not "
                "checked (include them with --include-unverified, or “Include failed and "
                "unchecked credentials”)"
            )
        )
    if options.fmt == PDF:
        from wallet.export.codes import add_codes

        add_codes(store, portfolio, options.valid_minutes)
    if checkpoint is not None:
        checkpoint()
    result = write_portfolio(
        store,
        portfolio,
        options.fmt,
        options.out,
        pdf_writer=options.pdf_writer,
        valid_minutes=options.valid_minutes,
    )
    if portfolio.left_out == 1:
        result.notes.append(
            M("1 credential that failed verification or is not checked was left out")
        )
    elif portfolio.left_out:
        result.notes.append(
            M(
                "{n} credentials that failed verification or are not checked were left out",
                n=portfolio.left_out,
            )
        )
    return result
