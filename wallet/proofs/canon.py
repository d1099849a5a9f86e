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

Bounded work (RDFC-1.0 "Dataset Poisoning")
--------------------------------------------

Blank nodes that look alike (say, a clique: each links to every other by the same property)
make RDFC-1.0's Hash N-Degree Quads try every ordering of them, recursively: eight of them in a
2.4 KB credential took over a minute. RDFC-1.0 requires implementations to abort such inputs
(section 4.4.3) and suggests limiting the calls to Hash N-Degree Quads by the number of blank
nodes, noting that more than a couple of calls per blank node is unusual. Our RDFC-1.0 raises
`TooComplex` when either of two counts runs out:

- calls to Hash N-Degree Quads for any one blank node: at most
  `MAX_DEEP_HASHES_PER_BLANK_NODE` (so many harmless look-alike blank nodes elsewhere cannot
  lend their share to a poison part);
- work: one unit per quad a call hashes and per identifier copied for each permutation it
  tries (step 5.4.1 copies the issuer even for orderings it then abandons without recursing,
  which the call count alone would miss), at most `WORK_PER_BLANK_NODE` per blank node left
  tied after first-degree hashing, and never less than `MIN_WORK`.

Both grow with the document, not with what an attacker asks for; the refusal comes within
tens of milliseconds on poison credentials of a few kilobytes. Every credential in the tests
and the public vectors needs one call per blank node and under 500 units; duplicated nested
blank-node objects (two equal results, each with three equal alignments of two equal notes)
need 18 calls for one node and about 4,400 units. Verification reports `TooComplex` as
"unknown", never "failed": the signature may be genuine. The signer refuses the same documents.

Two steps before RDFC-1.0 are bounded too, because pyld's own work in them is not:

- pyld's JSON-LD -> RDF conversion builds a node map and, for every value it adds to a property
  of a node, compares it with every value that property already holds (a linear duplicate
  check), so n values of one property cost n^2/2 comparisons: 5,000 texts in one array took
  6.6 s, 20,000 empty objects (88 KB) 82 s. Parts with the same `@id` are merged into one node,
  so splitting the array does not help, and node types (`@type`) are checked the same way.
  `_check_node_map` walks the expanded form as the node map will (graph, node, property) and
  counts those comparisons before pyld starts: at most `MAX_NODE_MAP_CHECKS` (about 700 values
  of one property; ~0.15 s). The tests and the public vectors need at most 266 (11 values of
  one property); 300 equal evidence entries need 44,850.
- Everything else (expansion, conversion, canonicalization) is linear, about 35 us per JSON
  value on this class of machine, but a 16 MB credential file holds over a million values:
  `check_values` counts the JSON values of a document (contexts included) before pyld sees it,
  at most `MAX_VALUES`. The tests, vectors and demo have at most 702 (a presentation), the
  largest real credential 553 (the 1EdTech `complete.json`).

