-- The console's local store. It holds no patient text: the central endpoint
-- sends masked text only, and the console keeps it in memory. What is kept
-- here is the console's identity and its audit chain, which doubles as the
-- outbox of entries the central endpoint does not have yet.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL UNIQUE,
    at        TEXT NOT NULL,
    user_id   TEXT NOT NULL,
    role      TEXT NOT NULL,
    action    TEXT NOT NULL,
    object    TEXT NOT NULL,
    outcome   TEXT NOT NULL,
    detail    TEXT NOT NULL,   -- JSON object; opaque ids, rule names, keyed hashes only
    synced    INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX audit_unsynced ON audit (seq) WHERE synced = 0;
