package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/textinput"
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

	login        *signInForm
	loginAttempt int
	user         api.User
	idleTimeout  time.Duration
	lastInput    time.Time

	// list is the inbox pane (inbox.go, inbox_window.go).
	list inboxList
	// form is the open triage form (triage_forms.go), or nil.
	form *triageForm

	// pane is the open thread (thread.go).
	pane threadPane

	composer composer
	picker   *macroPicker
	// waitingPicker and keyQueue hold the keys pressed while a picker
	// was loading (keyburst.go).
	waitingPicker *pickerWait
	keyQueue      []tea.KeyMsg
	// consentAsk is the open consent prompt (ui/consent.go).
	consentAsk *consentPrompt
	confirm    *confirmPrompt
	toast      *toast
	toastSeq   int
	// sendWatch are the sends the server queued whose outcome the footer
	// still owes (send_outcome.go), by message id.
	sendWatch map[string]watchedSend

	eventsBackoff time.Duration
	// offline is the banner shown while the server cannot be reached
	// (offline.go); resyncing says the stream's next end is the server
	// asking this console to catch up, not the server going away.
	offline   *offlineState
	resyncing bool

	enrol    *enrolForm
	recovery *recoveryCodes

	revealAsk  *revealPrompt
	revealBusy bool

	audit *auditScreen
	// metrics is the open metrics screen (metrics_screen.go).
	metrics *metricsScreen
	// incidents is the open incident screen (incidents.go), or nil.
	incidents *incidentScreen

	ack       *policyAck // the policy acknowledgment screen (policy_ack.go)
	reviewDue bool       // supervisors: the quarterly access review is due

	vendors *vendorPanel // admins: the vendor register (vendor_view.go)

	drafts     draftState
	draftDelay time.Duration
	// after schedules a message (tea.Tick; tests hold the timers).
	after    func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
	quitting bool   // waiting for the last draft to be written
	notice   string // Options.Notice until it has been shown
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

type confirmPrompt struct {
	threadID string
	label    policy.SafeText
}

type toastKind int

const (
	toastInfo toastKind = iota
	toastError
	toastWarn
	toastPending // waiting for an outcome (a send the server queued)
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
	m.pane = newThreadPane(m.theme, &m.keys, session{})
	m.nowAt = m.now()
	m.login = m.newLoginForm()
	m.list = newInboxList(m.theme, &m.keys, session{}, false)
	m.composer = newComposer(m.theme, m.keys)
	m.syncKeys()
	return m
}

func (m *Model) newLoginForm() *signInForm { return newSignInForm(m.theme, m.keys, m.server) }

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

// Update reads the clock once and routes one message: the root's own
// (window, keys, quitting, live events), a component's request, a
// backend answer to whoever asked, else the focused input's (a cursor
// blink).
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.nowAt = m.now()
	m.syncPanes()
	cmd, ok := m.updateRoot(msg)
	if !ok {
		cmd, ok = m.fromComponent(msg)
	}
	if !ok {
		cmd, ok = m.fromBackend(msg)
	}
	if !ok {
		// Cursor blinks and other messages of the focused input.
		cmd = m.forwardToInput(msg)
	}
	m.syncKeys()
	return m, cmd
}

// updateRoot takes what is the root's own: the window, keys, quitting,
// the session's end, the open screen closing, toasts, the idle clock and
// the live events.
func (m *Model) updateRoot(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
	case tea.KeyMsg:
		m.lastInput = m.nowAt
		return m.updateKeys(msg), true
	case replayKeysMsg:
		return m.replayKeys(), true
	case quitNowMsg:
		return tea.Quit, true
	case quitMsg:
		return m.quit(), true
	case signOutMsg:
		return m.signOut(msg.notice), true
	case closeScreenMsg:
		m.closeScreen(msg.screen)
	case toastExpiredMsg:
		m.onToastExpired(msg)
	case idleTickMsg:
		return m.onIdleTick(msg), true
	case eventsReadyMsg, eventsFailedMsg, eventMsg, eventsClosedMsg, resubscribeMsg:
		return m.onEvents(msg), true
	case logoutDoneMsg:
	default:
		return nil, false
	}
	return nil, true
}

