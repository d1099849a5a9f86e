"""Badge images: each chosen Open Badge baked back into a PNG or SVG file.

Why: many platforms take a badge as an image with the credential inside it. OB 2.0 goes in as
`openbadges`, OB 3.0 as `openbadgecredential` (PNG iTXt chunk, or the SVG element), and the
text baked in is the stored signed payload byte for byte, so importing the image gives back
the very same credential (same id) and its signature still holds.

Which picture: the one the credential came baked into, else its own data: image, else a plain
generated one (a remote image address is never fetched). Pictures are opened only as PNG,
JPEG, GIF or WebP under a pixel cap (`wallet.images`), and an issuer's SVG is written again
without scripts, event handlers or outside references; the notes say what was left out. An SVG
keeps being an SVG when the payload fits one exactly (an SVG payload cannot keep surrounding
whitespace such as a JSON file's final newline); otherwise the badge is a PNG. Other formats
(CLR, plain VCs, SD-JWT VCs) are not badges: they are left out with a note, never baked under
a badge keyword.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

from wallet.credential import BAKED_PNG, BAKED_SVG, OB2, OB3
from wallet.errors import FormatError
from wallet.export.portfolio import Portfolio, PortfolioItem, file_name
from wallet.formats.baked import PNG_SIGNATURE, bake_png, bake_svg
from wallet.images import ImageRefused, image_as_png, open_image, sanitize_svg
from wallet.messages import M, Msg, join

OB3_KEYWORD, OB2_KEYWORD = "openbadgecredential", "openbadges"
GENERATED_SIZE = 256
_PALETTE = ((29, 53, 87), (47, 111, 62), (106, 74, 0), (11, 87, 208), (139, 26, 26))


def _own_image(item: PortfolioItem) -> tuple[str, bytes] | None:
    """("png", "svg" or "raster", bytes) of the picture the credential itself holds, if any;
    nothing here is opened or trusted yet (see `_checked_png` and `sanitize_svg`)."""
    if item.credential.baked == BAKED_PNG and item.original.startswith(PNG_SIGNATURE):
        return "png", item.original
    if item.credential.baked == BAKED_SVG:
        return "svg", item.original
    uri = (item.credential.image or "").strip()
    head, sep, body = uri.partition(",")
    if not sep or not head.lower().startswith("data:image/"):
        return None
    media = head[5:].split(";", 1)[0].lower()
    try:
        if head.lower().endswith(";base64"):
            data = base64.b64decode(body, validate=False)
        else:
            from urllib.parse import unquote_to_bytes

            data = unquote_to_bytes(body)
    except ValueError:
        return None
    if media == "image/svg+xml":
        return "svg", data
    if data.startswith(PNG_SIGNATURE):
        return "png", data
    return "raster", data


def _checked_png(kind: str, data: bytes) -> bytes:
    """The PNG to bake into: an issuer's PNG as it is once its header shows a real PNG under
    the pixel cap (its pixels are not decoded); a JPEG, GIF or WebP re-encoded as PNG. Only
    those formats are ever opened (never EPS: Pillow would run Ghostscript on it).
    Raises ImageRefused."""
    if kind == "png":
        open_image(data, ("PNG",), load=False).close()
        return data
    return image_as_png(data)


def _plain_instead(item: PortfolioItem, problem: ImageRefused) -> Msg:
    return M(
        "{title}: a plain picture is used instead of its own ({problem})",
        title=item.credential.title,
        problem=problem.msg,
    )


def generated_png(title: str) -> bytes:
    """A plain round badge picture for a credential that has none of its own."""
    from PIL import Image, ImageDraw

    colour = _PALETTE[sum(map(ord, title)) % len(_PALETTE)]
    size = GENERATED_SIZE
    im = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(im)
    draw.ellipse((8, 8, size - 8, size - 8), fill=colour)
    draw.ellipse((40, 40, size - 40, size - 40), outline=(255, 255, 255), width=10)
    buf = io.BytesIO()
    im.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def bake_item(item: PortfolioItem, notes: list[Msg] | None = None) -> tuple[str, bytes]:
    """(extension, baked image bytes) of one Open Badge; its payload inside, unchanged.

    An issuer's SVG artwork is written again without scripts, event handlers or references
    outside the file; a picture that cannot be used safely gives way to a generated one. What
    was changed is added to `notes` in words."""
    if item.credential.format not in (OB2, OB3):
        raise ValueError("only Open Badges are baked into images")
    notes = [] if notes is None else notes
    version = 2 if item.credential.format == OB2 else 3
    text = item.payload.decode("utf-8")
    own = _own_image(item)
    if own is not None and own[0] == "svg":
        if text.strip() == text:
            try:
                clean = sanitize_svg(own[1])
                baked = bake_svg(clean.svg, text, ob_version=version)
            except ImageRefused as e:
                notes.append(_plain_instead(item, e))
            except (ValueError, FormatError):
                pass
            else:
                if clean.removed:
                    notes.append(
                        M(
                            "{title}: removed from its SVG picture: {what}",
                            title=item.credential.title,
                            what=join(list(clean.removed), ", "),
                        )
                    )
                return "svg", baked
        own = None  # this SVG cannot carry the payload exactly: a generated PNG instead
    png = None
    if own is not None:
        try:
            png = _checked_png(*own)
        except ImageRefused as e:
            notes.append(_plain_instead(item, e))
    if png is None:
        png = generated_png(item.credential.title)
    keyword = OB2_KEYWORD if version == 2 else OB3_KEYWORD
    return "png", bake_png(png, keyword, item.payload)


def write_images(portfolio: Portfolio, out: Path) -> tuple[list[Path], list[Msg]]:
    """Every chosen Open Badge as a baked image in the folder `out`; (files, notes)."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    skipped: list[str] = []
    notes: list[Msg] = []
    for item in portfolio.items:
        if item.credential.format not in (OB2, OB3):
            skipped.append(item.credential.title)
            continue
        ext, data = bake_item(item, notes)
        path = out / file_name(item, ext)
        path.write_bytes(data)
        written.append(path)
    if skipped:
        notes.append(
            M("not an Open Badge, so not baked into an image: {titles}", titles="; ".join(skipped))
        )
    if not written:
        notes.append(M("none of the chosen credentials is an Open Badge"))
    return written, notes
