// Package ui is the console's terminal interface: a Bubble Tea model with
// a login screen, the inbox, an open thread with its composer and macro
// picker, and the hand-off to nurses. It reaches the outside world only
// through Backend, from tea.Cmds; it draws patient text only as
// policy.SafeText.
package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// DemoLogin signs the console in by itself, for `triage demo`. The header
// then says DEMO LOGIN and the role, so nobody mistakes it for a real
// session.
type DemoLogin struct {
	Username string
	Password string
	Role     string
}

// Options configures a console Model. Every field may be left zero.
type Options struct {
	// Now is the clock; nil means time.Now. Tests pass a fixed clock.
	Now func() time.Time
	// Theme is the style set; the zero value means DefaultTheme. Pass
	// ThemeFromEnv() to honour NO_COLOR.
	Theme Theme
	// Keys overrides DefaultKeyMap.
	Keys *KeyMap
	// Macros are the quick replies offered; nil means assets.Macros().
	Macros []assets.Macro
	// Demo, when set, logs in on start and marks the header.
	Demo *DemoLogin
	// ServerName names the central endpoint in the header.
	ServerName string
	// NewKey makes idempotency keys for sends; nil means 128 random bits.
	NewKey func() string
	// Resume is a session that is already open (kept in the OS keyring
	// from an earlier run and accepted again by the server): the console
	// starts on the inbox instead of the sign-in screen.
	Resume *api.LoginResponse
	// DraftDelay is how long after the last edit the composer's text is
	// saved as a draft; zero means one second.
	DraftDelay time.Duration
	// Notice is one line shown once in the footer when the first session
	// starts, such as a warning that drafts are kept under weaker key
	// custody. It must hold no patient data.
	Notice string
}

// Default idle logoff when the server does not say (10 minutes).
const defaultIdleTimeout = 600 * time.Second

// portalMacroID is the macro offered after a refusal.
const portalMacroID = "portal-secure"

type screen int

const (
	screenLogin screen = iota
	screenMain
	screenFatal
	screenEnrol    // first sign-in: set up the authenticator app
	screenRecovery // enrolment done: the recovery codes, shown once
	screenPolicy   // the messaging policy, until acknowledged (policy_ack.go)
)

type focus int

const (
	focusList focus = iota
	focusThread
	focusComposer
)

// Model is the console. Build it with New and run it with tea.NewProgram.
type Model struct {
	backend Backend
	now     func() time.Time
	newKey  func() string
	theme   Theme
	keys    KeyMap
	help    help.Model
	macros  []assets.Macro
	demo    *DemoLogin
	resume  *api.LoginResponse
	server  policy.SafeText

	width, height int
	lay           layout
	nowAt         time.Time // the clock, read once per Update

	screen screen
	focus  focus
	fatal  policy.SafeText

	// session counts sign-ins; results from an earlier one are dropped.
	session int
	ctx     context.Context
	cancel  context.CancelFunc

	login        loginForm
	loginAttempt int
	user         api.User
	idleTimeout  time.Duration
	lastInput    time.Time

	inbox      []threadRow
	cursor     int
	offset     int
	inboxGen   int
	inboxBusy  bool
	inboxAgain bool
	inboxReady bool
	// The paged inbox (inbox_window.go): where each held thread's row
	// is, the cursor of the next page, the change number the rows are
	// current to, the counts per state, and whether End is loading to
	// the last page.
	inboxIdx    map[string]int
	inboxNext   string
	inboxSeq    int64
	inboxCounts map[api.ThreadState]int
	inboxToEnd  bool
	// inboxAbove are the cursors that read again the pages let go above
	// the held rows (the last is the page just above them); inboxTop is
	// the cursor of the held rows' own first page, and inboxToTop says
	// Home is reading the first page.
	inboxAbove []string
	inboxTop   string
	inboxToTop bool

	openID      string
	threadGen   int
	threadBusy  bool
	threadAgain bool
	thread      *threadView
	vp          viewport.Model

	composer composer
	picker   *macroPicker
	// consentAsk is the open consent prompt (ui/consent.go).
	consentAsk *consentPrompt
	confirm    *confirmPrompt
	toast      *toast
	toastSeq   int

	eventsBackoff time.Duration

	enrol    *enrolForm
	recovery *recoveryCodes

	// selMsg is the patient message v would reveal (by message id).
	selMsg     string
	selLine    int // where the selected message starts in the viewport
	revealAsk  *revealPrompt
	revealBusy bool
	revealed   *revealedText

	audit *auditPanel
	// metrics is the open metrics screen (metrics_screen.go).
	metrics *metricsScreen
	// incidents is the open incident screen (incidents.go), or nil.
	incidents *incidentScreen

	ack        *policyAck // the policy acknowledgment screen (policy_ack.go)
	ackVersion string
	reviewDue  bool // supervisors: the quarterly access review is due

	vendors *vendorPanel // admins: the vendor register (vendor_view.go)

	// queue is the queue and filters the inbox shows (queues.go); form
	// is the open triage form (triage_forms.go), or nil.
	queue queueState
	form  *triageForm

	drafts     draftState
	draftDelay time.Duration
	// after schedules a message (tea.Tick; tests hold the timers).
	after    func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
	quitting bool   // waiting for the last draft to be written
	notice   string // Options.Notice until it has been shown
}

