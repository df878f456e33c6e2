package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// The incident screen has two jobs. Any staff member reports a
// misdirected message from the thread they are in (kind, a short
// description); a supervisor works the register: the list with the
// 60-day clock counting down, and one incident's four-factor assessment,
// remediation steps and outcome. It is a self-contained component with
// its own keys and help; the root model only opens it, routes its keys
// and answers to it, and draws it.

// IncidentBackend is the part of the backend the incident screen uses.
// It is separate from Backend so that a backend without incidents (an
// older server) still builds; the keys are then disabled.
type IncidentBackend interface {
	OpenIncident(ctx context.Context, req api.OpenIncidentRequest) (api.Incident, error)
	Incidents(ctx context.Context) ([]api.Incident, error)
	Incident(ctx context.Context, id string) (api.Incident, error)
	UpdateIncident(ctx context.Context, id string, req api.IncidentUpdate) (api.Incident, error)
}

// incidentMsg is any answer for the incident screen.
type incidentMsg struct {
	session int
	list    []api.Incident
	inc     *api.Incident
	opened  bool // the answer to a report: close the screen
	err     error
}

type incidentMode int

const (
	incReportKind  incidentMode = iota // choosing the kind of a new report
	incReportText                      // typing its description
	incList                            // the supervisor's register
	incDetail                          // one incident
	incAssess                          // typing the four factors, one after another
	incOutcomeKind                     // choosing the outcome
	incReasoning                       // typing the outcome's reasoning
)

// incidentKeys are the screen's own bindings, shown in its help line.
type incidentKeys struct {
	Kind, Up, Down, Open, Back, Step, Assess, Outcome, Notify, LowProb, Submit, Cancel, Refresh key.Binding
}

func newIncidentKeys() incidentKeys {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return incidentKeys{
		Kind: b("1-3", "kind", "1", "2", "3"), Up: b("↑/k", "up", "up", "k"), Down: b("↓/j", "down", "down", "j"),
		Open: b("enter", "open", "enter"), Back: b("esc", "back", "esc"), Step: b("1-9", "check off step", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
		Assess: b("a", "assess four factors", "a"), Outcome: b("o", "decide outcome", "o"),
		Notify: b("n", "notification required", "n"), LowProb: b("l", "low probability of compromise", "l"),
		Submit: b("enter", "save", "enter"), Cancel: b("esc", "cancel", "esc"), Refresh: b("R", "refresh", "R"),
	}
}

var incidentKindOrder = []string{policy.IncidentWrongRecipient, policy.IncidentPHISent, policy.IncidentPHIReceived}

var factorNames = [4]string{"1 Nature and extent of the PHI", "2 Unauthorized person", "3 Acquired or viewed", "4 Risk mitigated"}

var factorPrompts = [4]string{
	"1. Nature and extent of the PHI (identifiers, how easily re-identified)",
	"2. The unauthorized person who received or used it",
	"3. Whether the PHI was actually acquired or viewed",
	"4. The extent to which the risk has been mitigated",
}

// incidentScreen is the open incident screen.
type incidentScreen struct {
	theme         Theme
	keys          incidentKeys
	forceQuit     key.Binding
	b             IncidentBackend
	sess          session
	width, height int
	mode          incidentMode
	busy          bool
	status        policy.SafeText // the last answer, in a line
	errText       policy.SafeText

	// A report: the thread (and message) it is about, the kind chosen.
	threadID, messageID string
	kind                string

	list   []api.Incident
	cursor int
	inc    *api.Incident
	input  textinput.Model
	factor int // which factor incAssess is on
	draft  api.IncidentAssessment
	now    time.Time
}

func newIncidentInput() textinput.Model {
	in := textinput.New()
	in.Prompt = "> "
	in.CharLimit = 1000
	in.Focus()
	return in
}

func newIncidentScreen(t Theme, forceQuit key.Binding, b IncidentBackend, sess session, mode incidentMode) *incidentScreen {
	return &incidentScreen{theme: t, keys: newIncidentKeys(), forceQuit: forceQuit, b: b, sess: sess, mode: mode}
}

// newIncidentReport opens the report form for a thread.
func newIncidentReport(t Theme, forceQuit key.Binding, b IncidentBackend, sess session, threadID, messageID string) *incidentScreen {
	s := newIncidentScreen(t, forceQuit, b, sess, incReportKind)
	s.threadID, s.messageID = threadID, messageID
	return s
}

// newIncidentRegister opens the supervisor's register.
func newIncidentRegister(t Theme, forceQuit key.Binding, b IncidentBackend, sess session) *incidentScreen {
	s := newIncidentScreen(t, forceQuit, b, sess, incList)
	s.busy = true
	return s
}

// Update takes a key or the server's answer. ctrl+c quits from every
// mode, even while typing.
func (s *incidentScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case incidentMsg:
		s.set(msg)
	case tea.KeyMsg:
		if key.Matches(msg, s.forceQuit) {
			return emit(quitMsg{})
		}
		cmd, done := s.Key(msg)
		if done {
			return tea.Batch(cmd, emit(closeScreenMsg{s}))
		}
		return cmd
	}
	return nil
}

