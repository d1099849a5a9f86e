"""Where credentials come from: files, folders, zip archives, URLs, standard input, pasted text.

Every source is read into memory under a size cap before anything is parsed, so a hostile or
mistaken source (a video, a zip bomb, an endless download) is refused with a plain message
instead of filling memory. URLs are fetched only because the user named them.

`fetch_url` is also the one fetch every online check uses (keys, DID documents, status lists,
hosted badges): the network rules below hold for all of them.
"""

from __future__ import annotations

import functools
import io
import ipaddress
import lzma
import os
import socket
import ssl
import sys
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urljoin, urlsplit

from wallet.messages import M, Msg

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
    """A source that could not even be read: `msg` says why in the reader's language,
    `problem` in English."""

    label: str
    msg: Msg

    @property
    def problem(self) -> str:
        return str(self.msg)


def _mib(n: int) -> int:
    """Bytes as whole MiB, for messages that say "{size} MiB"."""
    return round(n / (1024 * 1024))


def is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


def read_sources(
    specs: list[str], *, stdin: BinaryIO | None = None, allow_loopback: bool = True
) -> Iterator[Item | Failure]:
    """Expand each spec (path, folder, zip, URL, or '-' for stdin) into readable items.

    URLs here are ones the user named, so by default plain http to this computer is allowed
    (a local issuer); pass `allow_loopback=False` for an address the user only approved (one a
    QR code held)."""
    for spec in specs:
        if spec == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(MAX_SOURCE_BYTES + 1)
            if len(data) > MAX_SOURCE_BYTES:
                yield Failure(
                    "stdin",
                    M("larger than {limit} MiB; not imported", limit=_mib(MAX_SOURCE_BYTES)),
                )
            else:
                yield from _expand_bytes("stdin", data)
        elif is_url(spec):
            try:
                data = fetch_url(spec, allow_loopback=allow_loopback)
            except SourceError as e:
                yield Failure(spec, e.msg)
            else:
                yield from _expand_bytes(spec, data)
        else:
            yield from _read_path(Path(spec))


class SourceError(Exception):
    """Reading a source failed; `msg` is fit to show (`str()` and `message` are its English).
    `status`: the HTTP status code when a server answered with something other than the
    document."""

    def __init__(self, msg: Msg, *, status: int | None = None) -> None:
        super().__init__(str(msg))
        self.msg = msg
        self.status = status

    @property
    def message(self) -> str:
        return str(self.msg)


class NoAnswer(SourceError):
    """The server could not be reached or did not answer in time (no HTTP answer at all): a
    check that would ask it again in the same run can say so at once."""


def _read_path(path: Path) -> Iterator[Item | Failure]:
    label = str(path)
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not files:
            yield Failure(label, M("folder holds no files"))
        for f in files:
            yield from _read_path(f)
        return
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        yield Failure(label, M("no such file"))
        return
    except OSError as e:
        yield Failure(label, M("cannot read: {error}", error=str(e.strerror)))
        return
    try:
        with open(path, "rb") as fh:
            archive = fh.read(4) == b"PK\x03\x04"  # a zip, judged by its bytes not its name
            limit = MAX_ARCHIVE_BYTES if archive else MAX_SOURCE_BYTES
            if size > limit:
                yield Failure(label, _too_large(size, limit, archive=archive))
                return
            fh.seek(0)
            if archive:
                yield from _expand_zip(label, fh)
                return
            data = fh.read(MAX_SOURCE_BYTES + 1)
    except OSError as e:
        yield Failure(label, M("cannot read: {error}", error=str(e.strerror)))
        return
    yield Item(label, data)


def _too_large(size: int, limit: int, *, archive: bool) -> Msg:
    """Why a file is refused unread (a whole sentence for each kind, so it translates)."""
    if archive:
        return M(
            "archive is {size} MiB, over the {limit} MiB limit", size=_mib(size), limit=_mib(limit)
        )
    return M("file is {size} MiB, over the {limit} MiB limit", size=_mib(size), limit=_mib(limit))


