"""A proof sheet: one printable A4 page an employer can check later, without this app's help to
understand it.

Why: a bare QR code says nothing to the person holding it. The sheet puts the presentation's
code(s) on one page, each labelled ("1 of 2"), with what they prove (one sentence per credential,
from `certificate.Certificate.summary`), until when they are valid and how to check them. Every
code is drawn with its quiet zone at a whole number of pixels per module (0.4 to 1 mm), so a
phone or `learner-wallet check-qr` reads them all from one photo, scan or the PNG itself.

The page is drawn with Pillow at 300 dpi (no Qt: the CLI and the window share it). PNG is the
page itself; PDF is that page embedded by Pillow's own PDF writer as a bilevel image (CCITT G4,
lossless for black and white, so the codes stay sharp and the file small). Its text is
therefore not selectable; it prints exactly as the PNG shows.

Text from a credential (names, titles) is a stranger's: it arrives already cleaned and bounded
by the certificate reading, is cleaned and bounded again here, and is only ever drawn as plain
text.
"""

from __future__ import annotations

import datetime as _dt
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from wallet.errors import WalletError
from wallet.messages import M, Msg, current_language, render

log = logging.getLogger(__name__)

DPI = 300
PAGE = (2480, 3508)  # A4 portrait (210 x 297 mm) at 300 dpi
MAX_SUMMARY = 400  # characters of one credential's sentence
SUMMARY_LINES = 3
MAX_SUMMARIES = 5  # credentials named one by one; the rest are counted
MIN_MODULE = 5  # pixels (0.42 mm): the smallest module a phone reads off paper
MAX_MODULE = 12  # pixels (1 mm)
FORMATS = ("png", "pdf")

# Fonts with Latin, Greek and Cyrillic letters (umlauts, macrons), found among the system's
# fonts by name: DejaVu (installed with the app on Linux), then what Windows and macOS have.
_REGULAR = (
    "DejaVuSans.ttf",
    "NotoSans-Regular.ttf",
    "LiberationSans-Regular.ttf",
    "Arial.ttf",
    "arial.ttf",
    "segoeui.ttf",
)
_BOLD = (
    "DejaVuSans-Bold.ttf",
    "NotoSans-Bold.ttf",
    "LiberationSans-Bold.ttf",
    "Arial Bold.ttf",
    "arialbd.ttf",
    "segoeuib.ttf",
)


class SheetError(WalletError):
    """A proof sheet cannot be made or written; the message says why."""


def _px(mm: float) -> int:
    return round(mm / 25.4 * DPI)


def _pt(points: float) -> int:
    return round(points / 72 * DPI)


MARGIN = _px(15)
GAP = _px(6)


# ----- what the sheet says -----------------------------------------------------------------------


@dataclass(frozen=True)
class Sheet:
    """Everything a proof sheet says, in one language, and the QR texts it carries."""

    texts: tuple[str, ...]
    title: str
    intro: str
    proves_heading: str
    proves: list[str]  # one sentence per credential (the first MAX_SUMMARIES)
    more: str  # "and 2 more credentials", or ""
    valid: str
    scan: str
    labels: list[str]  # one per code ("1 of 2"); "" for a single code
    how_heading: str
    how: list[str]
    footer: str

    def text(self) -> str:
        """All its words, in reading order (tests; what a screen reader would say)."""
        parts = [self.title, self.intro, self.proves_heading, *self.proves, self.more]
        parts += [self.valid, self.scan, *self.labels, self.how_heading, *self.how, self.footer]
        return "\n".join(p for p in parts if p)


def _clean(text: str, limit: int) -> str:
    from wallet.present.certificate import clean

    return clean(text, limit) or ""


def _moment(moment: _dt.datetime, zone: _dt.tzinfo | None) -> Msg:
    """A moment on the reader's clock: the day in their language, the time and its UTC offset
    (the sheet may be read in another time zone than it was made in)."""
    local = moment.astimezone(zone)
    offset = local.utcoffset() or _dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    name = f"UTC{sign}{hours:02d}:{rest:02d}" if minutes else "UTC"
    return M("{day} at {time} ({zone})", day=local.date(), time=f"{local:%H:%M}", zone=name)


