package ui

import (
	"context"
	"sort"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// windowClosed says the open thread's 24-hour window is closed: only an
// approved template can reach the patient.
func (m *Model) windowClosed() bool {
	if m.pane.view == nil {
		return false
	}
	u := m.pane.view.row.windowUntil
	return u.IsZero() || !u.After(m.nowAt)
}

type templatesMsg struct {
	session  int
	threadID string
	list     []api.TemplateInfo
	err      error
}

func templatesCmd(ctx context.Context, b Backend, session int, threadID string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		list, err := b.Templates(ctx)
		return templatesMsg{session: session, threadID: threadID, list: list, err: err}
	}
}

// onTemplates opens the template picker with what can be sent: approved,
// within review, and with every variable filled by the server; the
// patient's language first.
func (m *Model) onTemplates(msg templatesMsg) tea.Cmd {
	if msg.session != m.session || msg.threadID != m.pane.id {
		return nil
	}
	if msg.err != nil {
		return m.handleErr("Templates not loaded", msg.err)
	}
	var ok []api.TemplateInfo
	for _, t := range msg.list {
		if t.Sendable && serverFillsAll(t) {
			ok = append(ok, t)
		}
	}
	if len(ok) == 0 {
		return m.showToast(toastError, policy.Trusted("The 24-hour window is closed and no approved template can be sent now."))
	}
	lang := m.patientLanguage()
	sort.SliceStable(ok, func(i, j int) bool { return ok[i].Language == lang && ok[j].Language != lang })
	m.picker = newMacroPicker(m.theme, m.keys, msg.threadID, nil, ok)
	m.resize()
	return nil
}

// serverFillsAll says every variable of t is one the server fills.
func serverFillsAll(t api.TemplateInfo) bool {
	for _, k := range t.Variables {
		if !policy.ServerFilled(k) {
			return false
		}
	}
	return true
}

// patientLanguage is the language of the consent wording the patient saw
// ("es" when it was the Spanish explanation), English otherwise.
func (m *Model) patientLanguage() string {
	if m.pane.view != nil && strings.Contains(m.pane.view.consentOffer, "-es-") {
		return "es"
	}
	return "en"
}

func (m *Model) sendTemplate(threadID string, t api.TemplateInfo) tea.Cmd {
	if threadID == "" || m.ctx == nil {
		return nil
	}
	m.composer.busy = true
	req := api.SendRequest{IdempotencyKey: m.newKey(), Template: t.Name, TemplateLanguage: t.Language,
		TemplateValues: make([]string, len(t.Variables))}
	return sendCmd(m.ctx, m.backend, m.session, threadID, req)
}

type macrosMsg struct {
	session int
	list    []assets.Macro
	err     error
}

// macrosCmd fetches the quick replies the server sends, so the picker
// shows the clinic's own wording.
func macrosCmd(ctx context.Context, b Backend, session int) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		list, err := b.Macros(ctx)
		return macrosMsg{session: session, list: list, err: err}
	}
}

// onMacros keeps the server's quick replies; on failure the shipped ones
// stay, and a send of one the server lacks is refused there.
func (m *Model) onMacros(msg macrosMsg) {
	if msg.session != m.session || msg.err != nil || len(msg.list) == 0 {
		return
	}
	m.macros = msg.list
}

// macrosForPatient are the quick replies the role may send, the patient's
// language first.
func (m *Model) macrosForPatient() []assets.Macro {
	items := m.allowedMacros()
	lang := m.patientLanguage()
	sort.SliceStable(items, func(i, j int) bool { return items[i].Lang == lang && items[j].Lang != lang })
	return items
}
