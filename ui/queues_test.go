package ui

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
)

// TestRoleLandsOnItsQueue: front desk starts on Unanswered, a nurse on
// the nurses' queue, a supervisor on Escalated; the first page asked for
// is that queue's.
func TestRoleLandsOnItsQueue(t *testing.T) {
	for _, tt := range []struct {
		role  api.Role
		queue api.Queue
		title string
		first string
	}{
		{api.RoleFrontDesk, api.QueueUnanswered, "Unanswered (4)", "q10"},
		{api.RoleNurse, api.QueueNurse, "Nurse queue (2)", "q5"},
		{api.RoleSupervisor, api.QueueEscalated, "Escalated (2)", "q6"},
	} {
		t.Run(string(tt.role), func(t *testing.T) {
			ft := newFakeTriage(tt.role)
			h := newTriageHarness(t, ft, Options{}, 160, 50)
			if got := h.m.list.q.current; got != tt.queue {
				t.Fatalf("landed on %q, want %q", got, tt.queue)
			}
			if f := ft.lastFilter(); f.Queue != tt.queue {
				t.Fatalf("asked the server for %+v, want queue %q", f, tt.queue)
			}
			h.mustSee(tt.title)
			if id, _ := h.selected(); id != tt.first {
				t.Errorf("cursor on %s, want %s first", id, tt.first)
			}
		})
	}
}

// TestEachQueue: every queue shows its own threads in its own order with
// what matters in it: the wait, who handed off and the SLA left (overdue
// marked), the escalation's reason, age and owner, the close outcome.
func TestEachQueue(t *testing.T) {
	for _, tt := range []struct {
		key   string
		queue api.Queue
		ids   []string
		see   []string
	}{
		// Urgent first, then the oldest wait.
		{"1", api.QueueUnanswered, []string{"q10", "q2", "q1", "q3"}, []string{"Unanswered (4)", "oldest wait first", "waits 2h", "waits 50m", "@dana"}},
		{"2", api.QueueMine, []string{"q3", "q8"}, []string{"Mine (2)"}},
		// Soonest deadline first: the overdue one heads the queue.
		{"3", api.QueueNurse, []string{"q5", "q4"}, []string{"Nurse queue (2)", "OVERDUE 10m", "1h 30m left", "from sam 14:30", "“Dose question about", "@kim"}},
		{"4", api.QueueEscalated, []string{"q6", "q7"}, []string{"Escalated (2)", "esc 25m", "Patient upset about billing", "unowned", "hand-off overdue", "@lee"}},
		{"5", api.QueueWaiting, []string{"q8"}, []string{"Waiting on patient (1)"}},
		{"6", api.QueueClosed, []string{"q9"}, []string{"Closed (1)", "closed: appointment booked"}},
		// All: the whole inbox, newest activity first, urgent on top.
		{"7", queueAll, []string{"q10", "q3", "q4", "q6", "q1", "q8", "q2", "q5", "q7", "q9"}, []string{"All (10)", "7 All 10"}},
	} {
		t.Run("queue "+tt.key, func(t *testing.T) {
			ft := newFakeTriage(api.RoleSupervisor)
			h := newTriageHarness(t, ft, Options{}, 160, 50)
			h.press(tt.key)
			if f := ft.lastFilter(); f.Queue != tt.queue {
				t.Fatalf("asked for %+v, want queue %q", f, tt.queue)
			}
			if !h.waitFor(func() bool { return slices.Equal(h.ids(), tt.ids) }) {
				t.Fatalf("rows %v, want %v", h.ids(), tt.ids)
			}
			h.mustSee(tt.see...)
		})
	}
}

// TestQueueKeysAndCounts: ← and → walk the bar, every queue shows its
// count, and the front desk's bar leaves out the nurses' queue it may
// not open.
func TestQueueKeysAndCounts(t *testing.T) {
	h := newTriageHarness(t, newFakeTriage(api.RoleSupervisor), Options{}, 160, 50)
	h.mustSee("[1 Unanswered 4]"[:0]+"4 Escalated 2", "1 Unanswered 4", "2 Mine 2", "3 Nurse queue 2", "5 Waiting on patient 1", "6 Closed 1")
	h.press("right")
	if h.m.list.q.current != api.QueueWaiting {
		t.Fatalf("→ from Escalated went to %q", h.m.list.q.current)
	}
	h.press("left", "left")
	if h.m.list.q.current != api.QueueNurse {
		t.Fatalf("← ← went to %q", h.m.list.q.current)
	}
	fd := newTriageHarness(t, newFakeTriage(api.RoleFrontDesk), Options{}, 160, 50)
	fd.mustNotSee("Nurse queue")
	fd.mustSee("3 Escalated", "1 Unanswered 4")
}