// loginForm is the sign-in screen's state.
type loginForm struct {
	inputs [3]textinput.Model // username, password, one-time code
	focus  int
	err    policy.SafeText
	notice string // why the user is here again ("Signed out after …")
	busy   bool
}

// composer is the reply box and the refusal shown under it.
type composer struct {
	active  bool // shown under the thread
	ta      textarea.Model
	busy    bool
	refusal *refusalView
	// key is reused when the same text is sent again after a transient
	// failure, so the retry cannot send twice.
	key, keyText string
}

type refusalView struct {
	threadID string
	rule     policy.SafeText
	reason   policy.SafeText
	types    []policy.SafeText
	portal   bool
	// request is what was refused, kept so a quiet-hours refusal can be
	// scheduled as it stands.
	request api.SendRequest
}

type macroPicker struct {
	threadID string
	items    []assets.Macro
	// templates, when set, makes this the template picker (the 24-hour
	// window is closed): approved templates whose variables the server fills.
	templates []api.TemplateInfo
	cursor    int
}

type confirmPrompt struct {
	threadID string
	label    policy.SafeText
}

type toastKind int

const (
	toastInfo toastKind = iota
	toastError
	toastWarn
)

type toast struct {
	id   int
	kind toastKind
	text policy.SafeText
}

// New builds the console over b. It does no I/O; Init starts the work.
func New(b Backend, opts Options) *Model {
	m := &Model{
		backend: b,
		now:     opts.Now,
		newKey:  opts.NewKey,
		theme:   opts.Theme,
		macros:  opts.Macros,
		demo:    opts.Demo,
		resume:  opts.Resume,
		server:  policy.SanitizeLine(opts.ServerName),
		notice:  opts.Notice,
		after:   tea.Tick,
	}
	m.draftDelay = opts.DraftDelay
	if m.draftDelay <= 0 {
		m.draftDelay = defaultDraftDelay
	}
	if m.now == nil {
		m.now = time.Now
	}
	if m.newKey == nil {
		m.newKey = newIdempotencyKey
	}
	if m.theme.Name == "" {
		m.theme = DefaultTheme()
	}
	if opts.Keys != nil {
		m.keys = *opts.Keys
	} else {
		m.keys = DefaultKeyMap()
	}
	if m.macros == nil {
		// A broken embedded file is a build defect caught by the assets
		// tests; the console still runs, with free text only.
		m.macros, _ = assets.Macros()
	}
	m.help = help.New()
	m.help.Styles = m.theme.helpStyles()
	m.vp = viewport.New(0, 0)
	m.vp.MouseWheelEnabled = false
	m.nowAt = m.now()
	m.login = newLoginForm()
	m.composer.ta = newTextarea()
	m.syncKeys()
	return m
}

func newLoginForm() loginForm {
	var f loginForm
	for i := range f.inputs {
		in := textinput.New()
		in.Prompt = ""
		in.CharLimit = 128
		f.inputs[i] = in
	}
	f.inputs[0].Placeholder = "username"
	f.inputs[1].EchoMode = textinput.EchoNone // not even the length shows
	f.inputs[2].Placeholder = "6-digit code, or a recovery code"
	f.inputs[2].CharLimit = 24 // a recovery code with its dashes and spaces
	f.inputs[0].Focus()
	return f
}

func newTextarea() textarea.Model {
	ta := textarea.New()
	ta.Placeholder = "Write a reply (no health details: use the portal link)"
	ta.ShowLineNumbers = false
	ta.Prompt = "> "
	ta.CharLimit = 4096 // WhatsApp's limit for a text message
	ta.SetHeight(3)
	// Enter sends; a new line is alt+enter.
	ta.KeyMap.InsertNewline.SetKeys("alt+enter")
	return ta
}

// Init starts the demo sign-in when there is one.
func (m *Model) Init() tea.Cmd {
	if r := m.resume; r != nil {
		m.resume = nil
		return m.startSession(*r)
	}
	if m.demo == nil {
		return textinput.Blink
	}
	m.login.busy = true
	m.loginAttempt++
	return loginCmd(m.backend, m.loginAttempt, m.demo.Username, m.demo.Password, "")
}

