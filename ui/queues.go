package ui

import (
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// The inbox is worked in queues: Unanswered (oldest wait first), Mine,
// the nurses' queue (soonest SLA deadline first), Escalated, Waiting on
// patient and Closed. The server decides which queue a thread is in and
// pages each queue in its own order, filtered and searched on the
// server; the console shows one queue at a time, with every queue's count
// in the bar above the panes, and keeps a live event's row only when it
// belongs to the queue and filters on screen. A role lands on the queue
// its job starts from: front desk on Unanswered, nurses on theirs,
// supervisors on Escalated.

// rowWorkflow is a row's place in the triage workflow, ready to draw.
// Every field is comparable, so rows compare with ==.
type rowWorkflow struct {
	queue        api.Queue
	ownerID      string
	owner        policy.SafeText
	ownedAt      time.Time
	waitingSince time.Time
	lang         string

	handoff     bool
	handoffBy   policy.SafeText
	handoffAt   time.Time
	handoffNote policy.SafeText // masked by the server
	dueAt       time.Time
	leftSeconds int64 // business time left when the server read the row
	overdue     bool

	escalated bool
	escKind   api.EscalationKind
	escBy     policy.SafeText
	escAt     time.Time
	escReason policy.SafeText // masked by the server

	outcome policy.SafeText
}

func newRowWorkflow(s api.ThreadSummary) rowWorkflow {
	wf := rowWorkflow{
		queue: s.Queue, ownerID: s.OwnerID, owner: policy.SanitizeLine(s.Owner), ownedAt: s.OwnedAt,
		waitingSince: s.WaitingSince, lang: s.Lang, outcome: policy.SanitizeLine(strings.ReplaceAll(s.ClosedOutcome, "_", " ")),
	}
	if h := s.Handoff; h != nil {
		wf.handoff = true
		wf.handoffBy, wf.handoffAt, wf.handoffNote = policy.SanitizeLine(h.By), h.At, policy.SanitizeLine(h.Note)
		wf.dueAt, wf.leftSeconds, wf.overdue = h.DueAt, h.LeftSeconds, h.Overdue
	}
	if e := s.Escalation; e != nil {
		wf.escalated = true
		wf.escKind, wf.escBy, wf.escAt, wf.escReason = e.Kind, policy.SanitizeLine(e.By), e.At, policy.SanitizeLine(e.Reason)
	}
	return wf
}

// slaLeft is the hand-off's time left at now: the business time the
// server counted when it read the row, never more than the wall-clock
// time to the deadline (business time runs no faster than the clock).
// overdue once the deadline has passed.
func (wf rowWorkflow) slaLeft(now time.Time) (left time.Duration, overdue bool) {
	if wf.dueAt.IsZero() {
		return 0, wf.overdue
	}
	left = min(time.Duration(wf.leftSeconds)*time.Second, wf.dueAt.Sub(now))
	if wf.overdue || !now.Before(wf.dueAt) {
		return now.Sub(wf.dueAt), true
	}
	return max(left, 0), false
}

// queueTab is one queue as the bar shows it.
type queueTab struct {
	q           api.Queue
	name, short string
	order       string // how the queue is sorted, for the list title
}

var queueTabs = []queueTab{
	{api.QueueUnanswered, "Unanswered", "Unans", "oldest wait first"},
	{api.QueueMine, "Mine", "Mine", "newest first"},
	{api.QueueNurse, "Nurse queue", "Nurse", "soonest deadline first"},
	{api.QueueEscalated, "Escalated", "Escal", "oldest first"},
	{api.QueueWaiting, "Waiting on patient", "Wait", "newest first"},
	{api.QueueClosed, "Closed", "Closed", "newest first"},
	// Every thread the user may see, newest activity first: for watching
	// the whole morning go by.
	{queueAll, "All", "All", "newest first"},
}

// queueAll is the bar's last tab: no queue, the whole inbox.
const queueAll api.Queue = ""

func tabOf(q api.Queue) queueTab {
	for _, t := range queueTabs {
		if t.q == q {
			return t
		}
	}
	return queueTab{name: "Inbox", short: "Inbox", order: "newest first"}
}

// queueState is which queue and filters the inbox shows, for one session
// (the inbox list holds it; nil is the plain inbox of a backend without
// queues).
type queueState struct {
	on      bool
	userID  string
	tabs    []queueTab
	current api.Queue
	counts  map[api.Queue]int
	tb      TriageBackend
	// filter narrows the queue (Queue itself is current): owner, state
	// mark, language, waiting longer than, and the search.
	filter api.InboxFilter
	// newAbove counts threads that arrived above the cursor while the
	// list kept still; the title says so instead of jumping.
	newAbove int
	// still lets the list scroll past its end so the thread being read
	// stays on its line when threads arrive above it; it ends when the
	// user goes back to the top.
	still bool
	// pinned is the thread under the cursor whose row changed place (or
	// left the queue) while the user was on it: it stays where it is
	// until the cursor moves off it.
	pinned    string
	pinnedRow map[string]api.ThreadSummary // its newest row, applied when the cursor leaves

	countsBusy, countsAgain bool
}

// newQueues is a new session's queues: its role's queue, no filters, or
// nil when the backend has no queues (the plain inbox).
func (m *Model) newQueues() *queueState {
	role := policy.Role(m.user.Role)
	tb := m.triageBackend()
	if tb == nil || !policy.Can(role, policy.ActionViewThreads) {
		return nil
	}
	q := &queueState{on: true, userID: m.user.ID, tb: tb}
	for _, t := range queueTabs {
		if t.q == api.QueueNurse && !policy.Can(role, policy.ActionViewClinicalThreads) {
			continue // front desk hands off to it but cannot open it
		}
		q.tabs = append(q.tabs, t)
	}
	q.current = defaultQueue(role)
	return q
}

// queues is the session's queue state, or a switched-off one.
func (m *Model) queues() *queueState {
	if m.list.q == nil {
		return &queueState{}
	}
	return m.list.q
}

// defaultQueue is where a role's work starts.
func defaultQueue(r policy.Role) api.Queue {
	switch r {
	case policy.RoleNurse:
		return api.QueueNurse
	case policy.RoleSupervisor:
		return api.QueueEscalated
	}
	return api.QueueUnanswered
}

// filter is what the inbox pages ask the server for.
func (q *queueState) pageFilter() api.InboxFilter {
	f := q.filter
	f.Queue = q.current
	return f
}

// filtersActive says whether anything beyond the queue narrows the list.
func (q *queueState) filtersActive() bool {
	f := q.filter
	return q.on && (f.Owner != "" || f.Mark != "" || f.Lang != "" || f.WaitingOver > 0 || f.Search != "")
}

// keyedOrder says whether the current queue is sorted on its own clock
// (oldest first) rather than the inbox's newest-first order.
func (q *queueState) keyedOrder() bool {
	return q != nil && q.on && api.KeyedQueue(q.current)
}

// queueKeyOf is a row's value of its queue's sort key, as the server
// sorts and writes it in its cursors (api.QueueSortKey).
func queueKeyOf(q api.Queue, r threadRow) int64 {
	wf := r.wf
	ts := api.ThreadSummary{WaitingSince: wf.waitingSince}
	if wf.escalated {
		ts.Escalation = &api.EscalationInfo{At: wf.escAt}
	}
	if wf.handoff {
		ts.Handoff = &api.HandoffInfo{At: wf.handoffAt, DueAt: wf.dueAt}
	}
	return api.QueueSortKey(q, ts)
}

// rowBefore is the order of the list on screen: the queue's own when it
// is keyed, else the inbox's.
func (l *inboxList) rowBefore(a, b threadRow) bool {
	if !l.q.keyedOrder() {
		return sortsBefore(a, b)
	}
	if a.urgent != b.urgent {
		return a.urgent
	}
	ka, kb := queueKeyOf(l.q.current, a), queueKeyOf(l.q.current, b)
	if ka != kb {
		return ka < kb
	}
	return a.id < b.id
}

// inView says whether a thread's row belongs in the list on screen: in
// the current queue and through every filter the console can check. A
// search cannot be checked here (it reads masked message text on the
// server), so during one only rows already held stay.
func (l *inboxList) inView(ts api.ThreadSummary, held bool) bool {
	q := l.q
	if q == nil || !q.on {
		return true
	}
	switch {
	case q.current == queueAll:
	case q.current == api.QueueMine:
		if ts.OwnerID != q.userID || ts.State == api.ThreadClosed {
			return false
		}
	case ts.Queue != "" && ts.Queue != q.current:
		return false
	}
	f := q.filter
	switch f.Owner {
	case "":
	case "me":
		if ts.OwnerID != q.userID {
			return false
		}
	case "none":
		if ts.OwnerID != "" {
			return false
		}
	default:
		if !strings.EqualFold(ts.Owner, f.Owner) {
			return false
		}
	}
	switch f.Mark {
	case "urgent":
		if !ts.Urgent {
			return false
		}
	case "clinical":
		if !ts.Clinical && ts.State != api.ThreadClinical {
			return false
		}
	case "escalated":
		if ts.Escalation == nil {
			return false
		}
	case "overdue":
		if ts.Handoff == nil || ts.State != api.ThreadClinical || ts.Handoff.DueAt.IsZero() || l.now.Before(ts.Handoff.DueAt) {
			return false
		}
	case "opted_out":
		if ts.OptedIn {
			return false
		}
	}
	if f.Lang != "" && ts.Lang != f.Lang {
		return false
	}
	if f.WaitingOver > 0 && (ts.WaitingSince.IsZero() || l.now.Sub(ts.WaitingSince) <= f.WaitingOver) {
		return false
	}
	if f.Search != "" && !held {
		return false
	}
	return true
}

// switchQueue shows another queue of the bar, from its first page.
func (m *Model) switchQueue(to api.Queue) tea.Cmd {
	q := m.list.q
	if q == nil || !q.on || to == q.current {
		return nil
	}
	q.current = to
	return m.list.reload()
}

// stepQueue moves along the bar by step (wrapping).
func (m *Model) stepQueue(step int) tea.Cmd {
	q := m.list.q
	if q == nil || !q.on || len(q.tabs) == 0 {
		return nil
	}
	i := 0
	for k, t := range q.tabs {
		if t.q == q.current {
			i = k
		}
	}
	i = (i + step + len(q.tabs)) % len(q.tabs)
	return m.switchQueue(q.tabs[i].q)
}

// queueByNumber is the digit keys: 1 is the first queue in the bar.
func (m *Model) queueByNumber(msg tea.KeyMsg) tea.Cmd {
	q := m.list.q
	s := msg.String()
	if q == nil || !q.on || len(s) != 1 {
		return nil
	}
	n := int(s[0] - '1')
	if n < 0 || n >= len(q.tabs) {
		return nil
	}
	return m.switchQueue(q.tabs[n].q)
}

// reload drops the held rows and asks for the first page of what the
// queue and filters now say; an answer still on its way for the old
// view is dropped by the generation.
func (l *inboxList) reload() tea.Cmd {
	if q := l.q; q != nil {
		q.newAbove, q.pinned, q.still, q.pinnedRow = 0, "", false, nil
	}
	l.rows, l.cursor, l.offset, l.ready = nil, 0, 0, false
	l.idx, l.next, l.seq, l.toEnd = nil, "", 0, false
	l.above, l.top, l.toTop = nil, "", false
	l.busy, l.again = false, false
	return l.fetch()
}

// afterMove settles what waited for the cursor to move: the row it left
// that changed place while the user was on it goes where it now belongs
// (or leaves the queue), and reaching the top of the list clears the
// "n new" hint.
func (l *inboxList) afterMove() {
	q := l.q
	if q == nil {
		return
	}
	if id := q.pinned; id != "" && (l.cursor >= len(l.rows) || l.rows[l.cursor].id != id) {
		q.pinned = ""
		if ts, ok := q.pinnedRow[id]; ok {
			delete(q.pinnedRow, id)
			l.applyRow(ts)
		}
	}
	if l.offset == 0 {
		q.newAbove, q.still = 0, false
	}
}

// heldDisagrees says the list holds the whole queue on screen (no page
// above or below it, no filter the counts ignore) and yet not the number
// of threads the server counts in it: some change never reached this
// console as an event.
func (l *inboxList) heldDisagrees() bool {
	q := l.q
	if q == nil || !q.on || q.counts == nil || !l.ready || l.busy || q.filtersActive() || l.next != "" || len(l.above) > 0 {
		return false
	}
	if l.seq == 0 {
		// No change number to ask from: settling it would mean reading
		// the first page again, under the user's cursor.
		return false
	}
	held := len(l.rows)
	if ts, ok := q.pinnedRow[q.pinned]; ok && q.pinned != "" && !l.inView(ts, true) {
		held-- // it left the queue, kept on its line until the cursor leaves it
	}
	return held != q.count(q.current)
}

// stillOffset is how far the list may scroll to keep the thread being
// read still while threads arrive above it (the rows above it hidden, the
// title counting them), else 0.
func (l *inboxList) stillOffset() int {
	if l.q != nil && l.q.still {
		return l.cursor
	}
	return 0
}

// keepsPlace updates the row under the cursor in place when its new row
// would move it or take it out of the queue on screen, and remembers the
// new row for when the cursor leaves (afterMove). It reports whether it
// did.
func (l *inboxList) keepsPlace(i int, ts api.ThreadSummary) bool {
	q := l.q
	if q == nil || !q.on {
		return false
	}
	row := newThreadRow(ts)
	stays := l.inView(ts, true) &&
		(i == 0 || !l.rowBefore(row, l.rows[i-1])) &&
		(i == len(l.rows)-1 || !l.rowBefore(l.rows[i+1], row))
	if stays {
		return false // it sorts where it is: an ordinary update
	}
	l.rows[i] = row
	q.pinned = ts.ID
	if q.pinnedRow == nil {
		q.pinnedRow = map[string]api.ThreadSummary{}
	}
	q.pinnedRow[ts.ID] = ts
	return true
}

// dropRow takes a thread out of the list now (the user's own step moved
// it out of the queue on screen): the cursor stays on its line, which
// shows the next thread.
func (l *inboxList) dropRow(id string) {
	i, ok := l.idx[id]
	if !ok {
		return
	}
	selected, line := l.selection()
	l.removeRow(i)
	if q := l.q; q != nil && q.pinned == id {
		q.pinned = ""
		delete(q.pinnedRow, id)
	}
	if selected != id {
		l.restoreSelection(selected, line)
		return
	}
	l.clamp()
}

// queueBarHeight is how many lines the bar takes above the panes.
func (m *Model) queueBarHeight() int {
	q := m.list.q
	if m.screen != screenMain || q == nil || !q.on {
		return 0
	}
	if q.filtersActive() {
		return 2
	}
	return 1
}

// queueBarView is the queues with their counts, the current one
// reversed and bracketed (so it reads without colour), and under it the
// active filters.
func (m *Model) queueBarView() string {
	if m.queueBarHeight() == 0 {
		return ""
	}
	t := m.theme
	q := m.list.q
	short := m.width < 110
	var parts []string
	for i, tab := range q.tabs {
		name := tab.name
		if short {
			name = tab.short
		}
		n := strconv.Itoa(q.count(tab.q))
		if q.counts == nil {
			n = "…"
		}
		label := strconv.Itoa(i+1) + " " + name + " " + n
		if tab.q == q.current {
			parts = append(parts, t.Selected.Render("["+label+"]"))
			continue
		}
		st := t.Text
		switch {
		case tab.q == api.QueueEscalated && q.counts[tab.q] > 0:
			st = t.Escalated
		case tab.q == api.QueueUnanswered && q.counts[tab.q] > 0:
			st = t.Title
		}
		pad := " "
		if short {
			pad = "" // in a narrow terminal every column counts
		}
		parts = append(parts, pad+st.Render(label)+pad)
	}
	bar := fit(t.Title.Render("Inbox ")+strings.Join(parts, t.Faint.Render("│")), m.width)
	if !q.filtersActive() {
		return bar
	}
	return bar + "\n" + fit(t.Warning.Render("Filtered: ")+q.filterSummary()+t.Faint.Render(" · esc clears · F edits"), m.width)
}

// count is how many threads a tab holds: the server's count for a queue;
// for All, the threads in the queues that partition the inbox.
func (q *queueState) count(of api.Queue) int {
	if of != queueAll {
		return q.counts[of]
	}
	n := 0
	for _, p := range []api.Queue{api.QueueUnanswered, api.QueueNurse, api.QueueEscalated, api.QueueWaiting, api.QueueClosed} {
		n += q.counts[p]
	}
	return n
}

// filterSummary lists the active filters in words.
func (q *queueState) filterSummary() string {
	f := q.filter
	var parts []string
	if f.Search != "" {
		parts = append(parts, "search “"+policy.SanitizeLine(f.Search).String()+"”")
	}
	if f.Owner != "" {
		parts = append(parts, "owner "+policy.SanitizeLine(f.Owner).String())
	}
	if f.Mark != "" {
		parts = append(parts, "mark "+strings.ReplaceAll(f.Mark, "_", " "))
	}
	if f.Lang != "" {
		parts = append(parts, "language "+f.Lang)
	}
	if f.WaitingOver > 0 {
		parts = append(parts, "waiting over "+shortDuration(f.WaitingOver))
	}
	return strings.Join(parts, ", ")
}

// title is the list's title: the queue, its order and its count.
func (l *inboxList) title() string {
	q := l.q
	if q == nil || !q.on {
		title := "Inbox"
		if l.ready {
			title += " (" + strconv.Itoa(l.total()) + ")"
		}
		return title
	}
	tab := tabOf(q.current)
	title := tab.name
	if l.ready {
		n := len(l.rows)
		if !q.filtersActive() {
			n = max(q.count(q.current), n)
		}
		title += " (" + strconv.Itoa(n) + ")"
	}
	if l.width >= 44 {
		title += " · " + tab.order
	}
	return title
}

// newHint says threads arrived above the cursor while the rows above it
// are off screen, with the way to see them.
func (l *inboxList) newHint() string {
	if q := l.q; q != nil && q.newAbove > 0 && l.offset > 0 {
		return l.theme.Warning.Render("↑ " + strconv.Itoa(q.newAbove) + " new · g to see")
	}
	return ""
}

// emptyText says what an empty queue means.
func (l *inboxList) emptyText() string {
	q := l.q
	if q == nil || !q.on {
		return "No threads. New messages appear here."
	}
	if q.filtersActive() {
		return "Nothing matches the filters. esc clears them."
	}
	switch q.current {
	case api.QueueUnanswered:
		return "Nobody is waiting for an answer."
	case api.QueueMine:
		return "You hold no threads. o claims the one selected; N takes the next waiting."
	case api.QueueNurse:
		return "No hand-offs are waiting for a nurse."
	case api.QueueEscalated:
		return "No escalations."
	case api.QueueWaiting:
		return "No threads are waiting on a patient."
	}
	return "No threads."
}

// rowRight is the right side of a row's first line in a queue: the wait,
// the SLA, the escalation's age; "" leaves the last activity.
func (l *inboxList) rowRight(r threadRow) string {
	t := l.theme
	wf := r.wf
	q := l.q
	if q == nil || !q.on {
		return ""
	}
	switch {
	case q.current == api.QueueNurse && wf.handoff && !wf.dueAt.IsZero():
		left, overdue := wf.slaLeft(l.now)
		if overdue {
			return t.Overdue.Render("OVERDUE " + shortDuration(left))
		}
		return t.Faint.Render(shortDuration(left) + " left")
	case q.current == api.QueueEscalated && wf.escalated:
		return t.Escalated.Render("esc " + relTime(l.now, wf.escAt))
	case q.current == api.QueueUnanswered && !wf.waitingSince.IsZero():
		wait := "waits " + relTime(l.now, wf.waitingSince)
		if l.now.Sub(wf.waitingSince) > overdueAfter {
			return t.Overdue.Render(wait)
		}
		return t.Faint.Render(wait)
	}
	return ""
}

// rowDetail is the start of a row's second line in a queue: who handed
// off and when, why it was escalated and who holds it, the close outcome,
// the owner.
func (l *inboxList) rowDetail(r threadRow) string {
	t := l.theme
	wf := r.wf
	q := l.q
	if q == nil || !q.on {
		return ""
	}
	var parts []string
	switch {
	case q.current == api.QueueEscalated && wf.escalated:
		why := wf.escReason
		if wf.escKind == api.EscalationSLA {
			why = policy.Trusted("hand-off overdue")
		}
		if why.IsEmpty() {
			why = policy.Trusted("no reason given")
		}
		parts = append(parts, safe(t.Escalated, why))
		if !wf.owner.IsEmpty() {
			parts = append(parts, safe(t.Text, policy.Trusted("@"), wf.owner))
		} else {
			parts = append(parts, t.Faint.Render("unowned"))
		}
	case q.current == api.QueueNurse && wf.handoff:
		parts = append(parts, safe(t.Faint, policy.Trusted("from "), wf.handoffBy, policy.Trusted(" "+clockTime(l.now, wf.handoffAt))))
		if !wf.owner.IsEmpty() {
			parts = append(parts, safe(t.Text, policy.Trusted("@"), wf.owner))
		}
		if !wf.handoffNote.IsEmpty() {
			parts = append(parts, safe(t.Text, policy.Trusted("“"), wf.handoffNote, policy.Trusted("”")))
		}
	case q.current == api.QueueClosed && !wf.outcome.IsEmpty():
		parts = append(parts, safe(t.Faint, policy.Trusted("closed: "), wf.outcome))
	default:
		if !wf.owner.IsEmpty() && q.current != api.QueueMine {
			parts = append(parts, safe(t.Text, policy.Trusted("@"), wf.owner))
		}
	}
	if r.id == q.pinned {
		parts = append([]string{t.Warning.Render("moved")}, parts...)
	}
	return strings.Join(parts, t.Faint.Render(" · "))
}

// shortDuration is a duration as "2h 05m", "42m" or "30s".
func shortDuration(d time.Duration) string {
	d = d.Round(time.Second)
	switch {
	case d < time.Minute:
		return strconv.Itoa(int(d/time.Second)) + "s"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + "m"
	case d < 48*time.Hour:
		mins := int(d % time.Hour / time.Minute)
		pad := ""
		if mins < 10 {
			pad = "0"
		}
		return strconv.Itoa(int(d/time.Hour)) + "h " + pad + strconv.Itoa(mins) + "m"
	}
	return strconv.Itoa(int(d/(24*time.Hour))) + "d"
}

// workflowLines are the open thread's place in the workflow, under its
// title: who holds it, the hand-off with its note and SLA, the
// escalation with its reason, how it was closed. A row from a server
// without the workflow has none.
func workflowLines(t Theme, now time.Time, r threadRow, w int) []string {
	wf := r.wf
	if wf.queue == "" {
		return nil
	}
	var lines []string
	if wf.handoff && r.state == api.ThreadClinical {
		line := safe(t.Escalated, policy.Trusted("Nurse hand-off from "), wf.handoffBy, policy.Trusted(" at "+clockTime(now, wf.handoffAt)))
		if !wf.dueAt.IsZero() {
			left, overdue := wf.slaLeft(now)
			if overdue {
				line += " " + t.Overdue.Render("OVERDUE "+shortDuration(left))
			} else {
				line += t.Faint.Render(" · due " + clockTime(now, wf.dueAt) + ", " + shortDuration(left) + " of business time left")
			}
		}
		lines = append(lines, indent(line, w, 0, 2))
		if !wf.handoffNote.IsEmpty() {
			lines = append(lines, indent(t.Faint.Render("Note: ")+t.maskedBody(wf.handoffNote), w, 0, 2))
		}
	}
	if wf.escalated {
		why := wf.escReason
		if wf.escKind == api.EscalationSLA {
			why = policy.Trusted("the nurses' SLA ran out")
		}
		line := safe(t.Escalated, policy.Trusted("Escalated by "), wf.escBy, policy.Trusted(" "+agoText(now, wf.escAt)))
		if !why.IsEmpty() {
			line += safe(t.Text, policy.Trusted(": "), why)
		}
		lines = append(lines, indent(line, w, 0, 2))
	}
	switch {
	case r.state == api.ThreadClosed && !wf.outcome.IsEmpty():
		lines = append(lines, safe(t.Faint, policy.Trusted("Closed: "), wf.outcome))
	case !wf.owner.IsEmpty():
		lines = append(lines, safe(t.Faint, policy.Trusted("Held by "), wf.owner, policy.Trusted(" since "+clockTime(now, wf.ownedAt))))
	case r.state != api.ThreadClosed:
		lines = append(lines, t.Faint.Render("Nobody holds it · o claims it"))
	}
	return lines
}
