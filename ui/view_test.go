package ui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/clinicwa/triage/store/api"
)

// TestGolden pins what each screen looks like at the two sizes the
// console is designed for. Regenerate with `go test ./ui -run TestGolden
// -update` and review the diff.
func TestGolden(t *testing.T) {
	screens := []struct {
		name  string
		setup func(h *harness)
	}{
		{"login", func(h *harness) {
			h.typeText("dana")
			h.press("tab")
			h.typeText("secret")
		}},
		{"login_error", func(h *harness) {
			h.typeText("dana")
			h.press("tab")
			h.typeText("wrong")
			h.press("enter")
		}},
		{"inbox", func(h *harness) { h.signIn() }},
		{"thread", func(h *harness) {
			h.signIn()
			h.press("enter")
		}},
		{"thread_window_closed", func(h *harness) {
			h.signIn()
			h.press("G", "enter")
		}},
		{"composer_refusal", func(h *harness) {
			h.fb.sendErr = func(string, api.SendRequest) error {
				return &api.RefusedError{Refusal: api.Refusal{Rule: "phi",
					Reason:    "The reply looks like it holds a phone number. Health details belong in the secure portal.",
					SpanTypes: []string{"PHONE"}, OfferPortalLink: true}}
			}
			h.signIn()
			h.press("enter", "r")
			h.typeText("Call me on 555-123-4567")
			h.press("enter")
		}},
		{"macro_picker", func(h *harness) {
			h.signIn()
			h.press("enter", "m", "j")
		}},
		{"handoff_confirm", func(h *harness) {
			h.signIn()
			h.press("n")
		}},
		{"full_help", func(h *harness) {
			h.signIn()
			h.press("?")
		}},
		{"demo", func(h *harness) {}},
		{"enrol", func(h *harness) {
			withEnrolment(h.t, h.fb)
			h.typeText("dana")
			h.press("tab")
			h.typeText(h.fb.password)
			h.press("enter")
			h.typeText("12")
		}},
		{"recovery_codes", func(h *harness) {
			withEnrolment(h.t, h.fb)
			h.typeText("dana")
			h.press("tab")
			h.typeText(h.fb.password)
			h.press("enter")
			h.typeText(h.fb.enrolCode)
			h.press("enter")
		}},
		{"reveal_prompt", func(h *harness) {
			h.fb.role = api.RoleNurse
			h.signIn()
			h.press("enter", "[", "v")
			h.typeText("Confirming the date for the callback")
		}},
		{"revealed", func(h *harness) {
			h.fb.role = api.RoleNurse
			h.fb.revealText = "Hi, this is Zebulon Quixote, my number is 415-555-0199. Can I move my March 3 appointment?"
			h.signIn()
			h.press("enter", "[", "v")
			h.typeText("Confirming the date for the callback")
			h.press("enter")
			h.clock.advance(61 * time.Second)
			h.send(revealTickMsg{session: h.m.session})
		}},
		{"audit_view", func(h *harness) {
			h.fb.role = api.RoleSupervisor
			h.fb.auditEntries = auditFixture()
			h.signIn()
			h.press("a")
		}},
		{"thread_kinds", func(h *harness) {
			d := h.fb.details["t1"]
			d.Messages = kindsFixture()
			h.fb.details["t1"] = d
			h.signIn()
			h.press("enter")
		}},
		{"thread_help_frontdesk", func(h *harness) {
			h.signIn()
			h.press("enter", "?")
		}},
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				opts := Options{ServerName: "clinic.example"}
				fb := newFakeBackend()
				if sc.name == "demo" {
					opts.Demo = &DemoLogin{Username: "demo-frontdesk", Password: fb.password, Role: "frontdesk"}
				}
				h := newHarness(t, fb, opts, size[0], size[1])
				sc.setup(h)
				golden.RequireEqual(t, []byte(h.view()))
			})
		}
	}
	t.Run("too_small_38x10", func(t *testing.T) {
		h := newHarness(t, newFakeBackend(), Options{}, 38, 10)
		golden.RequireEqual(t, []byte(h.view()))
	})
}

// hostile holds what a patient could send to take over the clinic's
// terminal: a window title, a clipboard write, a screen clear, cursor
// moves, a carriage-return overwrite, a bell and a right-to-left override.
const hostile = "title\x1b]0;PWNED\x07\x1b]2;PWNED\x1b\\ clip\x1b]52;c;cm0gLXJmIH4=\x07 " +
	"clear\x1b[2J\x1b[H move\x1b[5;5H\x1b[3A\x1b[2K link\x1b]8;;https://evil.example/\x1b\\here\x1b]8;;\x1b\\ " +
	"Pay at the desk\rCall 555-0100 bell\a rlo\u202Eexe.txt\u2066iso\u2069 c1\u009b31m end"

