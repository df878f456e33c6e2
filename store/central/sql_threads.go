package central

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

type sqlThreads struct{ *sqlite }

const threadCols = `id, patient_id, state, clinical, last_at, last_inbound_at, handoff_by, handoff_at, handoff_masked_sealed, created_at`

func (s sqlThreads) scan(row interface{ Scan(...any) error }) (Thread, error) {
	var (
		t                                    Thread
		clinical                             int
		lastAt, lastIn, handoffAt, createdAt sql.NullInt64
		handoffBy                            sql.NullString
		masked                               []byte
	)
	if err := row.Scan(&t.ID, &t.PatientID, &t.State, &clinical, &lastAt, &lastIn, &handoffBy, &handoffAt, &masked, &createdAt); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return Thread{}, ErrNotFound
		}
		return Thread{}, err
	}
	var err error
	if t.HandoffMasked, err = s.keys.OpenString("threads", "handoff_masked", t.ID, masked); err != nil {
		return Thread{}, err
	}
	t.Clinical = clinical == 1
	t.LastAt, t.LastInboundAt, t.HandoffAt, t.CreatedAt = fromTS(lastAt), fromTS(lastIn), fromTS(handoffAt), fromTS(createdAt)
	t.HandoffBy = handoffBy.String
	return t, nil
}

func (s sqlThreads) Get(ctx context.Context, q Querier, id string) (Thread, error) {
	return s.scan(q.QueryRowContext(ctx, `SELECT `+threadCols+` FROM threads WHERE id = ?`, id))
}

func (s sqlThreads) ForPatient(ctx context.Context, q Querier, patientID string, now time.Time) (Thread, error) {
	t, err := s.scan(q.QueryRowContext(ctx, `SELECT `+threadCols+` FROM threads WHERE patient_id = ?`, patientID))
	if !errors.Is(err, ErrNotFound) {
		return t, err
	}
	t = Thread{ID: newID("thr"), PatientID: patientID, State: api.ThreadOpen, LastAt: now, CreatedAt: now}
	_, err = q.ExecContext(ctx, `INSERT INTO threads (id, patient_id, state, last_at, created_at) VALUES (?, ?, 'open', ?, ?)`,
		t.ID, patientID, now.UnixNano(), now.UnixNano())
	return t, err
}

func (s sqlThreads) NoteInbound(ctx context.Context, q Querier, id string, at time.Time, clinical bool) error {
	c := 0
	if clinical {
		c = 1
	}
	_, err := q.ExecContext(ctx, `UPDATE threads SET
		last_at = MAX(last_at, ?1),
		last_inbound_at = MAX(COALESCE(last_inbound_at, 0), ?1),
		clinical = MAX(clinical, ?2),
		state = CASE state WHEN 'closed' THEN 'open' ELSE state END
		WHERE id = ?3`, at.UnixNano(), c, id)
	return err
}

func (s sqlThreads) NoteOutbound(ctx context.Context, q Querier, id string, at time.Time) error {
	_, err := q.ExecContext(ctx, `UPDATE threads SET last_at = MAX(last_at, ?) WHERE id = ?`, at.UnixNano(), id)
	return err
}

func (s sqlThreads) Handoff(ctx context.Context, q Querier, id, note, masked, by string, at time.Time) error {
	sn, err := s.keys.SealString("threads", "handoff_note", id, note)
	if err != nil {
		return err
	}
	sm, err := s.keys.SealString("threads", "handoff_masked", id, masked)
	if err != nil {
		return err
	}
	res, err := q.ExecContext(ctx, `UPDATE threads SET state = 'clinical', handoff_note_sealed = ?, handoff_masked_sealed = ?,
		handoff_by = ?, handoff_at = ?, last_at = MAX(last_at, ?5) WHERE id = ?`, sn, sm, by, at.UnixNano(), at.UnixNano(), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// summarySQL builds inbox rows in one query: the patient's label and
// consent, the unread count, and the last outbound status. The preview is
// the last message's sealed masked text, opened after the query.
const summarySQL = `SELECT t.id, p.label, t.state, t.clinical, p.opted_in, t.last_at, t.last_inbound_at,
	(SELECT COUNT(*) FROM messages m WHERE m.thread_id = t.id AND m.direction = 'in' AND m.read = 0),
	(SELECT m.status FROM messages m WHERE m.thread_id = t.id AND m.direction = 'out' ORDER BY m.at DESC, m.seq DESC LIMIT 1),
	(SELECT m.id FROM messages m WHERE m.thread_id = t.id ORDER BY m.at DESC, m.seq DESC LIMIT 1),
	(SELECT m.masked_sealed FROM messages m WHERE m.thread_id = t.id ORDER BY m.at DESC, m.seq DESC LIMIT 1)
	FROM threads t JOIN patients p ON p.id = t.patient_id`

func (s sqlThreads) scanSummary(row interface{ Scan(...any) error }, window time.Duration) (api.ThreadSummary, error) {
	var (
		ts                 api.ThreadSummary
		clinical, optedIn  int
		lastAt, lastIn     sql.NullInt64
		lastStatus, lastID sql.NullString
		preview            []byte
	)
	if err := row.Scan(&ts.ID, &ts.PatientLabel, &ts.State, &clinical, &optedIn, &lastAt, &lastIn, &ts.Unread, &lastStatus, &lastID, &preview); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return api.ThreadSummary{}, ErrNotFound
		}
		return api.ThreadSummary{}, err
	}
	if lastID.Valid {
		p, err := s.keys.OpenString("messages", "masked", lastID.String, preview)
		if err != nil {
			return api.ThreadSummary{}, err
		}
		// Sanitised here too, not only in the console (see Message.API).
		ts.Preview = policy.SanitizeLine(p).String()
	}
	ts.Clinical, ts.OptedIn = clinical == 1, optedIn == 1
	ts.LastAt = fromTS(lastAt)
	if in := fromTS(lastIn); !in.IsZero() {
		ts.WindowOpenUntil = in.Add(window)
	}
	ts.LastOutStatus = lastStatus.String
	return ts, nil
}

func (s sqlThreads) Summaries(ctx context.Context, q Querier, includeClinical bool, window time.Duration) ([]api.ThreadSummary, error) {
	query := summarySQL
	if !includeClinical {
		query += ` WHERE t.state <> 'clinical'`
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY t.last_at DESC, t.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []api.ThreadSummary{}
	for rows.Next() {
		ts, err := s.scanSummary(rows, window)
		if err != nil {
			return nil, err
		}
		out = append(out, ts)
	}
	return out, rows.Err()
}

func (s sqlThreads) Summary(ctx context.Context, q Querier, id string, window time.Duration) (api.ThreadSummary, error) {
	return s.scanSummary(q.QueryRowContext(ctx, summarySQL+` WHERE t.id = ?`, id), window)
}
