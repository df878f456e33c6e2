-- PostgreSQL twin of ../sqlite/0011_urgent_links.sql (package store/central/migrations: the rules).
-- Urgent messages and hand-off link tracking.

-- When a thread was first marked urgent (a patient message suggested an
-- emergency); NULL for a routine thread.
ALTER TABLE threads ADD COLUMN urgent_at BIGINT;

-- Each urgent patient message, once: the primary key is what makes the
-- safety reply exactly one per message across duplicate deliveries,
-- concurrent nodes and restarts. categories are policy.UrgentCategory
-- names (never the text); reply_id is the safety reply queued, '' when
-- none could go (the patient sent STOP, or the message came too late).
CREATE TABLE urgent_messages (
    message_id  TEXT PRIMARY KEY,
    thread_id   TEXT NOT NULL,
    categories  TEXT NOT NULL,
    reply_id    TEXT NOT NULL DEFAULT '',
    lang        TEXT NOT NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX urgent_messages_thread ON urgent_messages(thread_id);

-- Hand-off links sent to patients: token_id is the token's random nonce
-- (hex), so the signed token itself is never stored. opens counts the
-- successful opens, bounded by max_opens with a conditional UPDATE.
CREATE TABLE handoff_links (
    token_id        TEXT PRIMARY KEY,
    thread_id       TEXT NOT NULL,
    message_id      TEXT NOT NULL DEFAULT '',
    max_opens       BIGINT NOT NULL CHECK (max_opens >= 1),
    opens           BIGINT NOT NULL DEFAULT 0,
    first_opened_at BIGINT,
    last_opened_at  BIGINT,
    expires_at      BIGINT NOT NULL,
    created_at      BIGINT NOT NULL
);
CREATE INDEX handoff_links_message ON handoff_links(message_id) WHERE message_id <> '';
