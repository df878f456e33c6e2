package ui

import (
	"context"
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/policy"
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
func (m *Model) fetchInbox() tea.Cmd {
	if m.ctx == nil {
		return nil
	}
	if m.inboxBusy {
		m.inboxAgain = true
		return nil
	}
	m.inboxBusy = true
	m.inboxGen++
	if m.inboxReady && m.inboxSeq > 0 {
		return inboxChangesCmd(m.ctx, m.backend, m.session, m.inboxGen, m.inboxSeq)
	}
	return m.pageCmd("", false)
}

// fetchMore asks for the page after the loaded rows when the cursor is
// near their end (or toEnd, for the End key, until the last page), and
// for the page above them, read before and let go, when it is near their
// top.
func (m *Model) fetchMore() tea.Cmd {
	if m.ctx == nil || m.inboxBusy {
		return nil
	}
	if n := len(m.inboxAbove); n > 0 && m.cursor < fetchAheadRows && !m.inboxToEnd {
		m.inboxBusy = true
		m.inboxGen++
		return m.pageCmd(m.inboxAbove[n-1], true)
	}
	if m.inboxNext == "" || (!m.inboxToEnd && m.cursor < len(m.inbox)-fetchAheadRows) {
		return nil
	}
	m.inboxBusy = true
	m.inboxGen++
	return m.pageCmd(m.inboxNext, false)
}

// toTop is the Home key: the first row, read again when the pages above
// the held rows were let go.
func (m *Model) toTop() tea.Cmd {
	if len(m.inboxAbove) == 0 || m.ctx == nil {
		return nil
	}
	m.inboxToTop, m.inboxToEnd = true, false
	m.inboxBusy = true
	m.inboxGen++
	return m.pageCmd("", false)
}

// letGoFarPages keeps at most inboxHoldRows rows: it lets go of whole
// pages at the end farther from the cursor, keeping a page and the
// fetch-ahead margin around it. A page let go above is remembered by
// the cursor that reads it again; one below simply becomes the next page.
func (m *Model) letGoFarPages() {
	if m.queue.session == m.session && m.queue.keyedOrder() {
		// A queue sorted on its own clock pages with the server's own
		// cursors, which the console does not write: it holds what it
		// loaded (a clinic's queue is hundreds of threads, not 50,000).
		return
	}
	keep := inboxPageSize + fetchAheadRows
	for len(m.inbox) > inboxHoldRows {
		switch {
		case m.cursor >= inboxPageSize+keep || m.inboxToEnd:
			m.letGoAbove(inboxPageSize)
		case len(m.inbox)-m.cursor > inboxPageSize+keep:
			m.letGoBelow(inboxPageSize)
		default:
			return
		}
	}
}

func (m *Model) letGoAbove(n int) {
	m.inboxAbove = append(m.inboxAbove, m.inboxTop)
	m.inboxTop = m.inbox[n-1].cursor()
	for _, r := range m.inbox[:n] {
		delete(m.inboxIdx, r.id)
	}
	m.inbox = append(m.inbox[:0], m.inbox[n:]...)
	m.reindex(0, len(m.inbox))
	m.cursor -= n
	m.offset = max(m.offset-n, 0)
}

func (m *Model) letGoBelow(n int) {
	end := len(m.inbox) - n
	for _, r := range m.inbox[end:] {
		delete(m.inboxIdx, r.id)
	}
	clear(m.inbox[end:])
	m.inbox = m.inbox[:end]
	m.inboxNext = m.inbox[end-1].cursor()
}

// inboxLanded ends a request; ok is false for an answer no longer wanted.
func (m *Model) inboxLanded(session, gen int) (ok bool) {
	if session != m.session || gen != m.inboxGen {
		return false
	}
	m.inboxBusy = false
	return true
}

// inboxAgainCmd sends the refresh asked for while a request was out. It
// runs after the answer is applied, so it asks for changes since the
// answer's change number rather than the first page again.
func (m *Model) inboxAgainCmd() tea.Cmd {
	if !m.inboxAgain || m.inboxBusy {
		return nil
	}
	m.inboxAgain = false
	return m.fetchInbox()
}

func (m *Model) onInboxPage(msg inboxPageMsg) tea.Cmd {
	if !m.inboxLanded(msg.session, msg.gen) {
		return nil
	}
	if msg.err != nil {
		m.inboxToEnd = false
		return tea.Batch(m.handleErr("Could not load the inbox", msg.err), m.inboxAgainCmd())
	}
	var cmds []tea.Cmd
	selected, screenRow := m.selection()
	if msg.above {
		return tea.Batch(m.onPageAbove(msg, selected, screenRow), m.inboxAgainCmd())
	}
	if msg.page.Queues != nil {
		m.queues().counts = msg.page.Queues
	}
	if msg.after == "" {
		m.queue.pinned = ""
		m.inbox = m.inbox[:0]
		m.inboxIdx = make(map[string]int, len(msg.page.Threads))
		m.inboxSeq = msg.page.Seq
		m.inboxAbove, m.inboxTop = nil, ""
		if m.inboxToTop && len(msg.page.Threads) > 0 {
			m.inboxToTop = false
			selected, screenRow = msg.page.Threads[0].ID, -1
		}
	}
	for _, ts := range msg.page.Threads {
		if _, dup := m.inboxIdx[ts.ID]; dup {
			continue // moved up by an event while the page was on its way
		}
		m.inboxIdx[ts.ID] = len(m.inbox)
		m.inbox = append(m.inbox, newThreadRow(ts))
	}
	m.inboxNext = msg.page.Next
	m.inboxCounts = msg.page.Counts
	m.inboxReady = true
	if m.inboxToEnd {
		if m.inboxNext == "" {
			m.inboxToEnd = false
			selected, screenRow = m.inbox[max(len(m.inbox)-1, 0)].id, max(m.lay.listRows-1, 0)
		} else {
			cmds = append(cmds, m.fetchMore())
		}
	}
	m.restoreSelection(selected, screenRow)
	m.letGoFarPages()
	return tea.Batch(append(cmds, m.inboxAgainCmd())...)
}

// onPageAbove puts a page read again above the held rows back in its
// place. Rows the page shares with the held ones (the rows moved since
// it was let go) keep the newer copy.
func (m *Model) onPageAbove(msg inboxPageMsg, selected string, screenRow int) tea.Cmd {
	if n := len(m.inboxAbove); n == 0 || m.inboxAbove[n-1] != msg.after {
		return nil // the window moved meanwhile (Home, a reset)
	}
	m.inboxAbove = m.inboxAbove[:len(m.inboxAbove)-1]
	m.inboxTop = msg.after
	m.inboxCounts = msg.page.Counts
	var fresh []threadRow
	for _, ts := range msg.page.Threads {
		if _, held := m.inboxIdx[ts.ID]; !held {
			fresh = append(fresh, newThreadRow(ts))
		}
	}
	m.inbox = append(fresh, m.inbox...)
	slices.SortStableFunc(m.inbox, func(a, b threadRow) int {
		if m.rowBefore(a, b) {
			return -1
		}
		if m.rowBefore(b, a) {
			return 1
		}
		return 0
	})
	m.reindex(0, len(m.inbox))
	if screenRow >= 0 {
		screenRow = min(screenRow+len(fresh), max(m.lay.listRows-1, 0))
	}
	m.restoreSelection(selected, screenRow)
	m.letGoFarPages()
	return nil
}

func (m *Model) onInboxChanges(msg inboxChangesMsg) tea.Cmd {
	if !m.inboxLanded(msg.session, msg.gen) {
		return nil
	}
	if msg.err != nil {
		return tea.Batch(m.handleErr("Could not load the inbox", msg.err), m.inboxAgainCmd())
	}
	if msg.changes.Reset {
		// Too much changed while the console was away: start again
		// from the first page (the cursor stays on its thread if that
		// is still there).
		m.inboxSeq = 0
		m.inboxAgain = false
		return m.fetchInbox()
	}
	for _, ts := range msg.changes.Threads {
		m.applyRow(ts)
	}
	m.inboxSeq = max(m.inboxSeq, msg.changes.Seq)
	if msg.changes.Counts != nil {
		m.inboxCounts = msg.changes.Counts
	}
	return m.inboxAgainCmd()
}

// selection is the thread under the cursor and its line on screen; -1
// for the line when the list shows its top, which it keeps showing.
func (m *Model) selection() (id string, screenRow int) {
	if m.cursor >= len(m.inbox) {
		return "", -1
	}
	if m.offset == 0 {
		return m.inbox[m.cursor].id, -1
	}
	return m.inbox[m.cursor].id, m.cursor - m.offset
}

// restoreSelection puts the cursor back on thread id. A scrolled list
// keeps the thread at the same line on screen, so rows arriving above do
// not move what the user is reading; a list showing its top keeps showing
// it, so new threads appear, and the cursor moves down with its thread.
func (m *Model) restoreSelection(id string, screenRow int) {
	if i, ok := m.inboxIdx[id]; ok && id != "" {
		m.cursor = i
		if screenRow >= 0 {
			m.offset = i - screenRow
		} else {
			m.offset = 0
		}
	}
	m.clampList()
}

// applyRow puts one thread's new row in its place in the list's order: a
// row already held is replaced (and moved when its place changed), a new
// one is inserted when it sorts among the loaded rows and belongs to the
// queue and filters on screen, and a thread this user may no longer see,
// or that left the queue, leaves. The cursor stays on its thread and the
// list keeps still under it: the thread under the cursor keeps its place
// (marked "moved") until the cursor leaves it, and threads arriving above
// it in a queue leave it on the same line, counted in the title.
func (m *Model) applyRow(ts api.ThreadSummary) {
	selected, screenRow := m.selection()
	old, held := m.inboxIdx[ts.ID]
	if held {
		prev := m.inbox[old]
		if ts.Seq != 0 && ts.Seq < prev.seq {
			return // an older copy than the one shown (a late re-sync answer)
		}
		// Read state is per user; an event's Unread is not. Keep this
		// user's read marker: what had arrived minus what was unread.
		if read := prev.inbound - prev.unread; ts.Inbound > 0 && read > 0 {
			ts.Unread = min(ts.Unread, max(ts.Inbound-read, 0))
		}
		if ts.ID == selected && !ts.Gone && m.keepsPlace(old, ts) {
			return
		}
		m.removeRow(old)
	}
	if ts.Gone || !m.inView(ts, held) {
		m.restoreSelection(selected, screenRow)
		return
	}
	row := newThreadRow(ts)
	at := m.rowPlace(row)
	if (at == len(m.inbox) && m.inboxNext != "") || (at == 0 && len(m.inboxAbove) > 0) {
		// Outside the held rows (older than the last, or above the
		// first when the pages above were let go): it comes with its
		// page when the cursor gets there.
		m.restoreSelection(selected, screenRow)
		return
	}
	m.inbox = append(m.inbox, threadRow{})
	copy(m.inbox[at+1:], m.inbox[at:])
	m.inbox[at] = row
	m.reindex(at, len(m.inbox))

	above := false
	if q := &m.queue; q.on && q.session == m.session && selected != "" && !held {
		if cur, ok := m.inboxIdx[selected]; ok && at < cur {
			// A queue keeps the thread being read on its line and says
			// how many arrived above instead of moving it.
			above, q.still = true, true
			if screenRow < 0 {
				screenRow = max(m.cursor-m.offset, 0)
			}
		}
	}
	m.restoreSelection(selected, screenRow)
	if above {
		m.queue.newAbove++
	}
}

// keepsPlace updates the row under the cursor in place when its new row
// would move it or take it out of the queue on screen, and remembers the
// new row for when the cursor leaves (afterCursorMove). It reports
// whether it did.
func (m *Model) keepsPlace(i int, ts api.ThreadSummary) bool {
	q := &m.queue
	if !q.on || q.session != m.session {
		return false
	}
	row := newThreadRow(ts)
	stays := m.inView(ts, true) &&
		(i == 0 || !m.rowBefore(row, m.inbox[i-1])) &&
		(i == len(m.inbox)-1 || !m.rowBefore(m.inbox[i+1], row))
	if stays {
		return false // it sorts where it is: an ordinary update
	}
	m.inbox[i] = row
	q.pinned = ts.ID
	if q.pinnedRow == nil {
		q.pinnedRow = map[string]api.ThreadSummary{}
	}
	q.pinnedRow[ts.ID] = ts
	return true
}

func (m *Model) removeRow(i int) {
	delete(m.inboxIdx, m.inbox[i].id)
	copy(m.inbox[i:], m.inbox[i+1:])
	m.inbox = m.inbox[:len(m.inbox)-1]
	m.reindex(i, len(m.inbox))
}

func (m *Model) reindex(from, to int) {
	if m.inboxIdx == nil {
		m.inboxIdx = make(map[string]int, len(m.inbox))
	}
	for k := from; k < to; k++ {
		m.inboxIdx[m.inbox[k].id] = k
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
func (m *Model) rowPlace(row threadRow) int {
	lo, hi := 0, len(m.inbox)
	for lo < hi {
		mid := (lo + hi) / 2
		if m.rowBefore(m.inbox[mid], row) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// setCounts takes the server's counts per state from an event, leaving
// out the queue this user's role cannot open.
func (m *Model) setCounts(c map[api.ThreadState]int) {
	if c == nil {
		return
	}
	out := make(map[api.ThreadState]int, len(c))
	for st, n := range c {
		if st == api.ThreadClinical && !policy.Can(policy.Role(m.user.Role), policy.ActionViewClinicalThreads) {
			continue
		}
		out[st] = n
	}
	m.inboxCounts = out
}

// inboxTotal is the number of threads this user's inbox holds on the
// server, loaded or not.
func (m *Model) inboxTotal() int {
	if m.inboxCounts == nil {
		return len(m.inbox)
	}
	n := 0
	for _, c := range m.inboxCounts {
		n += c
	}
	return max(n, len(m.inbox))
}
