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
		return auditPane{m}
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
	case m.audit != nil && s == component(auditPane{m}):
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
	case *vendorPanel, *incidentScreen, auditPane:
		return m.headerView() + "\n" + s.View()
	}
	return m.headerView() + "\n" + s.View() + "\n" + m.footerView()
}

// auditPane fits the audit review (audit_view.go), whose state the Model
// holds in m.audit, to the component interface: its keys go through the
// Model's auditKey (which needs the backend and session), the rest to the
// review itself.
type auditPane struct{ m *Model }

func (a auditPane) Update(msg tea.Msg) tea.Cmd {
	if km, ok := msg.(tea.KeyMsg); ok {
		return a.m.auditKey(km)
	}
	return a.m.audit.Forward(msg)
}

func (a auditPane) View() string              { return a.m.audit.View() }
func (a auditPane) SetSize(w, h int)          { a.m.audit.SetSize(w, h) }
func (a auditPane) ShortHelp() []key.Binding  { return a.m.audit.ShortHelp() }
func (a auditPane) FullHelp() [][]key.Binding { return a.m.audit.FullHelp() }
