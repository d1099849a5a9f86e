"""Issuer web sites for tests: https://host/path documents served from 127.0.0.1 as /host/path.

Why: online checks (DID documents, key documents, SD-JWT VC issuer metadata, hosted OB 2.0
assertions) must be tested over real HTTP without reaching the network; tests/conftest.py
allows loopback only. A VerifyContext from `context()` fetches through this server.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest

from wallet.sources import fetch_url
from wallet.verify.context import MemoryCache, VerifyContext


class LocalWeb:
    """Publish documents at https URLs; count what was fetched."""

    def __init__(self, at: dt.datetime) -> None:
        self.at = at
        self.routes: dict[str, tuple[int, bytes]] = {}
        self.hits: list[str] = []
        web = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802  (http.server's name)
                web.hits.append(self.path)
                status, body = web.routes.get(self.path, (404, b"not here"))
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self._httpd.server_address[1]

    def publish(self, url: str, doc: Any, status: int = 200) -> None:
        body = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
        parts = urlsplit(url)
        self.routes[f"/{parts.netloc}{parts.path}"] = (status, body)

    def fetch(self, url: str) -> bytes:
        parts = urlsplit(url)
        assert parts.scheme == "https", url
        return fetch_url(f"http://127.0.0.1:{self.port}/{parts.netloc}{parts.path}")

    def context(self, cache: MemoryCache | None = None, online: bool = True) -> VerifyContext:
        return VerifyContext(
            at=self.at, online=online, cache=cache or MemoryCache(), fetcher=self.fetch
        )

    @contextmanager
    def running(self) -> Iterator[LocalWeb]:
        thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._httpd.shutdown()
            self._httpd.server_close()


def block_sockets(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """From here on every connect is recorded and refused (the block_all_sockets fixture, but
    after an online phase of the same test)."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network blocked by test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts
