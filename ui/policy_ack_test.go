package ui

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/clinicwa/triage/store/api"
)

// ackRequired is the fake's "acknowledge the policy first" refusal, as
// the store's client gets it from the server.
func ackRequired() error {
	return &api.StatusError{Code: http.StatusForbidden, Message: "acknowledge the messaging policy first",
		Body: []byte(`{"error":"acknowledge the messaging policy first","code":"` + api.CodePolicyAckRequired + `"}`)}
}

// versionConflict is the store client's answer to an acknowledgment of a
// version no longer in force.
func versionConflict() error {
	return fmt.Errorf("%w: %w", api.ErrPolicyChanged, &api.StatusError{Code: http.StatusConflict, Message: "the policy changed"})
}

func testPolicy(version string, acked bool) api.MessagingPolicy {
	var b strings.Builder
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&b, "%d. Send only operational messages in WhatsApp; health details go to the secure portal, never into the thread.\n", i)
	}
	return api.MessagingPolicy{Version: version, Title: "Patient messaging policy", Text: b.String(), SHA256: "ab12", Acknowledged: acked}
}

func (f *fakeBackend) Policy(context.Context) (api.MessagingPolicy, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.policy, nil
}

func (f *fakeBackend) AcknowledgePolicy(_ context.Context, version, name string) (api.PolicyAckResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.ackErr != nil {
		return api.PolicyAckResponse{}, f.ackErr
	}
	if version != f.policy.Version {
		return api.PolicyAckResponse{}, versionConflict()
	}
	f.ackNames = append(f.ackNames, version+"/"+name)
	f.policy.Acknowledged = true
	return api.PolicyAckResponse{Version: version, At: t0}, nil
}

func (f *fakeBackend) ReviewStatus(context.Context) (api.ReviewStatus, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.review, f.reviewErr
}

// signInToPolicy signs in as a user who has not acknowledged the policy.
func signInToPolicy(h *harness) {
	h.t.Helper()
	h.typeText("dana")
	h.press("tab")
	h.typeText(h.fb.password)
	h.press("enter")
	if !h.waitFor(func() bool { return h.m.screen == screenPolicy && h.m.ack != nil }) {
		h.t.Fatalf("the policy screen did not open (screen %d)", h.m.screen)
	}
}

// TestPolicyAckGatesThreads: a user who has not acknowledged the policy
// sees it instead of the inbox, cannot go on without typing a name, and
// reaches the inbox once the acknowledgment is recorded.
func TestPolicyAckGatesThreads(t *testing.T) {
	fb := newFakeBackend()
	fb.policy = testPolicy("2026.1", false)
	h := newHarness(t, fb, Options{}, 120, 40)
	signInToPolicy(h)
	if v := h.view(); !strings.Contains(v, "Patient messaging policy") || !strings.Contains(v, "Version 2026.1") {
		t.Fatalf("policy screen lacks the policy:\n%s", v)
	}
	if len(h.m.list.rows) != 0 {
		t.Fatal("the inbox was filled before the acknowledgment")
	}
	h.press("enter")
	if !strings.Contains(h.view(), "Type your full name") || len(fb.ackNames) != 0 {
		t.Fatalf("an empty name was accepted (%v)", fb.ackNames)
	}
	// Letters typed go to the name, not to the console's shortcuts.
	h.typeText("Dana Q. Rivera")
	h.press("enter")
	if !h.waitFor(func() bool { return h.m.screen == screenMain && h.m.list.ready }) {
		t.Fatalf("the inbox did not open after the acknowledgment (screen %d)", h.m.screen)
	}
	if len(fb.ackNames) != 1 || fb.ackNames[0] != "2026.1/Dana Q. Rivera" {
		t.Fatalf("acknowledgments = %v", fb.ackNames)
	}
	if !strings.Contains(h.view(), "acknowledged") {
		t.Error("no confirmation shown")
	}

	// A new version of the policy: the next inbox load is refused, and
	// the console asks again, for the new version.
	fb.mu.Lock()
	fb.policy = testPolicy("2026.2", false)
	fb.mu.Unlock()
	h.press("R")
	if !h.waitFor(func() bool { return h.m.screen == screenPolicy && h.m.ack != nil }) {
		t.Fatal("a new policy version did not ask again")
	}
	if !strings.Contains(h.view(), "Version 2026.2") {
		t.Fatal("the new version is not the one shown")
	}
	h.typeText("Dana Q. Rivera")
	h.press("enter")
	if !h.waitFor(func() bool { return h.m.screen == screenMain }) || len(fb.ackNames) != 2 || fb.ackNames[1] != "2026.2/Dana Q. Rivera" {
		t.Fatalf("second acknowledgment = %v", fb.ackNames)
	}
}

