package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// The first sign-in of an account without an authenticator: the
// enrolment form (QR code, the secret as text, the first code), then the
// recovery codes, shown once. Both are components; the root gives them
// the room between the header and the footer.

// enrolForm is the enrolment screen.
type enrolForm struct {
	helpKeys // the keys of ctxEnrol
	theme    Theme
	backend  Backend

	token   string // proves the password step; sent back with the code
	qr      policy.SafeText
	secret  policy.SafeText // grouped in fours for reading
	input   textinput.Model
	err     policy.SafeText
	busy    bool
	attempt int

	width, height int
	// chromeH is the height the header and footer take around the
	// form's room (the root sets it with the size), so the QR code's
	// message can name the whole window it needs.
	chromeH int
}

// enrolCancelMsg asks the root to go back to the sign-in form.
type enrolCancelMsg struct{}

func newEnrolForm(t Theme, keys KeyMap, b Backend, e *api.EnrolmentRequiredError) *enrolForm {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = "6-digit code from the app"
	in.CharLimit = 10
	var groups []string
	sec := e.Enrolment.Secret
	for len(sec) > 4 {
		groups = append(groups, sec[:4])
		sec = sec[4:]
	}
	groups = append(groups, sec)
	return &enrolForm{
		helpKeys: keys.bindings(ctxEnrol),
		theme:    t,
		backend:  b,
		token:    e.Enrolment.Token,
		qr:       policy.Sanitize(e.QR),
		secret:   policy.SanitizeLine(strings.Join(groups, " ")),
		input:    in,
	}
}

func (f *enrolForm) SetSize(w, h int) { f.width, f.height = w, h }

// Update takes a key (unbound keys go to the code field) or a cursor
// blink.
func (f *enrolForm) Update(msg tea.Msg) tea.Cmd {
	if km, ok := msg.(tea.KeyMsg); ok {
		switch f.resolve(km) {
		case actQuit:
			return emit(quitMsg{})
		case actCancel:
			return emit(enrolCancelMsg{})
		case actSubmit:
			return f.submit()
		}
	}
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	return cmd
}

func (f *enrolForm) submit() tea.Cmd {
	code := strings.Join(strings.Fields(f.input.Value()), "")
	if f.busy {
		return nil
	}
	if len(code) != 6 {
		f.input.SetValue("")
		f.err = policy.Trusted("Type the 6-digit code your app shows for this account.")
		return nil
	}
	f.input.SetValue("")
	f.err, f.busy = policy.SafeText{}, true
	f.attempt++
	return enrolCmd(f.backend, f.attempt, f.token, code)
}

func (f *enrolForm) View() string {
	t := f.theme
	// Wide, so the words take few lines and the QR code fits in 40 rows.
	w := min(f.width-4, 96)
	head := t.Title.Render("Set up your authenticator app") + "\n" +
		ansi.Wrap("Your account needs a second factor. Scan the code with your authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, Aegis…) or type the key into it, then enter the 6-digit code it shows.", w, "") + "\n"
	tail := t.Faint.Render("Key: ") + safe(t.Focused, f.secret) + "\n" +
		"› " + t.Focused.Render("Code") + "  " + fit(f.input.View(), max(w-8, 10)) + "\n"
	switch {
	case f.busy:
		tail += t.Faint.Render("Checking…")
	case !f.err.IsEmpty():
		tail += t.Error.Render("✗ ") + safe(t.Error, f.err)
	}
	qr := strings.TrimRight(plain(f.qr), "\n")
	if qr != "" {
		qrW, qrH := lipgloss.Width(qr), lipgloss.Height(qr)
		// The room excludes the header line and the footer; the message
		// names the whole window the code needs.
		if need := qrH + lipgloss.Height(head+tail); qrW <= f.width && need <= f.height {
			head += qr + "\n"
		} else {
			need += f.chromeH
			head += t.Warning.Render(ansi.Wrap("The QR code needs a window of at least "+strconv.Itoa(max(qrW, minWidth))+"×"+strconv.Itoa(need)+"; enlarge it, or type the key by hand.", w, "")) + "\n\n"
		}
	}
	return centred(head+tail, w, f.width, f.height)
}

// recoveryCodes is the screen after enrolment. The codes live only here
// and only until the user presses enter.
type recoveryCodes struct {
	helpKeys // the keys of ctxRecovery
	theme    Theme
	codes    []policy.SafeText
	login    api.LoginResponse

	width, height int
}

// recoveryDoneMsg says the user has saved the codes: the session opens.
type recoveryDoneMsg struct{ login api.LoginResponse }

func newRecoveryCodes(t Theme, keys KeyMap, resp api.TOTPEnrolResponse) *recoveryCodes {
	rc := &recoveryCodes{helpKeys: keys.bindings(ctxRecovery), theme: t, login: resp.Login}
	for _, c := range resp.RecoveryCodes {
		rc.codes = append(rc.codes, policy.SanitizeLine(c))
	}
	return rc
}

func (r *recoveryCodes) SetSize(w, h int) { r.width, r.height = w, h }

func (r *recoveryCodes) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch r.resolve(km) {
	case actQuit:
		return emit(quitMsg{})
	case actContinue:
		return emit(recoveryDoneMsg{login: r.login})
	}
	return nil
}

func (r *recoveryCodes) View() string {
	t := r.theme
	w := min(r.width-4, 72)
	var b strings.Builder
	b.WriteString(t.StatusOK.Render("✓ ") + t.Title.Render("Authenticator set up. Save your recovery codes") + "\n")
	b.WriteString(ansi.Wrap("If you lose your phone, each code signs you in once, typed into the Code field. They are shown only now: write them down or keep them in a password manager, not on this computer.", w, "") + "\n\n")
	codes := r.codes
	for i := 0; i < len(codes); i += 2 {
		line := "  " + fitSafe(policy.Concat(policy.Trusted(strconv.Itoa(i+1)+". "), codes[i]), 28)
		if i+1 < len(codes) {
			line += plain(policy.Trusted(strconv.Itoa(i+2)+". "), codes[i+1])
		}
		b.WriteString(line + "\n")
	}
	return centred(b.String(), w, r.width, r.height)
}

// centred places a form of width w in the middle of a w×h room.
func centred(form string, w, roomW, roomH int) string {
	form = lipgloss.NewStyle().Width(w).Render(form)
	return box(lipgloss.Place(roomW, roomH, lipgloss.Center, lipgloss.Center, form), roomW, roomH)
}
