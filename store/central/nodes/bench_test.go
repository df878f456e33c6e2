package nodes

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/internal/pgcluster"
)

// BenchmarkNoticeRoundTrip: one notice sent by a node until another
// node's listener has it: the delay a console on another node adds to a
// live event, before that node reads the thread's row.
func BenchmarkNoticeRoundTrip(b *testing.B) {
	d := pgcluster.NewDatabase(b)
	sender, err := pgcluster.Shared(b).Open(d.Name)
	if err != nil {
		b.Fatal(err)
	}
	defer sender.Close()
	got := make(chan string, 1)
	l := NewListener(d.DB, "bench_changes", func(p string) { got <- p })
	listening := make(chan struct{}, 1)
	l.OnListening = func() { listening <- struct{}{} }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); l.Run(ctx) }()
	defer func() { cancel(); <-done }()
	select {
	case <-listening:
	case <-time.After(5 * time.Second):
		b.Fatal("not listening")
	}
	b.ResetTimer()
	for i := range b.N {
		want := strconv.Itoa(i)
		if err := Notify(ctx, sender, "bench_changes", want); err != nil {
			b.Fatal(err)
		}
		if p := <-got; p != want {
			b.Fatalf("got %q, want %q", p, want)
		}
	}
}
