package central

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central/auditlog"
)

// TestMigrationOrdersExistingEntries: a store from before checkpoints gets
// a log position for every entry (in the order received) and an integer
// time equal to the hashed one, to the nanosecond.
func TestMigrationOrdersExistingEntries(t *testing.T) {
	skipOnPostgres(t, "migrating an SQLite file written at schema version 1 (PostgreSQL's backfill: store/central/migrations TestBackfillsAgree)")
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), DBFileName)
	db, err := sql.Open("sqlite", DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ms[0].SQL); err != nil {
		t.Fatal(err)
	}
	db.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`)
	db.Exec(`INSERT INTO schema_migrations VALUES (1, ?, 0)`, ms[0].Name)
	t0 := time.Date(2026, 3, 1, 9, 0, 5, 120000000, time.UTC)
	var prev *api.AuditEntry
	want := map[int64]time.Time{}
	for i, recv := range []int64{30, 10, 20} { // received out of seq order across time
		at := t0.Add(time.Duration(i) * 1234567 * time.Nanosecond)
		e := audit.Link(prev, api.AuditEntry{ConsoleID: "c1", At: at, UserID: "u", Action: "a", Outcome: "ok"})
		prev = &e
		want[e.Seq] = at
		if _, err := db.Exec(`INSERT INTO audit (console_id, seq, prev_hash, hash, at, user_id, role, action, object, outcome, detail, received_at)
			VALUES ('c1', ?, ?, ?, ?, 'u', '', 'a', '', 'ok', '{}', ?)`, e.Seq, e.PrevHash, e.Hash, at.Format(time.RFC3339Nano), recv); err != nil {
			t.Fatal(err)
		}
	}
	if err := Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	rows, _ := db.Query(`SELECT seq, gseq, at_ns FROM audit ORDER BY gseq`)
	defer rows.Close()
	var order []int64
	for rows.Next() {
		var seq, g, ns int64
		rows.Scan(&seq, &g, &ns)
		order = append(order, seq)
		if ns != want[seq].UnixNano() {
			t.Fatalf("entry %d: at_ns %d, want %d", seq, ns, want[seq].UnixNano())
		}
	}
	if len(order) != 3 || order[0] != 2 || order[1] != 3 || order[2] != 1 {
		t.Fatalf("log order %v, want received order [2 3 1]", order)
	}
}

func TestCheckpointerSignsOnlyGrowthAndRefusesADivergedLog(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	first, _, err := e.srv.Checkpoint(ctx)
	if err != nil || first == nil {
		t.Fatalf("checkpoint at start: %v", err)
	}
	if again, signed, err := e.srv.Checkpoint(ctx); err != nil || signed || again.Number != first.Number {
		t.Fatalf("nothing new, yet signed=%v (%v)", signed, err)
	}
	e.login("desk")
	next, signed, err := e.srv.Checkpoint(ctx)
	if err != nil || !signed || next.Number != first.Number+1 {
		t.Fatalf("after a sign-in: signed=%v number=%d %v", signed, next.Number, err)
	}
	pub, err := audit.ParsePublicKey(e.srv.AuditPublicKey())
	if err != nil {
		t.Fatal(err)
	}
	cp, err := audit.VerifyCheckpoint(pub, next.Body, next.Signature)
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	e.srv.db.QueryRow(`SELECT COUNT(*) FROM audit`).Scan(&n)
	if cp.Size != n {
		t.Fatalf("checkpoint covers %d entries, log has %d", cp.Size, n)
	}
	// Rewrite a covered entry (re-hashed, so its chain alone looks fine)
	// and restart: no new checkpoint may be signed over it.
	e.stop()
	db := openTestDB(t, e.dir)
	var h string
	db.QueryRow(`SELECT hash FROM audit WHERE console_id = 'triaged' ORDER BY seq DESC LIMIT 1`).Scan(&h)
	db.Exec(`UPDATE audit SET hash = ? WHERE console_id = 'triaged' AND hash = ?`, "00"+h[2:], h)
	db.Close()
	e.start()
	e.login("desk")
	if _, _, err := e.srv.Checkpoint(ctx); !errors.Is(err, auditlog.ErrLogDiverged) {
		t.Fatalf("checkpoint over a rewritten log: %v, want ErrLogDiverged", err)
	}
	var latest int64
	e.srv.db.QueryRow(`SELECT MAX(number) FROM audit_checkpoints`).Scan(&latest)
	if latest != next.Number {
		t.Fatalf("a checkpoint (#%d) was signed over a rewritten log", latest)
	}
}
