"""Every hostile-input limit and no-network rule of issue 9, each proved by a test.

Limits already proved elsewhere are named in docs/reliability.md (zip bomb entry, iTXt bomb,
XXE / billion laughs, JSON depth, QR dictionary bomb, http to the LAN, redirect to ftp); this
file adds the rest. Network rules run with every socket blocked (`block_all_sockets` records
each connection attempt) or against a server on 127.0.0.1.
"""

from __future__ import annotations

import builtins
import gzip
import io
import json
import struct
import threading
import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.fuzz_targets import (
    BACKUP_PW,
    DEMO,
    NOW,
    demo_credentials,
    make_zip,
    seal_backup,
    tiny_png,
)
from wallet import backup, formats, sources
from wallet.errors import FormatError
from wallet.formats.common import MAX_BAKED_TEXT
from wallet.present import qr
from wallet.proofs import jose
from wallet.sources import Failure, Item, SourceError, fetch_url, read_sources


def _chunk(ctype: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", zlib.crc32(ctype + data))


def _items(data: bytes) -> list[Item | Failure]:
    return list(read_sources(["-"], stdin=io.BytesIO(data)))


# --- size caps per source kind ----------------------------------------------------------------


def test_size_caps_per_source_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_SOURCE_BYTES", 1000)
    monkeypatch.setattr(sources, "MAX_ARCHIVE_BYTES", 5000)
    big = b"{" + b" " * 2000 + b"}"
    # a file, standard input
    (tmp_path / "big.json").write_bytes(big)
    [got] = list(read_sources([str(tmp_path / "big.json")]))
    assert isinstance(got, Failure) and "limit" in got.problem
    [got] = _items(big)
    assert isinstance(got, Failure) and "larger than" in got.problem
    # one zip entry; everything unpacked from one zip; the zip file itself
    [got] = _items(make_zip([("a.json", big)]))
    assert isinstance(got, Failure) and "limit" in got.problem
    many = make_zip([(f"{i}.json", b"{" + b" " * 900 + b"}") for i in range(8)])
    got = _items(many)
    assert isinstance(got[-1], Failure) and "stopped there" in got[-1].problem
    assert sum(isinstance(g, Item) for g in got) == 5
    (tmp_path / "huge.zip").write_bytes(make_zip([("a", b"x" * 6000)]))
    monkeypatch.setattr(sources, "MAX_ARCHIVE_BYTES", 100)
    [got] = list(read_sources([str(tmp_path / "huge.zip")]))
    assert isinstance(got, Failure) and "archive is" in got.problem


def test_zip_entry_count_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_ARCHIVE_ENTRIES", 10)
    [got] = _items(make_zip([(f"{i}.json", b"{}") for i in range(11)]))
    assert isinstance(got, Failure) and "over the 10 limit" in got.problem


def test_zip_inside_zip_is_not_unpacked() -> None:
    got = _items(make_zip([("inner.zip", make_zip([("a.json", b"{}")]))]))
    assert len(got) == 1 and isinstance(got[0], Failure) and "inside an archive" in got[0].problem


def test_stack_and_backup_size_caps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wallet.stacks import load
    from wallet.stacks.model import StackError

    with pytest.raises(StackError, match="larger than"):
        load.load_any(b" " * (load.MAX_BYTES + 1))
    monkeypatch.setattr(backup, "MAX_FILE", 10)
    (tmp_path / "b.lwbackup").write_bytes(b"LWBACKUP" + b"\0" * 100)
    with pytest.raises(backup.BackupError, match="too large"):
        backup.read_backup(tmp_path / "b.lwbackup", BACKUP_PW)


def test_backup_scrypt_cost_is_bounded_before_any_work() -> None:
    """A forged header asking for 2 GiB of scrypt memory is refused at once."""
    header = backup.MAGIC + bytes([1, 1, 20, 16, 1]) + b"\0" * 56
    started = time.monotonic()
    with pytest.raises(backup.BackupError, match="header is not valid"):
        backup.decode(header + b"\0" * 32, BACKUP_PW)
    assert time.monotonic() - started < 1


def test_backup_body_that_inflates_beyond_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup, "MAX_DOCUMENT", 1000)
    with pytest.raises(backup.BackupError, match="too large"):
        backup.decode(seal_backup(b"\0" * 100_000), BACKUP_PW)


