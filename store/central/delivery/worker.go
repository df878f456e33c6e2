package delivery

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/store/central/storage"
)

// Messages is what the worker needs from the server about a job's
// message: the provider request that sends it, and what an attempt's
// outcome means for the message (its status, the provider's id, the
// consoles' events). The worker owns the outbox row; the server owns the
// message.
type Messages interface {
	// Request builds the provider request of job j. A *bsp.ProviderError
	// says the message cannot be sent at all (no phone number on record):
	// it is recorded as the attempt's error without calling the provider.
	// Any other error leaves the job as it is, to be tried again; the
	// server logs why.
	Request(ctx context.Context, j Job) (bsp.SendRequest, error)
	// Record writes the outcome o of an attempt at j with its message,
	// in q: the transaction that records it in the outbox, so the
	// message and its job never disagree. done, when not nil, runs once
	// that transaction has committed (to tell the consoles).
	Record(ctx context.Context, q storage.Querier, j Job, o Outcome) (done func(), err error)
}

// Verdict is what the worker made of one attempt.
type Verdict uint8

const (
	// Sent: the provider accepted the message; the job is done.
	Sent Verdict = iota
	// RetryLater: the attempt failed in a way worth repeating; the job
	// waits until Outcome.NextAt.
	RetryLater
	// FailedForGood: the provider refused the message, or retries ran
	// past WorkerConfig.GiveUpAfter; the job is failed.
	FailedForGood
)

// Outcome is one attempt's result as recorded in the outbox.
type Outcome struct {
	Verdict Verdict
	// Result is the provider's answer (Sent).
	Result bsp.SendResult
	// Err is why the attempt failed (RetryLater, FailedForGood).
	Err *bsp.ProviderError
	// NextAt is when the job is tried again (RetryLater).
	NextAt time.Time
}

// Backoff spaces a job's attempts: exponential from Base, capped at Max,
// with full jitter so a provider outage does not end in a thundering
// herd; a provider's Retry-After is a floor.
type Backoff struct {
	Base, Max time.Duration
}

// Delay is the wait before the attempt after the attempts-th one.
func (b Backoff) Delay(attempts int, retryAfter time.Duration) time.Duration {
	d := b.Base
	for i := 0; i < attempts && d < b.Max; i++ {
		d *= 2
	}
	d = min(d, b.Max)
	d = d/2 + rand.N(d/2+1)
	return max(d, retryAfter)
}

// Defaults of WorkerConfig's zero fields.
const (
	// DefaultConcurrency bounds parallel provider calls; sends to one
	// thread never run in parallel.
	DefaultConcurrency = 4
	// DefaultSendTimeout bounds one provider call.
	DefaultSendTimeout = 45 * time.Second
	// DefaultGiveUpAfter ends retries of a send queued this long ago.
	DefaultGiveUpAfter = 24 * time.Hour
)

// DefaultBackoff is the backoff of a WorkerConfig that sets none.
var DefaultBackoff = Backoff{Base: time.Second, Max: 5 * time.Minute}

// WorkerConfig is what a Worker sends with.
type WorkerConfig struct {
	// DB is the store's database, read for the due jobs.
	DB *sql.DB
	// Write runs fn in one of the server's write transactions; an
	// attempt's outcome is recorded in one.
	Write func(ctx context.Context, fn func(q storage.Querier) error) error
	// Leases, when several nodes share a PostgreSQL database, hands each
	// due job to one node; nil on SQLite, whose one process is the only
	// sender.
	Leases *Leases
	// Provider makes the sends; an IntentProvider, so a send in doubt
	// after a crash is not repeated.
	Provider bsp.Provider
	// Messages is the server's side of each send.
	Messages Messages
	// Now is the server's clock.
	Now func() time.Time
	// Log receives the worker's warnings and errors; never a message's
	// text or a phone number.
	Log *slog.Logger

	// Backoff spaces retries (DefaultBackoff when zero).
	Backoff Backoff
	// GiveUpAfter ends retries of a send queued this long ago
	// (DefaultGiveUpAfter when zero).
	GiveUpAfter time.Duration
	// Concurrency bounds parallel sends (DefaultConcurrency when zero).
	Concurrency int
	// SendTimeout bounds one provider call (DefaultSendTimeout when zero).
	SendTimeout time.Duration
}

