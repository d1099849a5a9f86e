"""Exporting a portfolio of chosen credentials: the CLI's `export` and the window's File →
Export… (its background task). wallet.export chooses, builds and renders (HTML, JSON, CLR,
badge images); the PDF needs Qt, so the front end passes its writer in (`pdf_writer`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from wallet.store import WalletStore

if TYPE_CHECKING:
    from wallet.export.portfolio import ProgressFn
    from wallet.export.run import ExportResult, PdfWriter


def export(
    store: WalletStore,
    fmt: str,
    out: Path,
    *,
    collection: str | None = None,
    stack: str | None = None,
    ids: Iterable[str] = (),
    everything: bool = False,
    name: str | None = None,
    summary: str | None = None,
    verify: bool = True,
    pdf_writer: PdfWriter | None = None,
    progress: ProgressFn | None = None,
    checkpoint: Callable[[], None] | None = None,
) -> ExportResult:
    """Export, as `fmt` into `out`, the credentials chosen in exactly one way: a collection, a
    stack, ids (or unique prefixes) or `everything` (SelectionError otherwise). `progress`
    hears of the portfolio being built; `checkpoint()` is called once it is built, before
    anything is written (a worker raises there to cancel)."""
    from wallet.errors import WalletError
    from wallet.export import build_portfolio, select_ids, write_portfolio
    from wallet.export.run import FORMATS

    chosen = select_ids(store, collection=collection, stack=stack, ids=ids, everything=everything)
    if fmt not in FORMATS:
        raise WalletError(f"unknown export format {fmt!r} (one of: {', '.join(FORMATS)})")
    portfolio = build_portfolio(
        store, chosen, name=name, summary=summary, verify=verify, progress=progress
    )
    if checkpoint is not None:
        checkpoint()
    return write_portfolio(store, portfolio, fmt, Path(out), pdf_writer=pdf_writer)