# --- JSON limits --------------------------------------------------------------------------------


def test_json_document_string_and_number_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(FormatError, match="number longer than 100 digits"):
        jose.load_json_bytes(b"[" + b"9" * 101 + b"]")
    assert jose.load_json_bytes(b"[" + b"9" * 100 + b"]") == [int("9" * 100)]
    with pytest.raises(FormatError, match="beyond the range"):
        jose.load_json_bytes(b"[1e400]")
    for constant in (b"NaN", b"Infinity", b"-Infinity"):
        with pytest.raises(FormatError, match="not a JSON value"):
            jose.load_json_bytes(b"[" + constant + b"]")
    monkeypatch.setattr(jose, "MAX_JSON_STRING", 100)
    with pytest.raises(FormatError, match="string longer than"):
        jose.load_json_bytes(json.dumps({"k": "x" * 101}).encode())
    with pytest.raises(FormatError, match="string longer than"):
        jose.load_json_bytes(json.dumps({"x" * 101: 1}).encode())
    monkeypatch.setattr(jose, "MAX_JSON_BYTES", 1000)
    with pytest.raises(FormatError, match="JSON larger than"):
        formats.parse(b"{" + b" " * 1000 + b"}")


def test_json_depth_limit_holds_in_every_reader() -> None:
    """The nesting cap guards credentials, JWT segments, stacks and fetched documents alike."""
    from wallet.stacks.load import load_any
    from wallet.stacks.model import StackError

    deep = b"[" * 50_000 + b"]" * 50_000
    with pytest.raises(FormatError, match="nested deeper"):
        formats.parse(deep)
    token = f"{jose.b64url_encode(b'{}')}.{jose.b64url_encode(deep)}.AA"
    with pytest.raises(FormatError):
        formats.parse(token.encode())
    with pytest.raises(StackError, match="nested deeper"):
        load_any(deep)


# --- images: PNG bombs, huge dimensions, SVG --------------------------------------------------


def test_png_ztxt_bomb_is_capped() -> None:
    bomb = zlib.compress(b" " * (MAX_BAKED_TEXT + 10), 9)
    assert len(bomb) < 10_000
    png = tiny_png(_chunk(b"zTXt", b"openbadgecredential\0\0" + bomb))
    with pytest.raises(FormatError, match="larger than 4 MiB"):
        formats.parse(png)


def _png_of_size(width: int, height: int) -> bytes:
    ihdr = _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    idat = _chunk(b"IDAT", zlib.compress(b"\0" * 1000))
    return b"\x89PNG\r\n\x1a\n" + ihdr + idat + _chunk(b"IEND", b"")


def test_huge_image_dimensions_are_refused_before_decoding() -> None:
    """A 100-byte PNG declaring 100,000 x 100,000 pixels (40 GB decoded) is refused from its
    header, both below and above Pillow's own MAX_IMAGE_PIXELS bomb limit."""
    from PIL import Image

    for side in (7_000, 100_000):
        started = time.monotonic()
        with pytest.raises(qr.QrError, match="too large"):
            qr.read_qr_image(_png_of_size(side, side))
        assert time.monotonic() - started < 2
    assert qr.MAX_IMAGE_PIXELS < (Image.MAX_IMAGE_PIXELS or 0)
    # formats.parse never decodes pixels: a badge in a huge-dimension PNG reads at once
    png = _png_of_size(100_000, 100_000)
    text = b"openbadgecredential\0\0\0\0\0" + demo_credentials()[0]
    with_badge = png[:33] + _chunk(b"iTXt", text) + png[33:]
    assert formats.parse(with_badge).credential.title


