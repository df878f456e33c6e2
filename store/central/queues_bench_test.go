package central

import (
	"context"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/store/api"
)

// BenchmarkQueues50k is the triage views over an inbox of 50,000
// threads: the per-user queue counts (one pass over threads), the first
// page of the Unanswered queue (oldest wait first, by index), and a
// search over masked text that reads its whole scan budget (no match).
func BenchmarkQueues50k(b *testing.B) {
	st, db := inboxBenchStore(b, 50_000)
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	b.Run("counts", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c, err := st.Threads.QueueCounts(ctx, db, "usr_desk", true)
			if err != nil || c[api.QueueUnanswered] != 50_000 {
				b.Fatalf("%v %v", c, err)
			}
		}
	})
	b.Run("unanswered-page", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			p, err := st.Threads.QueuePage(ctx, db, records.InboxQuery{UserID: "usr_desk", IncludeClinical: true,
				Filter: api.InboxFilter{Queue: api.QueueUnanswered}, Limit: 100, Window: 24 * time.Hour, Now: now})
			if err != nil || len(p.Threads) != 100 {
				b.Fatalf("%d rows, %v", len(p.Threads), err)
			}
		}
	})
	// A later page: the console walking down the queue. It carries no
	// counts per queue (they came with the first page).
	first, err := st.Threads.QueuePage(ctx, db, records.InboxQuery{UserID: "usr_desk", IncludeClinical: true,
		Filter: api.InboxFilter{Queue: api.QueueUnanswered}, Limit: 100, Window: 24 * time.Hour, Now: now})
	if err != nil || first.Next == "" {
		b.Fatalf("first page: next %q, %v", first.Next, err)
	}
	b.Run("unanswered-later-page", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			p, err := st.Threads.QueuePage(ctx, db, records.InboxQuery{UserID: "usr_desk", IncludeClinical: true,
				Filter: api.InboxFilter{Queue: api.QueueUnanswered}, After: first.Next, Limit: 100, Window: 24 * time.Hour, Now: now})
			if err != nil || len(p.Threads) != 100 || p.Queues != nil {
				b.Fatalf("%d rows, queues %v, %v", len(p.Threads), p.Queues, err)
			}
		}
	})
	b.Run("search-budget", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			p, err := st.Threads.QueuePage(ctx, db, records.InboxQuery{UserID: "usr_desk", IncludeClinical: true,
				Filter: api.InboxFilter{Search: "no such words"}, Limit: 100, Window: 24 * time.Hour, Now: now})
			if err != nil || p.Search == nil || p.Search.Scanned != records.MaxSearchScan || !p.Search.Truncated {
				b.Fatalf("%+v %v", p.Search, err)
			}
		}
	})
}
