package delivery

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/store/central/migrations"
	"github.com/clinicwa/triage/store/central/storage"
	"github.com/clinicwa/triage/store/sqlite"
)

// testStore is a migrated central SQLite store with one patient thread
// per name in threads, and write running each fn in one transaction.
func testStore(t *testing.T, threads ...string) (db *sql.DB, write func(context.Context, func(storage.Querier) error) error) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "triaged.db"), 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := migrations.ApplySQLite(ctx, db); err != nil {
		t.Fatal(err)
	}
	for _, th := range threads {
		if _, err := db.Exec(`INSERT INTO patients (id, label, contact_bidx, created_at) VALUES (?, ?, ?, 1)`,
			"pat_"+th, "Patient "+th, []byte("bidx-"+th)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`INSERT INTO threads (id, patient_id, last_at, created_at) VALUES (?, ?, 1, 1)`, th, "pat_"+th); err != nil {
			t.Fatal(err)
		}
	}
	write = func(ctx context.Context, fn func(storage.Querier) error) error {
		return storage.WithTx(ctx, db, func(tx *sql.Tx) error { return fn(tx) })
	}
	return db, write
}

// seq numbers the test's messages, as the server's arrival order does.
var seq int

// queue stores an outbound message on thread and queues its send, due at
// at, as the server does: in one transaction with the message.
func queue(t *testing.T, db *sql.DB, thread string, at time.Time) Job {
	t.Helper()
	seq++
	id := fmt.Sprintf("msg_%d", seq)
	ctx := context.Background()
	err := storage.WithTx(ctx, db, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`INSERT INTO messages (id, seq, thread_id, direction, type, at) VALUES (?, ?, ?, 'out', 'text', ?)`,
			id, seq, thread, at.UnixNano()); err != nil {
			return err
		}
		return Outbox{}.Enqueue(ctx, tx, Job{MessageID: id, ThreadID: thread, IdempotencyKey: "key_" + id, NextAt: at, CreatedAt: at})
	})
	if err != nil {
		t.Fatal(err)
	}
	var j Job
	if err := db.QueryRow(`SELECT id FROM outbox WHERE message_id = ?`, id).Scan(&j.ID); err != nil {
		t.Fatal(err)
	}
	j, err = Outbox{}.Get(ctx, db, j.ID)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func messageIDs(js []Job) []string {
	var out []string
	for _, j := range js {
		out = append(out, j.MessageID)
	}
	return out
}

// A patient must receive a thread's messages in the order the clinic
// wrote them: only a thread's oldest pending send is ever due, and a send
// backing off holds the ones queued behind it (without making the worker
// think they are due now).
func TestEachThreadSendsInOrder(t *testing.T) {
	ctx := context.Background()
	db, _ := testStore(t, "thr_a", "thr_b")
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	a1 := queue(t, db, "thr_a", t0)
	a2 := queue(t, db, "thr_a", t0)
	b1 := queue(t, db, "thr_b", t0.Add(time.Minute))

	due := func(now time.Time) []string {
		t.Helper()
		js, err := Outbox{}.Due(ctx, db, now)
		if err != nil {
			t.Fatal(err)
		}
		return messageIDs(js)
	}
	if got := due(t0); fmt.Sprint(got) != fmt.Sprint([]string{a1.MessageID}) {
		t.Fatalf("due at t0 = %v, want only thread a's first send", got)
	}
	if got := due(t0.Add(time.Minute)); fmt.Sprint(got) != fmt.Sprint([]string{a1.MessageID, b1.MessageID}) {
		t.Fatalf("due a minute later = %v, want each thread's first send", got)
	}

	// a1 fails for now and backs off an hour: a2, due since t0, waits.
	retryAt := t0.Add(time.Hour)
	if err := (Outbox{}).Retry(ctx, db, a1.ID, retryAt, "retry/500"); err != nil {
		t.Fatal(err)
	}
	if got := due(t0.Add(2 * time.Minute)); fmt.Sprint(got) != fmt.Sprint([]string{b1.MessageID}) {
		t.Fatalf("due while a1 backs off = %v, want only thread b's", got)
	}
	if err := (Outbox{}).Done(ctx, db, b1.ID); err != nil {
		t.Fatal(err)
	}
	next, err := Outbox{}.NextDue(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if !next.Equal(retryAt) {
		t.Errorf("next due = %v, want a1's retry at %v (a2 behind it is not due)", next, retryAt)
	}
	got, err := Outbox{}.Get(ctx, db, a1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != "pending" || got.Attempts != 1 || got.LastError != "retry/500" {
		t.Errorf("a1 after a retry = %+v", got)
	}

	// a1 fails for good: a2 is now thread a's next send.
	if err := (Outbox{}).Fail(ctx, db, a1.ID, "undeliverable/131026"); err != nil {
		t.Fatal(err)
	}
	if got := due(t0.Add(2 * time.Minute)); fmt.Sprint(got) != fmt.Sprint([]string{a2.MessageID}) {
		t.Fatalf("due after a1 failed = %v, want a2", got)
	}
	if err := (Outbox{}).Done(ctx, db, a2.ID); err != nil {
		t.Fatal(err)
	}
	if next, err := (Outbox{}).NextDue(ctx, db); err != nil || !next.IsZero() {
		t.Errorf("next due with nothing pending = %v, %v; want zero", next, err)
	}
	if _, err := (Outbox{}).Get(ctx, db, 9999); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("Get of a missing job: %v, want storage.ErrNotFound", err)
	}
	if _, err := (Outbox{}).MessageIDByKey(ctx, db, "key_missing"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("MessageIDByKey of an unknown key: %v, want storage.ErrNotFound", err)
	}
}

// recordingProvider is a provider that reads the outbox row of each send
// at the moment it is called.
type recordingProvider struct {
	db   *sql.DB
	seen []Job
	err  error
}

func (p *recordingProvider) Name() string                           { return "recording" }
func (p *recordingProvider) MarkRead(context.Context, string) error { return nil }
func (p *recordingProvider) Send(ctx context.Context, req bsp.SendRequest) (bsp.SendResult, error) {
	var id int64
	if err := p.db.QueryRowContext(ctx, `SELECT id FROM outbox WHERE idempotency_key = ?`, req.IdempotencyKey).Scan(&id); err != nil {
		p.err = err
		return bsp.SendResult{}, err
	}
	j, err := Outbox{}.Get(ctx, p.db, id)
	p.err = err
	p.seen = append(p.seen, j)
	return bsp.SendResult{ProviderID: "wamid.1", Status: bsp.StatusSent}, nil
}

// A patient must not get a message twice because triaged stopped between
// the provider accepting it and the outbox recording that: the send is
// marked in flight before the provider is called, held at the next start,
// and settled by the provider's status. If the mark cannot be written,
// nothing is sent.
func TestIntentIsRecordedBeforeTheProviderCall(t *testing.T) {
	ctx := context.Background()
	db, write := testStore(t, "thr_a")
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	j := queue(t, db, "thr_a", t0)
	rec := &recordingProvider{db: db}
	wait := 2 * time.Minute
	p := IntentProvider{Provider: rec, Now: func() time.Time { return t0 }, Wait: wait, Write: write}

	if _, err := p.Send(ctx, bsp.SendRequest{IdempotencyKey: j.IdempotencyKey, To: "+15550100"}); err != nil {
		t.Fatal(err)
	}
	if rec.err != nil || len(rec.seen) != 1 {
		t.Fatalf("provider saw %d sends (%v)", len(rec.seen), rec.err)
	}
	if got := rec.seen[0]; got.LastError != InFlight || !got.NextAt.Equal(t0.Add(wait)) {
		t.Fatalf("at the provider call the job was %+v; want marked %q and held until %v", got, InFlight, t0.Add(wait))
	}

	// The process stops before recording the result; at the next start the
	// send in doubt is held again from then.
	restart := t0.Add(time.Hour)
	var n int64
	if err := write(ctx, func(q storage.Querier) (err error) {
		n, err = Outbox{}.HoldInFlight(ctx, q, InFlight, restart.Add(wait))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("held %d sends in doubt at restart, want 1", n)
	}
	if due, err := (Outbox{}).Due(ctx, db, restart); err != nil || len(due) != 0 {
		t.Errorf("due at restart = %v, %v; the send in doubt must wait", messageIDs(due), err)
	}

	// The provider's status names the send by its key: it is settled, and
	// never becomes due again.
	mid, err := Outbox{}.MessageIDByKey(ctx, db, j.IdempotencyKey)
	if err != nil || mid != j.MessageID {
		t.Fatalf("message by key = %q, %v; want %q", mid, err, j.MessageID)
	}
	var settled bool
	if err := write(ctx, func(q storage.Querier) (err error) {
		settled, err = Outbox{}.SettleByMessage(ctx, q, mid)
		return err
	}); err != nil || !settled {
		t.Fatalf("settled = %v, %v", settled, err)
	}
	if due, err := (Outbox{}).Due(ctx, db, restart.Add(24*time.Hour)); err != nil || len(due) != 0 {
		t.Errorf("due after the status = %v, %v; want none", messageIDs(due), err)
	}
	if got, _ := (Outbox{}).Get(ctx, db, j.ID); got.State != "done" {
		t.Errorf("settled job state = %q, want done", got.State)
	}

	// A store that cannot record the mark: the provider is not called and
	// the worker is told to retry.
	j2 := queue(t, db, "thr_a", t0)
	broken := IntentProvider{Provider: rec, Now: func() time.Time { return t0 }, Wait: wait,
		Write: func(context.Context, func(storage.Querier) error) error { return errors.New("disk full") }}
	_, err = broken.Send(ctx, bsp.SendRequest{IdempotencyKey: j2.IdempotencyKey, To: "+15550100"})
	pe, ok := bsp.AsProviderError(err)
	if !ok || !pe.Retryable() {
		t.Errorf("send without its mark: %v, want a retryable provider error", err)
	}
	if len(rec.seen) != 1 {
		t.Errorf("the provider was called %d times, want once: a send whose intent is not recorded must not be made", len(rec.seen))
	}
}
