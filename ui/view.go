package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// The console needs this much room to be usable; below it the view says
// so instead of drawing a broken layout.
const (
	minWidth  = 40
	minHeight = 12
	// Below wideWidth the thread stacks under the inbox.
	wideWidth = 80
	// overdueAfter marks an unread thread as waiting too long.
	overdueAfter = time.Hour
)

// layout is every size the view uses, computed in one place (resize).
type layout struct {
	wide             bool
	bodyH            int
	listW, listH     int
	listRows         int // inbox rows that fit (two lines each)
	threadW, threadH int
}

func (m *Model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

// resize lays the screen out from measurements: the header and footer are
// rendered and measured, and the panes get what is left. It runs on every
// tea.WindowSizeMsg and whenever the chrome changes height (a toast, a
// prompt, the full help, the composer).
func (m *Model) resize() {
	if m.width == 0 || m.height == 0 {
		return
	}
	m.help.Width = m.width
	// The sign-in and enrolment forms have what the header and footer
	// leave.
	chromeH := 1 + lipgloss.Height(m.footerView())
	m.login.SetSize(m.width, m.height-chromeH)
	if m.enrol != nil {
		m.enrol.SetSize(m.width, m.height-chromeH)
		m.enrol.chromeH = chromeH
	}
	if m.recovery != nil {
		m.recovery.SetSize(m.width, m.height-chromeH)
	}
	if m.ack != nil {
		m.ack.SetSize(m.width, max(m.height-1, 1))
	}
	if m.vendors != nil {
		m.vendors.SetSize(m.width, max(m.height-1, 1))
	}
	if m.incidents != nil {
		m.incidents.SetSize(m.width, m.height-lipgloss.Height(m.headerView()))
	}
	if m.audit != nil {
		m.audit.SetSize(m.width, m.height-lipgloss.Height(m.headerView()))
	}
	l := layout{wide: m.width >= wideWidth}
	l.bodyH = max(m.height-lipgloss.Height(m.headerView())-lipgloss.Height(m.footerView())-m.queueBarHeight(), 1)
	if l.wide {
		l.listW = min(max(m.width*2/5, 30), 56)
		l.threadW = m.width - l.listW - 1 // one column of separator
		l.listH, l.threadH = l.bodyH, l.bodyH
	} else {
		l.listW, l.threadW = m.width, m.width
		l.listH = max(l.bodyH*2/5, 3)
		l.threadH = max(l.bodyH-l.listH-1, 1) // one line of separator
	}
	l.listRows = max((l.listH-1)/2, 1)
	m.lay = l
	m.list.SetSize(l.listW, l.listH)
	if m.metrics != nil {
		m.metrics.SetSize(m.width, l.bodyH)
	}

	if m.picker != nil {
		m.picker.SetSize(l.threadW, l.threadH)
	}
	if m.form != nil {
		m.form.SetSize(l.threadW, l.threadH)
	}
	m.composer.SetSize(l.threadW, l.threadH)
	// Whoever was reading the newest message keeps reading it when the
	// pane shrinks for the composer or a toast.
	m.syncPanes()
	m.pane.SetSize(l.threadW, l.threadH)
	m.pane.layout(m.composerHeight())
}

// View draws the whole screen. Under NO_COLOR the frame leaves without
// colour, whatever a component's default style asked for (theme.go).
func (m *Model) View() string {
	if m.theme.Name == monochromeName {
		return withoutColour(m.frame())
	}
	return m.frame()
}

// frame draws the whole screen in the theme.
func (m *Model) frame() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	if m.tooSmall() {
		return m.tooSmallView()
	}
	switch m.screen {
	case screenLogin:
		return m.loginView()
	case screenFatal:
		return m.fatalView()
	case screenEnrol:
		return m.headerView() + "\n" + m.enrol.View() + "\n" + m.footerView()
	case screenRecovery:
		return m.headerView() + "\n" + m.recovery.View() + "\n" + m.footerView()
	case screenPolicy:
		return m.policyView()
	}
	if s := m.activeScreen(); s != nil {
		return m.screenView(s)
	}
	if m.adminHome() {
		head, foot := m.headerView(), m.footerView()
		return head + "\n" + m.adminView(max(m.height-lipgloss.Height(head)-lipgloss.Height(foot), 1)) + "\n" + foot
	}
	var body string
	l := m.lay
	list := box(m.list.View(), l.listW, l.listH)
	thread := box(m.threadPaneView(), l.threadW, l.threadH)
	if l.wide {
		sep := strings.TrimSuffix(strings.Repeat(m.theme.Separator.Render("│")+"\n", l.bodyH), "\n")
		body = lipgloss.JoinHorizontal(lipgloss.Top, list, sep, thread)
	} else {
		body = list + "\n" + m.theme.Separator.Render(strings.Repeat("─", m.width)) + "\n" + thread
	}
	if bar := m.queueBarView(); bar != "" {
		body = bar + "\n" + body
	}
	return m.headerView() + "\n" + body + "\n" + m.footerView()
}

