"""`sources.post_url`, the POST every token and credential request makes: the same network
rules as `fetch_url`, and no redirect at all, so a code or token is never carried anywhere the
issuer's metadata did not name."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from wallet import sources
from wallet.sources import SourceError, post_url


class Seen:
    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict[str, str], bytes]] = []


@pytest.fixture
def server() -> Iterator[tuple[str, Seen]]:
    seen = Seen()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802  (http.server's name)
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            seen.requests.append(("POST", self.path, dict(self.headers), body))
            if self.path == "/moved":
                self.send_response(307)
                self.send_header("Location", "/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            answer = b"x" * (2 * 1024 * 1024) if self.path == "/big" else b'{"error":"nope"}'
            self.send_response(400)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    httpd.shutdown()
    httpd.server_close()


def test_post_sends_form_and_headers_and_returns_an_error_answer(
    server: tuple[str, Seen],
) -> None:
    base, seen = server
    answer = post_url(f"{base}/token", form={"a": "1 2"}, headers={"Authorization": "Bearer t"})
    assert (answer.status, answer.body) == (400, b'{"error":"nope"}')
    _, path, headers, body = seen.requests[0]
    assert path == "/token" and parse_qs(body.decode()) == {"a": ["1 2"]}
    assert headers["Authorization"] == "Bearer t"
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"


def test_post_never_follows_a_redirect(server: tuple[str, Seen]) -> None:
    base, seen = server
    with pytest.raises(SourceError) as caught:
        post_url(f"{base}/moved", json_body={"secret": "s"})
    assert str(caught.value) == "127.0.0.1 answered with a redirect; nothing more was sent"
    assert [r[1] for r in seen.requests] == ["/moved"]


def test_post_answers_are_capped(server: tuple[str, Seen]) -> None:
    base, _ = server
    with pytest.raises(SourceError, match="over the 1 MiB limit"):
        post_url(f"{base}/big", form={}, max_bytes=1024 * 1024)


def test_post_keeps_the_loopback_and_https_rules(
    server: tuple[str, Seen], monkeypatch: pytest.MonkeyPatch
) -> None:
    base, seen = server
    with pytest.raises(SourceError, match="plain http is only allowed to this computer"):
        post_url("http://192.0.2.7/token", form={})
    monkeypatch.delenv(sources.LOOPBACK_SWITCH)
    with pytest.raises(SourceError, match="is this computer"):
        post_url(f"{base}/token", form={})
    assert seen.requests == []
