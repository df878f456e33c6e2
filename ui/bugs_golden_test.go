package ui

import (
	"fmt"
	"os"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/clinicwa/triage/store/api"
)

// TestBugScreensGolden pins the screens the fixes changed, at 80×24 and
// 160×50, in colour and with NO_COLOR's monochrome theme: the inbox with
// every state mark and a clinic-last preview, a thread and the quick
// replies with their marks whole, the admin's page, the
// offline banner, a failed send's footer and a refused key's reason.
// Regenerate with `go test ./ui -run TestBugScreensGolden -update`.
func TestBugScreensGolden(t *testing.T) {
	marks := func(fb *fakeBackend) {
		for i := range fb.threads {
			fb.threads[i].PatientLabel = "Patient 2BEB-" + fb.threads[i].ID
		}
		fb.threads[0].Clinical = true
		fb.threads[1].Clinical, fb.threads[1].OptedIn = true, false
		fb.threads[2].Urgent, fb.threads[2].OptedIn = true, false
		fb.threads[3].Urgent = true
		fb.threads[3].Preview, fb.threads[3].LastOutStatus, fb.threads[3].LastFromClinic = "The car park is behind the clinic.", "delivered", true
	}
	screens := []struct {
		name  string
		role  api.Role
		fixup func(fb *fakeBackend)
		setup func(h *harness)
	}{
		{"inbox_marks", "", marks, func(h *harness) { h.signIn() }},
		{"admin_home", api.RoleAdmin, nil, func(h *harness) { h.signIn() }},
		{"thread_marks", "", marks, func(h *harness) {
			h.signIn()
			h.press("g", "enter")
		}},
		{"picker_marks", "", nil, func(h *harness) {
			h.signIn()
			h.press("enter", "m", "j", "j")
		}},
		{"offline_banner", "", nil, func(h *harness) {
			h.signIn()
			h.fb.endEvents(fmt.Errorf("%w (connection refused)", api.ErrUnreachable))
			h.settle()
			h.send(resubscribeMsg{session: h.m.session})
			h.mustSee("attempt 2")
		}},
		{"send_failed", "", nil, func(h *harness) {
			h.fb.sendStatus, h.fb.sendFailure = "failed", "The patient's number is not on WhatsApp"
			h.signIn()
			sendMacro(h)
			h.mustSee("failed")
		}},
		{"refused_key", api.RoleNurse, nil, func(h *harness) {
			h.signIn()
			h.press("a")
			h.mustSee("cannot view the audit trail")
		}},
	}
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		for _, mono := range []bool{false, true} {
			for _, sc := range screens {
				name := fmt.Sprintf("%s_%dx%d_colour", sc.name, size[0], size[1])
				theme := DefaultTheme()
				if mono {
					name = fmt.Sprintf("%s_%dx%d_nocolor", sc.name, size[0], size[1])
					theme = MonochromeTheme()
				}
				t.Run(name, func(t *testing.T) {
					lipgloss.SetColorProfile(termenv.ANSI256)
					defer lipgloss.SetColorProfile(termenv.Ascii)
					fb := newFakeBackend()
					if sc.role != "" {
						fb.role = sc.role
					}
					if sc.fixup != nil {
						sc.fixup(fb)
					}
					h := newHarness(t, fb, Options{ServerName: "clinic.example", Theme: theme}, size[0], size[1])
					sc.setup(h)
					golden.RequireEqual(t, []byte(h.view()))
				})
			}
		}
	}
}

// BenchmarkWithoutColour is the cost NO_COLOR adds to a frame: stripping
// colour from a full 160×50 frame drawn in colour (the thread golden).
func BenchmarkWithoutColour(b *testing.B) {
	frame, err := os.ReadFile("testdata/TestBugScreensGolden/thread_marks_160x50_colour.golden")
	if err != nil {
		b.Fatal(err)
	}
	s := string(frame)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		withoutColour(s)
	}
}
