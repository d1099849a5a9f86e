"""Deferred issuance and notifications (OpenID4VCI 1.0 sections 9 and 11), against oid4vc-ts
behind peer/issuers/ on 127.0.0.1.

What a learner would notice: a credential the issuer will deliver later is promised in plain
words, survives closing the app, and arrives (with its verdict, bound to their key) the next
time the wallet asks; a failed retry never loses the promise. The issuer hears whether each
credential was kept, and a failing notification never touches what was stored. Tokens never
reach an output, a log or the wallet file's bytes.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.receive.conftest import IssuerServer
from tests.receive.support import PASSPHRASE, ROOT, holder_did, listed, run_cli, shown, yes
from wallet import cli
from wallet.actions.receiving import PENDING, collect_pending, discard_pending, receive
from wallet.importer import FAILED, IMPORTED
from wallet.store import WalletStore


def run_process(wallet_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command line in a process of its own: closing it is a restart of the app."""
    return subprocess.run(
        [sys.executable, "-m", "wallet", "--wallet", str(wallet_path), *args],
        cwd=ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def everything_written(tmp_path: Path) -> bytes:
    """Every file the test's processes wrote (the wallet itself, logs), as bytes."""
    found = b""
    for path in tmp_path.parent.rglob("*"):
        if path.is_file():
            found += path.read_bytes()
    return found


def test_a_deferred_credential_survives_a_restart_and_arrives_later(
    issuer_server: IssuerServer, cli_wallet: Path, tmp_path: Path
) -> None:
    made = issuer_server.offer(deferred=True)
    first = run_process(cli_wallet, "receive", made["offer"], "--yes")
    assert first.returncode == cli.EXIT_OK, first.stderr
    assert "the issuer will deliver this credential later" in first.stdout
    assert listed(cli_wallet) == []
    with WalletStore.open(cli_wallet, PASSPHRASE) as store:
        (kept,) = store.pending.all()
    assert kept.label == "127.0.0.1: Data Analysis micro-credential"
    assert kept.holder_did == holder_did(cli_wallet)

    still = run_process(cli_wallet, "receive", "--pending")  # the app started again
    assert still.returncode == cli.EXIT_OK, still.stderr
    assert "has not issued this credential yet" in still.stdout

    issuer_server.set_deferred(made["id"], "broken")
    broken = run_process(cli_wallet, "receive", "--pending")
    assert broken.returncode == cli.EXIT_ITEM_FAILED
    assert (
        "asking the issuer again failed: the issuer's deferred credential endpoint answered "
        "503; it stays pending"
    ) in broken.stdout
    with WalletStore.open(cli_wallet, PASSPHRASE) as store:
        (after_failure,) = store.pending.all()  # never lost on a failed retry
    assert after_failure.id == kept.id and after_failure.attempts == 2
    assert after_failure.problem is not None and "503" in str(after_failure.problem)

    issuer_server.set_deferred(made["id"], "ready")
    arrived = run_process(cli_wallet, "receive", "--pending")
    assert arrived.returncode == cli.EXIT_OK, arrived.stderr
    assert "WARNING" in arrived.stdout
    rows = listed(cli_wallet)
    assert [r["verdict"] for r in rows] == ["warning"]
    assert shown(cli_wallet, rows[0]["id"])["subject_id"] == holder_did(cli_wallet)
    with WalletStore.open(cli_wallet, PASSPHRASE) as store:
        assert store.pending.all() == []
    seen = issuer_server.seen(made["id"])
    assert seen["deferred_requests"] == 3 and seen["issued"] == 1
    assert [(n["event"], n["known"]) for n in seen["notifications"]] == [
        ("credential_accepted", True)
    ]
    written = everything_written(tmp_path)
    written += "".join(p.stdout + p.stderr for p in (first, still, broken, arrived)).encode()
    assert seen["tokens"] and all(t.encode() not in written for t in seen["tokens"])

    again = run_process(cli_wallet, "receive", "--pending")
    assert "no credentials are waiting to be delivered" in again.stdout


def test_every_receive_first_collects_what_is_waiting(
    issuer_server: IssuerServer, cli_wallet: Path
) -> None:
    waiting = issuer_server.offer(deferred=True)
    assert run_cli(cli_wallet, "receive", waiting["offer"], "--yes")[0] == cli.EXIT_OK
    issuer_server.set_deferred(waiting["id"], "ready")
    other = issuer_server.offer()
    code, out = run_cli(cli_wallet, "receive", other["offer"], "--yes")
    assert code == cli.EXIT_OK, out
    assert out.count("imported ") == 2
    assert len(listed(cli_wallet)) == 2


def test_an_access_token_that_ran_out_is_renewed_to_ask_again(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(deferred=True)
    result = receive(wallet, made["offer"], confirm=yes)
    assert [r.status for r in result] == [PENDING] and not result.changes
    issuer_server.set_deferred(made["id"], "ready")
    issuer_server._call(f"/test/offers/{made['id']}/expire-tokens", {})
    collected = collect_pending(wallet)
    assert [(r.status, r.verdict) for r in collected] == [(IMPORTED, "warning")]
    assert collected.changes.added == (collected.results[0].id,)
    assert issuer_server.seen(made["id"])["token_grants"] == [
        "urn:ietf:params:oauth:grant-type:pre-authorized_code",
        "refresh_token",
    ]
    assert wallet.pending.all() == []


def test_a_transaction_the_issuer_forgot_stays_until_the_learner_lets_it_go(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(deferred=True)
    receive(wallet, made["offer"], confirm=yes)
    issuer_server.set_deferred(made["id"], "forgotten")
    collected = collect_pending(wallet)
    assert [(r.status, r.message) for r in collected] == [
        (
            FAILED,
            "asking the issuer again failed: the issuer no longer knows this deferred "
            "credential; ask the issuer for a new offer; it stays pending",
        )
    ]
    assert not collected.changes
    (kept,) = wallet.pending.all()
    discarded = discard_pending(wallet, kept.id)
    assert wallet.pending.all() == [] and not discarded.changes


def test_only_what_is_due_is_asked_for_when_asked_to(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(deferred=True)
    receive(wallet, made["offer"], confirm=yes)
    now = dt.datetime.now(dt.UTC)
    assert collect_pending(wallet, due_only=True, now=now - dt.timedelta(hours=1)).results == ()
    assert issuer_server.seen(made["id"])["deferred_requests"] == 0
    later = collect_pending(wallet, due_only=True, now=now + dt.timedelta(hours=1))
    assert [r.status for r in later] == [PENDING]
    assert issuer_server.seen(made["id"])["deferred_requests"] == 1


# --- notifications ----------------------------------------------------------------------


def test_the_issuer_hears_that_the_credential_was_kept(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer()
    result = receive(wallet, made["offer"], confirm=yes)
    assert [r.status for r in result] == [IMPORTED]
    notes = issuer_server.seen(made["id"])["notifications"]
    assert [(n["event"], n["known"]) for n in notes] == [("credential_accepted", True)]


def test_the_issuer_hears_when_a_credential_was_kept_out(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(bind_to_other_key=True)
    result = receive(wallet, made["offer"], confirm=yes)
    assert [r.status for r in result] == [FAILED]
    notes = issuer_server.seen(made["id"])["notifications"]
    assert [(n["event"], n["known"]) for n in notes] == [("credential_failure", True)]


def test_a_failing_notification_never_touches_the_stored_credential(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(notification_fails=True)
    logged: list[str] = []
    result = receive(wallet, made["offer"], confirm=yes, log=logged.append)
    assert [(r.status, r.verdict) for r in result] == [(IMPORTED, "warning")]
    assert [s.id for s in wallet.credentials.summaries()] == [result.results[0].id]
    assert issuer_server.seen(made["id"])["notifications"]  # it was tried
    assert logged == [
        "notifying 127.0.0.1 (credential_accepted): the issuer's notification endpoint answered 500"
    ]
    tokens = issuer_server.seen(made["id"])["tokens"]
    assert not any(t in line for t in tokens for line in logged)


@pytest.mark.parametrize("state", ["pending", "broken"])
def test_a_failed_or_empty_retry_keeps_the_record_unchanged_but_for_its_count(
    issuer_server: IssuerServer, wallet: WalletStore, state: str
) -> None:
    made = issuer_server.offer(deferred=True)
    receive(wallet, made["offer"], confirm=yes)
    (before,) = wallet.pending.all()
    issuer_server.set_deferred(made["id"], state)
    collect_pending(wallet)
    collect_pending(wallet)
    (after,) = wallet.pending.all()
    assert (after.id, after.label, after.configuration_id) == (
        before.id,
        before.label,
        before.configuration_id,
    )
    assert after.secrets.access_token == before.secrets.access_token
    assert after.attempts == 2
    issuer_server.set_deferred(made["id"], "ready")
    assert [r.status for r in collect_pending(wallet)] == [IMPORTED]


def test_receive_needs_an_offer_unless_only_collecting(
    cli_wallet: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = run_cli(cli_wallet, "receive")
    assert code == cli.EXIT_ERROR
    assert capsys.readouterr().err.strip().splitlines() == [
        "learner-wallet: name an offer or link to receive from, or use --pending"
    ]
    code, out = run_cli(cli_wallet, "receive", "--pending")
    assert (code, out) == (cli.EXIT_OK, "no credentials are waiting to be delivered\n")
