package bsp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"
)

func TestTransportErrorIsAlwaysRetried(t *testing.T) {
	timeout := &net.DNSError{Err: "i/o timeout", IsTimeout: true}
	cases := []struct {
		err   error
		title string
	}{
		{context.DeadlineExceeded, "provider timed out"},
		{fmt.Errorf("post: %w", timeout), "provider timed out"},
		{errors.New("connection refused"), "provider unreachable"},
		{context.Canceled, "provider unreachable"},
	}
	for _, tc := range cases {
		pe := TransportError(tc.err)
		if !pe.Retryable() || pe.Title != tc.title {
			t.Errorf("TransportError(%v) = %+v; want a retryable %q", tc.err, pe, tc.title)
		}
	}
}

func TestStatusRankNeverRegressesRead(t *testing.T) {
	if StatusDelivered.Rank() >= StatusRead.Rank() || StatusRead.Rank() >= StatusFailed.Rank() {
		t.Fatal("a late delivered could overwrite read, or read hide a failure")
	}
}
