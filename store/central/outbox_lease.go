package central

import (
	"context"
	"errors"
	"time"
)

// DefaultOutboxLease is how long a node holds an outbox job it took
// before another node may take it (Config.OutboxLease). The lease needs
// to cover only the moment from taking the job to recording the intent to
// send it (outbox_intent.go): from then on the job's in-doubt hold keeps
// every node away until its result is recorded or the provider's status
// settles it. A minute is ample for a few reads, and short enough that a
// node that died holding jobs delays them only a little.
const DefaultOutboxLease = time.Minute

// errLeaseLost means this node's lease on a job ran out and another node
// may have taken it: the send is not made, and nothing is recorded.
var errLeaseLost = errors.New("central: the outbox job's lease ran out before its send began")

// leaseKey carries, in a send's context, that the job being sent is
// leased by this node.
type leaseKey struct{}

func withLease(ctx context.Context, l *outboxLeases) context.Context {
	return context.WithValue(ctx, leaseKey{}, l)
}

func leaseFrom(ctx context.Context) *outboxLeases {
	l, _ := ctx.Value(leaseKey{}).(*outboxLeases)
	return l
}
