package records

import (
	"context"
	"database/sql"
	"time"
)

// Urgent keeps the urgent marks: one row per urgent patient message,
// and the thread's mark (threads.urgent_at) while it stands.
type Urgent struct{}

// Mark records m as urgent; marked is false when it was marked before
// (a redelivered webhook), decided by the primary key.
func (Urgent) Mark(ctx context.Context, q Querier, messageID, threadID, categories, lang string, at time.Time) (marked bool, err error) {
	res, err := q.ExecContext(ctx, `INSERT INTO urgent_messages (message_id, thread_id, categories, lang, at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, messageID, threadID, categories, lang, at.UnixNano())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// MarkThread puts the urgent mark on the thread unless it holds one.
func (Urgent) MarkThread(ctx context.Context, q Querier, threadID string, at time.Time) error {
	_, err := q.ExecContext(ctx, `UPDATE threads SET urgent_at = ? WHERE id = ? AND urgent_at IS NULL`, at.UnixNano(), threadID)
	return err
}

// SetReply records the safety reply sent for the urgent message.
func (Urgent) SetReply(ctx context.Context, q Querier, messageID, replyID string) error {
	_, err := q.ExecContext(ctx, `UPDATE urgent_messages SET reply_id = ? WHERE message_id = ?`, replyID, messageID)
	return err
}

// ThreadMarks is when each marked thread was marked.
func (Urgent) ThreadMarks(ctx context.Context, q Querier) (map[string]time.Time, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, urgent_at FROM threads WHERE urgent_at IS NOT NULL`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	marks := map[string]time.Time{}
	for rows.Next() {
		var (
			id string
			at int64
		)
		if err := rows.Scan(&id, &at); err != nil {
			return nil, err
		}
		marks[id] = time.Unix(0, at).UTC()
	}
	return marks, rows.Err()
}

// ThreadMark is when the thread was marked; ok is false when it is not.
func (Urgent) ThreadMark(ctx context.Context, q Querier, threadID string) (at time.Time, ok bool, err error) {
	var ns sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT urgent_at FROM threads WHERE id = ?`, threadID).Scan(&ns); err != nil {
		return time.Time{}, false, err
	}
	if !ns.Valid {
		return time.Time{}, false, nil
	}
	return time.Unix(0, ns.Int64).UTC(), true, nil
}
