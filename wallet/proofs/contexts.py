"""Offline JSON-LD document loader over the contexts shipped in resources/contexts/.

Why: a context fetched at verification time could change what a signed credential means, leak
which credential is being checked, or simply be unreachable. The wallet therefore loads JSON-LD
contexts only from the files listed in resources/contexts/manifest.json (fetched and hash-checked
by scripts/fetch_contexts.py) and refuses every other URL. Nothing here opens a socket.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from threading import Lock
from typing import Any

from wallet.errors import WalletError
from wallet.messages import M
from wallet.paths import resources

DocumentLoader = Callable[[str, dict[str, Any]], dict[str, Any]]


class UnknownContext(WalletError):
    """A credential names a JSON-LD context the wallet does not ship."""

    def __init__(self, url: str) -> None:
        super().__init__(
            M("unknown JSON-LD context {url}; the wallet never fetches contexts", url=url)
        )
        self.url = url


class ContextFileError(WalletError):
    """A shipped context file is missing or damaged (the installation is broken)."""


def contexts_dir() -> Path:
    """`resources/contexts` in a checkout or inside a frozen bundle."""
    return resources() / "contexts"


class ContextStore:
    """URL → parsed context, read lazily from disk once and then kept in memory.

    `extra` lets tests (and callers holding their own vetted copies) add documents by URL; it
    never widens what the loader would fetch, because nothing is ever fetched.
    """

    def __init__(
        self, folder: Path | None = None, extra: Mapping[str, dict[str, Any]] | None = None
    ) -> None:
        self.folder = folder or contexts_dir()
        manifest_path = self.folder / "manifest.json"
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ContextFileError(
                M("cannot read {path}: {problem}", path=str(manifest_path), problem=str(exc))
            ) from None
        self._files: dict[str, str] = {
            url: entry["file"] for url, entry in manifest.get("contexts", {}).items()
        }
        self._parsed: dict[str, dict[str, Any]] = dict(extra or {})
        self._extra_urls = frozenset(extra or {})
        self._shipped = self.folder == contexts_dir()  # only these may enter pyld's global cache
        self._lock = Lock()

    def urls(self) -> list[str]:
        """Every URL this store can serve."""
        return sorted(set(self._files) | set(self._parsed))

    def __contains__(self, url: object) -> bool:
        return url in self._files or url in self._parsed

    def get(self, url: str) -> dict[str, Any]:
        """The parsed context for `url` (a shared object: callers must not modify it)."""
        with self._lock:
            doc = self._parsed.get(url)
            if doc is not None:
                return doc
            name = self._files.get(url)
            if name is None:
                raise UnknownContext(url)
            path = self.folder / name
            try:
                loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise ContextFileError(
                    M(
                        "shipped context {path} is unreadable: {problem}",
                        path=str(path),
                        problem=str(exc),
                    )
                ) from None
            self._parsed[url] = loaded
            return loaded

    def loader(self) -> DocumentLoader:
        """A pyld `documentLoader` serving only this store."""

        def load(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
            document = self.get(url)
            remote = {
                "contentType": "application/ld+json",
                "contextUrl": None,
                "documentUrl": url,
                # pyld may annotate what it is given; hand it a copy, keep ours pristine
                "document": copy.deepcopy(document),
            }
            if self._shipped and url in self._files and url not in self._extra_urls:
                # Our shipped, hash-checked contexts never change: tagging them "static" lets
                # pyld keep their processed form across operations (its process-wide cache),
                # instead of re-reading and re-processing them for every credential.
                remote["tag"] = "static"
            return remote

        # Whether every URL this loader serves is a shipped, never-changing context: only then
        # may wallet.proofs.canon memoize processed contexts across operations by URL.
        load.shipped_only = self._shipped and not self._extra_urls  # type: ignore[attr-defined]
        return load


_default: ContextStore | None = None
_default_lock = Lock()


def default_store() -> ContextStore:
    """The process-wide store over resources/contexts (parsed documents cached in memory)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = ContextStore()
        return _default


def document_loader(extra: Mapping[str, dict[str, Any]] | None = None) -> DocumentLoader:
    """pyld document loader over the shipped contexts (plus `extra` URL → document, if given).

    Any other URL raises UnknownContext; pyld wraps it in a JsonLdError whose cause chain
    contains it (see `unknown_context_in`).
    """
    if not extra:
        return default_store().loader()
    store = ContextStore(extra=extra)
    return store.loader()


def unknown_context_in(exc: BaseException) -> UnknownContext | None:
    """Find the UnknownContext behind a pyld error (pyld wraps loader errors), if any."""
    seen: set[int] = set()
    stack: list[Any] = [exc]
    while stack:
        cur = stack.pop()
        if cur is None or id(cur) in seen:
            continue
        seen.add(id(cur))
        if isinstance(cur, UnknownContext):
            return cur
        if isinstance(cur, BaseException):
            stack.extend([cur.__cause__, cur.__context__, getattr(cur, "cause", None)])
            details = getattr(cur, "details", None)
            if isinstance(details, dict):
                stack.append(details.get("cause"))
    return None
