"""Pictures written by strangers: opened only as plain raster formats under a pixel cap, and
SVG artwork cleaned before it is drawn or written anywhere.

Why: `PIL.Image.open` without a format list tries every plugin Pillow has, and its EPS plugin
runs Ghostscript on whatever PostScript an issuer hides in a `data:image/jpeg` URI; a hundred
bytes of PNG can declare a gigapixel image; and an SVG can carry scripts, event handlers and
references that make a reader (Qt's SVG renderer, a browser) read the learner's local files or
fetch from other servers. Every picture from a credential or a QR image goes through here.
"""

from __future__ import annotations

import base64
import binascii
import io
import os
import re
import struct
import zlib
from dataclasses import dataclass
from typing import IO
from xml.etree import ElementTree as ET

import defusedxml
import defusedxml.ElementTree as DET
from PIL import Image, UnidentifiedImageError

from wallet.errors import WalletError
from wallet.messages import M, Msg

RASTER_FORMATS = ("PNG", "JPEG", "GIF", "WEBP")  # never EPS, PS, PDF or any other plugin
BADGE_MAX_PIXELS = 16_000_000  # a badge picture is a few hundred pixels a side; 4000 x 4000
MAX_SVG_DEPTH = 100  # nesting of SVG elements; drawing programs stay far below it
MAX_SVG_DRAWN = 100_000  # elements drawn once every <use> is expanded (a "use bomb" is more)
_NAMES = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF", "WEBP": "WebP", "BMP": "BMP"}
# Pillow's decoders report damaged files with all of these.
PILLOW_ERRORS = (
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
    IndexError,
    KeyError,
    TypeError,
    struct.error,
    zlib.error,
    MemoryError,
)

ImageSource = bytes | str | os.PathLike[str] | IO[bytes]


class ImageRefused(WalletError):
    """A picture the wallet will not open; the message says why, plainly."""


class UnsupportedImage(ImageRefused):
    """Not one of the picture formats asked for (PostScript, PDF, TIFF, SVG, text...)."""

    def __init__(self, formats: tuple[str, ...]) -> None:
        names = [_NAMES.get(f.upper(), f.upper()) for f in formats]
        if len(names) == 1:
            super().__init__(M("not a {format} image", format=names[0]))
        else:
            super().__init__(
                M("not a {formats} or {last} image", formats=", ".join(names[:-1]), last=names[-1])
            )


class UnreadableImage(ImageRefused):
    """A picture in an accepted format that cannot be read (damaged, truncated, missing)."""


class ImageTooLarge(ImageRefused):
    """A picture declaring more pixels than the cap: refused from its header."""


def _megapixels(pixels: int) -> int:
    return round(pixels / 1_000_000)


def _too_large(max_pixels: int) -> ImageTooLarge:
    return ImageTooLarge(
        M(
            "the image is too large to open: at most {megapixels} megapixels",
            megapixels=_megapixels(max_pixels),
        )
    )


def _damaged(e: BaseException) -> UnreadableImage:
    return UnreadableImage(M("the image is damaged ({error})", error=str(e) or type(e).__name__))


def open_image(
    source: ImageSource,
    formats: tuple[str, ...] = RASTER_FORMATS,
    max_pixels: int = BADGE_MAX_PIXELS,
    *,
    load: bool = True,
) -> Image.Image:
    """A picture opened by one of `formats` only, its size checked from the header against
    `max_pixels` before any pixel is decoded; decoded (its first frame) when `load`.

    Raises ImageRefused (UnsupportedImage, ImageTooLarge, UnreadableImage), never Pillow's own
    errors. Use it as a context manager, like `Image.open`."""
    fp = io.BytesIO(bytes(source)) if isinstance(source, bytes | bytearray | memoryview) else source
    try:
        image = Image.open(fp, formats=[f.upper() for f in formats])
    except UnidentifiedImageError:
        raise UnsupportedImage(tuple(formats)) from None
    except Image.DecompressionBombError:
        raise _too_large(max_pixels) from None
    except OSError as e:
        if e.errno is not None:  # the file itself: missing, unreadable
            raise UnreadableImage(
                M("cannot read the image: {error}", error=str(e.strerror or e))
            ) from None
        raise UnreadableImage(M("the image is damaged ({error})", error=str(e))) from None
    except PILLOW_ERRORS as e:
        raise _damaged(e) from None
    try:
        if image.format not in {f.upper() for f in formats}:  # Pillow kept to the list
            raise UnsupportedImage(tuple(formats))
        width, height = image.size
        if width < 1 or height < 1:
            raise UnreadableImage(M("the image has no pixels"))
        if width * height > max_pixels:
            raise ImageTooLarge(
                M(
                    "the image is {width} x {height} pixels, too large to open: "
                    "at most {megapixels} megapixels",
                    width=width,
                    height=height,
                    megapixels=_megapixels(max_pixels),
                )
            )
        if load:
            image.load()
    except ImageRefused:
        image.close()
        raise
    except Image.DecompressionBombError:
        image.close()
        raise _too_large(max_pixels) from None
    except PILLOW_ERRORS as e:
        image.close()
        raise _damaged(e) from None
    return image


