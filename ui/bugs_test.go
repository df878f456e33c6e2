package ui

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store"
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
	if h.m.list.cursor != 0 {
		t.Errorf("the inbox cursor moved to %d: the j's went to the list", h.m.list.cursor)
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
	if h.m.list.cursor != 2 {
		t.Fatalf("cursor %d after jj, want 2", h.m.list.cursor)
	}
	h.send(burst("k"))
	if h.m.list.cursor != 1 {
		t.Fatalf("cursor %d after k, want 1", h.m.list.cursor)
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

// footerLine is the footer's status line (the toast), or "".
func footerLine(h *harness) string {
	for _, ln := range strings.Split(h.m.footerView(), "\n") {
		if strings.HasPrefix(ln, "✓ ") || strings.HasPrefix(ln, "✗ ") || strings.HasPrefix(ln, "○ ") || strings.HasPrefix(ln, "⚠ ") {
			return strings.TrimSpace(ln)
		}
	}
	return ""
}

// The footer says what happened to a send: queued while the server has
// it, then sent or failed as WhatsApp answers; refused with the rule's
// reason; not sent with the error. Never "sent" for a send that failed.
func TestSendOutcomeInFooter(t *testing.T) {
	refuse := func(string, api.SendRequest) error {
		return &store.RefusedError{Refusal: api.Refusal{Rule: "window", Reason: "The 24-hour window is closed."}}
	}
	down := func(string, api.SendRequest) error { return errors.New("connection refused") }
	type step struct {
		status string // a status event for the sent message, "" for none
		want   string // the footer line after it
	}
	for _, tt := range []struct {
		name    string
		send    func(h *harness)
		sendErr func(string, api.SendRequest) error
		respond string // the status the server answers the send with
		steps   []step
	}{
		{name: "quick reply failed at WhatsApp", send: sendMacro, respond: "queued", steps: []step{
			{"", "○ Quick reply to P-1042 queued: waiting for WhatsApp"},
			{"failed", "✗ Quick reply to P-1042 failed: The patient's number is not on WhatsApp"},
		}},
		{name: "quick reply sent", send: sendMacro, respond: "queued", steps: []step{
			{"sent", "✓ Quick reply sent to P-1042"},
			{"delivered", "✓ Quick reply sent to P-1042"}, // no second report
		}},
		{name: "a replayed send that had failed", send: sendMacro, respond: "failed", steps: []step{
			{"", "✗ Quick reply to P-1042 failed: The patient's number is not on WhatsApp"},
		}},
		{name: "quick reply refused", send: sendMacro, sendErr: refuse, steps: []step{
			{"", "✗ Quick reply not sent (window): The 24-hour window is closed."},
		}},
		{name: "quick reply not reaching the server", send: sendMacro, sendErr: down, steps: []step{
			{"", "✗ Quick reply not sent: connection refused"},
		}},
		{name: "free text failed", send: sendText, respond: "queued", steps: []step{
			{"failed", "✗ Message to P-1042 failed: The patient's number is not on WhatsApp"},
		}},
		{name: "free text refused", send: sendText, sendErr: refuse, steps: []step{
			{"", "✗ Message not sent (window): The 24-hour window is closed."},
		}},
		{name: "template failed", send: sendTemplate, respond: "queued", steps: []step{
			{"", "○ Template to P-3307 queued: waiting for WhatsApp"},
			{"failed", "✗ Template to P-3307 failed: The patient's number is not on WhatsApp"},
		}},
		{name: "template refused", send: sendTemplate, sendErr: refuse, steps: []step{
			{"", "✗ Template not sent (window): The 24-hour window is closed."},
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fb := newFakeBackend()
			fb.sendErr = tt.sendErr
			fb.sendStatus = tt.respond
			fb.sendFailure = "The patient's number is not on WhatsApp"
			h := newHarness(t, fb, Options{}, 120, 40)
			h.signIn()
			tt.send(h)
			sends := fb.snapshotSends()
			if len(sends) != 1 {
				t.Fatalf("sends %+v", sends)
			}
			for _, st := range tt.steps {
				if st.status != "" {
					fb.setMessage(sends[0].threadID, api.Message{ID: "m-new", ThreadID: sends[0].threadID, Direction: "out",
						Status: st.status, Error: fb.sendFailure, At: t0})
					fb.pushEvent(api.Event{Type: api.EventMessageStatus, ThreadID: sends[0].threadID, MessageID: "m-new", Status: st.status})
					h.settle()
				}
				if got := footerLine(h); got != st.want {
					t.Fatalf("after %q the footer says %q, want %q", st.status, got, st.want)
				}
			}
		})
	}
}

func sendMacro(h *harness) { h.press("enter", "m", "j", "enter") }

func sendText(h *harness) {
	h.press("enter", "r")
	h.typeText("See you at 3")
	h.press("enter")
}

func sendTemplate(h *harness) { h.press("G", "enter", "m", "enter") }

// rowLines are the two lines of the inbox row holding label.
func rowLines(t *testing.T, h *harness, label string) (string, string) {
	t.Helper()
	lines := strings.Split(h.view(), "\n")
	for i, ln := range lines {
		if strings.Contains(ln, label) && i+1 < len(lines) {
			left := func(s string) string { return strings.TrimSpace(strings.SplitN(s, "│", 2)[0]) }
			return left(ln), left(lines[i+1])
		}
	}
	t.Fatalf("no row for %s:\n%s", label, h.view())
	return "", ""
}

// The preview is the thread's latest message, first; a delivery status
// belongs to the clinic's own last message and follows it, and a
// patient's newer text shows alone.
func TestPreviewPutsLatestMessageFirst(t *testing.T) {
	fb := newFakeBackend()
	// t1: the patient wrote after the clinic's delivered reply.
	// t4: the clinic wrote last, and WhatsApp delivered it.
	fb.threads[3].Preview, fb.threads[3].LastOutStatus, fb.threads[3].LastFromClinic = "The car park is behind the clinic.", "delivered", true
	h := newHarness(t, fb, Options{}, 160, 50)
	h.signIn()
	if _, second := rowLines(t, h, "P-1042"); second != "Can I move my [DATE] appointment?" {
		t.Errorf("patient wrote last: preview line %q, want the patient's text alone", second)
	}
	if _, second := rowLines(t, h, "P-4415"); second != "The car park is behind the clinic. · ✓✓ delivered" {
		t.Errorf("clinic wrote last: preview line %q, want the text then its status", second)
	}
}

// At 80×24 the inbox column is 32 wide: the state marks stay whole (the
// label and the preview give way), whatever combination a thread has.
func TestStateMarksStayWholeAt80x24(t *testing.T) {
	fb := newFakeBackend()
	for i := range fb.threads {
		fb.threads[i].PatientLabel = "Patient 2BEB-" + fb.threads[i].ID
	}
	fb.threads[0].Clinical = true                               // t3: [CLINICAL] [NO OPT-IN], 1d
	fb.threads[1].Clinical, fb.threads[1].OptedIn = true, false // t1: [CLINICAL] [NO OPT-IN], unread
	fb.threads[3].Urgent, fb.threads[3].Clinical = true, true   // t4: [URGENT] [CLINICAL], OVERDUE
	fb.threads[2].Urgent, fb.threads[2].OptedIn = true, false   // t2: [URGENT] [NURSE] [NO OPT-IN]
	fb.threads[3].LastAt = t0.Add(-13 * time.Hour)
	h := newHarness(t, fb, Options{}, 80, 24)
	h.signIn()
	v := h.view()
	for _, mark := range []string{"[CLINICAL]", "[NO OPT-IN]", "[URGENT]", "[NURSE]"} {
		if strings.Contains(v, strings.TrimSuffix(mark, "]")+"…") || strings.Contains(v, mark[:len(mark)-2]+"…") {
			t.Errorf("%s is cut:\n%s", mark, v)
		}
	}
	counts := map[string]int{}
	for _, ln := range strings.Split(v, "\n") {
		left := strings.SplitN(ln, "│", 2)[0]
		for _, mark := range []string{"[CLINICAL]", "[NO OPT-IN]", "[URGENT]", "[NURSE]"} {
			counts[mark] += strings.Count(left, mark)
		}
	}
	want := map[string]int{"[CLINICAL]": 3, "[NO OPT-IN]": 3, "[URGENT]": 2, "[NURSE]": 1}
	for mark, n := range want {
		if counts[mark] != n {
			t.Errorf("%s whole %d times in the inbox, want %d:\n%s", mark, counts[mark], n, v)
		}
	}
	if !strings.Contains(v, "OVERDUE 13h") {
		t.Errorf("the overdue age is cut:\n%s", v)
	}
}

// The open thread's title keeps its marks whole too.
func TestThreadTitleMarksStayWhole(t *testing.T) {
	fb := newFakeBackend()
	fb.threads[1].PatientLabel = "Patient 2BEB-0042"
	fb.threads[1].Urgent, fb.threads[1].Clinical, fb.threads[1].OptedIn = true, true, false
	h := newHarness(t, fb, Options{}, 80, 24)
	h.signIn()
	h.press("enter")
	h.mustSee("Thread · Patient 2BEB-0042", "[URGENT] [CLINICAL] [NO OPT-IN]")
}

// esc closes the full help, in the inbox and in a thread; in a thread
// the next esc goes back to the inbox as before.
func TestEscClosesHelp(t *testing.T) {
	h := newHarness(t, newFakeBackend(), Options{}, 120, 40)
	h.signIn()
	h.press("?")
	h.mustSee("log out")
	h.press("esc")
	if h.m.help.ShowAll {
		t.Fatal("esc left the full help open in the inbox")
	}
	h.mustNotSee("log out")
	h.press("enter", "?")
	h.mustSee("close help")
	h.press("esc")
	if h.m.help.ShowAll || h.m.focus != focusThread {
		t.Fatalf("esc in a thread with help open: help %v, focus %v; want help closed, thread kept", h.m.help.ShowAll, h.m.focus)
	}
	h.press("esc")
	if h.m.focus != focusList {
		t.Fatal("the second esc did not go back to the inbox")
	}
}

// ctrl+c quits from every screen, the sign-in form and its text fields
// included, where q is a letter of a username; the sign-in help says so.
func TestCtrlCQuitsEverywhere(t *testing.T) {
	reached := map[string]func(h *harness) bool{
		"sign-in, username typed": func(h *harness) bool {
			return (func() bool { return h.m.screen == screenLogin && h.m.login.inputs[0].Value() == "q" })()
		},
		"sign-in, password field": func(h *harness) bool {
			return (func() bool { return h.m.screen == screenLogin && h.m.login.focus == 1 })()
		},
		"enrolment":             func(h *harness) bool { return (func() bool { return h.m.screen == screenEnrol })() },
		"recovery codes":        func(h *harness) bool { return (func() bool { return h.m.screen == screenRecovery })() },
		"policy acknowledgment": func(h *harness) bool { return (func() bool { return h.m.screen == screenPolicy })() },
		"inbox":                 func(h *harness) bool { return (func() bool { return h.m.keyContext() == ctxList })() },
		"full help":             func(h *harness) bool { return (func() bool { return h.m.help.ShowAll })() },
		"thread":                func(h *harness) bool { return (func() bool { return h.m.keyContext() == ctxThread })() },
		"composer":              func(h *harness) bool { return (func() bool { return h.m.keyContext() == ctxComposer })() },
		"quick replies":         func(h *harness) bool { return (func() bool { return h.m.keyContext() == ctxPicker })() },
		"hand-off prompt":       func(h *harness) bool { return (func() bool { return h.m.keyContext() == ctxConfirm })() },
		"consent prompt":        func(h *harness) bool { return (func() bool { return h.m.keyContext() == ctxConsent })() },
		"reveal prompt":         func(h *harness) bool { return (func() bool { return h.m.keyContext() == ctxReveal })() },
		"audit trail":           func(h *harness) bool { return (func() bool { return h.m.audit != nil })() },
		"program metrics":       func(h *harness) bool { return (func() bool { return h.m.keyContext() == ctxMetrics })() },
		"incident register":     func(h *harness) bool { return (func() bool { return h.m.incidents != nil })() },
		"incident report":       func(h *harness) bool { return (func() bool { return h.m.incidents != nil })() },
		"admin":                 func(h *harness) bool { return (func() bool { return h.m.adminHome() })() },
		"vendor register":       func(h *harness) bool { return (func() bool { return h.m.vendors != nil })() },
		"terminal too small":    func(h *harness) bool { return (func() bool { return h.m.tooSmall() })() },
	}
	for _, tt := range []struct {
		name  string
		role  api.Role
		w, h  int
		setup func(h *harness)
	}{
		{"sign-in, username typed", "", 120, 40, func(h *harness) { h.typeText("q") }},
		{"sign-in, password field", "", 120, 40, func(h *harness) { h.press("tab") }},
		{"enrolment", "", 120, 40, func(h *harness) {
			withEnrolment(h.t, h.fb)
			h.typeText("dana")
			h.press("tab")
			h.typeText(h.fb.password)
			h.press("enter")
		}},
		{"recovery codes", "", 120, 40, func(h *harness) {
			withEnrolment(h.t, h.fb)
			h.typeText("dana")
			h.press("tab")
			h.typeText(h.fb.password)
			h.press("enter")
			h.typeText(h.fb.enrolCode)
			h.press("enter")
		}},
		{"policy acknowledgment", "", 120, 40, func(h *harness) {
			h.fb.policy = testPolicy("2026.1", false)
			h.typeText("dana")
			h.press("tab")
			h.typeText(h.fb.password)
			h.press("enter")
		}},
		{"inbox", "", 120, 40, func(h *harness) { h.signIn() }},
		{"full help", "", 120, 40, func(h *harness) { h.signIn(); h.press("?") }},
		{"thread", "", 120, 40, func(h *harness) { h.signIn(); h.press("enter") }},
		{"composer", "", 120, 40, func(h *harness) { h.signIn(); h.press("enter", "r") }},
		{"quick replies", "", 120, 40, func(h *harness) { h.signIn(); h.press("enter", "m") }},
		{"hand-off prompt", "", 120, 40, func(h *harness) { h.signIn(); h.press("n") }},
		{"consent prompt", "", 120, 40, func(h *harness) { h.signIn(); h.press("j", "j", "enter", "c") }},
		{"reveal prompt", api.RoleNurse, 120, 40, func(h *harness) { h.signIn(); h.press("enter", "[", "v") }},
		{"audit trail", api.RoleSupervisor, 120, 40, func(h *harness) { h.signIn(); h.press("a") }},
		{"program metrics", api.RoleSupervisor, 120, 40, func(h *harness) { h.signIn(); h.press("s") }},
		{"incident register", api.RoleSupervisor, 120, 40, func(h *harness) { h.signIn(); h.press("X") }},
		{"incident report", "", 120, 40, func(h *harness) { h.signIn(); h.press("enter", "I") }},
		{"admin", api.RoleAdmin, 120, 40, func(h *harness) { h.signIn() }},
		{"vendor register", api.RoleAdmin, 120, 40, func(h *harness) { h.signIn(); h.press("V") }},
		{"terminal too small", "", 38, 10, func(h *harness) {}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fb := newFakeBackend()
			if tt.role != "" {
				fb.role = tt.role
			}
			h := newHarness(t, fb, Options{}, tt.w, tt.h)
			tt.setup(h)
			if !reached[tt.name](h) {
				t.Fatalf("the setup did not reach the screen:\n%s", h.view())
			}
			h.press("ctrl+c")
			if !h.quit {
				t.Fatalf("ctrl+c did not quit:\n%s", h.view())
			}
		})
	}
	h := newHarness(t, newFakeBackend(), Options{}, 80, 24)
	h.mustSee("ctrl+c quit")
}

// sgrParams lists the parameters of every SGR sequence in a frame.
func sgrParams(frame string) []string {
	var out []string
	for _, seq := range regexp.MustCompile(`\x1b\[([0-9;:]*)m`).FindAllStringSubmatch(frame, -1) {
		out = append(out, strings.Split(seq[1], ";")...)
	}
	return out
}

// With NO_COLOR only colour goes: the monochrome frames keep bold, faint,
// underline and reverse (the selected row, the header), and hold no colour
// at all, not even the text components' own grey placeholders.
func TestNoColorKeepsAttributesOnly(t *testing.T) {
	lipgloss.SetColorProfile(termenv.ANSI256)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	for _, tt := range []struct {
		name  string
		role  api.Role
		setup func(h *harness)
	}{
		{"sign-in", "", func(h *harness) {}},
		{"inbox", "", func(h *harness) { h.signIn() }},
		{"thread", "", func(h *harness) { h.signIn(); h.press("enter") }},
		{"composer", "", func(h *harness) { h.signIn(); h.press("enter", "r") }},
		{"quick replies", "", func(h *harness) { h.signIn(); h.press("enter", "m") }},
		{"reveal prompt", api.RoleNurse, func(h *harness) { h.signIn(); h.press("enter", "[", "v") }},
		{"audit trail", api.RoleSupervisor, func(h *harness) { h.signIn(); h.press("a") }},
		{"enrolment", "", func(h *harness) {
			withEnrolment(h.t, h.fb)
			h.typeText("dana")
			h.press("tab")
			h.typeText(h.fb.password)
			h.press("enter")
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fb := newFakeBackend()
			if tt.role != "" {
				fb.role = tt.role
			}
			h := newHarness(t, fb, Options{Theme: MonochromeTheme(), ServerName: "clinic.example"}, 120, 40)
			tt.setup(h)
			params := sgrParams(h.view())
			if !slices.Contains(params, "7") {
				t.Errorf("no reverse video in the monochrome frame:\n%q", h.view())
			}
			for _, p := range params {
				switch p {
				case "", "0", "1", "2", "4", "7", "22", "24", "27":
				default:
					t.Fatalf("monochrome frame uses SGR %q (colour):\n%q", p, h.view())
				}
			}
		})
	}
}

func TestWithoutColour(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"\x1b[1;38;5;240;7mx\x1b[0m", "\x1b[1;7mx\x1b[0m"},
		{"\x1b[38;2;10;20;30mx\x1b[m", "x\x1b[m"},
		{"\x1b[31;1mx", "\x1b[1mx"},
		{"\x1b[2;4;97;104mx", "\x1b[2;4mx"},
		{"\x1b[38:5:240;4:3mx", "\x1b[4:3mx"},
		{"\x1b[7mplain", "\x1b[7mplain"},
		{"no escapes", "no escapes"},
	} {
		if got := withoutColour(tt.in); got != tt.want {
			t.Errorf("withoutColour(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// An admin gets a screen that says what the role does in the console and
// what it does not: no "Loading…", no thread keys, no inbox request.
func TestAdminGetsTheirOwnScreen(t *testing.T) {
	fb := newFakeBackend()
	fb.role = api.RoleAdmin
	h := newHarness(t, fb, Options{ServerName: "clinic.example"}, 120, 40)
	h.typeText("root")
	h.press("tab")
	h.typeText(fb.password)
	h.press("enter")
	h.mustSee("Administrator", "audit trail", "vendor register", "triage user", "do not read or send patient messages")
	h.mustNotSee("Loading…", "r reply", "m macros", "hand to nurse", "Inbox")
	fb.mu.Lock()
	hits, subs := fb.inboxHits, fb.eventSubs
	fb.mu.Unlock()
	if hits != 0 || subs != 0 {
		t.Errorf("an admin's console asked for the inbox %d times and the event stream %d times", hits, subs)
	}
	// The thread keys say why they are not the admin's.
	for k, why := range map[string]string{
		"r": "Admin accounts do not read or send patient messages", "m": "Admin accounts do not read or send patient messages",
		"enter": "Admin accounts do not read or send patient messages", "n": "Admin accounts do not read or send patient messages",
		"X": policy.Why(policy.RoleAdmin, policy.ActionViewIncidents), "s": policy.Why(policy.RoleAdmin, policy.ActionViewMetrics),
		"I": policy.Why(policy.RoleAdmin, policy.ActionOpenIncident),
	} {
		h.m.toast = nil
		h.press(k)
		if got := footerLine(h); !strings.Contains(got, why) {
			t.Errorf("admin pressing %q: footer %q, want %q", k, got, why)
		}
	}
	// What the admin may do still works.
	fb.audit.entries = reviewFixture()
	h.press("a")
	if h.m.audit == nil {
		t.Fatal("a did not open the audit trail for an admin")
	}
	h.press("esc", "V")
	if h.m.vendors == nil {
		t.Fatal("V did not open the vendor register for an admin")
	}
}

// Every role-gated key, pressed by a role it is not for, says why in the
// status line instead of doing nothing; pressed by a role it is for, it
// does its job and says nothing of the kind.
func TestRefusedKeysSayWhy(t *testing.T) {
	type key struct {
		key    string
		thread bool   // pressed with a thread open
		action string // policy action that gates it
	}
	keys := []key{
		{"a", false, "view_audit"}, {"a", true, "view_audit"},
		{"s", false, "view_metrics"},
		{"X", false, "view_incidents"}, {"X", true, "view_incidents"},
		{"V", false, "manage_users"},
		{"v", true, "reveal_masked"},
		{"I", true, "open_incident"},
	}
	for _, role := range []api.Role{api.RoleFrontDesk, api.RoleNurse, api.RoleSupervisor} {
		for _, k := range keys {
			name := string(role) + "_" + k.key
			if k.thread {
				name += "_in_thread"
			}
			t.Run(name, func(t *testing.T) {
				fb := newFakeBackend()
				fb.role = role
				h := newHarness(t, fb, Options{}, 120, 40)
				h.signIn()
				if k.thread {
					h.press("enter", "[")
					h.m.toast = nil // "[" says why to a role that may not reveal
				}
				h.press(k.key)
				why := policy.Why(policy.Role(role), policy.Action(k.action))
				if k.key == "V" && why != "" {
					// The register is gated by the admin's permission; its
					// sentence names the register.
					why = policy.Role(role).Title() + " cannot open the vendor register; an admin keeps it."
				}
				got := footerLine(h)
				if why == "" {
					if strings.HasPrefix(got, "✗ ") && strings.Contains(got, "cannot") {
						t.Errorf("%s may %s but was refused: %q", role, k.action, got)
					}
					return
				}
				if !strings.Contains(got, why) {
					t.Errorf("%s pressing %s: footer %q, want %q", role, k.key, got, why)
				}
			})
		}
	}
}

// When the server cannot be reached the console says so at once, in a
// banner that counts the reconnect attempts; when the stream is back the
// banner goes and the inbox catches up from the change number it held.
func TestOfflineBannerFromTheEventStream(t *testing.T) {
	fb := newFakeBackend()
	fb.seq = 7 // the change number the inbox is read at
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.mustNotSee("OFFLINE")
	unreachable := fmt.Errorf("%w (dial tcp 127.0.0.1:8443: connection refused)", api.ErrUnreachable)
	fb.endEvents(unreachable) // the server went away: the stream ends
	h.settle()
	h.mustSee("OFFLINE since 15:00", "reconnecting")
	h.send(resubscribeMsg{session: h.m.session})
	h.mustSee("OFFLINE since 15:00", "attempt 2")

	fb.mu.Lock()
	fb.eventsErr = nil
	fb.events = make(chan api.Event, 16)
	before := len(fb.changeCalls)
	fb.mu.Unlock()
	h.send(resubscribeMsg{session: h.m.session})
	if !h.waitFor(func() bool { return !strings.Contains(h.view(), "OFFLINE") }) {
		t.Fatalf("the banner stayed after the stream came back:\n%s", h.view())
	}
	h.mustSee("Back online")
	fb.mu.Lock()
	after := fb.changeCalls[before:]
	fb.mu.Unlock()
	if len(after) == 0 || after[0] != 7 {
		t.Errorf("after reconnecting the inbox asked for changes %v, want since the change number held (7)", after)
	}
}

// A refresh that cannot reach the server raises the banner too, before
// anyone tries to send; the next refresh that gets through lowers it.
func TestOfflineBannerFromARefresh(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 80, 24)
	h.signIn()
	fb.mu.Lock()
	fb.inboxErr = fmt.Errorf("%w (dial tcp: i/o timeout)", api.ErrUnreachable)
	fb.mu.Unlock()
	h.press("R")
	h.mustSee("OFFLINE since 15:00")
	fb.mu.Lock()
	fb.inboxErr = nil
	fb.mu.Unlock()
	h.press("R")
	if !h.waitFor(func() bool { return !strings.Contains(h.view(), "OFFLINE") }) {
		t.Fatalf("the banner stayed after a refresh got through:\n%s", h.view())
	}
}

// A row whose marks take the second line keeps its delivery status
// whole too: the glyph alone when the word does not fit.
func TestNarrowRowKeepsStatusWhole(t *testing.T) {
	fb := newFakeBackend()
	fb.threads[1].PatientLabel = "Patient U85D"
	fb.threads[1].Urgent, fb.threads[1].Clinical = true, true
	fb.threads[1].Preview, fb.threads[1].LastOutStatus, fb.threads[1].LastFromClinic = "If this is an emergency, call 911.", "read", true
	h := newHarness(t, fb, Options{}, 80, 24)
	h.signIn()
	_, second := rowLines(t, h, "Patient U85D")
	if !strings.Contains(second, "[URGENT] [CLINICAL]") || !strings.HasSuffix(second, "✓✓") {
		t.Errorf("row's second line %q: want the marks whole and the status glyph whole at the end", second)
	}
}

// The picker keeps each quick reply's marks whole; the title gives way.
func TestPickerMarksStayWhole(t *testing.T) {
	h := newHarness(t, newFakeBackend(), Options{}, 80, 24)
	h.signIn()
	h.press("enter", "m")
	h.mustSee("[CLINICAL]")
	h.mustNotSee("[CLIN…")
}

// A server that refuses a stream itself (too many open) is reachable: it
// gets the retry, not the offline banner.
func TestStreamRefusedIsNotOffline(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	fb.mu.Lock()
	fb.eventsErr = &api.StatusError{Code: 429, Message: "too many event streams open"}
	fb.mu.Unlock()
	h.send(resubscribeMsg{session: h.m.session})
	h.mustNotSee("OFFLINE")
}
