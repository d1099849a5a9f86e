"""The learner's own ways of grouping credentials: tags (searchable) and named collections."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

import sqlcipher3

from wallet.errors import NotFound, WalletError
from wallet.messages import M
from wallet.store.connection import Concern
from wallet.store.credentials import read_record, resolve, write_search_entry


@dataclass
class Collection:
    """A named group of credentials the learner made ("Job applications", "Year 1")."""

    id: int
    name: str
    count: int = 0


def _collection_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise WalletError(M("a collection needs a name"))
    return clean


def _name_taken(name: str) -> WalletError:
    return WalletError(M("there is already a collection called '{name}'", name=name))


class Tags(Concern):
    """Tags and collections of one wallet (`store.tags`)."""

    # ----- tags ----------------------------------------------------------------------------

    def set_tags(self, cid: str, tags: Iterable[str]) -> None:
        """The learner's own tags for a credential (replacing the old ones); searchable."""
        c = self._db.conn
        full = resolve(c, cid)
        clean = sorted({" ".join(t.split()) for t in tags if t.strip()})
        cred = read_record(c, full)
        with self._db.transaction() as c:
            c.execute("DELETE FROM tags WHERE credential_id = ?", (full,))
            c.executemany(
                "INSERT INTO tags (credential_id, tag) VALUES (?, ?)", [(full, t) for t in clean]
            )
            write_search_entry(c, full, cred, clean)

    def names(self) -> list[str]:
        """Every tag the learner gave, once, in alphabetical order."""
        return [
            r[0]
            for r in self._db.conn.execute(
                "SELECT DISTINCT tag FROM tags ORDER BY tag COLLATE NOCASE, tag"
            )
        ]

    def tagged(self, tag: str) -> set[str]:
        """Ids of the credentials carrying the learner's `tag`."""
        return {
            r[0]
            for r in self._db.conn.execute("SELECT credential_id FROM tags WHERE tag = ?", (tag,))
        }

    def by_credential(self) -> dict[str, tuple[str, ...]]:
        """The learner's tags of every tagged credential, in one query."""
        out: dict[str, list[str]] = {}
        for cid, tag in self._db.conn.execute("SELECT credential_id, tag FROM tags ORDER BY tag"):
            out.setdefault(cid, []).append(tag)
        return {cid: tuple(tags) for cid, tags in out.items()}

    # ----- collections: named groups the learner makes --------------------------------------

    def create_collection(self, name: str) -> int:
        """A new, empty collection; its id. Names are unique (compared as written)."""
        clean = _collection_name(name)
        with self._db.transaction() as c:
            try:
                cur = c.execute("INSERT INTO collections (name) VALUES (?)", (clean,))
            except (sqlcipher3.IntegrityError, sqlite3.IntegrityError):
                raise _name_taken(clean) from None
            return int(cur.lastrowid or 0)

    def rename_collection(self, collection_id: int, name: str) -> None:
        clean = _collection_name(name)
        with self._db.transaction() as c:
            try:
                cur = c.execute(
                    "UPDATE collections SET name = ? WHERE id = ?", (clean, collection_id)
                )
            except (sqlcipher3.IntegrityError, sqlite3.IntegrityError):
                raise _name_taken(clean) from None
            if cur.rowcount == 0:
                raise NotFound(M("no collection with id {id}", id=collection_id))

    def delete_collection(self, collection_id: int) -> None:
        """Remove the group; the credentials in it stay in the wallet."""
        self._db.write("DELETE FROM collections WHERE id = ?", (collection_id,))

    def add_to_collection(self, collection_id: int, cid: str) -> None:
        full = resolve(self._db.conn, cid)
        with self._db.transaction() as c:
            if (
                c.execute("SELECT 1 FROM collections WHERE id = ?", (collection_id,)).fetchone()
                is None
            ):
                raise NotFound(M("no collection with id {id}", id=collection_id))
            c.execute(
                "INSERT OR IGNORE INTO collection_items (collection_id, credential_id)"
                " VALUES (?, ?)",
                (collection_id, full),
            )

    def remove_from_collection(self, collection_id: int, cid: str) -> None:
        full = resolve(self._db.conn, cid)
        self._db.write(
            "DELETE FROM collection_items WHERE collection_id = ? AND credential_id = ?",
            (collection_id, full),
        )

    def collections(self) -> list[Collection]:
        """Every collection with how many credentials it holds, by name."""
        rows = self._db.conn.execute(
            "SELECT c.id, c.name, count(i.credential_id) FROM collections c"
            " LEFT JOIN collection_items i ON i.collection_id = c.id"
            " GROUP BY c.id ORDER BY c.name COLLATE NOCASE, c.name"
        )
        return [Collection(*r) for r in rows]

    def collections_of(self, cid: str) -> list[Collection]:
        """The collections a credential is in, by name (their counts are not read: 0)."""
        full = resolve(self._db.conn, cid)
        rows = self._db.conn.execute(
            "SELECT c.id, c.name FROM collections c JOIN collection_items i"
            " ON i.collection_id = c.id WHERE i.credential_id = ?"
            " ORDER BY c.name COLLATE NOCASE, c.name",
            (full,),
        )
        return [Collection(r[0], r[1]) for r in rows]

    def collection_members(self, collection_id: int) -> set[str]:
        return {
            r[0]
            for r in self._db.conn.execute(
                "SELECT credential_id FROM collection_items WHERE collection_id = ?",
                (collection_id,),
            )
        }
