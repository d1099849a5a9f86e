"""Import, then verify offline: what every front end does with a new credential."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import BinaryIO

from wallet.importer import IMPORTED, ItemResult, import_sources
from wallet.store import WalletStore

Log = Callable[[str], None]


def verify_new(
    store: WalletStore,
    ids: Iterable[str],
    *,
    step: Callable[[int, int], None] | None = None,
    log: Log | None = None,
) -> dict[str, str]:
    """Verify freshly imported credentials offline and keep their reports: id -> verdict.

    One credential's trouble (a verifier bug) is logged and does not stop the others: those
    stay "not checked yet", as the window shows them. `step(done, total)` reports progress and
    may raise to cancel."""
    from wallet.verify.verifier import context_for_store, verify_stored

    wanted = list(ids)
    verdicts: dict[str, str] = {}
    ctx = context_for_store(store, online=False)
    for i, cid in enumerate(wanted):
        if step is not None:
            step(i, len(wanted))
        try:
            verdicts[cid] = verify_stored(store, cid, ctx).verdict
        except Exception as e:  # noqa: BLE001 - a verifier bug must not hide the other badges
            if log is not None:
                log(f"verifying {cid} after import: {type(e).__name__}: {e}")
    return verdicts


def import_and_verify(
    store: WalletStore,
    specs: list[str],
    *,
    stdin: BinaryIO | None = None,
    progress: Callable[[ItemResult], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    allow_loopback: bool = True,
    log: Log | None = None,
) -> list[ItemResult]:
    """Import every source and verify each new credential offline as it goes in, so the
    result line carries its verdict (`ItemResult.verdict`) and the wallet keeps the report."""

    def each(result: ItemResult) -> None:
        if result.status == IMPORTED and result.id:
            result.verdict = verify_new(store, [result.id], log=log).get(result.id)
        if progress is not None:
            progress(result)

    return import_sources(
        store, specs, stdin=stdin, progress=each, cancelled=cancelled, allow_loopback=allow_loopback
    )
