"""RDF Dataset Canonicalization (RDFC-1.0) backends, and JSON-LD expansion in safe mode.

Why two backends: canonicalization is the slow step of verifying an `*-rdfc-*` proof, and a
compiled implementation (pyoxigraph, Rust) may beat pyld (pure Python). A backend is only fit
to verify signatures if it reproduces the published canonical forms byte for byte; `bench/canon.py`
measures both and tests/verify/test_canon.py cross-checks them on every vector.

- `pyld`: `jsonld.normalize(..., algorithm="URDNA2015")` with our offline document loader.
- `pyoxigraph`: its JSON-LD parser cannot be given a document loader from Python, so every
  context URL is first replaced by the (offline) context document's `@context` value, recursively
  (`inline_contexts`); then `Dataset.canonicalize(RDFC_1_0)` and canonical N-Quads, one quad a
  line, sorted by code point as RDFC-1.0 requires.

Verification path (`expand_safe` then `canonicalize_expanded`)
-----------------------------------------------------------------

Verification expands each document once (safe mode, below) and canonicalizes that expanded
form: pyld's RDF conversion without a second expansion, then pyld's URDNA2015 (RDFC-1.0).
Expansion memoizes processed contexts and IRI expansions across documents (`_ContextMemo`:
keyed by derivation and content, only with the shipped loader), because pyld re-processed every
type-scoped OB 3.0 context for every credential. tests/verify/test_canon_fastpath.py holds this
path byte-equal to plain pyld on varied credentials.

Safe mode (`expand_safe`)
-------------------------

The Data Integrity specs require JSON-LD "safe mode": expansion must not silently drop data,
because dropped data is not in the canonical N-Quads and so is not covered by the signature -
an attacker could add `"credits": 500` under an undefined term and the proof would still pass.
pyld drops such data without a word (it ignores a `safe` option), so we check three things:

1. Every key. `_SafeProcessor` overrides pyld's `_expand_object` (called for every JSON object
   pyld expands, with the active context already including type-scoped and property-scoped
   contexts) and, before pyld processes the object, expands each key with pyld's own
   `_expand_iri` under that same active context. A key that is not a keyword and does not expand
   to an absolute IRI (an undefined term, a relative IRI, `@foo`) is reported with its JSON path.
   Objects under `@json` typed literals are never expanded by pyld, so they are not checked.
2. Every identifier. After pyld expanded the object, `@id` and `@type` values (node ids, node
   types, IRI-coerced property values, datatypes) must be absolute IRIs or blank node ids;
   relative IRIs would silently vanish when converting to RDF.
3. Nothing else lost. As a backstop for drops we do not model (free-floating values, `@index`
   keys of index maps, which do not reach RDF), the number of scalar leaf values of the input
   (outside `@context`, `@json` literals counted as one) must not exceed those carried by the
   expanded form in `@value`/`@id`/`@type` positions (not `@index`).

Paths are built from the identity of the objects pyld is handed (values of an object are
registered before pyld recurses into them); when pyld works on a copy the path falls back to the
first place in the document where the key occurs.
"""

from __future__ import annotations

import copy
import functools
import json
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from threading import Lock
from typing import Any

from cryptography.hazmat.primitives import hashes
from frozendict import frozendict
from pyld import jsonld
from pyld.canon import URDNA2015
from pyld.identifier_issuer import IdentifierIssuer

from wallet.contexts import DocumentLoader, UnknownContext, document_loader, unknown_context_in
from wallet.errors import WalletError

PYLD = "pyld"
PYOXIGRAPH = "pyoxigraph"
BACKENDS = (PYLD, PYOXIGRAPH)
# pyld reproduces every published canonical form; see bench/canon.py for why it stays default.
DEFAULT_BACKEND = PYLD

_KEYWORDS = {
    "@base", "@container", "@context", "@direction", "@graph", "@id", "@import", "@included",
    "@index", "@json", "@language", "@list", "@nest", "@none", "@prefix", "@propagate",
    "@protected", "@reverse", "@set", "@type", "@value", "@version", "@vocab",
}


