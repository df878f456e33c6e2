package ui

import (
	"slices"
	"testing"

	"github.com/clinicwa/triage/store/api"
)

// TestHandOffRemovalDropsTheRowAtOnce: the server's removal for a thread
// a colleague handed to the nurses (the id marked gone, nothing more;
// store/central/events) takes the row out of a front-desk console's
// Unanswered list as it arrives, with no other event needed.
func TestHandOffRemovalDropsTheRowAtOnce(t *testing.T) {
	ft := newFakeTriage(api.RoleFrontDesk)
	ft.seq = 5
	h := newTriageHarness(t, ft, Options{}, 160, 50)
	h.mustSee("P-1002", "Unanswered (4)")
	handOffBehindTheBack(ft, "q2")
	ft.mu.Lock()
	seq := ft.seq
	ft.mu.Unlock()
	ft.pushEvent(api.Event{Seq: 1, Type: api.EventThreadUpdated, ThreadID: "q2",
		Thread: &api.ThreadSummary{ID: "q2", Seq: seq, Gone: true}})
	if !h.waitFor(func() bool { return !slices.Contains(h.ids(), "q2") }) {
		t.Fatalf("rows %v: the thread handed to the nurses is still listed", h.ids())
	}
	h.mustNotSee("P-1002")
	h.mustSee("Unanswered (3)")
}
