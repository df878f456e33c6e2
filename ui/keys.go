package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// KeyMap holds every key the console answers to. Build it with
// DefaultKeyMap and pass it down; nothing reads keys from a package
// variable. No binding uses Ctrl+H/I/M/[ (on Bubble Tea v1 they arrive as
// Backspace, Tab, Enter and Esc) or Ctrl+h/j/k/l (tmux pane keys).
type KeyMap struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Top, Bottom      key.Binding

	Open       key.Binding // open the selected thread
	Back       key.Binding // from a thread back to the inbox
	SwitchPane key.Binding
	Reply      key.Binding
	Macros     key.Binding
	Handoff    key.Binding
	PortalLink key.Binding // offered after a refusal
	Schedule   key.Binding // offered after a quiet-hours refusal
	Resend     key.Binding // offered when the same portal link went within the hour
	Reveal     key.Binding // break-glass: unmask the selected message
	PrevMsg    key.Binding // select the previous patient message
	NextMsg    key.Binding // select the next patient message
	Audit      key.Binding // the audit trail review
	Vendors    key.Binding // admins: the BAA register of the providers
	Metrics    key.Binding // the program metrics (supervisors)
	Incident   key.Binding // report an incident about this thread (anyone)
	Incidents  key.Binding // the incident register (supervisors)
	Consent    key.Binding // record an opt-in, or decide a flagged request to stop
	PHIAsk     key.Binding // the patient asked for health details by WhatsApp
	Refresh    key.Binding
	Help       key.Binding
	CloseHelp  key.Binding // esc, while the full help is open
	Logout     key.Binding
	Quit       key.Binding
	ForceQuit  key.Binding // works even while typing

	Send    key.Binding // composer
	Newline key.Binding // composer
	Leave   key.Binding // composer

	Choose key.Binding // macro picker
	Close  key.Binding // macro picker
	Number key.Binding // macro picker: 1–9 send that macro

	Confirm key.Binding // yes/no prompt
	Cancel  key.Binding

	ConsentYes     key.Binding // consent prompt: verbal opt-in, or confirm the opt-out
	ConsentPaper   key.Binding // consent prompt: paper-form opt-in
	ConsentDismiss key.Binding // consent prompt: not a request to stop

	NextField key.Binding // login form
	PrevField key.Binding
	Submit    key.Binding

	ConfirmCode key.Binding // TOTP enrolment
	BackToLogin key.Binding
	Continue    key.Binding // recovery codes saved

	SubmitReason key.Binding // reveal prompt
	CancelReason key.Binding

	CloseScreen key.Binding // program metrics

	// The triage workflow (queues.go, triage_actions.go).
	QueuePrev      key.Binding // the queue to the left
	QueueNext      key.Binding // the queue to the right
	QueueNumber    key.Binding // 1–6: that queue
	NextThread     key.Binding // open (and claim) the oldest waiting thread
	Claim          key.Binding
	Release        key.Binding
	Assign         key.Binding // supervisors
	CloseThread    key.Binding // close with an outcome
	Reopen         key.Binding
	Escalate       key.Binding // to a supervisor, with a reason
	EscalationMenu key.Binding // supervisors: reassign, take over, return, close, incident
	Search         key.Binding
	Filters        key.Binding
	ClearFilters   key.Binding

	FormSubmit key.Binding // a triage form
	FormChoose key.Binding
	FormField  key.Binding
	FormCycle  key.Binding
	FormCancel key.Binding
}