// TestEachFilterRunsOnTheServer: each filter is sent with the queue,
// the list shows what the server answered, the bar says what is active,
// and esc clears them.
func TestEachFilterRunsOnTheServer(t *testing.T) {
	for _, tt := range []struct {
		name  string
		keys  func(h *harness)
		want  api.InboxFilter
		ids   []string
		shown string
	}{
		{"owner", func(h *harness) { h.press("F"); h.typeText("me"); h.press("enter") },
			api.InboxFilter{Owner: "me"}, []string{"q3"}, "owner me"},
		{"mark", func(h *harness) { h.press("F", "tab", "right", "enter") },
			api.InboxFilter{Mark: "urgent"}, []string{"q10"}, "mark urgent"},
		{"language", func(h *harness) { h.press("F", "tab", "tab", "right", "right", "enter") },
			api.InboxFilter{Lang: "es"}, []string{"q2"}, "language es"},
		{"waiting over", func(h *harness) { h.press("F", "shift+tab"); h.typeText("45"); h.press("enter") },
			api.InboxFilter{WaitingOver: 45 * time.Minute}, []string{"q2", "q1"}, "waiting over 45m"},
		{"search", func(h *harness) { h.press("/"); h.typeText("reschedule"); h.press("enter") },
			api.InboxFilter{Search: "reschedule"}, []string{"q1"}, "search “reschedule”"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ft := newFakeTriage(api.RoleFrontDesk)
			h := newTriageHarness(t, ft, Options{}, 160, 50)
			tt.keys(h)
			want := tt.want
			want.Queue = api.QueueUnanswered
			if got := ft.lastFilter(); got != want {
				t.Fatalf("asked %+v, want %+v", got, want)
			}
			if !h.waitFor(func() bool { return slices.Equal(h.ids(), tt.ids) }) {
				t.Fatalf("rows %v, want %v", h.ids(), tt.ids)
			}
			h.mustSee("Filtered:", tt.shown)
			h.press("esc")
			if got := ft.lastFilter(); got != (api.InboxFilter{Queue: api.QueueUnanswered}) {
				t.Fatalf("after esc asked %+v, want the queue alone", got)
			}
			h.waitFor(func() bool { return len(h.ids()) == 4 })
			h.mustNotSee("Filtered:")
		})
	}
}

// TestBadWaitIsRefusedInTheForm: a wait the form cannot read is refused
// there with the way to write it, and nothing is asked of the server.
func TestBadWaitIsRefusedInTheForm(t *testing.T) {
	ft := newFakeTriage(api.RoleFrontDesk)
	h := newTriageHarness(t, ft, Options{}, 160, 50)
	asked := len(ft.filters)
	h.press("F", "shift+tab")
	h.typeText("soon")
	h.press("enter")
	h.mustSee("Waiting over must be minutes or a duration such as 30m or 2h.")
	if fl, _, _ := ft.snapshot(); len(fl) != asked {
		t.Errorf("a bad filter reached the server: %+v", fl[len(fl)-1])
	}
	if h.m.form == nil {
		t.Error("the form closed on a bad value; what was typed is lost")
	}
}

// TestNextOpensTheOldestUnanswered: N claims the oldest waiting thread
// nobody else holds and opens it.
func TestNextOpensTheOldestUnanswered(t *testing.T) {
	ft := newFakeTriage(api.RoleFrontDesk)
	h := newTriageHarness(t, ft, Options{}, 160, 50)
	h.press("N")
	if !h.waitFor(func() bool { return h.m.pane.id == "q2" && h.m.pane.view != nil }) {
		t.Fatalf("open thread %q, want q2 (waiting 2h)", h.m.pane.id)
	}
	if _, acts, _ := ft.snapshot(); !slices.Equal(acts, []string{"claim q2"}) {
		t.Errorf("steps %v, want the claim of q2", acts)
	}
	if id, _ := h.selected(); id != "q2" {
		t.Errorf("cursor on %s, want the opened thread", id)
	}
	h.mustSee("Claimed the oldest waiting: P-1002 (waiting 2h)", "@dana")
}

