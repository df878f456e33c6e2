-- PostgreSQL twin of ../sqlite/0012_incidents.sql (package store/central/migrations: the rules).
-- Misdirected-message incidents (45 CFR 164.402): opened by any staff
-- member, worked by supervisors, kept at least six years. Every free-text
-- field is sealed; kind, state, outcome and times stay readable for the
-- register and the report. version makes each update conditional on the
-- version the supervisor saw, so two supervisors cannot overwrite each
-- other unseen.
CREATE TABLE incidents (
    id                 TEXT PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind IN ('wrong_recipient', 'phi_sent', 'phi_received')),
    thread_id          TEXT NOT NULL DEFAULT '',
    message_id         TEXT NOT NULL DEFAULT '',
    opened_by          TEXT NOT NULL,
    discovered_at      BIGINT NOT NULL,
    opened_at          BIGINT NOT NULL,
    description_sealed BYTEA,
    assessment_sealed  BYTEA,            -- JSON: the four factors
    steps_sealed       BYTEA,            -- JSON: remediation steps with who and when
    outcome            TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'notification_required', 'low_probability_of_compromise')),
    reasoning_sealed   BYTEA,
    decided_by         TEXT NOT NULL DEFAULT '',
    decided_at         BIGINT,
    state              TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    version            BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX incidents_opened ON incidents(opened_at);
