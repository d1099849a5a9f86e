"""Where credentials come from: files, folders, zip archives, URLs, standard input, pasted text.

Every source is read into memory under a size cap before anything is parsed, so a hostile or
mistaken source (a video, a zip bomb, an endless download) is refused with a plain message
instead of filling memory. URLs are fetched only because the user named them.
"""

from __future__ import annotations

import io
import ipaddress
import lzma
import os
import socket
import sys
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urljoin, urlsplit

MAX_SOURCE_BYTES = 16 * 1024 * 1024  # one credential file; baked images are rarely over 1 MiB
MAX_ARCHIVE_BYTES = 256 * 1024 * 1024  # everything unpacked from one zip
MAX_ARCHIVE_ENTRIES = 20_000
MAX_REDIRECTS = 5
URL_TIMEOUT_S = 15.0


@dataclass
class Item:
    """One candidate credential file, read whole. `label` names it for the user."""

    label: str
    data: bytes


@dataclass
class Failure:
    """A source that could not even be read."""

    label: str
    problem: str


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MiB"


def is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


def read_sources(specs: list[str], *, stdin: BinaryIO | None = None) -> Iterator[Item | Failure]:
    """Expand each spec (path, folder, zip, URL, or '-' for stdin) into readable items."""
    for spec in specs:
        if spec == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(MAX_SOURCE_BYTES + 1)
            if len(data) > MAX_SOURCE_BYTES:
                yield Failure("stdin", f"larger than {_mib(MAX_SOURCE_BYTES)}; not imported")
            else:
                yield from _expand_bytes("stdin", data)
        elif is_url(spec):
            try:
                data = fetch_url(spec)
            except SourceError as e:
                yield Failure(spec, str(e))
            else:
                yield from _expand_bytes(spec, data)
        else:
            yield from _read_path(Path(spec))


class SourceError(Exception):
    """Reading a source failed; the message is fit to show."""


def _read_path(path: Path) -> Iterator[Item | Failure]:
    label = str(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file()
                       and not any(part.startswith(".") for part in p.relative_to(path).parts))
        if not files:
            yield Failure(label, "folder holds no files")
        for f in files:
            yield from _read_path(f)
        return
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        yield Failure(label, "no such file")
        return
    except OSError as e:
        yield Failure(label, f"cannot read: {e.strerror}")
        return
    try:
        with open(path, "rb") as fh:
            if fh.read(4) == b"PK\x03\x04":  # a zip archive, judged by its bytes not its name
                if size > MAX_ARCHIVE_BYTES:
                    yield Failure(label, f"archive is {_mib(size)}, over the "
                                         f"{_mib(MAX_ARCHIVE_BYTES)} limit")
                    return
                fh.seek(0)
                yield from _expand_zip(label, fh)
                return
            if size > MAX_SOURCE_BYTES:
                yield Failure(label, f"file is {_mib(size)}, over the "
                                     f"{_mib(MAX_SOURCE_BYTES)} limit")
                return
            fh.seek(0)
            data = fh.read(MAX_SOURCE_BYTES + 1)
    except OSError as e:
        yield Failure(label, f"cannot read: {e.strerror}")
        return
    yield Item(label, data)


def _expand_bytes(label: str, data: bytes) -> Iterator[Item | Failure]:
    if data[:4] == b"PK\x03\x04":
        yield from _expand_zip(label, io.BytesIO(data))
    else:
        yield Item(label, data)


# What zipfile raises for damaged archives: besides BadZipFile, a forged offset is a ValueError
# (negative seek), a damaged member a zlib / lzma / bz2 error, an unknown method
# NotImplementedError, an encrypted member RuntimeError.
_ZIP_ERRORS = (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError,
               ValueError, zlib.error, lzma.LZMAError)


