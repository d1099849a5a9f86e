"""Verifying stored credentials again (offline, or online when the person asked): the CLI's
`verify ID...` / `verify --all` and the window's Check now / Check online now. Every report is
kept in the wallet, as the list and the detail view show it."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wallet.actions.changes import Changes
from wallet.store import WalletStore

if TYPE_CHECKING:
    from wallet.verify.report import Report


@dataclass(frozen=True)
class Verified:
    """What a check found, in the order checked: id -> verdict, and id -> the report kept."""

    verdicts: dict[str, str] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)

    @property
    def changes(self) -> Changes:
        """Each checked credential shows a new report (and maybe a new verdict); a hosted
        badge whose issuer's copy a check confirmed shows the issuer's details too (its title,
        description, issuer: wallet.verify.verifier.hosted_details), so its row, card and
        detail pane are read again."""
        return Changes(updated=tuple(self.verdicts))


def verify_credentials(
    store: WalletStore,
    ids: Iterable[str] | None = None,
    *,
    online: bool = False,
    at: _dt.datetime | None = None,
    each: Callable[[str, Report], None] | None = None,
) -> Verified:
    """Verify the credentials named (ids or unique prefixes, all resolved before any is
    checked: NotFound otherwise), or every one with `ids=None`, as of `at` (now); online only
    when asked. Each report is kept in the wallet; `each(id, report)` hears of each as it is
    done (the CLI prints as it goes). A hosted Open Badge whose issuer's copy the check
    confirmed is shown from then on with the issuer's details (its bytes stay as they are)."""
    from wallet.verify.verifier import context_for_store, verify_stored

    wanted = (
        [s.id for s in store.credentials.summaries()]
        if ids is None
        else [store.credentials.resolve(i) for i in ids]
    )
    ctx = context_for_store(store, at=at, online=online)
    verdicts: dict[str, str] = {}
    reports: dict[str, Report] = {}
    for cid in wanted:
        report = verify_stored(store, cid, ctx)
        verdicts[cid], reports[cid] = report.verdict, report
        if each is not None:
            each(cid, report)
    return Verified(verdicts, reports)


def check_again(store: WalletStore, changes: Changes, *, online: bool = False) -> Changes:
    """Verify again the credentials a change made the wallet judge differently (`updated`,
    e.g. a trust change or a registry subscription), so that their stored reports say so at
    once; the change and the checks, as one."""
    if not changes.updated:
        return changes
    checked = verify_credentials(store, list(changes.updated), online=online)
    return changes.merge(checked.changes)
