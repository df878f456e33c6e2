package central

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/report"
)

const incidentDescription = "Sent the lab result for Zebulon Quixote, 415-555-0199, to the wrong WhatsApp number"

// The incident lifecycle over real HTTP on a fake clock: the front desk
// opens one from a thread; only a supervisor sees and works it; the
// 60-day clock counts down from discovery; the four-factor assessment,
// steps and outcome are recorded, sealed and audited; a stale update is
// refused; the report, the register and the masked export reflect it.
func TestIncidentLifecycle(t *testing.T) {
	e := newEnv(t, func(c *Config) {
		c.SeedUsers = append(c.SeedUsers, SeedUser{Username: "boss", Password: testPasswords["boss"], Role: "supervisor"})
	})
	e.patientWrites(patientUK, "hello, did you get my results?")
	desk, nurse, boss := e.login("desk"), e.login("nurse"), e.login("boss")
	for _, tok := range []string{desk, nurse, boss} {
		e.acknowledge(tok)
	}
	thread := e.threadFor(desk, patientUK)
	msg := e.thread(desk, thread).Messages[0].ID
	discovered := e.clock.Now()

	for _, bad := range []api.OpenIncidentRequest{
		{ThreadID: thread, Kind: "lost_laptop"},
		{ThreadID: "thr_nope", Kind: policy.IncidentWrongRecipient},
		{ThreadID: thread, MessageID: "msg_nope", Kind: policy.IncidentWrongRecipient},
		{ThreadID: thread, Kind: policy.IncidentPHISent, Description: strings.Repeat("x", 5000)},
	} {
		if code := e.do("POST", api.Version+"/incidents", desk, bad, nil); code < 400 || code == 500 {
			t.Errorf("bad open %+v: %d, want a clear 4xx", bad, code)
		}
	}
	var opened api.Incident
	if code := e.do("POST", api.Version+"/incidents", desk, api.OpenIncidentRequest{ThreadID: thread, MessageID: msg,
		Kind: policy.IncidentWrongRecipient, Description: incidentDescription}, &opened); code != 201 {
		t.Fatalf("front desk opens an incident: %d", code)
	}
	// Sealed at rest: the description is nowhere in the database file.
	var sealed []byte
	e.srv.db.QueryRow(`SELECT description_sealed FROM incidents WHERE id = ?`, opened.ID).Scan(&sealed)
	if len(sealed) == 0 || strings.Contains(string(sealed), "Quixote") {
		t.Fatal("the description is not sealed")
	}

	// The permission matrix, at the server.
	if code := e.do("GET", api.Version+"/incidents", desk, nil, nil); code != 403 {
		t.Errorf("front desk lists incidents: %d, want 403", code)
	}
	if code := e.do("POST", api.Version+"/incidents/"+opened.ID, nurse, api.IncidentUpdate{Version: 1, Done: []string{"ask_delete"}}, nil); code != 403 {
		t.Errorf("nurse works an incident: %d, want 403", code)
	}

	get := func() api.Incident {
		var inc api.Incident
		if code := e.do("GET", api.Version+"/incidents/"+opened.ID, boss, nil, &inc); code != 200 {
			t.Fatalf("supervisor opens the incident: %d", code)
		}
		return inc
	}
	inc := get()
	if inc.DaysLeft != 60 || inc.NotifyBy.Sub(inc.DiscoveredAt) != 60*24*time.Hour || inc.DiscoveredAt.Sub(discovered).Abs() > time.Minute {
		t.Errorf("fresh incident: %d days left, notify by %v; want 60 and discovery + 60 days", inc.DaysLeft, inc.NotifyBy)
	}
	if inc.OpenedBy != "desk" || inc.PatientLabel == "" || inc.Description != incidentDescription || len(inc.Steps) != 3 {
		t.Errorf("incident as the supervisor sees it: %+v", inc)
	}

	e.clock.Advance(45 * 24 * time.Hour)
	boss = e.login("boss") // sessions do not last 45 days
	if inc = get(); inc.DaysLeft != 15 {
		t.Errorf("45 days after discovery: %d days left, want 15", inc.DaysLeft)
	}
	// Concluding a low probability needs all four factors first.
	if code := e.do("POST", api.Version+"/incidents/"+opened.ID, boss, api.IncidentUpdate{Version: inc.Version,
		Outcome: policy.OutcomeLowProbability, Reasoning: "recipient deleted it"}, nil); code != 422 {
		t.Errorf("low probability without an assessment: %d, want 422", code)
	}
	assessment := api.IncidentAssessment{
		Nature:     "A lab result with the patient's name and phone 415-555-0199; easily re-identified.",
		Recipient:  "Another patient of the clinic, bound by no confidentiality duty.",
		Acquired:   "Delivered and read (blue ticks) before the clinic noticed.",
		Mitigation: "Recipient confirmed deletion by phone; link revoked.",
	}
	var updated api.Incident
	if code := e.do("POST", api.Version+"/incidents/"+opened.ID, boss, api.IncidentUpdate{Version: inc.Version, Assessment: &assessment,
		Done: []string{"ask_delete", "revoke_link"}, AddStep: "Call the patient to apologise"}, &updated); code != 200 {
		t.Fatalf("assessment and steps: %d", code)
	}
	if updated.Version != inc.Version+1 || !updated.Steps[0].Done || updated.Steps[0].DoneBy != "boss" || len(updated.Steps) != 4 || updated.Steps[2].Done {
		t.Errorf("after the update: %+v", updated)
	}
	// A second supervisor working from the old version is told, not overwritten.
	if code := e.do("POST", api.Version+"/incidents/"+opened.ID, boss, api.IncidentUpdate{Version: inc.Version, Done: []string{"rotate_token"}}, nil); code != 409 {
		t.Errorf("stale update: %d, want 409", code)
	}
	if code := e.do("POST", api.Version+"/incidents/"+opened.ID, boss, api.IncidentUpdate{Version: updated.Version,
		Outcome: policy.OutcomeNotificationRequired}, nil); code != 422 {
		t.Errorf("outcome without reasoning: %d, want 422", code)
	}
	if code := e.do("POST", api.Version+"/incidents/"+opened.ID, boss, api.IncidentUpdate{Version: updated.Version,
		Outcome: policy.OutcomeNotificationRequired, Reasoning: "PHI was viewed by an unauthorized person; notify Zebulon Quixote by letter."}, &updated); code != 200 {
		t.Fatalf("decide: %d", code)
	}
	if updated.State != "closed" || updated.DecidedBy != "boss" {
		t.Errorf("decided incident: %+v", updated)
	}
	if code := e.do("POST", api.Version+"/incidents/"+opened.ID, boss, api.IncidentUpdate{Version: updated.Version, Done: []string{"rotate_token"}}, nil); code != 422 {
		t.Errorf("update after the decision: %d, want 422", code)
	}

	// The report counts it; the register lists it without its text.
	rep, err := buildReport(context.Background(), e.srv.store, report.Options{From: discovered, To: e.clock.Now(), Now: e.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Total.IncidentsOpened != 1 || rep.Total.IncidentsOpen != 0 || rep.ByDay[rep.Days[0]].IncidentsOpen != 1 {
		t.Errorf("report: opened %d, open at the end %d, open on day one %d; want 1, 0, 1",
			rep.Total.IncidentsOpened, rep.Total.IncidentsOpen, rep.ByDay[rep.Days[0]].IncidentsOpen)
	}
	reg, err := e.srv.store.IncidentRegister(context.Background(), time.Time{}, time.Time{}, e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(reg, opened.ID) || !strings.Contains(reg, "notification_required") || strings.Contains(reg, "Quixote") || strings.Contains(reg, "0199") {
		t.Errorf("register:\n%s", reg)
	}

	// The export: the whole record, masked, audited.
	e.stop()
	a := testAdmin(t, e)
	exp, err := a.ExportIncident(context.Background(), "cli:privacy-officer", opened.ID)
	if err != nil {
		t.Fatal(err)
	}
	all := exp.Description + exp.Assessment.Nature + exp.Reasoning
	if strings.Contains(all, "415-555-0199") || strings.Contains(all, "Quixote") {
		t.Errorf("export carries PHI: %q", all)
	}
	if exp.Outcome != policy.OutcomeNotificationRequired || exp.Assessment.Recipient == "" || len(exp.Steps) != 4 {
		t.Errorf("export lacks the record: %+v", exp)
	}
	for _, action := range []string{ActionIncidentOpen, ActionIncidentView, ActionIncidentUpdate, ActionIncidentExport} {
		var n int
		a.s.db.QueryRow(`SELECT COUNT(*) FROM audit WHERE action = ? AND outcome = 'ok'`, action).Scan(&n)
		if n == 0 {
			t.Errorf("no audit entry for %s", action)
		}
	}
}

// Two supervisors check off steps of one incident at the same moment from
// the same version: exactly one update lands, the other gets 409.
func TestIncidentUpdatesDoNotOverwriteEachOther(t *testing.T) {
	e := newEnv(t, func(c *Config) {
		c.SeedUsers = append(c.SeedUsers, SeedUser{Username: "boss", Password: testPasswords["boss"], Role: "supervisor"})
	})
	e.patientWrites(patientUK, "hello")
	desk, boss := e.login("desk"), e.login("boss")
	e.acknowledge(desk)
	e.acknowledge(boss)
	var inc api.Incident
	if code := e.do("POST", api.Version+"/incidents", desk, api.OpenIncidentRequest{ThreadID: e.threadFor(desk, patientUK), Kind: policy.IncidentPHIReceived}, &inc); code != 201 {
		t.Fatalf("open: %d", code)
	}
	const n = 8
	var (
		start, done sync.WaitGroup
		mu          sync.Mutex
		codes       = map[int]int{}
	)
	start.Add(1)
	for i := range n {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait()
			step := []string{"ask_delete", "revoke_link", "rotate_token"}[i%3]
			code := e.do("POST", api.Version+"/incidents/"+inc.ID, boss, api.IncidentUpdate{Version: 1, Done: []string{step}}, nil)
			mu.Lock()
			codes[code]++
			mu.Unlock()
		}()
	}
	start.Done()
	done.Wait()
	if codes[200] != 1 || codes[409] != n-1 {
		t.Fatalf("answers %v, want one 200 and %d conflicts", codes, n-1)
	}
}

// The evidence pack's 06-incidents.txt is the real register of the period.
func TestEvidencePackHoldsTheIncidentRegister(t *testing.T) {
	e, a := reviewStore(t)
	desk := e.login("nurse") // reviewStore locked the front desk out
	e.acknowledge(desk)
	var inc api.Incident
	if code := e.do("POST", api.Version+"/incidents", desk, api.OpenIncidentRequest{ThreadID: e.threadFor(desk, patientUK),
		Kind: policy.IncidentPHISent, Description: incidentDescription}, &inc); code != 201 {
		t.Fatalf("open: %d", code)
	}
	now := e.clock.Now()
	res, err := a.Evidence(context.Background(), EvidenceOptions{From: now.Add(-24 * time.Hour), To: now.Add(time.Hour), OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(res.Dir, "06-incidents.txt"))
	if err != nil {
		t.Fatal(err)
	}
	reg := string(raw)
	if !strings.Contains(reg, inc.ID) || !strings.Contains(reg, "phi_sent") || strings.Contains(reg, "not present") || strings.Contains(reg, "0199") {
		t.Errorf("06-incidents.txt:\n%s", reg)
	}
}
