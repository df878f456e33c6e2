package records

import (
	"context"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/api"
)

// Reveals keeps the record of who revealed a masked message, and why.
type Reveals struct{}

// revealRow is one reveal as stored: its reason still sealed.
type revealRow struct {
	api.RevealRecord
	ReasonSealed []byte
}

func (Reveals) Insert(ctx context.Context, q Querier, id, userID, role, consoleID, threadID, messageID string, reasonSealed []byte, at, expires time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO reveals (id, user_id, role, console_id, thread_id, message_id, reason_sealed, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, userID, role, consoleID, threadID, messageID, reasonSealed, at.UnixNano(), expires.UnixNano())
	return err
}

// List is the newest limit reveals, of username's only when it is not
// empty.
func (Reveals) List(ctx context.Context, q Querier, username string, limit int) ([]revealRow, error) {
	query := `SELECT r.id, r.user_id, u.username, r.role, r.console_id, r.thread_id, r.message_id, r.reason_sealed, r.created_at, r.expires_at
		FROM reveals r JOIN users u ON u.id = r.user_id`
	args := []any{}
	if username != "" {
		query += ` WHERE u.username = ?`
		args = append(args, strings.ToLower(strings.TrimSpace(username)))
	}
	query += ` ORDER BY r.created_at DESC, r.id LIMIT ?`
	args = append(args, limit)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []revealRow
	for rows.Next() {
		var (
			r            revealRow
			created, exp int64
		)
		if err := rows.Scan(&r.ID, &r.UserID, &r.Username, &r.Role, &r.ConsoleID, &r.ThreadID, &r.MessageID, &r.ReasonSealed, &created, &exp); err != nil {
			return nil, err
		}
		r.At, r.ExpiresAt = time.Unix(0, created).UTC(), time.Unix(0, exp).UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}

// Between lists the reveals made in [from, to), oldest first.
func (Reveals) Between(ctx context.Context, q Querier, from, to time.Time) ([]revealRow, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, user_id, thread_id, message_id, reason_sealed, created_at FROM reveals
		WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id`, from.UnixNano(), to.UnixNano())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []revealRow
	for rows.Next() {
		var (
			r  revealRow
			at int64
		)
		if err := rows.Scan(&r.ID, &r.UserID, &r.ThreadID, &r.MessageID, &r.ReasonSealed, &at); err != nil {
			return nil, err
		}
		r.At = time.Unix(0, at).UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}
