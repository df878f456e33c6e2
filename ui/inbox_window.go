package ui

import (
	"context"
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/store/api"
)

// The inbox is paged: the console holds the pages around the cursor (the
// first on sign-in, more as the cursor nears either end of what is
// loaded, and lets go of pages far from it), the counts per state, and the
// change number they were read at. The held rows are one stretch of the
// server's order; inboxAbove keeps, for each page let go above it, the
// cursor to read that page again, so scrolling back up reads it again.
// A live event carries its thread's row, which replaces that one row in
// place; a gap in the stream is closed by asking for the rows changed
// since the change number, not by loading the inbox again.

// inboxPageSize is how many rows one request asks for: a few screens.
const inboxPageSize = 100

// fetchAheadRows is how close to the end of the loaded rows the cursor
// may come before the next page is asked for, so scrolling never waits.
const fetchAheadRows = 60

// inboxHoldRows is how many rows the console holds at most before it lets
// go of the page farthest from the cursor: a few pages either side of it.
const inboxHoldRows = 5 * inboxPageSize

type inboxPageMsg struct {
	session int
	gen     int
	after   string // "" for the first page
	above   bool   // a page above the held rows, read again
	page    api.ThreadPage
	err     error
}

type inboxChangesMsg struct {
	session int
	gen     int
	changes api.ThreadChanges
	err     error
}

func inboxPageCmd(ctx context.Context, b Backend, session, gen int, after string, above bool) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		p, err := b.InboxPage(ctx, after, inboxPageSize)
		return inboxPageMsg{session: session, gen: gen, after: after, above: above, page: p, err: err}
	}
}

func inboxChangesCmd(ctx context.Context, b Backend, session, gen int, since int64) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		ch, err := b.InboxChanges(ctx, since)
		return inboxChangesMsg{session: session, gen: gen, changes: ch, err: err}
	}
}

// fetchInbox brings the inbox up to date: the rows changed since the
// change number held, or the first page when there is none yet. When a
// request is already out it asks again once that lands, so a burst of
// events costs two requests, not fifty.
func (l *inboxList) fetch() tea.Cmd {
	if l.sess.ctx == nil {
		return nil
	}
	if l.busy {
		l.again = true
		return nil
	}
	l.busy = true
	l.gen++
	if l.ready && l.seq > 0 {
		return inboxChangesCmd(l.sess.ctx, l.sess.backend, l.sess.id, l.gen, l.seq)
	}
	return l.pageCmd("", false)
}

// fetchMore asks for the page after the loaded rows when the cursor is
// near their end (or toEnd, for the End key, until the last page), and
// for the page above them, read before and let go, when it is near their
// top.
func (l *inboxList) fetchMore() tea.Cmd {
	if l.sess.ctx == nil || l.busy {
		return nil
	}
	if n := len(l.above); n > 0 && l.cursor < fetchAheadRows && !l.toEnd {
		l.busy = true
		l.gen++
		return l.pageCmd(l.above[n-1], true)
	}
	if l.next == "" || (!l.toEnd && l.cursor < len(l.rows)-fetchAheadRows) {
		return nil
	}
	l.busy = true
	l.gen++
	return l.pageCmd(l.next, false)
}

// toTop is the Home key: the first row, read again when the pages above
// the held rows were let go.
func (l *inboxList) home() tea.Cmd {
	if len(l.above) == 0 || l.sess.ctx == nil {
		return nil
	}
	l.toTop, l.toEnd = true, false
	l.busy = true
	l.gen++
	return l.pageCmd("", false)
}

// letGoFarPages keeps at most inboxHoldRows rows: it lets go of whole
// pages at the end farther from the cursor, keeping a page and the
// fetch-ahead margin around it. A page let go above is remembered by
// the cursor that reads it again; one below simply becomes the next page.
func (l *inboxList) letGoFarPages() {
	keep := inboxPageSize + fetchAheadRows
	for len(l.rows) > inboxHoldRows {
		switch {
		case l.cursor >= inboxPageSize+keep || l.toEnd:
			l.letGoAbove(inboxPageSize)
		case len(l.rows)-l.cursor > inboxPageSize+keep:
			l.letGoBelow(inboxPageSize)
		default:
			return
		}
	}
}

