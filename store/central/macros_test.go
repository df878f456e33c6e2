package central

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/store/api"
)

const customMacros = `[
  {"id": "lost-found", "title": "Lost and found", "lang": "en", "category": "operational", "roles": ["frontdesk"], "portal_link": false, "translation": "lost-found-es", "body": "We keep lost items at the front desk for a month."},
  {"id": "lost-found-es", "title": "Objetos perdidos", "lang": "es", "category": "operational", "roles": ["frontdesk"], "portal_link": false, "translation": "lost-found", "body": "Guardamos los objetos perdidos en recepción durante un mes."}
]`

// The clinic's quick replies come from its data folder: a bad file stops
// triaged with the file and line, a good one is served to consoles and is
// what gets sent, and installing one is audited.
func TestMacroFileIsCheckedServedAndInstalled(t *testing.T) {
	e := newEnv(t)
	e.stop()
	cfgDir := filepath.Join(e.dir, "config")
	os.MkdirAll(cfgDir, 0o700)
	bad := strings.Replace(customMacros, "We keep lost items", "Hi {patient_name}, we keep lost items", 1)
	os.WriteFile(filepath.Join(cfgDir, "macros.json"), []byte(bad), 0o600)
	if _, err := New(context.Background(), e.cfg); err == nil || !strings.Contains(err.Error(), "macros.json:2: macro \"lost-found\": body has {patient_name}") {
		t.Fatalf("start with a bad macro file: %v", err)
	}

	// Installing a file is checked and audited; the server uses it at start.
	os.Remove(filepath.Join(cfgDir, "macros.json"))
	src := filepath.Join(e.dir, "new-macros.json")
	os.WriteFile(src, []byte(customMacros), 0o600)
	adm, err := OpenAdmin(context.Background(), Config{DataDir: e.dir, Keys: e.keys})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(e.dir, "bad.json"), []byte(bad), 0o600)
	if _, err := adm.InstallMacros(context.Background(), "os:tester", filepath.Join(e.dir, "bad.json")); err == nil {
		t.Fatal("a bad file was installed")
	}
	if n, err := adm.InstallMacros(context.Background(), "os:tester", src); err != nil || n != 2 {
		t.Fatalf("install: %d %v", n, err)
	}
	adm.Close()
	e.start()
	desk := e.login("desk")
	var served []assets.Macro
	if code := e.do("GET", api.Version+"/macros", desk, nil, &served); code != 200 || len(served) != 2 || served[0].ID != "lost-found" {
		t.Fatalf("served macros: %d %+v", code, served)
	}
	e.patientWrites(patientUK, "Did anyone find a blue umbrella?")
	id := e.threadFor(desk, patientUK)
	if code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "lost-1", MacroID: "lost-found"}); code != 200 {
		t.Fatalf("send the clinic's own macro: %d %+v", code, ref)
	}
	if code, _, _ := e.send(desk, id, api.SendRequest{IdempotencyKey: "lost-2", MacroID: "hours"}); code != 400 {
		t.Errorf("a shipped macro the clinic replaced: %d, want 400 unknown", code)
	}
	chain, _ := e.srv.store.Audit.Chain(context.Background(), e.srv.db, ServerConsoleID)
	found := false
	for _, en := range chain {
		if en.Action == "macros.install" && en.UserID == "os:tester" && len(en.Detail["sha256"]) == 64 {
			found = true
		}
	}
	if !found {
		t.Error("no macros.install audit entry")
	}
}