// TestNextWithNothingWaiting: N on an empty queue says so and opens
// nothing.
func TestNextWithNothingWaiting(t *testing.T) {
	ft := newFakeTriage(api.RoleFrontDesk)
	ft.threads = ft.threads[8:9] // only the closed thread
	h := newTriageHarness(t, ft, Options{}, 160, 50)
	h.mustSee("Nobody is waiting for an answer.")
	h.press("N")
	h.mustSee("Nothing is waiting in your queue.")
	if h.m.pane.id != "" {
		t.Errorf("N opened %q with nothing waiting", h.m.pane.id)
	}
}

// TestClaimAndRelease: o claims the selected thread and u gives it
// back; the row shows its owner in place and the cursor stays on it.
func TestClaimAndRelease(t *testing.T) {
	ft := newFakeTriage(api.RoleFrontDesk)
	h := newTriageHarness(t, ft, Options{}, 160, 50)
	h.press("j", "j") // q1
	h.press("o")
	h.mustSee("Claimed: P-1001")
	if id, _ := h.selected(); id != "q1" || h.m.list.rows[h.m.list.cursor].wf.owner.String() != "dana" {
		t.Fatalf("cursor on %s owned by %q after claim", id, h.m.list.rows[h.m.list.cursor].wf.owner)
	}
	h.press("u")
	h.mustSee("Released: P-1001")
	if _, acts, _ := ft.snapshot(); !slices.Equal(acts, []string{"claim q1", "release q1"}) {
		t.Errorf("steps %v", acts)
	}
	if r := h.m.list.rows[h.m.list.cursor]; r.id != "q1" || !r.wf.owner.IsEmpty() {
		t.Errorf("after release the cursor row is %s owned by %q", r.id, r.wf.owner)
	}
}

// TestTriageKeysRefusedSayWhy: a key the role or the thread's situation does
// not allow is refused at once with the matrix's reason, and nothing is
// sent.
func TestTriageKeysRefusedSayWhy(t *testing.T) {
	for _, tt := range []struct {
		name string
		role api.Role
		keys []string
		why  string
	}{
		{"front desk assigns", api.RoleFrontDesk, []string{"A"}, "cannot assign threads"},
		{"front desk works an escalation", api.RoleFrontDesk, []string{"E"}, "cannot work escalations"},
		{"claim a colleague's thread", api.RoleNurse, []string{"C"}, "Someone else owns this thread"},
		{"release an unowned thread", api.RoleFrontDesk, []string{"j", "j", "u"}, "Nobody owns this thread"},
		{"reopen an open thread", api.RoleFrontDesk, []string{"O"}, "This thread is not closed."},
		{"hand off twice", api.RoleNurse, []string{"n"}, "already with the nurses"},
		{"escalate twice", api.RoleSupervisor, []string{"e"}, "already escalated"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ft := newFakeTriage(tt.role)
			h := newTriageHarness(t, ft, Options{}, 160, 50)
			h.press(tt.keys...)
			if !strings.Contains(h.toastText(), tt.why) {
				t.Fatalf("toast %q, want it to say %q", h.toastText(), tt.why)
			}
			if _, acts, notes := ft.snapshot(); len(acts)+len(notes) > 0 {
				t.Errorf("a refused key was sent: %v %v", acts, notes)
			}
		})
	}
}

// TestServerRefusalShowsItsReason: the server's refusal of a step (it
// decides again, atomically) is shown in its words.
func TestServerRefusalShowsItsReason(t *testing.T) {
	ft := newFakeTriage(api.RoleFrontDesk)
	ft.actErr = &api.StatusError{Code: http.StatusConflict, Message: "Someone else already owns this thread; a supervisor can reassign it."}
	h := newTriageHarness(t, ft, Options{}, 160, 50)
	h.press("j", "j", "o")
	h.mustSee("Not done: Someone else already owns this thread; a supervisor can reassign it.")
}

