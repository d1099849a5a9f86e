"""E-portfolio export: a chosen set of credentials as HTML, PDF, JSON, CLR or badge images.

Qt-free (the PDF writer is `wallet/ui/pdf_export.py`). `select` decides what goes in (the
learner always chooses: nothing is exported by default), `portfolio` reads it once into the
model every format shows, `html`, `bundles` and `images` write it, `run.export` does all of it.
"""

from wallet.export.portfolio import Portfolio, PortfolioItem, StackProgress, build_portfolio
from wallet.export.run import (
    FOLDER_FORMATS,
    FORMATS,
    ExportOptions,
    ExportResult,
    export,
    write_portfolio,
)
from wallet.export.select import SelectionError, select_ids

__all__ = [
    "FOLDER_FORMATS",
    "FORMATS",
    "ExportOptions",
    "ExportResult",
    "Portfolio",
    "PortfolioItem",
    "SelectionError",
    "StackProgress",
    "build_portfolio",
    "export",
    "select_ids",
    "write_portfolio",
]
