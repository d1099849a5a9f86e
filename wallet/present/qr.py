"""Compact QR encoding of a presentation, and QR images in and out.

A presentation is either a JSON value (a VerifiablePresentation object) or a compact text (a
JWT, an SD-JWT presentation). It becomes (format LW2): CBOR in which common keys and values are
table numbers and keys, signatures, UUIDs, dates and JWT segments are bytes or integers
(qr_json.py; exactly reversible) -> raw DEFLATE, level 9, against a preset dictionary of
credential vocabulary, followed by the random byte strings verbatim -> base45 (RFC 9285) ->
text with an `LW2` header. Every character is in the QR alphanumeric set, so the code uses
alphanumeric mode (5.5 bits a character instead of 8 in byte mode). When the text does not fit
one QR code at version 25 with error correction M (still easy to read off a laptop screen), it
is split into a few parts that each do. The exact format is in docs/qr-format.md; keep the two
in step.

Decoding never trusts its input: sizes are capped before and while inflating (a few hundred
bytes of DEFLATE can expand to gigabytes), the CBOR is checked for forms we never write
(shared values, indefinite lengths, unknown tags) before it is decoded, parts must agree on
their count and hash, and the SHA-256 of the reassembled payload must match the hash every
part carries.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import math
import re
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, cast

import cbor2
import qrcode
import qrcode.constants
import qrcode.image.svg
from PIL import Image
from qrcode import util as qrcode_util
from qrcode.util import MODE_ALPHA_NUM, QRData

from wallet.errors import WalletError
from wallet.messages import M
from wallet.present import qr_json

PREFIX = "LW2"
MAX_VERSION = 25  # largest QR version we emit: denser codes are hard to scan off a screen
MAX_INFLATED = 1024 * 1024  # refuse payloads that inflate beyond 1 MiB (decompression bombs)
MAX_PARTS = 64  # refuse longer sequences: nobody scans more, and it bounds the work
MAX_TEXT = 8000  # one part's text can never be longer than a version 40 code holds
MAX_IMAGE_PIXELS = 40_000_000  # a 8K screenshot is 33 MP; Pillow's own bomb limit is 89 MP
IMAGE_FORMATS = ("PNG", "JPEG", "GIF", "BMP", "WEBP")  # pictures and screenshots, nothing exotic
# `qrcode` (8.2) fails with "ValueError: glog(0)" on an error-correction block of nothing but
# zero codewords, which a long run of "0" (base45 of zero bytes) encodes to. A new segment's
# mode bits are never zero: one every ZERO_RUN zero characters (at most 88 zero bits) keeps
# every block of 16 or more codewords (all at ECC M: 128 bits and up) from being all zero.
ZERO_RUN = 16

KIND_JSON = 1  # body: the JSON value itself, as CBOR
KIND_TEXT = 2  # body: the compact text verbatim, as a CBOR text string
KIND_JOSE = 3  # body: [separators, segments] - base64url segments of a JWT/SD-JWT as bytes

B45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_B45_INDEX = {c: i for i, c in enumerate(B45)}
_HEADER = re.compile(r"^LW2(?:/(\d{1,2})-(\d{1,2}))?:([0-9A-F]{8}):")
_JOSE_SEPARATORS = re.compile(r"[.~]")


class QrError(WalletError):
    """A QR text or image is not a presentation we can read; the message says why, plainly."""


# --- base45 (RFC 9285) ------------------------------------------------------------------------


def b45encode(data: bytes) -> str:
    """Base45 of `data`: every 2 bytes become 3 characters, a last odd byte becomes 2."""
    out: list[str] = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        n, c = divmod(n, 45)
        e, d = divmod(n, 45)
        out += (B45[c], B45[d], B45[e])
    if len(data) % 2:
        d, c = divmod(data[-1], 45)
        out += (B45[c], B45[d])
    return "".join(out)


def b45decode(text: str) -> bytes:
    """Bytes from base45; anything RFC 9285 calls invalid raises QrError."""
    if len(text) % 3 == 1:
        raise QrError(M("the QR code is damaged (its data has a wrong length)"))
    try:
        values = [_B45_INDEX[ch] for ch in text]
    except KeyError:
        msg = M("the QR code is damaged (its data has a character that does not belong)")
        raise QrError(msg) from None
    out = bytearray()
    for i in range(0, len(values), 3):
        group = values[i : i + 3]
        n = sum(v * 45**k for k, v in enumerate(group))
        if len(group) == 3:
            if n > 0xFFFF:
                raise QrError(M("the QR code is damaged (its data is not valid base45)"))
            out += bytes(divmod(n, 256))
        else:
            if n > 0xFF:
                raise QrError(M("the QR code is damaged (its data is not valid base45)"))
            out.append(n)
    return bytes(out)


# --- payload: CBOR + raw DEFLATE with a preset dictionary + blobs ------------------------------


def _content(presentation: Any) -> tuple[list[Any], list[bytes]]:
    """The CBOR item [kind, body(, blob sizes)] for a presentation, and its blobs."""
    packer = qr_json.Packer()
    if isinstance(presentation, str):
        body = packer.jose(presentation) if _JOSE_SEPARATORS.search(presentation) else None
        item: list[Any] = [KIND_TEXT, presentation] if body is None else [KIND_JOSE, body]
    else:
        item = [KIND_JSON, packer.json(presentation)]
    if packer.blobs:
        item.append([len(b) for b in packer.blobs])
    return item, packer.blobs


def _presentation(item: Any, tail: bytes) -> Any:
    """The presentation from a decoded content item and the blob bytes after the stream."""
    if not (isinstance(item, list) and len(item) in (2, 3) and type(item[0]) is int):
        raise QrError(M("the QR code is damaged (its content is not a presentation)"))
    kind, body = item[0], item[1]
    sizes = item[2] if len(item) == 3 else []
    if not (
        isinstance(sizes, list)
        and all(type(n) is int and n > 0 for n in sizes)
        and (sizes or len(item) == 2)
        and sum(sizes) == len(tail)
    ):
        raise QrError(M("the QR code is damaged (its stored data does not add up)"))
    blobs, at = [], 0
    for n in sizes:
        blobs.append(tail[at : at + n])
        at += n
    unpacker = qr_json.Unpacker(blobs)
    try:
        if kind == KIND_JSON:
            return unpacker.json(body)
        if kind == KIND_TEXT and isinstance(body, str):
            return body
        if kind == KIND_JOSE:
            return unpacker.jose(body)
    except qr_json.QrContentError as exc:
        raise QrError(exc.msg) from None
    if kind not in (KIND_JSON, KIND_TEXT, KIND_JOSE):
        raise QrError(
            M(
                "this QR code holds a kind of presentation this wallet does not know;"
                " it may come from a newer version"
            )
        )
    raise QrError(M("the QR code is damaged (its content is not a presentation)"))


def to_payload(presentation: Any) -> bytes:
    """The bytes the QR texts carry: DEFLATE (with the LW2 dictionary) of the CBOR content,
    then the blobs it refers to, verbatim."""
    try:
        item, blobs = _content(presentation)
        cbor = cbor2.dumps(item)
    except qr_json.QrContentError as exc:
        raise QrError(exc.msg) from None
    except (cbor2.CBOREncodeError, TypeError, ValueError) as exc:
        raise QrError(
            M("this presentation cannot be put in a QR code: {problem}", problem=str(exc))
        ) from None
    if len(cbor) > MAX_INFLATED:
        raise QrError(M("this presentation is too large for QR codes (over 1 MiB)"))
    packer = zlib.compressobj(
        9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, zdict=qr_json.DICTIONARY
    )
    return packer.compress(cbor) + packer.flush() + b"".join(blobs)


def from_payload(payload: bytes) -> Any:
    """The presentation from payload bytes, refusing anything inflating beyond MAX_INFLATED."""
    unpacker = zlib.decompressobj(-15, zdict=qr_json.DICTIONARY)
    try:
        cbor = unpacker.decompress(payload, MAX_INFLATED + 1)
    except zlib.error:
        raise QrError(M("the QR code is damaged (its data does not unpack)")) from None
    if len(cbor) > MAX_INFLATED or unpacker.unconsumed_tail:
        raise QrError(M("the QR code unpacks to more than 1 MiB; refused as unsafe"))
    if not unpacker.eof:
        raise QrError(M("the QR code is damaged (its data is cut short)"))
    try:
        qr_json.check_cbor(cbor)
        item = cbor2.loads(cbor, allow_duplicate_keys=False)
    except qr_json.QrContentError as exc:
        raise QrError(exc.msg) from None
    except (cbor2.CBORDecodeError, ValueError, TypeError, OverflowError, RecursionError):
        raise QrError(M("the QR code is damaged (its content does not decode)")) from None
    return _presentation(item, unpacker.unused_data)


def payload_hash(payload: bytes) -> str:
    """First 4 bytes of the payload's SHA-256, as 8 upper-case hex digits (QR alphanumeric)."""
    return hashlib.sha256(payload).hexdigest()[:8].upper()