// Update routes one message: window size first, then results, then keys
// by focus (prompt, text input, screen).
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.nowAt = m.now()
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
	case tea.KeyMsg:
		m.lastInput = m.nowAt
		cmd = m.updateKey(msg)
	case loginResultMsg:
		cmd = m.onLogin(msg)
	case inboxPageMsg:
		cmd = m.onInboxPage(msg)
	case inboxChangesMsg:
		cmd = m.onInboxChanges(msg)
	case threadMsg:
		cmd = m.onThread(msg)
	case sendResultMsg:
		cmd = m.onSend(msg)
	case handoffResultMsg:
		cmd = m.onHandoff(msg)
	case consentResultMsg:
		cmd = m.onConsent(msg)
	case scheduleResultMsg:
		cmd = m.onSchedule(msg)
	case templatesMsg:
		cmd = m.onTemplates(msg)
	case macrosMsg:
		m.onMacros(msg)
	case enrolResultMsg:
		cmd = m.onEnrol(msg)
	case revealResultMsg:
		cmd = m.onReveal(msg)
	case revealTickMsg:
		cmd = m.onRevealTick(msg)
	case auditMsg:
		cmd = m.onAudit(msg)
	case policyMsg:
		cmd = m.onPolicy(msg)
	case policyAckResultMsg:
		cmd = m.onPolicyAck(msg)
	case reviewStatusMsg:
		cmd = m.onReviewStatus(msg)
	case vendorsMsg:
		cmd = m.onVendors(msg)
	case metricsMsg:
		cmd = m.onMetrics(msg)
	case incidentMsg:
		cmd = m.onIncident(msg)
	case triageResult:
		cmd = m.onTriage(msg)
	case draftTickMsg:
		cmd = m.onDraftTick(msg)
	case draftLoadedMsg:
		cmd = m.onDraftLoaded(msg)
	case draftDoneMsg:
		cmd = m.onDraftDone(msg)
	case quitNowMsg:
		cmd = tea.Quit
	case eventsReadyMsg, eventsFailedMsg, eventMsg, eventsClosedMsg, resubscribeMsg:
		cmd = m.onEvents(msg)
	case idleTickMsg:
		cmd = m.onIdleTick(msg)
	case toastExpiredMsg:
		if m.toast != nil && m.toast.id == msg.id {
			m.toast = nil
			m.resize()
		}
	case logoutDoneMsg:
	default:
		// Cursor blinks and other component messages.
		cmd = m.forwardToInput(msg)
	}
	m.syncKeys()
	return m, cmd
}

// keyContext says who gets the keys now.
func (m *Model) keyContext() keyContext {
	switch {
	case m.screen == screenFatal:
		return ctxFatal
	case m.screen == screenLogin:
		return ctxLogin
	case m.screen == screenEnrol:
		return ctxEnrol
	case m.screen == screenRecovery:
		return ctxRecovery
	case m.revealAsk != nil:
		return ctxReveal
	case m.form != nil && m.screen == screenMain:
		return ctxForm
	case m.audit != nil:
		return ctxAudit
	case m.metrics != nil:
		return ctxMetrics
	case m.consentAsk != nil:
		return ctxConsent
	case m.confirm != nil:
		return ctxConfirm
	case m.picker != nil:
		return ctxPicker
	case m.focus == focusComposer:
		return ctxComposer
	case m.focus == focusThread:
		return ctxThread
	}
	return ctxList
}

func (m *Model) updateKey(msg tea.KeyMsg) tea.Cmd {
	if m.tooSmall() {
		if m.keys.resolve(ctxFatal, msg) == actQuit {
			return m.quit()
		}
		return nil
	}
	if m.screen == screenPolicy {
		return m.policyKey(msg)
	}
	if m.vendors != nil && m.screen == screenMain {
		return m.vendorKey(msg)
	}
	if m.incidents != nil && m.screen == screenMain {
		return m.incidentKey(msg)
	}
	if m.form != nil && m.screen == screenMain && m.revealAsk == nil {
		if msg.String() == "ctrl+c" {
			return m.quit()
		}
		return m.formKey(msg)
	}
	c := m.keyContext()
	act := m.keys.resolve(c, msg)
	if act == actQuit {
		// Every screen quits the same way: the draft waiting for its
		// timer is written first.
		return m.quit()
	}
	switch c {
	case ctxLogin:
		return m.loginKey(act, msg)
	case ctxComposer:
		return m.composerKey(act, msg)
	case ctxPicker:
		if act == actChooseNumber {
			// The digit names the macro: 1 is the first one listed.
			n := int(msg.String()[0] - '1')
			if n >= m.picker.size() {
				return nil
			}
			m.picker.cursor = n
			act = actChoose
		}
		return m.pickerKey(act)
	case ctxConfirm:
		return m.confirmKey(act)
	case ctxConsent:
		return m.consentKey(act)
	case ctxEnrol:
		return m.enrolKey(act, msg)
	case ctxRecovery:
		return m.recoveryKey(act)
	case ctxReveal:
		return m.revealKey(act, msg)
	case ctxAudit:
		return m.auditKey(act, msg)
	case ctxMetrics:
		return m.metricsKey(act)
	case ctxFatal:
		return nil // only quitting, handled above
	}
	if act == actQueueNumber {
		return m.queueByNumber(msg)
	}
	if cmd, ok := m.triageKey(act); ok {
		return cmd
	}
	return m.screenKey(act)
}

