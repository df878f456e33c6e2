package signin

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/clinicwa/triage/store/auth"
	"github.com/clinicwa/triage/store/central/storage"
)

// Counter is one failed-sign-in count: an account's, kept in its
// users row, or a source address's or unknown username's, kept in
// signin_throttle.
//
// Every attempt is charged to its counters BEFORE its password is
// hashed, by one conditional UPDATE that refuses once the count (failures
// plus attempts still in flight) has reached the policy's limit. So
// however many attempts arrive at once, at most MaxFailures of them are
// ever checked before the lock, and the decision never rests on a value
// read earlier. A success settles its charge (an account forgets all; a
// source gives back one); a failure leaves it, and the failure that
// finds the count at the limit starts the lock.
type Counter struct {
	userID string // the account's row, or
	key    string // a signin_throttle key
	policy auth.LockoutPolicy
}

// AccountCounter counts an account's attempts, in its users row, under
// the account policy.
func AccountCounter(userID string) Counter {
	return Counter{userID: userID, policy: auth.UserLockout.Limits()}
}

// SourceCounter counts a source address's attempts under the source
// policy.
func SourceCounter(source string) Counter {
	return Counter{key: "src:" + source, policy: auth.SourceLockout.Limits()}
}

// UnknownNameCounter counts attempts at a username that matches no
// account under the account policy, keyed by a keyed hash of the name (it
// may be a password typed into the wrong field).
func UnknownNameCounter(hashedName string) Counter {
	return Counter{key: "name:" + hashedName, policy: auth.UserLockout.Limits()}
}

// Name names c among the password checks running at once (HashGate):
// the account's id, or the unknown name's key.
func (c Counter) Name() string { return c.userID + c.key }

// table, key column and count column of c's row.
func (c Counter) where() (table, idCol, failCol, id string) {
	if c.userID != "" {
		return "users", "id", "failed_logins", c.userID
	}
	return "signin_throttle", "key", "failures", c.key
}

// State reads c's current lockout state (zero when it has no row).
func (c Counter) State(ctx context.Context, q storage.Querier) (auth.LockoutState, error) {
	table, idCol, failCol, id := c.where()
	var fails, lockouts int
	var last, locked int64
	err := q.QueryRowContext(ctx, `SELECT `+failCol+`, last_failed_at, locked_until, lockouts FROM `+table+` WHERE `+idCol+` = ?`, id).
		Scan(&fails, &last, &locked, &lockouts)
	if errors.Is(err, sql.ErrNoRows) {
		return auth.LockoutState{}, nil
	}
	if err != nil {
		return auth.LockoutState{}, err
	}
	return auth.LockoutState{Failures: fails, LastFailure: tsOrZero(last), LockedUntil: tsOrZero(locked), Lockouts: lockouts}, nil
}

// Charge counts one attempt at now. It reports false, changing nothing,
// when c is locked or its count (in-flight attempts included) is at the
// limit: the attempt must then be refused without hashing anything. A
// count whose last failure is older than the policy's window starts
// again at one.
func (c Counter) Charge(ctx context.Context, q storage.Querier, now time.Time) (bool, error) {
	table, idCol, failCol, id := c.where()
	n, windowStart := now.UnixNano(), now.Add(-c.policy.FailureWindow).UnixNano()
	var res sql.Result
	var err error
	if c.userID != "" {
		res, err = q.ExecContext(ctx, `UPDATE users SET
			failed_logins = CASE WHEN last_failed_at <= ? THEN 1 ELSE failed_logins + 1 END,
			last_failed_at = ?
			WHERE id = ? AND locked_until <= ? AND (failed_logins < ? OR last_failed_at <= ?)`,
			windowStart, n, id, n, c.policy.MaxFailures, windowStart)
	} else {
		// The stored row's columns are named with the table: PostgreSQL
		// finds a bare name ambiguous beside excluded's.
		t := table + "."
		res, err = q.ExecContext(ctx, `INSERT INTO `+table+` (`+idCol+`, `+failCol+`, last_failed_at) VALUES (?, 1, ?)
			ON CONFLICT(`+idCol+`) DO UPDATE SET
			`+failCol+` = CASE WHEN `+t+`last_failed_at <= ? THEN 1 ELSE `+t+failCol+` + 1 END,
			last_failed_at = excluded.last_failed_at
			WHERE `+t+`locked_until <= ? AND (`+t+failCol+` < ? OR `+t+`last_failed_at <= ?)`,
			id, n, windowStart, n, c.policy.MaxFailures, windowStart)
	}
	if err != nil {
		return false, err
	}
	rows, err := res.RowsAffected()
	return rows == 1, err
}

