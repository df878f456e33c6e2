package central

import (
	"context"
	"errors"
	"time"

	"github.com/clinicwa/triage/bsp"
)

// DefaultInDoubtWait is how long a send that was under way when triaged
// stopped waits, after the next start, for the provider's status webhook
// before it is tried again (Config.InDoubtWait).
const DefaultInDoubtWait = 2 * time.Minute

// outboxInFlight marks, in outbox.last_error, a job whose provider call
// has started and whose result is not yet recorded.
const outboxInFlight = "in_flight"

// intentProvider records the intent to send before every provider call.
//
// A process that is killed after the provider accepted a message but
// before the outbox row was marked done cannot tell, on restart, whether
// the message went out, and neither Meta nor Twilio deduplicates a
// repeated send. Without the mark the job would simply be sent again: a
// patient would get the message twice. With it, the job is known to be in
// doubt and waits; the provider's status webhook, which echoes the send's
// idempotency key, settles it as sent (settleOutbox). Only if no status
// arrives within Config.InDoubtWait is it sent again, because losing a
// message is worse than repeating one.
type intentProvider struct {
	bsp.Provider
	s *Server
}

// Send implements bsp.Provider. If the intent cannot be recorded nothing
// is sent and the worker retries later.
func (p intentProvider) Send(ctx context.Context, req bsp.SendRequest) (bsp.SendResult, error) {
	s := p.s
	now := s.now()
	hold := now.Add(s.cfg.InDoubtWait)
	if l := leaseFrom(ctx); l != nil {
		// Several nodes: the mark is made only while this node's lease
		// holds, so a node that lost its lease cannot send beside the node
		// that took the job over.
		if err := l.markInFlight(ctx, req.IdempotencyKey, outboxInFlight, now, hold); err != nil {
			if errors.Is(err, errLeaseLost) {
				return bsp.SendResult{}, err
			}
			return bsp.SendResult{}, &bsp.ProviderError{Class: bsp.ClassRetry, Title: "could not record the send before making it"}
		}
		return p.Provider.Send(ctx, req)
	}
	if err := s.store.Write(ctx, func(q Querier) error {
		return sqlOutbox{}.markInFlight(ctx, q, req.IdempotencyKey, outboxInFlight, hold)
	}); err != nil {
		return bsp.SendResult{}, &bsp.ProviderError{Class: bsp.ClassRetry, Title: "could not record the send before making it"}
	}
	return p.Provider.Send(ctx, req)
}

// holdInDoubt runs at start, before the outbox worker: every job whose
// provider call was under way when the process stopped waits InDoubtWait
// from now, so the provider's redelivered status webhooks (held back
// while triaged was down) can settle it first.
func (s *Server) holdInDoubt(ctx context.Context) error {
	var n int64
	err := s.store.Write(ctx, func(q Querier) (err error) {
		n, err = sqlOutbox{}.holdInFlight(ctx, q, outboxInFlight, s.now().Add(s.cfg.InDoubtWait))
		return err
	})
	if err != nil {
		return err
	}
	if n > 0 {
		s.log.Warn("sends were under way when triaged stopped; waiting for the provider's status before retrying them",
			"jobs", n, "wait", s.cfg.InDoubtWait.String())
	}
	return nil
}

// settleOutbox marks a message's pending outbox job done when the
// provider reports any status for it: the provider has the message, so
// sending it again would reach the patient twice.
func (s *Server) settleOutbox(ctx context.Context, q Querier, messageID string) error {
	settled, err := sqlOutbox{}.settleByMessage(ctx, q, messageID)
	if err != nil {
		return err
	}
	if settled {
		s.log.Info("send settled by the provider's status", "message", messageID)
	}
	return nil
}
