"""A pretend network for the `redirects` fuzz target: a loopback server answering what the
input says, host names resolving to addresses the input picks, and every connection recorded
and kept on this computer (nothing ever leaves it)."""

from __future__ import annotations

import contextlib
import functools
import ipaddress
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# What a fuzzed host name may resolve to: public, private, link-local, shared, loopback.
ADDRESSES = (
    "93.184.216.34",
    "10.0.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "127.0.0.1",
    "::1",
    "fd00::1",
    "::ffff:10.0.0.1",
    "64:ff9b::a00:1",
    "0.0.0.0",
)


class _State:
    answers: list[tuple[int, str, bytes]] = []
    hop = 0


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        answers = _State.answers
        status, location, body = answers[min(_State.hop, len(answers) - 1)]
        _State.hop += 1
        self.send_response(status)
        if location != "-":
            self.send_header("Location", location)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@functools.cache
def _server() -> int:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return int(server.server_address[1])


def _answers(data: bytes) -> list[tuple[int, str, bytes]]:
    """Lines `STATUS LOCATION`; what follows the last line is the body."""
    lines = data.decode("latin-1").split("\n")
    out: list[tuple[int, str, bytes]] = []
    for line in lines[:-1][:8]:
        status, _, location = line.partition(" ")
        ok = status.isascii() and status.isdigit() and len(status) == 3
        code = int(status) if ok and 100 <= int(status) <= 599 else 302
        clean = "".join(c for c in location if 0x20 < ord(c) < 0x7F) or "-"
        out.append((code, clean[:2000], b""))
    out.append((200, "-", lines[-1].encode("latin-1")[:4096]))
    return out


@contextlib.contextmanager
def fake_network(data: bytes) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """(start URL, connections opened) while host names resolve by the input and connections
    to anything but the loopback server are refused before they leave the machine."""
    port = _server()
    _State.answers, _State.hop = _answers(data), 0
    connects: list[tuple[str, int]] = []

    def getaddrinfo(host: Any, port_: Any, *args: Any, **kwargs: Any) -> list[Any]:
        name = host.decode() if isinstance(host, bytes) else str(host)
        try:  # an address is its own answer, as a real resolver gives it
            addr = str(ipaddress.ip_address(name.strip("[]")))
        except ValueError:
            addr = ADDRESSES[sum(name.encode("utf-8", "replace")) % len(ADDRESSES)]
        family = socket.AF_INET6 if ":" in addr else socket.AF_INET
        where = (
            (addr, int(port_ or 0), 0, 0) if family == socket.AF_INET6 else (addr, int(port_ or 0))
        )
        return [(family, socket.SOCK_STREAM, 6, "", where)]

    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> None:
        host, port_ = str(address[0]), int(address[1])
        connects.append((host, port_))
        if host == "127.0.0.1" and port_ == port:
            return real_connect(self, address)
        raise ConnectionRefusedError(f"fuzz network: {host}:{port_} is not reachable")

    saved = socket.getaddrinfo
    socket.getaddrinfo = getaddrinfo  # type: ignore[assignment]
    socket.socket.connect = connect  # type: ignore[method-assign]
    try:
        yield f"http://127.0.0.1:{port}/start", connects
    finally:
        socket.getaddrinfo = saved  # type: ignore[assignment]
        socket.socket.connect = real_connect  # type: ignore[method-assign]


def private(host: str) -> bool:
    """Whether a connection to `host` would reach a private network (not loopback, not the
    internet), however the address is written (IPv4-mapped and NAT64 forms included)."""
    addr: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(host)
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.ipv4_mapped is not None:
            addr = addr.ipv4_mapped
        elif addr in ipaddress.ip_network("64:ff9b::/96"):
            addr = ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return not (addr.is_loopback or (addr.is_global and not addr.is_multicast))
