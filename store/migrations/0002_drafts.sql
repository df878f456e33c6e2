-- The composer's unsent text, one per user and thread, so a reply being
-- typed survives a console restart within the session. The text may hold
-- anything the user typed, so it is sealed (AES-256-GCM, bound to table,
-- column and row) with this console's own keys, wrapped in the keys table
-- below. Drafts are deleted when the user signs out or is signed out for
-- idleness.
CREATE TABLE IF NOT EXISTS keys (
	purpose    TEXT    NOT NULL CHECK (purpose IN ('data', 'index')),
	key_id     INTEGER NOT NULL CHECK (key_id > 0 AND key_id <= 4294967295),
	kek        TEXT    NOT NULL CHECK (kek IN ('keyring', 'passphrase', 'demo')),
	store_id   TEXT    NOT NULL,
	wrapped    BLOB    NOT NULL,
	kdf        TEXT    NOT NULL DEFAULT '',
	salt       BLOB,
	created_at TEXT    NOT NULL,
	PRIMARY KEY (purpose, key_id, kek)
);

CREATE TABLE drafts (
    id          TEXT PRIMARY KEY,   -- the row binding: length-prefixed user id and thread id
    user_id     TEXT NOT NULL,
    thread_id   TEXT NOT NULL,
    text_sealed BLOB NOT NULL,
    updated_at  TEXT NOT NULL,      -- RFC 3339, UTC
    UNIQUE (user_id, thread_id)
);
