package ui

import (
	"errors"
	"strconv"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// When the clinic server cannot be reached, the console says so at once
// in a banner above the help (the live event stream ended or failed to
// open, or a request could not get through), instead of letting the user
// find out when a reply will not send. The banner says since when, and
// counts the reconnect attempts with the time of the next one; it goes
// when the stream is back, and the console then asks for what changed
// after the change number it held, so nothing missed is lost.

// offlineState is the banner's state.
type offlineState struct {
	since    time.Time
	attempts int       // reconnects tried and failed
	next     time.Time // the next attempt; zero when none is scheduled
	// stream: the event stream is down. A banner raised only by a failed
	// request goes with the next request that gets through.
	stream bool
}

// wentOffline raises (or keeps) the banner.
func (m *Model) wentOffline(stream bool) {
	if m.offline == nil {
		m.offline = &offlineState{since: m.nowAt}
		defer m.resize()
	}
	m.offline.stream = m.offline.stream || stream
}

// streamDown is the event stream ending or failing to open with err
// (nil when it ended): the banner goes up and the next attempt is
// scheduled. A server that answered with a refusal of its own (too many
// streams open, 429) is there: it gets the retry without the banner.
func (m *Model) streamDown(err error) tea.Cmd {
	var st *api.StatusError
	if errors.As(err, &st) && st.Code >= 400 && st.Code < 500 {
		return m.resubscribeLater()
	}
	m.wentOffline(true)
	if err != nil {
		m.offline.attempts++
	}
	cmd := m.resubscribeLater()
	m.offline.next = m.nowAt.Add(m.eventsBackoff)
	return cmd
}

// streamUp lowers the banner when the stream is back.
func (m *Model) streamUp() tea.Cmd {
	if m.offline == nil {
		return nil
	}
	m.offline = nil
	m.resize()
	return m.showToast(toastInfo, policy.Trusted("Back online: catching up on what changed"))
}

// requestFailed raises the banner for a request that could not reach the
// server.
func (m *Model) requestFailed(err error) {
	if errors.Is(err, api.ErrUnreachable) {
		m.wentOffline(false)
	}
}

// inboxAnswered lowers the banner when an inbox request of this session
// got an answer from the server.
func (m *Model) inboxAnswered(msg tea.Msg) {
	switch msg := msg.(type) {
	case inboxPageMsg:
		if msg.session == m.session && msg.err == nil {
			m.requestGotThrough()
		}
	case inboxChangesMsg:
		if msg.session == m.session && msg.err == nil {
			m.requestGotThrough()
		}
	}
}

// requestGotThrough lowers a banner that only a failed request raised.
func (m *Model) requestGotThrough() {
	if m.offline != nil && !m.offline.stream {
		m.offline = nil
		m.resize()
	}
}

// offlineBanner is the banner's line, or "". What matters most comes
// first and stays whole; the explanations follow as the width allows.
func (m *Model) offlineBanner() string {
	o := m.offline
	if o == nil || m.screen != screenMain {
		return ""
	}
	retry := "reconnecting"
	if !o.next.IsZero() {
		retry += " (attempt " + strconv.Itoa(o.attempts+1) + " at " + o.next.Local().Format("15:04:05") + ")"
	}
	text := "⚠ OFFLINE since " + o.since.Local().Format("15:04") + " · " + retry
	for _, more := range []string{"nothing can be sent until it is back", "the clinic server cannot be reached"} {
		if ansi.StringWidth(text)+3+ansi.StringWidth(more) <= m.width {
			text += " · " + more
		}
	}
	return m.theme.Error.Render(text)
}
