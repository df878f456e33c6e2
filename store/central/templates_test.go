package central

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

func withTemplates(e *env) envOpt {
	return func(c *Config) {
		c.Templates = TemplateConfig{Client: &cloudapi.TemplateClient{BaseURL: e.simURL, WABAID: "1029384756", Token: testSimToken},
			SyncEvery: 30 * time.Millisecond, ClinicName: "Riverside Clinic", Locations: []string{"Main clinic", "Eastside"}}
	}
}

func (e *env) templates(token string) map[string]api.TemplateInfo {
	e.t.Helper()
	var list []api.TemplateInfo
	if code := e.do("GET", api.Version+"/templates", token, nil, &list); code != 200 {
		e.t.Fatalf("templates: %d", code)
	}
	out := map[string]api.TemplateInfo{}
	for _, t := range list {
		out[t.Name+"/"+t.Language] = t
	}
	return out
}

// A patient silent for 25 hours can be reached with an approved template
// and not with free text; the template's variables are checked by kind;
// a pending or rejected template is refused with the provider's reason.
func TestTemplateReachesPatientOutsideWindow(t *testing.T) {
	e := newEnv(t)
	e.stop()
	e.sim.SetTemplateReviewDelay(time.Hour) // Meta takes its time until told otherwise
	withTemplates(e)(&e.cfg)
	e.start()
	desk := e.login("desk")
	e.patientWrites(patientUK, "Thanks, see you then")
	id := e.threadFor(desk, patientUK)
	waitFor(t, "the library to be submitted", func() bool { return e.templates(desk)["appointment_reminder/en"].Status == "PENDING" })

	remind := api.SendRequest{IdempotencyKey: "tpl-1", Template: "appointment_reminder", TemplateLanguage: "en",
		TemplateValues: []string{"", "Tuesday 3:30 PM", "Main clinic"}}
	if code, _, ref := e.send(desk, id, remind); code != 422 || ref.Rule != RuleTemplate || !strings.Contains(ref.Reason, "not approved") {
		t.Fatalf("pending template: %d %+v", code, ref)
	}
	e.decideTemplate("appointment_reminder", "en", "REJECTED", "INVALID_FORMAT")
	waitFor(t, "the rejection to be read back", func() bool {
		ti := e.templates(desk)["appointment_reminder/en"]
		return ti.Status == "REJECTED" && ti.Reason == "INVALID_FORMAT" && strings.Contains(ti.WhyNot, "INVALID_FORMAT")
	})
	e.decideTemplate("appointment_reminder", "en", "APPROVED", "")
	waitFor(t, "the approval to be read back", func() bool { return e.templates(desk)["appointment_reminder/en"].Sendable })

	// At least 25 hours later, at midday in London, so quiet hours are
	// not what decides.
	later := time.Now().Add(25 * time.Hour).UTC()
	noon := time.Date(later.Year(), later.Month(), later.Day(), 12, 0, 0, 0, time.UTC)
	if noon.Before(later) {
		noon = noon.AddDate(0, 0, 1)
	}
	e.clock.Advance(time.Until(noon))
	e.sim.Advance(time.Until(noon))
	desk = e.login("desk")
	if code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "free-1", Text: "Your appointment is Tuesday"}); code != 422 || ref.Rule != policy.RuleWindow {
		t.Fatalf("free text after 25h: %d %+v, want the window refusal", code, ref)
	}
	bad := remind
	bad.IdempotencyKey, bad.TemplateValues = "tpl-bad", []string{"", "Tuesday 3:30 PM", "Oncology ward"}
	if code, _, ref := e.send(desk, id, bad); code != 422 || ref.Rule != RuleTemplateVariable || !strings.Contains(ref.Reason, "Variable 3") {
		t.Fatalf("unknown location: %d %+v", code, ref)
	}
	bad.IdempotencyKey, bad.TemplateValues = "tpl-bad2", []string{"Evil Clinic", "Tuesday 3:30 PM", "Main clinic"}
	if code, _, ref := e.send(desk, id, bad); code != 422 || ref.Rule != RuleTemplateVariable {
		t.Fatalf("typed clinic name: %d %+v", code, ref)
	}
	code, sr, ref := e.send(desk, id, remind)
	if code != 200 {
		t.Fatalf("approved template after 25h: %d %+v", code, ref)
	}
	if sr.Message.Type != "template" {
		t.Errorf("stored type %q", sr.Message.Type)
	}
	sent := e.waitSent(patientUK, 1)
	want := "Hello from Riverside Clinic. This is a reminder of your appointment on Tuesday 3:30 PM at our Main clinic location. Reply here if you need to change it."
	if got := sent[len(sent)-1]; got.Type != "template" || got.Text != want {
		t.Errorf("the patient received %+v, want the template %q", got, want)
	}
}

// A template past its quarterly legal review cannot be sent, whatever the
// provider says, and supervisors see it as due.
func TestTemplatePastReviewIsRefused(t *testing.T) {
	e := newEnv(t)
	e.stop()
	withTemplates(e)(&e.cfg)
	e.start()
	desk := e.login("desk")
	e.patientWrites(patientUS, "hello")
	id := e.threadFor(desk, patientUS)
	waitFor(t, "approval", func() bool { return e.templates(desk)["reconnect_after_silence/en"].Sendable })
	next := e.templates(desk)["reconnect_after_silence/en"].NextReview
	e.clock.Advance(next.Sub(time.Now()) + time.Hour)
	desk = e.login("desk")
	ti := e.templates(desk)["reconnect_after_silence/en"]
	if !ti.ReviewDue || ti.Sendable {
		t.Fatalf("after the review date: %+v", ti)
	}
	code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "old-1", Template: "reconnect_after_silence", TemplateLanguage: "en", TemplateValues: []string{""}})
	if code != 422 || ref.Rule != RuleTemplateReview || !strings.Contains(ref.Reason, "review") {
		t.Fatalf("template past review: %d %+v", code, ref)
	}
}

func (e *env) decideTemplate(name, lang, status, reason string) {
	e.t.Helper()
	req := map[string]string{"name": name, "language": lang, "status": status, "reason": reason}
	if code := e.doURL("POST", e.simURL+"/sim/templates", req); code != 200 {
		e.t.Fatalf("decide template: %d", code)
	}
}

// doURL posts JSON to any URL (the simulator's control API).
func (e *env) doURL(method, url string, body any) int {
	e.t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, url, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