The worst documents both limits let through take about half a second to verify here (15,000
values in small parts; 600 properties of 23 empty parts each); the refusals come within tens
of milliseconds. Both are `TooComplex` (unknown, not failed), raised in safe-mode expansion,
in the verification path, in `canonicalize_pyld` (the signer) and in `to_rdf` (ecdsa-sd-2023).
JCS (RFC 8785) needs neither: it is linear (a 15 MB document in under two seconds, about five
times `json.dumps`, which every source of that size costs anyway) and has no duplicate check.
"""

from __future__ import annotations

import copy
import functools
import itertools
import json
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from threading import Lock
from typing import Any, Literal

from cryptography.hazmat.primitives import hashes
from frozendict import frozendict
from pyld import jsonld
from pyld.canon import URDNA2015
from pyld.identifier_issuer import IdentifierIssuer

from wallet.errors import WalletError
from wallet.messages import M, Msg
from wallet.proofs.contexts import (
    DocumentLoader,
    UnknownContext,
    document_loader,
    unknown_context_in,
)

PYLD = "pyld"
PYOXIGRAPH = "pyoxigraph"
BACKENDS = (PYLD, PYOXIGRAPH)
# pyld reproduces every published canonical form; see bench/canon.py for why it stays default.
DEFAULT_BACKEND = PYLD

_KEYWORDS = {
    "@base",
    "@container",
    "@context",
    "@direction",
    "@graph",
    "@id",
    "@import",
    "@included",
    "@index",
    "@json",
    "@language",
    "@list",
    "@nest",
    "@none",
    "@prefix",
    "@propagate",
    "@protected",
    "@reverse",
    "@set",
    "@type",
    "@value",
    "@version",
    "@vocab",
}


class CanonError(WalletError):
    """A document could not be expanded or canonicalized (bad JSON-LD)."""


class ContextUnknown(CanonError):
    """The document names a JSON-LD context the wallet does not have offline."""

    def __init__(self, url: str) -> None:
        super().__init__(
            M("unknown JSON-LD context {url}; the wallet never fetches contexts", url=url)
        )
        self.url = url


# Bounded work (see above): at most this many Hash N-Degree Quads calls for any one blank node,
MAX_DEEP_HASHES_PER_BLANK_NODE = 64
# and at most this much work (quads hashed, identifiers copied) per look-alike blank node, with
# a floor for small documents (about 30 ms).
WORK_PER_BLANK_NODE = 256
MIN_WORK = 20_000


# Work before RDFC-1.0 (see above): pyld's node map duplicate checks, and JSON values in one
# document (each costs about 35 us of expansion, conversion and canonicalization).
MAX_NODE_MAP_CHECKS = 250_000
MAX_VALUES = 15_000

_POISON = M(
    "its linked data has blank nodes (parts without an identifier) that look so alike "
    "that putting them in the canonical order the signature covers would take unbounded "
    "work; the wallet stops early, as the RDF canonicalization standard asks"
)


class TooComplex(CanonError):
    """Canonicalizing would take unbounded work (an RDFC-1.0 "poison" dataset), or more work
    than the wallet spends on one document (see "Bounded work" above).

    Not a sign of tampering: what the wallet cannot work out in bounded time is unknown.
    """

    def __init__(self, reason: Msg = _POISON) -> None:
        super().__init__(M("too complex to check: {reason}", reason=reason))


# Why expansion would drop a term (UnsafeTerm): each has its own whole sentences.
Unsafe = Literal["undefined", "relative", "dropped"]
_UNDEFINED: Unsafe = "undefined"
_RELATIVE: Unsafe = "relative"


def _unsafe_message(reason: Unsafe, term: str, path: str) -> Msg:
    """The sentence for one unsafe term; `path` is where it is ("" for the top level)."""
    if reason == "undefined":
        if path:
            return M(
                "term '{term}' is not defined by the credential's contexts at {path}",
                term=term,
                path=path,
            )
        return M(
            "term '{term}' is not defined by the credential's contexts at (top level)", term=term
        )
    if reason == "relative":
        if path:
            return M(
                "'{term}' is not an absolute IRI (it is relative, or holds spaces or other "
                "characters an IRI cannot have) at {path}",
                term=term,
                path=path,
            )
        return M(
            "'{term}' is not an absolute IRI (it is relative, or holds spaces or other "
            "characters an IRI cannot have) at (top level)",
            term=term,
        )
    # "dropped": found by counting values, so there is no one term or place to name
    return M("(a value) was dropped by JSON-LD expansion at (top level)")


class UnsafeTerm(CanonError):
    """Expansion would drop data (safe mode): the signature would not cover it."""

    def __init__(self, term: str, path: str, reason: Unsafe) -> None:
        super().__init__(_unsafe_message(reason, term, path))
        self.term = term
        self.path = path


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
        return iri[len(base) :]
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


class _SafeProcessor(jsonld.JsonLdProcessor):  # type: ignore[misc]  # pyld ships no types
    """pyld's processor with a key and identifier check on every object it expands."""

    def _process_context(
        self,
        active_ctx: Any,
        local_ctx: Any,
        options: Any,
        override_protected: bool = False,
        propagate: bool = True,
        validate_scoped: bool = True,
        cycles: Any = None,
    ) -> Any:
        """pyld's context processing, memoized by derivation (see `_ContextMemo`)."""
        key = None
        if not cycles and _memo_allowed(options):
            parent = _MEMO.serial_of(active_ctx, options)
            local = _local_key(local_ctx) if parent is not None else None
            if local is not None:
                key = (
                    parent,
                    local,
                    bool(override_protected),
                    bool(propagate),
                    bool(validate_scoped),
                    options.get("base", ""),
                )
                hit = _MEMO.results.get(key)
                if hit is not None:
                    return hit
        result = super()._process_context(
            active_ctx,
            local_ctx,
            options,
            override_protected=override_protected,
            propagate=propagate,
            validate_scoped=validate_scoped,
            cycles=cycles,
        )
        if key is not None and isinstance(result, frozendict):
            result = _MEMO.store(key, result)
        return result

    def _expand_iri(
        self,
        active_ctx: Any,
        value: Any,
        base: Any = None,
        vocab: bool = False,
        local_ctx: Any = None,
        defined: Any = None,
    ) -> Any:
        """pyld's IRI expansion, memoized per held context (see `_ContextMemo.iris`)."""
        if (
            local_ctx is None
            and defined is None
            and value.__class__ is str
            and (base is None or base.__class__ is str)
        ):
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
        return super()._expand_iri(
            active_ctx, value, base=base, vocab=vocab, local_ctx=local_ctx, defined=defined
        )

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

    def _fail(self, term: str, path: str | None, reason: Unsafe) -> None:
        if self.problem is None:
            self.problem = UnsafeTerm(term, path or "", reason)
        raise self.problem

    def _expand_object(
        self,
        active_ctx: Any,
        active_property: Any,
        expanded_active_property: Any,
        element: Any,
        expanded_parent: Any,
        options: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        path = self.paths.get(id(element))
        if path is None and not self.paths:
            path = ""  # the document itself
        by_iri: dict[str, str] = {}
        for key, value in element.items():
            if key == "@context":
                continue
            expanded = self._expand_iri(active_ctx, key, vocab=True)
            if not isinstance(expanded, str) or not (
                expanded in _KEYWORDS or (_is_absolute(expanded) and not expanded.startswith("_:"))
            ):
                where = _join(path, key) if path is not None else _find_key(self.root, key)
                self._fail(key, where, _UNDEFINED)
            by_iri.setdefault(expanded, key)
            if path is not None:
                self._register(value, _join(path, key))
        result = super()._expand_object(
            active_ctx,
            active_property,
            expanded_active_property,
            element,
            expanded_parent,
            options,
            *args,
            **kwargs,
        )
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


# --- bounded work before RDFC-1.0 (see "Bounded work" above) ---------------------------------


def check_values(document: Any) -> None:
    """TooComplex if `document` holds more than MAX_VALUES JSON values, counted as written
    (contexts included) before pyld expands, converts or canonicalizes any of it.

    Why: each of those steps costs time per value, and a credential file may be 16 MB. Stops
    as soon as the values seen and still to see pass the limit."""
    limit = MAX_VALUES
    seen = 0
    stack = [document]
    while stack:
        value = stack.pop()
        seen += 1
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        if seen + len(stack) > limit:
            raise TooComplex(
                M(
                    "it holds more than {limit} values (objects, lists, texts and numbers), "
                    "more than the wallet puts in the canonical form a signature covers",
                    limit=limit,
                )
            )


def _check_node_map(expanded: Any) -> None:
    """TooComplex if pyld's node map of this expanded form would compare values more than
    MAX_NODE_MAP_CHECKS times.

    Why: pyld's `_create_node_map` checks every value it adds to a node's property (or type)
    against every value already there, so n values cost n^2/2 comparisons. This walks the
    expanded form as it does: values are keyed by (graph, node, property), nodes with the same
    `@id` in a graph are one node, a node without one is a node of its own, list members are
    appended unchecked, and a list object is added without a check.
    """
    limit = MAX_NODE_MAP_CHECKS
    counts: dict[tuple[Any, Any, str], int] = {}
    checks = 0
    fresh = itertools.count()
    # (element, graph, subject, property, reverse): with `reverse`, the element is the subject
    stack: list[tuple[Any, Any, Any, Any, bool]] = [(expanded, "@default", None, None, False)]

    def add(key: tuple[Any, Any, str], checked: bool = True) -> None:
        nonlocal checks
        held = counts.get(key, 0)
        counts[key] = held + 1
        if checked:
            checks += held
            if checks > limit:
                raise _too_many_values(counts)

    while stack:
        element, graph, subject, prop, reverse = stack.pop()
        if isinstance(element, list):
            stack.extend((item, graph, subject, prop, reverse) for item in element)
            continue
        if not isinstance(element, dict):
            continue
        if "@value" in element:
            if subject is not None and prop is not None and not reverse:
                add((graph, subject, prop))
            continue
        if "@list" in element:  # members are appended to the list, never checked
            stack.append((element["@list"], graph, None, None, reverse))
            if subject is not None and prop is not None and not reverse:
                add((graph, subject, prop), checked=False)
            continue
        node = element.get("@id")
        if not isinstance(node, str):
            node = ("blank", next(fresh))
        if reverse:
            add((graph, node, prop))
        elif subject is not None and prop is not None:
            add((graph, subject, prop))
        for key, objects in element.items():
            items = objects if isinstance(objects, list) else [objects]
            if key == "@reverse" and isinstance(objects, dict):
                for reverse_prop, values in objects.items():
                    values = values if isinstance(values, list) else [values]
                    stack.extend((item, graph, node, reverse_prop, True) for item in values)
            elif key == "@graph":
                stack.append((objects, node, None, None, False))
            elif key == "@included":
                stack.append((objects, graph, None, None, False))
            elif key == "@type":
                for _ in items:
                    add((graph, node, "@type"))
            elif not key.startswith("@"):
                stack.extend((item, graph, node, key, False) for item in items)


def _too_many_values(counts: dict[tuple[Any, Any, str], int]) -> TooComplex:
    (_graph, _node, prop), most = max(counts.items(), key=lambda item: item[1])
    if prop == "@type":
        return TooComplex(
            M(
                "its linked data has too many values in single properties (at least {count} in "
                "its types): putting them in the canonical form the signature covers takes work "
                "that grows with the square of their number, more than the wallet does for one "
                "signature",
                count=most,
            )
        )
    what = str(prop)
    if len(what) > 80:
        what = what[:77] + "..."
    return TooComplex(
        M(
            "its linked data has too many values in single properties (at least {count} in "
            "{property}): putting them in the canonical form the signature covers takes work "
            "that grows with the square of their number, more than the wallet does for one "
            "signature",
            count=most,
            property=what,
        )
    )


class _BoundedRdfProcessor(jsonld.JsonLdProcessor):  # type: ignore[misc]  # pyld ships no types
    """pyld's processor, whose RDF conversion builds its node map only once the work of it
    was counted (`_check_node_map`, TooComplex)."""

    def __init__(self) -> None:
        super().__init__()
        self._counted = False

    def _create_node_map(self, input_: Any, *args: Any, **kwargs: Any) -> Any:
        if not self._counted:  # the first call is handed the whole expanded document
            self._counted = True
            _check_node_map(input_)
        return super()._create_node_map(input_, *args, **kwargs)


def to_rdf(document: Any, options: dict[str, Any]) -> Any:
    """pyld's `jsonld.to_rdf` with bounded work: TooComplex for a document with too many values,
    or too many in single properties (see "Bounded work" above). pyld's own errors pass."""
    check_values(document)
    return _BoundedRdfProcessor().to_rdf(document, options)


Step = Literal["expansion", "canonicalization"]


def _step_failed(step: Step, problem: str) -> Msg:
    if step == "expansion":
        return M("JSON-LD expansion failed: {problem}", problem=problem)
    return M("JSON-LD canonicalization failed: {problem}", problem=problem)


def _json_ld_error(exc: jsonld.JsonLdError, step: Step) -> CanonError:
    unknown = unknown_context_in(exc)
    if unknown is not None:
        return ContextUnknown(unknown.url)
    return CanonError(_step_failed(step, str(exc)))


# What pyld itself raises, outside JsonLdError, on malformed JSON-LD from strangers (found by
# fuzzing: e.g. ValueError for a context IRI like "https;//..." with no base IRI).
PYLD_BREAKS = (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError)


def _pyld_broke(exc: Exception, step: Step) -> CanonError:
    detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    if step == "expansion":
        return CanonError(
            M("JSON-LD expansion failed: not valid JSON-LD ({detail})", detail=detail)
        )
    return CanonError(
        M("JSON-LD canonicalization failed: not valid JSON-LD ({detail})", detail=detail)
    )


def expand_safe(document: dict[str, Any], loader: DocumentLoader | None = None) -> list[Any]:
    """The expanded form of `document`, or UnsafeTerm if expansion would drop anything.

    Raises ContextUnknown for a context the wallet does not have, CanonError for bad JSON-LD.
    """
    check_values(document)
    processor = _SafeProcessor(document)
    try:
        expanded: list[Any] = processor.expand(  # JSON-LD expansion always yields an array
            document, {"documentLoader": loader or document_loader()}
        )
    except UnsafeTerm:
        raise
    except jsonld.JsonLdError as exc:
        if processor.problem is not None:
            raise processor.problem from None
        raise _json_ld_error(exc, "expansion") from None
    except PYLD_BREAKS as exc:
        if processor.problem is not None:
            raise processor.problem from None
        raise _pyld_broke(exc, "expansion") from None
    if processor.problem is not None:
        raise processor.problem
    if _count_expanded(expanded) < _count_input(document):
        raise UnsafeTerm("(a value)", "", "dropped")
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


class _Budget:
    """The work one canonicalization may still do (see "Bounded work" above)."""

    def __init__(self) -> None:
        self.spent = 0
        self.limit: int | None = None  # set when Hash N-Degree Quads first runs

    def charge(self, units: int) -> None:
        self.spent += units
        if self.limit is not None and self.spent > self.limit:
            raise TooComplex()


class _PathIssuer(IdentifierIssuer):  # type: ignore[misc]  # pyld ships no types
    """The temporary identifier issuer Hash N-Degree Quads copies once for every permutation it
    tries (step 5.4.1): each copy is charged to the budget, one unit per identifier it holds.

    Why here: the copies are where unbounded permutations cost time, including those the
    algorithm abandons before recursing. The copy itself is flat (the issuer holds only
    strings), which is what `copy.deepcopy` produced, only faster.
    """

    def __init__(self, prefix: str, budget: _Budget) -> None:
        super().__init__(prefix)
        self.budget = budget

    @classmethod
    def of(cls, issuer: IdentifierIssuer, budget: _Budget) -> _PathIssuer:
        twin = cls(issuer.prefix, budget)
        twin.counter = issuer.counter
        twin.existing = dict(issuer.existing)
        twin.order = list(issuer.order)
        return twin

    def __deepcopy__(self, memo: dict[int, Any]) -> _PathIssuer:
        self.budget.charge(1 + len(self.order))
        return _PathIssuer.of(self, self.budget)


class _Rdfc10(URDNA2015):  # type: ignore[misc]  # pyld ships no types
    """RDFC-1.0 (pyld's URDNA2015) with its hash chosen: SHA-256, or SHA-384 (ECDSA P-384),
    and its work bounded (see "Bounded work" above)."""

    def __init__(self, hash_name: str) -> None:
        super().__init__()
        self._algorithm = _HASHES[hash_name]
        self._deep_hashes: dict[str, int] = {}
        self._budget = _Budget()

    def main(self, dataset: Any, options: Any) -> Any:
        """pyld's algorithm; TooComplex instead of running unbounded (or out of stack)."""
        try:
            return super().main(dataset, options)
        except RecursionError:  # look-alike blank nodes chained deeper than Python's stack
            raise TooComplex() from None

    def hash_n_degree_quads(self, id_: str, issuer: Any) -> Any:
        """pyld's Hash N-Degree Quads, counted per blank node and charged to the budget."""
        calls = self._deep_hashes.get(id_, 0) + 1
        if calls > MAX_DEEP_HASHES_PER_BLANK_NODE:
            raise TooComplex()
        self._deep_hashes[id_] = calls
        if self._budget.limit is None:  # step 6 has begun: the look-alike blank nodes are known
            alike = sum(len(ids) for ids in self.hash_to_blank_nodes.values())
            self._budget.limit = max(MIN_WORK, WORK_PER_BLANK_NODE * alike)
        self._budget.charge(1 + len(self.blank_node_info[id_]["quads"]))  # quads it hashes
        if not isinstance(issuer, _PathIssuer):
            issuer = _PathIssuer.of(issuer, self._budget)
        return super().hash_n_degree_quads(id_, issuer)

    def create_hash(self) -> _Hash:
        return _Hash(self._algorithm())

    def modify_first_degree_component(
        self, id_: str, component: dict[str, Any], key: str
    ) -> dict[str, Any]:
        """pyld's rule (blank nodes become _:a or _:z) with a shallow copy instead of its
        `copy.deepcopy`: a component is a flat dict of strings, and the deep copy was a fifth
        of canonicalization time."""
        if component["type"] != "blank node":
            return component
        return {**component, "value": "_:a" if component["value"] == id_ else "_:z"}


def rdfc10(hash_name: str = "sha256") -> URDNA2015:
    """A fresh bounded RDFC-1.0 canonicalizer (pyld's class: `main`, `canonical_issuer`), for
    callers that need the blank node label map, as ecdsa-sd-2023 does. Raises TooComplex."""
    _check_hash(hash_name)
    return _Rdfc10(hash_name)


def _check_hash(hash_name: str) -> None:
    if hash_name not in _HASHES:
        raise CanonError(M("unsupported canonicalization hash {hash}", hash=hash_name))


def canonicalize_pyld(
    document: Any, loader: DocumentLoader | None = None, hash_name: str = "sha256"
) -> str:
    """RDFC-1.0 canonical N-Quads by pyld (it calls the algorithm URDNA2015)."""
    _check_hash(hash_name)
    try:
        dataset = to_rdf(
            document,
            {
                "documentLoader": loader or document_loader(),
                "produceGeneralizedRdf": False,
            },
        )
        nquads: str = _Rdfc10(hash_name).main(dataset, {"format": "application/n-quads"})
        return nquads
    except jsonld.JsonLdError as exc:
        raise _json_ld_error(exc, "canonicalization") from None
    except PYLD_BREAKS as exc:
        raise _pyld_broke(exc, "canonicalization") from None


def inline_contexts(document: Any, loader: DocumentLoader | None = None) -> Any:
    """A copy of `document` with every context URL replaced by that context's content.

    For JSON-LD processors without a document loader hook (pyoxigraph); the contents come from
    the same offline loader, so nothing is fetched. Raises ContextUnknown.
    """
    load = loader or document_loader()
    cache: dict[str, Any] = {}

    def fetch(url: str, seen: tuple[str, ...]) -> Any:
        if url in seen:
            raise CanonError(M("JSON-LD context {url} includes itself", url=url))
        if url not in cache:
            try:
                remote = load(url, {})
            except UnknownContext as e:
                raise ContextUnknown(e.url) from None
            ctx = (
                remote["document"].get("@context") if isinstance(remote["document"], dict) else None
            )
            if ctx is None:
                raise CanonError(M("{url} is not a JSON-LD context document", url=url))
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
                raise CanonError(M("@import in a context is not supported by the inlining backend"))
            return result
        return ctx

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: (inline_ctx(v, ()) if k == "@context" else walk(v)) for k, v in value.items()
            }
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return walk(document)


