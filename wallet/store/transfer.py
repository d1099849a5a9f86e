"""Everything a wallet holds as one plain document, and merging such a document into a wallet.

Backups (`wallet.backup`) are this document, encrypted. It carries the exact original bytes of
every credential (with their SHA-256), tags, collections, stacks, holder keys, settings, the
trusted issuers, the credentials an issuer will deliver later (`pending`, with the tokens
that let the wallet ask again: the backup's encryption protects them as it protects the keys)
and the history of what was shown to which verifier (`shares`).
It also carries each credential's normalized record and list columns, for readers of the file,
but a merge never takes them from it: whoever knows a backup's passphrase can edit the
document, so `merge` writes only records the caller read again from the original bytes
(`CheckedDocument.parsed`, made by `wallet.backup`: this layer does not parse). Stored verdicts
and fetched documents are not carried (older backups' are dropped): a restore checks again.
The backup's trusted issuers, and its issuer registry subscriptions (each with the copy it
kept), are added only when the learner accepts them.

`merge` writes a whole document in one transaction after checking all of it first: a damaged
or inconsistent document changes nothing. Merging never duplicates: credentials are keyed by
the SHA-256 of their payload, collections by name, stacks and holder keys by id, pending
credentials by issuer and transaction id, shares by id; what the wallet already has wins (its
settings, its default holder key, its version of a stack).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from wallet.credential import Parsed
from wallet.errors import WalletError
from wallet.messages import M, Msg
from wallet.store.connection import pack, unpack
from wallet.store.credentials import (
    ID_LENGTH,
    read_record,
    write_list_columns,
    write_search_entry,
)
from wallet.store.db import WalletStore
from wallet.store.pending import PendingIssuance, PendingSecrets
from wallet.store.registries import RegistryEntry
from wallet.store.shares import Shared

DOCUMENT_FORMAT = "learner-wallet-backup"
DOCUMENT_VERSION = 1  # `pending`, `shares` came without a new version: older backups lack them

MAX_PENDING = 1000  # pending credentials a backup may carry
MAX_PENDING_TEXT = 4096  # characters in one of their addresses, names or times
MAX_PENDING_TOKEN = 16384  # characters in one of their tokens or transaction ids
MAX_SHARES = 100_000  # entries of the history of shares a backup may carry
MAX_SHARED_ITEMS = 100  # credentials in one entry, and claims listed for one credential
MAX_REGISTRIES = 100  # issuer registry subscriptions a backup may carry
MAX_REGISTRY_ENTRIES = 10_000  # issuers one of their copies may list (as a subscription may)


class BadDocument(WalletError):
    """A backup document that is not complete and consistent; nothing was written."""


@dataclass
class MergeCounts:
    """What a merge added (what the wallet already held is counted as skipped)."""

    credentials: int = 0
    skipped_credentials: int = 0
    tags: int = 0
    collections: int = 0
    stacks: int = 0
    holder_keys: int = 0
    settings: int = 0
    pending: int = 0  # credentials an issuer will deliver later, added (not already awaited)
    shares: int = 0  # entries of the history of shares, added
    trusted_issuers: int = 0  # added because the learner accepted the backup's trust list
    # The backup's trusted issuers this wallet does not trust (id, name): not added unless
    # accepted, so that an edited backup cannot make a stranger's issuer "trusted".
    offered_issuers: list[tuple[str, str | None]] = field(default_factory=list)
    registries: int = 0  # issuer registry subscriptions added, the learner having accepted
    # The backup's subscriptions this wallet lacks (url, name), not added unless accepted.
    offered_registries: list[tuple[str, str]] = field(default_factory=list)
    dropped_reports: int = 0  # stored verdicts in the backup, never restored: checked again
    dropped_documents: int = 0  # fetched documents in the backup, never restored
    new_ids: list[str] = field(default_factory=list)  # the credentials added, parents first

    def line(self) -> Msg:
        """What was added, for a person."""
        return M(
            "{credentials} credentials added ({skipped} already there), {tags} tags,"
            " {collections} collections, {stacks} stacks, {holder_keys} holder keys,"
            " {settings} settings",
            credentials=self.credentials,
            skipped=self.skipped_credentials,
            tags=self.tags,
            collections=self.collections,
            stacks=self.stacks,
            holder_keys=self.holder_keys,
            settings=self.settings,
        )


def dump(store: WalletStore, *, app_version: str = "") -> dict[str, Any]:
    """The whole wallet as one document (bytes stay bytes: the caller encodes it as CBOR)."""
    c = store.db.conn
    creds = []
    for row in c.execute(
        "SELECT id, original, original_sha256, payload, payload_sha256, media_type, source,"
        " parent_id, format, proof_form, title, issuer_name, issuer_id, issued, record,"
        " imported_at FROM credentials ORDER BY imported_at, id"
    ):
        creds.append(
            {
                "id": row[0],
                "original": unpack(row[1]),
                "original_sha256": row[2],
                "payload": None if row[3] is None else unpack(row[3]),
                "payload_sha256": row[4],
                "media_type": row[5],
                "source": row[6],
                "parent_id": row[7],
                "format": row[8],
                "proof_form": row[9],
                "title": row[10],
                "issuer_name": row[11],
                "issuer_id": row[12],
                "issued": row[13],
                "record": unpack(row[14]),
                "imported_at": row[15],
            }
        )
    collections: dict[int, dict[str, Any]] = {
        cid: {"name": name, "items": []}
        for cid, name in c.execute("SELECT id, name FROM collections ORDER BY id")
    }
    for coll_id, cred_id in c.execute(
        "SELECT collection_id, credential_id FROM "
        "collection_items ORDER BY collection_id, credential_id"
    ):
        collections[coll_id]["items"].append(cred_id)
    return {
        "format": DOCUMENT_FORMAT,
        "version": DOCUMENT_VERSION,
        "created": _dt.datetime.now(_dt.UTC)
        .replace(microsecond=0)
        .isoformat()
        .replace("+00:00", "Z"),
        "app_version": app_version,
        "credentials": creds,
        "tags": [
            list(r)
            for r in c.execute("SELECT credential_id, tag FROM tags ORDER BY credential_id, tag")
        ],
        "collections": list(collections.values()),
        "settings": dict(c.execute("SELECT key, value FROM settings ORDER BY key")),
        "stacks": [
            {
                "id": r[0],
                "name": r[1],
                "source": r[2],
                "definition": unpack(r[3]),
                "added_at": r[4],
            }
            for r in c.execute(
                "SELECT id, name, source, definition, added_at FROM stacks ORDER BY id"
            )
        ],
        "holder_keys": [
            {
                "id": r[0],
                "label": r[1],
                "private_key": unpack(r[2]),
                "created_at": r[3],
                "is_default": bool(r[4]),
            }
            for r in c.execute(
                "SELECT id, label, private_key, created_at, is_default FROM holder_keys "
                "ORDER BY created_at, id"
            )
        ],
        "trusted_issuers": [
            {"issuer_id": r[0], "name": r[1], "source": r[2]}
            for r in c.execute(
                "SELECT issuer_id, name, source FROM trusted_issuers ORDER BY issuer_id"
            )
        ],
        "pending": [_pending_entry(p) for p in store.pending.all()],
        "shares": [_share_entry(s) for s in store.shares.all()],
        "registries": [
            {
                "url": r.url,
                "name": r.name,
                "fetched_at": r.fetched_at,
                "added_at": r.added_at,
                "entries": [
                    {"issuer_id": e.issuer_id, "name": e.name, "location": e.location, "url": e.url}
                    for e in store.registries.entries(r.url)
                ],
            }
            for r in store.registries.all()
        ],
        # Never restored (a restore checks again), kept empty for readers that expect them.
        "verifications": [],
        "fetched": [],
    }


def _pending_entry(p: PendingIssuance) -> dict[str, Any]:
    """One pending credential for the document: what lets the wallet ask again, tokens
    included (the last retry's problem is not carried: the next retry says it again)."""
    return {
        "credential_issuer": p.credential_issuer,
        "issuer_name": p.issuer_name,
        "label": p.label,
        "configuration_id": p.configuration_id,
        "holder_did": p.holder_did,
        "deferred_endpoint": p.deferred_endpoint,
        "token_endpoint": p.token_endpoint,
        "notification_endpoint": p.notification_endpoint,
        "access_token": p.secrets.access_token,
        "transaction_id": p.secrets.transaction_id,
        "refresh_token": p.secrets.refresh_token,
        "created_at": p.created_at,
        "next_at": p.next_at,
        "attempts": p.attempts,
    }


# The fields of a pending credential in the document: (longest text, may be None).
_PENDING_FIELDS: dict[str, tuple[int, bool]] = {
    "credential_issuer": (MAX_PENDING_TEXT, False),
    "issuer_name": (MAX_PENDING_TEXT, True),
    "label": (MAX_PENDING_TEXT, False),
    "configuration_id": (MAX_PENDING_TEXT, False),
    "holder_did": (MAX_PENDING_TEXT, False),
    "deferred_endpoint": (MAX_PENDING_TEXT, False),
    "token_endpoint": (MAX_PENDING_TEXT, True),
    "notification_endpoint": (MAX_PENDING_TEXT, True),
    "access_token": (MAX_PENDING_TOKEN, False),
    "transaction_id": (MAX_PENDING_TOKEN, False),
    "refresh_token": (MAX_PENDING_TOKEN, True),
    "created_at": (64, False),
    "next_at": (64, False),
}


def _check_pending(doc: dict[str, Any]) -> None:
    """The document's pending credentials, if it has any (older backups do not): a list of
    at most MAX_PENDING objects, each field of its type and bounded in size."""
    for number, item in _numbered(doc, "pending"):
        for name, (longest, optional) in _PENDING_FIELDS.items():
            value = item.get(name)
            _need(
                (optional and value is None)
                or (isinstance(value, str) and int(not optional) <= len(value) <= longest),
                M("pending credential {number} has no valid {name}", number=number, name=name),
            )
        attempts = item.get("attempts")
        _need(
            type(attempts) is int and 0 <= attempts <= 1_000_000,
            M("pending credential {number} has no valid {name}", number=number, name="attempts"),
        )


def _pending_of(item: dict[str, Any]) -> PendingIssuance:
    """A checked pending credential of the document, as the wallet keeps one."""
    return PendingIssuance(
        id="",
        credential_issuer=item["credential_issuer"],
        issuer_name=item.get("issuer_name"),
        label=item["label"],
        configuration_id=item["configuration_id"],
        holder_did=item["holder_did"],
        deferred_endpoint=item["deferred_endpoint"],
        token_endpoint=item.get("token_endpoint"),
        notification_endpoint=item.get("notification_endpoint"),
        secrets=PendingSecrets(
            item["access_token"], item["transaction_id"], item.get("refresh_token")
        ),
        created_at=item["created_at"],
        next_at=item["next_at"],
        attempts=item["attempts"],
    )


def _share_entry(s: Shared) -> dict[str, Any]:
    return {
        "id": s.id,
        "shared_at": s.shared_at,
        "nonce_hash": s.nonce_hash,
        "client_id": s.client_id,
        "verifier": s.verifier,
        "host": s.host,
        "purpose": s.purpose,
        "credentials": list(s.credentials),
        "revealed": [list(r) for r in s.revealed],
    }


_SHARE_FIELDS: dict[str, tuple[int, bool]] = {  # (longest text, may be None)
    "id": (64, False),
    "shared_at": (64, False),
    "nonce_hash": (64, False),
    "client_id": (MAX_PENDING_TEXT, False),
    "verifier": (MAX_PENDING_TEXT, True),
    "host": (MAX_PENDING_TEXT, False),
    "purpose": (MAX_PENDING_TEXT, True),
}


def _bounded(value: Any, most: int, ok: Callable[[Any], bool]) -> bool:
    """A list of at most `most` items, each `ok`: nothing in a document is unbounded."""
    return isinstance(value, list) and len(value) <= most and all(ok(v) for v in value)


def _texts(value: Any) -> bool:
    return _bounded(
        value, MAX_SHARED_ITEMS, lambda v: isinstance(v, str) and len(v) <= MAX_PENDING_TEXT
    )


def _moment(text: str) -> bool:
    """An ISO 8601 time with its zone, as the wallet keeps `shared_at` (the history shows it)."""
    try:
        return _dt.datetime.fromisoformat(text.replace("Z", "+00:00")).tzinfo is not None
    except ValueError:
        return False


def _check_shares(doc: dict[str, Any]) -> None:
    """The document's history of shares, if it has one (older backups do not): a bounded
    list of objects, each field of its type and size."""
    for number, item in _numbered(doc, "shares"):
        for name, (longest, optional) in _SHARE_FIELDS.items():
            value = item.get(name)
            _need(
                (optional and value is None)
                or (isinstance(value, str) and 0 < len(value) <= longest),
                M("shared entry {number} has no valid {name}", number=number, name=name),
            )
        _need(
            _moment(item["shared_at"]),
            M("shared entry {number} has no valid {name}", number=number, name="shared_at"),
        )
        _need(
            _texts(item.get("credentials")),
            M("shared entry {number} has no valid {name}", number=number, name="credentials"),
        )
        _need(
            _bounded(item.get("revealed"), MAX_SHARED_ITEMS, _texts),
            M("shared entry {number} has no valid {name}", number=number, name="revealed"),
        )


def _share_of(item: dict[str, Any]) -> Shared:
    return Shared(
        id=item["id"],
        shared_at=item["shared_at"],
        client_id=item["client_id"],
        verifier=item.get("verifier"),
        host=item["host"],
        purpose=item.get("purpose"),
        credentials=tuple(item["credentials"]),
        revealed=tuple(tuple(r) for r in item["revealed"]),
        nonce_hash=item["nonce_hash"],
    )


def _check_registries(doc: dict[str, Any]) -> None:
    """The document's issuer registry subscriptions, if it has any (older backups do not): a
    bounded list of objects, each with its address, name, time and bounded entries."""
    for number, item in _numbered(doc, "registries"):
        for name in ("url", "name", "fetched_at", "added_at"):
            value = item.get(name)
            _need(
                isinstance(value, str) and 0 < len(value) <= MAX_PENDING_TEXT,
                M("issuer registry {number} has no valid {name}", number=number, name=name),
            )
        _need(
            _bounded(item.get("entries"), MAX_REGISTRY_ENTRIES, _registry_entry_ok),
            M("issuer registry {number} has no valid {name}", number=number, name="entries"),
        )


def _registry_entry_ok(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("issuer_id"), str)
        and 0 < len(entry["issuer_id"]) <= MAX_PENDING_TEXT
        and all(
            entry.get(k) is None
            or (isinstance(entry.get(k), str) and len(entry[k]) <= MAX_PENDING_TEXT)
            for k in ("name", "location", "url")
        )
    )


