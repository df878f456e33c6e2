package central

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
)

// BenchmarkAuditReview100k is one review page (50 entries) from a trail
// of 100,000 entries over 1,000 patients' threads: unfiltered, by user,
// by one patient's label, by action family, and a page deep in the
// trail by keyset cursor.
func BenchmarkAuditReview100k(b *testing.B) {
	st, db := inboxBenchStore(b, 1000)
	ctx := context.Background()
	rows, err := db.QueryContext(ctx, `SELECT t.id, p.label FROM threads t JOIN patients p ON p.id = t.patient_id ORDER BY t.id`)
	if err != nil {
		b.Fatal(err)
	}
	var threads, labels []string
	for rows.Next() {
		var id, label string
		if err := rows.Scan(&id, &label); err != nil {
			b.Fatal(err)
		}
		threads, labels = append(threads, id), append(labels, label)
	}
	rows.Close()
	if _, err := db.ExecContext(ctx, `INSERT INTO users (id, username, role, password_hash, created_at) VALUES ('usr_bench', 'bench.nurse', 'nurse', '', 0)`); err != nil {
		b.Fatal(err)
	}
	start := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	const n = 100_000
	var prev *api.AuditEntry
	for lo := 0; lo < n; lo += 5000 {
		err := st.Tx(ctx, func(q Querier) error {
			for i := lo; i < min(lo+5000, n); i++ {
				e := api.AuditEntry{ConsoleID: ServerConsoleID, Seq: int64(i + 1), At: start.Add(time.Duration(i) * time.Second),
					UserID: "usr_desk", Role: api.RoleFrontDesk, Outcome: "ok"}
				th := threads[i%len(threads)]
				switch i % 4 {
				case 0:
					e.Action, e.Object = "thread.view", "thread:"+th
				case 1:
					e.Action, e.Object, e.Detail = "message.send", "thread:"+th, map[string]string{"macro": "hours"}
				case 2:
					e.Action, e.Object, e.Detail = "audit.batch", "console:dev_x", map[string]string{"count": "3"}
				default:
					e.Action, e.Object, e.UserID, e.Detail = "message.reveal", "message:msg_none", "usr_bench", map[string]string{"thread_id": th}
				}
				if prev != nil {
					e.PrevHash = prev.Hash
				}
				e.Hash = fmt.Sprintf("h%d", i)
				if err := st.Audit.Insert(ctx, q, e, e.At); err != nil {
					return err
				}
				prev = &e
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	s := &Server{keys: testKeysB(b)}
	page := func(f api.AuditReviewFilter) api.AuditReviewPage {
		cur, err := parseReviewCursor(f.After)
		if err != nil {
			b.Fatal(err)
		}
		f.Limit = api.DefaultAuditReviewPage
		p, err := s.queryAuditReview(ctx, db, f, cur, false)
		if err != nil {
			b.Fatal(err)
		}
		return p
	}
	deep := api.AuditReviewFilter{}
	for range 500 {
		deep.After = page(deep).Next
	}
	for _, c := range []struct {
		name string
		f    api.AuditReviewFilter
	}{
		{"first", api.AuditReviewFilter{}},
		{"user", api.AuditReviewFilter{User: "bench.nurse"}},
		{"patient", api.AuditReviewFilter{Patient: labels[7]}},
		{"action", api.AuditReviewFilter{Action: "message"}},
		{"deep", deep},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if p := page(c.f); len(p.Entries) != api.DefaultAuditReviewPage {
					b.Fatalf("%d entries", len(p.Entries))
				}
			}
		})
	}
}
