package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// This file holds the first-sign-in enrolment of an authenticator app,
// the one-time display of recovery codes, and the break-glass reveal of
// a patient message's unmasked text.

// revealPrompt asks why the unmasked text is needed.
type revealPrompt struct {
	threadID, messageID string
	input               textinput.Model
	err                 policy.SafeText
}

// revealedText is one message's unmasked text, held until expires, the
// user leaves the thread, or the session ends, whichever is first.
type revealedText struct {
	threadID, messageID string
	text                policy.SafeText
	expires             time.Time
}

type enrolResultMsg struct {
	attempt int
	resp    api.TOTPEnrolResponse
	err     error
}

type revealResultMsg struct {
	session             int
	threadID, messageID string
	resp                api.RevealResponse
	err                 error
}

type revealTickMsg struct{ session int }

// revealTickEvery refreshes the REVEALED countdown.
const revealTickEvery = time.Second

func enrolCmd(b Backend, attempt int, token, code string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
		defer cancel()
		resp, err := b.EnrolTOTP(ctx, token, code)
		return enrolResultMsg{attempt: attempt, resp: resp, err: err}
	}
}

func revealCmd(ctx context.Context, b Backend, session int, threadID, messageID, reason string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		resp, err := b.Reveal(ctx, threadID, messageID, reason)
		return revealResultMsg{session: session, threadID: threadID, messageID: messageID, resp: resp, err: err}
	}
}

func revealTickCmd(session int) tea.Cmd {
	return tea.Tick(revealTickEvery, func(time.Time) tea.Msg { return revealTickMsg{session: session} })
}

// loginError is the sentence under the sign-in form. A lock is told with
// its end in this computer's time (the clinic's: consoles run at the
// clinic), not as a bare refusal, so the user knows to wait rather than
// retype; the server's own sentences are not prefixed a second time.
func loginError(err error) policy.SafeText {
	var locked *api.LockedError
	if errors.As(err, &locked) && !locked.Until.IsZero() {
		return policy.SanitizeLine("Sign-in is locked until " + locked.Until.Local().Format("15:04") +
			" after too many failed attempts. Wait until then, or ask an admin to unlock the account.")
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "Sign-in failed") {
		return policy.SanitizeLine(msg)
	}
	return policy.SanitizeLine("Sign-in failed: " + msg)
}

// --- enrolment -------------------------------------------------------------

func (m *Model) startEnrolment(e *api.EnrolmentRequiredError) tea.Cmd {
	m.enrol = newEnrolForm(m.theme, m.keys, m.backend, e)
	m.screen = screenEnrol
	m.resize()
	return m.enrol.input.Focus()
}

// onRecoveryDone opens the session once the codes are saved; they are
// gone from memory with the screen.
func (m *Model) onRecoveryDone(msg recoveryDoneMsg) tea.Cmd {
	if m.screen != screenRecovery {
		return nil
	}
	m.recovery = nil
	return m.startSession(msg.login)
}

// onEnrolCancel returns to the sign-in form.
func (m *Model) onEnrolCancel() tea.Cmd {
	if m.screen != screenEnrol {
		return nil
	}
	m.enrol = nil
	m.screen = screenLogin
	m.login = m.newLoginForm()
	m.login.notice = "Enrolment cancelled. Sign in again to set up your app."
	m.resize()
	return textinput.Blink
}

func (m *Model) onEnrol(msg enrolResultMsg) tea.Cmd {
	f := m.enrol
	if f == nil || m.screen != screenEnrol || msg.attempt != f.attempt {
		return nil
	}
	f.busy = false
	if msg.err != nil {
		if isFatal(msg.err) {
			return m.fail(msg.err)
		}
		f.err = policy.SanitizeLine(msg.err.Error())
		return nil
	}
	// The secret and the QR code are not needed any more.
	m.enrol = nil
	m.recovery = newRecoveryCodes(m.theme, m.keys, msg.resp)
	m.screen = screenRecovery
	m.resize()
	return nil
}

// --- reveal ----------------------------------------------------------------

func (m *Model) canReveal() bool {
	return policy.Can(policy.Role(m.user.Role), policy.ActionRevealMasked)
}

// syncRevealKeys keeps v's help honest: for roles that may not reveal it
// stays listed, marked as not theirs, and pressing it says why.
func (m *Model) syncRevealKeys() {
	if m.canReveal() {
		m.keys.Reveal.SetHelp("v", revealDesc)
	} else {
		m.keys.Reveal.SetHelp("v", revealOffDesc)
	}
	inbound := m.inboundIDs()
	m.keys.PrevMsg.SetEnabled(m.canReveal() && len(inbound) > 1)
	m.keys.NextMsg.SetEnabled(m.canReveal() && len(inbound) > 1)
}

// revealWhy is the sentence the full help shows when v is not the
// user's.
func (m *Model) revealWhy() string {
	if m.canReveal() || m.user.Role == "" {
		return ""
	}
	return policy.Why(policy.Role(m.user.Role), policy.ActionRevealMasked)
}

// inboundIDs lists the open thread's patient messages, oldest first.
func (m *Model) inboundIDs() []string {
	if m.pane.view == nil {
		return nil
	}
	var out []string
	for _, mv := range m.pane.view.messages {
		if mv.inbound {
			out = append(out, mv.id)
		}
	}
	return out
}