def image_as_png(
    data: bytes,
    formats: tuple[str, ...] = RASTER_FORMATS,
    max_pixels: int = BADGE_MAX_PIXELS,
    *,
    max_side: int | None = None,
) -> bytes:
    """A picture (first frame) re-encoded as an RGBA PNG of our own making, shrunk to fit
    `max_side` pixels when given. Raises ImageRefused."""
    with open_image(data, formats, max_pixels) as image:
        try:
            frame = image.convert("RGBA")
            if max_side is not None:
                frame.thumbnail((max_side, max_side))
            out = io.BytesIO()
            frame.save(out, format="PNG")
        except PILLOW_ERRORS as e:
            raise _damaged(e) from None
    return out.getvalue()


def looks_like_svg(data: bytes) -> bool:
    """Whether bytes start like an XML or SVG document (a cheap test before parsing)."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return (
        head.startswith(b"<?xml")
        or head.startswith(b"<svg")
        or head.startswith(b"<!--")
        or head.startswith(b"<!doctype svg")
    )


# ----- SVG ------------------------------------------------------------------------------------

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# What a picture is drawn with. Not here: script, foreignObject (HTML), animation (it can set
# an href to javascript:), metadata, and anything SVG 2 or a browser may add later.
_ELEMENTS = frozenset(
    """
svg g defs title desc symbol use switch a view
path rect circle ellipse line polyline polygon text tspan textPath
linearGradient radialGradient stop pattern clipPath mask marker image style solidColor
filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix
feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB
feFuncG feFuncR feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset
fePointLight feSpecularLighting feSpotLight feTile feTurbulence
""".split()
)
_ANIMATION = frozenset(
    {"animate", "animateColor", "animateMotion", "animateTransform", "set", "discard"}
)
# What a sanitized SVG lost, each named in words a person reads (items of a list).
_SCRIPT = M("a script")
_HANDLER = M("an event handler")
_OUTSIDE = M("an outside reference")
_HTML = M("embedded web content")
_ANIMATE = M("an animation")
_STYLE = M("a style sheet it could not check")
_OTHER = M("an element that is not part of a picture")

_SPACE = re.compile(r"[\s\x00-\x1f]+")
_URL_CALL = re.compile(r"url\(['\"]?(.?)", re.IGNORECASE)  # on text without whitespace
_SCRIPT_URL = re.compile(r"(?:java|vb)script:", re.IGNORECASE)
# At-rules (@import, @font-face), escapes that could spell any of this, and CSS functions
# that take an address without url().
_RISKY_CSS = re.compile(
    r"[@\\]|(?:image-set|image|element|cross-fade|expression|src)\s*\(", re.IGNORECASE
)
_DATA_IMAGE = re.compile(
    r"data:image/(png|jpeg|gif|webp);base64,([A-Za-z0-9+/]*={0,2})", re.IGNORECASE
)


@dataclass(frozen=True)
class SanitizedSvg:
    """An SVG rewritten from its parsed elements, and what was taken out, in words (one
    message per kind of thing, in the order of their English names)."""

    svg: bytes
    removed: tuple[Msg, ...]


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


def _refs_ok(value: str) -> bool:
    """No address in it but a reference inside the file (`url(#id)`), no script URL."""
    squeezed = _SPACE.sub("", value)
    if _SCRIPT_URL.search(squeezed):
        return False
    return all(m.group(1) == "#" for m in _URL_CALL.finditer(squeezed))


def _css_ok(text: str) -> bool:
    return _refs_ok(text) and not _RISKY_CSS.search(text)


def _href(value: str) -> str | None:
    """The link kept for an href: a fragment in the file, or a data: picture of a raster
    format that opens under the cap; None for anything else (files, web addresses...)."""
    squeezed = _SPACE.sub("", value)
    if squeezed.startswith("#"):
        return squeezed if _refs_ok(squeezed) else None
    m = _DATA_IMAGE.fullmatch(squeezed)
    if m is None:
        return None
    try:
        data = base64.b64decode(m.group(2), validate=True)
        open_image(data, (m.group(1).upper(),), load=False).close()
    except (binascii.Error, ValueError, ImageRefused):
        return None
    return squeezed


def _attr_text(value: str) -> str:
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )


def _body_text(value: str) -> str:
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


class _Writer:
    """Writes the kept elements and attributes again, noting what it leaves out."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.removed: dict[str, Msg] = {}  # by English template: a Msg is not hashable

    def note(self, what: Msg) -> None:
        self.removed[what.text] = what

    def element(self, el: ET.Element, depth: int) -> None:
        if depth > MAX_SVG_DEPTH:
            raise UnreadableImage(M("the SVG picture is nested too deeply"))
        ns, name = _split(el.tag)
        attrs = []
        if depth == 0:
            attrs += [("xmlns", SVG_NS), ("xmlns:xlink", XLINK_NS)]
        for key, value in el.attrib.items():
            kept = self.attribute(key, value)
            if kept is not None:
                attrs.append(kept)
        self.out.append(f"<{name}" + "".join(f' {k}="{_attr_text(v)}"' for k, v in attrs) + ">")
        if name == "style":
            css = el.text or ""
            if css:
                self.out.append(_body_text(css))
        else:
            if el.text:
                self.out.append(_body_text(el.text))
            for child in el:
                if self.keep(child):
                    self.element(child, depth + 1)
                if child.tail:
                    self.out.append(_body_text(child.tail))
        self.out.append(f"</{name}>")

    def keep(self, el: ET.Element) -> bool:
        """Whether a child element stays (noting why not)."""
        if not isinstance(el.tag, str):
            return False
        ns, name = _split(el.tag)
        if name == "script":
            self.note(_SCRIPT)
            return False
        if ns not in (SVG_NS, ""):
            if ns and "xhtml" in ns:
                self.note(_HTML)
            return False  # drawing programs' metadata, badge elements (baked in again)
        if name == "foreignObject":
            self.note(_HTML)
            return False
        if name in _ANIMATION:
            self.note(_ANIMATE)
            return False
        if name not in _ELEMENTS:
            if name != "metadata":
                self.note(_OTHER)
            return False
        if name == "style" and (len(el) or not _css_ok(el.text or "")):
            self.note(_STYLE)
            return False
        return True

    def attribute(self, key: str, value: str) -> tuple[str, str] | None:
        """(name as written, value) of an attribute that stays, else None."""
        ns, name = _split(key)
        if name.lower().startswith("on"):
            self.note(_HANDLER)
            return None
        if ns == XLINK_NS:
            if name == "href":
                return self.link("xlink:href", value)
            return ("xlink:title", value) if name == "title" else None
        if ns == XML_NS:
            return (f"xml:{name}", value) if name in ("lang", "space") else None
        if ns:
            return None  # drawing programs' own attributes
        if name == "href":
            return self.link("href", value)
        ok = _css_ok(value) if name == "style" else _refs_ok(value)
        if not ok:
            self.note(_OUTSIDE if name != "style" or not _refs_ok(value) else _STYLE)
            return None
        return name, value

    def link(self, name: str, value: str) -> tuple[str, str] | None:
        kept = _href(value)
        if kept is None:
            self.note(_OUTSIDE)
            return None
        return name, kept


