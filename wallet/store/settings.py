"""The learner's settings kept inside the wallet file (language, choices the window remembers)."""

from __future__ import annotations

from wallet.store.connection import Concern


class Settings(Concern):
    """Key/value settings of one wallet (`store.settings`)."""

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self._db.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set(self, key: str, value: str) -> None:
        self._db.write(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
