package central

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/bsp/sim"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
)

func (e *env) send(token, threadID string, req api.SendRequest) (int, api.SendResponse, api.Refusal) {
	e.t.Helper()
	var raw map[string]any
	_ = raw
	var (
		sr  api.SendResponse
		ref api.Refusal
	)
	path := api.Version + "/threads/" + threadID + "/send"
	code := e.do("POST", path, token, req, nil)
	switch code {
	case 200:
		// Re-sending with the same key is idempotent, so fetch the body that way.
		e.do("POST", path, token, req, &sr)
	case 422:
		e.do("POST", path, token, req, &ref)
	}
	return code, sr, ref
}

func TestSendMacroEndsInSimulatorWithPortalLinkAndNoPHI(t *testing.T) {
	e := newEnv(t)
	e.patientWrites(patientUK, "Can I move my appointment? My DOB is 03/04/1961")
	desk := e.login("desk")
	id := e.threadFor(desk, patientUK)
	code, sr, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "idem-1", MacroID: "appointment-reschedule"})
	if code != 200 {
		t.Fatalf("send: %d %+v", code, ref)
	}
	if strings.Contains(sr.Message.Masked, "/h/") || !strings.Contains(sr.Message.Masked, portalLinkMasked) {
		t.Errorf("console sees the link token: %q", sr.Message.Masked)
	}
	var out []sim.OutboxEntry
	waitFor(t, "simulator outbox", func() bool { out = e.sim.Outbox(); return len(out) == 1 })
	got := out[0]
	if got.To != patientUK {
		t.Errorf("sent to %q", got.To)
	}
	prefix := e.url + "/h/"
	if !strings.Contains(got.Text, prefix) {
		t.Fatalf("no portal link in %q", got.Text)
	}
	if strings.Contains(got.Text, assetsPlaceholder()) {
		t.Errorf("placeholder left in %q", got.Text)
	}
	if strings.Contains(got.Text, "1961") || strings.Contains(got.Text, "Zebulon") {
		t.Errorf("PHI in outbound text %q", got.Text)
	}
	// The link in the message works.
	link := got.Text[strings.Index(got.Text, prefix):]
	link = strings.FieldsFunc(link, func(r rune) bool { return r == ' ' })[0]
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Get(strings.TrimRight(link, ".,"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/portal?handoff=") {
		t.Errorf("link open: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	// Status callbacks from the simulator move the message forward.
	waitFor(t, "read status", func() bool {
		m, _ := e.srv.store.Messages.Get(context.Background(), e.srv.db, sr.Message.ID)
		return m.Status == bsp.StatusRead
	})
	// The thread names the sender by username, not by internal id.
	var sentBy []string
	for _, m := range e.thread(desk, id).Messages {
		if m.Direction == "out" {
			sentBy = append(sentBy, m.SentBy)
		}
	}
	if len(sentBy) != 1 || sentBy[0] != "desk" {
		t.Errorf("outbound senders shown as %q, want [desk]", sentBy)
	}
}

func assetsPlaceholder() string { return "{portal_link}" }

func TestSendRefusals(t *testing.T) {
	e := newEnv(t)
	e.patientWrites(patientUK, "Hello, question about parking")
	desk := e.login("desk")
	id := e.threadFor(desk, patientUK)

	t.Run("free text with PHI", func(t *testing.T) {
		code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "phi-1", Text: "Your results for DOB 03/04/1961 are in, call 415-555-0199"})
		if code != 422 || ref.Rule != policy.RulePHI || !ref.OfferPortalLink || len(ref.SpanTypes) == 0 {
			t.Fatalf("got %d %+v, want 422 phi", code, ref)
		}
	})
	t.Run("the server's own idempotency prefix", func(t *testing.T) {
		// A reply sent under the hand-off acknowledgment's key would not
		// count as an answer: the thread would stay in Unanswered and the
		// row would keep previewing the patient's question.
		before := len(e.thread(desk, id).Messages)
		code, _, _ := e.send(desk, id, api.SendRequest{IdempotencyKey: records.HandoffAckKey + "x", MacroID: "hours"})
		if code != 400 {
			t.Fatalf("send with key %q: %d, want 400", records.HandoffAckKey+"x", code)
		}
		if after := len(e.thread(desk, id).Messages); after != before {
			t.Errorf("the refused send stored a message: %d messages, had %d", after, before)
		}
	})
	t.Run("not opted in", func(t *testing.T) {
		const stranger = "+447700900456"
		e.patientWrites(stranger, "hi")
		code, _, ref := e.send(desk, e.threadFor(desk, stranger), api.SendRequest{IdempotencyKey: "c-1", MacroID: "hours"})
		if code != 422 || ref.Rule != policy.RuleConsent {
			t.Fatalf("got %d %+v, want 422 consent", code, ref)
		}
	})
	t.Run("STOP then send", func(t *testing.T) {
		e.patientWrites(patientUK, "STOP")
		code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "stop-1", MacroID: "hours"})
		if code != 422 || ref.Rule != policy.RuleConsent {
			t.Fatalf("got %d %+v, want 422 consent", code, ref)
		}
		p, _ := e.srv.store.Patients.ByPhone(context.Background(), e.srv.db, patientUK)
		hist, _ := records.ConsentHistory(context.Background(), e.srv.db, p.ID)
		if len(hist) != 2 || hist[1].OptedIn || hist[1].Source != "whatsapp:stop" {
			t.Errorf("consent history %+v", hist)
		}
		e.patientWrites(patientUK, "START")
		if code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "stop-2", MacroID: "hours"}); code != 200 {
			t.Fatalf("after START: %d %+v", code, ref)
		}
	})
	t.Run("refusals are audited without PHI", func(t *testing.T) {
		chain, err := e.srv.store.Audit.Chain(context.Background(), e.srv.db, ServerConsoleID)
		if err != nil {
			t.Fatal(err)
		}
		if err := audit.Verify(nil, chain); err != nil {
			t.Fatalf("server chain: %v", err)
		}
		rules := map[string]bool{}
		for _, a := range chain {
			if a.Action == "message.send" && a.Outcome == "refused" {
				rules[a.Detail["rule"]] = true
			}
			for _, v := range a.Detail {
				if strings.Contains(v, "1961") || strings.Contains(v, "415") || strings.Contains(v, "7700") {
					t.Errorf("PHI in audit detail %q", v)
				}
			}
		}
		if !rules[policy.RulePHI] || !rules[policy.RuleConsent] {
			t.Errorf("refusal rules audited: %v", rules)
		}
	})
}

