-- Sign-in, enrolment and break-glass reveals.

-- Lockout doubling (auth.LockoutState.Lockouts) next to the counters that
-- 0001 already keeps, so a lock survives a restart.
ALTER TABLE users ADD COLUMN lockouts INTEGER NOT NULL DEFAULT 0;
-- 1: the account must enrol a TOTP authenticator at its first sign-in.
-- Only seeded demo accounts are made with 0.
ALTER TABLE users ADD COLUMN totp_required INTEGER NOT NULL DEFAULT 1;
-- JSON list of "sha256:<hex>" recovery-code hashes (auth.NewRecoveryCodes);
-- a used code is removed from the list.
ALTER TABLE users ADD COLUMN recovery_codes TEXT NOT NULL DEFAULT '[]';
-- An enrolment in progress: the secret offered after a right password,
-- sealed, and the SHA-256 of the one-time token that confirms it.
ALTER TABLE users ADD COLUMN totp_pending_sealed BLOB;
ALTER TABLE users ADD COLUMN enrol_token_hash BLOB;
ALTER TABLE users ADD COLUMN enrol_expires_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX users_enrol_token ON users(enrol_token_hash) WHERE enrol_token_hash IS NOT NULL;

-- Every break-glass reveal of a message's unmasked text. The reason may
-- itself hold PHI, so it is sealed here and the audit entry carries only
-- the reveal's id.
CREATE TABLE reveals (
    id            TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users(id),
    role          TEXT NOT NULL,
    console_id    TEXT NOT NULL,
    thread_id     TEXT NOT NULL,
    message_id    TEXT NOT NULL,
    reason_sealed BLOB NOT NULL,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX reveals_created ON reveals(created_at);
