"""Versioned schema. Each migration runs once, in its own transaction, in order.

`PRAGMA user_version` holds the number of migrations applied. Never edit a released migration:
add a new one, so that every wallet file ever written can be brought up to date.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: credentials with their original bytes, tags, collections, settings.
    """
    CREATE TABLE credentials (
        id TEXT PRIMARY KEY,
        payload_sha256 TEXT NOT NULL UNIQUE,
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
        record TEXT NOT NULL,
        imported_at TEXT NOT NULL
    );
    CREATE INDEX credentials_parent ON credentials(parent_id);
    CREATE INDEX credentials_issued ON credentials(issued);
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
]

SCHEMA_VERSION = len(MIGRATIONS)
