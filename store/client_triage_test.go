package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/api"
)

// TestClientDrivesTheTriageWorkflow: the console's client API, against a
// real central endpoint, takes a thread from Unanswered through a claim
// and a hand-off to a supervisor who escalates, lists, takes over and
// closes it; refusals come back as 403 / 409 the console can tell apart.
func TestClientDrivesTheTriageWorkflow(t *testing.T) {
	e := newCentral(t)
	ctx := context.Background()
	id := e.patientWrites("Can someone look at my test results?")

	desk := e.client(t.TempDir())
	if _, err := desk.Login(ctx, "desk", passwords["desk"], ""); err != nil {
		t.Fatal(err)
	}
	boss := e.client(t.TempDir())
	if _, err := boss.Login(ctx, "boss", passwords["boss"], ""); err != nil {
		t.Fatal(err)
	}
	acknowledgePolicy(t, desk)
	acknowledgePolicy(t, boss)

	page, err := desk.Inbox(ctx, api.InboxFilter{Queue: api.QueueUnanswered, Search: "results"}, "", 50)
	if err != nil || len(page.Threads) != 1 || page.Threads[0].ID != id || page.Queues[api.QueueUnanswered] != 1 {
		t.Fatalf("unanswered search: %v %+v", err, page)
	}
	next, err := desk.Next(ctx, api.NextRequest{Claim: true})
	if err != nil || next.Thread == nil || next.Thread.ID != id || !next.Claimed || next.Thread.Owner != "desk" {
		t.Fatalf("next: %v %+v", err, next)
	}
	if counts, err := desk.QueueCounts(ctx); err != nil || counts[api.QueueMine] != 1 {
		t.Fatalf("counts: %v %v", err, counts)
	}
	if _, err := desk.Assign(ctx, id, "boss"); !store.IsForbidden(err) {
		t.Fatalf("front-desk assign: %v, want a 403", err)
	}
	if _, err := boss.Claim(ctx, id); !store.IsConflict(err) {
		t.Fatalf("claiming a colleague's thread: %v, want a 409", err)
	}
	ho, err := desk.HandoffToNurses(ctx, id, "Wants results explained")
	if err != nil || ho.Visible || ho.State != api.ThreadClinical || !ho.Ack.Sent {
		t.Fatalf("hand-off: %v %+v", err, ho)
	}
	nq, err := boss.Inbox(ctx, api.InboxFilter{Queue: api.QueueNurse}, "", 10)
	if err != nil || len(nq.Threads) != 1 || nq.Threads[0].Handoff == nil || nq.Threads[0].Handoff.By != "desk" {
		t.Fatalf("nurse queue: %v %+v", err, nq.Threads)
	}
	if _, err := boss.Escalate(ctx, id, "Zebulon Quixote's results need the doctor"); err != nil {
		t.Fatal(err)
	}
	if _, err := desk.Escalations(ctx, "", 10); !store.IsForbidden(err) {
		t.Fatalf("front-desk escalations: %v, want a 403", err)
	}
	esc, err := boss.Escalations(ctx, "", 10)
	if err != nil || len(esc.Threads) != 1 || esc.Threads[0].Escalation == nil || esc.Threads[0].Escalation.Reason == "" ||
		esc.Threads[0].Escalation.By != "boss" {
		t.Fatalf("escalations: %v %+v", err, esc.Threads)
	}
	if reason := esc.Threads[0].Escalation.Reason; strings.Contains(reason, "Quixote") || !strings.Contains(reason, "results need the doctor") {
		t.Fatalf("escalation reason shown %q, want it masked", reason)
	}
	// From an escalation the supervisor can open an incident on the thread.
	if inc, err := boss.OpenIncident(ctx, api.OpenIncidentRequest{ThreadID: id, Kind: policy.IncidentPHIReceived,
		Description: "Patient sent results details over WhatsApp."}); err != nil || inc.ID == "" {
		t.Fatalf("incident from an escalation: %v %+v", err, inc)
	}
	if r, err := boss.TakeOver(ctx, id); err != nil || r.Thread.Owner != "boss" || r.Thread.Escalation != nil {
		t.Fatalf("take over: %v %+v", err, r.Thread)
	}
	if r, err := boss.Close(ctx, id, policy.OutcomeClinicalAdvice); err != nil || r.Thread.State != api.ThreadClosed {
		t.Fatalf("close: %v %+v", err, r.Thread)
	}
	if _, err := boss.Close(ctx, id, policy.OutcomeAnswered); !store.IsConflict(err) {
		t.Fatalf("closing twice: %v, want a 409", err)
	}
	if r, err := desk.Reopen(ctx, id); err != nil || r.Thread.State != api.ThreadOpen || !r.Visible {
		t.Fatalf("reopen: %v %+v", err, r)
	}
}
