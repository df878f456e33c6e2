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
	return queryIDs(ctx, q, `SELECT id FROM threads WHERE state = ? AND COALESCE(handoff_at, 0) >= ?`,
		string(api.ThreadClinical), since)
}
