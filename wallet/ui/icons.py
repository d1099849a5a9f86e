"""Pictures the wallet draws itself: badge placeholders, verdict marks and colours, and badge
images decoded from what a credential carries (data: URIs, a baked PNG), under size caps.

Remote image addresses are never fetched: a badge that only links to its image gets our own
placeholder, so opening the wallet tells no server that the learner looked at it.
"""

from __future__ import annotations

import base64
import binascii
import math
import urllib.parse
from functools import cache

from wallet.store import BADGE, BUNDLE, MICRO_CREDENTIAL
from wallet.ui.qt import Qt, QtCore, QtGui

MAX_URI_CHARS = 3_000_000  # a data: URI longer than this is not decoded at all
MAX_IMAGE_BYTES = 2_000_000  # encoded image bytes we hand to a decoder
MAX_SIDE = 4096  # pixels; larger images are refused before decoding
RASTER_FORMATS = {b"png", b"jpeg", b"jpg", b"gif", b"webp", b"bmp"}  # never SVG, PDF, ...

# Verdicts as the store keeps them, plus the state of a credential never checked.
VERIFIED, WARNING, FAILED, UNKNOWN = "verified", "warning", "failed", "unknown"
NOT_CHECKED = ""

MARKS = {VERIFIED: "\u2713", WARNING: "!", FAILED: "\u2717", UNKNOWN: "?", NOT_CHECKED: "\u2013"}

# (on a light background, on a dark background): readable text colours for each verdict.
_COLOURS = {
    VERIFIED: ("#1b7a2f", "#6fdc8c"),
    WARNING: ("#9a5b00", "#ffc35c"),
    FAILED: ("#b3261e", "#ff8a80"),
    UNKNOWN: ("#5f6368", "#bdc1c6"),
    NOT_CHECKED: ("#5f6368", "#9aa0a6"),
}

_KIND_COLOURS = {MICRO_CREDENTIAL: "#0f766e", BADGE: "#3b5bdb", BUNDLE: "#7048e8"}


def is_dark(palette: QtGui.QPalette | None = None) -> bool:
    """Whether the window background is dark (so marks use their light variants)."""
    pal = palette or QtGui.QGuiApplication.palette()
    return pal.color(QtGui.QPalette.ColorRole.Base).lightness() < 128


def verdict_colour(verdict: str | None, palette: QtGui.QPalette | None = None) -> QtGui.QColor:
    light, dark = _COLOURS.get(verdict or NOT_CHECKED, _COLOURS[NOT_CHECKED])
    return QtGui.QColor(dark if is_dark(palette) else light)


def verdict_mark(verdict: str | None) -> str:
    return MARKS.get(verdict or NOT_CHECKED, "?")


@cache
def placeholder(kind: str, size: int = 28) -> QtGui.QPixmap:
    """A neutral badge drawn by us: a rosette with ribbons, coloured by kind."""
    ratio = 2.0  # drawn sharp on high-density screens, scaled down elsewhere
    pm = QtGui.QPixmap(int(size * ratio), int(size * ratio))
    pm.setDevicePixelRatio(ratio)
    pm.fill(Qt.GlobalColor.transparent)
    colour = QtGui.QColor(_KIND_COLOURS.get(kind, _KIND_COLOURS[BADGE]))
    p = QtGui.QPainter(pm)
    p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    s = float(size)
    p.setPen(Qt.PenStyle.NoPen)
    ribbon = colour.darker(130)
    p.setBrush(ribbon)
    for dx in (-0.17, 0.17):  # two ribbon tails
        cx = s / 2 + dx * s
        p.drawPolygon(
            QtGui.QPolygonF(
                [
                    QtCore.QPointF(cx - 0.11 * s, 0.55 * s),
                    QtCore.QPointF(cx + 0.11 * s, 0.55 * s),
                    QtCore.QPointF(cx + 0.11 * s, 0.98 * s),
                    QtCore.QPointF(cx, 0.88 * s),
                    QtCore.QPointF(cx - 0.11 * s, 0.98 * s),
                ]
            )
        )
    p.setBrush(colour)
    p.drawEllipse(QtCore.QRectF(0.14 * s, 0.04 * s, 0.72 * s, 0.72 * s))
    p.setBrush(QtGui.QColor("#ffffff"))
    p.drawEllipse(QtCore.QRectF(0.27 * s, 0.17 * s, 0.46 * s, 0.46 * s))
    p.setBrush(colour)
    if kind == BUNDLE:  # a stack: three bars
        for k in range(3):
            p.drawRect(QtCore.QRectF(0.36 * s, (0.27 + 0.09 * k) * s, 0.28 * s, 0.05 * s))
    else:  # a star for a badge, a smaller one with a dot for a micro-credential
        r_out, r_in = (0.17, 0.075) if kind == BADGE else (0.15, 0.065)
        centre = QtCore.QPointF(0.5 * s, 0.40 * s)
        points = []
        for k in range(10):
            r = (r_out if k % 2 == 0 else r_in) * s
            a = -math.pi / 2 + k * math.pi / 5
            points.append(
                QtCore.QPointF(centre.x() + r * math.cos(a), centre.y() + r * math.sin(a))
            )
        p.drawPolygon(QtGui.QPolygonF(points))
    p.end()
    return pm


def decode_data_uri(uri: str) -> bytes | None:
    """The bytes of a data: URI (base64 or percent-encoded), or None if malformed or too big."""
    if len(uri) > MAX_URI_CHARS or uri[:5].lower() != "data:" or "," not in uri:
        return None
    header, _, body = uri[5:].partition(",")
    try:
        if header.lower().endswith(";base64"):
            data = base64.b64decode("".join(body.split()), validate=True)
        else:
            data = urllib.parse.unquote_to_bytes(body)
    except (binascii.Error, ValueError):
        return None
    return data if len(data) <= MAX_IMAGE_BYTES else None


def decode_image(data: bytes | None, size: int) -> QtGui.QImage | None:
    """A raster image scaled to fit `size` pixels, or None for anything else or oversized."""
    if not data or len(data) > MAX_IMAGE_BYTES:
        return None
    buffer = QtCore.QBuffer()
    buffer.setData(QtCore.QByteArray(data))
    buffer.open(QtCore.QIODevice.OpenModeFlag.ReadOnly)
    reader = QtGui.QImageReader(buffer)
    reader.setDecideFormatFromContent(True)
    reader.setAllocationLimit(64)  # MB: a crafted header cannot make Qt allocate more
    if not reader.canRead() or bytes(reader.format().data()).lower() not in RASTER_FORMATS:
        return None
    dims = reader.size()
    if not dims.isValid() or dims.width() > MAX_SIDE or dims.height() > MAX_SIDE:
        return None
    if dims.width() > size or dims.height() > size:
        reader.setScaledSize(dims.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image


def badge_image(uri: str | None, baked: bytes | None, size: int) -> QtGui.QImage | None:
    """The credential's own picture: its data: URI image, else the image it was baked into."""
    image = decode_image(decode_data_uri(uri), size) if uri else None
    if image is None and baked is not None:
        image = decode_image(baked, size)
    return image


def badge_pixmap(uri: str | None, baked: bytes | None, kind: str, size: int) -> QtGui.QPixmap:
    """What to show for a credential at `size`: its own image if it has a safe one, else ours."""
    image = badge_image(uri, baked, size * 2)
    if image is None:
        return placeholder(kind, size)
    pm = QtGui.QPixmap.fromImage(
        image.scaled(
            size * 2,
            size * 2,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    )
    pm.setDevicePixelRatio(2.0)
    return pm
