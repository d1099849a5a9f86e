"""Backups (issue 7): backup -> wipe -> restore gives back every byte and everything the learner
made; a wrong passphrase, a damaged, truncated or changed file is refused and writes nothing."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import struct
import time
from pathlib import Path

import pytest

from wallet import backup, cli, demo
from wallet.backup import BackupError
from wallet.store import WalletStore
from wallet.store.transfer import dump

PW = "backup passphrase, long enough"
FAST = {"log_n": 10}  # tests that are not about the KDF skip its default 128 MiB of work


def snapshot(store: WalletStore) -> dict[str, object]:
    """What a learner would miss if a restore lost it, read through the public API."""
    creds = {}
    for s in store.credentials.summaries():
        c = store.credentials.get(s.id)
        creds[s.id] = (
            hashlib.sha256(c.original).hexdigest(),
            c.original_sha256,
            hashlib.sha256(c.payload).hexdigest(),
            c.media_type,
            c.source,
            c.imported_at,
            c.parent_id,
            c.credential.title,
            c.credential.issuer.name,
            tuple(sorted(c.tags)),
        )
    return {
        "credentials": creds,
        "collections": {
            coll.name: sorted(store.tags.collection_members(coll.id))
            for coll in store.tags.collections()
        },
        "stacks": store.stacks.all(),
        "holder_keys": store.keys.all(),
        "signing": {
            did: store.keys.private_key(did).sign(b"same key?")
            for did in (k.did for k in store.keys.all())
        },
        "settings": {k: store.settings.get(k) for k in ("demo", "auto_lock_minutes")},
        "trusted": store.trust.issuers(),
        # verdicts themselves are checked again (issue 13)
        "checked": sorted(store.checks.verdicts()),
    }


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.lwallet"
    demo.fresh_demo_wallet(path)
    return path


@pytest.fixture
def learner(tmp_path: Path, demo_template: Path) -> Path:
    """The demo wallet, plus what a learner adds by hand: tags, collections, a setting."""
    path = tmp_path / "mine.lwallet"
    shutil.copy(demo_template, path)
    with WalletStore.open(path, demo.DEMO_PASSPHRASE) as store:
        ids = [s.id for s in store.credentials.summaries()]
        store.tags.set_tags(ids[0], ["job application", "data"])
        store.tags.set_tags(ids[1], ["first aid"])
        jobs = store.tags.create_collection("Job applications")
        store.tags.add_to_collection(jobs, ids[0])
        store.tags.add_to_collection(jobs, ids[2])
        store.tags.create_collection("Empty for now")
        store.settings.set("auto_lock_minutes", "7")
    return path


def test_backup_wipe_restore_gives_back_everything(learner: Path, tmp_path: Path) -> None:
    with WalletStore.open(learner, demo.DEMO_PASSPHRASE) as store:
        before = snapshot(store)
        count = backup.write_backup(store, tmp_path / "all.lwbackup", PW, **FAST)
    assert count == len(before["credentials"]) >= 10
    assert before["stacks"] and before["holder_keys"] and before["checked"]
    for leftover in tmp_path.glob("mine.lwallet*"):
        leftover.unlink()  # the laptop is gone

    fresh = tmp_path / "new.lwallet"
    with WalletStore.create(fresh, "a new passphrase") as store:
        counts = backup.restore(store, tmp_path / "all.lwbackup", PW, accept_trust=True)
        assert counts.credentials == count and counts.skipped_credentials == 0
        assert snapshot(store) == before
        assert store.integrity_ok()
        # Derived data is rebuilt: search finds by the learner's tags and by content.
        tagged = store.credentials.search("job application")
        assert tagged == [next(iter(before["credentials"]))]  # the one tagged so
        assert store.credentials.search("python")
        assert store.credentials.list_snapshot().total == count


def test_restoring_twice_or_into_a_wallet_that_has_some_adds_no_duplicates(
    learner: Path, tmp_path: Path
) -> None:
    out = tmp_path / "all.lwbackup"
    with WalletStore.open(learner, demo.DEMO_PASSPHRASE) as store:
        backup.write_backup(store, out, PW, **FAST)
        before = snapshot(store)
        ids = list(before["credentials"])
        store.credentials.delete(ids[3])  # lost one credential since the backup
        store.settings.set("auto_lock_minutes", "2")  # and changed a setting
        counts = backup.restore(store, out, PW)
        assert counts.credentials == 1
        assert counts.collections == 0 and counts.stacks == 0 and counts.holder_keys == 0
        again = backup.restore(store, out, PW)
        assert again.credentials == 0 and again.tags == 0
        after = snapshot(store)
        assert after["credentials"].keys() == before["credentials"].keys()
        assert after["settings"]["auto_lock_minutes"] == "2"  # the wallet's own setting kept
        assert after["collections"] == before["collections"]
        assert [k.did for k in after["holder_keys"] if k.is_default] == [
            k.did for k in before["holder_keys"] if k.is_default
        ]


def _refused(
    learner_file: Path, tmp_path: Path, data: bytes, passphrase: str, message: str
) -> None:
    """Restoring `data` fails with `message` and leaves a wallet's files byte-identical."""
    target = tmp_path / f"target-{os.urandom(4).hex()}.lwallet"
    with WalletStore.create(target, "target passphrase") as store:
        store.settings.set("marker", "kept")
    before = target.read_bytes()
    bad = tmp_path / "bad.lwbackup"
    bad.write_bytes(data)
    with WalletStore.open(target, "target passphrase") as store:
        with pytest.raises(BackupError, match=message):
            backup.restore(store, bad, passphrase)
        assert store.credentials.count() == 0
    assert target.read_bytes() == before
    with WalletStore.open(target, "target passphrase") as store:
        assert store.credentials.count() == 0 and store.settings.get("marker") == "kept"


