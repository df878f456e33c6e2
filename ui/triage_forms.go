package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// The small forms of the triage workflow open in the thread pane: the
// note for a hand-off to the nurses, the reason for an escalation, the
// colleague to assign a thread to, the outcome to close it with, the
// supervisor's choices on an escalation, the search and the filters.
// While one is open it has the keys; enter does what it says, esc leaves
// it. A refusal from the server shows under the form and keeps what was
// typed, so a note is never lost to a rule.

type formKind int

const (
	formHandoff    formKind = iota // a short note for the nurses (optional)
	formEscalate                   // why a supervisor is needed (required)
	formAssign                     // the colleague's username
	formOutcome                    // how the thread was settled
	formEscalation                 // a supervisor's choices on an escalation
	formSearch                     // words in the masked text
	formFilters                    // owner, state mark, language, waiting over
)

// formChoice is one line of a choosing form.
type formChoice struct {
	label string
	value string
}

// triageForm is the open form. It is a component: the root gives it the
// keys while it is open, its size, and draws it in the thread pane.
type triageForm struct {
	theme    Theme
	keys     *KeyMap // the root's keymap, as enabled now (ctxForm)
	kind     formKind
	threadID string
	label    policy.SafeText // the thread's patient label
	title    string
	input    textinput.Model
	choices  []formChoice
	cursor   int
	hint     string          // program text under the input
	err      policy.SafeText // the last refusal, shown until the next try
	busy     bool
	width    int
	height   int

	// The filters form: one text field for the owner, one for the wait,
	// and the mark and language picked from their lists.
	field   int
	owner   textinput.Model
	waiting textinput.Model
	mark    int // index into filterMarks
	lang    int // index into filterLangs
}

var (
	filterMarks = append([]string{""}, api.Marks...)
	filterLangs = []string{"", "en", "es"}
)

// filter fields, in the order tab visits them.
const (
	fieldOwner = iota
	fieldMark
	fieldLang
	fieldWaiting
	fieldCount
)

func newFormInput(placeholder string, limit int) textinput.Model {
	in := textinput.New()
	in.Prompt = "> "
	in.Placeholder = placeholder
	in.CharLimit = limit
	return in
}

func newTextForm(th Theme, keys *KeyMap, kind formKind, threadID string, label policy.SafeText, title, placeholder string, limit int) *triageForm {
	f := &triageForm{theme: th, keys: keys, kind: kind, threadID: threadID, label: label, title: title}
	f.input = newFormInput(placeholder, limit)
	f.input.Focus()
	return f
}

func newChoiceForm(th Theme, keys *KeyMap, kind formKind, threadID string, label policy.SafeText, title string, choices []formChoice) *triageForm {
	return &triageForm{theme: th, keys: keys, kind: kind, threadID: threadID, label: label, title: title, choices: choices}
}

// outcomeChoices are the close outcomes, in the words the console shows.
func outcomeChoices() []formChoice {
	var out []formChoice
	for _, o := range policy.Outcomes() {
		out = append(out, formChoice{label: strings.ReplaceAll(string(o), "_", " "), value: string(o)})
	}
	return out
}

// escalationChoices are what a supervisor can do with an escalation.
func escalationChoices() []formChoice {
	return []formChoice{
		{"Reassign to a colleague", string(policy.ActAssign)},
		{"Take it over (make it mine)", string(policy.ActTakeOver)},
		{"Return to the front desk", string(policy.ActReturn)},
		{"Close with an outcome", string(policy.ActClose)},
		{"Open an incident about it", "incident"},
	}
}

func newFilterForm(th Theme, keys *KeyMap, f api.InboxFilter) *triageForm {
	ff := &triageForm{theme: th, keys: keys, kind: formFilters, title: "Filter the queue"}
	ff.owner = newFormInput("me, none or a username", 64)
	ff.owner.SetValue(f.Owner)
	ff.waiting = newFormInput("e.g. 30m or 2h", 16)
	if f.WaitingOver > 0 {
		ff.waiting.SetValue(shortDurationInput(f.WaitingOver))
	}
	for i, mk := range filterMarks {
		if mk == f.Mark {
			ff.mark = i
		}
	}
	for i, l := range filterLangs {
		if l == f.Lang {
			ff.lang = i
		}
	}
	ff.owner.Focus()
	return ff
}