class CanonError(WalletError):
    """A document could not be expanded or canonicalized (bad JSON-LD)."""


class ContextUnknown(CanonError):
    """The document names a JSON-LD context the wallet does not have offline."""

    def __init__(self, url: str) -> None:
        super().__init__(f"unknown JSON-LD context {url}; the wallet never fetches contexts")
        self.url = url


class UnsafeTerm(CanonError):
    """Expansion would drop data (safe mode): the signature would not cover it."""

    def __init__(self, term: str, path: str, reason: str) -> None:
        where = path or "(top level)"
        super().__init__(f"{reason.format(term=term)} at {where}")
        self.term = term
        self.path = path


_UNDEFINED = "term '{term}' is not defined by the credential's contexts"
_RELATIVE = ("'{term}' is not an absolute IRI (it is relative, or holds spaces or other "
             "characters an IRI cannot have)")


_ABSOLUTE_IRI = re.compile(r'^([A-Za-z][A-Za-z0-9+\-.]*|_):[^\s<>"{}|\\^`]*$')


@functools.lru_cache(maxsize=65536)
def _is_absolute(iri: str) -> bool:
    """pyld's own rule for what survives conversion to RDF (no white space), made stricter by
    the characters an N-Quads IRI cannot hold: anything else vanishes from what is signed.
    (Cached: a pure function of a string, asked for every key of every credential.)"""
    return bool(_ABSOLUTE_IRI.match(iri))


def _relative(iri: Any) -> str | None:
    """The relative IRI behind `iri` if it is one (pyld resolves those against a dummy base)."""
    if not isinstance(iri, str) or iri == "@json":
        return None
    base = jsonld.DEFAULT_BASE_IRI
    if base and iri.startswith(base):
        return iri[len(base):]
    return None if _is_absolute(iri) else iri


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _find_key(doc: Any, key: str, path: str = "") -> str | None:
    """Fallback: the first path where `key` occurs as an object key (outside @context)."""
    if isinstance(doc, dict):
        if key in doc:
            return _join(path, key)
        for k, v in doc.items():
            if k == "@context":
                continue
            found = _find_key(v, key, _join(path, k))
            if found:
                return found
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            found = _find_key(v, key, _join(path, i))
            if found:
                return found
    return None


# --- processed-context memo ------------------------------------------------------------------


_MEMO_MAX = 4096  # processed contexts kept; the memo starts over beyond this
_IRI_MEMO_MAX = 200_000  # expanded terms kept, over all contexts


def _local_key(local_ctx: Any) -> tuple[Any, ...] | None:
    """A content key for a local context as written, or None when we do not key it.

    URLs are keyed by themselves: the memo is only used with the shipped loader, whose URL ->
    content map is fixed for the life of the process. Objects from scoped term definitions of a
    memoized context are keyed by identity (`_ContextMemo.trusted`, held strongly and never
    mutated); any other object (say, an embedded `@context` in a credential) by its JSON text.
    """
    if isinstance(local_ctx, str):
        return ("url", local_ctx)
    if local_ctx is None or local_ctx is False:
        return ("null",)
    if isinstance(local_ctx, list):
        parts = tuple(_local_key(item) for item in local_ctx)
        return None if any(p is None for p in parts) else ("list", parts)
    if isinstance(local_ctx, Mapping):
        trusted = _MEMO.trusted.get(id(local_ctx))
        if trusted is not None and trusted[0] is local_ctx:
            return trusted[1]
        try:
            return ("json", json.dumps(local_ctx, sort_keys=True, default=dict))
        except (TypeError, ValueError):
            return None
    return None