# N-Quads string escapes (RDFC-1.0): the named ones, other control characters as \uXXXX.
_NQUAD_ESCAPES = str.maketrans(
    {
        **{chr(c): f"\\u{c:04X}" for c in (*range(0x20), 0x7F)},
        "\\": "\\\\",
        '"': '\\"',
        "\n": "\\n",
        "\r": "\\r",
        "\t": "\\t",
        "\b": "\\b",
        "\f": "\\f",
    }
)


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
            suffix = (
                f"--{direction.value}"
                if direction is not None and hasattr(direction, "value")
                else ""
            )
            return f"{body}@{term.language}{suffix}"
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return body
        return f"{body}^^<{dt}>"
    raise CanonError(M("unexpected RDF term {term}", term=repr(term)))


def canonicalize_pyoxigraph(
    document: Any, loader: DocumentLoader | None = None, hash_name: str = "sha256"
) -> str:
    """RDFC-1.0 canonical N-Quads by pyoxigraph, contexts inlined from the offline loader."""
    import json

    import pyoxigraph as ox

    _check_hash(hash_name)
    check_values(document)
    inlined = inline_contexts(document, loader)
    try:
        quads = ox.parse(json.dumps(inlined), ox.RdfFormat.JSON_LD)
        dataset = ox.Dataset(quads)
    except (SyntaxError, ValueError) as exc:
        raise CanonError(_step_failed("canonicalization", str(exc))) from None
    dataset.canonicalize(
        ox.CanonicalizationAlgorithm.RDFC_1_0
        if hash_name == "sha256"
        else ox.CanonicalizationAlgorithm.RDFC_1_0_SHA_384
    )
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
    _check_node_map(expanded)  # TooComplex before pyld's quadratic duplicate checks
    processor = jsonld.JsonLdProcessor()
    issuer = IdentifierIssuer("_:b")
    node_map: dict[str, Any] = {"@default": {}}
    try:
        processor._create_node_map(_copy_json(expanded), node_map, "@default", issuer)
        dataset = {}
        for graph_name, graph in sorted(node_map.items()):
            if graph_name == "@default" or jsonld._is_absolute_iri(graph_name):
                dataset[graph_name] = processor._graph_to_rdf(graph, issuer, dict(_TO_RDF_OPTIONS))
    except jsonld.JsonLdError as exc:
        raise _json_ld_error(exc, "canonicalization") from None
    except PYLD_BREAKS as exc:
        raise _pyld_broke(exc, "canonicalization") from None
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
    nquads: str = _Rdfc10(hash_name).main(dataset, {"format": "application/n-quads"})
    return nquads