// syncKeys enables the bindings that make sense right now, which also
// keeps the help bar honest.
func (m *Model) syncKeys() {
	open := m.thread != nil && m.openID != ""
	m.keys.PortalLink.SetEnabled(m.portalOffered())
	m.keys.Schedule.SetEnabled(m.scheduleOffered())
	m.keys.Resend.SetEnabled(m.resendOffered())
	m.keys.Handoff.SetEnabled(m.screen == screenMain && m.handoffTarget() != "")
	m.keys.Back.SetEnabled(open)
	m.keys.Open.SetEnabled(len(m.inbox) > 0)
	m.syncRevealKeys()
	m.keys.Audit.SetEnabled(m.canViewAudit())
	m.keys.Vendors.SetEnabled(m.canSeeVendors())
	m.syncIncidentKeys()
	m.keys.Metrics.SetEnabled(m.canViewMetrics())
	m.keys.Consent.SetEnabled(open && m.consentAction() != consentNothing)
	m.keys.PHIAsk.SetEnabled(open && m.thread.consent.optedIn)
	m.syncTriageKeys()
}

// portalOffered says the last refusal offered the portal link for the
// open thread and the user's role may send it.
func (m *Model) portalOffered() bool {
	r := m.composer.refusal
	return r != nil && r.portal && r.threadID == m.openID && m.mayUseMacro(portalMacroID)
}

// --- login -----------------------------------------------------------

func (m *Model) loginKey(act action, msg tea.KeyMsg) tea.Cmd {
	f := &m.login
	switch act {
	case actNextField, actPrevField:
		step := 1
		if act == actPrevField {
			step = len(f.inputs) - 1
		}
		f.inputs[f.focus].Blur()
		f.focus = (f.focus + step) % len(f.inputs)
		return f.inputs[f.focus].Focus()
	case actSubmit:
		if f.busy {
			return nil
		}
		user := strings.TrimSpace(f.inputs[0].Value())
		pass := f.inputs[1].Value()
		code := strings.TrimSpace(f.inputs[2].Value())
		if user == "" || pass == "" {
			f.err = policy.Trusted("Enter your username and password.")
			return nil
		}
		// The password leaves the model now: only the command holds it.
		f.inputs[1].SetValue("")
		f.inputs[2].SetValue("")
		f.err, f.notice, f.busy = policy.SafeText{}, "", true
		m.loginAttempt++
		return loginCmd(m.backend, m.loginAttempt, user, pass, code)
	}
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	return cmd
}

func (m *Model) onLogin(msg loginResultMsg) tea.Cmd {
	if msg.attempt != m.loginAttempt || m.screen != screenLogin {
		return nil
	}
	m.login.busy = false
	if msg.err != nil {
		if e, ok := asEnrolment(msg.err); ok {
			return m.startEnrolment(e)
		}
		if isFatal(msg.err) {
			return m.fail(msg.err)
		}
		m.login.err = loginError(msg.err)
		return nil
	}
	return m.startSession(msg.resp)
}

// startSession opens the main screen for a signed-in user.
func (m *Model) startSession(resp api.LoginResponse) tea.Cmd {
	m.session++
	m.ctx, m.cancel = context.WithCancel(context.Background())
	m.user = resp.User
	m.idleTimeout = time.Duration(resp.IdleTimeoutSeconds) * time.Second
	if m.idleTimeout <= 0 {
		m.idleTimeout = defaultIdleTimeout
	}
	m.lastInput = m.nowAt
	m.login = newLoginForm()
	m.login.inputs[0].Blur()
	m.enrol, m.recovery = nil, nil
	m.screen, m.focus = screenMain, focusList
	m.eventsBackoff = 0
	m.drafts = draftState{}
	m.reviewDue = false
	cmds := []tea.Cmd{m.fetchInbox(), subscribeCmd(m.ctx, m.backend, m.session), idleTickCmd(m.session), macrosCmd(m.ctx, m.backend, m.session)}
	if m.canViewAudit() {
		cmds = append(cmds, reviewStatusCmd(m.ctx, m.backend, m.session))
	}
	if m.notice != "" {
		cmds = append(cmds, m.showToast(toastWarn, policy.SanitizeLine(m.notice)))
		m.notice = ""
	}
	m.resize()
	return tea.Batch(cmds...)
}

// signOut forgets everything the session showed (system rule: nothing
// readable left behind) and returns to the login screen with notice.
func (m *Model) signOut(notice string) tea.Cmd {
	if m.cancel != nil {
		m.cancel()
	}
	m.session++
	m.ctx, m.cancel = nil, nil
	m.user = api.User{}
	m.inbox, m.cursor, m.offset, m.inboxReady = nil, 0, 0, false
	m.inboxBusy, m.inboxAgain = false, false
	m.inboxIdx, m.inboxNext, m.inboxSeq, m.inboxCounts, m.inboxToEnd = nil, "", 0, nil, false
	m.inboxAbove, m.inboxTop, m.inboxToTop = nil, "", false
	m.openID, m.thread, m.threadBusy, m.threadAgain = "", nil, false, false
	m.vp.SetContent("")
	m.vp.GotoTop()
	m.composer = composer{ta: newTextarea()}
	// The session's drafts are deleted by logoutCmd; the cancelled
	// context above keeps a save still on its way from landing after.
	m.drafts = draftState{}
	m.picker, m.confirm, m.toast, m.form = nil, nil, nil, nil
	m.dropReveal()
	m.enrol, m.recovery, m.selMsg, m.audit, m.metrics = nil, nil, "", nil, nil
	m.incidents = nil
	m.ack, m.ackVersion, m.reviewDue, m.vendors = nil, "", false, nil
	m.screen, m.focus = screenLogin, focusList
	m.login = newLoginForm()
	m.login.notice = notice
	m.prefillDemoLogin()
	m.resize()
	return tea.Batch(logoutCmd(m.backend), textinput.Blink)
}

