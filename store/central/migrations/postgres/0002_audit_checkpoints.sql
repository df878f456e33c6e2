-- PostgreSQL twin of ../sqlite/0002_audit_checkpoints.sql (package store/central/migrations: the rules).
-- One global order over every chain's entries (the order this endpoint
-- received them), so the Merkle tree over the whole log has fixed leaves;
-- the entry time as an integer for range queries (the text form is kept
-- exactly as hashed); and the signed checkpoints over that tree.
ALTER TABLE audit ADD COLUMN gseq BIGINT;
ALTER TABLE audit ADD COLUMN at_ns BIGINT;

UPDATE audit SET gseq = o.rn
FROM (SELECT console_id AS c, seq AS s, ROW_NUMBER() OVER (ORDER BY received_at, console_id, seq) AS rn FROM audit) AS o
WHERE o.c = audit.console_id AND o.s = audit.seq;

-- "2026-03-01T09:00:05.12Z": whole seconds, plus the fraction padded to
-- nanoseconds. Times are always stored in UTC with a Z.
UPDATE audit SET at_ns = EXTRACT(EPOCH FROM substr(at, 1, 19)::timestamp)::BIGINT * 1000000000 +
    CASE WHEN strpos(at, '.') > 0
         THEN substr(substr(at, strpos(at, '.') + 1, length(at) - strpos(at, '.') - 1) || '000000000', 1, 9)::BIGINT
         ELSE 0 END;

CREATE UNIQUE INDEX audit_gseq ON audit (gseq);
CREATE INDEX audit_at ON audit (at_ns);
CREATE INDEX audit_user ON audit (user_id, at_ns);

CREATE TABLE audit_checkpoints (
    number     BIGINT PRIMARY KEY,
    tree_size  BIGINT NOT NULL,
    root       TEXT NOT NULL,           -- hex, also inside body
    signed_at  BIGINT NOT NULL,        -- unix nanoseconds, also inside body
    key_id     TEXT NOT NULL,
    body       TEXT NOT NULL,           -- exactly the signed text
    signature  BYTEA NOT NULL            -- Ed25519 over body
);
