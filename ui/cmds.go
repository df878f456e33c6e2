package ui

import (
	"context"
	"crypto/rand"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/store/api"
)

// Every Backend call happens in one of the commands below. A command
// captures copies of what it needs (the backend, ids, a request value, the
// session's context) and never the model, so nothing races with Update.
// Each result carries the session it belongs to, and thread results the
// thread id and generation they were asked for: Update drops a result
// that no longer matches what is on screen.

// callTimeout bounds one Backend call so a stalled network shows up as a
// toast rather than a console that never answers.
const callTimeout = 20 * time.Second

type loginResultMsg struct {
	attempt int
	resp    api.LoginResponse
	err     error
}

type threadMsg struct {
	session  int
	gen      int
	threadID string
	detail   api.ThreadDetail
	err      error
}

type sendResultMsg struct {
	session  int
	threadID string
	macroID  string // empty for free text
	key      string // the idempotency key the request carried
	text     string // the free text sent
	resp     api.SendResponse
	err      error
}

type handoffResultMsg struct {
	session  int
	threadID string
	err      error
}

type logoutDoneMsg struct{}

type eventsReadyMsg struct {
	session int
	ch      <-chan api.Event
}

type eventsFailedMsg struct {
	session int
	err     error
}

type eventMsg struct {
	session int
	ev      api.Event
	ch      <-chan api.Event // to re-arm the reader
}

type eventsClosedMsg struct{ session int }

type resubscribeMsg struct{ session int }

type idleTickMsg struct{ session int }

type toastExpiredMsg struct{ id int }

func loginCmd(b Backend, attempt int, username, password, totp string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
		defer cancel()
		resp, err := b.Login(ctx, username, password, totp)
		return loginResultMsg{attempt: attempt, resp: resp, err: err}
	}
}

func logoutCmd(b Backend) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
		defer cancel()
		// The local session is already gone; a failed server call only
		// leaves a token that expires on its own. Drafts go first, while
		// the backend still knows whose they are.
		_ = b.DeleteAllMyDrafts(ctx)
		_ = b.Logout(ctx)
		return logoutDoneMsg{}
	}
}

func threadCmd(ctx context.Context, b Backend, session, gen int, threadID string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		d, err := b.Thread(ctx, threadID)
		return threadMsg{session: session, gen: gen, threadID: threadID, detail: d, err: err}
	}
}

func sendCmd(ctx context.Context, b Backend, session int, threadID string, req api.SendRequest) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		resp, err := b.Send(ctx, threadID, req)
		return sendResultMsg{session: session, threadID: threadID, macroID: req.MacroID,
			key: req.IdempotencyKey, text: req.Text, resp: resp, err: err}
	}
}

func handoffCmd(ctx context.Context, b Backend, session int, threadID string, req api.HandoffRequest) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		err := b.Handoff(ctx, threadID, req)
		return handoffResultMsg{session: session, threadID: threadID, err: err}
	}
}

// subscribeCmd opens the live event stream for the session. The stream
// lives as long as ctx, which the session cancels when it ends.
func subscribeCmd(ctx context.Context, b Backend, session int) tea.Cmd {
	return func() tea.Msg {
		ch, err := b.Events(ctx)
		if err != nil {
			return eventsFailedMsg{session: session, err: err}
		}
		return eventsReadyMsg{session: session, ch: ch}
	}
}

// waitEventCmd waits for the next live event. Update re-arms it after each
// event, so exactly one reader is ever waiting on the channel.
func waitEventCmd(ch <-chan api.Event, session int) tea.Cmd {
	return func() tea.Msg {
		ev, ok := <-ch
		if !ok {
			return eventsClosedMsg{session: session}
		}
		return eventMsg{session: session, ev: ev, ch: ch}
	}
}

// Event stream reconnect backoff: doubles from the first delay up to the
// cap, and resets once a subscription succeeds.
const (
	resubscribeFirst = time.Second
	resubscribeMax   = 30 * time.Second
)

func resubscribeAfter(d time.Duration, session int) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return resubscribeMsg{session: session} })
}

// idleCheckEvery is how often the idle logoff is checked; it also keeps
// the relative times in the inbox fresh.
const idleCheckEvery = 5 * time.Second

func idleTickCmd(session int) tea.Cmd {
	return tea.Tick(idleCheckEvery, func(time.Time) tea.Msg { return idleTickMsg{session: session} })
}

// toastFor is how long a footer toast stays.
const toastFor = 5 * time.Second

func toastExpireCmd(id int) tea.Cmd {
	return tea.Tick(toastFor, func(time.Time) tea.Msg { return toastExpiredMsg{id: id} })
}

// newIdempotencyKey is the default Options.NewKey: 128 random bits.
func newIdempotencyKey() string { return rand.Text() }