@pytest.fixture
def good_backup(learner: Path, tmp_path: Path) -> bytes:
    out = tmp_path / "good.lwbackup"
    with WalletStore.open(learner, demo.DEMO_PASSPHRASE) as store:
        backup.write_backup(store, out, PW, **FAST)
    return out.read_bytes()


def test_wrong_passphrase_is_refused_and_nothing_written(
    learner: Path, tmp_path: Path, good_backup: bytes
) -> None:
    _refused(learner, tmp_path, good_backup, "not the passphrase", "wrong passphrase")


@pytest.mark.parametrize("cut", [1, 100, 0.5, 0.99])
def test_truncated_backup_is_refused_and_nothing_written(
    learner: Path, tmp_path: Path, good_backup: bytes, cut: float
) -> None:
    keep = int(len(good_backup) * cut) if isinstance(cut, float) else cut
    _refused(learner, tmp_path, good_backup[:keep], PW, "damaged|not a Learner Wallet")


@pytest.mark.parametrize("where", ["body", "last byte", "check tag", "body nonce"])
def test_changed_backup_is_refused_and_nothing_written(
    learner: Path, tmp_path: Path, good_backup: bytes, where: str
) -> None:
    data = bytearray(good_backup)
    offset = {
        "body": len(data) // 2,
        "last byte": len(data) - 1,
        "check tag": 8 + 5 + 16 + 12,
        "body nonce": 8 + 5 + 16 + 12 + 16,
    }[where]
    data[offset] ^= 0x01
    _refused(learner, tmp_path, bytes(data), PW, "damaged|changed|wrong passphrase")


def test_not_a_backup_and_newer_versions_are_named(
    learner: Path, tmp_path: Path, good_backup: bytes
) -> None:
    _refused(
        learner, tmp_path, b"PK\x03\x04 a zip, not a backup" * 10, PW, "not a Learner Wallet backup"
    )
    newer = bytearray(good_backup)
    newer[8] = backup.VERSION + 1
    _refused(learner, tmp_path, bytes(newer), PW, "newer Learner Wallet")