func (m *Model) onIdleTick(msg idleTickMsg) tea.Cmd {
	if msg.session != m.session || (m.screen != screenMain && m.screen != screenPolicy) {
		return nil
	}
	if m.nowAt.Sub(m.lastInput) >= m.idleTimeout {
		mins := int(m.idleTimeout / time.Minute)
		what := strconv.Itoa(mins) + " minutes"
		if mins == 1 {
			what = "1 minute"
		} else if mins == 0 {
			what = strconv.Itoa(int(m.idleTimeout/time.Second)) + " seconds"
		}
		return m.signOut("Signed out after " + what + " idle")
	}
	return idleTickCmd(m.session)
}

// fail shows the full-page error screen.
func (m *Model) fail(err error) tea.Cmd {
	if m.cancel != nil {
		m.cancel()
	}
	m.session++
	m.inbox, m.thread, m.openID = nil, nil, ""
	m.dropReveal()
	m.enrol, m.recovery, m.audit, m.ack, m.metrics = nil, nil, nil, nil, nil
	m.vp.SetContent("")
	m.screen = screenFatal
	m.fatal = policy.SanitizeLine(err.Error())
	return nil
}

// handleErr sorts a failed call into its tier: session gone, fatal, or a
// transient toast.
func (m *Model) handleErr(what string, err error) tea.Cmd {
	switch {
	case isUnauthorized(err):
		return m.signOut("Your session ended. Please sign in again.")
	case isPolicyAckRequired(err):
		return m.askPolicy()
	case isFatal(err):
		return m.fail(err)
	}
	return m.showToast(toastError, policy.SanitizeLine(what+": "+err.Error()))
}

func (m *Model) showToast(kind toastKind, text policy.SafeText) tea.Cmd {
	m.toastSeq++
	m.toast = &toast{id: m.toastSeq, kind: kind, text: text}
	m.resize()
	return toastExpireCmd(m.toastSeq)
}

// --- inbox and thread loading ------------------------------------------

// openThread shows a thread, fetching it. A new generation means any
// answer still on its way for the previous one is dropped.
func (m *Model) openThread(id string) tea.Cmd {
	var draft tea.Cmd
	if id != m.openID {
		draft = m.switchDraft(id)
		m.dropReveal()
		m.selMsg = ""
		m.openID = id
		m.thread = nil
		m.vp.SetContent("")
		m.composer.refusal = nil
		m.composer.active = false
		m.composer.ta.Blur()
		m.threadBusy = false
		m.threadAgain = false
		m.resize()
	}
	return tea.Batch(draft, m.fetchThread())
}

func (m *Model) fetchThread() tea.Cmd {
	if m.ctx == nil || m.openID == "" {
		return nil
	}
	if m.threadBusy {
		m.threadAgain = true
		return nil
	}
	m.threadBusy = true
	m.threadGen++
	return threadCmd(m.ctx, m.backend, m.session, m.threadGen, m.openID)
}

func (m *Model) onThread(msg threadMsg) tea.Cmd {
	if msg.session != m.session || msg.threadID != m.openID || msg.gen != m.threadGen {
		return nil // a late answer for a thread no longer on screen
	}
	m.threadBusy = false
	var cmds []tea.Cmd
	if m.threadAgain {
		m.threadAgain = false
		cmds = append(cmds, m.fetchThread())
	}
	if msg.err != nil {
		return tea.Batch(append(cmds, m.handleErr("Could not open the thread", msg.err))...)
	}
	atBottom := m.thread == nil || m.vp.AtBottom()
	v := newThreadView(msg.detail)
	m.thread = &v
	// The thread's own row is this user's (read just now): it replaces
	// the inbox row, so its unread count clears without a refetch.
	if msg.detail.Thread.ID == msg.threadID {
		m.applyRow(msg.detail.Thread)
	}
	m.keepSelection()
	m.resize()
	if atBottom {
		m.vp.GotoBottom()
	}
	return tea.Batch(cmds...)
}

// --- list and thread keys ----------------------------------------------

