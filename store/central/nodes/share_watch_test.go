package nodes

import (
	"context"
	"database/sql"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/internal/pgcluster"
)

// A node whose share of the serving lock vanished with its connection
// must notice: it takes the share again on a new connection and asks
// what changed meanwhile, or, when key maintenance took the lock in the
// gap, it is told to stop. Before the watch, a terminated connection left
// the node serving with no share at all, so a rotation could start beside
// it.
func TestWatchedShareSurvivesALostConnectionOrStops(t *testing.T) {
	d := pgcluster.NewDatabase(t)
	ctx := context.Background()
	const job = "test-serving-watch"
	node, maint := pool(t, d), pool(t, d)

	var rejoined atomic.Int32
	lost := make(chan error, 1)
	w, err := WatchShare(ctx, node, job, ShareWatch{
		Interval: time.Hour, // the test decides when to check
		Rejoined: func(context.Context) error { rejoined.Add(1); return nil },
		Lost:     func(err error) { lost <- err },
	})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Release()

	if !w.Check(ctx) || rejoined.Load() != 0 {
		t.Fatalf("a healthy share was taken again (%d)", rejoined.Load())
	}

	// The connection is terminated (a restart, an operator, a network
	// path): the share is gone until the next check takes it again.
	first := leaderBackend(t, maint, job)
	if _, err := maint.Exec(`SELECT pg_terminate_backend($1)`, first); err != nil {
		t.Fatal(err)
	}
	waitGone(t, maint, job)
	if !w.Check(ctx) {
		t.Fatal("the share was not taken again after its connection was terminated")
	}
	if rejoined.Load() != 1 {
		t.Fatalf("Rejoined ran %d times, want 1", rejoined.Load())
	}
	if second := leaderBackend(t, maint, job); second == 0 || second == first {
		t.Fatalf("share holder after the check: pid %d (was %d)", second, first)
	}
	if _, err := Exclude(ctx, maint, job); !errors.Is(err, ErrHeld) {
		t.Fatalf("Exclude beside the share taken again: %v, want ErrHeld", err)
	}

	// Terminated again, and key maintenance takes the lock in the gap:
	// the node is told to stop, and does not take the share back later.
	if _, err := maint.Exec(`SELECT pg_terminate_backend($1)`, leaderBackend(t, maint, job)); err != nil {
		t.Fatal(err)
	}
	waitGone(t, maint, job)
	done, err := Exclude(ctx, maint, job)
	if err != nil {
		t.Fatalf("Exclude once the share was gone: %v", err)
	}
	if w.Check(ctx) {
		t.Fatal("the node kept serving although key maintenance held the lock")
	}
	select {
	case err := <-lost:
		if !errors.Is(err, ErrHeld) {
			t.Fatalf("Lost with %v, want ErrHeld", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Lost was not called")
	}
	done()
	if w.Check(ctx) {
		t.Fatal("a lost share was taken again once maintenance ended; the node must restart on the new keys")
	}
}

// Rejoined refusing (the keys changed while the share was not held) ends
// serving too, and gives the new share back.
func TestWatchedShareStopsWhenRejoinedRefuses(t *testing.T) {
	d := pgcluster.NewDatabase(t)
	ctx := context.Background()
	const job = "test-serving-refuse"
	node, maint := pool(t, d), pool(t, d)
	changed := errors.New("the data keys changed")
	lost := make(chan error, 1)
	w, err := WatchShare(ctx, node, job, ShareWatch{
		Interval: time.Hour,
		Rejoined: func(context.Context) error { return changed },
		Lost:     func(err error) { lost <- err },
	})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Release()
	if _, err := maint.Exec(`SELECT pg_terminate_backend($1)`, leaderBackend(t, maint, job)); err != nil {
		t.Fatal(err)
	}
	waitGone(t, maint, job)
	if w.Check(ctx) {
		t.Fatal("the node kept serving although Rejoined refused")
	}
	if err := <-lost; !errors.Is(err, changed) {
		t.Fatalf("Lost with %v, want Rejoined's error", err)
	}
	if pid := leaderBackend(t, maint, job); pid != 0 {
		t.Fatalf("the refused node still holds a share (pid %d)", pid)
	}
}

// The watch loop itself notices within its interval.
func TestWatchedShareLoopNoticesOnItsOwn(t *testing.T) {
	d := pgcluster.NewDatabase(t)
	ctx := context.Background()
	const job = "test-serving-loop"
	node, maint := pool(t, d), pool(t, d)
	rejoined := make(chan struct{}, 1)
	w, err := WatchShare(ctx, node, job, ShareWatch{
		Interval: 50 * time.Millisecond,
		Rejoined: func(context.Context) error { rejoined <- struct{}{}; return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Release()
	if _, err := maint.Exec(`SELECT pg_terminate_backend($1)`, leaderBackend(t, maint, job)); err != nil {
		t.Fatal(err)
	}
	select {
	case <-rejoined:
	case <-time.After(10 * time.Second):
		t.Fatal("the watch did not take the share again within 10 s")
	}
	w.Release()
	if pid := leaderBackend(t, maint, job); pid != 0 {
		t.Fatalf("a released watch still holds a share (pid %d)", pid)
	}
}

// waitGone waits until no session holds job's lock: a terminated
// backend takes a moment to exit.
func waitGone(t *testing.T, db *sql.DB, job string) {
	t.Helper()
	waitFor(t, 10*time.Second, "the terminated session's lock to end", func() bool {
		return leaderBackend(t, db, job) == 0
	})
}
