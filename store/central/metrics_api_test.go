package central

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
)

// TestProgramMetricsAPI: the supervisor's screen gets today's and the
// month's aggregates; other roles are refused; nothing identifies a
// patient.
func TestProgramMetricsAPI(t *testing.T) {
	e := newEnv(t, func(c *Config) {
		c.SeedUsers = append(c.SeedUsers, SeedUser{Username: "boss", Password: testPasswords["boss"], Role: "supervisor"})
	})
	e.patientWrites(patientUK, "Hi, my date of birth is 03/04/1961")
	e.patientWrites(patientUS, "Where do I park?")
	desk := e.login("desk")
	if code := e.do("GET", api.Version+"/metrics", desk, nil, nil); code != http.StatusForbidden {
		t.Errorf("front desk got %d", code)
	}
	boss := e.login("boss")
	id := e.threadFor(boss, patientUK)
	if code, _, ref := e.send(boss, id, api.SendRequest{IdempotencyKey: "l-1", MacroID: "portal-secure"}); code != 200 {
		t.Fatalf("send: %d %+v", code, ref)
	}
	var pm api.ProgramMetrics
	if code := e.do("GET", api.Version+"/metrics", boss, nil, &pm); code != http.StatusOK {
		t.Fatalf("supervisor got %d", code)
	}
	if len(pm.Days) != 30 || len(pm.InboundByDay) != 30 || pm.InboundByDay[29] != 2 {
		t.Errorf("days %d, inbound by day %v", len(pm.Days), pm.InboundByDay)
	}
	if pm.Today.Inbound != 2 || pm.Today.InboundWithPHI != 1 || pm.Last30.Inbound != 2 || pm.Today.LinksSent != 1 {
		t.Errorf("today %+v, last 30 %+v", pm.Today, pm.Last30)
	}
	if pm.Last30.OptInsBySource["demo-seed"] != 2 {
		t.Errorf("opt-ins %v", pm.Last30.OptInsBySource)
	}
	raw, _ := json.Marshal(pm)
	for _, leak := range []string{"447700900123", "2025550143", id, "Zebulon"} {
		if strings.Contains(string(raw), leak) {
			t.Errorf("metrics carry %q", leak)
		}
	}
}

// TestProgramMetricsUseTheClinicsHandoffSLA: the supervisor's screen
// measures hand-offs against the SLA the clinic configured, the same one
// the nurses' queue escalates by, not the built-in default.
func TestProgramMetricsUseTheClinicsHandoffSLA(t *testing.T) {
	const sla = 45 * time.Minute
	if sla == DefaultHandoffSLA {
		t.Fatal("pick an SLA other than the default")
	}
	e := newEnv(t, func(c *Config) {
		c.HandoffSLA = sla
		c.SeedUsers = append(c.SeedUsers, SeedUser{Username: "boss", Password: testPasswords["boss"], Role: "supervisor"})
	})
	boss := e.login("boss")
	var pm api.ProgramMetrics
	if code := e.do("GET", api.Version+"/metrics", boss, nil, &pm); code != http.StatusOK {
		t.Fatalf("supervisor got %d", code)
	}
	if pm.SLASeconds != sla.Seconds() {
		t.Errorf("metrics measured against an SLA of %v s, want the clinic's %v s", pm.SLASeconds, sla.Seconds())
	}
}