func (m *Model) screenKey(act action) tea.Cmd {
	switch act {
	case actHelp:
		m.help.ShowAll = !m.help.ShowAll
		m.resize()
	case actLogout:
		return m.signOut("Signed out.")
	case actRefresh:
		return tea.Batch(m.fetchInbox(), m.fetchThread())
	case actSwitchPane:
		if m.focus == focusList && m.openID != "" {
			m.focus = focusThread
		} else {
			m.focus = focusList
		}
	case actOpen:
		if m.cursor < len(m.inbox) {
			m.focus = focusThread
			return m.openThread(m.inbox[m.cursor].id)
		}
	case actBack:
		m.focus = focusList
		// Leaving the thread hides revealed text at once.
		if m.revealed != nil {
			m.dropReveal()
			m.resize()
		}
	case actReveal:
		return m.askReveal()
	case actAudit:
		return m.openAudit()
	case actVendors:
		return m.openVendors()
	case actMetrics:
		return m.openMetrics()
	case actIncident:
		return m.openIncidentReport()
	case actIncidents:
		return m.openIncidentRegister()
	case actPrevMsg, actNextMsg:
		m.moveSelection(act)
	case actReply:
		cmd := m.ensureOpen()
		if m.openID == "" {
			return cmd
		}
		m.focus = focusComposer
		m.composer.active = true
		m.composer.refusal = nil
		m.resize()
		return tea.Batch(cmd, m.composer.ta.Focus())
	case actMacros:
		cmd := m.ensureOpen()
		if m.openID == "" {
			return cmd
		}
		if m.windowClosed() {
			return tea.Batch(cmd, templatesCmd(m.ctx, m.backend, m.session, m.openID))
		}
		items := m.macrosForPatient()
		if len(items) == 0 {
			return m.showToast(toastError, policy.Trusted("No quick replies are available for your role."))
		}
		m.picker = &macroPicker{threadID: m.openID, items: items}
		return cmd
	case actHandoff:
		if id := m.handoffTarget(); id != "" {
			m.confirm = &confirmPrompt{threadID: id, label: m.labelOf(id)}
			m.resize()
		}
	case actConsent:
		m.openConsentPrompt()
	case actPHIAsk:
		if m.thread != nil && m.openID != "" {
			m.consentAsk = &consentPrompt{threadID: m.openID, action: consentPHIRequest}
			m.resize()
		}
	case actResend:
		if m.resendOffered() {
			r := m.composer.refusal
			req := r.request
			req.ConfirmRepeat = true
			m.composer.busy = true
			return sendCmd(m.ctx, m.backend, m.session, r.threadID, req)
		}
	case actSchedule:
		if m.scheduleOffered() {
			r := m.composer.refusal
			return scheduleCmd(m.ctx, m.backend, m.session, r.threadID, r.request)
		}
	case actPortalLink:
		if m.portalOffered() {
			return m.sendMacro(m.composer.refusal.threadID, portalMacroID)
		}
	case actUp, actDown, actPageUp, actPageDown, actTop, actBottom:
		if m.focus == focusThread {
			m.scrollThread(act)
		} else {
			m.moveCursor(act)
			m.inboxToEnd = act == actBottom && m.inboxNext != ""
			if act == actTop {
				return m.toTop()
			}
			return m.fetchMore()
		}
	}
	return nil
}

// ensureOpen opens the selected thread when the list has the keys and
// the selection is not the open thread, so r, m and n act on what the
// cursor shows.
func (m *Model) ensureOpen() tea.Cmd {
	if m.focus != focusList || m.cursor >= len(m.inbox) {
		return nil
	}
	id := m.inbox[m.cursor].id
	if id == m.openID {
		return nil
	}
	m.focus = focusThread
	return m.openThread(id)
}

// handoffTarget is the thread n would hand off: the selection in the
// list, else the open thread; none when it is already with the nurses.
func (m *Model) handoffTarget() string {
	var row *threadRow
	if m.focus == focusList && m.cursor < len(m.inbox) {
		row = &m.inbox[m.cursor]
	} else if m.thread != nil {
		row = &m.thread.row
	}
	if row == nil || row.state == api.ThreadClinical || row.state == api.ThreadClosed {
		return ""
	}
	return row.id
}

func (m *Model) labelOf(id string) policy.SafeText {
	if m.thread != nil && m.thread.row.id == id {
		return m.thread.row.label
	}
	for _, r := range m.inbox {
		if r.id == id {
			return r.label
		}
	}
	return policy.Trusted("this thread")
}

func (m *Model) moveCursor(act action) {
	defer m.afterCursorMove()
	page := max(m.lay.listRows, 1)
	switch act {
	case actUp:
		m.cursor--
	case actDown:
		m.cursor++
	case actPageUp:
		m.cursor -= page
	case actPageDown:
		m.cursor += page
	case actTop:
		m.cursor = 0
	case actBottom:
		m.cursor = len(m.inbox) - 1
	}
	m.clampList()
}

// clampList keeps the cursor on a row and the row on screen.
func (m *Model) clampList() {
	m.cursor = min(max(m.cursor, 0), max(len(m.inbox)-1, 0))
	rows := max(m.lay.listRows, 1)
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+rows {
		m.offset = m.cursor - rows + 1
	}
	m.offset = min(max(m.offset, 0), max(len(m.inbox)-rows, m.stillOffset(), 0))
}