// TestHandoffWithNote: n opens the note form; the note and the thread go
// to the server; the front desk, who may not open the nurses' queue,
// sees the thread leave and the view move on to the next one, with no
// refusal.
func TestHandoffWithNote(t *testing.T) {
	ft := newFakeTriage(api.RoleFrontDesk)
	h := newTriageHarness(t, ft, Options{}, 160, 50)
	h.press("j", "j", "enter") // open q1
	h.press("n")
	h.mustSee("Hand to the nurses", "P-1001")
	h.typeText("Asks whether to fast before the test")
	h.press("enter")
	h.mustSee("Handed to the nurses: P-1001; the patient got the acknowledgment with a portal link")
	if _, _, notes := ft.snapshot(); !slices.Equal(notes, []string{"q1: Asks whether to fast before the test"}) {
		t.Fatalf("hand-offs %v", notes)
	}
	if slices.Contains(h.ids(), "q1") || h.m.pane.id != "" || h.m.form != nil {
		t.Fatalf("after the hand-off rows %v, open %q, form %v", h.ids(), h.m.pane.id, h.m.form != nil)
	}
	if id, line := h.selected(); id != "q3" || line != 2 {
		t.Errorf("cursor on %s line %d, want the next thread (q3) on the same line", id, line)
	}
	if h.m.toast.kind == toastError {
		t.Errorf("an error after the hand-off: %q", h.toastText())
	}
}

// TestHandoffRefusalKeepsTheNote: a refused note stays in the form with
// the server's reason, ready to be shortened and sent again.
func TestHandoffRefusalKeepsTheNote(t *testing.T) {
	ft := newFakeTriage(api.RoleFrontDesk)
	ft.handoffErr = &api.StatusError{Code: http.StatusBadRequest, Message: "keep the note short (at most 500 characters); the details belong in the thread"}
	h := newTriageHarness(t, ft, Options{}, 160, 50)
	h.press("n")
	h.typeText("A very long note")
	h.press("enter")
	h.mustSee("✗ keep the note short (at most 500 characters)")
	if h.m.form == nil || h.m.form.input.Value() != "A very long note" {
		t.Fatal("the refused note was lost")
	}
	h.press("enter")
	h.mustSee("Handed to the nurses: P-1010")
	if _, _, notes := ft.snapshot(); len(notes) != 2 {
		t.Errorf("hand-offs %v, want the refused one and the retry", notes)
	}
}

// TestEscalateNeedsAReason: e asks for a reason, refuses an empty one in
// the form, and sends the reason with the step.
func TestEscalateNeedsAReason(t *testing.T) {
	ft := newFakeTriage(api.RoleFrontDesk)
	h := newTriageHarness(t, ft, Options{}, 160, 50)
	h.press("j", "e", "enter")
	h.mustSee("Write a short reason")
	h.typeText("Wants to speak to a manager")
	h.press("enter")
	h.mustSee("Escalated to the supervisors: P-1002")
	if _, acts, _ := ft.snapshot(); !slices.Equal(acts, []string{"escalate q2 Wants to speak to a manager"}) {
		t.Errorf("steps %v", acts)
	}
}

// TestSupervisorWorksEscalations: on an escalation E offers reassign,
// take over, return to the front desk, close and an incident; each does
// its step.
func TestSupervisorWorksEscalations(t *testing.T) {
	ft := newFakeTriage(api.RoleSupervisor)
	h := newTriageHarness(t, ft, Options{}, 160, 50)
	h.press("E")
	h.mustSee("Escalation", "Reassign to a colleague", "Take it over", "Return to the front desk", "Close with an outcome", "Open an incident",
		"Escalated by sam", "“Patient upset about billing”", "nobody holds it")
	h.press("1")
	h.mustSee("Assign to", "Seen in this queue:")
	h.typeText("nobody")
	h.press("enter")
	h.mustSee("✗ There is no user nobody.")
	for range len("nobody") {
		h.press("backspace")
	}
	h.typeText("lee")
	h.press("enter")
	h.mustSee("Assigned to lee: P-3001")

	h.press("E", "2") // q7, now on the cursor's line: take it over
	h.mustSee("Taken over: P-3002", "No escalations.")
	_, acts, _ := ft.snapshot()
	if !slices.Equal(acts, []string{"assign q6 nobody", "assign q6 lee", "take_over q7"}) {
		t.Fatalf("steps %v", acts)
	}
	h.press("2") // Mine: the thread taken over is the supervisor's now
	h.waitFor(func() bool { return slices.Contains(h.ids(), "q7") })
	h.press("E")
	if !strings.Contains(h.toastText(), "not escalated") {
		t.Errorf("E on a settled thread: toast %q", h.toastText())
	}
}

