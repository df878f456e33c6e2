package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/auth"
)

const testTOTPSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

// withEnrolment makes the fake answer a right password with an
// enrolment, its QR code drawn as the real console draws it.
func withEnrolment(t *testing.T, fb *fakeBackend) {
	t.Helper()
	uri := "otpauth://totp/Clinic%20Triage:dana?algorithm=SHA1&digits=6&issuer=Clinic+Triage&period=30&secret=" + testTOTPSecret
	qr, err := auth.TerminalQR(uri)
	if err != nil {
		t.Fatal(err)
	}
	fb.enrolment = &api.EnrolmentRequiredError{QR: qr, Enrolment: api.TOTPEnrolment{
		Token: "enrol-token", URI: uri, Secret: testTOTPSecret, ExpiresAt: t0.Add(10 * time.Minute)}}
	fb.enrolCode = "492039"
}

func TestEnrolmentShowsQROnceThenRecoveryCodesOnce(t *testing.T) {
	fb := newFakeBackend()
	withEnrolment(t, fb)
	h := newHarness(t, fb, Options{}, 120, 50)
	h.typeText("dana")
	h.press("tab")
	h.typeText(fb.password)
	h.press("enter")
	if h.m.screen != screenEnrol {
		t.Fatalf("screen %v after a right password without an authenticator", h.m.screen)
	}
	h.mustSee("Set up your authenticator app", "JBSW Y3DP EHPK 3PXP", "▀")
	h.mustNotSee(fb.password)

	h.typeText("12345")
	h.press("enter")
	h.mustSee("6-digit code")
	if len(fb.enrols) != 0 {
		t.Fatal("a short code was sent")
	}
	h.typeText("111111")
	h.press("enter")
	h.mustSee("✗ that code did not work")
	if h.m.screen != screenEnrol {
		t.Fatal("a wrong code left the enrolment")
	}
	h.typeText(fb.enrolCode)
	h.press("enter")
	if fb.enrols[len(fb.enrols)-1] != "enrol-token/"+fb.enrolCode {
		t.Fatalf("enrol calls: %v", fb.enrols)
	}
	h.mustSee("Save your recovery codes", "7k2m-q9xd-4hnc-p0tw", "zz00-yy11-xx22-ww33")
	h.mustNotSee("JBSW Y3DP")
	if h.m.enrol != nil {
		t.Error("the TOTP secret is still held after enrolment")
	}
	h.press("enter")
	if !h.waitFor(func() bool { return h.m.screen == screenMain && h.m.list.ready }) {
		t.Fatal("not signed in after saving the codes")
	}
	h.mustNotSee("7k2m-q9xd-4hnc-p0tw")
	if h.m.recovery != nil {
		t.Error("recovery codes still held after they were shown")
	}
}

func TestEnrolmentSmallWindowShowsKeyOnly(t *testing.T) {
	fb := newFakeBackend()
	withEnrolment(t, fb)
	h := newHarness(t, fb, Options{}, 80, 24)
	h.typeText("dana")
	h.press("tab")
	h.typeText(fb.password)
	h.press("enter")
	h.mustSee("enlarge it, or type", "JBSW Y3DP")
	h.mustNotSee("▀▀▀")
	h.press("esc")
	if h.m.screen != screenLogin || h.m.enrol != nil {
		t.Fatal("esc did not go back to sign-in")
	}
	h.mustSee("Enrolment cancelled")
}

// openAsNurse signs in as a nurse and opens the first thread (t1).
func openAsNurse(t *testing.T, fb *fakeBackend) *harness {
	fb.role = api.RoleNurse
	fb.revealText = "Hi, this is Zebulon Quixote, my number is 415-555-0199."
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("enter")
	if !h.waitFor(func() bool { return h.m.pane.view != nil }) {
		t.Fatal("thread did not open")
	}
	return h
}