class _ContextMemo:
    """Processed active contexts, keyed by how they were derived, shared by all expansions.

    Why: pyld caches a processed context per *parent* active context id, but gives every
    context it derives for a type-scoped (non-propagating) context a fresh random id, so in an
    OB 3.0 credential each `Achievement`, `Alignment`, ... context was processed again for
    every credential (about 130 term definitions each time). Here each active context we hold
    has a serial number, and a derived context is keyed by (its parent's serial, the local
    context's content key, the flags, the base). Context processing is deterministic in
    exactly those inputs and the loader's URL map, which is why only the shipped loader uses
    the memo. Equal keys therefore mean equal contexts. Every context held here is a frozen
    pyld active context, held strongly (so `id()` lookups cannot hit a recycled id) and never
    mutated by pyld; serials are never reused, even after the memo starts over; errors are
    never memoized, so a bad context fails every time.

    `iris` memoizes pyld's `_expand_iri` per held context (a pure function of the context, the
    value, `base` and `vocab` when no context is being defined): an OB 3.0 credential asks for
    about 260 of them.
    """

    def __init__(self) -> None:
        self.lock = Lock()
        self.results: dict[tuple[Any, ...], Any] = {}
        self.key_of: dict[int, tuple[Any, Any]] = {}  # id(ctx) -> (ctx, serial)
        self.trusted: dict[int, tuple[Any, tuple[Any, ...]]] = {}  # id(scoped) -> (it, key)
        self.iris: dict[tuple[Any, ...], Any] = {}
        self._next = 0

    def serial_of(self, active_ctx: Any, options: dict[str, Any]) -> Any:
        """The serial of a held context (or of pyld's initial context), else None."""
        entry = self.key_of.get(id(active_ctx))
        if entry is not None and entry[0] is active_ctx:
            return entry[1]
        mode = options.get("processingMode", "json-ld-1.1")
        if active_ctx is jsonld.INITIAL_CONTEXTS.get(mode):  # a module global: never freed
            return ("initial", mode)
        return None

    def store(self, key: tuple[Any, ...], result: Any) -> Any:
        with self.lock:
            if key in self.results:  # another thread got there first: keep one object
                return self.results[key]
            if len(self.results) >= _MEMO_MAX:
                self._clear()
            self._next += 1
            self.results[key] = result
            self.key_of[id(result)] = (result, self._next)
            for term, mapping in result.get("mappings", {}).items():
                scoped = mapping.get("@context") if isinstance(mapping, Mapping) else None
                if isinstance(scoped, Mapping) and id(scoped) not in self.trusted:
                    self.trusted[id(scoped)] = (scoped, ("scoped", self._next, term))
            return result

    def _clear(self) -> None:
        self.results.clear()
        self.key_of.clear()
        self.trusted.clear()
        self.iris.clear()

    def clear(self) -> None:
        """Forget everything (tests; nothing else needs it)."""
        with self.lock:
            self._clear()


_MEMO = _ContextMemo()
_MISSING = object()


def _memo_allowed(options: dict[str, Any]) -> bool:
    """Only the process-wide shipped loader has a fixed URL -> content map."""
    return bool(getattr(options.get("documentLoader"), "shipped_only", False))


