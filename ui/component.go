package ui

import (
	"context"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
)

// component is one pane, form or screen of the console (see doc.go for
// the tree). The root Model owns the layout, the focus, quitting, the
// session and the status line; it gives a component its size, the
// messages meant for it and, while it has the focus, the keys. Its help
// bindings are what the root's help bar shows while it has the focus.
//
// A component does no I/O in Update: it returns tea.Cmds, and it asks
// the root for what only the root may do (close it, quit, sign out) by
// the messages below.
type component interface {
	help.KeyMap
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
}

// session is what a component needs to call the backend for the session
// it was opened in: a component lives no longer than its session (the
// root drops it at sign-out), and every answer it asks for carries the
// session's number so a late one is dropped.
type session struct {
	ctx     context.Context
	backend Backend
	id      int
}

// closeScreenMsg asks the root to close the screen that sent it (and
// no other, should it arrive after that one is gone).
type closeScreenMsg struct{ screen component }

// quitMsg asks the root to quit (it writes the pending draft first).
type quitMsg struct{}

// signOutMsg asks the root to end the session, with the notice the
// sign-in screen shows.
type signOutMsg struct{ notice string }

// emit is a command that delivers msg to the root.
func emit(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }
