package delivery

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/store/central/storage"
	"github.com/clinicwa/triage/store/pgsql"
)

// testClock is the server's clock, moved by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// fakeProvider stands in for WhatsApp: it records every send it is asked
// to make and answers as answer says (accepted when answer is nil).
type fakeProvider struct {
	mu    sync.Mutex
	sends []string // idempotency keys, in the order the calls began
	// answer is the reply to the n-th send (from 0) with req's key.
	answer func(ctx context.Context, req bsp.SendRequest, n int) (bsp.SendResult, error)
}

func (p *fakeProvider) Name() string                           { return "fake" }
func (p *fakeProvider) MarkRead(context.Context, string) error { return nil }
func (p *fakeProvider) Send(ctx context.Context, req bsp.SendRequest) (bsp.SendResult, error) {
	p.mu.Lock()
	n := 0
	for _, k := range p.sends {
		if k == req.IdempotencyKey {
			n++
		}
	}
	p.sends = append(p.sends, req.IdempotencyKey)
	answer := p.answer
	p.mu.Unlock()
	if answer != nil {
		return answer(ctx, req, n)
	}
	return bsp.SendResult{ProviderID: "wamid." + req.IdempotencyKey, Status: bsp.StatusSent}, nil
}

func (p *fakeProvider) sent() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.sends)
}

// recorded is one outcome the worker recorded with its message.
type recorded struct {
	job     Job
	outcome Outcome
	// inTx is the job's outbox row as Record saw it in the transaction.
	inTx Job
}

// fakeMessages is the server's side of the sends: a fixed request per
// job, and a list of the outcomes whose transaction committed.
type fakeMessages struct {
	mu       sync.Mutex
	outcomes []recorded
	// request, when set, runs before each request is built; an error
	// from it is Request's.
	request func(ctx context.Context, j Job) error
}

func (m *fakeMessages) Request(ctx context.Context, j Job) (bsp.SendRequest, error) {
	if m.request != nil {
		if err := m.request(ctx, j); err != nil {
			return bsp.SendRequest{}, err
		}
	}
	return bsp.SendRequest{IdempotencyKey: j.IdempotencyKey, To: "+15550100", Kind: bsp.SendText, Text: "Your lab results are ready."}, nil
}

func (m *fakeMessages) Record(ctx context.Context, q storage.Querier, j Job, o Outcome) (func(), error) {
	inTx, err := Outbox{}.Get(ctx, q, j.ID)
	if err != nil {
		return nil, err
	}
	return func() {
		m.mu.Lock()
		m.outcomes = append(m.outcomes, recorded{job: j, outcome: o, inTx: inTx})
		m.mu.Unlock()
	}, nil
}

func (m *fakeMessages) recorded() []recorded {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.outcomes)
}

// waitFor polls cond until it holds, failing the test after 10 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// quiet gives a worker that was just kicked time to do anything it
// wrongly would.
func quiet(w *Worker) {
	w.Kick()
	time.Sleep(150 * time.Millisecond)
}

// sqliteWorker is a started worker on the SQLite store db, sending
// through p with the in-doubt mark as the server does; it is stopped when
// the test ends.
func sqliteWorker(t *testing.T, db *sql.DB, write func(context.Context, func(storage.Querier) error) error,
	clock *testClock, p bsp.Provider, m Messages, backoff Backoff) *Worker {
	t.Helper()
	w := NewWorker(WorkerConfig{
		DB: db, Write: write, Now: clock.Now, Messages: m, Backoff: backoff,
		Provider: IntentProvider{Provider: p, Now: clock.Now, Wait: DefaultInDoubtWait, Write: write},
	})
	w.Start()
	t.Cleanup(w.Stop)
	return w
}

