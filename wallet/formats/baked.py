"""Badges baked into images: read and write the credential text inside PNG and SVG files.

PNG: Open Badges 2.0 uses an iTXt chunk with keyword `openbadges`, Open Badges 3.0 the keyword
`openbadgecredential`. Chunks are read here with `struct` and `zlib` (every CRC is checked, a
compressed iTXt is inflated at most to 4 MiB) so a damaged file gets a plain message.

SVG: OB 2.0 uses `<openbadges:assertion>`, OB 3.0 `<openbadges:credential>`; the credential is
the element's text (usually CDATA JSON) or, for a JWS, its `verify` attribute. SVG is parsed
with `defusedxml`, which refuses entity declarations, so XXE and "billion laughs" files fail.

Payload rule: a PNG payload is the chunk text exactly; an SVG payload is the element text
without the surrounding whitespace the SVG's indentation adds. Baking writes the text so that
reading it back gives the same bytes.
"""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass

import defusedxml
import defusedxml.ElementTree as DET

from wallet.errors import FormatError
from wallet.formats.common import MAX_BAKED_TEXT, LinkOnly
from wallet.messages import M
from wallet.proofs.jose import looks_like_compact

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_KEYWORDS = ("openbadgecredential", "openbadges")  # OB 3.0, OB 2.0
OB2_NS = "http://openbadges.org"
OB3_NS = "https://purl.imsglobal.org/ob/v3p0"
_SVG_ELEMENTS = ("credential", "assertion")


@dataclass
class BakedText:
    """The credential text found in an image."""

    image: str  # "png" or "svg"
    keyword: str  # PNG chunk keyword, or SVG element local name
    text: str
    raw: bytes  # the payload bytes, byte-exact


# --- PNG -----------------------------------------------------------------------------------


@dataclass
class _Chunk:
    type: bytes
    data: bytes
    start: int  # offset of the length field
    end: int  # offset just past the CRC