// fromComponent takes a component's request of the root.
func (m *Model) fromComponent(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case signInMsg:
		return m.onSignIn(msg), true
	case enrolCancelMsg:
		return m.onEnrolCancel(), true
	case recoveryDoneMsg:
		return m.onRecoveryDone(msg), true
	case composerLeftMsg:
		m.onComposerLeft()
	case composerSendMsg:
		return m.sendText(), true
	case composerEditedMsg:
		return m.composerEdited(), true
	case pickMsg:
		return m.onPick(msg), true
	case pickerClosedMsg:
		m.picker = nil
	case formDoneMsg:
		return m.onFormDone(msg), true
	case formClosedMsg:
		m.onFormClosed(msg)
	case callFailedMsg:
		return m.handleErr(msg.what, msg.err), true
	default:
		return nil, false
	}
	return nil, true
}

// fromBackend takes a backend call's answer to whoever asked.
func (m *Model) fromBackend(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case loginResultMsg:
		return m.onLogin(msg), true
	case enrolResultMsg:
		return m.onEnrol(msg), true
	case inboxPageMsg, inboxChangesMsg:
		m.inboxAnswered(msg)
		return m.list.Update(msg), true
	case threadMsg:
		return m.onThread(msg), true
	case sendResultMsg:
		return m.onSend(msg), true
	case handoffResultMsg:
		return m.onHandoff(msg), true
	case consentResultMsg:
		return m.onConsent(msg), true
	case scheduleResultMsg:
		return m.onSchedule(msg), true
	case templatesMsg:
		return m.onTemplates(msg), true
	case macrosMsg:
		m.onMacros(msg)
		return nil, true
	case revealResultMsg:
		return m.onReveal(msg), true
	case revealTickMsg:
		return m.onRevealTick(msg), true
	case draftTickMsg:
		return m.onDraftTick(msg), true
	case draftLoadedMsg:
		return m.onDraftLoaded(msg), true
	case draftDoneMsg:
		return m.onDraftDone(msg), true
	case triageResult:
		return m.onTriage(msg), true
	}
	return m.fromScreenBackend(msg)
}

// fromScreenBackend takes the answers for the policy screen and the
// screens over the main screen.
func (m *Model) fromScreenBackend(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case policyMsg:
		return m.onPolicy(msg), true
	case policyAckResultMsg:
		return m.onPolicyAck(msg), true
	case reviewStatusMsg:
		return m.onReviewStatus(msg), true
	case auditPageMsg, auditExportMsg:
		return m.onAudit(msg), true
	case vendorsMsg:
		return m.onVendors(msg), true
	case metricsMsg:
		return m.onMetrics(msg), true
	case incidentMsg:
		return m.onIncident(msg), true
	}
	return nil, false
}

