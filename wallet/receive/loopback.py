"""The loopback redirect of a sign-in in the system browser (RFC 8252 sections 7.3 and 8.3).

A desktop app cannot keep a secret and has no web address of its own, so the issuer's sign-in
page sends the learner's browser back to `http://127.0.0.1:<port>/callback`, a listener this
module opens on an ephemeral port for one sign-in only. It listens on 127.0.0.1 alone (never on
every interface), answers exactly one request to /callback (any other path gets a 404 and is
otherwise ignored), then closes; the wait is bounded and can be cancelled. The `state` the
wallet sent must come back unchanged, else the answer is someone else's and is refused. What
the query carries (the code) is handed to the caller and never logged.
"""

from __future__ import annotations

import hmac
import html
import secrets
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from wallet.messages import M, Msg, render
from wallet.receive import ReceiveError

CALLBACK_PATH = "/callback"
MAX_QUERY = 16 * 1024  # characters of the redirect's query (a code, a state, an error)
SIGN_IN_TIMEOUT_S = 600.0  # ten minutes to sign in at the issuer
POLL_S = 0.1  # how often the wait looks at `cancelled`
REQUEST_TIMEOUT_S = 10.0  # an idle connection (a browser's pre-connect) is dropped after this


def _page(text: Msg) -> bytes:
    """The small page the browser shows once it is back, in the reader's language."""
    words = html.escape(render(text))
    return (
        '<!doctype html><html><head><meta charset="utf-8"><title>Learner Wallet</title></head>'
        f"<body><p>{words}</p></body></html>"
    ).encode()


def _too_late(timeout: float) -> Msg:
    minutes = round(timeout / 60)
    if minutes <= 1:
        return M("the sign-in at the issuer did not finish within a minute; nothing was added")
    return M(
        "the sign-in at the issuer did not finish within {minutes} minutes; nothing was added",
        minutes=minutes,
    )


class RedirectListener:
    """One loopback redirect: open it, put `redirect_uri` into the authorization request,
    open the browser, then `wait()` for the answer. Use it as a context manager (closing is
    idempotent)."""

    def __init__(self) -> None:
        self.state = secrets.token_urlsafe(32)  # sent with the request, must come back
        self._answer: dict[str, str] | None = None
        self._taken = threading.Lock()  # the one request to /callback holds it for good
        self._arrived = threading.Event()
        listener = self

        class Handler(BaseHTTPRequestHandler):
            timeout = REQUEST_TIMEOUT_S

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                parts = urlsplit(self.path)
                if parts.path != CALLBACK_PATH or not listener._taken.acquire(blocking=False):
                    self._reply(404, M("Nothing here."))
                    return
                try:
                    answer = dict(
                        parse_qsl(
                            parts.query[:MAX_QUERY], keep_blank_values=True, max_num_fields=20
                        )
                    )
                except ValueError:  # more fields than any answer has: not a sign-in's
                    answer = {}
                ours = hmac.compare_digest(
                    answer.get("state", "").encode(), listener.state.encode()
                )
                done = ours and "code" in answer and "error" not in answer
                try:
                    self._reply(
                        200,
                        M(
                            "You are signed in. You can close this page and go back to "
                            "Learner Wallet."
                        )
                        if done
                        else M(
                            "The sign-in did not finish. You can close this page and go back "
                            "to Learner Wallet."
                        ),
                    )
                finally:
                    listener._answer = answer
                    listener._arrived.set()

            def _reply(self, status: int, text: Msg) -> None:
                body = _page(text)
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.send_header("Referrer-Policy", "no-referrer")
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass  # the query holds the code: never written anywhere

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        self.redirect_uri = f"http://127.0.0.1:{self.port}{CALLBACK_PATH}"
        self._closed = False
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": POLL_S}, daemon=True
        )
        self._thread.start()

    def wait(
        self,
        *,
        timeout: float = SIGN_IN_TIMEOUT_S,
        cancelled: Callable[[], bool] | None = None,
    ) -> dict[str, str]:
        """The redirect's query parameters, once the browser is back with our `state`.

        Raises ReceiveError when the time is up, when `cancelled()` says so, or when the answer
        carries another state (a page that is not this sign-in's). Closes the listener."""
        deadline = time.monotonic() + timeout
        try:
            while not self._arrived.wait(POLL_S):
                if cancelled is not None and cancelled():
                    raise ReceiveError(M("the sign-in was cancelled; nothing was added"))
                if time.monotonic() > deadline:
                    raise ReceiveError(_too_late(timeout))
        finally:
            self.close()
        answer = self._answer or {}
        if not hmac.compare_digest(answer.get("state", "").encode(), self.state.encode()):
            raise ReceiveError(
                M(
                    "the answer from the sign-in page does not belong to this sign-in; "
                    "nothing was added"
                )
            )
        return answer

    def close(self) -> None:
        """Stop listening (the port is free again); idempotent."""
        if self._closed:
            return
        self._closed = True
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> RedirectListener:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
