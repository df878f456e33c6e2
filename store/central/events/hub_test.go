package events

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
)

// waitFor polls cond until it holds, failing the test after 5 seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// publishEncoded publishes n events about thread and waits until the
// encoder has put them in the ring.
func publishEncoded(t *testing.T, h *Hub, thread string, n int) {
	t.Helper()
	h.mu.RLock()
	want := h.head + int64(n)
	h.mu.RUnlock()
	for i := 0; i < n; i++ {
		h.Publish(api.Event{Type: api.EventThreadUpdated, ThreadID: thread})
	}
	waitFor(t, "events encoded", func() bool {
		h.mu.RLock()
		defer h.mu.RUnlock()
		return h.head >= want
	})
}

// readEvents reads what sub may see now and decodes it, failing the test
// on a resync.
func readEvents(t *testing.T, h *Hub, sub *Subscriber) []api.Event {
	t.Helper()
	buf, resync := h.read(sub, nil)
	if resync {
		t.Fatal("told to resync")
	}
	var out []api.Event
	for _, frame := range strings.Split(string(buf), "\n\n") {
		if frame == "" {
			continue
		}
		id, data, ok := strings.Cut(frame, "\ndata: ")
		if !ok || !strings.HasPrefix(id, "id: ") {
			t.Fatalf("frame %q is not id: <seq>, data: <event>", frame)
		}
		var ev api.Event
		if err := json.Unmarshal([]byte(data), &ev); err != nil {
			t.Fatalf("frame %q: %v", frame, err)
		}
		if id != "id: "+strconv.FormatInt(ev.Seq, 10) {
			t.Fatalf("frame %q: its id is not the event's change number", frame)
		}
		out = append(out, ev)
	}
	return out
}

func TestSlowSubscriberIsDropped(t *testing.T) {
	h := NewHub(nil, nil)
	defer h.Close()
	slow, _ := h.Subscribe("sess-slow", "usr-slow", true, 2, 4)
	fast, _ := h.Subscribe("sess-fast", "usr-fast", true, 2, 4)
	var buf []byte
	read := 0
	for read < eventRing+10 {
		publishEncoded(t, h, "thr", 100)
		var resync bool
		buf, resync = h.read(fast, buf[:0])
		if resync {
			t.Fatalf("a subscriber that keeps up was told to resync after %d events", read)
		}
		read += bytes.Count(buf, []byte("data: "))
	}
	if _, resync := h.read(slow, nil); !resync {
		t.Fatal("a subscriber a whole ring behind was not told to resync")
	}
}

// TestStreamCapsPerSignInAndUser: a sign-in holds at most its cap of
// streams and a user at most theirs across sign-ins; the refusal says
// which; a closed stream frees its place; a closed hub refuses all.
func TestStreamCapsPerSignInAndUser(t *testing.T) {
	h := NewHub(nil, nil)
	var open []*Subscriber
	for range 2 {
		sub, err := h.Subscribe("sess-1", "usr-desk", false, 2, 3)
		if err != nil {
			t.Fatal(err)
		}
		open = append(open, sub)
	}
	var limit *LimitError
	if _, err := h.Subscribe("sess-1", "usr-desk", false, 2, 3); !errors.As(err, &limit) || !limit.PerSession || limit.Limit != 2 {
		t.Fatalf("a third stream on one sign-in: %v", err)
	}
	sub, err := h.Subscribe("sess-2", "usr-desk", false, 2, 3)
	if err != nil {
		t.Fatalf("a second sign-in's first stream: %v", err)
	}
	open = append(open, sub)
	if _, err := h.Subscribe("sess-3", "usr-desk", false, 2, 3); !errors.As(err, &limit) || limit.PerSession || limit.Limit != 3 {
		t.Fatalf("a fourth stream for one user: %v", err)
	}
	if !strings.Contains(limit.Error(), "for this user") {
		t.Fatalf("the refusal says %q", limit.Error())
	}
	if _, err := h.Subscribe("sess-4", "usr-nurse", true, 2, 3); err != nil {
		t.Fatalf("another user's stream: %v", err)
	}
	if n := h.Streams(); n != 4 {
		t.Fatalf("%d streams counted, want 4", n)
	}
	h.Unsubscribe(open[0])
	if _, err := h.Subscribe("sess-1", "usr-desk", false, 2, 3); err != nil {
		t.Fatalf("a stream after one closed: %v", err)
	}
	h.Close()
	if _, err := h.Subscribe("sess-5", "usr-admin", false, 2, 3); !errors.Is(err, ErrClosed) {
		t.Fatalf("a stream on a closed hub: %v", err)
	}
}

