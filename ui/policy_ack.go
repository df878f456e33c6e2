package ui

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// This file is the workforce acknowledgment of the clinic's messaging
// policy: at the first sign-in, yearly after, and whenever the policy
// changes, the server refuses the thread routes until the user has read
// the policy and typed their full name. The screen is one self-contained
// component (its own keys, help, size and view); the Model only opens it
// when the server says so and closes it when the server has the record.

// policyAckKeys are the acknowledgment screen's keys. Typing goes to the
// name field, so no plain letter is bound.
type policyAckKeys struct {
	Submit     key.Binding
	ScrollUp   key.Binding
	ScrollDown key.Binding
	SignOut    key.Binding
	Quit       key.Binding
}

func defaultPolicyAckKeys() policyAckKeys {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return policyAckKeys{
		Submit:     b("enter", "acknowledge", "enter"),
		ScrollUp:   b("pgup/↑", "scroll up", "pgup", "up"),
		ScrollDown: b("pgdn/↓", "scroll down", "pgdown", "down"),
		SignOut:    b("esc", "sign out", "esc"),
		Quit:       b("ctrl+c", "quit", "ctrl+c"),
	}
}

// ShortHelp and FullHelp make the keys a help.KeyMap.
func (k policyAckKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Submit, k.ScrollDown, k.ScrollUp, k.SignOut, k.Quit}
}

func (k policyAckKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// policyAck is the acknowledgment screen.
type policyAck struct {
	sess    session
	ackOf   string // the version acknowledged, as the server named it
	keys    policyAckKeys
	help    help.Model
	theme   Theme
	version policy.SafeText
	title   policy.SafeText
	text    policy.SafeText
	vp      viewport.Model
	name    textinput.Model
	err     policy.SafeText
	busy    bool
	w, h    int
}

// policyAckOutcome is what a key on the screen asks the Model to do.
type policyAckOutcome int

const (
	ackNothing policyAckOutcome = iota
	ackSubmit                   // send the typed name
	ackSignOut
	ackQuit
)

func newPolicyAck(pol api.MessagingPolicy, theme Theme, sess session) *policyAck {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = "your full name"
	in.CharLimit = api.MaxAckName
	p := &policyAck{sess: sess, ackOf: pol.Version, keys: defaultPolicyAckKeys(), help: help.New(), theme: theme,
		version: policy.SanitizeLine(pol.Version), title: policy.SanitizeLine(pol.Title),
		text: policy.Sanitize(pol.Text), name: in}
	p.help.Styles = theme.helpStyles()
	p.vp = viewport.New(1, 1)
	return p
}

// Focus puts the cursor in the name field.
func (p *policyAck) Focus() tea.Cmd { return p.name.Focus() }

// SetSize lays the screen out in w×h cells (the header line excluded).
func (p *policyAck) SetSize(w, h int) {
	p.w, p.h = w, h
	p.help.Width = w
	tw := p.textWidth()
	// Title, version line, blank, text…, blank, name line, status line, help.
	p.vp.Width = tw
	p.vp.Height = max(h-7, 1)
	p.vp.SetContent(wrapSafe(p.text, tw))
}

func (p *policyAck) textWidth() int { return max(min(p.w-4, 96), 10) }

// Name is the name as typed, trimmed.
func (p *policyAck) Name() string { return strings.Join(strings.Fields(p.name.Value()), " ") }

// SetError shows why the acknowledgment was not taken.
func (p *policyAck) SetError(s policy.SafeText) {
	p.err, p.busy = s, false
}

// Update handles one message. It never does I/O: a submit is sent by a
// tea.Cmd; quitting and signing out are the root's to do.
func (p *policyAck) Update(msg tea.Msg) tea.Cmd {
	cmd, out := p.handle(msg)
	switch out {
	case ackQuit:
		return emit(quitMsg{})
	case ackSignOut:
		return emit(signOutMsg{"Signed out. The policy must be acknowledged before threads open."})
	case ackSubmit:
		p.busy = true
		return policyAckCmd(p.sess.ctx, p.sess.backend, p.sess.id, p.ackOf, p.Name())
	}
	return cmd
}

func (p *policyAck) ShortHelp() []key.Binding  { return p.keys.ShortHelp() }
func (p *policyAck) FullHelp() [][]key.Binding { return p.keys.FullHelp() }

func (p *policyAck) handle(msg tea.Msg) (tea.Cmd, policyAckOutcome) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		var cmd tea.Cmd
		p.name, cmd = p.name.Update(msg)
		return cmd, ackNothing
	}
	switch {
	case key.Matches(km, p.keys.Quit):
		return nil, ackQuit
	case key.Matches(km, p.keys.SignOut):
		return nil, ackSignOut
	case key.Matches(km, p.keys.ScrollUp):
		if km.Type == tea.KeyUp {
			p.vp.ScrollUp(1)
		} else {
			p.vp.PageUp()
		}
		return nil, ackNothing
	case key.Matches(km, p.keys.ScrollDown):
		if km.Type == tea.KeyDown {
			p.vp.ScrollDown(1)
		} else {
			p.vp.PageDown()
		}
		return nil, ackNothing
	case key.Matches(km, p.keys.Submit):
		if p.busy {
			return nil, ackNothing
		}
		if n := utf8.RuneCountInString(p.Name()); n < api.MinAckName {
			p.err = policy.Trusted("Type your full name to acknowledge the policy.")
			return nil, ackNothing
		}
		p.err = policy.SafeText{}
		return nil, ackSubmit
	}
	var cmd tea.Cmd
	p.name, cmd = p.name.Update(msg)
	return cmd, ackNothing
}

