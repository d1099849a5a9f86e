"""The learner's holder keys: Ed25519 did:keys that sign presentations. The private key lives
only inside the encrypted file; listings never read it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wallet.errors import NotFound, WalletError
from wallet.messages import M
from wallet.store.connection import Concern, now, pack, unpack


@dataclass(frozen=True)
class HolderKey:
    """A holder key as listed: its did:key, the learner's label, and whether it is the
    default (never the private key)."""

    did: str
    label: str
    is_default: bool


class HolderKeys(Concern):
    """The holder keys of one wallet (`store.keys`)."""

    def create(self, label: str) -> str:
        """Make a new Ed25519 holder key and keep it; returns its did:key.

        The key comes from `cryptography` (OS randomness), never from our own code. The raw
        private key lives only in the encrypted file; the first key made becomes the default.
        """
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return self.add(Ed25519PrivateKey.generate(), label)

    def add(self, key: Any, label: str) -> str:
        """Keep a given Ed25519 private key as a holder key (the demo learner's, a restore)."""
        from cryptography.hazmat.primitives.serialization import (
            Encoding,
            NoEncryption,
            PrivateFormat,
        )

        from wallet.proofs.keys import did_key_from_public_key

        label = label.strip()
        if not label:
            raise WalletError(M("a holder key needs a label"))
        did = did_key_from_public_key(key.public_key())
        raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        with self._db.transaction() as c:
            first = c.execute("SELECT count(*) FROM holder_keys").fetchone()[0] == 0
            c.execute(
                "INSERT INTO holder_keys (id, label, private_key, created_at, is_default)"
                " VALUES (?, ?, ?, ?, ?)",
                (did, label, pack(raw), now(), int(first)),
            )
        return did

    def all(self) -> list[HolderKey]:
        """Every holder key, oldest first (same second: by did)."""
        rows = self._db.conn.execute(
            "SELECT id, label, is_default FROM holder_keys ORDER BY created_at, id"
        )
        return [HolderKey(r[0], r[1], bool(r[2])) for r in rows]

    def default(self) -> str | None:
        """The did:key presentations are signed with unless another is chosen (None: no key)."""
        row = self._db.conn.execute("SELECT id FROM holder_keys WHERE is_default = 1").fetchone()
        return row[0] if row else None

    def private_key(self, did: str) -> Any:
        """The Ed25519 private key object of a holder key, for signing a presentation only."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        row = self._db.conn.execute(
            "SELECT private_key FROM holder_keys WHERE id = ?", (did,)
        ).fetchone()
        if row is None:
            raise NotFound(M("no holder key '{did}' in this wallet", did=did))
        return Ed25519PrivateKey.from_private_bytes(unpack(row[0]))

    def set_default(self, did: str) -> None:
        """Make `did` the default holder key (exactly one default while any key exists)."""
        with self._db.transaction() as c:
            if c.execute("SELECT 1 FROM holder_keys WHERE id = ?", (did,)).fetchone() is None:
                raise NotFound(M("no holder key '{did}' in this wallet", did=did))
            c.execute("UPDATE holder_keys SET is_default = 0 WHERE is_default = 1")
            c.execute("UPDATE holder_keys SET is_default = 1 WHERE id = ?", (did,))