def _expand_bytes(label: str, data: bytes) -> Iterator[Item | Failure]:
    if data[:4] == b"PK\x03\x04":
        yield from _expand_zip(label, io.BytesIO(data))
    else:
        yield Item(label, data)


# What zipfile raises for damaged archives: besides BadZipFile, a forged offset is a ValueError
# (negative seek), a damaged member a zlib / lzma / bz2 error, an unknown method
# NotImplementedError, an encrypted member RuntimeError.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    OSError,
    EOFError,
    NotImplementedError,
    RuntimeError,
    ValueError,
    zlib.error,
    lzma.LZMAError,
)


_END = b"PK\x05\x06"  # end of central directory record
_END64 = b"PK\x06\x06"  # ZIP64 end record
_END64_LOCATOR = b"PK\x06\x07"
_DIRECTORY_ENTRY = b"PK\x01\x02"


def _u(data: bytes) -> int:
    return int.from_bytes(data, "little")


def _too_many_entries(fh: BinaryIO) -> Msg | None:
    """Why the archive holds too many entries to read, found before zipfile parses anything.

    zipfile builds an object for every entry of the central directory before we could count
    them (a 247 MiB archive of tiny entries took 2 GB and 28 s), and it walks the directory by
    its size, not by the count the end record declares. So the declared count (ZIP64 too) is
    read from the end record first, then the directory's entries are counted, stopping one past
    the cap. None: within the cap, or too damaged to tell (zipfile then names the damage).
    """
    limit = MAX_ARCHIVE_ENTRIES
    try:
        size = fh.seek(0, io.SEEK_END)
        tail_size = min(size, 22 + 0xFFFF)  # the end record and the longest archive comment
        fh.seek(size - tail_size)
        tail = fh.read(tail_size)
        at = tail.rfind(_END)
        if at < 0 or len(tail) - at < 22:
            return None
        end = tail[at : at + 22]
        location = size - tail_size + at
        entries, dir_size = _u(end[10:12]), _u(end[12:16])
        dir_start = location - dir_size
        if 0xFFFF in (entries, _u(end[8:10])) or 0xFFFFFFFF in (dir_size, _u(end[16:20])):
            if location >= 76:
                fh.seek(location - 76)
                record = fh.read(76)
                if record[:4] == _END64 and record[56:60] == _END64_LOCATOR:
                    entries, dir_size = _u(record[32:40]), _u(record[40:48])
                    dir_start = location - 76 - dir_size
        if entries > limit:
            return M(
                "zip archive lists {entries} entries, over the {limit} limit; "
                "nothing imported from it",
                entries=f"{entries:,}",
                limit=f"{limit:,}",
            )
        if dir_start < 0:
            return None
        fh.seek(dir_start)
        counted = walked = 0
        while walked < dir_size:
            head = fh.read(46)
            if len(head) < 46 or head[:4] != _DIRECTORY_ENTRY:
                return None
            skip = _u(head[28:30]) + _u(head[30:32]) + _u(head[32:34])
            fh.seek(skip, io.SEEK_CUR)
            walked += 46 + skip
            counted += 1
            if counted > limit:
                return M(
                    "zip archive lists more than {limit} entries, over the {limit} limit; "
                    "nothing imported from it",
                    limit=f"{limit:,}",
                )
    except (OSError, ValueError):
        return None
    finally:
        try:
            fh.seek(0)
        except (OSError, ValueError):
            pass
    return None


