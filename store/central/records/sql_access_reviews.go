package records

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/central/auditlog"
)

// AccessReviews holds the quarterly access review's reads and its
// record of completed reviews.
type AccessReviews struct{}

// LastAudit is the time of the newest entry of the server's chain with
// this action and outcome, by userID or on object (whichever is given).
func (AccessReviews) LastAudit(ctx context.Context, q Querier, userID, action, outcome, object string) (time.Time, error) {
	query := `SELECT MAX(at_ns) FROM audit WHERE console_id = ? AND action = ? AND outcome = ?`
	args := []any{auditlog.ServerChain, action, outcome}
	if userID != "" {
		query += ` AND user_id = ?`
		args = append(args, userID)
	}
	if object != "" {
		query += ` AND object = ?`
		args = append(args, object)
	}
	var ns sql.NullInt64
	if err := q.QueryRowContext(ctx, query, args...).Scan(&ns); err != nil {
		return time.Time{}, err
	}
	return fromTS(ns), nil
}

// SignInFailures counts the refused sign-ins of userID in [from, to),
// and those that locked the account.
func (AccessReviews) SignInFailures(ctx context.Context, q Querier, userID string, from, to time.Time) (lockouts, failures int, err error) {
	// ",locked_now" marks the failure that locked the account; the
	// source's own lock is ",source_locked_now" and does not match it.
	// CASE, not SUM over the LIKE itself: PostgreSQL does not sum booleans.
	err = q.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN detail LIKE '%,locked_now%' THEN 1 ELSE 0 END), 0)
		FROM audit WHERE console_id = ? AND user_id = ? AND action = 'login' AND outcome = 'refused' AND at_ns >= ? AND at_ns < ?`,
		auditlog.ServerChain, userID, from.UnixNano(), to.UnixNano()).Scan(&failures, &lockouts)
	return lockouts, failures, err
}

// LastReview is the newest recorded access review, nil when none.
func (AccessReviews) LastReview(ctx context.Context, q Querier) (*ReviewRecord, error) {
	var (
		r       ReviewRecord
		at, due int64
	)
	err := q.QueryRowContext(ctx, `SELECT r.id, u.username, r.note, r.accounts, r.findings, r.at, r.next_due
		FROM access_reviews r JOIN users u ON u.id = r.reviewer_id ORDER BY r.at DESC, r.id DESC LIMIT 1`).
		Scan(&r.ID, &r.Reviewer, &r.Note, &r.Accounts, &r.Findings, &at, &due)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	r.At, r.NextDue = time.Unix(0, at).UTC(), time.Unix(0, due).UTC()
	return &r, nil
}

func (AccessReviews) Insert(ctx context.Context, q Querier, rec ReviewRecord, reviewerID, note string, now time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO access_reviews (id, reviewer_id, note, accounts, findings, at, next_due) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		rec.ID, reviewerID, note, rec.Accounts, rec.Findings, now.UnixNano(), rec.NextDue.UnixNano())
	return err
}

// Usernames is every account's username, lower-cased.
func (AccessReviews) Usernames(ctx context.Context, q Querier) (map[string]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT username FROM users`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	users := map[string]bool{}
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return nil, err
		}
		users[strings.ToLower(u)] = true
	}
	return users, rows.Err()
}
