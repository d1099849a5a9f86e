"""The encrypted wallet file: one SQLCipher database, keyed by the learner's passphrase.

Nothing outside `wallet/store/` touches SQL. The same code opens a plain SQLite file when
`encrypted=False` (used only by the benchmark that measures what encryption costs).

Durability: WAL journal with synchronous=NORMAL. A killed process never corrupts the file and
keeps every committed transaction; a power cut may lose the last few commits, never the file.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import re
import sqlite3
import struct
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import sqlcipher3

from wallet.credential import BAKED_PNG, BAKED_SVG, CLR2, Credential, Parsed
from wallet.errors import (
    Duplicate,
    NotFound,
    WalletBusy,
    WalletError,
    WalletFileError,
    WrongPassphrase,
)
from wallet.store.schema import MIGRATIONS, SCHEMA_VERSION

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


def _ids_of_rowids(rowids: list[int]) -> list[str]:
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


def _quote(passphrase: str) -> str:
    """SQLCipher's PRAGMA key takes a literal, not a bound parameter: quote it safely."""
    if not passphrase:
        raise WalletError("the passphrase must not be empty")
    if "\x00" in passphrase:
        raise WalletError("the passphrase must not contain a NUL character")
    return "'" + passphrase.replace("'", "''") + "'"


def _pack(data: bytes) -> bytes:
    """Compress before encrypting: a third of the pages to encrypt and write, a smaller file."""
    return zlib.compress(data, 1)


def _unpack(blob: bytes) -> bytes:
    return zlib.decompress(blob)


