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
    discovered_at      INTEGER NOT NULL,
    opened_at          INTEGER NOT NULL,
    description_sealed BLOB,
    assessment_sealed  BLOB,            -- JSON: the four factors
    steps_sealed       BLOB,            -- JSON: remediation steps with who and when
    outcome            TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'notification_required', 'low_probability_of_compromise')),
    reasoning_sealed   BLOB,
    decided_by         TEXT NOT NULL DEFAULT '',
    decided_at         INTEGER,
    state              TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    version            INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX incidents_opened ON incidents(opened_at);
