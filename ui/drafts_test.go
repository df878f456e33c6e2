package ui

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/store/api"
)

// timers holds the draft timers the model sets, so a test decides when
// each one fires.
type timers struct {
	mu  sync.Mutex
	got []timer
}

type timer struct {
	d   time.Duration
	msg tea.Msg
}

// holdTimers replaces the model's scheduler: timers are recorded, not run.
func holdTimers(h *harness) *timers {
	ts := &timers{}
	h.m.after = func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		ts.mu.Lock()
		ts.got = append(ts.got, timer{d, fn(t0)})
		ts.mu.Unlock()
		return nil
	}
	return ts
}

func (ts *timers) draftTicks() []draftTickMsg {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	var out []draftTickMsg
	for _, t := range ts.got {
		if m, ok := t.msg.(draftTickMsg); ok {
			out = append(out, m)
		}
	}
	return out
}

func draftOf(fb *fakeBackend, thread string) (string, bool) {
	d, _ := fb.draftSnapshot()
	v, ok := d[thread]
	return v, ok
}

func TestDraftSavedOnceTypingPauses(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	ts := holdTimers(h)
	h.signIn()
	h.press("enter", "r")
	h.typeText("See you")
	ticks := ts.draftTicks()
	if len(ticks) != len("See you") {
		t.Fatalf("%d timers for %d edits", len(ticks), len("See you"))
	}
	for _, tm := range ts.got {
		if tm.d != defaultDraftDelay {
			t.Errorf("draft timer of %v, want %v", tm.d, defaultDraftDelay)
		}
	}
	// Timers of earlier edits save nothing: only the pause after the
	// last one does.
	for _, tk := range ticks[:len(ticks)-1] {
		h.send(tk)
	}
	if _, calls := fb.draftSnapshot(); slices.ContainsFunc(calls, func(c string) bool { return strings.HasPrefix(c, "save") }) {
		t.Fatalf("saved before typing paused: %v", calls)
	}
	h.send(ticks[len(ticks)-1])
	if got, _ := draftOf(fb, "t1"); got != "See you" {
		t.Fatalf("draft for t1 = %q", got)
	}
	// The same timer again (nothing changed since) writes nothing more.
	h.send(ticks[len(ticks)-1])
	if _, calls := fb.draftSnapshot(); len(calls) != 2 { // load t1, save t1
		t.Errorf("draft calls %v", calls)
	}
	// Arrow keys change no text and set no timer.
	n := len(ts.draftTicks())
	h.press("left", "right")
	if len(ts.draftTicks()) != n {
		t.Error("a cursor move set a draft timer")
	}
}

func TestDraftLoadedWhenThreadOpens(t *testing.T) {
	fb := newFakeBackend()
	fb.drafts["t1"] = "Your refill is ready at"
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("enter")
	if !h.waitFor(func() bool { return h.m.composer.ta.Value() == "Your refill is ready at" }) {
		t.Fatalf("composer holds %q", h.m.composer.ta.Value())
	}
	h.mustSee("Your refill is ready at")
	if !h.m.composer.active || h.m.focus == focusComposer {
		t.Error("a loaded draft should show under the thread without taking the keys")
	}
	// r carries on writing it.
	h.press("r")
	h.typeText(" 4pm")
	if got := h.m.composer.ta.Value(); got != "Your refill is ready at 4pm" {
		t.Errorf("composer holds %q", got)
	}
}

func TestThreadSwitchSavesDraftForItsOwnThread(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	ts := holdTimers(h)
	h.signIn()
	h.press("enter", "r")
	h.typeText("for P-1042 only")
	t1Ticks := ts.draftTicks()
	// Leave for the next thread before the timer fires.
	h.press("esc", "tab", "j", "enter")
	if h.m.pane.id != "t2" {
		t.Fatalf("open thread %q", h.m.pane.id)
	}
	if got, _ := draftOf(fb, "t1"); got != "for P-1042 only" {
		t.Fatalf("leaving the thread did not save its draft: %q", got)
	}
	if v := h.m.composer.ta.Value(); v != "" {
		t.Fatalf("t1's text followed into t2's composer: %q", v)
	}
	// The late timer of t1 must not land on t2.
	h.send(t1Ticks[len(t1Ticks)-1])
	if _, ok := draftOf(fb, "t2"); ok {
		t.Error("t1's late timer saved a draft for t2")
	}
	h.press("r")
	h.typeText("for t2")
	h.send(t1Ticks[len(t1Ticks)-1])
	if _, ok := draftOf(fb, "t2"); ok {
		t.Error("t1's late timer saved t2's text")
	}
	if got, _ := draftOf(fb, "t1"); got != "for P-1042 only" {
		t.Errorf("t1's draft became %q", got)
	}
	// Back on t1, its draft is there again.
	h.press("esc", "tab", "k", "enter")
	if !h.waitFor(func() bool { return h.m.composer.ta.Value() == "for P-1042 only" }) {
		t.Errorf("t1's draft not loaded back: %q", h.m.composer.ta.Value())
	}
	if got, _ := draftOf(fb, "t2"); got != "for t2" {
		t.Errorf("t2's draft = %q", got)
	}
}