func (m *Model) onToastExpired(msg toastExpiredMsg) {
	if m.toast != nil && m.toast.id == msg.id {
		m.toast = nil
		m.resize()
	}
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
	case m.metrics != nil:
		return ctxMetrics
	case m.adminHome():
		return ctxAdmin
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
	if c := m.keyOwner(); c != nil {
		return c.Update(msg)
	}
	if m.audit != nil && m.screen == screenMain {
		return m.auditKey(msg)
	}
	c := m.keyContext()
	act := m.keys.resolve(c, msg)
	if act == actNone {
		if why, ok := m.refusedKey(c, msg); ok {
			return m.showToast(toastError, policy.SanitizeLine(why))
		}
	}
	if act == actQuit {
		// Every screen quits the same way: the draft waiting for its
		// timer is written first.
		return m.quit()
	}
	switch c {
	case ctxConfirm:
		return m.confirmKey(act)
	case ctxConsent:
		return m.consentKey(act)
	case ctxReveal:
		return m.revealKey(act, msg)
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

// keyOwner is the component that has the keys, or nil when they are the
// root's: the inbox and thread keys (which act across panes), the
// prompts, and the error page. A component handles its own quit keys.
func (m *Model) keyOwner() component {
	switch m.screen {
	case screenLogin:
		return m.login
	case screenEnrol:
		if m.enrol != nil {
			return m.enrol
		}
		return nil
	case screenRecovery:
		if m.recovery != nil {
			return m.recovery
		}
		return nil
	case screenMain:
	default:
		return nil
	}
	if s := m.activeScreen(); s != nil {
		return s
	}
	switch {
	case m.revealAsk != nil || m.consentAsk != nil || m.confirm != nil:
		return nil
	case m.form != nil:
		return m.form
	case m.picker != nil:
		return m.picker
	case m.focus == focusComposer:
		return &m.composer
	}
	return nil
}

// syncKeys enables the bindings that make sense right now, which also
// keeps the help bar honest.
func (m *Model) syncKeys() {
	open := m.pane.view != nil && m.pane.id != ""
	m.keys.PortalLink.SetEnabled(m.portalOffered())
	m.keys.Schedule.SetEnabled(m.scheduleOffered())
	m.keys.Resend.SetEnabled(m.resendOffered())
	m.keys.Handoff.SetEnabled(m.screen == screenMain && m.handoffTarget() != "")
	m.keys.Back.SetEnabled(open)
	// A role without threads has no thread keys; pressing one says why.
	// Reply and quick replies need a thread: an empty queue offers
	// neither.
	target := open || len(m.list.rows) > 0
	m.keys.Reply.SetEnabled((m.user.Role == "" || m.threadsAllowed()) && target)
	m.keys.Macros.SetEnabled((m.user.Role == "" || m.threadsAllowed()) && target)
	// esc closes the full help first; the next esc leaves the thread.
	m.keys.CloseHelp.SetEnabled(m.help.ShowAll)
	m.keys.Open.SetEnabled(len(m.list.rows) > 0)
	m.syncRevealKeys()
	m.keys.Audit.SetEnabled(m.canViewAudit())
	m.keys.Vendors.SetEnabled(m.canSeeVendors())
	m.syncIncidentKeys()
	if m.adminHome() {
		m.keys.Incidents.SetEnabled(false) // says why when pressed
	}
	m.keys.Metrics.SetEnabled(m.canViewMetrics())
	m.keys.Consent.SetEnabled(open && m.consentAction() != consentNothing)
	m.keys.PHIAsk.SetEnabled(open && m.pane.view.consent.optedIn)
	m.syncConsentKeys()
	m.syncTriageKeys()
	m.gateKeysByRole()
	m.syncPanes()
}

// syncPanes tells the inbox and thread panes what only the root knows:
// which has the keys, whether the role may reveal, and the clock read
// for this Update.
func (m *Model) syncPanes() {
	m.list.focused = m.focus == focusList && m.picker == nil
	m.list.now = m.nowAt
	m.pane.focused = m.focus != focusList && m.picker == nil
	m.pane.canReveal = m.canReveal()
	m.pane.now = m.nowAt
}

// portalOffered says the last refusal offered the portal link for the
// open thread and the user's role may send it.
func (m *Model) portalOffered() bool {
	r := m.composer.refusal
	return r != nil && r.portal && r.threadID == m.pane.id && m.mayUseMacro(portalMacroID)
}

// --- login -----------------------------------------------------------

// onSignIn sends a submitted sign-in, numbered so that only the answer
// to the latest attempt is taken.
func (m *Model) onSignIn(msg signInMsg) tea.Cmd {
	if m.screen != screenLogin {
		return nil
	}
	m.loginAttempt++
	return loginCmd(m.backend, m.loginAttempt, msg.username, msg.password, msg.code)
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
	m.list = newInboxList(m.theme, &m.keys, m.sess(),
		policy.Can(policy.Role(m.user.Role), policy.ActionViewClinicalThreads))
	m.pane = newThreadPane(m.theme, &m.keys, m.sess())
	m.list.q = m.newQueues()
	m.idleTimeout = time.Duration(resp.IdleTimeoutSeconds) * time.Second
	if m.idleTimeout <= 0 {
		m.idleTimeout = defaultIdleTimeout
	}
	m.lastInput = m.nowAt
	m.login = m.newLoginForm()
	m.login.inputs[0].Blur()
	m.enrol, m.recovery = nil, nil
	m.screen, m.focus = screenMain, focusList
	m.eventsBackoff = 0
	m.drafts = draftState{}
	m.reviewDue = false
	cmds := []tea.Cmd{idleTickCmd(m.session)}
	if m.threadsAllowed() {
		// An admin reads no threads: asking would only earn a refusal
		// and a "Loading…" that never ends (admin.go).
		cmds = append(cmds, m.list.fetch(), subscribeCmd(m.ctx, m.backend, m.session), macrosCmd(m.ctx, m.backend, m.session))
	}
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
	m.list = newInboxList(m.theme, &m.keys, session{}, false)
	m.pane = newThreadPane(m.theme, &m.keys, session{})
	m.composer = newComposer(m.theme, m.keys)
	// The session's drafts are deleted by logoutCmd; the cancelled
	// context above keeps a save still on its way from landing after.
	m.drafts = draftState{}
	m.picker, m.confirm, m.toast, m.form = nil, nil, nil, nil
	m.sendWatch = nil
	m.offline, m.resyncing = nil, false
	m.dropKeyQueue()
	m.dropReveal()
	m.enrol, m.recovery, m.pane.sel, m.audit, m.metrics = nil, nil, "", nil, nil
	m.incidents = nil
	m.ack, m.reviewDue, m.vendors = nil, false, nil
	m.screen, m.focus = screenLogin, focusList
	m.login = m.newLoginForm()
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
	m.list.rows, m.pane.view, m.pane.id = nil, nil, ""
	m.picker = nil
	m.dropKeyQueue()
	m.dropReveal()
	m.enrol, m.recovery, m.audit, m.ack, m.metrics = nil, nil, nil, nil, nil
	m.pane.vp.SetContent("")
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
	m.requestFailed(err)
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
	if id != m.pane.id {
		draft = m.switchDraft(id)
		m.dropReveal()
		m.pane.sel = ""
		m.pane.id = id
		m.pane.view = nil
		m.pane.vp.SetContent("")
		m.composer.refusal = nil
		m.composer.active = false
		m.composer.ta.Blur()
		m.pane.busy = false
		m.pane.again = false
		m.resize()
	}
	return tea.Batch(draft, m.pane.fetch())
}

func (m *Model) onThread(msg threadMsg) tea.Cmd {
	if msg.session != m.session || msg.threadID != m.pane.id || msg.gen != m.pane.gen {
		return nil // a late answer for a thread no longer on screen
	}
	m.pane.busy = false
	var cmds []tea.Cmd
	if m.pane.again {
		m.pane.again = false
		cmds = append(cmds, m.pane.fetch())
	}
	if msg.err != nil {
		m.pickerThreadLoaded(msg.threadID, true)
		return tea.Batch(append(cmds, m.handleErr("Could not open the thread", msg.err))...)
	}
	atBottom := m.pane.view == nil || m.pane.vp.AtBottom()
	v := newThreadView(msg.detail)
	m.pane.view = &v
	// The thread's own row is this user's (read just now): it replaces
	// the inbox row, so its unread count clears without a refetch.
	if msg.detail.Thread.ID == msg.threadID {
		m.list.applyRow(msg.detail.Thread)
	}
	m.keepSelection()
	m.resize()
	cmds = append(cmds, m.sendsSettledIn(msg.detail))
	if atBottom {
		m.pane.vp.GotoBottom()
	}
	return tea.Batch(append(cmds, m.pickerThreadLoaded(msg.threadID, false))...)
}

// --- list and thread keys ----------------------------------------------

func (m *Model) screenKey(act action) tea.Cmd {
	if do, ok := screenActions[act]; ok {
		return do(m, act)
	}
	return nil
}

// ensureOpen opens the selected thread when the list has the keys and
// the selection is not the open thread, so r, m and n act on what the
// cursor shows.
func (m *Model) ensureOpen() tea.Cmd {
	if m.focus != focusList || m.list.cursor >= len(m.list.rows) {
		return nil
	}
	id := m.list.rows[m.list.cursor].id
	if id == m.pane.id {
		return nil
	}
	m.focus = focusThread
	return m.openThread(id)
}

// handoffTarget is the thread n would hand off: the selection in the
// list, else the open thread; none when it is already with the nurses.
func (m *Model) handoffTarget() string {
	var row *threadRow
	if m.focus == focusList && m.list.cursor < len(m.list.rows) {
		row = &m.list.rows[m.list.cursor]
	} else if m.pane.view != nil {
		row = &m.pane.view.row
	}
	if row == nil || row.state == api.ThreadClinical || row.state == api.ThreadClosed {
		return ""
	}
	return row.id
}

func (m *Model) labelOf(id string) policy.SafeText {
	if m.pane.view != nil && m.pane.view.row.id == id {
		return m.pane.view.row.label
	}
	for _, r := range m.list.rows {
		if r.id == id {
			return r.label
		}
	}
	return policy.Trusted("this thread")
}

// --- composer ----------------------------------------------------------

// onComposerLeft gives the keys back to the thread when the composer
// lets them go.
func (m *Model) onComposerLeft() {
	if m.focus == focusComposer {
		m.focus = focusThread
	}
	m.resize()
}

func (m *Model) sendText() tea.Cmd {
	c := &m.composer
	text := strings.TrimSpace(c.ta.Value())
	if text == "" || c.busy || m.pane.id == "" {
		return nil
	}
	if c.key == "" || c.keyText != text {
		c.key, c.keyText = m.newKey(), text
	}
	c.busy = true
	c.refusal = nil
	m.resize()
	req := api.SendRequest{IdempotencyKey: c.key, Text: text}
	return sendCmd(m.ctx, m.backend, m.session, m.pane.id, req)
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
	m.composer.busy = false
	if r, ok := asRefusal(msg.err); ok {
		m.onRefused(msg, r)
		return m.reportRefused(msg, r.Refusal)
	}
	if msg.err != nil {
		return m.handleErr(sendWhat(msg.macroID, msg.template)+" not sent", msg.err)
	}
	return m.onSent(msg)
}

// onRefused shows an outbound rule's refusal under the composer.
func (m *Model) onRefused(msg sendResultMsg, r *api.RefusedError) {
	c := &m.composer
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
	c.active = msg.threadID == m.pane.id
	c.ta.Blur()
	if m.focus == focusComposer {
		m.focus = focusThread
	}
	m.resize()
}

// onSent clears what was sent from the composer and its draft, says so,
// and refreshes the inbox and the thread.
func (m *Model) onSent(msg sendResultMsg) tea.Cmd {
	c := &m.composer
	var draft tea.Cmd
	if msg.macroID == "" {
		onScreen := msg.threadID == m.pane.id &&
			(msg.key == c.key || strings.TrimSpace(c.ta.Value()) == msg.text)
		if onScreen {
			m.clearComposer()
		}
		// The sent text is the thread's draft no more, unless the user
		// has since started another reply there.
		if onScreen || msg.threadID != m.pane.id {
			draft = m.draftSent(msg.threadID)
		}
	} else if msg.macroID == portalMacroID && c.refusal != nil && c.refusal.portal && c.refusal.threadID == msg.threadID {
		// The portal link went instead of a reply refused for holding
		// PHI: that reply must not linger in the composer or in the
		// sealed drafts, ready to be sent by the next Enter.
		if msg.threadID == m.pane.id {
			m.clearComposer()
		}
		draft = m.draftSent(msg.threadID)
	}
	c.refusal = nil
	cmds := []tea.Cmd{m.reportAccepted(msg), m.list.fetch(), draft}
	if msg.threadID == m.pane.id {
		cmds = append(cmds, m.pane.fetch())
	}
	return tea.Batch(cmds...)
}

// clearComposer empties and folds the composer, giving the keys back to
// the thread.
func (m *Model) clearComposer() {
	c := &m.composer
	c.ta.Reset()
	c.key, c.keyText = "", ""
	c.active = false
	c.ta.Blur()
	if m.focus == focusComposer {
		m.focus = focusThread
	}
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

// onPick sends what was chosen in the picker.
func (m *Model) onPick(msg pickMsg) tea.Cmd {
	if m.picker == nil {
		return nil
	}
	m.picker = nil
	if msg.template != nil {
		return m.sendTemplate(msg.threadID, *msg.template)
	}
	return m.sendMacro(msg.threadID, msg.macroID)
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
		m.list.fetch(),
	}
	if msg.threadID == m.pane.id {
		cmds = append(cmds, m.pane.fetch())
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
		m.resyncing = false
		// Catch up on whatever happened while the stream was down.
		return tea.Batch(waitEventCmd(msg.ch, msg.session), m.list.fetch(), m.pane.fetch(), m.streamUp())
	case eventMsg:
		if msg.session != m.session {
			return nil // the reader of a signed-out session just stops
		}
		// The reader must be re-armed even when the event is ignored.
		return tea.Batch(waitEventCmd(msg.ch, msg.session), m.onEvent(msg.ev))
	case eventsClosedMsg:
		if msg.session != m.session {
			return nil
		}
		if m.resyncing {
			// The server ended the stream to make this console catch
			// up; it is there, and the reader reconnects.
			m.resyncing = false
			return m.resubscribeLater()
		}
		return m.streamDown(nil)
	case eventsFailedMsg:
		return m.onEventsFailed(msg)
	case resubscribeMsg:
		if msg.session != m.session || m.ctx == nil {
			return nil
		}
		return subscribeCmd(m.ctx, m.backend, m.session)
	}
	return nil
}

// onEvent applies one live event.
func (m *Model) onEvent(ev api.Event) tea.Cmd {
	switch ev.Type {
	case api.EventMessageNew, api.EventMessageStatus, api.EventThreadUpdated:
		var cmds []tea.Cmd
		// The event carries its thread's row: one row changes in
		// place. Without one (an older server), ask what changed.
		if ev.Thread != nil && ev.Thread.ID == ev.ThreadID {
			m.list.applyRow(*ev.Thread)
			m.list.setCounts(ev.Counts)
		} else {
			cmds = append(cmds, m.list.fetch())
		}
		if ev.ThreadID == m.pane.id {
			cmds = append(cmds, m.pane.fetch())
		}
		if ev.Type == api.EventMessageStatus {
			cmds = append(cmds, m.sendStatusChanged(ev.ThreadID, ev.MessageID, ev.Status))
		}
		cmds = append(cmds, m.fetchQueueCounts())
		return tea.Batch(cmds...)
	case api.EventThreadUrgent:
		return m.urgentAlert(ev)
	case api.EventResync:
		// The server dropped the stream because this console fell
		// behind: events were lost, so ask for the rows changed
		// since the change number held, and the open thread again.
		// The stream closes next, and the reader reconnects.
		m.resyncing = true
		return tea.Batch(m.list.fetch(), m.pane.fetch())
	}
	return nil
}

func (m *Model) onEventsFailed(msg eventsFailedMsg) tea.Cmd {
	if msg.session != m.session {
		return nil
	}
	if isUnauthorized(msg.err) {
		return m.signOut("Your session ended. Please sign in again.")
	}
	return m.streamDown(msg.err)
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
		cmd = m.login.Update(msg)
	case m.screen == screenEnrol && m.enrol != nil:
		cmd = m.enrol.Update(msg)
	case m.revealAsk != nil:
		m.revealAsk.input, cmd = m.revealAsk.input.Update(msg)
	case m.audit != nil:
		cmd = m.audit.Forward(msg)
	case m.focus == focusComposer:
		cmd = m.composer.Update(msg)
	}
	return cmd
}