// shortDurationInput writes a wait back as the form accepts it.
func shortDurationInput(d time.Duration) string {
	if d%time.Hour == 0 {
		return strconv.Itoa(int(d/time.Hour)) + "h"
	}
	return strconv.Itoa(int(d/time.Minute)) + "m"
}

// parseWait reads "30m", "2h", "1h30m" or a bare number of minutes.
func parseWait(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 0 {
		return time.Duration(n) * time.Minute, true
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, false
	}
	return d, true
}

// formDone is what a form asks for when enter is pressed.
type formDone struct {
	text   string // the note, reason, username or search
	choice string // the chosen value
	filter api.InboxFilter
}

// SetSize gives the form the thread pane's size.
func (f *triageForm) SetSize(w, h int) {
	f.width, f.height = w, h
	iw := max(w-4, 10)
	f.input.Width, f.owner.Width, f.waiting.Width = iw, iw, iw
}

// formDoneMsg asks the root to do what the form's enter asked for;
// formClosedMsg to close the form (esc).
type formDoneMsg struct {
	form *triageForm
	done *formDone
}

type formClosedMsg struct{ form *triageForm }

// Update takes the form's keys (and cursor blinks): enter asks the root
// to act, esc to close it, ctrl+c to quit.
func (f *triageForm) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return f.Forward(msg)
	}
	if km.String() == "ctrl+c" {
		return emit(quitMsg{})
	}
	cmd, done, cancel := f.Key(km)
	switch {
	case cancel:
		return emit(formClosedMsg{form: f})
	case done != nil:
		return tea.Batch(cmd, emit(formDoneMsg{form: f, done: done}))
	}
	return cmd
}

// Key takes one key press: done is set when enter asks for the form's
// action, cancel when esc leaves it.
func (f *triageForm) Key(msg tea.KeyMsg) (cmd tea.Cmd, done *formDone, cancel bool) {
	switch msg.String() {
	case "esc":
		return nil, nil, true
	case "enter":
		if f.busy {
			return nil, nil, false
		}
		return f.submit()
	}
	if f.choices != nil {
		switch msg.String() {
		case "up", "k":
			f.cursor = max(f.cursor-1, 0)
		case "down", "j":
			f.cursor = min(f.cursor+1, len(f.choices)-1)
		default:
			if s := msg.String(); len(s) == 1 && s[0] >= '1' && s[0] <= '9' {
				if n := int(s[0] - '1'); n < len(f.choices) {
					f.cursor = n
					return f.submit()
				}
			}
		}
		return nil, nil, false
	}
	if f.kind == formFilters {
		return f.filterKey(msg), nil, false
	}
	f.err = policy.SafeText{}
	f.input, cmd = f.input.Update(msg)
	return cmd, nil, false
}

func (f *triageForm) submit() (tea.Cmd, *formDone, bool) {
	switch {
	case f.choices != nil:
		return nil, &formDone{choice: f.choices[f.cursor].value}, false
	case f.kind == formFilters:
		d, ok := parseWait(f.waiting.Value())
		if !ok {
			f.err = policy.Trusted("Waiting over must be minutes or a duration such as 30m or 2h.")
			return nil, nil, false
		}
		return nil, &formDone{filter: api.InboxFilter{
			Owner: strings.TrimSpace(f.owner.Value()), Mark: filterMarks[f.mark], Lang: filterLangs[f.lang], WaitingOver: d,
		}}, false
	}
	text := strings.TrimSpace(f.input.Value())
	switch f.kind {
	case formEscalate:
		if text == "" {
			f.err = policy.Trusted("Write a short reason: the supervisor reads it first.")
			return nil, nil, false
		}
	case formAssign:
		if text == "" {
			f.err = policy.Trusted("Type the colleague's username.")
			return nil, nil, false
		}
	}
	return nil, &formDone{text: text}, false
}

