package central

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/bsp/sim"
	"github.com/clinicwa/triage/bsp/twilio"
	"github.com/clinicwa/triage/store/api"
)

const (
	testD360Key       = "d360-api-key-7a1"
	testD360Secret    = "d360-webhook-secret-93"
	testTwilioSID     = "AC5ef8732a3c49700934481addd5ce1659"
	testTwilioToken   = "twilio-auth-token-2b7"
	testTwilioSender  = "whatsapp:+14155238886"
	providerTestPhone = patientUK
)

// freeLoopbackAddr reserves a port long enough to learn its number. The
// Twilio client needs the status-callback URL before the server listens.
func freeLoopbackAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// newProviderEnv wires a central endpoint to the simulator speaking one
// provider's wire format, both over real HTTP on loopback.
func newProviderEnv(t *testing.T, mode string) *env {
	t.Helper()
	e := &env{t: t, dir: t.TempDir(), keys: testKeys(t), clock: &clock{}}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	e.sim = sim.New(sim.Config{
		Mode: mode, AppSecret: testAppSecret, AccessToken: testSimToken, D360APIKey: testD360Key,
		D360WebhookHeaders: map[string]string{"Authorization": "Bearer " + testD360Secret},
		TwilioAccountSID:   testTwilioSID, TwilioAuthToken: testTwilioToken, TwilioFrom: testTwilioSender,
		StatusDelay: 5 * time.Millisecond, RetryMaxInterval: 50 * time.Millisecond, RetryHorizon: 5 * time.Second,
	})
	simAddr, err := e.sim.Start(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	e.simURL = "http://" + simAddr
	addr := freeLoopbackAddr(t)
	public := "http://" + addr
	e.cfg = Config{
		DataDir: e.dir, Addr: addr, PublicURL: public, Keys: e.keys,
		SeedUsers:  []SeedUser{{Username: "desk", Password: testPasswords["desk"], Role: "frontdesk"}},
		SeedOptIns: []string{providerTestPhone},
		Now:        e.clock.Now, RetryBase: 20 * time.Millisecond, RetryMax: 200 * time.Millisecond,
		HeartbeatInterval: 200 * time.Millisecond,
	}
	hook := "/webhooks/whatsapp"
	switch mode {
	case sim.ProviderCloudAPI:
		e.cfg.Provider = cloudapi.New(cloudapi.Config{BaseURL: e.simURL, PhoneNumberID: "106540352242922", Token: testSimToken})
		e.cfg.WhatsAppAppSecret, e.cfg.WhatsAppVerifyToken = testAppSecret, testVerifyToken
		e.cfg.BusinessNumber = "106540352242922"
	case sim.Provider360dialog:
		e.cfg.Provider = cloudapi.New(cloudapi.Config{BaseURL: e.simURL, Token: testD360Key, Dialect: cloudapi.Dialect360dialog})
		e.cfg.WhatsAppAppSecret = testD360Secret
		e.cfg.BusinessNumber = "106540352242922"
	case sim.ProviderTwilio:
		e.cfg.Provider = twilio.New(twilio.Config{BaseURL: e.simURL, AccountSID: testTwilioSID, AuthToken: testTwilioToken,
			From: testTwilioSender, StatusCallback: public + TwilioStatusPath})
		e.cfg.TwilioAuthToken = testTwilioToken
		e.cfg.BusinessNumber = "+14155238886" // testTwilioSender in E.164
		hook = TwilioInboundPath
	}
	srv, err := New(context.Background(), e.cfg)
	if err != nil {
		t.Fatal(err)
	}
	bound, _, err := srv.Start()
	if err != nil {
		t.Fatal(err)
	}
	e.srv, e.url = srv, "http://"+bound
	e.sim.SetWebhookURL(e.url + hook)
	t.Cleanup(e.stop)
	return e
}

// TestEachProviderEndToEnd runs the clinic's whole loop against the
// simulator in each provider's wire format: a patient writes in (and the
// provider delivers it twice), the desk answers with a quick reply, the
// provider receives it once, and the delivery statuses reach the thread.
func TestEachProviderEndToEnd(t *testing.T) {
	for _, mode := range []string{sim.ProviderCloudAPI, sim.Provider360dialog, sim.ProviderTwilio} {
		t.Run(mode, func(t *testing.T) {
			e := newProviderEnv(t, mode)
			e.sim.SetFaults(sim.Faults{DuplicateRatio: 1})
			e.patientWrites(providerTestPhone, "Where can I park?")
			e.sim.SetFaults(sim.Faults{})
			if n := e.count("messages"); n != 1 {
				t.Fatalf("messages stored = %d after one inbound delivered twice, want 1", n)
			}
			if st := e.sim.Stats(); st.Delivered < 2 {
				t.Fatalf("simulator delivered %d webhooks, want the duplicate too", st.Delivered)
			}
			desk := e.login("desk")
			id := e.threadFor(desk, providerTestPhone)
			var sr api.SendResponse
			if code := e.do("POST", api.Version+"/threads/"+id+"/send", desk,
				api.SendRequest{IdempotencyKey: "reply-1", MacroID: "parking-directions"}, &sr); code != 200 {
				t.Fatalf("send: %d", code)
			}
			var sent []sim.OutboxEntry
			waitFor(t, "the quick reply in the provider's outbox", func() bool {
				sent = e.sim.Outbox()
				return len(sent) > 0
			})
			waitFor(t, "the read status on the thread", func() bool {
				m, err := e.srv.store.Messages.Get(t.Context(), e.srv.db, sr.Message.ID)
				return err == nil && m.Status == bsp.StatusRead
			})
			sent = e.sim.Outbox()
			if len(sent) != 1 || sent[0].Provider != mode || sent[0].To != providerTestPhone || sent[0].IdempotencyKey != sr.Message.ID {
				t.Fatalf("outbox = %+v, want one %s send to the patient keyed %s", sent, mode, sr.Message.ID)
			}
			if !strings.Contains(strings.ToLower(sent[0].Text), "park") {
				t.Errorf("the patient received %q, not the parking directions", sent[0].Text)
			}
		})
	}
}

// postTwilio posts a form to a Twilio route, signed over the public URL
// when token is not empty.
func (e *env) postTwilio(path string, form url.Values, token string) (int, string) {
	e.t.Helper()
	req, _ := http.NewRequest("POST", e.url+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if token != "" {
		req.Header.Set(twilio.SignatureHeader, twilio.Sign(token, e.cfg.PublicURL+path, form))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 512)
	n, _ := resp.Body.Read(buf)
	b.Write(buf[:n])
	return resp.StatusCode, resp.Header.Get("Content-Type") + " " + b.String()
}

func twilioInboundForm(sid, text string) url.Values {
	return url.Values{
		"MessageSid": {sid}, "SmsMessageSid": {sid}, "AccountSid": {testTwilioSID},
		"From": {"whatsapp:" + providerTestPhone}, "To": {testTwilioSender}, "Body": {text},
		"NumMedia": {"0"}, "SmsStatus": {"received"}, "ProfileName": {"Zebulon Quixote"}, "WaId": {providerTestPhone[1:]},
	}
}

func TestTwilioWebhookSignatureAndAnswer(t *testing.T) {
	e := newProviderEnv(t, sim.ProviderTwilio)
	form := twilioInboundForm("SM0123456789abcdef0123456789abcdef", "Is the clinic open on Saturday?")

	for name, token := range map[string]string{"unsigned": "", "wrong token": "not-the-token"} {
		if code, _ := e.postTwilio(TwilioInboundPath, form, token); code != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", name, code)
		}
	}
	// Signed over the internal address instead of the public one: refused,
	// as Twilio's signature would be behind a proxy.
	other := *e
	other.cfg.PublicURL = "https://clinic.example"
	if code, _ := other.postTwilio(TwilioInboundPath, form, testTwilioToken); code != http.StatusUnauthorized {
		t.Errorf("signed over another URL: status %d, want 401", code)
	}
	if n := e.count("messages"); n != 0 {
		t.Fatalf("messages stored without a valid signature: %d", n)
	}

	code, answer := e.postTwilio(TwilioInboundPath, form, testTwilioToken)
	if code != 200 || !strings.HasPrefix(answer, "text/xml") || !strings.Contains(answer, "<Response></Response>") {
		t.Fatalf("signed inbound: %d %q, want 200 text/xml <Response></Response>", code, answer)
	}
	if code, _ := e.postTwilio(TwilioInboundPath, form, testTwilioToken); code != 200 {
		t.Fatalf("redelivery: %d", code)
	}
	if n := e.count("messages"); n != 1 {
		t.Fatalf("messages = %d after a delivery and its retry, want 1", n)
	}

	// A status callback carries the idempotency key in its URL's query;
	// the signature covers it, so the key cannot be swapped.
	cb := url.Values{"MessageSid": {"SMfeedfacefeedfacefeedfacefeedface"}, "MessageStatus": {"delivered"}, "To": {"whatsapp:" + providerTestPhone}}
	path := TwilioStatusPath + "?idempotency_key=msg_abc"
	if code, _ := e.postTwilio(path, cb, testTwilioToken); code != 200 {
		t.Errorf("signed status callback for an unknown message: %d, want 200 (nothing to update)", code)
	}
	req, _ := http.NewRequest("POST", e.url+TwilioStatusPath+"?idempotency_key=msg_other", strings.NewReader(cb.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set(twilio.SignatureHeader, twilio.Sign(testTwilioToken, e.cfg.PublicURL+path, cb))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("status callback with a swapped idempotency key: %d, want 401", resp.StatusCode)
	}

	// Oversize bodies are refused before anything is read into memory.
	big := url.Values{"Body": {strings.Repeat("a", MaxTwilioWebhookBytes)}}
	if code, _ := e.postTwilio(TwilioInboundPath, big, testTwilioToken); code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversize: %d, want 413", code)
	}
}
