package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/policy"
)

// incidentBackend is the backend's incident half, or nil.
func (m *Model) incidentBackend() IncidentBackend {
	b, _ := m.backend.(IncidentBackend)
	return b
}

// openIncidentReport opens the report form for the thread in view (and
// the message selected in it, when there is one).
func (m *Model) openIncidentReport() tea.Cmd {
	role := policy.Role(m.user.Role)
	if !policy.Can(role, policy.ActionOpenIncident) {
		return m.showToast(toastError, policy.SanitizeLine(policy.Why(role, policy.ActionOpenIncident)))
	}
	id := m.pane.id
	if id == "" && m.list.cursor < len(m.list.rows) {
		id = m.list.rows[m.list.cursor].id
	}
	if id == "" || m.incidentBackend() == nil {
		return m.showToast(toastError, policy.Trusted("Open a thread first: an incident is reported from the thread it is about."))
	}
	msgID := ""
	if id == m.pane.id {
		msgID = m.pane.sel
	}
	m.incidents = newIncidentReport(m.theme, m.keys.ForceQuit, m.incidentBackend(), m.sess(), id, msgID)
	m.resize()
	return nil
}

// openIncidentRegister opens the supervisor's incident register.
func (m *Model) openIncidentRegister() tea.Cmd {
	role := policy.Role(m.user.Role)
	if !policy.Can(role, policy.ActionViewIncidents) {
		return m.showToast(toastError, policy.SanitizeLine(policy.Why(role, policy.ActionViewIncidents)))
	}
	b := m.incidentBackend()
	if b == nil || m.ctx == nil {
		return nil
	}
	m.incidents = newIncidentRegister(m.theme, m.keys.ForceQuit, b, m.sess())
	m.resize()
	return incidentListCmd(m.ctx, b, m.session)
}

// onIncident takes the server's answer for the incident screen.
func (m *Model) onIncident(msg incidentMsg) tea.Cmd {
	if msg.session != m.session || m.incidents == nil {
		return nil
	}
	if msg.err != nil && isUnauthorized(msg.err) {
		return m.signOut("Your session ended. Please sign in again.")
	}
	if msg.opened {
		m.incidents = nil
		return m.showToast(toastInfo, policy.Trusted("Incident reported; a supervisor will work it."))
	}
	return m.incidents.Update(msg)
}

// syncIncidentKeys enables the incident keys for the roles and backends
// that have them, which keeps the help bar honest.
func (m *Model) syncIncidentKeys() {
	role := policy.Role(m.user.Role)
	has := m.incidentBackend() != nil && m.screen == screenMain
	m.keys.Incident.SetEnabled(has && policy.Can(role, policy.ActionOpenIncident) && (m.pane.id != "" || len(m.list.rows) > 0))
	// Enabled for every role: a role without the register is told why
	// rather than met with silence.
	m.keys.Incidents.SetEnabled(has)
}