// TestPolicyAckVersionChangedOnScreen: the policy changed while the old
// text was on screen; the console shows the new text instead of
// recording an acknowledgment of text nobody read.
func TestPolicyAckVersionChangedOnScreen(t *testing.T) {
	fb := newFakeBackend()
	fb.policy = testPolicy("2026.1", false)
	h := newHarness(t, fb, Options{}, 120, 40)
	signInToPolicy(h)
	fb.mu.Lock()
	fb.policy = testPolicy("2026.2", false)
	fb.mu.Unlock()
	h.typeText("Dana Rivera")
	h.press("enter")
	if !h.waitFor(func() bool { return h.m.ack != nil && h.m.ack.ackOf == "2026.2" }) {
		t.Fatal("the new version was not shown")
	}
	if len(fb.ackNames) != 0 {
		t.Fatalf("an acknowledgment of the old text was recorded: %v", fb.ackNames)
	}
}

// TestPolicyAckRefusalAndSignOut: a name the server refuses is explained
// and nothing opens; esc signs out.
func TestPolicyAckRefusalAndSignOut(t *testing.T) {
	fb := newFakeBackend()
	fb.policy = testPolicy("2026.1", false)
	fb.ackErr = &api.RefusedError{Refusal: api.Refusal{Rule: "full_name", Reason: "Type your full name (3 to 120 characters) to acknowledge the policy."}}
	h := newHarness(t, fb, Options{}, 120, 40)
	signInToPolicy(h)
	h.typeText("D.D")
	h.press("enter")
	if !h.waitFor(func() bool { return h.m.ack != nil && !h.m.ack.err.IsEmpty() }) || h.m.screen != screenPolicy {
		t.Fatal("the refusal was not shown")
	}
	h.press("esc")
	if !h.waitFor(func() bool { return h.m.screen == screenLogin }) {
		t.Fatal("esc did not sign out")
	}
}

// TestReviewDueShownToSupervisors: the header says the quarterly access
// review is due, for supervisors only.
func TestReviewDueShownToSupervisors(t *testing.T) {
	for _, role := range []api.Role{api.RoleSupervisor, api.RoleFrontDesk} {
		fb := newFakeBackend()
		fb.role = role
		fb.review = api.ReviewStatus{Due: true, NextDue: t0}
		h := newHarness(t, fb, Options{}, 120, 40)
		h.signIn()
		if role == api.RoleSupervisor && !h.waitFor(func() bool { return h.m.reviewDue }) {
			t.Fatal("the supervisor's console never learnt the review is due")
		}
		got := strings.Contains(h.view(), "access review due")
		if got != (role == api.RoleSupervisor) {
			t.Errorf("%s: review-due notice shown = %v", role, got)
		}
		if role == api.RoleSupervisor {
			// The notice has no key of its own: the full help says where
			// the review is done.
			h.press("?")
			h.mustSee("triaged access-review")
		}
	}
}

// TestPolicyAckGolden pins the acknowledgment screen at 80×24 and
// 160×50, in colour and under NO_COLOR (the monochrome theme).
func TestPolicyAckGolden(t *testing.T) {
	lipgloss.SetColorProfile(termenv.ANSI)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	for _, th := range []struct {
		name  string
		theme Theme
	}{{"colour", DefaultTheme()}, {"nocolor", MonochromeTheme()}} {
		for _, size := range [][2]int{{80, 24}, {160, 50}} {
			t.Run(fmt.Sprintf("%s_%dx%d", th.name, size[0], size[1]), func(t *testing.T) {
				fb := newFakeBackend()
				fb.policy = testPolicy("2026.1", false)
				h := newHarness(t, fb, Options{ServerName: "clinic.example", Theme: th.theme}, size[0], size[1])
				signInToPolicy(h)
				h.typeText("Dana Rivera")
				golden.RequireEqual(t, []byte(h.view()))
			})
		}
	}
}

func (f *fakeBackend) Vendors(context.Context) (api.VendorRegister, error) {
	return api.VendorRegister{Providers: []string{"twilio"},
		Vendors:  []api.Vendor{{Provider: "twilio", Vendor: "Twilio Inc.", BAASigned: true, SignedOn: "2025-01-10", Product: "Twilio WhatsApp Business API", NextReview: "2025-12-31"}},
		Findings: []string{"twilio: the BAA review was due 2025-12-31"}}, nil
}

// TestVendorRegisterForAdminsOnly: an admin opens the read-only register
// with V and closes it with esc; other roles have no such key.
func TestVendorRegisterForAdminsOnly(t *testing.T) {
	for _, role := range []api.Role{api.RoleAdmin, api.RoleSupervisor} {
		fb := newFakeBackend()
		fb.role = role
		h := newHarness(t, fb, Options{}, 120, 40)
		h.signIn()
		h.press("V")
		if role != api.RoleAdmin {
			h.settle()
			if h.m.vendors != nil {
				t.Fatalf("%s opened the vendor register", role)
			}
			continue
		}
		if !h.waitFor(func() bool { return h.m.vendors != nil && h.m.vendors.reg != nil }) {
			t.Fatalf("%s: the register did not open", role)
		}
		v := h.view()
		for _, want := range []string{"Vendor register", "Twilio Inc.", "BAA signed 2025-01-10", "review was due 2025-12-31"} {
			if !strings.Contains(v, want) {
				t.Errorf("register view lacks %q:\n%s", want, v)
			}
		}
		h.press("esc")
		if h.m.vendors != nil {
			t.Error("esc did not close the register")
		}
	}
}
