package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/store/central"
)

// TestReportFlagsRefuseBadInput: each bad setting is named, and no store
// is created where there was none.
func TestReportFlagsRefuseBadInput(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--data", dir, "--format", "xml"}, "--format"},
		{[]string{"--data", dir, "--from", "2026-13-01"}, "--from"},
		{[]string{"--data", dir, "--to", "yesterday"}, "--to"},
		{[]string{"--data", dir, "--clinic-zone", "Mars/Olympus"}, "TRIAGED_CLINIC_ZONE"},
		{[]string{"--data", dir, "--handoff-sla", "-5m"}, "TRIAGED_HANDOFF_SLA"},
		{[]string{"--data", dir, "--from", "2026-03-02", "--to", "2026-03-01"}, "before"},
		{[]string{"--data", dir}, "no store"},
	} {
		err := runReport(c.args, &bytes.Buffer{}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: err = %v, want it to name %q", c.args, err, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "triaged.db")); err == nil {
		t.Error("the report created a store")
	}
}

func TestAppointmentsImportNeedsAFile(t *testing.T) {
	var stderr bytes.Buffer
	if err := runAppointments([]string{"import", "--data", t.TempDir()}, &bytes.Buffer{}, &stderr); err == nil || !strings.Contains(err.Error(), "name the file") {
		t.Errorf("err = %v", err)
	}
	if err := runAppointments([]string{"export"}, &bytes.Buffer{}, &stderr); err == nil {
		t.Error("an unknown subcommand was accepted")
	}
	bad := filepath.Join(t.TempDir(), "book.csv")
	os.WriteFile(bad, []byte("id,phone,when\n"), 0o600)
	if err := runAppointments([]string{"import", bad, "--data", t.TempDir()}, &bytes.Buffer{}, &stderr); err == nil || !strings.Contains(err.Error(), "start") {
		t.Errorf("a header without start: err = %v", err)
	}
}

// TestImportThenReport runs the two commands against a real store (a
// demo store, so its key is the demo key in the folder): the import
// keeps the good rows and names the bad ones, and the report counts the
// imported appointments.
func TestImportThenReport(t *testing.T) {
	dir := t.TempDir()
	srv, err := central.New(context.Background(), central.Config{DataDir: dir, AllowDemoKey: true, Keyring: noKeyring{},
		Provider:          cloudapi.New(cloudapi.Config{BaseURL: "http://127.0.0.1:1", PhoneNumberID: "1", Token: "t"}),
		WhatsAppAppSecret: "s", WhatsAppVerifyToken: "v", SeedOptIns: []string{"+15555550101", "+15555550102"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(t.TempDir(), "book.csv")
	os.WriteFile(book, []byte(strings.Join([]string{
		"id,phone,start,status,cancelled_at",
		"A1,+15555550101,2026-03-02T09:00:00Z,fulfilled,",
		"A2,+15555550102,2026-03-02T10:00:00Z,noshow,",
		"A3,+15555550199,2026-03-02T10:00:00Z,noshow,",
		"A4,+15555550101,2026-03-02T11:00:00Z,lost,",
	}, "\n")+"\n"), 0o600)
	var out, stderr bytes.Buffer
	err = runAppointments([]string{"import", "--data", dir, book}, &out, &stderr)
	if err == nil || !strings.Contains(out.String(), "2 added") || !strings.Contains(out.String(), "line 4:") || !strings.Contains(out.String(), "line 5:") {
		t.Fatalf("import: err %v\n%s", err, out.String())
	}
	if strings.Contains(out.String(), "5555550199") {
		t.Error("the import report repeats a phone number")
	}
	out.Reset()
	if err := runReport([]string{"--data", dir, "--from", "2026-03-02", "--to", "2026-03-02", "--format", "json"}, &out, &stderr); err != nil {
		t.Fatal(err, stderr.String())
	}
	var rep struct {
		ShowNot struct {
			Total struct{ Count, Of int }
		} `json:"show_rate_not_messaged"`
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.ShowNot.Total.Count != 1 || rep.ShowNot.Total.Of != 2 {
		t.Errorf("show rate = %+v, want 1 of 2", rep.ShowNot.Total)
	}
}
