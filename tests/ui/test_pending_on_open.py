"""Opening a wallet in the window collects the credentials issuers promised to deliver later
(issue 15), against the OpenID4VCI harness on 127.0.0.1.

What a learner would notice: a credential the issuer has made ready since they last opened
the wallet appears in the list as one new row with its verdict (the list is not reloaded, so
nothing jumps), and the status bar says it arrived; with nothing pending, opening the wallet
asks nobody anything."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tests.receive.conftest import IssuerServer, issuer_server  # noqa: F401 (the fixture)
from tests.receive.support import yes
from wallet.actions.receiving import PENDING, receive
from wallet.store import WalletStore
from wallet.ui.app import Session

from .conftest import WalletFile
from .samples import PASSPHRASE


def _watch(model: Any) -> dict[str, int]:
    """Count the list model's resets and inserted rows from now on."""
    seen = {"resets": 0, "inserted": 0}

    def reset() -> None:
        seen["resets"] += 1

    def inserted(_parent: Any, first: int, last: int) -> None:
        seen["inserted"] += last - first + 1

    model.modelReset.connect(reset)
    model.rowsInserted.connect(inserted)
    return seen


def test_opening_the_wallet_adds_the_credential_the_issuer_made_ready(
    qtbot: Any,
    issuer_server: IssuerServer,  # noqa: F811
    wallet_file: WalletFile,
) -> None:
    made = issuer_server.offer(deferred=True)
    with WalletStore.open(wallet_file.path, PASSPHRASE) as store:
        before = {s.id for s in store.credentials.summaries()}
        assert [r.status for r in receive(store, made["offer"], confirm=yes)] == [PENDING]
        (entry,) = store.pending.all()
        store.pending.save(replace(entry, next_at="2000-01-01T00:00:00Z"))  # due by now
    issuer_server.set_deferred(made["id"], "ready")

    session = Session(wallet_file.path, imports=False)
    try:
        session.start(PASSPHRASE)
        window = session.window
        assert window is not None and window.model.rowCount() == 3
        seen = _watch(window.model)
        qtbot.waitUntil(lambda: not window.ops, timeout=30_000)

        assert seen == {"resets": 0, "inserted": 1}
        assert window.model.rowCount() == 4
        assert window.store is not None and not window.store.pending.waiting()
        (new,) = {s.id for s in window.store.credentials.summaries()} - before
        assert window.model.verdict(new) == "warning"
        assert "Data Analysis micro-credential" in window.model.titles()
        assert window.statusBar().currentMessage() == (
            "1 credential an issuer promised has arrived"
        )
    finally:
        session.shutdown()
    assert issuer_server.seen(made["id"])["issued"] == 1


def test_with_nothing_pending_opening_the_wallet_asks_nobody(
    qtbot: Any, wallet_file: WalletFile
) -> None:
    session = Session(wallet_file.path, imports=False)
    try:
        session.start(PASSPHRASE)
        window = session.window
        assert window is not None and window.model.rowCount() == 3
        assert window.ops == []
    finally:
        session.shutdown()


def test_a_credential_not_due_yet_is_left_for_later(
    qtbot: Any,
    issuer_server: IssuerServer,  # noqa: F811
    wallet_file: WalletFile,
) -> None:
    """The window asks only for what is due: an issuer that said "in an hour" is not asked
    at every opening."""
    made = issuer_server.offer(deferred=True)
    with WalletStore.open(wallet_file.path, PASSPHRASE) as store:
        assert [r.status for r in receive(store, made["offer"], confirm=yes)] == [PENDING]
        (entry,) = store.pending.all()
        store.pending.save(replace(entry, next_at="2999-01-01T00:00:00Z"))
    issuer_server.set_deferred(made["id"], "ready")

    session = Session(wallet_file.path, imports=False)
    try:
        session.start(PASSPHRASE)
        window = session.window
        assert window is not None
        qtbot.waitUntil(lambda: not window.ops, timeout=30_000)
        assert window.model.rowCount() == 3
        assert window.store is not None and window.store.pending.waiting()
    finally:
        session.shutdown()
    assert issuer_server.seen(made["id"])["deferred_requests"] == 0
