-- Outbox leases: the PostgreSQL twin of 0016_outbox_leases.sql. Nodes take
-- due jobs with SELECT … FOR UPDATE SKIP LOCKED and set the lease in the
-- same short transaction (store/central/sql_outbox_leases.go).
ALTER TABLE outbox ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0;
