package records

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/pgsql"
)

type Messages struct{ *Base }

const messageCols = `id, thread_id, direction, type, raw_type, media_mime, body_sealed, masked_sealed, spans, clinical,
	provider_id_sealed, status, error, sent_by, macro_id, COALESCE(idempotency_key, ''), read, at, detail_sealed`

// insertMessageSQL stores a message with the next arrival number seq.
// Dialect: SQLite numbers it MAX(seq)+1, safe under its single writer;
// PostgreSQL's seq is an identity column, left to its sequence, since
// nodes insert concurrently (and an explicit value would leave the
// sequence behind).
var insertMessageSQL, insertMessageIgnoreSQL = insertMessage(""), insertMessage(" ON CONFLICT DO NOTHING")

func insertMessage(onConflict string) string {
	const cols = `thread_id, direction, type, raw_type, media_mime, body_sealed, masked_sealed,
		spans, clinical, provider_id_bidx, provider_id_sealed, status, status_rank, error, sent_by, macro_id, idempotency_key, read, at,
		detail_sealed, ref_bidx)`
	const vals = `?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	return pgsql.Spelling(`INSERT INTO messages (id, seq, `+cols+`
		VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM messages), `+vals+onConflict,
		`INSERT INTO messages (id, `+cols+`
		VALUES (?, `+vals+onConflict)
}

func (s Messages) scan(row interface{ Scan(...any) error }) (Message, error) {
	var (
		m                            Message
		body, masked, provID, detail []byte
		spans                        string
		clinical, read               int
		at                           sql.NullInt64
	)
	if err := row.Scan(&m.ID, &m.ThreadID, &m.Direction, &m.Type, &m.RawType, &m.MediaMIME, &body, &masked, &spans, &clinical,
		&provID, &m.Status, &m.Error, &m.SentBy, &m.MacroID, &m.IdempotencyKey, &read, &at, &detail); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return Message{}, ErrNotFound
		}
		return Message{}, err
	}
	var err error
	if m.Body, err = s.Keys.OpenString("messages", "body", m.ID, body); err != nil {
		return Message{}, err
	}
	if m.Masked, err = s.Keys.OpenString("messages", "masked", m.ID, masked); err != nil {
		return Message{}, err
	}
	if m.ProviderID, err = s.Keys.OpenString("messages", "provider_id", m.ID, provID); err != nil {
		return Message{}, err
	}
	if err := json.Unmarshal([]byte(spans), &m.Spans); err != nil {
		return Message{}, err
	}
	if detail != nil {
		d, err := s.Keys.Open("messages", "detail", m.ID, detail)
		if err != nil {
			return Message{}, err
		}
		m.Detail = new(MessageDetail)
		if err := json.Unmarshal(d, m.Detail); err != nil {
			return Message{}, err
		}
	}
	m.Clinical, m.Read, m.At = clinical == 1, read == 1, fromTS(at)
	return m, nil
}

func (s Messages) SealFields(m *Message) (body, masked, provID, provIdx []byte, spans string, err error) {
	if body, err = s.Keys.SealString("messages", "body", m.ID, m.Body); err != nil {
		return
	}
	// The masked text is sealed too: a span the masker missed would
	// otherwise sit readable on disk.
	if masked, err = s.Keys.SealString("messages", "masked", m.ID, m.Masked); err != nil {
		return
	}
	if m.ProviderID != "" {
		if provID, err = s.Keys.SealString("messages", "provider_id", m.ID, m.ProviderID); err != nil {
			return
		}
		provIdx = s.Bidx(bidxProviderID, m.ProviderID)
	}
	sp := m.Spans
	if sp == nil {
		sp = []api.Span{}
	}
	b, err := json.Marshal(sp)
	return body, masked, provID, provIdx, string(b), err
}

func (s Messages) insert(ctx context.Context, q Querier, m *Message, onConflictIgnore bool) (bool, error) {
	if m.ID == "" {
		m.ID = NewID("msg")
	}
	body, masked, provID, provIdx, spans, err := s.SealFields(m)
	if err != nil {
		return false, err
	}
	var detail, refIdx []byte
	if m.Detail != nil {
		d, err := json.Marshal(m.Detail)
		if err != nil {
			return false, err
		}
		if detail, err = s.Keys.Seal("messages", "detail", m.ID, d); err != nil {
			return false, err
		}
		if ref := m.Detail.Ref(); ref != "" {
			refIdx = s.Bidx(bidxProviderID, ref)
		}
	}
	// ON CONFLICT DO NOTHING, not SQLite's INSERT OR IGNORE: both
	// databases accept it, and it skips only a uniqueness conflict (a
	// provider id already held), never a NOT NULL or CHECK failure.
	stmt := insertMessageSQL
	if onConflictIgnore {
		stmt = insertMessageIgnoreSQL
	}
	var idem any
	if m.IdempotencyKey != "" {
		idem = m.IdempotencyKey
	}
	b2i := func(b bool) int {
		if b {
			return 1
		}
		return 0
	}
	rank := -1
	if m.Status != "" {
		rank = m.Status.Rank()
	}
	res, err := q.ExecContext(ctx, stmt,
		m.ID, m.ThreadID, m.Direction, m.Type, m.RawType, m.MediaMIME, body, masked, spans, b2i(m.Clinical), provIdx, provID,
		string(m.Status), rank, m.Error, m.SentBy, m.MacroID, idem, b2i(m.Read), m.At.UnixNano(), detail, refIdx)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (s Messages) InsertInbound(ctx context.Context, q Querier, m *Message) (bool, error) {
	m.Direction = "in"
	return s.insert(ctx, q, m, true)
}

func (s Messages) InsertOutbound(ctx context.Context, q Querier, m *Message) error {
	m.Direction = "out"
	_, err := s.insert(ctx, q, m, false)
	return err
}

func (s Messages) Get(ctx context.Context, q Querier, id string) (Message, error) {
	return s.scan(q.QueryRowContext(ctx, `SELECT `+messageCols+` FROM messages WHERE id = ?`, id))
}

func (s Messages) ByIdempotencyKey(ctx context.Context, q Querier, userID, key string) (Message, error) {
	return s.scan(q.QueryRowContext(ctx, `SELECT `+messageCols+` FROM messages WHERE sent_by = ? AND idempotency_key = ?`, userID, key))
}

func (s Messages) ByProviderID(ctx context.Context, q Querier, providerID string) (Message, error) {
	return s.scan(q.QueryRowContext(ctx, `SELECT `+messageCols+` FROM messages WHERE provider_id_bidx = ?`, s.Bidx(bidxProviderID, providerID)))
}

func (s Messages) ListThread(ctx context.Context, q Querier, threadID string) ([]Message, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+messageCols+` FROM messages WHERE thread_id = ? ORDER BY at, seq`, threadID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Message{}
	for rows.Next() {
		m, err := s.scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func (s Messages) MarkThreadRead(ctx context.Context, q Querier, threadID string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, provider_id_sealed FROM messages WHERE thread_id = ? AND direction = 'in' AND read = 0 ORDER BY at, seq`, threadID)
	if err != nil {
		return nil, err
	}
	var ids []string
	for rows.Next() {
		var (
			id  string
			env []byte
		)
		if err := rows.Scan(&id, &env); err != nil {
			rows.Close()
			return nil, err
		}
		pid, err := s.Keys.OpenString("messages", "provider_id", id, env)
		if err != nil {
			rows.Close()
			return nil, err
		}
		if pid != "" {
			ids = append(ids, pid)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	_, err = q.ExecContext(ctx, `UPDATE messages SET read = 1 WHERE thread_id = ? AND direction = 'in' AND read = 0`, threadID)
	return ids, err
}

func (s Messages) ApplyStatus(ctx context.Context, q Querier, id string, st bsp.Status, reason string) (bool, error) {
	rank := st.Rank()
	if rank < 0 {
		return false, nil
	}
	res, err := q.ExecContext(ctx, `UPDATE messages SET status = ?, status_rank = ?, error = CASE WHEN ? <> '' THEN ? ELSE error END
		WHERE id = ? AND direction = 'out' AND status_rank < ?`, string(st), rank, reason, reason, id, rank)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (s Messages) SetProviderID(ctx context.Context, q Querier, id, providerID string) error {
	env, err := s.Keys.SealString("messages", "provider_id", id, providerID)
	if err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, `UPDATE messages SET provider_id_sealed = ?, provider_id_bidx = ? WHERE id = ?`,
		env, s.Bidx(bidxProviderID, providerID), id)
	return err
}

func (s Messages) CountOutboundSince(ctx context.Context, q Querier, threadID string, t time.Time) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM messages WHERE thread_id = ? AND direction = 'out' AND status <> 'failed' AND at > ?`,
		threadID, t.UnixNano()).Scan(&n)
	return n, err
}

func (s Messages) Revoked(ctx context.Context, q Querier, m Message) (bool, error) {
	if m.ProviderID == "" {
		return false, nil
	}
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM messages WHERE ref_bidx = ? AND thread_id = ? AND type = 'revoke'`,
		s.Bidx(bidxProviderID, m.ProviderID), m.ThreadID).Scan(&n)
	return n > 0, err
}
