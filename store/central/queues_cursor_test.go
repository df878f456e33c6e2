package central

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
)

// TestOldestFirstQueuePagesFromEveryRow: in a queue worked oldest first,
// the cursor the console writes for any row (api.QueueCursor over the
// row's own clock) is the one the server writes for Next, and the page
// after it holds exactly the rows after that row. That is what lets a
// console let go of pages it passed and read them again. The counts per
// queue come with the first page only.
func TestOldestFirstQueuePagesFromEveryRow(t *testing.T) {
	e := triageEnv(t, 0)
	desk := e.login("desk")
	ps := inboxPatients(7)
	for i, p := range ps {
		text := "Can I move my appointment?"
		if i == 4 {
			text = "I have chest pain" // urgent: first, whatever its wait
		}
		e.patientWrites(p, text)
		e.clock.Advance(time.Minute)
	}
	e.outboundSettled(desk)

	all := e.queue(desk, url.Values{"queue": {"unanswered"}})
	if len(all.Threads) != len(ps) || all.Queues[api.QueueUnanswered] != len(ps) {
		t.Fatalf("first page: %d rows, counts %v; want %d", len(all.Threads), all.Queues, len(ps))
	}
	if !all.Threads[0].Urgent {
		t.Fatalf("the urgent thread is not first: %+v", all.Threads[0])
	}
	want := ids(all.Threads)

	for i, row := range all.Threads {
		after := api.QueueCursor(row.Urgent, api.QueueSortKey(api.QueueUnanswered, row), row.ID)
		p := e.queue(desk, url.Values{"queue": {"unanswered"}, "after": {after}, "limit": {"2"}})
		rest := want[i+1:]
		if got := ids(p.Threads); !slices.Equal(got, rest[:min(2, len(rest))]) {
			t.Fatalf("after row %d (%s): %v, want %v", i, after, got, rest[:min(2, len(rest))])
		}
		if p.Queues != nil {
			t.Errorf("a later page carried the queue counts again: %v", p.Queues)
		}
		if p.Counts[api.ThreadOpen] == 0 {
			t.Errorf("a later page lost the counts per state: %v", p.Counts)
		}
		// The server's Next is the cursor the console would write for the
		// page's last row.
		if len(rest) > 2 {
			last := p.Threads[1]
			if w := api.QueueCursor(last.Urgent, api.QueueSortKey(api.QueueUnanswered, last), last.ID); p.Next != w {
				t.Errorf("Next %q, the console writes %q for the same row", p.Next, w)
			}
		} else if p.Next != "" {
			t.Errorf("Next %q on the last page", p.Next)
		}
	}

	// An inbox cursor in a keyed queue is refused, not misread.
	inboxCursor := api.InboxCursor(false, all.Threads[1].LastAt, all.Threads[1].Arrival, all.Threads[1].ID)
	var refusal api.Error
	if code := e.do("GET", api.Version+"/inbox?queue=unanswered&after="+url.QueryEscape(inboxCursor), desk, nil, &refusal); code != 400 ||
		!strings.Contains(refusal.Error, "cursor") {
		t.Errorf("inbox cursor in the unanswered queue: %d %q, want 400 naming the cursor", code, refusal.Error)
	}
}