def test_qr_image_of_an_exotic_format_is_not_opened() -> None:
    """Only PNG, JPEG, GIF, BMP and WebP are opened: no PSD, TIFF, EPS... decoders."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (4, 4)).save(buf, format="TIFF")
    with pytest.raises(qr.QrError, match="cannot be read"):
        qr.read_qr_image(buf.getvalue())


@pytest.mark.parametrize(
    "doctype",
    [
        b'<!DOCTYPE svg SYSTEM "http://203.0.113.9/evil.dtd">',
        b'<!DOCTYPE svg [<!ENTITY % p SYSTEM "http://203.0.113.9/p.dtd"> %p;]>',
        b'<!DOCTYPE svg [<!ENTITY x SYSTEM "http://203.0.113.9/x">]>',
        b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
    ],
)
def test_svg_external_references_and_entities_are_refused_offline(
    doctype: bytes, block_all_sockets: list[object]
) -> None:
    svg = (
        b'<?xml version="1.0"?>' + doctype + b'<svg xmlns="http://www.w3.org/2000/svg">'
        b'<openbadges:credential xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">'
        b"&c;</openbadges:credential></svg>"
    )
    with pytest.raises(FormatError, match="SVG refused|not valid XML"):
        formats.parse(svg)
    assert block_all_sockets == []


# --- zip names never touch disk ---------------------------------------------------------------


def test_zip_names_never_touch_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Traversal and absolute names are only labels: nothing is opened for writing, nothing
    appears on disk, zipfile's extract is never called."""
    names = [
        "../escape.json",
        "../../x/escape.json",
        "/tmp/lw-absolute-escape.json",
        "..\\win-escape.json",
        "C:\\lw-escape.json",
        "ok/./../../dot.json",
    ]
    data = make_zip([(n, demo_credentials()[0]) for n in names])
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    writes: list[str] = []
    real_open = builtins.open

    def watched_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(c in mode for c in "wax+"):
            writes.append(str(file))
        return real_open(file, mode, *args, **kwargs)

    def no_extract(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("zip members must never be extracted")

    monkeypatch.setattr(builtins, "open", watched_open)
    monkeypatch.setattr("zipfile.ZipFile.extract", no_extract)
    monkeypatch.setattr("zipfile.ZipFile.extractall", no_extract)
    before = sorted(p for p in tmp_path.rglob("*"))
    got = _items(data)
    # every name is only a label ("..\\win-escape.json" is skipped: it reads as a dot file)
    assert [g.label for g in got] == [f"stdin:{n}" for n in names if not n.startswith("..\\")]
    assert all(isinstance(g, Item) and formats.parse(g.data) for g in got)
    assert writes == []
    assert sorted(p for p in tmp_path.rglob("*")) == before
    assert not Path("/tmp/lw-absolute-escape.json").exists()


# --- QR payload bombs -------------------------------------------------------------------------


def test_qr_plain_deflate_bomb_and_part_count_are_capped() -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    payload = packer.compress(b"\0" * (50 * qr.MAX_INFLATED)) + packer.flush()
    assert len(payload) < 60_000
    with pytest.raises(qr.QrError, match="more than 1 MiB"):
        qr.from_payload(payload)
    with pytest.raises(qr.QrError, match="part number is impossible"):
        qr.decode([f"LW2/1-{qr.MAX_PARTS + 1}:00000000:00"])
    with pytest.raises(qr.QrError, match="far too long"):
        qr.decode(["LW2:00000000:" + "0" * qr.MAX_TEXT])


# --- no silent network ------------------------------------------------------------------------


def _remote_everything() -> bytes:
    """A signed demo credential changed to name remote contexts, images, issuer and status
    list, and a key by URL (its proof no longer verifies: the point is what is fetched)."""
    doc = json.loads(demo_credentials()[0])
    doc["@context"].append("https://203.0.113.9/context.jsonld")
    doc["issuer"] = {
        "id": "https://203.0.113.9/issuer",
        "type": ["Profile"],
        "name": "Remote",
        "image": "https://203.0.113.9/logo.png",
    }
    doc["credentialSubject"]["achievement"]["image"] = {
        "id": "https://203.0.113.9/i.png",
        "type": "Image",
    }
    doc["credentialStatus"] = {
        "id": "https://203.0.113.9/status/1#5",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "5",
        "statusListCredential": "https://203.0.113.9/status/1",
    }
    doc["proof"]["verificationMethod"] = "https://203.0.113.9/keys/1"
    return json.dumps(doc).encode("utf-8")


def test_import_and_offline_verify_make_no_connection(
    tmp_path: Path, block_all_sockets: list[object]
) -> None:
    from wallet.importer import import_sources
    from wallet.store import WalletStore
    from wallet.verify.context import VerifyContext
    from wallet.verify.verifier import verify_parsed

    files = [*sorted((DEMO / "credentials").iterdir())]
    (tmp_path / "remote.json").write_bytes(_remote_everything())
    files.append(tmp_path / "remote.json")
    store = WalletStore.create(tmp_path / "w.db", "pw", encrypted=False)
    try:
        results = import_sources(store, [str(f) for f in files])
        assert len(results) == len(files)
    finally:
        store.close()
    for f in files:
        report = verify_parsed(formats.parse(f.read_bytes()), VerifyContext(at=NOW), f.name)
        assert report.verdict
    assert block_all_sockets == []


def test_refused_urls_are_refused_before_any_connection(block_all_sockets: list[object]) -> None:
    for url, why in [
        ("http://203.0.113.9/b.json", "plain http"),
        ("ftp://203.0.113.9/b.json", "only https"),
        ("file:///etc/passwd", "only https"),
        ("https://10.1.2.3/b.json", "private address"),
        ("https://127.0.0.1/b.json", "private address"),
        ("https://[::1]/b.json", "private address"),
        ("https://169.254.169.254/latest", "private address"),
    ]:
        with pytest.raises(SourceError, match=why):
            fetch_url(url)
    assert block_all_sockets == []


class _Slow(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802  (http.server's name)
        if self.path == "/sleep":
            time.sleep(1.5)
        if self.path.startswith("/redirect-"):
            self.send_response(302)
            self.send_header("Location", self.path.removeprefix("/redirect-").replace("!", "/"))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        if self.path == "/gzip-bomb":
            body = gzip.compress(b"\0" * 3_000_000)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_header("Transfer-Encoding", "chunked")  # no Content-Length to check
        self.end_headers()
        if self.path == "/drip":
            for _ in range(40):
                self._chunk(b"x")
                time.sleep(0.1)
        elif self.path == "/endless":
            for _ in range(200):
                self._chunk(b"y" * 10_000)
        else:
            self._chunk(b'{"ok": true}')
        self.wfile.write(b"0\r\n\r\n")

    def _chunk(self, data: bytes) -> None:
        try:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()
        except OSError:
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def slow_server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_url_limits_against_a_local_server(slow_server: str) -> None:
    assert fetch_url(f"{slow_server}/ok") == b'{"ok": true}'
    with pytest.raises(SourceError, match="no answer within"):
        fetch_url(f"{slow_server}/sleep", timeout=0.5)
    started = time.monotonic()
    with pytest.raises(SourceError, match="took longer than"):
        fetch_url(f"{slow_server}/drip", timeout=1)  # each byte in time, the whole not
    assert time.monotonic() - started < 3
    with pytest.raises(SourceError, match="over the"):
        fetch_url(f"{slow_server}/endless", max_bytes=100_000)  # no Content-Length
    with pytest.raises(SourceError, match="over the"):
        fetch_url(f"{slow_server}/gzip-bomb", max_bytes=1_000_000)  # counted after inflating
    for target, why in [
        ("https:!!10.0.0.8!x", "private address"),
        ("https:!!127.0.0.1!x", "private address"),
        ("file:!!!etc!passwd", "only https"),
        ("http:!!203.0.113.9!x", "plain http"),
    ]:
        with pytest.raises(SourceError, match=why):
            fetch_url(f"{slow_server}/redirect-{target}")
