package records

import (
	"context"
	"time"
)

// Schedules keeps messages scheduled for later: one row each, its
// send request sealed, so a restart loses none.
type Schedules struct{}

// Get is a schedule's due time and state (sql.ErrNoRows when none).
func (Schedules) Get(ctx context.Context, q Querier, id string) (due time.Time, state string, err error) {
	var ns int64
	err = q.QueryRowContext(ctx, `SELECT due_at, state FROM scheduled_sends WHERE id = ?`, id).Scan(&ns, &state)
	return time.Unix(0, ns).UTC(), state, err
}

func (Schedules) Insert(ctx context.Context, q Querier, id, threadID, userID string, requestSealed []byte, due, now time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO scheduled_sends (id, thread_id, user_id, request_sealed, due_at, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		id, threadID, userID, requestSealed, due.UnixNano(), now.UnixNano())
	return err
}

// Cancel cancels a pending schedule and returns its thread; a schedule
// already sending or done is left alone (sql.ErrNoRows). One statement
// decides, so a cancel and the scheduler's claim cannot both win.
func (Schedules) Cancel(ctx context.Context, q Querier, id, by string) (threadID string, err error) {
	err = q.QueryRowContext(ctx, `UPDATE scheduled_sends SET state = 'cancelled', decided_by = ? WHERE id = ? AND state = 'pending' RETURNING thread_id`,
		by, id).Scan(&threadID)
	return threadID, err
}

// storedSchedule is one scheduled send, its request still sealed.
type storedSchedule struct {
	ID, State, Outcome string
	RequestSealed      []byte
	Due                time.Time
}

// ForThread lists the thread's schedules, soonest first.
func (Schedules) ForThread(ctx context.Context, q Querier, threadID string) ([]storedSchedule, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, request_sealed, due_at, state, outcome FROM scheduled_sends WHERE thread_id = ? ORDER BY due_at, id`, threadID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []storedSchedule
	for rows.Next() {
		var (
			ss  storedSchedule
			due int64
		)
		if err := rows.Scan(&ss.ID, &ss.RequestSealed, &due, &ss.State, &ss.Outcome); err != nil {
			return nil, err
		}
		ss.Due = time.Unix(0, due).UTC()
		out = append(out, ss)
	}
	return out, rows.Err()
}

// Due lists the schedules due by now that are pending, or were being sent
// when the process stopped, soonest first.
func (Schedules) Due(ctx context.Context, q Querier, now time.Time) ([]string, error) {
	return QueryIDs(ctx, q, `SELECT id FROM scheduled_sends WHERE state IN ('pending', 'sending') AND due_at <= ? ORDER BY due_at, id`, now.UnixNano())
}

// Claim marks the schedule being sent and returns its thread, author and
// sealed request; a cancel that won already leaves nothing to claim
// (sql.ErrNoRows).
func (Schedules) Claim(ctx context.Context, q Querier, id string) (threadID, userID string, requestSealed []byte, err error) {
	err = q.QueryRowContext(ctx, `UPDATE scheduled_sends SET state = 'sending' WHERE id = ? AND state IN ('pending', 'sending')
		RETURNING thread_id, user_id, request_sealed`, id).Scan(&threadID, &userID, &requestSealed)
	return threadID, userID, requestSealed, err
}

// Finish records how the claimed schedule's send ended.
func (Schedules) Finish(ctx context.Context, q Querier, id, state, outcome string) error {
	_, err := q.ExecContext(ctx, `UPDATE scheduled_sends SET state = ?, outcome = ? WHERE id = ? AND state = 'sending'`, state, outcome, id)
	return err
}
