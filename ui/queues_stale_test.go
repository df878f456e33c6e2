package ui

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// handOffBehindTheBack moves id to the nurses' queue as a colleague's
// hand-off does: the server changes, and a front-desk console hears
// nothing (the event goes to clinical roles only); the rows changed
// since the console's change number list it as gone.
func handOffBehindTheBack(ft *fakeTriage, id string) {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	i := ft.find(id)
	ts := &ft.threads[i]
	ts.State, ts.Clinical = api.ThreadClinical, true
	ts.Handoff = &api.HandoffInfo{By: "sam", At: t0, DueAt: t0.Add(2 * time.Hour), LeftSeconds: 7200}
	settleQueue(ts)
	ft.changesFrom = ft.seq
	ft.seq++
	ts.Seq = ft.seq
	ft.changes = []api.ThreadSummary{{ID: id, Seq: ft.seq, Gone: true}}
}

// TestColleaguesHandOffLeavesTheFrontDeskList: a thread a colleague
// handed to the nurses leaves a front-desk console's Unanswered list by
// the next counts, although no event about it reached the console: the
// counts disagree with the rows held, and the rows changed since the
// list's change number settle it.
func TestColleaguesHandOffLeavesTheFrontDeskList(t *testing.T) {
	ft := newFakeTriage(api.RoleFrontDesk)
	ft.seq = 5 // the server's change number at sign-in
	h := newTriageHarness(t, ft, Options{}, 160, 50)
	h.mustSee("P-1002")
	handOffBehindTheBack(ft, "q2")

	// Another patient writes: the event brings the counts up to date.
	ft.mu.Lock()
	q1 := &ft.threads[ft.find("q1")]
	q1.Preview, q1.Inbound, q1.Unread = "Friday at 3pm then?", 2, 2
	ev := *q1
	ft.mu.Unlock()
	ft.pushEvent(api.Event{Seq: 1, Type: api.EventMessageNew, ThreadID: ev.ID, Thread: &ev})
	if !h.waitFor(func() bool { return !slices.Contains(h.ids(), "q2") }) {
		t.Fatalf("rows %v: the thread handed to the nurses is still listed", h.ids())
	}
	h.mustNotSee("P-1002")
	h.mustSee("Unanswered (3)", "Friday at 3pm then?")
}

// TestStepOnAThreadThatWentToTheNursesSaysSo: a front desk acting on a
// thread a colleague has just handed to the nurses is told that, in
// words, the thread leaves the list, and the form closes: not the
// matrix's sentence about who may take hand-offs.
func TestStepOnAThreadThatWentToTheNursesSaysSo(t *testing.T) {
	ft := newFakeTriage(api.RoleFrontDesk)
	ft.seq = 5
	h := newTriageHarness(t, ft, Options{}, 160, 50)
	first, _ := h.selected()
	handOffBehindTheBack(ft, first)
	ft.mu.Lock()
	ft.handoffErr = &api.StatusError{Code: http.StatusForbidden, Message: policy.Why(policy.RoleFrontDesk, policy.ActionViewClinicalThreads)}
	ft.mu.Unlock()
	h.press("n")
	h.typeText("Dose question")
	h.press("enter")
	if !h.waitFor(func() bool { return strings.Contains(h.toastText(), "is with the nurses now") }) {
		t.Fatalf("toast %q, want it to say the thread is with the nurses", h.toastText())
	}
	if h.m.form != nil {
		t.Error("the hand-off form stayed open on a thread that left")
	}
	if slices.Contains(h.ids(), first) {
		t.Errorf("rows %v still hold %s", h.ids(), first)
	}
	h.mustNotSee("Clinical threads are for nurses")
}
