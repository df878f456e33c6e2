package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central"
)

// Bad invocations of `triaged incident` get a sentence that says what to
// do, and an unknown id names the command that lists the real ones.
func TestIncidentCommandErrors(t *testing.T) {
	dir := t.TempDir()
	srv, err := central.New(context.Background(), central.Config{DataDir: dir, AllowDemoKey: true, Keyring: noKeyring{},
		Provider:          cloudapi.New(cloudapi.Config{BaseURL: "http://127.0.0.1:1", PhoneNumberID: "1", Token: "t"}),
		WhatsAppAppSecret: "s", WhatsAppVerifyToken: "v"})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "unknown or missing incident command"},
		{[]string{"delete", "x"}, "unknown or missing incident command"},
		{[]string{"export", "--data", dir}, "name the incident to export"},
		{[]string{"export", "--data", dir, "--format", "pdf", "inc_x"}, "--format must be text or json"},
		{[]string{"export", "--data", dir, "inc_nope"}, "triaged incident list"},
	} {
		var out, stderr bytes.Buffer
		err := runIncident(tc.args, &out, &stderr)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("triaged incident %v: err %v, want it to say %q", tc.args, err, tc.want)
		}
	}
	var out, stderr bytes.Buffer
	if err := runIncident([]string{"list", "--data", dir}, &out, &stderr); err != nil || !strings.Contains(out.String(), "No incident was opened") {
		t.Errorf("list of an empty register: %v\n%s", err, out.String())
	}
}

// The text export names the four factors, the steps and the outcome in
// words a privacy officer reads.
func TestIncidentTextExport(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	var b bytes.Buffer
	err := writeIncidentText(&b, api.Incident{ID: "inc_1", Kind: policy.IncidentWrongRecipient, PatientLabel: "P-1042", State: "open",
		DiscoveredAt: at, NotifyBy: policy.NotifyBy(at), DaysLeft: 12, Assessment: api.IncidentAssessment{Nature: "a [DATE]"},
		Steps: []api.IncidentStep{{Label: "Ask the recipient to delete the message", Done: true, DoneBy: "boss", DoneAt: at}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"sent to the wrong patient", "2026-05-01 (60 days from discovery), 12 days left",
		"Nature and extent of the PHI:        a [DATE]", "[x] Ask the recipient to delete the message — boss", "Outcome:       not decided"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("export lacks %q:\n%s", want, b.String())
		}
	}
}
