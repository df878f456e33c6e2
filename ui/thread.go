package ui

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/clinicwa/triage/policy"
)

// threadPane is the open thread: which one, its messages as last read,
// the scrolled view of them, the patient message selected (for a
// reveal), and the unmasked text revealed in it. It fetches its thread
// and scrolls; the keys that act on the thread (reply, hand off,
// reveal) are the root's, since they reach the inbox and the composer
// too, and so is taking a fetched thread in (onThread), which also
// updates the inbox row.
type threadPane struct {
	keys  *KeyMap // the root's keymap, as enabled now (ctxThread)
	theme Theme
	sess  session

	id    string // the open thread; "" for none
	gen   int    // the generation of the latest request: older answers are dropped
	busy  bool
	again bool // a refresh was asked for while a request was out
	view  *threadView
	vp    viewport.Model

	// sel is the patient message v would reveal (by message id); selLine
	// is where it starts in the viewport.
	sel      string
	selLine  int
	revealed *revealedText

	width, height int
	// What the root says: the pane has the keys, the role may reveal,
	// and the clock (read once per Update).
	focused   bool
	canReveal bool
	now       time.Time
}

func newThreadPane(t Theme, keys *KeyMap, sess session) threadPane {
	vp := viewport.New(0, 0)
	vp.MouseWheelEnabled = false
	return threadPane{keys: keys, theme: t, sess: sess, vp: vp}
}

// SetSize gives the pane its width and height; the messages get what the
// thread's title and notes leave, less composerH for the composer under
// them.
func (p *threadPane) SetSize(w, h int) { p.width, p.height = w, h }

// layout sizes the viewport under the title and notes, above a composer
// composerH lines high, and redraws the messages; whoever was reading
// the newest message keeps reading it.
func (p *threadPane) layout(composerH int) {
	atBottom := p.vp.AtBottom()
	p.vp.Width = p.width
	p.vp.Height = max(p.height-lipgloss.Height(p.top())-composerH, 1)
	if p.view != nil {
		p.vp.SetContent(p.messagesView(p.width))
		if atBottom {
			p.vp.GotoBottom()
		}
	}
}

// Update scrolls the messages.
func (p *threadPane) Update(msg tea.Msg) tea.Cmd {
	if km, ok := msg.(tea.KeyMsg); ok {
		p.scroll(helpKeys(p.keys.bindings(ctxThread)).resolve(km))
	}
	return nil
}

// View is the thread's title and notes over its messages.
func (p *threadPane) View() string {
	if p.id == "" {
		return p.theme.Title.Render("Thread") + "\n" + p.theme.Faint.Render("Select a thread and press enter to open it.")
	}
	if p.view == nil {
		return p.top() + "\n" + p.theme.Faint.Render("Loading…")
	}
	return p.top() + "\n" + p.vp.View()
}

func (p *threadPane) ShortHelp() []key.Binding {
	return helpKeys(p.keys.bindings(ctxThread)).ShortHelp()
}

func (p *threadPane) FullHelp() [][]key.Binding {
	return helpKeys(p.keys.bindings(ctxThread)).FullHelp()
}

