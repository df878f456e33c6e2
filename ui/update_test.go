package ui

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/clinicwa/triage/store/api"
)

func TestKeyActions(t *testing.T) {
	k := DefaultKeyMap()
	tests := []struct {
		ctx  keyContext
		key  string
		want action
	}{
		{ctxList, "j", actDown},
		{ctxList, "down", actDown},
		{ctxList, "k", actUp},
		{ctxList, "enter", actOpen},
		{ctxList, "r", actReply},
		{ctxList, "m", actMacros},
		{ctxList, "n", actHandoff},
		{ctxList, "R", actRefresh},
		{ctxList, "f5", actRefresh},
		{ctxList, "?", actHelp},
		{ctxList, "L", actLogout},
		{ctxList, "q", actQuit},
		{ctxList, "ctrl+c", actQuit},
		{ctxList, "tab", actSwitchPane},
		{ctxList, "p", actNone}, // only after a refusal, in the thread
		{ctxList, "x", actNone},
		{ctxThread, "esc", actBack},
		{ctxThread, "pgdown", actPageDown},
		{ctxThread, "p", actPortalLink},
		{ctxThread, "G", actBottom},
		// While typing, letters are text, not shortcuts.
		{ctxComposer, "q", actForward},
		{ctxComposer, "m", actForward},
		{ctxComposer, "n", actForward},
		{ctxComposer, "?", actForward},
		{ctxComposer, "enter", actSend},
		{ctxComposer, "alt+enter", actForward},
		{ctxComposer, "esc", actLeave},
		{ctxComposer, "ctrl+c", actQuit},
		{ctxLogin, "q", actForward},
		{ctxLogin, "tab", actNextField},
		{ctxLogin, "down", actNextField},
		{ctxLogin, "shift+tab", actPrevField},
		{ctxLogin, "enter", actSubmit},
		{ctxLogin, "ctrl+c", actQuit},
		{ctxPicker, "enter", actChoose},
		{ctxPicker, "esc", actClose},
		{ctxPicker, "j", actDown},
		{ctxPicker, "q", actNone},
		{ctxConfirm, "y", actConfirm},
		{ctxConfirm, "n", actCancel},
		{ctxConfirm, "esc", actCancel},
		{ctxConfirm, "enter", actNone}, // never confirm a hand-off by reflex
		{ctxFatal, "q", actQuit},
	}
	for _, tt := range tests {
		if got := k.resolve(tt.ctx, keyMsg(tt.key)); got != tt.want {
			t.Errorf("context %d key %q: action %d, want %d", tt.ctx, tt.key, got, tt.want)
		}
	}
}

func TestNoBindingUsesAmbiguousKeys(t *testing.T) {
	forbidden := []string{"ctrl+h", "ctrl+i", "ctrl+m", "ctrl+[", "ctrl+j", "ctrl+k", "ctrl+l"}
	v := reflect.ValueOf(DefaultKeyMap())
	for i := range v.NumField() {
		b := v.Field(i).Interface().(key.Binding)
		for _, k := range b.Keys() {
			if slices.Contains(forbidden, k) {
				t.Errorf("%s binds %s", v.Type().Field(i).Name, k)
			}
		}
		if b.Help().Key == "" || b.Help().Desc == "" {
			t.Errorf("%s has no help text", v.Type().Field(i).Name)
		}
	}
}

func TestHelpFollowsFocus(t *testing.T) {
	h := newHarness(t, newFakeBackend(), Options{}, 120, 40)
	h.mustSee("sign in", "next field")
	h.signIn()
	h.mustSee("open", "reply", "macros", "hand to nurse")
	h.press("r")
	h.mustSee("send", "leave composer", "new line")
	h.mustNotSee("hand to nurse")
	h.press("esc", "?")
	h.mustSee("page down", "log out", "switch pane")
}

