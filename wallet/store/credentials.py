"""The credentials a wallet holds: their exact bytes, records, list rows and search index."""

from __future__ import annotations

import json
import re
import sqlite3
import struct
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

import sqlcipher3

from wallet.credential import BAKED_PNG, BAKED_SVG, CLR2, Credential, Parsed
from wallet.errors import Duplicate, NotFound, WalletError
from wallet.messages import M
from wallet.store.checks import Checks
from wallet.store.connection import Concern, Db, batches, marks, now, pack, unpack

ID_LENGTH = 16  # hex characters of the payload SHA-256 used as the public id

# What kind of thing a credential is, for the list's marker and its type filter.
MICRO_CREDENTIAL = "micro"  # credits and a level, or achievementType MicroCredential
BADGE = "badge"  # anything else a single issuer awarded
BUNDLE = "clr"  # a CLR carrying other credentials
KINDS = (MICRO_CREDENTIAL, BADGE, BUNDLE)

_WORD = re.compile(r"\w+", re.UNICODE)


def credential_kind(cred: Credential) -> str:
    """Micro-credential, badge or bundle: decided once at import so the list need not ask."""
    if cred.format == CLR2:
        return BUNDLE
    achievement = (cred.achievement_type or "").replace("-", "").replace(" ", "").lower()
    if achievement == "microcredential" or (cred.credits is not None and cred.level is not None):
        return MICRO_CREDENTIAL
    return BADGE


def search_key(cid: str) -> int:
    """The FTS rowid of a credential: its 64-bit hex id read as a signed integer (a bijection,
    so search hits map back to ids without a look-up table)."""
    value = int(cid, 16)
    return value - (1 << 64) if value >= 1 << 63 else value


def ids_of_rowids(rowids: list[int]) -> list[str]:
    """Many rowids back to ids at once (packing them big-endian is the same two's complement
    the rowid was read as; one hex() instead of one format() per hit: 10,000 in ~1 ms)."""
    text = struct.pack(f">{len(rowids)}q", *rowids).hex()
    return [text[i : i + ID_LENGTH] for i in range(0, len(text), ID_LENGTH)]


def _search_fields(cred: Credential, user_tags: Iterable[str]) -> tuple[str, ...]:
    """The text search looks in: title, issuer, skills and tags, outcomes, description."""
    skills = [*cred.tags, *user_tags, cred.achievement_type or ""]
    skills += [a.target_name or "" for a in cred.alignments]
    return (
        cred.title or "",
        cred.issuer.name or "",
        "\n".join(s for s in skills if s),
        "\n".join(cred.learning_outcomes),
        "\n".join(x for x in (cred.description, cred.criteria) if x),
    )


def fts_query(text: str) -> str | None:
    """Every word of `text` as a quoted prefix term, all required; None when no words."""
    words = _WORD.findall(text)
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


@dataclass
class Summary:
    """One row of the credential list: what a list view or `list --json` needs."""

    id: str
    title: str
    issuer: str | None
    format: str
    proof_form: str
    issued: str | None
    parent_id: str | None
    kind: str = BADGE
    credits_value: float | None = None
    credits_unit: str | None = None
    level_framework: str | None = None
    level_value: str | None = None
    has_image: bool = False
    imported_at: str = ""


@dataclass(frozen=True)
class ListSnapshot:
    """The credential list as read at one moment, for a window to show without reading again.

    `total` is how many credentials the wallet holds; when `summaries` has fewer, the snapshot
    is the list's first screen (`store.credentials.list_snapshot(first=...)`) and the window
    reads the rest once it has painted."""

    summaries: list[Summary]
    verdicts: dict[str, str]
    total: int

    @property
    def complete(self) -> bool:
        return len(self.summaries) >= self.total


@dataclass
class StoredCredential:
    """A credential as the wallet holds it: the record, the exact bytes and their provenance."""

    id: str
    credential: Credential
    original: bytes
    original_sha256: str
    payload: bytes
    payload_sha256: str
    media_type: str
    source: str
    imported_at: str
    parent_id: str | None
    children: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