// Worker delivers outbox jobs through the provider. Jobs are durable
// rows, so a restart resumes whatever was pending; the provider sees the
// same idempotency key on every attempt, and the in-doubt mark keeps a
// send that was under way at a crash from reaching the patient twice.
// A thread's sends go out one at a time, in order.
type Worker struct {
	cfg      WorkerConfig
	wake     chan struct{}
	ctx      context.Context
	cancel   context.CancelFunc
	done     chan struct{}
	mu       sync.Mutex
	inFlight map[string]bool // thread ids with a send under way
	sem      chan struct{}
	wg       sync.WaitGroup
}

// NewWorker is a worker that sends with cfg once started.
func NewWorker(cfg WorkerConfig) *Worker {
	if cfg.Backoff == (Backoff{}) {
		cfg.Backoff = DefaultBackoff
	}
	if cfg.GiveUpAfter <= 0 {
		cfg.GiveUpAfter = DefaultGiveUpAfter
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = DefaultConcurrency
	}
	if cfg.SendTimeout <= 0 {
		cfg.SendTimeout = DefaultSendTimeout
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Worker{cfg: cfg, wake: make(chan struct{}, 1), ctx: ctx, cancel: cancel, done: make(chan struct{}),
		inFlight: map[string]bool{}, sem: make(chan struct{}, cfg.Concurrency)}
}

// Start runs the worker until Stop.
func (w *Worker) Start() { go w.loop() }

// Kick wakes the worker after a new job, here or on another node.
func (w *Worker) Kick() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Stop ends the worker: sends under way are cut short (their jobs stay
// pending and resume at the next start, the in-doubt mark keeping any
// that reached the provider from going out twice; one the provider has
// already accepted is recorded as sent), and with several nodes
// the jobs this node took but did not send go back to the others.
func (w *Worker) Stop() {
	w.cancel()
	<-w.done
	w.wg.Wait()
	if w.cfg.Leases != nil {
		// Jobs taken but not sent go back to the other nodes now rather
		// than when their leases run out.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := w.cfg.Leases.ReleaseAll(ctx); err != nil {
			w.cfg.Log.Warn("outbox leases not released at stop; they run out by themselves", "err", err.Error())
		}
	}
}

// due lists the jobs to start now: on one node, every thread's oldest
// pending job that is due; with several nodes, those of them this node
// has just leased, as many as it has room to send.
func (w *Worker) due(now time.Time) ([]Job, error) {
	if w.cfg.Leases != nil {
		return w.cfg.Leases.Claim(w.ctx, now, cap(w.sem)-len(w.sem))
	}
	return Outbox{}.Due(w.ctx, w.cfg.DB, now)
}

// giveBack releases the lease of a job taken but not started.
func (w *Worker) giveBack(j Job) {
	if w.cfg.Leases == nil {
		return
	}
	if err := w.cfg.Leases.Release(context.WithoutCancel(w.ctx), j.ID); err != nil {
		w.cfg.Log.Warn("outbox lease not released; it runs out by itself", "job", j.ID, "err", err.Error())
	}
}

func (w *Worker) loop() {
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
func (w *Worker) dispatch() time.Duration {
	const idle = 30 * time.Second
	now := w.cfg.Now()
	jobs, err := w.due(now)
	if err != nil {
		if w.ctx.Err() == nil {
			w.cfg.Log.Error("outbox read failed", "err", err.Error())
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
		if cur, err := (Outbox{}).Get(w.ctx, w.cfg.DB, j.ID); err != nil || cur.State != "pending" || cur.NextAt.After(w.cfg.Now()) {
			w.mu.Lock()
			delete(w.inFlight, j.ThreadID)
			w.mu.Unlock()
			w.giveBack(j)
			continue
		}
		select {
		case w.sem <- struct{}{}:
		case <-w.ctx.Done():
			// This job's thread stays marked busy: the worker is stopping
			// and starts nothing more.
			for _, rest := range jobs[i:] {
				w.giveBack(rest)
			}
			return idle
		}
		w.wg.Add(1)
		go func(j Job) {
			defer w.wg.Done()
			defer func() { <-w.sem }()
			w.deliver(j)
			w.mu.Lock()
			delete(w.inFlight, j.ThreadID)
			w.mu.Unlock()
			w.Kick()
		}(j)
	}
	var next time.Time
	if w.cfg.Leases != nil {
		next, err = w.cfg.Leases.NextDue(w.ctx)
	} else {
		next, err = Outbox{}.NextDue(w.ctx, w.cfg.DB)
	}
	if err != nil || next.IsZero() {
		return idle
	}
	d := next.Sub(w.cfg.Now())
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

// deliver makes one attempt at j and records its outcome with the
// message. Nothing is recorded when the attempt was not made or its
// outcome is unknown: the message could not be read, the worker stopped
// before the provider answered, or this node's lease ran out (another
// node may have the job now).
func (w *Worker) deliver(j Job) {
	ctx := w.ctx
	if w.cfg.Leases != nil {
		ctx = WithLease(ctx, w.cfg.Leases)
	}
	var (
		res     bsp.SendResult
		sendErr error
	)
	req, err := w.cfg.Messages.Request(ctx, j)
	if pe, ok := bsp.AsProviderError(err); ok {
		sendErr = pe // the message cannot be sent at all
	} else if err != nil {
		return
	} else {
		sctx, cancel := context.WithTimeout(ctx, w.cfg.SendTimeout)
		res, sendErr = w.cfg.Provider.Send(sctx, req)
		cancel()
	}
	if ctx.Err() != nil && sendErr != nil {
		// Stopping, and the call was cut short: whether it reached the
		// provider is unknown, so the job stays pending, in doubt, and
		// resumes at start. An acceptance that came back as the stop began
		// is recorded below like any other: held in doubt, it would wait
		// for a status webhook and, if none came, go out a second time.
		return
	}
	if errors.Is(sendErr, ErrLeaseLost) {
		// Another node may have the job now; it records the outcome.
		w.cfg.Log.Warn("send not made: this node's lease on it ran out", "job", j.ID, "message", j.MessageID)
		return
	}
	o := w.judge(j, res, sendErr)
	var done func()
	rctx := context.WithoutCancel(ctx)
	err = w.cfg.Write(rctx, func(q storage.Querier) error {
		done = nil
		var err error
		switch o.Verdict {
		case Sent:
			err = Outbox{}.Done(rctx, q, j.ID)
		case RetryLater:
			err = Outbox{}.Retry(rctx, q, j.ID, o.NextAt, errorCode(o.Err))
		default:
			err = Outbox{}.Fail(rctx, q, j.ID, errorCode(o.Err))
		}
		if err != nil {
			return err
		}
		done, err = w.cfg.Messages.Record(rctx, q, j, o)
		return err
	})
	if err != nil {
		w.cfg.Log.Error("send result not recorded", "job", j.ID, "err", err.Error())
		return
	}
	if done != nil {
		done()
	}
}

// judge decides what an attempt at j that ended in res and sendErr comes
// to.
func (w *Worker) judge(j Job, res bsp.SendResult, sendErr error) Outcome {
	if sendErr == nil {
		return Outcome{Verdict: Sent, Result: res}
	}
	pe, ok := bsp.AsProviderError(sendErr)
	if !ok {
		// A network error or timeout: the request may or may not have
		// arrived; the idempotency key makes trying again safe.
		pe = &bsp.ProviderError{Class: bsp.ClassRetry, Title: "network error"}
	}
	now := w.cfg.Now()
	if pe.Retryable() && now.Sub(j.CreatedAt) < w.cfg.GiveUpAfter {
		w.cfg.Log.Warn("send will be retried", "job", j.ID, "message", j.MessageID, "class", string(pe.Class), "attempt", j.Attempts+1)
		return Outcome{Verdict: RetryLater, Err: pe, NextAt: now.Add(w.cfg.Backoff.Delay(j.Attempts, pe.RetryAfter))}
	}
	w.cfg.Log.Warn("send failed for good", "job", j.ID, "message", j.MessageID, "class", string(pe.Class), "code", pe.Code)
	return Outcome{Verdict: FailedForGood, Err: pe}
}

// errorCode is the outbox's last_error of a failed attempt: the error's
// class and the provider's code.
func errorCode(pe *bsp.ProviderError) string {
	return fmt.Sprintf("%s/%d", pe.Class, pe.Code)
}
