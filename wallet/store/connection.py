"""The one connection of an open wallet and its transactions, shared by every concern's store.

Every concern (credentials, tags, stacks, trust, holder keys, checks, settings) writes through
the same `Db`, so a use case can make several concerns' writes one transaction:

    with store.transaction():
        store.stacks.save(...)
        store.trust.add(...)

A concern's own write opens a transaction of its own; inside an outer one it becomes a
savepoint, so a failed inner write undoes only itself and the outer one decides the commit.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from typing import Any


class Db:
    """A wallet's SQLite (SQLCipher) connection and its transaction helper."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._depth = 0  # open transactions on this connection: 1 the outer one, more savepoints

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All the writes inside, or (on any exception) none of them."""
        c = self.conn
        if self._depth:
            name = f"inner_{self._depth}"
            c.execute(f"SAVEPOINT {name}")
            self._depth += 1
            try:
                yield c
            except BaseException:
                c.execute(f"ROLLBACK TO {name}")
                c.execute(f"RELEASE {name}")
                raise
            else:
                c.execute(f"RELEASE {name}")
            finally:
                self._depth -= 1
            return
        c.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield c
        except BaseException:
            c.execute("ROLLBACK")
            raise
        else:
            try:
                c.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(Exception):
                    c.execute("ROLLBACK")  # never leave the connection inside a transaction
                raise
        finally:
            self._depth = 0

    def write(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """One statement in a transaction of its own (a savepoint inside an outer one)."""
        with self.transaction() as c:
            return c.execute(sql, params)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()


class Concern:
    """One concern's part of an open wallet (`store.tags`, `store.trust`, ...), reading and
    writing through the wallet's one connection."""

    def __init__(self, db: Db) -> None:
        self._db = db


def pack(data: bytes) -> bytes:
    """Compress before encrypting: a third of the pages to encrypt and write, a smaller file."""
    return zlib.compress(data, 1)


def unpack(blob: bytes) -> bytes:
    return zlib.decompress(blob)


def now() -> str:
    """The time a row is written, as the file keeps it (ISO, seconds, UTC)."""
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def batches(items: list[str], size: int = 500) -> Iterator[list[str]]:
    """`items` in pieces small enough for one `IN (?, ...)` (SQLite caps bound parameters)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks(items: list[str]) -> str:
    return ",".join("?" * len(items))
