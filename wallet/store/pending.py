"""Credentials an issuer promised to deliver later (OpenID4VCI deferred issuance).

A record is kept from the moment the issuer answers "later" until the credential is in the
wallet (or the learner lets it go), so that closing the app, a crash or a failed retry loses
none. What lets the wallet ask again (access token, refresh token, transaction id) lives only
inside the encrypted file, packed in one column that listings hand back but never show.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field, replace
from typing import Any

from wallet.errors import NotFound
from wallet.messages import M, Msg
from wallet.store.connection import Concern, now, pack, unpack


@dataclass(frozen=True)
class PendingSecrets:
    """What the issuer gave to ask again with: secrets, kept out of every repr."""

    access_token: str = field(repr=False)
    transaction_id: str = field(repr=False)
    refresh_token: str | None = field(default=None, repr=False)

    def _pack(self) -> bytes:
        data = {
            "access_token": self.access_token,
            "transaction_id": self.transaction_id,
            "refresh_token": self.refresh_token,
        }
        return pack(json.dumps(data).encode("utf-8"))

    @classmethod
    def _unpack(cls, blob: bytes) -> PendingSecrets:
        data = json.loads(unpack(blob))
        return cls(data["access_token"], data["transaction_id"], data.get("refresh_token"))


@dataclass(frozen=True)
class PendingIssuance:
    """One credential still to come: who promised it, for which holder key, where to ask,
    when to ask next (`next_at`, ISO UTC) and what went wrong the last time, if anything."""

    id: str
    credential_issuer: str
    issuer_name: str | None
    label: str  # how the learner sees it: "<host>: <credential's name>"
    configuration_id: str
    holder_did: str
    deferred_endpoint: str
    token_endpoint: str | None
    notification_endpoint: str | None
    secrets: PendingSecrets = field(repr=False)
    created_at: str = ""
    next_at: str = ""
    attempts: int = 0
    problem: Msg | None = None


_COLUMNS = (
    "id, credential_issuer, issuer_name, label, configuration_id, holder_did, deferred_endpoint,"
    " token_endpoint, notification_endpoint, secrets, created_at, next_at, attempts, problem"
)


def _row(r: Any) -> PendingIssuance:
    problem = Msg.from_json(json.loads(str(r[13]))) if r[13] is not None else None
    return PendingIssuance(
        id=str(r[0]),
        credential_issuer=str(r[1]),
        issuer_name=None if r[2] is None else str(r[2]),
        label=str(r[3]),
        configuration_id=str(r[4]),
        holder_did=str(r[5]),
        deferred_endpoint=str(r[6]),
        token_endpoint=None if r[7] is None else str(r[7]),
        notification_endpoint=None if r[8] is None else str(r[8]),
        secrets=PendingSecrets._unpack(bytes(r[9])),
        created_at=str(r[10]),
        next_at=str(r[11]),
        attempts=int(r[12]),
        problem=problem,
    )


class Pending(Concern):
    """The deferred credentials of one wallet (`store.pending`)."""

    def add(self, entry: PendingIssuance) -> PendingIssuance:
        """Keep a new pending credential (its `id` and `created_at` are given here); returns
        it as kept."""
        kept = replace(
            entry, id=secrets.token_hex(8), created_at=now(), next_at=entry.next_at or now()
        )
        self._db.write(
            f"INSERT INTO pending_issuance ({_COLUMNS}) VALUES ({', '.join('?' * 14)})",
            _values(kept),
        )
        return kept

    def all(self) -> list[PendingIssuance]:
        """Every pending credential, oldest first."""
        rows = self._db.conn.execute(
            f"SELECT {_COLUMNS} FROM pending_issuance ORDER BY created_at, id"
        )
        return [_row(r) for r in rows]

    def waiting(self) -> bool:
        """Whether any credential is still to come (one indexed look, nothing unpacked): the
        window asks the issuers again on opening only then."""
        return (
            self._db.conn.execute("SELECT 1 FROM pending_issuance LIMIT 1").fetchone() is not None
        )

    def get(self, pending_id: str) -> PendingIssuance:
        row = self._db.conn.execute(
            f"SELECT {_COLUMNS} FROM pending_issuance WHERE id = ?", (pending_id,)
        ).fetchone()
        if row is None:
            raise NotFound(M("no pending credential '{id}' in this wallet", id=pending_id))
        return _row(row)

    def save(self, entry: PendingIssuance) -> None:
        """Write back what a retry changed (secrets, next time, attempts, problem)."""
        cursor = self._db.write(
            "UPDATE pending_issuance SET secrets = ?, next_at = ?, attempts = ?, problem = ?"
            " WHERE id = ?",
            (
                entry.secrets._pack(),
                entry.next_at,
                entry.attempts,
                _problem(entry.problem),
                entry.id,
            ),
        )
        if cursor.rowcount == 0:
            raise NotFound(M("no pending credential '{id}' in this wallet", id=entry.id))

    def restore(self, entry: PendingIssuance) -> PendingIssuance | None:
        """Keep a pending credential from a backup as it was (its times and attempts), under
        a new id; None when this wallet already waits for it (same issuer and transaction id),
        so restoring twice never asks twice."""
        for kept in self.all():
            if (
                kept.credential_issuer == entry.credential_issuer
                and kept.secrets.transaction_id == entry.secrets.transaction_id
            ):
                return None
        restored = replace(entry, id=secrets.token_hex(8), problem=None)
        self._db.write(
            f"INSERT INTO pending_issuance ({_COLUMNS}) VALUES ({', '.join('?' * 14)})",
            _values(restored),
        )
        return restored

    def remove(self, pending_id: str) -> None:
        """Forget a pending credential (it arrived, or the learner let it go)."""
        self._db.write("DELETE FROM pending_issuance WHERE id = ?", (pending_id,))


def _problem(problem: Msg | None) -> str | None:
    return None if problem is None else json.dumps(problem.to_json(), ensure_ascii=False)


def _values(e: PendingIssuance) -> tuple[object, ...]:
    return (
        e.id,
        e.credential_issuer,
        e.issuer_name,
        e.label,
        e.configuration_id,
        e.holder_did,
        e.deferred_endpoint,
        e.token_endpoint,
        e.notification_endpoint,
        e.secrets._pack(),
        e.created_at,
        e.next_at,
        e.attempts,
        _problem(e.problem),
    )
