package central

import (
	"context"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/delivery"
	"github.com/clinicwa/triage/store/central/opsmetrics"
)

// newWorker is the outbox worker (delivery.Worker) of s: it sends the
// queued messages through the configured provider, with this node's
// leases when several nodes share the database.
func newWorker(s *Server) *delivery.Worker {
	var leases *delivery.Leases
	if s.nodes != nil {
		leases = delivery.NewLeases(s.db, s.nodes.id, s.cfg.OutboxLease)
	}
	w := delivery.NewWorker(delivery.WorkerConfig{
		DB: s.db, Write: s.store.Tx, Leases: leases,
		Provider: s.cfg.Provider, Messages: outboxMessages{s}, Now: s.now, Log: s.log,
		Backoff: delivery.Backoff{Base: s.cfg.RetryBase, Max: s.cfg.RetryMax}, GiveUpAfter: s.cfg.GiveUpAfter,
	})
	if s.nodes != nil {
		// A send queued on another node wakes this one at once.
		s.nodes.relay.OnQueuedSend(w.Kick)
	}
	return w
}

// outboxMessages is the server's side of each outbox send: the provider
// request built from the message, its thread and patient, and the
// attempt's outcome applied to the message, the consoles and the
// operational metrics.
type outboxMessages struct{ s *Server }

// Request implements delivery.Messages.
func (o outboxMessages) Request(ctx context.Context, j delivery.Job) (bsp.SendRequest, error) {
	s := o.s
	m, err := s.store.Messages.Get(ctx, s.db, j.MessageID)
	if err != nil {
		if ctx.Err() == nil {
			s.log.Error("outbox message unreadable", "job", j.ID, "err", err.Error())
		}
		return bsp.SendRequest{}, err
	}
	th, err := s.store.Threads.Get(ctx, s.db, j.ThreadID)
	if err != nil {
		return bsp.SendRequest{}, err
	}
	p, err := s.store.Patients.Get(ctx, s.db, th.PatientID)
	if err != nil {
		return bsp.SendRequest{}, err
	}
	if p.Phone == "" {
		return bsp.SendRequest{}, &bsp.ProviderError{Class: bsp.ClassUndeliverable, Title: "no phone number on record"}
	}
	req, err := s.providerRequest(ctx, m, j.IdempotencyKey, p.Phone)
	if err != nil && ctx.Err() == nil {
		s.log.Error("outbox message unreadable", "job", j.ID, "err", err.Error())
	}
	return req, err
}

// Record implements delivery.Messages: a sent message takes the
// provider's id and status, a retried one says on the thread why it is
// waiting (without moving its status), a failed one is marked failed
// with the provider's reason in plain words.
func (o outboxMessages) Record(ctx context.Context, q Querier, j delivery.Job, out delivery.Outcome) (func(), error) {
	s := o.s
	var (
		ev     *api.Event
		metric string
	)
	switch out.Verdict {
	case delivery.Sent:
		metric = opsmetrics.SendSent
		if out.Result.ProviderID != "" {
			if err := s.store.Messages.SetProviderID(ctx, q, j.MessageID, out.Result.ProviderID); err != nil {
				return nil, err
			}
		}
		st := out.Result.Status
		if st == "" || st == bsp.StatusQueued {
			st = bsp.StatusSent
		}
		changed, err := s.store.Messages.ApplyStatus(ctx, q, j.MessageID, st, "")
		if err != nil {
			return nil, err
		}
		if changed {
			ev = &api.Event{Type: api.EventMessageStatus, ThreadID: j.ThreadID, MessageID: j.MessageID, Status: string(st)}
		}
	case delivery.RetryLater:
		metric = opsmetrics.SendRetry
		if err := (records.Sends{}).NoteWaiting(ctx, q, j.MessageID, out.Err.PlainReason()); err != nil {
			return nil, err
		}
	default:
		metric = opsmetrics.SendFailed
		changed, err := s.store.Messages.ApplyStatus(ctx, q, j.MessageID, bsp.StatusFailed, out.Err.PlainReason())
		if err != nil {
			return nil, err
		}
		if changed {
			ev = &api.Event{Type: api.EventMessageStatus, ThreadID: j.ThreadID, MessageID: j.MessageID, Status: string(bsp.StatusFailed)}
		}
	}
	return func() {
		s.ops.SendResult(s.cfg.Provider.Name(), metric)
		if ev != nil {
			s.hub.Publish(*ev)
		}
	}, nil
}
