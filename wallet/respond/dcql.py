"""What a verifier asks for (a DCQL query, OpenID4VP 1.0 section 6) and which of the learner's
credentials answer it.

Why here and bounded: the query is a stranger's, so its size is capped (credential queries,
claims, path lengths) and matching walks each credential at most once per claim. A
credential matches a credential query when its format and type (`vct_values` for SD-JWT VCs,
`type_values` for W3C credentials: expanded type IRIs, compared after JSON-LD expansion over
the wallet's own contexts) fit and every claim asked for is in it (with one of the `values`
where they are given). What would be revealed is said exactly: the claims asked for and what
the issuer made always visible for an SD-JWT VC, the whole credential otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from wallet.credential import DATA_INTEGRITY, JWT, SD_JWT
from wallet.errors import WalletError
from wallet.messages import M, Msg
from wallet.proofs import jose
from wallet.respond import RespondError
from wallet.store import StoredCredential

LDP_VC = "ldp_vc"
JWT_VC_JSON = "jwt_vc_json"
DC_SD_JWT = "dc+sd-jwt"
VC_SD_JWT = "vc+sd-jwt"  # the drafts' name
FORMATS = (LDP_VC, JWT_VC_JSON, DC_SD_JWT, VC_SD_JWT)
MAX_QUERIES = 20
MAX_CLAIMS = 50
MAX_PATH = 16
MAX_VALUES = 50
MAX_SETS = 20
MAX_ID = 200
# What an SD-JWT always shows that says nothing about the learner (not listed as revealed).
_TECHNICAL = {"iss", "iat", "nbf", "exp", "vct", "cnf", "status", "_sd_alg", "vct#integrity"}

Path = tuple[str | int | None, ...]


@dataclass(frozen=True)
class ClaimQuery:
    path: Path
    values: tuple[Any, ...] = ()


@dataclass(frozen=True)
class CredentialQuery:
    id: str
    format: str
    vct_values: tuple[str, ...] = ()
    type_values: tuple[tuple[str, ...], ...] = ()
    claims: tuple[ClaimQuery, ...] | None = None  # None: the verifier names no claims
    multiple: bool = False


@dataclass(frozen=True)
class CredentialSet:
    options: tuple[tuple[str, ...], ...]
    required: bool = True
    purpose: str | None = None


@dataclass(frozen=True)
class Query:
    credentials: tuple[CredentialQuery, ...]
    sets: tuple[CredentialSet, ...] = ()

    @property
    def purposes(self) -> tuple[str, ...]:
        return tuple(s.purpose for s in self.sets if s.purpose)


@dataclass(frozen=True)
class Match:
    """One credential that answers one credential query, and what answering reveals."""

    query: CredentialQuery
    credential: StoredCredential
    reveal: tuple[str, ...]  # SD-JWT claim paths to disclose ("/"-joined); () for whole ones
    shown: tuple[str, ...]  # what the verifier will see, as claim paths a person can read
    whole: bool  # the whole credential goes (it cannot be shown in part)
    words: tuple[Msg, ...] = ()  # `shown` in words a learner reads, one for each


def _bad(what: str) -> RespondError:
    return RespondError(M("the verifier's query cannot be read: {what}", what=what))


def _strings(value: Any, limit: int, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > limit:
        raise _bad(what)
    if not all(isinstance(v, str) and len(v) <= 2048 for v in value):
        raise _bad(what)
    return tuple(value)


def _path(raw: Any) -> Path:
    if not isinstance(raw, list) or not 0 < len(raw) <= MAX_PATH:
        raise _bad("a claim path")
    for step in raw:
        if not (
            step is None
            or (isinstance(step, str) and len(step) <= 200)
            or (isinstance(step, int) and not isinstance(step, bool) and 0 <= step < 10_000)
        ):
            raise _bad("a claim path")
    return tuple(raw)


def _claims(raw: Any) -> tuple[ClaimQuery, ...] | None:
    if raw is None:
        return None
    if not isinstance(raw, list) or not 0 < len(raw) <= MAX_CLAIMS:
        raise _bad("claims")
    out = []
    for claim in raw:
        if not isinstance(claim, dict):
            raise _bad("claims")
        values = claim.get("values")
        if values is not None and (not isinstance(values, list) or len(values) > MAX_VALUES):
            raise _bad("claim values")
        out.append(ClaimQuery(_path(claim.get("path")), tuple(values or ())))
    return tuple(out)


def _credential_query(raw: Any) -> CredentialQuery:
    if not isinstance(raw, dict):
        raise _bad("a credential query")
    cid, fmt = raw.get("id"), raw.get("format")
    if not isinstance(cid, str) or not 0 < len(cid) <= MAX_ID:
        raise _bad("a credential query id")
    if not isinstance(fmt, str) or len(fmt) > 100:
        raise _bad("a credential format")
    found = raw.get("meta")
    meta: dict[str, Any] = found if isinstance(found, dict) else {}
    types = meta.get("type_values")
    if types is not None and (not isinstance(types, list) or len(types) > MAX_VALUES):
        raise _bad("type_values")
    return CredentialQuery(
        cid,
        fmt,
        _strings(meta.get("vct_values"), MAX_VALUES, "vct_values"),
        tuple(_strings(t, MAX_VALUES, "type_values") for t in types or ()),
        _claims(raw.get("claims")),
        raw.get("multiple") is True,
    )


def parse_query(raw: Any) -> Query:
    """A DCQL query, checked and bounded; one sentence for anything unusable."""
    if not isinstance(raw, dict):
        raise _bad("it is not a JSON object")
    credentials = raw.get("credentials")
    if not isinstance(credentials, list) or not 0 < len(credentials) <= MAX_QUERIES:
        raise _bad("it asks for no credentials, or too many")
    queries = tuple(_credential_query(c) for c in credentials)
    ids = [q.id for q in queries]
    if len(set(ids)) != len(ids):
        raise _bad("two credential queries have the same id")
    sets = []
    raw_sets = raw.get("credential_sets")
    if raw_sets is not None:
        if not isinstance(raw_sets, list) or len(raw_sets) > MAX_SETS:
            raise _bad("credential_sets")
        for entry in raw_sets:
            options = entry.get("options") if isinstance(entry, dict) else None
            if not isinstance(options, list) or not 0 < len(options) <= MAX_SETS:
                raise _bad("credential_sets")
            chosen = tuple(_strings(o, MAX_QUERIES, "credential_sets") for o in options)
            if any(i not in ids for o in chosen for i in o):
                raise _bad("credential_sets name a query that is not there")
            purpose = entry.get("purpose")
            sets.append(
                CredentialSet(
                    chosen,
                    entry.get("required", True) is not False,
                    purpose[:300] if isinstance(purpose, str) else None,
                )
            )
    return Query(queries, tuple(sets))


# --- matching --------------------------------------------------------------------------------


def _at(node: Any, path: Path) -> list[Any]:
    """The values `path` reaches in `node` (None: every element of an array)."""
    found = [node]
    for step in path:
        nxt: list[Any] = []
        for value in found:
            if step is None and isinstance(value, list):
                nxt.extend(value)
            elif isinstance(step, str) and isinstance(value, dict) and step in value:
                nxt.append(value[step])
            elif isinstance(step, int) and isinstance(value, list) and step < len(value):
                nxt.append(value[step])
        found = nxt
    return found


def _has(node: Any, claim: ClaimQuery) -> bool:
    found = _at(node, claim.path)
    if not claim.values:
        return bool(found)
    return any(v in claim.values for v in found if not isinstance(v, (dict, list)))


def _readable(path: Path) -> str:
    return ".".join("*" if p is None else str(p) for p in path)


def _disclosure_path(path: Path) -> str:
    """A DCQL path as the SD-JWT reader names claims: up to any "every element" step."""
    steps: list[str] = []
    for p in path:
        if p is None:
            break
        steps.append(str(p).replace("~", "~0").replace("/", "~1"))
    return "/".join(steps)


def _types_expanded(doc: dict[str, Any]) -> set[str]:
    """The credential's types as IRIs (JSON-LD expansion over the wallet's contexts); failing
    that, its types as written (a verifier naming short types still finds it)."""
    types = doc.get("type")
    written = {types} if isinstance(types, str) else {t for t in types or [] if isinstance(t, str)}
    try:
        from wallet.proofs.canon import expand_safe

        expanded = expand_safe({"@context": doc.get("@context"), "type": list(written)})
        found = expanded[0].get("@type", []) if expanded else []
        return {t for t in found if isinstance(t, str)} | written
    except (WalletError, ValueError, TypeError, KeyError, IndexError):
        return written


def _type_fits(query: CredentialQuery, doc: dict[str, Any]) -> bool:
    if not query.type_values:
        return True
    have = _types_expanded(doc)
    return any(all(t in have for t in option) for option in query.type_values)


def _sd_jwt_match(query: CredentialQuery, stored: StoredCredential) -> Match | None:
    text = stored.payload.decode("utf-8", "replace").strip()
    try:
        _, payload = jose.sd_jwt_processed(text, strict=False)
    except (WalletError, ValueError):
        return None
    if query.vct_values and payload.get("vct") not in query.vct_values:
        return None
    from wallet.present.presentation import sd_jwt_claims

    claims = sd_jwt_claims(text)
    from wallet.present.claim_words import claim_words

    visible = tuple(
        c.path for c in claims if c.disclosure is None and c.path.split("/")[0] not in _TECHNICAL
    )
    if query.claims is None:  # no claims named: the verifier asks for all of it
        reveal = tuple(c.path for c in claims if c.disclosure is not None)
        shown = tuple(dict.fromkeys(reveal + visible))
        return Match(query, stored, reveal, shown, False, tuple(map(claim_words, shown)))
    if not all(_has(payload, c) for c in query.claims):
        return None
    reveal = tuple(dict.fromkeys(_disclosure_path(c.path) for c in query.claims))
    # Each shown path with its words: the asked ones are DCQL paths, the visible ones the
    # SD-JWT reader's slash paths, so each is read as what it is.
    said: dict[str, Msg] = {}
    for c in query.claims:
        said.setdefault(_readable(c.path), claim_words(c.path))
    for path in visible:
        said.setdefault(path, claim_words(path))
    return Match(query, stored, reveal, tuple(said), False, tuple(said.values()))


def _w3c_document(stored: StoredCredential, fmt: str) -> dict[str, Any] | None:
    form = stored.credential.proof_form
    try:
        if fmt == LDP_VC and form == DATA_INTEGRITY:
            doc = jose.load_json_bytes(stored.payload)
        elif fmt == JWT_VC_JSON and form == JWT:
            _, claims = jose.decode_compact_json(stored.payload.decode("ascii").strip())
            doc = claims.get("vc", claims) if isinstance(claims, dict) else None
        else:
            return None
    except (WalletError, ValueError, UnicodeDecodeError):
        return None
    return doc if isinstance(doc, dict) else None


def match(query: CredentialQuery, credentials: Iterable[StoredCredential]) -> list[Match]:
    """The learner's credentials that answer `query`, in the order given."""
    found: list[Match] = []
    for stored in credentials:
        if query.format in (DC_SD_JWT, VC_SD_JWT):
            if stored.credential.proof_form == SD_JWT:
                m = _sd_jwt_match(query, stored)
                if m is not None:
                    found.append(m)
            continue
        doc = _w3c_document(stored, query.format)
        if doc is None or not _type_fits(query, doc):
            continue
        if query.claims is not None and not all(_has(doc, c) for c in query.claims):
            continue
        found.append(Match(query, stored, (), (), True))
    return found


def needed(query: Query, found: dict[str, list[Match]]) -> tuple[list[str], list[str]]:
    """Which credential queries to answer (ids) and which required ones nothing answers:
    every query when the verifier gives no sets, else the first option of each set that the
    learner's credentials can answer (a required set with none is missing)."""
    if not query.sets:
        ids = [q.id for q in query.credentials]
        return ids, [i for i in ids if not found.get(i)]
    answer: list[str] = []
    missing: list[str] = []
    for entry in query.sets:
        option = next((o for o in entry.options if all(found.get(i) for i in o)), None)
        if option is not None:
            answer.extend(i for i in option if i not in answer)
        elif entry.required:
            missing.extend(i for i in entry.options[0] if not found.get(i))
    return answer, missing