def test_a_crafted_kdf_cost_is_refused_before_any_work(
    learner: Path, tmp_path: Path, good_backup: bytes
) -> None:
    data = bytearray(good_backup)
    data[10:13] = bytes([20, 16, 4])  # 2 GiB of scrypt memory
    start = time.perf_counter()
    _refused(learner, tmp_path, bytes(data), PW, "damaged")
    assert time.perf_counter() - start < 5  # refused from the header, not after the work


def test_a_consistent_looking_but_wrong_document_is_refused(learner: Path, tmp_path: Path) -> None:
    """Even a correctly encrypted document must hold what it claims: a credential whose bytes
    do not match their SHA-256 is refused, and none of the rest is written."""
    with WalletStore.open(learner, demo.DEMO_PASSPHRASE) as store:
        doc = dump(store)
    doc["credentials"][-1]["original"] += b" "
    _refused(learner, tmp_path, backup.encode(doc, PW, **FAST), PW, "do not match their SHA-256")
    with WalletStore.open(learner, demo.DEMO_PASSPHRASE) as store:
        doc = dump(store)
    doc["holder_keys"][0]["private_key"] = os.urandom(32)
    _refused(learner, tmp_path, backup.encode(doc, PW, **FAST), PW, "does not match its identifier")


def test_the_file_is_encrypted_with_scrypt_by_default(learner: Path, tmp_path: Path) -> None:
    out = tmp_path / "default.lwbackup"
    with WalletStore.open(learner, demo.DEMO_PASSPHRASE) as store:
        backup.write_backup(store, out, PW)
        title = store.credentials.summaries()[0].title
    data = out.read_bytes()
    magic, version, kdf, log_n, r, p = struct.unpack_from(">8sBBBBB", data)
    assert (magic, version, kdf, log_n, r, p) == (b"LWBACKUP", 2, 1, 17, 8, 1)
    assert title.encode() not in data and b"did:key" not in data
    assert len(backup.read_backup(out, PW)["credentials"]) >= 10


def test_backup_never_overwrites_a_file(learner: Path, tmp_path: Path) -> None:
    out = tmp_path / "exists.lwbackup"
    out.write_bytes(b"precious")
    with WalletStore.open(learner, demo.DEMO_PASSPHRASE) as store:
        with pytest.raises(BackupError, match="already exists"):
            backup.write_backup(store, out, PW, **FAST)
    assert out.read_bytes() == b"precious"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".lwbackup-")] == []


def _cli(wallet: Path, pass_file: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(["--wallet", str(wallet), "--passphrase-file", str(pass_file), *args], out=out)
    return code, out.getvalue()


def test_cli_backup_then_restore_into_a_new_wallet(
    learner: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(cli.BACKUP_PASSPHRASE_ENV, PW)
    demo_pw = tmp_path / "demo-pass.txt"
    demo_pw.write_text(demo.DEMO_PASSPHRASE)
    out = tmp_path / "cli.lwbackup"
    code, text = _cli(learner, demo_pw, "backup", str(out))
    assert code == 0, capsys.readouterr().err
    assert text.startswith("backed up ") and out.is_file()
    with WalletStore.open(learner, demo.DEMO_PASSPHRASE) as store:
        before = snapshot(store)

    new_pw = tmp_path / "new-pass.txt"
    new_pw.write_text("new laptop passphrase")
    fresh = tmp_path / "restored" / "w.lwallet"
    code, text = _cli(fresh, new_pw, "restore", "--accept-trust", str(out))
    assert code == 0, capsys.readouterr().err
    assert f"{len(before['credentials'])} credentials added" in text
    with WalletStore.open(fresh, "new laptop passphrase") as store:
        assert snapshot(store) == before

    # A wrong backup passphrase: a plain message, and no wallet file is left behind.
    monkeypatch.setenv(cli.BACKUP_PASSPHRASE_ENV, "wrong")
    other = tmp_path / "other.lwallet"
    code, _text = _cli(other, new_pw, "restore", str(out))
    assert code != 0
    assert "wrong passphrase" in capsys.readouterr().err
    assert not list(tmp_path.glob("other.lwallet*"))
