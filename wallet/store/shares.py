"""What the learner showed to whom and when (answers to verifiers), kept in the encrypted file.

Why: a learner who applied to several employers wants to see later which credentials went to
whom, and exactly what each let them see. Only what was sent is kept: no presentation, no key.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import secrets
from dataclasses import dataclass
from typing import Any

from wallet.store.connection import Concern


@dataclass(frozen=True)
class Shared:
    """One answer the wallet sent to a verifier."""

    id: str
    shared_at: str  # ISO UTC
    client_id: str
    verifier: str | None  # the name it gave itself
    host: str  # where the answer went
    purpose: str | None
    credentials: tuple[str, ...]  # the credential ids shown
    revealed: tuple[tuple[str, ...], ...]  # per credential: what it let the verifier see
    nonce_hash: str = ""  # SHA-256 of the request's nonce (hex): a replay is refused


_COLUMNS = "id, shared_at, client_id, verifier, host, purpose, credentials, revealed, nonce_hash"


def _row(r: Any) -> Shared:
    return Shared(
        id=str(r[0]),
        shared_at=str(r[1]),
        client_id=str(r[2]),
        verifier=None if r[3] is None else str(r[3]),
        host=str(r[4]),
        purpose=None if r[5] is None else str(r[5]),
        credentials=tuple(json.loads(str(r[6]))),
        revealed=tuple(tuple(x) for x in json.loads(str(r[7]))),
        nonce_hash=str(r[8]),
    )


def _hash(nonce: str) -> str:
    return hashlib.sha256(nonce.encode("utf-8")).hexdigest()


class Shares(Concern):
    """The history of answers to verifiers (`store.shares`), newest first."""

    def add(
        self,
        *,
        nonce: str,
        client_id: str,
        verifier: str | None,
        host: str,
        purpose: str | None,
        credentials: list[str],
        revealed: list[list[str]],
    ) -> Shared:
        # To the microsecond: two answers in one second still list newest first.
        moment = _dt.datetime.now(_dt.UTC).isoformat(timespec="microseconds")
        kept = Shared(
            secrets.token_hex(8),
            moment.replace("+00:00", "Z"),
            client_id,
            verifier,
            host,
            purpose,
            tuple(credentials),
            tuple(tuple(r) for r in revealed),
            _hash(nonce),
        )
        self.restore(kept)
        return kept

    def restore(self, entry: Shared) -> bool:
        """Keep an entry as it was (from a backup); False when this wallet has it already."""
        cursor = self._db.write(
            f"INSERT OR IGNORE INTO shares ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.id,
                entry.shared_at,
                entry.client_id,
                entry.verifier,
                entry.host,
                entry.purpose,
                json.dumps(list(entry.credentials)),
                json.dumps([list(r) for r in entry.revealed]),
                entry.nonce_hash,
            ),
        )
        return bool(cursor.rowcount)

    def answered(self, nonce: str) -> bool:
        """Whether the wallet already answered a request with this nonce."""
        found = self._db.conn.execute(
            "SELECT 1 FROM shares WHERE nonce_hash = ? LIMIT 1", (_hash(nonce),)
        ).fetchone()
        return found is not None

    def all(self) -> list[Shared]:
        rows = self._db.conn.execute(f"SELECT {_COLUMNS} FROM shares ORDER BY shared_at DESC, id")
        return [_row(r) for r in rows]
