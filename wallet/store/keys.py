"""The learner's holder keys: Ed25519 did:keys that sign presentations (the default), and the
P-256 keys (did:key or did:jwk) made for issuers that accept nothing else. The private key lives
only inside the encrypted file; listings never read it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wallet.errors import NotFound, WalletError
from wallet.messages import M
from wallet.store.connection import Concern, now, pack, unpack

ED25519 = "Ed25519"
P256 = "P-256"
DID_KEY = "did:key"
DID_JWK = "did:jwk"


@dataclass(frozen=True)
class HolderKey:
    """A holder key as listed: its DID (did:key or did:jwk), the learner's label, and whether
    it is the default (never the private key)."""

    did: str
    label: str
    is_default: bool


class HolderKeys(Concern):
    """The holder keys of one wallet (`store.keys`)."""

    def create(self, label: str, *, curve: str = ED25519, method: str = DID_KEY) -> str:
        """Make a new holder key and keep it; returns its DID. `curve`: ED25519 (the default)
        or P256; `method`: DID_KEY or DID_JWK, how the key is named.

        The key comes from `cryptography` (OS randomness), never from our own code. The private
        key lives only in the encrypted file; the first key made becomes the default.
        """
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        if curve == P256:
            return self.add(ec.generate_private_key(ec.SECP256R1()), label, method=method)
        if curve != ED25519:
            raise ValueError(f"unsupported holder key curve {curve}")
        return self.add(Ed25519PrivateKey.generate(), label, method=method)

    def add(self, key: Any, label: str, *, method: str = DID_KEY) -> str:
        """Keep a given Ed25519 or P-256 private key as a holder key (the demo learner's, a
        restore), named as a did:key (default) or did:jwk. An Ed25519 key is kept as its raw 32
        bytes (as it always was); others with their multicodec prefix, which names the curve."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import (
            Encoding,
            NoEncryption,
            PrivateFormat,
        )

        from wallet.proofs.keys import (
            did_jwk_from_public_key,
            did_key_from_public_key,
            private_key_to_multicodec,
        )

        label = label.strip()
        if not label:
            raise WalletError(M("a holder key needs a label"))
        if method == DID_JWK:
            did = did_jwk_from_public_key(key.public_key())
        elif method == DID_KEY:
            did = did_key_from_public_key(key.public_key())
        else:
            raise ValueError(f"unsupported holder DID method {method}")
        if isinstance(key, Ed25519PrivateKey):
            raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        else:
            raw = private_key_to_multicodec(key)
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
        """The private key object of a holder key (Ed25519 or P-256), for signing a
        presentation or a key proof only."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        from wallet.proofs.keys import private_key_from_multicodec

        row = self._db.conn.execute(
            "SELECT private_key FROM holder_keys WHERE id = ?", (did,)
        ).fetchone()
        if row is None:
            raise NotFound(M("no holder key '{did}' in this wallet", did=did))
        raw = unpack(row[0])
        if len(raw) == 32:  # Ed25519, kept raw
            return Ed25519PrivateKey.from_private_bytes(raw)
        return private_key_from_multicodec(raw)

    def set_default(self, did: str) -> None:
        """Make `did` the default holder key (exactly one default while any key exists)."""
        with self._db.transaction() as c:
            if c.execute("SELECT 1 FROM holder_keys WHERE id = ?", (did,)).fetchone() is None:
                raise NotFound(M("no holder key '{did}' in this wallet", did=did))
            c.execute("UPDATE holder_keys SET is_default = 0 WHERE is_default = 1")
            c.execute("UPDATE holder_keys SET is_default = 1 WHERE id = ?", (did,))
