package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/policy"
)

// The keys of the inbox and the thread act across panes (the row under
// the inbox cursor, the open thread, the composer's refusal), so the root
// handles them: one small function per action.
var screenActions = map[action]func(*Model, action) tea.Cmd{
	actHelp:       (*Model).toggleHelp,
	actLogout:     func(m *Model, _ action) tea.Cmd { return m.signOut("Signed out.") },
	actRefresh:    func(m *Model, _ action) tea.Cmd { return tea.Batch(m.list.fetch(), m.pane.fetch()) },
	actSwitchPane: (*Model).switchPane,
	actOpen:       (*Model).openSelected,
	actBack:       (*Model).backToInbox,
	actReveal:     func(m *Model, _ action) tea.Cmd { return m.askReveal() },
	actAudit:      func(m *Model, _ action) tea.Cmd { return m.openAudit() },
	actVendors:    func(m *Model, _ action) tea.Cmd { return m.openVendors() },
	actMetrics:    func(m *Model, _ action) tea.Cmd { return m.openMetrics() },
	actIncident:   func(m *Model, _ action) tea.Cmd { return m.openIncidentReport() },
	actIncidents:  func(m *Model, _ action) tea.Cmd { return m.openIncidentRegister() },
	actPrevMsg:    (*Model).selectMessage,
	actNextMsg:    (*Model).selectMessage,
	actReply:      (*Model).startReply,
	actMacros:     (*Model).openPicker,
	actHandoff:    (*Model).askHandoff,
	actConsent:    func(m *Model, _ action) tea.Cmd { m.openConsentPrompt(); return nil },
	actPHIAsk:     (*Model).askPHIRequest,
	actResend:     (*Model).resendRefused,
	actSchedule:   (*Model).scheduleRefused,
	actPortalLink: (*Model).sendPortalInstead,
	actUp:         (*Model).move,
	actDown:       (*Model).move,
	actPageUp:     (*Model).move,
	actPageDown:   (*Model).move,
	actTop:        (*Model).move,
	actBottom:     (*Model).move,
}

func (m *Model) toggleHelp(action) tea.Cmd {
	m.help.ShowAll = !m.help.ShowAll
	m.resize()
	return nil
}

func (m *Model) switchPane(action) tea.Cmd {
	if m.focus == focusList && m.pane.id != "" {
		m.focus = focusThread
	} else {
		m.focus = focusList
	}
	return nil
}

func (m *Model) openSelected(action) tea.Cmd {
	if m.list.cursor < len(m.list.rows) {
		m.focus = focusThread
		return m.openThread(m.list.rows[m.list.cursor].id)
	}
	return nil
}

func (m *Model) backToInbox(action) tea.Cmd {
	m.focus = focusList
	// Leaving the thread hides revealed text at once.
	if m.pane.revealed != nil {
		m.dropReveal()
		m.resize()
	}
	return nil
}

func (m *Model) selectMessage(act action) tea.Cmd {
	m.moveSelection(act)
	return nil
}

func (m *Model) startReply(action) tea.Cmd {
	cmd := m.ensureOpen()
	if m.pane.id == "" {
		return cmd
	}
	m.focus = focusComposer
	m.composer.active = true
	m.composer.refusal = nil
	m.resize()
	return tea.Batch(cmd, m.composer.ta.Focus())
}

// openPicker offers the quick replies, or the approved templates when
// the patient's 24-hour window is closed.
func (m *Model) openPicker(action) tea.Cmd {
	cmd := m.ensureOpen()
	if m.pane.id == "" {
		return cmd
	}
	if m.windowClosed() {
		return tea.Batch(cmd, templatesCmd(m.ctx, m.backend, m.session, m.pane.id))
	}
	items := m.macrosForPatient()
	if len(items) == 0 {
		return m.showToast(toastError, policy.Trusted("No quick replies are available for your role."))
	}
	m.picker = newMacroPicker(m.theme, m.keys, m.pane.id, items, nil)
	m.resize()
	return cmd
}

func (m *Model) askHandoff(action) tea.Cmd {
	if id := m.handoffTarget(); id != "" {
		m.confirm = &confirmPrompt{threadID: id, label: m.labelOf(id)}
		m.resize()
	}
	return nil
}

func (m *Model) askPHIRequest(action) tea.Cmd {
	if m.pane.view != nil && m.pane.id != "" {
		m.consentAsk = &consentPrompt{threadID: m.pane.id, action: consentPHIRequest}
		m.resize()
	}
	return nil
}

// resendRefused sends again a portal link refused as a repeat, once the
// user confirms.
func (m *Model) resendRefused(action) tea.Cmd {
	if !m.resendOffered() {
		return nil
	}
	r := m.composer.refusal
	req := r.request
	req.ConfirmRepeat = true
	m.composer.busy = true
	return sendCmd(m.ctx, m.backend, m.session, r.threadID, req)
}

// scheduleRefused sends a reply refused for quiet hours at the patient's
// next allowed minute.
func (m *Model) scheduleRefused(action) tea.Cmd {
	if !m.scheduleOffered() {
		return nil
	}
	r := m.composer.refusal
	return scheduleCmd(m.ctx, m.backend, m.session, r.threadID, r.request)
}

// sendPortalInstead sends the secure-portal link in place of a reply
// refused for holding health details.
func (m *Model) sendPortalInstead(action) tea.Cmd {
	if !m.portalOffered() {
		return nil
	}
	return m.sendMacro(m.composer.refusal.threadID, portalMacroID)
}

// move scrolls the thread when it has the keys, else moves the inbox
// cursor.
func (m *Model) move(act action) tea.Cmd {
	if m.focus == focusThread {
		m.pane.scroll(act)
		return nil
	}
	return m.list.move(act)
}
