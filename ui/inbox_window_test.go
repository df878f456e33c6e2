package ui

import (
	"fmt"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
)

// manyThreads is an inbox of n threads, x00000 newest, one a minute apart.
func manyThreads(n int) []api.ThreadSummary {
	out := make([]api.ThreadSummary, n)
	for i := range out {
		out[i] = api.ThreadSummary{ID: fmt.Sprintf("x%05d", i), PatientLabel: fmt.Sprintf("P-%d", i), Preview: "Hello",
			OptedIn: true, State: api.ThreadOpen, Inbound: 1, Unread: 1, Seq: int64(i + 1),
			LastAt: t0.Add(-time.Duration(i) * time.Minute), WindowOpenUntil: t0.Add(time.Hour)}
	}
	return out
}

func pagedHarness(t *testing.T, n int) (*harness, *fakeBackend) {
	t.Helper()
	fb := newFakeBackend()
	fb.threads = manyThreads(n)
	fb.seq = int64(n)
	h := newHarness(t, fb, Options{}, 80, 24)
	h.signIn()
	h.mustSee("Inbox (" + fmt.Sprint(n) + ")")
	return h, fb
}

func (fb *fakeBackend) hits() (inbox int, pages []string, changes []int64) {
	fb.mu.Lock()
	defer fb.mu.Unlock()
	return fb.inboxHits, append([]string(nil), fb.pageCalls...), append([]int64(nil), fb.changeCalls...)
}

// TestSignInLoadsOnePageAndScrollingFetchesAhead: a 5,000-thread inbox
// costs one page at sign-in; moving down asks for the next page before
// the cursor reaches the end of what is loaded, never the whole inbox.
func TestSignInLoadsOnePageAndScrollingFetchesAhead(t *testing.T) {
	h, fb := pagedHarness(t, 5000)
	if len(h.m.list.rows) != inboxPageSize {
		t.Fatalf("%d rows held after sign-in, want one page of %d", len(h.m.list.rows), inboxPageSize)
	}
	for range 3 {
		h.press("pgdown")
	}
	_, pages, _ := fb.hits()
	if len(pages) != 1 {
		t.Fatalf("pages asked %v, want only the first while far from the end", pages)
	}
	for h.m.list.cursor < inboxPageSize-fetchAheadRows {
		h.press("pgdown")
	}
	// The page is answered asynchronously; give a loaded machine time.
	for deadline := time.Now().Add(5 * time.Second); len(h.m.list.rows) < 2*inboxPageSize && time.Now().Before(deadline); {
		h.settle()
	}
	_, pages, _ = fb.hits()
	if len(pages) != 2 || pages[1] != newThreadRow(fb.threads[99]).cursor() {
		t.Fatalf("pages asked %v, want the page after x00099 once near the end", pages)
	}
	if len(h.m.list.rows) != 2*inboxPageSize {
		t.Errorf("%d rows held, want two pages", len(h.m.list.rows))
	}
}

// TestEventForOneThreadChangesOneRow: a live event carrying its thread's
// row replaces that row (moved to the top by its new activity), leaves
// every other row as it was, and fetches nothing.
func TestEventForOneThreadChangesOneRow(t *testing.T) {
	h, fb := pagedHarness(t, 300)
	before := append([]threadRow(nil), h.m.list.rows...)
	inbox, _, _ := fb.hits()

	changed := manyThreads(300)[42]
	changed.Preview, changed.LastAt, changed.Inbound, changed.Unread, changed.Seq = "Is 3pm free?", t0.Add(time.Minute), 2, 2, 301
	fb.pushEvent(api.Event{Seq: 1, Type: api.EventMessageNew, ThreadID: changed.ID, Thread: &changed})
	h.settle()

	if got, _, _ := fb.hits(); got != inbox {
		t.Errorf("the inbox was fetched %d times for one event", got-inbox)
	}
	if len(h.m.list.rows) != len(before) {
		t.Fatalf("%d rows, want %d", len(h.m.list.rows), len(before))
	}
	if r := h.m.list.rows[0]; r.id != changed.ID || r.preview.String() != "Is 3pm free?" || r.unread != 2 {
		t.Fatalf("top row %+v, want the changed thread with its new preview", r)
	}
	rest := append(append([]threadRow(nil), before[:42]...), before[43:]...)
	for i, r := range rest {
		if h.m.list.rows[i+1] != r {
			t.Fatalf("row %d changed: %+v, was %+v", i+1, h.m.list.rows[i+1], r)
		}
	}
	h.mustSee("Is 3pm free?")
}

