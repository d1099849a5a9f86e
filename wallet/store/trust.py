"""The issuers the learner trusts (by identifier), for verification's trust check."""

from __future__ import annotations

from wallet.store.connection import Concern


class Trust(Concern):
    """The trusted issuers of one wallet (`store.trust`)."""

    def issuers(self) -> dict[str, str | None]:
        """Every trusted issuer's id and the name it was trusted under (None if it had none)."""
        return dict(self._db.conn.execute("SELECT issuer_id, name FROM trusted_issuers"))

    def add(self, issuer_id: str, name: str | None = None, source: str = "user") -> None:
        """Trust an issuer (again: its name and source are replaced)."""
        self._db.write(
            "INSERT OR REPLACE INTO trusted_issuers (issuer_id, name, source) VALUES (?, ?, ?)",
            (issuer_id, name, source),
        )

    def remove(self, issuer_id: str) -> None:
        """Trust an issuer no more (nothing happens if it was not trusted)."""
        self._db.write("DELETE FROM trusted_issuers WHERE issuer_id = ?", (issuer_id,))