func TestLateDraftLoadIsDropped(t *testing.T) {
	fb := newFakeBackend()
	fb.drafts["t1"] = "words meant for P-1042"
	gate := make(chan struct{})
	fb.loadGate = gate
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("enter")             // t1's load waits at the gate
	h.press("esc", "j", "enter") // t2 opens meanwhile
	close(gate)
	h.settle()
	if h.m.pane.id != "t2" {
		t.Fatalf("open thread %q", h.m.pane.id)
	}
	if v := h.m.composer.ta.Value(); v != "" {
		t.Fatalf("t1's draft landed in t2's composer: %q", v)
	}
	// An answer from an older load of the open thread is dropped too.
	h.send(draftLoadedMsg{session: h.m.session, gen: h.m.drafts.loadGen - 1, threadID: "t2", text: "stale"})
	if v := h.m.composer.ta.Value(); v != "" {
		t.Errorf("a stale load filled the composer: %q", v)
	}
}

func TestDraftLoadDoesNotOverwriteTyping(t *testing.T) {
	fb := newFakeBackend()
	fb.drafts["t1"] = "old draft"
	gate := make(chan struct{})
	fb.loadGate = gate
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("enter", "r")
	h.typeText("new words")
	close(gate)
	h.settle()
	if v := h.m.composer.ta.Value(); v != "new words" {
		t.Errorf("composer holds %q", v)
	}
}

func TestSendDeletesDraft(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	ts := holdTimers(h)
	h.signIn()
	h.press("enter", "r")
	h.typeText("See you at 3")
	ticks := ts.draftTicks()
	h.send(ticks[len(ticks)-1])
	if got, _ := draftOf(fb, "t1"); got != "See you at 3" {
		t.Fatalf("draft = %q", got)
	}
	h.press("enter")
	h.mustSee("Message sent")
	if _, ok := draftOf(fb, "t1"); ok {
		t.Error("the draft outlived the message it became")
	}
	_, calls := fb.draftSnapshot()
	if calls[len(calls)-1] != "delete t1" {
		t.Errorf("draft calls %v", calls)
	}
}

func TestRefusalKeepsDraft(t *testing.T) {
	fb := newFakeBackend()
	fb.sendErr = func(string, api.SendRequest) error {
		return &api.RefusedError{}
	}
	h := newHarness(t, fb, Options{}, 120, 40)
	ts := holdTimers(h)
	h.signIn()
	h.press("enter", "r")
	h.typeText("DOB 01/02/1980")
	ticks := ts.draftTicks()
	h.send(ticks[len(ticks)-1])
	h.press("enter")
	if got, _ := draftOf(fb, "t1"); got != "DOB 01/02/1980" {
		t.Errorf("a refused reply lost its draft: %q", got)
	}
}

func TestSignOutDeletesDraftsAfterLastSave(t *testing.T) {
	for _, how := range []string{"logout key", "idle"} {
		t.Run(how, func(t *testing.T) {
			fb := newFakeBackend()
			fb.idle = 60
			fb.drafts["t3"] = "from an earlier run"
			h := newHarness(t, fb, Options{}, 120, 40)
			ts := holdTimers(h)
			h.signIn()
			h.press("enter", "r")
			h.typeText("half a reply")
			ticks := ts.draftTicks()
			// A save taken from the model but not yet run when the
			// session ends must store nothing.
			_, pending := h.m.Update(ticks[len(ticks)-1])
			if pending == nil {
				t.Fatal("the timer started no save")
			}
			if how == "idle" {
				h.clock.advance(61 * time.Second)
				h.send(idleTickMsg{session: h.m.session})
			} else {
				h.press("esc", "L")
			}
			if h.m.screen != screenLogin {
				t.Fatal("still signed in")
			}
			h.handle(pending())
			h.settle()
			drafts, calls := fb.draftSnapshot()
			if len(drafts) != 0 {
				t.Errorf("drafts left after sign-out: %v", drafts)
			}
			iDel, iOut := slices.Index(calls, "delete-all"), slices.Index(calls, "logout")
			if iDel < 0 || iOut < 0 || iDel > iOut {
				t.Errorf("drafts must be deleted before logout: %v", calls)
			}
			if h.m.composer.ta.Value() != "" || h.m.drafts.thread != "" {
				t.Error("the draft stayed in memory after sign-out")
			}
		})
	}
}

