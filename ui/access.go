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
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/api"
)

// This file holds the first-sign-in enrolment of an authenticator app,
// the one-time display of recovery codes, and the break-glass reveal of
// a patient message's unmasked text.

// enrolForm is the enrolment screen: the QR code, the secret as text and
// the field for the first code.
type enrolForm struct {
	token   string // proves the password step; sent back with the code
	qr      policy.SafeText
	secret  policy.SafeText // grouped in fours for reading
	input   textinput.Model
	err     policy.SafeText
	busy    bool
	attempt int
}

// recoveryCodes is the screen after enrolment. The codes live only here
// and only until the user presses enter.
type recoveryCodes struct {
	codes []policy.SafeText
	login api.LoginResponse
}

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
	var locked *store.LockedError
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

func (m *Model) startEnrolment(e *store.EnrolmentRequiredError) tea.Cmd {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = "6-digit code from the app"
	in.CharLimit = 10
	var groups []string
	sec := e.Enrolment.Secret
	for len(sec) > 4 {
		groups = append(groups, sec[:4])
		sec = sec[4:]
	}
	groups = append(groups, sec)
	m.enrol = &enrolForm{
		token:  e.Enrolment.Token,
		qr:     policy.Sanitize(e.QR),
		secret: policy.SanitizeLine(strings.Join(groups, " ")),
		input:  in,
	}
	m.screen = screenEnrol
	return m.enrol.input.Focus()
}

func (m *Model) enrolKey(act action, msg tea.KeyMsg) tea.Cmd {
	f := m.enrol
	switch act {
	case actCancel:
		m.enrol = nil
		m.screen = screenLogin
		m.login = newLoginForm()
		m.login.notice = "Enrolment cancelled. Sign in again to set up your app."
		return textinput.Blink
	case actSubmit:
		code := strings.Join(strings.Fields(f.input.Value()), "")
		if f.busy {
			return nil
		}
		if len(code) != 6 {
			f.input.SetValue("")
			f.err = policy.Trusted("Type the 6-digit code your app shows for this account.")
			return nil
		}
		f.input.SetValue("")
		f.err, f.busy = policy.SafeText{}, true
		f.attempt++
		return enrolCmd(m.backend, f.attempt, f.token, code)
	}
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	return cmd
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
	rc := &recoveryCodes{login: msg.resp.Login}
	for _, c := range msg.resp.RecoveryCodes {
		rc.codes = append(rc.codes, policy.SanitizeLine(c))
	}
	m.recovery = rc
	m.screen = screenRecovery
	return nil
}

func (m *Model) recoveryKey(act action) tea.Cmd {
	switch act {
	case actContinue:
		login := m.recovery.login
		m.recovery = nil // shown once: gone from memory now
		return m.startSession(login)
	}
	return nil
}

func (m *Model) enrolView() string {
	t := m.theme
	f := m.enrol
	// Wide, so the words take few lines and the QR code fits in 40 rows.
	w := min(m.width-4, 96)
	head := t.Title.Render("Set up your authenticator app") + "\n" +
		ansi.Wrap("Your account needs a second factor. Scan the code with your authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, Aegis…) or type the key into it, then enter the 6-digit code it shows.", w, "") + "\n"
	tail := t.Faint.Render("Key: ") + safe(t.Focused, f.secret) + "\n" +
		"› " + t.Focused.Render("Code") + "  " + fit(f.input.View(), max(w-8, 10)) + "\n"
	switch {
	case f.busy:
		tail += t.Faint.Render("Checking…")
	case !f.err.IsEmpty():
		tail += t.Error.Render("✗ ") + safe(t.Error, f.err)
	}
	qr := strings.TrimRight(plain(f.qr), "\n")
	if qr != "" {
		qrW, qrH := lipgloss.Width(qr), lipgloss.Height(qr)
		// The header line and the footer take their share of the height.
		need := qrH + lipgloss.Height(head+tail) + 1 + lipgloss.Height(m.footerView())
		if qrW <= m.width && need <= m.height {
			head += qr + "\n"
		} else {
			head += t.Warning.Render(ansi.Wrap("The QR code needs a window of at least "+strconv.Itoa(max(qrW, minWidth))+"×"+strconv.Itoa(need)+"; enlarge it, or type the key by hand.", w, "")) + "\n\n"
		}
	}
	return m.pageWithFooter(head+tail, w)
}

