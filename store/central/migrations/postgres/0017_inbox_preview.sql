-- The inbox row previews what a person last said: the PostgreSQL twin of
-- 0017_inbox_preview.sql (see that file for why). The two trigger
-- functions are replaced in place; their triggers stay.
CREATE OR REPLACE FUNCTION thread_summary_message_in() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    person boolean := NEW.direction = 'in'
        OR (NEW.sent_by <> 'system' AND COALESCE(NEW.idempotency_key, '') NOT LIKE 'handoff-ack:%');
BEGIN
    UPDATE thread_changes SET seq = seq + 1 WHERE id = 1;
    UPDATE threads SET
        last_msg_id  = CASE WHEN person AND (NEW.at, NEW.seq) > (last_msg_at, last_msg_seq) THEN NEW.id  ELSE last_msg_id  END,
        last_msg_at  = CASE WHEN person AND (NEW.at, NEW.seq) > (last_msg_at, last_msg_seq) THEN NEW.at  ELSE last_msg_at  END,
        last_msg_seq = CASE WHEN person AND (NEW.at, NEW.seq) > (last_msg_at, last_msg_seq) THEN NEW.seq ELSE last_msg_seq END,
        last_out_id  = CASE WHEN NEW.direction = 'out' AND (NEW.at, NEW.seq) > (last_out_at, last_out_seq) THEN NEW.id  ELSE last_out_id  END,
        last_out_at  = CASE WHEN NEW.direction = 'out' AND (NEW.at, NEW.seq) > (last_out_at, last_out_seq) THEN NEW.at  ELSE last_out_at  END,
        last_out_seq = CASE WHEN NEW.direction = 'out' AND (NEW.at, NEW.seq) > (last_out_at, last_out_seq) THEN NEW.seq ELSE last_out_seq END,
        inbound      = inbound + CASE WHEN NEW.direction = 'in' THEN 1 ELSE 0 END,
        change_seq   = (SELECT seq FROM thread_changes WHERE id = 1)
    WHERE id = NEW.thread_id;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION thread_summary_message_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE threads SET
        last_msg_id  = (SELECT m.id FROM messages m WHERE m.thread_id = threads.id
            AND (m.direction = 'in' OR (m.sent_by <> 'system' AND COALESCE(m.idempotency_key, '') NOT LIKE 'handoff-ack:%'))
            ORDER BY m.at DESC, m.seq DESC LIMIT 1),
        last_msg_at  = COALESCE((SELECT m.at FROM messages m WHERE m.thread_id = threads.id
            AND (m.direction = 'in' OR (m.sent_by <> 'system' AND COALESCE(m.idempotency_key, '') NOT LIKE 'handoff-ack:%'))
            ORDER BY m.at DESC, m.seq DESC LIMIT 1), 0),
        last_msg_seq = COALESCE((SELECT m.seq FROM messages m WHERE m.thread_id = threads.id
            AND (m.direction = 'in' OR (m.sent_by <> 'system' AND COALESCE(m.idempotency_key, '') NOT LIKE 'handoff-ack:%'))
            ORDER BY m.at DESC, m.seq DESC LIMIT 1), 0)
    WHERE id = OLD.thread_id AND last_msg_id = OLD.id;
    UPDATE threads SET
        last_out_id  = (SELECT m.id FROM messages m WHERE m.thread_id = threads.id AND m.direction = 'out'
            ORDER BY m.at DESC, m.seq DESC LIMIT 1),
        last_out_at  = COALESCE((SELECT m.at FROM messages m WHERE m.thread_id = threads.id AND m.direction = 'out'
            ORDER BY m.at DESC, m.seq DESC LIMIT 1), 0),
        last_out_seq = COALESCE((SELECT m.seq FROM messages m WHERE m.thread_id = threads.id AND m.direction = 'out'
            ORDER BY m.at DESC, m.seq DESC LIMIT 1), 0)
    WHERE id = OLD.thread_id AND last_out_id = OLD.id;
    RETURN NULL;
END $$;

UPDATE thread_changes SET seq = seq + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM threads
WHERE last_msg_id IS DISTINCT FROM (SELECT m.id FROM messages m WHERE m.thread_id = threads.id
            AND (m.direction = 'in' OR (m.sent_by <> 'system' AND COALESCE(m.idempotency_key, '') NOT LIKE 'handoff-ack:%'))
            ORDER BY m.at DESC, m.seq DESC LIMIT 1));
UPDATE threads SET change_seq = (SELECT seq FROM thread_changes WHERE id = 1)
WHERE last_msg_id IS DISTINCT FROM (SELECT m.id FROM messages m WHERE m.thread_id = threads.id
        AND (m.direction = 'in' OR (m.sent_by <> 'system' AND COALESCE(m.idempotency_key, '') NOT LIKE 'handoff-ack:%'))
        ORDER BY m.at DESC, m.seq DESC LIMIT 1);
UPDATE threads SET
    last_msg_id = (SELECT m.id FROM messages m WHERE m.thread_id = threads.id
        AND (m.direction = 'in' OR (m.sent_by <> 'system' AND COALESCE(m.idempotency_key, '') NOT LIKE 'handoff-ack:%'))
        ORDER BY m.at DESC, m.seq DESC LIMIT 1);
UPDATE threads SET
    last_msg_at  = COALESCE((SELECT at FROM messages WHERE id = threads.last_msg_id), 0),
    last_msg_seq = COALESCE((SELECT seq FROM messages WHERE id = threads.last_msg_id), 0);