func (l *inboxList) letGoAbove(n int) {
	l.above = append(l.above, l.top)
	l.top = l.rowCursor(l.rows[n-1])
	for _, r := range l.rows[:n] {
		delete(l.idx, r.id)
	}
	l.rows = append(l.rows[:0], l.rows[n:]...)
	l.reindex(0, len(l.rows))
	// While End loads to the last page the cursor's own row may go; it
	// lands on the last row when that page does.
	l.cursor = max(l.cursor-n, 0)
	l.offset = max(l.offset-n, 0)
}

func (l *inboxList) letGoBelow(n int) {
	end := len(l.rows) - n
	for _, r := range l.rows[end:] {
		delete(l.idx, r.id)
	}
	clear(l.rows[end:])
	l.rows = l.rows[:end]
	l.next = l.rowCursor(l.rows[end-1])
}

// rowCursor is the cursor just after r in the order on screen: a queue
// worked oldest first pages on its own clock (api.QueueCursor), every
// other view in the inbox's order (api.InboxCursor). The server writes
// the same, so a page let go is read again exactly.
func (l *inboxList) rowCursor(r threadRow) string {
	if l.q.keyedOrder() {
		return api.QueueCursor(r.urgent, queueKeyOf(l.q.current, r), r.id)
	}
	return r.cursor()
}

// inboxLanded ends a request; ok is false for an answer no longer wanted.
func (l *inboxList) landed(session, gen int) (ok bool) {
	if session != l.sess.id || gen != l.gen {
		return false
	}
	l.busy = false
	return true
}

// inboxAgainCmd sends the refresh asked for while a request was out. It
// runs after the answer is applied, so it asks for changes since the
// answer's change number rather than the first page again.
func (l *inboxList) againCmd() tea.Cmd {
	if !l.again || l.busy {
		return nil
	}
	l.again = false
	return l.fetch()
}

func (l *inboxList) onPage(msg inboxPageMsg) tea.Cmd {
	if !l.landed(msg.session, msg.gen) {
		return nil
	}
	if msg.err != nil {
		l.toEnd = false
		return tea.Batch(l.failed("Could not load the inbox", msg.err), l.againCmd())
	}
	var cmds []tea.Cmd
	selected, screenRow := l.selection()
	if msg.above {
		return tea.Batch(l.onPageAbove(msg, selected, screenRow), l.againCmd())
	}
	if l.q != nil && msg.page.Queues != nil {
		l.q.counts = msg.page.Queues
	}
	if msg.after == "" {
		if l.q != nil {
			l.q.pinned, l.q.pinnedRow = "", nil
		}
		l.rows = l.rows[:0]
		l.idx = make(map[string]int, len(msg.page.Threads))
		l.seq = msg.page.Seq
		l.above, l.top = nil, ""
		if l.toTop && len(msg.page.Threads) > 0 {
			l.toTop = false
			selected, screenRow = msg.page.Threads[0].ID, -1
		}
	}
	for _, ts := range msg.page.Threads {
		if _, dup := l.idx[ts.ID]; dup {
			continue // moved up by an event while the page was on its way
		}
		l.idx[ts.ID] = len(l.rows)
		l.rows = append(l.rows, newThreadRow(ts))
	}
	l.next = msg.page.Next
	if msg.page.Counts != nil {
		l.counts = msg.page.Counts
	}
	l.ready = true
	if l.toEnd {
		if l.next == "" {
			l.toEnd = false
			selected, screenRow = l.rows[max(len(l.rows)-1, 0)].id, max(l.listRows-1, 0)
		} else {
			cmds = append(cmds, l.fetchMore())
		}
	}
	l.restoreSelection(selected, screenRow)
	l.letGoFarPages()
	return tea.Batch(append(cmds, l.againCmd())...)
}

