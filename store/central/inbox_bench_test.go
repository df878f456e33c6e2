package central

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/records"
)

// inboxBenchStore is a store holding n threads, each with one sealed
// patient message, as the load test builds through the simulator.
func inboxBenchStore(b *testing.B, n int) (*Store, Querier) {
	b.Helper()
	ctx := context.Background()
	db, err := OpenDB(ctx, filepath.Join(b.TempDir(), DBFileName))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	st := NewSQLiteStore(db, testKeysB(b))
	start := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	const batch = 5000
	for lo := 0; lo < n; lo += batch {
		err := st.Tx(ctx, func(q Querier) error {
			for i := lo; i < min(lo+batch, n); i++ {
				at := start.Add(time.Duration(i) * time.Second)
				p, _, err := st.Patients.Upsert(ctx, q, fmt.Sprintf("+1202%07d", i), "", "", at)
				if err != nil {
					return err
				}
				th, err := st.Threads.ForPatient(ctx, q, p.ID, at)
				if err != nil {
					return err
				}
				m := &records.Message{ThreadID: th.ID, Direction: "in", Type: "text", Body: benchBody,
					Masked: "This is [NAME], my cell is [PHONE]. Can I move my appointment?", ProviderID: fmt.Sprintf("wamid.bench%08d", i), At: at}
				if _, err := st.Messages.InsertInbound(ctx, q, m); err != nil {
					return err
				}
				if err := st.Threads.NoteInbound(ctx, q, th.ID, at, false); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return st, db
}

// BenchmarkInboxPage50k is one console page (100 rows, the counts, the
// change number) from an inbox of 50,000 threads: the first page, and a
// page half-way down by keyset cursor.
func BenchmarkInboxPage50k(b *testing.B) {
	st, db := inboxBenchStore(b, 50_000)
	ctx := context.Background()
	first, err := st.Threads.Page(ctx, db, "usr_desk", true, "", 100, 24*time.Hour)
	if err != nil || len(first.Threads) != 100 || first.Counts["open"] != 50_000 {
		b.Fatalf("first page: %d rows, counts %v, %v", len(first.Threads), first.Counts, err)
	}
	mid := first.Next
	for range 249 {
		p, err := st.Threads.Page(ctx, db, "usr_desk", true, mid, 100, 24*time.Hour)
		if err != nil {
			b.Fatal(err)
		}
		mid = p.Next
	}
	for _, c := range []struct{ name, after string }{{"first", ""}, {"middle", mid}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p, err := st.Threads.Page(ctx, db, "usr_desk", true, c.after, 100, 24*time.Hour)
				if err != nil || len(p.Threads) != 100 {
					b.Fatalf("%d rows, %v", len(p.Threads), err)
				}
			}
		})
	}
	b.Run("changes-since", func(b *testing.B) {
		// A console back from a short gap: 20 threads changed.
		seq := first.Seq - 20
		b.ReportAllocs()
		for b.Loop() {
			ch, err := st.Threads.ChangesSince(ctx, db, "usr_desk", true, seq, 1000, 24*time.Hour)
			if err != nil || ch.Reset || len(ch.Threads) == 0 {
				b.Fatalf("%d rows, reset %v, %v", len(ch.Threads), ch.Reset, err)
			}
		}
	})
}
