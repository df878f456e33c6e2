package ui

import (
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/clinicwa/triage/store/api"
)

// TestQueueGolden pins the triage screens (the queue bar and each queue,
// the filters, the hand-off, escalation, assign and close forms, the
// thread's workflow lines) at 80×24 and 160×50, in colour and with the
// NO_COLOR theme. Regenerate with `go test ./ui -run TestQueueGolden
// -update` and review the diff.
func TestQueueGolden(t *testing.T) {
	screens := []struct {
		name  string
		role  api.Role
		setup func(h *harness)
	}{
		{"queue_unanswered", api.RoleFrontDesk, func(h *harness) {}},
		{"queue_nurse", api.RoleNurse, func(h *harness) {}},
		{"queue_escalated", api.RoleSupervisor, func(h *harness) {}},
		{"queue_closed", api.RoleSupervisor, func(h *harness) { h.press("6") }},
		{"queue_filtered", api.RoleFrontDesk, func(h *harness) {
			h.press("/")
			h.typeText("clinic")
			h.press("enter", "F", "tab", "tab", "right", "enter")
		}},
		{"filters_form", api.RoleFrontDesk, func(h *harness) {
			h.press("F")
			h.typeText("me")
			h.press("tab", "right", "right")
		}},
		{"handoff_form", api.RoleFrontDesk, func(h *harness) {
			h.press("j", "j", "n")
			h.typeText("Asks whether to fast before the test")
		}},
		{"escalate_form_refused", api.RoleFrontDesk, func(h *harness) { h.press("j", "e", "enter") }},
		{"escalation_menu", api.RoleSupervisor, func(h *harness) { h.press("E") }},
		{"assign_form", api.RoleSupervisor, func(h *harness) {
			h.press("E", "1")
			h.typeText("lee")
		}},
		{"close_outcome", api.RoleNurse, func(h *harness) { h.press("j", "o", "C", "down", "down") }},
		{"thread_handoff", api.RoleNurse, func(h *harness) { h.press("j", "enter") }},
		{"full_help", api.RoleSupervisor, func(h *harness) { h.press("?") }},
		{"new_arrivals", api.RoleFrontDesk, func(h *harness) {
			h.press("j", "j")
			ts := api.ThreadSummary{ID: "n1", PatientLabel: "P-9001", Preview: "Hello?", State: api.ThreadOpen,
				Queue: api.QueueUnanswered, OptedIn: true, Inbound: 1, Unread: 1, Seq: 90, LastAt: t0,
				WaitingSince: t0.Add(-3 * 60 * 60 * 1e9)}
			// The server has it too: the counts that follow the event
			// agree with the rows held.
			h.fb.mu.Lock()
			h.fb.threads = append(h.fb.threads, ts)
			h.fb.mu.Unlock()
			h.fb.pushEvent(api.Event{Type: api.EventMessageNew, ThreadID: ts.ID, Thread: &ts})
			h.waitFor(func() bool { return h.m.list.q.newAbove == 1 })
		}},
		// A new patient's row in Unanswered previews the question; the
		// first-message explanation the server sent shows only as a small
		// marker beside a preview it does not cut (160 columns), never as
		// the preview.
		{"queue_unanswered_new_patient", api.RoleFrontDesk, func(h *harness) {
			ts := api.ThreadSummary{ID: "n2", PatientLabel: "P-9002", Preview: "Can I move my appointment?",
				State: api.ThreadOpen, Queue: api.QueueUnanswered, Inbound: 1, Unread: 1, Seq: 91, LastAt: t0,
				WaitingSince: t0.Add(-time.Minute), WindowOpenUntil: t0.Add(24 * time.Hour),
				LastOutStatus: "delivered", LastOutAuto: true}
			h.fb.mu.Lock()
			h.fb.threads = append(h.fb.threads, ts)
			h.fb.mu.Unlock()
			h.fb.pushEvent(api.Event{Type: api.EventMessageNew, ThreadID: ts.ID, Thread: &ts})
			h.waitFor(func() bool { _, ok := h.m.list.idx[ts.ID]; return ok })
		}},
	}
	themes := []struct {
		name  string
		theme Theme
	}{{"colour", DefaultTheme()}, {"nocolor", MonochromeTheme()}}
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		for _, th := range themes {
			for _, sc := range screens {
				t.Run(fmt.Sprintf("%s_%s_%dx%d", sc.name, th.name, size[0], size[1]), func(t *testing.T) {
					lipgloss.SetColorProfile(termenv.ANSI)
					defer lipgloss.SetColorProfile(termenv.Ascii)
					ft := newFakeTriage(sc.role)
					h := newTriageHarness(t, ft, Options{ServerName: "clinic.example", Theme: th.theme}, size[0], size[1])
					sc.setup(h)
					h.settle()
					golden.RequireEqual(t, []byte(h.view()))
				})
			}
		}
	}
}
