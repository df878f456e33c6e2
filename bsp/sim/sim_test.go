package sim

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/bsp/cloudapi"
)

const (
	testSecret = "app-secret-for-tests"
	testToken  = "EAAG-test-token"
	patient    = "+15551230001"
)

// receiver is the clinic's webhook endpoint as the simulator sees it: the
// Cloud API adapter's own receiver verifies every signature on the raw
// bytes and parses the events, so what the simulator sends is what the
// clinic's server accepts.
type receiver struct {
	t        *testing.T
	srv      *httptest.Server
	mu       sync.Mutex
	failNext int // answer this many deliveries with 500 first
	bodies   [][]byte
	events   []bsp.Event
	badSigs  int
}

func newReceiver(t *testing.T) *receiver {
	rc := &receiver{t: t}
	hooks := cloudapi.NewReceiver(testSecret, "")
	rc.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(io.LimitReader(r.Body, hooks.MaxBody()+1))
		rc.mu.Lock()
		defer rc.mu.Unlock()
		if rc.failNext > 0 {
			rc.failNext--
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		req := &bsp.WebhookRequest{URL: "http://" + r.Host + r.URL.RequestURI(), Header: r.Header, Body: raw}
		if err := hooks.Verify(req); err != nil {
			rc.badSigs++
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		ev, err := hooks.Parse(req)
		if err != nil {
			t.Errorf("receiver: %v", err)
		}
		rc.bodies = append(rc.bodies, raw)
		rc.events = append(rc.events, ev...)
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(rc.srv.Close)
	return rc
}

func (rc *receiver) snapshot() ([]bsp.Event, [][]byte, int) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]bsp.Event(nil), rc.events...), append([][]byte(nil), rc.bodies...), rc.badSigs
}

// rig is a simulator on a real 127.0.0.1 listener with a receiver.
type rig struct {
	sim  *Server
	url  string
	rc   *receiver
	cli  *cloudapi.Client
	stop context.CancelFunc
}

func newRig(t *testing.T, mod func(*Config)) *rig {
	t.Helper()
	rc := newReceiver(t)
	cfg := Config{WebhookURL: rc.srv.URL, AppSecret: testSecret, AccessToken: testToken,
		StatusDelay: 5 * time.Millisecond, Seed: 1, RetryMaxInterval: 50 * time.Millisecond}
	if mod != nil {
		mod(&cfg)
	}
	s := New(cfg)
	ctx, cancel := context.WithCancel(context.Background())
	addr, err := s.Start(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cancel)
	base := "http://" + addr
	return &rig{sim: s, url: base, rc: rc, stop: cancel,
		cli: cloudapi.New(cloudapi.Config{BaseURL: base, PhoneNumberID: s.cfg.PhoneNumberID, Token: testToken})}
}

func (g *rig) flush(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := g.sim.Flush(ctx); err != nil {
		t.Fatalf("flush: %v", err)
	}
}

func (g *rig) postJSON(t *testing.T, method, path string, body any) (*http.Response, []byte) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, g.url+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp, out
}

func (g *rig) inbound(t *testing.T, in InboundRequest) string {
	t.Helper()
	resp, body := g.postJSON(t, "POST", "/sim/inbound", in)
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("inbound: %d %s", resp.StatusCode, body)
	}
	var out struct{ ID string }
	json.Unmarshal(body, &out)
	if !strings.HasPrefix(out.ID, "wamid.") && !strings.HasPrefix(out.ID, "SM") && !strings.HasPrefix(out.ID, "MM") {
		t.Fatalf("inbound id = %q", out.ID)
	}
	return out.ID
}

func statusesFor(ev []bsp.Event, id string) []bsp.Status {
	var out []bsp.Status
	for _, e := range ev {
		if e.Kind == bsp.EventStatus && e.StatusUpdate.ProviderID == id {
			out = append(out, e.StatusUpdate.Status)
		}
	}
	return out
}