class _SafeProcessor(jsonld.JsonLdProcessor):
    """pyld's processor with a key and identifier check on every object it expands."""

    def _process_context(self, active_ctx: Any, local_ctx: Any, options: Any,
                         override_protected: bool = False, propagate: bool = True,
                         validate_scoped: bool = True, cycles: Any = None) -> Any:
        """pyld's context processing, memoized by derivation (see `_ContextMemo`)."""
        key = None
        if not cycles and _memo_allowed(options):
            parent = _MEMO.serial_of(active_ctx, options)
            local = _local_key(local_ctx) if parent is not None else None
            if local is not None:
                key = (parent, local, bool(override_protected), bool(propagate),
                       bool(validate_scoped), options.get("base", ""))
                hit = _MEMO.results.get(key)
                if hit is not None:
                    return hit
        result = super()._process_context(active_ctx, local_ctx, options,
                                          override_protected=override_protected,
                                          propagate=propagate, validate_scoped=validate_scoped,
                                          cycles=cycles)
        if key is not None and isinstance(result, frozendict):
            result = _MEMO.store(key, result)
        return result

    def _expand_iri(self, active_ctx: Any, value: Any, base: Any = None, vocab: bool = False,
                    local_ctx: Any = None, defined: Any = None) -> Any:
        """pyld's IRI expansion, memoized per held context (see `_ContextMemo.iris`)."""
        if local_ctx is None and defined is None and value.__class__ is str and \
                (base is None or base.__class__ is str):
            entry = _MEMO.key_of.get(id(active_ctx))
            if entry is not None and entry[0] is active_ctx:
                key = (entry[1], value, base, bool(vocab))
                result = _MEMO.iris.get(key, _MISSING)
                if result is not _MISSING:
                    return result
                result = super()._expand_iri(active_ctx, value, base=base, vocab=vocab)
                if len(_MEMO.iris) >= _IRI_MEMO_MAX:
                    _MEMO.iris.clear()
                _MEMO.iris[key] = result
                return result
        return super()._expand_iri(active_ctx, value, base=base, vocab=vocab,
                                   local_ctx=local_ctx, defined=defined)

    def __init__(self, root: Any) -> None:
        super().__init__()
        self.root = root
        self.paths: dict[int, str] = {}
        self.problem: UnsafeTerm | None = None

    def _register(self, value: Any, path: str) -> None:
        if isinstance(value, dict):
            self.paths.setdefault(id(value), path)
        elif isinstance(value, list):
            self.paths.setdefault(id(value), path)
            for i, item in enumerate(value):
                self._register(item, _join(path, i))

    def _fail(self, term: str, path: str | None, reason: str) -> None:
        if self.problem is None:
            self.problem = UnsafeTerm(term, path or "", reason)
        raise self.problem

    def _expand_object(self, active_ctx: Any, active_property: Any,
                       expanded_active_property: Any, element: Any, expanded_parent: Any,
                       options: Any, *args: Any, **kwargs: Any) -> Any:
        path = self.paths.get(id(element))
        if path is None and not self.paths:
            path = ""  # the document itself
        by_iri: dict[str, str] = {}
        for key, value in element.items():
            if key == "@context":
                continue
            expanded = self._expand_iri(active_ctx, key, vocab=True)
            if not isinstance(expanded, str) or not (
                    expanded in _KEYWORDS or (_is_absolute(expanded)
                                              and not expanded.startswith("_:"))):
                where = _join(path, key) if path is not None else _find_key(self.root, key)
                self._fail(key, where, _UNDEFINED)
            by_iri.setdefault(expanded, key)
            if path is not None:
                self._register(value, _join(path, key))
        result = super()._expand_object(active_ctx, active_property, expanded_active_property,
                                        element, expanded_parent, options, *args, **kwargs)
        if isinstance(expanded_parent, dict):
            self._check_ids(expanded_parent, path or "", by_iri)
        return result

    def _check_ids(self, node: dict[str, Any], path: str, by_iri: dict[str, str]) -> None:
        for iri, values in node.items():
            key = by_iri.get(iri, iri)
            items = values if isinstance(values, list) else [values]
            if iri in ("@id", "@type"):
                for v in items:
                    rel = _relative(v)
                    if rel is not None:
                        self._fail(rel, _join(path, key), _RELATIVE)
            elif not iri.startswith("@"):
                for v in items:
                    if not isinstance(v, dict):
                        continue
                    rel = _relative(v.get("@id")) if "@id" in v and "@value" not in v else None
                    if rel is None and "@value" in v:
                        rel = _relative(v.get("@type"))
                    if rel is not None:
                        self._fail(rel, _join(path, key), _RELATIVE)


def _count_input(value: Any, key: str | None = None) -> int:
    if key == "@context" or value is None:
        return 0
    if isinstance(value, dict):
        return sum(_count_input(v, k) for k, v in value.items())
    if isinstance(value, list):
        return sum(_count_input(v, key) for v in value)
    return 1


