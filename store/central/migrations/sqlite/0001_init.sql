-- The central endpoint's thread store. Times are Unix nanoseconds (UTC).
-- Columns ending in _sealed hold AES-256-GCM envelopes bound to their
-- table, column and row (store/seal); columns ending in _bidx hold keyed
-- blind indexes for equality lookups. Nothing a patient wrote, and no
-- phone number or name, is stored in any other column.

CREATE TABLE patients (
    id                  TEXT PRIMARY KEY,          -- opaque
    label               TEXT NOT NULL UNIQUE,      -- "Patient 7K2Q": never a name or number
    contact_bidx        BLOB NOT NULL UNIQUE,      -- blind index of the E.164 number (or the business-scoped user id)
    phone_sealed        BLOB,                      -- E.164 number
    user_id_sealed      BLOB,                      -- provider's business-scoped user id
    profile_name_sealed BLOB,                      -- WhatsApp profile name
    opted_in            INTEGER NOT NULL DEFAULT 0,
    consent_at          INTEGER,
    created_at          INTEGER NOT NULL
) STRICT;

CREATE TABLE consent_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    patient_id  TEXT NOT NULL REFERENCES patients(id),
    opted_in    INTEGER NOT NULL,
    source      TEXT NOT NULL,     -- "whatsapp:stop", "whatsapp:start", "demo-seed", …
    message_id  TEXT,              -- the inbound message that carried the keyword
    at          INTEGER NOT NULL
) STRICT;
CREATE INDEX consent_events_patient ON consent_events(patient_id, id);

CREATE TABLE threads (
    id                   TEXT PRIMARY KEY,
    patient_id           TEXT NOT NULL UNIQUE REFERENCES patients(id),
    state                TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'clinical', 'closed')),
    clinical             INTEGER NOT NULL DEFAULT 0,
    last_at              INTEGER NOT NULL,
    last_inbound_at      INTEGER,
    handoff_note_sealed  BLOB,     -- the note as typed
    handoff_masked_sealed BLOB,    -- the note masked for display
    handoff_by           TEXT,
    handoff_at           INTEGER,
    created_at           INTEGER NOT NULL
) STRICT;
CREATE INDEX threads_last ON threads(last_at DESC);

CREATE TABLE messages (
    id                  TEXT PRIMARY KEY,
    seq                 INTEGER NOT NULL UNIQUE,   -- arrival order, for stable sorting
    thread_id           TEXT NOT NULL REFERENCES threads(id),
    direction           TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    type                TEXT NOT NULL,
    raw_type            TEXT NOT NULL DEFAULT '',
    media_mime          TEXT NOT NULL DEFAULT '',
    body_sealed         BLOB,                      -- original text
    masked_sealed       BLOB,                      -- masked text (sealed too: a masker miss must not leak)
    spans               TEXT NOT NULL DEFAULT '[]',-- JSON: types and byte offsets only
    clinical            INTEGER NOT NULL DEFAULT 0,
    provider_id_bidx    BLOB UNIQUE,               -- deduplication and status lookups
    provider_id_sealed  BLOB,
    status              TEXT NOT NULL DEFAULT '',
    status_rank         INTEGER NOT NULL DEFAULT -1,
    error               TEXT NOT NULL DEFAULT '',  -- plain-language reason, fixed sentences only
    sent_by             TEXT NOT NULL DEFAULT '',
    macro_id            TEXT NOT NULL DEFAULT '',
    idempotency_key     TEXT,
    read                INTEGER NOT NULL DEFAULT 0,
    at                  INTEGER NOT NULL
) STRICT;
CREATE INDEX messages_thread ON messages(thread_id, at, seq);
CREATE UNIQUE INDEX messages_idempotency ON messages(sent_by, idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id       TEXT NOT NULL UNIQUE REFERENCES messages(id),
    thread_id        TEXT NOT NULL REFERENCES threads(id),
    idempotency_key  TEXT NOT NULL UNIQUE,         -- what the provider sees; stable across retries
    state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_at          INTEGER NOT NULL,
    last_error       TEXT NOT NULL DEFAULT '',     -- error class and code, never provider text
    created_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX outbox_pending ON outbox(state, thread_id, id);

CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    username       TEXT NOT NULL UNIQUE,
    role           TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    totp_sealed    BLOB,                 -- TOTP secret, when enrolled
    failed_logins  INTEGER NOT NULL DEFAULT 0,
    locked_until   INTEGER NOT NULL DEFAULT 0,
    last_failed_at INTEGER NOT NULL DEFAULT 0,
    totp_last_step INTEGER NOT NULL DEFAULT 0,  -- replay guard
    disabled       INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
    token_hash    BLOB PRIMARY KEY,      -- SHA-256 of the bearer token; the token itself is never stored
    user_id       TEXT NOT NULL REFERENCES users(id),
    console_id    TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    revoked_at    INTEGER
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);

-- Every console's hash chain, and the server's own under console id
-- "triaged". Details hold rule names, ids and span types, never PHI.
CREATE TABLE audit (
    console_id   TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL,
    at           TEXT NOT NULL,          -- RFC 3339 with nanoseconds, exactly as hashed
    user_id      TEXT NOT NULL,
    role         TEXT NOT NULL,
    action       TEXT NOT NULL,
    object       TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    detail       TEXT NOT NULL,          -- JSON object
    received_at  INTEGER NOT NULL,
    PRIMARY KEY (console_id, seq)
) STRICT, WITHOUT ROWID;

-- The store's stable identity: bound into its key wrappings and naming
-- its keyring entry.
CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
