"""Search, tags and collections in the wallet file: kept across reopening, never in plaintext."""

from __future__ import annotations

from pathlib import Path

import pytest

from wallet.credential import (
    CLR2,
    OB3,
    UNSIGNED,
    Alignment,
    Credential,
    Credits,
    Issuer,
    Level,
    Parsed,
)
from wallet.errors import NotFound, WalletError
from wallet.store import BADGE, BUNDLE, MICRO_CREDENTIAL, WalletStore, credential_kind
from wallet.store.credentials import fts_query
from wallet.store.schema import SCHEMA_VERSION

SECRET_OUTCOME = "Zorbulate Quixotic Vectors"
SECRET_TAG = "plumbusfarming"
SECRET_COLLECTION = "Flibbertigibbet Applications"


def make(
    title: str,
    *,
    outcomes: list[str] | None = None,
    description: str | None = None,
    issuer: str = "Demo Polytechnic",
    tags: list[str] | None = None,
    credits: Credits | None = None,
    level: Level | None = None,
    fmt: str = OB3,
    children: list[Parsed] | None = None,
    achievement_type: str | None = None,
) -> Parsed:
    cred = Credential(
        format=fmt,
        proof_form=UNSIGNED,
        title=title,
        description=description,
        issuer=Issuer(id="did:key:z6Mk", name=issuer),
        issued="2026-03-01T00:00:00Z",
        credits=credits,
        level=level,
        learning_outcomes=outcomes or [],
        tags=tags or [],
        achievement_type=achievement_type,
        alignments=[Alignment(target_name="Spreadsheet modelling")],
    )
    raw = f'{{"title": "{title}"}}'.encode()
    return Parsed(
        cred, original=raw, payload=raw, media_type="application/json", children=children or []
    )


def files_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file())


@pytest.fixture
def wallet(tmp_path: Path):
    store = WalletStore.create(tmp_path / "w.lwallet", "pw")
    ids = {
        "python": store.credentials.add(
            make(
                "Data Analysis with Python",
                outcomes=["Clean tabular data"],
                description="Twelve weeks of pandas.",
                credits=Credits(15, "NZQF credits"),
                level=Level("5", "NZQF"),
                tags=["data science"],
            ),
            "a",
        ),
        "aid": store.credentials.add(
            make(
                "First Aid at Work",
                issuer="Red Cross Training",
                description="Résumé of CPR and wound care.",
            ),
            "b",
        ),
        "stats": store.credentials.add(
            make(
                "Statistics I",
                issuer="University of Somewhere",
                outcomes=["Explain a p-value"],
                achievement_type="MicroCredential",
            ),
            "c",
        ),
    }
    yield store, ids
    store.close()


def test_search_finds_by_prefix_in_every_field(wallet) -> None:
    store, ids = wallet
    assert set(store.credentials.search("data")) == {ids["python"]}  # title
    assert set(store.credentials.search("red cro")) == {ids["aid"]}  # issuer, prefixes of two words
    assert set(store.credentials.search("p-val")) == {
        ids["stats"]
    }  # outcomes; punctuation splits words
    assert set(store.credentials.search("pand")) == {ids["python"]}  # description
    assert set(store.credentials.search("scien")) == {ids["python"]}  # issuer's tag
    assert set(store.credentials.search("spreadsheet")) == set(ids.values())  # alignment (a skill)
    assert set(store.credentials.search("resume")) == {ids["aid"]}  # diacritics folded
    assert set(store.credentials.search("DATA analysis")) == {
        ids["python"]
    }  # case folded, all words
    assert store.credentials.search("data aid") == []  # every word must match
    assert store.credentials.search("   ") == [] and store.credentials.search('"*') == []


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('red "cross" OR') == '"red"* "cross"* "OR"*'
    assert fts_query("") is None


