"""The portfolio as a paginated PDF, made with Qt's own PDF writer.

Why here: Qt may only be imported under `wallet/ui/`; the CLI imports this module only for
`export --format pdf`. Qt's text engine lays out the simpler HTML of
`wallet.export.html.render_print_parts` (tables rather than CSS layout); `write_pdf` lays it out
on A4 pages itself (so a heading that would end a page moves to the next, with what it heads),
paints each page onto a `QPdfWriter` with its number (no printer or print dialog, so it works
offscreen), and `wallet.export` then attaches the signed originals. QR codes are drawn here
from their modules (the text is the resource), never decoded from a picture. Images
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
from wallet.export.html import page_title, render_print_parts
from wallet.export.portfolio import Portfolio
from wallet.images import ImageRefused, UnsupportedImage, image_as_png, looks_like_svg, sanitize_svg
from wallet.messages import plain
from wallet.ui.qt import QtCore, QtGui, QtWidgets

# QtSvg only for the badge pictures, from the same binding as the shim's QtCore.
QtSvg = importlib.import_module(QtCore.__name__.rpartition(".")[0] + ".QtSvg")

translate = QtCore.QCoreApplication.translate  # lupdate finds the words through this name

PICTURE_SIDE = 144  # pixels of a badge picture in the document (72 pt on the page)
MARGIN_MM = 0  # the writer's own margin: the document's root frame keeps MARGIN_CM instead
_STYLE = """
body { color: #1f2328; }
h1 { color: #1d3557; font-size: 20pt; }
h2 { color: #1d3557; font-size: 15pt; margin-top: 18px; }
h3 { color: #1f2328; font-size: 12.5pt; margin-top: 14px; margin-bottom: 2px; }
h4 { color: #1f2328; font-size: 10pt; margin-top: 6px; margin-bottom: 0px; }
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


def _document(pictures: dict[str, QtGui.QImage]) -> QtGui.QTextDocument:
    """An empty document with the portfolio's style, font and the given pictures."""
    doc = QtGui.QTextDocument()
    doc.setDefaultStyleSheet(_STYLE)
    font = doc.defaultFont()
    font.setPointSizeF(10)
    # No ligatures: "fi" stays two letters, so searching or copying the PDF finds "Verified".
    font.setFeature(QtGui.QFont.Tag("liga"), 0)
    doc.setDefaultFont(font)
    for name, image in pictures.items():
        doc.addResource(QtGui.QTextDocument.ResourceType.ImageResource, QtCore.QUrl(name), image)
    return doc


def _pictures(images: dict[str, bytes]) -> dict[str, QtGui.QImage]:
    pictures = {}
    for name, data in images.items():
        image = qr_picture(data) if name.startswith("lw-qr-") else badge_picture(data)
        if image is None:  # still a resource: Qt must not look for a file of that name
            image = QtGui.QImage(1, 1, QtGui.QImage.Format.Format_ARGB32)
            image.fill(QtCore.Qt.GlobalColor.transparent)
        pictures[name] = image
    return pictures


def build_document(
    portfolio: Portfolio, page: tuple[float, float, float] | None = None
) -> QtGui.QTextDocument:
    """The rich text of the portfolio, with its images as resources. With `page` (width,
    height and margin, in document units) it is laid out on pages piece by piece, each heading
    kept with what it heads (`keep_headings_with_next`): one piece at a time, a heading moved
    to the next page costs the layout of that piece only (the whole document at once took a
    minute for 500 credentials)."""
    ensure_application()
    parts, images = render_print_parts(portfolio)
    pictures = _pictures(images)
    doc = _document(pictures)
    if page is None:
        doc.setHtml("".join(parts))
    else:
        width, height, margin = page
        doc.setPageSize(QtCore.QSizeF(width, height))
        doc.setHtml(parts[0])
        frame = doc.rootFrame().frameFormat()  # after setHtml, which resets the root frame
        frame.setMargin(margin)
        doc.rootFrame().setFrameFormat(frame)
        cursor = QtGui.QTextCursor(doc)
        batches = ["".join(parts[i : i + BATCH]) for i in range(1, len(parts), BATCH)]
        for part in batches:
            since = doc.lastBlock()
            while since.previous().isValid() and since.previous().blockFormat().headingLevel():
                since = since.previous()  # headings at the end head what comes now
            _append(doc, cursor, part, pictures)
            keep_headings_with_next(doc, height, margin, since=since)
    doc.setMetaInformation(QtGui.QTextDocument.MetaInformation.DocumentTitle, page_title(portfolio))
    return doc


def _append(
    doc: QtGui.QTextDocument,
    cursor: QtGui.QTextCursor,
    html: str,
    pictures: dict[str, QtGui.QImage],
) -> None:
    """Add whole block elements at the end of `doc`, as `setHtml` of everything would have
    made them (inserted HTML would otherwise take the last block's format for its first
    block, and its first heading would lose its level)."""
    piece = _document({n: p for n, p in pictures.items() if n in html})
    piece.setHtml(html)
    cursor.movePosition(QtGui.QTextCursor.MoveOperation.End)
    cursor.insertBlock(piece.begin().blockFormat(), QtGui.QTextCharFormat())
    cursor.insertFragment(QtGui.QTextDocumentFragment(piece))


QR_MODULE = 4  # pixels per module of a QR code's picture (sharp when the page scales it)


def qr_picture(text: bytes) -> QtGui.QImage | None:
    """A QR code of `text` drawn here from its modules (wallet.present.qr): no picture is
    decoded, and each module is a block of whole pixels."""
    from wallet.present.qr import QrError, qr_modules

    try:
        rows = qr_modules(text.decode("utf-8"))
    except (QrError, UnicodeDecodeError):
        return None
    side = len(rows)
    data = bytes(0 if dark else 255 for row in rows for dark in row)
    image = QtGui.QImage(data, side, side, side, QtGui.QImage.Format.Format_Grayscale8)
    # Each module a block of whole pixels: scaled without smoothing (and so copied: `data`
    # goes away with this call).
    return image.scaled(
        side * QR_MODULE, side * QR_MODULE, mode=QtCore.Qt.TransformationMode.FastTransformation
    )


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


BATCH = 16  # pieces laid out at a time: a heading moved costs a layout of at most this much
SOURCE_DPI = 96.0  # the document's own units: pixels at Qt's default resolution
MARGIN_CM = 2.0


def _first_line(layout: Any, block: QtGui.QTextBlock) -> tuple[float, float]:
    """(top, bottom) of a block's first line in the document, as laid out on pages."""
    rect = layout.blockBoundingRect(block)
    lines = block.layout()
    if not lines.lineCount():
        return rect.top(), rect.bottom()
    line = lines.lineAt(0)
    top = rect.top() - lines.boundingRect().top() + line.y()
    return top, top + line.height()


KEEP_LINES = 3  # lines of what a heading heads that must stand on its page with it


def _lines_bottom(layout: Any, block: QtGui.QTextBlock, count: int) -> float:
    """Where the `count`-th line from the start of `block` ends (fewer when the text ends or
    another heading comes first), as laid out on pages."""
    bottom = _first_line(layout, block)[1]
    seen = 0
    while block.isValid() and seen < count:
        if seen and block.blockFormat().headingLevel() > 0:
            break
        rect = layout.blockBoundingRect(block)
        lines = block.layout()
        for i in range(min(lines.lineCount(), count - seen)):
            line = lines.lineAt(i)
            bottom = rect.top() - lines.boundingRect().top() + line.y() + line.height()
            seen += 1
        block = block.next()
    return bottom


def keep_headings_with_next(
    doc: QtGui.QTextDocument,
    page_height: float,
    bottom_margin: float = 0.0,
    since: QtGui.QTextBlock | None = None,
) -> int:
    """Move every heading that would end a page to the next one (a page break before it), so
    no heading is stranded from what it heads; a heading heading another moves with it. Only
    headings from `since` on (all when None): what comes before is already placed. The number
    of headings moved."""
    layout = doc.documentLayout()
    auto = QtGui.QTextFormat.PageBreakFlag.PageBreak_Auto
    before = QtGui.QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
    moved = 0
    start = since if since is not None and since.isValid() else doc.begin()
    for _ in range(doc.blockCount()):  # each pass moves one heading; bounded
        doc.pageCount()  # lays the document out again after the last move
        block = start
        changed = False
        while block.isValid():
            nxt = block.next()
            if block.blockFormat().headingLevel() > 0 and nxt.isValid():
                # where the lines are (pagination moves a line, not its block's rectangle)
                top = _first_line(layout, block)[0]
                end = _lines_bottom(layout, nxt, KEEP_LINES)
                table = QtGui.QTextCursor(nxt).currentTable()
                if table is not None:  # a credential's table: whole, when it fits on a page;
                    box = layout.frameBoundingRect(table)  # else a good part of it
                    part = box.height() if box.height() < page_height * 0.6 else page_height / 4
                    end = min(box.bottom(), box.top() + part)
                page = int(top // page_height)
                bottom = (page + 1) * page_height - bottom_margin  # where the page's text ends
                if (page != int((end - 1) // page_height) or end > bottom) and top > (
                    page * page_height + 1
                ):
                    if nxt.blockFormat().pageBreakPolicy() & before:
                        cleared = QtGui.QTextBlockFormat()
                        cleared.setPageBreakPolicy(auto)
                        QtGui.QTextCursor(nxt).mergeBlockFormat(cleared)
                    fmt = QtGui.QTextBlockFormat()
                    fmt.setPageBreakPolicy(before)
                    QtGui.QTextCursor(block).mergeBlockFormat(fmt)
                    moved += 1
                    changed = True
                    break
            block = nxt
        if not changed:
            break
    return moved


def write_pdf(portfolio: Portfolio, out: Path) -> Path:
    """Write the portfolio as an A4 PDF at `out`: laid out on pages here (headings kept with
    what they head), painted page by page with its page number."""
    ensure_application()
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
    paint = writer.pageLayout().paintRectPixels(writer.resolution())
    scale = writer.resolution() / SOURCE_DPI
    width, height = paint.width() / scale, paint.height() / scale
    margin = MARGIN_CM / 2.54 * SOURCE_DPI
    doc = build_document(portfolio, (width, height, margin))
    pages = doc.pageCount()
    painter = QtGui.QPainter(writer)
    try:
        for n in range(pages):
            if n:
                writer.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.translate(0, -n * height)
            context = QtGui.QAbstractTextDocumentLayout.PaintContext()
            context.clip = QtCore.QRectF(0, n * height, width, height)
            painter.setClipRect(context.clip)
            doc.documentLayout().draw(painter, context)
            painter.restore()
            painter.save()
            painter.scale(scale, scale)
            font = QtGui.QFont(doc.defaultFont())
            font.setPixelSize(11)
            painter.setFont(font)
            painter.setPen(QtGui.QColor("#3d444d"))
            painter.drawText(
                QtCore.QRectF(0, height - margin, width, margin / 2),
                int(QtCore.Qt.AlignmentFlag.AlignCenter),
                str(n + 1),
            )
            painter.restore()
    finally:
        painter.end()
    del painter, writer  # finishes and closes the file
    if not out.is_file() or out.stat().st_size == 0:
        raise WalletError(
            plain(translate("PdfExport", "cannot write the PDF at {path}").format(path=out))
        )
    return out