// onPageAbove puts a page read again above the held rows back in its
// place. Rows the page shares with the held ones (the rows moved since
// it was let go) keep the newer copy.
func (l *inboxList) onPageAbove(msg inboxPageMsg, selected string, screenRow int) tea.Cmd {
	if n := len(l.above); n == 0 || l.above[n-1] != msg.after {
		return nil // the window moved meanwhile (Home, a reset)
	}
	l.above = l.above[:len(l.above)-1]
	l.top = msg.after
	if msg.page.Counts != nil {
		l.counts = msg.page.Counts
	}
	var fresh []threadRow
	for _, ts := range msg.page.Threads {
		if _, held := l.idx[ts.ID]; !held {
			fresh = append(fresh, newThreadRow(ts))
		}
	}
	l.rows = append(fresh, l.rows...)
	slices.SortStableFunc(l.rows, func(a, b threadRow) int {
		if l.rowBefore(a, b) {
			return -1
		}
		if l.rowBefore(b, a) {
			return 1
		}
		return 0
	})
	l.reindex(0, len(l.rows))
	if screenRow >= 0 {
		screenRow = min(screenRow+len(fresh), max(l.listRows-1, 0))
	}
	l.restoreSelection(selected, screenRow)
	l.letGoFarPages()
	return nil
}

func (l *inboxList) onChanges(msg inboxChangesMsg) tea.Cmd {
	if !l.landed(msg.session, msg.gen) {
		return nil
	}
	if msg.err != nil {
		return tea.Batch(l.failed("Could not load the inbox", msg.err), l.againCmd())
	}
	if msg.changes.Reset {
		// Too much changed while the console was away: start again
		// from the first page (the cursor stays on its thread if that
		// is still there).
		l.seq = 0
		l.again = false
		return l.fetch()
	}
	for _, ts := range msg.changes.Threads {
		l.applyRow(ts)
	}
	l.seq = max(l.seq, msg.changes.Seq)
	if msg.changes.Counts != nil {
		l.counts = msg.changes.Counts
	}
	// The End key pressed while this request was out found the list
	// busy and asked for nothing: the way to the last page goes on now.
	if l.toEnd {
		if cmd := l.fetchMore(); cmd != nil {
			return tea.Batch(cmd, l.againCmd())
		}
	}
	return l.againCmd()
}

// selection is the thread under the cursor and its line on screen; -1
// for the line when the list shows its top, which it keeps showing.
func (l *inboxList) selection() (id string, screenRow int) {
	if l.cursor >= len(l.rows) {
		return "", -1
	}
	if l.offset == 0 {
		return l.rows[l.cursor].id, -1
	}
	return l.rows[l.cursor].id, l.cursor - l.offset
}

// restoreSelection puts the cursor back on thread id. A scrolled list
// keeps the thread at the same line on screen, so rows arriving above do
// not move what the user is reading; a list showing its top keeps showing
// it, so new threads appear, and the cursor moves down with its thread.
func (l *inboxList) restoreSelection(id string, screenRow int) {
	if i, ok := l.idx[id]; ok && id != "" {
		l.cursor = i
		if screenRow >= 0 {
			l.offset = i - screenRow
		} else {
			l.offset = 0
		}
	}
	l.clamp()
}