func TestLogin(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 80, 24)
	h.mustSee("Username", "Password", "Code")

	h.typeText("dana")
	h.press("tab")
	h.typeText("wrong")
	h.mustNotSee("wrong") // no password echo
	h.press("tab")
	h.typeText("123456")
	h.press("enter")
	if h.m.screen != screenLogin {
		t.Fatal("signed in with a wrong password")
	}
	h.mustSee("Sign-in failed: wrong username or password")
	if got := fb.logins[0]; got != "dana/wrong/123456" {
		t.Errorf("Login got %q", got)
	}
	if h.m.login.inputs[1].Value() != "" {
		t.Error("the password stays in the form after submit")
	}

	h.press("shift+tab") // back to the password field
	h.typeText(fb.password)
	h.press("enter")
	if h.m.screen != screenMain {
		t.Fatalf("not signed in: %q", h.m.login.err)
	}
	// Newest activity first, whatever order the server used.
	var order []string
	for _, r := range h.m.list.rows {
		order = append(order, r.id)
	}
	if want := []string{"t1", "t2", "t4", "t3"}; !slices.Equal(order, want) {
		t.Errorf("inbox order %v, want %v", order, want)
	}
	// Every row's patient wrote last, so no delivery status leads a
	// preview (TestPreviewPutsLatestMessageFirst has the clinic's side).
	h.mustSee("dana (frontdesk)", "Inbox (4)", "P-1042", "●2", "[NURSE]", "[NO OPT-IN]", "OVERDUE 3h")
	h.mustNotSee("✓✓ delivered", "✗ failed")
}

func TestEmptyLoginIsNotSent(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 80, 24)
	h.press("enter")
	h.mustSee("Enter your username and password.")
	if len(fb.logins) != 0 {
		t.Error("an empty form reached the server")
	}
}

func TestDemoLoginMarksHeader(t *testing.T) {
	fb := newFakeBackend()
	fb.role = api.RoleNurse
	h := newHarness(t, fb, Options{Demo: &DemoLogin{Username: "demo-nurse", Password: fb.password, Role: "nurse"}}, 80, 24)
	if h.m.screen != screenMain {
		t.Fatal("demo did not sign in by itself")
	}
	h.mustSee("DEMO LOGIN · nurse", "Inbox (4)")
}

func TestOpenThread(t *testing.T) {
	h := newHarness(t, newFakeBackend(), Options{}, 120, 40)
	h.signIn()
	h.press("enter")
	h.mustSee("Thread · P-1042", "← Patient", "[PHONE]", "Masked: DATE, NAME, PHONE",
		"✓✓ read", "✗ failed", "✗ Why: The patient's number is not on WhatsApp", "✓✓ delivered", "○ queued",
		"quick reply", "24-hour window open: closes in 23h 55m")
	h.press("esc", "j", "enter") // the clinical thread
	h.mustSee("Thread · P-2210", "[CLINICAL]", "Masked: DATE, SYMPTOM")
	h.press("esc", "G", "enter") // the opted-out thread, window closed
	h.mustSee("24-hour window closed 2h ago", "Opted out · patient keyword", "until the patient writes START")
	h.press("esc", "k", "enter") // a new number: explanation sent, a request to stop flagged
	h.mustSee("Until the patient replies YES", "may have asked to stop")
}

func TestLateThreadAnswerIsDropped(t *testing.T) {
	h := newHarness(t, newFakeBackend(), Options{}, 120, 40)
	h.signIn()
	h.press("enter") // opens t1 (generation 1)
	staleGen := h.m.pane.gen
	h.press("esc", "j", "enter") // opens t2
	if h.m.pane.id != "t2" {
		t.Fatalf("open thread %q", h.m.pane.id)
	}
	// t1's answer arrives late: it must not paint over t2.
	h.send(threadMsg{session: h.m.session, gen: staleGen, threadID: "t1", detail: fixtureDetails()["t1"]})
	h.mustSee("Thread · P-2210")
	h.mustNotSee("Thread · P-1042")
	// Nor may an answer for the right id from an older request.
	old := fixtureDetails()["t2"]
	old.Thread.PatientLabel = "OLD"
	h.send(threadMsg{session: h.m.session, gen: h.m.pane.gen - 1, threadID: "t2", detail: old})
	h.mustNotSee("OLD")
	// Nor one from a previous session.
	h.send(inboxPageMsg{session: h.m.session - 1, gen: h.m.list.gen})
	if len(h.m.list.rows) != 4 {
		t.Error("an old session's inbox replaced the current one")
	}
}

func TestComposerDisablesLetterShortcuts(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("enter", "r")
	h.typeText("q m n L ?")
	if h.quit || h.m.picker != nil || h.m.confirm != nil || h.m.screen != screenMain {
		t.Fatal("a letter typed in the composer acted as a shortcut")
	}
	if got := h.m.composer.ta.Value(); got != "q m n L ?" {
		t.Errorf("composer holds %q", got)
	}
	h.press("alt+enter")
	h.typeText("x")
	if got := h.m.composer.ta.Value(); got != "q m n L ?\nx" {
		t.Errorf("alt+enter: composer holds %q", got)
	}
	h.press("esc")
	if h.m.focus != focusThread {
		t.Error("esc did not leave the composer")
	}
	h.press("q")
	if !h.quit {
		t.Error("q does not quit once the composer is left")
	}
}

