package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
)

// longQueue is a morning's Unanswered queue of n threads, x00000 waiting
// longest (oldest first is the queue's order), one a minute apart, the
// most recent activity on the shortest wait so the inbox's own order is
// the reverse.
func longQueue(n int) []api.ThreadSummary {
	out := make([]api.ThreadSummary, n)
	for i := range out {
		since := t0.Add(-time.Duration(n-i) * time.Minute)
		out[i] = api.ThreadSummary{ID: fmt.Sprintf("x%05d", i), PatientLabel: fmt.Sprintf("P-%d", i), Preview: "Hello",
			OptedIn: true, State: api.ThreadOpen, Queue: api.QueueUnanswered, WaitingSince: since, Lang: "en",
			Inbound: 1, Unread: 1, Seq: int64(i + 1), LastAt: since, WindowOpenUntil: t0.Add(time.Hour)}
	}
	return out
}

// TestQueueOldestFirstHoldsOnlyThePagesAroundTheCursor: a front desk
// walking a long Unanswered queue (oldest wait first) holds a few pages
// around the cursor, not every page loaded: the pages far above are let
// go and read again from cursors the console writes in the queue's own
// order, so scrolling back up and Home show the same threads in the same
// order. The queue counts come with the first page only.
func TestQueueOldestFirstHoldsOnlyThePagesAroundTheCursor(t *testing.T) {
	const total = 2000
	ft := newFakeTriage(api.RoleFrontDesk)
	ft.threads = longQueue(total)
	ft.seq = total
	h := newTriageHarness(t, ft, Options{}, 80, 24)
	if h.m.list.q.current != api.QueueUnanswered {
		t.Fatalf("front desk landed on %q", h.m.list.q.current)
	}
	h.mustSee(fmt.Sprintf("Unans %d", total))

	maxHeld := 0
	walk := func(key string, done func(int) bool) {
		t.Helper()
		for deadline := time.Now().Add(60 * time.Second); !done(selectedNumber(t, h)); {
			if time.Now().After(deadline) {
				t.Fatalf("cursor stuck on %s after scrolling %s", h.m.list.rows[h.m.list.cursor].id, key)
			}
			h.press(key)
			maxHeld = max(maxHeld, len(h.m.list.rows))
		}
	}
	walk("pgdown", func(n int) bool { return n >= 1500 })
	checkHeldAroundCursor(t, h, -1)
	if len(h.m.list.above) == 0 || h.m.list.rows[0].id == "x00000" {
		t.Fatalf("the pages above the cursor were kept (first held %s)", h.m.list.rows[0].id)
	}
	// The bound: a few pages either side of the cursor, plus the page on
	// its way while one is let go.
	if maxHeld > inboxHoldRows+inboxPageSize {
		t.Fatalf("walking %d threads held up to %d rows, want at most %d", total, maxHeld, inboxHoldRows+inboxPageSize)
	}
	h.mustSee(fmt.Sprintf("Unans %d", total))

	ft.mu.Lock()
	down := len(ft.afters)
	ft.mu.Unlock()
	walk("pgup", func(n int) bool { return n <= 300 })
	checkHeldAroundCursor(t, h, -1)
	if last := h.m.list.rows[len(h.m.list.rows)-1].id; last >= "x01500" {
		t.Errorf("the pages below were kept: last held %s", last)
	}
	ft.mu.Lock()
	reread := append([]string(nil), ft.afters[down:]...)
	ft.mu.Unlock()
	if len(reread) == 0 {
		t.Fatal("scrolling up read no page again")
	}
	for _, c := range reread {
		if !strings.HasPrefix(c, "k.") {
			t.Fatalf("scrolling up asked for %q: want the queue's own cursors, not the first page or the inbox's", c)
		}
	}

	h.press("home")
	for deadline := time.Now().Add(5 * time.Second); len(h.m.list.above) > 0 && time.Now().Before(deadline); {
		h.settle()
	}
	if len(h.m.list.above) != 0 || h.m.list.cursor != 0 || h.m.list.rows[0].id != "x00000" {
		t.Fatalf("home: cursor %d on %s; want the longest wait, x00000", h.m.list.cursor, h.m.list.rows[h.m.list.cursor].id)
	}
	// Walking on kept the bar's counts from the first page.
	h.mustSee(fmt.Sprintf("Unans %d", total))
}
