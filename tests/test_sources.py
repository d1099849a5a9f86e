"""Reading sources: folders, zips, URLs and stdin, with limits a hostile file cannot get past."""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from wallet import sources
from wallet.sources import Failure, Item, SourceError, fetch_url, read_sources


def collect(specs: list[str], stdin: bytes | None = None) -> list[Item | Failure]:
    return list(read_sources(specs, stdin=io.BytesIO(stdin) if stdin is not None else None))


def test_folder_yields_every_file_in_order_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.json").write_bytes(b"A")
    (tmp_path / "b" / "c.png").write_bytes(b"C")
    (tmp_path / ".DS_Store").write_bytes(b"junk")
    got = collect([str(tmp_path)])
    assert [(Path(i.label).name, i.data) for i in got if isinstance(i, Item)] == [
        ("a.json", b"A"),
        ("c.png", b"C"),
    ]


def test_empty_folder_and_missing_file_are_named(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    got = collect([str(tmp_path / "empty"), str(tmp_path / "nope.json")])
    assert [g.problem for g in got if isinstance(g, Failure)] == [
        "folder holds no files",
        "no such file",
    ]


def test_zip_entries_are_items_named_inside_the_archive(tmp_path: Path) -> None:
    z = tmp_path / "badges.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("one.json", b"1")
        zf.writestr("../../escape.json", b"2")  # never written anywhere: read in memory only
        zf.writestr("__MACOSX/._one.json", b"junk")
        zf.writestr("inner.zip", b"PK\x03\x04rest")
    got = collect([str(z)])
    items = [g for g in got if isinstance(g, Item)]
    assert [i.label for i in items] == [f"{z}:one.json", f"{z}:../../escape.json"]
    assert not (tmp_path.parent / "escape.json").exists()
    nested = [g for g in got if isinstance(g, Failure)]
    assert nested and "archive inside an archive" in nested[0].problem


def test_zip_bomb_entry_is_refused_without_inflating_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_SOURCE_BYTES", 1024 * 1024)
    z = tmp_path / "bomb.zip"
    with zipfile.ZipFile(z, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bomb.json", b"\0" * (50 * 1024 * 1024))  # 50 MiB of zeros, ~50 KB packed
    assert z.stat().st_size < 200_000
    got = collect([str(z)])
    assert len(got) == 1 and isinstance(got[0], Failure)
    assert "limit" in got[0].problem


def test_damaged_zip_is_named(tmp_path: Path) -> None:
    z = tmp_path / "broken.zip"
    good = io.BytesIO()
    with zipfile.ZipFile(good, "w") as zf:
        zf.writestr("a.json", b"{}" * 1000)
    z.write_bytes(good.getvalue()[:-30])
    got = collect([str(z)])
    assert len(got) == 1 and isinstance(got[0], Failure)
    assert got[0].label == str(z)


def test_oversize_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_SOURCE_BYTES", 1000)
    big = tmp_path / "movie.mp4"
    big.write_bytes(b"x" * 5000)
    got = collect([str(big)])
    assert isinstance(got[0], Failure) and "over the" in got[0].problem


def test_stdin_is_a_source() -> None:
    got = collect(["-"], stdin=b'{"hello": 1}')
    assert got == [Item("stdin", b'{"hello": 1}')]


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802  (http.server's name)
        status, headers, body = self.routes.get(self.path, (404, {}, b"not here"))
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_url_from_local_server_with_redirect(server: str) -> None:
    _Handler.routes = {
        "/badge.json": (200, {"Content-Type": "application/json"}, b'{"ok": true}'),
        "/old": (302, {"Location": "/badge.json"}, b""),
    }
    assert fetch_url(f"{server}/old") == b'{"ok": true}'
    got = collect([f"{server}/badge.json", f"{server}/missing"])
    assert got[0] == Item(f"{server}/badge.json", b'{"ok": true}')
    assert isinstance(got[1], Failure) and "404" in got[1].problem


def test_url_limits(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _Handler.routes = {
        "/big": (200, {}, b"x" * 5000),
        "/to-ftp": (302, {"Location": "ftp://example.org/x"}, b""),
        "/to-lan": (302, {"Location": "http://192.168.1.10/x"}, b""),
    }
    with pytest.raises(SourceError, match="limit"):
        fetch_url(f"{server}/big", max_bytes=1000)
    with pytest.raises(SourceError, match="only https"):
        fetch_url(f"{server}/to-ftp")
    with pytest.raises(SourceError, match="plain http"):
        fetch_url(f"{server}/to-lan")
    with pytest.raises(SourceError, match="plain http"):
        fetch_url("http://example.org/badge.json")
    with pytest.raises(SourceError, match="private address"):
        fetch_url("https://10.0.0.8/badge.json")
    assert not sources.is_url("file:///etc/passwd")


# --- the zip entry cap, read before the central directory is parsed (issue 13 item 16) ---------


def _one_entry_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("one.json", b"{}")
    return buf.getvalue()


def _declaring(data: bytes, entries: int) -> bytes:
    """The archive with its end record claiming `entries` files (on this disk and in all)."""
    at = data.rindex(b"PK\x05\x06")
    return data[: at + 8] + entries.to_bytes(2, "little") * 2 + data[at + 12 :]


def _zip64_declaring(data: bytes, entries: int) -> bytes:
    """The archive behind a ZIP64 end record (and locator) claiming `entries` files."""
    at = data.rindex(b"PK\x05\x06")
    size_cd = int.from_bytes(data[at + 12 : at + 16], "little")
    offset_cd = int.from_bytes(data[at + 16 : at + 20], "little")
    zip64 = (
        b"PK\x06\x06"
        + (44).to_bytes(8, "little")
        + (45).to_bytes(2, "little") * 2
        + (0).to_bytes(4, "little") * 2
        + entries.to_bytes(8, "little") * 2
        + size_cd.to_bytes(8, "little")
        + offset_cd.to_bytes(8, "little")
    )
    locator = (
        b"PK\x06\x07"
        + (0).to_bytes(4, "little")
        + at.to_bytes(8, "little")
        + (1).to_bytes(4, "little")
    )
    end = b"PK\x05\x06" + b"\0" * 4 + b"\xff\xff" * 2 + b"\xff" * 8 + b"\0\0"
    return data[:at] + zip64 + locator + end


@pytest.fixture
def no_directory_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading with zipfile.ZipFile (which parses the whole central directory) must not be
    reached; the tests still write their archives with it."""
    real = zipfile.ZipFile

    def parse(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if mode == "r":
            raise AssertionError("the central directory was parsed")
        return real(file, mode, *args, **kwargs)

    monkeypatch.setattr(zipfile, "ZipFile", parse)


@pytest.mark.parametrize("declared", [sources.MAX_ARCHIVE_ENTRIES + 1, 65_535])
def test_zip_declaring_too_many_entries_is_refused_before_parsing(
    tmp_path: Path, declared: int, no_directory_parsing: None
) -> None:
    z = tmp_path / "many.zip"
    z.write_bytes(_declaring(_one_entry_zip(), declared))
    got = collect([str(z)])
    assert len(got) == 1 and isinstance(got[0], Failure) and got[0].label == str(z)
    assert got[0].problem == (
        f"zip archive lists {declared:,} entries, over the "
        f"{sources.MAX_ARCHIVE_ENTRIES:,} limit; nothing imported from it"
    )
    # the same bytes from a URL or stdin
    got = collect(["-"], stdin=z.read_bytes())
    assert isinstance(got[0], Failure) and "over the" in got[0].problem


def test_zip64_declaring_millions_of_entries_is_refused_before_parsing(
    tmp_path: Path, no_directory_parsing: None
) -> None:
    z = tmp_path / "zip64.zip"
    z.write_bytes(_zip64_declaring(_one_entry_zip(), 12_000_000))
    got = collect([str(z)])
    assert isinstance(got[0], Failure)
    assert got[0].problem.startswith("zip archive lists 12,000,000 entries, over the")


def test_zip_hiding_entries_behind_a_small_count_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The end record says 1 file, but the central directory holds 60: zipfile would read them
    all (it walks the directory by size, not by count), so they are counted first."""
    monkeypatch.setattr(sources, "MAX_ARCHIVE_ENTRIES", 50)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n in range(60):
            zf.writestr(f"{n}.json", b"{}")
    z = tmp_path / "hidden.zip"
    z.write_bytes(_declaring(buf.getvalue(), 1))
    parsed: list[object] = []
    real = zipfile.ZipFile
    monkeypatch.setattr(zipfile, "ZipFile", lambda *a, **k: parsed.append(a) or real(*a, **k))
    got = collect([str(z)])
    assert parsed == []
    assert isinstance(got[0], Failure)
    assert got[0].problem == (
        "zip archive lists more than 50 entries, over the 50 limit; nothing imported from it"
    )


def test_zip_within_the_cap_still_imports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_ARCHIVE_ENTRIES", 60)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n in range(60):
            zf.writestr(f"{n}.json", b"{}")
    got = collect(["-"], stdin=buf.getvalue())
    assert len(got) == 60 and all(isinstance(g, Item) for g in got)