func TestRoundTripInboundThenReply(t *testing.T) {
	g := newRig(t, nil)
	inID := g.inbound(t, InboundRequest{From: "+1 555 123 0001", Name: "María", Text: "Me duele el pecho — ¿qué hago? 🙏"})
	g.flush(t)

	ev, bodies, bad := g.rc.snapshot()
	if bad != 0 || len(ev) != 1 {
		t.Fatalf("events=%d badSigs=%d", len(ev), bad)
	}
	m := ev[0].Message
	if m.ProviderID != inID || m.From != patient || m.ProfileName != "María" || m.Text != "Me duele el pecho — ¿qué hago? 🙏" || m.Type != bsp.MessageText {
		t.Errorf("inbound parsed as %+v", m)
	}
	for _, c := range bodies[0] {
		if c >= 0x80 {
			t.Fatal("webhook body is not Meta-escaped ASCII")
		}
	}
	if !bytes.Contains(bodies[0], []byte(`Mar\u00eda`)) || !bytes.Contains(bodies[0], []byte(`\ud83d\ude4f`)) {
		t.Errorf("escaping differs from Meta's: %s", bodies[0])
	}

	// The clinic answers inside the window with buttons, threaded.
	res, err := g.cli.Send(context.Background(), bsp.SendRequest{IdempotencyKey: "k-1", To: patient, Kind: bsp.SendInteractive,
		Text: "Is the pain spreading to your arm?", ReplyTo: inID,
		Buttons: []bsp.Button{{ID: "yes", Title: "Yes"}, {ID: "no", Title: "No"}}})
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	if err := g.cli.MarkRead(context.Background(), inID); err != nil {
		t.Errorf("mark read: %v", err)
	}
	g.flush(t)

	ev, _, _ = g.rc.snapshot()
	got := statusesFor(ev, res.ProviderID)
	if len(got) != 3 || got[0] != bsp.StatusSent || got[1] != bsp.StatusDelivered || got[2] != bsp.StatusRead {
		t.Errorf("statuses = %v; want sent, delivered, read", got)
	}
	for _, e := range ev[1:] {
		if e.StatusUpdate.IdempotencyKey != "k-1" || e.StatusUpdate.Recipient != patient {
			t.Errorf("status lost its correlation: %+v", e.StatusUpdate)
		}
	}
	out := g.sim.Outbox()
	if len(out) != 1 || out[0].ID != res.ProviderID || out[0].Status != "read" || out[0].To != patient ||
		out[0].Text != "Is the pain spreading to your arm?\n[Yes] [No]" || out[0].ReplyTo != inID {
		t.Errorf("outbox = %+v", out)
	}

	// The same outbox over the control API.
	resp, err := http.Get(g.url + "/sim/outbox")
	if err != nil {
		t.Fatal(err)
	}
	var listed []map[string]any
	json.NewDecoder(resp.Body).Decode(&listed)
	resp.Body.Close()
	if len(listed) != 1 || listed[0]["status"] != "read" || listed[0]["type"] != "interactive" || listed[0]["at"] == nil {
		t.Errorf("GET /sim/outbox = %v", listed)
	}
}

func TestOutsideWindowFailsAsync(t *testing.T) {
	g := newRig(t, nil)
	g.inbound(t, InboundRequest{From: patient, Name: "Maria", Text: "hello"})
	g.sim.Advance(25 * time.Hour)
	res, err := g.cli.Send(context.Background(), bsp.SendRequest{IdempotencyKey: "k-late", To: patient, Kind: bsp.SendText, Text: "Are you better?"})
	if err != nil {
		t.Fatalf("Meta accepts the send and fails it later; got %v", err)
	}
	// A template is allowed outside the window.
	tres, err := g.cli.Send(context.Background(), bsp.SendRequest{To: patient, Kind: bsp.SendTemplate,
		TemplateName: "checkin", TemplateLanguage: "en", TemplateParams: []bsp.TemplateParam{{Value: "Maria"}}})
	if err != nil {
		t.Fatal(err)
	}
	g.flush(t)
	ev, _, _ := g.rc.snapshot()
	if got := statusesFor(ev, res.ProviderID); len(got) != 1 || got[0] != bsp.StatusFailed {
		t.Fatalf("statuses = %v; want one failed", got)
	}
	for _, e := range ev {
		if e.Kind == bsp.EventStatus && e.StatusUpdate.ProviderID == res.ProviderID {
			if pe := e.StatusUpdate.Err; pe == nil || pe.Code != 131047 || pe.Class != bsp.ClassOutsideWindow || e.StatusUpdate.IdempotencyKey != "k-late" {
				t.Errorf("failure = %+v", pe)
			}
		}
	}
	if got := statusesFor(ev, tres.ProviderID); len(got) != 3 {
		t.Errorf("template statuses = %v", got)
	}
	out := g.sim.Outbox()
	if out[0].Status != "failed" || out[0].ErrorCode != 131047 || out[1].Text != "[template checkin] Maria" {
		t.Errorf("outbox = %+v", out)
	}

	// Synchronous mode.
	g.sim.SetFaults(Faults{OutsideWindowSync: true})
	_, err = g.cli.Send(context.Background(), bsp.SendRequest{To: patient, Kind: bsp.SendText, Text: "x"})
	if pe, _ := bsp.AsProviderError(err); pe == nil || pe.Code != 131047 || pe.Class != bsp.ClassOutsideWindow {
		t.Errorf("sync outside window: %v", err)
	}
}

