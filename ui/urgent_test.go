package ui

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/clinicwa/triage/store/api"
)

// An urgent event refetches the inbox for everyone and alerts the roles
// that act on emergencies; the front desk sees the mark, not the alert.
func TestUrgentEventAlertsNursesAndSupervisors(t *testing.T) {
	for _, tc := range []struct {
		role  api.Role
		alert bool
	}{{api.RoleFrontDesk, false}, {api.RoleNurse, true}, {api.RoleSupervisor, true}} {
		t.Run(string(tc.role), func(t *testing.T) {
			fb := newFakeBackend()
			fb.role = tc.role
			h := newHarness(t, fb, Options{}, 120, 40)
			h.signIn()
			fb.mu.Lock()
			inbox := fb.inboxHits
			fb.threads[2].Urgent = true
			fb.mu.Unlock()
			fb.pushEvent(api.Event{Seq: 1, Type: api.EventThreadUrgent, ThreadID: fb.threads[2].ID, MessageID: "m-urgent"})
			h.settle()
			if fb.inboxHits <= inbox {
				t.Fatal("an urgent event did not refetch the inbox")
			}
			h.mustSee("[URGENT]")
			if got := strings.Contains(h.view(), "possible emergency"); got != tc.alert {
				t.Errorf("alert shown = %v, want %v", got, tc.alert)
			}
		})
	}
}

// An urgent thread heads the inbox whatever its age.
func TestUrgentThreadHeadsTheInbox(t *testing.T) {
	in := fixtureThreads()
	last := len(in) - 1
	in[last].Urgent = true
	rows := make([]threadRow, len(in))
	for i, ts := range in {
		rows[i] = newThreadRow(ts)
	}
	sort.SliceStable(rows, func(i, j int) bool { return sortsBefore(rows[i], rows[j]) })
	if rows[0].id != in[last].ID || !rows[0].urgent {
		t.Fatalf("first row = %s, want the urgent thread %s", rows[0].id, in[last].ID)
	}
}

// Goldens of the inbox with an urgent thread and the nurse's alert, at
// 80×24 and 160×50, in colour and with NO_COLOR's monochrome theme.
func TestUrgentGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		for _, mono := range []bool{false, true} {
			name := fmt.Sprintf("urgent_alert_%dx%d_colour", size[0], size[1])
			theme := DefaultTheme()
			if mono {
				name = fmt.Sprintf("urgent_alert_%dx%d_nocolor", size[0], size[1])
				theme = MonochromeTheme()
			}
			t.Run(name, func(t *testing.T) {
				lipgloss.SetColorProfile(termenv.ANSI256)
				defer lipgloss.SetColorProfile(termenv.Ascii)
				fb := newFakeBackend()
				fb.role = api.RoleNurse
				h := newHarness(t, fb, Options{ServerName: "clinic.example", Theme: theme}, size[0], size[1])
				h.signIn()
				fb.mu.Lock()
				fb.threads[2].Urgent = true
				fb.mu.Unlock()
				fb.pushEvent(api.Event{Seq: 1, Type: api.EventThreadUrgent, ThreadID: fb.threads[2].ID})
				h.settle()
				h.mustSee("URGENT")
				golden.RequireEqual(t, []byte(h.view()))
			})
		}
	}
}
