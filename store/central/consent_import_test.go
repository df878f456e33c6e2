package central

import (
	"context"
	"strings"
	"testing"

	"github.com/clinicwa/triage/store/api"
)

func TestConsentImportGoodBadAndDuplicateRows(t *testing.T) {
	e := newEnv(t)
	adm := &Admin{s: e.srv}
	file := strings.Join([]string{
		"phone,status,source,text_version,consented_at",
		"+15555550201,opt_in,front_desk_paper,explanation-en-2026-01,2026-02-01",      // 2 good
		"+15555550202,opt_in,portal,explanation-es-2026-01,2026-02-03T10:00:00-05:00", // 3 good
		"+15555550203,opt_in,,explanation-en-2026-01,2026-02-01",                      // 4 no source
		"+15555550204,opt_in,front_desk_verbal,,2026-02-01",                           // 5 no version
		"+15555550205,opt_in,front_desk_verbal,explanation-en-1999,2026-02-01",        // 6 unknown version
		"555-0206,opt_in,portal,explanation-en-2026-01,2026-02-01",                    // 7 not international
		"+15555550207,maybe,portal,explanation-en-2026-01,2026-02-01",                 // 8 bad status
		"+15555550208,opt_in,portal,explanation-en-2026-01,yesterday",                 // 9 bad date
		"+15555550209,opt_in,portal,explanation-en-2026-01",                           // 10 short row
		"+15555550201,opt_in,front_desk_paper,explanation-en-2026-01,2026-02-01",      // 11 duplicate of 2
		"+15555550210,opt_in,portal,optin-en-2026-01,2026-02-01",                      // 12 confirmation text, not the explanation
		"",
		"+15555550211,opt_out,front_desk_verbal,explanation-en-2026-01,2026-02-05", // 14 good opt-out: a first choice, recorded
		"+15555550212,opt_in,portal,explanation-en-2026-01,2099-01-01",             // 15 future
		`+15555550213,opt_in,portal,"explanation-en-2026-01,2026-02-01`,            // 16 broken quote
	}, "\n") + "\n"
	rep, err := adm.ImportConsent(context.Background(), "os:tester", strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	wantLines := []int{4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16}
	var got []int
	for _, p := range rep.Problems {
		got = append(got, p.Line)
		if strings.Contains(p.Reason, "555") {
			t.Errorf("line %d: the reason quotes a phone number: %q", p.Line, p.Reason)
		}
	}
	if len(got) != len(wantLines) {
		t.Fatalf("problem lines = %v, want %v (%+v)", got, wantLines, rep.Problems)
	}
	for i := range got {
		if got[i] != wantLines[i] {
			t.Fatalf("problem lines = %v, want %v (%+v)", got, wantLines, rep.Problems)
		}
	}
	if rep.Imported != 3 || rep.Unchanged != 0 {
		t.Errorf("imported %d, unchanged %d; want 3 and 0 (%+v)", rep.Imported, rep.Unchanged, rep)
	}
	p, err := e.srv.store.Patients.ByPhone(context.Background(), e.srv.db, "+15555550202")
	if err != nil || !p.OptedIn {
		t.Fatalf("imported patient opted in = %v (%v)", p.OptedIn, err)
	}
	var channel, source, version string
	e.srv.db.QueryRow(`SELECT channel, source, text_version FROM consent_events WHERE patient_id = ?`, p.ID).Scan(&channel, &source, &version)
	if channel != api.ConsentByImport || source != "import:portal" || version != "explanation-es-2026-01" {
		t.Errorf("recorded channel %q source %q version %q", channel, source, version)
	}

	// The same file again: every good row is a duplicate; nothing changes.
	before := e.count("consent_events")
	rep2, err := adm.ImportConsent(context.Background(), "os:tester", strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if rep2.Imported != 0 || rep2.Duplicates != 3 || e.count("consent_events") != before {
		t.Errorf("second run: %+v, consent records %d -> %d; want nothing new", rep2, before, e.count("consent_events"))
	}

	// A patient's later STOP outranks an older imported opt-in.
	e.patientWrites("+15555550213", "STOP")
	late := "phone,status,source,text_version,consented_at\n+15555550213,opt_in,portal,explanation-en-2026-01,2026-01-01\n"
	rep3, err := adm.ImportConsent(context.Background(), "os:tester", strings.NewReader(late))
	if err != nil || rep3.Superseded != 1 {
		t.Fatalf("older opt-in after a STOP: %+v %v, want superseded", rep3, err)
	}

	if _, err := adm.ImportConsent(context.Background(), "os:tester", strings.NewReader("number,consent\n1,2\n")); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("wrong header: %v, want an error naming line 1", err)
	}
}
