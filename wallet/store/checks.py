"""What verification keeps: the last report per credential, proof results memoized by content,
and documents fetched on online checks (for later offline ones).

`store.checks` is the cache and the memo a `VerifyContext` reads and writes
(`wallet.verify.context.Cache` and `Memo`)."""

from __future__ import annotations

from dataclasses import dataclass

from wallet.store.connection import Concern, batches, marks, pack, unpack


@dataclass(frozen=True)
class CachedDocument:
    """A document fetched on an online check, and when (ISO time, UTC)."""

    data: bytes
    fetched_at: str


@dataclass(frozen=True)
class StoredReport:
    """The latest check of a credential: when (ISO time), its verdict and the report JSON."""

    checked_at: str
    verdict: str
    report: bytes


class Checks(Concern):
    """Verification reports, proof memo and fetched documents of one wallet (`store.checks`)."""

    # ----- reports -------------------------------------------------------------------------

    def save_report(self, cid: str, checked_at: str, verdict: str, report: bytes) -> None:
        """Keep a credential's latest report (replacing the one before)."""
        self._db.write(
            "INSERT OR REPLACE INTO verifications (credential_id, checked_at, verdict, report)"
            " VALUES (?, ?, ?, ?)",
            (cid, checked_at, verdict, pack(report)),
        )

    def last_report(self, cid: str) -> StoredReport | None:
        """The latest check of a credential, or None if it was never checked."""
        row = self._db.conn.execute(
            "SELECT checked_at, verdict, report FROM verifications WHERE credential_id = ?", (cid,)
        ).fetchone()
        return StoredReport(row[0], row[1], unpack(row[2])) if row else None

    def verdicts(self) -> dict[str, str]:
        """Every checked credential's latest verdict, by id."""
        return dict(self._db.conn.execute("SELECT credential_id, verdict FROM verifications"))

    def verdicts_of(self, ids: list[str]) -> dict[str, str]:
        """The stored verdicts of just these credentials (see `verdicts`)."""
        out: dict[str, str] = {}
        for chunk in batches(ids):
            out.update(
                self._db.conn.execute(
                    "SELECT credential_id, verdict FROM verifications WHERE credential_id IN"
                    f" ({marks(chunk)})",
                    chunk,
                )
            )
        return out

    # ----- fetched documents (wallet.verify.context.Cache) ----------------------------------

    def cache_get(self, kind: str, key: str) -> CachedDocument | None:
        row = self._db.conn.execute(
            "SELECT data, fetched_at FROM fetched WHERE kind = ? AND key = ?", (kind, key)
        ).fetchone()
        return CachedDocument(unpack(row[0]), row[1]) if row else None

    def cache_put(self, kind: str, key: str, data: bytes, fetched_at: str) -> None:
        self._db.write(
            "INSERT INTO fetched (kind, key, data, fetched_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(kind, key) DO UPDATE SET data = excluded.data, "
            "fetched_at = excluded.fetched_at",
            (kind, key, pack(data), fetched_at),
        )

    # ----- memoized proof results (wallet.verify.context.Memo) ------------------------------

    def memo_get(self, key: str) -> bytes | None:
        row = self._db.conn.execute(
            "SELECT outcome FROM proof_memo WHERE key = ?", (key,)
        ).fetchone()
        return unpack(row[0]) if row else None

    def memo_put(self, key: str, outcome: bytes) -> None:
        self._db.write(
            "INSERT OR REPLACE INTO proof_memo (key, outcome) VALUES (?, ?)", (key, pack(outcome))
        )