# --- checking a document before anything is written ------------------------------------------


def _need(cond: bool, what: Msg) -> None:
    if not cond:
        raise BadDocument(M("the backup is not consistent: {problem}", problem=what))


# The document's numbered lists (older backups have none): how many each may hold, and whole
# sentences for too many and for an entry that is not an object.
_MOST = {"pending": MAX_PENDING, "shares": MAX_SHARES, "registries": MAX_REGISTRIES}
_TOO_MANY = {
    "pending": M("it holds more than {count} pending credentials", count=MAX_PENDING),
    "shares": M("it holds more than {count} shares", count=MAX_SHARES),
    "registries": M("it holds more than {count} issuer registries", count=MAX_REGISTRIES),
}
_NOT_OBJECT: dict[str, Callable[[int], Msg]] = {
    "pending": lambda n: M("pending credential {number} is not an object", number=n),
    "shares": lambda n: M("shared entry {number} is not an object", number=n),
    "registries": lambda n: M("issuer registry {number} is not an object", number=n),
}


def _numbered(doc: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The objects listed under `key`, numbered from 1 as the messages name them; each is
    checked as it is reached, so the first problem in document order is the one said."""
    items = doc.get(key, [])
    _need(isinstance(items, list), M("{key} is not a list", key=key))
    _need(len(items) <= _MOST[key], _TOO_MANY[key])
    for number, item in enumerate(items, 1):
        _need(isinstance(item, dict), _NOT_OBJECT[key](number))
        yield number, item


def _is_text(value: Any, *, optional: bool = False) -> bool:
    return isinstance(value, str) or (optional and value is None)


def _records(
    doc: Any, key: str, fields: dict[str, type | tuple[type, ...]]
) -> list[dict[str, Any]]:
    items = doc.get(key)
    _need(isinstance(items, list), M("{key} is missing", key=key))
    for item in items:
        _need(isinstance(item, dict), M("an entry of {key} is not an object", key=key))
        for name, kind in fields.items():
            _need(
                isinstance(item.get(name), kind),
                M("an entry of {key} has no valid {name}", key=key, name=name),
            )
    return cast(list[dict[str, Any]], items)  # checked above: a list of objects


@dataclass(frozen=True)
class CheckedDocument:
    """A document `check` accepted, with every credential read again from its original bytes
    (by id): the only records, list columns and bundle contents `merge` writes."""

    doc: dict[str, Any]
    parsed: dict[str, Parsed]


def check(doc: Any) -> None:
    """Raise BadDocument unless `doc` is a complete, self-consistent backup document: every
    credential's bytes match their SHA-256 and id, references resolve, holder keys match their
    did:key. Records are not read from it (see `CheckedDocument`)."""
    _need(isinstance(doc, dict), M("it is not a document"))
    _need(doc.get("format") == DOCUMENT_FORMAT, M("it is not a Learner Wallet backup"))
    _need(isinstance(doc.get("version"), int), M("it has no version"))
    if doc["version"] > DOCUMENT_VERSION:
        raise BadDocument(
            M("the backup was made by a newer Learner Wallet; update the app to restore it")
        )
    text = str
    # Only what a merge takes from the document; titles, records and the other derived fields
    # are read again from the original bytes, so they are neither needed nor trusted here.
    creds = _records(
        doc,
        "credentials",
        {
            "id": text,
            "original": bytes,
            "original_sha256": text,
            "payload_sha256": text,
            "source": text,
            "imported_at": text,
        },
    )
    for cred in creds:
        cid = cred["id"][:ID_LENGTH]
        _need(
            hashlib.sha256(cred["original"]).hexdigest() == cred["original_sha256"],
            M("the original bytes of credential {id} do not match their SHA-256", id=cid),
        )
        _need(
            cred["id"] == cred["payload_sha256"][:ID_LENGTH],
            M("credential {id} has a wrong id", id=cid),
        )
        _need(
            _is_text(cred.get("parent_id"), optional=True),
            M("credential {id} has a bad parent_id", id=cid),
        )
    ids = {cred["id"] for cred in creds}
    _need(len(ids) == len(creds), M("a credential is listed twice"))
    for cred in creds:
        _need(
            cred.get("parent_id") is None or cred["parent_id"] in ids,
            M("credential {id} belongs to a bundle that is not in the backup", id=cred["id"]),
        )
    _need(isinstance(doc.get("tags", []), list), M("{key} is not a list", key="tags"))
    for pair in doc.get("tags", []):
        _need(
            isinstance(pair, list)
            and len(pair) == 2
            and all(map(_is_text, pair))
            and pair[0] in ids,
            M("a tag names a credential that is not in the backup"),
        )
    for coll in _records(doc, "collections", {"name": str, "items": list}):
        _need(
            all(isinstance(i, str) and i in ids for i in coll["items"]),
            M(
                "collection '{name}' names a credential that is not in the backup",
                name=coll["name"][:60],
            ),
        )
    settings = doc.get("settings")
    _need(
        isinstance(settings, dict)
        and all(_is_text(k) and _is_text(v) for k, v in settings.items()),
        M("bad settings"),
    )
    _records(
        doc, "stacks", {"id": str, "name": str, "source": str, "definition": bytes, "added_at": str}
    )
    for holder_key in _records(
        doc,
        "holder_keys",
        {"id": str, "label": str, "private_key": bytes, "created_at": str, "is_default": bool},
    ):
        _need(
            _did_of(holder_key["private_key"]) == holder_key["id"],
            M(
                "holder key '{label}' does not match its identifier",
                label=holder_key["label"][:60],
            ),
        )
    for t in _records(doc, "trusted_issuers", {"issuer_id": str, "source": str}):
        _need(_is_text(t.get("name"), optional=True), M("a trusted issuer has a bad name"))
    _check_pending(doc)
    _check_shares(doc)
    _check_registries(doc)
    for key in ("verifications", "fetched"):  # never restored: only their shape is checked
        _need(isinstance(doc.get(key, []), list), M("{key} is not a list", key=key))


def _did_of(raw: bytes) -> str | None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from wallet.proofs.keys import did_key_from_public_key

    if len(raw) != 32:
        return None
    return did_key_from_public_key(Ed25519PrivateKey.from_private_bytes(raw).public_key())


# --- merging ----------------------------------------------------------------------------------


def parents_first(creds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The credentials of a document with every bundle before what it carries (cycles cut)."""
    by_id = {c["id"]: c for c in creds}
    out: list[dict[str, Any]] = []
    placed: set[str] = set()

    def place(c: dict[str, Any], depth: int) -> None:
        if c["id"] in placed or depth > 32:
            return
        parent = c.get("parent_id")
        if parent is not None and parent != c["id"] and parent in by_id:
            place(by_id[parent], depth + 1)
        placed.add(c["id"])
        out.append(c)

    for c in creds:
        place(c, 0)
    return out


def merge(
    store: WalletStore, checked: CheckedDocument, *, accept_trust: bool = False
) -> MergeCounts:
    """Add what the wallet lacks from a checked document, in one transaction. Credentials are
    written from `checked.parsed` (read again from their original bytes), never from the
    document's records; the backup's trusted issuers only with `accept_trust`."""
    if not isinstance(checked, CheckedDocument):
        raise TypeError(
            "merge needs a CheckedDocument whose records were read again from the "
            "original bytes (wallet.backup.read_checked)"
        )
    doc = checked.doc
    _need(
        all(cred["id"] in checked.parsed for cred in doc["credentials"]),
        M("a credential was not read from its original bytes"),
    )
    counts = MergeCounts()
    c = store.db.conn
    with store.transaction():
        new_ids: set[str] = set()
        for cred in parents_first(doc["credentials"]):
            parsed = checked.parsed[cred["id"]]
            record = parsed.credential
            _need(
                parsed.payload_sha256 == cred["payload_sha256"]
                and parsed.original_sha256 == cred["original_sha256"],
                M("credential {id} is not what its original bytes hold", id=cred["id"]),
            )
            row = c.execute(
                "SELECT payload_sha256 FROM credentials WHERE id = ?", (cred["id"],)
            ).fetchone()
            if row is not None:
                if row[0] != parsed.payload_sha256:
                    raise BadDocument(
                        M(
                            "'{title}' clashes with a credential already in the wallet",
                            title=record.title[:60],
                        )
                    )
                counts.skipped_credentials += 1
                continue
            c.execute(
                "INSERT INTO credentials (id, payload_sha256, original_sha256, original,"
                " payload, media_type, source, parent_id, format, proof_form, title,"
                " issuer_name, issuer_id, issued, record, imported_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    cred["id"],
                    parsed.payload_sha256,
                    parsed.original_sha256,
                    pack(parsed.original),
                    None if parsed.payload == parsed.original else pack(parsed.payload),
                    parsed.media_type,
                    cred["source"],
                    cred.get("parent_id"),
                    record.format,
                    record.proof_form,
                    record.title,
                    record.issuer.name,
                    record.issuer.id,
                    record.issued,
                    pack(json.dumps(record.to_dict(), ensure_ascii=False).encode("utf-8")),
                    cred["imported_at"],
                ),
            )
            new_ids.add(cred["id"])
            counts.new_ids.append(cred["id"])
            counts.credentials += 1
        for cid, tag in doc.get("tags", []):
            counts.tags += c.execute(
                "INSERT OR IGNORE INTO tags (credential_id, tag) VALUES (?, ?)", (cid, tag)
            ).rowcount
        # The list columns and the search entry of every credential whose tags may have
        # changed, or that is new: rebuilt from the record, as an import writes them.
        touched = new_ids | {cid for cid, _tag in doc.get("tags", [])}
        for cid in sorted(touched):
            cred_obj = checked.parsed[cid].credential if cid in new_ids else read_record(c, cid)
            tags = [t for (t,) in c.execute("SELECT tag FROM tags WHERE credential_id = ?", (cid,))]
            write_list_columns(c, cid, cred_obj)
            write_search_entry(c, cid, cred_obj, tags)
        for coll in doc["collections"]:
            name = " ".join(coll["name"].split()) or "Restored"
            row = c.execute("SELECT id FROM collections WHERE name = ?", (name,)).fetchone()
            if row is None:
                coll_id = c.execute("INSERT INTO collections (name) VALUES (?)", (name,)).lastrowid
                counts.collections += 1
            else:
                coll_id = row[0]
            c.executemany(
                "INSERT OR IGNORE INTO collection_items (collection_id, credential_id)"
                " VALUES (?, ?)",
                [(coll_id, i) for i in coll["items"]],
            )
        for key, value in doc["settings"].items():
            counts.settings += c.execute(
                "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", (key, value)
            ).rowcount
        for s in doc["stacks"]:
            counts.stacks += c.execute(
                "INSERT OR IGNORE INTO stacks (id, name, source, definition, added_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (s["id"], s["name"], s["source"], pack(s["definition"]), s["added_at"]),
            ).rowcount
        has_default = c.execute("SELECT 1 FROM holder_keys WHERE is_default = 1").fetchone()
        for k in doc["holder_keys"]:
            default = int(k["is_default"] and has_default is None)
            added = c.execute(
                "INSERT OR IGNORE INTO holder_keys (id, label, private_key, created_at,"
                " is_default) VALUES (?, ?, ?, ?, ?)",
                (k["id"], k["label"], pack(k["private_key"]), k["created_at"], default),
            ).rowcount
            counts.holder_keys += added
            if added and default:
                has_default = True
        if c.execute("SELECT 1 FROM holder_keys WHERE is_default = 1").fetchone() is None:
            c.execute(
                "UPDATE holder_keys SET is_default = 1 WHERE id = (SELECT id FROM "
                "holder_keys ORDER BY created_at, id LIMIT 1)"
            )
        trusted = {iid for (iid,) in c.execute("SELECT issuer_id FROM trusted_issuers")}
        offered = {
            t["issuer_id"]: t for t in doc["trusted_issuers"] if t["issuer_id"] not in trusted
        }
        if accept_trust:
            counts.trusted_issuers = len(offered)
            c.executemany(
                "INSERT OR IGNORE INTO trusted_issuers (issuer_id, name, source) VALUES (?, ?, ?)",
                [(t["issuer_id"], t.get("name"), t["source"]) for t in offered.values()],
            )
        else:
            counts.offered_issuers = [(iid, t.get("name")) for iid, t in offered.items()]
        for item in doc.get("pending", []):
            if store.pending.restore(_pending_of(item)) is not None:
                counts.pending += 1
        for item in doc.get("shares", []):
            counts.shares += store.shares.restore(_share_of(item))
        # A subscription makes its issuers known, like a trusted issuer: only when accepted.
        subscribed = {r.url for r in store.registries.all()}
        for item in doc.get("registries", []):
            if item["url"] in subscribed:
                continue
            subscribed.add(item["url"])
            if not accept_trust:
                counts.offered_registries.append((item["url"], item["name"]))
                continue
            entries = [
                RegistryEntry(e["issuer_id"], e.get("name"), e.get("location"), e.get("url"))
                for e in item["entries"]
            ]
            store.registries.save(item["url"], item["name"], entries, item["fetched_at"])
            counts.registries += 1
        # Stored verdicts and fetched documents would decide verdicts by the document's say:
        # never written; the caller checks the new credentials again.
        counts.dropped_reports = len(doc.get("verifications", []))
        counts.dropped_documents = len(doc.get("fetched", []))
    return counts