// top is the thread's title and its notes (window, consent).
func (p *threadPane) top() string {
	t := p.theme
	st := t.Title
	if p.focused {
		st = t.Focused
	}
	if p.view == nil {
		return st.Render("Thread")
	}
	r := p.view.row
	w := p.width
	title := st.Render("Thread · ") + safe(st, r.label)
	lines := []string{title}
	if marks := p.theme.stateMarks(r); marks != "" {
		// The marks stay whole: on a line of their own when the title
		// leaves no room for them.
		if ansi.StringWidth(title)+1+ansi.StringWidth(marks) <= w {
			lines[0] += " " + marks
		} else {
			lines = append(lines, "  "+marks)
		}
	}
	lines = append(lines, workflowLines(t, p.now, r, w)...)
	switch {
	case r.windowUntil.IsZero():
		lines = append(lines, indent(t.Warning.Render("⚠ No 24-hour window: the patient has not written. Free text will be refused; only an approved template can reach them."), w, 0, 2))
	case !r.windowUntil.After(p.now):
		lines = append(lines, indent(t.Warning.Render("⚠ 24-hour window closed "+agoText(p.now, r.windowUntil)+": free text will be refused; only an approved template can reach the patient."), w, 0, 2))
	default:
		lines = append(lines, t.Faint.Render("24-hour window open: closes in "+untilText(r.windowUntil.Sub(p.now))))
	}
	if c := p.view.clock; c != nil {
		lines = append(lines, indent(t.Faint.Render(patientClockLine(*c, p.now)), w, 0, 2))
	}
	lines = append(lines, p.scheduledLines(w)...)
	switch {
	case p.view.consent.known:
		lines = append(lines, p.consentLines(p.view.consent, w)...)
	case !r.optedIn:
		lines = append(lines, indent(t.Warning.Render("⚠ No WhatsApp opt-in on record (never given, or withdrawn by STOP): nothing can be sent until the patient writes START."), w, 0, 2))
	}
	return strings.Join(lines, "\n")
}