func TestQuitWritesWaitingDraft(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	holdTimers(h) // the timer never fires: only quitting can save
	h.signIn()
	h.press("enter", "r")
	h.typeText("almost done")
	h.press("ctrl+c")
	if !h.waitFor(func() bool { return h.quit }) {
		t.Fatal("ctrl+c did not quit")
	}
	if got, _ := draftOf(fb, "t1"); got != "almost done" {
		t.Errorf("quitting lost the draft: %q", got)
	}
	// Quitting is not signing out: the draft stays for the next run.
	if _, calls := fb.draftSnapshot(); slices.Contains(calls, "delete-all") {
		t.Error("quitting deleted the user's drafts")
	}
}

func TestDraftFailureToastsOnce(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	ts := holdTimers(h)
	h.signIn()
	fb.mu.Lock()
	fb.draftErr = errors.New("disk full")
	fb.mu.Unlock()
	h.press("enter", "r")
	h.typeText("a")
	h.send(ts.draftTicks()[0])
	h.mustSee("Draft not saved: disk full")
	seq := h.m.toastSeq
	h.typeText("b")
	ticks := ts.draftTicks()
	h.send(ticks[len(ticks)-1])
	if h.m.toastSeq != seq {
		t.Error("a second failure in a row showed another toast")
	}
}

func TestNoticeShownOnceInFooter(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{Notice: "Key custody degraded: see console.log."}, 120, 40)
	h.mustNotSee("Key custody degraded")
	h.signIn()
	h.mustSee("⚠ Key custody degraded: see console.log.")
	h.press("L")
	h.signIn()
	h.mustNotSee("Key custody degraded")
}

// TestPortalLinkClearsRefusedPHIDraft: after a reply is refused for PHI
// and the portal link goes instead, the refused text is gone from the
// composer and from the sealed drafts, so no later Enter or sign-in
// brings it back.
func TestPortalLinkClearsRefusedPHIDraft(t *testing.T) {
	fb := newFakeBackend()
	fb.sendErr = func(_ string, req api.SendRequest) error {
		if req.Text != "" {
			return &api.RefusedError{Refusal: api.Refusal{Rule: "phi", Reason: "This message tells the patient about their test results.",
				SpanTypes: []string{"CLINICAL"}, OfferPortalLink: true}}
		}
		return nil
	}
	h := newHarness(t, fb, Options{}, 120, 40)
	ts := holdTimers(h)
	h.signIn()
	h.press("enter", "r")
	h.typeText("your results are normal")
	ticks := ts.draftTicks()
	h.send(ticks[len(ticks)-1])
	h.press("enter")
	if got, _ := draftOf(fb, "t1"); got != "your results are normal" {
		t.Fatalf("before the portal link the draft is kept for editing, got %q", got)
	}
	h.press("p")
	h.mustSee("Secure-portal link sent")
	if v := h.m.composer.ta.Value(); v != "" {
		t.Errorf("the composer still holds the refused text %q", v)
	}
	if got, ok := draftOf(fb, "t1"); ok {
		t.Errorf("the sealed draft still holds %q", got)
	}
	_, calls := fb.draftSnapshot()
	if calls[len(calls)-1] != "delete t1" {
		t.Errorf("draft calls %v", calls)
	}
}

// TestQuickReplyKeepsUnrelatedDraft: a quick reply sent without a PHI
// refusal leaves the reply being written alone.
func TestQuickReplyKeepsUnrelatedDraft(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	ts := holdTimers(h)
	h.signIn()
	h.press("enter", "r")
	h.typeText("See you at 3")
	ticks := ts.draftTicks()
	h.send(ticks[len(ticks)-1])
	h.send(sendResultMsg{session: h.m.session, threadID: "t1", macroID: portalMacroID})
	if got, _ := draftOf(fb, "t1"); got != "See you at 3" {
		t.Errorf("an unrelated quick reply removed the draft: %q", got)
	}
}