func TestSendText(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("enter", "r")
	h.press("enter") // empty: nothing sent
	if len(fb.snapshotSends()) != 0 {
		t.Fatal("an empty reply was sent")
	}
	before := fb.fetchCount("t1")
	h.typeText("See you at 3")
	h.press("enter")
	sends := fb.snapshotSends()
	if len(sends) != 1 || sends[0].threadID != "t1" || sends[0].req.Text != "See you at 3" || sends[0].req.IdempotencyKey == "" {
		t.Fatalf("sends %+v", sends)
	}
	if h.m.composer.ta.Value() != "" {
		t.Error("the composer keeps the sent text")
	}
	if fb.fetchCount("t1") <= before {
		t.Error("the thread was not refreshed after sending")
	}
	h.mustSee("Message to P-1042 queued")
}

func TestRetryAfterTransientErrorReusesKey(t *testing.T) {
	fb := newFakeBackend()
	fails := 1
	fb.sendErr = func(string, api.SendRequest) error {
		if fails > 0 {
			fails--
			return errors.New("central endpoint unreachable")
		}
		return nil
	}
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("enter", "r")
	h.typeText("Running late?")
	h.press("enter")
	h.mustSee("Message not sent: central endpoint unreachable")
	if h.m.composer.ta.Value() != "Running late?" {
		t.Fatal("the draft was lost on a transient error")
	}
	h.press("enter")
	s := fb.snapshotSends()
	if len(s) != 2 || s[0].req.IdempotencyKey != s[1].req.IdempotencyKey {
		t.Fatalf("a retry of the same text must reuse its idempotency key: %+v", s)
	}
	// New text is a new message, with a new key.
	h.press("r")
	h.typeText("Another")
	h.press("enter")
	s = fb.snapshotSends()
	if s[2].req.IdempotencyKey == s[1].req.IdempotencyKey {
		t.Error("a new message reused the previous key")
	}
}

func TestRefusalOffersPortalLink(t *testing.T) {
	fb := newFakeBackend()
	fb.sendErr = func(_ string, req api.SendRequest) error {
		if req.Text != "" {
			return &api.RefusedError{Refusal: api.Refusal{Rule: "phi", Reason: "The reply looks like it holds a date of birth.",
				SpanTypes: []string{"DOB"}, OfferPortalLink: true}}
		}
		return nil
	}
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("enter", "r")
	h.typeText("Your DOB is 01/02/1980")
	h.press("enter")
	h.mustSee("Not sent (phi): The reply looks like it holds a date of birth.", "Found: DOB",
		"press p to send the secure-portal link instead")
	if h.m.composer.ta.Value() != "Your DOB is 01/02/1980" {
		t.Error("the refused draft was lost")
	}
	h.press("p")
	s := fb.snapshotSends()
	if len(s) != 2 {
		t.Fatalf("sends %+v", s)
	}
	if s[1].req.MacroID != portalMacroID || s[1].req.Text != "" || s[1].threadID != "t1" {
		t.Errorf("p sent %+v", s[1])
	}
	if s[1].req.IdempotencyKey == "" || s[1].req.IdempotencyKey == s[0].req.IdempotencyKey {
		t.Error("the portal link needs a fresh idempotency key")
	}
	h.mustSee("Secure-portal link to P-1042 queued")
	h.mustNotSee("press p to send")
}

func TestRefusalWithoutPortalOffer(t *testing.T) {
	fb := newFakeBackend()
	fb.sendErr = func(string, api.SendRequest) error {
		return &api.RefusedError{Refusal: api.Refusal{Rule: "quiet_hours", Reason: "It is 22:10 for the patient."}}
	}
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("enter", "r")
	h.typeText("hello")
	h.press("enter")
	h.mustSee("Not sent (quiet_hours): It is 22:10 for the patient.")
	h.mustNotSee("press p")
	h.press("p")
	if len(fb.snapshotSends()) != 1 {
		t.Error("p sent a portal link that was not offered")
	}
}