def _count_expanded(value: Any) -> int:
    if isinstance(value, list):
        return sum(_count_expanded(v) for v in value)
    if not isinstance(value, dict):
        return 0
    if value.get("@type") == "@json":
        return 1 + (1 if value.get("@value") is not None else 0)
    total = 0
    for k, v in value.items():
        if k in ("@value", "@id", "@language", "@direction"):
            total += 0 if v is None else 1
        elif k == "@type":
            total += len(v) if isinstance(v, list) else 1
        elif k != "@index":
            total += _count_expanded(v)
    return total


def _json_ld_error(exc: jsonld.JsonLdError, what: str) -> CanonError:
    unknown = unknown_context_in(exc)
    if unknown is not None:
        return ContextUnknown(unknown.url)
    return CanonError(f"{what} failed: {exc}")


# What pyld itself raises, outside JsonLdError, on malformed JSON-LD from strangers (found by
# fuzzing: e.g. ValueError for a context IRI like "https;//..." with no base IRI).
PYLD_BREAKS = (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError)


def _pyld_broke(exc: Exception, what: str) -> CanonError:
    detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    return CanonError(f"{what} failed: not valid JSON-LD ({detail})")


def expand_safe(document: dict[str, Any], loader: DocumentLoader | None = None) -> list[Any]:
    """The expanded form of `document`, or UnsafeTerm if expansion would drop anything.

    Raises ContextUnknown for a context the wallet does not have, CanonError for bad JSON-LD.
    """
    processor = _SafeProcessor(document)
    try:
        expanded = processor.expand(document, {"documentLoader": loader or document_loader()})
    except UnsafeTerm:
        raise
    except jsonld.JsonLdError as exc:
        if processor.problem is not None:
            raise processor.problem from None
        raise _json_ld_error(exc, "JSON-LD expansion") from None
    except PYLD_BREAKS as exc:
        if processor.problem is not None:
            raise processor.problem from None
        raise _pyld_broke(exc, "JSON-LD expansion") from None
    if processor.problem is not None:
        raise processor.problem
    if _count_expanded(expanded) < _count_input(document):
        raise UnsafeTerm("(a value)", "", "{term} was dropped by JSON-LD expansion")
    return expanded


# --- canonicalization backends --------------------------------------------------------------


class _Hash:
    """hashlib-shaped adapter over `cryptography` hashes, for pyld's canonicalization."""

    def __init__(self, algorithm: Any) -> None:
        self._h = hashes.Hash(algorithm)

    def update(self, data: bytes) -> None:
        self._h.update(data)

    def hexdigest(self) -> str:
        return self._h.finalize().hex()


_HASHES = {"sha256": hashes.SHA256, "sha384": hashes.SHA384}


class _Rdfc10(URDNA2015):
    """RDFC-1.0 (pyld's URDNA2015) with its hash chosen: SHA-256, or SHA-384 (ECDSA P-384)."""

    def __init__(self, hash_name: str) -> None:
        super().__init__()
        self._algorithm = _HASHES[hash_name]

    def create_hash(self) -> _Hash:
        return _Hash(self._algorithm())

    def modify_first_degree_component(self, id_: str, component: dict[str, Any],
                                      key: str) -> dict[str, Any]:
        """pyld's rule (blank nodes become _:a or _:z) with a shallow copy instead of its
        `copy.deepcopy`: a component is a flat dict of strings, and the deep copy was a fifth
        of canonicalization time."""
        if component["type"] != "blank node":
            return component
        return {**component, "value": "_:a" if component["value"] == id_ else "_:z"}


def _check_hash(hash_name: str) -> None:
    if hash_name not in _HASHES:
        raise CanonError(f"unsupported canonicalization hash {hash_name}")


def canonicalize_pyld(document: Any, loader: DocumentLoader | None = None,
                      hash_name: str = "sha256") -> str:
    """RDFC-1.0 canonical N-Quads by pyld (it calls the algorithm URDNA2015)."""
    _check_hash(hash_name)
    try:
        dataset = jsonld.JsonLdProcessor().to_rdf(document, {
            "documentLoader": loader or document_loader(), "produceGeneralizedRdf": False,
        })
        return _Rdfc10(hash_name).main(dataset, {"format": "application/n-quads"})
    except jsonld.JsonLdError as exc:
        raise _json_ld_error(exc, "JSON-LD canonicalization") from None
    except PYLD_BREAKS as exc:
        raise _pyld_broke(exc, "JSON-LD canonicalization") from None


