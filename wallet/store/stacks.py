"""Stack definitions the learner keeps (always in our own JSON format, whatever they came in)."""

from __future__ import annotations

from dataclasses import dataclass

from wallet.errors import NotFound
from wallet.messages import M
from wallet.store.connection import Concern, now, pack, unpack


@dataclass(frozen=True)
class StoredStack:
    """A kept stack: its id, name, where it came from and its definition (our JSON format)."""

    id: str
    name: str
    source: str
    definition: bytes


class Stacks(Concern):
    """The stacks of one wallet (`store.stacks`)."""

    def save(self, stack_id: str, name: str, source: str, definition: bytes) -> None:
        """Keep (or replace) a stack definition, our own JSON format."""
        self._db.write(
            "INSERT INTO stacks (id, name, source, definition, added_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name,"
            " source = excluded.source, definition = excluded.definition",
            (stack_id, name, source, pack(definition), now()),
        )

    def all(self) -> list[StoredStack]:
        """Every kept stack, by name."""
        rows = self._db.conn.execute(
            "SELECT id, name, source, definition FROM stacks ORDER BY name COLLATE NOCASE, id"
        )
        return [StoredStack(r[0], r[1], r[2], unpack(r[3])) for r in rows]

    def delete(self, stack_id: str) -> None:
        if self._db.write("DELETE FROM stacks WHERE id = ?", (stack_id,)).rowcount == 0:
            raise NotFound(M("no stack with id '{id}'", id=stack_id))