func (m *Model) recoveryView() string {
	t := m.theme
	w := min(m.width-4, 72)
	var b strings.Builder
	b.WriteString(t.StatusOK.Render("✓ ") + t.Title.Render("Authenticator set up. Save your recovery codes") + "\n")
	b.WriteString(ansi.Wrap("If you lose your phone, each code signs you in once, typed into the Code field. They are shown only now: write them down or keep them in a password manager, not on this computer.", w, "") + "\n\n")
	codes := m.recovery.codes
	for i := 0; i < len(codes); i += 2 {
		line := "  " + fitSafe(policy.Concat(policy.Trusted(strconv.Itoa(i+1)+". "), codes[i]), 28)
		if i+1 < len(codes) {
			line += plain(policy.Trusted(strconv.Itoa(i+2)+". "), codes[i+1])
		}
		b.WriteString(line + "\n")
	}
	return m.pageWithFooter(b.String(), w)
}

// pageWithFooter centres a form of width w above the help footer.
func (m *Model) pageWithFooter(form string, w int) string {
	form = lipgloss.NewStyle().Width(w).Render(form)
	h := m.height - 1 - lipgloss.Height(m.footerView())
	body := lipgloss.Place(m.width, h, lipgloss.Center, lipgloss.Center, form)
	return m.headerView() + "\n" + box(body, m.width, h) + "\n" + m.footerView()
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
	if m.thread == nil {
		return nil
	}
	var out []string
	for _, mv := range m.thread.messages {
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
		if id == m.selMsg {
			return
		}
	}
	m.selMsg = ""
	if len(ids) > 0 {
		m.selMsg = ids[len(ids)-1]
	}
	if m.revealed != nil && m.revealed.messageID != m.selMsg {
		found := false
		for _, id := range ids {
			found = found || id == m.revealed.messageID
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
		if id == m.selMsg {
			i = j
		}
	}
	if act == actPrevMsg {
		i = max(i-1, 0)
	} else {
		i = min(i+1, len(ids)-1)
	}
	m.selMsg = ids[i]
	m.resize()
	m.showSelected()
}

// showSelected scrolls the thread so the selected message's first line
// is on screen.
func (m *Model) showSelected() {
	if m.selLine < m.vp.YOffset || m.selLine >= m.vp.YOffset+m.vp.Height {
		m.vp.SetYOffset(m.selLine)
	}
}

func (m *Model) askReveal() tea.Cmd {
	if !m.canReveal() {
		return m.showToast(toastError, policy.SanitizeLine(m.revealWhy()))
	}
	if m.thread == nil || m.selMsg == "" || m.revealBusy {
		return m.showToast(toastError, policy.Trusted("Open a thread with a patient message to reveal."))
	}
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = "why you need the unmasked text"
	in.CharLimit = api.MaxRevealReason
	m.revealAsk = &revealPrompt{threadID: m.openID, messageID: m.selMsg, input: in}
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
	if msg.threadID != m.openID {
		return nil // the user left the thread while the answer was on its way
	}
	exp := msg.resp.ExpiresAt
	if exp.IsZero() || exp.Sub(m.nowAt) > 5*time.Minute {
		exp = m.nowAt.Add(5 * time.Minute)
	}
	m.revealed = &revealedText{threadID: msg.threadID, messageID: msg.messageID,
		text: policy.Sanitize(msg.resp.Text), expires: exp}
	m.resize()
	m.showSelected()
	return revealTickCmd(m.session)
}

func (m *Model) onRevealTick(msg revealTickMsg) tea.Cmd {
	if msg.session != m.session || m.revealed == nil {
		return nil
	}
	if !m.nowAt.Before(m.revealed.expires) {
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
	m.revealed = nil
	m.revealAsk = nil
	m.revealBusy = false
}

// revealedFor returns the revealed text of the message, if any.
func (m *Model) revealedFor(id string) *revealedText {
	if r := m.revealed; r != nil && r.messageID == id && r.threadID == m.openID {
		return r
	}
	return nil
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
