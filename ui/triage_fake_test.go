package ui

import (
	"context"
	"errors"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// fakeTriage is the fake backend with the triage workflow: it keeps each
// thread's queue, owner, hand-off and escalation the way the server
// does, pages and filters the queues, and records what it was asked.
type fakeTriage struct {
	*fakeBackend

	filters      []api.InboxFilter // every QueuePage asked
	acts         []string          // "claim q1", "assign q6 lee", "close q1 answered"
	nexts        int
	handoffNotes []string // "q1: note"
	handoffErr   error    // answered to the next hand-off
	actErr       error    // answered to the next step
	countCalls   int
	afters       []string // the after of every QueuePage asked
}

// users are the colleagues the fake knows, by username.
var fakeUsers = map[string]string{"dana": "u1", "sam": "u2", "lee": "u3", "kim": "u4"}

func newFakeTriage(role api.Role) *fakeTriage {
	fb := newFakeBackend()
	fb.role = role
	fb.threads = queueFixture()
	fb.details = map[string]api.ThreadDetail{}
	for _, ts := range fb.threads {
		fb.details[ts.ID] = api.ThreadDetail{Thread: ts, Messages: []api.Message{
			{ID: "m-" + ts.ID, Direction: "in", Type: "text", At: ts.LastAt, Masked: ts.Preview},
		}}
	}
	return &fakeTriage{fakeBackend: fb}
}

// queueFixture is a morning's threads across every queue. dana (u1) is
// the signed-in user.
func queueFixture() []api.ThreadSummary {
	ago := func(d time.Duration) time.Time { return t0.Add(-d) }
	open := func(id, label, preview, lang string, waiting time.Duration, last time.Duration) api.ThreadSummary {
		ts := api.ThreadSummary{ID: id, PatientLabel: label, Preview: preview, OptedIn: true, State: api.ThreadOpen,
			LastAt: ago(last), WindowOpenUntil: t0.Add(20 * time.Hour), Lang: lang, Inbound: 1, Unread: 1, Seq: 1}
		if waiting > 0 {
			ts.Queue, ts.WaitingSince = api.QueueUnanswered, ago(waiting)
		} else {
			ts.Queue, ts.Unread = api.QueueWaiting, 0
		}
		return ts
	}
	q1 := open("q1", "P-1001", "Can I reschedule to [DATE]?", "en", 50*time.Minute, 50*time.Minute)
	q2 := open("q2", "P-1002", "¿Dónde puedo estacionar?", "es", 2*time.Hour, 2*time.Hour)
	q3 := open("q3", "P-1003", "Is the clinic open Saturday?", "en", 10*time.Minute, 10*time.Minute)
	q3.OwnerID, q3.Owner = "u1", "dana"
	q4 := api.ThreadSummary{ID: "q4", PatientLabel: "P-2001", Preview: "Should I take [MEDICATION] twice?", OptedIn: true,
		State: api.ThreadClinical, Clinical: true, Queue: api.QueueNurse, LastAt: ago(35 * time.Minute), Lang: "en",
		WindowOpenUntil: t0.Add(20 * time.Hour), Inbound: 1, Seq: 1,
		Handoff: &api.HandoffInfo{By: "sam", At: ago(30 * time.Minute), Note: "Dose question about [MEDICATION]",
			DueAt: t0.Add(90 * time.Minute), LeftSeconds: 5400}}
	q5 := api.ThreadSummary{ID: "q5", PatientLabel: "P-2002", Preview: "The [SYMPTOM] is worse", OptedIn: true,
		State: api.ThreadClinical, Clinical: true, Queue: api.QueueNurse, LastAt: ago(3 * time.Hour), Lang: "en",
		WindowOpenUntil: t0.Add(20 * time.Hour), Inbound: 2, Unread: 1, Seq: 1, OwnerID: "u4", Owner: "kim",
		Handoff: &api.HandoffInfo{By: "dana", At: ago(3 * time.Hour), Note: "Worse since yesterday",
			DueAt: ago(10 * time.Minute), LeftSeconds: 0, Overdue: true}}
	q6 := open("q6", "P-3001", "This is the third time I ask about my bill", "en", 40*time.Minute, 40*time.Minute)
	q6.Queue = api.QueueEscalated
	q6.Escalation = &api.EscalationInfo{Kind: api.EscalationManual, By: "sam", At: ago(25 * time.Minute), Reason: "Patient upset about billing"}
	q7 := api.ThreadSummary{ID: "q7", PatientLabel: "P-3002", Preview: "Nobody called me back", OptedIn: true,
		State: api.ThreadClinical, Clinical: true, Queue: api.QueueEscalated, LastAt: ago(4 * time.Hour), Lang: "en",
		WindowOpenUntil: t0.Add(20 * time.Hour), Inbound: 1, Seq: 1, OwnerID: "u3", Owner: "lee",
		Handoff:    &api.HandoffInfo{By: "dana", At: ago(4 * time.Hour), DueAt: ago(5 * time.Minute), Overdue: true},
		Escalation: &api.EscalationInfo{Kind: api.EscalationSLA, By: "system", At: ago(5 * time.Minute)}}
	q8 := open("q8", "P-4001", "Thanks, see you then", "en", 0, 70*time.Minute)
	q8.OwnerID, q8.Owner = "u1", "dana"
	q9 := api.ThreadSummary{ID: "q9", PatientLabel: "P-5001", Preview: "Booked, thank you", OptedIn: true,
		State: api.ThreadClosed, Queue: api.QueueClosed, LastAt: ago(5 * time.Hour), Lang: "en",
		WindowOpenUntil: t0.Add(18 * time.Hour), Inbound: 1, Seq: 1, ClosedOutcome: "appointment_booked"}
	u := open("q10", "P-1010", "I have [SYMPTOM] and cannot breathe", "en", 5*time.Minute, 5*time.Minute)
	u.Urgent = true
	return []api.ThreadSummary{q1, q2, q3, q4, q5, q6, q7, q8, q9, u}
}

// inFakeQueue says where the fake's server would list ts.
func inFakeQueue(ts api.ThreadSummary, q api.Queue) bool {
	if q == api.QueueMine {
		return ts.OwnerID == "u1" && ts.State != api.ThreadClosed
	}
	return q == "" || ts.Queue == q
}

func (f *fakeTriage) QueuePage(_ context.Context, flt api.InboxFilter, after string, limit int) (api.ThreadPage, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.inboxHits++
	f.filters = append(f.filters, flt)
	if !f.policy.Acknowledged {
		return api.ThreadPage{}, ackRequired()
	}
	role := policy.Role(f.role)
	var list []api.ThreadSummary
	for _, ts := range f.threads {
		if ts.State == api.ThreadClinical && !policy.Can(role, policy.ActionViewClinicalThreads) {
			continue
		}
		if !inFakeQueue(ts, flt.Queue) || !fakeMatches(ts, flt) {
			continue
		}
		list = append(list, ts)
	}
	// Sorted and paged as the server does, on the summaries themselves
	// (not the console's rows), so a cursor the console writes wrongly
	// reads the wrong page.
	keyed := api.KeyedQueue(flt.Queue)
	before := func(a, b api.ThreadSummary) bool {
		if a.Urgent != b.Urgent {
			return a.Urgent
		}
		if keyed {
			if ka, kb := api.QueueSortKey(flt.Queue, a), api.QueueSortKey(flt.Queue, b); ka != kb {
				return ka < kb
			}
			return a.ID < b.ID
		}
		if !a.LastAt.Equal(b.LastAt) {
			return a.LastAt.After(b.LastAt)
		}
		if a.Arrival != b.Arrival {
			return a.Arrival > b.Arrival
		}
		return a.ID < b.ID
	}
	sort.SliceStable(list, func(i, j int) bool { return before(list[i], list[j]) })
	cursorOf := func(ts api.ThreadSummary) string {
		if keyed {
			return api.QueueCursor(ts.Urgent, api.QueueSortKey(flt.Queue, ts), ts.ID)
		}
		return api.InboxCursor(ts.Urgent, ts.LastAt, ts.Arrival, ts.ID)
	}
	start := 0
	if after != "" {
		var pos api.ThreadSummary
		if keyed {
			u, k, id, err := api.ParseQueueCursor(after)
			if err != nil {
				return api.ThreadPage{}, err
			}
			// A row whose key is k: waiting since k is the same in every
			// keyed queue's order for this comparison.
			pos = api.ThreadSummary{ID: id, Urgent: u, WaitingSince: time.Unix(0, k),
				Escalation: &api.EscalationInfo{At: time.Unix(0, k)}, Handoff: &api.HandoffInfo{DueAt: time.Unix(0, k)}}
		} else {
			u, at, arrival, id, err := api.ParseInboxCursor(after)
			if err != nil {
				return api.ThreadPage{}, err
			}
			pos = api.ThreadSummary{ID: id, Urgent: u, LastAt: time.Unix(0, at), Arrival: arrival}
		}
		start = sort.Search(len(list), func(i int) bool { return before(pos, list[i]) })
	}
	end := min(start+limit, len(list))
	f.afters = append(f.afters, after)
	page := api.ThreadPage{Seq: f.seq, Threads: list[start:end], Counts: map[api.ThreadState]int{}}
	if after == "" {
		page.Queues = f.countsLocked() // as the server: with the first page only
	}
	if end < len(list) {
		page.Next = cursorOf(list[end-1])
	}
	return page, nil
}

func fakeMatches(ts api.ThreadSummary, f api.InboxFilter) bool {
	switch f.Owner {
	case "":
	case "me":
		if ts.OwnerID != "u1" {
			return false
		}
	case "none":
		if ts.OwnerID != "" {
			return false
		}
	default:
		if ts.Owner != f.Owner {
			return false
		}
	}
	switch f.Mark {
	case "urgent":
		if !ts.Urgent {
			return false
		}
	case "escalated":
		if ts.Escalation == nil {
			return false
		}
	case "overdue":
		if ts.Handoff == nil || !ts.Handoff.Overdue {
			return false
		}
	}
	if f.Lang != "" && ts.Lang != f.Lang {
		return false
	}
	if f.WaitingOver > 0 && (ts.WaitingSince.IsZero() || t0.Sub(ts.WaitingSince) <= f.WaitingOver) {
		return false
	}
	if s := strings.ToLower(f.Search); s != "" {
		text := strings.ToLower(ts.Preview)
		if ts.Handoff != nil {
			text += " " + strings.ToLower(ts.Handoff.Note)
		}
		if ts.Escalation != nil {
			text += " " + strings.ToLower(ts.Escalation.Reason)
		}
		if !strings.Contains(text, s) {
			return false
		}
	}
	return true
}

func (f *fakeTriage) countsLocked() map[api.Queue]int {
	out := map[api.Queue]int{}
	role := policy.Role(f.role)
	for _, ts := range f.threads {
		if ts.State == api.ThreadClinical && !policy.Can(role, policy.ActionViewClinicalThreads) {
			continue
		}
		for _, q := range api.Queues() {
			if inFakeQueue(ts, q) {
				out[q]++
			}
		}
	}
	return out
}

func (f *fakeTriage) QueueCounts(context.Context) (map[api.Queue]int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.countCalls++
	return f.countsLocked(), nil
}

func (f *fakeTriage) find(id string) int {
	for i, ts := range f.threads {
		if ts.ID == id {
			return i
		}
	}
	return -1
}

// settle puts a thread in the queue its state says, as the server's
// queue expression does.
func settleQueue(ts *api.ThreadSummary) {
	switch {
	case ts.State == api.ThreadClosed:
		ts.Queue = api.QueueClosed
	case ts.Escalation != nil:
		ts.Queue = api.QueueEscalated
	case ts.State == api.ThreadClinical:
		ts.Queue = api.QueueNurse
	case !ts.WaitingSince.IsZero():
		ts.Queue = api.QueueUnanswered
	default:
		ts.Queue = api.QueueWaiting
	}
}

func (f *fakeTriage) ThreadAct(_ context.Context, id string, act policy.ThreadAct, req api.ThreadActRequest) (api.ThreadActResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	rec := string(act) + " " + id
	if req.User != "" {
		rec += " " + req.User
	}
	if req.Outcome != "" {
		rec += " " + req.Outcome
	}
	if req.Reason != "" {
		rec += " " + req.Reason
	}
	f.acts = append(f.acts, rec)
	if err := f.actErr; err != nil {
		f.actErr = nil
		return api.ThreadActResult{}, err
	}
	i := f.find(id)
	if i < 0 {
		return api.ThreadActResult{}, &api.StatusError{Code: http.StatusNotFound, Message: "thread not found"}
	}
	ts := &f.threads[i]
	switch act {
	case policy.ActClaim, policy.ActTakeOver:
		ts.OwnerID, ts.Owner, ts.OwnedAt = "u1", "dana", t0
		if act == policy.ActTakeOver {
			ts.Escalation = nil
		}
	case policy.ActRelease:
		ts.OwnerID, ts.Owner = "", ""
	case policy.ActAssign:
		uid, ok := fakeUsers[req.User]
		if !ok {
			return api.ThreadActResult{}, &api.StatusError{Code: http.StatusBadRequest, Message: "There is no user " + req.User + "."}
		}
		ts.OwnerID, ts.Owner, ts.Escalation = uid, req.User, nil
	case policy.ActClose:
		ts.State, ts.ClosedOutcome, ts.OwnerID, ts.Owner, ts.Escalation = api.ThreadClosed, req.Outcome, "", "", nil
	case policy.ActReopen:
		ts.State, ts.ClosedOutcome = api.ThreadOpen, ""
	case policy.ActEscalate:
		ts.Escalation = &api.EscalationInfo{Kind: api.EscalationManual, By: "dana", At: t0, Reason: req.Reason}
	case policy.ActReturn:
		ts.State, ts.Escalation, ts.Handoff, ts.OwnerID, ts.Owner = api.ThreadOpen, nil, nil, "", ""
	}
	settleQueue(ts)
	f.seq++
	ts.Seq = f.seq
	return api.ThreadActResult{Thread: *ts, Visible: true}, nil
}

func (f *fakeTriage) NextThread(_ context.Context, req api.NextRequest) (api.NextResult, error) {
	f.mu.Lock()
	f.nexts++
	var pick *api.ThreadSummary
	for i := range f.threads {
		ts := &f.threads[i]
		if ts.Queue != api.QueueUnanswered || (ts.OwnerID != "" && ts.OwnerID != "u1") {
			continue
		}
		if pick == nil || ts.WaitingSince.Before(pick.WaitingSince) {
			pick = ts
		}
	}
	f.mu.Unlock()
	if pick == nil {
		return api.NextResult{}, nil
	}
	if !req.Claim {
		return api.NextResult{Thread: pick}, nil
	}
	res, err := f.ThreadAct(context.Background(), pick.ID, policy.ActClaim, api.ThreadActRequest{})
	if err != nil {
		return api.NextResult{}, err
	}
	return api.NextResult{Thread: &res.Thread, Claimed: true}, nil
}

func (f *fakeTriage) HandoffWithNote(_ context.Context, id string, req api.HandoffRequest) (api.HandoffResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.handoffNotes = append(f.handoffNotes, id+": "+req.Note)
	if err := f.handoffErr; err != nil {
		f.handoffErr = nil
		return api.HandoffResult{}, err
	}
	i := f.find(id)
	if i < 0 {
		return api.HandoffResult{}, errors.New("thread not found")
	}
	ts := &f.threads[i]
	ts.State, ts.Clinical, ts.OwnerID, ts.Owner = api.ThreadClinical, true, "", ""
	ts.Handoff = &api.HandoffInfo{By: "dana", At: t0, Note: req.Note, DueAt: t0.Add(2 * time.Hour), LeftSeconds: 7200}
	settleQueue(ts)
	f.seq++
	ts.Seq = f.seq
	visible := policy.Can(policy.Role(f.role), policy.ActionViewClinicalThreads)
	res := api.HandoffResult{ThreadSummary: *ts, Visible: visible, Ack: api.HandoffAck{Sent: true, MessageID: "ack-" + id}}
	if !visible {
		res.ThreadSummary = api.ThreadSummary{ID: id, Gone: true}
	}
	return res, nil
}

func (f *fakeTriage) snapshot() (filters []api.InboxFilter, acts, notes []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]api.InboxFilter(nil), f.filters...), append([]string(nil), f.acts...), append([]string(nil), f.handoffNotes...)
}