func TestMacroPicker(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("m") // from the list: opens the selected thread too
	if h.m.picker == nil || h.m.pane.id != "t1" {
		t.Fatalf("picker %v open %q", h.m.picker != nil, h.m.pane.id)
	}
	h.mustSee("Quick replies", "Move to the secure portal", "Preview:")
	h.mustNotSee("Test results are in the portal") // nurses only
	h.press("esc")
	if h.m.picker != nil {
		t.Fatal("esc did not close the picker")
	}
	h.press("m", "j", "j", "j", "enter") // parking-directions
	s := fb.snapshotSends()
	if len(s) != 1 || s[0].req.MacroID != "parking-directions" || s[0].req.Text != "" || s[0].req.IdempotencyKey == "" {
		t.Fatalf("sends %+v", s)
	}
	h.press("m", "enter")
	s = fb.snapshotSends()
	if s[1].req.IdempotencyKey == s[0].req.IdempotencyKey {
		t.Error("each macro send needs a fresh idempotency key")
	}
	h.mustSee("Secure-portal link to P-1042 queued")
}

func TestMacroPickerForNurse(t *testing.T) {
	fb := newFakeBackend()
	fb.role = api.RoleNurse
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("m")
	h.mustSee("Test results are in the portal")
}

func TestHandoffAsksFirst(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("n")
	h.mustSee("Hand P-1042 to the nurses' queue?")
	h.press("esc")
	h.press("n", "enter", "n")
	if len(fb.handoffs) != 0 {
		t.Fatal("handed off without a yes")
	}
	h.press("n", "y")
	if !slices.Equal(fb.handoffs, []string{"t1"}) {
		t.Fatalf("handoffs %v", fb.handoffs)
	}
	h.mustSee("Handed to the nurses' queue")
	// A thread already with the nurses cannot be handed off again.
	h.press("j", "n")
	if h.m.confirm != nil {
		t.Error("offered to hand off a thread the nurses already hold")
	}
}

func TestIdleLogoffClearsEverything(t *testing.T) {
	fb := newFakeBackend()
	fb.idle = 120
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("enter", "r")
	h.typeText("draft")
	h.clock.advance(119 * time.Second)
	h.send(idleTickMsg{session: h.m.session})
	if h.m.screen != screenMain {
		t.Fatal("signed out before the idle timeout")
	}
	h.press("x") // activity resets the timer
	h.clock.advance(119 * time.Second)
	h.send(idleTickMsg{session: h.m.session})
	if h.m.screen != screenMain {
		t.Fatal("a key press did not reset the idle timer")
	}
	h.clock.advance(2 * time.Second)
	h.send(idleTickMsg{session: h.m.session})
	if h.m.screen != screenLogin {
		t.Fatal("still signed in after the idle timeout")
	}
	h.mustSee("Signed out after 2 minutes idle")
	h.mustNotSee("P-1042", "draft")
	if h.m.list.rows != nil || h.m.pane.view != nil || h.m.pane.id != "" || h.m.composer.ta.Value() != "" || h.m.user.Username != "" {
		t.Error("thread data left in memory after logoff")
	}
	if fb.logouts != 1 {
		t.Errorf("Logout called %d times", fb.logouts)
	}
	// Answers still in flight for the old session change nothing.
	h.send(inboxPageMsg{session: h.m.session - 1, gen: h.m.list.gen, page: api.ThreadPage{Threads: fixtureThreads()}})
	if h.m.list.rows != nil {
		t.Error("an old session's answer filled the inbox after logoff")
	}
}

func TestDefaultIdleTimeout(t *testing.T) {
	h := newHarness(t, newFakeBackend(), Options{}, 80, 24)
	h.signIn()
	h.clock.advance(599 * time.Second)
	h.send(idleTickMsg{session: h.m.session})
	if h.m.screen != screenMain {
		t.Fatal("signed out before 10 minutes")
	}
	h.clock.advance(time.Second)
	h.send(idleTickMsg{session: h.m.session})
	h.mustSee("Signed out after 10 minutes idle")
}

func TestLogoutKey(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 80, 24)
	h.signIn()
	h.press("L")
	if h.m.screen != screenLogin || fb.logouts != 1 || h.m.list.rows != nil {
		t.Fatalf("screen %d logouts %d", h.m.screen, fb.logouts)
	}
}

