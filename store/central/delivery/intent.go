package delivery

import (
	"context"
	"errors"
	"time"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/store/central/storage"
)

// DefaultInDoubtWait is how long a send that was under way when triaged
// stopped waits, after the next start, for the provider's status webhook
// before it is tried again (the server's Config.InDoubtWait).
const DefaultInDoubtWait = 2 * time.Minute

// InFlight marks, in outbox.last_error, a job whose provider call has
// started and whose result is not yet recorded.
const InFlight = "in_flight"

// IntentProvider records the intent to send before every provider call.
//
// A process that is killed after the provider accepted a message but
// before the outbox row was marked done cannot tell, on restart, whether
// the message went out, and neither Meta nor Twilio deduplicates a
// repeated send. Without the mark the job would simply be sent again: a
// patient would get the message twice. With it, the job is known to be in
// doubt and waits; the provider's status webhook, which echoes the send's
// idempotency key, settles it as sent (Outbox.SettleByMessage). Only if no
// status arrives within Wait is it sent again, because losing a message is
// worse than repeating one.
type IntentProvider struct {
	bsp.Provider
	// Now is the server's clock.
	Now func() time.Time
	// Wait is how long a send in doubt waits for the provider's status.
	Wait time.Duration
	// Write runs fn in one of the server's write transactions.
	Write func(ctx context.Context, fn func(q storage.Querier) error) error
}

// Send implements bsp.Provider. If the intent cannot be recorded nothing
// is sent and the worker retries later.
func (p IntentProvider) Send(ctx context.Context, req bsp.SendRequest) (bsp.SendResult, error) {
	now := p.Now()
	hold := now.Add(p.Wait)
	if l := leaseFrom(ctx); l != nil {
		// Several nodes: the mark is made only while this node's lease
		// holds, so a node that lost its lease cannot send beside the node
		// that took the job over.
		if err := l.MarkInFlight(ctx, req.IdempotencyKey, InFlight, now, hold); err != nil {
			if errors.Is(err, ErrLeaseLost) {
				return bsp.SendResult{}, err
			}
			return bsp.SendResult{}, &bsp.ProviderError{Class: bsp.ClassRetry, Title: "could not record the send before making it"}
		}
		return p.Provider.Send(ctx, req)
	}
	if err := p.Write(ctx, func(q storage.Querier) error {
		return Outbox{}.MarkInFlight(ctx, q, req.IdempotencyKey, InFlight, hold)
	}); err != nil {
		return bsp.SendResult{}, &bsp.ProviderError{Class: bsp.ClassRetry, Title: "could not record the send before making it"}
	}
	return p.Provider.Send(ctx, req)
}
