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
        ("a.json", b"A"), ("c.png", b"C")]


def test_empty_folder_and_missing_file_are_named(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    got = collect([str(tmp_path / "empty"), str(tmp_path / "nope.json")])
    assert [g.problem for g in got if isinstance(g, Failure)] == [
        "folder holds no files", "no such file"]


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


def test_zip_bomb_entry_is_refused_without_inflating_it(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
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
