"""Receive credentials through an issuer's exchange: a DCC request link or an interaction URL
(the CLI's `receive`, like an OpenID4VCI offer).

The learner decides: before the wallet takes part in the exchange, `confirm` is shown where it
goes (the host it really talks to, the name the link gives, whether that is on the trust list);
an interaction URL that offers OpenID4VCI goes to that path instead (`receiving.receive`, with
its own screen). The exchange then usually asks the wallet to prove it holds its key (DID
Authentication: a presentation with no credentials, signed by the holder key over the
exchange's challenge and domain); if it asks to see credentials (QueryByExample), `confirm` is
shown what is asked and which of the learner's credentials would go, and only a yes sends them.
What arrives goes through the same import-and-verify path as any file, and is judged as an
offer's credentials are (`receiving.take_received`): one bound to another key than the
wallet's, or not signed by the issuer, is kept out with one plain sentence.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Unpack
from urllib.parse import urlsplit

from wallet.actions.importing import Log, changes_of
from wallet.actions.presenting import holder_key
from wallet.actions.receiving import (
    OfferAnswers,
    Offered,
    Received,
    receive,
    take_received,
)
from wallet.importer import ItemResult
from wallet.messages import M
from wallet.proofs import keys
from wallet.receive import ReceiveError, links, vcapi
from wallet.store import StoredCredential, WalletStore


@dataclass(frozen=True)
class Asked:
    """What an exchange asks to see before it goes on, shown to the learner: nothing is sent
    without a yes."""

    host: str  # the host the wallet talks to
    reasons: tuple[str, ...]  # the exchange's own words (a stranger's text)
    credentials: tuple[str, ...]  # the titles of the learner's credentials that would go


Confirm = Callable[[Offered | Asked], bool]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _on_trust_list(store: WalletStore, *names: str | None) -> bool:
    trusted = store.trust.issuers()
    return any(n and (n in trusted or n.rstrip("/") in trusted) for n in names)


def _document(stored: StoredCredential) -> dict[str, Any] | None:
    """The credential as a JSON object (a JWT's `vc` claim for VC-JWT), else None."""
    try:
        doc = json.loads(stored.payload)
    except ValueError:
        return None
    if isinstance(doc, dict) and isinstance(doc.get("vc"), dict):
        return dict(doc["vc"])
    return doc if isinstance(doc, dict) else None


def _matches(stored: StoredCredential, example: vcapi.Example) -> bool:
    doc = _document(stored)
    if doc is None:
        return False
    kinds = doc.get("type")
    have = set(kinds if isinstance(kinds, list) else [kinds])
    if not set(example.types) <= have:
        return False
    return not example.issuers or stored.credential.issuer.id in example.issuers


def _wanted(store: WalletStore, request: vcapi.Request) -> list[StoredCredential]:
    """For each example asked, the newest matching credential (only one: share the least);
    refused when a required one is missing."""
    from wallet.present.disclosure import SD_JWT_MODE, mode_of

    chosen: list[StoredCredential] = []
    summaries = store.credentials.summaries()
    for example in request.examples:
        found = None
        for summary in summaries:
            if summary.parent_id is not None:
                continue
            stored = store.credentials.get(summary.id)
            if mode_of(stored) != SD_JWT_MODE and _matches(stored, example):
                found = stored
                break
        if found is None and example.required:
            raise ReceiveError(
                M(
                    "the exchange at {host} asks to see a credential of a kind the wallet does "
                    "not hold ({kind}); nothing was sent",
                    host=request.host,
                    kind=", ".join(example.types) or "?",
                )
            )
        if found is not None and all(c.id != found.id for c in chosen):
            chosen.append(found)
    return chosen


def _did_auth(holder: keys.Holder, challenge: str | None, domain: str | None) -> dict[str, Any]:
    """DID Authentication: a presentation with no credentials, signed by the holder key over
    the exchange's challenge and domain, proving the wallet holds its key."""
    from wallet.present.presentation import make_vp

    return make_vp(
        [],
        holder.key,
        holder.did,
        challenge=challenge,
        domain=domain,
        now=_dt.datetime.now(_dt.UTC),
        did_auth=True,
    )


def _answer(
    store: WalletStore, holder: keys.Holder, request: vcapi.Request, confirm: Confirm
) -> dict[str, Any] | None:
    """The presentation the exchange asked for: holder-signed over its challenge and domain
    (proof purpose authentication), with the credentials it asked to see only on a yes."""
    from wallet.present.disclosure import build_presentation

    shown = _wanted(store, request) if request.examples else []
    if request.examples:
        asked = Asked(
            host=request.host,
            reasons=tuple(e.reason for e in request.examples if e.reason),
            credentials=tuple(c.credential.title for c in shown),
        )
        if not confirm(asked):
            return None
    if not shown:
        return _did_auth(holder, request.challenge, request.domain)
    presentation = build_presentation(
        [(stored, None) for stored in shown],
        holder.key,
        holder.did,
        challenge=request.challenge,
        domain=request.domain,
    )
    assert isinstance(presentation, dict)  # SD-JWT credentials are never chosen above
    return presentation


def receive_exchange(
    store: WalletStore,
    link: str,
    *,
    confirm: Confirm,
    progress: Callable[[ItemResult], None] | None = None,
    log: Log | None = None,
    **offer: Unpack[OfferAnswers],
) -> Received:
    """Receive what a link the learner gave leads to, bound to the wallet's holder key: an
    OpenID4VCI offer (`receiving.receive`), or an exchange link (a DCC request, an interaction
    URL). The one place the CLI and the window tell them apart.

    `confirm(offered)` decides whether to take part at all, `confirm(asked)` whether to show
    the credentials an exchange asks for (False: nothing more is sent). An interaction URL
    offering OpenID4VCI, or an offer itself, is received as that offer (`offer`: what only an
    offer needs, such as a transaction code or the browser for a sign-in; see
    `receiving.OfferAnswers`). A problem before any credential arrived raises ReceiveError (the
    wallet is unchanged); a credential kept out is a FAILED result line, and the others still
    go in."""
    if links.kind(link) != links.EXCHANGE:  # an offer (the offer reader says what is wrong)
        target: links.DccRequest | links.Interaction | links.Protocols = links.Protocols(link)
    else:
        target = links.parse_link(link)
    if isinstance(target, links.Interaction):
        target = vcapi.fetch_protocols(target.url)
    name: str | None = None
    challenge: str | None = None
    if isinstance(target, links.Protocols):
        chosen, address = links.choose(target)
        if chosen == links.OFFER:
            return receive(store, address, confirm=confirm, progress=progress, log=log, **offer)
        url = address
    else:
        url, name, challenge = target.request_url, target.issuer, target.challenge
    offered = Offered(
        issuer_id=_origin(url),
        host=urlsplit(url).hostname or "",
        name=name,
        logo=None,
        trusted=_on_trust_list(store, _origin(url), name),
        credentials=(),
        tx_code=None,
    )
    if not confirm(offered):
        return Received(offered, declined=True)
    holder = holder_key(store)
    first = None
    if challenge is not None:  # a DCC request link: open with the signed presentation itself
        first = _did_auth(holder, challenge, None)
    outcome = vcapi.run(url, lambda request: _answer(store, holder, request, confirm), first=first)
    if outcome.declined is not None:
        return Received(offered, declined=True)
    label = f"{offered.host}: {name}" if name else offered.host
    results: list[ItemResult] = []
    for credential in outcome.credentials:
        result = take_received(store, credential, holder, label, log)
        results.append(result)
        if progress is not None:
            progress(result)
    return Received(offered, tuple(results), changes_of(store, results))