// messagesView renders the open thread's messages for the viewport. It
// runs when the thread loads or the width changes, not per key press.
func (p *threadPane) messagesView(w int) string {
	t := p.theme
	if len(p.view.messages) == 0 {
		return t.Faint.Render("No messages yet.")
	}
	var b strings.Builder
	marks := p.canReveal
	for i, msg := range p.view.messages {
		if i > 0 {
			b.WriteString("\n")
		}
		var head string
		if marks {
			// The patient message v would reveal; [ and ] move it.
			if msg.inbound && msg.id == p.sel {
				p.selLine = strings.Count(b.String(), "\n")
				head = t.Focused.Render("▸ ")
			} else {
				head = "  "
			}
		}
		if msg.inbound {
			head += t.Inbound.Render("← Patient")
		} else {
			who := policy.Trusted("→ Clinic")
			if !msg.sentBy.IsEmpty() {
				who = policy.Concat(who, policy.Trusted(" ("), msg.sentBy, policy.Trusted(")"))
			}
			head += safe(t.Outbound, who)
			if msg.macro {
				head += t.Faint.Render(" · " + msg.via)
			}
		}
		head += t.Faint.Render(" · " + clockTime(p.now, msg.at))
		if msg.forwarded {
			head += t.Faint.Render(" · forwarded")
		}
		if msg.edited {
			head += t.Faint.Render(" · edited")
		}
		if msg.clinical {
			head += " " + t.Escalated.Render("[CLINICAL]")
		}
		if s := p.theme.statusView(msg.status, policy.SafeText{}); s != "" {
			head += t.Faint.Render(" · ") + s
		}
		head += p.linkOpenedView(msg)
		b.WriteString(indent(head, w, 0, 2) + "\n")
		if r := p.revealedFor(msg.id); r != nil {
			b.WriteString(indent(t.Escalated.Render("REVEALED · hides in "+countdown(p.now, r.expires)), w, 2, 2) + "\n")
			b.WriteString(indent(safe(t.Text, r.text), w, 2, 2) + "\n")
			continue
		}
		if !msg.quote.IsEmpty() {
			b.WriteString(indent(safe(t.Faint, policy.Trusted("↳ reply to "), msg.quote), w, 2, 4) + "\n")
		}
		if msg.revoked {
			b.WriteString(indent(t.Faint.Render("[deleted by the patient]"), w, 2, 2) + "\n")
		} else {
			b.WriteString(indent(p.theme.maskedBody(msg.body), w, 2, 2) + "\n")
		}
		if !msg.choice.IsEmpty() {
			b.WriteString(indent(t.Faint.Render("Chose: ")+p.theme.maskedBody(msg.choice), w, 2, 4) + "\n")
		}
		for _, it := range msg.items {
			b.WriteString(indent(t.Faint.Render("· ")+safe(t.Text, it), w, 2, 4) + "\n")
		}
		if !msg.reactions.IsEmpty() {
			b.WriteString(indent(t.Faint.Render("Reaction: ")+safe(t.Text, msg.reactions), w, 2, 4) + "\n")
		}
		if msg.status.kind == statusFailed && !msg.failure.IsEmpty() {
			b.WriteString(indent(t.Error.Render("✗ Why: ")+safe(t.Text, msg.failure), w, 2, 4) + "\n")
		}
		if len(msg.types) > 0 {
			b.WriteString("  " + t.Masked.Render("Masked") + safe(t.Faint, policy.Trusted(": "), policy.Join(msg.types, policy.Trusted(", "))) + "\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// consentLines are the header's consent lines for width w.
func (p *threadPane) consentLines(c consentView, w int) []string {
	t := p.theme
	var lines []string
	switch {
	case c.optedIn:
		parts := []policy.SafeText{policy.Trusted("✓ Opted in"), c.source, policy.Trusted(clockTime(p.now, c.at))}
		if !c.version.IsEmpty() {
			parts = append(parts, policy.Concat(policy.Trusted("text "), c.version))
		}
		lines = append(lines, indent(safe(t.StatusOK, policy.Join(parts, policy.Trusted(" · "))), w, 0, 2))
	case c.recorded:
		lines = append(lines, indent(safe(t.Warning, policy.Trusted("⚠ Opted out · "), c.source, policy.Trusted(" · "+clockTime(p.now, c.at)+". "), c.allowed), w, 0, 2))
	default:
		lines = append(lines, indent(safe(t.Warning, policy.Trusted("⚠ "), c.allowed), w, 0, 2))
	}
	if c.flagged {
		lines = append(lines, indent(t.Escalated.Render("⚑ The patient may have asked to stop ("+clockTime(p.now, c.flagAt)+"). A person must confirm or dismiss it before it takes effect."), w, 0, 2))
	}
	if !c.phiPref.IsEmpty() {
		lines = append(lines, indent(safe(t.Escalated, policy.Trusted("⚕ "), c.phiPref), w, 0, 2))
	}
	return lines
}

// scheduledLines list the thread's pending scheduled messages.
func (p *threadPane) scheduledLines(w int) []string {
	var out []string
	for _, s := range p.view.scheduled {
		if s.State != "pending" && s.State != "sending" {
			continue
		}
		when := clockTime(p.now, s.DueAt)
		if c := p.view.clock; c != nil {
			when = s.DueAt.UTC().Add(secondsOf(c.ZoneOffsetSeconds)).Format("Jan 2 15:04") + " patient's time"
		}
		out = append(out, indent(safe(p.theme.Pending, policy.Trusted("⏲ Scheduled: "), policy.SanitizeLine(s.What), policy.Trusted(" at "+when)), w, 0, 2))
	}
	return out
}

// linkOpenedView is the note on an outbound message whose portal link
// the patient opened ("· link opened 14:02"): the front desk sees the
// hand-off landed without asking the patient.
func (p *threadPane) linkOpenedView(msg messageView) string {
	if msg.linkOpenedAt.IsZero() {
		return ""
	}
	return p.theme.Faint.Render(" · ") + p.theme.StatusOK.Render("link opened "+clockTime(p.now, msg.linkOpenedAt))
}

// revealedFor returns the revealed text of the message, if any.
func (p *threadPane) revealedFor(id string) *revealedText {
	if r := p.revealed; r != nil && r.messageID == id && r.threadID == p.id {
		return r
	}
	return nil
}

func (p *threadPane) fetch() tea.Cmd {
	if p.sess.ctx == nil || p.id == "" {
		return nil
	}
	if p.busy {
		p.again = true
		return nil
	}
	p.busy = true
	p.gen++
	return threadCmd(p.sess.ctx, p.sess.backend, p.sess.id, p.gen, p.id)
}

func (p *threadPane) scroll(act action) {
	switch act {
	case actUp:
		p.vp.ScrollUp(1)
	case actDown:
		p.vp.ScrollDown(1)
	case actPageUp:
		p.vp.PageUp()
	case actPageDown:
		p.vp.PageDown()
	case actTop:
		p.vp.GotoTop()
	case actBottom:
		p.vp.GotoBottom()
	}
}
