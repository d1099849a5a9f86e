"""Issuer registries the learner subscribed to (`store.registries`): each one's last good copy,
kept as its entries so that verification reads it offline, and the last refresh's problem."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from wallet.messages import Msg
from wallet.store.connection import Concern, now


@dataclass(frozen=True)
class RegistryEntry:
    """One issuer a registry lists: its identifier (a DID) and what the registry says of it."""

    issuer_id: str
    name: str | None = None
    location: str | None = None
    url: str | None = None  # the issuer's website, as the registry gives it


@dataclass(frozen=True)
class Subscription:
    """A registry the learner subscribed to, as the wallet keeps it."""

    url: str
    name: str
    fetched_at: str  # when the copy kept was fetched (ISO 8601, UTC)
    added_at: str
    issuers: int  # how many issuers the copy kept lists
    problem: Msg | None = None  # why the last refresh failed (the copy kept is older)


@dataclass(frozen=True)
class Listing:
    """An issuer as a subscribed registry lists it: which registry, and its entry."""

    registry: Subscription
    entry: RegistryEntry


_COLUMNS = (
    "SELECT r.url, r.name, r.fetched_at, r.added_at, r.problem,"
    " (SELECT COUNT(*) FROM registry_issuers i WHERE i.registry_url = r.url)"
    " FROM registries r"
)


def _subscription(row: tuple[str, str, str, str, str | None, int]) -> Subscription:
    problem = Msg.from_json(json.loads(row[4])) if row[4] is not None else None
    return Subscription(row[0], row[1], row[2], row[3], row[5], problem)


class Registries(Concern):
    """The subscribed issuer registries of one wallet."""

    def all(self) -> list[Subscription]:
        """Every subscription, first subscribed first (the order names are looked up in)."""
        rows = self._db.conn.execute(f"{_COLUMNS} ORDER BY r.position, r.url")
        return [_subscription(r) for r in rows]

    def get(self, url: str) -> Subscription | None:
        row = self._db.conn.execute(f"{_COLUMNS} WHERE r.url = ?", (url,)).fetchone()
        return _subscription(row) if row else None

    def issuer_ids(self, url: str) -> list[str]:
        """The identifiers the kept copy of one registry lists."""
        rows = self._db.conn.execute(
            "SELECT issuer_id FROM registry_issuers WHERE registry_url = ? ORDER BY issuer_id",
            (url,),
        )
        return [iid for (iid,) in rows]

    def save(
        self,
        url: str,
        name: str,
        entries: Iterable[RegistryEntry],
        fetched_at: str | None = None,
    ) -> None:
        """Keep a good copy of a registry (a new subscription, or a refresh replacing the old
        copy whole); its problem is cleared. One transaction: all of it or nothing."""
        with self._db.transaction() as c:
            known = c.execute("SELECT 1 FROM registries WHERE url = ?", (url,)).fetchone()
            when = fetched_at or now()
            if known:
                c.execute(
                    "UPDATE registries SET name = ?, fetched_at = ?, problem = NULL WHERE url = ?",
                    (name, when, url),
                )
                c.execute("DELETE FROM registry_issuers WHERE registry_url = ?", (url,))
            else:
                (last,) = c.execute("SELECT COALESCE(MAX(position), 0) FROM registries").fetchone()
                c.execute(
                    "INSERT INTO registries (url, name, position, fetched_at, added_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (url, name, last + 1, when, now()),
                )
            c.executemany(
                "INSERT OR REPLACE INTO registry_issuers"
                " (registry_url, issuer_id, name, location, website) VALUES (?, ?, ?, ?, ?)",
                [(url, e.issuer_id, e.name, e.location, e.url) for e in entries],
            )

    def set_problem(self, url: str, problem: Msg | None) -> None:
        """Note why a refresh failed (the copy kept stays as it was)."""
        text = None if problem is None else json.dumps(problem.to_json(), ensure_ascii=False)
        self._db.write("UPDATE registries SET problem = ? WHERE url = ?", (text, url))

    def remove(self, url: str) -> bool:
        """Forget a subscription and its copy; False when there was none."""
        with self._db.transaction() as c:
            c.execute("DELETE FROM registry_issuers WHERE registry_url = ?", (url,))
            return c.execute("DELETE FROM registries WHERE url = ?", (url,)).rowcount > 0

    def listings(self) -> dict[str, Listing]:
        """Every listed issuer id -> the first subscribed registry listing it (one read: what
        a verification run looks issuers up in)."""
        subs = {s.url: s for s in self.all()}
        out: dict[str, Listing] = {}
        rows = self._db.conn.execute(
            "SELECT i.registry_url, i.issuer_id, i.name, i.location, i.website"
            " FROM registry_issuers i JOIN registries r ON r.url = i.registry_url"
            " ORDER BY r.position, r.url"
        )
        for url, iid, name, location, website in rows:
            if iid not in out:
                out[iid] = Listing(subs[url], RegistryEntry(iid, name, location, website))
        return out

    def listing(self, issuer_id: str) -> Listing | None:
        """The first subscribed registry listing this issuer, with its entry; None if none."""
        row = self._db.conn.execute(
            "SELECT i.registry_url, i.name, i.location, i.website"
            " FROM registry_issuers i JOIN registries r ON r.url = i.registry_url"
            " WHERE i.issuer_id = ? ORDER BY r.position, r.url LIMIT 1",
            (issuer_id,),
        ).fetchone()
        if row is None:
            return None
        sub = self.get(row[0])
        assert sub is not None  # joined above, in the same read
        return Listing(sub, RegistryEntry(issuer_id, row[1], row[2], row[3]))

    def entries(self, url: str) -> list[RegistryEntry]:
        """The kept copy of one registry, entry by entry (a backup carries them)."""
        rows = self._db.conn.execute(
            "SELECT issuer_id, name, location, website FROM registry_issuers"
            " WHERE registry_url = ? ORDER BY issuer_id",
            (url,),
        )
        return [RegistryEntry(*r) for r in rows]