// SetSize gives the screen the body's width and height.
func (s *incidentScreen) SetSize(w, h int) { s.width, s.height = w, h }

// set takes an answer from the server.
func (s *incidentScreen) set(msg incidentMsg) {
	s.busy = false
	if msg.err != nil {
		s.errText = policy.SanitizeLine(msg.err.Error())
		return
	}
	s.errText = policy.SafeText{}
	if msg.list != nil {
		s.list = msg.list
		s.cursor = min(s.cursor, max(len(s.list)-1, 0))
	}
	if msg.inc != nil {
		inc := *msg.inc
		s.inc = &inc
		if s.mode != incList {
			s.mode = incDetail
		}
	}
}

// Key handles one key press in the screen's mode; it returns the command
// to run and whether the screen is done (closed).
func (s *incidentScreen) Key(msg tea.KeyMsg) (tea.Cmd, bool) {
	if do, ok := incidentKeyHandlers[s.mode]; ok {
		return do(s, msg)
	}
	return nil, false
}

var incidentKeyHandlers = map[incidentMode]func(*incidentScreen, tea.KeyMsg) (tea.Cmd, bool){
	incReportKind:  (*incidentScreen).keyReportKind,
	incReportText:  (*incidentScreen).keyReportText,
	incList:        (*incidentScreen).keyList,
	incDetail:      (*incidentScreen).keyDetail,
	incAssess:      (*incidentScreen).keyAssess,
	incOutcomeKind: (*incidentScreen).keyOutcomeKind,
	incReasoning:   (*incidentScreen).keyReasoning,
}

func (s *incidentScreen) keyReportKind(msg tea.KeyMsg) (tea.Cmd, bool) {
	k := s.keys
	switch {
	case key.Matches(msg, k.Cancel):
		return nil, true
	case key.Matches(msg, k.Kind):
		s.kind = incidentKindOrder[msg.String()[0]-'1']
		s.mode, s.input = incReportText, newIncidentInput()
		s.input.Placeholder = "what happened (sealed; only supervisors read it)"
	}
	return nil, false
}

