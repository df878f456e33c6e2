-- PostgreSQL twin of ../sqlite/0008_signin_throttle.sql (package store/central/migrations: the rules).
-- Failed sign-in counts that do not belong to an account row: one per
-- source address ("src:<address>") and one per username that matches no
-- account ("name:<keyed hash>"), so an unknown name locks exactly as a
-- real one does and a lock does not reveal which names exist. Kept in the
-- database, not in memory, so every attempt is counted by one conditional
-- update however many arrive at once, and a restart lifts no lock.
CREATE TABLE signin_throttle (
    key            TEXT PRIMARY KEY,
    failures       BIGINT NOT NULL DEFAULT 0,  -- attempts counted (in flight or failed) since the last lock
    last_failed_at BIGINT NOT NULL DEFAULT 0,
    locked_until   BIGINT NOT NULL DEFAULT 0,
    lockouts       BIGINT NOT NULL DEFAULT 0   -- locks in a row; sets the next lock's length
);
