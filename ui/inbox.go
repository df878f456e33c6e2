package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// inboxList is the inbox pane: the rows held around the cursor (the
// inbox is paged, inbox_window.go), the cursor and the scroll, and the
// counts per queue. It moves its own cursor and fetches its own pages;
// what the keys do to a thread (open, reply, hand off) is the root's,
// which reads the row under the cursor with selected.
type inboxList struct {
	keys  *KeyMap // the root's keymap, as enabled now (ctxList)
	theme Theme
	sess  session
	// seesClinical says the role may open the nurses' queue, whose count
	// is left out otherwise.
	seesClinical bool
	// q is the queue and filters shown (queues.go); nil is the plain
	// inbox of a backend without the triage workflow.
	q *queueState

	rows   []threadRow
	cursor int
	offset int // the first row on screen

	// The requests: the generation of the latest (an older answer is
	// dropped), whether one is out, whether a refresh was asked for
	// meanwhile, and whether the first answer has come.
	gen   int
	busy  bool
	again bool
	ready bool

	// Where each held thread's row is, the cursor of the next page, the
	// change number the rows are current to, the counts per state, and
	// whether End is loading to the last page.
	idx    map[string]int
	next   string
	seq    int64
	counts map[api.ThreadState]int
	toEnd  bool
	// above are the cursors that read again the pages let go above the
	// held rows (the last is the page just above them); top is the
	// cursor of the held rows' own first page, and toTop says Home is
	// reading the first page.
	above []string
	top   string
	toTop bool

	width, height int
	listRows      int       // rows that fit (two lines each)
	focused       bool      // the list has the keys (the root says so)
	now           time.Time // the clock for the rows' ages (the root's, read once per Update)
}

// callFailedMsg asks the root to sort a failed call into its tier
// (sign-in again, the error page, or a toast saying what failed).
type callFailedMsg struct {
	what string
	err  error
}

// newInboxList is the inbox of a session that has just started.
func newInboxList(t Theme, keys *KeyMap, sess session, seesClinical bool) inboxList {
	return inboxList{keys: keys, theme: t, sess: sess, seesClinical: seesClinical}
}

// SetSize gives the pane its width and height; a row takes two lines
// under the title.
func (l *inboxList) SetSize(w, h int) {
	l.width, l.height = w, h
	l.listRows = max((h-1)/2, 1)
	l.clamp()
}

// Update takes the list's answers and its movement keys.
func (l *inboxList) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case inboxPageMsg:
		return l.onPage(msg)
	case inboxChangesMsg:
		return l.onChanges(msg)
	case tea.KeyMsg:
		return l.move(helpKeys(l.keys.bindings(ctxList)).resolve(msg))
	}
	return nil
}

// move moves the cursor, fetching ahead (or to the end, for End; from
// the first page again, for Home once the pages above were let go).
func (l *inboxList) move(act action) tea.Cmd {
	defer l.afterMove()
	page := max(l.listRows, 1)
	switch act {
	case actUp:
		l.cursor--
	case actDown:
		l.cursor++
	case actPageUp:
		l.cursor -= page
	case actPageDown:
		l.cursor += page
	case actTop:
		l.cursor = 0
	case actBottom:
		l.cursor = len(l.rows) - 1
	default:
		return nil
	}
	l.clamp()
	l.toEnd = act == actBottom && l.next != ""
	if act == actTop {
		return l.home()
	}
	return l.fetchMore()
}

// clamp keeps the cursor on a row and the row on screen.
func (l *inboxList) clamp() {
	l.cursor = min(max(l.cursor, 0), max(len(l.rows)-1, 0))
	rows := max(l.listRows, 1)
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+rows {
		l.offset = l.cursor - rows + 1
	}
	l.offset = min(max(l.offset, 0), max(len(l.rows)-rows, l.stillOffset(), 0))
}

// selected is the row under the cursor, or nil for an empty list.
func (l *inboxList) selected() *threadRow {
	if l.cursor < 0 || l.cursor >= len(l.rows) {
		return nil
	}
	return &l.rows[l.cursor]
}

// row is the held row of thread id, or nil.
func (l *inboxList) row(id string) *threadRow {
	if i, ok := l.idx[id]; ok && i < len(l.rows) {
		return &l.rows[i]
	}
	return nil
}

// failed hands a failed call to the root.
func (l *inboxList) failed(what string, err error) tea.Cmd {
	return emit(callFailedMsg{what: what, err: err})
}

func (l *inboxList) ShortHelp() []key.Binding {
	return helpKeys(l.keys.bindings(ctxList)).ShortHelp()
}

func (l *inboxList) FullHelp() [][]key.Binding {
	return helpKeys(l.keys.bindings(ctxList)).FullHelp()
}