func TestLiveEvents(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("enter")
	if fb.eventSubs != 1 {
		t.Fatalf("subscribed %d times", fb.eventSubs)
	}
	fb.mu.Lock()
	inbox := fb.inboxHits
	fb.threads[1].Unread = 5
	fb.mu.Unlock()
	t1 := fb.fetchCount("t1")

	fb.pushEvent(api.Event{Seq: 1, Type: api.EventMessageNew, ThreadID: "t1"})
	h.settle()
	if fb.inboxHits <= inbox || fb.fetchCount("t1") <= t1 {
		t.Fatalf("event for the open thread: inbox %d→%d, thread %d→%d", inbox, fb.inboxHits, t1, fb.fetchCount("t1"))
	}
	h.mustSee("●5")

	// An event for another thread refreshes the inbox only; the reader
	// stays armed for the next one.
	t1 = fb.fetchCount("t1")
	fb.pushEvent(api.Event{Seq: 2, Type: api.EventMessageStatus, ThreadID: "t4", Status: "read"})
	h.settle()
	fb.pushEvent(api.Event{Seq: 3, Type: api.EventThreadUpdated, ThreadID: "t2"})
	h.settle()
	if fb.fetchCount("t1") != t1 {
		t.Error("an event for another thread refetched the open one")
	}
	if got := fb.inboxHits; got < inbox+3 {
		t.Errorf("inbox fetched %d times after 3 events", got-inbox)
	}
}

// TestResyncRefetchesEverythingShown: the server dropped the stream
// because the console fell behind, so events were lost; the inbox and the
// open thread are fetched again whatever thread the event names.
func TestResyncRefetchesEverythingShown(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("enter")
	fb.mu.Lock()
	inbox := fb.inboxHits
	fb.mu.Unlock()
	t1 := fb.fetchCount("t1")
	fb.pushEvent(api.Event{Type: api.EventResync})
	h.settle()
	fb.mu.Lock()
	hits := fb.inboxHits
	fb.mu.Unlock()
	if hits <= inbox || fb.fetchCount("t1") <= t1 {
		t.Fatalf("after a resync: inbox %d→%d, open thread %d→%d", inbox, hits, t1, fb.fetchCount("t1"))
	}
}

func TestEventStreamReconnectsWithBackoff(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 80, 24)
	h.signIn()
	var delays []time.Duration
	for range 7 {
		h.m.onEvents(eventsClosedMsg{session: h.m.session})
		delays = append(delays, h.m.eventsBackoff)
	}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second}
	if !slices.Equal(delays, want) {
		t.Errorf("backoff %v, want %v", delays, want)
	}
	subs := fb.eventSubs
	h.send(resubscribeMsg{session: h.m.session})
	if fb.eventSubs != subs+1 {
		t.Error("did not resubscribe")
	}
	if h.m.eventsBackoff != 0 {
		t.Error("backoff not reset after a good subscription")
	}
	h.send(resubscribeMsg{session: h.m.session - 1})
	if fb.eventSubs != subs+1 {
		t.Error("a signed-out session resubscribed")
	}
}

// fatalErr is the store client's answer when its audit trail cannot be
// written; expiredErr when the server no longer takes the session.
var (
	fatalErr   = fmt.Errorf("the local audit log cannot be written: %w", api.ErrAuditUnwritable)
	expiredErr = api.ErrSessionEnded
)

func TestErrorTiers(t *testing.T) {
	t.Run("transient: toast", func(t *testing.T) {
		fb := newFakeBackend()
		fb.threadErr = errors.New("timeout talking to the central endpoint")
		h := newHarness(t, fb, Options{}, 80, 24)
		h.signIn()
		h.press("enter")
		h.mustSee("Could not open the thread: timeout talking to the central endpoint")
		h.send(toastExpiredMsg{id: h.m.toast.id})
		h.mustNotSee("Could not open")
	})
	t.Run("fatal: full page", func(t *testing.T) {
		fb := newFakeBackend()
		fb.threadErr = fatalErr
		h := newHarness(t, fb, Options{}, 80, 24)
		h.signIn()
		h.press("enter")
		h.mustSee("The console cannot continue", "the local audit log cannot be written")
		h.mustNotSee("P-1042", "goroutine", ".go:")
		h.press("q")
		if !h.quit {
			t.Error("q does not quit from the error page")
		}
	})
	t.Run("session gone: login", func(t *testing.T) {
		fb := newFakeBackend()
		fb.threadErr = expiredErr
		h := newHarness(t, fb, Options{}, 80, 24)
		h.signIn()
		h.press("enter")
		h.mustSee("Your session ended. Please sign in again.")
		if h.m.list.rows != nil {
			t.Error("inbox kept after the session ended")
		}
	})
}

