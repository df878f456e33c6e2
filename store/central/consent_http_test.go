package central

import (
	"strings"
	"testing"

	"github.com/clinicwa/triage/store/api"
)

// A database that fails while a flagged request to stop is being decided
// is a failure to report ("try again"), not a flag someone already
// decided: answering 409 would tell the front desk a colleague had acted
// when nobody had, and the patient's request would sit undecided. The
// answer carries no database detail.
func TestConsentFlagDecisionOnBrokenDatabaseIsUnavailable(t *testing.T) {
	e := newEnv(t)
	desk := e.login("desk")
	e.patientWrites(patientUS, "please stop messaging me")
	id := e.threadFor(desk, patientUS)
	d := e.thread(desk, id)
	if d.Consent.FlaggedOptOut == nil {
		t.Fatalf("consent = %+v, want a flagged request to stop", d.Consent)
	}
	flag := d.Consent.FlaggedOptOut.ID

	// The flag table starts failing every write, as a full disk or a lost
	// database connection would, with a detail the staff must not see.
	const detail = "disk I/O error at page 4711 of consent_flags"
	breakTable := []string{`CREATE TRIGGER consent_flags_broken BEFORE UPDATE ON consent_flags
		BEGIN SELECT RAISE(ABORT, '` + detail + `'); END`}
	mendTable := []string{`DROP TRIGGER consent_flags_broken`}
	if onPostgres() {
		breakTable = []string{`CREATE FUNCTION consent_flags_broken() RETURNS trigger LANGUAGE plpgsql AS
			$$ BEGIN RAISE EXCEPTION '` + detail + `'; END $$`,
			`CREATE TRIGGER consent_flags_broken BEFORE UPDATE ON consent_flags
			FOR EACH ROW EXECUTE FUNCTION consent_flags_broken()`}
		mendTable = []string{`DROP TRIGGER consent_flags_broken ON consent_flags`, `DROP FUNCTION consent_flags_broken()`}
	}
	for _, stmt := range breakTable {
		if _, err := e.srv.db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	for _, action := range []string{api.ConsentActionConfirmOptOut, api.ConsentActionDismissOptOut} {
		var resp api.Error
		code := e.do("POST", api.Version+"/threads/"+id+"/consent", desk, api.ConsentRequest{Action: action, FlagID: flag}, &resp)
		if code != 503 {
			t.Errorf("%s on a failing database: %d %q, want 503", action, code, resp.Error)
		}
		if strings.Contains(resp.Error, "disk") || strings.Contains(resp.Error, "consent_flags") || strings.Contains(resp.Error, "already") {
			t.Errorf("%s: answer %q leaks the database detail or blames a colleague", action, resp.Error)
		}
	}

	// Once the database is well again the flag is still open and is
	// decided normally; a second decision is the real conflict.
	for _, stmt := range mendTable {
		if _, err := e.srv.db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	if d := e.thread(desk, id); d.Consent.FlaggedOptOut == nil || d.Consent.FlaggedOptOut.ID != flag {
		t.Fatalf("after the failure the flag = %+v, want still open", d.Consent.FlaggedOptOut)
	}
	if code := e.do("POST", api.Version+"/threads/"+id+"/consent", desk, api.ConsentRequest{Action: api.ConsentActionDismissOptOut, FlagID: flag}, nil); code != 200 {
		t.Fatalf("dismiss after recovery: %d, want 200", code)
	}
	if code := e.do("POST", api.Version+"/threads/"+id+"/consent", desk, api.ConsentRequest{Action: api.ConsentActionDismissOptOut, FlagID: flag}, nil); code != 409 {
		t.Errorf("second dismissal: %d, want 409", code)
	}
	// A flag id that never existed on this thread is the same conflict.
	if code := e.do("POST", api.Version+"/threads/"+id+"/consent", desk, api.ConsentRequest{Action: api.ConsentActionDismissOptOut, FlagID: flag + 1000}, nil); code != 409 {
		t.Errorf("unknown flag: %d, want 409", code)
	}
}
