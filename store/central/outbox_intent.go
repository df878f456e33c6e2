package central

import (
	"context"

	"github.com/clinicwa/triage/store/central/delivery"
)

// holdInDoubt runs at start, before the outbox worker: every job whose
// provider call was under way when the process stopped waits InDoubtWait
// from now, so the provider's redelivered status webhooks (held back
// while triaged was down) can settle it first (delivery.IntentProvider).
func (s *Server) holdInDoubt(ctx context.Context) error {
	var n int64
	err := s.store.Write(ctx, func(q Querier) (err error) {
		n, err = delivery.Outbox{}.HoldInFlight(ctx, q, delivery.InFlight, s.now().Add(s.cfg.InDoubtWait))
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
	settled, err := delivery.Outbox{}.SettleByMessage(ctx, q, messageID)
	if err != nil {
		return err
	}
	if settled {
		s.log.Info("send settled by the provider's status", "message", messageID)
	}
	return nil
}
