package central

import (
	"context"
	"time"
)

// writeGate makes this process's writers take turns before they ask SQLite
// for its write lock. SQLite's busy handler sleeps and polls, and is not
// fair: under contention one writer (the webhook committer, a login) can
// keep losing until it waits out busy_timeout and fails with a 503, while
// others keep winning. Waiters on a channel are served in order, so here
// every writer gets its turn, and SQLite's lock is contended only by other
// processes (the admin CLI, a purge), for which busy_timeout remains.
type writeGate struct {
	turn chan struct{}
	// waited, when set, is told how long each writer waited for its turn
	// (triaged_sqlite_write_gate_wait_seconds). Set before any writer runs.
	waited func(time.Duration)
}

func newWriteGate() *writeGate { return &writeGate{turn: make(chan struct{}, 1)} }

// enter waits for this writer's turn, or for ctx to end.
func (g *writeGate) enter(ctx context.Context) error {
	start := time.Now()
	select {
	case g.turn <- struct{}{}:
		if g.waited != nil {
			g.waited(time.Since(start))
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// leave ends the turn begun by enter.
func (g *writeGate) leave() { <-g.turn }
