"""The encrypted wallet file: one SQLCipher database, keyed by the learner's passphrase.

`WalletStore` opens (or creates) the file, owns its one connection (`store.db`, with the
transaction helper every concern writes through) and closes it. What the file holds is reached
by concern, each in its own module over that same connection:

    store.credentials  the credentials: bytes, records, list rows, search (credentials.py)
    store.tags         the learner's tags and collections (tags.py)
    store.stacks       kept stack definitions (stacks.py)
    store.trust        trusted issuers (trust.py)
    store.registries   subscribed issuer registries, their last good copy (registries.py)
    store.keys         holder keys (keys.py)
    store.checks       verification reports, proof memo, fetched documents (checks.py)
    store.settings     settings (settings.py)

`with store.transaction():` makes several concerns' writes one transaction.

Nothing outside `wallet/store/` touches SQL. The same code opens a plain SQLite file when
`encrypted=False` (used only by the benchmark that measures what encryption costs).

Durability: WAL journal with synchronous=NORMAL. A killed process never corrupts the file and
keeps every committed transaction; a power cut may lose the last few commits, never the file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import sqlcipher3

from wallet.errors import WalletBusy, WalletError, WalletFileError, WrongPassphrase
from wallet.files import make_folder_for
from wallet.messages import M
from wallet.store.checks import Checks
from wallet.store.connection import Db
from wallet.store.credentials import (
    Credentials,
    read_record,
    write_list_columns,
    write_search_entry,
)
from wallet.store.keys import HolderKeys
from wallet.store.pending import Pending
from wallet.store.registries import Registries
from wallet.store.schema import MIGRATIONS, SCHEMA_VERSION
from wallet.store.settings import Settings
from wallet.store.shares import Shares
from wallet.store.stacks import Stacks
from wallet.store.tags import Tags
from wallet.store.trust import Trust


def _quote(passphrase: str) -> str:
    """SQLCipher's PRAGMA key takes a literal, not a bound parameter: quote it safely."""
    if not passphrase:
        raise WalletError(M("the passphrase must not be empty"))
    if "\x00" in passphrase:
        raise WalletError(M("the passphrase must not contain a NUL character"))
    return "'" + passphrase.replace("'", "''") + "'"


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
                M(
                    "{path} is having its passphrase changed by another program;"
                    " try again in a moment",
                    path=str(wallet),
                )
            ) from None

    def exclusive(self) -> None:
        if self.fd is None:
            return
        try:
            self._fcntl.flock(self.fd, self._fcntl.LOCK_EX | self._fcntl.LOCK_NB)
        except OSError:
            self.shared()  # a failed upgrade may have dropped the shared lock: take it again
            raise WalletBusy(
                M(
                    "the wallet is open elsewhere (another window, a background "
                    "task or a learner-wallet command); close it there first, "
                    "then change the passphrase"
                )
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


class WalletStore:
    """An open wallet file. Use `create` or `open`; close it (or use it as a context manager).

    What it holds is read and written by concern: `credentials`, `tags`, `stacks`, `trust`,
    `keys`, `checks`, `settings`, `pending` (deferred credentials) and `shares` (what went to
    which verifier), all over the one connection `db`."""

    def __init__(
        self, path: Path, conn: sqlite3.Connection, encrypted: bool, key: str | None = None
    ) -> None:
        self.path = path
        self.db = Db(conn)
        self.encrypted = encrypted
        self._key = key  # held only while open, so that a worker thread can open its own link
        self._lock: _OpenLock | None = None
        self.checks = Checks(self.db)
        self.credentials = Credentials(self.db, self.checks)
        self.tags = Tags(self.db)
        self.stacks = Stacks(self.db)
        self.trust = Trust(self.db)
        self.registries = Registries(self.db)  # subscribed issuer registries
        self.keys = HolderKeys(self.db)
        self.pending = Pending(self.db)
        self.shares = Shares(self.db)
        self.settings = Settings(self.db)

    def transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """One transaction around several concerns' writes: all of them or none."""
        return self.db.transaction()

    # ----- opening -------------------------------------------------------------------------

    @classmethod
    def create(
        cls, path: str | os.PathLike[str], passphrase: str, *, encrypted: bool = True
    ) -> WalletStore:
        """Make a new wallet file; refuses to touch an existing one."""
        p = Path(path)
        if p.exists():
            raise WalletFileError(
                M("a file already exists at {path}; not overwriting it", path=str(p))
            )
        key = _quote(passphrase) if encrypted else None
        make_folder_for(p, private=True, error=WalletFileError)  # a new folder: private
        try:  # made empty and 0600 first: SQLite keeps the mode, and its -wal/-shm copy it
            os.close(os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            raise WalletFileError(
                M("a file already exists at {path}; not overwriting it", path=str(p))
            ) from None
        except OSError as e:
            raise WalletFileError(
                M("cannot create {path}: {reason}", path=str(p), reason=str(e.strerror))
            ) from None
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
            raise WalletFileError(M("no wallet file at {path}", path=str(p)))
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
            raise WalletFileError(M("the wallet is locked"))
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
            raise WalletFileError(
                M("cannot open {path}: {reason}", path=str(p), reason=str(e))
            ) from None
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            conn.execute(f"PRAGMA key = {key}")
        return conn

    def _setup(self) -> None:
        c = self.db.conn
        c.execute("PRAGMA journal_mode = WAL")
        c.execute("PRAGMA synchronous = NORMAL")
        c.execute("PRAGMA foreign_keys = ON")
        c.execute("PRAGMA busy_timeout = 5000")  # a second connection waits, it does not fail
        c.execute("PRAGMA cache_size = -65536")  # 64 MiB at most: fewer pages to decrypt again
        version = c.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise WalletFileError(
                M(
                    "{path} was written by a newer Learner Wallet (schema {version}); "
                    "update the app to open it",
                    path=str(self.path),
                    version=version,
                )
            )
        for number in range(version, SCHEMA_VERSION):
            with self.db.transaction():
                for statement in _split(MIGRATIONS[number]):
                    c.execute(statement)
                if number + 1 == 3:
                    self._backfill_list_and_search()
                c.execute(f"PRAGMA user_version = {number + 1}")

    def _backfill_list_and_search(self) -> None:
        """Migration 3 for credentials stored before it: list columns and search entries."""
        c = self.db.conn
        tags: dict[str, list[str]] = {}
        for cid, tag in c.execute("SELECT credential_id, tag FROM tags"):
            tags.setdefault(cid, []).append(tag)
        for (cid,) in c.execute("SELECT id FROM credentials").fetchall():
            cred = read_record(c, cid)
            write_list_columns(c, cid, cred)
            write_search_entry(c, cid, cred, tags.get(cid, []))

    def close(self) -> None:
        self._key = None
        self.db.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> WalletStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-key the whole file; afterwards only the new passphrase opens it."""
        if not self.encrypted:
            raise WalletError(M("this wallet file is not encrypted"))
        key = _quote(new_passphrase)
        if self._lock is not None:
            self._lock.exclusive()  # WalletBusy while anyone else has it open
        try:
            self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.db.conn.execute(f"PRAGMA rekey = {key}")
        finally:
            if self._lock is not None:
                self._lock.shared()
        self._key = key

    def integrity_ok(self) -> bool:
        answer: str = self.db.conn.execute("PRAGMA integrity_check").fetchone()[0]
        return answer == "ok"


def sqlite_version() -> str:
    """The SQLite (SQLCipher) version the wallet file is written with, for `self-test`."""
    return str(getattr(sqlcipher3, "sqlite_version", "?"))


def is_plain_sqlite(path: Path) -> bool:
    """True when the file at `path` starts with SQLite's plain header: not encrypted."""
    with Path(path).open("rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


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
            raise WalletError(M("the wallet opened in the background was already taken"))
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
