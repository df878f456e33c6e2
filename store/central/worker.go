package central

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/delivery"
	"github.com/clinicwa/triage/store/central/opsmetrics"
)

// maxConcurrentSends bounds parallel provider calls; sends to one thread
// never run in parallel.
const maxConcurrentSends = 4

// sendTimeout bounds one provider call.
const sendTimeout = 45 * time.Second

// worker delivers outbox jobs through the provider. Jobs are durable rows,
// so a restart resumes whatever was pending; the provider sees the same
// idempotency key on every attempt, so a send that went out just before a
// crash is not sent twice.
type worker struct {
	s        *Server
	wake     chan struct{}
	ctx      context.Context
	cancel   context.CancelFunc
	done     chan struct{}
	mu       sync.Mutex
	inFlight map[string]bool // thread ids with a send under way
	sem      chan struct{}
	wg       sync.WaitGroup
	// leases, when several nodes share a PostgreSQL database, hands each
	// due job to one node (delivery.Leases); nil on SQLite, whose one
	// process is the only sender.
	leases *delivery.Leases
}

func newWorker(s *Server) *worker {
	ctx, cancel := context.WithCancel(context.Background())
	w := &worker{s: s, wake: make(chan struct{}, 1), ctx: ctx, cancel: cancel, done: make(chan struct{}),
		inFlight: map[string]bool{}, sem: make(chan struct{}, maxConcurrentSends)}
	if s.nodes != nil {
		w.leases = delivery.NewLeases(s.db, s.nodes.id, s.cfg.OutboxLease)
		kick := w.kick
		s.nodes.relay.queued.Store(&kick)
	}
	return w
}

func (w *worker) start() { go w.loop() }

// kick wakes the worker after a new job or a finished send.
func (w *worker) kick() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

func (w *worker) stop() {
	w.cancel()
	<-w.done
	w.wg.Wait()
	if w.leases != nil {
		// Jobs taken but not sent go back to the other nodes now rather
		// than when their leases run out.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := w.leases.ReleaseAll(ctx); err != nil {
			w.s.log.Warn("outbox leases not released at stop; they run out by themselves", "err", err.Error())
		}
	}
}

// due lists the jobs to start now: on one node, every thread's oldest
// pending job that is due; with several nodes, those of them this node
// has just leased, as many as it has room to send.
func (w *worker) due(now time.Time) ([]delivery.Job, error) {
	if w.leases != nil {
		return w.leases.Claim(w.ctx, now, cap(w.sem)-len(w.sem))
	}
	return w.s.store.Outbox.Due(w.ctx, w.s.db, now)
}

// giveBack releases the lease of a job taken but not started.
func (w *worker) giveBack(j delivery.Job) {
	if w.leases == nil {
		return
	}
	if err := w.leases.Release(context.WithoutCancel(w.ctx), j.ID); err != nil {
		w.s.log.Warn("outbox lease not released; it runs out by itself", "job", j.ID, "err", err.Error())
	}
}

func (w *worker) loop() {
	defer close(w.done)
	for {
		wait := w.dispatch()
		t := time.NewTimer(wait)
		select {
		case <-w.ctx.Done():
			t.Stop()
			return
		case <-w.wake:
		case <-t.C:
		}
		t.Stop()
	}
}

// dispatch starts every due job whose thread is idle and returns how long
// to sleep before looking again.
func (w *worker) dispatch() time.Duration {
	const idle = 30 * time.Second
	now := w.s.now()
	jobs, err := w.due(now)
	if err != nil {
		if w.ctx.Err() == nil {
			w.s.log.Error("outbox read failed", "err", err.Error())
		}
		return 5 * time.Second
	}
	for i, j := range jobs {
		w.mu.Lock()
		busy := w.inFlight[j.ThreadID]
		if !busy {
			w.inFlight[j.ThreadID] = true
		}
		w.mu.Unlock()
		if busy {
			w.giveBack(j)
			continue
		}
		// The list was read before this thread's previous send finished;
		// re-read the job now that the thread is ours, or a job just
		// recorded as sent would be sent again.
		if cur, err := w.s.store.Outbox.Get(w.ctx, w.s.db, j.ID); err != nil || cur.State != "pending" || cur.NextAt.After(w.s.now()) {
			w.mu.Lock()
			delete(w.inFlight, j.ThreadID)
			w.mu.Unlock()
			w.giveBack(j)
			continue
		}
		select {
		case w.sem <- struct{}{}:
		case <-w.ctx.Done():
			for _, rest := range jobs[i:] {
				w.giveBack(rest)
			}
			return idle
		}
		w.wg.Add(1)
		go func(j delivery.Job) {
			defer w.wg.Done()
			defer func() { <-w.sem }()
			w.deliver(j)
			w.mu.Lock()
			delete(w.inFlight, j.ThreadID)
			w.mu.Unlock()
			w.kick()
		}(j)
	}
	var next time.Time
	if w.leases != nil {
		next, err = w.leases.NextDue(w.ctx)
	} else {
		next, err = w.s.store.Outbox.NextDue(w.ctx, w.s.db)
	}
	if err != nil || next.IsZero() {
		return idle
	}
	d := next.Sub(w.s.now())
	switch {
	case d < 10*time.Millisecond:
		// Due now but its thread is busy: the finishing send kicks us;
		// look again soon anyway, since a kick can land while this
		// pass's view of the outbox is already stale.
		return 100 * time.Millisecond
	case d > idle:
		return idle
	}
	return d
}

