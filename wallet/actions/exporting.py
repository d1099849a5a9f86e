"""Exporting a portfolio of chosen credentials: the CLI's `export` and the window's File →
Export… (its background task). wallet.export chooses, builds and renders (HTML, JSON, CLR,
badge images); the PDF needs Qt, so the front end passes its writer in (`ExportOptions`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from wallet.store import WalletStore

if TYPE_CHECKING:
    from wallet.export.portfolio import ProgressFn
    from wallet.export.run import ExportOptions, ExportResult


def export(
    store: WalletStore,
    options: ExportOptions,
    *,
    collection: str | None = None,
    stack: str | None = None,
    ids: Iterable[str] = (),
    everything: bool = False,
    progress: ProgressFn | None = None,
    checkpoint: Callable[[], None] | None = None,
) -> ExportResult:
    """Export, as `options` say, the credentials chosen in exactly one way: a collection, a
    stack, ids (or unique prefixes) or `everything` (SelectionError otherwise). `progress`
    hears of the portfolio being built; `checkpoint()` is called once it is built, before
    anything is written (a worker raises there to cancel)."""
    from wallet.export import select_ids
    from wallet.export.run import export as export_portfolio

    chosen = select_ids(store, collection=collection, stack=stack, ids=ids, everything=everything)
    return export_portfolio(store, chosen, options, progress=progress, checkpoint=checkpoint)
