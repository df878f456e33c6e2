package central

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
)

// TestMetricsScrape runs a real endpoint with /metrics on its own
// loopback port, drives a webhook, a duplicate, a send, a failed sign-in
// and a console's audit batch through it, scrapes /metrics over HTTP and
// checks the names and that no label value carries PHI.
func TestMetricsScrape(t *testing.T) {
	e := newEnv(t, func(c *Config) {
		c.MetricsAddr = "127.0.0.1:0"
		c.AuditCheckpointInterval = 50 * time.Millisecond
	})
	addr := e.srv.MetricsAddr()
	if addr == "" || addr == e.url {
		t.Fatalf("metrics address %q", addr)
	}
	e.patientWrites(patientUK, "Hi, I'm Zebulon Quixote, DOB 03/04/1961, my number is +447700900123")
	body := inboundJSON("wamid.DUP1", strings.TrimPrefix(patientUS, "+"), "Ysolde Brackwater", "hello")
	for range 2 {
		if code := e.postWebhook(body, true); code != http.StatusOK {
			t.Fatalf("webhook: %d", code)
		}
	}
	if code := e.postWebhook([]byte(`{}`), false); code/100 != 4 {
		t.Fatalf("unsigned webhook answered %d", code)
	}
	desk := e.login("desk")
	id := e.threadFor(desk, patientUK)
	if code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "m-1", MacroID: "hours"}); code != 200 {
		t.Fatalf("send: %d %+v", code, ref)
	}
	waitFor(t, "the send to finish", func() bool {
		var n int
		e.srv.db.QueryRow(`SELECT count(*) FROM outbox WHERE state = 'done'`).Scan(&n)
		return n > 0
	})
	if code := e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: "desk", Password: "wrong-password-1", ConsoleID: "console-desk"}, nil); code != http.StatusUnauthorized {
		t.Fatalf("bad login answered %d", code)
	}
	// A console's audit entry, as its sync delivers it.
	ctx := context.Background()
	entry := audit.Link(nil, api.AuditEntry{ConsoleID: "con_7k2q", At: e.clock.Now().Add(-3 * time.Second), UserID: "usr_x", Role: "frontdesk",
		Action: "thread.view", Object: "thread:x", Outcome: "ok"})
	if err := e.srv.store.Audit.Insert(ctx, e.srv.db, entry, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "a signed checkpoint", func() bool {
		var n int
		e.srv.db.QueryRow(`SELECT count(*) FROM audit_checkpoints`).Scan(&n)
		return n > 0
	})

	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("scrape: %d", resp.StatusCode)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	value := func(name string, labels map[string]string) (float64, bool) {
		f := families[name]
		if f == nil {
			return 0, false
		}
	next:
		for _, m := range f.Metric {
			for k, v := range labels {
				found := false
				for _, lp := range m.Label {
					if lp.GetName() == k && lp.GetValue() == v {
						found = true
					}
				}
				if !found {
					continue next
				}
			}
			return metricValue(m), true
		}
		return 0, false
	}
	checks := []struct {
		name   string
		labels map[string]string
		min    float64
	}{
		{"triaged_webhook_requests_total", map[string]string{"route": "whatsapp", "code": "2xx"}, 3},
		{"triaged_webhook_requests_total", map[string]string{"route": "whatsapp", "code": "4xx"}, 1},
		{"triaged_webhook_duration_seconds", map[string]string{"route": "whatsapp"}, 4},
		{"triaged_webhook_duplicates_dropped_total", map[string]string{"route": "whatsapp"}, 1},
		{"triaged_sends_total", map[string]string{"provider": "cloudapi", "outcome": "sent"}, 1},
		{"triaged_outbox_pending", nil, 0},
		{"triaged_outbox_oldest_age_seconds", nil, 0},
		{"triaged_event_stream_subscribers", nil, 0},
		{"triaged_audit_sync_lag_seconds", map[string]string{"console": "con_7k2q"}, 2.9},
		{"triaged_audit_sync_last_received_age_seconds", map[string]string{"console": "con_7k2q"}, 0},
		{"triaged_audit_checkpoint_age_seconds", nil, 0},
		{"triaged_audit_uncheckpointed_age_seconds", nil, 0},
		{"triaged_signin_failures_total", map[string]string{"reason": "bad_password"}, 1},
		{"triaged_sqlite_write_gate_wait_seconds", nil, 1},
	}
	for _, c := range checks {
		v, ok := value(c.name, c.labels)
		if !ok || v < c.min {
			t.Errorf("%s%v = %v (present %v), want at least %v", c.name, c.labels, v, ok, c.min)
		}
	}
	if _, ok := families["triaged_signin_lockouts_total"]; ok {
		// No lock was placed; a counter vector without series is absent.
		t.Errorf("a lockout was counted after one failure")
	}
	// No label value may look like PHI or hold the patients' numbers.
	for name, f := range families {
		for _, m := range f.Metric {
			for _, lp := range m.Label {
				v := lp.GetValue()
				if d := policy.Detect(v); len(d.Spans) > 0 {
					t.Errorf("%s label %s=%q matches the PHI detector (%v)", name, lp.GetName(), v, d.Spans)
				}
				for _, leak := range []string{"447700900123", "12025550143", "Zebulon", "Ysolde", "desk"} {
					if strings.Contains(v, leak) {
						t.Errorf("%s label %s=%q carries %q", name, lp.GetName(), v, leak)
					}
				}
			}
		}
	}
	t.Run("the API listener does not serve /metrics", func(t *testing.T) {
		resp, err := http.Get(e.url + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == 200 {
			t.Error("/metrics is served on the public listener")
		}
	})
}

func metricValue(m *dto.Metric) float64 {
	switch {
	case m.Counter != nil:
		return m.Counter.GetValue()
	case m.Gauge != nil:
		return m.Gauge.GetValue()
	case m.Histogram != nil:
		return float64(m.Histogram.GetSampleCount())
	}
	return 0
}
