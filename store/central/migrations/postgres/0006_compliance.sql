-- PostgreSQL twin of ../sqlite/0006_compliance.sql (package store/central/migrations: the rules).
-- Compliance records: the quarterly access reviews and each workforce
-- member's acknowledgment of the clinic's messaging policy.

-- One row per completed access review. The note is the reviewer's own
-- words about accounts, never patient details (it is refused when the
-- PHI detector finds any), so it is kept in clear for the auditor.
CREATE TABLE access_reviews (
    id           TEXT PRIMARY KEY,
    reviewer_id  TEXT NOT NULL REFERENCES users(id),
    note         TEXT NOT NULL,
    accounts     BIGINT NOT NULL,     -- accounts listed in the review
    findings     BIGINT NOT NULL,     -- flags raised (dormant, disabled with sessions, …)
    at           BIGINT NOT NULL,
    next_due     BIGINT NOT NULL
);
CREATE INDEX access_reviews_at ON access_reviews(at);

-- One row per acknowledgment of a version of the messaging policy. The
-- name as typed is sealed (it is a person's name); policy_sha256 pins the
-- exact text acknowledged. Kept at least six years (45 CFR 164.530(j)):
-- triaged purge never deletes these rows.
CREATE TABLE policy_acks (
    id              TEXT PRIMARY KEY,
    user_id         TEXT NOT NULL REFERENCES users(id),
    policy_version  TEXT NOT NULL,
    policy_sha256   TEXT NOT NULL,
    name_sealed     BYTEA NOT NULL,
    console_id      TEXT NOT NULL,
    at              BIGINT NOT NULL
);
CREATE INDEX policy_acks_user ON policy_acks(user_id, at);
