package ui

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// The fake backend's incident half: it keeps one register in memory and
// applies updates the way the server does (version check included).
func (f *fakeBackend) OpenIncident(_ context.Context, req api.OpenIncidentRequest) (api.Incident, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.incidentReports = append(f.incidentReports, req)
	return api.Incident{ID: "inc_new", Kind: req.Kind, ThreadID: req.ThreadID, State: "open", Version: 1}, nil
}

func (f *fakeBackend) Incidents(context.Context) ([]api.Incident, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := []api.Incident{}
	for _, inc := range f.incidents {
		inc.Description, inc.Assessment, inc.Reasoning = "", api.IncidentAssessment{}, ""
		out = append(out, inc)
	}
	return out, nil
}

func (f *fakeBackend) Incident(_ context.Context, id string) (api.Incident, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, inc := range f.incidents {
		if inc.ID == id {
			return inc, nil
		}
	}
	return api.Incident{}, fmt.Errorf("no such incident")
}

func (f *fakeBackend) UpdateIncident(_ context.Context, id string, u api.IncidentUpdate) (api.Incident, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.incidentUpdates = append(f.incidentUpdates, u)
	for i := range f.incidents {
		inc := &f.incidents[i]
		if inc.ID != id {
			continue
		}
		if u.Version != inc.Version {
			return api.Incident{}, fmt.Errorf("the incident changed since it was loaded; load it again")
		}
		if u.Assessment != nil {
			inc.Assessment = *u.Assessment
		}
		for _, d := range u.Done {
			for j := range inc.Steps {
				if inc.Steps[j].ID == d {
					inc.Steps[j].Done, inc.Steps[j].DoneBy = true, "dana"
				}
			}
		}
		if u.Outcome != "" {
			inc.Outcome, inc.Reasoning, inc.State, inc.DecidedBy = u.Outcome, u.Reasoning, "closed", "dana"
		}
		inc.Version++
		return *inc, nil
	}
	return api.Incident{}, fmt.Errorf("no such incident")
}

// incidentFixture is one open incident discovered 45 days before t0.
func incidentFixture() []api.Incident {
	disc := t0.Add(-45 * 24 * time.Hour)
	return []api.Incident{{
		ID: "inc_1", Kind: policy.IncidentWrongRecipient, ThreadID: "t1", PatientLabel: "P-1042", OpenedBy: "sam",
		DiscoveredAt: disc, OpenedAt: disc, Description: "Reminder with the [DATE] appointment went to another number",
		Steps: []api.IncidentStep{{ID: "ask_delete", Label: "Ask the recipient to delete the message"},
			{ID: "revoke_link", Label: "Revoke the portal link"}, {ID: "rotate_token", Label: "Rotate the token"}},
		State: "open", NotifyBy: policy.NotifyBy(disc), DaysLeft: policy.DaysLeft(disc, t0), Version: 1,
	}}
}

// Anyone at the desk reports an incident from the thread in view; the
// report names the thread, the kind and the description.
func TestReportIncidentFromThread(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("enter", "I")
	h.mustSee("Report an incident", "sent to the wrong patient")
	h.press("1")
	h.typeText("Sent the reminder to the wrong number")
	h.press("enter")
	h.mustSee("Incident reported")
	fb.mu.Lock()
	defer fb.mu.Unlock()
	if len(fb.incidentReports) != 1 {
		t.Fatalf("%d reports sent", len(fb.incidentReports))
	}
	r := fb.incidentReports[0]
	if r.ThreadID != "t1" || r.Kind != policy.IncidentWrongRecipient || r.Description != "Sent the reminder to the wrong number" {
		t.Errorf("report = %+v", r)
	}
}

// A nurse cannot open the register: the key says why, at once.
func TestIncidentRegisterIsForSupervisors(t *testing.T) {
	fb := newFakeBackend()
	fb.role = api.RoleNurse
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("X")
	h.mustSee("cannot view incidents")
	if h.m.incidents != nil {
		t.Error("the register opened for a nurse")
	}
}

// A supervisor works an incident: the clock counts down, a step is
// checked off, the four factors are typed, and the outcome is decided
// with its reasoning; each change is made against the version on screen.
func TestSupervisorWorksAnIncident(t *testing.T) {
	fb := newFakeBackend()
	fb.role = api.RoleSupervisor
	fb.incidents = incidentFixture()
	h := newHarness(t, fb, Options{}, 160, 50)
	h.signIn()
	h.press("X")
	h.mustSee("Incidents (1)", "P-1042", "15 days left to notify")
	h.press("enter")
	h.mustSee("Four-factor risk assessment", "Ask the recipient to delete")
	h.press("1")
	h.mustSee("[x] Ask the recipient")
	h.press("a")
	for _, f := range []string{"A date and a label", "Another patient", "Not read: sent and deleted", "Deleted by phone"} {
		h.typeText(f)
		h.press("enter")
	}
	h.mustSee("Another patient", "Deleted by phone")
	h.press("o", "l")
	h.typeText("Not viewed and deleted at once")
	h.press("enter")
	h.mustSee("Outcome: low probability of compromise")
	fb.mu.Lock()
	defer fb.mu.Unlock()
	if n := len(fb.incidentUpdates); n != 3 {
		t.Fatalf("%d updates, want 3 (step, assessment, outcome)", n)
	}
	for i, u := range fb.incidentUpdates {
		if u.Version != i+1 {
			t.Errorf("update %d made against version %d, want %d", i, u.Version, i+1)
		}
	}
	if a := fb.incidentUpdates[1].Assessment; a == nil || a.Recipient != "Another patient" || a.Mitigation != "Deleted by phone" {
		t.Errorf("assessment sent = %+v", a)
	}
}

// Goldens of the report form, the register and one incident, at 80×24
// and 160×50, in colour and with NO_COLOR's monochrome theme.
func TestIncidentGolden(t *testing.T) {
	screens := []struct {
		name  string
		role  api.Role
		setup func(h *harness)
	}{
		{"incident_report", api.RoleFrontDesk, func(h *harness) { h.press("enter", "I", "2") }},
		{"incident_register", api.RoleSupervisor, func(h *harness) { h.press("X") }},
		{"incident_detail", api.RoleSupervisor, func(h *harness) { h.press("X", "enter", "2") }},
	}
	for _, sc := range screens {
		for _, size := range [][2]int{{80, 24}, {160, 50}} {
			for _, mono := range []bool{false, true} {
				name, theme := fmt.Sprintf("%s_%dx%d_colour", sc.name, size[0], size[1]), DefaultTheme()
				if mono {
					name, theme = fmt.Sprintf("%s_%dx%d_nocolor", sc.name, size[0], size[1]), MonochromeTheme()
				}
				t.Run(name, func(t *testing.T) {
					lipgloss.SetColorProfile(termenv.ANSI256)
					defer lipgloss.SetColorProfile(termenv.Ascii)
					fb := newFakeBackend()
					fb.role = sc.role
					fb.incidents = incidentFixture()
					h := newHarness(t, fb, Options{ServerName: "clinic.example", Theme: theme}, size[0], size[1])
					h.signIn()
					sc.setup(h)
					h.settle()
					golden.RequireEqual(t, []byte(h.view()))
				})
			}
		}
	}
}
