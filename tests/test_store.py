"""The encrypted wallet file: what a learner relies on without seeing it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from wallet.credential import OB3, UNSIGNED, Credential, Credits, Issuer, Level, Parsed
from wallet.errors import Duplicate, NotFound, WalletError, WalletFileError, WrongPassphrase
from wallet.messages import render
from wallet.store import (
    CachedDocument,
    LocalImage,
    StoredReport,
    StoredStack,
    WalletStore,
)
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
        cid = store.credentials.add(parsed, "badge.png")
    with WalletStore.open(path, "correct horse") as store:
        got = store.credentials.get(cid)
    assert got.original == png
    assert got.original_sha256 == hashlib.sha256(png).hexdigest()
    assert got.payload == parsed.payload
    assert got.credential == parsed.credential
    assert got.source == "badge.png"


def test_wrong_passphrase_is_named_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "w.lwallet"
    with WalletStore.create(path, "right") as store:
        store.credentials.add(make(), "a.json")
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
        ids = [store.credentials.add(make(f"Unit {i}"), f"{i}.json") for i in range(20)]
        store.change_passphrase("new pass")
        store.credentials.add(make("After rekey"), "after.json")
    with pytest.raises(WrongPassphrase):
        WalletStore.open(path, "old pass")
    with WalletStore.open(path, "new pass") as store:
        assert store.credentials.count() == 21
        assert store.credentials.get(ids[7]).credential.title == "Unit 7"
        assert store.integrity_ok()


def test_same_content_twice_is_recognised(tmp_path: Path) -> None:
    with WalletStore.create(tmp_path / "w", "pw") as store:
        first = store.credentials.add(make(), "a.json")
        with pytest.raises(Duplicate) as err:
            store.credentials.add(make(), "copy-of-a.json")
        assert err.value.existing_id == first
        assert "already in the wallet" in str(err.value)
        assert store.credentials.count() == 1


def test_no_plaintext_on_disk_while_open_and_after_close(tmp_path: Path) -> None:
    path = tmp_path / "w.lwallet"
    store = WalletStore.create(path, "pw")
    for i in range(50):
        store.credentials.add(make(f"{SECRET_TITLE} {i}"), f"secret-{i}.json")
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
        store.credentials.add(make(SECRET_TITLE), "x.json")
    assert SECRET_TITLE.encode() in files_bytes(tmp_path)


def test_a_bundle_goes_in_whole_or_not_at_all(tmp_path: Path) -> None:
    with WalletStore.create(tmp_path / "w", "pw") as store:
        bundle = make("CLR bundle", children=3)
        bundle.children[2].credential.title = None  # type: ignore[assignment]  # breaks mid-way
        with pytest.raises(Exception, match="NOT NULL"):  # the database refuses the child
            store.credentials.add(bundle, "clr.json")
        assert store.credentials.count() == 0
        good = make("CLR bundle", children=3)
        cid = store.credentials.add(good, "clr.json")
        assert store.credentials.count() == 4
        assert len(store.credentials.get(cid).children) == 3


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
        assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        store.db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(WalletFileError, match="newer Learner Wallet"):
        WalletStore.open(path, "pw")


def test_ids_resolve_by_unique_prefix(tmp_path: Path) -> None:
    with WalletStore.create(tmp_path / "w", "pw") as store:
        cid = store.credentials.add(make(), "a.json")
        assert store.credentials.get(cid[:6]).id == cid
        with pytest.raises(NotFound):
            store.credentials.get("ffff" if not cid.startswith("ffff") else "0000")
        with pytest.raises(NotFound, match="hex"):
            store.credentials.get("zz")


def test_tags_are_kept_and_deleting_removes_bundled_items(tmp_path: Path) -> None:
    with WalletStore.create(tmp_path / "w", "pw") as store:
        cid = store.credentials.add(make("Bundle", children=2), "clr.json")
        store.tags.set_tags(cid, ["job application", " cv ", "cv", ""])
        assert store.credentials.get(cid).tags == ["cv", "job application"]
        store.credentials.delete(cid)
        assert store.credentials.count() == 0


def test_a_worker_connection_writes_while_the_first_reads(tmp_path: Path) -> None:
    import threading

    with WalletStore.create(tmp_path / "w", "pw") as store:
        store.credentials.add(make("First"), "a.json")
        worker = store.another_connection()
        t = threading.Thread(
            target=lambda: [
                worker.credentials.add(make(f"Unit {i}"), f"{i}.json") for i in range(30)
            ]
        )
        t.start()
        seen = [store.credentials.count() for _ in range(20)]
        t.join()
        worker.close()
        assert store.credentials.count() == 31 and all(1 <= n <= 31 for n in seen)
    closed = WalletStore.create(tmp_path / "w2", "pw")
    closed.close()
    with pytest.raises(WalletFileError, match="locked"):
        closed.another_connection()


def test_stacks_are_kept_replaced_and_deleted(tmp_path: Path) -> None:
    path = tmp_path / "w"
    with WalletStore.create(path, "pw") as store:
        store.stacks.save("cert-l5", "Certificate (Level 5)", "own", b'{"v": 1}')
        store.stacks.save("badges", "badge pathway", "badgr", b'{"v": 2}')
        store.stacks.save("cert-l5", "Certificate in Digital Skills (Level 5)", "own", b'{"v": 3}')
    with WalletStore.open(path, "pw") as store:
        assert store.stacks.all() == [
            StoredStack("badges", "badge pathway", "badgr", b'{"v": 2}'),
            StoredStack("cert-l5", "Certificate in Digital Skills (Level 5)", "own", b'{"v": 3}'),
        ]
        store.stacks.delete("badges")
        with pytest.raises(NotFound):
            store.stacks.delete("badges")
        assert [s.id for s in store.stacks.all()] == ["cert-l5"]


# --- two programs on one wallet (issue 9) ------------------------------------------------------

_OTHER_PROGRAM = """
import sys, time
from wallet.store import WalletStore
store = WalletStore.open(sys.argv[1], sys.argv[2])
print(store.credentials.count(), flush=True)
sys.stdin.readline()  # stay open until told
print(store.credentials.count(), flush=True)
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
        store.credentials.add(make("First"), "a.json")
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
            store.credentials.add(
                make("Second"), "b.json"
            )  # writing beside the other program is fine
            with pytest.raises(WalletBusy, match="open elsewhere"):
                store.change_passphrase("new passphrase")
            assert store.credentials.count() == 2  # this connection still works after the refusal
        other.stdin.write("\n")
        other.stdin.flush()
        assert other.stdout.readline().strip() == "2"  # and so does the other program's
    finally:
        other.stdin.close()
        assert other.wait(30) == 0
    with WalletStore.open(path, "old passphrase") as store:
        store.change_passphrase("new passphrase")  # alone now: allowed
    with WalletStore.open(path, "new passphrase") as store:
        assert store.integrity_ok() and store.credentials.count() == 2


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


