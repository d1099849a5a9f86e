"""Keeping and removing stacks (pathways to larger awards): the CLI's `stack import` and
`stack remove`, the window's Import Stack and New Goal, and the demo wallet's pathways."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wallet.actions.changes import Changes
from wallet.store import WalletStore

if TYPE_CHECKING:
    from wallet.stacks.model import Stack


@dataclass(frozen=True)
class StackKept:
    """The stack kept, and whether it replaced one with the same id."""

    stack_id: str
    name: str
    source: str
    replaced: bool

    @property
    def changes(self) -> Changes:
        return Changes(stacks_changed=True)


@dataclass(frozen=True)
class StackRemoved:
    stack_id: str

    @property
    def changes(self) -> Changes:
        return Changes(stacks_changed=True)


def keep_stack(store: WalletStore, stack: Stack, *, source: str | None = None) -> StackKept:
    """Keep a checked stack in our own format (or replace the one with its id); `source`
    defaults to where the stack says it came from."""
    from wallet.stacks.load import dump_stack

    source = stack.source if source is None else source
    replaced = any(kept.id == stack.id for kept in store.stacks.all())
    store.stacks.save(
        stack.id,
        stack.name,
        source,
        json.dumps(dump_stack(stack), ensure_ascii=False).encode("utf-8"),
    )
    return StackKept(stack.id, stack.name, source, replaced)


def import_stack(store: WalletStore, data: bytes) -> StackKept:
    """Read a stack file in any format we know (WalletError otherwise) and keep it."""
    from wallet.stacks.load import load_any

    return keep_stack(store, load_any(data))


def remove_stack(store: WalletStore, stack_id: str) -> StackRemoved:
    """Remove a kept stack; NotFound when there is none with that id."""
    store.stacks.delete(stack_id)
    return StackRemoved(stack_id)
