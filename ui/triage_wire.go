package ui

import (
	"context"
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// TriageBackend is the backend's half for the triage workflow: queues,
// ownership, hand-offs with a note, escalations. A backend without it
// gives the plain inbox. Every step is decided again by the server's
// permission matrix; the console checks first only to say why at once.
type TriageBackend interface {
	// QueuePage is one page of a queue, filtered and searched on the
	// server, in the queue's own order.
	QueuePage(ctx context.Context, f api.InboxFilter, after string, limit int) (api.ThreadPage, error)
	// QueueCounts is how many threads the user may see in each queue.
	QueueCounts(ctx context.Context) (map[api.Queue]int, error)
	// ThreadAct takes one workflow step on a thread (claim, assign,
	// release, close, reopen, escalate, return, take over).
	ThreadAct(ctx context.Context, threadID string, act policy.ThreadAct, req api.ThreadActRequest) (api.ThreadActResult, error)
	// NextThread is the oldest thread waiting in the user's queue,
	// claimed when asked.
	NextThread(ctx context.Context, req api.NextRequest) (api.NextResult, error)
	// HandoffWithNote hands a thread to the nurses with a short note; the
	// answer says what became of the patient's acknowledgment and
	// whether the user may still open the thread.
	HandoffWithNote(ctx context.Context, threadID string, req api.HandoffRequest) (api.HandoffResult, error)
}

// triageBackend is the backend's triage half, or nil.
func (m *Model) triageBackend() TriageBackend {
	b, _ := m.backend.(TriageBackend)
	return b
}

// triageResult is every answer of the triage workflow; Update hands them
// to onTriage.
type triageResult interface{ triageSession() int }

type queueCountsMsg struct {
	session int
	counts  map[api.Queue]int
	err     error
}

type threadActMsg struct {
	session  int
	threadID string
	act      policy.ThreadAct
	label    policy.SafeText
	res      api.ThreadActResult
	err      error
}

type nextMsg struct {
	session int
	res     api.NextResult
	err     error
}

type handoffNoteMsg struct {
	session  int
	threadID string
	label    policy.SafeText
	res      api.HandoffResult
	err      error
}

func (m queueCountsMsg) triageSession() int { return m.session }
func (m threadActMsg) triageSession() int   { return m.session }
func (m nextMsg) triageSession() int        { return m.session }
func (m handoffNoteMsg) triageSession() int { return m.session }

// fetchQueueCounts refreshes the bar's counts; while a request is out,
// one more goes after it, so a burst of events costs two requests.
func (m *Model) fetchQueueCounts() tea.Cmd {
	q := m.list.q
	if q == nil || !q.on || q.tb == nil || m.ctx == nil {
		return nil
	}
	tb := q.tb
	if q.countsBusy {
		q.countsAgain = true
		return nil
	}
	q.countsBusy = true
	ctx, session := m.ctx, m.session
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		c, err := tb.QueueCounts(ctx)
		return queueCountsMsg{session: session, counts: c, err: err}
	}
}

func threadActCmd(ctx context.Context, tb TriageBackend, session int, id string, label policy.SafeText, act policy.ThreadAct, req api.ThreadActRequest) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		res, err := tb.ThreadAct(ctx, id, act, req)
		return threadActMsg{session: session, threadID: id, act: act, label: label, res: res, err: err}
	}
}

func nextCmd(ctx context.Context, tb TriageBackend, session int) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		res, err := tb.NextThread(ctx, api.NextRequest{Claim: true})
		return nextMsg{session: session, res: res, err: err}
	}
}

func handoffNoteCmd(ctx context.Context, tb TriageBackend, session int, id string, label policy.SafeText, note string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		res, err := tb.HandoffWithNote(ctx, id, api.HandoffRequest{Note: note})
		return handoffNoteMsg{session: session, threadID: id, label: label, res: res, err: err}
	}
}

// refusalText is the server's own words for a refused step (its
// permission matrix or workflow rule), without the status code.
func refusalText(err error) policy.SafeText {
	var se *api.StatusError
	if errors.As(err, &se) && strings.TrimSpace(se.Message) != "" {
		return policy.SanitizeLine(se.Message)
	}
	return policy.SanitizeLine(err.Error())
}

// isRefusal says err is the server declining the step (bad input, the
// role's matrix, the thread's situation) rather than a failure to reach it.
func isRefusal(err error) bool {
	var se *api.StatusError
	return errors.As(err, &se) && se.Code >= 400 && se.Code < 500
}

// pageCmd asks for an inbox page: of the queue and filters on screen
// when the backend has queues, else of the plain inbox.
func (l *inboxList) pageCmd(after string, above bool) tea.Cmd {
	q := l.q
	if q == nil || !q.on || q.tb == nil {
		return inboxPageCmd(l.sess.ctx, l.sess.backend, l.sess.id, l.gen, after, above)
	}
	ctx, session, gen, f, tb := l.sess.ctx, l.sess.id, l.gen, q.pageFilter(), q.tb
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		p, err := tb.QueuePage(ctx, f, after, inboxPageSize)
		return inboxPageMsg{session: session, gen: gen, after: after, above: above, page: p, err: err}
	}
}
