package central

import (
	"context"

	"github.com/clinicwa/triage/store/api"
)

// sqlThreadStates holds the event hub's reads of thread states.
type sqlThreadStates struct{}

// clinicalSince lists the threads in the nurses' queue handed off at or
// after since (unix ns).
func (sqlThreadStates) clinicalSince(ctx context.Context, q Querier, since int64) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM threads WHERE state = ? AND COALESCE(handoff_at, 0) >= ?`,
		string(api.ThreadClinical), since)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
