-- The inbox row previews what a person last said: the patient, or a
-- member of staff. The clinic's automatic texts (the first-message
-- explanation, consent confirmations, the PHI advisory, the safety reply:
-- all sent_by 'system') and the automatic acknowledgment of a hand-off
-- (idempotency key "handoff-ack:…") no longer take the row, so a new
-- patient's row shows the question, not the explanation every new number
-- is sent. It is the same rule the wait clock uses (0015_queues,
-- thread_waiting_reply): what a person says answers; a system text does
-- not. last_out stays the clinic's latest outbound message of any kind:
-- when that is an automatic text the row shows the patient's (or a
-- person's) words and, beside them, that the automatic reply went out and
-- how it fared (api.ThreadSummary.LastOutAuto). Threads still order by
-- last_at, which every message (automatic ones too) moves.
DROP TRIGGER thread_summary_message_in;
CREATE TRIGGER thread_summary_message_in AFTER INSERT ON messages BEGIN
    UPDATE thread_changes SET seq = seq + 1 WHERE id = 1;
    UPDATE threads SET
        last_msg_id  = CASE WHEN (NEW.direction = 'in' OR (NEW.sent_by <> 'system' AND COALESCE(NEW.idempotency_key, '') NOT LIKE 'handoff-ack:%'))
                             AND (NEW.at, NEW.seq) > (last_msg_at, last_msg_seq) THEN NEW.id  ELSE last_msg_id  END,
        last_msg_at  = CASE WHEN (NEW.direction = 'in' OR (NEW.sent_by <> 'system' AND COALESCE(NEW.idempotency_key, '') NOT LIKE 'handoff-ack:%'))
                             AND (NEW.at, NEW.seq) > (last_msg_at, last_msg_seq) THEN NEW.at  ELSE last_msg_at  END,
        last_msg_seq = CASE WHEN (NEW.direction = 'in' OR (NEW.sent_by <> 'system' AND COALESCE(NEW.idempotency_key, '') NOT LIKE 'handoff-ack:%'))
                             AND (NEW.at, NEW.seq) > (last_msg_at, last_msg_seq) THEN NEW.seq ELSE last_msg_seq END,
        last_out_id  = CASE WHEN NEW.direction = 'out' AND (NEW.at, NEW.seq) > (last_out_at, last_out_seq) THEN NEW.id  ELSE last_out_id  END,
        last_out_at  = CASE WHEN NEW.direction = 'out' AND (NEW.at, NEW.seq) > (last_out_at, last_out_seq) THEN NEW.at  ELSE last_out_at  END,
        last_out_seq = CASE WHEN NEW.direction = 'out' AND (NEW.at, NEW.seq) > (last_out_at, last_out_seq) THEN NEW.seq ELSE last_out_seq END,
        inbound      = inbound + (NEW.direction = 'in'),
        change_seq   = (SELECT seq FROM thread_changes WHERE id = 1)
    WHERE id = NEW.thread_id;
END;

-- Retention deleting the message a summary points at: point at the newest
-- one left that a person said.
DROP TRIGGER thread_summary_message_gone;
CREATE TRIGGER thread_summary_message_gone AFTER DELETE ON messages BEGIN
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
END;

-- Existing rows: the rows whose preview changes get a new change number,
-- so a console asking for changes sees them; then every summary points at
-- what a person last said.
UPDATE thread_changes SET seq = seq + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM threads
WHERE last_msg_id IS NOT (SELECT m.id FROM messages m WHERE m.thread_id = threads.id
            AND (m.direction = 'in' OR (m.sent_by <> 'system' AND COALESCE(m.idempotency_key, '') NOT LIKE 'handoff-ack:%'))
            ORDER BY m.at DESC, m.seq DESC LIMIT 1));
UPDATE threads SET change_seq = (SELECT seq FROM thread_changes WHERE id = 1)
WHERE last_msg_id IS NOT (SELECT m.id FROM messages m WHERE m.thread_id = threads.id
        AND (m.direction = 'in' OR (m.sent_by <> 'system' AND COALESCE(m.idempotency_key, '') NOT LIKE 'handoff-ack:%'))
        ORDER BY m.at DESC, m.seq DESC LIMIT 1);
UPDATE threads SET
    last_msg_id = (SELECT m.id FROM messages m WHERE m.thread_id = threads.id
        AND (m.direction = 'in' OR (m.sent_by <> 'system' AND COALESCE(m.idempotency_key, '') NOT LIKE 'handoff-ack:%'))
        ORDER BY m.at DESC, m.seq DESC LIMIT 1);
UPDATE threads SET
    last_msg_at  = COALESCE((SELECT at FROM messages WHERE id = threads.last_msg_id), 0),
    last_msg_seq = COALESCE((SELECT seq FROM messages WHERE id = threads.last_msg_id), 0);