@dataclass(frozen=True, repr=False)
class Removed:
    """What `Credentials.delete_many` took out of the wallet, as the rows were (bytes still
    compressed), held in memory by whoever may undo it and never written anywhere else."""

    columns: tuple[str, ...]  # of the credentials table, "id" first
    rows: tuple[tuple[Any, ...], ...]  # parents before what they bundle
    tags: tuple[tuple[str, str], ...] = ()  # (credential id, tag)
    collections: tuple[tuple[str, str], ...] = ()  # (collection name, credential id)
    reports: tuple[tuple[Any, ...], ...] = ()  # the stored verifications rows

    @property
    def ids(self) -> tuple[str, ...]:
        """The full ids removed: those asked for and what they bundled, parents first."""
        return tuple(r[0] for r in self.rows)

    def __repr__(self) -> str:  # never the bytes, in a log or a failed test's output
        return f"Removed(ids={self.ids!r})"


def _read_removed(c: sqlite3.Connection, asked: list[str]) -> Removed:
    """The rows `asked` and everything they bundle (at any depth), parents first."""
    wanted = list(asked)
    seen = set(wanted)
    frontier = list(wanted)
    while frontier:
        found: list[str] = []
        for chunk in batches(frontier):
            found += [
                r[0]
                for r in c.execute(
                    f"SELECT id FROM credentials WHERE parent_id IN ({marks(chunk)})", chunk
                )
                if r[0] not in seen
            ]
        seen.update(found)
        wanted += found
        frontier = found
    cursor = c.execute("SELECT * FROM credentials LIMIT 0")
    columns = tuple(d[0] for d in cursor.description)
    by_id: dict[str, tuple[Any, ...]] = {}
    tags: list[tuple[str, str]] = []
    collections: list[tuple[str, str]] = []
    reports: list[tuple[Any, ...]] = []
    for chunk in batches(wanted):
        where = f"IN ({marks(chunk)})"
        for row in c.execute(f"SELECT * FROM credentials WHERE id {where}", chunk):
            by_id[row[0]] = tuple(row)
        tags += c.execute(
            f"SELECT credential_id, tag FROM tags WHERE credential_id {where} ORDER BY tag", chunk
        ).fetchall()
        collections += c.execute(
            "SELECT c.name, i.credential_id FROM collection_items i JOIN collections c"
            f" ON c.id = i.collection_id WHERE i.credential_id {where}",
            chunk,
        ).fetchall()
        reports += c.execute(
            "SELECT credential_id, checked_at, verdict, report FROM verifications"
            f" WHERE credential_id {where}",
            chunk,
        ).fetchall()
    parent_at = columns.index("parent_id")
    ordered: list[tuple[Any, ...]] = []
    placed: set[str] = set()

    def place(cid: str) -> None:
        if cid in placed:
            return
        placed.add(cid)
        parent = by_id[cid][parent_at]
        if parent in by_id:
            place(parent)
        ordered.append(by_id[cid])

    for cid in wanted:
        place(cid)
    return Removed(
        columns=columns,
        rows=tuple(ordered),
        tags=tuple((str(a), str(b)) for a, b in tags),
        collections=tuple((str(a), str(b)) for a, b in collections),
        reports=tuple(tuple(r) for r in reports),
    )


@dataclass(frozen=True)
class LocalImage:
    """What a credential itself holds to draw: its image if a data: URI, and its original
    bytes if it came baked into an image (None for what it lacks). Never a remote address."""

    data_uri: str | None = None
    baked: bytes | None = None


# --- rows written by an import, a tag change, a restore or the migration that added them -------


def write_list_columns(c: sqlite3.Connection, cid: str, cred: Credential) -> None:
    """The list columns of one stored credential, from its record."""
    image = cred.image or ""
    has_image = image[:11].lower() == "data:image/" or cred.baked in (BAKED_PNG, BAKED_SVG)
    c.execute(
        "UPDATE credentials SET kind = ?, credits_value = ?, credits_unit = ?,"
        " level_framework = ?, level_value = ?, has_image = ?, search_rowid = ?"
        " WHERE id = ?",
        (
            credential_kind(cred),
            cred.credits.value if cred.credits else None,
            cred.credits.unit if cred.credits else None,
            cred.level.framework if cred.level else None,
            cred.level.value if cred.level else None,
            int(has_image),
            search_key(cid),
            cid,
        ),
    )