func TestSupervisorReturnsClosesAndReportsAnEscalation(t *testing.T) {
	ft := newFakeTriage(api.RoleSupervisor)
	h := newTriageHarness(t, ft, Options{}, 160, 50)
	h.press("E", "3")
	h.mustSee("Returned to the front desk: P-3001")
	if id, _ := h.selected(); id != "q7" {
		t.Fatalf("cursor on %s after the return, want the next escalation", id)
	}
	h.press("E", "5")
	if h.m.incidents == nil {
		t.Fatal("Open an incident did not open the incident report")
	}
	h.press("esc")
	if h.m.incidents != nil {
		t.Fatal("esc left the incident report open")
	}
	h.press("E", "4")
	h.mustSee("Close with an outcome", "appointment booked")
	h.press("down", "enter")
	h.mustSee("Closed: P-3002", "No escalations.")
	_, acts, _ := ft.snapshot()
	if !slices.Equal(acts, []string{"return q6", "close q7 appointment_booked"}) {
		t.Fatalf("steps %v", acts)
	}
}

// TestCloseAndReopen: C closes with the chosen outcome; in Closed, O
// reopens.
func TestCloseAndReopen(t *testing.T) {
	ft := newFakeTriage(api.RoleFrontDesk)
	h := newTriageHarness(t, ft, Options{}, 160, 50)
	h.press("j", "j", "C", "1")
	h.mustSee("Closed: P-1001")
	h.press("5") // Closed: front desk's bar has no nurses' queue
	h.waitFor(func() bool { return slices.Contains(h.ids(), "q1") })
	h.mustSee("closed: answered")
	for id, _ := h.selected(); id != "q1"; id, _ = h.selected() {
		h.press("j")
	}
	h.press("O")
	h.mustSee("Reopened: P-1001")
	if _, acts, _ := ft.snapshot(); !slices.Equal(acts, []string{"close q1 answered", "reopen q1"}) {
		t.Errorf("steps %v", acts)
	}
}

// TestUnreadIsPerUser: an event's unread count is the server's for the
// thread, not this user's: a thread this user has read shows only the
// messages that arrived since.
func TestUnreadIsPerUser(t *testing.T) {
	ft := newFakeTriage(api.RoleFrontDesk)
	h := newTriageHarness(t, ft, Options{}, 160, 50)
	h.press("j", "j", "enter") // q1: read now
	ft.mu.Lock()
	i := ft.find("q1")
	ft.threads[i].Unread = 0
	ft.details["q1"] = api.ThreadDetail{Thread: ft.threads[i], Messages: ft.details["q1"].Messages}
	ft.mu.Unlock()
	h.press("R")
	h.waitFor(func() bool { return h.m.list.rows[h.m.list.idx["q1"]].unread == 0 })
	ev := queueFixture()[0]
	ev.Inbound, ev.Unread, ev.Seq, ev.Preview = 2, 2, 50, "One more question"
	ft.pushEvent(api.Event{Type: api.EventMessageNew, ThreadID: "q1", Thread: &ev})
	h.waitFor(func() bool { return h.m.list.rows[h.m.list.idx["q1"]].preview.String() == "One more question" })
	if got := h.m.list.rows[h.m.list.idx["q1"]].unread; got != 1 {
		t.Errorf("unread %d after one new message on a thread this user read, want 1", got)
	}
}

// TestCursorStaysPutWhileThreadsArrive: in a queue, threads arriving
// above the one under the cursor leave it on its line (the title counts
// them), and the thread itself keeps its place while the user is on it,
// even when its row would move or leave the queue; it goes when the
// cursor moves off.
func TestCursorStaysPutWhileThreadsArrive(t *testing.T) {
	ft := newFakeTriage(api.RoleFrontDesk)
	h := newTriageHarness(t, ft, Options{}, 160, 50)
	h.press("j", "j") // q1, third line
	id, line := h.selected()
	for i, wait := range []time.Duration{3 * time.Hour, 4 * time.Hour, 30 * time.Minute} {
		ts := api.ThreadSummary{ID: "new" + string(rune('a'+i)), PatientLabel: "N-" + string(rune('A'+i)), Preview: "Hello",
			State: api.ThreadOpen, Queue: api.QueueUnanswered, OptedIn: true, Inbound: 1, Unread: 1, Seq: int64(100 + i),
			LastAt: t0, WaitingSince: t0.Add(-wait)}
		ft.pushEvent(api.Event{Type: api.EventMessageNew, ThreadID: ts.ID, Thread: &ts})
		h.settle()
		if gotID, gotLine := h.selected(); gotID != id || gotLine != line {
			t.Fatalf("after arrival %d the cursor is on %s line %d, want %s line %d", i+1, gotID, gotLine, id, line)
		}
	}
	h.mustSee("↑ 2 new")
	// The user answers q1: its row would leave Unanswered; it stays
	// under the cursor, marked, until the cursor moves.
	answered := queueFixture()[0]
	answered.WaitingSince, answered.Queue, answered.Seq, answered.Preview = time.Time{}, api.QueueWaiting, 200, "Answered"
	ft.pushEvent(api.Event{Type: api.EventThreadUpdated, ThreadID: "q1", Thread: &answered})
	h.settle()
	if gotID, gotLine := h.selected(); gotID != id || gotLine != line {
		t.Fatalf("after its own reply the cursor is on %s line %d, want %s line %d", gotID, gotLine, id, line)
	}
	h.mustSee("moved")
	h.press("j")
	if slices.Contains(h.ids(), "q1") {
		t.Errorf("q1 stayed in Unanswered after the cursor left it: %v", h.ids())
	}
	h.press("g")
	h.mustNotSee("new · g to see")
	if got := h.ids(); got[0] != "q10" || got[1] != "newb" || got[2] != "newa" {
		t.Errorf("rows %v: the arrivals are not in the queue's order", got)
	}
}