func (l *inboxList) View() string {
	t := l.theme
	w := l.width
	st := t.Title
	if l.focused {
		st = t.Focused
	}
	head := st.Render(l.title())
	if hint := l.newHint(); hint != "" {
		head = spread(head, hint, w)
	}
	lines := []string{head}
	switch {
	case !l.ready:
		lines = append(lines, t.Faint.Render("Loading…"))
	case len(l.rows) == 0:
		lines = append(lines, t.Faint.Render(l.emptyText()))
	}
	// Only the rows on screen are drawn: a long inbox costs nothing per key.
	end := min(l.offset+l.listRows, len(l.rows))
	for i := l.offset; i < end; i++ {
		a, b := l.rowView(l.rows[i], w, i == l.cursor)
		lines = append(lines, a, b)
	}
	return strings.Join(lines, "\n")
}

// rowView draws one inbox row as two lines. The state marks and the age
// always show whole: at 80 columns the inbox is 32 wide, so the marks
// move to the second line ahead of the preview, which is cut instead, and
// only a label too long for the line on its own is cut. The preview is
// the latest message a person wrote (the clinic's automatic texts never
// take it); a delivery status follows it only when that message is the
// clinic's own, and a small "auto-reply" marker when an automatic text
// went out after it and there is room.
func (l *inboxList) rowView(r threadRow, w int, selected bool) (string, string) {
	t := l.theme
	cursor := "  "
	if selected {
		cursor = "▌ "
	}
	unread := "    "
	if r.unread > 0 {
		unread = t.Unread.Render(fit("●"+strconv.Itoa(min(r.unread, 99)), 4))
	}
	const indentW = 6 // cursor and unread count
	marks := t.stateMarks(r)
	marksW := ansi.StringWidth(marks)
	age := relTime(l.now, r.lastAt)
	if right := l.rowRight(r); right != "" {
		age = right
	} else if r.unread > 0 && l.now.Sub(r.lastAt) > overdueAfter {
		age = t.Overdue.Render("OVERDUE " + age)
	} else {
		age = t.Faint.Render(age)
	}
	// Room for the label (and the marks) between the count and the age.
	room := w - indentW - ansi.StringWidth(age) - 1
	labelW := ansi.StringWidth(r.label.String())
	// Labels are opaque ("Patient 9VQ2") and tell patients apart by
	// their end, so the marks move down before the label is cut.
	marksUp := marks == "" || labelW+1+marksW <= room
	left := cursor + unread
	if marksUp && marks != "" {
		left += fitLabel(t, r.label, room-1-marksW) + " " + marks
	} else {
		left += fitLabel(t, r.label, room)
	}
	line1 := spread(left, age, w)

	line2 := strings.Repeat(" ", indentW)
	if !marksUp {
		if indentW+marksW+1 > w {
			line2 = "  "
		}
		line2 += marks + " "
	}
	// The queue's own detail (who handed off, the owner, the reason)
	// comes before the preview (queues.go).
	if d := l.rowDetail(r); d != "" {
		line2 += d + t.Faint.Render(" · ")
	}
	var status string
	switch {
	case r.lastFromClinic:
		if s := t.statusView(r.lastOut, policy.SafeText{}); s != "" {
			status = t.Faint.Render(" · ") + s
			if w-ansi.StringWidth(line2)-ansi.StringWidth(status) < minPreviewW {
				// Too tight for the word: the glyph alone stays whole.
				status = t.Faint.Render(" ") + t.statusGlyph(r.lastOut)
			}
		}
	case r.lastOutAuto:
		// The clinic's automatic text went out after what the row
		// shows (the patient's question, usually). The question keeps
		// the room: the small marker shows only beside a whole preview.
		if g := t.statusGlyph(r.lastOut); g != "" {
			marker := t.Faint.Render(" · auto-reply ") + g
			if w-ansi.StringWidth(line2)-ansi.StringWidth(marker) >= ansi.StringWidth(r.preview.String()) {
				status = marker
			}
		}
	}
	previewW := max(w-ansi.StringWidth(line2)-ansi.StringWidth(status), 1)
	line2 += t.Faint.Render(truncSafe(r.preview, previewW)) + status
	line1, line2 = fit(line1, w), fit(line2, w)
	if selected {
		line1, line2 = t.Selected.Render(ansi.Strip(line1)), t.Selected.Render(ansi.Strip(line2))
	}
	return line1, line2
}

// minPreviewW is how narrow a preview gets before its status loses its
// word.
const minPreviewW = 6

// fitLabel is the patient label cut to w columns (at least one).
func fitLabel(t Theme, label policy.SafeText, w int) string {
	return t.Text.Render(truncSafe(label, max(w, 1)))
}