def sheet_of(
    presentation: Any,
    texts: Sequence[str],
    *,
    made: _dt.datetime,
    language: str | None = None,
    zone: _dt.tzinfo | None = None,
) -> Sheet:
    """The words of a proof sheet for `presentation` and its QR `texts`, in `language` (the
    current one by default), times on the clock of `zone` (this computer's by default)."""
    from wallet.present.certificate import certificates_of
    from wallet.present.presentation import expires_of

    lang = language or current_language()

    def say(msg: Msg) -> str:
        return render(msg, lang)

    count = len(texts)
    if count == 0:
        raise SheetError(M("there is no QR code to put on a proof sheet"))
    certificates = certificates_of(presentation)
    proves = [_clean(say(c.summary), MAX_SUMMARY) for c in certificates[:MAX_SUMMARIES]]
    extra = len(certificates) - MAX_SUMMARIES
    expires = expires_of(presentation)
    if expires is None:
        valid = M(
            "These codes do not expire: the issuer bound the credential to no key of the"
            " learner's, so they show what it says, not who shows it."
        )
    else:
        valid = M(
            "Valid until {when}. After that, the check says the codes have expired:"
            " ask the learner for a new sheet.",
            when=_moment(expires, zone),
        )
    several = count > 1
    return Sheet(
        texts=tuple(texts),
        title=say(M("Proof of credentials")),
        intro=say(
            M(
                "The learner made these codes with Learner Wallet. They carry the credentials"
                " as their issuers signed them, signed again by the learner."
            )
            if several
            else M(
                "The learner made this code with Learner Wallet. It carries the credentials"
                " as their issuers signed them, signed again by the learner."
            )
        ),
        proves_heading=say(M("What these codes prove") if several else M("What this code proves")),
        proves=proves,
        more=say(M("and {count} more credentials", count=extra)) if extra > 0 else "",
        valid=say(valid),
        scan=say(
            M("Scan all {count} codes, in any order", count=count)
            if several
            else M("Scan this code")
        ),
        labels=[say(M("{n} of {count}", n=n, count=count)) for n in range(1, count + 1)]
        if several
        else [""],
        how_heading=say(M("How to check")),
        how=[
            say(
                M(
                    "With the Learner Wallet app: open its verifier (Tools → Verify a QR…) and"
                    " give it this page as a picture: the PNG, a scan, a photo or a screenshot."
                )
            ),
            say(
                M(
                    "On the command line: learner-wallet check-qr SHEET.png, where SHEET.png"
                    " is this page as a picture."
                )
            ),
            say(
                M(
                    "The check needs no account and works offline: it confirms the issuers' and"
                    " the learner's signatures, and fails if anything was changed."
                )
            ),
        ],
        footer=say(M("Made with Learner Wallet on {when}.", when=_moment(made, zone))),
    )


# ----- drawing -----------------------------------------------------------------------------------


@cache
def _font_path(bold: bool) -> str | None:
    """The file of the first font of ours the system has (looked up once)."""
    for name in _BOLD if bold else _REGULAR:
        try:
            font = ImageFont.truetype(name, 12)
        except OSError:
            continue
        path = getattr(font, "path", None)
        if isinstance(path, str):
            return path
    log.warning("no TrueType font found for proof sheets; letters beyond ASCII may not show")
    return None