// TestQueueBarFitsANarrowTerminal: below 80 columns (the stacked
// layout) every queue and its count still fits on the bar.
func TestQueueBarFitsANarrowTerminal(t *testing.T) {
	h := newTriageHarness(t, newFakeTriage(api.RoleSupervisor), Options{}, 70, 24)
	h.mustSee("Inbox", "1 Unans 4", "[4 Escal 2]", "6 Closed 1")
}

// TestSearchKeepsOnlyWhatTheServerMatched: during a search the console
// cannot tell whether a new thread matches (the match is on masked text
// only the server reads), so a live row not on screen is not added; a
// row on screen is updated in place.
func TestSearchKeepsOnlyWhatTheServerMatched(t *testing.T) {
	ft := newFakeTriage(api.RoleFrontDesk)
	h := newTriageHarness(t, ft, Options{}, 160, 50)
	h.press("/")
	h.typeText("reschedule")
	h.press("enter")
	if !h.waitFor(func() bool { return slices.Equal(h.ids(), []string{"q1"}) }) {
		t.Fatalf("rows %v, want the search's q1", h.ids())
	}
	other := queueFixture()[1] // q2, not a match
	other.Seq, other.Preview = 60, "Any news?"
	ft.pushEvent(api.Event{Type: api.EventMessageNew, ThreadID: other.ID, Thread: &other})
	same := queueFixture()[0]
	same.Seq, same.Preview = 61, "Can I reschedule to Friday instead?"
	ft.pushEvent(api.Event{Type: api.EventMessageNew, ThreadID: same.ID, Thread: &same})
	h.mustSee("Can I reschedule to Friday instead?")
	if !slices.Equal(h.ids(), []string{"q1"}) {
		t.Errorf("rows %v during the search, want only q1", h.ids())
	}
}

// TestUrgentArrivalIsNeverHidden: keeping the list still must not hide
// an urgent thread arriving above the cursor: the list shows its top.
func TestUrgentArrivalIsNeverHidden(t *testing.T) {
	ft := newFakeTriage(api.RoleFrontDesk)
	h := newTriageHarness(t, ft, Options{}, 160, 50)
	h.press("j", "j") // q1
	calm := api.ThreadSummary{ID: "calm", PatientLabel: "P-7001", Preview: "Hello", State: api.ThreadOpen,
		Queue: api.QueueUnanswered, OptedIn: true, Inbound: 1, Unread: 1, Seq: 70, LastAt: t0, WaitingSince: t0.Add(-3 * time.Hour)}
	ft.pushEvent(api.Event{Type: api.EventMessageNew, ThreadID: calm.ID, Thread: &calm})
	h.waitFor(func() bool { return h.m.list.offset > 0 })
	urgent := api.ThreadSummary{ID: "sos", PatientLabel: "P-7002", Preview: "[SYMPTOM] now", State: api.ThreadOpen, Urgent: true,
		Queue: api.QueueUnanswered, OptedIn: true, Inbound: 1, Unread: 1, Seq: 71, LastAt: t0, WaitingSince: t0}
	ft.pushEvent(api.Event{Type: api.EventMessageNew, ThreadID: urgent.ID, Thread: &urgent})
	h.mustSee("P-7002 [URGENT]")
	if id, _ := h.selected(); id != "q1" {
		t.Errorf("cursor on %s, want it still on q1", id)
	}
}
