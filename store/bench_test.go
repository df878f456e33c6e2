package store_test

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/central/auditlog"
	"github.com/clinicwa/triage/store/central/maintenance"
	"github.com/clinicwa/triage/store/seal"
)

// BenchmarkConsoleAppend is the cost the console adds to every action:
// one entry linked and committed with fsync (WAL, synchronous=FULL).
func BenchmarkConsoleAppend(b *testing.B) {
	ctx := context.Background()
	con, err := store.OpenConsole(ctx, b.TempDir(), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer con.Close()
	who := store.Actor{UserID: "u-desk", Role: api.RoleFrontDesk}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := con.Append(ctx, who, "thread.view", "thread:t1", "ok", map[string]string{"i": strconv.Itoa(i)}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}

// BenchmarkBacklogDrain delivers a backlog of 100,000 entries (a console
// that worked offline) to a real central endpoint over HTTP.
func BenchmarkBacklogDrain(b *testing.B) {
	const backlog = 100_000
	ctx := context.Background()
	env := newCentral(b)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		con, err := store.OpenConsole(ctx, b.TempDir(), nil)
		if err != nil {
			b.Fatal(err)
		}
		cl := store.NewClient(env.url(), &http.Client{Timeout: 30 * time.Second}, con)
		if _, err := cl.Login(ctx, "desk", passwords["desk"], ""); err != nil {
			b.Fatal(err)
		}
		who := store.Actor{UserID: "u-desk", Role: api.RoleFrontDesk}
		tx := con.DB()
		// Build the backlog fast: the append path is measured above.
		if _, err := tx.Exec(`PRAGMA synchronous = OFF`); err != nil {
			b.Fatal(err)
		}
		for j := 0; j < backlog; j++ {
			if _, err := con.Append(ctx, who, "thread.view", "thread:t"+strconv.Itoa(j%50), "ok", nil); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		t0 := time.Now()
		n, err := cl.SyncOnce(ctx)
		if err != nil || n < backlog {
			b.Fatalf("drained %d, %v", n, err)
		}
		b.ReportMetric(float64(n)/time.Since(t0).Seconds(), "entries/s")
		con.Close()
	}
}

// BenchmarkVerifyMillion verifies a central log of 1,000,000 entries
// (ten console chains, interleaved) and its signed checkpoint. The log is
// generated once into AUDIT_BENCH_DIR when set (kept between runs), else
// into a temporary folder.
func BenchmarkVerifyMillion(b *testing.B) {
	const total = 1_000_000
	ctx := context.Background()
	dir := os.Getenv("AUDIT_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	keys := newKeysFromSeed(b)
	path := filepath.Join(dir, central.DBFileName)
	if _, err := os.Stat(path); err != nil {
		if err := generateLog(ctx, dir, total); err != nil {
			b.Fatal(err)
		}
		if _, _, err := central.SignCheckpointOffline(ctx, central.Config{DataDir: dir, Keys: keys}); err != nil {
			b.Fatal(err)
		}
	}
	priv, _ := auditlog.CheckpointSigner(keys)
	db, err := maintenance.OpenReadOnly(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		rep, err := auditlog.VerifyLog(ctx, db, priv.Public().(ed25519.PublicKey), nil)
		if err != nil {
			b.Fatal(err)
		}
		if rep.Entries != total || rep.Latest == nil || rep.Latest.Size != total {
			b.Fatalf("verified %d entries, checkpoint %+v", rep.Entries, rep.Latest)
		}
		b.ReportMetric(float64(total)/time.Since(t0).Seconds(), "entries/s")
	}
}

// newKeysFromSeed gives the same store keys on every run, so a kept
// benchmark log's checkpoint still verifies.
func newKeysFromSeed(b *testing.B) *seal.Keys {
	dk, ik := make([]byte, 32), make([]byte, 32)
	for i := range dk {
		dk[i], ik[i] = byte(i), byte(255-i)
	}
	k, err := seal.NewKeys(map[uint32][]byte{1: dk}, 1, ik)
	if err != nil {
		b.Fatal(err)
	}
	return k
}

// generateLog writes total entries spread over ten chains into a new
// central store, as the endpoint would have stored them.
func generateLog(ctx context.Context, dir string, total int) error {
	db, err := central.OpenDB(ctx, filepath.Join(dir, central.DBFileName))
	if err != nil {
		return err
	}
	defer db.Close()
	heads := make([]*api.AuditEntry, 10)
	start := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	const per = 50_000
	for done := 0; done < total; done += per {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO audit (console_id, seq, prev_hash, hash, at, user_id, role, action, object, outcome, detail, received_at, at_ns, gseq)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		for g := done; g < done+per && g < total; g++ {
			c := g % len(heads)
			e := audit.Link(heads[c], api.AuditEntry{ConsoleID: fmt.Sprintf("console-%016x", c), At: start.Add(time.Duration(g) * time.Millisecond),
				UserID: "u-desk", Role: api.RoleFrontDesk, Action: "thread.view", Object: "thread:t" + strconv.Itoa(g%500), Outcome: "ok"})
			heads[c] = &e
			if _, err := stmt.ExecContext(ctx, e.ConsoleID, e.Seq, e.PrevHash, e.Hash, e.At.Format(time.RFC3339Nano), e.UserID, string(e.Role),
				e.Action, e.Object, e.Outcome, "{}", e.At.UnixNano(), e.At.UnixNano(), g+1); err != nil {
				return err
			}
		}
		stmt.Close()
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}
