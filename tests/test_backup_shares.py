"""The history of what was shown to which verifier travels in backups (issue 16).

What a learner would notice: a wallet restored from a backup still lists what went to whom and
still refuses to answer a request it answered before; restoring twice keeps one entry each; an
edited backup whose history is malformed is refused by name and changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.receive.support import PASSPHRASE
from wallet.backup import BackupError, decode_checked, encode, restore_checked
from wallet.store import WalletStore
from wallet.store.transfer import dump


def _shared(store: WalletStore) -> None:
    store.shares.add(
        nonce="n-0815",
        client_id="x509_san_dns:hr.example",
        verifier="Example HR",
        host="hr.example",
        purpose="Check your first-aid certificate",
        credentials=["abc123"],
        revealed=[["given_name", "family_name"]],
    )


def _copy(
    source: WalletStore, tmp_path: Path, name: str, document: dict | None = None
) -> WalletStore:
    data = encode(document or dump(source), "backup passphrase 16", log_n=4, r=1, p=1)
    target = WalletStore.create(tmp_path / name, PASSPHRASE)
    restore_checked(target, decode_checked(data, "backup passphrase 16"))
    return target


def test_a_restored_wallet_keeps_what_went_to_whom(tmp_path: Path) -> None:
    with WalletStore.create(tmp_path / "first.db", PASSPHRASE) as first:
        _shared(first)
        target = _copy(first, tmp_path, "second.db")
        try:
            (entry,) = target.shares.all()
            assert (entry.client_id, entry.verifier, entry.revealed) == (
                "x509_san_dns:hr.example",
                "Example HR",
                (("given_name", "family_name"),),
            )
            assert target.shares.answered("n-0815")  # a replay is still refused
            restore_checked(
                target,
                decode_checked(
                    encode(dump(first), "backup passphrase 16", log_n=4, r=1, p=1),
                    "backup passphrase 16",
                ),
            )
            assert len(target.shares.all()) == 1  # restoring twice keeps one
        finally:
            target.close()


# A `shared_at` that is no time would make History of Sharing and `shared` fail when they
# show when it went: refused at the door, like any other malformed field.
@pytest.mark.parametrize(
    ("field", "value"), [("revealed", "everything"), ("shared_at", "yesterday")]
)
def test_a_malformed_history_is_refused_by_name_and_changes_nothing(
    tmp_path: Path, field: str, value: str
) -> None:
    with WalletStore.create(tmp_path / "first.db", PASSPHRASE) as first:
        _shared(first)
        document = dump(first)
        document["shares"][0][field] = value
        with pytest.raises(BackupError, match=f"shared entry 1 has no valid {field}"):
            _copy(first, tmp_path, "second.db", document)


def test_a_time_kept_by_an_older_restore_is_shown_as_kept(tmp_path: Path) -> None:
    """A wallet that took such an entry before restores checked it still opens its history:
    the time is shown as it was kept."""
    from wallet.actions.shares import shared_history
    from wallet.messages import render
    from wallet.store.shares import Shared

    with WalletStore.create(tmp_path / "w.db", PASSPHRASE) as store:
        store.shares.restore(
            Shared(
                "s1",
                "yesterday",
                "x509_san_dns:hr.example",
                "Example HR",
                "hr.example",
                None,
                ("abc123",),
                (("given_name",),),
            )
        )
        (entry,) = shared_history(store)
        assert entry.when is None
        assert render(entry.heading, "en") == "yesterday: to Example HR (x509_san_dns:hr.example)"