// box cuts or pads s to exactly w columns and h lines, so panes line up
// whatever they hold.
func box(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, ln := range lines {
		lines[i] = fit(ln, w)
	}
	return strings.Join(lines, "\n")
}

// fit truncates one line to w columns and pads it to exactly w.
func fit(s string, w int) string {
	if ansi.StringWidth(s) > w {
		s = ansi.Truncate(s, w, "…")
	}
	return s + strings.Repeat(" ", max(w-ansi.StringWidth(s), 0))
}

// indent wraps s to width w, the first line indented by first columns
// and the rest by rest, so wrapped text lines up under its heading.
func indent(s string, w, first, rest int) string {
	lines := strings.Split(ansi.Wrap(s, max(w-max(first, rest), 1), ""), "\n")
	for i := range lines {
		pad := rest
		if i == 0 {
			pad = first
		}
		lines[i] = strings.Repeat(" ", pad) + lines[i]
	}
	return strings.Join(lines, "\n")
}

// spread puts left and right on one line of width w.
func spread(left, right string, w int) string {
	gap := w - ansi.StringWidth(left) - ansi.StringWidth(right)
	if gap < 1 {
		return fit(left, max(w-ansi.StringWidth(right)-1, 0)) + " " + right
	}
	return left + strings.Repeat(" ", gap) + right
}

// safe draws sanitised text, the pieces joined, in a style. Taking
// policy.SafeText is the point: a raw string from a patient or the network
// does not compile here, and program-written pieces say policy.Trusted.
// This file's render helpers are the only place a view turns SafeText back
// into a string.
func safe(st lipgloss.Style, parts ...policy.SafeText) string {
	return st.Render(policy.Concat(parts...).String())
}

// plain is safe without a style.
func plain(parts ...policy.SafeText) string { return policy.Concat(parts...).String() }

// fitSafe is fit for sanitised text.
func fitSafe(t policy.SafeText, w int) string { return fit(t.String(), w) }

// wrapSafe wraps sanitised text at width w.
func wrapSafe(t policy.SafeText, w int) string { return ansi.Wrap(t.String(), w, "") }

// truncSafe cuts sanitised text to width w with an ellipsis.
func truncSafe(t policy.SafeText, w int) string { return ansi.Truncate(t.String(), w, "…") }

// maskedBody draws a message body with each "[TYPE]" placeholder in the
// Masked style.
func (th Theme) maskedBody(t policy.SafeText) string {
	s := t.String()
	return placeholder.ReplaceAllStringFunc(s, func(p string) string {
		if maskTypes[p] {
			return th.Masked.Render(p)
		}
		return p
	})
}

// --- chrome ---------------------------------------------------------------

