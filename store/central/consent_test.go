package central

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/bsp/sim"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

const newNumber = "+447700900777" // never seeded: the clinic has not heard from it

// sentTo lists what the simulated provider received for phone.
func (e *env) sentTo(phone string) []sim.OutboxEntry {
	var out []sim.OutboxEntry
	for _, m := range e.sim.Outbox() {
		if m.To == phone {
			out = append(out, m)
		}
	}
	return out
}

func (e *env) waitSent(phone string, n int) []sim.OutboxEntry {
	e.t.Helper()
	waitFor(e.t, "messages to reach the provider", func() bool { return len(e.sentTo(phone)) >= n })
	return e.sentTo(phone)
}

// A new number is answered once with the explanation in its own language;
// until it says SÍ only the portal link can be sent, and the console is
// told so; after SÍ it is opted in with the explanation's version.
func TestNewNumberGetsOneExplanationThenOptsIn(t *testing.T) {
	e := newEnv(t)
	desk := e.login("desk")
	e.patientWrites(newNumber, "Hola, ¿a qué hora abren el sábado?")
	// The same webhook again, and a second message: still one explanation.
	e.patientWrites(newNumber, "¿Y el domingo?")
	e.postWebhook(inboundJSON("wamid.dup-1", newNumber[1:], "X", "hola"), true)
	e.postWebhook(inboundJSON("wamid.dup-1", newNumber[1:], "X", "hola"), true)
	es, _ := assets.CurrentConsentText(assets.ConsentExplanation, "es")
	e.waitSent(newNumber, 1)
	waitFor(t, "the outbox to drain", func() bool {
		var n int
		e.srv.db.QueryRow(`SELECT COUNT(*) FROM outbox WHERE state = 'pending'`).Scan(&n)
		return n == 0
	})
	sent := e.sentTo(newNumber)
	if len(sent) != 1 || sent[0].Text != es.Body {
		t.Fatalf("new number received %d messages (%+v), want exactly the Spanish explanation", len(sent), sent)
	}
	id := e.threadFor(desk, newNumber)
	d := e.thread(desk, id)
	if d.Consent == nil || d.Consent.OptedIn || d.Consent.ExplanationAt.IsZero() || !strings.Contains(d.Consent.Allowed, "only the secure-portal link") {
		t.Fatalf("consent state before SÍ = %+v", d.Consent)
	}
	code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "pre-1", Text: "We open at 9."})
	if code != 422 || ref.Rule != policy.RuleConsent || !strings.Contains(ref.Reason, "explanation") || !ref.OfferPortalLink {
		t.Fatalf("free text before opt-in: %d %+v, want a consent refusal that names the explanation and offers the portal link", code, ref)
	}
	if code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "pre-2", MacroID: "portal-secure"}); code != 200 {
		t.Fatalf("portal link before opt-in: %d %+v, want it allowed", code, ref)
	}

	e.patientWrites(newNumber, "SÍ")
	d = e.thread(desk, id)
	c := d.Consent
	if !c.OptedIn || c.Channel != api.ConsentByKeyword || c.TextVersion != es.Version || c.RecordedBy != "patient" || c.At.IsZero() {
		t.Fatalf("consent after SÍ = %+v, want opted in by keyword with %s", c, es.Version)
	}
	confirm, _ := assets.CurrentConsentText(assets.ConsentConfirmOptIn, "es")
	sent = e.waitSent(newNumber, 3)
	if sent[len(sent)-1].Text != confirm.Body {
		t.Errorf("last message after SÍ = %q, want the Spanish confirmation", sent[len(sent)-1].Text)
	}
	if code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "post-1", Text: "Abrimos a las 9."}); code != 200 {
		t.Fatalf("free text after SÍ: %d %+v", code, ref)
	}
}

// STOP acts at once, is confirmed once with no PHI, and refuses what follows.
func TestStopConfirmsThenRefuses(t *testing.T) {
	e := newEnv(t)
	desk := e.login("desk")
	e.patientWrites(patientUK, "Stop!")
	e.patientWrites(patientUK, "STOP") // again: no second confirmation
	optOut, _ := assets.CurrentConsentText(assets.ConsentConfirmOptOut, "en")
	sent := e.waitSent(patientUK, 1)
	if len(sent) != 1 || sent[0].Text != optOut.Body {
		t.Fatalf("after STOP the patient received %+v, want one confirmation", sent)
	}
	id := e.threadFor(desk, patientUK)
	code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "s-1", MacroID: "portal-secure"})
	if code != 422 || ref.Rule != policy.RuleConsent || ref.OfferPortalLink || !strings.Contains(ref.Reason, "START") {
		t.Fatalf("send after STOP: %d %+v, want a consent refusal naming START and no portal link", code, ref)
	}
	d := e.thread(desk, id)
	if d.Consent.OptedIn || d.Consent.Channel != api.ConsentByKeyword {
		t.Errorf("consent after STOP = %+v", d.Consent)
	}
}

