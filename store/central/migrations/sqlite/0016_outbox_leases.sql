-- Outbox leases, for several triaged nodes on one PostgreSQL: a node
-- that takes a due job records itself as its holder until a time, so no
-- other node sends it meanwhile; a lease whose node died runs out and the
-- job is taken again. SQLite has one writer and one node: it keeps the
-- columns empty (lease_until 0 means not leased).
ALTER TABLE outbox ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;
