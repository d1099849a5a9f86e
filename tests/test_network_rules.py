"""The network rules every online fetch obeys (wallet/sources.py fetch_url), issue 13 item 11.

A stranger's credential names URLs; an online check fetches them. None of those fetches may
reach this computer or the local network: not by naming it, not by a redirect from a public
server, not by a host name that answers public to the check and loopback to the connection
(DNS rebinding). Plain http to 127.0.0.1 is for addresses the user names (a local issuer) and,
for credential-named addresses, only under the test / local-development switch.

"Public" servers are simulated: socket.getaddrinfo answers a public address for a test host
name, and socket.socket.connect carries connections to that address to a TLS server on
127.0.0.1 whose certificate (from a test CA the fetch is told to trust) names the host.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from wallet import cli, sources
from wallet.sources import SourceError, fetch_url, read_sources
from wallet.verify.context import MemoryCache, VerifyContext
from wallet.verify.report import STATUS, UNKNOWN

PUBLIC_IP = "93.184.216.34"  # a global address; never actually reached (see `net` below)
NAMES = ("issuer.example", "rebind.example")


# --- a simulated internet ----------------------------------------------------------------------


def _tls_files(tmp: Path) -> tuple[Path, Path, Path]:
    """(CA certificate, server certificate, server key) for the test host names."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(1)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, NAMES[0])]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(2)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName(n) for n in NAMES]), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    paths = tmp / "ca.pem", tmp / "server.pem", tmp / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


