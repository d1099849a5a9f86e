"""The portfolio as a paginated PDF, made with Qt's own PDF writer.

Why here: Qt may only be imported under `wallet/ui/`; the CLI imports this module only for
`export --format pdf`. Qt's text engine lays out the simpler HTML of
`wallet.export.html.render_print_html` (tables rather than CSS layout) and `QTextDocument.print_`
paginates it onto a `QPdfWriter` (A4, no printer or print dialog, so it works offscreen). Images
are handed over as document resources decoded from the credential's own bytes: nothing is ever
loaded by address. Qt never decodes an issuer's bytes itself: a raster picture is opened by
`wallet.images` (PNG, JPEG, GIF or WebP, under a pixel cap) and handed over as a small PNG of
our own; an SVG is cleaned first (no scripts, no references outside the file, so Qt's renderer
cannot draw the learner's local files) and rendered at the picture's size.

Qt needs an application object to lay out text; when none exists (the CLI) one is made on the
offscreen platform, so no display is needed. Call from the GUI thread in the app.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Any

from wallet.errors import WalletError
from wallet.export.html import page_title, render_print_html
from wallet.export.portfolio import Portfolio
from wallet.images import ImageRefused, UnsupportedImage, image_as_png, looks_like_svg, sanitize_svg
from wallet.messages import plain
from wallet.ui.qt import QtCore, QtGui, QtWidgets

# QtSvg only for the badge pictures, from the same binding as the shim's QtCore.
QtSvg = importlib.import_module(QtCore.__name__.rpartition(".")[0] + ".QtSvg")

translate = QtCore.QCoreApplication.translate  # lupdate finds the words through this name

PICTURE_SIDE = 144  # pixels of a badge picture in the document (72 pt on the page)
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
        image = badge_picture(data)
        if image is None:  # still a resource: Qt must not look for a file of that name
            image = QtGui.QImage(1, 1, QtGui.QImage.Format.Format_ARGB32)
            image.fill(QtCore.Qt.GlobalColor.transparent)
        doc.addResource(QtGui.QTextDocument.ResourceType.ImageResource, QtCore.QUrl(name), image)
    doc.setHtml(html)
    doc.setMetaInformation(QtGui.QTextDocument.MetaInformation.DocumentTitle, page_title(portfolio))
    return doc


def badge_picture(data: bytes) -> QtGui.QImage | None:
    """A credential's picture at PICTURE_SIDE pixels, or None when it is not one the wallet
    can draw safely (another format, damaged, over the pixel cap, an SVG that is not one)."""
    try:
        png = image_as_png(data, max_side=PICTURE_SIDE)
    except UnsupportedImage:
        return _svg_picture(data) if looks_like_svg(data) else None
    except ImageRefused:
        return None
    image = QtGui.QImage()
    if not image.loadFromData(png, "PNG"):
        return None
    return image.scaled(
        PICTURE_SIDE,
        PICTURE_SIDE,
        QtCore.Qt.AspectRatioMode.KeepAspectRatio,
        QtCore.Qt.TransformationMode.SmoothTransformation,
    )


def _svg_picture(data: bytes) -> QtGui.QImage | None:
    """An issuer's SVG, cleaned, rendered into a picture of our size (its declared size only
    sets the proportions, so a huge one allocates nothing)."""
    try:
        clean = sanitize_svg(data).svg
    except ImageRefused:
        return None
    renderer = QtSvg.QSvgRenderer(QtCore.QByteArray(clean))
    if not renderer.isValid():
        return None
    size = renderer.viewBoxF().size()
    width, height = size.width(), size.height()
    if not (width > 0 and height > 0):
        width = height = 1.0
    scale = PICTURE_SIDE / max(width, height)
    image = QtGui.QImage(
        max(1, round(width * scale)),
        max(1, round(height * scale)),
        QtGui.QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(QtCore.Qt.GlobalColor.transparent)
    painter = QtGui.QPainter(image)
    try:
        renderer.render(painter)
    finally:
        painter.end()
    return image


def write_pdf(portfolio: Portfolio, out: Path) -> Path:
    """Write the portfolio as an A4 PDF at `out` (paginated by `QTextDocument.print_`)."""
    doc = build_document(portfolio)
    out = Path(out)
    writer = QtGui.QPdfWriter(str(out))
    writer.setTitle(page_title(portfolio))
    writer.setCreator("Learner Wallet")
    writer.setResolution(300)
    writer.setPageSize(QtGui.QPageSize(QtGui.QPageSize.PageSizeId.A4))
    writer.setPageMargins(
        QtCore.QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QtGui.QPageLayout.Unit.Millimeter,
    )
    doc.print_(writer)
    del writer  # finishes and closes the file
    if not out.is_file() or out.stat().st_size == 0:
        raise WalletError(
            plain(translate("PdfExport", "cannot write the PDF at {path}").format(path=out))
        )
    return out