@cache
def _font(points: float, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = _font_path(bold)
    if path is None:
        return ImageFont.load_default(_pt(points))
    return ImageFont.truetype(path, _pt(points))


Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def _width(font: Font, text: str) -> float:
    return float(font.getlength(text))


def _wrap(text: str, font: Font, width: int, max_lines: int) -> list[str]:
    """`text` broken into lines no wider than `width` (a word too long for one line is broken
    anywhere), at most `max_lines` of them, the last ending in an ellipsis when cut."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if _width(font, candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        while _width(font, word) > width:  # an identifier or a URL: break it anywhere
            cut = len(word)
            while cut > 1 and _width(font, word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and _width(font, last + "\u2026") > width:
            last = last[:-1]
        lines[-1] = last.rstrip(" ,;:.") + "\u2026"
    return lines


def _line_height(font: Font) -> int:
    ascent, descent = font.getmetrics() if isinstance(font, ImageFont.FreeTypeFont) else (10, 3)
    return round((ascent + descent) * 1.18)


@dataclass
class _Block:
    """Lines of one font, and the room left after them."""

    lines: list[str]
    font: Font
    after: int = 0
    indent: int = 0
    bullet: bool = False

    @property
    def height(self) -> int:
        return _line_height(self.font) * len(self.lines) + self.after


def _paragraph(
    text: str,
    font: Font,
    *,
    after: int = 0,
    max_lines: int = 6,
    bullet: bool = False,
) -> _Block:
    indent = round(_width(font, "\u2022  ")) if bullet else 0
    width = PAGE[0] - 2 * MARGIN - indent
    return _Block(_wrap(text, font, width, max_lines), font, after, indent, bullet)


def _code_image(rows: list[list[bool]], module: int) -> Image.Image:
    """A code's modules drawn `module` pixels each, sharp (no smoothing)."""
    size = len(rows)
    small = Image.new("L", (size, size), 255)
    small.putdata([0 if dark else 255 for row in rows for dark in row])
    return small.resize((size * module, size * module), Image.Resampling.NEAREST)


def _grid(count: int, modules: int, width: int, height: int, label: int) -> tuple[int, int]:
    """(columns, pixels per module) giving the largest codes that fit the area."""
    best = (1, 0)
    for columns in range(1, min(count, 4) + 1):
        rows = math.ceil(count / columns)
        across = (width - (columns - 1) * GAP) // columns // modules
        down = ((height - (rows - 1) * GAP) // rows - label) // modules
        module = min(across, down, MAX_MODULE, _px(100) // modules)
        if module > best[1]:
            best = (columns, module)
    return best


def _layout(sheet: Sheet, summary_lines: int) -> tuple[list[_Block], list[_Block], _Block]:
    """The blocks above the codes, below them, and the footer at the foot of the page."""
    title, heading = _font(22, bold=True), _font(13, bold=True)
    body, strong, small = _font(10.5), _font(10.5, bold=True), _font(8.5)
    top = [_paragraph(sheet.title, title, after=_pt(4), max_lines=2)]
    top.append(_paragraph(sheet.intro, body, after=_pt(10), max_lines=3))
    top.append(_paragraph(sheet.proves_heading, heading, after=_pt(3), max_lines=2))
    for said in sheet.proves:
        top.append(_paragraph(said, body, after=_pt(2), max_lines=summary_lines, bullet=True))
    if sheet.more:
        top.append(_paragraph(sheet.more, body, after=_pt(2), bullet=True))
    top.append(_Block([], body, after=_pt(6)))
    top.append(_paragraph(sheet.valid, strong, after=_pt(12), max_lines=4))
    top.append(_paragraph(sheet.scan, heading, after=_pt(4), max_lines=2))
    below = [_paragraph(sheet.how_heading, heading, after=_pt(3), max_lines=2)]
    below += [_paragraph(h, body, after=_pt(2), bullet=True, max_lines=4) for h in sheet.how]
    return top, below, _paragraph(sheet.footer, small, max_lines=2)


def draw(sheet: Sheet) -> Image.Image:
    """The page: an A4 portrait greyscale image at 300 dpi. The credentials' sentences give up
    lines before the codes get smaller than a phone reads; SheetError when even then the codes
    do not all fit on one page."""
    from wallet.present import qr

    heading = _font(13, bold=True)
    matrices = [qr.qr_modules(t) for t in sheet.texts]
    modules = max(len(m) for m in matrices)
    label = _line_height(heading) if any(sheet.labels) else 0
    width = PAGE[0] - 2 * MARGIN
    for summary_lines in range(SUMMARY_LINES, 0, -1):
        top, below, footer = _layout(sheet, summary_lines)
        area = PAGE[1] - 2 * MARGIN - sum(b.height for b in (*top, *below, footer)) - 2 * GAP
        columns, module = _grid(len(sheet.texts), modules, width, area, label)
        if module >= MIN_MODULE:
            break
    else:
        raise SheetError(
            M(
                "{count} QR codes do not fit on one page at a size a phone can read;"
                " share fewer credentials at once",
                count=len(sheet.texts),
            )
        )

    page = Image.new("L", PAGE, 255)
    pen = ImageDraw.Draw(page)

    def write(blocks: list[_Block], y: int) -> int:
        for block in blocks:
            step = _line_height(block.font)
            for n, line in enumerate(block.lines):
                if block.bullet and n == 0:
                    pen.text((MARGIN, y), "\u2022", font=block.font, fill=0)
                pen.text((MARGIN + block.indent, y), line, font=block.font, fill=0)
                y += step
            y += block.after
        return y

    y = write(top, MARGIN)
    rows = math.ceil(len(sheet.texts) / columns)
    cell = (width - (columns - 1) * GAP) // columns
    side = modules * module
    x0 = MARGIN + (width - columns * cell - (columns - 1) * GAP) // 2
    for n, (rows_of_code, caption) in enumerate(zip(matrices, sheet.labels, strict=False)):
        row, col = divmod(n, columns)
        left = x0 + col * (cell + GAP)
        at = y + row * (side + label + GAP)
        if caption:
            pen.text(
                (left + (cell - _width(heading, caption)) / 2, at), caption, font=heading, fill=0
            )
        code = _code_image(rows_of_code, module)
        page.paste(code, (left + (cell - code.width) // 2, at + label + (side - code.height) // 2))
    y += rows * (side + label) + (rows - 1) * GAP + GAP
    write(below, y)
    write([footer], PAGE[1] - MARGIN - footer.height)
    return page


# ----- writing -----------------------------------------------------------------------------------


def kind_of(path: Path) -> str | None:
    """ "png" or "pdf" from a file name's suffix; None for any other."""
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def write_sheet(sheet: Sheet, target: Path | str, kind: str | None = None) -> Path:
    """Draw the sheet and write it to `target` as PNG or PDF (by `kind`, else by the suffix)."""
    path = Path(target)
    kind = kind or kind_of(path)
    if kind not in FORMATS:
        raise SheetError(
            M("a proof sheet is written as .pdf or .png, not as {name}", name=path.name)
        )
    page = draw(sheet)
    try:
        if kind == "png":
            page.save(path, "PNG", dpi=(DPI, DPI), compress_level=9)
        else:
            # Bilevel: Pillow stores it losslessly (CCITT G4); greyscale would become JPEG.
            bilevel = page.convert("1", dither=Image.Dither.NONE)
            bilevel.save(
                path, "PDF", resolution=float(DPI), title=sheet.title, creator="Learner Wallet"
            )
    except OSError as e:
        raise SheetError(
            M("cannot write {path}: {problem}", path=str(path), problem=str(e.strerror or e))
        ) from None
    return path
