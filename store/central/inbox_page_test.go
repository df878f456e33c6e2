package central

import (
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
)

// inboxPatients are numbers in the UK's drama range, one thread each.
func inboxPatients(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("+4477009002%02d", i)
	}
	return out
}

func (e *env) inboxPage(token, after string, limit int) api.ThreadPage {
	e.t.Helper()
	var p api.ThreadPage
	q := url.Values{"limit": {fmt.Sprint(limit)}}
	if after != "" {
		q.Set("after", after)
	}
	if code := e.do("GET", api.Version+"/inbox?"+q.Encode(), token, nil, &p); code != 200 {
		e.t.Fatalf("inbox page: %d", code)
	}
	return p
}

func (e *env) inboxChanges(token string, since int64) api.ThreadChanges {
	e.t.Helper()
	var ch api.ThreadChanges
	if code := e.do("GET", fmt.Sprintf("%s/inbox/changes?since=%d", api.Version, since), token, nil, &ch); code != 200 {
		e.t.Fatalf("inbox changes: %d", code)
	}
	return ch
}

// TestInboxPagesWalkTheWholeInboxInOrder: keyset pages, read one after
// the other, give every thread exactly once in the unpaged list's order,
// with the counts per state; ties on last activity (a fixed clock) are
// broken by id, so no row is skipped or repeated at a page boundary.
func TestInboxPagesWalkTheWholeInboxInOrder(t *testing.T) {
	e := newEnv(t)
	desk := e.login("desk")
	e.acknowledge(desk)
	for i, p := range inboxPatients(7) {
		if i == 3 {
			e.clock.Advance(time.Minute)
		}
		e.patientWrites(p, "Can I move my appointment?")
	}
	want := e.threads(desk)
	if len(want) != 7 {
		t.Fatalf("%d threads, want 7", len(want))
	}
	var got []api.ThreadSummary
	after, pages := "", 0
	for {
		p := e.inboxPage(desk, after, 3)
		pages++
		if p.Counts[api.ThreadOpen] != 7 {
			t.Errorf("counts %v, want 7 open", p.Counts)
		}
		got = append(got, p.Threads...)
		if p.Next == "" {
			break
		}
		after = p.Next
		if pages > 5 {
			t.Fatal("pages never end")
		}
	}
	if pages != 3 || len(got) != len(want) {
		t.Fatalf("%d pages with %d rows, want 3 pages with %d", pages, len(got), len(want))
	}
	for i := range want {
		if got[i].ID != want[i].ID || got[i].Preview != want[i].Preview || got[i].Unread != 1 {
			t.Errorf("row %d: got %s %q unread %d, want %s %q unread 1", i, got[i].ID, got[i].Preview, got[i].Unread, want[i].ID, want[i].Preview)
		}
	}
}

// TestUrgentThreadsHeadEveryPageWalk: a possible emergency heads the
// inbox whatever its age, and walking the pages still returns every
// thread exactly once, in the same order as the whole list.
func TestUrgentThreadsHeadEveryPageWalk(t *testing.T) {
	e := newEnv(t)
	desk := e.login("desk")
	e.acknowledge(desk)
	patients := inboxPatients(7)
	for i, p := range patients {
		e.clock.Advance(time.Second)
		text := "Can I move my appointment?"
		if i == 1 {
			text = "I have chest pain and can't breathe"
		}
		e.patientWrites(p, text)
	}
	want := e.threads(desk)
	if len(want) != 7 || !want[0].Urgent {
		t.Fatalf("whole list: %d threads, first urgent %v", len(want), len(want) > 0 && want[0].Urgent)
	}
	var got []api.ThreadSummary
	for after, pages := "", 0; ; pages++ {
		if pages > 5 {
			t.Fatal("pages never end")
		}
		p := e.inboxPage(desk, after, 2)
		got = append(got, p.Threads...)
		if p.Next == "" {
			break
		}
		after = p.Next
	}
	if len(got) != len(want) {
		t.Fatalf("pages gave %d rows, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].ID != want[i].ID {
			t.Errorf("row %d: pages give %s, the whole list %s", i, got[i].ID, want[i].ID)
		}
	}
	if !got[0].Urgent || got[1].Urgent {
		t.Errorf("the urgent thread does not head the pages alone: %v %v", got[0].Urgent, got[1].Urgent)
	}
}

// TestInboxPageRejectsBadInput: a forged cursor or an out-of-range limit
// is a clear 400, not a silent first page.
func TestInboxPageRejectsBadInput(t *testing.T) {
	e := newEnv(t)
	desk := e.login("desk")
	e.acknowledge(desk)
	for _, q := range []string{"after=garbage", "after=12.", "limit=0", "limit=501", "limit=ten"} {
		if code := e.do("GET", api.Version+"/inbox?"+q, desk, nil, nil); code != 400 {
			t.Errorf("%s: %d, want 400", q, code)
		}
	}
	for _, q := range []string{"", "since=-1", "since=x"} {
		if code := e.do("GET", api.Version+"/inbox/changes?"+q, desk, nil, nil); code != 400 {
			t.Errorf("changes %q: %d, want 400", q, code)
		}
	}
}

