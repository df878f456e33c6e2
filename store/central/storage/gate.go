package storage

import (
	"context"
	"time"
)

// WriteGate makes this process's writers take turns before they ask
// SQLite for its write lock. SQLite's busy handler sleeps and polls, and
// is not fair: under contention one writer (the webhook committer, a
// login) can keep losing until it waits out busy_timeout and fails with a
// 503, while others keep winning. Waiters on a channel are served in
// order, so here every writer gets its turn, and SQLite's lock is
// contended only by other processes (the admin CLI, a purge), for which
// busy_timeout remains.
type WriteGate struct {
	turn chan struct{}
	// Waited, when set, is told how long each writer waited for its turn
	// (triaged_sqlite_write_gate_wait_seconds). Set before any writer runs.
	Waited func(time.Duration)
}

// NewWriteGate returns a gate with no writer inside.
func NewWriteGate() *WriteGate { return &WriteGate{turn: make(chan struct{}, 1)} }

// Enter waits for this writer's turn, or for ctx to end.
func (g *WriteGate) Enter(ctx context.Context) error {
	start := time.Now()
	select {
	case g.turn <- struct{}{}:
		if g.Waited != nil {
			g.Waited(time.Since(start))
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Leave ends the turn begun by Enter.
func (g *WriteGate) Leave() { <-g.turn }