// DefaultKeyMap returns the console's standard keys with their help text.
func DefaultKeyMap() KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Up:       b("↑/k", "up", "up", "k"),
		Down:     b("↓/j", "down", "down", "j"),
		PageUp:   b("pgup", "page up", "pgup"),
		PageDown: b("pgdn", "page down", "pgdown"),
		Top:      b("home/g", "first", "home", "g"),
		Bottom:   b("end/G", "last", "end", "G"),

		Open:       b("enter", "open", "enter"),
		Back:       b("esc", "inbox", "esc"),
		SwitchPane: b("tab", "switch pane", "tab"),
		Reply:      b("r", "reply", "r"),
		Macros:     b("m", "macros", "m"),
		Handoff:    b("n", "hand to nurse", "n"),
		PortalLink: b("p", "send portal link", "p"),
		Schedule:   b("s", "schedule for the morning", "s"),
		Resend:     b("y", "send the link again", "y"),
		Reveal:     b("v", revealDesc, "v"),
		PrevMsg:    b("[", "previous message", "["),
		NextMsg:    b("]", "next message", "]"),
		Audit:      b("a", "audit trail", "a"),
		Vendors:    b("V", "vendor register", "V"),
		Metrics:    b("s", "program metrics", "s"),
		Incident:   b("I", "report an incident", "I"),
		Incidents:  b("X", "incidents", "X"),
		Refresh:    b("R/f5", "refresh", "R", "f5"),
		Help:       b("?", "more keys", "?"),
		// Off until the full help is open (Model.syncKeys).
		CloseHelp: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close help"), key.WithDisabled()),
		Logout:    b("L", "log out", "L"),
		Quit:      b("q", "quit", "q"),
		ForceQuit: b("ctrl+c", "quit", "ctrl+c"),

		Send:    b("enter", "send", "enter"),
		Newline: b("alt+enter", "new line", "alt+enter"),
		Leave:   b("esc", "leave composer", "esc"),

		Choose: b("enter", "send macro", "enter"),
		Number: b("1-9", "send that macro", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
		Close:  b("esc", "close", "esc"),

		Confirm: b("y", "yes", "y"),
		Consent: b("c", "consent", "c"),
		PHIAsk:  b("w", "details by WhatsApp", "w"),

		ConsentYes:     b("y", "verbal opt-in / confirm stop", "y"),
		ConsentPaper:   b("p", "paper-form opt-in", "p"),
		ConsentDismiss: b("d", "not a request to stop", "d"),
		Cancel:         b("n/esc", "no", "n", "esc"),

		NextField: b("tab/↓", "next field", "tab", "down"),
		PrevField: b("shift+tab/↑", "previous field", "shift+tab", "up"),
		Submit:    b("enter", "sign in", "enter"),

		ConfirmCode: b("enter", "confirm code", "enter"),
		BackToLogin: b("esc", "back to sign-in", "esc"),
		Continue:    b("enter", "I have saved them", "enter"),

		SubmitReason: b("enter", "reveal", "enter"),
		CancelReason: b("esc", "cancel", "esc"),

		CloseScreen: b("esc", "close", "esc"),

		QueuePrev:      b("←", "previous queue", "left"),
		QueueNext:      b("→", "next queue", "right"),
		QueueNumber:    b("1-7", "go to queue", "1", "2", "3", "4", "5", "6", "7"),
		NextThread:     b("N", "next waiting (claims it)", "N"),
		Claim:          b("o", "claim", "o"),
		Release:        b("u", "release", "u"),
		Assign:         b("A", "assign to…", "A"),
		CloseThread:    b("C", "close with outcome", "C"),
		Reopen:         b("O", "reopen", "O"),
		Escalate:       b("e", "escalate", "e"),
		EscalationMenu: b("E", "work escalation", "E"),
		Search:         b("/", "search", "/"),
		Filters:        b("F", "filters", "F"),
		ClearFilters:   b("esc", "clear filters", "esc"),

		FormSubmit: b("enter", "confirm", "enter"),
		FormChoose: b("↑/↓ 1-9", "choose", "up", "down"),
		FormField:  b("tab", "next field", "tab"),
		FormCycle:  b("←/→", "change", "left", "right"),
		FormCancel: b("esc", "cancel", "esc"),
	}
}

// keyContext is where the keys go: the prompt or focused input first, then
// the screen.
type keyContext int

const (
	ctxLogin keyContext = iota
	ctxList
	ctxThread
	ctxComposer
	ctxPicker
	ctxConfirm
	ctxFatal
	ctxEnrol
	ctxRecovery
	ctxReveal
	ctxMetrics
	ctxConsent
	ctxAdmin // an account that may not view threads (admin.go)
	ctxForm  // a triage form (triage_forms.go)
)

// action is what a key asks for; Update dispatches on it.
type action int

const (
	actNone    action = iota
	actForward        // to the focused text input
	actUp
	actDown
	actPageUp
	actPageDown
	actTop
	actBottom
	actOpen
	actBack
	actSwitchPane
	actReply
	actMacros
	actHandoff
	actPortalLink
	actRefresh
	actHelp
	actCloseHelp
	actLogout
	actQuit
	actSend
	actLeave
	actChoose
	actClose
	actConfirm
	actCancel
	actNextField
	actPrevField
	actSubmit
	actReveal
	actPrevMsg
	actNextMsg
	actContinue
	actIncident
	actIncidents
	actAudit
	actVendors
	actMetrics
	actChooseNumber
	actSchedule
	actResend
	actConsent
	actPHIAsk
	actConsentPaper
	actConsentDismiss
	actQueuePrev
	actQueueNext
	actQueueNumber
	actNextThread
	actClaim
	actRelease
	actAssign
	actCloseThread
	actReopen
	actEscalate
	actEscalationMenu
	actSearch
	actFilters
	actClearFilters
)

// revealDesc is v's help for roles that may reveal; for the others the
// key stays in the full help, marked as not theirs, and leaves the short
// help to the keys they can use.
const (
	revealDesc    = "reveal"
	revealOffDesc = "reveal (not for your role)"
)

