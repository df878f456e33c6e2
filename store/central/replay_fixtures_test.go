package central

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/bsp/sim"
	"github.com/clinicwa/triage/bsp/twilio"
)

// TestReplayProviderFixtures replays every webhook body of a folder of
// real provider bodies (documentation samples, client libraries' test data,
// live captures: SOURCES.md and manifest.json describe them) against a
// running central endpoint over real HTTP, signed as the provider signs,
// and reports for each body what was stored or why it was refused.
// Nothing may be dropped silently: every body must either store something
// or leave a stated reason (an audit entry, or statuses and errors the
// store had nothing to apply to).
//
// It runs only when TRIAGE_PROVIDER_FIXTURES names the folder
// (`make replay-fixtures`), since the bodies are not part of the project.
// Each body is replayed twice: as sent (documentation samples and other
// businesses' bodies name another business number and must be refused as
// misrouted), and addressed to the clinic's own number with unique
// message ids, to show how each kind is stored.
func TestReplayProviderFixtures(t *testing.T) {
	dir := os.Getenv("TRIAGE_PROVIDER_FIXTURES")
	if dir == "" {
		t.Skip("TRIAGE_PROVIDER_FIXTURES is not set")
	}
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatalf("TRIAGE_PROVIDER_FIXTURES=%s: %v", dir, err)
	}
	var manifest []struct{ ID, Provider, Kind, File string }
	if err := json.Unmarshal(raw, &manifest); err != nil {
		t.Fatal(err)
	}
	envs := map[string]*env{}
	envFor := func(provider string) *env {
		mode := map[string]string{"cloudapi": sim.ProviderCloudAPI, "360dialog": sim.Provider360dialog, "twilio": sim.ProviderTwilio}[provider]
		if envs[provider] == nil {
			envs[provider] = newProviderEnv(t, mode)
		}
		return envs[provider]
	}
	tally := map[string]int{}
	var report []string
	for i, f := range manifest {
		body, err := os.ReadFile(filepath.Join(dir, f.File))
		if err != nil {
			t.Fatalf("%s: %v", f.ID, err)
		}
		e := envFor(f.Provider)
		asSent := replayOne(t, e, f.Provider, body)
		ours := replayOne(t, e, f.Provider, addressToUs(t, f.Provider, body, i))
		if asSent.silent() || ours.silent() {
			t.Errorf("%s: dropped without a stated reason (as sent: %s; to our number: %s)", f.ID, asSent, ours)
		}
		tally["as sent: "+asSent.class]++
		tally["to our number: "+ours.class]++
		report = append(report, fmt.Sprintf("%-62s %-9s as sent: %s\n%62s %-9s to our number: %s", f.ID, f.Provider, asSent, "", "", ours))
	}
	keys := make([]string, 0, len(tally))
	for k := range tally {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var sum []string
	for _, k := range keys {
		sum = append(sum, fmt.Sprintf("  %-40s %d", k, tally[k]))
	}
	out := fmt.Sprintf("%d bodies replayed\n%s\n\n%s\n", len(manifest), strings.Join(sum, "\n"), strings.Join(report, "\n"))
	t.Log("\n" + out)
	if path := os.Getenv("TRIAGE_REPLAY_REPORT"); path != "" {
		if err := os.WriteFile(path, []byte(out), 0o600); err != nil {
			t.Error(err)
		}
	}
}

// replayOutcome is what one replay of one body did.
type replayOutcome struct {
	class  string   // stored, refused, acknowledged
	detail []string // what was stored, or why not
}

func (o replayOutcome) silent() bool   { return len(o.detail) == 0 }
func (o replayOutcome) String() string { return o.class + ": " + strings.Join(o.detail, "; ") }