# --- QR capacity ------------------------------------------------------------------------------


def qr_version(text: str) -> int:
    """The smallest QR version holding `text` at ECC M (alphanumeric mode when it can be)."""
    if len(text) > MAX_TEXT:  # beyond version 40 in any mode; spare qrcode the work
        raise QrError(M("the text is too long for any QR code"))
    # Counted here with qrcode's own tables, as its best_fit counts them: best_fit writes every
    # bit into a buffer first, 12 ms for each credential of a portfolio.
    segments = [(segment.mode, len(segment)) for segment in _qr_segments(text)]
    limits = qrcode_util.BIT_LIMIT_TABLE[qrcode.constants.ERROR_CORRECT_M]
    version = 1
    while True:
        sizes = qrcode_util.mode_sizes_for_version(version)
        needed = sum(4 + sizes[mode] + _data_bits(mode, n) for mode, n in segments)
        fitting = bisect.bisect_left(limits, needed, version)
        if fitting > 40:
            raise QrError(M("the text is too long for any QR code"))
        if qrcode_util.mode_sizes_for_version(fitting) is sizes:
            return fitting
        version = fitting  # longer length fields from this version on: count again


def _data_bits(mode: int, count: int) -> int:
    """Bits of `count` characters (alphanumeric) or bytes in a QR segment of `mode`."""
    if mode == MODE_ALPHA_NUM:
        return 11 * (count // 2) + 6 * (count % 2)
    return 8 * count  # bytes: the only other mode _qr_segments makes


def _qr_segments(text: str) -> list[QRData]:
    """The QR segments of `text`: alphanumeric mode when every character allows it, else
    bytes; one segment unless a run of zero characters ("0", or NUL in bytes) is longer than
    ZERO_RUN, which is split across segments (see ZERO_RUN)."""
    alphanumeric = all(c in _B45_INDEX for c in text)
    zero = "0" if alphanumeric else "\0"
    pieces: list[str] = []
    start = run = 0
    for i, c in enumerate(text):
        run = run + 1 if c == zero else 0
        if run > ZERO_RUN:
            pieces.append(text[start:i])
            start, run = i, 1
    pieces.append(text[start:])
    if alphanumeric:
        return [QRData(p.encode("ascii"), mode=MODE_ALPHA_NUM, check_data=False) for p in pieces]
    return [QRData(p.encode("utf-8")) for p in pieces]


def _fits(text: str) -> bool:
    try:
        return qr_version(text) <= MAX_VERSION
    except QrError:
        return False


def _max_chunk(header: str) -> int:
    """The most payload bytes (even, so chunks concatenate as base45) one part can carry."""
    return _max_chunk_after(len(header))


@functools.lru_cache(maxsize=64)
def _max_chunk_after(header_length: int) -> int:
    """The capacity behind a header of this many characters. Every header character costs the
    same in alphanumeric mode and no header holds a run of zeros long enough to be split, so
    the answer depends on the length alone: worked out once, not per credential (a binary
    search of trial encodings, about 0.1 s)."""
    header = "A" * header_length
    lo, hi = 0, 4000  # lo fits; hi is beyond any version 25 code
    while hi - lo > 2:
        mid = (lo + hi) // 2 & ~1
        if mid <= lo:
            break
        if _fits(header + "0" * (mid // 2 * 3)):
            lo = mid
        else:
            hi = mid
    return lo


# --- texts ------------------------------------------------------------------------------------


def encode(presentation: Any) -> list[str]:
    """QR texts for a presentation: one when it fits a version-25/M code, else a sequence.

    A sequence has as few parts as the capacity allows, with the payload spread evenly so
    every code is about the same size (equally easy to scan).
    """
    payload = to_payload(presentation)
    digest = payload_hash(payload)
    single = f"{PREFIX}:{digest}:{b45encode(payload)}"
    if _fits(single):
        return [single]
    count = 2
    while True:
        header = f"{PREFIX}/{count}-{count}:{digest}:"  # longest header for this count
        cap = _max_chunk(header)
        needed = math.ceil(len(payload) / cap)
        if needed <= count:
            break
        count = needed
        if count > MAX_PARTS:
            raise QrError(
                M(
                    "this presentation needs more than {count} QR codes;"
                    " share it as a file instead",
                    count=MAX_PARTS,
                )
            )
    size = math.ceil(len(payload) / count)
    size += size % 2  # even: each part is whole base45 groups
    chunks = [payload[i : i + size] for i in range(0, len(payload), size)]
    total = len(chunks)
    return [f"{PREFIX}/{i}-{total}:{digest}:{b45encode(c)}" for i, c in enumerate(chunks, 1)]


def decode(texts: Sequence[str]) -> Any:
    """The presentation from QR texts in any order (a repeated scan of a part is fine)."""
    if isinstance(texts, str):
        texts = [texts]
    if not texts:
        raise QrError(M("no QR code was read"))
    parts: dict[int, bytes] = {}
    count: int | None = None
    digest: str | None = None
    for raw in texts:
        text = raw.strip("\r\n")
        if len(text) > MAX_TEXT:
            raise QrError(M("a QR text is far too long to be one of ours"))
        m = _HEADER.match(text)
        if not m:
            if text.startswith("LW1:") or text.startswith("LW1/"):
                raise QrError(
                    M(
                        "this QR code uses an earlier test format (LW1) that is no longer"
                        " read; make the presentation again"
                    )
                )
            if text.startswith(PREFIX[:2]) and not text.startswith(PREFIX):
                raise QrError(M("this QR code is from a newer or unknown wallet format"))
            raise QrError(M("this is not a Learner Wallet presentation QR code"))
        index, total = (int(m[1]), int(m[2])) if m[1] else (1, 1)
        if not 1 <= index <= total or total > MAX_PARTS:
            raise QrError(M("the QR code is damaged (its part number is impossible)"))
        if digest is None:
            digest, count = m[3], total
        elif m[3] != digest or total != count:
            raise QrError(
                M(
                    "these QR codes belong to different presentations;"
                    " scan the parts of one presentation only"
                )
            )
        data = b45decode(text[m.end() :])
        if index in parts and parts[index] != data:
            raise QrError(
                M(
                    "part {n} was read twice with different content;"
                    " a code is damaged or from another presentation",
                    n=index,
                )
            )
        parts[index] = data
    assert count is not None and digest is not None
    missing = [str(i) for i in range(1, count + 1) if i not in parts]
    if missing:
        raise QrError(
            M(
                "part {parts} of {count} is missing; scan every code",
                parts=", ".join(missing),
                count=count,
            )
        )
    payload = b"".join(parts[i] for i in range(1, count + 1))
    if payload_hash(payload) != digest:
        raise QrError(M("the QR codes are damaged (the data does not match its checksum)"))
    return from_payload(payload)


# --- images -----------------------------------------------------------------------------------


def _build(text: str, box: int) -> qrcode.QRCode:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box, border=4)
    for segment in _qr_segments(text):
        qr.add_data(segment)
    try:
        qr.make(fit=True)
    except ValueError as e:  # glog(0) should no longer happen (ZERO_RUN); a plain message if so
        raise QrError(
            M("this text cannot be drawn as a QR code ({problem})", problem=str(e))
        ) from None
    return qr


def qr_modules(text: str) -> list[list[bool]]:
    """The dark (True) and light modules of `text`'s code (ECC M), rows from the top, with the
    4-module quiet zone around it: for drawing a code onto a page at any module size.

    Drawn by zxing-cpp's writer (C++), which the wallet already has for reading: qrcode's
    pure-Python mask search took about 0.1 s a code, 73 s for a 500-credential portfolio."""
    import zxingcpp

    if len(text) > MAX_TEXT:
        raise QrError(M("the text is too long for any QR code"))
    try:
        code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
        image = memoryview(cast(Any, code.to_image(scale=1, add_quiet_zones=True)))
    except (ValueError, RuntimeError) as e:
        raise QrError(
            M("this text cannot be drawn as a QR code ({problem})", problem=str(e))
        ) from None
    height, width = cast(tuple[int, int], image.shape)
    pixels = image.tobytes()
    return [[pixels[y * width + x] < 128 for x in range(width)] for y in range(height)]


def make_qr_png(text: str, target: str | Path | IO[bytes], *, box: int = 8) -> int:
    """Write `text` as a PNG QR code (ECC M, 4-module quiet zone); return its version."""
    qr = _build(text, box)
    image = qr.make_image(fill_color="black", back_color="white")
    image.save(target if not isinstance(target, Path) else str(target), format="PNG")
    return int(qr.version)


def make_qr_svg(text: str, target: str | Path | IO[bytes], *, box: int = 8) -> int:
    """Write `text` as an SVG QR code (one path, scales without blur); return its version."""
    qr = _build(text, box)
    image = qr.make_image(image_factory=qrcode.image.svg.SvgPathImage)
    if isinstance(target, str | Path):
        with open(target, "wb") as fh:
            image.save(fh)
    else:
        image.save(target)
    return int(qr.version)


def _is_pdf(source: str | Path | bytes) -> bool:
    """Whether `source` starts as a PDF file does."""
    if isinstance(source, bytes):
        return source.startswith(b"%PDF-")
    try:
        with open(source, "rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False


def read_qr_image(source: str | Path | bytes | Image.Image) -> list[str]:
    """Texts of every QR code zxing-cpp finds in an image (path, bytes or PIL image): all the
    codes of a proof sheet (wallet.present.sheet) come from its one picture, in reading order;
    `decode` takes them in any order and names a part that is missing.

    Images from strangers: only the usual picture formats are opened, the size is checked
    from the header before any pixel is decoded (MAX_IMAGE_PIXELS: a few hundred bytes of PNG
    can declare a gigapixel image), and whatever a damaged file makes Pillow raise is a QrError.
    """
    import zxingcpp

    from wallet.images import (
        PILLOW_ERRORS,
        ImageTooLarge,
        UnreadableImage,
        UnsupportedImage,
        open_image,
    )

    try:
        if isinstance(source, Image.Image):
            image = source
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise QrError(
                    M(
                        "the image is {width} x {height} pixels, too large to search"
                        " for QR codes (at most 40 megapixels)",
                        width=width,
                        height=height,
                    )
                )
            image.load()
        else:
            image = open_image(source, IMAGE_FORMATS, MAX_IMAGE_PIXELS)
        if image.mode not in ("L", "RGB"):
            image = image.convert("RGB")
    except QrError:
        raise
    except ImageTooLarge as exc:
        raise QrError(exc.msg) from None
    except UnsupportedImage as exc:
        if not isinstance(source, Image.Image) and _is_pdf(
            source
        ):  # a proof sheet as PDF: its page must become a picture first
            raise QrError(
                M(
                    "this is a PDF, not a picture: check a screenshot, scan or photo of its"
                    " page, or the proof sheet saved as PNG"
                )
            ) from None
        raise QrError(M("the image cannot be read: {problem}", problem=exc.msg)) from None
    except UnreadableImage as exc:
        raise QrError(M("the image cannot be read: {problem}", problem=exc.msg)) from None
    except Image.DecompressionBombError:
        raise QrError(M("the image is too large to search for QR codes")) from None
    except PILLOW_ERRORS as exc:
        # Pillow's decoders report damaged files with all of these.
        raise QrError(
            M("the image cannot be read: {problem}", problem=str(exc) or type(exc).__name__)
        ) from None
    results = zxingcpp.read_barcodes(
        image,
        # zxing-cpp converts one BarcodeFormat to BarcodeFormats implicitly; its stub omits that.
        formats=zxingcpp.BarcodeFormat.QRCode,  # type: ignore[arg-type]  # converted implicitly
    )
    return [r.text for r in results if r.valid]
