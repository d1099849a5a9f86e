"""The EU trusted lists the wallet judges Europass seals against: the CLI's `trusted-lists`.

Refreshing fetches the EU List of Trusted Lists and every national list it points to (only
because the learner asked, or an online check needed them), checks their XML signatures, and
keeps what they say inside the wallet; offline checks then use that copy and say how old it
is. After a refresh the sealed credentials are checked again (offline), so their reports say
at once what the new lists say.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from wallet.actions.changes import NOTHING, Changes
from wallet.actions.verifying import check_again
from wallet.credential import JADES
from wallet.messages import M, Msg
from wallet.store import WalletStore
from wallet.verify.context import VerifyContext
from wallet.verify.eu_trust import (
    LOTL_URL,
    ListInfo,
    Snapshot,
    load_signers,
    load_snapshot,
    refresh,
)
from wallet.verify.verifier import context_for_store


@dataclass(frozen=True)
class ListsRefreshed:
    """The new snapshot, the lists that were refused (in words), and the credentials checked
    again."""

    snapshot: Snapshot | None
    problems: tuple[Msg, ...] = ()
    changes: Changes = field(default=NOTHING, compare=False)


def _sealed_ids(store: WalletStore) -> tuple[str, ...]:
    return tuple(
        cid for cid, cred in store.credentials.records().items() if cred.proof_form == JADES
    )


def refresh_trusted_lists(
    store: WalletStore,
    *,
    signers_file: str | os.PathLike[str] | None = None,
    fetcher: Callable[[str], bytes] | None = None,
    lotl_url: str = LOTL_URL,
) -> ListsRefreshed:
    """Fetch and check the EU lists now and keep them; TrustListError when the LOTL itself
    cannot be fetched or believed (the copy kept before stays)."""
    signers = load_signers(signers_file)
    ctx = context_for_store(store, online=True)
    if fetcher is not None:
        ctx.fetcher = fetcher
    result = refresh(ctx, signers, lotl_url=lotl_url)
    changes = check_again(store, Changes(updated=_sealed_ids(store)))
    return ListsRefreshed(result.snapshot, tuple(result.problems), changes)


def trusted_lists_status(store: WalletStore) -> Snapshot | None:
    """The lists kept in the wallet, or None when they were never fetched."""
    return load_snapshot(VerifyContext(cache=store.checks))


def status_lines(snap: Snapshot | None, at: _dt.datetime | None = None) -> list[Msg]:
    """What the kept lists are, in sentences: when fetched, how old, which were refused."""
    if snap is None:
        return [
            M(
                "The EU trusted lists have not been fetched yet: "
                "`learner-wallet trusted-lists refresh` (online)."
            )
        ]
    now = at or _dt.datetime.now(_dt.UTC)
    lines = [
        M(
            "EU trusted lists fetched {when}: {lists} national lists, "
            "{services} services for qualified seals",
            when=_moment(snap.fetched_at),
            lists=sum(1 for x in snap.lists if x.problem is None),
            services=len(snap.seal_services()),
        )
    ]
    for info in snap.lists:
        lines.append(_list_line(info, now))
    return lines


def _moment(text: str) -> _dt.datetime | str:
    from wallet.verify.checks import parse_time

    return parse_time(text) or text


def _list_line(info: ListInfo, now: _dt.datetime) -> Msg:
    if info.problem is not None:
        return M("{territory}: refused: {problem}", territory=info.territory, problem=info.problem)
    if info.issued is None:
        return M("{territory}: no issue date", territory=info.territory)
    if info.next_update is not None and now > info.next_update:
        return M(
            "{territory}: list of {day}, due to be replaced on {due} (out of date)",
            territory=info.territory,
            day=info.issued.date(),
            due=info.next_update.date(),
        )
    return M(
        "{territory}: list of {day}",
        territory=info.territory,
        day=info.issued.date(),
    )
