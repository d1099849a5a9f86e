"""Legacy Open Badges hosted on plain http:// (issue 18).

Many OB 1.0/2.0 issuers published their assertions on plain http and never moved. The wallet
used to refuse to fetch them ("use https"), so such a badge could never be confirmed, whatever
the learner did. Now an online check (only when the learner asks for one) fetches them, and at
best says "checked over an unprotected connection": a warning, never verified, because anyone
on the way could have changed what the server sent. Offline nothing is fetched.

The issuer's "public" http site is simulated: socket.getaddrinfo answers a public address for
its host name, and connections to that address on port 80 are carried to a plain HTTP server on
127.0.0.1. Everything goes through the wallet's real fetch (wallet/sources.py fetch_url), so the
network rules are the real ones: a plain-http name that points to a private address is refused.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest

from wallet import formats
from wallet.sources import SourceError, fetch_url
from wallet.verify.context import MemoryCache, VerifyContext
from wallet.verify.report import (
    FAIL,
    FAILED,
    ISSUER,
    PASS,
    PROOF,
    UNKNOWN,
    UNKNOWN_VERDICT,
    WARN,
    WARNING,
    Report,
)
from wallet.verify.verifier import verify_parsed

PUBLIC_IP = "93.184.216.34"  # a global address; never reached (see `site` below)
PRIVATE_IP = "10.0.0.5"
HOST = "badges.example.org"
SITE = f"http://{HOST}"
ISSUER_URL = f"{SITE}/issuer"
BADGE_URL = f"{SITE}/badges/first-aid"
ASSERTION_URL = f"{SITE}/assertions/77"
OB2 = "https://w3id.org/openbadges/v2"
AT = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)


@dataclass
class Site:
    """The issuer's http site: documents by path, and every request it got."""

    routes: dict[str, bytes] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)
    connects: list[tuple[str, int]] = field(default_factory=list)

    def publish(self, url: str, doc: dict[str, Any]) -> None:
        self.routes[urlsplit(url).path] = json.dumps(doc).encode()


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802  (http.server's name)
            state.hits.append(self.path)
            body = state.routes.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    port = httpd.server_address[1]
    real_lookup = socket.getaddrinfo
    real_connect = socket.socket.connect  # the suite's guard: loopback only
    answers = {HOST: PUBLIC_IP, "intranet.example.org": PRIVATE_IP}

    def lookup(host: Any, p: Any, *args: Any, **kwargs: Any) -> Any:
        if host in answers:
            address = (answers[host], int(p or 0))
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", address)]
        return real_lookup(host, p, *args, **kwargs)

    def connect(self: socket.socket, address: Any) -> Any:
        if isinstance(address, tuple):
            state.connects.append((address[0], address[1]))
            if address == (PUBLIC_IP, 80):
                return real_connect(self, ("127.0.0.1", port))
        return real_connect(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    monkeypatch.setattr(socket.socket, "connect", connect)
    yield state
    httpd.shutdown()
    httpd.server_close()


def assertion() -> dict[str, Any]:
    return {
        "@context": OB2,
        "type": "Assertion",
        "id": ASSERTION_URL,
        "recipient": {"type": "email", "hashed": True, "identity": "sha256$" + "c7" * 32},
        "badge": BADGE_URL,
        "issuedOn": "2016-03-05T10:00:00Z",
        "verification": {"type": "hosted"},
    }


def badge_class() -> dict[str, Any]:
    return {
        "@context": OB2,
        "type": "BadgeClass",
        "id": BADGE_URL,
        "name": "Certificate in First Aid",
        "description": "Can give first aid in a workplace.",
        "image": f"{SITE}/badges/first-aid.png",
        "criteria": {"narrative": "Pass the practical assessment."},
        "issuer": ISSUER_URL,
    }


def issuer() -> dict[str, Any]:
    return {"@context": OB2, "type": "Issuer", "id": ISSUER_URL, "name": "Example Trust"}


def learners_copy() -> dict[str, Any]:
    held = assertion()
    held["badge"] = {**badge_class(), "issuer": issuer()}
    return held


def publish(site: Site, badge: dict[str, Any] | None = None) -> None:
    site.publish(ASSERTION_URL, assertion())
    site.publish(BADGE_URL, badge or badge_class())
    site.publish(ISSUER_URL, issuer())


def verify(ctx: VerifyContext) -> Report:
    ctx.trusted_issuers = frozenset({ISSUER_URL})  # trusted: only the connection holds it back
    return verify_parsed(formats.parse(json.dumps(learners_copy()).encode()), ctx, "badge.json")


def proof_of(report: Report) -> Any:
    return next(c for c in report.checks if c.id == PROOF)


def test_an_online_check_fetches_it_and_warns_of_the_unprotected_connection(site: Site) -> None:
    publish(site)
    report = verify(VerifyContext(at=AT, online=True))
    assert proof_of(report).status == PASS  # the copy is what the site sent...
    warning = next(c for c in report.checks if c.status == WARN)
    assert warning.id == ISSUER  # ...but whether the issuer sent it, plain http cannot tell
    assert str(warning.msg).startswith("checked over an unprotected connection")
    assert ASSERTION_URL in str(warning.msg)
    assert report.verdict == WARNING  # never verified, even from a trusted issuer
    assert site.hits == ["/assertions/77", "/badges/first-aid", "/issuer"]
    assert set(site.connects) == {(PUBLIC_IP, 80)}


def test_offline_nothing_is_fetched_and_nothing_is_confirmed(site: Site) -> None:
    publish(site)
    report = verify(VerifyContext(at=AT, online=False))
    assert proof_of(report).status == UNKNOWN
    assert report.verdict == UNKNOWN_VERDICT
    assert site.hits == [] and site.connects == []


def test_offline_after_an_online_check_it_is_still_not_verified(site: Site) -> None:
    publish(site)
    cache = MemoryCache()
    verify(VerifyContext(at=AT, online=True, cache=cache))
    site.hits.clear()
    report = verify(VerifyContext(at=AT, online=False, cache=cache))
    assert report.verdict in (WARNING, UNKNOWN_VERDICT)
    assert site.hits == []


def test_a_copy_that_differs_from_what_the_site_sends_still_fails(site: Site) -> None:
    publish(site, badge={**badge_class(), "name": "Master of Nursing Science"})
    report = verify(VerifyContext(at=AT, online=True))
    assert proof_of(report).status == FAIL
    assert report.verdict == FAILED


def test_plain_http_is_fetched_only_when_asked_for_and_never_to_a_private_address(
    site: Site,
) -> None:
    site.routes["/x"] = b"{}"
    with pytest.raises(SourceError, match="use https"):
        fetch_url(f"{SITE}/x")  # an import of a URL, say: the rule is unchanged
    assert fetch_url(f"{SITE}/x", plain_http=True) == b"{}"
    with pytest.raises(SourceError, match="private address"):
        fetch_url("http://intranet.example.org/x", plain_http=True)
    assert (PRIVATE_IP, 80) not in site.connects
