package records

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/clinicwa/triage/policy"
)

// ThreadWorkflow holds the workflow's changes to a thread: the steps
// (claim, assign, close, escalate, …) and the hand-off's SLA clock.
type ThreadWorkflow struct{}

// Facts reads what a workflow decision depends on; found is false when
// there is no such thread. The step's UPDATE (act) repeats these facts
// in its WHERE clause, so if any changed between this read and the write
// (a colleague claimed the thread first), the write changes no row and
// the step is refused: the decision and the write are one atomic step,
// never read-then-write.
func (ThreadWorkflow) Facts(ctx context.Context, q Querier, threadID string) (f policy.ThreadFacts, found bool, err error) {
	var (
		owner     sql.NullString
		escalated bool
	)
	err = q.QueryRowContext(ctx, `SELECT state, owner_id, escalated_at IS NOT NULL, COALESCE(escalation_kind, '') = 'sla' FROM threads WHERE id = ?`, threadID).
		Scan(&f.State, &owner, &escalated, &f.ByClock)
	if errors.Is(err, sql.ErrNoRows) {
		return f, false, nil
	}
	f.OwnerID, f.Escalated = owner.String, escalated
	return f, err == nil, err
}

// factsHold is the WHERE clause that makes a step conditional on the
// facts it was decided on, and its arguments after the thread id.
func factsHold(f policy.ThreadFacts) (string, []any) {
	var owner any
	if f.OwnerID != "" {
		owner = f.OwnerID
	}
	// (? = 1): the flag arrives as 0/1, which PostgreSQL compares with a
	// boolean only once it is one.
	return ` AND state = ? AND (escalated_at IS NOT NULL) = (? = 1) AND owner_id IS ?`, []any{f.State, f.Escalated, owner}
}

// actUpdate is each step's change to the thread. ?1 is the actor, ?2 the
// time, ?3 the step's value (the new owner, the outcome, the sealed
// reason), ?4 the masked reason.
var actUpdate = map[policy.ThreadAct]string{
	policy.ActClaim:    `owner_id = ?1, owner_at = ?2` + settleEscalation,
	policy.ActTakeOver: `owner_id = ?1, owner_at = ?2` + settleEscalation,
	policy.ActAssign:   `owner_id = ?3, owner_at = ?2` + settleEscalation,
	policy.ActRelease:  `owner_id = NULL, owner_at = NULL`,
	policy.ActClose: `state = 'closed', owner_id = NULL, owner_at = NULL, handoff_due_at = NULL,
		closed_outcome = ?3, closed_by = ?1, closed_at = ?2` + settleEscalation,
	policy.ActReopen: `state = 'open', closed_outcome = NULL`,
	policy.ActEscalate: `escalated_at = ?2, escalated_by = ?1, escalation_kind = 'manual',
		escalation_reason_sealed = ?3, escalation_masked_sealed = ?4`,
	// Returned to the front desk: out of the nurses' queue, unowned, the
	// hand-off's clock stopped.
	policy.ActReturn: `state = 'open', owner_id = NULL, owner_at = NULL, handoff_due_at = NULL` + settleEscalation,
}

// settleEscalation clears an escalation: a supervisor who takes a thread,
// gives it to someone, returns or closes it has settled it.
const settleEscalation = `, escalated_at = NULL, escalated_by = NULL, escalation_kind = NULL,
	escalation_reason_sealed = NULL, escalation_masked_sealed = NULL`

// Act applies the step to the thread by actor at at, with the step's
// value and masked reason (see actUpdate), on the condition that the
// facts it was decided on still hold; changed is false when they no
// longer do and no row was written.
func (ThreadWorkflow) Act(ctx context.Context, q Querier, threadID string, step policy.ThreadAct, facts policy.ThreadFacts,
	actor string, at time.Time, value, masked any) (changed bool, err error) {
	cond, condArgs := factsHold(facts)
	args := append([]any{actor, at.UnixNano(), value, masked, threadID}, condArgs...)
	res, err := q.ExecContext(ctx, `UPDATE threads SET `+actUpdate[step]+` WHERE id = ?5`+cond, args...)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// StartHandoffClock starts a new hand-off's SLA in the nurses' queue,
// due at due: unowned, not escalated.
func (ThreadWorkflow) StartHandoffClock(ctx context.Context, q Querier, threadID string, due time.Time) error {
	_, err := q.ExecContext(ctx, `UPDATE threads SET handoff_due_at = ?, sla_escalated_at = NULL, owner_id = NULL, owner_at = NULL`+settleEscalation+` WHERE id = ?`,
		due.UnixNano(), threadID)
	return err
}
