package records

import (
	"context"
	"database/sql"
	"time"
)

// Sends holds the statements about outbound sends that read or write
// no sealed column (Messages holds those that do).
type Sends struct{}

// NoteWaiting says on an unsent message why its send is waiting, without
// moving its status.
func (Sends) NoteWaiting(ctx context.Context, q Querier, messageID, reason string) error {
	_, err := q.ExecContext(ctx, `UPDATE messages SET error = ? WHERE id = ? AND status_rank <= 0`, reason, messageID)
	return err
}

// LastMacroSend is when the quick reply macroID last went to the thread
// at or after since; ok is false when it did not.
func (Sends) LastMacroSend(ctx context.Context, q Querier, threadID, macroID string, since time.Time) (at time.Time, ok bool, err error) {
	var last sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT MAX(at) FROM messages WHERE thread_id = ? AND direction = 'out' AND macro_id = ? AND at >= ?`,
		threadID, macroID, since.UnixNano()).Scan(&last); err != nil {
		return time.Time{}, false, err
	}
	if !last.Valid {
		return time.Time{}, false, nil
	}
	return time.Unix(0, last.Int64), true, nil
}
