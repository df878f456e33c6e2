package central

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/clinicwa/triage/bsp/sim"
)

// malformedEntries returns the server audit entries recording malformed
// webhooks.
func (e *env) malformedEntries() []map[string]string {
	e.t.Helper()
	chain, err := e.srv.store.Audit.Chain(e.t.Context(), e.srv.db, ServerConsoleID)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []map[string]string
	for _, en := range chain {
		if en.Action == ActionWebhookMalformed {
			out = append(out, en.Detail)
		}
	}
	return out
}

// A signed body the parser cannot read is acknowledged (Meta would retry
// anything else for seven days) and recorded for operators; an unsigned
// one is refused and leaves no trace in the store.
func TestWebhookMalformedSignedIsAcknowledgedAndRecorded(t *testing.T) {
	e := newEnv(t)
	bodies := []string{`{"object":"whatsapp_business_account","entry":[`, `not json`, `{"object":"page"}`}
	for _, body := range bodies {
		if code := e.postWebhook([]byte(body), false); code != http.StatusUnauthorized {
			t.Errorf("unsigned %q: status %d, want 401", body, code)
		}
	}
	if got := e.malformedEntries(); len(got) != 0 {
		t.Fatalf("unsigned bodies were recorded: %v", got)
	}
	for _, body := range bodies {
		if code := e.postWebhook([]byte(body), true); code != http.StatusOK {
			t.Errorf("signed %q: status %d, want 200", body, code)
		}
	}
	// A retry of the same body gets the same digest: an operator can tell
	// one stuck body from many.
	e.postWebhook([]byte(bodies[1]), true)
	got := e.malformedEntries()
	if len(got) != len(bodies)+1 {
		t.Fatalf("malformed entries = %d, want %d", len(got), len(bodies)+1)
	}
	for i, d := range got[:len(bodies)] {
		if d["route"] != "/webhooks/whatsapp" || d["bytes"] == "" || !strings.HasPrefix(d["reason"], "cloudapi: malformed webhook") || !strings.HasPrefix(d["body_digest"], "hmac-sha256:") {
			t.Errorf("entry %d detail = %v", i, d)
		}
	}
	if got[1]["body_digest"] != got[3]["body_digest"] || got[0]["body_digest"] == got[1]["body_digest"] {
		t.Errorf("digests do not identify bodies: %v", got)
	}
	if n := e.count("messages"); n != 0 {
		t.Errorf("malformed bodies stored %d messages", n)
	}
	for _, d := range got {
		for _, v := range d {
			if strings.Contains(v, "not json") || strings.Contains(v, "entry") {
				t.Errorf("audit detail quotes the body: %v", d)
			}
		}
	}
}

func TestTwilioMalformedSignedIsAcknowledgedAndRecorded(t *testing.T) {
	e := newProviderEnv(t, sim.ProviderTwilio)
	noSid := url.Values{"From": {"whatsapp:" + providerTestPhone}, "Body": {"Hello"}}
	if code, _ := e.postTwilio(TwilioInboundPath, noSid, ""); code != http.StatusUnauthorized {
		t.Fatalf("unsigned: %d, want 401", code)
	}
	if got := e.malformedEntries(); len(got) != 0 {
		t.Fatalf("unsigned body recorded: %v", got)
	}
	code, answer := e.postTwilio(TwilioInboundPath, noSid, testTwilioToken)
	if code != 200 || !strings.Contains(answer, "<Response></Response>") {
		t.Fatalf("signed malformed: %d %q, want 200 TwiML", code, answer)
	}
	got := e.malformedEntries()
	if len(got) != 1 || got[0]["route"] != TwilioInboundPath || !strings.Contains(got[0]["reason"], "no MessageSid") {
		t.Fatalf("entries = %v", got)
	}
	if n := e.count("messages"); n != 0 {
		t.Errorf("messages = %d", n)
	}
}
