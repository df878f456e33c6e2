package sim

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/bsp/twilio"
)

const (
	twSID   = "AC11111111111111111111111111111111"
	twToken = "twilio-auth-token"
)

// twilioReceiver is the Twilio adapter's own receiver behind a test
// server: it verifies X-Twilio-Signature over the URL it was called at
// and parses the form, as the clinic's server does.
type twilioReceiver struct {
	srv    *httptest.Server
	mu     sync.Mutex
	events []bsp.Event
	bad    int
}

func newTwilioReceiver(t *testing.T) *twilioReceiver {
	tr := &twilioReceiver{}
	hooks := twilio.NewReceiver(twToken)
	tr.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, err := io.ReadAll(io.LimitReader(r.Body, hooks.MaxBody()))
		if err != nil {
			t.Error(err)
		}
		req := &bsp.WebhookRequest{URL: "http://" + r.Host + r.URL.RequestURI(), Header: r.Header, Body: raw}
		tr.mu.Lock()
		defer tr.mu.Unlock()
		if err := hooks.Verify(req); err != nil {
			tr.bad++
			w.WriteHeader(http.StatusForbidden)
			return
		}
		ev, err := hooks.Parse(req)
		if err != nil {
			t.Errorf("parse: %v", err)
		}
		tr.events = append(tr.events, ev...)
		ack := hooks.Ack()
		w.Header().Set("Content-Type", ack.ContentType)
		io.WriteString(w, ack.Body)
	}))
	t.Cleanup(tr.srv.Close)
	return tr
}

func TestTwilioRoundTrip(t *testing.T) {
	tr := newTwilioReceiver(t)
	g := newRig(t, func(c *Config) {
		c.Mode = ProviderTwilio
		c.TwilioAccountSID, c.TwilioAuthToken = twSID, twToken
		c.TwilioWebhookURL = tr.srv.URL + "/hooks/twilio/inbound?clinic=north"
		c.Templates = []Template{{SID: "HX1", Name: "checkin", Language: "en", Body: "Hi {{1}}, reply YES to confirm {{2}}."}}
	})
	cli := twilio.New(twilio.Config{BaseURL: g.url, AccountSID: twSID, AuthToken: twToken, From: "+14155238886",
		StatusCallback: tr.srv.URL + "/hooks/twilio/status"})
	ctx := context.Background()

	// Outside the window a free-form body is accepted, then fails 63016; a Content template goes through.
	late, err := cli.Send(ctx, bsp.SendRequest{IdempotencyKey: "k-late", To: patient, Kind: bsp.SendText, Text: "hello?"})
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := cli.Send(ctx, bsp.SendRequest{IdempotencyKey: "k-tpl", To: patient, Kind: bsp.SendTemplate, TemplateSID: "HX1",
		TemplateParams: []bsp.TemplateParam{{Value: "Maria"}, {Value: "Tuesday"}}})
	if err != nil {
		t.Fatal(err)
	}
	g.inbound(t, InboundRequest{From: patient, Name: "Maria", Text: "YES", Type: "button", Payload: "CONFIRM", ReplyTo: tpl.ProviderID})
	g.flush(t)

	tr.mu.Lock()
	defer tr.mu.Unlock()
	if tr.bad != 0 {
		t.Fatalf("%d webhooks failed signature verification", tr.bad)
	}
	var msg *bsp.InboundMessage
	got := map[string][]bsp.Status{}
	keys := map[string]string{}
	for _, e := range tr.events {
		switch e.Kind {
		case bsp.EventMessage:
			msg = e.Message
		case bsp.EventStatus:
			got[e.StatusUpdate.ProviderID] = append(got[e.StatusUpdate.ProviderID], e.StatusUpdate.Status)
			keys[e.StatusUpdate.ProviderID] = e.StatusUpdate.IdempotencyKey
			if e.StatusUpdate.Status == bsp.StatusFailed && (e.StatusUpdate.Err.Code != 63016 || e.StatusUpdate.Err.Class != bsp.ClassOutsideWindow) {
				t.Errorf("failure = %+v", e.StatusUpdate.Err)
			}
		}
	}
	if msg == nil || msg.From != patient || msg.Type != bsp.MessageButton || msg.Payload != "CONFIRM" || msg.ReplyTo != tpl.ProviderID || msg.ProfileName != "Maria" {
		t.Errorf("inbound = %+v", msg)
	}
	if s := got[late.ProviderID]; len(s) != 1 || s[0] != bsp.StatusFailed || keys[late.ProviderID] != "k-late" {
		t.Errorf("free-form outside window: %v key=%q", s, keys[late.ProviderID])
	}
	if s := got[tpl.ProviderID]; len(s) != 3 || s[2] != bsp.StatusRead || keys[tpl.ProviderID] != "k-tpl" {
		t.Errorf("template: %v", s)
	}
	if out := g.sim.Outbox(); out[1].Text != "Hi Maria, reply YES to confirm Tuesday." || out[1].Provider != "twilio" {
		t.Errorf("outbox = %+v", out)
	}
}