def _server(
    routes: dict[str, tuple[int, dict[str, str], bytes]],
    hits: list[str],
    tls: ssl.SSLContext | None = None,
) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802  (http.server's name)
            hits.append(self.path)
            status, headers, body = routes.get(self.path, (404, {}, b"not here"))
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    return httpd


@dataclass
class Net:
    """What the simulated network saw: every address a connection was asked for."""

    public: dict[str, tuple[int, dict[str, str], bytes]]  # routes of the "public" TLS server
    local: dict[str, tuple[int, dict[str, str], bytes]]  # routes of a plain server on loopback
    local_url: str
    local_hits: list[str] = field(default_factory=list)
    public_hits: list[str] = field(default_factory=list)
    connects: list[tuple[str, int]] = field(default_factory=list)
    lookups: list[str] = field(default_factory=list)
    answers: dict[str, list[str]] = field(default_factory=dict)  # host -> IP per lookup


@pytest.fixture
def net(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Net]:
    ca, cert, key = _tls_files(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    public_hits: list[str] = []
    local_hits: list[str] = []
    public: dict[str, tuple[int, dict[str, str], bytes]] = {}
    local: dict[str, tuple[int, dict[str, str], bytes]] = {}
    tls_httpd = _server(public, public_hits, server_tls)
    plain_httpd = _server(local, local_hits)
    tls_port = tls_httpd.server_address[1]
    state = Net(
        public, local, f"http://127.0.0.1:{plain_httpd.server_address[1]}", local_hits, public_hits
    )

    real_lookup = socket.getaddrinfo
    real_connect = socket.socket.connect  # the suite's guard: loopback only

    def lookup(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host in NAMES or host in state.answers:
            state.lookups.append(host)
            queue = state.answers.get(host) or [PUBLIC_IP]
            ip = queue.pop(0) if len(queue) > 1 else queue[0]
            family = socket.AF_INET6 if ":" in ip else socket.AF_INET
            address = (
                (ip, int(port or 0)) if family == socket.AF_INET else (ip, int(port or 0), 0, 0)
            )
            return [(family, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", address)]
        return real_lookup(host, port, *args, **kwargs)

    def connect(self: socket.socket, address: Any) -> Any:
        if isinstance(address, tuple):
            state.connects.append((address[0], address[1]))
            if address[0] == PUBLIC_IP and address[1] == 443:
                return real_connect(self, ("127.0.0.1", tls_port))
        return real_connect(self, address)

    client_tls = ssl.create_default_context(cafile=str(ca))
    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(sources, "_tls_context", lambda: client_tls)
    yield state
    for httpd in (tls_httpd, plain_httpd):
        httpd.shutdown()
        httpd.server_close()


# --- the simulation itself works: a public https server is fetched, its name checked -----------


def test_a_public_https_server_is_fetched_with_its_certificate_checked(net: Net) -> None:
    net.public["/badge.json"] = (200, {}, b'{"ok": true}')
    assert fetch_url("https://issuer.example/badge.json") == b'{"ok": true}'
    assert net.connects == [(PUBLIC_IP, 443)]
    net.answers["impostor.example"] = [PUBLIC_IP]  # same server, a name its certificate lacks
    with pytest.raises(SourceError, match="certificate"):
        fetch_url("https://impostor.example/badge.json")


# --- redirects ---------------------------------------------------------------------------------


@pytest.mark.parametrize("allow_loopback", [False, True])
def test_a_redirect_from_a_public_server_to_this_computer_is_refused(
    net: Net, allow_loopback: bool
) -> None:
    """Even where loopback may be reached (an address the user named, or the test switch),
    a public server cannot send the wallet there."""
    net.local["/secret"] = (200, {}, b"local admin page")
    for target in (
        f"{net.local_url}/secret",
        "http://localhost:9/secret",
        "https://127.0.0.1/secret",
        "http://[::1]:9/secret",
    ):
        net.public["/go"] = (302, {"Location": target}, b"")
        with pytest.raises(SourceError, match="this computer|private address"):
            fetch_url("https://issuer.example/go", allow_loopback=allow_loopback)
    assert net.local_hits == []
    assert all(host == PUBLIC_IP for host, _ in net.connects)


def test_a_redirect_to_a_private_address_is_refused(net: Net) -> None:
    net.answers["intranet.example"] = ["10.1.2.3"]
    for target in (
        "https://intranet.example/x",
        "https://169.254.169.254/latest",
        "https://[::ffff:10.0.0.1]/x",
        "https://100.64.0.1/x",
    ):
        net.public["/go"] = (302, {"Location": target}, b"")
        with pytest.raises(SourceError, match="private address"):
            fetch_url("https://issuer.example/go")
    assert all(host == PUBLIC_IP for host, _ in net.connects)


# --- DNS rebinding -----------------------------------------------------------------------------


def test_dns_rebinding_cannot_reach_loopback(net: Net) -> None:
    """The name answers public when checked and 127.0.0.1 afterwards: the connection goes to the
    address that was checked, and the name is looked up once."""
    net.answers["rebind.example"] = [PUBLIC_IP, "127.0.0.1", "127.0.0.1", "127.0.0.1"]
    net.public["/key.json"] = (200, {}, b'{"from": "the public server"}')
    got = fetch_url("https://rebind.example/key.json")
    assert got == b'{"from": "the public server"}'
    assert net.connects == [(PUBLIC_IP, 443)]
    assert net.lookups == ["rebind.example"]
    assert net.public_hits == ["/key.json"]


def test_a_name_that_resolves_to_loopback_is_refused(net: Net) -> None:
    net.answers["sneaky.example"] = ["127.0.0.1"]
    net.answers["sneaky6.example"] = ["::1"]
    for url in ("https://sneaky.example/x", "https://sneaky6.example/x"):
        with pytest.raises(SourceError, match="private address"):
            fetch_url(url)
    assert net.connects == []


@pytest.mark.parametrize(
    "url",
    [
        "https://100.64.0.7/x",
        "https://0.0.0.0/x",
        "https://[::ffff:127.0.0.1]/x",
        "https://224.0.0.1/x",
        "https://[fe80::1]/x",
        "https://[fd00::1]/x",
    ],
)
def test_special_addresses_are_refused_before_connecting(
    url: str, block_all_sockets: list[object]
) -> None:
    with pytest.raises(SourceError, match="private address"):
        fetch_url(url)
    assert block_all_sockets == []


# --- loopback: only for the user's own addresses, or under the test switch ---------------------


def test_loopback_needs_the_user_or_the_switch(net: Net, monkeypatch: pytest.MonkeyPatch) -> None:
    net.local["/b.json"] = (200, {}, b"{}")
    url = f"{net.local_url}/b.json"
    monkeypatch.delenv(sources.LOOPBACK_SWITCH, raising=False)
    for named in (url, "http://localhost:9/b.json", "http://[::1]:9/b.json"):
        with pytest.raises(SourceError, match="this computer"):
            fetch_url(named)  # named inside a credential
    assert net.local_hits == []
    assert fetch_url(url, allow_loopback=True) == b"{}"  # named by the user
    assert list(read_sources([url]))[0] == sources.Item(url, b"{}")  # an import the user asked
    monkeypatch.setenv(sources.LOOPBACK_SWITCH, "1")
    assert fetch_url(url) == b"{}"  # tests and local development


def test_verify_online_does_not_fetch_a_loopback_status_list_named_by_a_credential(
    net: Net, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`verify --online` on a credential whose statusListCredential is on 127.0.0.1: with the
    switch off nothing is fetched and the status is unknown, naming why."""
    from verify.test_status import bitstring, list_credential, multibase_gzip
    from verify.test_verify_cli import ISSUER, micro

    url = f"{net.local_url}/status/1"
    net.local["/status/1"] = (
        200,
        {},
        json.dumps(list_credential(url, multibase_gzip(bitstring({5})), issuer=ISSUER)).encode(),
    )
    entry = {
        "id": f"{url}#5",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "5",
        "statusListCredential": url,
    }
    path = tmp_path / "revoked.json"
    path.write_text(json.dumps(micro("Revoked Unit", entry)))
    monkeypatch.delenv(sources.LOOPBACK_SWITCH, raising=False)
    out = io.StringIO()
    cli.main(["verify", str(path), "--online", "--json", "--at", "2026-11-22T12:00:00Z"], out=out)
    report = json.loads(out.getvalue())
    status = next(c for c in report["checks"] if c["id"] == STATUS)
    assert net.local_hits == []
    assert status["status"] == UNKNOWN and "this computer" in status["message"]

    # the same list through the default fetcher of a verification context
    ctx = VerifyContext(online=True, cache=MemoryCache())
    with pytest.raises(SourceError, match="this computer"):
        ctx.fetch("status", url)
    assert net.local_hits == []
