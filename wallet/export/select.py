"""Which stored credentials an export takes: a collection, a stack, or the learner's own pick.

Why a module of its own: the CLI and the Export dialog must agree on what "the collection
Job applications" or "the stack demo-eqf6" means, and an unknown name must be a plain error,
never an empty portfolio. A credential that bundles others (a CLR) brings the ones it carries,
right after it: they are part of what was chosen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wallet.errors import NotFound, WalletError
from wallet.messages import M


class SelectionError(WalletError):
    """The chosen set cannot be made as asked (unknown collection or stack, nothing chosen)."""


def collection_ids(store: Any, collection: str | int) -> list[str]:
    """The members of a collection named exactly `collection`, else of the one with that id."""
    wanted = str(collection).strip()
    found = [c for c in store.tags.collections() if c.name == wanted]
    if not found:
        found = [c for c in store.tags.collections() if c.name.casefold() == wanted.casefold()]
    if not found and wanted.isdigit():
        found = [c for c in store.tags.collections() if c.id == int(wanted)]
    if not found:
        names = ", ".join(repr(c.name) for c in store.tags.collections())
        raise SelectionError(
            M(
                "no collection called {name} (your collections: {names})",
                name=repr(wanted),
                names=names,
            )
            if names
            else M("no collection called {name} (your collections: none yet)", name=repr(wanted))
        )
    return _in_list_order(store, store.tags.collection_members(found[0].id))


def stack_ids(store: Any, stack: str) -> list[str]:
    """The credentials that count toward a stack (by id, else by name), as the Stacks view
    counts them: verified or with a warning, never failed, revoked or unchecked."""
    from wallet.stacks.engine import evaluate_wallet

    wanted = stack.strip()
    results = evaluate_wallet(store)
    match = next((r for r in results if r.stack.id == wanted), None) or next(
        (r for r in results if r.stack.name.casefold() == wanted.casefold()), None
    )
    if match is None:
        known = ", ".join(r.stack.id for r in results)
        raise SelectionError(
            M("no stack {name} (stacks in this wallet: {known})", name=repr(wanted), known=known)
            if known
            else M("no stack {name} (stacks in this wallet: none yet)", name=repr(wanted))
        )
    counted = counted_ids(match.root)
    if not counted:
        raise SelectionError(
            M(
                "nothing you hold counts toward “{stack}” yet, so "
                "there is nothing to export for it",
                stack=match.stack.name,
            )
        )
    return _in_list_order(store, counted)


def counted_ids(node: Any) -> set[str]:
    """Every credential counted anywhere in an evaluated requirement tree."""
    out = set(node.counted)
    for child in node.children:
        out |= counted_ids(child)
    return out


def _in_list_order(store: Any, ids: Iterable[str]) -> list[str]:
    """`ids` in the order the wallet's list shows them (newest first)."""
    wanted = set(ids)
    return [s.id for s in store.credentials.summaries() if s.id in wanted]


def with_bundled(store: Any, ids: Iterable[str]) -> list[str]:
    """Full ids, each once, every bundle followed by what it carries; unknown ids raise."""
    out: list[str] = []
    for given in ids:
        try:
            item = store.credentials.get(given)
        except NotFound as e:
            raise SelectionError(e.msg) from None
        for cid in (item.id, *item.children):
            if cid not in out:
                out.append(cid)
    return out


def select_ids(
    store: Any,
    *,
    collection: str | None = None,
    stack: str | None = None,
    ids: Iterable[str] = (),
    everything: bool = False,
) -> list[str]:
    """The stored credentials to export, from exactly one way of choosing them.

    Nothing is taken by default: the learner names a collection, a stack or ids, or says
    `everything` (the whole wallet) in so many words."""
    ids = [i for i in ids if i.strip()]
    ways = sum((collection is not None, stack is not None, bool(ids), everything))
    if ways == 0:
        raise SelectionError(
            M("choose what to export: a collection, a stack, credential ids, or everything")
        )
    if ways > 1:
        raise SelectionError(
            M(
                "choose one way of picking credentials: a collection, a stack, "
                "credential ids, or everything"
            )
        )
    if collection is not None:
        chosen = collection_ids(store, collection)
        if not chosen:
            raise SelectionError(M("the collection {name} is empty", name=repr(collection)))
    elif stack is not None:
        chosen = stack_ids(store, stack)
    elif everything:
        chosen = [s.id for s in store.credentials.summaries() if s.parent_id is None]
        if not chosen:
            raise SelectionError(M("the wallet holds no credentials yet"))
    else:
        chosen = ids
    return with_bundled(store, chosen)
