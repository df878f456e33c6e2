package records

import (
	"context"

	"github.com/clinicwa/triage/store/api"
)

// ThreadStates holds the event hub's reads of thread states.
type ThreadStates struct{}

// ClinicalSince lists the threads in the nurses' queue handed off at or
// after since (unix ns).
func (ThreadStates) ClinicalSince(ctx context.Context, q Querier, since int64) ([]string, error) {
	return QueryIDs(ctx, q, `SELECT id FROM threads WHERE state = ? AND COALESCE(handoff_at, 0) >= ?`,
		string(api.ThreadClinical), since)
}