// A plain-language request to stop is flagged, changes nothing until a
// person confirms it, and is decided once.
func TestPlainLanguageOptOutNeedsConfirmation(t *testing.T) {
	e := newEnv(t)
	desk := e.login("desk")
	e.patientWrites(patientUS, "please stop messaging me")
	id := e.threadFor(desk, patientUS)
	d := e.thread(desk, id)
	if !d.Consent.OptedIn || d.Consent.FlaggedOptOut == nil {
		t.Fatalf("consent after a plain-language request = %+v, want still opted in and flagged", d.Consent)
	}
	flag := d.Consent.FlaggedOptOut.ID
	var resp api.ConsentResponse
	if code := e.do("POST", api.Version+"/threads/"+id+"/consent", desk, api.ConsentRequest{Action: api.ConsentActionConfirmOptOut, FlagID: flag}, &resp); code != 200 {
		t.Fatalf("confirm: %d", code)
	}
	if resp.Consent.OptedIn || resp.Consent.RecordedBy != "desk" || resp.Consent.FlaggedOptOut != nil || !resp.ConfirmationSent {
		t.Fatalf("after confirmation: %+v", resp)
	}
	if code := e.do("POST", api.Version+"/threads/"+id+"/consent", desk, api.ConsentRequest{Action: api.ConsentActionConfirmOptOut, FlagID: flag}, nil); code != 409 {
		t.Errorf("second confirmation: %d, want 409", code)
	}
}

// Front desk records a verbal opt-in under their own name, with the
// wording they read out; a made-up wording is refused.
func TestFrontDeskRecordsVerbalOptIn(t *testing.T) {
	e := newEnv(t)
	desk := e.login("desk")
	e.patientWrites(newNumber, "hello")
	id := e.threadFor(desk, newNumber)
	en, _ := assets.CurrentConsentText(assets.ConsentExplanation, "en")
	if code := e.do("POST", api.Version+"/threads/"+id+"/consent", desk, api.ConsentRequest{Action: api.ConsentActionOptIn, Channel: api.ConsentByFrontDeskVerbal, TextVersion: "v-made-up"}, nil); code != 400 {
		t.Fatalf("unknown wording: %d, want 400", code)
	}
	if code := e.do("POST", api.Version+"/threads/"+id+"/consent", desk, api.ConsentRequest{Action: api.ConsentActionOptIn, Channel: "email", TextVersion: en.Version}, nil); code != 400 {
		t.Fatalf("unknown channel: %d, want 400", code)
	}
	var resp api.ConsentResponse
	if code := e.do("POST", api.Version+"/threads/"+id+"/consent", desk, api.ConsentRequest{Action: api.ConsentActionOptIn, Channel: api.ConsentByFrontDeskVerbal, TextVersion: en.Version}, &resp); code != 200 {
		t.Fatalf("verbal opt-in: %d", code)
	}
	c := resp.Consent
	if !c.OptedIn || c.Channel != api.ConsentByFrontDeskVerbal || c.RecordedBy != "desk" || c.TextVersion != en.Version {
		t.Fatalf("consent = %+v", c)
	}
	chain, _ := e.srv.store.Audit.Chain(context.Background(), e.srv.db, ServerConsoleID)
	found := false
	for _, en := range chain {
		if en.Action == "consent.change" && en.Detail["channel"] == api.ConsentByFrontDeskVerbal && en.UserID != "system" {
			found = true
		}
	}
	if !found {
		t.Error("no audit entry names the user who recorded the verbal opt-in")
	}
}

// A second identical portal link within the hour asks first; confirmed,
// it goes.
func TestRepeatPortalLinkAsksForConfirmation(t *testing.T) {
	e := newEnv(t)
	desk := e.login("desk")
	e.patientWrites(patientUS, "how do I see my results?")
	id := e.threadFor(desk, patientUS)
	if code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "link-1", MacroID: "portal-secure"}); code != 200 {
		t.Fatalf("first link: %d %+v", code, ref)
	}
	code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "link-2", MacroID: "portal-secure"})
	if code != 422 || ref.Rule != RuleRepeatLink || !strings.Contains(ref.Reason, "Send it again?") {
		t.Fatalf("second link within the hour: %d %+v, want a confirmation question", code, ref)
	}
	if code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "link-2", MacroID: "portal-secure", ConfirmRepeat: true}); code != 200 {
		t.Fatalf("confirmed second link: %d %+v", code, ref)
	}
	e.clock.Advance(61 * time.Minute)
	if code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "link-3", MacroID: "portal-secure"}); code != 200 && ref.Rule == RuleRepeatLink {
		t.Fatalf("a link an hour later still asked: %+v", ref)
	}
}

