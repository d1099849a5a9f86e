"""Answer a verifier's request (OpenID4VP 1.0): the CLI's `respond` and the window's consent
screen call this, and only this.

The learner decides: the request is read and checked first (who asks, as far as its
signature proves it), the learner's credentials that answer it are found, and `decide` is
shown who asks, why, which credentials match and exactly what each would reveal. Nothing is
sent before it says yes; a no tells the verifier `access_denied` and nothing else. What was
sent is kept in the wallet's history of shares (`store.shares`), inside the encrypted file.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from wallet.actions.changes import NOTHING, Changes
from wallet.actions.presenting import holder_key
from wallet.messages import M, Msg
from wallet.present.claim_words import kept_words
from wallet.respond import RespondError, dcql, response
from wallet.respond.request import Request, read_request
from wallet.store import StoredCredential, WalletStore

MAX_CANDIDATES = 2000  # credentials looked at for one request (newest first)
WHOLE = "the whole credential"  # how a credential that cannot be shown in part is listed


@dataclass(frozen=True)
class Option:
    """One of the learner's credentials that answers a credential query."""

    credential_id: str
    title: str
    issuer: str | None
    verdict: str | None
    shown: tuple[str, ...]  # what the verifier would see (claim paths); () with `whole`
    whole: bool  # the whole credential would go: it cannot be shown in part
    words: tuple[Msg, ...] = ()  # `shown` in words a learner reads, one for each

    @property
    def said(self) -> tuple[Msg, ...]:
        """What the option reveals in words a learner reads ("Given name", not `given_name`):
        the matcher's words where it gave them, else read from the paths."""
        if len(self.words) == len(self.shown):
            return self.words
        return tuple(kept_words(path) for path in self.shown)


@dataclass(frozen=True)
class Wanted:
    """One credential the verifier asks for, and the learner's credentials that answer it."""

    query_id: str
    format: str
    options: tuple[Option, ...]
    multiple: bool  # the verifier takes several


@dataclass(frozen=True)
class Asked:
    """What the learner is shown before anything is sent."""

    client_id: str  # the verifier's identifier, with its prefix (what its signature proves)
    prefix: str  # how it is proven: x509_san_dns, x509_hash, decentralized_identifier, ...
    name: str | None  # the name it gives itself (not proven)
    host: str  # where the answer goes
    certificates: tuple[str, ...]  # its certificate chain's subjects, leaf first
    trusted: bool  # on the wallet's trust list
    purposes: tuple[str, ...]  # why, in the verifier's words
    wanted: tuple[Wanted, ...]


Picks = dict[str, list[str]]  # query id -> the chosen credential ids
Decide = Callable[[Asked], Picks | None]  # None: the learner declined


@dataclass(frozen=True)
class Responded:
    """The answer's outcome: what went to whom (or that the learner said no)."""

    asked: Asked
    sent: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (credential id, what it revealed)
    declined: bool = False
    redirect_uri: str | None = None  # where the verifier says to go next (not opened here)

    @property
    def changes(self) -> Changes:
        return NOTHING  # the history of shares is in no list the window shows yet


def first_options(asked: Asked) -> Picks:
    """The default choice: the first matching credential for each credential asked for."""
    return {w.query_id: [w.options[0].credential_id] for w in asked.wanted if w.options}


def picks_from(asked: Asked, chosen: Sequence[str]) -> Picks:
    """A choice from credential ids (or unique prefixes of them), such as the CLI's `--pick`:
    for each credential asked for, the chosen ones that answer it, else the first match. An id
    that answers nothing asked is one sentence."""
    picks: Picks = {}
    used: set[str] = set()
    for wanted in asked.wanted:
        ids = [
            o.credential_id
            for o in wanted.options
            if any(o.credential_id.startswith(c) for c in chosen)
        ]
        used.update(c for c in chosen for i in ids if i.startswith(c))
        picks[wanted.query_id] = (ids if wanted.multiple else ids[:1]) or [
            wanted.options[0].credential_id
        ]
    unused = [c for c in chosen if c not in used]
    if unused:
        raise RespondError(
            M(
                "{ids} answers nothing the verifier asks for",
                ids=", ".join(u[:40] for u in unused),
            )
        )
    return picks