def test_tags_are_searchable_and_listed_and_persist(wallet, tmp_path) -> None:
    store, ids = wallet
    store.tags.set_tags(ids["aid"], ["job  application", "cv"])
    store.tags.set_tags(ids["stats"], ["cv"])
    assert store.tags.names() == ["cv", "job application"]
    assert store.tags.tagged("cv") == {ids["aid"], ids["stats"]}
    assert set(store.credentials.search("job appl")) == {ids["aid"]}
    store.tags.set_tags(ids["aid"], [])  # replaced: no longer found by the old tag
    assert store.credentials.search("job") == []
    assert set(store.credentials.search("first aid")) == {
        ids["aid"]
    }  # the rest of the entry is kept
    store.close()
    with WalletStore.open(tmp_path / "w.lwallet", "pw") as again:
        assert again.tags.names() == ["cv"]
        assert again.credentials.get(ids["stats"]).tags == ["cv"]


def test_deleting_removes_search_entries_even_of_bundled_items(tmp_path) -> None:
    with WalletStore.create(tmp_path / "w", "pw") as store:
        bundle = make(
            "Transcript",
            fmt=CLR2,
            children=[make("Organic Chemistry"), make("Inorganic Chemistry")],
        )
        cid = store.credentials.add(bundle, "clr.json")
        keep = store.credentials.add(make("Chemistry Safety"), "x.json")
        assert len(store.credentials.search("chemistry")) == 3
        store.credentials.delete(cid)
        assert store.credentials.search("chemistry") == [keep]
        assert store.credentials.search("organic") == []


def test_kinds(wallet, tmp_path) -> None:
    store, ids = wallet
    kinds = {s.id: s.kind for s in store.credentials.summaries()}
    assert kinds == {
        ids["python"]: MICRO_CREDENTIAL,
        ids["aid"]: BADGE,
        ids["stats"]: MICRO_CREDENTIAL,
    }
    assert credential_kind(make("T", fmt=CLR2).credential) == BUNDLE
    assert credential_kind(make("T", credits=Credits(5, "ECTS")).credential) == BADGE
    row = next(s for s in store.credentials.summaries() if s.id == ids["python"])
    assert (row.credits_value, row.credits_unit, row.level_framework, row.level_value) == (
        15,
        "NZQF credits",
        "NZQF",
        "5",
    )


def test_collections_round_trip_and_persist(wallet, tmp_path) -> None:
    store, ids = wallet
    jobs = store.tags.create_collection("  Job   applications ")
    year = store.tags.create_collection("Year 1")
    with pytest.raises(WalletError, match="already a collection"):
        store.tags.create_collection("Job applications")
    with pytest.raises(WalletError, match="needs a name"):
        store.tags.create_collection("  ")
    store.tags.add_to_collection(jobs, ids["aid"])
    store.tags.add_to_collection(jobs, ids["aid"])  # twice is once
    store.tags.add_to_collection(jobs, ids["python"])
    store.tags.add_to_collection(year, ids["python"])
    with pytest.raises(NotFound):
        store.tags.add_to_collection(999, ids["aid"])
    assert [(c.name, c.count) for c in store.tags.collections()] == [
        ("Job applications", 2),
        ("Year 1", 1),
    ]
    assert [c.name for c in store.tags.collections_of(ids["python"])] == [
        "Job applications",
        "Year 1",
    ]
    assert store.tags.collection_members(jobs) == {ids["aid"], ids["python"]}
    store.tags.remove_from_collection(jobs, ids["python"])
    store.tags.rename_collection(year, "First year")
    with pytest.raises(WalletError, match="already a collection"):
        store.tags.rename_collection(year, "Job applications")
    store.close()

    with WalletStore.open(tmp_path / "w.lwallet", "pw") as again:
        assert [(c.name, c.count) for c in again.tags.collections()] == [
            ("First year", 1),
            ("Job applications", 1),
        ]
        assert again.tags.collection_members(jobs) == {ids["aid"]}
        again.tags.delete_collection(jobs)
        assert [c.name for c in again.tags.collections()] == ["First year"]
        assert again.credentials.count() == 3  # the credentials stay
        again.credentials.delete(ids["python"])  # deleting a credential empties it from collections
        assert [(c.name, c.count) for c in again.tags.collections()] == [("First year", 0)]