// A patient's request for health details over WhatsApp is documented:
// the advisory goes, only words that name the risk confirm it, the
// confirmation is kept and answered with the portal link, and the thread
// says a documented preference exists.
func TestPHIPreferenceIsDocumentedAndStillUsesThePortal(t *testing.T) {
	e := newEnv(t)
	desk := e.login("desk")
	e.patientWrites(patientUK, "Just text me my results here please")
	id := e.threadFor(desk, patientUK)
	if code := e.do("POST", api.Version+"/threads/"+id+"/phi-preference", desk, struct{}{}, nil); code != 204 {
		t.Fatalf("record the request: %d", code)
	}
	advisory, _ := assets.CurrentConsentText(assets.PHIAdvisory, "en")
	sent := e.waitSent(patientUK, 1)
	if sent[0].Text != advisory.Body {
		t.Fatalf("the patient received %q, want the advisory", sent[0].Text)
	}
	if d := e.thread(desk, id); !strings.Contains(d.Consent.PHIPreference, "awaits their reply") {
		t.Errorf("header before confirmation: %q", d.Consent.PHIPreference)
	}
	e.patientWrites(patientUK, "yes")
	if d := e.thread(desk, id); strings.Contains(d.Consent.PHIPreference, "confirmed") {
		t.Fatal("a plain yes counted as accepting the risk")
	}
	e.patientWrites(patientUK, "ACCEPT RISK")
	sent = e.waitSent(patientUK, 2)
	if last := sent[len(sent)-1].Text; !strings.Contains(last, e.url+"/h/") || !strings.Contains(last, "secure portal") {
		t.Errorf("after confirmation the patient received %q, want the portal link", last)
	}
	d := e.thread(desk, id)
	if !strings.Contains(d.Consent.PHIPreference, "Documented preference") {
		t.Errorf("header after confirmation: %q", d.Consent.PHIPreference)
	}
	var state, confirmedBy string
	e.srv.db.QueryRow(`SELECT state, confirmed_message FROM phi_preferences`).Scan(&state, &confirmedBy)
	if state != "confirmed" || confirmedBy == "" {
		t.Errorf("stored state %q, confirming message %q", state, confirmedBy)
	}
	// The PHI rule is unchanged: health details typed into a reply are still refused.
	if code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "phi-1", Text: "Your HbA1c was 9.1, increase metformin"}); code != 422 || ref.Rule != policy.RulePHI {
		t.Errorf("PHI after the documented preference: %d %+v, want still refused", code, ref)
	}
}

// Two people deciding the same flagged request at once: exactly one
// decision is recorded, the other is told it was already decided. Many
// different messages from a new number arriving at once: exactly one
// explanation.
func TestConcurrentConsentDecisionsAndFirstContact(t *testing.T) {
	e := newEnv(t)
	desk, nurse := e.login("desk"), e.login("nurse")
	e.patientWrites(patientUS, "please stop messaging me")
	id := e.threadFor(desk, patientUS)
	flag := e.thread(desk, id).Consent.FlaggedOptOut.ID

	const n = 8
	codes := make(chan int, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tok := desk
			if i%2 == 1 {
				tok = nurse
			}
			<-start
			codes <- e.do("POST", api.Version+"/threads/"+id+"/consent", tok, api.ConsentRequest{Action: api.ConsentActionConfirmOptOut, FlagID: flag}, nil)
		}()
	}
	close(start)
	wg.Wait()
	close(codes)
	ok, conflict := 0, 0
	for c := range codes {
		switch c {
		case 200:
			ok++
		case 409:
			conflict++
		default:
			t.Errorf("unexpected status %d", c)
		}
	}
	if ok != 1 || conflict != n-1 {
		t.Fatalf("%d decisions recorded and %d told it was decided, want 1 and %d", ok, conflict, n-1)
	}
	var changes int
	e.srv.db.QueryRow(`SELECT COUNT(*) FROM consent_events WHERE channel = ? AND opted_in = 0`, api.ConsentByKeyword).Scan(&changes)
	if changes != 1 {
		t.Errorf("%d opt-outs recorded, want 1", changes)
	}

	// A new number's messages, posted at once as separate webhooks.
	start2 := make(chan struct{})
	var wg2 sync.WaitGroup
	for i := range n {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			<-start2
			e.postWebhook(inboundJSON(fmt.Sprintf("wamid.burst-%d", i), newNumber[1:], "X", fmt.Sprintf("hello %d", i)), true)
		}()
	}
	close(start2)
	wg2.Wait()
	waitFor(t, "the explanation", func() bool { return len(e.sentTo(newNumber)) >= 1 })
	time.Sleep(500 * time.Millisecond)
	if got := len(e.sentTo(newNumber)); got != 1 {
		t.Fatalf("a new number writing %d messages at once received %d explanations, want 1", n, got)
	}
}