func (m *Model) scrollThread(act action) {
	switch act {
	case actUp:
		m.vp.ScrollUp(1)
	case actDown:
		m.vp.ScrollDown(1)
	case actPageUp:
		m.vp.PageUp()
	case actPageDown:
		m.vp.PageDown()
	case actTop:
		m.vp.GotoTop()
	case actBottom:
		m.vp.GotoBottom()
	}
}

// --- composer ----------------------------------------------------------

func (m *Model) composerKey(act action, msg tea.KeyMsg) tea.Cmd {
	switch act {
	case actLeave:
		m.composer.ta.Blur()
		m.focus = focusThread
		if strings.TrimSpace(m.composer.ta.Value()) == "" && m.composer.refusal == nil {
			m.composer.active = false
		}
		m.resize()
		return nil
	case actSend:
		return m.sendText()
	}
	before := m.composer.ta.Value()
	var cmd tea.Cmd
	m.composer.ta, cmd = m.composer.ta.Update(msg)
	if m.composer.ta.Value() != before {
		cmd = tea.Batch(cmd, m.composerEdited())
	}
	return cmd
}

func (m *Model) sendText() tea.Cmd {
	c := &m.composer
	text := strings.TrimSpace(c.ta.Value())
	if text == "" || c.busy || m.openID == "" {
		return nil
	}
	if c.key == "" || c.keyText != text {
		c.key, c.keyText = m.newKey(), text
	}
	c.busy = true
	c.refusal = nil
	m.resize()
	req := api.SendRequest{IdempotencyKey: c.key, Text: text}
	return sendCmd(m.ctx, m.backend, m.session, m.openID, req)
}

func (m *Model) sendMacro(threadID, macroID string) tea.Cmd {
	if threadID == "" || m.ctx == nil {
		return nil
	}
	m.composer.busy = true
	req := api.SendRequest{IdempotencyKey: m.newKey(), MacroID: macroID}
	return sendCmd(m.ctx, m.backend, m.session, threadID, req)
}

func (m *Model) onSend(msg sendResultMsg) tea.Cmd {
	if msg.session != m.session {
		return nil
	}
	c := &m.composer
	c.busy = false
	if r, ok := asRefusal(msg.err); ok {
		rv := &refusalView{
			threadID: msg.threadID,
			rule:     policy.SanitizeLine(r.Refusal.Rule),
			reason:   policy.SanitizeLine(r.Refusal.Reason),
			portal:   r.Refusal.OfferPortalLink,
			request:  api.SendRequest{IdempotencyKey: msg.key, MacroID: msg.macroID, Text: msg.text},
		}
		for _, t := range r.Refusal.SpanTypes {
			rv.types = append(rv.types, policy.SanitizeLine(t))
		}
		// The draft stays for editing, but the keys leave the text box so
		// p can take the portal-link way out.
		c.refusal, c.key, c.keyText = rv, "", ""
		c.active = msg.threadID == m.openID
		c.ta.Blur()
		if m.focus == focusComposer {
			m.focus = focusThread
		}
		m.resize()
		return nil
	}
	if msg.err != nil {
		return m.handleErr("Not sent", msg.err)
	}
	var draft tea.Cmd
	if msg.macroID == "" {
		onScreen := msg.threadID == m.openID &&
			(msg.key == c.key || strings.TrimSpace(c.ta.Value()) == msg.text)
		if onScreen {
			c.ta.Reset()
			c.key, c.keyText = "", ""
			c.active = false
			c.ta.Blur()
			if m.focus == focusComposer {
				m.focus = focusThread
			}
		}
		// The sent text is the thread's draft no more, unless the user
		// has since started another reply there.
		if onScreen || msg.threadID != m.openID {
			draft = m.draftSent(msg.threadID)
		}
	} else if msg.macroID == portalMacroID && c.refusal != nil && c.refusal.portal && c.refusal.threadID == msg.threadID {
		// The portal link went instead of a reply refused for holding
		// PHI: that reply must not linger in the composer or in the
		// sealed drafts, ready to be sent by the next Enter.
		if msg.threadID == m.openID {
			c.ta.Reset()
			c.key, c.keyText = "", ""
			c.active = false
			c.ta.Blur()
			if m.focus == focusComposer {
				m.focus = focusThread
			}
		}
		draft = m.draftSent(msg.threadID)
	}
	c.refusal = nil
	word := "Message sent"
	if msg.macroID != "" {
		word = "Quick reply sent"
		if msg.macroID == portalMacroID {
			word = "Secure-portal link sent"
		}
	}
	cmds := []tea.Cmd{m.showToast(toastInfo, policy.Trusted(word)), m.fetchInbox(), draft}
	if msg.threadID == m.openID {
		cmds = append(cmds, m.fetchThread())
	}
	return tea.Batch(cmds...)
}

// --- macro picker ---------------------------------------------------------

// allowedMacros are the macros the signed-in role may send.
func (m *Model) allowedMacros() []assets.Macro {
	var out []assets.Macro
	for _, mc := range m.macros {
		if slices.Contains(mc.Roles, string(m.user.Role)) {
			out = append(out, mc)
		}
	}
	return out
}