// TestUnreadIsPerUser: the front desk opening a thread clears its own
// unread count, not the nurse's.
func TestUnreadIsPerUser(t *testing.T) {
	e := newEnv(t)
	desk, nurse := e.login("desk"), e.login("nurse")
	e.acknowledge(desk)
	e.acknowledge(nurse)
	e.patientWrites(patientUK, "Is the clinic open on Saturday?")
	e.patientWrites(patientUK, "Or Sunday?")
	id := e.threadFor(desk, patientUK)
	if d := e.thread(desk, id); d.Thread.Unread != 0 {
		t.Errorf("desk's row after opening: unread %d, want 0", d.Thread.Unread)
	}
	unread := func(token string) int {
		for _, ts := range e.inboxPage(token, "", 50).Threads {
			if ts.ID == id {
				return ts.Unread
			}
		}
		t.Fatal("thread not in the inbox")
		return -1
	}
	if n := unread(desk); n != 0 {
		t.Errorf("desk unread %d, want 0", n)
	}
	if n := unread(nurse); n != 2 {
		t.Errorf("nurse unread %d, want 2", n)
	}
	e.patientWrites(patientUK, "Thanks")
	if n := unread(desk); n != 1 {
		t.Errorf("desk unread after a new message %d, want 1", n)
	}
}

// TestInboxChangesSince: a console that missed events gets exactly the
// rows that changed after the change number it holds, and a reset for a
// number the server never gave out.
func TestInboxChangesSince(t *testing.T) {
	e := newEnv(t)
	desk := e.login("desk")
	e.acknowledge(desk)
	ps := inboxPatients(4)
	for _, p := range ps {
		e.patientWrites(p, "Hello")
	}
	// Each new number gets the clinic's explanation, whose delivery
	// statuses change its thread as they arrive: let them all land
	// before taking the change number.
	e.outboundSettled(desk)
	seq := e.inboxPage(desk, "", 10).Seq
	if seq == 0 {
		t.Fatal("page has no change number")
	}
	if ch := e.inboxChanges(desk, seq); ch.Reset || len(ch.Threads) != 0 || ch.Seq != seq {
		t.Errorf("nothing changed: got %+v", ch)
	}
	e.patientWrites(ps[1], "Is 3pm free?")
	id := e.threadFor(desk, ps[1])
	ch := e.inboxChanges(desk, seq)
	if ch.Reset || len(ch.Threads) != 1 || ch.Threads[0].ID != id || ch.Seq <= seq {
		t.Fatalf("one thread changed: got %+v", ch)
	}
	if ch.Threads[0].Unread != 2 || ch.Threads[0].Preview == "" {
		t.Errorf("changed row %+v, want its new preview and 2 unread", ch.Threads[0])
	}
	if ch := e.inboxChanges(desk, ch.Seq+1000); !ch.Reset {
		t.Errorf("a change number from the future: %+v, want a reset", ch)
	}

	// Handed to the nurses' queue, the thread leaves the front desk's
	// inbox: the re-sync says so (and nothing more), and the counts drop it.
	seq = ch.Seq
	if code := e.do("POST", api.Version+"/threads/"+id+"/handoff", desk, api.HandoffRequest{Note: "Asks about a rash"}, nil); code != 200 {
		t.Fatalf("handoff: %d", code)
	}
	ch = e.inboxChanges(desk, seq)
	if len(ch.Threads) != 1 || !ch.Threads[0].Gone || ch.Threads[0].ID != id || ch.Threads[0].Preview != "" {
		t.Errorf("after a hand-off the desk's changes are %+v, want the thread marked gone and nothing else", ch.Threads)
	}
	if ch.Counts[api.ThreadOpen] != 3 || ch.Counts[api.ThreadClinical] != 0 {
		t.Errorf("desk counts %v, want 3 open and no clinical", ch.Counts)
	}
	nurse := e.login("nurse")
	e.acknowledge(nurse)
	if p := e.inboxPage(nurse, "", 10); p.Counts[api.ThreadClinical] != 1 || p.Counts[api.ThreadOpen] != 3 {
		t.Errorf("nurse counts %v, want 3 open and 1 clinical", p.Counts)
	}
}

// outboundSettled waits until every clinic message in the reader's inbox
// has reached its last status (read), so no status webhook is still on
// its way to change a thread.
func (e *env) outboundSettled(token string) {
	e.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		settled := true
		for _, th := range e.threads(token) {
			if th.LastOutStatus != "" && th.LastOutStatus != "read" {
				settled = false
			}
		}
		if settled {
			return
		}
		if time.Now().After(deadline) {
			e.t.Fatal("clinic messages never reached read")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
