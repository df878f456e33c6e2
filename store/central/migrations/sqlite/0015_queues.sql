-- Queues and ownership. Every thread has at most one owner; the owner
-- changes only through a conditional UPDATE (ownership.go), so two users
-- claiming at once cannot both win.
ALTER TABLE threads ADD COLUMN owner_id TEXT;
ALTER TABLE threads ADD COLUMN owner_at INTEGER;
-- waiting_since is the patient's first message not yet answered by a
-- person (system texts such as the first-message explanation or the
-- safety reply do not answer, nor does the automatic acknowledgment of a
-- hand-off, whose idempotency key starts "handoff-ack:"); NULL when the
-- clinic replied last. It
-- defines the Unanswered queue and its wait time.
ALTER TABLE threads ADD COLUMN waiting_since INTEGER;
-- last_reply_at is the clinic's last reply by a person.
ALTER TABLE threads ADD COLUMN last_reply_at INTEGER NOT NULL DEFAULT 0;
-- lang is the language of the patient's last message ("en", "es").
ALTER TABLE threads ADD COLUMN lang TEXT NOT NULL DEFAULT '';
-- The current hand-off's SLA deadline (business hours aware, policy/sla.go),
-- and when the sweeper escalated it for being overdue: set once per
-- hand-off, so a nurse who claims the overdue thread (which settles the
-- escalation) is not escalated again by the next sweep.
ALTER TABLE threads ADD COLUMN handoff_due_at INTEGER;
ALTER TABLE threads ADD COLUMN sla_escalated_at INTEGER;
-- An escalation to the supervisors: when, by whom ("system" for an
-- overdue hand-off), how ('manual' or 'sla'), and the reason (sealed as
-- typed and masked for display, like the hand-off note).
ALTER TABLE threads ADD COLUMN escalated_at INTEGER;
ALTER TABLE threads ADD COLUMN escalated_by TEXT;
ALTER TABLE threads ADD COLUMN escalation_kind TEXT;
ALTER TABLE threads ADD COLUMN escalation_reason_sealed BLOB;
ALTER TABLE threads ADD COLUMN escalation_masked_sealed BLOB;
-- How the thread was last closed: a fixed outcome word, never free text.
ALTER TABLE threads ADD COLUMN closed_outcome TEXT;
ALTER TABLE threads ADD COLUMN closed_by TEXT;
ALTER TABLE threads ADD COLUMN closed_at INTEGER;

UPDATE threads SET last_reply_at = COALESCE((SELECT MAX(m.at) FROM messages m
    WHERE m.thread_id = threads.id AND m.direction = 'out' AND m.sent_by <> 'system'
    AND COALESCE(m.idempotency_key, '') NOT LIKE 'handoff-ack:%'), 0);
UPDATE threads SET waiting_since = (SELECT MIN(m.at) FROM messages m
    WHERE m.thread_id = threads.id AND m.direction = 'in' AND m.at > threads.last_reply_at)
    WHERE state <> 'closed';

-- Each queue worked oldest first has an index in its own order (urgent
-- first), partial to the queue, so a page reads its rows in order and
-- stops; the counts read one small covering index, never the table.
CREATE INDEX threads_owner ON threads(owner_id, state) WHERE owner_id IS NOT NULL;
CREATE INDEX threads_unanswered ON threads((urgent_at IS NOT NULL) DESC, waiting_since, id) WHERE waiting_since IS NOT NULL;
CREATE INDEX threads_nurse ON threads((urgent_at IS NOT NULL) DESC, COALESCE(handoff_due_at, handoff_at, 0), id) WHERE state = 'clinical';
CREATE INDEX threads_escalated ON threads((urgent_at IS NOT NULL) DESC, escalated_at, id) WHERE escalated_at IS NOT NULL;
CREATE INDEX threads_queue ON threads(state, (escalated_at IS NOT NULL), (waiting_since IS NOT NULL));
CREATE INDEX threads_sla ON threads(handoff_due_at) WHERE handoff_due_at IS NOT NULL AND sla_escalated_at IS NULL;

-- The wait clock: a patient message starts it if it is not running; a
-- person's reply stops it.
CREATE TRIGGER thread_waiting_in AFTER INSERT ON messages WHEN NEW.direction = 'in' BEGIN
    UPDATE threads SET waiting_since = COALESCE(waiting_since, NEW.at) WHERE id = NEW.thread_id;
END;
CREATE TRIGGER thread_waiting_reply AFTER INSERT ON messages
WHEN NEW.direction = 'out' AND NEW.sent_by <> 'system' AND COALESCE(NEW.idempotency_key, '') NOT LIKE 'handoff-ack:%' BEGIN
    UPDATE threads SET waiting_since = NULL, last_reply_at = MAX(last_reply_at, NEW.at) WHERE id = NEW.thread_id;
END;

-- Ownership, escalation and the SLA show on the inbox row: bump the
-- change number so consoles update the row in place.
CREATE TRIGGER thread_summary_workflow AFTER UPDATE OF owner_id, escalated_at, handoff_due_at, waiting_since, closed_outcome ON threads
WHEN OLD.owner_id IS NOT NEW.owner_id OR OLD.escalated_at IS NOT NEW.escalated_at
  OR OLD.handoff_due_at IS NOT NEW.handoff_due_at OR OLD.waiting_since IS NOT NEW.waiting_since
  OR OLD.closed_outcome IS NOT NEW.closed_outcome BEGIN
    UPDATE thread_changes SET seq = seq + 1 WHERE id = 1;
    UPDATE threads SET change_seq = (SELECT seq FROM thread_changes WHERE id = 1) WHERE id = NEW.id;
END;
