package apptfile

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/seal"
)

// Numbers of patients who have written to the clinic (fictional 555-01xx).
const (
	known1  = "+15555550101"
	known2  = "+15555550102"
	unknown = "+15555550199"
)

func newStore(t *testing.T) *central.Store {
	t.Helper()
	ctx := context.Background()
	db, err := central.OpenDB(ctx, filepath.Join(t.TempDir(), central.DBFileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	dk, ik := make([]byte, 32), make([]byte, 32)
	rand.Read(dk)
	rand.Read(ik)
	keys, err := seal.NewKeys(map[uint32][]byte{1: dk}, 1, ik)
	if err != nil {
		t.Fatal(err)
	}
	st := central.NewSQLiteStore(db, keys)
	for _, p := range []string{known1, known2} {
		if _, _, err := st.Patients.Upsert(ctx, db, p, "", "", time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func count(t *testing.T, db *sql.DB) int {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM appointments`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func wheres(ps []central.ImportProblem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Where)
	}
	return out
}

func TestImportCSV(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	csvText := strings.Join([]string{
		"status,id,phone,start,cancelled_at,room",
		"fulfilled,A1," + known1 + ",2026-03-02T09:00:00-05:00,,4",       // line 2: good (RFC 3339)
		"cancelled,A2," + known2 + ",2026-03-02 10:30,2026-03-02 08:00,", // line 3: good (local times)
		"noshow,A3," + unknown + ",2026-03-02T11:00:00Z,,",               // line 4: unmatched phone
		"booked,A4," + known1 + ",next tuesday,,",                        // line 5: bad start
		"arrived,A5," + known1 + ",2026-03-02T12:00:00Z,,",               // line 6: unknown status
		"cancelled,A6," + known1 + ",2026-03-02T12:00:00Z,,",             // line 7: cancelled without time
		"fulfilled,A1," + known1 + ",2026-03-02T09:00:00-05:00,,",        // line 8: repeats A1
		"booked,A7,5550101,2026-03-02T12:00:00Z,,",                       // line 9: not international
		"booked,,+15555550101,2026-03-02T12:00:00Z,,",                    // line 10: no id
		`booked,"A8,` + known1 + `,2026-03-02T12:00:00Z,,`,               // line 11: unterminated quote
	}, "\n") + "\n"
	recs, problems, err := ParseCSV(strings.NewReader(csvText), ny)
	if err != nil {
		t.Fatal(err)
	}
	st := newStore(t)
	ctx := context.Background()
	res, err := central.ImportAppointments(ctx, st, recs, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	all := append(problems, res.Problems...)
	got := wheres(all)
	want := []string{"line 5", "line 11", "line 4", "line 6", "line 7", "line 8", "line 9", "line 10"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems at %v, want %v\n%+v", got, want, all)
	}
	if res.Added != 2 || count(t, st.DB) != 2 {
		t.Errorf("added %d, stored %d; want 2", res.Added, count(t, st.DB))
	}
	for _, p := range all {
		for _, leak := range []string{known1, known2, unknown, "5550101"} {
			if strings.Contains(p.Reason, leak) {
				t.Errorf("%s: the reason repeats a phone number: %q", p.Where, p.Reason)
			}
		}
	}
	// The local start was read in the clinic's zone.
	var start int64
	st.DB.QueryRow(`SELECT start_at FROM appointments ORDER BY start_at DESC LIMIT 1`).Scan(&start)
	if want := time.Date(2026, 3, 2, 15, 30, 0, 0, time.UTC); !time.Unix(0, start).Equal(want) {
		t.Errorf("local start stored as %v, want %v", time.Unix(0, start).UTC(), want)
	}
	// Nothing readable: the status column holds no status word.
	var sealed []byte
	st.DB.QueryRow(`SELECT status_sealed FROM appointments LIMIT 1`).Scan(&sealed)
	for _, w := range []string{"fulfilled", "cancelled"} {
		if strings.Contains(string(sealed), w) {
			t.Errorf("status stored in clear")
		}
	}

	t.Run("re-import is idempotent and updates a changed status", func(t *testing.T) {
		again, err := central.ImportAppointments(ctx, st, recs, time.Now())
		if err != nil || again.Added != 0 || again.Updated != 0 || again.Unchanged != 2 {
			t.Fatalf("second import: %+v %v", again, err)
		}
		changed := "id,phone,start,status,cancelled_at\nA1," + known1 + ",2026-03-02T09:00:00-05:00,noshow,\n"
		recs2, _, _ := ParseCSV(strings.NewReader(changed), ny)
		upd, err := central.ImportAppointments(ctx, st, recs2, time.Now())
		if err != nil || upd.Updated != 1 || count(t, st.DB) != 2 {
			t.Fatalf("update: %+v %v (rows %d)", upd, err, count(t, st.DB))
		}
	})
	t.Run("a header without the columns is refused whole", func(t *testing.T) {
		if _, _, err := ParseCSV(strings.NewReader("id,phone,when\nA1,+15555550101,x\n"), ny); err == nil || !strings.Contains(err.Error(), "start") {
			t.Errorf("err = %v", err)
		}
	})
}

func fhirBundle(entries ...string) string {
	return `{"resourceType":"Bundle","type":"collection","entry":[` + strings.Join(entries, ",") + `]}`
}

func patientEntry(id, phone string) string {
	return fmt.Sprintf(`{"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Patient","id":"%s","name":[{"family":"Quixote"}],
		"telecom":[{"system":"email","value":"z@example.org"},{"system":"phone","value":"%s","use":"mobile"}]}}`, id, id, phone)
}

func apptEntry(ident, status, start, patientRef, extra string) string {
	return fmt.Sprintf(`{"resource":{"resourceType":"Appointment","id":"x-%s","identifier":[{"system":"urn:clinic:appt","value":"%s"}],
		"status":"%s","start":"%s"%s,"participant":[{"actor":{"reference":"Practitioner/9"},"status":"accepted"},
		{"actor":{"reference":"%s"},"status":"accepted"}]}}`, ident, ident, status, start, extra, patientRef)
}

func TestImportFHIR(t *testing.T) {
	bundle := fhirBundle(
		patientEntry("p1", known1),  // entry 1
		patientEntry("p2", known2),  // entry 2
		patientEntry("p9", unknown), // entry 3
		apptEntry("F1", "fulfilled", "2026-03-02T09:00:00-05:00", "Patient/p1", ""),                                                                                          // entry 4: good
		apptEntry("F2", "cancelled", "2026-03-02T10:00:00Z", "urn:uuid:p2", `,"extension":[{"url":"`+CancellationDateExtension+`","valueDateTime":"2026-03-01T20:00:00Z"}]`), // entry 5: good, by fullUrl
		apptEntry("F3", "noshow", "2026-03-02T11:00:00Z", "Patient/p9", ""),                                                                                                  // entry 6: unmatched phone
		apptEntry("F4", "waitlisted", "2026-03-02T11:00:00Z", "Patient/p1", ""),                                                                                              // entry 7: unknown code
		apptEntry("F5", "booked", "2026-03-02T11:00:00Z", "Patient/p404", ""),                                                                                                // entry 8: no such patient
		apptEntry("F1", "fulfilled", "2026-03-02T09:00:00-05:00", "Patient/p1", ""),                                                                                          // entry 9: duplicate
		apptEntry("F6", "cancelled", "2026-03-02T11:00:00Z", "Patient/p1", ""),                                                                                               // entry 10: cancelled, no time
		apptEntry("F7", "entered-in-error", "2026-03-02T11:00:00Z", "Patient/p1", ""),                                                                                        // entry 11
		apptEntry("F8", "checked-in", "2026-03-02T12:00:00Z", "Patient/p1", `,"meta":{"lastUpdated":"2026-03-02T11:00:00Z"}`),                                                // entry 12: good (fulfilled)
		`{"resource":{"resourceType":"Location","id":"l1"}}`,                                                                                                                 // entry 13: ignored
		`{"fullUrl":"x"}`, // entry 14: no resource
	)
	recs, problems, err := ParseFHIR(strings.NewReader(bundle))
	if err != nil {
		t.Fatal(err)
	}
	st := newStore(t)
	res, err := central.ImportAppointments(context.Background(), st, recs, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	all := append(problems, res.Problems...)
	got := wheres(all)
	want := []string{"entry 7", "entry 14", "entry 8", "entry 10", "entry 11", "entry 6", "entry 9"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems at %v, want %v\n%+v", got, want, all)
	}
	if res.Added != 3 || count(t, st.DB) != 3 {
		t.Errorf("added %d; want 3", res.Added)
	}
	byID := map[string]central.AppointmentRecord{}
	for _, r := range recs {
		byID[r.ExternalID] = r
	}
	if r := byID["urn:clinic:appt|F2"]; r.Status != central.AppointmentCancelled || !r.CancelledAt.Equal(time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC)) || r.Phone != known2 {
		t.Errorf("F2 = %+v", r)
	}
	if r := byID["urn:clinic:appt|F8"]; r.Status != central.AppointmentFulfilled {
		t.Errorf("checked-in mapped to %q", r.Status)
	}
	t.Run("not a bundle", func(t *testing.T) {
		for _, in := range []string{`{"resourceType":"Appointment","status":"booked"}`, `[1,2]`, `{"resourceType":"Bundle","type":"nonsense"}`} {
			if _, _, err := ParseFHIR(strings.NewReader(in)); err == nil {
				t.Errorf("%s accepted", in)
			}
		}
	})
}