// View draws the screen: the policy text (scrollable), the name field,
// the status line and the help.
func (p *policyAck) View() string {
	t := p.theme
	tw := p.textWidth()
	var b strings.Builder
	b.WriteString(t.Title.Render(fitSafe(p.title, tw)) + "\n")
	b.WriteString(t.Faint.Render(fitSafe(policy.Concat(policy.Trusted("Version "), p.version, policy.Trusted(" · read it, then type your full name below to acknowledge it.")), tw)) + "\n\n")
	b.WriteString(p.vp.View() + "\n")
	more := ""
	if !p.vp.AtBottom() {
		more = "↓ more below (pgdn)"
	}
	b.WriteString(t.Faint.Render(fit(more, tw)) + "\n")
	b.WriteString("› " + t.Focused.Render("Full name") + "  " + fit(p.name.View(), max(tw-13, 10)) + "\n")
	switch {
	case p.busy:
		b.WriteString(t.Faint.Render("Recording your acknowledgment…"))
	case !p.err.IsEmpty():
		b.WriteString(t.Error.Render("✗ ") + safe(t.Error, p.err))
	}
	body := box(shiftRight(b.String(), max((p.w-tw)/2, 0)), p.w, max(p.h-1, 1))
	return body + "\n" + fit(p.help.View(p.keys), p.w)
}

// shiftRight shifts every line right by n spaces.
func shiftRight(s string, n int) string {
	if n == 0 {
		return s
	}
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}

// --- the Model's side ------------------------------------------------------

type policyMsg struct {
	session int
	pol     api.MessagingPolicy
	err     error
}

type policyAckResultMsg struct {
	session int
	resp    api.PolicyAckResponse
	err     error
}

type reviewStatusMsg struct {
	session int
	st      api.ReviewStatus
	err     error
}

func policyCmd(ctx context.Context, b Backend, session int) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		pol, err := b.Policy(ctx)
		return policyMsg{session: session, pol: pol, err: err}
	}
}

func policyAckCmd(ctx context.Context, b Backend, session int, version, name string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		resp, err := b.AcknowledgePolicy(ctx, version, name)
		return policyAckResultMsg{session: session, resp: resp, err: err}
	}
}

func reviewStatusCmd(ctx context.Context, b Backend, session int) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		st, err := b.ReviewStatus(ctx)
		return reviewStatusMsg{session: session, st: st, err: err}
	}
}

// askPolicy leaves the inbox for the acknowledgment screen and fetches
// the policy in force.
func (m *Model) askPolicy() tea.Cmd {
	if m.screen == screenPolicy || m.ctx == nil {
		return nil
	}
	m.screen = screenPolicy
	m.pane.id, m.pane.view, m.picker, m.confirm, m.audit = "", nil, nil, nil, nil
	m.dropReveal()
	return policyCmd(m.ctx, m.backend, m.session)
}

func (m *Model) onPolicy(msg policyMsg) tea.Cmd {
	if msg.session != m.session || m.screen != screenPolicy {
		return nil
	}
	if msg.err != nil {
		if isUnauthorized(msg.err) || isFatal(msg.err) {
			return m.handleErr("", msg.err)
		}
		return m.fail(errors.New("the clinic's messaging policy could not be loaded: " + msg.err.Error()))
	}
	if msg.pol.Acknowledged {
		return m.leavePolicy()
	}
	m.ack = newPolicyAck(msg.pol, m.theme, m.sess())
	m.resize()
	return m.ack.Focus()
}

func (m *Model) policyKey(msg tea.KeyMsg) tea.Cmd {
	if m.ack == nil {
		if key.Matches(msg, m.keys.ForceQuit) {
			return m.quit()
		}
		return nil
	}
	return m.ack.Update(msg)
}

func (m *Model) onPolicyAck(msg policyAckResultMsg) tea.Cmd {
	if msg.session != m.session || m.screen != screenPolicy || m.ack == nil {
		return nil
	}
	if msg.err != nil {
		if r, ok := asRefusal(msg.err); ok {
			m.ack.SetError(policy.SanitizeLine(r.Refusal.Reason))
			return nil
		}
		if isConflict(msg.err) {
			// A new version arrived while this one was on screen: show it.
			m.ack = nil
			return policyCmd(m.ctx, m.backend, m.session)
		}
		if isUnauthorized(msg.err) || isFatal(msg.err) {
			return m.handleErr("", msg.err)
		}
		m.ack.SetError(policy.SanitizeLine("Not recorded: " + msg.err.Error()))
		return nil
	}
	done := policy.Concat(policy.Trusted("Policy version "), policy.SanitizeLine(msg.resp.Version), policy.Trusted(" acknowledged. Thank you."))
	return tea.Batch(m.leavePolicy(), m.showToast(toastInfo, done))
}

// leavePolicy returns to the inbox and loads it.
func (m *Model) leavePolicy() tea.Cmd {
	m.ack = nil
	m.screen, m.focus = screenMain, focusList
	m.resize()
	return m.list.fetch()
}

func (m *Model) policyView() string {
	h := max(m.height-1, 1)
	if m.ack == nil {
		return m.headerView() + "\n" + box(m.theme.Faint.Render("  Loading the clinic's messaging policy…"), m.width, h)
	}
	return m.headerView() + "\n" + m.ack.View()
}

// onReviewStatus keeps the supervisor's "access review due" notice.
func (m *Model) onReviewStatus(msg reviewStatusMsg) tea.Cmd {
	if msg.session != m.session || msg.err != nil {
		return nil
	}
	m.reviewDue = msg.st.Due
	return nil
}