func (s *incidentScreen) keyReportText(msg tea.KeyMsg) (tea.Cmd, bool) {
	k := s.keys
	switch {
	case key.Matches(msg, k.Cancel):
		return nil, true
	case msg.Type == tea.KeyEnter:
		if s.busy {
			return nil, false
		}
		s.busy = true
		b, ctx, session := s.b, s.sess.ctx, s.sess.id
		req := api.OpenIncidentRequest{ThreadID: s.threadID, MessageID: s.messageID, Kind: s.kind, Description: s.input.Value()}
		return func() tea.Msg {
			c, cancel := context.WithTimeout(ctx, callTimeout)
			defer cancel()
			inc, err := b.OpenIncident(c, req)
			return incidentMsg{session: session, inc: &inc, opened: err == nil, err: err}
		}, false
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	return cmd, false
}

func (s *incidentScreen) keyList(msg tea.KeyMsg) (tea.Cmd, bool) {
	k := s.keys
	switch {
	case key.Matches(msg, k.Back):
		return nil, true
	case key.Matches(msg, k.Up):
		s.cursor = max(s.cursor-1, 0)
	case key.Matches(msg, k.Down):
		s.cursor = min(s.cursor+1, max(len(s.list)-1, 0))
	case key.Matches(msg, k.Refresh):
		s.busy = true
		return incidentListCmd(s.sess.ctx, s.b, s.sess.id), false
	case key.Matches(msg, k.Open) && len(s.list) > 0:
		s.busy, s.mode = true, incDetail
		return incidentGetCmd(s.sess.ctx, s.b, s.sess.id, s.list[s.cursor].ID), false
	}
	return nil, false
}

func (s *incidentScreen) keyDetail(msg tea.KeyMsg) (tea.Cmd, bool) {
	k := s.keys
	switch {
	case key.Matches(msg, k.Back):
		s.mode, s.inc, s.busy = incList, nil, true
		return incidentListCmd(s.sess.ctx, s.b, s.sess.id), false
	case s.inc == nil || s.inc.State != "open" || s.busy:
		return nil, false
	case key.Matches(msg, k.Step):
		n := int(msg.String()[0] - '1')
		if n < len(s.inc.Steps) && !s.inc.Steps[n].Done {
			return s.save(s.sess.ctx, s.b, s.sess.id, api.IncidentUpdate{Done: []string{s.inc.Steps[n].ID}}), false
		}
	case key.Matches(msg, k.Assess):
		s.mode, s.factor, s.draft = incAssess, 0, s.inc.Assessment
		s.input = newIncidentInput()
		s.input.SetValue(s.draft.Nature)
	case key.Matches(msg, k.Outcome):
		s.mode = incOutcomeKind
	}
	return nil, false
}

func (s *incidentScreen) keyAssess(msg tea.KeyMsg) (tea.Cmd, bool) {
	k := s.keys
	switch {
	case key.Matches(msg, k.Cancel):
		s.mode = incDetail
		return nil, false
	case msg.Type == tea.KeyEnter:
		fields := []*string{&s.draft.Nature, &s.draft.Recipient, &s.draft.Acquired, &s.draft.Mitigation}
		*fields[s.factor] = strings.TrimSpace(s.input.Value())
		if s.factor < 3 {
			s.factor++
			s.input = newIncidentInput()
			s.input.SetValue(*fields[s.factor])
			return nil, false
		}
		s.mode = incDetail
		a := s.draft
		return s.save(s.sess.ctx, s.b, s.sess.id, api.IncidentUpdate{Assessment: &a}), false
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	return cmd, false
}

func (s *incidentScreen) keyOutcomeKind(msg tea.KeyMsg) (tea.Cmd, bool) {
	k := s.keys
	switch {
	case key.Matches(msg, k.Cancel):
		s.mode = incDetail
	case key.Matches(msg, k.Notify), key.Matches(msg, k.LowProb):
		s.kind = policy.OutcomeNotificationRequired
		if key.Matches(msg, k.LowProb) {
			s.kind = policy.OutcomeLowProbability
		}
		s.mode, s.input = incReasoning, newIncidentInput()
		s.input.Placeholder = "the reasoning (required)"
	}
	return nil, false
}

func (s *incidentScreen) keyReasoning(msg tea.KeyMsg) (tea.Cmd, bool) {
	k := s.keys
	switch {
	case key.Matches(msg, k.Cancel):
		s.mode = incDetail
		return nil, false
	case msg.Type == tea.KeyEnter:
		s.mode = incDetail
		return s.save(s.sess.ctx, s.b, s.sess.id, api.IncidentUpdate{Outcome: s.kind, Reasoning: s.input.Value()}), false
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	return cmd, false
}

// save sends an update made against the version on screen.
func (s *incidentScreen) save(ctx context.Context, b IncidentBackend, session int, u api.IncidentUpdate) tea.Cmd {
	s.busy = true
	u.Version = s.inc.Version
	id := s.inc.ID
	return func() tea.Msg {
		c, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		inc, err := b.UpdateIncident(c, id, u)
		if err != nil {
			return incidentMsg{session: session, err: err}
		}
		return incidentMsg{session: session, inc: &inc}
	}
}

func incidentListCmd(ctx context.Context, b IncidentBackend, session int) tea.Cmd {
	return func() tea.Msg {
		c, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		list, err := b.Incidents(c)
		if list == nil && err == nil {
			list = []api.Incident{}
		}
		return incidentMsg{session: session, list: list, err: err}
	}
}

func incidentGetCmd(ctx context.Context, b IncidentBackend, session int, id string) tea.Cmd {
	return func() tea.Msg {
		c, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		inc, err := b.Incident(c, id)
		if err != nil {
			return incidentMsg{session: session, err: err}
		}
		return incidentMsg{session: session, inc: &inc}
	}
}

// clock is the 60-day notification clock in words.
func (s *incidentScreen) clock(inc api.Incident) string {
	if inc.State != "open" {
		return "decided"
	}
	if inc.DaysLeft < 0 {
		return fmt.Sprintf("OVERDUE by %d days", -inc.DaysLeft)
	}
	return fmt.Sprintf("%d days left to notify", inc.DaysLeft)
}

// View draws the screen in its width and height.
// ShortHelp is the screen's keys in its current mode, as its help line
// shows them.
func (s *incidentScreen) ShortHelp() []key.Binding {
	k := s.keys
	switch s.mode {
	case incReportKind:
		return []key.Binding{k.Kind, k.Cancel}
	case incReportText:
		return []key.Binding{k.Submit, k.Cancel}
	case incAssess, incReasoning:
		if s.inc != nil {
			return []key.Binding{k.Submit, k.Cancel}
		}
	case incList:
		return []key.Binding{k.Up, k.Down, k.Open, k.Refresh, k.Back}
	case incOutcomeKind:
		if s.inc != nil {
			return []key.Binding{k.Notify, k.LowProb, k.Cancel}
		}
	default:
		if s.inc != nil && s.inc.State == "open" {
			return []key.Binding{k.Step, k.Assess, k.Outcome, k.Back}
		}
	}
	return []key.Binding{k.Back}
}

// FullHelp is the short help in one column.
func (s *incidentScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *incidentScreen) View() string {
	t := s.theme
	w := max(s.width, 20)
	var lines []string
	add := func(l string) { lines = append(lines, ansi.Truncate(l, w, "…")) }
	wrap := func(prefix string, text policy.SafeText) {
		for _, l := range strings.Split(ansi.Wrap(prefix+text.String(), w-2, ""), "\n") {
			add(l)
		}
	}
	switch s.mode {
	case incReportKind, incReportText:
		add(t.Title.Render("Report an incident") + t.Faint.Render(" · about this thread; a supervisor works it under the 60-day clock"))
		add("")
		for i, kind := range incidentKindOrder {
			mark := "  "
			if kind == s.kind {
				mark = "▌ "
			}
			add(fmt.Sprintf("%s%d  %s", mark, i+1, policy.IncidentKinds[kind]))
		}
		add("")
		if s.mode == incReportText {
			add(t.Text.Render("What happened? (no more detail than needed; sealed, supervisors only)"))
			add(s.input.View())
		}
	case incList:
		add(t.Title.Render(fmt.Sprintf("Incidents (%d)", len(s.list))) + t.Faint.Render(" · 45 CFR 164.402 · notify within 60 days of discovery"))
		add("")
		if len(s.list) == 0 && !s.busy {
			add(t.Faint.Render("No incidents. Anyone can report one from a thread with I."))
		}
		for i, inc := range s.list {
			mark := "  "
			if i == s.cursor {
				mark = "▌ "
			}
			clock := s.clock(inc)
			if inc.State == "open" && inc.DaysLeft <= 10 {
				clock = t.Overdue.Render(clock)
			} else {
				clock = t.Faint.Render(clock)
			}
			add(fmt.Sprintf("%s%s  %s  %s  %s", mark, policy.SanitizeLine(inc.PatientLabel), policy.IncidentKinds[inc.Kind],
				strings.ToUpper(inc.State), clock))
		}
	default:
		if s.inc == nil {
			add(t.Faint.Render("Loading…"))
			break
		}
		inc := *s.inc
		add(t.Title.Render("Incident · "+policy.IncidentKinds[inc.Kind]) + t.Faint.Render(" · patient "+policy.SanitizeLine(inc.PatientLabel).String()))
		add(fmt.Sprintf("Discovered %s by %s · notify by %s · %s", inc.DiscoveredAt.UTC().Format("Jan 2 15:04 UTC"),
			policy.SanitizeLine(inc.OpenedBy), inc.NotifyBy.UTC().Format("Jan 2"), s.clock(inc)))
		wrap("What happened: ", policy.SanitizeLine(orNone(inc.Description)))
		add("")
		add(t.Title.Render("Four-factor risk assessment"))
		for i, v := range []string{inc.Assessment.Nature, inc.Assessment.Recipient, inc.Assessment.Acquired, inc.Assessment.Mitigation} {
			wrap(factorNames[i]+": ", policy.SanitizeLine(orNone(v)))
		}
		add("")
		add(t.Title.Render("Remediation"))
		for i, st := range inc.Steps {
			box := "[ ]"
			if st.Done {
				box = "[x]"
			}
			line := fmt.Sprintf("%d %s %s", i+1, box, policy.SanitizeLine(st.Label))
			if st.Done {
				line += t.Faint.Render(" · " + policy.SanitizeLine(st.DoneBy).String())
			}
			add(line)
		}
		add("")
		switch inc.Outcome {
		case "":
			add(t.Warning.Render("Outcome: not decided"))
		case policy.OutcomeNotificationRequired:
			add(t.Error.Render("Outcome: notification required") + t.Faint.Render(" · "+policy.SanitizeLine(inc.DecidedBy).String()))
		default:
			add(t.StatusOK.Render("Outcome: low probability of compromise") + t.Faint.Render(" · "+policy.SanitizeLine(inc.DecidedBy).String()))
		}
		if inc.Reasoning != "" {
			wrap("Reasoning: ", policy.SanitizeLine(inc.Reasoning))
		}
		switch s.mode {
		case incAssess:
			add("")
			add(t.Text.Render(factorPrompts[s.factor]))
			add(s.input.View())
		case incOutcomeKind:
			add("")
			add(t.Text.Render("Outcome: n notification required · l low probability of compromise (all four factors assessed)"))
		case incReasoning:
			add("")
			add(t.Text.Render("Why? The reasoning is kept with the decision."))
			add(s.input.View())
		}
	}
	if !s.errText.IsEmpty() {
		add(t.Error.Render("✗ " + s.errText.String()))
	}
	body := max(s.height-1, 1)
	if len(lines) > body {
		lines = lines[:body]
	}
	for len(lines) < body {
		lines = append(lines, "")
	}
	var hb []string
	for _, b := range s.ShortHelp() {
		hb = append(hb, t.HelpKey.Render(b.Help().Key)+" "+t.HelpDesc.Render(b.Help().Desc))
	}
	return strings.Join(lines, "\n") + "\n" + ansi.Truncate(strings.Join(hb, t.HelpDesc.Render(" • ")), w, "…")
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}
