package central

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/bsp/providers"
	"github.com/clinicwa/triage/bsp/sim"
)

// acmeReceiver is a provider the server has never heard of: its own
// route, its own signature header, its own body shape and its own
// acknowledgement. It exists to show that a new provider is an adapter
// handed to Config.Webhooks, with no change to the server.
type acmeReceiver struct{ secret string }

const acmePath = "/webhooks/acme"

var errAcmeMalformed = fmt.Errorf("acme: %w", bsp.ErrMalformed)

func acmeSign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

func (acmeReceiver) Provider() string { return "acme" }
func (acmeReceiver) Routes() []string { return []string{acmePath} }
func (acmeReceiver) MaxBody() int64   { return 1 << 10 }
func (a acmeReceiver) Verify(req *bsp.WebhookRequest) error {
	got, err := hex.DecodeString(req.Header.Get("X-Acme-Signature"))
	want, _ := hex.DecodeString(acmeSign(a.secret, req.Body))
	if err != nil || a.secret == "" || !hmac.Equal(got, want) {
		return bsp.ErrBadSignature
	}
	return nil
}
func (acmeReceiver) Parse(req *bsp.WebhookRequest) ([]bsp.Event, error) {
	var m struct{ ID, From, Text, To string }
	if err := json.Unmarshal(req.Body, &m); err != nil {
		return nil, fmt.Errorf("%w: not JSON", errAcmeMalformed)
	}
	return []bsp.Event{{Kind: bsp.EventMessage, Provider: "acme", BusinessNumber: m.To,
		Message: &bsp.InboundMessage{ProviderID: m.ID, From: m.From, Type: bsp.MessageText, Text: m.Text, RawType: "text"}}}, nil
}
func (acmeReceiver) Ack() bsp.Ack {
	return bsp.Ack{ContentType: "application/json", Body: `{"received":true}`}
}

func TestWebhookNewProviderNeedsNoServerChange(t *testing.T) {
	e := newEnv(t, func(c *Config) {
		c.Webhooks = append(providers.Routes(c.Provider.Name(), providers.Credentials{AppSecret: testAppSecret, VerifyToken: testVerifyToken}),
			providers.Route{Path: acmePath, Receiver: acmeReceiver{secret: "acme-secret"}})
	})
	post := func(body []byte, secret string) (int, string, string) {
		t.Helper()
		req, _ := http.NewRequest("POST", e.url+acmePath, bytes.NewReader(body))
		if secret != "" {
			req.Header.Set("X-Acme-Signature", acmeSign(secret, body))
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
	}
	msg := []byte(fmt.Sprintf(`{"id":"acme-1","from":%q,"to":%q,"text":"Is the clinic open today?"}`, patientUK, testBusinessNumber))

	for name, secret := range map[string]string{"unsigned": "", "another secret": "not-acme"} {
		if code, _, _ := post(msg, secret); code != http.StatusUnauthorized {
			t.Errorf("%s: %d, want 401", name, code)
		}
	}
	if code, _, _ := post(bytes.Repeat([]byte("a"), 2<<10), "acme-secret"); code != http.StatusRequestEntityTooLarge {
		t.Errorf("over the adapter's limit: %d, want 413", code)
	}
	if n := e.count("messages"); n != 0 {
		t.Fatalf("stored %d messages without a valid delivery", n)
	}
	for i := 0; i < 2; i++ {
		code, ctype, body := post(msg, "acme-secret")
		if code != 200 || ctype != "application/json" || body != `{"received":true}` {
			t.Fatalf("delivery %d: %d %q %q, want the adapter's acknowledgement", i+1, code, ctype, body)
		}
	}
	if n := e.count("messages"); n != 1 {
		t.Fatalf("messages = %d after a delivery and its retry, want 1", n)
	}
	desk := e.login("desk")
	if d := e.thread(desk, e.threadFor(desk, patientUK)); len(d.Messages) != 1 || d.Messages[0].Masked != "Is the clinic open today?" {
		t.Fatalf("thread = %+v", d.Messages)
	}
	if code, _, _ := post([]byte("{not json"), "acme-secret"); code != 200 {
		t.Fatalf("signed malformed: %d, want 200", code)
	}
	got := e.malformedEntries()
	if len(got) != 1 || got[0]["route"] != acmePath || got[0]["reason"] != "acme: malformed webhook: not JSON" {
		t.Fatalf("malformed entries = %v", got)
	}
	// The built-in providers are still served beside it.
	if code := e.postWebhook(inboundJSON("wamid.acme2", "447700900123", "Zebulon Quixote", "and tomorrow?"), true); code != 200 {
		t.Fatalf("Cloud API beside the new adapter: %d", code)
	}
}

// Two receivers for one path are a configuration mistake: the server
// does not start rather than let one of them silently win.
func TestWebhookRoutesMustBeUnambiguous(t *testing.T) {
	rs := providers.Routes("cloudapi", providers.Credentials{})
	_, err := New(context.Background(), Config{DataDir: t.TempDir(), Keys: testKeys(t), Provider: &fakeProvider{},
		Webhooks: append(rs, providers.Route{Path: TwilioInboundPath, Receiver: acmeReceiver{}})})
	if err == nil || !strings.Contains(err.Error(), TwilioInboundPath) {
		t.Fatalf("New with two receivers for %s: %v", TwilioInboundPath, err)
	}
}

// What each route answers that the adapters decide between them: a Twilio
// body that is not a form cannot be checked (400, not 401), Meta's
// handshake is only on the Cloud API route, and 360dialog refuses it.
func TestWebhookRouteAnswers(t *testing.T) {
	e := newProviderEnv(t, sim.ProviderTwilio)
	do := func(method, path, ctype, body string) int {
		t.Helper()
		req, _ := http.NewRequest(method, e.url+path, strings.NewReader(body))
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	form := twilioInboundForm("SM0123456789abcdef0123456789abcdef", "hello")
	cases := []struct {
		name, method, path, ctype, body string
		want                            int
	}{
		{"Twilio form that does not decode", "POST", TwilioInboundPath, "application/x-www-form-urlencoded", "From=%zz&Body=%", http.StatusBadRequest},
		{"Twilio route given JSON", "POST", TwilioInboundPath, "application/json", `{"MessageSid":"SM1"}`, http.StatusBadRequest},
		{"Twilio status query that does not decode", "POST", TwilioStatusPath + "?idempotency_key=%zz", "application/x-www-form-urlencoded", form.Encode(), http.StatusBadRequest},
		{"Twilio form unsigned", "POST", TwilioInboundPath, "application/x-www-form-urlencoded", form.Encode(), http.StatusUnauthorized},
		{"GET on a Twilio route", "GET", TwilioInboundPath, "", "", http.StatusMethodNotAllowed},
		{"Meta handshake with no verify token configured", "GET", "/webhooks/whatsapp?" + url.Values{"hub.mode": {"subscribe"}, "hub.challenge": {"1"}, "hub.verify_token": {""}}.Encode(), "", "", http.StatusForbidden},
	}
	for _, tc := range cases {
		if got := do(tc.method, tc.path, tc.ctype, tc.body); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
	if n := e.count("messages"); n != 0 {
		t.Fatalf("stored %d messages from refused requests", n)
	}
	if got := e.malformedEntries(); len(got) != 0 {
		t.Fatalf("refused requests were recorded: %v", got)
	}

	d := newProviderEnv(t, sim.Provider360dialog)
	resp, err := http.Get(d.url + "/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1&hub.verify_token=" + testD360Secret)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("360dialog handshake: %d, want 403 (360dialog sends none)", resp.StatusCode)
	}
}
