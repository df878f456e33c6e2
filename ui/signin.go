package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/clinicwa/triage/policy"
)

// signInForm is the sign-in screen: username, password and one-time
// code. It sends nothing itself: a submit goes to the root as a
// signInMsg, which numbers the attempt (an answer to an earlier attempt,
// or one for a form since replaced, is dropped) and sends it.
type signInForm struct {
	helpKeys // the keys of ctxLogin
	theme    Theme
	server   policy.SafeText // the central endpoint, in the title

	inputs [3]textinput.Model // username, password, one-time code
	focus  int
	err    policy.SafeText
	notice string // why the user is here again ("Signed out after …")
	busy   bool

	width, height int
}

// signInMsg carries a submitted sign-in to the root. It holds the
// password only on its way to the command that sends it.
type signInMsg struct{ username, password, code string }

func newSignInForm(t Theme, keys KeyMap, server policy.SafeText) *signInForm {
	f := &signInForm{helpKeys: keys.bindings(ctxLogin), theme: t, server: server}
	for i := range f.inputs {
		in := textinput.New()
		in.Prompt = ""
		in.CharLimit = 128
		f.inputs[i] = in
	}
	f.inputs[0].Placeholder = "username"
	f.inputs[1].EchoMode = textinput.EchoNone // not even the length shows
	f.inputs[2].Placeholder = "6-digit code, or a recovery code"
	f.inputs[2].CharLimit = 24 // a recovery code with its dashes and spaces
	f.inputs[0].Focus()
	return f
}

// SetSize gives the form the room between the header and the footer.
func (f *signInForm) SetSize(w, h int) { f.width, f.height = w, h }

// Update takes a key (unbound keys go to the focused field) or a cursor
// blink.
func (f *signInForm) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return f.forward(msg)
	}
	switch f.resolve(km) {
	case actQuit:
		return emit(quitMsg{})
	case actNextField:
		return f.step(1)
	case actPrevField:
		return f.step(len(f.inputs) - 1)
	case actSubmit:
		return f.submit()
	}
	return f.forward(msg)
}

func (f *signInForm) forward(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	return cmd
}

func (f *signInForm) step(by int) tea.Cmd {
	f.inputs[f.focus].Blur()
	f.focus = (f.focus + by) % len(f.inputs)
	return f.inputs[f.focus].Focus()
}

func (f *signInForm) submit() tea.Cmd {
	if f.busy {
		return nil
	}
	user := strings.TrimSpace(f.inputs[0].Value())
	pass := f.inputs[1].Value()
	code := strings.TrimSpace(f.inputs[2].Value())
	if user == "" || pass == "" {
		f.err = policy.Trusted("Enter your username and password.")
		return nil
	}
	// The password leaves the form now: only the message holds it.
	f.inputs[1].SetValue("")
	f.inputs[2].SetValue("")
	f.err, f.notice, f.busy = policy.SafeText{}, "", true
	return emit(signInMsg{username: user, password: pass, code: code})
}

// View draws the form centred in its room.
func (f *signInForm) View() string {
	t := f.theme
	w := min(f.width-4, 60)
	var b strings.Builder
	title := "Sign in"
	if !f.server.IsEmpty() {
		title += plain(policy.Trusted(" to "), f.server)
	}
	b.WriteString(t.Title.Render(title) + "\n")
	if f.notice != "" {
		b.WriteString(t.Warning.Render(f.notice) + "\n")
	}
	b.WriteString("\n")
	labels := [3]string{"Username", "Password", "Code"}
	for i, in := range f.inputs {
		label := "  " + fit(labels[i], 10)
		if i == f.focus {
			label = "› " + t.Focused.Render(labels[i]) + strings.Repeat(" ", 10-len(labels[i]))
		}
		field := in.View()
		if i == 1 {
			// EchoNone draws nothing; say what the field is for instead.
			field = t.Faint.Render("(hidden while you type)")
			if i == f.focus {
				field = in.View() + t.Faint.Render("(hidden while you type)")
			}
		}
		b.WriteString(label + "  " + fit(field, w-14) + "\n")
	}
	b.WriteString("\n")
	switch {
	case f.busy:
		b.WriteString(t.Faint.Render("Signing in…") + "\n")
	case !f.err.IsEmpty():
		b.WriteString(t.Error.Render("✗ ") + safe(t.Error, f.err) + "\n")
	default:
		b.WriteString("\n")
	}
	form := lipgloss.NewStyle().Width(w).Render(b.String())
	body := lipgloss.Place(f.width, f.height, lipgloss.Center, lipgloss.Center, form)
	return box(body, f.width, f.height)
}
