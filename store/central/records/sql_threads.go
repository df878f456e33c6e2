package records

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/pgsql"
)

type Threads struct{ *Base }

const threadCols = `id, patient_id, state, clinical, last_at, last_inbound_at, handoff_by, handoff_at, handoff_masked_sealed, created_at`

func (s Threads) scan(row interface{ Scan(...any) error }) (Thread, error) {
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
	if t.HandoffMasked, err = s.Keys.OpenString("threads", "handoff_masked", t.ID, masked); err != nil {
		return Thread{}, err
	}
	t.Clinical = clinical == 1
	t.LastAt, t.LastInboundAt, t.HandoffAt, t.CreatedAt = fromTS(lastAt), fromTS(lastIn), fromTS(handoffAt), fromTS(createdAt)
	t.HandoffBy = handoffBy.String
	return t, nil
}

func (s Threads) Get(ctx context.Context, q Querier, id string) (Thread, error) {
	return s.scan(q.QueryRowContext(ctx, `SELECT `+threadCols+` FROM threads WHERE id = ?`, id))
}

// lockThreadSQL holds a thread's row until the transaction ends. A send
// decides on what the transaction reads (the messages of the last 24
// hours against the clinic's cap, an earlier send with the same
// idempotency key); on PostgreSQL a send on another node may commit in
// between, and both would pass the cap, or both insert the same send.
// Held from before those reads, the row makes the second send wait for
// the first and then see it. SQLite's write transaction already holds the
// whole database, so its text only reads the row.
var lockThreadSQL = pgsql.Spelling(`SELECT id FROM threads WHERE id = ?`,
	`SELECT id FROM threads WHERE id = ? FOR UPDATE`)

func (s Threads) Lock(ctx context.Context, q Querier, id string) error {
	return lockRow(ctx, q, lockThreadSQL, id)
}

func (s Threads) ForPatient(ctx context.Context, q Querier, patientID string, now time.Time) (Thread, error) {
	t, err := s.scan(q.QueryRowContext(ctx, `SELECT `+threadCols+` FROM threads WHERE patient_id = ?`, patientID))
	if !errors.Is(err, ErrNotFound) {
		return t, err
	}
	t = Thread{ID: NewID("thr"), PatientID: patientID, State: api.ThreadOpen, LastAt: now, CreatedAt: now}
	_, err = q.ExecContext(ctx, `INSERT INTO threads (id, patient_id, state, last_at, created_at) VALUES (?, ?, 'open', ?, ?)`,
		t.ID, patientID, now.UnixNano(), now.UnixNano())
	return t, err
}

func (s Threads) NoteInbound(ctx context.Context, q Querier, id string, at time.Time, clinical bool) error {
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

func (s Threads) NoteOutbound(ctx context.Context, q Querier, id string, at time.Time) error {
	_, err := q.ExecContext(ctx, `UPDATE threads SET last_at = MAX(last_at, ?) WHERE id = ?`, at.UnixNano(), id)
	return err
}

func (s Threads) Handoff(ctx context.Context, q Querier, id, note, masked, by string, at time.Time) error {
	sn, err := s.Keys.SealString("threads", "handoff_note", id, note)
	if err != nil {
		return err
	}
	sm, err := s.Keys.SealString("threads", "handoff_masked", id, masked)
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

// summarySQL builds inbox rows from the summary the triggers keep
// (migration inbox_summary): every join is by primary key, so a page costs
// its own rows only. ?1 is the reader's user id, for the per-user read
// marker. The preview is the sealed masked text of the last message a
// person wrote (the patient or staff; migration inbox_preview), opened
// after the query; the delivery status is the clinic's latest outbound
// message's, automatic or not, with its sender to tell which.
const summarySQL = `SELECT t.id, p.label, t.state, t.clinical, p.opted_in, t.last_at, t.last_inbound_at,
	t.inbound, MAX(t.read_base, COALESCE(r.read, 0)), mo.status, t.last_msg_id, m.masked_sealed, t.change_seq, t.last_msg_seq,
	t.urgent_at, t.last_out_id, COALESCE(mo.sent_by, ''), COALESCE(mo.idempotency_key, ''), ` + workflowCols + `
	FROM threads t JOIN patients p ON p.id = t.patient_id
	LEFT JOIN messages m ON m.id = t.last_msg_id
	LEFT JOIN messages mo ON mo.id = t.last_out_id
	LEFT JOIN thread_reads r ON r.user_id = ?1 AND r.thread_id = t.id` + workflowJoins

func (s Threads) scanSummary(row interface{ Scan(...any) error }, window time.Duration) (api.ThreadSummary, error) {
	var (
		ts                 api.ThreadSummary
		clinical, optedIn  int
		read               int
		lastAt, lastIn     sql.NullInt64
		lastStatus, lastID sql.NullString
		lastOutID          sql.NullString
		outBy, outKey      string
		preview            []byte
		urgentAt           sql.NullInt64
		wf                 workflowRow
	)
	if err := row.Scan(&ts.ID, &ts.PatientLabel, &ts.State, &clinical, &optedIn, &lastAt, &lastIn,
		&ts.Inbound, &read, &lastStatus, &lastID, &preview, &ts.Seq, &ts.Arrival, &urgentAt, &lastOutID, &outBy, &outKey, &wf.queue,
		&wf.ownerID, &wf.owner, &wf.ownedAt, &wf.waitingSince, &ts.Lang,
		&wf.handoffBy, &wf.handoffAt, &wf.handoffMasked, &wf.handoffDue,
		&wf.escAt, &wf.escalatedBy, &wf.escKind, &wf.escalationMasked, &wf.outcome); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return api.ThreadSummary{}, ErrNotFound
		}
		return api.ThreadSummary{}, err
	}
	if lastID.Valid && preview != nil {
		p, err := s.Keys.OpenString("messages", "masked", lastID.String, preview)
		if err != nil {
			return api.ThreadSummary{}, err
		}
		// Sanitised here too, not only in the console (see Message.API).
		ts.Preview = policy.SanitizeLine(p).String()
	}
	ts.Unread = max(ts.Inbound-read, 0)
	ts.Clinical, ts.OptedIn = clinical == 1, optedIn == 1
	ts.LastAt = fromTS(lastAt)
	if in := fromTS(lastIn); !in.IsZero() {
		ts.WindowOpenUntil = in.Add(window)
	}
	ts.LastOutStatus = lastStatus.String
	ts.LastFromClinic = lastID.Valid && lastOutID.Valid && lastID.String == lastOutID.String
	ts.LastOutAuto = lastOutID.Valid && automaticText(outBy, outKey)
	if urgentAt.Valid {
		ts.Urgent, ts.UrgentAt = true, time.Unix(0, urgentAt.Int64).UTC()
	}
	if err := s.applyWorkflow(&ts, wf); err != nil {
		return api.ThreadSummary{}, err
	}
	return ts, nil
}

// automaticText says an outbound message is one the clinic sends on its
// own (the first-message explanation, consent texts, the safety reply) or
// the acknowledgment a hand-off sends: no person wrote it for this
// patient, so it neither answers them (migration queues) nor takes the
// inbox row's preview (migration inbox_preview). The migrations spell the
// same rule in SQL.
func automaticText(sentBy, idempotencyKey string) bool {
	return sentBy == SystemSender || strings.HasPrefix(idempotencyKey, HandoffAckKey)
}

