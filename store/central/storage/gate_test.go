package storage

import (
	"context"
	"errors"
	"testing"
	"time"
)

// A writer waiting for its turn gives up when its request ends, and the
// writer after the holder gets in once the holder leaves; the wait is
// reported for the metrics.
func TestWriteGateTakesTurns(t *testing.T) {
	g := NewWriteGate()
	var waits []time.Duration
	g.Waited = func(d time.Duration) { waits = append(waits, d) }
	if err := g.Enter(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := g.Enter(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("second writer while the first holds the turn: %v, want the request's deadline", err)
	}
	entered := make(chan error, 1)
	go func() { entered <- g.Enter(context.Background()) }()
	select {
	case err := <-entered:
		t.Fatalf("a writer got in while the turn was held (err %v)", err)
	case <-time.After(20 * time.Millisecond):
	}
	g.Leave()
	if err := <-entered; err != nil {
		t.Fatal(err)
	}
	g.Leave()
	if len(waits) != 2 {
		t.Fatalf("%d waits reported, want 2 (one per writer let in)", len(waits))
	}
}
