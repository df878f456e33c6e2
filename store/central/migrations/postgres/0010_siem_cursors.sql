-- PostgreSQL twin of ../sqlite/0010_siem_cursors.sql (package store/central/migrations: the rules).
-- Where each SIEM sink is in the audit log: the log position (audit.gseq)
-- of the last entry the sink acknowledged. Moved only after the sink
-- acknowledged, so a restart resends at most the last batch.
CREATE TABLE siem_cursors (
    sink        TEXT PRIMARY KEY,       -- kind and target, e.g. "syslog:siem.example:6514"
    gseq        BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