func TestWindowAndQuietHours(t *testing.T) {
	e := newEnv(t)
	// The patient writes at 22:50 in London and the clinic answers at
	// 23:30: quiet hours, past the grace for a waiting patient, and well
	// inside the 24-hour window, whatever the hour the test runs at.
	london, _ := time.LoadLocation("Europe/London")
	now := e.clock.Now().In(london)
	wrote := time.Date(now.Year(), now.Month(), now.Day(), 22, 50, 0, 0, london)
	if !wrote.After(now) {
		wrote = wrote.AddDate(0, 0, 1)
	}
	e.clock.Advance(wrote.Sub(now))
	e.patientWrites(patientUK, "hello")
	desk := e.login("desk")
	id := e.threadFor(desk, patientUK)
	e.clock.Advance(40 * time.Minute)
	desk = e.login("desk")
	code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "q-1", MacroID: "hours"})
	if code != 422 || ref.Rule != policy.RuleQuietHours {
		t.Fatalf("got %d %+v, want 422 quiet_hours", code, ref)
	}
	e.clock.Advance(25 * time.Hour)
	desk = e.login("desk")
	code, _, ref = e.send(desk, id, api.SendRequest{IdempotencyKey: "w-1", MacroID: "hours"})
	if code != 422 || ref.Rule != policy.RuleWindow {
		t.Fatalf("got %d %+v, want 422 window", code, ref)
	}
}

func TestIdempotentRetrySendsOnce(t *testing.T) {
	fp := &fakeProvider{}
	e := newEnv(t, func(c *Config) { c.Provider = fp })
	e.postWebhook(inboundJSON("wamid.i1", "447700900123", "Z", "hi"), true)
	desk := e.login("desk")
	id := e.threadFor(desk, patientUK)
	var first, second api.SendResponse
	req := api.SendRequest{IdempotencyKey: "same-key", MacroID: "hours"}
	if code := e.do("POST", api.Version+"/threads/"+id+"/send", desk, req, &first); code != 200 {
		t.Fatal(code)
	}
	if code := e.do("POST", api.Version+"/threads/"+id+"/send", desk, req, &second); code != 200 {
		t.Fatal(code)
	}
	if first.Message.ID != second.Message.ID {
		t.Fatalf("retry made a second message: %s vs %s", first.Message.ID, second.Message.ID)
	}
	waitFor(t, "one send", func() bool { return len(fp.sent()) >= 1 })
	time.Sleep(100 * time.Millisecond)
	if n := len(fp.sent()); n != 1 {
		t.Fatalf("provider saw %d sends, want 1", n)
	}
	if n := e.count("messages WHERE direction = 'out'"); n != 1 {
		t.Fatalf("outbound rows = %d", n)
	}
}

