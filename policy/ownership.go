package policy

import (
	"fmt"
	"strings"
)

// ThreadAct is one ownership or workflow step on a thread. The string
// values appear in the API's paths, in audit entries and in refusals.
type ThreadAct string

// The thread workflow: every one is decided by DecideThreadAct.
const (
	ActClaim    ThreadAct = "claim"     // take an unowned thread as one's own
	ActAssign   ThreadAct = "assign"    // give a thread to a named colleague (also "reassign")
	ActRelease  ThreadAct = "release"   // give a thread back to its queue
	ActClose    ThreadAct = "close"     // close with an outcome
	ActReopen   ThreadAct = "reopen"    // reopen a closed thread
	ActEscalate ThreadAct = "escalate"  // send to the supervisors with a reason
	ActReturn   ThreadAct = "return"    // a supervisor returns an escalation to the front desk
	ActTakeOver ThreadAct = "take_over" // a supervisor makes the thread their own, whoever held it
)

// ThreadActs lists every workflow step.
func ThreadActs() []ThreadAct {
	return []ThreadAct{ActClaim, ActAssign, ActRelease, ActClose, ActReopen, ActEscalate, ActReturn, ActTakeOver}
}

// ThreadFacts is what a workflow decision depends on, read from the
// thread. The store applies the step only if these facts still hold when
// it writes (a conditional UPDATE), so a decision cannot be raced.
type ThreadFacts struct {
	// State is "open", "clinical" (the nurses' queue) or "closed".
	State string
	// Escalated says the thread waits for a supervisor; ByClock says the
	// escalation came from an overdue hand-off rather than a person. The
	// supervisors are told, but a nurse who gets to it first may still
	// take it: the patient is served sooner.
	Escalated, ByClock bool
	// OwnerID is the owner's user id, "" when nobody owns it.
	OwnerID string
	// ActorID is the user asking.
	ActorID string
	// TargetRole is the role of the colleague an assign names.
	TargetRole Role
}

// ThreadDecision is the answer: allowed, or why not. Conflict marks a
// refusal caused by the thread's situation (already owned, already
// closed) rather than by the asker's role, so the API answers 409
// instead of 403.
type ThreadDecision struct {
	Allowed  bool
	Conflict bool
	Why      string
	// Rule names the matrix cell or workflow rule that decided, for the
	// audit entry.
	Rule string
}

func allow(rule string) ThreadDecision { return ThreadDecision{Allowed: true, Rule: rule} }

func refuse(r Role, a Action) ThreadDecision {
	return ThreadDecision{Why: Why(r, a), Rule: string(a)}
}

func conflict(rule, why string) ThreadDecision {
	return ThreadDecision{Conflict: true, Why: why, Rule: rule}
}

