-- Queues and ownership: the PostgreSQL twin of 0015_queues.sql (see that
-- file for the meaning of each column).
ALTER TABLE threads ADD COLUMN owner_id TEXT;
ALTER TABLE threads ADD COLUMN owner_at BIGINT;
ALTER TABLE threads ADD COLUMN waiting_since BIGINT;
ALTER TABLE threads ADD COLUMN last_reply_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN lang TEXT NOT NULL DEFAULT '';
ALTER TABLE threads ADD COLUMN handoff_due_at BIGINT;
ALTER TABLE threads ADD COLUMN sla_escalated_at BIGINT;
ALTER TABLE threads ADD COLUMN escalated_at BIGINT;
ALTER TABLE threads ADD COLUMN escalated_by TEXT;
ALTER TABLE threads ADD COLUMN escalation_kind TEXT;
ALTER TABLE threads ADD COLUMN escalation_reason_sealed BYTEA;
ALTER TABLE threads ADD COLUMN escalation_masked_sealed BYTEA;
ALTER TABLE threads ADD COLUMN closed_outcome TEXT;
ALTER TABLE threads ADD COLUMN closed_by TEXT;
ALTER TABLE threads ADD COLUMN closed_at BIGINT;

UPDATE threads SET last_reply_at = COALESCE((SELECT MAX(m.at) FROM messages m
    WHERE m.thread_id = threads.id AND m.direction = 'out' AND m.sent_by <> 'system'
    AND COALESCE(m.idempotency_key, '') NOT LIKE 'handoff-ack:%'), 0);
UPDATE threads SET waiting_since = (SELECT MIN(m.at) FROM messages m
    WHERE m.thread_id = threads.id AND m.direction = 'in' AND m.at > threads.last_reply_at)
    WHERE state <> 'closed';

CREATE INDEX threads_owner ON threads(owner_id, state) WHERE owner_id IS NOT NULL;
CREATE INDEX threads_unanswered ON threads((urgent_at IS NOT NULL) DESC, waiting_since, id) WHERE waiting_since IS NOT NULL;
CREATE INDEX threads_nurse ON threads((urgent_at IS NOT NULL) DESC, COALESCE(handoff_due_at, handoff_at, 0), id) WHERE state = 'clinical';
CREATE INDEX threads_escalated ON threads((urgent_at IS NOT NULL) DESC, escalated_at, id) WHERE escalated_at IS NOT NULL;
CREATE INDEX threads_queue ON threads(state, (escalated_at IS NOT NULL), (waiting_since IS NOT NULL));
CREATE INDEX threads_sla ON threads(handoff_due_at) WHERE handoff_due_at IS NOT NULL AND sla_escalated_at IS NULL;

-- The wait clock: a patient message starts it if it is not running; a
-- person's reply stops it.
CREATE FUNCTION thread_waiting_in() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE threads SET waiting_since = COALESCE(waiting_since, NEW.at) WHERE id = NEW.thread_id;
    RETURN NULL;
END $$;
CREATE TRIGGER thread_waiting_in AFTER INSERT ON messages
FOR EACH ROW WHEN (NEW.direction = 'in')
EXECUTE FUNCTION thread_waiting_in();

CREATE FUNCTION thread_waiting_reply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE threads SET waiting_since = NULL, last_reply_at = GREATEST(last_reply_at, NEW.at) WHERE id = NEW.thread_id;
    RETURN NULL;
END $$;
CREATE TRIGGER thread_waiting_reply AFTER INSERT ON messages
FOR EACH ROW WHEN (NEW.direction = 'out' AND NEW.sent_by <> 'system' AND COALESCE(NEW.idempotency_key, '') NOT LIKE 'handoff-ack:%')
EXECUTE FUNCTION thread_waiting_reply();

-- Ownership, escalation and the SLA show on the inbox row.
CREATE TRIGGER thread_summary_workflow AFTER UPDATE OF owner_id, escalated_at, handoff_due_at, waiting_since, closed_outcome ON threads
FOR EACH ROW
WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id OR OLD.escalated_at IS DISTINCT FROM NEW.escalated_at
   OR OLD.handoff_due_at IS DISTINCT FROM NEW.handoff_due_at OR OLD.waiting_since IS DISTINCT FROM NEW.waiting_since
   OR OLD.closed_outcome IS DISTINCT FROM NEW.closed_outcome)
EXECUTE FUNCTION thread_summary_touch();
