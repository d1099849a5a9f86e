"""Subscribing to issuer registries: the CLI's `registry` commands and Settings → Trusted issuers.

A registry in the Digital Credentials Consortium's format (the one the DCC Learner Credential
Wallet reads) is a plain JSON document listing issuers by DID, each with a name, and maybe a
location and a website:

    {"meta": {"created": "…", "updated": "…"},
     "registry": {"did:web:uni.example": {"name": "…", "location": "…", "url": "https://…"}}}

(older copies call `registry` `entries`). The wallet fetches one only because the learner asked
(subscribing, or Refresh), keeps its last good copy inside the wallet, and verification then
reads that copy offline: an issuer it lists is known, and the issuer check says which registry
confirmed it and how old the copy is. A bad document changes nothing and says what is wrong; a
failed refresh keeps the copy the wallet had. After every change the credentials of the issuers
concerned are checked again (offline), as trusting an issuer does.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from wallet.actions.changes import NOTHING, Changes, merged
from wallet.actions.verifying import check_again
from wallet.errors import FormatError, NotFound, WalletError
from wallet.messages import M, Msg
from wallet.store import Listing, RegistryEntry, Subscription, WalletStore

MAX_REGISTRY_BYTES = 4 * 1024 * 1024  # one registry document (the DCC's are a few KiB)
MAX_REGISTRY_ENTRIES = 10_000  # issuers one registry may list
MAX_ID = 2048  # characters of an issuer identifier
MAX_TEXT = 1000  # characters of a name, location or website


class RegistryError(WalletError):
    """A registry could not be fetched, or is not one; nothing was changed."""


@dataclass(frozen=True)
class ParsedRegistry:
    """What a registry document says: its own name (if it gives one) and its issuers."""

    name: str | None
    entries: tuple[RegistryEntry, ...]


@dataclass(frozen=True)
class RegistryChanged:
    """A subscription added (or fetched again) or removed; `changes` covers the credentials of
    the issuers concerned, checked again."""

    subscription: Subscription | None = None
    changes: Changes = field(default=NOTHING, compare=False)


@dataclass(frozen=True)
class Refreshed:
    """What a refresh did: the registries fetched anew, and those that failed (each with its
    `problem`; their last good copy is kept)."""

    refreshed: tuple[Subscription, ...] = ()
    failed: tuple[Subscription, ...] = ()
    changes: Changes = field(default=NOTHING, compare=False)


# --- reading a registry document --------------------------------------------------------------


def _bad(problem: Msg) -> RegistryError:
    return RegistryError(M("this is not an issuer registry: {problem}", problem=problem))


def _text(value: Any, longest: int = MAX_TEXT) -> str | None:
    """A stranger's optional text, trimmed to one line; None when absent or not text."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text[:longest] or None


