"""What every check needs to know: when, whether it may go online, and where cached data lives.

Offline is the default and the rule: nothing named inside a credential is fetched unless the
user asked for an online check (`online=True`). Online results are written to the cache so
that later offline checks can use them, and say how old they are.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from wallet.messages import Arg, M, Msg
from wallet.proofs.contexts import DocumentLoader, document_loader
from wallet.store.checks import CachedDocument
from wallet.store.registries import Listing
from wallet.verify.checks import parse_time

# Cache kinds.
DID_DOCUMENT = "did"  # did:web documents, by DID
KEY_DOCUMENT = "key"  # HTTPS verification-method / key / OB 2.0 profile documents, by URL
STATUS_LIST = "status"  # status / revocation list credentials, by URL
JWT_ISSUER = "jwt-issuer"  # SD-JWT VC issuer metadata (.well-known/jwt-vc-issuer), by issuer
HOSTED = "hosted"  # OB 2.0 hosted assertions confirmed online, by URL


class Cache(Protocol):
    """Fetched documents kept for offline use (the wallet store, or MemoryCache for one run)."""

    def cache_get(self, kind: str, key: str) -> CachedDocument | None:
        """The document and when it was fetched, or None."""

    def cache_put(self, kind: str, key: str, data: bytes, fetched_at: str) -> None: ...


class Memo(Protocol):
    """Proof results by content, so that re-verifying unchanged content is cheap."""

    def memo_get(self, key: str) -> bytes | None: ...

    def memo_put(self, key: str, outcome: bytes) -> None: ...


class MemoryCache:
    """Cache and memo for one run (an employer verifying files without a wallet)."""

    def __init__(self) -> None:
        self._d: dict[tuple[str, str], CachedDocument] = {}
        self._memo: dict[str, bytes] = {}

    def cache_get(self, kind: str, key: str) -> CachedDocument | None:
        return self._d.get((kind, key))

    def cache_put(self, kind: str, key: str, data: bytes, fetched_at: str) -> None:
        self._d[(kind, key)] = CachedDocument(data, fetched_at)

    def memo_get(self, key: str) -> bytes | None:
        return self._memo.get(key)

    def memo_put(self, key: str, outcome: bytes) -> None:
        self._memo[key] = outcome


class FetchRefused(Exception):
    """An online fetch was needed but the check is offline (the message says what was needed)."""


class Unreachable(Exception):
    """An online fetch failed and nothing is cached; `msg` says which address and why."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(str(msg))
        self.msg = msg


def iso(moment: _dt.datetime) -> str:
    return moment.astimezone(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def problem_of(e: BaseException) -> Arg:
    """An error's words as a message argument: the message id of one of ours (a WalletError,
    or any error carrying a `Msg`), so it is said in the reader's language; else its text."""
    msg = getattr(e, "msg", None)
    return msg if isinstance(msg, Msg) else str(e)


def distinct(messages: list[Msg]) -> list[Msg]:
    """The messages without repeats (as the reader would see them), in their first order."""
    seen: dict[str, Msg] = {}
    for m in messages:
        seen.setdefault(str(m), m)
    return list(seen.values())


def moment_of(fetched_at: str) -> Arg:
    """A stored time (ISO 8601) as a moment render() shows in the reader's language; the text
    as it is when it cannot be read."""
    moment = parse_time(fetched_at)
    return moment if moment is not None else fetched_at


def day_of(fetched_at: str) -> Arg:
    """The day of a stored time, for "fetched on <day>"; says so when the time is unknown."""
    moment = parse_time(fetched_at) if fetched_at else None
    if moment is not None:
        return moment.date()
    return fetched_at[:10] if fetched_at else M("an unknown date")


def _default_fetch(url: str) -> bytes:
    from wallet.sources import fetch_url

    return fetch_url(url)


def _plain_http_fetch(url: str) -> bytes:
    """A legacy hosted badge's own address, which may be public plain http."""
    from wallet.sources import fetch_url

    return fetch_url(url, plain_http=True)


@dataclass
class VerifyContext:
    """Settings of one verification run."""

    at: _dt.datetime = field(default_factory=lambda: _dt.datetime.now(_dt.UTC))
    online: bool = False
    cache: Cache = field(default_factory=MemoryCache)
    loader: DocumentLoader = field(default_factory=document_loader)
    trusted_issuers: frozenset[str] = frozenset()
    # Issuers the learner's subscribed registries list: id -> the first registry listing it
    listed_issuers: Mapping[str, Listing] = field(default_factory=dict)
    # Issuer keys vouched for out of band (a trust list with keys, a test): kid or issuer -> key
    issuer_keys: dict[str, Any] = field(default_factory=dict)
    fetcher: Callable[[str], bytes] | None = None  # None: wallet.sources.fetch_url
    # Blockcerts anchors: the learner's blockchain explorer URL template (None: the default)
    blockcerts_explorer: str | None = None
    memo: Memo | None = None
    # Every fetched or cached document a check used: (kind, url, fetched_at). The orchestrator
    # keys memoized proof results on it, so a refreshed key document invalidates them.
    consulted: list[tuple[str, str, str]] = field(default_factory=list)
    # Servers (scheme://host:port) an online fetch of this run could not reach: a check that
    # would ask one again (a CA's responder, once per seal) says so at once instead of waiting
    # for the timeout each time.
    unreachable: set[str] = field(default_factory=set)

    def fetch(self, kind: str, url: str, *, plain_http: bool = False) -> tuple[bytes, str]:
        """A document by URL: fetched (and cached) when online, else from the cache.
        `plain_http`: a public http address may be fetched (a legacy hosted badge's).

        Returns (bytes, fetched_at). Raises FetchRefused offline with nothing cached, and
        wallet.sources.SourceError when an online fetch fails (callers fall back to the cache).
        """
        if self.online:
            data = (self.fetcher or (_plain_http_fetch if plain_http else _default_fetch))(url)
            now = iso(_dt.datetime.now(_dt.UTC))
            self.cache.cache_put(kind, url, data, now)
            self.consulted.append((kind, url, now))
            return data, now
        hit = self.cache.cache_get(kind, url)
        if hit is None:
            raise FetchRefused(f"{url} is not cached; an online check can fetch it")
        self.consulted.append((kind, url, hit.fetched_at))
        return hit.data, hit.fetched_at

    def fetch_or_cached(self, kind: str, url: str) -> tuple[bytes, str]:
        """fetch(), with the cached copy standing in when an online fetch fails, so that a
        server being down is no worse than being offline.

        Raises FetchRefused offline with nothing cached, and Unreachable when the fetch failed
        and nothing is cached.
        """
        from wallet.sources import SourceError

        try:
            return self.fetch(kind, url)
        except (SourceError, OSError) as e:
            hit = self.cached(kind, url)
            if hit is not None:
                return hit
            raise Unreachable(
                M("cannot fetch {url}: {problem}", url=url, problem=problem_of(e))
            ) from None

    def fetch_or_why(self, kind: str, url: str, not_cached: Msg) -> tuple[bytes, str] | Msg:
        """fetch_or_cached(), or why the document cannot be had: `not_cached` offline with no
        copy, the failure itself when it could not be fetched (for checks that only say why)."""
        try:
            return self.fetch_or_cached(kind, url)
        except FetchRefused:
            return not_cached
        except Unreachable as e:
            return e.msg

    def cached(self, kind: str, url: str) -> tuple[bytes, str] | None:
        hit = self.cache.cache_get(kind, url)
        if hit is None:
            return None
        self.consulted.append((kind, url, hit.fetched_at))
        return hit.data, hit.fetched_at
