package signin

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestHashGateBoundsChecksPerAccountSourceAndServer(t *testing.T) {
	ctx := context.Background()
	g := &HashGate{slots: make(chan struct{}, 8), maxWaiting: 1, inFlight: map[string]int{}}
	var releases []func()
	admit := func(account, source string) error {
		rel, err := g.Enter(ctx, account, source)
		if err == nil {
			releases = append(releases, rel)
		}
		return err
	}
	for i := range maxChecksPerAccount {
		if err := admit("acct-1", "src-"+string(rune('a'+i))); err != nil {
			t.Fatalf("check %d for one account: %v", i+1, err)
		}
	}
	if err := admit("acct-1", "src-z"); !errors.Is(err, ErrTooManyAtOnce) {
		t.Errorf("one check too many for one account: %v", err)
	}
	for i := range maxChecksPerSource {
		if err := admit("acct-x"+string(rune('a'+i)), "src-shared"); err != nil {
			t.Fatalf("check %d from one address: %v", i+1, err)
		}
	}
	if err := admit("acct-y", "src-shared"); !errors.Is(err, ErrSourceBusy) {
		t.Errorf("one check too many from one address: %v", err)
	}
	for _, rel := range releases {
		rel()
	}
	if len(g.inFlight) != 0 || len(g.slots) != 0 {
		t.Fatalf("released gate still holds %v, %d slots", g.inFlight, len(g.slots))
	}

	// The whole server: one slot, one waiter; the next is refused at once.
	g = &HashGate{slots: make(chan struct{}, 1), maxWaiting: 1, inFlight: map[string]int{}}
	first, err := g.Enter(ctx, "a1", "s1")
	if err != nil {
		t.Fatal(err)
	}
	waited := make(chan error, 1)
	go func() {
		rel, err := g.Enter(ctx, "a2", "s2")
		if err == nil {
			rel()
		}
		waited <- err
	}()
	for g.waiting.Load() != 1 {
		time.Sleep(time.Millisecond)
	}
	if _, err := g.Enter(ctx, "a3", "s3"); !errors.Is(err, ErrServerBusy) {
		t.Errorf("past the queue bound: %v, want ErrServerBusy", err)
	}
	first()
	if err := <-waited; err != nil {
		t.Errorf("the queued check: %v", err)
	}
}