func (m *Model) mayUseMacro(id string) bool {
	for _, mc := range m.allowedMacros() {
		if mc.ID == id {
			return true
		}
	}
	return false
}

func (m *Model) pickerKey(act action) tea.Cmd {
	p := m.picker
	switch act {
	case actUp:
		p.cursor = max(p.cursor-1, 0)
	case actDown:
		p.cursor = min(p.cursor+1, p.size()-1)
	case actClose:
		m.picker = nil
	case actChoose:
		m.picker = nil
		if p.templates != nil {
			return m.sendTemplate(p.threadID, p.templates[p.cursor])
		}
		return m.sendMacro(p.threadID, p.items[p.cursor].ID)
	}
	return nil
}

// --- hand-off --------------------------------------------------------------

func (m *Model) confirmKey(act action) tea.Cmd {
	c := m.confirm
	switch act {
	case actCancel:
		m.confirm = nil
		m.resize()
	case actConfirm:
		m.confirm = nil
		m.resize()
		return handoffCmd(m.ctx, m.backend, m.session, c.threadID, api.HandoffRequest{})
	}
	return nil
}

func (m *Model) onHandoff(msg handoffResultMsg) tea.Cmd {
	if msg.session != m.session {
		return nil
	}
	if msg.err != nil {
		return m.handleErr("Hand-off failed", msg.err)
	}
	cmds := []tea.Cmd{
		m.showToast(toastInfo, policy.Trusted("Handed to the nurses' queue")),
		m.fetchInbox(),
	}
	if msg.threadID == m.openID {
		cmds = append(cmds, m.fetchThread())
	}
	return tea.Batch(cmds...)
}

// --- live events -------------------------------------------------------------

func (m *Model) onEvents(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case eventsReadyMsg:
		if msg.session != m.session {
			return nil
		}
		m.eventsBackoff = 0
		// Catch up on whatever happened while the stream was down.
		return tea.Batch(waitEventCmd(msg.ch, msg.session), m.fetchInbox(), m.fetchThread())
	case eventMsg:
		if msg.session != m.session {
			return nil // the reader of a signed-out session just stops
		}
		// The reader must be re-armed even when the event is ignored.
		cmds := []tea.Cmd{waitEventCmd(msg.ch, msg.session)}
		switch msg.ev.Type {
		case api.EventMessageNew, api.EventMessageStatus, api.EventThreadUpdated:
			// The event carries its thread's row: one row changes in
			// place. Without one (an older server), ask what changed.
			if msg.ev.Thread != nil && msg.ev.Thread.ID == msg.ev.ThreadID {
				m.applyRow(*msg.ev.Thread)
				m.setCounts(msg.ev.Counts)
			} else {
				cmds = append(cmds, m.fetchInbox())
			}
			if msg.ev.ThreadID == m.openID {
				cmds = append(cmds, m.fetchThread())
			}
			cmds = append(cmds, m.fetchQueueCounts())
		case api.EventThreadUrgent:
			cmds = append(cmds, m.urgentAlert(msg.ev))
		case api.EventResync:
			// The server dropped the stream because this console fell
			// behind: events were lost, so ask for the rows changed
			// since the change number held, and the open thread again.
			// The stream closes next, and the reader reconnects.
			cmds = append(cmds, m.fetchInbox(), m.fetchThread())
		}
		return tea.Batch(cmds...)
	case eventsClosedMsg:
		if msg.session != m.session {
			return nil
		}
		return m.resubscribeLater()
	case eventsFailedMsg:
		if msg.session != m.session {
			return nil
		}
		if isUnauthorized(msg.err) {
			return m.signOut("Your session ended. Please sign in again.")
		}
		return m.resubscribeLater()
	case resubscribeMsg:
		if msg.session != m.session || m.ctx == nil {
			return nil
		}
		return subscribeCmd(m.ctx, m.backend, m.session)
	}
	return nil
}

func (m *Model) resubscribeLater() tea.Cmd {
	if m.eventsBackoff == 0 {
		m.eventsBackoff = resubscribeFirst
	} else {
		m.eventsBackoff = min(m.eventsBackoff*2, resubscribeMax)
	}
	return resubscribeAfter(m.eventsBackoff, m.session)
}

// forwardToInput passes component messages (cursor blink) to whichever
// text input is focused.
func (m *Model) forwardToInput(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch {
	case m.screen == screenLogin:
		f := &m.login
		f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	case m.screen == screenEnrol && m.enrol != nil:
		m.enrol.input, cmd = m.enrol.input.Update(msg)
	case m.revealAsk != nil:
		m.revealAsk.input, cmd = m.revealAsk.input.Update(msg)
	case m.audit != nil:
		m.audit.filters[m.audit.focus], cmd = m.audit.filters[m.audit.focus].Update(msg)
	case m.form != nil:
		cmd = m.form.Forward(msg)
	case m.focus == focusComposer:
		m.composer.ta, cmd = m.composer.ta.Update(msg)
	}
	return cmd
}