_BACKENDS: dict[str, Callable[[Any, DocumentLoader | None, str], str]] = {
    PYLD: canonicalize_pyld,
    PYOXIGRAPH: canonicalize_pyoxigraph,
}


def canonicalize(
    document: Any,
    loader: DocumentLoader | None = None,
    backend: str = DEFAULT_BACKEND,
    hash_name: str = "sha256",
) -> str:
    """RDFC-1.0 canonical N-Quads of a JSON-LD document with the chosen backend and hash.

    `hash_name` is RDFC-1.0's hash for blank node labels: "sha256", or "sha384" as
    ecdsa-rdfc-2019 requires with P-384 keys.
    """
    try:
        fn = _BACKENDS[backend]
    except KeyError:
        raise CanonError(
            M("unknown canonicalization backend {backend}", backend=repr(backend))
        ) from None
    return fn(document, loader, hash_name)


@dataclass
class Timing:
    backend: str
    ms: float


def time_backend(
    documents: list[Any], backend: str, loader: DocumentLoader | None = None, repeat: int = 1
) -> Timing:
    """Milliseconds one backend takes to canonicalize `documents` `repeat` times (for bench/)."""
    start = time.perf_counter()
    for _ in range(repeat):
        for doc in documents:
            canonicalize(doc, loader, backend)
    return Timing(backend, (time.perf_counter() - start) * 1000)