// applyRow puts one thread's new row in its place in the list's order: a
// row already held is replaced (and moved when its place changed), a new
// one is inserted when it sorts among the loaded rows and belongs to the
// queue and filters on screen, and a thread this user may no longer see,
// or that left the queue, leaves. The cursor stays on its thread and the
// list keeps still under it: in a queue, the thread under the cursor
// keeps its place (marked "moved") until the cursor leaves it, and
// threads arriving above it leave it on its line, counted in the title.
func (l *inboxList) applyRow(ts api.ThreadSummary) {
	selected, screenRow := l.selection()
	old, held := l.idx[ts.ID]
	if held {
		prev := l.rows[old]
		if ts.Seq != 0 && ts.Seq < prev.seq {
			return // an older copy than the one shown (a late re-sync answer)
		}
		// Read state is per user; an event's Unread is not. Keep this
		// user's read marker: what had arrived minus what was unread.
		if read := prev.inbound - prev.unread; ts.Inbound > 0 && read > 0 {
			ts.Unread = min(ts.Unread, max(ts.Inbound-read, 0))
		}
		if ts.ID == selected && !ts.Gone && l.keepsPlace(old, ts) {
			return
		}
		l.removeRow(old)
	}
	if ts.Gone || !l.inView(ts, held) {
		l.restoreSelection(selected, screenRow)
		return
	}
	row := newThreadRow(ts)
	at := l.rowPlace(row)
	if (at == len(l.rows) && l.next != "") || (at == 0 && len(l.above) > 0) {
		// Outside the held rows (older than the last, or above the
		// first when the pages above were let go): it comes with its
		// page when the cursor gets there.
		l.restoreSelection(selected, screenRow)
		return
	}
	l.rows = append(l.rows, threadRow{})
	copy(l.rows[at+1:], l.rows[at:])
	l.rows[at] = row
	l.reindex(at, len(l.rows))

	above := false
	if q := l.q; q != nil && row.urgent {
		// An urgent thread is never hidden to keep the list still: the
		// list shows its top again when it can.
		q.still = false
	} else if q != nil && q.on && selected != "" && !held {
		if cur, ok := l.idx[selected]; ok && at < cur {
			// A queue keeps the thread being read on its line and says
			// how many arrived above instead of moving it.
			above, q.still = true, true
			if screenRow < 0 {
				screenRow = max(l.cursor-l.offset, 0)
			}
		}
	}
	l.restoreSelection(selected, screenRow)
	if above {
		l.q.newAbove++
	}
}

func (l *inboxList) removeRow(i int) {
	delete(l.idx, l.rows[i].id)
	copy(l.rows[i:], l.rows[i+1:])
	l.rows = l.rows[:len(l.rows)-1]
	l.reindex(i, len(l.rows))
}

func (l *inboxList) reindex(from, to int) {
	if l.idx == nil {
		l.idx = make(map[string]int, len(l.rows))
	}
	for k := from; k < to; k++ {
		l.idx[l.rows[k].id] = k
	}
}

// sortsBefore is the server's inbox order: urgent threads first, then
// newest activity, then the later-stored last message, then id.
func sortsBefore(a, b threadRow) bool {
	if a.urgent != b.urgent {
		return a.urgent
	}
	if !a.lastAt.Equal(b.lastAt) {
		return a.lastAt.After(b.lastAt)
	}
	if a.arrival != b.arrival {
		return a.arrival > b.arrival
	}
	return a.id < b.id
}

// rowPlace is where row sorts among the loaded rows, which are in the
// server's order (a binary search).
func (l *inboxList) rowPlace(row threadRow) int {
	lo, hi := 0, len(l.rows)
	for lo < hi {
		mid := (lo + hi) / 2
		if l.rowBefore(l.rows[mid], row) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// setCounts takes the server's counts per state from an event, leaving
// out the queue this user's role cannot open.
func (l *inboxList) setCounts(c map[api.ThreadState]int) {
	if c == nil {
		return
	}
	out := make(map[api.ThreadState]int, len(c))
	for st, n := range c {
		if st == api.ThreadClinical && !l.seesClinical {
			continue
		}
		out[st] = n
	}
	l.counts = out
}

// inboxTotal is the number of threads this user's inbox holds on the
// server, loaded or not.
func (l *inboxList) total() int {
	if l.counts == nil {
		return len(l.rows)
	}
	n := 0
	for _, c := range l.counts {
		n += c
	}
	return max(n, len(l.rows))
}
