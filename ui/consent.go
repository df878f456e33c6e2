package ui

import (
	"context"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// consentView is the patient's consent as the thread header shows it:
// state, how and when it was given, and what may be sent now.
type consentView struct {
	known    bool // the server sent a consent record (older servers do not)
	optedIn  bool
	recorded bool
	source   policy.SafeText // "patient keyword", "front desk (verbal) · desk"
	version  policy.SafeText
	at       time.Time
	allowed  policy.SafeText
	flagged  bool // a plain-language request to stop awaits a person
	flagAt   time.Time
	phiPref  policy.SafeText // a documented request for health details by WhatsApp
}

// channelWords are the consent channels in the clinic's words.
var channelWords = map[string]string{
	api.ConsentByKeyword:         "patient keyword",
	api.ConsentByFrontDeskVerbal: "front desk, verbal",
	api.ConsentByFrontDeskPaper:  "front desk, paper form",
	api.ConsentByPortal:          "patient portal",
	api.ConsentByImport:          "import",
	api.ConsentBySeed:            "seed",
	"demo-seed":                  "demo seed",
}

func newConsentView(c *api.ConsentState) consentView {
	if c == nil {
		return consentView{}
	}
	src := channelWords[c.Channel]
	if src == "" {
		src = c.Channel
	}
	if c.RecordedBy != "" && c.RecordedBy != "patient" {
		src += " · recorded by " + c.RecordedBy
	}
	v := consentView{known: true, optedIn: c.OptedIn, recorded: c.Recorded, source: policy.SanitizeLine(src),
		version: policy.SanitizeLine(c.TextVersion), at: c.At, allowed: policy.SanitizeLine(c.Allowed)}
	if c.FlaggedOptOut != nil {
		v.flagged, v.flagAt = true, c.FlaggedOptOut.At
	}
	v.phiPref = policy.SanitizeLine(c.PHIPreference)
	return v
}

// outboundVia names how an outbound message was made, from its macro id:
// the server's own consent texts are "automatic", templates are
// "template", anything else a quick reply.
func outboundVia(macroID string) string {
	switch {
	case strings.HasPrefix(macroID, "consent:"):
		return "automatic"
	case strings.HasPrefix(macroID, "template:"):
		return "template"
	case strings.HasPrefix(macroID, "safety:"):
		return "automatic safety reply"
	}
	return "quick reply"
}

// consentAction is what the consent key offers on the open thread.
type consentAction int

const (
	consentNothing    consentAction = iota
	consentRecordIn                 // not opted in: record a verbal or paper opt-in
	consentDecideFlag               // a plain-language request to stop awaits a person
	consentPHIRequest               // record a request for health details by WhatsApp
)

// consentPrompt is the open consent question for one thread.
type consentPrompt struct {
	threadID string
	action   consentAction
	flagID   int64
	version  string
}

func (m *Model) consentAction() consentAction {
	if m.pane.view == nil {
		return consentNothing
	}
	c := m.pane.view.consent
	switch {
	case !c.known:
		return consentNothing
	case c.flagged:
		return consentDecideFlag
	case !c.optedIn:
		return consentRecordIn
	}
	return consentNothing
}

// syncConsentKeys fits the consent prompt's keys to its question, so its
// help line offers only the answers it takes: an opt-in is verbal or on
// paper, a flagged request to stop is confirmed or dismissed, a request
// for details by WhatsApp is a yes.
func (m *Model) syncConsentKeys() {
	k := &m.keys
	act := consentNothing
	if m.consentAsk != nil {
		act = m.consentAsk.action
	}
	switch act {
	case consentRecordIn:
		k.ConsentYes.SetHelp("y", "verbal opt-in")
	case consentDecideFlag:
		k.ConsentYes.SetHelp("y", "yes, opt them out")
	default:
		k.ConsentYes.SetHelp("y", "yes")
	}
	k.ConsentPaper.SetEnabled(act == consentRecordIn)
	k.ConsentDismiss.SetEnabled(act == consentDecideFlag)
}

// openConsentPrompt asks what to record for the open thread.
func (m *Model) openConsentPrompt() {
	act := m.consentAction()
	if act == consentNothing {
		return
	}
	m.consentAsk = &consentPrompt{threadID: m.pane.id, action: act, flagID: m.pane.view.consentFlag, version: m.pane.view.consentOffer}
	m.resize()
}

func (m *Model) consentKey(act action) tea.Cmd {
	p := m.consentAsk
	var req api.ConsentRequest
	switch {
	case act == actCancel:
		m.consentAsk = nil
		m.resize()
		return nil
	case p.action == consentRecordIn && act == actConfirm:
		req = api.ConsentRequest{Action: api.ConsentActionOptIn, Channel: api.ConsentByFrontDeskVerbal, TextVersion: p.version}
	case p.action == consentRecordIn && act == actConsentPaper:
		req = api.ConsentRequest{Action: api.ConsentActionOptIn, Channel: api.ConsentByFrontDeskPaper, TextVersion: p.version}
	case p.action == consentDecideFlag && act == actConfirm:
		req = api.ConsentRequest{Action: api.ConsentActionConfirmOptOut, FlagID: p.flagID}
	case p.action == consentDecideFlag && act == actConsentDismiss:
		req = api.ConsentRequest{Action: api.ConsentActionDismissOptOut, FlagID: p.flagID}
	case p.action == consentPHIRequest && act == actConfirm:
		m.consentAsk = nil
		m.resize()
		return phiRequestCmd(m.ctx, m.backend, m.session, p.threadID)
	default:
		return nil
	}
	m.consentAsk = nil
	m.resize()
	return consentCmd(m.ctx, m.backend, m.session, p.threadID, req)
}

// consentResultMsg is the server's answer to a consent request.
type consentResultMsg struct {
	session  int
	threadID string
	action   string
	resp     api.ConsentResponse
	err      error
}

func consentCmd(ctx context.Context, b Backend, session int, threadID string, req api.ConsentRequest) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		resp, err := b.Consent(ctx, threadID, req)
		return consentResultMsg{session: session, threadID: threadID, action: req.Action, resp: resp, err: err}
	}
}

