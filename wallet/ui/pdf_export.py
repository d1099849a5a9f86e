"""The portfolio as a paginated PDF, made with Qt's own PDF writer.

Why here: Qt may only be imported under `wallet/ui/`; the CLI imports this module only for
`export --format pdf`. Qt's text engine lays out the simpler HTML of
`wallet.export.html.render_print_html` (tables rather than CSS layout) and `QTextDocument.print_`
paginates it onto a `QPdfWriter` (A4, no printer or print dialog, so it works offscreen). Images
are handed over as document resources decoded from the credential's own bytes: nothing is ever
loaded by address.

Qt needs an application object to lay out text; when none exists (the CLI) one is made on the
offscreen platform, so no display is needed. Call from the GUI thread in the app.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from wallet.errors import WalletError
from wallet.export.html import page_title, render_print_html
from wallet.export.portfolio import Portfolio
from wallet.ui.qt import QtCore, QtGui, QtWidgets

MARGIN_MM = 0  # print_ lays the text out inside its own 2 cm margin (and numbers the pages)
_STYLE = """
body { color: #1f2328; }
h1 { color: #1d3557; font-size: 20pt; }
h2 { color: #1d3557; font-size: 15pt; margin-top: 18px; }
h3 { color: #1f2328; font-size: 12.5pt; margin-top: 14px; margin-bottom: 2px; }
td { font-size: 10pt; }
p, li { font-size: 10pt; }
"""

_app: Any = None  # the application this module made, kept alive for the process


def ensure_application() -> Any:
    """The running Qt application, or a new offscreen one when there is none (a QApplication,
    not a bare QGuiApplication, so that widgets can still be made later in the process)."""
    global _app
    app = QtWidgets.QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QtWidgets.QApplication([sys.argv[0] if sys.argv else "learner-wallet"])
        _app = app
    return app


def build_document(portfolio: Portfolio) -> QtGui.QTextDocument:
    """The laid-out rich text of the portfolio, with its images as resources."""
    ensure_application()
    html, images = render_print_html(portfolio)
    doc = QtGui.QTextDocument()
    doc.setDefaultStyleSheet(_STYLE)
    font = doc.defaultFont()
    font.setPointSizeF(10)
    # No ligatures: "fi" stays two letters, so searching or copying the PDF finds "Verified".
    font.setFeature(QtGui.QFont.Tag("liga"), 0)
    doc.setDefaultFont(font)
    for name, data in images.items():
        image = QtGui.QImage()
        if image.loadFromData(data):
            doc.addResource(QtGui.QTextDocument.ResourceType.ImageResource, QtCore.QUrl(name),
                            image.scaled(144, 144, QtCore.Qt.AspectRatioMode.KeepAspectRatio,
                                         QtCore.Qt.TransformationMode.SmoothTransformation))
    doc.setHtml(html)
    doc.setMetaInformation(QtGui.QTextDocument.MetaInformation.DocumentTitle,
                           page_title(portfolio))
    return doc


def write_pdf(portfolio: Portfolio, out: Path) -> Path:
    """Write the portfolio as an A4 PDF at `out` (paginated by `QTextDocument.print_`)."""
    doc = build_document(portfolio)
    out = Path(out)
    writer = QtGui.QPdfWriter(str(out))
    writer.setTitle(page_title(portfolio))
    writer.setCreator("Learner Wallet")
    writer.setResolution(300)
    writer.setPageSize(QtGui.QPageSize(QtGui.QPageSize.PageSizeId.A4))
    writer.setPageMargins(QtCore.QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                          QtGui.QPageLayout.Unit.Millimeter)
    doc.print_(writer)
    del writer  # finishes and closes the file
    if not out.is_file() or out.stat().st_size == 0:
        raise WalletError(f"cannot write the PDF at {out}")
    return out
