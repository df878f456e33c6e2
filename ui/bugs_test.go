package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/store/api"
)

// burst is letters as a terminal delivers them when they arrive in one
// read (tmux send-keys, a fast typist, a key held down): one KeyMsg
// holding several runes.
func burst(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// Every letter of a burst is applied, in order: "jjj" in the macro picker
// moves three rows, so enter sends the fourth quick reply, not the first.
func TestBurstKeysInMacroPicker(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("enter")
	want := h.m.macrosForPatient()[3].ID
	h.press("m")
	h.send(burst("jjj"))
	h.press("enter")
	sends := fb.snapshotSends()
	if len(sends) != 1 || sends[0].req.MacroID != want {
		t.Fatalf("sent %+v, want the fourth quick reply %q", sends, want)
	}
}

// The whole sequence in one burst, from the inbox: m opens the picker
// for the selected thread (still loading), the j's move in the picker,
// and the enter that follows sends the macro they chose.
func TestBurstFromInboxOpensPickerAndMoves(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	want := h.m.macrosForPatient()[2].ID
	// Nothing settles between the keys: the thread and the picker are
	// still on their way while the letters arrive.
	h.handle(burst("mjj"))
	h.handle(keyMsg("enter"))
	h.settle()
	sends := fb.snapshotSends()
	if len(sends) != 1 || sends[0].threadID != "t1" || sends[0].req.MacroID != want {
		t.Fatalf("sent %+v, want %q on t1", sends, want)
	}
	if h.m.cursor != 0 {
		t.Errorf("the inbox cursor moved to %d: the j's went to the list", h.m.cursor)
	}
}

// In a thread whose 24-hour window is closed, m asks the server for the
// templates; keys typed before they arrive go to the template picker,
// not to the thread behind it.
func TestBurstWaitsForTemplatePicker(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("G", "enter") // t3: window closed
	if !h.m.windowClosed() {
		t.Fatal("fixture: t3's window should be closed")
	}
	h.handle(burst("mj"))
	h.handle(keyMsg("enter"))
	h.settle()
	sends := fb.snapshotSends()
	// The templates the server fills entirely, the patient's language
	// (en) first: reconnect_after_silence in en, then in es.
	if len(sends) != 1 || sends[0].req.Template != "reconnect_after_silence" || sends[0].req.TemplateLanguage != "es" {
		t.Fatalf("sent %+v, want the second template", sends)
	}
}

// A burst in the inbox moves the cursor once per letter.
func TestBurstMovesInboxCursor(t *testing.T) {
	h := newHarness(t, newFakeBackend(), Options{}, 120, 40)
	h.signIn()
	h.send(burst("jj"))
	if h.m.cursor != 2 {
		t.Fatalf("cursor %d after jj, want 2", h.m.cursor)
	}
	h.send(burst("k"))
	if h.m.cursor != 1 {
		t.Fatalf("cursor %d after k, want 1", h.m.cursor)
	}
}

// A burst that starts the composer types the rest of its letters into it.
func TestBurstIntoComposer(t *testing.T) {
	h := newHarness(t, newFakeBackend(), Options{}, 120, 40)
	h.signIn()
	h.press("enter")
	h.send(burst("rhello"))
	if got := h.m.composer.ta.Value(); got != "hello" {
		t.Fatalf("composer holds %q, want hello", got)
	}
}

var _ = api.RoleNurse