func TestPermissionsEnforcedAtServer(t *testing.T) {
	e := newEnv(t)
	e.patientWrites(patientUK, "I have chest pain since yesterday")
	desk, nurse, admin := e.login("desk"), e.login("nurse"), e.login("admin")
	id := e.threadFor(desk, patientUK)

	// Admin reads and sends no patient messages.
	if code := e.do("GET", api.Version+"/threads", admin, nil, nil); code != http.StatusForbidden {
		t.Errorf("admin thread list: %d, want 403", code)
	}
	if code, _, ref := e.send(admin, id, api.SendRequest{IdempotencyKey: "a-1", MacroID: "hours"}); code != 422 || ref.Rule != policy.RuleRole {
		t.Errorf("admin send: %d %+v, want 422 role", code, ref)
	}
	// Front desk hands the thread to nurses; from then on it is a
	// nurse-only thread, whatever a modified console asks for.
	var sum api.ThreadSummary
	if code := e.do("POST", api.Version+"/threads/"+id+"/handoff", desk, api.HandoffRequest{Note: "chest pain, call 415-555-0199"}, &sum); code != 200 || sum.State != api.ThreadClinical {
		t.Fatalf("handoff: %d %+v", code, sum)
	}
	if code := e.do("GET", api.Version+"/threads/"+id, desk, nil, nil); code != http.StatusForbidden {
		t.Errorf("front desk opening a clinical thread: %d, want 403", code)
	}
	for _, th := range e.threads(desk) {
		if th.ID == id {
			t.Errorf("front desk inbox lists the clinical thread")
		}
	}
	if code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "d-1", MacroID: "hours"}); code != 422 || ref.Rule != policy.RuleRole {
		t.Errorf("front desk send to clinical thread: %d %+v, want 422 role", code, ref)
	}
	if d := e.thread(nurse, id); d.Thread.State != api.ThreadClinical {
		t.Errorf("nurse view: %+v", d.Thread)
	}
	// (The hand-off itself sent the clinical-handoff acknowledgment, so
	// the nurse answers with the nurses' own portal reply.)
	if code, _, ref := e.send(nurse, id, api.SendRequest{IdempotencyKey: "n-1", MacroID: "results-portal"}); code != 200 {
		t.Errorf("nurse send: %d %+v", code, ref)
	}
	// No token, a made-up token: refused.
	if code := e.do("GET", api.Version+"/threads", "", nil, nil); code != 401 {
		t.Errorf("no token: %d", code)
	}
	if code := e.do("GET", api.Version+"/threads", "forged-token", nil, nil); code != 401 {
		t.Errorf("forged token: %d", code)
	}
}

func TestRestartResumesOutbox(t *testing.T) {
	down := &fakeProvider{fail: func(int) error { return &bsp.ProviderError{Class: bsp.ClassRetry, HTTPStatus: 503} }}
	e := newEnv(t, func(c *Config) { c.Provider = down; c.RetryBase = time.Hour; c.RetryMax = time.Hour })
	e.postWebhook(inboundJSON("wamid.r1", "447700900123", "Z", "hi"), true)
	desk := e.login("desk")
	id := e.threadFor(desk, patientUK)
	var first, second api.SendResponse
	e.do("POST", api.Version+"/threads/"+id+"/send", desk, api.SendRequest{IdempotencyKey: "r-1", MacroID: "hours"}, &first)
	e.do("POST", api.Version+"/threads/"+id+"/send", desk, api.SendRequest{IdempotencyKey: "r-2", MacroID: "parking-directions"}, &second)
	waitFor(t, "first attempt", func() bool { return len(down.sent()) >= 1 })
	e.stop()

	up := &fakeProvider{}
	e.cfg.Provider = up
	e.cfg.RetryBase, e.cfg.RetryMax = 10*time.Millisecond, 10*time.Millisecond
	e.clock.Advance(2 * time.Hour) // past the backoff
	e.start()
	waitFor(t, "both sends after restart", func() bool { return len(up.sent()) == 2 })
	got := up.sent()
	if got[0].IdempotencyKey != first.Message.ID || got[1].IdempotencyKey != second.Message.ID {
		t.Errorf("order or keys changed: %s, %s", got[0].IdempotencyKey, got[1].IdempotencyKey)
	}
	if down.sent()[0].IdempotencyKey != got[0].IdempotencyKey {
		t.Errorf("retry used a different idempotency key")
	}
	waitFor(t, "sent status", func() bool {
		m, _ := e.srv.store.Messages.Get(context.Background(), e.srv.db, second.Message.ID)
		return m.Status == bsp.StatusSent
	})
}

func TestPermanentFailureMarksFailedWithPlainReason(t *testing.T) {
	fp := &fakeProvider{fail: func(int) error { return &bsp.ProviderError{Class: bsp.ClassUndeliverable, Code: 131026} }}
	e := newEnv(t, func(c *Config) { c.Provider = fp })
	e.postWebhook(inboundJSON("wamid.f1", "447700900123", "Z", "hi"), true)
	desk := e.login("desk")
	id := e.threadFor(desk, patientUK)
	var sr api.SendResponse
	e.do("POST", api.Version+"/threads/"+id+"/send", desk, api.SendRequest{IdempotencyKey: "f-1", MacroID: "hours"}, &sr)
	waitFor(t, "failed status", func() bool {
		m, _ := e.srv.store.Messages.Get(context.Background(), e.srv.db, sr.Message.ID)
		return m.Status == bsp.StatusFailed
	})
	d := e.thread(desk, id)
	last := d.Messages[len(d.Messages)-1]
	if last.Error != (&bsp.ProviderError{Class: bsp.ClassUndeliverable}).PlainReason() {
		t.Errorf("error %q", last.Error)
	}
	if len(fp.sent()) != 1 {
		t.Errorf("permanent failure retried: %d sends", len(fp.sent()))
	}
}
