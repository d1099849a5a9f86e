"""A small HTTP server on 127.0.0.1 for tests that fetch documents (status lists, keys, DIDs).

Why: the verification code must be tested against a real HTTP exchange (status codes, timeouts,
what gets cached) without reaching the network; tests/conftest.py allows loopback only.

    with StatusServer({"/status/1": list_bytes}) as server:
        url = server.url("/status/1")
        ...
        server.fail_with = 500       # every request now answers 500
        server.hang_seconds = 2.0    # or: wait this long before answering
        assert server.hits["/status/1"] == 2
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


class StatusServer:
    """Serves path -> bytes; counts requests per path; can be told to fail or to hang."""

    def __init__(
        self, routes: dict[str, bytes] | None = None, content_type: str = "application/json"
    ) -> None:
        self.routes: dict[str, bytes] = dict(routes or {})
        self.content_type = content_type
        self.hits: Counter[str] = Counter()
        self.fail_with: int | None = None  # answer every request with this status code
        self.hang_seconds: float = 0.0  # sleep before answering (to provoke client timeouts)
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False  # a hanging handler must not hold up stop()
        self._thread: threading.Thread | None = None

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    @property
    def requests(self) -> int:
        return sum(self.hits.values())

    def start(self) -> StatusServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> StatusServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802  (http.server's name)
                with server._lock:
                    server.hits[self.path] += 1
                if server.hang_seconds:
                    time.sleep(server.hang_seconds)
                if server.fail_with is not None:
                    status, body = server.fail_with, b"server error (test)"
                elif self.path in server.routes:
                    status, body = 200, server.routes[self.path]
                else:
                    status, body = 404, b"not here"
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", server.content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the client gave up (a timeout test); nothing to answer

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        return Handler