func job(t *testing.T, db *sql.DB, id int64) Job {
	t.Helper()
	j, err := Outbox{}.Get(context.Background(), db, id)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// A message due now goes to the provider once, and its outcome is recorded
// with the message in the transaction that marks the job done; a message
// due later waits for its time.
func TestWorkerSendsADueMessageOnce(t *testing.T) {
	db, write := testStore(t, "thr_a", "thr_b")
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clock := &testClock{t: t0}
	now := queue(t, db, "thr_a", t0)
	later := queue(t, db, "thr_b", t0.Add(time.Hour))
	p, m := &fakeProvider{}, &fakeMessages{}
	w := sqliteWorker(t, db, write, clock, p, m, DefaultBackoff)

	waitFor(t, "the due send to be recorded", func() bool { return len(m.recorded()) == 1 })
	quiet(w)
	if got := p.sent(); fmt.Sprint(got) != fmt.Sprint([]string{now.IdempotencyKey}) {
		t.Fatalf("provider calls = %v, want one, for %s", got, now.IdempotencyKey)
	}
	r := m.recorded()[0]
	if r.job.ID != now.ID || r.outcome.Verdict != Sent || r.outcome.Result.ProviderID != "wamid."+now.IdempotencyKey {
		t.Errorf("recorded %+v, want %s sent with the provider's id", r, now.MessageID)
	}
	if r.inTx.State != "done" {
		t.Errorf("in the recording transaction the job was %q, want done: the message and its job must commit together", r.inTx.State)
	}
	if j := job(t, db, now.ID); j.State != "done" || j.Attempts != 1 || j.LastError != "" {
		t.Errorf("job after its send = %+v", j)
	}

	clock.Advance(time.Hour)
	w.Kick()
	waitFor(t, "the later send", func() bool { return len(m.recorded()) == 2 })
	quiet(w)
	if got := p.sent(); fmt.Sprint(got) != fmt.Sprint([]string{now.IdempotencyKey, later.IdempotencyKey}) {
		t.Errorf("provider calls = %v, want each send once", got)
	}
}

// The delay before a retry grows from Base up to Max with jitter, and a
// provider's Retry-After is never undercut.
func TestBackoffGrowsAndHonoursRetryAfter(t *testing.T) {
	b := Backoff{Base: time.Second, Max: 5 * time.Minute}
	for attempts := range 12 {
		ceil := min(time.Second<<attempts, 5*time.Minute)
		for range 50 {
			if d := b.Delay(attempts, 0); d < ceil/2 || d > ceil {
				t.Fatalf("delay after %d attempts = %v, want within [%v, %v]", attempts, d, ceil/2, ceil)
			}
		}
		if d := b.Delay(attempts, 10*time.Minute); d != 10*time.Minute {
			t.Errorf("delay after %d attempts with Retry-After 10m = %v, want 10m", attempts, d)
		}
	}
}

// A send the provider throttles with a Retry-After waits that long, says
// why on the outbox row, and then goes out; one refused for good, or
// retried past GiveUpAfter, fails.
func TestWorkerRetriesAfterTheProvidersRetryAfter(t *testing.T) {
	db, write := testStore(t, "thr_a")
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clock := &testClock{t: t0}
	j := queue(t, db, "thr_a", t0)
	p := &fakeProvider{answer: func(_ context.Context, req bsp.SendRequest, n int) (bsp.SendResult, error) {
		if n == 0 {
			return bsp.SendResult{}, &bsp.ProviderError{Class: bsp.ClassThrottled, Code: 130429, RetryAfter: 10 * time.Minute}
		}
		return bsp.SendResult{ProviderID: "wamid.2", Status: bsp.StatusQueued}, nil
	}}
	m := &fakeMessages{}
	// A backoff far shorter than the Retry-After: the provider's word wins.
	w := sqliteWorker(t, db, write, clock, p, m, Backoff{Base: time.Second, Max: time.Second})

	waitFor(t, "the throttled attempt to be recorded", func() bool { return len(m.recorded()) == 1 })
	r := m.recorded()[0]
	if r.outcome.Verdict != RetryLater || r.outcome.Err == nil || r.outcome.Err.Class != bsp.ClassThrottled || !r.outcome.NextAt.Equal(t0.Add(10*time.Minute)) {
		t.Fatalf("recorded %+v, want a retry at %v", r.outcome, t0.Add(10*time.Minute))
	}
	if got := job(t, db, j.ID); got.State != "pending" || got.Attempts != 1 || got.LastError != "throttled/130429" || !got.NextAt.Equal(t0.Add(10*time.Minute)) {
		t.Errorf("job after the throttled attempt = %+v", got)
	}

	clock.Advance(10*time.Minute - time.Second)
	quiet(w)
	if n := len(p.sent()); n != 1 {
		t.Fatalf("provider called %d times before the Retry-After ran out, want once", n)
	}
	clock.Advance(time.Second)
	w.Kick()
	waitFor(t, "the retried send", func() bool { return len(m.recorded()) == 2 })
	if r := m.recorded()[1]; r.outcome.Verdict != Sent {
		t.Errorf("second attempt recorded %+v, want sent", r.outcome)
	}
	if got := job(t, db, j.ID); got.State != "done" || got.Attempts != 2 {
		t.Errorf("job after the retry = %+v", got)
	}

	// A network error is retried; the same error a day after the message
	// was queued is not.
	old := queue(t, db, "thr_a", clock.Now())
	p.mu.Lock()
	p.answer = func(context.Context, bsp.SendRequest, int) (bsp.SendResult, error) {
		return bsp.SendResult{}, errors.New("connection reset by peer")
	}
	p.mu.Unlock()
	w.Kick()
	waitFor(t, "the network error's retry", func() bool { return len(m.recorded()) == 3 })
	if r := m.recorded()[2]; r.outcome.Verdict != RetryLater || r.outcome.Err.Class != bsp.ClassRetry {
		t.Errorf("network error recorded %+v, want a retry", r.outcome)
	}
	clock.Advance(DefaultGiveUpAfter)
	w.Kick()
	waitFor(t, "the give-up", func() bool { return len(m.recorded()) == 4 })
	if r := m.recorded()[3]; r.outcome.Verdict != FailedForGood {
		t.Errorf("retry a day after queueing recorded %+v, want failed for good", r.outcome)
	}
	if got := job(t, db, old.ID); got.State != "failed" || got.LastError != "retry/0" {
		t.Errorf("given-up job = %+v", got)
	}
}

// A thread's second message never reaches the patient before its first:
// not while the first is at the provider, and not while it backs off.
// Another thread's send does not wait for it.
func TestWorkerHoldsAThreadsSecondMessageForItsFirst(t *testing.T) {
	db, write := testStore(t, "thr_a", "thr_b")
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clock := &testClock{t: t0}
	a1 := queue(t, db, "thr_a", t0)
	a2 := queue(t, db, "thr_a", t0)
	release := make(chan struct{})
	p := &fakeProvider{answer: func(ctx context.Context, req bsp.SendRequest, n int) (bsp.SendResult, error) {
		if req.IdempotencyKey == a1.IdempotencyKey && n == 0 {
			<-release
			return bsp.SendResult{}, &bsp.ProviderError{Class: bsp.ClassRetry, HTTPStatus: 503, RetryAfter: time.Minute}
		}
		return bsp.SendResult{Status: bsp.StatusSent}, nil
	}}
	m := &fakeMessages{}
	w := sqliteWorker(t, db, write, clock, p, m, Backoff{Base: time.Second, Max: time.Second})

	waitFor(t, "a1 at the provider", func() bool { return len(p.sent()) == 1 })
	b1 := queue(t, db, "thr_b", t0)
	w.Kick()
	waitFor(t, "thread b's send while a1 is at the provider", func() bool { return len(m.recorded()) == 1 })
	quiet(w)
	if got := p.sent(); fmt.Sprint(got) != fmt.Sprint([]string{a1.IdempotencyKey, b1.IdempotencyKey}) {
		t.Fatalf("provider calls while a1 is at the provider = %v; a2 must wait", got)
	}

	close(release) // a1 fails for now and backs off a minute
	waitFor(t, "a1's retry to be recorded", func() bool { return len(m.recorded()) == 2 })
	quiet(w)
	if n := len(p.sent()); n != 2 {
		t.Fatalf("provider calls while a1 backs off = %v; a2 must wait", p.sent())
	}

	clock.Advance(time.Minute)
	w.Kick()
	waitFor(t, "a1 then a2", func() bool { return len(m.recorded()) == 4 })
	want := []string{a1.IdempotencyKey, b1.IdempotencyKey, a1.IdempotencyKey, a2.IdempotencyKey}
	if got := p.sent(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("provider calls = %v, want %v", got, want)
	}
}

// postgresWorker is a worker of node on the PostgreSQL database at url,
// through its own pool as a separate node has, with leases of ttl. The
// caller starts it.
func postgresWorker(t *testing.T, url, node string, ttl time.Duration, p bsp.Provider, m Messages) (*Worker, *sql.DB) {
	t.Helper()
	db, err := pgsql.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	write := func(ctx context.Context, fn func(storage.Querier) error) error {
		return storage.WithTx(ctx, db, func(tx *sql.Tx) error { return fn(tx) })
	}
	w := NewWorker(WorkerConfig{
		DB: db, Write: write, Now: time.Now, Messages: m, Leases: NewLeases(db, node, ttl),
		Provider: IntentProvider{Provider: p, Now: time.Now, Wait: DefaultInDoubtWait, Write: write},
	})
	return w, db
}

// Two nodes' workers on one database send every message, each exactly
// once, and each thread's in order.
func TestTwoWorkersNeverSendTheSameMessageTwice(t *testing.T) {
	const threads = 20
	t0 := time.Now().Add(-time.Minute)
	d := postgresOutbox(t, threads, t0)
	// One provider for both nodes: it sees every send the patients get.
	p := &fakeProvider{answer: func(ctx context.Context, req bsp.SendRequest, n int) (bsp.SendResult, error) {
		time.Sleep(time.Millisecond) // long enough for the nodes' claims to interleave
		return bsp.SendResult{Status: bsp.StatusSent}, nil
	}}
	ma, mb := &fakeMessages{}, &fakeMessages{}
	a, _ := postgresWorker(t, d.URL, "node_a", time.Minute, p, ma)
	b, _ := postgresWorker(t, d.URL, "node_b", time.Minute, p, mb)
	a.Start()
	b.Start()
	t.Cleanup(a.Stop)
	t.Cleanup(b.Stop)

	waitFor(t, "every send to be recorded", func() bool { return len(ma.recorded())+len(mb.recorded()) >= 2*threads })
	quiet(a)
	quiet(b)
	sent := p.sent()
	seen := map[string]bool{}
	for _, k := range sent {
		if seen[k] {
			t.Errorf("%s sent twice", k)
		}
		seen[k] = true
	}
	if len(seen) != 2*threads {
		t.Errorf("%d messages sent, want %d", len(seen), 2*threads)
	}
	// twoNodes' messages are numbered in order within each thread: msg_001
	// and msg_002 on the first thread, and so on.
	for i := 0; i < threads; i++ {
		first, second := fmt.Sprintf("key_msg_%03d", 2*i+1), fmt.Sprintf("key_msg_%03d", 2*i+2)
		if slices.Index(sent, second) < slices.Index(sent, first) {
			t.Errorf("%s sent before %s, the thread's first", second, first)
		}
	}
	if len(ma.recorded()) == 0 || len(mb.recorded()) == 0 {
		t.Logf("one node sent everything (a %d, b %d): the duplicate check saw no contention", len(ma.recorded()), len(mb.recorded()))
	}
	var pending int
	if err := d.DB.QueryRow(`SELECT count(*) FROM outbox WHERE state <> 'done'`).Scan(&pending); err != nil || pending != 0 {
		t.Errorf("%d jobs not done (%v)", pending, err)
	}
}

// A node that stops gives the jobs it took back at once, not when their
// leases run out: another node sends them. Nothing is recorded for the
// send cut short.
func TestStopGivesLeasesBack(t *testing.T) {
	t0 := time.Now().Add(-time.Minute)
	d := postgresOutbox(t, 1, t0)
	p := &fakeProvider{}
	reading := make(chan struct{}, 1)
	ma := &fakeMessages{request: func(ctx context.Context, j Job) error {
		// The node stops while it reads the first message, before any
		// provider call.
		reading <- struct{}{}
		<-ctx.Done()
		return ctx.Err()
	}}
	a, _ := postgresWorker(t, d.URL, "node_a", time.Hour, p, ma)
	a.Start()
	<-reading
	var owner string
	if err := d.DB.QueryRow(`SELECT lease_owner FROM outbox WHERE message_id = 'msg_001'`).Scan(&owner); err != nil || owner != "node_a" {
		t.Fatalf("the send being read is leased to %q (%v), want node_a", owner, err)
	}
	a.Stop()
	var held int
	if err := d.DB.QueryRow(`SELECT count(*) FROM outbox WHERE lease_owner <> '' OR lease_until <> 0`).Scan(&held); err != nil || held != 0 {
		t.Fatalf("%d leases held after the stop (%v), want none", held, err)
	}
	if len(ma.recorded()) != 0 || len(p.sent()) != 0 {
		t.Fatalf("the stopped node recorded %v and sent %v, want nothing", ma.recorded(), p.sent())
	}

	// The lease was an hour: only its release lets node b send now.
	mb := &fakeMessages{}
	b, _ := postgresWorker(t, d.URL, "node_b", time.Hour, p, mb)
	b.Start()
	t.Cleanup(b.Stop)
	waitFor(t, "node b to send the thread's messages", func() bool { return len(mb.recorded()) == 2 })
	if got := p.sent(); fmt.Sprint(got) != fmt.Sprint([]string{"key_msg_001", "key_msg_002"}) {
		t.Errorf("provider calls = %v, want the thread's two messages once each, in order", got)
	}
}

// A stop that lands while a provider call is under way: if the provider's
// answer was an acceptance, the send is recorded as made (held in doubt
// instead, a restart would wait for a status webhook and, if none came,
// send the patient the message a second time); if the call was cut short,
// nothing is known, and the job stays pending, held in doubt.
func TestStopDuringASendRecordsWhatTheProviderAnswered(t *testing.T) {
	for _, tc := range []struct {
		name      string
		accepted  bool
		wantState string
		wantMark  string
	}{
		{"the provider accepted the message", true, "done", ""},
		{"the call was cut short", false, "pending", InFlight},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, write := testStore(t, "thr_a")
			t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
			clock := &testClock{t: t0}
			j := queue(t, db, "thr_a", t0)
			calling := make(chan struct{}, 1)
			p := &fakeProvider{answer: func(ctx context.Context, req bsp.SendRequest, n int) (bsp.SendResult, error) {
				calling <- struct{}{}
				<-ctx.Done() // the stop begins while the call is under way
				if tc.accepted {
					// The answer was already on its way back.
					return bsp.SendResult{ProviderID: "wamid." + req.IdempotencyKey, Status: bsp.StatusSent}, nil
				}
				return bsp.SendResult{}, ctx.Err()
			}}
			m := &fakeMessages{}
			w := sqliteWorker(t, db, write, clock, p, m, DefaultBackoff)
			<-calling
			w.Stop()

			got := job(t, db, j.ID)
			if got.State != tc.wantState || got.LastError != tc.wantMark {
				t.Errorf("job after the stop = state %q, mark %q; want %q, %q", got.State, got.LastError, tc.wantState, tc.wantMark)
			}
			if rec := m.recorded(); tc.accepted != (len(rec) == 1 && rec[0].outcome.Verdict == Sent) {
				t.Errorf("recorded outcomes = %+v; accepted=%v", rec, tc.accepted)
			}
		})
	}
}
