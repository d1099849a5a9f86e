"""Credentials an issuer will deliver later travel in backups (issue 15).

What a learner would notice: a wallet restored from a backup still receives the credential
the issuer was preparing when the backup was made; an edited backup whose pending part is
malformed is refused by name and changes nothing; restoring twice keeps one promise; a backup
from before this part still restores. Against the OpenID4VCI harness on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.receive.conftest import IssuerServer, issuer_server  # noqa: F401 (the fixture)
from tests.receive.support import PASSPHRASE, yes
from wallet.actions.receiving import PENDING, collect_pending, receive
from wallet.backup import (
    BackupError,
    decode_checked,
    encode,
    restore,
    restore_checked,
    write_backup,
)
from wallet.importer import IMPORTED
from wallet.store import WalletStore
from wallet.store.transfer import dump

BACKUP_PASSPHRASE = "backup passphrase 15"
CHEAP = {"log_n": 4, "r": 1, "p": 1}  # scrypt cost for tests only


def _open(path: Path) -> WalletStore:
    return WalletStore.create(path, PASSPHRASE)


@pytest.fixture
def promised(
    issuer_server: IssuerServer,  # noqa: F811
    tmp_path: Path,
) -> Iterator[tuple[WalletStore, dict[str, Any]]]:
    """A wallet the issuer has promised one credential to (deferred), and the offer."""
    store = _open(tmp_path / "first.db")
    made = issuer_server.offer(deferred=True)
    got = receive(store, made["offer"], confirm=yes)
    assert [r.status for r in got] == [PENDING]
    yield store, made
    store.close()


def test_a_restored_wallet_still_receives_the_credential_the_issuer_was_preparing(
    issuer_server: IssuerServer,  # noqa: F811
    promised: tuple[WalletStore, dict[str, Any]],
    tmp_path: Path,
) -> None:
    first, made = promised
    out = tmp_path / "wallet.lwbackup"
    write_backup(first, out, BACKUP_PASSPHRASE, **CHEAP)
    assert made["id"]  # the offer's secrets are inside the encrypted file only
    with _open(tmp_path / "second.db") as second:
        summary = restore(second, out, BACKUP_PASSPHRASE)
        assert summary.pending == 1
        assert "1 credential still to come" in str(summary.line())
        (kept,) = second.pending.all()
        assert kept.label == "127.0.0.1: Data Analysis micro-credential"

        issuer_server.set_deferred(made["id"], "ready")
        arrived = collect_pending(second)
        assert [r.status for r in arrived] == [IMPORTED]
        assert [r.verdict for r in arrived] == ["warning"]
        assert second.pending.all() == []
        assert len(arrived.changes.added) == 1
    assert issuer_server.seen(made["id"])["issued"] == 1


def test_restoring_the_same_backup_twice_keeps_one_pending_credential(
    promised: tuple[WalletStore, dict[str, Any]], tmp_path: Path
) -> None:
    first, _made = promised
    data = encode(dump(first), BACKUP_PASSPHRASE, **CHEAP)
    summary = restore_checked(first, decode_checked(data, BACKUP_PASSPHRASE))
    assert summary.pending == 0  # the wallet already waits for it
    assert len(first.pending.all()) == 1


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda p: p.update(transaction_id=7), "transaction_id"),
        (lambda p: p.update(access_token="x" * 70_000), "access_token"),
        (lambda p: p.pop("deferred_endpoint"), "deferred_endpoint"),
        (lambda p: p.update(attempts="2"), "attempts"),
        (lambda p: p.update(refresh_token=b"bytes"), "refresh_token"),
    ],
)
def test_a_malformed_pending_credential_refuses_the_backup_and_changes_nothing(
    promised: tuple[WalletStore, dict[str, Any]], tmp_path: Path, change: Any, named: str
) -> None:
    first, _made = promised
    doc = dump(first)
    change(doc["pending"][0])
    data = encode(doc, BACKUP_PASSPHRASE, **CHEAP)
    with pytest.raises(BackupError) as refused:
        decode_checked(data, BACKUP_PASSPHRASE)
    assert "pending" in str(refused.value.msg) and named in str(refused.value.msg)
    with _open(tmp_path / "untouched.db") as second:
        with pytest.raises(BackupError):
            restore_checked(second, decode_checked(data, BACKUP_PASSPHRASE))
        assert second.pending.all() == []


def test_too_many_pending_credentials_refuse_the_backup(
    promised: tuple[WalletStore, dict[str, Any]],
) -> None:
    first, _made = promised
    doc = dump(first)
    doc["pending"] = doc["pending"] * 1001
    with pytest.raises(BackupError, match="pending"):
        decode_checked(encode(doc, BACKUP_PASSPHRASE, **CHEAP), BACKUP_PASSPHRASE)


def test_a_backup_from_before_pending_credentials_still_restores(
    promised: tuple[WalletStore, dict[str, Any]], tmp_path: Path
) -> None:
    first, _made = promised
    doc = dump(first)
    del doc["pending"]
    data = encode(doc, BACKUP_PASSPHRASE, **CHEAP)
    with _open(tmp_path / "second.db") as second:
        summary = restore_checked(second, decode_checked(data, BACKUP_PASSPHRASE))
        assert summary.pending == 0 and second.pending.all() == []
        assert summary.holder_keys == 1
