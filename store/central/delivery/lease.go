package delivery

import (
	"context"
	"errors"
	"time"
)

// DefaultLease is how long a node holds an outbox job it took
// before another node may take it (the server's Config.OutboxLease). The lease needs
// to cover only the moment from taking the job to recording the intent to
// send it (intent.go): from then on the job's in-doubt hold keeps
// every node away until its result is recorded or the provider's status
// settles it. A minute is ample for a few reads, and short enough that a
// node that died holding jobs delays them only a little.
const DefaultLease = time.Minute

// ErrLeaseLost means this node's lease on a job ran out and another node
// may have taken it: the send is not made, and nothing is recorded.
var ErrLeaseLost = errors.New("delivery: the outbox job's lease ran out before its send began")

// leaseKey carries, in a send's context, that the job being sent is
// leased by this node.
type leaseKey struct{}

// WithLease marks ctx as the send of a job leased through l: the intent
// mark is then made only while the lease holds (IntentProvider.Send).
func WithLease(ctx context.Context, l *Leases) context.Context {
	return context.WithValue(ctx, leaseKey{}, l)
}

func leaseFrom(ctx context.Context) *Leases {
	l, _ := ctx.Value(leaseKey{}).(*Leases)
	return l
}