// boundAction pairs a binding with what it does; help is generated from
// the same list, so the help bar cannot drift from the keys.
type boundAction struct {
	key key.Binding
	act action
	// short puts the binding in the one-line help.
	short bool
}

// bindings lists the keys of one context, in help order.
func (k KeyMap) bindings(c keyContext) []boundAction {
	switch c {
	case ctxLogin:
		return []boundAction{
			{k.Submit, actSubmit, true}, {k.NextField, actNextField, true},
			{k.PrevField, actPrevField, true}, {k.ForceQuit, actQuit, true},
		}
	case ctxComposer:
		return []boundAction{
			{k.Send, actSend, true}, {k.Newline, actForward, true},
			{k.Leave, actLeave, true}, {k.ForceQuit, actQuit, true},
		}
	case ctxPicker:
		return []boundAction{
			{k.Up, actUp, true}, {k.Down, actDown, true},
			{k.Choose, actChoose, true}, {k.Number, actChooseNumber, true}, {k.Close, actClose, true},
			{k.ForceQuit, actQuit, false},
		}
	case ctxConfirm:
		return []boundAction{
			{k.Confirm, actConfirm, true}, {k.Cancel, actCancel, true},
			{k.ForceQuit, actQuit, false},
		}
	case ctxFatal:
		return []boundAction{{k.Quit, actQuit, true}, {k.ForceQuit, actQuit, false}}
	case ctxEnrol:
		return []boundAction{
			{k.ConfirmCode, actSubmit, true}, {k.BackToLogin, actCancel, true},
			{k.ForceQuit, actQuit, true},
		}
	case ctxRecovery:
		return []boundAction{{k.Continue, actContinue, true}, {k.ForceQuit, actQuit, true}}
	case ctxAdmin:
		// The thread keys are listed but off, so pressing one says why
		// (Model.refusedKey); help shows only what is on.
		return []boundAction{
			{k.Audit, actAudit, true}, {k.Vendors, actVendors, true},
			{k.Open, actOpen, false}, {k.Reply, actReply, false}, {k.Macros, actMacros, false},
			{k.Handoff, actHandoff, false}, {k.Metrics, actMetrics, false},
			{k.Incidents, actIncidents, false}, {k.Incident, actIncident, false},
			{k.Logout, actLogout, true}, {k.Quit, actQuit, true}, {k.ForceQuit, actQuit, false},
		}
	case ctxMetrics:
		return []boundAction{
			{k.Refresh, actRefresh, true}, {k.CloseScreen, actClose, true},
			{k.Quit, actQuit, true}, {k.ForceQuit, actQuit, false},
		}
	case ctxReveal:
		return []boundAction{
			{k.SubmitReason, actSubmit, true}, {k.CancelReason, actCancel, true},
			{k.ForceQuit, actQuit, false},
		}
	case ctxConsent:
		return []boundAction{
			{k.ConsentYes, actConfirm, true}, {k.ConsentPaper, actConsentPaper, true},
			{k.ConsentDismiss, actConsentDismiss, true}, {k.Cancel, actCancel, true},
			{k.ForceQuit, actQuit, false},
		}
	case ctxForm:
		return []boundAction{
			{k.FormSubmit, actSubmit, true}, {k.FormChoose, actNone, true}, {k.FormField, actNone, true},
			{k.FormCycle, actNone, true}, {k.FormCancel, actCancel, true}, {k.ForceQuit, actQuit, false},
		}
	case ctxThread:
		return []boundAction{
			{k.CloseHelp, actCloseHelp, false},
			{k.PortalLink, actPortalLink, true}, {k.Schedule, actSchedule, true}, {k.Resend, actResend, true},
			{k.Up, actUp, false}, {k.Down, actDown, false},
			{k.PageUp, actPageUp, false}, {k.PageDown, actPageDown, false},
			{k.Top, actTop, false}, {k.Bottom, actBottom, false},
			{k.Reply, actReply, true}, {k.Macros, actMacros, true},
			// c is on only when there is a consent decision to record (a
			// patient not opted in, a flagged request to stop): then the
			// short help offers it, the way past "only the portal link".
			{k.Consent, actConsent, true},
			{k.Handoff, actHandoff, true}, {k.Reveal, actReveal, k.Reveal.Help().Desc == revealDesc},
			{k.PrevMsg, actPrevMsg, false}, {k.NextMsg, actNextMsg, false},
			{k.Back, actBack, true}, {k.PHIAsk, actPHIAsk, false}, {k.Audit, actAudit, false}, {k.Metrics, actMetrics, false},
			{k.Incident, actIncident, false}, {k.Incidents, actIncidents, false},
			{k.NextThread, actNextThread, false}, {k.Claim, actClaim, false}, {k.Release, actRelease, false},
			{k.CloseThread, actCloseThread, false}, {k.Reopen, actReopen, false}, {k.Escalate, actEscalate, false},
			{k.Assign, actAssign, false}, {k.EscalationMenu, actEscalationMenu, false},
			{k.QueuePrev, actQueuePrev, false}, {k.QueueNext, actQueueNext, false}, {k.QueueNumber, actQueueNumber, false},
			{k.SwitchPane, actSwitchPane, false}, {k.Refresh, actRefresh, false},
			{k.Logout, actLogout, false}, {k.Help, actHelp, true},
			{k.Quit, actQuit, true}, {k.ForceQuit, actQuit, false},
		}
	default: // ctxList
		return []boundAction{
			{k.CloseHelp, actCloseHelp, false},
			{k.Up, actUp, false}, {k.Down, actDown, false},
			{k.PageUp, actPageUp, false}, {k.PageDown, actPageDown, false},
			{k.Top, actTop, false}, {k.Bottom, actBottom, false},
			{k.Open, actOpen, true}, {k.Reply, actReply, true},
			{k.Macros, actMacros, true}, {k.Handoff, actHandoff, true},
			{k.Audit, actAudit, false}, {k.Vendors, actVendors, false}, {k.Metrics, actMetrics, false},
			{k.Incident, actIncident, false}, {k.Incidents, actIncidents, false},
			{k.QueueNumber, actQueueNumber, true}, {k.QueuePrev, actQueuePrev, false}, {k.QueueNext, actQueueNext, false},
			{k.NextThread, actNextThread, true}, {k.Claim, actClaim, false}, {k.Release, actRelease, false},
			{k.CloseThread, actCloseThread, false}, {k.Reopen, actReopen, false}, {k.Escalate, actEscalate, false},
			{k.Assign, actAssign, false}, {k.EscalationMenu, actEscalationMenu, false},
			{k.Search, actSearch, true}, {k.Filters, actFilters, false}, {k.ClearFilters, actClearFilters, true},
			{k.SwitchPane, actSwitchPane, false}, {k.Refresh, actRefresh, true},
			{k.Logout, actLogout, false}, {k.Help, actHelp, true},
			{k.Quit, actQuit, true}, {k.ForceQuit, actQuit, false},
		}
	}
}