func hostileBackend() *fakeBackend {
	fb := newFakeBackend()
	fb.threads[1].PatientLabel = "P-1042\x1b[31m\u202E"
	fb.threads[1].Preview = hostile
	d := fb.details["t1"]
	d.Thread = fb.threads[1]
	d.Messages = append(d.Messages, api.Message{ID: "mx", Direction: "in", At: t0, Masked: hostile,
		Spans: []api.Span{{Type: "PHONE\x1b]0;x\x07"}}})
	d.Messages[2].Error = "provider says \x1b[2J\x1b]52;c;eA==\x07no"
	fb.details["t1"] = d
	fb.sendErr = func(string, api.SendRequest) error {
		return &api.RefusedError{Refusal: api.Refusal{Rule: "phi\x1b[2J", Reason: "reason\x1b]0;t\x07\u202E", OfferPortalLink: true}}
	}
	return fb
}

func TestPatientTextRendersInert(t *testing.T) {
	h := newHarness(t, hostileBackend(), Options{}, 120, 40)
	h.signIn()
	h.press("enter", "r")
	h.typeText("x")
	h.press("enter")
	v := h.view()
	for _, bad := range []string{"\x1b", "\u202E", "\u2066", "\u2069", "\r", "\a", "\u009b"} {
		if strings.Contains(v, bad) {
			t.Errorf("view holds %q", bad)
		}
	}
	// The visible text survives; only its control sequences are gone.
	for _, want := range []string{"Pay at the desk", "Call 555-0100", "rloexe.txt", "linkhere", "provider says no"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q", want)
		}
	}
	if strings.Contains(v, "PWNED") || strings.Contains(v, "cm0gLXJmIH4=") || strings.Contains(v, "evil.example") {
		t.Error("an escape sequence's payload reached the screen")
	}
}

// TestPatientTextInertInColour checks the same with colour on: the only
// escape sequences in the frame are the theme's own SGR styles.
func TestPatientTextInertInColour(t *testing.T) {
	lipgloss.SetColorProfile(termenv.ANSI)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	h := newHarness(t, hostileBackend(), Options{}, 120, 40)
	h.signIn()
	h.press("enter", "r")
	h.typeText("x")
	h.press("enter")
	v := h.view()
	if !strings.Contains(v, "\x1b[") {
		t.Fatal("colour profile not in effect; the test proves nothing")
	}
	sgr := regexp.MustCompile(`\x1b\[[0-9;]*m`)
	if rest := sgr.ReplaceAllString(v, ""); strings.ContainsAny(rest, "\x1b\u202E\u009b\a\r") {
		i := strings.IndexAny(rest, "\x1b\u202E\u009b\a\r")
		t.Errorf("non-SGR control in the frame near %q", rest[max(i-20, 0):min(i+20, len(rest))])
	}
}

// TestMonochromeUsesNoColour checks the NO_COLOR theme draws with
// reverse, bold and underline only.
func TestMonochromeUsesNoColour(t *testing.T) {
	lipgloss.SetColorProfile(termenv.ANSI256)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	h := newHarness(t, newFakeBackend(), Options{Theme: MonochromeTheme()}, 120, 40)
	h.signIn()
	h.press("enter")
	v := h.view()
	for _, seq := range regexp.MustCompile(`\x1b\[([0-9;]*)m`).FindAllStringSubmatch(v, -1) {
		for _, p := range strings.Split(seq[1], ";") {
			switch p {
			case "", "0", "1", "4", "7":
			default:
				t.Fatalf("monochrome frame uses SGR %q", seq[1])
			}
		}
	}
	t.Setenv("NO_COLOR", "1")
	if ThemeFromEnv().Name != "monochrome" {
		t.Error("NO_COLOR does not pick the monochrome theme")
	}
	t.Setenv("NO_COLOR", "")
	if ThemeFromEnv().Name != "ansi" {
		t.Error("an empty NO_COLOR must not disable colour")
	}
}

func TestRelativeTimes(t *testing.T) {
	for _, tt := range []struct {
		ago  time.Duration
		want string
	}{
		{10 * time.Second, "now"}, {5 * time.Minute, "5m"}, {3 * time.Hour, "3h"}, {49 * time.Hour, "2d"},
	} {
		if got := relTime(t0, t0.Add(-tt.ago)); got != tt.want {
			t.Errorf("relTime(%v) = %q, want %q", tt.ago, got, tt.want)
		}
	}
	if relTime(t0, time.Time{}) != "-" {
		t.Error("zero time")
	}
}

var _ tea.Model = (*Model)(nil)