func (f *triageForm) filterKey(msg tea.KeyMsg) tea.Cmd {
	f.err = policy.SafeText{}
	switch msg.String() {
	case "tab", "down":
		return f.focusField((f.field + 1) % fieldCount)
	case "shift+tab", "up":
		return f.focusField((f.field + fieldCount - 1) % fieldCount)
	case "left", "right":
		step := 1
		if msg.String() == "left" {
			step = -1
		}
		switch f.field {
		case fieldMark:
			f.mark = (f.mark + step + len(filterMarks)) % len(filterMarks)
			return nil
		case fieldLang:
			f.lang = (f.lang + step + len(filterLangs)) % len(filterLangs)
			return nil
		}
	}
	var cmd tea.Cmd
	switch f.field {
	case fieldOwner:
		f.owner, cmd = f.owner.Update(msg)
	case fieldWaiting:
		f.waiting, cmd = f.waiting.Update(msg)
	case fieldMark, fieldLang:
		if msg.String() == "space" || msg.String() == " " {
			return f.filterKey(tea.KeyMsg{Type: tea.KeyRight})
		}
	}
	return cmd
}

func (f *triageForm) focusField(n int) tea.Cmd {
	f.field = n
	f.owner.Blur()
	f.waiting.Blur()
	switch n {
	case fieldOwner:
		return f.owner.Focus()
	case fieldWaiting:
		return f.waiting.Focus()
	}
	return nil
}

// Forward passes a cursor blink to the focused input.
func (f *triageForm) Forward(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch {
	case f.kind == formFilters && f.field == fieldOwner:
		f.owner, cmd = f.owner.Update(msg)
	case f.kind == formFilters && f.field == fieldWaiting:
		f.waiting, cmd = f.waiting.Update(msg)
	case f.choices == nil && f.kind != formFilters:
		f.input, cmd = f.input.Update(msg)
	}
	return cmd
}

// View draws the form for the thread pane.
func (f *triageForm) View() string {
	t := f.theme
	w := max(f.width, 20)
	head := t.Focused.Render(f.title)
	if !f.label.IsEmpty() {
		head += t.Faint.Render(" · ") + safe(t.Text, f.label)
	}
	lines := []string{fit(head, w)}
	switch {
	case f.choices != nil:
		for i, c := range f.choices {
			ln := "  " + strconv.Itoa(i+1) + " " + c.label
			if i == f.cursor {
				ln = t.Selected.Render(fit("▌ "+strconv.Itoa(i+1)+" "+c.label, w))
			}
			lines = append(lines, fit(ln, w))
		}
	case f.kind == formFilters:
		row := func(n int, name, value string) {
			mark := "  "
			st := t.Text
			if f.field == n {
				mark, st = "› ", t.Focused
			}
			lines = append(lines, fit(mark+st.Render(fit(name, 13))+" "+value, w))
		}
		choice := func(list []string, i int, none string) string {
			v := list[i]
			if v == "" {
				v = none
			}
			return "‹ " + strings.ReplaceAll(v, "_", " ") + " ›"
		}
		row(fieldOwner, "Owner", f.owner.View())
		row(fieldMark, "State mark", choice(filterMarks, f.mark, "any"))
		row(fieldLang, "Language", choice(filterLangs, f.lang, "any"))
		row(fieldWaiting, "Waiting over", f.waiting.View())
	default:
		lines = append(lines, f.input.View())
	}
	if f.hint != "" {
		for _, ln := range strings.Split(ansi.Wrap(f.hint, max(w-2, 1), ""), "\n") {
			lines = append(lines, "  "+t.Faint.Render(ln))
		}
	}
	if f.busy {
		lines = append(lines, t.Faint.Render("Sending…"))
	}
	if !f.err.IsEmpty() {
		for _, ln := range strings.Split(wrapSafe(policy.Concat(policy.Trusted("✗ "), f.err), max(w-2, 1)), "\n") {
			lines = append(lines, "  "+t.Error.Render(ln))
		}
	}
	return strings.Join(lines, "\n")
}

// ShortHelp and FullHelp are the form's keys for the help bar.
func (f *triageForm) ShortHelp() []key.Binding {
	return helpKeys(f.keys.bindings(ctxForm)).ShortHelp()
}

func (f *triageForm) FullHelp() [][]key.Binding {
	return helpKeys(f.keys.bindings(ctxForm)).FullHelp()
}