func (m *Model) headerView() string {
	left := " Triage console"
	if !m.server.IsEmpty() {
		left += plain(policy.Trusted(" · "), m.server)
	}
	var right []string
	if m.screen == screenMain && m.reviewDue {
		right = append(right, "⚠ access review due")
	}
	if m.screen == screenMain && m.user.Username != "" {
		right = append(right, plain(policy.SanitizeLine(m.user.Username), policy.Trusted(" ("),
			policy.SanitizeLine(string(m.user.Role)), policy.Trusted(")")))
	}
	line := m.theme.Header.Render(spread(left, strings.Join(right, " ")+" ", max(m.width, 1)))
	if m.demo != nil {
		role := m.demo.Role
		if m.user.Role != "" {
			role = string(m.user.Role)
		}
		marker := safe(m.theme.Demo, policy.Trusted(" DEMO LOGIN · "), policy.SanitizeLine(role), policy.Trusted(" "))
		w := ansi.StringWidth(marker)
		line = m.theme.Header.Render(spread(left, strings.Join(right, " ")+" ", max(m.width-w, 1))) + marker
	}
	return line
}

func (m *Model) footerView() string {
	var lines []string
	if b := m.offlineBanner(); b != "" {
		lines = append(lines, b)
	}
	if m.revealAsk != nil {
		lines = append(lines, strings.Split(m.revealPromptView(), "\n")...)
	}
	if m.revealBusy {
		lines = append(lines, m.theme.Faint.Render("Revealing… (the reason is recorded)"))
	}
	if m.consentAsk != nil {
		lines = append(lines, m.consentPromptView()...)
	}
	if m.confirm != nil {
		lines = append(lines, safe(m.theme.Escalated, policy.Trusted("Hand "), m.confirm.label, policy.Trusted(" to the nurses' queue?"))+
			" "+m.theme.HelpKey.Render("y")+m.theme.HelpDesc.Render(" yes  ")+
			m.theme.HelpKey.Render("n")+m.theme.HelpDesc.Render(" no"))
	}
	if t := m.toast; t != nil {
		switch t.kind {
		case toastError:
			lines = append(lines, m.theme.Error.Render("✗ ")+safe(m.theme.Error, t.text))
		case toastWarn:
			lines = append(lines, m.theme.Warning.Render("⚠ ")+safe(m.theme.Warning, t.text))
		case toastPending:
			lines = append(lines, m.theme.Pending.Render("○ ")+safe(m.theme.Text, t.text))
		default:
			lines = append(lines, m.theme.StatusOK.Render("✓ ")+safe(m.theme.Text, t.text))
		}
	}
	lines = append(lines, strings.Split(m.help.View(helpKeys(m.keys.bindings(m.keyContext()))), "\n")...)
	if m.reviewDue && m.help.ShowAll && m.screen == screenMain {
		// The header's notice has no key: the review runs on the server.
		for _, ln := range strings.Split(ansi.Wrap("Access review due: the privacy officer runs `triaged access-review` on the server (README: Each quarter).", max(m.width, 1), ""), "\n") {
			lines = append(lines, m.theme.Faint.Render(ln))
		}
	}
	if why := m.revealWhy(); why != "" && m.help.ShowAll && m.keyContext() == ctxThread {
		for _, ln := range strings.Split(ansi.Wrap("v is off: "+why, max(m.width, 1), ""), "\n") {
			lines = append(lines, m.theme.Faint.Render(ln))
		}
	}
	for i, ln := range lines {
		lines[i] = fit(ln, max(m.width, 1))
	}
	return strings.Join(lines, "\n")
}

// --- whole-page screens ------------------------------------------------------

func (m *Model) tooSmallView() string {
	msg := "Terminal too small: need " + strconv.Itoa(minWidth) + "×" + strconv.Itoa(minHeight) +
		", have " + strconv.Itoa(m.width) + "×" + strconv.Itoa(m.height) + ". Enlarge the window, or ctrl+c to quit."
	return box(ansi.Wrap(msg, m.width, ""), m.width, m.height)
}