// DecideThreadAct decides whether role may take act on a thread in the
// situation f. It is the permission matrix applied to the workflow:
//   - anyone who answers patients claims, closes, reopens and escalates
//     front-desk threads; nurses and supervisors claim and close threads
//     in the nurses' queue; front desk cannot close a clinical thread;
//   - only supervisors assign threads to others, take a thread from its
//     owner, and work escalations (take over, reassign, return);
//   - a thread escalated by a person waits for a supervisor; one
//     escalated by an overdue hand-off may still be claimed by a nurse;
//   - a thread someone else owns is theirs: another user may not claim,
//     release or close it without a supervisor.
func DecideThreadAct(r Role, act ThreadAct, f ThreadFacts) ThreadDecision {
	if !Can(r, ActionViewThreads) {
		return refuse(r, ActionViewThreads)
	}
	closed, clinical := f.State == "closed", f.State == "clinical"
	if clinical && !Can(r, ActionViewClinicalThreads) {
		return refuse(r, ActionViewClinicalThreads)
	}
	ownedByOther := f.OwnerID != "" && f.OwnerID != f.ActorID
	switch act {
	case ActClaim:
		switch {
		case closed:
			return conflict("closed", "This thread is closed; reopen it before claiming it.")
		case f.Escalated && !f.ByClock && !Can(r, ActionWorkEscalations):
			return ThreadDecision{Why: "This thread is escalated and waits for a supervisor.", Rule: string(ActionWorkEscalations)}
		case clinical && !Can(r, ActionTakeClinicalHandoff):
			return refuse(r, ActionTakeClinicalHandoff)
		case !clinical && !Can(r, ActionClaimThread):
			return refuse(r, ActionClaimThread)
		case ownedByOther:
			return conflict("owned", "Someone else already owns this thread; a supervisor can reassign it.")
		}
		if clinical {
			return allow(string(ActionTakeClinicalHandoff))
		}
		return allow(string(ActionClaimThread))
	case ActTakeOver:
		if !Can(r, ActionAssignThread) {
			return refuse(r, ActionAssignThread)
		}
		if closed {
			return conflict("closed", "This thread is closed; reopen it before taking it over.")
		}
		return allow(string(ActionAssignThread))
	case ActAssign:
		if !Can(r, ActionAssignThread) {
			return refuse(r, ActionAssignThread)
		}
		if closed {
			return conflict("closed", "This thread is closed; reopen it before assigning it.")
		}
		need := ActionClaimThread
		if clinical {
			need = ActionTakeClinicalHandoff
		}
		if !Can(f.TargetRole, need) {
			if clinical {
				return ThreadDecision{Why: "This thread is in the nurses' queue; assign it to a nurse or a supervisor.", Rule: string(need)}
			}
			return ThreadDecision{Why: "That user cannot answer patients; assign the thread to front desk, a nurse or a supervisor.", Rule: string(need)}
		}
		return allow(string(ActionAssignThread))
	case ActRelease:
		switch {
		case f.OwnerID == "":
			return conflict("unowned", "Nobody owns this thread, so there is nothing to release.")
		case ownedByOther && !Can(r, ActionAssignThread):
			return ThreadDecision{Why: "Only the owner or a supervisor can release this thread.", Rule: string(ActionAssignThread)}
		}
		return allow("owner")
	case ActClose:
		switch {
		case closed:
			return conflict("closed", "This thread is already closed.")
		case clinical && !Can(r, ActionCloseClinical):
			return refuse(r, ActionCloseClinical)
		case !Can(r, ActionCloseThread):
			return refuse(r, ActionCloseThread)
		case ownedByOther && !Can(r, ActionAssignThread):
			return ThreadDecision{Why: "Someone else owns this thread; they or a supervisor can close it.", Rule: string(ActionAssignThread)}
		}
		if clinical {
			return allow(string(ActionCloseClinical))
		}
		return allow(string(ActionCloseThread))
	case ActReopen:
		if !Can(r, ActionReopenThread) {
			return refuse(r, ActionReopenThread)
		}
		if !closed {
			return conflict("not_closed", "This thread is not closed.")
		}
		return allow(string(ActionReopenThread))
	case ActEscalate:
		switch {
		case !Can(r, ActionEscalate):
			return refuse(r, ActionEscalate)
		case closed:
			return conflict("closed", "This thread is closed; reopen it before escalating it.")
		case f.Escalated:
			return conflict("escalated", "This thread is already escalated.")
		}
		return allow(string(ActionEscalate))
	case ActReturn:
		if !Can(r, ActionWorkEscalations) {
			return refuse(r, ActionWorkEscalations)
		}
		if !f.Escalated {
			return conflict("not_escalated", "This thread is not escalated.")
		}
		return allow(string(ActionWorkEscalations))
	}
	return ThreadDecision{Why: fmt.Sprintf("The console does not know the step %q.", string(act)), Rule: "unknown"}
}

// ParseThreadAct reads a workflow step's name.
func ParseThreadAct(s string) (ThreadAct, bool) {
	for _, a := range ThreadActs() {
		if string(a) == s {
			return a, true
		}
	}
	return "", false
}

// Outcome is why a thread was closed: a fixed word, so closing never
// stores free text, and reports can count outcomes.
type Outcome string

// The outcomes a thread closes with.
const (
	OutcomeAnswered       Outcome = "answered"
	OutcomeBooked         Outcome = "appointment_booked"
	OutcomePortal         Outcome = "moved_to_portal"
	OutcomeClinicalAdvice Outcome = "clinical_advice_given"
	OutcomeReferred       Outcome = "referred"
	OutcomeNoReplyNeeded  Outcome = "no_reply_needed"
	OutcomeUnreachable    Outcome = "patient_unreachable"
	OutcomeDuplicate      Outcome = "duplicate"
)

// Outcomes lists every close outcome in the order the console offers them.
func Outcomes() []Outcome {
	return []Outcome{OutcomeAnswered, OutcomeBooked, OutcomePortal, OutcomeClinicalAdvice, OutcomeReferred,
		OutcomeNoReplyNeeded, OutcomeUnreachable, OutcomeDuplicate}
}

// ParseOutcome reads an outcome; anything else is an error that lists
// the choices.
func ParseOutcome(s string) (Outcome, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	for _, o := range Outcomes() {
		if string(o) == k {
			return o, nil
		}
	}
	names := make([]string, 0, len(Outcomes()))
	for _, o := range Outcomes() {
		names = append(names, string(o))
	}
	return "", fmt.Errorf("outcome must be one of %s", strings.Join(names, ", "))
}

// MaxHandoffNote and MaxEscalationReason bound the short notes staff
// write on a hand-off or escalation: a note, not a chart entry.
const (
	MaxHandoffNote      = 500
	MaxEscalationReason = 500
)
