"""JSON values <-> the compact CBOR items of QR format LW2, exactly reversible.

Why: CBOR alone keeps JSON's text. Credentials are mostly names every credential repeats and
strings of a known shape spelled in a wasteful alphabet (base58 keys and signatures, UUIDs,
timestamps, base64url JWTs). `pack` replaces each with a table number or its raw bytes under a
tag of our own; `unpack` puts back exactly the same JSON value (same keys and order, same
strings, ints stay ints and floats floats), so every signature over the presentation still
verifies. A string is only replaced when turning it back gives the very same string;
otherwise it stays text. The tags are listed in docs/qr-format.md.

`unpack` reads data from strangers: every malformed item is a plain QrError, the nesting is
bounded, and no item can expand beyond a small fixed factor of its own size.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from typing import Any

import cbor2

from wallet.errors import WalletError
from wallet.messages import M
from wallet.present.qr_tables import DICTIONARY_TEXT, KEYS, TEMPLATE, VALUES

# Tags of our own (CBOR tags 6-15 are unassigned in the IANA registry; 16 is COSE_Encrypt0
# there, but only these tags may appear in LW2 content, so nothing else can mean it). "blob n"
# is the n-th byte string stored after the DEFLATE stream (see BlobTable).
TAG_VALUE = 6  # uint n: VALUES[n]
TAG_DID_KEY = 7  # blob: "did:key:z" + base58btc(blob)
TAG_DID_KEY_VM = 8  # blob: "did:key:z" + b58 + "#z" + b58 (a did:key's own key id)
TAG_MULTIBASE = 9  # blob: "z" + base58btc(blob)
TAG_URN_UUID = 10  # blob of 16 bytes: "urn:uuid:" + lower-case UUID
TAG_UUID = 11  # blob of 16 bytes: lower-case UUID
TAG_TIME = 12  # int: seconds since 1970 UTC, as "YYYY-MM-DDTHH:MM:SSZ"
TAG_TIME_MS = 13  # int: milliseconds since 1970 UTC, as "YYYY-MM-DDTHH:MM:SS.mmmZ"
TAG_JOSE = 14  # [separators, segments]: a JWS / JWT / SD-JWT compact text
TAG_CONCAT = 15  # [item, item, ...]: the strings of the items, one after the other
TAG_BLOB = 16  # blob: a JOSE segment's bytes (signatures: random, so kept out of DEFLATE)
ALLOWED_TAGS = frozenset({2, 3, *range(TAG_VALUE, TAG_BLOB + 1)})

MAX_DEPTH = 200
MAX_B58_BYTES = 256  # base58 is quadratic: bound the work a hostile item can ask for

_KEY_INDEX = {k: i for i, k in enumerate(KEYS)}
_VALUE_INDEX = {v: i for i, v in enumerate(VALUES)}
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {c: i for i, c in enumerate(_B58)}
_B58_TEXT = re.compile(r"[1-9A-HJ-NP-Za-km-z]+")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TIME = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{3}))?Z")
_JOSE_TEXT = re.compile(r"[A-Za-z0-9_-]+(?:[.~][A-Za-z0-9_-]*)+")
_JOSE_SEP = re.compile(r"[.~]")
_DATA_JOSE = re.compile(r"(data:[a-z0-9.+/-]+,)([A-Za-z0-9_.~-]+)")
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)
_TIME_MIN = -62135596800  # 0001-01-01T00:00:00Z
_TIME_MAX = 253402300799  # 9999-12-31T23:59:59Z
_DAY = 86400


class QrContentError(WalletError):
    """A presentation cannot be packed, or packed content is malformed (qr.py's QrError)."""


# Whole sentences that several places raise.
_CUT_SHORT = M("the QR code is damaged (its content is cut short)")
_BAD_JWT = M("the QR code is damaged (a JWT in it is malformed)")
_BAD_JOIN = M("the QR code is damaged (a joined text in it is malformed)")
_TOO_DEEP = M("the presentation in the QR code is nested too deeply")
_UNKNOWN_ITEM = M(
    "the QR code is damaged (it holds an item this wallet does not know;"
    " it may come from a newer version)"
)


# --- base58btc, base64url -------------------------------------------------------------------


def b58encode(data: bytes) -> str:
    """Bitcoin-alphabet base58: a leading zero byte is "1", the rest a base-58 number."""
    zeros = len(data) - len(data.lstrip(b"\0"))
    n = int.from_bytes(data, "big")
    out: list[str] = []
    while n:
        n, r = divmod(n, 58)
        out.append(_B58[r])
    return "1" * zeros + "".join(reversed(out))


def b58decode(text: str) -> bytes:
    """Bytes of base58btc text (the caller has checked the alphabet)."""
    zeros = len(text) - len(text.lstrip("1"))
    n = 0
    for ch in text:
        n = n * 58 + _B58_INDEX[ch]
    return b"\0" * zeros + (n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b"")


def _b58_exact(text: str) -> bytes | None:
    """The bytes of base58 text if they are short enough and spell the same text again."""
    if not _B58_TEXT.fullmatch(text) or len(text) > MAX_B58_BYTES:
        return None
    raw = b58decode(text)
    return raw if len(raw) <= MAX_B58_BYTES and b58encode(raw) == text else None


def b64url_exact(segment: str) -> bytes | None:
    """The bytes of an unpadded base64url segment, only if encoding them gives it back."""
    import base64
    import binascii

    if not segment or len(segment) % 4 == 1:
        return None
    try:
        raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    except (binascii.Error, ValueError):
        return None
    return raw if b64url(raw) == segment else None


def b64url(raw: bytes) -> str:
    """Unpadded base64url (RFC 4648 section 5)."""
    import base64

    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


# --- timestamps -------------------------------------------------------------------------------


def _time_value(text: str) -> cbor2.CBORTag | None:
    """A UTC timestamp as seconds (or milliseconds) since 1970, if it is written canonically."""
    m = _TIME.fullmatch(text)
    if not m:
        return None
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    try:
        moment = _dt.datetime(year, month, day, hour, minute, second, tzinfo=_dt.UTC)
    except ValueError:  # 24:00, leap seconds, 31 February: keep them as written
        return None
    seconds = (moment - _EPOCH) // _dt.timedelta(seconds=1)
    if m[7] is None:
        tag, value = TAG_TIME, seconds
    else:
        tag, value = TAG_TIME_MS, seconds * 1000 + int(m[7])
    return cbor2.CBORTag(tag, value) if _time_text(tag, value) == text else None


def _time_text(tag: int, value: Any) -> str:
    if type(value) is not int:
        raise QrContentError(M("the QR code is damaged (a date in it is not a number)"))
    seconds, millis = (value, None) if tag == TAG_TIME else divmod(value, 1000)
    if not _TIME_MIN <= seconds <= _TIME_MAX:
        raise QrContentError(M("the QR code is damaged (a date in it is out of range)"))
    days, rest = divmod(seconds, _DAY)
    date = _dt.date.fromordinal(_EPOCH.date().toordinal() + days)
    hour, rest = divmod(rest, 3600)
    minute, second = divmod(rest, 60)
    frac = "" if millis is None else f".{millis:03d}"
    return (
        f"{date.year:04d}-{date.month:02d}-{date.day:02d}T{hour:02d}:{minute:02d}:"
        f"{second:02d}{frac}Z"
    )


# --- pack -------------------------------------------------------------------------------------


class Packer:
    """Turns JSON values into LW2 items, collecting the byte strings (blobs) they refer to.

    Keys, signatures and UUIDs are random bytes: DEFLATE cannot shrink them and spends more
    than 8 bits on each when they sit among text, so they are stored once each, verbatim,
    after the compressed stream, and the items refer to them by number.
    """

    def __init__(self) -> None:
        self.blobs: list[bytes] = []
        self._index: dict[bytes, int] = {}

    def blob(self, tag: int, raw: bytes) -> cbor2.CBORTag:
        """A tag referring to `raw` in the blob table (added once, on first use)."""
        n = self._index.get(raw)
        if n is None:
            n = self._index[raw] = len(self.blobs)
            self.blobs.append(raw)
        return cbor2.CBORTag(tag, n)

    def jose(self, text: str) -> list[Any] | None:
        """[separators, segments] for a JWS/JWT/SD-JWT text, or None when it is not one.

        Canonical base64url segments become bytes (so DEFLATE sees the JSON inside); a JWS
        signature (the segment after a second `.`) goes to the blob table; anything else stays
        text, so the text comes back byte for byte.
        """
        if not _JOSE_TEXT.fullmatch(text):
            return None
        seps = "".join(_JOSE_SEP.findall(text))
        segments: list[Any] = []
        for i, part in enumerate(_JOSE_SEP.split(text)):
            raw = b64url_exact(part)
            if raw is None:
                segments.append(part)
            elif i >= 2 and seps[i - 2 : i] == "..":
                segments.append(self.blob(TAG_BLOB, raw))
            else:
                segments.append(raw)
        return [seps, segments]

    def text(self, s: str) -> Any:
        """The smallest exact stand-in for a string, or the string itself."""
        index = _VALUE_INDEX.get(s)
        if index is not None:
            return cbor2.CBORTag(TAG_VALUE, index)
        if s.startswith("did:key:z"):
            did, hash_, fragment = s[9:].partition("#")
            raw = _b58_exact(did)
            if raw is not None and not hash_:
                return self.blob(TAG_DID_KEY, raw)
            if raw is not None and fragment == "z" + did:
                return self.blob(TAG_DID_KEY_VM, raw)
        if s.startswith("z") and len(s) >= 16:
            raw = _b58_exact(s[1:])
            if raw is not None:
                return self.blob(TAG_MULTIBASE, raw)
        if s.startswith("urn:uuid:") and _UUID.fullmatch(s, 9):
            return self.blob(TAG_URN_UUID, bytes.fromhex(s[9:].replace("-", "")))
        if len(s) == 36 and _UUID.fullmatch(s):
            return self.blob(TAG_UUID, bytes.fromhex(s.replace("-", "")))
        if 20 <= len(s) <= 24 and s[4:5] == "-":
            stamp = _time_value(s)
            if stamp is not None:
                return stamp
        if len(s) >= 64:
            m = _DATA_JOSE.fullmatch(s)
            body = self.jose(m[2]) if m else None
            if m and body is not None:
                return cbor2.CBORTag(TAG_CONCAT, [self.text(m[1]), cbor2.CBORTag(TAG_JOSE, body)])
            if s.count(".") >= 2:
                body = self.jose(s)
                if body is not None:
                    return cbor2.CBORTag(TAG_JOSE, body)
        return s

    def json(self, value: Any, depth: int = 0) -> Any:
        """The LW2 item for a JSON value (keys and strings swapped for their stand-ins)."""
        if depth > MAX_DEPTH:
            raise QrContentError(M("the presentation is nested too deeply for a QR code"))
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            out: dict[Any, Any] = {}
            for k, v in value.items():
                if not isinstance(k, str):
                    raise QrContentError(M("a presentation's object keys must be text"))
                out[_KEY_INDEX.get(k, k)] = self.json(v, depth + 1)
            return out
        if isinstance(value, list | tuple):
            return [self.json(v, depth + 1) for v in value]
        if value is None or isinstance(value, bool | int | float):
            return value
        raise QrContentError(M("a presentation cannot hold a {kind}", kind=type(value).__name__))


# --- unpack -----------------------------------------------------------------------------------


class Unpacker:
    """LW2 items back to JSON values, over the blob table read from the payload."""

    def __init__(self, blobs: list[bytes]) -> None:
        self.blobs = blobs

    def _blob(self, n: Any, size: int | None = None, limit: int | None = None) -> bytes:
        if type(n) is not int or not 0 <= n < len(self.blobs):
            raise QrContentError(M("the QR code is damaged (it refers to data it does not carry)"))
        raw = self.blobs[n]
        if (size is not None and len(raw) != size) or (limit is not None and len(raw) > limit):
            raise QrContentError(
                M(
                    "the QR code is damaged (an identifier, key or signature in it"
                    " has the wrong size)"
                )
            )
        return raw

    def jose(self, body: Any) -> str:
        """The compact text of a [separators, segments] item; anything else is damaged."""
        # cbor2 gives arrays inside a tag as tuples
        if not (isinstance(body, list | tuple) and len(body) == 2):
            raise QrContentError(_BAD_JWT)
        seps, segments = body
        if not (
            isinstance(seps, str)
            and isinstance(segments, list | tuple)
            and len(segments) == len(seps) + 1
            and not seps.strip(".~")
        ):
            raise QrContentError(_BAD_JWT)
        texts: list[str] = []
        for s in segments:
            if isinstance(s, str):
                texts.append(s)
            elif isinstance(s, bytes):
                texts.append(b64url(s))
            elif isinstance(s, cbor2.CBORTag) and s.tag == TAG_BLOB:
                texts.append(b64url(self._blob(s.value)))
            else:
                raise QrContentError(_BAD_JWT)
        return texts[0] + "".join(sep + t for sep, t in zip(seps, texts[1:], strict=True))

    def tag(self, tag: cbor2.CBORTag, in_concat: bool = False) -> str:
        """The string a tagged item stands for."""
        n, v = tag.tag, tag.value
        if n == TAG_VALUE:
            if type(v) is not int or not 0 <= v < len(VALUES):
                raise QrContentError(
                    M("the QR code is damaged (it names a value this wallet does not know)")
                )
            return VALUES[v]
        if n in (TAG_DID_KEY, TAG_DID_KEY_VM, TAG_MULTIBASE):
            raw = self._blob(v, limit=MAX_B58_BYTES)
            if not raw:
                raise QrContentError(
                    M("the QR code is damaged (a key or signature in it is empty)")
                )
            text = b58encode(raw)
            if n == TAG_MULTIBASE:
                return "z" + text
            return f"did:key:z{text}" if n == TAG_DID_KEY else f"did:key:z{text}#z{text}"
        if n in (TAG_URN_UUID, TAG_UUID):
            h = self._blob(v, 16).hex()
            text = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
            return "urn:uuid:" + text if n == TAG_URN_UUID else text
        if n in (TAG_TIME, TAG_TIME_MS):
            return _time_text(n, v)
        if n == TAG_JOSE:
            return self.jose(v)
        if n == TAG_CONCAT and not in_concat:
            if not isinstance(v, list | tuple) or len(v) < 2:
                raise QrContentError(_BAD_JOIN)
            pieces: list[str] = []
            for item in v:
                if isinstance(item, str):
                    pieces.append(item)
                elif isinstance(item, cbor2.CBORTag):
                    pieces.append(self.tag(item, in_concat=True))
                else:
                    raise QrContentError(_BAD_JOIN)
            return "".join(pieces)
        raise QrContentError(_UNKNOWN_ITEM)

    def json(self, item: Any, depth: int = 0) -> Any:
        """The JSON value of an LW2 item; anything JSON cannot hold is a QrContentError."""
        if depth > MAX_DEPTH:
            raise QrContentError(_TOO_DEEP)
        if item is None or isinstance(item, bool | int | float | str):
            return item
        if isinstance(item, cbor2.CBORTag):
            return self.tag(item)
        if isinstance(item, list):
            return [self.json(v, depth + 1) for v in item]
        if isinstance(item, dict):
            out: dict[str, Any] = {}
            for k, v in item.items():
                if type(k) is int:
                    if not 0 <= k < len(KEYS):
                        raise QrContentError(
                            M("the QR code is damaged (it names a key this wallet does not know)")
                        )
                    k = KEYS[k]
                elif not isinstance(k, str):
                    raise QrContentError(
                        M("the QR code is damaged (an object key in it is not text)")
                    )
                if k in out:
                    raise QrContentError(
                        M("the QR code is damaged (an object in it has the same key twice)")
                    )
                out[k] = self.json(v, depth + 1)
            return out
        raise QrContentError(M("the QR code is damaged (it holds data that is not JSON)"))


# --- strict CBOR ------------------------------------------------------------------------------


def check_cbor(data: bytes) -> None:
    """Refuse CBOR that is not one plain, definite-length item using only our tags.

    Run before cbor2 sees the bytes: cbor2 would honour tags such as 28/29 (shared values),
    which let a few bytes stand for a structure exponentially larger than themselves, and
    indefinite lengths, which LW2 never writes.
    """
    pos, end = 0, len(data)
    pending = [1]  # items still to read at each open nesting level
    while pending:
        if pending[-1] == 0:
            pending.pop()
            continue
        pending[-1] -= 1
        if pos >= end:
            raise QrContentError(_CUT_SHORT)
        first = data[pos]
        major, info = first >> 5, first & 0x1F
        pos += 1
        if info < 24:
            arg = info
        elif info <= 27:
            size = 1 << (info - 24)
            if pos + size > end:
                raise QrContentError(_CUT_SHORT)
            arg = int.from_bytes(data[pos : pos + size], "big")
            pos += size
        else:
            raise QrContentError(
                M("the QR code is damaged (its content uses a CBOR form LW2 does not allow)")
            )
        if major in (2, 3):
            if arg > end - pos:
                raise QrContentError(_CUT_SHORT)
            pos += arg
        elif major in (4, 5):
            count = arg * (2 if major == 5 else 1)
            if count > end - pos:
                raise QrContentError(_CUT_SHORT)
            if len(pending) > MAX_DEPTH + 8:
                raise QrContentError(_TOO_DEEP)
            pending.append(count)
        elif major == 6:
            if arg not in ALLOWED_TAGS:
                raise QrContentError(_UNKNOWN_ITEM)
            if arg in (2, 3) and (pos >= end or data[pos] >> 5 != 2):
                raise QrContentError(M("the QR code is damaged (a number in it is malformed)"))
            pending.append(1)
        elif major == 7 and not (20 <= info <= 22 or 25 <= info <= 27):
            raise QrContentError(
                M("the QR code is damaged (its content holds a value JSON does not have)")
            )
    if pos != end:
        raise QrContentError(M("the QR code is damaged (its content has extra bytes)"))


def _dictionary() -> bytes:
    """The LW2 preset dictionary: the vocabulary text, then TEMPLATE as packed CBOR."""
    return DICTIONARY_TEXT.encode("utf-8") + cbor2.dumps([1, Packer().json(TEMPLATE)])


DICTIONARY: bytes = _dictionary()
DICTIONARY_SHA256 = hashlib.sha256(DICTIONARY).hexdigest()

if __name__ == "__main__":  # the exact dictionary bytes, for implementers: python -m ...
    import sys

    sys.stdout.buffer.write(DICTIONARY)