func (m *Model) fatalView() string {
	t := m.theme
	w := min(m.width-4, 72)
	var b strings.Builder
	b.WriteString(t.Error.Render("The console cannot continue") + "\n\n")
	b.WriteString(wrapSafe(m.fatal, w) + "\n\n")
	b.WriteString(t.Faint.Render(ansi.Wrap("Nothing was lost: your last action either finished or was not sent. Restart the console; if this keeps happening, tell your administrator.", w, "")) + "\n\n")
	b.WriteString(m.help.View(helpKeys(m.keys.bindings(ctxFatal))))
	page := lipgloss.Place(m.width, m.height-1, lipgloss.Center, lipgloss.Center, b.String())
	return m.headerView() + "\n" + box(page, m.width, m.height-1)
}

func (m *Model) loginView() string {
	return m.headerView() + "\n" + m.login.View() + "\n" + m.footerView()
}

// --- inbox ------------------------------------------------------------------------

// stateMarks are the words for a thread's state: colour is never the only
// signal.
func (t Theme) stateMarks(r threadRow) string {
	var marks []string
	if r.urgent {
		marks = append(marks, t.Urgent.Render("[URGENT]"))
	}
	switch r.state {
	case api.ThreadClinical:
		marks = append(marks, t.Escalated.Render("[NURSE]"))
	case api.ThreadClosed:
		marks = append(marks, t.Faint.Render("[CLOSED]"))
	}
	if r.clinical && r.state != api.ThreadClinical {
		marks = append(marks, t.Escalated.Render("[CLINICAL]"))
	}
	if !r.optedIn {
		marks = append(marks, t.Warning.Render("[NO OPT-IN]"))
	}
	return strings.Join(marks, " ")
}

// statusView is a delivery status as glyph and word, with the failure
// reason when there is one.
func (t Theme) statusView(s deliveryStatus, failure policy.SafeText) string {
	switch s.kind {
	case statusQueued:
		return t.Pending.Render("○ queued")
	case statusSent:
		return t.StatusOK.Render("✓ sent")
	case statusDelivered:
		return t.StatusOK.Render("✓✓ delivered")
	case statusRead:
		return t.StatusOK.Render("✓✓ read")
	case statusFailed:
		out := t.Error.Render("✗ failed")
		if !failure.IsEmpty() {
			out += t.Error.Render(": ") + safe(t.Error, failure)
		}
		return out
	case statusOther:
		return safe(t.Faint, policy.Concat(policy.Trusted("? "), s.raw))
	}
	return ""
}

// statusGlyph is statusView without its word, for rows too narrow for
// it (delivered and read share ✓✓; the thread says which).
func (t Theme) statusGlyph(s deliveryStatus) string {
	switch s.kind {
	case statusQueued:
		return t.Pending.Render("○")
	case statusSent:
		return t.StatusOK.Render("✓")
	case statusDelivered, statusRead:
		return t.StatusOK.Render("✓✓")
	case statusFailed:
		return t.Error.Render("✗")
	case statusOther:
		return t.Faint.Render("?")
	}
	return ""
}

// --- thread ---------------------------------------------------------------------

// threadPaneView is the right (or lower) pane: the open thread or the
// macro picker over it.
func (m *Model) threadPaneView() string {
	if m.picker != nil {
		return m.picker.View()
	}
	if m.form != nil {
		return m.form.View()
	}
	out := m.pane.View()
	if m.pane.view == nil {
		return out
	}
	if c := m.composerView(); c != "" {
		out += "\n" + c
	}
	return out
}

func untilText(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "under a minute"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + "m"
	}
	return strconv.Itoa(int(d/time.Hour)) + "h " + strconv.Itoa(int(d%time.Hour/time.Minute)) + "m"
}

// --- composer and picker -------------------------------------------------------

func (m *Model) composerHeight() int {
	if c := m.composerView(); c != "" {
		return lipgloss.Height(c)
	}
	return 0
}

// composerView is the composer as it stands: the ways out of a refusal
// it offers depend on the open thread and the role, which the root knows.
func (m *Model) composerView() string {
	m.composer.focused = m.focus == focusComposer
	m.composer.offer = composerOffers{portal: m.portalOffered(), schedule: m.scheduleOffered(), resend: m.resendOffered()}
	return m.composer.View()
}