def parse_registry(data: bytes) -> ParsedRegistry:
    """A registry document's issuers, read with bounded work (size, nesting and entry caps);
    RegistryError saying what is wrong otherwise."""
    from wallet.proofs.jose import load_json_bytes

    if len(data) > MAX_REGISTRY_BYTES:
        raise _bad(M("larger than {size} MiB", size=MAX_REGISTRY_BYTES // (1024 * 1024)))
    try:
        doc = load_json_bytes(data, M("the document is"))
    except FormatError as e:
        raise _bad(e.msg) from None
    if not isinstance(doc, dict):
        raise _bad(M("the document is not a JSON object"))
    listed = doc.get("registry", doc.get("entries"))
    if not isinstance(listed, dict):
        raise _bad(M('it has no "registry" object listing issuers'))
    if not listed:
        raise _bad(M("it lists no issuers"))
    if len(listed) > MAX_REGISTRY_ENTRIES:
        raise _bad(M("it lists more than {count} issuers", count=MAX_REGISTRY_ENTRIES))
    entries: list[RegistryEntry] = []
    for issuer_id, about in listed.items():
        shown = issuer_id[:80]
        if len(issuer_id) > MAX_ID or not issuer_id.startswith(("did:", "https://")):
            raise _bad(M("{id} is not an issuer identifier (a DID)", id=shown))
        if not isinstance(about, dict):
            raise _bad(M("the entry of {id} is not an object", id=shown))
        name = _text(about.get("name"))
        if name is None:
            raise _bad(M("the entry of {id} has no name", id=shown))
        entries.append(
            RegistryEntry(issuer_id, name, _text(about.get("location")), _text(about.get("url")))
        )
    meta = doc.get("meta")
    own_name = _text(doc.get("name")) or (
        _text(meta.get("name")) if isinstance(meta, dict) else None
    )
    return ParsedRegistry(own_name, tuple(entries))


def _checked_url(url: str) -> str:
    address = url.strip()
    parts = urlsplit(address)
    if parts.scheme.lower() not in ("https", "http") or not parts.hostname:
        raise RegistryError(
            M("{url} is not the address of an issuer registry (https://…)", url=address[:200])
        )
    return address


def fetch_registry(url: str) -> ParsedRegistry:
    """Fetch and read one registry now (the learner asked); RegistryError if either fails."""
    from wallet.sources import SourceError, fetch_url

    try:
        data = fetch_url(
            url,
            max_bytes=MAX_REGISTRY_BYTES,
            allow_loopback=True,  # the learner named this address
            accept="application/json",
        )
    except SourceError as e:
        raise RegistryError(
            M(
                "the issuer registry could not be fetched from {url}: {problem}",
                url=url,
                problem=e.msg,
            )
        ) from None
    return parse_registry(data)


# --- use cases --------------------------------------------------------------------------------


def _checked_again(store: WalletStore, issuer_ids: Iterable[str]) -> Changes:
    """The credentials of these issuers, now judged differently, checked again offline."""
    ids = tuple(store.credentials.issued_by(issuer_ids))
    if not ids:
        return Changes(trust_changed=True)
    return check_again(store, Changes(updated=ids, trust_changed=True))


def subscribe(store: WalletStore, url: str, name: str | None = None) -> RegistryChanged:
    """Subscribe to the registry at `url`: fetch it now, keep it, and check the credentials
    of its issuers again. Subscribing again fetches it again (and renames it, given a name).
    A registry that cannot be fetched or read changes nothing (RegistryError)."""
    address = _checked_url(url)
    parsed = fetch_registry(address)
    before = store.registries.get(address)
    title = (
        _text(name)
        or parsed.name
        or (before.name if before is not None else None)
        or urlsplit(address).hostname
        or address
    )
    old_ids = store.registries.issuer_ids(address) if before is not None else []
    store.registries.save(address, title, parsed.entries)
    changes = _checked_again(store, [*old_ids, *(e.issuer_id for e in parsed.entries)])
    return RegistryChanged(store.registries.get(address), changes)


def unsubscribe(store: WalletStore, url: str) -> RegistryChanged:
    """Forget a registry and its copy; its issuers' credentials are checked again. NotFound
    when the wallet is not subscribed to `url`."""
    address = url.strip()
    before = store.registries.get(address)
    if before is None:
        raise NotFound(M("you are not subscribed to the issuer registry {url}", url=address))
    old_ids = store.registries.issuer_ids(address)
    store.registries.remove(address)
    return RegistryChanged(before, _checked_again(store, old_ids))


def refresh(store: WalletStore, urls: Iterable[str] | None = None) -> Refreshed:
    """Fetch every subscribed registry again (or those named), now: the learner asked. One that
    fails keeps its last good copy and notes why; the others replace theirs."""
    subs = store.registries.all()
    if urls is not None:
        wanted = {u.strip() for u in urls}
        subs = [s for s in subs if s.url in wanted]
    done: list[Subscription] = []
    failed: list[Subscription] = []
    changes: list[Changes] = []
    for sub in subs:
        try:
            parsed = fetch_registry(sub.url)
        except RegistryError as e:
            store.registries.set_problem(sub.url, e.msg)
            failed.append(store.registries.get(sub.url) or sub)
            continue
        old_ids = store.registries.issuer_ids(sub.url)
        store.registries.save(sub.url, sub.name, parsed.entries)
        changes.append(_checked_again(store, [*old_ids, *(e.issuer_id for e in parsed.entries)]))
        done.append(store.registries.get(sub.url) or sub)
    return Refreshed(tuple(done), tuple(failed), merged(changes))


def subscriptions(store: WalletStore) -> list[Subscription]:
    """Every subscribed registry: name, address, how many issuers its copy lists, when that
    copy was fetched and, when the last refresh failed, why."""
    return store.registries.all()


def fetched_on(sub: Subscription) -> _dt.date | str:
    """The day the kept copy was fetched, as a message argument (said per language)."""
    from wallet.verify.checks import parse_time

    moment = parse_time(sub.fetched_at)
    return moment.date() if moment is not None else sub.fetched_at[:10]


def summary(sub: Subscription) -> Msg:
    """One line about a subscription's copy: how many issuers, how fresh, and why the last
    refresh failed when it did (the CLI's list and the Settings list show it)."""
    day = fetched_on(sub)
    if sub.issuers == 1:
        line = M("1 issuer, fetched {day}", day=day)
    else:
        line = M("{count} issuers, fetched {day}", count=sub.issuers, day=day)
    if sub.problem is None:
        return line
    return M("{summary}; the last refresh failed: {problem}", summary=line, problem=sub.problem)


def listed_as(listing: Listing) -> Msg:
    """What a subscribed registry says of an issuer, for the learner deciding to trust it."""
    entry, day = listing.entry, fetched_on(listing.registry)
    name = entry.name or entry.issuer_id
    if entry.location:
        return M(
            "Listed as \u201c{name}\u201d ({location}) in {registry}'s issuer registry, "
            "fetched {day}.",
            name=name,
            location=entry.location,
            registry=listing.registry.name,
            day=day,
        )
    return M(
        "Listed as \u201c{name}\u201d in {registry}'s issuer registry, fetched {day}.",
        name=name,
        registry=listing.registry.name,
        day=day,
    )
