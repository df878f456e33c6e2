package storage

import (
	"context"
	"math/rand/v2"
	"time"
)

// MaxTxAttempts bounds how often a transaction that lost a deadlock or a
// serialization conflict is run again. Conflicts between nodes clear in
// one or two tries; a transaction that keeps losing reports its error.
const MaxTxAttempts = 5

// RetryTransient runs fn, and runs it again while it fails with an error
// transient reports as worth retrying (PostgreSQL's deadlock_detected and
// serialization_failure: the database rolled the whole transaction back,
// so nothing of the failed try remains), up to MaxTxAttempts tries. It
// waits a short, random and growing pause between tries, so the two sides
// of a deadlock do not meet again, and stops as soon as ctx ends.
//
// fn must be safe to run again: it builds everything it reports from
// scratch on each try (a closure that appends to a slice from outside
// resets it first).
func RetryTransient(ctx context.Context, fn func() error, transient func(error) bool) error {
	for attempt := 1; ; attempt++ {
		err := fn()
		if err == nil || attempt >= MaxTxAttempts || !transient(err) || ctx.Err() != nil {
			return err
		}
		pause := time.Duration(rand.Int64N(int64(5*time.Millisecond) << attempt))
		select {
		case <-time.After(pause):
		case <-ctx.Done():
			return err
		}
	}
}