// Succeed settles a charged attempt that proved the password (and
// second factor). An account forgets its failures and its doubling, but
// only if no lock began while the attempt was being checked: false means
// one did, and the sign-in must be refused. A source gives back only this
// attempt's charge, so one valid account cannot clear a guesser's count.
func (c Counter) Succeed(ctx context.Context, q storage.Querier, now time.Time) (bool, error) {
	if c.userID == "" {
		return true, c.Refund(ctx, q)
	}
	res, err := q.ExecContext(ctx, `UPDATE users SET failed_logins = 0, last_failed_at = 0, locked_until = 0, lockouts = 0
		WHERE id = ? AND locked_until <= ?`, c.userID, now.UnixNano())
	if err != nil {
		return false, err
	}
	rows, err := res.RowsAffected()
	return rows == 1, err
}

// Refund gives back one charge: the attempt was never checked for a
// reason that is not the caller's doing (the server was too busy).
func (c Counter) Refund(ctx context.Context, q storage.Querier) error {
	table, idCol, failCol, id := c.where()
	_, err := q.ExecContext(ctx, `UPDATE `+table+` SET `+failCol+` = MAX(`+failCol+` - 1, 0) WHERE `+idCol+` = ?`, id)
	return err
}

// LockIfDue starts c's lock when its count has reached the limit and it
// is not locked already; it returns the state after. Attempts still in
// flight count, so the failure that finds the count full locks at once.
// With grace > 0 (a caller whose own attempt was refused, not failed) the
// lock starts only if the latest charge is older than grace: younger ones
// may still be checking, and one of them may be the right password.
// The UPDATE is a compare-and-swap on what was read, so two failures
// finishing together start one lock, not two.
func (c Counter) LockIfDue(ctx context.Context, q storage.Querier, now time.Time, grace time.Duration) (auth.LockoutState, bool, error) {
	st, err := c.State(ctx, q)
	if err != nil {
		return st, false, err
	}
	if now.Before(st.LockedUntil) || st.Failures < c.policy.MaxFailures ||
		now.Sub(st.LastFailure) >= c.policy.FailureWindow || now.Sub(st.LastFailure) < grace {
		return st, false, nil
	}
	next := c.policy.Lock(st, now)
	table, idCol, failCol, id := c.where()
	res, err := q.ExecContext(ctx, `UPDATE `+table+` SET `+failCol+` = 0, locked_until = ?, lockouts = ?
		WHERE `+idCol+` = ? AND `+failCol+` >= ? AND locked_until = ? AND lockouts = ?`,
		next.LockedUntil.UnixNano(), next.Lockouts, id, c.policy.MaxFailures, unixOrZero(st.LockedUntil), st.Lockouts)
	if err != nil {
		return st, false, err
	}
	if rows, err := res.RowsAffected(); err != nil || rows == 0 {
		// Another attempt locked it first: read what it set.
		st, err2 := c.State(ctx, q)
		if err == nil {
			err = err2
		}
		return st, false, err
	}
	return next, true, nil
}

// PruneThrottle drops counters with nothing left to remember:
// unlocked, their failures out of the window and their doubling
// forgotten. Guesses from many addresses or at many names would
// otherwise grow the table without bound.
func PruneThrottle(ctx context.Context, q storage.Querier, now time.Time) error {
	window := max(auth.UserLockout.Limits().FailureWindow, auth.SourceLockout.Limits().FailureWindow)
	forget := max(auth.UserLockout.Limits().Forget, auth.SourceLockout.Limits().Forget)
	_, err := q.ExecContext(ctx, `DELETE FROM signin_throttle WHERE locked_until <= ? AND last_failed_at <= ?`,
		now.Add(-forget).UnixNano(), now.Add(-window).UnixNano())
	return err
}

func tsOrZero(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}