def _secret_wallet(path: Path, encrypted: bool) -> None:
    with WalletStore.create(path, "pw", encrypted=encrypted) as store:
        for i in range(30):
            cid = store.credentials.add(
                make(f"Unit {i}", outcomes=[f"{SECRET_OUTCOME} {i}"]), f"{i}.json"
            )
            store.tags.set_tags(cid, [SECRET_TAG])
        coll = store.tags.create_collection(SECRET_COLLECTION)
        store.tags.add_to_collection(coll, cid)
        assert len(store.credentials.search("zorbul quixot")) == 30  # the index is really written
        assert len(store.credentials.search(SECRET_TAG[:6])) == 30


def test_search_index_tags_and_collections_are_not_in_plaintext(tmp_path) -> None:
    folder = tmp_path / "enc"
    _secret_wallet(folder / "w.lwallet", encrypted=True)
    blob = files_bytes(folder)
    assert len(blob) > 10_000
    for secret in ("Zorbulate", "zorbulate", "quixotic", SECRET_TAG, "Flibbertigibbet"):
        assert secret.encode() not in blob


def test_plain_mode_shows_the_index_so_the_check_above_can_fail(tmp_path) -> None:
    folder = tmp_path / "plain"
    _secret_wallet(folder / "w.db", encrypted=False)
    blob = files_bytes(folder)
    assert b"zorbulate" in blob  # FTS5 keeps folded tokens
    assert SECRET_TAG.encode() in blob and b"Flibbertigibbet" in blob


def test_migration_3_backfills_a_schema_2_wallet(tmp_path) -> None:
    path = tmp_path / "old.lwallet"
    with WalletStore.create(path, "pw") as store:
        cid = store.credentials.add(
            make(
                "Welding Basics",
                outcomes=["Join steel"],
                credits=Credits(10, "hours"),
                level=Level("4", "NZQF"),
            ),
            "a",
        )
        store.tags.set_tags(cid, ["trade"])
        c = store.db.conn
        # Take the file back to what schema 2 wrote.
        c.execute("DROP TABLE registry_issuers")  # (migration 9)
        c.execute("DROP TABLE registries")
        c.execute("DROP TABLE shares")  # (migration 8)
        c.execute("DROP TABLE pending_issuance")  # (migration 7)
        c.execute("DROP INDEX credentials_newest")  # (migration 6)
        c.execute("DROP TABLE holder_keys")  # (migration 5)
        c.execute("DROP TABLE stacks")  # (migration 4)
        c.execute("DROP TRIGGER credentials_unsearch")
        c.execute("DROP TABLE search")
        for index in ("credentials_list", "tags_by_tag", "collection_items_by_credential"):
            c.execute(f"DROP INDEX {index}")
        for col in (
            "kind",
            "credits_value",
            "credits_unit",
            "level_framework",
            "level_value",
            "has_image",
            "search_rowid",
        ):
            c.execute(f"ALTER TABLE credentials DROP COLUMN {col}")
        c.execute("PRAGMA user_version = 2")
    with WalletStore.open(path, "pw") as store:
        assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.credentials.search("steel") == [cid] and store.credentials.search("trade") == [
            cid
        ]
        assert store.credentials.summaries()[0].kind == MICRO_CREDENTIAL
        store.credentials.delete(cid)
        assert store.credentials.search("steel") == []


def test_search_ids_map_back_from_rowids_at_the_edges() -> None:
    from wallet.store.credentials import ids_of_rowids, search_key

    ids = [
        "0000000000000000",
        "ffffffffffffffff",
        "8000000000000000",
        "7fffffffffffffff",
        "0123456789abcdef",
    ]
    rowids = [search_key(i) for i in ids]
    assert rowids[1] == -1 and rowids[2] == -(1 << 63)
    assert ids_of_rowids(rowids) == ids