def _expand_zip(label: str, fh: BinaryIO) -> Iterator[Item | Failure]:
    """Every file in the archive, by name; nothing is written to disk, so names can't escape."""
    problem = _too_many_entries(fh)
    if problem is not None:
        yield Failure(label, problem)
        return
    try:
        zf = zipfile.ZipFile(fh)
        # an empty name is no file (and makes ZipInfo.is_dir fail)
        infos = [i for i in zf.infolist() if i.filename and not i.is_dir()]
    except _ZIP_ERRORS as e:
        yield Failure(label, M("damaged zip archive ({error})", error=str(e)))
        return
    if len(infos) > MAX_ARCHIVE_ENTRIES:
        yield Failure(
            label,
            M(
                "zip archive has {count} files, over the {limit} limit; nothing imported from it",
                count=len(infos),
                limit=MAX_ARCHIVE_ENTRIES,
            ),
        )
        return
    if not infos:
        yield Failure(label, M("zip archive holds no files"))
        return
    total = 0
    for info in infos:
        name = info.filename
        entry = f"{label}:{name}"
        base = name.rsplit("/", 1)[-1]
        if base.startswith(".") or name.startswith("__MACOSX/"):
            continue
        if info.file_size > MAX_SOURCE_BYTES:
            yield Failure(entry, M("over the {limit} MiB limit", limit=_mib(MAX_SOURCE_BYTES)))
            continue
        try:
            with zf.open(info) as member:
                # Read at most the cap: a forged header cannot make us inflate more than that.
                data = member.read(MAX_SOURCE_BYTES + 1)
        except _ZIP_ERRORS as e:
            yield Failure(entry, M("cannot unpack ({error})", error=str(e)))
            continue
        if len(data) > MAX_SOURCE_BYTES:
            yield Failure(entry, M("unpacks to over {limit} MiB", limit=_mib(MAX_SOURCE_BYTES)))
            continue
        total += len(data)
        if total > MAX_ARCHIVE_BYTES:
            yield Failure(
                label,
                M("unpacks to over {limit} MiB; stopped there", limit=_mib(MAX_ARCHIVE_BYTES)),
            )
            return
        if data[:4] == b"PK\x03\x04":
            yield Failure(entry, M("an archive inside an archive is not imported; unpack it first"))
            continue
        yield Item(entry, data)


# --- the network: one fetch for every online check and URL import ------------------------------
#
# The rules (docs/security.md): https only, to public addresses; plain http only to this computer
# (127.0.0.1, ::1, localhost), and only when the caller allows it: an address the user named (a
# URL import, `verify URL`), or, for addresses named inside a credential (keys, DID documents,
# status lists, hosted badges), only under the LOOPBACK_SWITCH environment setting that tests and
# local development use. Every redirect hop is checked again, and a hop may reach this computer
# only if every hop before it was on this computer (a public server cannot send us to 127.0.0.1).
# A host name is resolved once, every address it gives is checked, and the connection is made to
# a checked address (TLS still verifies the certificate for the name), so a name that answers
# public to the check and 127.0.0.1 to the connection (DNS rebinding) cannot reach loopback.

LOOPBACK_SWITCH = "LEARNER_WALLET_ALLOW_LOOPBACK"  # "1": tests and local development only
MAX_ADDRESSES = 8  # addresses of one name tried in turn when connecting
_REDIRECTS = (301, 302, 303, 307, 308)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_ACCEPT = (
    "application/json, application/ld+json, application/jwt, image/png, image/svg+xml, */*;q=0.5"
)

_Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def loopback_switch_on() -> bool:
    """True when the test / local-development switch lets credential-named URLs reach 127.0.0.1."""
    return os.environ.get(LOOPBACK_SWITCH, "").strip() == "1"


def _embedded_v4(addr: _Address) -> _Address:
    """The IPv4 address an IPv6 address stands for (mapped, NAT64, 6to4), else itself."""
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.ipv4_mapped is not None:
            return addr.ipv4_mapped
        if addr in _NAT64:
            return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
        if addr.sixtofour is not None:
            return addr.sixtofour
    return addr


def _is_loopback(addr: _Address) -> bool:
    return _embedded_v4(addr).is_loopback


