package ui

import (
	"strings"
	"testing"
	"time"
)

// After the idle logoff a demo console signs in again with one key press:
// its random password lives only in memory, so nobody could type it.
func TestDemoSignsBackInAfterIdleLogoff(t *testing.T) {
	fb := newFakeBackend()
	fb.idle = 60
	h := newHarness(t, fb, Options{Demo: &DemoLogin{Username: "dana", Password: fb.password, Role: "frontdesk"}}, 120, 40)
	if !h.waitFor(func() bool { return h.m.screen == screenMain && h.m.list.ready }) {
		t.Fatal("the demo did not sign in by itself")
	}
	h.clock.advance(61 * time.Second)
	h.send(idleTickMsg{session: h.m.session})
	if h.m.screen != screenLogin {
		t.Fatal("still signed in after the idle timeout")
	}
	h.mustSee("Signed out after 1 minute idle", "demo: enter signs in again")
	before := len(fb.logins)
	h.press("enter")
	if !h.waitFor(func() bool { return h.m.screen == screenMain && h.m.list.ready }) {
		t.Fatalf("the demo did not sign in again (logins %v)", fb.logins[before:])
	}
	if got := fb.logins[len(fb.logins)-1]; !strings.HasPrefix(got, "dana/"+fb.password) {
		t.Errorf("signed in again as %q", got)
	}
}

// A real console's sign-in form stays empty after the idle logoff.
func TestRealConsoleFormStaysEmptyAfterLogoff(t *testing.T) {
	fb := newFakeBackend()
	fb.idle = 60
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.clock.advance(61 * time.Second)
	h.send(idleTickMsg{session: h.m.session})
	if v := h.m.login.inputs[0].Value() + h.m.login.inputs[1].Value(); v != "" {
		t.Errorf("sign-in form holds %q after logoff", v)
	}
	h.mustNotSee("demo: enter signs in again")
}
