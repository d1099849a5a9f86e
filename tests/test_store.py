"""The encrypted wallet file: what a learner relies on without seeing it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from wallet.credential import OB3, UNSIGNED, Credential, Credits, Issuer, Level, Parsed
from wallet.errors import Duplicate, NotFound, WalletFileError, WrongPassphrase
from wallet.store import WalletStore
from wallet.store.schema import SCHEMA_VERSION

SECRET_TITLE = "Quantum Basket Weaving Zyxqv"


def make(title: str = "Data Analysis", body: bytes | None = None, children: int = 0) -> Parsed:
    payload = (
        body
        if body is not None
        else (b'{"name": "%s", "credits": 15, "note": "\xc3\xa9t\xc3\xa9"}' % title.encode())
    )
    cred = Credential(
        format=OB3,
        proof_form=UNSIGNED,
        title=title,
        issuer=Issuer(id="did:key:z6Mk", name="Demo Polytechnic"),
        issued="2026-03-01T00:00:00Z",
        credits=Credits(15, "NZQF credits"),
        level=Level("5", "NZQF"),
        learning_outcomes=["Clean data", "Plot it"],
    )
    kids = [make(f"{title} part {i}") for i in range(children)]
    return Parsed(
        cred, original=payload, payload=payload, media_type="application/json", children=kids
    )


def files_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file())


def test_original_bytes_and_record_come_back_exactly(tmp_path: Path) -> None:
    path = tmp_path / "w.lwallet"
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10
    parsed = make()
    parsed.original = png  # a baked image: original differs from the payload inside it
    with WalletStore.create(path, "correct horse") as store:
        cid = store.add(parsed, "badge.png")
    with WalletStore.open(path, "correct horse") as store:
        got = store.get(cid)
    assert got.original == png
    assert got.original_sha256 == hashlib.sha256(png).hexdigest()
    assert got.payload == parsed.payload
    assert got.credential == parsed.credential
    assert got.source == "badge.png"


def test_wrong_passphrase_is_named_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "w.lwallet"
    with WalletStore.create(path, "right") as store:
        store.add(make(), "a.json")
    before = files_bytes(tmp_path)
    names_before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(WrongPassphrase, match="wrong passphrase or not a wallet file"):
        WalletStore.open(path, "wrong")
    assert files_bytes(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == names_before


def test_a_file_that_is_not_a_wallet_gets_the_same_message(tmp_path: Path) -> None:
    junk = tmp_path / "photo.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0" + b"x" * 5000)
    with pytest.raises(WrongPassphrase, match="wrong passphrase or not a wallet file"):
        WalletStore.open(junk, "anything")
    assert junk.read_bytes() == b"\xff\xd8\xff\xe0" + b"x" * 5000


def test_passphrase_change_rekeys_the_file(tmp_path: Path) -> None:
    path = tmp_path / "w.lwallet"
    with WalletStore.create(path, "old pass") as store:
        ids = [store.add(make(f"Unit {i}"), f"{i}.json") for i in range(20)]
        store.change_passphrase("new pass")
        store.add(make("After rekey"), "after.json")
    with pytest.raises(WrongPassphrase):
        WalletStore.open(path, "old pass")
    with WalletStore.open(path, "new pass") as store:
        assert store.count() == 21
        assert store.get(ids[7]).credential.title == "Unit 7"
        assert store.integrity_ok()


def test_same_content_twice_is_recognised(tmp_path: Path) -> None:
    with WalletStore.create(tmp_path / "w", "pw") as store:
        first = store.add(make(), "a.json")
        with pytest.raises(Duplicate) as err:
            store.add(make(), "copy-of-a.json")
        assert err.value.existing_id == first
        assert "already in the wallet" in str(err.value)
        assert store.count() == 1


def test_no_plaintext_on_disk_while_open_and_after_close(tmp_path: Path) -> None:
    path = tmp_path / "w.lwallet"
    store = WalletStore.create(path, "pw")
    for i in range(50):
        store.add(make(f"{SECRET_TITLE} {i}"), f"secret-{i}.json")
    on_disk_open = files_bytes(tmp_path)
    store.close()
    on_disk_closed = files_bytes(tmp_path)
    for blob in (on_disk_open, on_disk_closed):
        assert len(blob) > 10_000
        assert SECRET_TITLE.encode() not in blob
        assert b"Demo Polytechnic" not in blob
        assert b"NZQF" not in blob


def test_plain_mode_does_show_text_so_the_check_above_can_fail(tmp_path: Path) -> None:
    with WalletStore.create(tmp_path / "plain.db", "unused", encrypted=False) as store:
        store.add(make(SECRET_TITLE), "x.json")
    assert SECRET_TITLE.encode() in files_bytes(tmp_path)


def test_a_bundle_goes_in_whole_or_not_at_all(tmp_path: Path) -> None:
    with WalletStore.create(tmp_path / "w", "pw") as store:
        bundle = make("CLR bundle", children=3)
        bundle.children[2].credential.title = None  # type: ignore[assignment]  # breaks mid-way
        with pytest.raises(Exception, match="NOT NULL"):  # the database refuses the child
            store.add(bundle, "clr.json")
        assert store.count() == 0
        good = make("CLR bundle", children=3)
        cid = store.add(good, "clr.json")
        assert store.count() == 4
        assert len(store.get(cid).children) == 3


def test_create_never_overwrites_and_open_never_creates(tmp_path: Path) -> None:
    path = tmp_path / "w"
    WalletStore.create(path, "pw").close()
    with pytest.raises(WalletFileError, match="already exists"):
        WalletStore.create(path, "pw")
    missing = tmp_path / "nope.lwallet"
    with pytest.raises(WalletFileError, match="no wallet file"):
        WalletStore.open(missing, "pw")
    assert not missing.exists()


def test_schema_is_versioned_and_newer_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "w"
    with WalletStore.create(path, "pw") as store:
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        store._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(WalletFileError, match="newer Learner Wallet"):
        WalletStore.open(path, "pw")


def test_ids_resolve_by_unique_prefix(tmp_path: Path) -> None:
    with WalletStore.create(tmp_path / "w", "pw") as store:
        cid = store.add(make(), "a.json")
        assert store.get(cid[:6]).id == cid
        with pytest.raises(NotFound):
            store.get("ffff" if not cid.startswith("ffff") else "0000")
        with pytest.raises(NotFound, match="hex"):
            store.get("zz")


def test_tags_are_kept_and_deleting_removes_bundled_items(tmp_path: Path) -> None:
    with WalletStore.create(tmp_path / "w", "pw") as store:
        cid = store.add(make("Bundle", children=2), "clr.json")
        store.set_tags(cid, ["job application", " cv ", "cv", ""])
        assert store.get(cid).tags == ["cv", "job application"]
        store.delete(cid)
        assert store.count() == 0


def test_a_worker_connection_writes_while_the_first_reads(tmp_path: Path) -> None:
    import threading

    with WalletStore.create(tmp_path / "w", "pw") as store:
        store.add(make("First"), "a.json")
        worker = store.another_connection()
        t = threading.Thread(
            target=lambda: [worker.add(make(f"Unit {i}"), f"{i}.json") for i in range(30)]
        )
        t.start()
        seen = [store.count() for _ in range(20)]
        t.join()
        worker.close()
        assert store.count() == 31 and all(1 <= n <= 31 for n in seen)
    closed = WalletStore.create(tmp_path / "w2", "pw")
    closed.close()
    with pytest.raises(WalletFileError, match="locked"):
        closed.another_connection()


def test_stacks_are_kept_replaced_and_deleted(tmp_path: Path) -> None:
    path = tmp_path / "w"
    with WalletStore.create(path, "pw") as store:
        store.save_stack("cert-l5", "Certificate (Level 5)", "own", b'{"v": 1}')
        store.save_stack("badges", "badge pathway", "badgr", b'{"v": 2}')
        store.save_stack("cert-l5", "Certificate in Digital Skills (Level 5)", "own", b'{"v": 3}')
    with WalletStore.open(path, "pw") as store:
        assert store.stacks() == [
            ("badges", "badge pathway", "badgr", b'{"v": 2}'),
            ("cert-l5", "Certificate in Digital Skills (Level 5)", "own", b'{"v": 3}'),
        ]
        store.delete_stack("badges")
        with pytest.raises(NotFound):
            store.delete_stack("badges")
        assert [s[0] for s in store.stacks()] == ["cert-l5"]


# --- two programs on one wallet (issue 9) ------------------------------------------------------

_OTHER_PROGRAM = """
import sys, time
from wallet.store import WalletStore
store = WalletStore.open(sys.argv[1], sys.argv[2])
print(store.count(), flush=True)
sys.stdin.readline()  # stay open until told
print(store.count(), flush=True)
store.close()
"""


def test_passphrase_change_waits_for_the_other_program_and_says_why(tmp_path: Path) -> None:
    """Another program has the wallet open: imports from both are safe (SQLite's locking),
    but a re-key is refused with a plain message until it closes, and the other program
    keeps reading without an error."""
    import subprocess
    import sys

    from wallet.errors import WalletBusy

    path = tmp_path / "w.lwallet"
    with WalletStore.create(path, "old passphrase") as store:
        store.add(make("First"), "a.json")
    other = subprocess.Popen(
        [sys.executable, "-c", _OTHER_PROGRAM, str(path), "old passphrase"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert other.stdin is not None and other.stdout is not None
    try:
        assert other.stdout.readline().strip() == "1"
        with WalletStore.open(path, "old passphrase") as store:
            store.add(make("Second"), "b.json")  # writing beside the other program is fine
            with pytest.raises(WalletBusy, match="open elsewhere"):
                store.change_passphrase("new passphrase")
            assert store.count() == 2  # this connection still works after the refusal
        other.stdin.write("\n")
        other.stdin.flush()
        assert other.stdout.readline().strip() == "2"  # and so does the other program's
    finally:
        other.stdin.close()
        assert other.wait(30) == 0
    with WalletStore.open(path, "old passphrase") as store:
        store.change_passphrase("new passphrase")  # alone now: allowed
    with WalletStore.open(path, "new passphrase") as store:
        assert store.integrity_ok() and store.count() == 2


def test_a_worker_connection_also_blocks_a_rekey_until_closed(tmp_path: Path) -> None:
    from wallet.errors import WalletBusy

    path = tmp_path / "w.lwallet"
    with WalletStore.create(path, "old passphrase") as store:
        worker = store.another_connection()
        with pytest.raises(WalletBusy):
            store.change_passphrase("new passphrase")
        worker.close()
        store.change_passphrase("new passphrase")
    with WalletStore.open(path, "new passphrase") as store:
        assert store.integrity_ok()
