package central

import (
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
)

// TestFrontDeskHearsAThreadLeaveForTheNurses: when a colleague hands a
// thread to the nurses, every front-desk console's stream says at once
// that the thread left its inbox (its id marked gone, nothing else: no
// label, preview or note of a thread the front desk may not open), so
// the row does not linger in Unanswered until the next fetch; the nurse's
// stream carries the full row.
func TestFrontDeskHearsAThreadLeaveForTheNurses(t *testing.T) {
	e := triageEnv(t, 2)
	watcher, colleague := e.loginAs("desk1", triagePassword), e.loginAs("desk2", triagePassword)
	nurse := e.login("nurse")
	e.acknowledge(nurse)
	e.patientWrites(patientUK, "My knee is swollen since the fall")
	id := e.threadFor(watcher, patientUK)
	_, _, deskEvents := openStream(t, e, watcher)
	_, _, nurseEvents := openStream(t, e, nurse)

	if code := e.do("POST", api.Version+"/threads/"+id+"/handoff", colleague, api.HandoffRequest{Note: "Swollen knee after a fall"}, nil); code != http.StatusOK {
		t.Fatalf("hand-off: %d", code)
	}
	// The first event about the thread that carries its row (the
	// hand-off's acknowledgment may be stored first).
	rowOf := func(ch <-chan api.Event) (api.Event, bool) {
		deadline := time.After(3 * time.Second)
		for {
			select {
			case ev, ok := <-ch:
				if !ok {
					return api.Event{}, false
				}
				if ev.ThreadID == id && ev.Thread != nil && (ev.Thread.Gone || ev.Thread.State == api.ThreadClinical) {
					return ev, true
				}
			case <-deadline:
				return api.Event{}, false
			}
		}
	}
	ev, ok := rowOf(deskEvents)
	if !ok {
		t.Fatal("the front desk's stream never said the handed-off thread left its inbox")
	}
	want := api.ThreadSummary{ID: id, Seq: ev.Thread.Seq, Gone: true}
	if !reflect.DeepEqual(*ev.Thread, want) || ev.Type != api.EventThreadUpdated || ev.MessageID != "" || ev.Status != "" {
		t.Errorf("the front desk's event %+v row %+v, want the thread marked gone and nothing more", ev, *ev.Thread)
	}
	if ev.Thread.Seq == 0 {
		t.Error("the removal has no change number: a console cannot tell it from an older copy")
	}
	if _, ok := ev.Counts[api.ThreadClinical]; ok {
		t.Errorf("the removal's counts %v name the nurses' queue", ev.Counts)
	}
	nev, ok := rowOf(nurseEvents)
	if !ok || nev.Thread.Gone || nev.Thread.State != api.ThreadClinical || nev.Thread.Preview == "" {
		t.Fatalf("the nurse's stream: %+v, want the full row in the nurses' queue", nev.Thread)
	}
}

// TestHandOffOnOneNodeRemovesTheRowOnAnother: a front desk whose console
// streams from another node than the one that took the hand-off hears
// the same removal, and nothing more of the thread.
func TestHandOffOnOneNodeRemovesTheRowOnAnother(t *testing.T) {
	ns := newNodes(t, 2)
	a, b := ns[0], ns[1]
	desk := a.login("desk")
	a.patientWrites(patientUK, "Is the clinic open on Saturday?")
	id := a.threadFor(desk, patientUK)
	_, _, deskEvents := openStream(t, b, desk)
	time.Sleep(300 * time.Millisecond) // the stream is open and node B's clinical view is loaded
	if code := a.do("POST", api.Version+"/threads/"+id+"/handoff", desk, api.HandoffRequest{}, nil); code != http.StatusOK {
		t.Fatalf("hand-off on node A: %d", code)
	}
	deadline := time.After(3 * time.Second)
	for {
		select {
		case ev, ok := <-deskEvents:
			if !ok {
				t.Fatal("the stream on node B ended")
			}
			if ev.ThreadID != id || ev.Thread == nil || !ev.Thread.Gone {
				continue
			}
			if want := (api.ThreadSummary{ID: id, Seq: ev.Thread.Seq, Gone: true}); !reflect.DeepEqual(*ev.Thread, want) {
				t.Fatalf("the removal on node B carries %+v, want the id only", *ev.Thread)
			}
			return
		case <-deadline:
			t.Fatal("the front desk's stream on node B never heard the thread left its inbox")
		}
	}
}