func (m *Model) onConsent(msg consentResultMsg) tea.Cmd {
	if msg.session != m.session {
		return nil
	}
	if msg.err != nil {
		return m.handleErr("Consent not recorded", msg.err)
	}
	text := map[string]string{
		api.ConsentActionOptIn:         "Opt-in recorded under your name",
		api.ConsentActionConfirmOptOut: "Opt-out recorded under your name",
		api.ConsentActionDismissOptOut: "Dismissed: the patient stays opted in",
		phiRequestAction:               "Request recorded; the advisory was sent. The details still go through the portal",
	}[msg.action]
	if msg.resp.ConfirmationSent {
		text += "; the patient was sent the confirmation"
	}
	cmds := []tea.Cmd{m.showToast(toastInfo, policy.Trusted(text)), m.list.fetch()}
	if msg.threadID == m.pane.id {
		cmds = append(cmds, m.pane.fetch())
	}
	return tea.Batch(cmds...)
}

// consentPromptView is the consent question in the footer.
func (m *Model) consentPromptView() []string {
	t := m.theme
	p := m.consentAsk
	key := func(k, d string) string { return t.HelpKey.Render(k) + t.HelpDesc.Render(" "+d+"  ") }
	if p.action == consentPHIRequest {
		return []string{t.Escalated.Render("Record that the patient asked for health details by WhatsApp, and send them the advisory?") + " " +
			key("y", "yes") + key("esc", "cancel")}
	}
	if p.action == consentDecideFlag {
		return []string{t.Escalated.Render("Did the patient ask to stop WhatsApp messages?") + " " +
			key("y", "yes, opt them out") + key("d", "no, dismiss") + key("esc", "cancel")}
	}
	return []string{t.Escalated.Render("Record the patient's opt-in (they heard or signed "+p.version+")?") + " " +
		key("y", "verbal") + key("p", "paper form") + key("esc", "cancel")}
}

// patientClockLine is the patient's local time, the quiet hours and how
// many messages they received in the cap's window:
// "Patient's time 14:05 (America/New_York) · quiet 21:00–08:00 · 3 of 10 sent in 24h".
func patientClockLine(c api.PatientClock, now time.Time) string {
	local := now.UTC().Add(time.Duration(c.ZoneOffsetSeconds) * time.Second).Format("15:04")
	zone := c.Zone
	if zone == "" {
		zone = "clinic's zone"
	}
	if c.SeveralZones && c.ZoneOffsetSeconds == c.MaxZoneOffsetSeconds {
		// Several zones that keep the same time now (the United
		// Kingdom's): one time, not a span from a time to itself.
		zone = "every zone of the number"
	} else if c.SeveralZones {
		// The number does not say which zone: show the span, west to east.
		local += "–" + now.UTC().Add(time.Duration(c.MaxZoneOffsetSeconds)*time.Second).Format("15:04")
		zone = "the number spans several zones"
	}
	line := "Patient's time " + local + " (" + zone + ") · quiet " + twoDigit(c.QuietStart) + ":00–" + twoDigit(c.QuietEnd) + ":00"
	line += " · " + strconv.Itoa(c.SentInWindow) + " of " + strconv.Itoa(c.Cap) + " sent in 24h"
	return line
}

func twoDigit(h int) string {
	if h < 10 {
		return "0" + strconv.Itoa(h)
	}
	return strconv.Itoa(h)
}

func secondsOf(n int) time.Duration { return time.Duration(n) * time.Second }

// phiRequestAction marks a consentResultMsg that answered a request for
// health details by WhatsApp.
const phiRequestAction = "phi_request"

func phiRequestCmd(ctx context.Context, b Backend, session int, threadID string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		err := b.PHIPreference(ctx, threadID)
		return consentResultMsg{session: session, threadID: threadID, action: phiRequestAction, err: err}
	}
}
