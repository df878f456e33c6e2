-- PostgreSQL twin of ../sqlite/0013_inbox_summary.sql (package store/central/migrations: the rules).
-- The inbox's thread summary: the last message (its sealed masked text is
-- the preview), the last outbound message (its status), how many patient
-- messages ever arrived, and a change sequence number. Triggers keep it in
-- the same transaction as the write that changes it, so every path that
-- stores a message, a delivery status, a hand-off or a consent keeps the
-- inbox row right without remembering to. An inbox page then joins by
-- primary key only: no per-row subquery, and only the page is decrypted.
ALTER TABLE threads ADD COLUMN last_msg_id  TEXT;
ALTER TABLE threads ADD COLUMN last_msg_at  BIGINT NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN last_msg_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN last_out_id  TEXT;
ALTER TABLE threads ADD COLUMN last_out_at  BIGINT NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN last_out_seq BIGINT NOT NULL DEFAULT 0;
-- inbound counts patient messages ever stored (never decremented, so
-- retention deleting old messages cannot resurrect unread counts).
ALTER TABLE threads ADD COLUMN inbound      BIGINT NOT NULL DEFAULT 0;
-- read_base is how many were read, by anyone, before read state became
-- per user: nobody sees those as unread again.
ALTER TABLE threads ADD COLUMN read_base    BIGINT NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN change_seq   BIGINT NOT NULL DEFAULT 0;

-- One counter for every summary change; a console that missed events asks
-- for the threads changed after the last number it saw.
CREATE TABLE thread_changes (
    id  BIGINT PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL
);
INSERT INTO thread_changes (id, seq) VALUES (1, 0);

-- Per-user read markers: read is the thread's inbound count when the user
-- last opened it, so a user's unread count is inbound minus it.
CREATE TABLE thread_reads (
    user_id   TEXT NOT NULL,
    thread_id TEXT NOT NULL, -- no REFERENCES: retention deletes threads, and the trigger below their markers
    read      BIGINT NOT NULL,
    PRIMARY KEY (user_id, thread_id)
);

UPDATE threads SET
    last_msg_id  = (SELECT m.id FROM messages m WHERE m.thread_id = threads.id ORDER BY m.at DESC, m.seq DESC LIMIT 1),
    last_out_id  = (SELECT m.id FROM messages m WHERE m.thread_id = threads.id AND m.direction = 'out' ORDER BY m.at DESC, m.seq DESC LIMIT 1),
    inbound      = (SELECT COUNT(*) FROM messages m WHERE m.thread_id = threads.id AND m.direction = 'in'),
    read_base    = (SELECT COUNT(*) FROM messages m WHERE m.thread_id = threads.id AND m.direction = 'in' AND m.read = 1);
UPDATE threads SET
    last_msg_at  = COALESCE((SELECT at FROM messages WHERE id = threads.last_msg_id), 0),
    last_msg_seq = COALESCE((SELECT seq FROM messages WHERE id = threads.last_msg_id), 0),
    last_out_at  = COALESCE((SELECT at FROM messages WHERE id = threads.last_out_id), 0),
    last_out_seq = COALESCE((SELECT seq FROM messages WHERE id = threads.last_out_id), 0);

-- How many threads are in each state, kept by the triggers below, so the
-- inbox's counts cost one tiny read instead of a scan of every thread.
CREATE TABLE thread_counts (
    state TEXT PRIMARY KEY,
    n     BIGINT NOT NULL
);
INSERT INTO thread_counts (state, n) VALUES ('open', 0), ('clinical', 0), ('closed', 0);
UPDATE thread_counts SET n = (SELECT COUNT(*) FROM threads WHERE threads.state = thread_counts.state);

-- Keyset pages: newest activity first; within one second (providers
-- time messages in whole seconds) the later-stored message first; id last.
CREATE INDEX threads_inbox ON threads(last_at DESC, last_msg_seq DESC, id);
CREATE INDEX thread_reads_thread ON thread_reads(thread_id);
CREATE INDEX threads_change ON threads(change_seq);

-- The triggers below are SQLite's, statement for statement, as PL/pgSQL
-- functions run FOR EACH ROW. The counter row in thread_changes is kept
-- rather than a sequence on purpose: its row lock is held to commit, so
-- change numbers are handed out in commit order and a console asking for
-- "changes after N" never misses one that committed late with a smaller
-- number (a sequence gives no such order across concurrent transactions).

CREATE FUNCTION thread_summary_message_in() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE thread_changes SET seq = seq + 1 WHERE id = 1;
    UPDATE threads SET
        last_msg_id  = CASE WHEN (NEW.at, NEW.seq) > (last_msg_at, last_msg_seq) THEN NEW.id  ELSE last_msg_id  END,
        last_msg_at  = CASE WHEN (NEW.at, NEW.seq) > (last_msg_at, last_msg_seq) THEN NEW.at  ELSE last_msg_at  END,
        last_msg_seq = CASE WHEN (NEW.at, NEW.seq) > (last_msg_at, last_msg_seq) THEN NEW.seq ELSE last_msg_seq END,
        last_out_id  = CASE WHEN NEW.direction = 'out' AND (NEW.at, NEW.seq) > (last_out_at, last_out_seq) THEN NEW.id  ELSE last_out_id  END,
        last_out_at  = CASE WHEN NEW.direction = 'out' AND (NEW.at, NEW.seq) > (last_out_at, last_out_seq) THEN NEW.at  ELSE last_out_at  END,
        last_out_seq = CASE WHEN NEW.direction = 'out' AND (NEW.at, NEW.seq) > (last_out_at, last_out_seq) THEN NEW.seq ELSE last_out_seq END,
        inbound      = inbound + CASE WHEN NEW.direction = 'in' THEN 1 ELSE 0 END,
        change_seq   = (SELECT seq FROM thread_changes WHERE id = 1)
    WHERE id = NEW.thread_id;
    RETURN NULL;