func TestLayout(t *testing.T) {
	h := newHarness(t, newFakeBackend(), Options{}, 120, 40)
	h.signIn()
	h.press("enter")
	for _, size := range [][2]int{{120, 40}, {80, 24}, {79, 24}, {60, 20}, {40, 12}, {39, 30}, {100, 11}} {
		h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		v := h.view()
		lines := strings.Split(v, "\n")
		if len(lines) != size[1] {
			t.Errorf("%dx%d: view has %d lines", size[0], size[1], len(lines))
		}
		for i, ln := range lines {
			if w := ansi.StringWidth(ln); w > size[0] {
				t.Errorf("%dx%d: line %d is %d wide", size[0], size[1], i, w)
			}
		}
		small := size[0] < minWidth || size[1] < minHeight
		if got := strings.Contains(v, "Terminal too small"); got != small {
			t.Errorf("%dx%d: too-small message %v", size[0], size[1], got)
		}
	}
	h.send(tea.WindowSizeMsg{Width: 79, Height: 24})
	if h.m.lay.wide {
		t.Error("79 columns should stack the thread under the list")
	}
}

func TestLongInboxDrawsOnlyVisibleRows(t *testing.T) {
	fb := backendWithThreads(5000)
	h := newHarness(t, fb, Options{}, 80, 24)
	h.signIn()
	h.press("end")
	h.mustSee("P-4999", "Inbox (5000)")
	h.mustNotSee("P-0 ")
	h.press("home")
	h.mustSee("P-0 ")
	h.press("pgdown")
	if h.m.list.cursor != h.m.lay.listRows {
		t.Errorf("page down moved to %d, want %d", h.m.list.cursor, h.m.lay.listRows)
	}
}

func TestComposerKeepsNewestMessageInView(t *testing.T) {
	for _, size := range [][2]int{{60, 22}, {80, 24}, {120, 40}} {
		h := newHarness(t, newFakeBackend(), Options{}, size[0], size[1])
		h.signIn()
		h.press("enter", "r")
		h.mustSee("One more thing…", "Reply")
	}
}

// lockedErr is a sign-in refusal that carries the lock's end, as the
// store's client returns it.
func lockedErr(until time.Time) error {
	return &api.LockedError{Message: "Sign-in failed. Check your username, password and authenticator code.", Until: until}
}

func TestLoginToldUntilWhenLocked(t *testing.T) {
	until := time.Date(2026, 3, 2, 14, 5, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"locked", lockedErr(until), "locked until " + until.Local().Format("15:04")},
		// The server's own sentence is not prefixed a second time.
		{"generic", errors.New("Sign-in failed. Check your username."), "Sign-in failed. Check your username."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fb := newFakeBackend()
			fb.loginErr = tc.err
			h := newHarness(t, fb, Options{}, 120, 40)
			h.typeText("dana")
			h.press("tab")
			h.typeText("whatever")
			h.press("enter")
			got := h.m.login.err.String()
			if !strings.Contains(got, tc.want) || strings.Contains(got, "Sign-in failed: Sign-in failed") {
				t.Errorf("login error %q, want it to contain %q", got, tc.want)
			}
		})
	}
}

// The End key pressed while a changes request is out (the one sent when
// the event stream connects) finds the inbox busy; the changes answer
// goes on to the last page.
func TestEndKeyWhileAChangesRequestIsOut(t *testing.T) {
	fb := backendWithThreads(500)
	h := newHarness(t, fb, Options{}, 80, 24)
	h.signIn()
	h.mustSee("P-0 ")
	// A changes request is out: the list is busy, its answer on the way.
	h.m.list.busy = true
	h.m.list.gen++
	h.press("end")
	h.send(inboxChangesMsg{session: h.m.list.sess.id, gen: h.m.list.gen, changes: api.ThreadChanges{Seq: h.m.list.seq}})
	h.mustSee("P-499")
}

// backendWithThreads is a fake backend holding n opted-in threads, P-0
// the newest, a minute apart.
func backendWithThreads(n int) *fakeBackend {
	fb := newFakeBackend()
	fb.threads = nil
	for i := range n {
		fb.threads = append(fb.threads, api.ThreadSummary{ID: "x" + strings.Repeat("0", 5-len(strconv.Itoa(i))) + strconv.Itoa(i),
			PatientLabel: "P-" + strconv.Itoa(i), OptedIn: true, LastAt: t0.Add(-time.Duration(i) * time.Minute)})
	}
	return fb
}
