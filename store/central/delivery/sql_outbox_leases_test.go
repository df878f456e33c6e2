package delivery

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/migrations"
	"github.com/clinicwa/triage/store/internal/pgcluster"
	"github.com/clinicwa/triage/store/migrate"
)

// twoNodes is a migrated PostgreSQL database seen through two pools, one
// per node, holding threads threads of two pending sends each, all due
// at t0.
func twoNodes(t *testing.T, threads int, t0 time.Time) (a, b *sql.DB) {
	t.Helper()
	d := postgresOutbox(t, threads, t0)
	b, err := pgcluster.Shared(t).Open(d.Name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return d.DB, b
}

// postgresOutbox is a migrated PostgreSQL database holding threads
// threads of two pending sends each, all due at t0.
func postgresOutbox(t *testing.T, threads int, t0 time.Time) pgcluster.Database {
	t.Helper()
	pgcluster.Template(t, "delivery_migrated", func(db *sql.DB) error {
		pg, err := migrations.Postgres()
		if err != nil {
			return err
		}
		return migrate.Apply(context.Background(), db, migrate.Postgres, pg, "test")
	})
	d := pgcluster.NewDatabaseFrom(t, "delivery_migrated")
	n := 0
	for i := range threads {
		th := fmt.Sprintf("thr_%02d", i)
		if _, err := d.DB.Exec(`INSERT INTO patients (id, label, contact_bidx, created_at) VALUES ($1, $2, $3, 1)`,
			"pat_"+th, "Patient "+th, []byte("bidx-"+th)); err != nil {
			t.Fatal(err)
		}
		if _, err := d.DB.Exec(`INSERT INTO threads (id, patient_id, last_at, created_at) VALUES ($1, $2, 1, 1)`, th, "pat_"+th); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			n++
			id := fmt.Sprintf("msg_%03d", n)
			if _, err := d.DB.Exec(`INSERT INTO messages (id, seq, thread_id, direction, type, at) VALUES ($1, $2, $3, 'out', 'text', $4)`,
				id, n, th, t0.UnixNano()); err != nil {
				t.Fatal(err)
			}
			if _, err := d.DB.Exec(`INSERT INTO outbox (message_id, thread_id, idempotency_key, state, next_at, created_at) VALUES ($1, $2, $3, 'pending', $4, $4)`,
				id, th, "key_"+id, t0.UnixNano()); err != nil {
				t.Fatal(err)
			}
		}
	}
	return d
}

// Two nodes asking for due sends at the same moment never both get the
// same one (each would send it: the patient gets the message twice), and
// neither gets a thread's second send while its first is pending.
func TestTwoNodesNeverTakeTheSameSend(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	const threads = 40
	dbA, dbB := twoNodes(t, threads, t0)
	nodes := []*Leases{NewLeases(dbA, "node_a", time.Minute), NewLeases(dbB, "node_b", time.Minute)}

	var (
		wg    sync.WaitGroup
		start = make(chan struct{})
		got   = make([][]Job, len(nodes))
		errs  = make([]error, len(nodes))
	)
	for i, l := range nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start // both claims in flight together
			for k := 0; k < threads; k += 4 {
				js, err := l.Claim(ctx, t0, 4)
				if err != nil {
					errs[i] = err
					return
				}
				got[i] = append(got[i], js...)
			}
		}()
	}
	close(start)
	wg.Wait()
	holder := map[string]string{}
	threadsTaken := map[string]bool{}
	for i, js := range got {
		if errs[i] != nil {
			t.Fatalf("node %d: %v", i, errs[i])
		}
		for _, j := range js {
			if prev, dup := holder[j.MessageID]; dup {
				t.Errorf("%s taken twice: by %s, then by node %d", j.MessageID, prev, i)
			}
			holder[j.MessageID] = fmt.Sprint("node ", i)
			if threadsTaken[j.ThreadID] {
				t.Errorf("two sends of %s taken while its first is pending", j.ThreadID)
			}
			threadsTaken[j.ThreadID] = true
		}
	}
	if len(holder) != threads {
		t.Errorf("the nodes took %d sends, want %d (each thread's first)", len(holder), threads)
	}
	// Everything due is leased now: a third look finds nothing.
	if js, err := nodes[1].Claim(ctx, t0, threads); err != nil || len(js) != 0 {
		t.Errorf("claim while every due send is leased = %d jobs, %v", len(js), err)
	}
}

// A node whose lease ran out must not send (another node may be sending
// it), and a node that dies holding a lease delays its send only until the
// lease ends.
func TestAnExpiredLeaseIsLostAndTakenOver(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	ttl := time.Minute
	dbA, dbB := twoNodes(t, 1, t0)
	a, b := NewLeases(dbA, "node_a", ttl), NewLeases(dbB, "node_b", ttl)

	js, err := a.Claim(ctx, t0, 4)
	if err != nil || len(js) != 1 {
		t.Fatalf("node a took %d, %v; want the thread's first send", len(js), err)
	}
	j := js[0]
	if next, err := b.NextDue(ctx); err != nil || !next.Equal(t0.Add(ttl)) {
		t.Errorf("next due while leased = %v, %v; want the lease's end %v", next, err, t0.Add(ttl))
	}
	if js, err := b.Claim(ctx, t0.Add(ttl-time.Second), 4); err != nil || len(js) != 0 {
		t.Fatalf("node b took %d before node a's lease ended (%v)", len(js), err)
	}

	// Node a stalls past its lease: it may no longer begin the send, even
	// before another node has taken it, since one may at any moment.
	late := t0.Add(ttl + time.Second)
	hold := late.Add(2 * time.Minute)
	if err := a.MarkInFlight(ctx, j.IdempotencyKey, InFlight, late, hold); !errors.Is(err, ErrLeaseLost) {
		t.Fatalf("node a marking a send after its lease ended: %v, want ErrLeaseLost", err)
	}
	// Node b takes the send over.
	js, err = b.Claim(ctx, late, 4)
	if err != nil || len(js) != 1 || js[0].ID != j.ID {
		t.Fatalf("node b after the lease = %v, %v; want %s", messageIDs(js), err, j.MessageID)
	}
	if err := a.MarkInFlight(ctx, j.IdempotencyKey, InFlight, late, hold); !errors.Is(err, ErrLeaseLost) {
		t.Fatalf("node a marking a send node b holds: %v, want ErrLeaseLost", err)
	}
	if err := b.MarkInFlight(ctx, j.IdempotencyKey, InFlight, late, hold); err != nil {
		t.Fatalf("node b marking the send it holds: %v", err)
	}

	// A clean stop gives leases back, but the send in doubt keeps its hold.
	if err := b.ReleaseAll(ctx); err != nil {
		t.Fatal(err)
	}
	if js, err := a.Claim(ctx, late, 4); err != nil || len(js) != 0 {
		t.Errorf("node a took %v while the send is in doubt (%v)", messageIDs(js), err)
	}
	if js, err := a.Claim(ctx, hold, 4); err != nil || len(js) != 1 || js[0].ID != j.ID {
		t.Errorf("after the hold node a took %v, %v; want %s", messageIDs(js), err, j.MessageID)
	}
	// Release hands a send back at once.
	if err := a.Release(ctx, j.ID); err != nil {
		t.Fatal(err)
	}
	if js, err := b.Claim(ctx, hold, 4); err != nil || len(js) != 1 {
		t.Errorf("after a released it, node b took %v, %v", messageIDs(js), err)
	}
}