def write_search_entry(
    c: sqlite3.Connection, cid: str, cred: Credential, user_tags: Iterable[str]
) -> None:
    """(Re)write the search entry of one credential (inside the caller's transaction)."""
    rowid = search_key(cid)
    c.execute("DELETE FROM search WHERE rowid = ?", (rowid,))
    c.execute(
        "INSERT INTO search (rowid, title, issuer, skills, outcomes, description)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (rowid, *_search_fields(cred, user_tags)),
    )


def read_record(c: sqlite3.Connection, cid: str) -> Credential:
    """The normalized record of one stored credential (its full id)."""
    record = c.execute("SELECT record FROM credentials WHERE id = ?", (cid,)).fetchone()[0]
    return Credential.from_dict(json.loads(unpack(record)))


def resolve(c: sqlite3.Connection, prefix: str) -> str:
    """Full id for an id or a unique prefix of one (at least 4 characters)."""
    p = prefix.strip().lower()
    if len(p) < 4 or any(ch not in "0123456789abcdef" for ch in p):
        raise NotFound(M("no credential with id '{id}' (ids are hex, 4+ characters)", id=prefix))
    rows = c.execute(
        "SELECT id FROM credentials WHERE id >= ? AND id < ? LIMIT 2", (p, p + "g")
    ).fetchall()
    if not rows:
        raise NotFound(M("no credential with id '{id}'", id=prefix))
    if len(rows) > 1:
        raise NotFound(M("id '{id}' matches more than one credential; give more of it", id=prefix))
    cid: str = rows[0][0]
    return cid


_SUMMARY_SELECT = (  # what the list shows of a credential, in Summary's field order
    "SELECT id, title, issuer_name, format, proof_form, issued, parent_id, kind, credits_value,"
    " credits_unit, level_framework, level_value, has_image, imported_at FROM credentials"
)
_SUMMARY_FIELDS = tuple(f.name for f in fields(Summary))


def _summary(row: tuple[Any, ...]) -> Summary:
    """A `_SUMMARY_SELECT` row as a Summary: the columns are its fields, in order (so the order
    is written once, in the SELECT, and a column too many or too few is an error)."""
    values = dict(zip(_SUMMARY_FIELDS, row, strict=True))
    values["has_image"] = bool(values["has_image"])  # SQLite keeps it as 0 or 1
    return Summary(**values)


def _newest_first_key(s: Summary) -> str:
    return s.issued or s.imported_at


