package delivery

import (
	"context"
	"database/sql"
	"slices"
	"time"
)

// Leases hands each due outbox job to one node when several nodes
// share a PostgreSQL database. A node takes due jobs in one short
// statement, SELECT … FOR UPDATE SKIP LOCKED inside an UPDATE that writes
// its lease (node id and expiry): two nodes asking at the same moment
// skip each other's rows instead of waiting for them, and a row leased by
// a committed claim no longer matches (its lease_until is in the future).
// A node that dies holding a lease leaves it to run out; the job is then
// taken again. PostgreSQL only, so the statements use its placeholders.
type Leases struct {
	db    *sql.DB
	owner string // this node's id for this run
	ttl   time.Duration
}

// claimSQL takes each thread's oldest pending job that is due and not
// leased, up to $4 of them, leasing them to $1 until $2. Only a thread's
// oldest pending job is ever claimable, so order per thread holds across
// nodes: the next job of a thread becomes claimable only once the one
// before it is no longer pending.
const claimSQL = `UPDATE outbox SET lease_owner = $1, lease_until = $2
	WHERE id IN (
		SELECT o.id FROM outbox o
		WHERE o.state = 'pending' AND o.next_at <= $3 AND o.lease_until <= $3
		  AND o.id = (SELECT MIN(p.id) FROM outbox p WHERE p.state = 'pending' AND p.thread_id = o.thread_id)
		ORDER BY o.id
		LIMIT $4
		FOR UPDATE SKIP LOCKED)
	RETURNING ` + jobCols

// NewLeases is the leases of node owner (its id for this run), each held
// for ttl.
func NewLeases(db *sql.DB, owner string, ttl time.Duration) *Leases {
	return &Leases{db: db, owner: owner, ttl: ttl}
}

// Claim leases up to limit due jobs to this node, oldest first.
func (l *Leases) Claim(ctx context.Context, now time.Time, limit int) ([]Job, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := l.db.QueryContext(ctx, claimSQL, l.owner, now.Add(l.ttl).UnixNano(), now.UnixNano(), limit)
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
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b Job) int { return int(a.ID - b.ID) })
	return out, nil
}

// Release gives a job this node took but will not send now back to every
// node at once, instead of at its lease's end.
func (l *Leases) Release(ctx context.Context, id int64) error {
	_, err := l.db.ExecContext(ctx, `UPDATE outbox SET lease_owner = '', lease_until = 0
		WHERE id = $1 AND lease_owner = $2`, id, l.owner)
	return err
}

// ReleaseAll gives back every lease this node holds (a clean stop). A job
// whose send was under way keeps its in-doubt hold: releasing its lease
// does not make it due.
func (l *Leases) ReleaseAll(ctx context.Context) error {
	_, err := l.db.ExecContext(ctx, `UPDATE outbox SET lease_owner = '', lease_until = 0
		WHERE lease_owner = $1 AND state = 'pending'`, l.owner)
	return err
}

// MarkInFlight is the intent mark of a leased job (intent.go),
// made only while this node's lease still holds: if it ran out, another
// node may already be sending the job, and this node must not.
func (l *Leases) MarkInFlight(ctx context.Context, idempotencyKey, marker string, now, hold time.Time) error {
	res, err := l.db.ExecContext(ctx, `UPDATE outbox SET last_error = $1,
		next_at = CASE WHEN next_at > $2 THEN next_at ELSE $2 END
		WHERE idempotency_key = $3 AND state = 'pending' AND lease_owner = $4 AND lease_until > $5`,
		marker, hold.UnixNano(), idempotencyKey, l.owner, now.UnixNano())
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrLeaseLost
	}
	return nil
}

// NextDue is when the worker should look again: the earliest moment a
// thread's oldest pending job is both due and free of any node's lease
// (zero when nothing is pending).
func (l *Leases) NextDue(ctx context.Context) (time.Time, error) {
	var n sql.NullInt64
	err := l.db.QueryRowContext(ctx, `SELECT MIN(CASE WHEN lease_until > next_at THEN lease_until ELSE next_at END)
		FROM outbox WHERE id IN (SELECT MIN(id) FROM outbox WHERE state = 'pending' GROUP BY thread_id)`).Scan(&n)
	if err != nil {
		return time.Time{}, err
	}
	return fromTS(n), nil
}