func TestRevealAsksWhyShowsAndHidesAgain(t *testing.T) {
	fb := newFakeBackend()
	h := openAsNurse(t, fb)
	if h.m.pane.sel != "m4" {
		t.Fatalf("default selection %q, want the newest patient message", h.m.pane.sel)
	}
	h.press("[")
	if h.m.pane.sel != "m1" {
		t.Fatalf("selection after [: %q", h.m.pane.sel)
	}
	h.press("v")
	h.mustSee("Reveal the unmasked text? Why:")
	h.typeText("why")
	h.press("enter")
	h.mustSee("at least 10 characters")
	if len(fb.reveals) != 0 {
		t.Fatal("a reveal without a real reason was sent")
	}
	h.typeText(" is the date needed")
	h.press("enter")
	if len(fb.reveals) != 1 || fb.reveals[0] != "t1/m1/why is the date needed" {
		t.Fatalf("reveal calls: %v", fb.reveals)
	}
	h.mustSee("REVEALED · hides in 5:00", "Zebulon Quixote")
	h.clock.advance(2*time.Minute + 30*time.Second)
	h.send(revealTickMsg{session: h.m.session})
	h.mustSee("REVEALED · hides in 2:30")
	h.clock.advance(2*time.Minute + 30*time.Second)
	h.send(revealTickMsg{session: h.m.session})
	h.mustNotSee("Zebulon", "REVEALED")
	if h.m.pane.revealed != nil || strings.Contains(h.m.pane.vp.View(), "Zebulon") {
		t.Fatal("revealed text kept after expiry")
	}
	h.mustSee("Revealed text hidden again")
}

func TestRevealDroppedOnLeavingThreadAndLogoff(t *testing.T) {
	fb := newFakeBackend()
	h := openAsNurse(t, fb)
	reveal := func() {
		h.press("v")
		h.typeText("callback needs the number")
		h.press("enter")
		h.mustSee("Zebulon")
	}
	reveal()
	h.press("esc")
	if h.m.pane.revealed != nil {
		t.Fatal("revealed text kept after leaving the thread")
	}
	h.mustNotSee("Zebulon")
	h.press("enter")
	h.waitFor(func() bool { return h.m.pane.view != nil })
	reveal()
	h.press("tab", "j", "enter") // open another thread from the list
	h.waitFor(func() bool { return h.m.pane.id != "t1" })
	h.mustNotSee("Zebulon")
	if h.m.pane.revealed != nil {
		t.Fatal("revealed text kept after opening another thread")
	}
	h.press("esc", "k", "enter")
	h.waitFor(func() bool { return h.m.pane.id == "t1" && h.m.pane.view != nil })
	reveal()
	h.press("L")
	if h.m.pane.revealed != nil || h.m.screen != screenLogin {
		t.Fatal("revealed text kept after sign-out")
	}
	h.mustNotSee("Zebulon")
}

func TestRevealOffForFrontDesk(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("enter")
	h.waitFor(func() bool { return h.m.pane.view != nil })
	h.mustNotSee("▸ ")
	h.press("v")
	h.mustSee("Front desk cannot reveal masked text")
	if h.m.revealAsk != nil || len(fb.reveals) != 0 {
		t.Fatal("front desk got a reveal prompt")
	}
	h.press("?")
	// v is not offered in the help (it is not the front desk's key); the
	// full help says in words why masked text stays masked.
	h.mustSee("v is off: Front desk cannot reveal")
	h.mustNotSee("reveal (not for your role)")
}

func TestRevealRefusalAndHostileText(t *testing.T) {
	fb := newFakeBackend()
	h := openAsNurse(t, fb)
	fb.revealErr = &api.RefusedError{Refusal: api.Refusal{Rule: "reason", Reason: "Say why you need the unmasked text."}}
	h.press("v")
	h.typeText("ten chars at least")
	h.press("enter")
	h.mustSee("Not revealed: Say why")
	fb.revealErr = nil
	fb.revealText = hostile
	h.press("v")
	h.typeText("ten chars at least")
	h.press("enter")
	h.mustSee("REVEALED")
	if v := h.view(); strings.ContainsAny(v, "\x1b\x07\u202E\r") {
		t.Fatalf("revealed text reached the terminal unsanitised: %q", v)
	}
}

func TestResumedSessionStartsOnInbox(t *testing.T) {
	fb := newFakeBackend()
	resp := api.LoginResponse{Token: "kept", User: api.User{ID: "u1", Username: "dana", Role: api.RoleFrontDesk}, IdleTimeoutSeconds: 600}
	h := newHarness(t, fb, Options{Resume: &resp}, 120, 40)
	if !h.waitFor(func() bool { return h.m.screen == screenMain && h.m.list.ready }) {
		t.Fatal("resumed session did not open the inbox")
	}
	if len(fb.logins) != 0 {
		t.Error("a resumed session signed in again")
	}
}