def _png_chunks(png: bytes) -> list[_Chunk]:
    if not png.startswith(PNG_SIGNATURE):
        raise FormatError(M("not a PNG image"))
    chunks: list[_Chunk] = []
    pos = len(PNG_SIGNATURE)
    while True:
        if pos + 8 > len(png):
            raise FormatError(M("truncated PNG"))
        length, ctype = struct.unpack(">I4s", png[pos : pos + 8])
        if length > 0x7FFFFFFF or not ctype.isalpha():
            raise FormatError(M("damaged PNG (a chunk header is not valid)"))
        end = pos + 12 + length
        if end > len(png):
            raise FormatError(M("truncated PNG"))
        data = png[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", png[pos + 8 + length : end])
        if zlib.crc32(ctype + data) != crc:
            name = ctype.decode("ascii")
            raise FormatError(M("damaged PNG (the {chunk} chunk fails its checksum)", chunk=name))
        chunks.append(_Chunk(ctype, data, pos, end))
        pos = end
        if ctype == b"IEND":
            break
    if not chunks or chunks[0].type != b"IHDR":
        raise FormatError(M("damaged PNG (it does not start with an IHDR chunk)"))
    return chunks


def _inflate(data: bytes) -> bytes:
    d = zlib.decompressobj()
    try:
        out = d.decompress(data, MAX_BAKED_TEXT)
    except zlib.error as e:
        raise FormatError(M("damaged PNG (the badge text does not decompress)")) from e
    if d.unconsumed_tail:
        raise FormatError(M("the badge text in the PNG is larger than 4 MiB"))
    return out


def _text_chunk(chunk: _Chunk) -> tuple[str, bytes] | None:
    """(keyword, text bytes) of a tEXt / zTXt / iTXt chunk; None for other chunks."""
    data = chunk.data
    if chunk.type not in (b"iTXt", b"tEXt", b"zTXt"):
        return None
    keyword_b, sep, rest = data.partition(b"\0")
    if not sep:
        raise FormatError(M("damaged PNG (a text chunk has no keyword)"))
    keyword = keyword_b.decode("latin-1")
    if chunk.type == b"tEXt":
        return keyword, rest
    if chunk.type == b"zTXt":
        if keyword not in PNG_KEYWORDS:
            return keyword, b""
        return keyword, _inflate(rest[1:])
    if len(rest) < 2:
        raise FormatError(M("damaged PNG (an iTXt chunk is cut short)"))
    compressed, method = rest[0], rest[1]
    parts = rest[2:].split(b"\0", 2)
    if len(parts) != 3:
        raise FormatError(M("damaged PNG (an iTXt chunk is cut short)"))
    body = parts[2]
    if compressed:
        if keyword not in PNG_KEYWORDS:
            return keyword, b""
        if method != 0:
            raise FormatError(M("damaged PNG (unknown iTXt compression method)"))
        body = _inflate(body)
    return keyword, body


def unbake_png(png: bytes) -> BakedText:
    """The badge text inside a PNG; FormatError when damaged or when it carries no badge."""
    found: tuple[str, bytes] | None = None
    for chunk in _png_chunks(png):
        kt = _text_chunk(chunk)
        if kt and kt[0] in PNG_KEYWORDS and found is None:
            found = kt
    if found is None:
        raise FormatError(M("PNG carries no badge"))
    keyword, raw = found
    if len(raw) > MAX_BAKED_TEXT:
        raise FormatError(M("the badge text in the PNG is larger than 4 MiB"))
    try:
        value = raw.decode("utf-8")
    except UnicodeDecodeError:
        value = raw.decode("latin-1")  # tEXt is Latin-1 by definition
        raw = value.encode("utf-8")
    if not value.strip():
        raise FormatError(M("PNG carries an empty badge"))
    return BakedText("png", keyword, value, raw)


def _itxt(keyword: str, raw: bytes) -> bytes:
    data = keyword.encode("latin-1") + b"\0" + b"\0\0" + b"\0" + b"\0" + raw
    ctype = b"iTXt"
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", zlib.crc32(ctype + data))


def bake_png(png: bytes, keyword: str, text: str | bytes) -> bytes:
    """Bake `text` into `png` as an uncompressed iTXt chunk right after IHDR.

    Any badge chunk already there is removed first, so a PNG carries one badge. Use keyword
    `openbadgecredential` for OB 3.0 and `openbadges` for OB 2.0. `unbake_png` on the result
    returns exactly these text bytes.
    """
    raw = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    raw.decode("utf-8")  # raises UnicodeDecodeError: iTXt text must be UTF-8
    if not keyword or len(keyword) > 79 or "\0" in keyword:
        raise ValueError("a PNG keyword is 1-79 characters without NUL")
    chunks = _png_chunks(png)
    out = [png[: chunks[0].end], _itxt(keyword, raw)]
    for chunk in chunks[1:]:
        kt = _text_chunk(chunk)
        if kt and kt[0] in PNG_KEYWORDS:
            continue
        out.append(png[chunk.start : chunk.end])
    return b"".join(out)


# --- SVG -----------------------------------------------------------------------------------


def _parse_svg(svg: bytes) -> ET.Element:
    try:
        root: ET.Element = DET.fromstring(  # defusedxml parses with xml.etree: an ET.Element
            svg, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except defusedxml.EntitiesForbidden as e:
        raise FormatError(
            M(
                "SVG refused: it declares XML entities "
                "(XML external entity / entity expansion attack)"
            )
        ) from e
    except defusedxml.ExternalReferenceForbidden as e:
        raise FormatError(M("SVG refused: it refers to an external XML resource")) from e
    except defusedxml.DefusedXmlException as e:
        raise FormatError(M("SVG refused: unsafe XML")) from e
    except ET.ParseError as e:
        line: int | str = e.position[0] if getattr(e, "position", None) else "?"
        raise FormatError(M("not valid XML (line {line})", line=line)) from e
    except (LookupError, ValueError) as e:  # e.g. an XML declaration naming an unknown encoding
        raise FormatError(M("not valid XML ({error})", error=str(e))) from e
    if _local(root.tag) != "svg":
        raise FormatError(
            M("XML is not an SVG image (root element <{element}>)", element=_local(root.tag))
        )
    return root


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _ns(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def _is_badge_element(el: ET.Element) -> bool:
    ns = _ns(el.tag).lower()
    return _local(el.tag) in _SVG_ELEMENTS and (
        "openbadges" in ns or "imsglobal" in ns or "1edtech" in ns
    )


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _raw_cdata(svg: bytes, value: str) -> bytes | None:
    """The CDATA bytes exactly as in the file (XML parsing turns CRLF into LF).

    Used only when they read the same as the parsed element text, else None.
    """
    m = _BADGE_EL.search(svg)
    if not m:
        return None
    parts = re.findall(rb"<!\[CDATA\[(.*?)\]\]>", m.group(0), re.DOTALL)
    candidate = b"".join(parts).strip()
    try:
        same = _newlines(candidate.decode("utf-8")) == _newlines(value)
    except UnicodeDecodeError:
        return None
    return candidate if parts and same else None


def unbake_svg(svg: bytes) -> BakedText:
    """The badge text inside an SVG (element text, else a JWS in `verify`)."""
    root = _parse_svg(svg)
    for el in root.iter():
        if not _is_badge_element(el):
            continue
        body = "".join(el.itertext()).strip()
        verify = (el.get("verify") or "").strip()
        if body:
            value = body
        elif verify and looks_like_compact(verify):
            value = verify
        elif verify:
            raise LinkOnly(verify, "svg")
        else:
            raise FormatError(M("SVG carries an empty badge"))
        raw = _raw_cdata(svg, value) if body else None
        raw = raw or value.encode("utf-8")
        if len(raw) > MAX_BAKED_TEXT:
            raise FormatError(M("the badge text in the SVG is larger than 4 MiB"))
        return BakedText("svg", _local(el.tag), raw.decode("utf-8"), raw)
    raise FormatError(M("SVG carries no badge"))


_XML_ENCODING = re.compile(rb"\s*<\?xml[^>]*?encoding=[\"']([A-Za-z0-9._-]+)")
_SVG_START = re.compile(rb"<svg\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
_BADGE_EL = re.compile(
    rb"\n?<([A-Za-z_][\w.-]*):(assertion|credential)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?"
    rb"(?:/>|>.*?</\1:\2\s*>)",
    re.DOTALL,
)


def _xml_attr(value: str) -> str:
    return (
        value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )


def _xml_body(value: str) -> str:
    if "]]>" not in value and "\r" not in value:
        return f"<![CDATA[{value}]]>"
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def bake_svg(svg: bytes, text: str, ob_version: int = 3, verify: str | None = None) -> bytes:
    """Bake a credential into an SVG, leaving the rest of the file as it was.

    A compact JWS/JWT goes in the `verify` attribute of an empty element; JSON goes in the
    element's text (CDATA). OB 3.0 uses `<openbadges:credential>`, OB 2.0
    `<openbadges:assertion>` (whose `verify` may name the hosted assertion URL). Any badge
    element already in the SVG is removed. `unbake_svg` gives back exactly `text` (when it has
    no leading or trailing whitespace).
    """
    root = _parse_svg(svg)
    declared = _XML_ENCODING.match(svg.removeprefix(b"\xef\xbb\xbf"))
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        raise ValueError("only UTF-8 SVG files can be baked")
    if any(_is_badge_element(el) for el in root.iter()):
        svg = _BADGE_EL.sub(b"", svg, count=0)
    ns, name = (OB3_NS, "credential") if ob_version == 3 else (OB2_NS, "assertion")
    value = text.strip()
    if value != text:
        raise ValueError("the credential text has leading or trailing whitespace")
    if looks_like_compact(value):
        element = f'<openbadges:{name} xmlns:openbadges="{ns}" verify="{_xml_attr(value)}"/>'
    else:
        attr = f' verify="{_xml_attr(verify)}"' if verify else ""
        element = (
            f'<openbadges:{name} xmlns:openbadges="{ns}"{attr}>{_xml_body(value)}'
            f"</openbadges:{name}>"
        )
    m = _SVG_START.search(svg)
    if not m or m.group().endswith(b"/>"):
        raise ValueError("the SVG has no <svg> element to bake into")
    baked = svg[: m.end()] + b"\n" + element.encode("utf-8") + svg[m.end() :]
    check = unbake_svg(baked)
    if check.text != value:  # pragma: no cover - a guard, not an expected path
        raise ValueError("baking would not give the credential back unchanged")
    return baked