def _is_public(addr: _Address) -> bool:
    """An address on the internet: not loopback, private, link-local, shared (100.64/10),
    multicast, reserved or unspecified, however it is written."""
    a = _embedded_v4(addr)
    return a.is_global and not (
        a.is_multicast or a.is_reserved or a.is_unspecified or a.is_link_local or a.is_loopback
    )


@dataclass
class _Target:
    """One hop, checked: where to connect and what to ask for."""

    scheme: str
    host: str  # ASCII (IDNA) host name or IP literal, for TLS and the Host header
    port: int
    path: str
    addresses: list[_Address]
    loopback: bool  # every address is on this computer


def _resolve(host: str, port: int) -> list[_Address]:
    """Every address of `host`, looked up once (an IP literal is its own answer)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise SourceError(M("cannot find the host {host}", host=host)) from None
    found: list[_Address] = []
    for info in infos:
        if info[0] not in (socket.AF_INET, socket.AF_INET6):
            continue
        try:
            addr = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        except ValueError:
            continue
        if addr not in found:
            found.append(addr)
    if not found:
        raise SourceError(M("cannot find the host {host}", host=host))
    return found


def _target(url: str, may_loopback: bool, redirected: bool, plain_http: bool = False) -> _Target:
    """Check one hop against the rules; raises SourceError naming what is wrong.
    `plain_http`: http to a public address is allowed too (legacy hosted badges, when the
    learner asks for an online check), under the rules https has."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise SourceError(M("not a valid address: {address}", address=url[:100])) from None
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        if parts.scheme:
            raise SourceError(
                M("only https addresses can be fetched, not {scheme}", scheme=parts.scheme)
            )
        raise SourceError(M("only https addresses can be fetched, not this"))
    name = parts.hostname or ""
    if not name:
        raise SourceError(M("the address has no host"))
    try:
        host = name.encode("idna").decode("ascii") if not name.isascii() else name
    except UnicodeError:
        raise SourceError(M("cannot find the host {host}", host=name)) from None
    literal = None
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        pass
    if (
        scheme == "http"
        and not plain_http
        and not (host == "localhost" or (literal is not None and _is_loopback(literal)))
    ):
        raise SourceError(M("plain http is only allowed to this computer (127.0.0.1); use https"))
    port = port or (443 if scheme == "https" else 80)
    addresses = _resolve(host, port)
    loopback = all(_is_loopback(a) for a in addresses)
    public_only = scheme == "https" or (plain_http and not loopback)
    if public_only and not all(_is_public(a) for a in addresses):
        raise SourceError(M("{host} points to a private address; not fetched", host=host))
    if scheme == "http" and not plain_http and not loopback:
        raise SourceError(
            M(
                "{host} is not this computer; plain http is only allowed to this "
                "computer (127.0.0.1); use https",
                host=host,
            )
        )
    if loopback and not may_loopback:
        if redirected:
            raise SourceError(
                M("the server redirected to this computer ({host}); refused", host=host)
            )
        raise SourceError(
            M(
                "{host} is this computer: an address named inside a credential is "
                "not fetched from this computer",
                host=host,
            )
        )
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return _Target(scheme, host, port, path, addresses[:MAX_ADDRESSES], loopback)


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """Certificates checked against certifi's roots (as `requests` did), TLS 1.2 or later."""
    try:
        import certifi
    except ImportError:  # pragma: no cover - certifi comes with requests
        context = ssl.create_default_context()
    else:
        context = ssl.create_default_context(cafile=certifi.where())
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def _host_header(target: _Target) -> str:
    host = f"[{target.host}]" if ":" in target.host else target.host
    default = 443 if target.scheme == "https" else 80
    return host if target.port == default else f"{host}:{target.port}"


