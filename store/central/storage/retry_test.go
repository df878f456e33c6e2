package storage

import (
	"context"
	"errors"
	"testing"
)

// TestTxRetryIsBounded: a transaction that keeps failing
// with a serialization failure is tried a bounded number of times, and
// not at all once its request's context has ended.
func TestTxRetryIsBounded(t *testing.T) {
	calls := 0
	err := RetryTransient(context.Background(), func() error {
		calls++
		return errTransientForTest
	}, func(err error) bool { return errors.Is(err, errTransientForTest) })
	if !errors.Is(err, errTransientForTest) || calls != MaxTxAttempts {
		t.Fatalf("err %v after %d calls; want the failure after %d attempts", err, calls, MaxTxAttempts)
	}
	ctx, cancel := context.WithCancel(context.Background())
	calls = 0
	err = RetryTransient(ctx, func() error {
		calls++
		cancel()
		return errTransientForTest
	}, func(err error) bool { return errors.Is(err, errTransientForTest) })
	if calls != 1 || !errors.Is(err, errTransientForTest) {
		t.Fatalf("err %v after %d calls; want the first failure and no retry once the request has gone", err, calls)
	}
	calls = 0
	other := errors.New("constraint")
	err = RetryTransient(context.Background(), func() error { calls++; return other },
		func(err error) bool { return errors.Is(err, errTransientForTest) })
	if calls != 1 || err != other {
		t.Fatalf("err %v after %d calls; want a lasting error returned at once", err, calls)
	}
}

var errTransientForTest = errors.New("could not serialize access")
