package records

import (
	"context"
	"time"
)

// Escalations holds the overdue hand-off sweep's statements.
type Escalations struct{}

// overdueHandoff is a hand-off past its deadline: the thread and the
// deadline (unix ns) it was found with.
type overdueHandoff struct {
	ThreadID string
	DueAt    int64
}

// Overdue lists the hand-offs past their deadline at now that are not
// escalated and that no person has answered since they were handed off.
func (Escalations) Overdue(ctx context.Context, q Querier, now time.Time) ([]overdueHandoff, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, handoff_due_at FROM threads
		WHERE handoff_due_at IS NOT NULL AND sla_escalated_at IS NULL AND escalated_at IS NULL AND state = 'clinical'
		AND handoff_due_at <= ? AND last_reply_at <= COALESCE(handoff_at, 0)`, now.UnixNano())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []overdueHandoff
	for rows.Next() {
		var d overdueHandoff
		if err := rows.Scan(&d.ThreadID, &d.DueAt); err != nil {
			return nil, err
		}
		list = append(list, d)
	}
	return list, rows.Err()
}

// Escalate escalates d by the clock at now, on the condition that it
// is still what the sweep found: clinical, not escalated, this hand-off
// not yet escalated for its clock, the same deadline, still unanswered.
// escalated is false when the row had changed (another sweep, another
// server, a nurse's reply), so the hand-off escalates exactly once.
func (Escalations) Escalate(ctx context.Context, q Querier, d overdueHandoff, now time.Time) (escalated bool, err error) {
	res, err := q.ExecContext(ctx, `UPDATE threads SET escalated_at = ?1, sla_escalated_at = ?1, escalated_by = 'system',
		escalation_kind = 'sla', escalation_reason_sealed = NULL, escalation_masked_sealed = NULL
		WHERE id = ?2 AND state = 'clinical' AND escalated_at IS NULL AND sla_escalated_at IS NULL AND handoff_due_at = ?3
		AND last_reply_at <= COALESCE(handoff_at, 0)`, now.UnixNano(), d.ThreadID, d.DueAt)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}
