package records

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// PolicyAcks keeps users' acknowledgments of the clinic's messaging
// policy (the signer's typed name stays sealed).
type PolicyAcks struct{}

// Latest is the user's newest acknowledgment, nil when none.
func (PolicyAcks) Latest(ctx context.Context, q Querier, userID string) (*AckRow, error) {
	var (
		r  AckRow
		at int64
	)
	err := q.QueryRowContext(ctx, `SELECT id, policy_version, policy_sha256, at FROM policy_acks WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT 1`, userID).
		Scan(&r.ID, &r.Version, &r.SHA256, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	r.At = time.Unix(0, at).UTC()
	return &r, nil
}

// Current is the user's newest acknowledgment of the policy text with
// this hash made after since, nil when none.
func (PolicyAcks) Current(ctx context.Context, q Querier, userID, sha256 string, since time.Time) (*AckRow, error) {
	var (
		r  AckRow
		at int64
	)
	err := q.QueryRowContext(ctx, `SELECT id, policy_version, policy_sha256, at FROM policy_acks
		WHERE user_id = ? AND policy_sha256 = ? AND at > ? ORDER BY at DESC LIMIT 1`,
		userID, sha256, since.UnixNano()).Scan(&r.ID, &r.Version, &r.SHA256, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	r.At = time.Unix(0, at).UTC()
	return &r, nil
}

func (PolicyAcks) Insert(ctx context.Context, q Querier, id, userID, version, sha256, consoleID string, nameSealed []byte, at time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO policy_acks (id, user_id, policy_version, policy_sha256, name_sealed, console_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		id, userID, version, sha256, nameSealed, consoleID, at.UnixNano())
	return err
}

// Between lists every acknowledgment made in [from, to), oldest first.
func (PolicyAcks) Between(ctx context.Context, q Querier, from, to time.Time) ([]AckRecord, error) {
	rows, err := q.QueryContext(ctx, `SELECT u.username, u.role, a.policy_version, a.policy_sha256, a.at FROM policy_acks a
		JOIN users u ON u.id = a.user_id WHERE a.at >= ? AND a.at < ? ORDER BY a.at, a.id`, from.UnixNano(), to.UnixNano())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []AckRecord{}
	for rows.Next() {
		var (
			r  AckRecord
			at int64
		)
		if err := rows.Scan(&r.Username, &r.Role, &r.Version, &r.SHA256, &at); err != nil {
			return nil, err
		}
		r.At = time.Unix(0, at).UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}