def _connect_error(e: BaseException, target: _Target, timeout: float) -> SourceError:
    import urllib3

    if isinstance(e, urllib3.exceptions.SSLError | ssl.SSLError):
        return SourceError(
            M(
                "cannot download: the secure connection to {host} failed "
                "(its certificate could not be verified)",
                host=target.host,
            )
        )
    if isinstance(e, urllib3.exceptions.NewConnectionError):
        return NoAnswer(M("cannot download: {host} cannot be reached", host=target.host))
    if isinstance(e, urllib3.exceptions.TimeoutError | TimeoutError):
        return NoAnswer(M("no answer within {seconds} s", seconds=float(timeout)))
    return NoAnswer(M("cannot download: {error}", error=type(e).__name__))


def _open(
    target: _Target,
    timeout: float,
    method: str = "GET",
    body: bytes | None = None,
    extra: dict[str, str] | None = None,
) -> tuple[Any, Any]:
    """(pool, response) from the first checked address that answers; the connection goes to
    that address, never to a fresh look-up of the name. `extra`: headers added to ours."""
    import urllib3

    limits = urllib3.Timeout(connect=timeout, read=timeout)
    headers = {
        "Host": _host_header(target),
        "Accept": _ACCEPT,
        "Accept-Encoding": "gzip, deflate",
        "User-Agent": "LearnerWallet",
        "Connection": "close",
        **(extra or {}),
    }
    failure: BaseException | None = None
    for addr in target.addresses:
        pool: Any
        if target.scheme == "https":
            pool = urllib3.HTTPSConnectionPool(
                str(addr),
                target.port,
                timeout=limits,
                retries=False,
                maxsize=1,
                server_hostname=target.host,
                ssl_context=_tls_context(),
            )
        else:
            pool = urllib3.HTTPConnectionPool(
                str(addr), target.port, timeout=limits, retries=False, maxsize=1
            )
        try:
            resp = pool.urlopen(
                method,
                target.path,
                body=body,
                headers=headers,
                redirect=False,
                retries=False,
                preload_content=False,
                decode_content=True,
                assert_same_host=False,
            )
        except urllib3.exceptions.NewConnectionError as e:  # nothing sent: try the next one
            pool.close()
            failure = e
            continue
        except (urllib3.exceptions.HTTPError, OSError, ValueError) as e:
            pool.close()
            raise _connect_error(e, target, timeout) from None
        return pool, resp
    assert failure is not None
    raise _connect_error(failure, target, timeout) from None


def _read_body(resp: Any, timeout: float, max_bytes: int) -> bytes:
    """The (decoded) body, at most `max_bytes`, within `timeout` seconds in all.

    A body that declares itself larger (Content-Length) is refused before any of it is read.
    A read timeout bounds each socket read only, so a server sending a byte every few seconds
    would never time out; reading whatever has arrived (`read1`) and checking a deadline between
    reads stops it. Counting decoded bytes also caps a gzip bomb.
    """
    import urllib3

    declared = resp.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise SourceError(
            M(
                "download is {size} MiB, over the {limit} MiB limit",
                size=_mib(int(declared)),
                limit=_mib(max_bytes),
            )
        )
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    got = 0
    try:
        while chunk := resp.read1(64 * 1024, decode_content=True):
            got += len(chunk)
            if got > max_bytes:
                raise SourceError(
                    M("download is over the {limit} MiB limit", limit=_mib(max_bytes))
                )
            if time.monotonic() > deadline:
                raise NoAnswer(
                    M(
                        "the download took longer than {seconds} s; stopped",
                        seconds=float(timeout),
                    )
                )
            chunks.append(chunk)
    except (urllib3.exceptions.HTTPError, OSError) as e:
        if isinstance(e, urllib3.exceptions.ReadTimeoutError | TimeoutError):
            raise SourceError(M("no answer within {seconds} s", seconds=float(timeout))) from None
        raise SourceError(M("download broke off: {error}", error=type(e).__name__)) from None
    return b"".join(chunks)