// keepSelection keeps the selected message across reloads, defaulting to
// the newest patient message.
func (m *Model) keepSelection() {
	ids := m.inboundIDs()
	for _, id := range ids {
		if id == m.pane.sel {
			return
		}
	}
	m.pane.sel = ""
	if len(ids) > 0 {
		m.pane.sel = ids[len(ids)-1]
	}
	if m.pane.revealed != nil && m.pane.revealed.messageID != m.pane.sel {
		found := false
		for _, id := range ids {
			found = found || id == m.pane.revealed.messageID
		}
		if !found {
			m.dropReveal()
		}
	}
}

func (m *Model) moveSelection(act action) {
	ids := m.inboundIDs()
	if !m.canReveal() || len(ids) == 0 {
		return
	}
	i := len(ids) - 1
	for j, id := range ids {
		if id == m.pane.sel {
			i = j
		}
	}
	if act == actPrevMsg {
		i = max(i-1, 0)
	} else {
		i = min(i+1, len(ids)-1)
	}
	m.pane.sel = ids[i]
	m.resize()
	m.showSelected()
}

// showSelected scrolls the thread so the selected message's first line
// is on screen.
func (m *Model) showSelected() {
	if m.pane.selLine < m.pane.vp.YOffset || m.pane.selLine >= m.pane.vp.YOffset+m.pane.vp.Height {
		m.pane.vp.SetYOffset(m.pane.selLine)
	}
}

func (m *Model) askReveal() tea.Cmd {
	if !m.canReveal() {
		return m.showToast(toastError, policy.SanitizeLine(m.revealWhy()))
	}
	if m.pane.view == nil || m.pane.sel == "" || m.revealBusy {
		return m.showToast(toastError, policy.Trusted("Open a thread with a patient message to reveal."))
	}
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = "why you need the unmasked text"
	in.CharLimit = api.MaxRevealReason
	m.revealAsk = &revealPrompt{threadID: m.pane.id, messageID: m.pane.sel, input: in}
	m.resize()
	return m.revealAsk.input.Focus()
}

func (m *Model) revealKey(act action, msg tea.KeyMsg) tea.Cmd {
	p := m.revealAsk
	switch act {
	case actCancel:
		m.revealAsk = nil
		m.resize()
		return nil
	case actSubmit:
		reason := strings.TrimSpace(p.input.Value())
		if utf8.RuneCountInString(reason) < api.MinRevealReason {
			p.err = policy.Trusted("Say why, in at least " + strconv.Itoa(api.MinRevealReason) + " characters.")
			m.resize()
			return nil
		}
		m.revealAsk = nil
		m.revealBusy = true
		m.resize()
		return revealCmd(m.ctx, m.backend, m.session, p.threadID, p.messageID, reason)
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return cmd
}

func (m *Model) onReveal(msg revealResultMsg) tea.Cmd {
	if msg.session != m.session {
		return nil
	}
	m.revealBusy = false
	if r, ok := asRefusal(msg.err); ok {
		return m.showToast(toastError, policy.SanitizeLine("Not revealed: "+r.Refusal.Reason))
	}
	if msg.err != nil {
		return m.handleErr("Not revealed", msg.err)
	}
	if msg.threadID != m.pane.id {
		return nil // the user left the thread while the answer was on its way
	}
	exp := msg.resp.ExpiresAt
	if exp.IsZero() || exp.Sub(m.nowAt) > 5*time.Minute {
		exp = m.nowAt.Add(5 * time.Minute)
	}
	m.pane.revealed = &revealedText{threadID: msg.threadID, messageID: msg.messageID,
		text: policy.Sanitize(msg.resp.Text), expires: exp}
	m.resize()
	m.showSelected()
	return revealTickCmd(m.session)
}

func (m *Model) onRevealTick(msg revealTickMsg) tea.Cmd {
	if msg.session != m.session || m.pane.revealed == nil {
		return nil
	}
	if !m.nowAt.Before(m.pane.revealed.expires) {
		m.dropReveal()
		m.resize()
		return m.showToast(toastInfo, policy.Trusted("Revealed text hidden again"))
	}
	m.resize() // the countdown
	return revealTickCmd(m.session)
}

// dropReveal forgets revealed text. The viewport's rendered content is
// rebuilt by the caller's resize, so no copy stays on screen or in it.
func (m *Model) dropReveal() {
	m.pane.revealed = nil
	m.revealAsk = nil
	m.revealBusy = false
}

// revealPromptView is the footer line that asks for the reason.
func (m *Model) revealPromptView() string {
	t := m.theme
	p := m.revealAsk
	line := t.Escalated.Render("Reveal the unmasked text? Why: ") + p.input.View()
	if !p.err.IsEmpty() {
		line += "\n" + t.Error.Render("✗ ") + safe(t.Error, p.err)
	}
	return line
}

// countdown is m:ss until t.
func countdown(now, t time.Time) string {
	d := max(t.Sub(now).Round(time.Second), 0)
	s := int(d / time.Second)
	return strconv.Itoa(s/60) + ":" + strconv.Itoa(s%60/10) + strconv.Itoa(s%10)
}
