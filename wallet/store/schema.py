"""Versioned schema. Each migration runs once, in its own transaction, in order.

`PRAGMA user_version` holds the number of migrations applied. Never edit a released migration:
add a new one, so that every wallet file ever written can be brought up to date.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: credentials with their original bytes, tags, collections, settings.
    #    original, payload and record are zlib-compressed (see db.py: _pack/_unpack).
    #    id is the first 16 hex digits of payload_sha256: one b-tree serves both look-ups,
    #    so an import writes as few (encrypted) pages as possible.
    """
    CREATE TABLE credentials (
        id TEXT PRIMARY KEY,
        payload_sha256 TEXT NOT NULL,
        original_sha256 TEXT NOT NULL,
        original BLOB NOT NULL,
        payload BLOB,
        media_type TEXT NOT NULL,
        source TEXT NOT NULL,
        parent_id TEXT REFERENCES credentials(id) ON DELETE CASCADE,
        format TEXT NOT NULL,
        proof_form TEXT NOT NULL,
        title TEXT NOT NULL,
        issuer_name TEXT,
        issuer_id TEXT,
        issued TEXT,
        record BLOB NOT NULL,
        imported_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX credentials_parent ON credentials(parent_id) WHERE parent_id IS NOT NULL;
    CREATE TABLE tags (
        credential_id TEXT NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (credential_id, tag)
    );
    CREATE TABLE collections (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
    );
    CREATE TABLE collection_items (
        collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        credential_id TEXT NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
        PRIMARY KEY (collection_id, credential_id)
    );
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 2: verification: documents fetched on online checks (kept for offline use), proof results
    #    memoized by content, the last report per credential, and the issuers the learner trusts.
    """
    CREATE TABLE fetched (
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        data BLOB NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (kind, key)
    ) WITHOUT ROWID;
    CREATE TABLE proof_memo (
        key TEXT PRIMARY KEY,
        outcome BLOB NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE verifications (
        credential_id TEXT PRIMARY KEY REFERENCES credentials(id) ON DELETE CASCADE,
        checked_at TEXT NOT NULL,
        verdict TEXT NOT NULL,
        report BLOB NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE trusted_issuers (
        issuer_id TEXT PRIMARY KEY,
        name TEXT,
        source TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