def _drawn(root: ET.Element) -> int:
    """How many elements drawing the SVG visits, each <use> expanded (more than MAX_SVG_DRAWN
    stands for "too many"): a few <use> levels that each repeat the one below ten times make a
    small file that keeps a renderer busy for hours. A reference cycle counts as too many."""
    too_many = MAX_SVG_DRAWN + 1
    ids: dict[str, ET.Element] = {}
    for el in root.iter():
        ids.setdefault(el.get("id") or "", el)
    memo: dict[int, int] = {}
    active: set[int] = set()

    def weight(el: ET.Element, depth: int) -> int:
        key = id(el)
        if key in memo:
            return memo[key]
        if key in active or depth > 4 * MAX_SVG_DEPTH:
            return too_many
        active.add(key)
        total = 1
        if isinstance(el.tag, str) and _split(el.tag)[1] == "use":
            ref = _SPACE.sub("", el.get("href") or el.get(f"{{{XLINK_NS}}}href") or "")
            target = ids.get(ref[1:]) if ref.startswith("#") and len(ref) > 1 else None
            if target is not None:
                total += weight(target, depth + 1)
        for child in el:
            if total > MAX_SVG_DRAWN:
                break
            total += weight(child, depth + 1)
        active.discard(key)
        memo[key] = min(total, too_many)
        return memo[key]

    return weight(root, 0)


def sanitize_svg(svg: bytes) -> SanitizedSvg:
    """The SVG's picture without scripts, event handlers, animation, HTML or any reference
    outside the file (kept: `#id` references and data: PNG, JPEG, GIF and WebP pictures that
    open under the pixel cap). Written again from the parsed tree, so comments, processing
    instructions, a DOCTYPE and other programs' elements and attributes are gone too; a baked
    badge element goes as well (the export bakes the credential in again).

    Raises UnreadableImage for what is not a readable SVG."""
    try:
        root = DET.fromstring(svg, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException:
        raise UnreadableImage(
            M("the SVG picture declares XML entities or external resources")
        ) from None
    except ET.ParseError as e:
        line: int | str = e.position[0] if getattr(e, "position", None) else "?"
        raise UnreadableImage(
            M("the SVG picture is not valid XML (line {line})", line=line)
        ) from None
    except (LookupError, ValueError) as e:
        raise UnreadableImage(
            M("the SVG picture is not valid XML ({error})", error=str(e))
        ) from None
    ns, name = _split(root.tag) if isinstance(root.tag, str) else ("", "")
    if name != "svg" or ns not in (SVG_NS, ""):
        raise UnreadableImage(M("not an SVG picture"))
    writer = _Writer()
    writer.element(root, 0)
    if _drawn(root) > MAX_SVG_DRAWN:
        raise UnreadableImage(M("the SVG picture repeats its parts too many times to be drawn"))
    removed = tuple(writer.removed[text] for text in sorted(writer.removed))
    return SanitizedSvg("".join(writer.out).encode("utf-8"), removed)
