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
    # 3: what the credential list shows and filters on without unpacking records (kind,
    #    credits, level, whether there is an image to draw), and full-text search. `search` is
    #    a contentless FTS5 index (only the index is kept, inside the encrypted file) whose
    #    rowid is the credential id read as a signed 64-bit integer (`search_rowid`); the
    #    trigger removes a credential's entry however it is deleted (bundled items go by
    #    cascade). db.py backfills both for credentials stored before this migration.
    #    `credentials_list` covers every column the list reads, so opening a wallet of 10,000
    #    scans a small index instead of every row with its original bytes (~4x faster).
    """
    ALTER TABLE credentials ADD COLUMN kind TEXT NOT NULL DEFAULT 'badge';
    ALTER TABLE credentials ADD COLUMN credits_value REAL;
    ALTER TABLE credentials ADD COLUMN credits_unit TEXT;
    ALTER TABLE credentials ADD COLUMN level_framework TEXT;
    ALTER TABLE credentials ADD COLUMN level_value TEXT;
    ALTER TABLE credentials ADD COLUMN has_image INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE credentials ADD COLUMN search_rowid INTEGER;
    CREATE VIRTUAL TABLE search USING fts5(
        title, issuer, skills, outcomes, description,
        content='', contentless_delete=1,
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER credentials_unsearch AFTER DELETE ON credentials BEGIN
        DELETE FROM search WHERE rowid = old.search_rowid;
    END;
    CREATE INDEX credentials_list ON credentials(
        title, issuer_name, format, proof_form, issued, parent_id, kind, credits_value,
        credits_unit, level_framework, level_value, has_image, imported_at
    );
    CREATE INDEX tags_by_tag ON tags(tag);
    CREATE INDEX collection_items_by_credential ON collection_items(credential_id);
    """,
    # 4: stacks (pathways to larger awards) the learner imported or built, as their JSON
    #    definition in our own format (docs/stacks.md), whatever format they came in.
    """
    CREATE TABLE stacks (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        source TEXT NOT NULL,
        definition BLOB NOT NULL,
        added_at TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 5: the learner's own keys (issue 6, presenting proof to an employer). id is the
    #    did:key of the public key; private_key is the raw 32-byte Ed25519 private key, packed
    #    (db.py: _pack) like every blob and encrypted with the rest of the file. Listings
    #    never read that column. At most one row has is_default = 1 (the key a presentation
    #    is signed with unless the learner picks another).
    """
    CREATE TABLE holder_keys (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        private_key BLOB NOT NULL,
        created_at TEXT NOT NULL,
        is_default INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;
    CREATE UNIQUE INDEX holder_keys_one_default ON holder_keys(is_default)
        WHERE is_default = 1;
    """,
    # 6: the window's first screen of rows straight from an index (issue 4, start-up): the
    #    top-level credentials newest first by date of issue, then title, as the list sorts
    #    them. The rest of the list is read just after the window has painted.
    """
    CREATE INDEX credentials_newest ON credentials(issued DESC, title)
        WHERE parent_id IS NULL;
    """,
    # 7: credentials an issuer will deliver later (issue 15, OpenID4VCI deferred issuance),
    #    kept until they arrive so that a restart loses none. `secrets` holds the access
    #    token, the refresh token and the transaction id, packed (db.py: _pack) and encrypted
    #    with the rest of the file; listings read it only to ask the issuer again. `problem`
    #    is the last retry's message as JSON (wallet.messages.Msg.to_json), NULL when none.
    """
    CREATE TABLE pending_issuance (
        id TEXT PRIMARY KEY,
        credential_issuer TEXT NOT NULL,
        issuer_name TEXT,
        label TEXT NOT NULL,
        configuration_id TEXT NOT NULL,
        holder_did TEXT NOT NULL,
        deferred_endpoint TEXT NOT NULL,
        token_endpoint TEXT,
        notification_endpoint TEXT,
        secrets BLOB NOT NULL,
        created_at TEXT NOT NULL,
        next_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        problem TEXT
    ) WITHOUT ROWID;
    """,
    # 8: what the learner showed to whom (issue 16, answering verifiers): one row per answer
    #    sent, inside the encrypted file only. `credentials` and `revealed` are JSON lists (the
    #    credential ids; what each let the verifier see, as claim paths or "the whole
    #    credential"); `verifier` is the name it gave itself, `client_id` what proves it.
    #    `nonce_hash` (SHA-256 of the request's nonce) lets the wallet refuse to answer the
    #    same request twice: a replayed request is someone else's, sent again.
    """
    CREATE TABLE shares (
        id TEXT PRIMARY KEY,
        shared_at TEXT NOT NULL,
        nonce_hash TEXT NOT NULL,
        client_id TEXT NOT NULL,
        verifier TEXT,
        host TEXT NOT NULL,
        purpose TEXT,
        credentials TEXT NOT NULL,
        revealed TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX shares_newest ON shares(shared_at DESC);
    CREATE INDEX shares_nonce ON shares(nonce_hash);
    """,
    # 9: issuer registries the learner subscribed to (issue 17, trust in one click): the DCC
    #    issuer registry format, a JSON list of issuers by DID. The last good copy is kept as
    #    its entries, so that verification reads it offline; `problem` is the last refresh's
    #    failure as JSON (wallet.messages.Msg.to_json), NULL after a good one. `position`
    #    orders the registries: an issuer listed in several is named after the first.
    """
    CREATE TABLE registries (
        url TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        position INTEGER NOT NULL,
        fetched_at TEXT NOT NULL,
        added_at TEXT NOT NULL,
        problem TEXT
    ) WITHOUT ROWID;
    CREATE TABLE registry_issuers (
        registry_url TEXT NOT NULL REFERENCES registries(url) ON DELETE CASCADE,
        issuer_id TEXT NOT NULL,
        name TEXT,
        location TEXT,
        website TEXT,
        PRIMARY KEY (registry_url, issuer_id)
    ) WITHOUT ROWID;
    CREATE INDEX registry_issuers_by_issuer ON registry_issuers(issuer_id);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