// TestCursorStaysOnTheUsersThreadWhileOthersArrive: the user is on a
// thread part-way down; new threads and activity on others land above
// it, and the cursor stays on the same thread at the same line.
func TestCursorStaysOnTheUsersThreadWhileOthersArrive(t *testing.T) {
	h, fb := pagedHarness(t, 300)
	for range 25 {
		h.press("j")
	}
	id, line := h.m.list.rows[h.m.list.cursor].id, h.m.list.cursor-h.m.list.offset
	if id != "x00025" || h.m.list.offset == 0 {
		t.Fatalf("cursor on %s at offset %d; the test wants a scrolled list", id, h.m.list.offset)
	}
	for i := range 20 {
		var ts api.ThreadSummary
		if i%2 == 0 { // a new patient writes
			ts = api.ThreadSummary{ID: fmt.Sprintf("new%02d", i), PatientLabel: fmt.Sprintf("N-%d", i), Preview: "Hi",
				State: api.ThreadOpen, Inbound: 1, Unread: 1, Seq: int64(400 + i), LastAt: t0.Add(time.Duration(i+1) * time.Minute)}
		} else { // an older thread has news and jumps to the top
			ts = manyThreads(300)[100+i]
			ts.LastAt, ts.Seq = t0.Add(time.Duration(i+1)*time.Minute), int64(400+i)
		}
		fb.pushEvent(api.Event{Seq: int64(i + 1), Type: api.EventMessageNew, ThreadID: ts.ID, Thread: &ts})
		h.settle()
		if got := h.m.list.rows[h.m.list.cursor].id; got != id || h.m.list.cursor-h.m.list.offset != line {
			t.Fatalf("after %d arrivals the cursor is on %s at line %d, want %s at line %d",
				i+1, got, h.m.list.cursor-h.m.list.offset, id, line)
		}
	}
	if h.m.list.cursor != 25+20 {
		t.Errorf("cursor index %d, want 45 (20 rows arrived above)", h.m.list.cursor)
	}
	h.mustSee("P-25")
}

// TestResyncAfterAGapAsksForChangesSince: after the server's resync
// signal the console asks for the rows changed since its change number
// and applies them; it does not load the inbox again.
func TestResyncAfterAGapAsksForChangesSince(t *testing.T) {
	h, fb := pagedHarness(t, 300)
	_, pages, _ := fb.hits()

	fb.mu.Lock()
	changed := manyThreads(300)[7]
	changed.Preview, changed.LastAt, changed.Seq = "Running late", t0.Add(time.Minute), 305
	fb.changes, fb.changesFrom, fb.seq = []api.ThreadSummary{changed, {ID: "x00003", Seq: 306, Gone: true}}, 300, 306
	fb.mu.Unlock()
	fb.pushEvent(api.Event{Type: api.EventResync})
	h.settle()

	_, pagesAfter, changes := fb.hits()
	if len(changes) == 0 || changes[0] != 300 {
		t.Fatalf("changes asked %v, want since 300", changes)
	}
	if len(pagesAfter) != len(pages) {
		t.Errorf("a resync loaded pages %v; it should ask for changes only", pagesAfter[len(pages):])
	}
	if h.m.list.rows[0].id != "x00007" || h.m.list.rows[0].preview.String() != "Running late" {
		t.Errorf("top row %+v, want the changed thread", h.m.list.rows[0])
	}
	if _, held := h.m.list.idx["x00003"]; held {
		t.Error("a thread that left the inbox is still shown")
	}
	if h.m.list.seq != 306 {
		t.Errorf("change number %d, want 306", h.m.list.seq)
	}

	// A number the server no longer answers for: a reset, then the
	// first page again, the cursor still on its thread.
	fb.mu.Lock()
	fb.changes, fb.changesFrom, fb.seq = nil, 0, 900
	fb.mu.Unlock()
	fb.pushEvent(api.Event{Type: api.EventResync})
	h.settle()
	_, pagesReset, _ := fb.hits()
	if len(pagesReset) != len(pagesAfter)+1 || pagesReset[len(pagesReset)-1] != "" {
		t.Errorf("after a reset pages %v, want the first page once more", pagesReset)
	}
	if h.m.list.seq != 900 {
		t.Errorf("change number %d after the reset, want 900", h.m.list.seq)
	}
}