// backoff is the delay before attempt n+1: exponential from RetryBase,
// capped at RetryMax, with full jitter so a provider outage does not end
// in a thundering herd; a provider's Retry-After is a floor.
func (w *worker) backoff(attempts int, retryAfter time.Duration) time.Duration {
	base, ceil := w.s.cfg.RetryBase, w.s.cfg.RetryMax
	d := base
	for i := 0; i < attempts && d < ceil; i++ {
		d *= 2
	}
	d = min(d, ceil)
	d = d/2 + rand.N(d/2+1)
	return max(d, retryAfter)
}

func (w *worker) deliver(j delivery.Job) {
	s := w.s
	ctx := w.ctx
	if w.leases != nil {
		ctx = delivery.WithLease(ctx, w.leases)
	}
	m, err := s.store.Messages.Get(ctx, s.db, j.MessageID)
	if err != nil {
		if ctx.Err() == nil {
			s.log.Error("outbox message unreadable", "job", j.ID, "err", err.Error())
		}
		return
	}
	th, err := s.store.Threads.Get(ctx, s.db, j.ThreadID)
	if err != nil {
		return
	}
	p, err := s.store.Patients.Get(ctx, s.db, th.PatientID)
	if err != nil {
		return
	}
	var (
		res     bsp.SendResult
		sendErr error
	)
	if p.Phone == "" {
		sendErr = &bsp.ProviderError{Class: bsp.ClassUndeliverable, Title: "no phone number on record"}
	} else if req, err := s.providerRequest(ctx, m, j.IdempotencyKey, p.Phone); err != nil {
		if ctx.Err() == nil {
			s.log.Error("outbox message unreadable", "job", j.ID, "err", err.Error())
		}
		return
	} else {
		sctx, cancel := context.WithTimeout(ctx, sendTimeout)
		res, sendErr = s.cfg.Provider.Send(sctx, req)
		cancel()
	}
	if ctx.Err() != nil {
		return // shutting down: the job stays pending and resumes at start
	}
	if errors.Is(sendErr, delivery.ErrLeaseLost) {
		// Another node may have the job now; it records the outcome.
		s.log.Warn("send not made: this node's lease on it ran out", "job", j.ID, "message", m.ID)
		return
	}
	now := s.now()
	var ev *api.Event
	outcome := opsmetrics.SendSent
	rctx := context.WithoutCancel(ctx)
	err = s.store.Tx(rctx, func(q Querier) error {
		ev = nil
		if sendErr == nil {
			if err := s.store.Outbox.Done(rctx, q, j.ID); err != nil {
				return err
			}
			if res.ProviderID != "" {
				if err := s.store.Messages.SetProviderID(rctx, q, m.ID, res.ProviderID); err != nil {
					return err
				}
			}
			st := res.Status
			if st == "" || st == bsp.StatusQueued {
				st = bsp.StatusSent
			}
			changed, err := s.store.Messages.ApplyStatus(rctx, q, m.ID, st, "")
			if changed {
				ev = &api.Event{Type: api.EventMessageStatus, ThreadID: m.ThreadID, MessageID: m.ID, Status: string(st)}
			}
			return err
		}
		pe, ok := bsp.AsProviderError(sendErr)
		if !ok {
			// A network error or timeout: the request may or may not have
			// arrived; the idempotency key makes trying again safe.
			pe = &bsp.ProviderError{Class: bsp.ClassRetry, Title: "network error"}
		}
		code := fmt.Sprintf("%s/%d", pe.Class, pe.Code)
		if pe.Retryable() && now.Sub(j.CreatedAt) < s.cfg.GiveUpAfter {
			outcome = opsmetrics.SendRetry
			next := now.Add(w.backoff(j.Attempts, pe.RetryAfter))
			s.log.Warn("send will be retried", "job", j.ID, "message", m.ID, "class", string(pe.Class), "attempt", j.Attempts+1)
			if err := s.store.Outbox.Retry(rctx, q, j.ID, next, code); err != nil {
				return err
			}
			// Say on the thread why it is waiting, without moving the status.
			return sqlSends{}.noteWaiting(rctx, q, m.ID, pe.PlainReason())
		}
		outcome = opsmetrics.SendFailed
		s.log.Warn("send failed for good", "job", j.ID, "message", m.ID, "class", string(pe.Class), "code", pe.Code)
		if err := s.store.Outbox.Fail(rctx, q, j.ID, code); err != nil {
			return err
		}
		changed, err := s.store.Messages.ApplyStatus(rctx, q, m.ID, bsp.StatusFailed, pe.PlainReason())
		if changed {
			ev = &api.Event{Type: api.EventMessageStatus, ThreadID: m.ThreadID, MessageID: m.ID, Status: string(bsp.StatusFailed)}
		}
		return err
	})
	if err != nil {
		s.log.Error("send result not recorded", "job", j.ID, "err", err.Error())
		return
	}
	s.ops.SendResult(s.cfg.Provider.Name(), outcome)
	if ev != nil {
		s.hub.publish(*ev)
	}
}
