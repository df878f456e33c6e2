package ui

import (
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
)

// The consent key decides a flagged request to stop, and records a
// verbal or paper opt-in with the wording the patient heard; it offers
// nothing on a thread whose patient is opted in.
func TestConsentKeyRecordsDecisions(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("enter", "c") // t1: opted in, nothing to record
	h.mustSee("Patient's time 10:00 (America/New_York)", "quiet 21:00–08:00", "4 of 10")
	h.mustNotSee("Record the patient's opt-in", "Did the patient ask to stop")

	h.press("esc", "G", "k", "enter", "c") // t4: a flagged request to stop
	h.mustSee("Did the patient ask to stop WhatsApp messages?")
	h.press("d")
	h.mustSee("Dismissed: the patient stays opted in")

	h.press("esc", "G", "enter", "c") // t3: opted out
	h.mustSee("Record the patient's opt-in (they heard or signed explanation-en-2026-01)?")
	h.press("p")
	h.mustSee("Opt-in recorded under your name; the patient was sent the confirmation")

	fb.mu.Lock()
	got := append([]api.ConsentRequest(nil), fb.consents...)
	fb.mu.Unlock()
	want := []api.ConsentRequest{
		{Action: api.ConsentActionDismissOptOut, FlagID: 1},
		{Action: api.ConsentActionOptIn, Channel: api.ConsentByFrontDeskPaper, TextVersion: "explanation-en-2026-01"},
	}
	if len(got) != len(want) {
		t.Fatalf("consent requests = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("request %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// Number keys choose a quick reply directly: 1 is the first listed.
func TestPickerNumberKeysSendThatMacro(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("enter", "m")
	h.mustSee("1 ", "2 ")
	items := h.m.picker.items
	h.press("2")
	if !h.waitFor(func() bool {
		fb.mu.Lock()
		defer fb.mu.Unlock()
		return len(fb.sends) == 1
	}) {
		t.Fatal("pressing 2 sent nothing")
	}
	fb.mu.Lock()
	got := fb.sends[0].req.MacroID
	fb.mu.Unlock()
	if got != items[1].ID {
		t.Errorf("2 sent %q, want the second macro %q", got, items[1].ID)
	}
}

// A reply refused for quiet hours can be scheduled with s, as it stands.
func TestQuietHoursRefusalOffersSchedule(t *testing.T) {
	fb := newFakeBackend()
	fb.sendErr = func(string, api.SendRequest) error {
		return &api.RefusedError{Refusal: api.Refusal{Rule: "quiet_hours",
			Reason: "It is quiet hours for the patient (21:00–08:00 their time). The message can go out in the morning."}}
	}
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("enter", "r")
	h.typeText("See you tomorrow at 10")
	h.press("enter")
	h.mustSee("press s to send it at the patient's next allowed minute")
	h.press("s")
	h.mustSee("Scheduled for 08:00 the patient's time")
	fb.mu.Lock()
	defer fb.mu.Unlock()
	if len(fb.schedules) != 1 || fb.schedules[0].req.Text != "See you tomorrow at 10" || fb.schedules[0].req.IdempotencyKey == "" {
		t.Fatalf("schedules = %+v", fb.schedules)
	}
}

// Outside the 24-hour window, m offers only approved templates whose
// variables the server fills, the patient's language first, and sends
// the chosen one with its variables left to the server.
func TestClosedWindowOffersOnlyApprovedTemplates(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("G", "enter", "m") // t3: silent for 26 hours
	h.mustSee("Approved templates", "1 reconnect_after_silence · en", "2 reconnect_after_silence · es")
	h.mustNotSee("appointment_reminder", "portal_message_waiting", "Quick replies")
	h.press("1")
	if !h.waitFor(func() bool {
		fb.mu.Lock()
		defer fb.mu.Unlock()
		return len(fb.sends) == 1
	}) {
		t.Fatal("choosing a template sent nothing")
	}
	fb.mu.Lock()
	got := fb.sends[0].req
	fb.mu.Unlock()
	if got.Template != "reconnect_after_silence" || got.TemplateLanguage != "en" || len(got.TemplateValues) != 1 || got.TemplateValues[0] != "" || got.Text != "" {
		t.Errorf("sent %+v", got)
	}
}

// The same portal link twice within the hour asks; y sends it again.
func TestRepeatPortalLinkAsksThenSends(t *testing.T) {
	fb := newFakeBackend()
	fb.sendErr = func(_ string, req api.SendRequest) error {
		if req.ConfirmRepeat {
			return nil
		}
		return &api.RefusedError{Refusal: api.Refusal{Rule: "repeat_link", Reason: "The \u201cMove to the secure portal\u201d link already went to this patient 12m ago. Send it again?"}}
	}
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("enter", "m", "1")
	h.mustSee("Send it again?", "press y to send it again")
	h.press("y")
	if !h.waitFor(func() bool {
		fb.mu.Lock()
		defer fb.mu.Unlock()
		return len(fb.sends) == 2
	}) {
		t.Fatal("y did not send again")
	}
	fb.mu.Lock()
	defer fb.mu.Unlock()
	first, second := fb.sends[0].req, fb.sends[1].req
	if !second.ConfirmRepeat || second.MacroID != first.MacroID || second.IdempotencyKey != first.IdempotencyKey {
		t.Errorf("second send %+v after %+v", second, first)
	}
}

// w records that the patient asked for health details by WhatsApp, after
// a confirmation, since it sends the patient the advisory.
func TestPHIRequestKeyAsksThenRecords(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("enter", "w")
	h.mustSee("Record that the patient asked for health details by WhatsApp")
	h.press("esc")
	h.mustNotSee("Record that the patient asked")
	h.press("w", "y")
	h.mustSee("Request recorded; the advisory was sent")
	fb.mu.Lock()
	defer fb.mu.Unlock()
	if len(fb.phiRequests) != 1 || fb.phiRequests[0] != "t1" {
		t.Fatalf("requests = %v, want one for t1", fb.phiRequests)
	}
}

// The picker shows the patient's language first: a patient who was
// welcomed in Spanish sees the Spanish quick replies at 1, 2, 3…
func TestPickerShowsPatientLanguageFirst(t *testing.T) {
	fb := newFakeBackend()
	d := fb.details["t1"]
	c := *d.Consent
	c.OfferVersion = "explanation-es-2026-01"
	d.Consent = &c
	fb.details["t1"] = d
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("enter", "m")
	h.mustSee("1 Portal seguro (español)", "2 Reprogramar una cita")
}

func TestPatientClockLineSpansZones(t *testing.T) {
	now := time.Date(2026, 12, 4, 22, 58, 0, 0, time.UTC)
	one := patientClockLine(api.PatientClock{Zone: "Europe/London", QuietStart: 21, QuietEnd: 8, SentInWindow: 2, Cap: 10}, now)
	if one != "Patient's time 22:58 (Europe/London) · quiet 21:00–08:00 · 2 of 10 sent in 24h" {
		t.Errorf("one zone: %q", one)
	}
	many := patientClockLine(api.PatientClock{Zone: "America/Adak", SeveralZones: true, ZoneOffsetSeconds: -10 * 3600, MaxZoneOffsetSeconds: -5 * 3600,
		QuietStart: 21, QuietEnd: 8, Cap: 10}, now)
	if many != "Patient's time 12:58–17:58 (the number spans several zones) · quiet 21:00–08:00 · 0 of 10 sent in 24h" {
		t.Errorf("several zones: %q", many)
	}
	// A +44 number: London, Guernsey, Jersey and the Isle of Man keep one
	// time, so the line shows it once.
	same := patientClockLine(api.PatientClock{Zone: "Europe/London", SeveralZones: true, QuietStart: 21, QuietEnd: 8, Cap: 10}, now)
	if same != "Patient's time 22:58 (every zone of the number) · quiet 21:00–08:00 · 0 of 10 sent in 24h" {
		t.Errorf("several zones at one time: %q", same)
	}
}

// TestConsentPromptOffersOnlyItsAnswers: the prompt's help line offers
// the answers its question takes: an opt-in is verbal or on paper (no
// "not a request to stop"), a flagged request to stop is confirmed or
// dismissed (no paper form).
func TestConsentPromptOffersOnlyItsAnswers(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 160, 40)
	h.signIn()
	h.press("G", "k", "enter", "c") // t4: a flagged request to stop
	h.mustSee("Did the patient ask to stop WhatsApp messages?", "y yes, opt them out", "d not a request to stop")
	h.mustNotSee("paper-form opt-in")
	h.press("p") // not an answer to this question
	if h.m.consentAsk == nil {
		t.Fatal("p closed the stop prompt")
	}
	h.press("esc", "esc", "G", "enter", "c") // t3: opted out
	h.mustSee("Record the patient's opt-in", "y verbal opt-in", "p paper-form opt-in")
	h.mustNotSee("not a request to stop", "confirm stop")
}