func (f *fakeTriage) lastFilter() api.InboxFilter {
	fl, _, _ := f.snapshot()
	if len(fl) == 0 {
		return api.InboxFilter{}
	}
	return fl[len(fl)-1]
}

// newTriageHarness drives a console over ft, signed in, at w×h.
func newTriageHarness(t *testing.T, ft *fakeTriage, opts Options, w, h int) *harness {
	t.Helper()
	clock := &fakeClock{now: t0}
	opts.Now = clock.Now
	hs := &harness{t: t, fb: ft.fakeBackend, clock: clock, out: make(chan tea.Msg, 1024),
		running: map[int]time.Time{}, wake: make(chan struct{}, 1)}
	hs.m = New(ft, opts)
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(hs.m.Init())
	hs.settle()
	hs.signIn()
	return hs
}

// ids is the inbox's thread ids, in order on screen.
func (h *harness) ids() []string {
	var out []string
	for _, r := range h.m.list.rows {
		out = append(out, r.id)
	}
	return out
}

// selected is the thread under the cursor and its line on screen.
func (h *harness) selected() (string, int) {
	l := &h.m.list
	if l.cursor >= len(l.rows) {
		return "", -1
	}
	return l.rows[l.cursor].id, l.cursor - l.offset
}

// toastText is the footer's current toast, or "".
func (h *harness) toastText() string {
	if h.m.toast == nil {
		return ""
	}
	return h.m.toast.text.String()
}