END $$;
CREATE TRIGGER thread_summary_message_in AFTER INSERT ON messages
FOR EACH ROW EXECUTE FUNCTION thread_summary_message_in();

-- Bump the change number of one thread (the row's thread_id, or its id
-- when the row is the thread itself).
CREATE FUNCTION thread_summary_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE thread_changes SET seq = seq + 1 WHERE id = 1;
    IF TG_TABLE_NAME = 'messages' THEN
        UPDATE threads SET change_seq = (SELECT seq FROM thread_changes WHERE id = 1) WHERE id = NEW.thread_id;
    ELSE
        UPDATE threads SET change_seq = (SELECT seq FROM thread_changes WHERE id = 1) WHERE id = NEW.id;
    END IF;
    RETURN NULL;
END $$;

-- A delivery status, an edit (new masked text) or a failure reason.
CREATE TRIGGER thread_summary_message_changed AFTER UPDATE OF status, masked_sealed, error ON messages
FOR EACH ROW
WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.masked_sealed IS DISTINCT FROM NEW.masked_sealed
   OR OLD.error IS DISTINCT FROM NEW.error)
EXECUTE FUNCTION thread_summary_touch();

-- Retention deleting the message a summary points at: point at the
-- newest one left (rare, so the subqueries are fine here).
CREATE FUNCTION thread_summary_message_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE threads SET
        last_msg_id  = (SELECT m.id FROM messages m WHERE m.thread_id = threads.id ORDER BY m.at DESC, m.seq DESC LIMIT 1),
        last_msg_at  = COALESCE((SELECT m.at FROM messages m WHERE m.thread_id = threads.id ORDER BY m.at DESC, m.seq DESC LIMIT 1), 0),
        last_msg_seq = COALESCE((SELECT m.seq FROM messages m WHERE m.thread_id = threads.id ORDER BY m.at DESC, m.seq DESC LIMIT 1), 0)
    WHERE id = OLD.thread_id AND last_msg_id = OLD.id;
    UPDATE threads SET
        last_out_id  = (SELECT m.id FROM messages m WHERE m.thread_id = threads.id AND m.direction = 'out' ORDER BY m.at DESC, m.seq DESC LIMIT 1),
        last_out_at  = COALESCE((SELECT m.at FROM messages m WHERE m.thread_id = threads.id AND m.direction = 'out' ORDER BY m.at DESC, m.seq DESC LIMIT 1), 0),
        last_out_seq = COALESCE((SELECT m.seq FROM messages m WHERE m.thread_id = threads.id AND m.direction = 'out' ORDER BY m.at DESC, m.seq DESC LIMIT 1), 0)
    WHERE id = OLD.thread_id AND last_out_id = OLD.id;
    RETURN NULL;
END $$;
CREATE TRIGGER thread_summary_message_gone AFTER DELETE ON messages
FOR EACH ROW EXECUTE FUNCTION thread_summary_message_gone();

-- The thread's own marks: state (hand-off, reopen), clinical, clocks.
CREATE TRIGGER thread_summary_thread_changed AFTER UPDATE OF state, clinical, last_at, last_inbound_at ON threads
FOR EACH ROW
WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.clinical IS DISTINCT FROM NEW.clinical
   OR OLD.last_at IS DISTINCT FROM NEW.last_at OR OLD.last_inbound_at IS DISTINCT FROM NEW.last_inbound_at)
EXECUTE FUNCTION thread_summary_touch();

CREATE FUNCTION thread_summary_new_thread() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE thread_counts SET n = n + 1 WHERE state = NEW.state;
    UPDATE thread_changes SET seq = seq + 1 WHERE id = 1;
    UPDATE threads SET change_seq = (SELECT seq FROM thread_changes WHERE id = 1) WHERE id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER thread_summary_new_thread AFTER INSERT ON threads
FOR EACH ROW EXECUTE FUNCTION thread_summary_new_thread();

CREATE FUNCTION thread_counts_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE thread_counts SET n = n - 1 WHERE state = OLD.state;
    UPDATE thread_counts SET n = n + 1 WHERE state = NEW.state;
    RETURN NULL;
END $$;
CREATE TRIGGER thread_counts_state AFTER UPDATE OF state ON threads
FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state)
EXECUTE FUNCTION thread_counts_state();

CREATE FUNCTION thread_counts_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE thread_counts SET n = n - 1 WHERE state = OLD.state;
    DELETE FROM thread_reads WHERE thread_id = OLD.id;
    RETURN NULL;
END $$;
CREATE TRIGGER thread_counts_gone AFTER DELETE ON threads
FOR EACH ROW EXECUTE FUNCTION thread_counts_gone();

-- Consent shows on the inbox row.
CREATE FUNCTION thread_summary_consent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE thread_changes SET seq = seq + 1 WHERE id = 1;
    UPDATE threads SET change_seq = (SELECT seq FROM thread_changes WHERE id = 1) WHERE patient_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER thread_summary_consent AFTER UPDATE OF opted_in ON patients
FOR EACH ROW WHEN (OLD.opted_in IS DISTINCT FROM NEW.opted_in)
EXECUTE FUNCTION thread_summary_consent();

-- Urgent threads head the inbox (a possible emergency is at the top of
-- every list): the page query orders by urgency first.
CREATE INDEX threads_inbox_urgent ON threads((urgent_at IS NOT NULL) DESC, last_at DESC, last_msg_seq DESC, id);
