package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// urgentAlertText is the alert nurses and supervisors see when a patient
// message suggests an emergency. It names no patient: the inbox row,
// marked [URGENT] at the top, is where they go.
const urgentAlertText = "URGENT: possible emergency. Safety reply sent; the thread heads the inbox."

// urgentAlert answers an urgent event: everyone's inbox is fetched again
// (the thread moves to the top), and the roles that act on emergencies
// get the alert in the footer.
func (m *Model) urgentAlert(ev api.Event) tea.Cmd {
	cmds := []tea.Cmd{m.list.fetch()}
	if ev.ThreadID == m.pane.id {
		cmds = append(cmds, m.pane.fetch())
	}
	if alertsUrgent(m.user.Role) {
		cmds = append(cmds, m.showToast(toastError, policy.Trusted(urgentAlertText)))
	}
	return tea.Batch(cmds...)
}

// alertsUrgent reports whether role is alerted to urgent messages.
func alertsUrgent(role api.Role) bool {
	return role == api.RoleNurse || role == api.RoleSupervisor
}