// TestClinicalThreadIsHeldBackFromTheFrontDesk: once a thread is marked
// as handed to the nurses, the front desk gets one removal (its id and
// change number marked gone, the counts without the nurses' queue,
// nothing else) and then nothing of it, while the nurse gets every event
// with its row; returned to the front desk, its events reach the front
// desk again. Events keep their order.
func TestClinicalThreadIsHeldBackFromTheFrontDesk(t *testing.T) {
	summarize := func(_ context.Context, id string) (api.ThreadSummary, map[api.ThreadState]int, error) {
		return api.ThreadSummary{ID: id, Seq: 41, PatientLabel: "Patient 7K2Q", Preview: "my knee is swollen"},
			map[api.ThreadState]int{api.ThreadOpen: 3, api.ThreadClinical: 1}, nil
	}
	h := NewHub(nil, summarize)
	defer h.Close()
	desk, _ := h.Subscribe("sess-desk", "usr-desk", false, 2, 4)
	nurse, _ := h.Subscribe("sess-nurse", "usr-nurse", true, 2, 4)

	publishEncoded(t, h, "thr_knee", 1)
	h.MarkClinical("thr_knee")
	publishEncoded(t, h, "thr_knee", 2)
	publishEncoded(t, h, "thr_other", 1)

	got := readEvents(t, h, desk)
	if len(got) != 3 || got[0].ThreadID != "thr_knee" || got[0].Thread.Gone || got[2].ThreadID != "thr_other" {
		t.Fatalf("the front desk read %+v; want the open event, one removal, the other thread", got)
	}
	gone := got[1]
	want := api.Event{Seq: gone.Seq, Type: api.EventThreadUpdated, ThreadID: "thr_knee",
		Thread: &api.ThreadSummary{ID: "thr_knee", Seq: 41, Gone: true}, Counts: map[api.ThreadState]int{api.ThreadOpen: 3}}
	if b1, b2 := mustJSON(t, gone), mustJSON(t, want); b1 != b2 {
		t.Fatalf("the removal is %s, want %s", b1, b2)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Seq <= got[i-1].Seq {
			t.Fatalf("events out of order: %+v", got)
		}
	}
	nurseGot := readEvents(t, h, nurse)
	if len(nurseGot) != 4 {
		t.Fatalf("the nurse read %d events, want all 4", len(nurseGot))
	}
	for _, ev := range nurseGot {
		if ev.Thread == nil || ev.Thread.Gone || ev.Thread.Preview == "" {
			t.Fatalf("the nurse read %+v without its row", ev)
		}
	}

	h.UnmarkClinical("thr_knee")
	publishEncoded(t, h, "thr_knee", 1)
	if got := readEvents(t, h, desk); len(got) != 1 || got[0].Thread == nil || got[0].Thread.Preview == "" {
		t.Fatalf("after the thread came back the front desk read %+v", got)
	}
}

// TestAnotherNodesHandOffIsHeldBackAtOnce: a thread whose row says it is
// in the nurses' queue is held back from the front desk even before the
// refresh of the clinical set has seen it (a hand-off on another node);
// threads already with the nurses when the hub starts get no removal (the
// consoles fetch their inbox when their stream opens).
func TestAnotherNodesHandOffIsHeldBackAtOnce(t *testing.T) {
	clinicalSince := func(context.Context, int64) ([]string, int64, error) {
		return []string{"thr_before"}, 1, nil
	}
	summarize := func(_ context.Context, id string) (api.ThreadSummary, map[api.ThreadState]int, error) {
		st := api.ThreadOpen
		if id != "thr_open" {
			st = api.ThreadClinical
		}
		return api.ThreadSummary{ID: id, State: st, Preview: "chest pain"}, nil, nil
	}
	h := NewHub(clinicalSince, summarize)
	defer h.Close()
	desk, _ := h.Subscribe("sess-desk", "usr-desk", false, 2, 4)
	publishEncoded(t, h, "thr_before", 1)
	publishEncoded(t, h, "thr_elsewhere", 2)
	publishEncoded(t, h, "thr_open", 1)
	got := readEvents(t, h, desk)
	if len(got) != 2 || got[0].ThreadID != "thr_elsewhere" || !got[0].Thread.Gone || got[0].Thread.Preview != "" || got[1].ThreadID != "thr_open" {
		t.Fatalf("the front desk read %+v; want one removal of thr_elsewhere, then thr_open", got)
	}
}

// TestResyncAfterLostEvents: events lost between nodes, or to a full
// queue, end every open stream with a resync; a stream opened after
// reads on.
func TestResyncAfterLostEvents(t *testing.T) {
	h := NewHub(nil, nil)
	defer h.Close()
	before, _ := h.Subscribe("sess-1", "usr-1", true, 2, 4)
	h.resyncAll()
	after, _ := h.Subscribe("sess-2", "usr-2", true, 2, 4)
	publishEncoded(t, h, "thr", 1)
	if _, resync := h.read(before, nil); !resync {
		t.Fatal("a stream open when events were lost was not told to resync")
	}
	if got := readEvents(t, h, after); len(got) != 1 {
		t.Fatalf("a stream opened after read %d events, want 1", len(got))
	}

	h.dropped.Add(1) // as receive does when the queue is full
	publishEncoded(t, h, "thr", 1)
	if _, resync := h.read(after, nil); !resync {
		t.Fatal("an event lost to a full queue did not resync the streams")
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
