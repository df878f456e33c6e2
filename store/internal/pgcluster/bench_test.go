package pgcluster

import (
	"context"
	"testing"
)

// What a test binary pays once: initdb, server start, first connection,
// and the fast shutdown and removal at the end.
func BenchmarkClusterStartStop(b *testing.B) {
	Shared(b) // skips where PostgreSQL is missing
	for b.Loop() {
		c, err := Start(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if err := c.Stop(); err != nil {
			b.Fatal(err)
		}
	}
}

// What each test pays: a fresh database copied from an empty template.
func BenchmarkNewDatabase(b *testing.B) {
	Shared(b)
	for b.Loop() {
		NewDatabase(b)
	}
}
