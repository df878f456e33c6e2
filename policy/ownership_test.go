package policy

import "testing"

// TestThreadWorkflowMatrix writes the workflow rules out case by case:
// who may claim, assign, release, close, reopen, escalate, return and
// take over, in which situation, and whether a refusal is the role's
// (403) or the thread's (409).
func TestThreadWorkflowMatrix(t *testing.T) {
	const me, other = "u-me", "u-other"
	open := ThreadFacts{State: "open", ActorID: me}
	openOwned := ThreadFacts{State: "open", ActorID: me, OwnerID: other}
	openMine := ThreadFacts{State: "open", ActorID: me, OwnerID: me}
	clinical := ThreadFacts{State: "clinical", ActorID: me}
	clinicalOwned := ThreadFacts{State: "clinical", ActorID: me, OwnerID: other}
	escalated := ThreadFacts{State: "open", ActorID: me, Escalated: true}
	escalatedClinical := ThreadFacts{State: "clinical", ActorID: me, Escalated: true}
	closed := ThreadFacts{State: "closed", ActorID: me}
	overdue := ThreadFacts{State: "clinical", ActorID: me, Escalated: true, ByClock: true}
	assignTo := func(f ThreadFacts, r Role) ThreadFacts { f.TargetRole = r; return f }

	type want int
	const (
		ok   want = iota
		deny      // 403: the role may not
		busy      // 409: the thread's situation
	)
	cases := []struct {
		role Role
		act  ThreadAct
		f    ThreadFacts
		want want
	}{
		// Claim.
		{RoleFrontDesk, ActClaim, open, ok},
		{RoleFrontDesk, ActClaim, openMine, ok},
		{RoleFrontDesk, ActClaim, openOwned, busy},
		{RoleFrontDesk, ActClaim, clinical, deny},
		{RoleFrontDesk, ActClaim, escalated, deny},
		{RoleFrontDesk, ActClaim, closed, busy},
		{RoleNurse, ActClaim, clinical, ok},
		{RoleNurse, ActClaim, clinicalOwned, busy},
		{RoleNurse, ActClaim, open, ok},
		{RoleNurse, ActClaim, escalatedClinical, deny},
		{RoleNurse, ActClaim, overdue, ok},
		{RoleFrontDesk, ActClaim, overdue, deny},
		{RoleSupervisor, ActClaim, escalated, ok},
		{RoleSupervisor, ActClaim, clinical, ok},
		{RoleAdmin, ActClaim, open, deny},
		// Assign: supervisors only, to someone who can work the queue.
		{RoleFrontDesk, ActAssign, assignTo(open, RoleNurse), deny},
		{RoleNurse, ActAssign, assignTo(clinical, RoleNurse), deny},
		{RoleSupervisor, ActAssign, assignTo(open, RoleFrontDesk), ok},
		{RoleSupervisor, ActAssign, assignTo(openOwned, RoleFrontDesk), ok},
		{RoleSupervisor, ActAssign, assignTo(clinical, RoleNurse), ok},
		{RoleSupervisor, ActAssign, assignTo(clinical, RoleFrontDesk), deny},
		{RoleSupervisor, ActAssign, assignTo(open, RoleAdmin), deny},
		{RoleSupervisor, ActAssign, assignTo(closed, RoleNurse), busy},
		// Release: the owner, or a supervisor.
		{RoleFrontDesk, ActRelease, openMine, ok},
		{RoleFrontDesk, ActRelease, openOwned, deny},
		{RoleFrontDesk, ActRelease, open, busy},
		{RoleNurse, ActRelease, clinicalOwned, deny},
		{RoleSupervisor, ActRelease, clinicalOwned, ok},
		// Close: front desk never closes a clinical thread.
		{RoleFrontDesk, ActClose, open, ok},
		{RoleFrontDesk, ActClose, openMine, ok},
		{RoleFrontDesk, ActClose, openOwned, deny},
		{RoleFrontDesk, ActClose, clinical, deny},
		{RoleFrontDesk, ActClose, closed, busy},
		{RoleNurse, ActClose, clinical, ok},
		{RoleNurse, ActClose, clinicalOwned, deny},
		{RoleSupervisor, ActClose, clinicalOwned, ok},
		{RoleAdmin, ActClose, open, deny},
		// Reopen.
		{RoleFrontDesk, ActReopen, closed, ok},
		{RoleFrontDesk, ActReopen, open, busy},
		{RoleAdmin, ActReopen, closed, deny},
		// Escalate.
		{RoleFrontDesk, ActEscalate, open, ok},
		{RoleFrontDesk, ActEscalate, escalated, busy},
		{RoleFrontDesk, ActEscalate, closed, busy},
		{RoleNurse, ActEscalate, clinical, ok},
		// Return to the front desk and take over: supervisors.
		{RoleFrontDesk, ActReturn, escalated, deny},
		{RoleNurse, ActReturn, escalatedClinical, deny},
		{RoleSupervisor, ActReturn, escalatedClinical, ok},
		{RoleSupervisor, ActReturn, open, busy},
		{RoleNurse, ActTakeOver, clinicalOwned, deny},
		{RoleSupervisor, ActTakeOver, clinicalOwned, ok},
		{RoleSupervisor, ActTakeOver, closed, busy},
		// Unknown.
		{RoleSupervisor, ThreadAct("delete"), open, deny},
	}
	for _, c := range cases {
		d := DecideThreadAct(c.role, c.act, c.f)
		got := ok
		switch {
		case d.Allowed:
		case d.Conflict:
			got = busy
		default:
			got = deny
		}
		if got != c.want {
			t.Errorf("%s %s on %+v: allowed=%v conflict=%v why=%q, want %d", c.role, c.act, c.f, d.Allowed, d.Conflict, d.Why, c.want)
		}
		if !d.Allowed && (d.Why == "" || d.Why[len(d.Why)-1] != '.') {
			t.Errorf("%s %s: refusal %q is not a plain sentence", c.role, c.act, d.Why)
		}
		if d.Rule == "" {
			t.Errorf("%s %s: no rule named for the audit", c.role, c.act)
		}
	}
}

func TestOutcomes(t *testing.T) {
	for _, o := range Outcomes() {
		if got, err := ParseOutcome(" " + string(o) + " "); err != nil || got != o {
			t.Errorf("ParseOutcome(%q) = %q, %v", o, got, err)
		}
	}
	if _, err := ParseOutcome("fixed it"); err == nil {
		t.Fatal("free text accepted as an outcome")
	}
}