def fetch_url(
    url: str,
    *,
    timeout: float = URL_TIMEOUT_S,
    max_bytes: int = MAX_SOURCE_BYTES,
    allow_loopback: bool = False,
    accept: str | None = None,
    plain_http: bool = False,
) -> bytes:
    """GET a URL under the network rules above: the one fetch every online check uses.
    `accept`: the media types wanted, where the usual list (JSON, JWTs, images) is not.
    `plain_http`: http to public addresses too (a legacy hosted badge's own addresses, which
    the caller then judges as unprotected); never to private ones.

    `allow_loopback`: the user named this address (plain http to this computer is then fine);
    leave it False for anything named inside a credential. `timeout` bounds connecting, each
    read, and the whole body. A refused or failed fetch raises SourceError (with `status` set
    when the server answered, e.g. 410 for a revoked hosted badge)."""
    may_loopback = allow_loopback or loopback_switch_on()
    current = url
    for hop in range(MAX_REDIRECTS + 1):
        target = _target(current, may_loopback, redirected=hop > 0, plain_http=plain_http)
        may_loopback = may_loopback and target.loopback
        pool, resp = _open(target, timeout, extra={"Accept": accept} if accept else None)
        try:
            location = resp.headers.get("Location")
            if resp.status in _REDIRECTS and location:
                try:
                    current = urljoin(current, location.strip())
                except ValueError:  # e.g. "http://[;:1]/": not an address at all
                    raise SourceError(
                        M(
                            "the server redirected to something that is not an address: {location}",
                            location=repr(location[:100]),
                        )
                    ) from None
                continue
            if resp.status != 200:
                reason = str(resp.reason or "").strip()
                answered = (
                    M("server answered {status} {reason}", status=resp.status, reason=reason)
                    if reason
                    else M("server answered {status}", status=resp.status)
                )
                raise SourceError(answered, status=resp.status)
            return _read_body(resp, timeout, max_bytes)
        finally:
            resp.release_conn()
            resp.close()
            pool.close()
    raise SourceError(M("more than {count} redirects", count=MAX_REDIRECTS))


@dataclass(frozen=True)
class Answer:
    """A server's answer to a POST, whatever its status (an OAuth error is a 400 with JSON)."""

    status: int
    content_type: str
    body: bytes


def post_url(
    url: str,
    *,
    form: dict[str, str] | None = None,
    json_body: Any = None,
    headers: dict[str, str] | None = None,
    timeout: float = URL_TIMEOUT_S,
    max_bytes: int = MAX_SOURCE_BYTES,
    allow_loopback: bool = False,
) -> Answer:
    """POST a form or a JSON body under the same network rules as `fetch_url` (one checked
    hop: a redirect is refused, so what the request carries, a code or a token, never goes
    anywhere the caller did not name). `headers` (e.g. Authorization) are sent as given and
    never appear in a message."""
    import json
    from urllib.parse import urlencode

    if form is not None:
        body, kind = urlencode(form).encode("ascii"), "application/x-www-form-urlencoded"
    else:
        body, kind = json.dumps(json_body).encode("utf-8"), "application/json"
    target = _target(url, allow_loopback or loopback_switch_on(), redirected=False)
    extra = {"Content-Type": kind, "Accept": "application/json", **(headers or {})}
    pool, resp = _open(target, timeout, "POST", body, extra)
    try:
        if resp.status in _REDIRECTS:
            raise SourceError(
                M("{host} answered with a redirect; nothing more was sent", host=target.host),
                status=resp.status,
            )
        data = _read_body(resp, timeout, max_bytes)
        return Answer(resp.status, str(resp.headers.get("Content-Type", "")), data)
    finally:
        resp.release_conn()
        resp.close()
        pool.close()


def display_name(label: str) -> str:
    """Short name of a source for lists (file name, or URL as given)."""
    if is_url(label):
        return label
    return os.path.basename(label) or label