class Credentials(Concern):
    """The credentials of one wallet (`store.credentials`)."""

    def __init__(self, db: Db, checks: Checks) -> None:
        super().__init__(db)
        self._checks = checks  # the stored verdicts a list snapshot carries

    # ----- writing -------------------------------------------------------------------------

    def add(self, parsed: Parsed, source: str) -> str:
        """Keep one credential (and any it bundles) in one transaction; returns its id."""
        with self._db.transaction():
            return self._insert(parsed, source, None)

    def add_many(self, items: Iterable[tuple[Parsed, str]]) -> list[str | Duplicate]:
        """Keep many credentials in one transaction: all of them, or (on a crash) none.

        A duplicate does not abort the batch; its place in the result holds the Duplicate.
        """
        results: list[str | Duplicate] = []
        with self._db.transaction():
            for parsed, source in items:
                try:
                    results.append(self._insert(parsed, source, None))
                except Duplicate as d:
                    results.append(d)
        return results

    def _insert(self, parsed: Parsed, source: str, parent_id: str | None) -> str:
        c = self._db.conn
        sha = parsed.payload_sha256
        cid = sha[:ID_LENGTH]
        row = c.execute(
            "SELECT payload_sha256, title FROM credentials WHERE id = ?", (cid,)
        ).fetchone()
        if row:
            if row[0] != sha:  # 64-bit prefix clash: never seen, but never silently merged
                raise WalletError(
                    M("cannot store {source}: its id clashes with {id}", source=source, id=cid)
                )
            if parent_id is not None:
                return cid  # a bundle may carry a credential the wallet already holds
            raise Duplicate(cid, row[1])
        cred = parsed.credential
        c.execute(
            "INSERT INTO credentials (id, payload_sha256, original_sha256, original, payload,"
            " media_type, source, parent_id, format, proof_form, title, issuer_name, issuer_id,"
            " issued, record, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                cid,
                sha,
                parsed.original_sha256,
                pack(parsed.original),
                None if parsed.payload == parsed.original else pack(parsed.payload),
                parsed.media_type,
                source,
                parent_id,
                cred.format,
                cred.proof_form,
                cred.title,
                cred.issuer.name,
                cred.issuer.id,
                cred.issued,
                pack(json.dumps(cred.to_dict(), ensure_ascii=False).encode("utf-8")),
                now(),
            ),
        )
        write_list_columns(c, cid, cred)
        write_search_entry(c, cid, cred, [])
        for child in parsed.children:
            self._insert(child, source, cid)
        return cid

    def replace_record(self, cid: str, cred: Credential) -> bool:
        """Show a stored credential (its full id) by another reading of it: its record, list
        row and search entry, in one transaction. Its bytes, their hashes, its id, format and
        proof form stay as they are. False (nothing written) when the record is the same."""
        with self._db.transaction() as c:
            if read_record(c, cid) == cred:
                return False
            c.execute(
                "UPDATE credentials SET title = ?, issuer_name = ?, issuer_id = ?, issued = ?,"
                " record = ? WHERE id = ?",
                (
                    cred.title,
                    cred.issuer.name,
                    cred.issuer.id,
                    cred.issued,
                    pack(json.dumps(cred.to_dict(), ensure_ascii=False).encode("utf-8")),
                    cid,
                ),
            )
            write_list_columns(c, cid, cred)
            tags = [r[0] for r in c.execute("SELECT tag FROM tags WHERE credential_id = ?", (cid,))]
            write_search_entry(c, cid, cred, tags)
        return True

    def delete(self, cid: str) -> None:
        """Remove a credential (and what it bundles) for good."""
        self.delete_many([cid])

    def delete_many(self, ids: Iterable[str]) -> Removed:
        """Remove credentials (ids or unique prefixes: NotFound for any other, before anything
        is removed) with everything of theirs: what they bundle, their tags, collection
        memberships, stored reports and search entries, in one transaction. Returns what went,
        in memory only, so that `put_back` can undo it exactly."""
        c = self._db.conn
        asked = list(dict.fromkeys(self.resolve(cid) for cid in ids))
        secure = c.execute("PRAGMA secure_delete").fetchone()[0]
        c.execute("PRAGMA secure_delete = ON")  # freed pages are zeroed, not left readable
        try:
            with self._db.transaction() as c:
                removed = _read_removed(c, asked)
                for chunk in batches(list(removed.ids)):
                    # Tags, memberships and reports go by cascade, search entries by trigger.
                    c.execute(f"DELETE FROM credentials WHERE id IN ({marks(chunk)})", chunk)
        finally:
            c.execute(f"PRAGMA secure_delete = {int(secure)}")
        return removed

    def put_back(self, removed: Removed) -> list[str]:
        """Undo `delete_many`: the same rows (ids, bytes, records), tags, collections (made
        again by name if deleted meanwhile), reports and search entries, in one transaction.
        A credential the wallet holds again meanwhile (imported anew) is left as it is.
        Returns the ids put back, parents first."""
        back: list[str] = []
        with self._db.transaction() as c:
            cols = ", ".join(removed.columns)
            values = marks(list(removed.columns))
            for row in removed.rows:
                cid = row[0]
                if c.execute("SELECT 1 FROM credentials WHERE id = ?", (cid,)).fetchone():
                    continue
                parent = row[removed.columns.index("parent_id")]
                if (
                    parent is not None
                    and parent not in back
                    and not c.execute(
                        "SELECT 1 FROM credentials WHERE id = ?", (parent,)
                    ).fetchone()
                ):
                    row = tuple(
                        None if n == "parent_id" else v
                        for n, v in zip(removed.columns, row, strict=True)
                    )  # its bundle is gone for good
                c.execute(f"INSERT INTO credentials ({cols}) VALUES ({values})", row)
                back.append(cid)
            again = set(back)
            c.executemany(
                "INSERT OR IGNORE INTO tags (credential_id, tag) VALUES (?, ?)",
                [t for t in removed.tags if t[0] in again],
            )
            for name, cid in removed.collections:
                if cid not in again:
                    continue
                c.execute("INSERT OR IGNORE INTO collections (name) VALUES (?)", (name,))
                c.execute(
                    "INSERT OR IGNORE INTO collection_items (collection_id, credential_id)"
                    " SELECT id, ? FROM collections WHERE name = ?",
                    (cid, name),
                )
            c.executemany(
                "INSERT OR IGNORE INTO verifications (credential_id, checked_at, verdict, report)"
                " VALUES (?, ?, ?, ?)",
                [r for r in removed.reports if r[0] in again],
            )
            for cid in back:
                tags = [t for i, t in removed.tags if i == cid]
                write_search_entry(c, cid, read_record(c, cid), tags)
        return back

    # ----- reading -------------------------------------------------------------------------

    def count(self) -> int:
        n: int = self._db.conn.execute("SELECT count(*) FROM credentials").fetchone()[0]
        return n

    def resolve(self, prefix: str) -> str:
        """Full id for an id or a unique prefix of one (at least 4 characters)."""
        return resolve(self._db.conn, prefix)

    def get(self, prefix: str) -> StoredCredential:
        """One credential, by id or unique prefix: record, exact bytes, children and tags."""
        cid = self.resolve(prefix)
        c = self._db.conn
        r = c.execute(
            "SELECT id, record, original, original_sha256, payload, payload_sha256, media_type,"
            " source, imported_at, parent_id FROM credentials WHERE id = ?",
            (cid,),
        ).fetchone()
        children = [
            x[0]
            for x in c.execute("SELECT id FROM credentials WHERE parent_id = ? ORDER BY id", (cid,))
        ]
        tags = [
            x[0]
            for x in c.execute("SELECT tag FROM tags WHERE credential_id = ? ORDER BY tag", (cid,))
        ]
        original = unpack(r[2])
        return StoredCredential(
            id=r[0],
            credential=Credential.from_dict(json.loads(unpack(r[1]))),
            original=original,
            original_sha256=r[3],
            payload=unpack(r[4]) if r[4] is not None else original,
            payload_sha256=r[5],
            media_type=r[6],
            source=r[7],
            imported_at=r[8],
            parent_id=r[9],
            children=children,
            tags=tags,
        )

    def find_by_payload(self, payload_sha256: str) -> str | None:
        row = self._db.conn.execute(
            "SELECT id FROM credentials WHERE id = ? AND payload_sha256 = ?",
            (payload_sha256[:ID_LENGTH], payload_sha256),
        ).fetchone()
        return row[0] if row else None

    def summaries(self) -> list[Summary]:
        """Every credential's list row, newest first (by date of issue, else of import), then
        by title.

        The order is made in Python, not by `ORDER BY coalesce(...)`: SQLite can only sort
        that through a temporary B-tree of all 14 columns (~30 ms at 10,000 rows, on the
        window's start-up path), while `ORDER BY title` is the covering index's own order
        and a stable sort on the date keeps titles in order within one date."""
        rows = self._db.conn.execute(f"{_SUMMARY_SELECT} ORDER BY title")
        out = [_summary(r) for r in rows]
        out.sort(key=_newest_first_key, reverse=True)
        return out

    def first_summaries(self, limit: int) -> list[Summary]:
        """The list's first `limit` top-level rows in the window's default order (dated ones
        newest first, then title; undated ones after them), with every item those bundles
        carry: enough for the first screen without reading 10,000 rows (the credentials_newest
        index serves it). Rows tied on both date and title may come in another order than
        `summaries()` gives them."""
        c = self._db.conn
        cols = _SUMMARY_SELECT
        rows = c.execute(
            f"{cols} WHERE parent_id IS NULL AND issued > '' ORDER BY issued DESC, title LIMIT ?",
            (limit,),
        ).fetchall()
        if len(rows) < limit:
            rows += c.execute(
                f"{cols} WHERE parent_id IS NULL AND (issued IS NULL OR issued = '')"
                " ORDER BY imported_at DESC, title LIMIT ?",
                (limit - len(rows),),
            ).fetchall()
        for chunk in batches([r[0] for r in rows]):  # bundles' items (a CLR carries a few)
            rows += c.execute(
                f"{cols} WHERE parent_id IN ({marks(chunk)}) ORDER BY title", chunk
            ).fetchall()
        return [_summary(r) for r in rows]

    def summaries_of(self, ids: Iterable[str]) -> list[Summary]:
        """The list rows of just these credentials and of the items they bundle, in no set
        order; ids not in the wallet are skipped (the window adds an import's rows, or
        re-reads a checked one, without reading the whole list again)."""
        wanted = list(dict.fromkeys(ids))
        c = self._db.conn
        rows: list[tuple[Any, ...]] = []
        for chunk in batches(wanted):
            rows += c.execute(f"{_SUMMARY_SELECT} WHERE id IN ({marks(chunk)})", chunk).fetchall()
            rows += c.execute(
                f"{_SUMMARY_SELECT} WHERE parent_id IN ({marks(chunk)})", chunk
            ).fetchall()
        return [_summary(r) for r in dict((r[0], r) for r in rows).values()]

    def issued_by(self, issuer_ids: Iterable[str]) -> list[str]:
        """Ids of the credentials whose issuer is one of these (a key's `#fragment` aside, as
        the trust check reads it): a trust change judges them differently."""
        wanted = set(issuer_ids)
        rows = self._db.conn.execute(
            "SELECT id, issuer_id FROM credentials WHERE issuer_id IS NOT NULL ORDER BY id"
        )
        return [cid for cid, iid in rows if iid.split("#", 1)[0] in wanted]

    def list_snapshot(self, first: int | None = None) -> ListSnapshot:
        """The whole list (`first` None), or only its first `first` top-level rows when the
        wallet holds more than that (see `first_summaries`), with their verdicts."""
        total = self.count()
        if first is None or total <= first:
            return ListSnapshot(self.summaries(), self._checks.verdicts(), total)
        rows = self.first_summaries(first)
        return ListSnapshot(rows, self._checks.verdicts_of([s.id for s in rows]), total)

    def search(self, text: str) -> list[str]:
        """Ids of the credentials matching every word of `text` as a prefix, in title, issuer,
        skills and tags, learning outcomes or description; [] for text without words."""
        query = fts_query(text)
        if query is None:
            return []
        try:
            cursor = self._db.conn.execute(
                "SELECT rowid FROM search WHERE search MATCH ?", (query,)
            )
            rowids = [r for (r,) in cursor]
        except (sqlcipher3.OperationalError, sqlite3.OperationalError):
            return []  # a query FTS5 cannot parse matches nothing, it is not an error
        return ids_of_rowids(rowids)

    def search_keys(self, text: str) -> set[int]:
        """`search`, as the set of `search_key`s of the hits: the list filters 10,000 rows on
        every keystroke, and skipping the conversion back to ids saves it a few ms."""
        query = fts_query(text)
        if query is None:
            return set()
        try:
            cursor = self._db.conn.execute(
                "SELECT rowid FROM search WHERE search MATCH ?", (query,)
            )
            return {r for (r,) in cursor}
        except (sqlcipher3.OperationalError, sqlite3.OperationalError):
            return set()

    def records(self) -> dict[str, Credential]:
        """Every credential's normalized record in one query (stacks evaluate the whole wallet;
        `get` would also unpack each original file)."""
        rows = self._db.conn.execute("SELECT id, record FROM credentials")
        return {r[0]: Credential.from_dict(json.loads(unpack(r[1]))) for r in rows}

    def payloads_of_format(self, fmt: str) -> list[bytes]:
        """The credential payloads of one format (e.g. CLR bundles, for derived stacks)."""
        rows = self._db.conn.execute(
            "SELECT payload, original FROM credentials WHERE format = ?", (fmt,)
        )
        return [unpack(r[0] if r[0] is not None else r[1]) for r in rows]

    def local_image(self, cid: str) -> LocalImage:
        """What the credential itself holds to draw (see `LocalImage`)."""
        row = self._db.conn.execute(
            "SELECT record, original, has_image FROM credentials WHERE id = ?", (cid,)
        ).fetchone()
        if row is None or not row[2]:
            return LocalImage()
        cred = Credential.from_dict(json.loads(unpack(row[0])))
        uri = cred.image if (cred.image or "")[:5].lower() == "data:" else None
        baked = unpack(row[1]) if cred.baked in (BAKED_PNG, BAKED_SVG) else None
        return LocalImage(uri, baked)
