package report

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/migrations"
	"github.com/clinicwa/triage/store/sqlite"
)

// migratedDB is an empty, migrated central SQLite store.
func migratedDB(t *testing.T) *sql.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "triaged.db"), 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := migrations.ApplySQLite(ctx, db); err != nil {
		t.Fatal(err)
	}
	return db
}

// bookedAppointments hands the report a fixed list, as the store would
// after opening the sealed statuses.
type bookedAppointments []Appointment

func (b bookedAppointments) AppointmentsStarting(_ context.Context, from, to time.Time) ([]Appointment, error) {
	var out []Appointment
	for _, a := range b {
		if !a.Start.Before(from) && a.Start.Before(to) {
			out = append(out, a)
		}
	}
	return out, nil
}

// TestAppointmentOutcomes: show rates count only kept and missed
// appointments, late cancellations count every appointment of the day,
// and a message counts as a reminder only inside the 72 hours before the
// start and before the cancellation.
func TestAppointmentOutcomes(t *testing.T) {
	db := migratedDB(t)
	day := time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC)
	start := day.Add(15 * time.Hour)
	for _, p := range []string{"a", "b", "c", "d", "e"} {
		if _, err := db.Exec(`INSERT INTO patients (id, label, contact_bidx, created_at) VALUES (?, ?, ?, 1)`,
			"pat_"+p, "Patient "+p, []byte("bidx-"+p)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`INSERT INTO threads (id, patient_id, last_at, created_at) VALUES (?, ?, 1, 1)`, "thr_"+p, "pat_"+p); err != nil {
			t.Fatal(err)
		}
	}
	msg := func(n int, thread, status string, at time.Time) {
		t.Helper()
		if _, err := db.Exec(`INSERT INTO messages (id, seq, thread_id, direction, type, status, at) VALUES (?, ?, ?, 'out', 'text', ?, ?)`,
			"msg_"+thread+string(rune('0'+n)), n, thread, status, at.UnixNano()); err != nil {
			t.Fatal(err)
		}
	}
	msg(1, "thr_a", "delivered", start.Add(-2*time.Hour))              // a: reminded
	msg(2, "thr_b", "delivered", start.Add(-ReminderWindow-time.Hour)) // b: too early to count
	msg(3, "thr_c", "failed", start.Add(-time.Hour))                   // c: failed, not sent
	msg(4, "thr_d", "delivered", start.Add(-3*time.Hour))              // d: after its cancellation
	msg(5, "thr_e", "delivered", start.Add(-30*time.Hour))             // e: after its cancellation
	appts := bookedAppointments{
		{PatientID: "pat_a", Start: start, Outcome: Fulfilled},
		{PatientID: "pat_b", Start: start, Outcome: NoShow},
		{PatientID: "pat_c", Start: start, Outcome: Pending},
		{PatientID: "pat_d", Start: start, Outcome: Cancelled, CancelledAt: start.Add(-5 * time.Hour)},
		{PatientID: "pat_e", Start: start, Outcome: Cancelled, CancelledAt: start.Add(-48 * time.Hour)},
		{PatientID: "pat_a", Start: day.AddDate(0, 0, 1), Outcome: NoShow}, // the next day: outside the range
	}
	rep, err := Build(context.Background(), db, appts, Options{From: day, To: day, HandoffSLA: 30 * time.Minute, LinkTTL: 24 * time.Hour,
		Now: func() time.Time { return day.Add(23 * time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	f := rep.Total
	for _, c := range []struct {
		name string
		got  Share
		n    int
		of   int
	}{
		{"show_rate_messaged", f.ShowRateMessaged, 1, 1},
		{"show_rate_not_messaged", f.ShowRateNotMessaged, 0, 1},
		// Messaged: a only.
		{"late_cancellations_messaged", f.LateCancellationsMessaged, 0, 1},
		// Not messaged: b, c (still booked: counted here, not in the
		// show rates), d (cancelled 5 h before: late), e (48 h: not late).
		{"late_cancellations_not_messaged", f.LateCancellationsNotMsged, 1, 4},
	} {
		if c.got.Count != c.n || c.got.Of != c.of {
			g, _ := json.Marshal(c.got)
			t.Errorf("%s = %s, want %d of %d", c.name, g, c.n, c.of)
		}
	}
	if d := rep.ByDay["2026-02-10"].LateCancellationsNotMsged; d.Count != 1 || d.Of != 4 {
		t.Errorf("the day's late cancellations differ from the one-day range: %d of %d", d.Count, d.Of)
	}
}

// TestBuildRefusesWhatItCannotMeasure: without the server's targets, or
// with a reversed or overlong range, there is no report rather than a
// guessed one.
func TestBuildRefusesWhatItCannotMeasure(t *testing.T) {
	db := migratedDB(t)
	day := time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC)
	ok := Options{From: day, To: day, HandoffSLA: time.Minute, LinkTTL: time.Hour}
	if _, err := Build(context.Background(), db, bookedAppointments{}, ok); err != nil {
		t.Fatalf("a well-formed range was refused: %v", err)
	}
	for name, change := range map[string]func(*Options){
		"no hand-off SLA":     func(o *Options) { o.HandoffSLA = 0 },
		"no link lifetime":    func(o *Options) { o.LinkTTL = 0 },
		"to before from":      func(o *Options) { o.To = day.AddDate(0, 0, -1) },
		"over ten years long": func(o *Options) { o.From = day.AddDate(-11, 0, 0) },
	} {
		o := ok
		change(&o)
		if _, err := Build(context.Background(), db, bookedAppointments{}, o); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestPercentileIsNearestRank: the smallest value with at least p% of the
// values at or below it, to a tenth of a second.
func TestPercentileIsNearestRank(t *testing.T) {
	if percentile(nil, 50) != nil {
		t.Error("a percentile of nothing is not nil")
	}
	xs := []float64{3000.04, 300, 120.26, 60}
	for _, c := range []struct{ p, want float64 }{{50, 120.3}, {75, 300}, {90, 3000}, {1, 60}, {100, 3000}} {
		if got := percentile(xs, c.p); got == nil || *got != c.want {
			t.Errorf("p%v = %v, want %v", c.p, got, c.want)
		}
	}
	if xs[0] != 3000.04 {
		t.Error("percentile sorted its caller's slice")
	}
}