// resolve maps a key press in a keyContext to its action. In the text
// contexts (login, composer) every key that is not bound goes to the
// input, which is how letter shortcuts are off while typing.
func (k KeyMap) resolve(c keyContext, msg tea.KeyMsg) action {
	if act := helpKeys(k.bindings(c)).resolve(msg); act != actNone {
		return act
	}
	if c == ctxLogin || c == ctxComposer || c == ctxEnrol || c == ctxReveal {
		return actForward
	}
	return actNone
}

// disabledMatches lists, in help order, the actions of the bindings in
// c that name key k but are switched off now.
func (k KeyMap) disabledMatches(c keyContext, name string) []action {
	var out []action
	for _, b := range k.bindings(c) {
		if b.key.Enabled() {
			continue
		}
		for _, kk := range b.key.Keys() {
			if kk == name {
				out = append(out, b.act)
				break
			}
		}
	}
	return out
}

// helpKeys is the help.KeyMap of one keyContext.
type helpKeys []boundAction

// resolve is the action of the first binding msg matches, or actNone.
func (h helpKeys) resolve(msg tea.KeyMsg) action {
	for _, b := range h {
		if key.Matches(msg, b.key) {
			return b.act
		}
	}
	return actNone
}

// ShortHelp lists the bindings for the one-line help bar.
func (h helpKeys) ShortHelp() []key.Binding {
	var out []key.Binding
	for _, b := range h {
		if b.short {
			out = append(out, b.key)
		}
	}
	return out
}

// FullHelp lists every binding in columns of six, or taller when more
// than three columns would be needed: three fit in 80 columns, so a
// screen with many keys (the inbox with the queues) still shows them all.
func (h helpKeys) FullHelp() [][]key.Binding {
	var keys []key.Binding
	seen := map[string]bool{}
	for _, b := range h {
		name := b.key.Help().Key + b.key.Help().Desc
		// A disabled key would hold an empty slot and shift the columns.
		if seen[name] || !b.key.Enabled() {
			continue
		}
		seen[name] = true
		keys = append(keys, b.key)
	}
	rows := max(6, (len(keys)+2)/3)
	var cols [][]key.Binding
	for len(keys) > 0 {
		n := min(rows, len(keys))
		cols = append(cols, keys[:n])
		keys = keys[n:]
	}
	return cols
}