// selectedNumber is the position in the whole inbox of the thread under
// the cursor (manyThreads names them by it).
func selectedNumber(t *testing.T, h *harness) int {
	t.Helper()
	var n int
	if _, err := fmt.Sscanf(h.m.list.rows[h.m.list.cursor].id, "x%05d", &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// checkHeldAroundCursor: the console holds at most inboxHoldRows rows,
// one unbroken stretch of the inbox with the cursor's thread inside it,
// and still counts the whole inbox.
func checkHeldAroundCursor(t *testing.T, h *harness, total int) {
	t.Helper()
	if len(h.m.list.rows) > inboxHoldRows {
		t.Fatalf("%d rows held, want at most %d", len(h.m.list.rows), inboxHoldRows)
	}
	var first int
	fmt.Sscanf(h.m.list.rows[0].id, "x%05d", &first)
	for i, r := range h.m.list.rows {
		if want := fmt.Sprintf("x%05d", first+i); r.id != want {
			t.Fatalf("held row %d is %s, want %s: the held rows are not one stretch", i, r.id, want)
		}
		if h.m.list.idx[r.id] != i {
			t.Fatalf("index of %s is %d, want %d", r.id, h.m.list.idx[r.id], i)
		}
	}
	if len(h.m.list.idx) != len(h.m.list.rows) {
		t.Fatalf("index holds %d threads for %d rows", len(h.m.list.idx), len(h.m.list.rows))
	}
	if total >= 0 {
		h.mustSee("Inbox (" + fmt.Sprint(total) + ")")
	}
}

// scrollUntil presses key until the cursor's thread passes want (down
// when want is above the current one), letting pages land in between.
func scrollUntil(t *testing.T, h *harness, key string, done func(n int) bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !done(selectedNumber(t, h)); {
		if time.Now().After(deadline) {
			t.Fatalf("cursor stuck on %s after scrolling %s", h.m.list.rows[h.m.list.cursor].id, key)
		}
		h.press(key)
	}
}

// TestInboxHoldsOnlyThePagesAroundTheCursor: scrolling deep into a large
// inbox lets go of the pages far above the cursor; scrolling back up
// reads them again (from the cursors kept for them) and lets go of the
// pages far below; Home goes back to the first row; an event for a
// thread outside the held rows changes the counts only.
func TestInboxHoldsOnlyThePagesAroundTheCursor(t *testing.T) {
	const total = 2000
	h, fb := pagedHarness(t, total)

	scrollUntil(t, h, "pgdown", func(n int) bool { return n >= 1200 })
	checkHeldAroundCursor(t, h, total)
	if len(h.m.list.above) == 0 || h.m.list.rows[0].id == "x00000" {
		t.Fatalf("the pages above the cursor were kept (first held %s)", h.m.list.rows[0].id)
	}
	_, pagesDown, _ := fb.hits()

	// Activity on a thread far above: it moves to the top of the inbox,
	// which is not held, so no row appears; a new thread likewise.
	held := len(h.m.list.rows)
	moved := manyThreads(total)[3]
	moved.LastAt, moved.Seq = t0.Add(time.Minute), total+1
	fb.mu.Lock()
	fb.threads[3], fb.seq = moved, total+1
	fb.mu.Unlock()
	fb.pushEvent(api.Event{Seq: 1, Type: api.EventMessageNew, ThreadID: moved.ID, Thread: &moved,
		Counts: map[api.ThreadState]int{api.ThreadOpen: total + 1}})
	h.settle()
	if len(h.m.list.rows) != held {
		t.Fatalf("%d rows held after an event above them, want %d", len(h.m.list.rows), held)
	}
	h.mustSee(fmt.Sprintf("Inbox (%d)", total+1))
	if _, ok := h.m.list.idx[moved.ID]; ok {
		t.Fatal("a thread that moved above the held rows is held out of place")
	}

	scrollUntil(t, h, "pgup", func(n int) bool { return n <= 600 })
	if len(h.m.list.rows) > inboxHoldRows {
		t.Fatalf("%d rows held after scrolling back, want at most %d", len(h.m.list.rows), inboxHoldRows)
	}
	if h.m.list.rows[len(h.m.list.rows)-1].id >= "x01200" {
		t.Errorf("the pages below were kept: last held %s", h.m.list.rows[len(h.m.list.rows)-1].id)
	}
	_, pagesUp, _ := fb.hits()
	reread := pagesUp[len(pagesDown):]
	if len(reread) == 0 {
		t.Fatal("scrolling up read no page again")
	}
	for _, c := range reread {
		if c == "" {
			t.Fatalf("scrolling up read the first page (pages %v), not the pages above", reread)
		}
	}

	h.press("home")
	for deadline := time.Now().Add(5 * time.Second); len(h.m.list.above) > 0 && time.Now().Before(deadline); {
		h.settle()
	}
	if len(h.m.list.above) != 0 || h.m.list.cursor != 0 || h.m.list.rows[0].id != moved.ID {
		t.Fatalf("home: cursor %d on %s, %d pages above; want the first row (%s)",
			h.m.list.cursor, h.m.list.rows[h.m.list.cursor].id, len(h.m.list.above), moved.ID)
	}
}