def option_of(match: dcql.Match, verdict: str | None) -> Option:
    """How the consent screen lists a matching credential: what it is and what it reveals."""
    stored = match.credential
    return Option(
        stored.id,
        stored.credential.title,
        stored.credential.issuer.name or stored.credential.issuer.id,
        verdict,
        match.shown,
        match.whole,
        match.words,
    )


def _candidates(store: WalletStore) -> list[StoredCredential]:
    summaries = store.credentials.summaries()[:MAX_CANDIDATES]
    return [store.credentials.get(s.id) for s in summaries]


def _trusted(store: WalletStore, request: Request) -> bool:
    trusted = store.trust.issuers()
    names = (request.verifier.client_id, request.verifier.identifier, request.verifier.did)
    return any(n and n in trusted for n in names)


def respond(
    store: WalletStore,
    link: str,
    *,
    decide: Decide,
    now: _dt.datetime | None = None,
) -> Responded:
    """Answer the verifier's request `link` stands for with the credentials the learner picks.

    Raises RespondError (one sentence) for a request that does not hold, or one the wallet
    cannot answer (nothing sent); a verifier that refuses the answer raises it too (the answer
    was sent, and the history says so)."""
    request = read_request(link)
    if store.shares.answered(request.nonce):
        raise RespondError(
            M(
                "this wallet has already answered this request (the same nonce): a verifier "
                "never asks twice, so someone may be replaying it; nothing was sent"
            )
        )
    candidates = _candidates(store)
    verdicts = store.checks.verdicts_of([c.id for c in candidates])
    found = {q.id: dcql.match(q, candidates) for q in request.query.credentials}
    needed, missing = dcql.needed(request.query, found)
    if missing:
        what = [q for q in request.query.credentials if q.id in missing]
        raise RespondError(
            M(
                "none of your credentials is what the verifier asks for ({what}); nothing was sent",
                what=", ".join(
                    ", ".join(q.vct_values or (t[-1] for t in q.type_values)) or q.format
                    for q in what
                )[:300],
            )
        )
    wanted = tuple(
        Wanted(
            q.id,
            q.format,
            tuple(option_of(m, verdicts.get(m.credential.id)) for m in found[q.id]),
            q.multiple,
        )
        for q in request.query.credentials
        if q.id in needed
    )
    verifier = request.verifier
    asked = Asked(
        verifier.client_id,
        verifier.prefix,
        verifier.name,
        verifier.host,
        verifier.certificates,
        _trusted(store, request),
        request.query.purposes,
        wanted,
    )
    picks = decide(asked)
    if picks is None:
        response.decline(request)
        return Responded(asked, declined=True)
    chosen: list[dcql.Match] = []
    for w in wanted:
        ids = picks.get(w.query_id) or []
        matches = [m for m in found[w.query_id] if m.credential.id in ids]
        if not matches:
            raise RespondError(M("choose a credential for each thing the verifier asks for"))
        chosen.extend(matches if w.multiple else matches[:1])
    default = holder_key(store)
    own = {k.did: store.keys.private_key(k.did) for k in store.keys.all()}
    fallback = response.Key(default.key, default.did)
    token = response.vp_token(
        chosen,
        lambda m: response.holder_of(m, own, fallback),
        request,
        now or _dt.datetime.now(_dt.UTC),
    )
    sent = tuple((m.credential.id, m.shown or (WHOLE,)) for m in chosen)

    def remember() -> None:
        store.shares.add(
            nonce=request.nonce,
            client_id=verifier.client_id,
            verifier=verifier.name,
            host=verifier.host,
            purpose="; ".join(request.query.purposes) or None,
            credentials=[cid for cid, _ in sent],
            revealed=[list(shown) for _, shown in sent],
        )

    try:
        answered = response.send(request, token)
    except response.VerifierRefused:
        remember()  # it has seen the presentation, accepted or not
        raise
    remember()
    return Responded(asked, sent, redirect_uri=answered.redirect_uri)
