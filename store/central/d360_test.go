package central

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/bsp/sim"
	"github.com/clinicwa/triage/store/api"
)

// The simulator drives 360dialog end to end: the clinic registers its
// webhook with a custom Authorization header through 360dialog's
// /v1/configs/webhook (D360-API-KEY), inbound webhooks carry that header
// and are stored, and replies go out through /messages. Before the
// registration the same inbound is refused (401), as a real 360dialog
// webhook without the clinic's header would be.
func TestDialog360EndToEndThroughSimulator(t *testing.T) {
	e := newEnv(t)
	e.stop()
	e.cfg.Provider = cloudapi.New(cloudapi.Config{BaseURL: e.simURL, Token: testSimToken, Dialect: cloudapi.Dialect360dialog})
	e.start()
	desk := e.login("desk")

	if _, err := e.sim.Inbound(sim.InboundRequest{From: patientUK, Text: "hello", Provider: sim.Provider360dialog}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if e.count("messages") != 0 {
		t.Fatal("a 360dialog webhook without the registered header was stored")
	}

	register := func(key string) int {
		body, _ := json.Marshal(map[string]any{"url": e.url + "/webhooks/whatsapp",
			"headers": map[string]string{"Authorization": "Bearer " + testAppSecret}})
		req, _ := http.NewRequest("POST", e.simURL+"/v1/configs/webhook", bytes.NewReader(body))
		req.Header.Set("D360-API-KEY", key)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := register("wrong-key"); code != 401 {
		t.Fatalf("registration with a wrong D360-API-KEY: %d, want 401", code)
	}
	if code := register(testSimToken); code != 200 {
		t.Fatalf("registration: %d", code)
	}
	e.patientSends(sim.InboundRequest{From: patientUK, Text: "where do I park?", Provider: sim.Provider360dialog})
	if n := e.count("messages"); n != 1 {
		t.Fatalf("stored messages after registration = %d, want the one sent since", n)
	}
	id := e.threadFor(desk, patientUK)
	if code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "d360-1", MacroID: "hours"}); code != 200 {
		t.Fatalf("reply: %d %+v", code, ref)
	}
	sent := e.waitSent(patientUK, 1)
	if sent[0].Provider != sim.Provider360dialog {
		t.Errorf("reply went out through %q, want 360dialog", sent[0].Provider)
	}
}