# --- one connection, one transaction over several concerns (issue 14) --------------------------


def test_writes_of_several_concerns_in_one_transaction_all_go_or_none(tmp_path: Path) -> None:
    path = tmp_path / "w.lwallet"
    with WalletStore.create(path, "pw") as store:
        with pytest.raises(RuntimeError), store.transaction():
            store.credentials.add(make(), "a.json")
            store.stacks.save("cert", "Certificate", "own", b"{}")
            store.trust.add("did:web:poly.example", "Poly")
            store.settings.set("demo", "1")
            raise RuntimeError("a crash before the end")
        assert store.credentials.count() == 0 and store.stacks.all() == []
        assert store.trust.issuers() == {} and store.settings.get("demo") is None
        with store.transaction():
            cid = store.credentials.add(make(), "a.json")
            store.tags.set_tags(cid, ["cv"])
            store.trust.add("did:web:poly.example", "Poly")
    with WalletStore.open(path, "pw") as store:  # committed, on disk
        assert store.credentials.get(cid).tags == ["cv"]
        assert store.trust.issuers() == {"did:web:poly.example": "Poly"}


def test_a_failed_write_inside_a_transaction_undoes_only_itself(tmp_path: Path) -> None:
    with WalletStore.create(tmp_path / "w.lwallet", "pw") as store:
        with store.transaction():
            first = store.credentials.add(make("First"), "a.json")
            with pytest.raises(WalletError):
                store.tags.create_collection("  ")  # refused before writing
            with pytest.raises(NotFound):
                store.tags.add_to_collection(999, first)  # refused after resolving
            with pytest.raises(Duplicate):
                store.credentials.add(make("First"), "again.json")
            store.credentials.add(make("Second", body=b'{"n": 2}', children=2), "b.json")
        assert sorted(s.title for s in store.credentials.summaries()) == [
            "First",
            "Second",
            "Second part 0",
            "Second part 1",
        ]


def test_a_bundle_that_fails_inside_an_outer_transaction_leaves_no_part_behind(
    tmp_path: Path,
) -> None:
    with WalletStore.create(tmp_path / "w.lwallet", "pw") as store:
        kept = store.credentials.add(make("Kept"), "kept.json")
        bundle = make("Bundle", body=b'{"bundle": 1}', children=2)
        clash = bundle.children[1]  # a child whose id is taken by other content
        clash_id = clash.payload_sha256[:16]
        with store.transaction():
            store.db.conn.execute(
                "UPDATE credentials SET id = ?, payload_sha256 = ? WHERE id = ?",
                (clash_id, clash_id + "0" * 48, kept),
            )
        with store.transaction():
            with pytest.raises(WalletError, match="clashes with"):
                store.credentials.add(bundle, "bundle.json")
            store.settings.set("after", "yes")
        assert [s.title for s in store.credentials.summaries()] == ["Kept"]
        assert store.settings.get("after") == "yes"


def test_what_the_store_lists_comes_as_named_fields(tmp_path: Path) -> None:
    with WalletStore.create(tmp_path / "w.lwallet", "pw") as store:
        cid = store.credentials.add(make(), "a.json")
        assert store.checks.last_report(cid) is None
        store.checks.save_report(cid, "2026-09-01T00:00:00Z", "verified", b'{"checks": []}')
        assert store.checks.last_report(cid) == StoredReport(
            "2026-09-01T00:00:00Z", "verified", b'{"checks": []}'
        )
        assert store.checks.cache_get("did", "did:web:x") is None
        store.checks.cache_put("did", "did:web:x", b"{}", "2026-09-01T00:00:00Z")
        assert store.checks.cache_get("did", "did:web:x") == CachedDocument(
            b"{}", "2026-09-01T00:00:00Z"
        )
        assert store.credentials.local_image(cid) == LocalImage(None, None)


def test_store_errors_are_said_in_german(tmp_path: Path) -> None:
    with WalletStore.create(tmp_path / "w.lwallet", "pw") as store:
        store.tags.create_collection("Jobs")
        with pytest.raises(WalletError) as taken:
            store.tags.create_collection("Jobs")
        with pytest.raises(NotFound) as missing:
            store.credentials.get("abcdef")
    assert str(taken.value) == "there is already a collection called 'Jobs'"
    assert render(taken.value.msg, "de") == "es gibt schon eine Sammlung namens 'Jobs'"
    assert render(missing.value.msg, "de") == "kein Nachweis mit der ID 'abcdef'"