// replayOne posts body signed as its provider signs and reads back what
// changed: messages stored by type, audit entries written, and the events
// the store had nothing to apply to.
func replayOne(t *testing.T, e *env, provider string, body []byte) replayOutcome {
	t.Helper()
	types := func() map[string]int {
		rows, err := e.srv.db.Query(`SELECT type, count(*) FROM messages WHERE direction = 'in' GROUP BY type`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		m := map[string]int{}
		for rows.Next() {
			var typ string
			var n int
			rows.Scan(&typ, &n)
			m[typ] = n
		}
		return m
	}
	chain := func() int {
		c, err := e.srv.store.Audit.Chain(e.t.Context(), e.srv.db, ServerConsoleID)
		if err != nil {
			t.Fatal(err)
		}
		return len(c)
	}
	beforeTypes, beforeAudit := types(), chain()
	_ = chain
	var code int
	// The events are read back through the same adapter the server
	// called, to say what the store had nothing to apply to.
	req := &bsp.WebhookRequest{Header: http.Header{}, Body: body}
	var rcv bsp.WebhookReceiver
	switch provider {
	case "twilio":
		form, err := url.ParseQuery(strings.TrimSpace(string(body)))
		if err != nil {
			return replayOutcome{class: "refused", detail: []string{"not a form body: " + err.Error()}}
		}
		code, _ = e.postTwilio(TwilioInboundPath, form, testTwilioToken)
		req.Body = []byte(form.Encode())
		req.URL = e.cfg.PublicURL + TwilioInboundPath
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rcv = twilio.NewReceiver(testTwilioToken)
	case "360dialog":
		code = e.postD360(body)
		rcv = cloudapi.NewD360Receiver(testD360Secret)
	default:
		code = e.postWebhook(body, true)
		rcv = cloudapi.NewReceiver(testAppSecret, testVerifyToken)
	}
	events, parseErr := rcv.Parse(req)
	var o replayOutcome
	if code != 200 {
		return replayOutcome{class: "refused", detail: []string{fmt.Sprintf("HTTP %d", code)}}
	}
	after := types()
	var kinds []string
	for typ, n := range after {
		if d := n - beforeTypes[typ]; d > 0 {
			kinds = append(kinds, fmt.Sprintf("%d %s", d, typ))
		}
	}
	sort.Strings(kinds)
	if len(kinds) > 0 {
		o.class = "stored"
		o.detail = append(o.detail, "message(s) "+strings.Join(kinds, ", "))
	}
	c, _ := e.srv.store.Audit.Chain(e.t.Context(), e.srv.db, ServerConsoleID)
	for _, en := range c[beforeAudit:] {
		d := en.Action
		if r := en.Detail["reason"]; r != "" {
			d += " (" + r + ")"
		}
		if tg, ok := en.Detail["consent"]; ok {
			d += " (consent " + tg + ")"
		}
		o.detail = append(o.detail, "audit "+d)
		if o.class == "" {
			o.class = "refused"
		}
	}
	var statuses, errs int
	for _, ev := range events {
		switch ev.Kind {
		case bsp.EventStatus:
			statuses++
		case bsp.EventError:
			errs++
		}
	}
	if statuses > 0 {
		o.detail = append(o.detail, fmt.Sprintf("%d status update(s) for messages this store never sent: acknowledged, nothing to update", statuses))
	}
	if errs > 0 {
		o.detail = append(o.detail, fmt.Sprintf("%d provider-level error(s): logged by class and code", errs))
	}
	if o.class == "" && (statuses > 0 || errs > 0) {
		o.class = "acknowledged"
	}
	if o.class == "" && parseErr == nil && len(events) == 0 {
		o.class = "acknowledged"
		o.detail = append(o.detail, "no messages, statuses or errors in the body ("+bodyFields(body)+")")
	}
	return o
}

// bodyFields names what a Cloud API body's changes carry, for a body with
// nothing to store.
func bodyFields(body []byte) string {
	var w struct {
		Entry []struct {
			Changes []struct {
				Field string                     `json:"field"`
				Value map[string]json.RawMessage `json:"value"`
			} `json:"changes"`
		} `json:"entry"`
	}
	if json.Unmarshal(body, &w) != nil {
		return "not a Cloud API body"
	}
	var out []string
	for _, e := range w.Entry {
		for _, c := range e.Changes {
			var keys []string
			for k := range c.Value {
				if k != "messaging_product" && k != "metadata" {
					keys = append(keys, k)
				}
			}
			sort.Strings(keys)
			out = append(out, "field "+c.Field+" carries "+strings.Join(keys, ", "))
		}
	}
	return strings.Join(out, "; ")
}

// addressToUs rewrites a body to the clinic's own business number, with
// message ids made unique per body (so bodies that share a sample id are
// not taken for retries of each other).
func addressToUs(t *testing.T, provider string, body []byte, n int) []byte {
	t.Helper()
	suffix := fmt.Sprintf(".replay%d", n)
	if provider == "twilio" {
		form, err := url.ParseQuery(strings.TrimSpace(string(body)))
		if err != nil {
			return body
		}
		if first(form, "MessageStatus", "SmsStatus") == "" || form.Get("SmsStatus") == "received" || form.Get("MessageStatus") == "received" {
			form.Set("To", testTwilioSender)
		} else {
			form.Set("From", testTwilioSender)
		}
		for _, k := range []string{"MessageSid", "SmsMessageSid", "SmsSid"} {
			if v := form.Get(k); v != "" {
				form.Set(k, v+suffix)
			}
		}
		return []byte(form.Encode())
	}
	var doc any
	if json.Unmarshal(body, &doc) != nil {
		return body
	}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if md, ok := x["metadata"].(map[string]any); ok {
				md["phone_number_id"] = testBusinessNumber
			}
			if msgs, ok := x["messages"].([]any); ok {
				for _, m := range msgs {
					if mm, ok := m.(map[string]any); ok {
						if id, ok := mm["id"].(string); ok {
							mm["id"] = id + suffix
						}
					}
				}
			}
			for _, c := range x {
				walk(c)
			}
		case []any:
			for _, c := range x {
				walk(c)
			}
		}
	}
	walk(doc)
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func first(form url.Values, keys ...string) string {
	for _, k := range keys {
		if v := form.Get(k); v != "" {
			return v
		}
	}
	return ""
}

// postD360 posts a body with 360dialog's webhook header.
func (e *env) postD360(body []byte) int {
	e.t.Helper()
	req, _ := http.NewRequest("POST", e.url+"/webhooks/whatsapp", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+testD360Secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
