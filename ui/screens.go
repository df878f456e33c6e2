package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// The full screens opened over the inbox and thread (vendor register,
// incidents, audit trail, program metrics) are components: while one is
// open it has the keys and the body of the screen, and the root keeps
// only the header (and, for some, the status line and help).

// sess is the session a component opened now calls the backend in.
func (m *Model) sess() session { return session{ctx: m.ctx, backend: m.backend, id: m.session} }

// activeScreen is the open screen over the inbox and thread, or nil.
func (m *Model) activeScreen() component {
	if m.screen != screenMain {
		return nil
	}
	switch {
	case m.vendors != nil:
		return m.vendors
	case m.incidents != nil:
		return m.incidents
	case m.audit != nil:
		return auditScreen{m}
	case m.metrics != nil:
		return m.metrics
	}
	return nil
}

// closeScreen closes s if it is still the open screen.
func (m *Model) closeScreen(s component) {
	switch {
	case m.vendors != nil && s == component(m.vendors):
		m.vendors = nil
	case m.incidents != nil && s == component(m.incidents):
		m.incidents = nil
	case m.audit != nil && s == component(auditScreen{m}):
		m.audit = nil
	case m.metrics != nil && s == component(m.metrics):
		m.metrics = nil
	default:
		return
	}
	m.resize()
}

// screenView draws the open screen under the header; the screens that
// draw no help of their own get the status line and help bar under them.
func (m *Model) screenView(s component) string {
	switch s.(type) {
	case *vendorPanel, *incidentScreen:
		return m.headerView() + "\n" + s.View()
	}
	return m.headerView() + "\n" + s.View() + "\n" + m.footerView()
}

// auditScreen fits the audit view (audit_view.go), whose state the Model
// holds in m.audit, to the component interface: keys, view and help go
// through the Model's audit functions.
type auditScreen struct{ m *Model }

func (a auditScreen) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	act := a.m.keys.resolve(ctxAudit, km)
	if act == actQuit {
		return emit(quitMsg{})
	}
	return a.m.auditKey(act, km)
}

func (a auditScreen) View() string     { return a.m.auditBodyView() }
func (a auditScreen) SetSize(int, int) {} // the audit view reads the root's size
func (a auditScreen) ShortHelp() []key.Binding {
	return helpKeys(a.m.keys.bindings(ctxAudit)).ShortHelp()
}
func (a auditScreen) FullHelp() [][]key.Binding {
	return helpKeys(a.m.keys.bindings(ctxAudit)).FullHelp()
}