def inline_contexts(document: Any, loader: DocumentLoader | None = None) -> Any:
    """A copy of `document` with every context URL replaced by that context's content.

    For JSON-LD processors without a document loader hook (pyoxigraph); the contents come from
    the same offline loader, so nothing is fetched. Raises ContextUnknown.
    """
    load = loader or document_loader()
    cache: dict[str, Any] = {}

    def fetch(url: str, seen: tuple[str, ...]) -> Any:
        if url in seen:
            raise CanonError(f"JSON-LD context {url} includes itself")
        if url not in cache:
            try:
                remote = load(url, {})
            except UnknownContext as e:
                raise ContextUnknown(e.url) from None
            ctx = remote["document"].get("@context") if isinstance(remote["document"], dict) \
                else None
            if ctx is None:
                raise CanonError(f"{url} is not a JSON-LD context document")
            cache[url] = inline_ctx(copy.deepcopy(ctx), (*seen, url))
        return copy.deepcopy(cache[url])

    def inline_ctx(ctx: Any, seen: tuple[str, ...]) -> Any:
        if isinstance(ctx, str):
            return fetch(ctx, seen)
        if isinstance(ctx, list):
            out: list[Any] = []
            for item in ctx:
                got = inline_ctx(item, seen)
                out.extend(got if isinstance(item, str) and isinstance(got, list) else [got])
            return out
        if isinstance(ctx, dict):
            result = {}
            for k, v in ctx.items():
                if isinstance(v, dict) and "@context" in v:
                    v = {**v, "@context": inline_ctx(v["@context"], seen)}
                result[k] = v
            if "@import" in result:
                raise CanonError("@import in a context is not supported by the inlining backend")
            return result
        return ctx

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: (inline_ctx(v, ()) if k == "@context" else walk(v))
                    for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return walk(document)


# N-Quads string escapes (RDFC-1.0): the named ones, other control characters as \uXXXX.
_NQUAD_ESCAPES = str.maketrans({
    **{chr(c): f"\\u{c:04X}" for c in (*range(0x20), 0x7F)},
    "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
    "\f": "\\f"})


def _nquad_literal(text: str) -> str:
    return text.translate(_NQUAD_ESCAPES)


def _term(term: Any) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        body = f'"{_nquad_literal(term.value)}"'
        if term.language:
            direction = getattr(term, "direction", None)
            suffix = f"--{direction.value}" if direction is not None and \
                hasattr(direction, "value") else ""
            return f"{body}@{term.language}{suffix}"
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return body
        return f"{body}^^<{dt}>"
    raise CanonError(f"unexpected RDF term {term!r}")


def canonicalize_pyoxigraph(document: Any, loader: DocumentLoader | None = None,
                            hash_name: str = "sha256") -> str:
    """RDFC-1.0 canonical N-Quads by pyoxigraph, contexts inlined from the offline loader."""
    import json

    import pyoxigraph as ox

    _check_hash(hash_name)

    inlined = inline_contexts(document, loader)
    try:
        quads = ox.parse(json.dumps(inlined), ox.RdfFormat.JSON_LD)
        dataset = ox.Dataset(quads)
    except (SyntaxError, ValueError) as exc:
        raise CanonError(f"JSON-LD canonicalization failed: {exc}") from None
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0 if hash_name == "sha256"
                         else ox.CanonicalizationAlgorithm.RDFC_1_0_SHA_384)
    lines = []
    for q in dataset:
        graph = "" if isinstance(q.graph_name, ox.DefaultGraph) else " " + _term(q.graph_name)
        lines.append(f"{_term(q.subject)} {_term(q.predicate)} {_term(q.object)}{graph} .\n")
    return "".join(sorted(set(lines)))


