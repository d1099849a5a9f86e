"""What a use case changed in the wallet, so a front end refreshes only that.

Every use case's result carries a `Changes` (as `result.changes`). The window hands it to its
views: the list inserts the rows of `added` ids, drops `removed` ones and re-reads `updated`
ones (a new verdict or report, new tags) instead of reading 10,000 rows again; the stacks view
works its progress out again only when credentials, stacks or trust changed. `everything`
(a restore merges a whole backup: credentials, tags, collections, stacks, settings, trust) says
"read it all again". The command line ignores it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def _unique(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


@dataclass(frozen=True)
class Changes:
    """Full credential ids added, removed and updated (in the order they happened, each once),
    and which other parts of the wallet changed."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()  # still there, shown differently: verdict, report, tags
    stacks_changed: bool = False
    trust_changed: bool = False
    settings_changed: bool = False
    everything: bool = False  # anything may have changed: read it all again

    def __post_init__(self) -> None:
        # Each id once, in the order first named.
        object.__setattr__(self, "added", _unique(self.added))
        object.__setattr__(self, "removed", _unique(self.removed))
        object.__setattr__(self, "updated", _unique(self.updated))

    def __bool__(self) -> bool:
        """False when nothing changed (a check of QR codes, a backup written)."""
        return self != NOTHING

    @property
    def credentials_changed(self) -> bool:
        """Whether the list (or anything computed from the credentials) is out of date."""
        return self.everything or bool(self.added or self.removed or self.updated)

    def merge(self, later: Changes) -> Changes:
        """This change followed by `later`, as one: a credential added then removed was never
        there; one removed then added again (a re-import) is updated; an update of one added
        or removed in the same run is part of that."""
        back = set(self.removed) & set(later.added)  # removed, then imported again
        fleeting = set(self.added) & set(later.removed)  # added, then removed again
        undone = back | fleeting
        added = tuple(i for i in (*self.added, *later.added) if i not in undone)
        removed = tuple(i for i in (*self.removed, *later.removed) if i not in undone)
        settled = set(added) | set(removed) | fleeting
        updated = tuple(
            i
            for i in (*self.updated, *later.updated, *self.removed)
            if i not in settled and (i in back or i not in self.removed)
        )
        return Changes(
            added=added,
            removed=removed,
            updated=updated,
            stacks_changed=self.stacks_changed or later.stacks_changed,
            trust_changed=self.trust_changed or later.trust_changed,
            settings_changed=self.settings_changed or later.settings_changed,
            everything=self.everything or later.everything,
        )


NOTHING = Changes()
EVERYTHING = Changes(everything=True)


def merged(changes: Iterable[Changes]) -> Changes:
    """Several changes, in the order they happened, as one."""
    out = NOTHING
    for c in changes:
        out = out.merge(c)
    return out
