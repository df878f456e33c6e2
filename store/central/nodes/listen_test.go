package nodes

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/internal/pgcluster"
)

func TestNoticesReachTheOtherNodeAcrossAReconnect(t *testing.T) {
	d := pgcluster.NewDatabase(t)
	sender, receiver, admin := pool(t, d), pool(t, d), pool(t, d)
	var (
		mu        sync.Mutex
		got       []string
		gaps      atomic.Int32
		listening atomic.Int32
	)
	l := NewListener(receiver, "test_changes", func(p string) {
		mu.Lock()
		got = append(got, p)
		mu.Unlock()
	})
	l.MinBackoff, l.MaxBackoff = 10*time.Millisecond, 100*time.Millisecond
	l.OnGap = func() { gaps.Add(1) }
	l.OnListening = func() { listening.Add(1) }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); l.Run(ctx) }()
	defer func() { cancel(); <-done }()
	waitFor(t, 5*time.Second, "LISTEN", func() bool { return listening.Load() == 1 })

	received := func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), got...)
	}
	// A notice sent inside a transaction arrives only if it commits.
	tx, err := sender.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if err := Notify(context.Background(), tx, "test_changes", "rolled-back"); err != nil {
		t.Fatal(err)
	}
	tx.Rollback()
	for i := range 3 {
		if err := Notify(context.Background(), sender, "test_changes", fmt.Sprint("change-", i)); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, 5*time.Second, "three notices", func() bool { return len(received()) >= 3 })
	if g := received(); fmt.Sprint(g) != "[change-0 change-1 change-2]" {
		t.Fatalf("received %q, want the three committed notices in order", g)
	}
	if gaps.Load() != 0 {
		t.Fatalf("a gap was reported before any reconnect")
	}

	// The listening session is cut: the listener reconnects, says that
	// notices may have been missed, and hears the next ones.
	var pid int
	if err := admin.QueryRow(`SELECT pid FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND datname = current_database()`).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(`SELECT pg_terminate_backend($1)`, pid); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 5*time.Second, "listening again", func() bool { return listening.Load() == 2 })
	if gaps.Load() != 1 {
		t.Fatalf("gaps reported = %d after one reconnect, want 1", gaps.Load())
	}
	if err := Notify(context.Background(), sender, "test_changes", "after-reconnect"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 5*time.Second, "the notice sent after the reconnect", func() bool {
		g := received()
		return len(g) == 4 && g[3] == "after-reconnect"
	})
}

func TestListenerKeepsRetryingWhileTheDatabaseIsAway(t *testing.T) {
	d := pgcluster.NewDatabase(t)
	// Administered from another database: a database cannot close its
	// doors to the session asking.
	admin, err := pgcluster.Shared(t).Open("postgres")
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	receiver := pool(t, d)
	var listening, errs atomic.Int32
	l := NewListener(receiver, "test_changes", func(string) {})
	l.MinBackoff, l.MaxBackoff = 10*time.Millisecond, 50*time.Millisecond
	l.OnListening = func() { listening.Add(1) }
	l.OnError = func(error) { errs.Add(1) }
	// New connections are refused for a while (as during a failover).
	if _, err := admin.Exec(`ALTER DATABASE ` + d.Name + ` ALLOW_CONNECTIONS false`); err != nil {
		t.Fatal(err)
	}
	receiver.SetMaxIdleConns(0)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); l.Run(ctx) }()
	defer func() { cancel(); <-done }()
	waitFor(t, 5*time.Second, "several failed tries", func() bool { return errs.Load() >= 3 })
	if listening.Load() != 0 {
		t.Fatal("listening while connections are refused")
	}
	if _, err := admin.Exec(`ALTER DATABASE ` + d.Name + ` ALLOW_CONNECTIONS true`); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 5*time.Second, "listening once connections are allowed", func() bool { return listening.Load() == 1 })
}