# --- the verification path: expanded form -> RDF -> RDFC-1.0 -------------------------------

_TO_RDF_OPTIONS = {"produceGeneralizedRdf": False, "processingMode": "json-ld-1.1"}


def _copy_json(value: Any) -> Any:
    """A deep copy of JSON data (dicts, lists, scalars): pyld's node map may relabel in place,
    and the expanded form it is given is one the caller keeps."""
    if isinstance(value, dict):
        return {k: _copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy_json(v) for v in value]
    return value


def dataset_of_expanded(expanded: Any) -> dict[str, list[dict[str, Any]]]:
    """pyld's RDF dataset of an already expanded document, without expanding it again.

    This is the second half of pyld's `to_rdf` (node map, then triples per graph) with its
    default options. `to_rdf` would first expand the expanded form again, which gives it back
    unchanged at the cost of a full walk with context machinery; verification already holds
    the safe-mode expanded form, so it starts here.
    """
    processor = jsonld.JsonLdProcessor()
    issuer = IdentifierIssuer("_:b")
    node_map: dict[str, Any] = {"@default": {}}
    try:
        processor._create_node_map(_copy_json(expanded), node_map, "@default", issuer)
        dataset = {}
        for graph_name, graph in sorted(node_map.items()):
            if graph_name == "@default" or jsonld._is_absolute_iri(graph_name):
                dataset[graph_name] = processor._graph_to_rdf(graph, issuer,
                                                              dict(_TO_RDF_OPTIONS))
    except jsonld.JsonLdError as exc:
        raise _json_ld_error(exc, "JSON-LD canonicalization") from None
    except PYLD_BREAKS as exc:
        raise _pyld_broke(exc, "JSON-LD canonicalization") from None
    return dataset


def canonicalize_expanded(expanded: Any, hash_name: str = "sha256") -> str:
    """RDFC-1.0 canonical N-Quads of a (safe-mode) expanded document, by pyld.

    What verification hashes: exactly `canonicalize_pyld` of the original document (pyld's
    `to_rdf` then URDNA2015), minus the second expansion. pyoxigraph's Rust RDFC-1.0 was
    measured here and rejected: building its terms from Python costs more than pyld's
    URDNA2015 on credential-sized datasets, and it labels tied blank nodes differently from
    pyld (and from the signer) on the 1EdTech `complete.json` vector (identical proofs in
    blank-node named graphs). tests/verify/test_canon_fastpath.py cross-checks this function
    against plain pyld canonicalization of the original documents.
    """
    _check_hash(hash_name)
    dataset = dataset_of_expanded(expanded)
    return _Rdfc10(hash_name).main(dataset, {"format": "application/n-quads"})


_BACKENDS: dict[str, Callable[[Any, DocumentLoader | None, str], str]] = {
    PYLD: canonicalize_pyld,
    PYOXIGRAPH: canonicalize_pyoxigraph,
}


def canonicalize(document: Any, loader: DocumentLoader | None = None,
                 backend: str = DEFAULT_BACKEND, hash_name: str = "sha256") -> str:
    """RDFC-1.0 canonical N-Quads of a JSON-LD document with the chosen backend and hash.

    `hash_name` is RDFC-1.0's hash for blank node labels: "sha256", or "sha384" as
    ecdsa-rdfc-2019 requires with P-384 keys.
    """
    try:
        fn = _BACKENDS[backend]
    except KeyError:
        raise CanonError(f"unknown canonicalization backend {backend!r}") from None
    return fn(document, loader, hash_name)


@dataclass
class Timing:
    backend: str
    ms: float


def time_backend(documents: list[Any], backend: str, loader: DocumentLoader | None = None,
                 repeat: int = 1) -> Timing:
    """Milliseconds one backend takes to canonicalize `documents` `repeat` times (for bench/)."""
    start = time.perf_counter()
    for _ in range(repeat):
        for doc in documents:
            canonicalize(doc, loader, backend)
    return Timing(backend, (time.perf_counter() - start) * 1000)
