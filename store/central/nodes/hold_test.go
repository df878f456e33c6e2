package nodes

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/internal/pgcluster"
)

// Serving nodes share a lock; work that needs every node stopped takes it
// exclusively. Either refuses at once, never waits, while the other side
// holds it, and a released or dropped holder frees it.
func TestShareAndExcludeKeepEachOtherOut(t *testing.T) {
	d := pgcluster.NewDatabase(t)
	ctx := context.Background()
	const job = "test-serving"
	a, b, maint := pool(t, d), pool(t, d), pool(t, d)

	leaveA, err := Share(ctx, a, job)
	if err != nil {
		t.Fatal(err)
	}
	leaveB, err := Share(ctx, b, job)
	if err != nil {
		t.Fatalf("a second node could not share the lock: %v", err)
	}
	if _, err := Exclude(ctx, maint, job); !errors.Is(err, ErrHeld) {
		t.Fatalf("Exclude beside two sharing nodes: %v, want ErrHeld", err)
	}
	leaveA()
	leaveA() // a second release is harmless
	if _, err := Exclude(ctx, maint, job); !errors.Is(err, ErrHeld) {
		t.Fatalf("Exclude beside one sharing node: %v, want ErrHeld", err)
	}
	leaveB()

	done, err := Exclude(ctx, maint, job)
	if err != nil {
		t.Fatalf("Exclude with no node sharing: %v", err)
	}
	if _, err := Share(ctx, a, job); !errors.Is(err, ErrHeld) {
		t.Fatalf("Share while excluded: %v, want ErrHeld", err)
	}
	if _, err := Exclude(ctx, b, job); !errors.Is(err, ErrHeld) {
		t.Fatalf("a second Exclude: %v, want ErrHeld", err)
	}
	done()
	if _, err := Share(ctx, a, job); err != nil {
		t.Fatalf("Share after the exclusive holder released: %v", err)
	}
	// A node that dies loses its share with its session.
	pid := leaderBackend(t, maint, job)
	if pid == 0 {
		t.Fatal("pg_locks shows no holder of the shared lock")
	}
	if _, err := maint.Exec(`SELECT pg_terminate_backend($1)`, pid); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 10*time.Second, "the closed pool's share to end", func() bool {
		release, err := Exclude(ctx, maint, job)
		if err != nil {
			return false
		}
		release()
		return true
	})
}