class _OpenLock:
    """Every open connection holds a shared advisory lock on `<wallet>.lock`; changing the
    passphrase needs it exclusively. So a re-key never happens under another program's (or
    another thread's) open connection, which would then fail on its next read with SQLite's
    "file is not a database", and nothing opens the file while a re-key runs. SQLite's own
    locking already keeps concurrent reads and writes safe; this adds only the re-key rule.
    POSIX only (flock); elsewhere the lock is a no-op and SQLite's locking still prevents
    corruption."""

    def __init__(self, wallet: Path) -> None:
        self.fd: int | None = None
        try:
            import fcntl
        except ImportError:  # Windows
            return
        self._fcntl = fcntl
        try:
            self.fd = os.open(
                wallet.with_name(wallet.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600
            )
        except OSError:
            return  # a read-only folder: no lock file, SQLite's locking still holds
        try:
            fcntl.flock(self.fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            self.release()
            raise WalletBusy(
                f"{wallet} is having its passphrase changed by another program;"
                " try again in a moment"
            ) from None

    def exclusive(self) -> None:
        if self.fd is None:
            return
        try:
            self._fcntl.flock(self.fd, self._fcntl.LOCK_EX | self._fcntl.LOCK_NB)
        except OSError:
            self.shared()  # a failed upgrade may have dropped the shared lock: take it again
            raise WalletBusy(
                "the wallet is open elsewhere (another window, a background "
                "task or a learner-wallet command); close it there first, "
                "then change the passphrase"
            ) from None

    def shared(self) -> None:
        if self.fd is not None:
            self._fcntl.flock(self.fd, self._fcntl.LOCK_SH)

    def release(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)  # closing drops the lock
            self.fd = None


def _private_files(wallet: Path) -> None:
    """Take group and other access away from the wallet file and its companions (made 0644
    by an earlier version): a copy of the file is all an offline passphrase guesser needs.
    SQLite gives a new -wal/-shm the main file's mode, so this runs before connecting."""
    if os.name == "nt":
        return
    for end in ("", "-wal", "-shm", ".lock"):
        path = wallet.with_name(wallet.name + end)
        try:
            mode = path.stat().st_mode & 0o777
            if mode & 0o077:
                path.chmod(mode & 0o700)
        except OSError:
            pass  # missing, or not ours: SQLite's own errors say more


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


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
    is the list's first screen (`WalletStore.list_snapshot(first=...)`) and the window reads
    the rest once it has painted."""

    summaries: list[Summary]
    verdicts: dict[str, str]
    total: int

    @property
    def complete(self) -> bool:
        return len(self.summaries) >= self.total


@dataclass
class Collection:
    """A named group of credentials the learner made ("Job applications", "Year 1")."""

    id: int
    name: str
    count: int = 0


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


class WalletStore:
    """An open wallet file. Use `create` or `open`; close it (or use it as a context manager)."""

    def __init__(
        self, path: Path, conn: sqlite3.Connection, encrypted: bool, key: str | None = None
    ) -> None:
        self.path = path
        self._conn = conn
        self.encrypted = encrypted
        self._key = key  # held only while open, so that a worker thread can open its own link
        self._lock: _OpenLock | None = None

    # ----- opening -------------------------------------------------------------------------

    @classmethod
    def create(
        cls, path: str | os.PathLike[str], passphrase: str, *, encrypted: bool = True
    ) -> WalletStore:
        """Make a new wallet file; refuses to touch an existing one."""
        p = Path(path)
        if p.exists():
            raise WalletFileError(f"a file already exists at {p}; not overwriting it")
        key = _quote(passphrase) if encrypted else None
        try:
            p.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # a new folder: private
        except OSError as e:
            raise WalletFileError(f"cannot create the folder for {p}: {e.strerror}") from None
        try:  # made empty and 0600 first: SQLite keeps the mode, and its -wal/-shm copy it
            os.close(os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            raise WalletFileError(f"a file already exists at {p}; not overwriting it") from None
        except OSError as e:
            raise WalletFileError(f"cannot create {p}: {e.strerror}") from None
        try:
            conn, lock = cls._locked_connect(p, key)
        except BaseException:
            with contextlib.suppress(OSError):
                if p.stat().st_size == 0:
                    p.unlink()
            raise
        return cls._ready(p, conn, encrypted, key, lock)

    @classmethod
    def _locked_connect(cls, p: Path, key: str | None) -> tuple[sqlite3.Connection, _OpenLock]:
        """The open lock first (refused during another program's re-key), then the link."""
        lock = _OpenLock(p)
        try:
            return cls._connect(p, key), lock
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _ready(
        cls, p: Path, conn: sqlite3.Connection, encrypted: bool, key: str | None, lock: _OpenLock
    ) -> WalletStore:
        store = cls(p, conn, encrypted, key)
        store._lock = lock
        try:
            store._setup()
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], passphrase: str, *, encrypted: bool = True
    ) -> WalletStore:
        """Open an existing wallet. A wrong passphrase changes nothing in the file."""
        p = Path(path)
        if not p.is_file():
            raise WalletFileError(f"no wallet file at {p}")
        key = _quote(passphrase) if encrypted else None
        _private_files(p)
        conn, lock = cls._locked_connect(p, key)
        try:
            # The first read decrypts page 1: a wrong key fails here, before any write.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except (sqlcipher3.DatabaseError, sqlite3.DatabaseError):
            conn.close()
            lock.release()
            raise WrongPassphrase(str(p)) from None
        return cls._ready(p, conn, encrypted, key, lock)

    def another_connection(self) -> WalletStore:
        """The same wallet on a new connection, for a worker thread (SQLite connections must
        not be shared between threads; WAL lets one write while another reads)."""
        if self._key is None and self.encrypted:
            raise WalletFileError("the wallet is locked")
        conn, lock = WalletStore._locked_connect(self.path, self._key)
        return WalletStore._ready(self.path, conn, self.encrypted, self._key, lock)

    @staticmethod
    def _connect(p: Path, key: str | None) -> sqlite3.Connection:
        try:
            # sqlcipher3 ships no types; its Connection has sqlite3.Connection's interface.
            conn = cast(
                sqlite3.Connection,
                sqlcipher3.connect(str(p), isolation_level=None, check_same_thread=False),
            )
        except sqlcipher3.Error as e:
            raise WalletFileError(f"cannot open {p}: {e}") from None
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            conn.execute(f"PRAGMA key = {key}")
        return conn

    def _setup(self) -> None:
        c = self._conn
        c.execute("PRAGMA journal_mode = WAL")
        c.execute("PRAGMA synchronous = NORMAL")
        c.execute("PRAGMA foreign_keys = ON")
        c.execute("PRAGMA busy_timeout = 5000")  # a second connection waits, it does not fail
        c.execute("PRAGMA cache_size = -65536")  # 64 MiB at most: fewer pages to decrypt again
        version = c.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise WalletFileError(
                f"{self.path} was written by a newer Learner Wallet (schema {version}); "
                "update the app to open it"
            )
        for number in range(version, SCHEMA_VERSION):
            with self._transaction():
                for statement in _split(MIGRATIONS[number]):
                    c.execute(statement)
                if number + 1 == 3:
                    self._backfill_list_and_search()
                c.execute(f"PRAGMA user_version = {number + 1}")

    def _backfill_list_and_search(self) -> None:
        """Migration 3 for credentials stored before it: list columns and search entries."""
        c = self._conn
        tags: dict[str, list[str]] = {}
        for cid, tag in c.execute("SELECT credential_id, tag FROM tags"):
            tags.setdefault(cid, []).append(tag)
        rows = c.execute("SELECT id, record FROM credentials").fetchall()
        for cid, record in rows:
            cred = Credential.from_dict(json.loads(_unpack(record)))
            self._write_list_columns(cid, cred)
            self._index(cid, cred, tags.get(cid, []))

    def close(self) -> None:
        self._key = None
        with contextlib.suppress(Exception):
            self._conn.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> WalletStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        c = self._conn
        c.execute("BEGIN IMMEDIATE")
        try:
            yield c
        except BaseException:
            c.execute("ROLLBACK")
            raise
        else:
            c.execute("COMMIT")

    # ----- writing -------------------------------------------------------------------------

    def add(self, parsed: Parsed, source: str) -> str:
        """Keep one credential (and any it bundles) in one transaction; returns its id."""
        with self._transaction():
            return self._insert(parsed, source, None)

    def add_many(self, items: Iterable[tuple[Parsed, str]]) -> list[str | Duplicate]:
        """Keep many credentials in one transaction: all of them, or (on a crash) none.

        A duplicate does not abort the batch; its place in the result holds the Duplicate.
        """
        results: list[str | Duplicate] = []
        with self._transaction():
            for parsed, source in items:
                try:
                    results.append(self._insert(parsed, source, None))
                except Duplicate as d:
                    results.append(d)
        return results

    def _insert(self, parsed: Parsed, source: str, parent_id: str | None) -> str:
        c = self._conn
        sha = parsed.payload_sha256
        cid = sha[:ID_LENGTH]
        row = c.execute(
            "SELECT payload_sha256, title FROM credentials WHERE id = ?", (cid,)
        ).fetchone()
        if row:
            if row[0] != sha:  # 64-bit prefix clash: never seen, but never silently merged
                raise WalletError(f"cannot store {source}: its id clashes with {cid}")
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
                _pack(parsed.original),
                None if parsed.payload == parsed.original else _pack(parsed.payload),
                parsed.media_type,
                source,
                parent_id,
                cred.format,
                cred.proof_form,
                cred.title,
                cred.issuer.name,
                cred.issuer.id,
                cred.issued,
                _pack(json.dumps(cred.to_dict(), ensure_ascii=False).encode("utf-8")),
                _now(),
            ),
        )
        self._write_list_columns(cid, cred)
        self._index(cid, cred, [])
        for child in parsed.children:
            self._insert(child, source, cid)
        return cid

    def _write_list_columns(self, cid: str, cred: Credential) -> None:
        image = cred.image or ""
        has_image = image[:11].lower() == "data:image/" or cred.baked in (BAKED_PNG, BAKED_SVG)
        self._conn.execute(
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

    def _index(self, cid: str, cred: Credential, user_tags: Iterable[str]) -> None:
        """(Re)write the search entry of one credential (inside the caller's transaction)."""
        rowid = search_key(cid)
        self._conn.execute("DELETE FROM search WHERE rowid = ?", (rowid,))
        self._conn.execute(
            "INSERT INTO search (rowid, title, issuer, skills, outcomes, description)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (rowid, *_search_fields(cred, user_tags)),
        )

    def delete(self, cid: str) -> None:
        """Remove a credential (and what it bundles) for good."""
        full = self.resolve(cid)
        with self._transaction() as c:
            c.execute("DELETE FROM credentials WHERE id = ?", (full,))

    def set_tags(self, cid: str, tags: Iterable[str]) -> None:
        """The learner's own tags for a credential (replacing the old ones); searchable."""
        full = self.resolve(cid)
        clean = sorted({" ".join(t.split()) for t in tags if t.strip()})
        record = self._conn.execute(
            "SELECT record FROM credentials WHERE id = ?", (full,)
        ).fetchone()[0]
        cred = Credential.from_dict(json.loads(_unpack(record)))
        with self._transaction() as c:
            c.execute("DELETE FROM tags WHERE credential_id = ?", (full,))
            c.executemany(
                "INSERT INTO tags (credential_id, tag) VALUES (?, ?)", [(full, t) for t in clean]
            )
            self._index(full, cred, clean)

    # ----- collections: named groups the learner makes ------------------------------------

    def create_collection(self, name: str) -> int:
        """A new, empty collection; its id. Names are unique (compared as written)."""
        clean = self._collection_name(name)
        with self._transaction() as c:
            try:
                cur = c.execute("INSERT INTO collections (name) VALUES (?)", (clean,))
            except (sqlcipher3.IntegrityError, sqlite3.IntegrityError):
                raise WalletError(f"there is already a collection called {clean!r}") from None
            return int(cur.lastrowid or 0)

    def rename_collection(self, collection_id: int, name: str) -> None:
        clean = self._collection_name(name)
        with self._transaction() as c:
            try:
                cur = c.execute(
                    "UPDATE collections SET name = ? WHERE id = ?", (clean, collection_id)
                )
            except (sqlcipher3.IntegrityError, sqlite3.IntegrityError):
                raise WalletError(f"there is already a collection called {clean!r}") from None
            if cur.rowcount == 0:
                raise NotFound(f"no collection with id {collection_id}")

    def delete_collection(self, collection_id: int) -> None:
        """Remove the group; the credentials in it stay in the wallet."""
        with self._transaction() as c:
            c.execute("DELETE FROM collections WHERE id = ?", (collection_id,))

    def add_to_collection(self, collection_id: int, cid: str) -> None:
        full = self.resolve(cid)
        with self._transaction() as c:
            if (
                c.execute("SELECT 1 FROM collections WHERE id = ?", (collection_id,)).fetchone()
                is None
            ):
                raise NotFound(f"no collection with id {collection_id}")
            c.execute(
                "INSERT OR IGNORE INTO collection_items (collection_id, credential_id)"
                " VALUES (?, ?)",
                (collection_id, full),
            )

    def remove_from_collection(self, collection_id: int, cid: str) -> None:
        full = self.resolve(cid)
        with self._transaction() as c:
            c.execute(
                "DELETE FROM collection_items WHERE collection_id = ? AND credential_id = ?",
                (collection_id, full),
            )

    def collections(self) -> list[Collection]:
        """Every collection with how many credentials it holds, by name."""
        rows = self._conn.execute(
            "SELECT c.id, c.name, count(i.credential_id) FROM collections c"
            " LEFT JOIN collection_items i ON i.collection_id = c.id"
            " GROUP BY c.id ORDER BY c.name COLLATE NOCASE, c.name"
        )
        return [Collection(*r) for r in rows]

    def collections_of(self, cid: str) -> list[Collection]:
        full = self.resolve(cid)
        rows = self._conn.execute(
            "SELECT c.id, c.name FROM collections c JOIN collection_items i"
            " ON i.collection_id = c.id WHERE i.credential_id = ?"
            " ORDER BY c.name COLLATE NOCASE, c.name",
            (full,),
        )
        return [Collection(r[0], r[1]) for r in rows]

    def collection_members(self, collection_id: int) -> set[str]:
        return {
            r[0]
            for r in self._conn.execute(
                "SELECT credential_id FROM collection_items WHERE collection_id = ?",
                (collection_id,),
            )
        }

    @staticmethod
    def _collection_name(name: str) -> str:
        clean = " ".join(name.split())
        if not clean:
            raise WalletError("a collection needs a name")
        return clean

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-key the whole file; afterwards only the new passphrase opens it."""
        if not self.encrypted:
            raise WalletError("this wallet file is not encrypted")
        key = _quote(new_passphrase)
        if self._lock is not None:
            self._lock.exclusive()  # WalletBusy while anyone else has it open
        try:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._conn.execute(f"PRAGMA rekey = {key}")
        finally:
            if self._lock is not None:
                self._lock.shared()
        self._key = key

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self._transaction() as c:
            c.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # ----- verification: fetched documents, memoized proofs, reports, trust ------------------

    def cache_get(self, kind: str, key: str) -> tuple[bytes, str] | None:
        row = self._conn.execute(
            "SELECT data, fetched_at FROM fetched WHERE kind = ? AND key = ?", (kind, key)
        ).fetchone()
        return (_unpack(row[0]), row[1]) if row else None

    def cache_put(self, kind: str, key: str, data: bytes, fetched_at: str) -> None:
        with self._transaction() as c:
            c.execute(
                "INSERT INTO fetched (kind, key, data, fetched_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(kind, key) DO UPDATE SET data = excluded.data, "
                "fetched_at = excluded.fetched_at",
                (kind, key, _pack(data), fetched_at),
            )

    def memo_get(self, key: str) -> bytes | None:
        row = self._conn.execute("SELECT outcome FROM proof_memo WHERE key = ?", (key,)).fetchone()
        return _unpack(row[0]) if row else None

    def memo_put(self, key: str, outcome: bytes) -> None:
        with self._transaction() as c:
            c.execute(
                "INSERT OR REPLACE INTO proof_memo (key, outcome) VALUES (?, ?)",
                (key, _pack(outcome)),
            )

    def save_report(self, cid: str, checked_at: str, verdict: str, report: bytes) -> None:
        with self._transaction() as c:
            c.execute(
                "INSERT OR REPLACE INTO verifications (credential_id, checked_at, verdict,"
                " report) VALUES (?, ?, ?, ?)",
                (cid, checked_at, verdict, _pack(report)),
            )

    def last_report(self, cid: str) -> tuple[str, str, bytes] | None:
        """(checked_at, verdict, report JSON) of the latest check, or None if never checked."""
        row = self._conn.execute(
            "SELECT checked_at, verdict, report FROM verifications WHERE credential_id = ?", (cid,)
        ).fetchone()
        return (row[0], row[1], _unpack(row[2])) if row else None

    def verdicts(self) -> dict[str, str]:
        return dict(self._conn.execute("SELECT credential_id, verdict FROM verifications"))

    def records(self) -> dict[str, Credential]:
        """Every credential's normalized record in one query (stacks evaluate the whole wallet;
        `get` would also unpack each original file)."""
        rows = self._conn.execute("SELECT id, record FROM credentials")
        return {r[0]: Credential.from_dict(json.loads(_unpack(r[1]))) for r in rows}

    def tags_by_credential(self) -> dict[str, tuple[str, ...]]:
        """The learner's tags of every tagged credential, in one query."""
        out: dict[str, list[str]] = {}
        for cid, tag in self._conn.execute("SELECT credential_id, tag FROM tags ORDER BY tag"):
            out.setdefault(cid, []).append(tag)
        return {cid: tuple(tags) for cid, tags in out.items()}

    def payloads_of_format(self, fmt: str) -> list[bytes]:
        """The credential payloads of one format (e.g. CLR bundles, for derived stacks)."""
        rows = self._conn.execute(
            "SELECT payload, original FROM credentials WHERE format = ?", (fmt,)
        )
        return [_unpack(r[0] if r[0] is not None else r[1]) for r in rows]

    def save_stack(self, stack_id: str, name: str, source: str, definition: bytes) -> None:
        """Keep (or replace) a stack definition, our own JSON format."""
        with self._transaction() as c:
            c.execute(
                "INSERT INTO stacks (id, name, source, definition, added_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name,"
                " source = excluded.source, definition = excluded.definition",
                (stack_id, name, source, _pack(definition), _now()),
            )

    def stacks(self) -> list[tuple[str, str, str, bytes]]:
        """(id, name, source, definition) of every kept stack, by name."""
        rows = self._conn.execute(
            "SELECT id, name, source, definition FROM stacks ORDER BY name COLLATE NOCASE, id"
        )
        return [(r[0], r[1], r[2], _unpack(r[3])) for r in rows]

    def delete_stack(self, stack_id: str) -> None:
        with self._transaction() as c:
            if c.execute("DELETE FROM stacks WHERE id = ?", (stack_id,)).rowcount == 0:
                raise NotFound(f"no stack with id {stack_id!r}")

    def trusted_issuers(self) -> dict[str, str | None]:
        return dict(self._conn.execute("SELECT issuer_id, name FROM trusted_issuers"))

    def trust_issuer(self, issuer_id: str, name: str | None = None, source: str = "user") -> None:
        with self._transaction() as c:
            c.execute(
                "INSERT OR REPLACE INTO trusted_issuers (issuer_id, name, source) VALUES (?, ?, ?)",
                (issuer_id, name, source),
            )

    def distrust_issuer(self, issuer_id: str) -> None:
        with self._transaction() as c:
            c.execute("DELETE FROM trusted_issuers WHERE issuer_id = ?", (issuer_id,))

    # ----- holder keys (the learner's own identity, for presentations) ---------------------

    def create_holder_key(self, label: str) -> str:
        """Make a new Ed25519 holder key and keep it; returns its did:key.

        The key comes from `cryptography` (OS randomness), never from our own code. The raw
        private key lives only in the encrypted file; the first key made becomes the default.
        """
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return self.add_holder_key(Ed25519PrivateKey.generate(), label)

    def add_holder_key(self, key: Any, label: str) -> str:
        """Keep a given Ed25519 private key as a holder key (the demo learner's, a restore)."""
        from cryptography.hazmat.primitives.serialization import (
            Encoding,
            NoEncryption,
            PrivateFormat,
        )

        from wallet.proofs.keys import did_key_from_public_key

        label = label.strip()
        if not label:
            raise WalletError("a holder key needs a label")
        did = did_key_from_public_key(key.public_key())
        raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        with self._transaction() as c:
            first = c.execute("SELECT count(*) FROM holder_keys").fetchone()[0] == 0
            c.execute(
                "INSERT INTO holder_keys (id, label, private_key, created_at, is_default)"
                " VALUES (?, ?, ?, ?, ?)",
                (did, label, _pack(raw), _now(), int(first)),
            )
        return did

    def holder_keys(self) -> list[tuple[str, str, bool]]:
        """(did, label, is_default) of every holder key, oldest first (same second: by did).
        No private key is read: listings never carry one."""
        rows = self._conn.execute(
            "SELECT id, label, is_default FROM holder_keys ORDER BY created_at, id"
        )
        return [(r[0], r[1], bool(r[2])) for r in rows]

    def default_holder(self) -> str | None:
        """The did:key presentations are signed with unless another is chosen (None: no key)."""
        row = self._conn.execute("SELECT id FROM holder_keys WHERE is_default = 1").fetchone()
        return row[0] if row else None

    def holder_private_key(self, did: str) -> Any:
        """The Ed25519 private key object of a holder key, for signing a presentation only."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        row = self._conn.execute(
            "SELECT private_key FROM holder_keys WHERE id = ?", (did,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no holder key {did!r} in this wallet")
        return Ed25519PrivateKey.from_private_bytes(_unpack(row[0]))

    def set_default_holder(self, did: str) -> None:
        """Make `did` the default holder key (exactly one default while any key exists)."""
        with self._transaction() as c:
            if c.execute("SELECT 1 FROM holder_keys WHERE id = ?", (did,)).fetchone() is None:
                raise NotFound(f"no holder key {did!r} in this wallet")
            c.execute("UPDATE holder_keys SET is_default = 0 WHERE is_default = 1")
            c.execute("UPDATE holder_keys SET is_default = 1 WHERE id = ?", (did,))

    # ----- reading -------------------------------------------------------------------------

    def count(self) -> int:
        n: int = self._conn.execute("SELECT count(*) FROM credentials").fetchone()[0]
        return n

    def summaries(self) -> list[Summary]:
        """Every credential's list row, newest first (by date of issue, else of import), then
        by title.

        The order is made in Python, not by `ORDER BY coalesce(...)`: SQLite can only sort
        that through a temporary B-tree of all 14 columns (~30 ms at 10,000 rows, on the
        window's start-up path), while `ORDER BY title` is the covering index's own order
        and a stable sort on the date keeps titles in order within one date."""
        rows = self._conn.execute(f"{_SUMMARY_SELECT} ORDER BY title")
        out = [_summary(r) for r in rows]
        out.sort(key=_newest_first_key, reverse=True)
        return out

    def first_summaries(self, limit: int) -> list[Summary]:
        """The list's first `limit` top-level rows in the window's default order (dated ones
        newest first, then title; undated ones after them), with every item those bundles
        carry: enough for the first screen without reading 10,000 rows (the credentials_newest
        index serves it). Rows tied on both date and title may come in another order than
        `summaries()` gives them."""
        cols = _SUMMARY_SELECT
        rows = self._conn.execute(
            f"{cols} WHERE parent_id IS NULL AND issued > '' ORDER BY issued DESC, title LIMIT ?",
            (limit,),
        ).fetchall()
        if len(rows) < limit:
            rows += self._conn.execute(
                f"{cols} WHERE parent_id IS NULL AND (issued IS NULL OR issued = '')"
                " ORDER BY imported_at DESC, title LIMIT ?",
                (limit - len(rows),),
            ).fetchall()
        for chunk in _batches([r[0] for r in rows]):  # bundles' items (a CLR carries a few)
            rows += self._conn.execute(
                f"{cols} WHERE parent_id IN ({_marks(chunk)}) ORDER BY title", chunk
            ).fetchall()
        return [_summary(r) for r in rows]

    def list_snapshot(self, first: int | None = None) -> ListSnapshot:
        """The whole list (`first` None), or only its first `first` top-level rows when the
        wallet holds more than that (see `first_summaries`), with their verdicts."""
        total = self.count()
        if first is None or total <= first:
            return ListSnapshot(self.summaries(), self.verdicts(), total)
        rows = self.first_summaries(first)
        return ListSnapshot(rows, self.verdicts_of([s.id for s in rows]), total)

    def verdicts_of(self, ids: list[str]) -> dict[str, str]:
        """The stored verdicts of just these credentials (see `verdicts`)."""
        out: dict[str, str] = {}
        for chunk in _batches(ids):
            out.update(
                self._conn.execute(
                    "SELECT credential_id, verdict FROM verifications WHERE credential_id IN"
                    f" ({_marks(chunk)})",
                    chunk,
                )
            )
        return out

    def search(self, text: str) -> list[str]:
        """Ids of the credentials matching every word of `text` as a prefix, in title, issuer,
        skills and tags, learning outcomes or description; [] for text without words."""
        query = fts_query(text)
        if query is None:
            return []
        try:
            cursor = self._conn.execute("SELECT rowid FROM search WHERE search MATCH ?", (query,))
            rowids = [r for (r,) in cursor]
        except (sqlcipher3.OperationalError, sqlite3.OperationalError):
            return []  # a query FTS5 cannot parse matches nothing, it is not an error
        return _ids_of_rowids(rowids)

    def search_keys(self, text: str) -> set[int]:
        """`search`, as the set of `search_key`s of the hits: the list filters 10,000 rows on
        every keystroke, and skipping the conversion back to ids saves it a few ms."""
        query = fts_query(text)
        if query is None:
            return set()
        try:
            cursor = self._conn.execute("SELECT rowid FROM search WHERE search MATCH ?", (query,))
            return {r for (r,) in cursor}
        except (sqlcipher3.OperationalError, sqlite3.OperationalError):
            return set()

    def all_tags(self) -> list[str]:
        """Every tag the learner gave, once, in alphabetical order."""
        return [
            r[0]
            for r in self._conn.execute(
                "SELECT DISTINCT tag FROM tags ORDER BY tag COLLATE NOCASE, tag"
            )
        ]

    def tagged(self, tag: str) -> set[str]:
        """Ids of the credentials carrying the learner's `tag`."""
        return {
            r[0] for r in self._conn.execute("SELECT credential_id FROM tags WHERE tag = ?", (tag,))
        }

    def local_image(self, cid: str) -> tuple[str | None, bytes | None]:
        """What the credential itself holds to draw: its image if a data: URI, and the
        original bytes if it came baked into an image. Never a remote address."""
        row = self._conn.execute(
            "SELECT record, original, has_image FROM credentials WHERE id = ?", (cid,)
        ).fetchone()
        if row is None or not row[2]:
            return None, None
        cred = Credential.from_dict(json.loads(_unpack(row[0])))
        uri = cred.image if (cred.image or "")[:5].lower() == "data:" else None
        baked = _unpack(row[1]) if cred.baked in (BAKED_PNG, BAKED_SVG) else None
        return uri, baked

    def resolve(self, prefix: str) -> str:
        """Full id for an id or a unique prefix of one (at least 4 characters)."""
        p = prefix.strip().lower()
        if len(p) < 4 or any(ch not in "0123456789abcdef" for ch in p):
            raise NotFound(f"no credential with id {prefix!r} (ids are hex, 4+ characters)")
        rows = self._conn.execute(
            "SELECT id FROM credentials WHERE id >= ? AND id < ? LIMIT 2", (p, p + "g")
        ).fetchall()
        if not rows:
            raise NotFound(f"no credential with id {prefix!r}")
        if len(rows) > 1:
            raise NotFound(f"id {prefix!r} matches more than one credential; give more of it")
        cid: str = rows[0][0]
        return cid

    def get(self, prefix: str) -> StoredCredential:
        cid = self.resolve(prefix)
        c = self._conn
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
        original = _unpack(r[2])
        return StoredCredential(
            id=r[0],
            credential=Credential.from_dict(json.loads(_unpack(r[1]))),
            original=original,
            original_sha256=r[3],
            payload=_unpack(r[4]) if r[4] is not None else original,
            payload_sha256=r[5],
            media_type=r[6],
            source=r[7],
            imported_at=r[8],
            parent_id=r[9],
            children=children,
            tags=tags,
        )

    def find_by_payload(self, payload_sha256: str) -> str | None:
        row = self._conn.execute(
            "SELECT id FROM credentials WHERE id = ? AND payload_sha256 = ?",
            (payload_sha256[:ID_LENGTH], payload_sha256),
        ).fetchone()
        return row[0] if row else None

    def integrity_ok(self) -> bool:
        answer: str = self._conn.execute("PRAGMA integrity_check").fetchone()[0]
        return answer == "ok"


_SUMMARY_SELECT = (  # what the list shows of a credential, in Summary's field order
    "SELECT id, title, issuer_name, format, proof_form, issued, parent_id, kind, credits_value,"
    " credits_unit, level_framework, level_value, has_image, imported_at FROM credentials"
)


def _summary(row: tuple[Any, ...]) -> Summary:
    return Summary(
        id=row[0],
        title=row[1],
        issuer=row[2],
        format=row[3],
        proof_form=row[4],
        issued=row[5],
        parent_id=row[6],
        kind=row[7],
        credits_value=row[8],
        credits_unit=row[9],
        level_framework=row[10],
        level_value=row[11],
        has_image=bool(row[12]),
        imported_at=row[13],
    )


def _batches(items: list[str], size: int = 500) -> Iterator[list[str]]:
    """`items` in pieces small enough for one `IN (?, ...)` (SQLite caps bound parameters)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _marks(items: list[str]) -> str:
    return ",".join("?" * len(items))


def sqlite_version() -> str:
    """The SQLite (SQLCipher) version the wallet file is written with, for `self-test`."""
    return str(getattr(sqlcipher3, "sqlite_version", "?"))


def is_plain_sqlite(path: Path) -> bool:
    """True when the file at `path` starts with SQLite's plain header: not encrypted."""
    with Path(path).open("rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def _newest_first_key(s: Summary) -> str:
    return s.issued or s.imported_at


class PendingOpen:
    """A wallet being opened on a helper thread, so that SQLCipher's key derivation (~85 ms of
    PBKDF2 inside sqlite, which releases the GIL while it works) overlaps the caller's own
    start-up (importing Qt, building the window) instead of adding to it. The KDF itself is
    untouched: same passphrase, same SQLCipher defaults, same first-read check.

    The helper thread alone makes, keys, checks and (with `prefetch`) reads the connection;
    `result()` joins the thread before handing the store over, so the connection is never
    used by two threads at once, and everything the helper did happens-before the caller's
    next use. Whatever `prefetch(store)` returned is `prefetched` (None if it failed: the
    caller simply reads again).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        passphrase: str,
        *,
        prefetch: Callable[[WalletStore], Any] | None = None,
    ) -> None:
        self.path = Path(path)
        self.prefetched: Any = None
        self._store: WalletStore | None = None
        self._error: BaseException | None = None
        self._taken = False
        self._thread = threading.Thread(
            target=self._run, args=(passphrase, prefetch), name="wallet-open", daemon=True
        )
        self._thread.start()

    def _run(self, passphrase: str, prefetch: Callable[[WalletStore], Any] | None) -> None:
        try:
            store = WalletStore.open(self.path, passphrase)
        except BaseException as e:  # re-raised on the caller's thread by result()
            self._error = e
            return
        if prefetch is not None:
            try:
                self.prefetched = prefetch(store)
            except Exception:
                self.prefetched = None
        self._store = store

    def done(self) -> bool:
        """True once the helper has finished (result() would not wait)."""
        return not self._thread.is_alive()

    def result(self) -> WalletStore:
        """Wait for the open to finish; the store, or the open's own error (WrongPassphrase,
        WalletFileError...). The store can be taken once: it then belongs to the caller."""
        self._thread.join()
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        if self._store is None or self._taken:
            raise WalletError("the wallet opened in the background was already taken")
        self._taken = True
        return self._store

    def discard(self) -> None:
        """Not wanted after all: wait for the helper and close what it opened."""
        self._thread.join()
        if self._store is not None and not self._taken:
            self._taken = True
            self._store.close()


def _split(script: str) -> list[str]:
    """Statements of a migration script; a trigger body's inner semicolons stay inside it."""
    out: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                out.append(pending.strip())
            pending = ""
    if pending.strip(" \n;"):
        out.append(pending.strip())
    return out