func (s Threads) list(ctx context.Context, q Querier, window time.Duration, query string, args ...any) ([]api.ThreadSummary, error) {
	rows, err := q.QueryContext(ctx, query, args...)
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

// visibleWhere limits rows to what the reader's role may open.
func visibleWhere(includeClinical bool) string {
	if includeClinical {
		return ` WHERE 1 = 1` // both databases' true (PostgreSQL wants a boolean)
	}
	return ` WHERE t.state <> 'clinical'`
}

func (s Threads) Summaries(ctx context.Context, q Querier, userID string, includeClinical bool, window time.Duration) ([]api.ThreadSummary, error) {
	return s.list(ctx, q, window, summarySQL+visibleWhere(includeClinical)+inboxOrder, userID)
}

func (s Threads) Summary(ctx context.Context, q Querier, id, userID string, window time.Duration) (api.ThreadSummary, error) {
	return s.scanSummary(q.QueryRowContext(ctx, summarySQL+` WHERE t.id = ?2`, userID, id), window)
}

// ErrBadCursor is a page cursor this server did not write.
var ErrBadCursor = api.ErrBadInboxCursor

// inboxOrder is the inbox's order: urgent threads first (a possible
// emergency heads every list), then newest activity, then the later-stored
// last message, then id. The threads_inbox_urgent index serves it.
const inboxOrder = ` ORDER BY (t.urgent_at IS NOT NULL) DESC, t.last_at DESC, t.last_msg_seq DESC, t.id`

// pageCursor is the keyset position after a row (api.InboxCursor).
func pageCursor(ts api.ThreadSummary) string {
	return api.InboxCursor(ts.Urgent, ts.LastAt, ts.Arrival, ts.ID)
}

func parseCursor(c string) (urgent, at, arrival int64, id string, err error) {
	u, at, arrival, id, err := api.ParseInboxCursor(c)
	if u {
		urgent = 1
	}
	return urgent, at, arrival, id, err
}

func (s Threads) Page(ctx context.Context, q Querier, userID string, includeClinical bool, after string, limit int, window time.Duration) (api.ThreadPage, error) {
	limit = min(max(limit, 1), api.MaxThreadPage)
	query, args := summarySQL+visibleWhere(includeClinical), []any{userID}
	if after != "" {
		urgent, at, arrival, id, err := parseCursor(after)
		if err != nil {
			return api.ThreadPage{}, err
		}
		// (?5 = 1): the cursor's urgent flag is 0/1, compared with a
		// boolean (PostgreSQL does not compare the two directly).
		query += ` AND ((t.urgent_at IS NOT NULL) < (?5 = 1) OR ((t.urgent_at IS NOT NULL) = (?5 = 1) AND t.last_at <= ?2
			AND (t.last_at < ?2 OR t.last_msg_seq < ?3 OR (t.last_msg_seq = ?3 AND t.id > ?4))))`
		args = append(args, at, arrival, id, urgent)
	}
	var page api.ThreadPage
	if err := q.QueryRowContext(ctx, `SELECT seq FROM thread_changes WHERE id = 1`).Scan(&page.Seq); err != nil {
		return api.ThreadPage{}, err
	}
	// One row more than asked says whether there is a next page.
	list, err := s.list(ctx, q, window, query+inboxOrder+` LIMIT `+strconv.Itoa(limit+1), args...)
	if err != nil {
		return api.ThreadPage{}, err
	}
	if len(list) > limit {
		list = list[:limit]
		page.Next = pageCursor(list[limit-1])
	}
	page.Threads = list
	if page.Counts, err = s.Counts(ctx, q, includeClinical); err != nil {
		return api.ThreadPage{}, err
	}
	return page, nil
}

func (s Threads) Counts(ctx context.Context, q Querier, includeClinical bool) (map[api.ThreadState]int, error) {
	rows, err := q.QueryContext(ctx, `SELECT state, n FROM thread_counts WHERE n > 0`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[api.ThreadState]int{}
	for rows.Next() {
		var (
			st api.ThreadState
			n  int
		)
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		if st == api.ThreadClinical && !includeClinical {
			continue
		}
		out[st] = n
	}
	return out, rows.Err()
}

// ChangesSince returns the summaries changed after change number since, or
// Reset when more than limit changed (the console reloads its first page).
func (s Threads) ChangesSince(ctx context.Context, q Querier, userID string, includeClinical bool, since int64, limit int, window time.Duration) (api.ThreadChanges, error) {
	var ch api.ThreadChanges
	if err := q.QueryRowContext(ctx, `SELECT seq FROM thread_changes WHERE id = 1`).Scan(&ch.Seq); err != nil {
		return api.ThreadChanges{}, err
	}
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM threads WHERE change_seq > ?`, since).Scan(&n); err != nil {
		return api.ThreadChanges{}, err
	}
	if since < 0 || since > ch.Seq || n > limit {
		ch.Reset, ch.Threads = true, []api.ThreadSummary{}
	} else {
		// A thread handed to the nurses' queue leaves a front-desk
		// inbox: it is sent too, with its state, so the console drops it.
		list, err := s.list(ctx, q, window, summarySQL+` WHERE t.change_seq > ?2 ORDER BY t.change_seq`, userID, since)
		if err != nil {
			return api.ThreadChanges{}, err
		}
		if !includeClinical {
			for i := range list {
				if list[i].State == api.ThreadClinical {
					list[i] = api.ThreadSummary{ID: list[i].ID, Seq: list[i].Seq, Gone: true}
				}
			}
		}
		ch.Threads = list
	}
	var err error
	ch.Counts, err = s.Counts(ctx, q, includeClinical)
	return ch, err
}

// MarkRead records that userID has read every patient message in the
// thread so far.
func (s Threads) MarkRead(ctx context.Context, q Querier, userID, threadID string) error {
	_, err := q.ExecContext(ctx, `INSERT INTO thread_reads (user_id, thread_id, read)
		SELECT ?1, id, inbound FROM threads WHERE id = ?2
		ON CONFLICT (user_id, thread_id) DO UPDATE SET read = excluded.read`, userID, threadID)
	return err
}
