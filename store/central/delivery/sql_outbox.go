package delivery

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/clinicwa/triage/store/central/storage"
)

// Outbox stores delivery jobs. Every method runs on the caller's
// Querier, so a job is queued in the same transaction as its message and
// its outcome is recorded with the message's status.
type Outbox struct{}

const jobCols = `id, message_id, thread_id, idempotency_key, state, attempts, next_at, last_error, created_at`

// scanJob reads a row of jobCols.
func scanJob(row interface{ Scan(...any) error }) (Job, error) {
	var (
		j             Job
		next, created sql.NullInt64
	)
	if err := row.Scan(&j.ID, &j.MessageID, &j.ThreadID, &j.IdempotencyKey, &j.State, &j.Attempts, &next, &j.LastError, &created); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return Job{}, storage.ErrNotFound
		}
		return Job{}, err
	}
	j.NextAt, j.CreatedAt = fromTS(next), fromTS(created)
	return j, nil
}

// Enqueue queues a pending job.
func (Outbox) Enqueue(ctx context.Context, q storage.Querier, j Job) error {
	_, err := q.ExecContext(ctx, `INSERT INTO outbox (message_id, thread_id, idempotency_key, state, next_at, created_at) VALUES (?, ?, ?, 'pending', ?, ?)`,
		j.MessageID, j.ThreadID, j.IdempotencyKey, j.NextAt.UnixNano(), j.CreatedAt.UnixNano())
	return err
}

// Due returns, for each thread, its oldest pending job, when that job is
// due by now: later jobs of a thread wait so order per thread holds.
func (Outbox) Due(ctx context.Context, q storage.Querier, now time.Time) ([]Job, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+jobCols+` FROM outbox WHERE id IN
		(SELECT MIN(id) FROM outbox WHERE state = 'pending' GROUP BY thread_id) AND next_at <= ? ORDER BY id`, now.UnixNano())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Job
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

// Get reads one job (storage.ErrNotFound when none).
func (Outbox) Get(ctx context.Context, q storage.Querier, id int64) (Job, error) {
	return scanJob(q.QueryRowContext(ctx, `SELECT `+jobCols+` FROM outbox WHERE id = ?`, id))
}

// Done, Retry and Fail end the job's lease, if any (sql_outbox_leases.go):
// a retried job is then free for whichever node finds it due first.

func (Outbox) Done(ctx context.Context, q storage.Querier, id int64) error {
	_, err := q.ExecContext(ctx, `UPDATE outbox SET state = 'done', attempts = attempts + 1, last_error = '', lease_owner = '', lease_until = 0 WHERE id = ?`, id)
	return err
}

func (Outbox) Retry(ctx context.Context, q storage.Querier, id int64, next time.Time, lastError string) error {
	_, err := q.ExecContext(ctx, `UPDATE outbox SET attempts = attempts + 1, next_at = ?, last_error = ?, lease_owner = '', lease_until = 0 WHERE id = ?`, next.UnixNano(), lastError, id)
	return err
}

func (Outbox) Fail(ctx context.Context, q storage.Querier, id int64, lastError string) error {
	_, err := q.ExecContext(ctx, `UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?, lease_owner = '', lease_until = 0 WHERE id = ?`, lastError, id)
	return err
}

// NextDue is the earliest next_at of the jobs that can become due (zero
// when none is pending).
func (Outbox) NextDue(ctx context.Context, q storage.Querier) (time.Time, error) {
	var n sql.NullInt64
	// Only each thread's oldest pending job can be due (Due): a later job
	// queued behind one that is backing off must not make the worker
	// think something is due now and fall asleep for its idle period.
	if err := q.QueryRowContext(ctx, `SELECT MIN(next_at) FROM outbox WHERE id IN
		(SELECT MIN(id) FROM outbox WHERE state = 'pending' GROUP BY thread_id)`).Scan(&n); err != nil {
		return time.Time{}, err
	}
	return fromTS(n), nil
}

// The in-doubt hold keeps the later of a job's own next_at and the hold:
// CASE rather than SQLite's two-argument MAX (PostgreSQL's GREATEST), so
// both databases accept the statement.

// MarkInFlight records, before the provider call, that the send of the
// job with this idempotency key is under way: the job waits until hold
// unless a status settles it first.
func (Outbox) MarkInFlight(ctx context.Context, q storage.Querier, idempotencyKey, marker string, hold time.Time) error {
	_, err := q.ExecContext(ctx, `UPDATE outbox SET last_error = ?, next_at = CASE WHEN next_at > ? THEN next_at ELSE ? END
		WHERE idempotency_key = ? AND state = 'pending'`, marker, hold.UnixNano(), hold.UnixNano(), idempotencyKey)
	return err
}

// HoldInFlight makes every pending job marked in flight wait until hold;
// n is how many.
func (Outbox) HoldInFlight(ctx context.Context, q storage.Querier, marker string, hold time.Time) (n int64, err error) {
	res, err := q.ExecContext(ctx, `UPDATE outbox SET next_at = CASE WHEN next_at > ? THEN next_at ELSE ? END
		WHERE state = 'pending' AND last_error = ?`, hold.UnixNano(), hold.UnixNano(), marker)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// SettleByMessage marks the message's pending job done; settled is
// whether there was one.
func (Outbox) SettleByMessage(ctx context.Context, q storage.Querier, messageID string) (settled bool, err error) {
	res, err := q.ExecContext(ctx, `UPDATE outbox SET state = 'done', last_error = '' WHERE message_id = ? AND state = 'pending'`, messageID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// MessageIDByKey is the message of the job sent with this idempotency key
// (storage.ErrNotFound when none).
func (Outbox) MessageIDByKey(ctx context.Context, q storage.Querier, key string) (string, error) {
	var id string
	err := q.QueryRowContext(ctx, `SELECT message_id FROM outbox WHERE idempotency_key = ?`, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", storage.ErrNotFound
	}
	return id, err
}