func TestTwilioSendErrors(t *testing.T) {
	g := newRig(t, func(c *Config) {
		c.TwilioAccountSID, c.TwilioAuthToken = twSID, twToken
		c.Templates = []Template{{SID: "HX1", Body: "Hi {{1}}"}}
	})
	ctx := context.Background()
	text := bsp.SendRequest{To: patient, Kind: bsp.SendText, Text: "x"}
	cli := func(mod func(*twilio.Config)) *twilio.Client {
		c := twilio.Config{BaseURL: g.url, AccountSID: twSID, AuthToken: twToken, From: "+14155238886"}
		if mod != nil {
			mod(&c)
		}
		return twilio.New(c)
	}
	_, err := cli(func(c *twilio.Config) { c.AuthToken = "wrong" }).Send(ctx, text)
	expectClass(t, "bad auth", err, bsp.ClassAuth, 20003)
	_, err = cli(func(c *twilio.Config) { c.From = "+14155550000" }).Send(ctx, text)
	expectClass(t, "unknown sender", err, bsp.ClassPermanent, 63007)
	_, err = cli(nil).Send(ctx, bsp.SendRequest{To: patient, Kind: bsp.SendTemplate, TemplateSID: "HX404"})
	expectClass(t, "unknown content", err, bsp.ClassTemplate, 21655)
	_, err = cli(nil).Send(ctx, bsp.SendRequest{To: patient, Kind: bsp.SendTemplate, TemplateSID: "HX1"})
	expectClass(t, "variables", err, bsp.ClassTemplate, 63028)
	g.sim.SetFaults(Faults{OutsideWindowSync: true})
	_, err = cli(nil).Send(ctx, text)
	expectClass(t, "sync window", err, bsp.ClassOutsideWindow, 63016)
	g.sim.SetFaults(Faults{FailRatio: 1, Status: 429, Code: 20429})
	_, err = cli(nil).Send(ctx, text)
	expectClass(t, "injected", err, bsp.ClassThrottled, 20429)
	g.sim.SetFaults(Faults{TokenExpired: true})
	_, err = cli(nil).Send(ctx, text)
	expectClass(t, "expired", err, bsp.ClassAuth, 20003)

	// A hand-written client that forgets the whatsapp: prefix on To.
	g.sim.SetFaults(Faults{})
	req, _ := http.NewRequest("POST", g.url+"/2010-04-01/Accounts/"+twSID+"/Messages.json",
		strings.NewReader(url.Values{"To": {patient}, "From": {"whatsapp:+14155238886"}, "Body": {"x"}}.Encode()))
	req.SetBasicAuth(twSID, twToken)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if pe := twilio.ParseError(resp.StatusCode, resp.Header, raw); pe.Code != 21910 {
		t.Errorf("missing prefix: %d %s", resp.StatusCode, raw)
	}
}

func TestTimeoutFault(t *testing.T) {
	g := newRig(t, func(c *Config) { c.Faults = Faults{TimeoutRatio: 1} })
	c := cloudapi.New(cloudapi.Config{BaseURL: g.url, PhoneNumberID: g.sim.cfg.PhoneNumberID, Token: testToken,
		HTTPClient: &http.Client{Timeout: 100 * time.Millisecond}})
	start := time.Now()
	_, err := c.Send(context.Background(), bsp.SendRequest{To: patient, Kind: bsp.SendText, Text: "x"})
	expectClass(t, "timeout", err, bsp.ClassRetry, 0)
	if time.Since(start) > 5*time.Second {
		t.Error("client did not give up on its own timeout")
	}
}