def _expand_zip(label: str, fh: BinaryIO) -> Iterator[Item | Failure]:
    """Every file in the archive, by name; nothing is written to disk, so names can't escape."""
    try:
        zf = zipfile.ZipFile(fh)
        # an empty name is no file (and makes ZipInfo.is_dir fail)
        infos = [i for i in zf.infolist() if i.filename and not i.is_dir()]
    except _ZIP_ERRORS as e:
        yield Failure(label, f"damaged zip archive ({e})")
        return
    if len(infos) > MAX_ARCHIVE_ENTRIES:
        yield Failure(label, f"zip archive has {len(infos)} files, over the "
                             f"{MAX_ARCHIVE_ENTRIES} limit; nothing imported from it")
        return
    if not infos:
        yield Failure(label, "zip archive holds no files")
        return
    total = 0
    for info in infos:
        name = info.filename
        entry = f"{label}:{name}"
        base = name.rsplit("/", 1)[-1]
        if base.startswith(".") or name.startswith("__MACOSX/"):
            continue
        if info.file_size > MAX_SOURCE_BYTES:
            yield Failure(entry, f"over the {_mib(MAX_SOURCE_BYTES)} limit")
            continue
        try:
            with zf.open(info) as member:
                # Read at most the cap: a forged header cannot make us inflate more than that.
                data = member.read(MAX_SOURCE_BYTES + 1)
        except _ZIP_ERRORS as e:
            yield Failure(entry, f"cannot unpack ({e})")
            continue
        if len(data) > MAX_SOURCE_BYTES:
            yield Failure(entry, f"unpacks to over {_mib(MAX_SOURCE_BYTES)}")
            continue
        total += len(data)
        if total > MAX_ARCHIVE_BYTES:
            yield Failure(label, f"unpacks to over {_mib(MAX_ARCHIVE_BYTES)}; stopped there")
            return
        if data[:4] == b"PK\x03\x04":
            yield Failure(entry, "an archive inside an archive is not imported; unpack it first")
            continue
        yield Item(entry, data)


def _host_is_loopback(host: str) -> bool:
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme == "https":
        pass
    elif parts.scheme == "http":
        if not _host_is_loopback(parts.hostname or ""):
            raise SourceError("plain http is only allowed to this computer (127.0.0.1); "
                              "use https")
    else:
        raise SourceError(f"only https URLs can be imported, not {parts.scheme or 'this'}")
    host = parts.hostname or ""
    if not host:
        raise SourceError("URL has no host")
    if parts.scheme == "https":
        try:
            infos = socket.getaddrinfo(host, parts.port or 443, proto=socket.IPPROTO_TCP)
        except (socket.gaierror, UnicodeError):
            raise SourceError(f"cannot find the host {host}") from None
        for info in infos:
            addr = ipaddress.ip_address(info[4][0])
            if addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved:
                raise SourceError(f"{host} points to a private address; not fetched")


def _read_body(resp: Any, timeout: float, max_bytes: int) -> bytes:
    """The (decoded) body, at most `max_bytes`, within `timeout` seconds in all.

    `requests`' timeout bounds each socket read only, so a server sending a byte every few
    seconds would never time out; reading whatever has arrived (`read1`) and checking a
    deadline between reads stops it. Counting decoded bytes also caps a gzip bomb.
    """
    import urllib3

    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    got = 0
    try:
        while chunk := resp.raw.read1(64 * 1024, decode_content=True):
            got += len(chunk)
            if got > max_bytes:
                raise SourceError(f"download is over the {_mib(max_bytes)} limit")
            if time.monotonic() > deadline:
                raise SourceError(f"the download took longer than {timeout:.0f} s; stopped")
            chunks.append(chunk)
    except (urllib3.exceptions.HTTPError, OSError) as e:
        if isinstance(e, urllib3.exceptions.ReadTimeoutError | TimeoutError):
            raise SourceError(f"no answer within {timeout:.0f} s") from None
        raise SourceError(f"download broke off: {type(e).__name__}") from None
    return b"".join(chunks)


def fetch_url(url: str, *, timeout: float = URL_TIMEOUT_S,
              max_bytes: int = MAX_SOURCE_BYTES) -> bytes:
    """GET a URL the user named: https (or http to loopback), capped size, checked redirects.

    `timeout` bounds connecting, each read, and the whole body."""
    import requests  # imported here: most runs never fetch anything

    session = requests.Session()
    session.trust_env = False  # no proxies from the environment: we check the target ourselves
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        _check_url(current)
        try:
            resp = session.get(current, timeout=timeout, stream=True, allow_redirects=False,
                               headers={"Accept": "application/json, application/ld+json, "
                                        "application/jwt, image/png, image/svg+xml, */*;q=0.5"})
        except requests.exceptions.Timeout:
            raise SourceError(f"no answer within {timeout:.0f} s") from None
        except requests.exceptions.RequestException as e:
            raise SourceError(f"cannot download: {type(e).__name__}") from None
        with resp:
            if resp.is_redirect:
                location = resp.headers.get("Location", "")
                current = urljoin(current, location)
                continue
            if resp.status_code != 200:
                raise SourceError(f"server answered {resp.status_code} {resp.reason}")
            declared = resp.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise SourceError(f"download is {_mib(int(declared))}, over the "
                                  f"{_mib(max_bytes)} limit")
            return _read_body(resp, timeout, max_bytes)
    raise SourceError(f"more than {MAX_REDIRECTS} redirects")


def display_name(label: str) -> str:
    """Short name of a source for lists (file name, or URL as given)."""
    if is_url(label):
        return label
    return os.path.basename(label) or label