func TestWebhookRetriedUntil200(t *testing.T) {
	g := newRig(t, nil)
	g.rc.failNext = 3
	g.inbound(t, InboundRequest{From: patient, Name: "Maria", Text: "are you there"})
	g.flush(t)
	ev, _, _ := g.rc.snapshot()
	st := g.sim.Stats()
	if len(ev) != 1 || st.Attempts != 4 || st.Failed != 3 || st.Delivered != 1 {
		t.Errorf("events=%d stats=%+v", len(ev), st)
	}
}

func TestBadSignatureIsNoticed(t *testing.T) {
	// A simulator holding another secret: the receiver refuses, the
	// simulator retries until the horizon and gives up.
	g := newRig(t, func(c *Config) { c.AppSecret = "wrong"; c.RetryHorizon = 200 * time.Millisecond })
	g.inbound(t, InboundRequest{From: patient, Text: "hi"})
	g.flush(t)
	ev, _, bad := g.rc.snapshot()
	if len(ev) != 0 || bad < 2 || g.sim.Stats().GaveUp != 1 {
		t.Errorf("events=%d badSigs=%d stats=%+v", len(ev), bad, g.sim.Stats())
	}
}

func TestSendErrors(t *testing.T) {
	g := newRig(t, func(c *Config) {
		c.PairBurst = 2
		c.Templates = []Template{{Name: "checkin", Language: "en", Body: "Hello {{1}}, how is {{2}}?"}}
	})
	g.inbound(t, InboundRequest{From: patient, Text: "hi"})
	ctx := context.Background()
	text := bsp.SendRequest{To: patient, Kind: bsp.SendText, Text: "ok"}

	bad := cloudapi.New(cloudapi.Config{BaseURL: g.url, PhoneNumberID: g.sim.cfg.PhoneNumberID, Token: "stolen"})
	_, err := bad.Send(ctx, text)
	expectClass(t, "bad token", err, bsp.ClassAuth, 190)

	_, err = g.cli.Send(ctx, bsp.SendRequest{To: patient, Kind: bsp.SendTemplate, TemplateName: "nope", TemplateLanguage: "en"})
	expectClass(t, "unknown template", err, bsp.ClassTemplate, 132001)
	_, err = g.cli.Send(ctx, bsp.SendRequest{To: patient, Kind: bsp.SendTemplate, TemplateName: "checkin", TemplateLanguage: "en",
		TemplateParams: []bsp.TemplateParam{{Value: "Maria"}}})
	expectClass(t, "param count", err, bsp.ClassTemplate, 132000)

	// Pair limit: a burst of two, then 131056.
	if _, err := g.cli.Send(ctx, bsp.SendRequest{To: patient, Kind: bsp.SendTemplate, TemplateName: "checkin", TemplateLanguage: "en",
		TemplateParams: []bsp.TemplateParam{{Value: "Maria"}, {Value: "the cough"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := g.cli.Send(ctx, text); err != nil {
		t.Fatal(err)
	}
	_, err = g.cli.Send(ctx, text)
	expectClass(t, "pair rate", err, bsp.ClassPairRate, 131056)
	if out := g.sim.Outbox(); out[0].Text != "Hello Maria, how is the cough?" {
		t.Errorf("rendered template = %q", out[0].Text)
	}

	g.sim.SetFaults(Faults{FailRatio: 1, Code: 130429})
	_, err = g.cli.Send(ctx, text)
	expectClass(t, "injected throttle", err, bsp.ClassThrottled, 130429)
	g.sim.SetFaults(Faults{FailRatio: 1})
	_, err = g.cli.Send(ctx, text)
	expectClass(t, "injected 500", err, bsp.ClassRetry, 131000)
	g.sim.SetFaults(Faults{TokenExpired: true})
	_, err = g.cli.Send(ctx, text)
	expectClass(t, "token expired", err, bsp.ClassAuth, 190)

	// Raw validation errors, as a hand-written client would hit them.
	for name, body := range map[string]string{
		"no messaging_product": `{"to":"15551230001","type":"text","text":{"body":"x"}}`,
		"not json":             `{"messaging_product":`,
		"bad number":           `{"messaging_product":"whatsapp","to":"abc","type":"text","text":{"body":"x"}}`,
	} {
		g.sim.SetFaults(Faults{})
		req, _ := http.NewRequest("POST", g.url+"/v25.0/"+g.sim.cfg.PhoneNumberID+"/messages", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+testToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if pe := cloudapi.ParseError(resp.StatusCode, resp.Header, raw); resp.StatusCode != 400 || pe.Code != 100 || pe.Class != bsp.ClassInvalid {
			t.Errorf("%s: %d %s", name, resp.StatusCode, raw)
		}
	}
	// A wrong phone-number id in the path.
	other := cloudapi.New(cloudapi.Config{BaseURL: g.url, PhoneNumberID: "999", Token: testToken})
	_, err = other.Send(ctx, text)
	expectClass(t, "wrong phone id", err, bsp.ClassInvalid, 100)
}

func TestThroughputLimit(t *testing.T) {
	g := newRig(t, func(c *Config) { c.RatePerSecond = 3; c.PairBurst = 100 })
	g.inbound(t, InboundRequest{From: patient, Text: "hi"})
	var throttled int
	for i := 0; i < 6; i++ {
		_, err := g.cli.Send(context.Background(), bsp.SendRequest{To: patient, Kind: bsp.SendText, Text: "x"})
		if pe, ok := bsp.AsProviderError(err); ok && pe.Code == 130429 && pe.Class == bsp.ClassThrottled && pe.HTTPStatus == 429 {
			throttled++
		}
	}
	if throttled < 2 {
		t.Errorf("throttled %d of 6 sends at 3/s", throttled)
	}
}

func expectClass(t *testing.T, name string, err error, class bsp.ErrorClass, code int) {
	t.Helper()
	pe, ok := bsp.AsProviderError(err)
	if !ok || pe.Class != class || pe.Code != code {
		t.Errorf("%s: err = %v; want %s %d", name, err, class, code)
	}
}

func TestDuplicatesAndReordering(t *testing.T) {
	g := newRig(t, func(c *Config) { c.Faults = Faults{DuplicateRatio: 1, ReorderRatio: 1} })
	g.inbound(t, InboundRequest{From: patient, Text: "hi"})
	res, err := g.cli.Send(context.Background(), bsp.SendRequest{To: patient, Kind: bsp.SendText, Text: "ok"})
	if err != nil {
		t.Fatal(err)
	}
	g.flush(t)
	ev, _, _ := g.rc.snapshot()
	var inbound int
	for _, e := range ev {
		if e.Kind == bsp.EventMessage {
			inbound++
		}
	}
	got := statusesFor(ev, res.ProviderID)
	if inbound != 2 || len(got) != 6 {
		t.Fatalf("inbound deliveries=%d statuses=%v; want every webhook twice", inbound, got)
	}
	// Read overtakes delivered, and the outbox still ends at read.
	var order []bsp.Status
	for _, s := range got {
		if len(order) == 0 || order[len(order)-1] != s {
			order = append(order, s)
		}
	}
	if order[1] != bsp.StatusRead || g.sim.Outbox()[0].Status != "read" {
		t.Errorf("order = %v outbox=%s", order, g.sim.Outbox()[0].Status)
	}

	// DELETE /sim/faults returns to the configured faults.
	g.sim.SetFaults(Faults{})
	req, _ := http.NewRequest("DELETE", g.url+"/sim/faults", nil)
	resp, _ := http.DefaultClient.Do(req)
	resp.Body.Close()
	if g.sim.faults.DuplicateRatio != 1 {
		t.Error("DELETE /sim/faults did not restore the configured faults")
	}
}

func Test360dialog(t *testing.T) {
	var mu sync.Mutex
	var gotHeader string
	var events []bsp.Event
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		ev, _ := cloudapi.NewD360Receiver("").Parse(&bsp.WebhookRequest{Header: r.Header, Body: raw})
		mu.Lock()
		gotHeader = r.Header.Get("X-Clinic-Hook")
		events = append(events, ev...)
		mu.Unlock()
	}))
	defer hook.Close()
	g := newRig(t, func(c *Config) {
		c.WebhookURL = hook.URL
		c.Mode = Provider360dialog
		c.D360APIKey = "d360-key"
		c.D360WebhookHeaders = map[string]string{"X-Clinic-Hook": "shared-secret"}
	})
	g.inbound(t, InboundRequest{From: patient, Text: "hola"})
	cli := cloudapi.New(cloudapi.Config{BaseURL: g.url, Token: "d360-key", Dialect: cloudapi.Dialect360dialog})
	res, err := cli.Send(context.Background(), bsp.SendRequest{To: patient, Kind: bsp.SendText, Text: "hola"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = cloudapi.New(cloudapi.Config{BaseURL: g.url, Token: "nope", Dialect: cloudapi.Dialect360dialog}).
		Send(context.Background(), bsp.SendRequest{To: patient, Kind: bsp.SendText, Text: "hola"})
	expectClass(t, "bad api key", err, bsp.ClassAuth, 0)
	g.flush(t)
	mu.Lock()
	defer mu.Unlock()
	if gotHeader != "shared-secret" || len(statusesFor(events, res.ProviderID)) != 3 || events[0].Provider != "360dialog" {
		t.Errorf("header=%q events=%d", gotHeader, len(events))
	}
	if g.sim.Outbox()[0].Provider != "360dialog" {
		t.Error("outbox provider")
	}
}

func TestControlAPIValidation(t *testing.T) {
	g := newRig(t, nil)
	for name, c := range map[string]struct {
		method, path string
		body         any
	}{
		"inbound bad number":  {"POST", "/sim/inbound", map[string]string{"from": "nobody", "text": "x"}},
		"inbound unknown key": {"POST", "/sim/inbound", map[string]string{"from": patient, "txt": "x"}},
		"inbound bad type":    {"POST", "/sim/inbound", map[string]string{"from": patient, "text": "x", "type": "poll"}},
		"faults bad ratio":    {"POST", "/sim/faults", map[string]any{"fail_ratio": 2}},
		"faults bad status":   {"POST", "/sim/faults", map[string]any{"fail_ratio": 1, "status": 200}},
		"clock bad duration":  {"POST", "/sim/clock", map[string]string{"advance": "tomorrow"}},
	} {
		if resp, body := g.postJSON(t, c.method, c.path, c.body); resp.StatusCode != 400 {
			t.Errorf("%s: %d %s", name, resp.StatusCode, body)
		}
	}
	if resp, body := g.postJSON(t, "POST", "/sim/faults", map[string]any{"fail_ratio": 0.33, "status": 503, "code": 131016}); resp.StatusCode != 200 || !strings.Contains(string(body), `"fail_ratio":0.33`) {
		t.Errorf("faults: %d %s", resp.StatusCode, body)
	}
}

func TestMetaEscape(t *testing.T) {
	in := []byte(`{"a":"äöå 😀 <x>"}`)
	want := `{"a":"\u00e4\u00f6\u00e5 \ud83d\ude00 <x>"}`
	if got := string(metaEscape(in)); got != want {
		t.Errorf("metaEscape = %s; want %s", got, want)
	}
	var v struct{ A string }
	if err := json.Unmarshal(metaEscape(in), &v); err != nil || v.A != "äöå 😀 <x>" {
		t.Errorf("escaped JSON decodes to %q, %v", v.A, err)
	}
}
