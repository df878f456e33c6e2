package central

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/store/seal"
)

// benchStore is a real triaged.db file with one patient and thread, behind
// the Messages store interface.
func benchStore(b *testing.B, dir string) (*Store, string) {
	b.Helper()
	ctx := context.Background()
	db, err := OpenDB(ctx, filepath.Join(dir, DBFileName))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	dk, ik := make([]byte, 32), make([]byte, 32)
	for i := range dk {
		dk[i], ik[i] = byte(i), byte(255-i)
	}
	keys, err := seal.NewKeys(map[uint32][]byte{1: dk}, 1, ik)
	if err != nil {
		b.Fatal(err)
	}
	st := NewSQLiteStore(db, keys)
	p, _, err := st.Patients.Upsert(ctx, db, "+15555550102", "", "James Miller", time.Now())
	if err != nil {
		b.Fatal(err)
	}
	th, err := st.Threads.ForPatient(ctx, db, p.ID, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	return st, th.ID
}

const benchBody = "This is James Miller, DOB 03/14/1962, my cell is 555-201-3344. Can I move my appointment to next week?"

func benchMessage(threadID string, i int) *records.Message {
	return &records.Message{ThreadID: threadID, Direction: "in", Type: "text", Body: benchBody,
		Masked:     "This is [name], DOB [date], my cell is [phone]. Can I move my appointment to next week?",
		ProviderID: fmt.Sprintf("wamid.HBgLMTU1NTU1NTAxMDIVAgASGBQzQTg%08d", i), At: time.Now()}
}

// BenchmarkInsertMessage stores one sealed inbound message per
// transaction, committed with synchronous=FULL, as a webhook does.
func BenchmarkInsertMessage(b *testing.B) {
	st, thread := benchStore(b, b.TempDir())
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m := benchMessage(thread, i)
		i++
		if err := st.Tx(ctx, func(q Querier) error { _, err := st.Messages.InsertInbound(ctx, q, m); return err }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInsertMessageBatch stores 100 sealed messages per transaction
// (a webhook batch, or an import), reported per message.
func BenchmarkInsertMessageBatch(b *testing.B) {
	st, thread := benchStore(b, b.TempDir())
	ctx := context.Background()
	i := 0
	for b.Loop() {
		if err := st.Tx(ctx, func(q Querier) error {
			for range 100 {
				if _, err := st.Messages.InsertInbound(ctx, q, benchMessage(thread, i)); err != nil {
					return err
				}
				i++
			}
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(i), "ns/msg")
}

// BenchmarkReadMessage opens one sealed message by id (three values
// decrypted) out of 10,000.
func BenchmarkReadMessage(b *testing.B) {
	st, thread := benchStore(b, b.TempDir())
	ctx := context.Background()
	ids := make([]string, 10_000)
	err := st.Tx(ctx, func(q Querier) error {
		for i := range ids {
			m := benchMessage(thread, i)
			if _, err := st.Messages.InsertInbound(ctx, q, m); err != nil {
				return err
			}
			ids[i] = m.ID
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m, err := st.Messages.Get(ctx, st.DB, ids[(i*7919)%len(ids)])
		if err != nil || m.Body != benchBody {
			b.Fatal(m.Body, err)
		}
		i++
	}
}

// BenchmarkLookupByBlindIndex1M finds a message by its provider id (the
// blind index a status callback uses) among 1,000,000 sealed messages.
// The million rows are written in one transaction through a prepared
// statement with the same sealing and indexing as the store's insert.
func BenchmarkLookupByBlindIndex1M(b *testing.B) {
	const n = 1_000_000
	dir, err := os.MkdirTemp("", "triaged-bench-")
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(dir)
	st, thread := benchStore(b, dir)
	ctx := context.Background()
	start := time.Now()
	tx, err := st.DB.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO messages (id, seq, thread_id, direction, type, body_sealed, masked_sealed, provider_id_bidx, provider_id_sealed, at)
		VALUES (?, ?, ?, 'in', 'text', ?, ?, ?, ?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	at := time.Now().UnixNano()
	for i := range n {
		m := benchMessage(thread, i)
		m.ID = fmt.Sprintf("msg_%08d", i)
		body, masked, provID, provIdx, _, err := st.Messages.(records.Messages).SealFields(m)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := stmt.ExecContext(ctx, m.ID, i+1, thread, body, masked, provIdx, provID, at+int64(i)); err != nil {
			b.Fatal(err)
		}
	}
	stmt.Close()
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	b.Logf("populated %d sealed messages in %s", n, time.Since(start).Round(time.Millisecond))
	b.Run("ByProviderID", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			k := (i * 104729) % n
			i++
			m, err := st.Messages.ByProviderID(ctx, st.DB, fmt.Sprintf("wamid.HBgLMTU1NTU1NTAxMDIVAgASGBQzQTg%08d", k))
			if err != nil || m.ID != fmt.Sprintf("msg_%08d", k) {
				b.Fatal(m.ID, err)
			}
		}
	})
}
