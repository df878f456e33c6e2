package ingest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/store/central/storage"
	"github.com/clinicwa/triage/store/internal/pgcluster"
	"github.com/clinicwa/triage/store/pgsql"
	"github.com/clinicwa/triage/store/sqlite"
)

// The committer is tested against real databases with a Store that
// writes one row per inbound message into received, keyed by its
// provider id as the clinic's messages are: a message id met twice in one
// webhook fails that webhook on the unique constraint after its first row
// was written, so only its savepoint can undo it. A message whose id
// starts with "orphan" also writes a reply naming a webhook that does not
// exist; the foreign key is checked at COMMIT, so the whole batch's
// commit fails. A message "panic" panics while it is stored.
const schema = `
CREATE TABLE received (id TEXT PRIMARY KEY);
CREATE TABLE replies (
	id TEXT PRIMARY KEY,
	received_id TEXT NOT NULL REFERENCES received (id) DEFERRABLE INITIALLY DEFERRED
);`

// onEachBackend runs test on a fresh SQLite database and on a fresh
// PostgreSQL one (skipped where PostgreSQL is not installed, unless
// TRIAGE_REQUIRE_POSTGRES=1).
func onEachBackend(t *testing.T, test func(t *testing.T, db *sql.DB)) {
	t.Run("sqlite", func(t *testing.T) {
		db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), storage.DBFileName), 4)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		createSchema(t, db)
		test(t, db)
	})
	t.Run("postgres", func(t *testing.T) {
		// Through store/pgsql, as the server opens it: the statements are
		// written in SQLite's spelling and rewritten there.
		db, err := pgsql.Open(pgcluster.NewDatabase(t).URL)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		createSchema(t, db)
		test(t, db)
	})
}

func createSchema(t *testing.T, db *sql.DB) {
	t.Helper()
	for stmt := range strings.SplitSeq(schema, ";") {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
}

// rowStore is the test's Store; committed counts the webhooks whose
// Stored.Committed ran, and prepared is the last webhook handed to it.
type rowStore struct {
	committed atomic.Int64
	prepared  atomic.Pointer[Webhook]
}

func (s *rowStore) Prepare(w *Webhook) Pending {
	s.prepared.Store(w)
	return pendingRows{s, w}
}

type pendingRows struct {
	s *rowStore
	w *Webhook
}

func (p pendingRows) Apply(ctx context.Context, q storage.Querier) (Stored, error) {
	for _, ev := range p.w.Events {
		id := ev.Message.ProviderID
		if id == "panic" {
			panic("injected panic")
		}
		if _, err := q.ExecContext(ctx, `INSERT INTO received (id) VALUES (?)`, id); err != nil {
			return nil, err
		}
		if strings.HasPrefix(id, "orphan") {
			if _, err := q.ExecContext(ctx, `INSERT INTO replies (id, received_id) VALUES (?, ?)`, id, "no-such-webhook"); err != nil {
				return nil, err
			}
		}
	}
	return storedRows{p.s}, nil
}

type storedRows struct{ s *rowStore }

func (s storedRows) Committed()    { s.s.committed.Add(1) }
func (s storedRows) Acknowledged() {}

// webhook is a webhook of one inbound message per id.
func webhook(ids ...string) *Webhook {
	w := &Webhook{Route: "/webhooks/test"}
	for _, id := range ids {
		w.Events = append(w.Events, bsp.Event{Kind: bsp.EventMessage, Message: &bsp.InboundMessage{ProviderID: id, From: "447700900123"}})
	}
	return w
}

func newTestCommitter(t *testing.T, db *sql.DB) (*Committer, *rowStore) {
	t.Helper()
	store := &rowStore{}
	c := NewCommitter(CommitterConfig{DB: db, Gate: storage.NewWriteGate(), Store: store, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	c.Start()
	t.Cleanup(c.Stop)
	return c, store
}

// submitAsync submits w in the background; the channel gets the error.
func submitAsync(c *Committer, w *Webhook) <-chan error {
	out := make(chan error, 1)
	go func() {
		stored, err := c.Submit(context.Background(), w)
		if err == nil {
			stored.Committed()
		}
		out <- err
	}()
	return out
}

// commitGate holds the committer just before COMMIT, so a test can line
// webhooks up behind one batch and release them as the next. arrived
// gets each batch's size as it reaches its commit; open lets every batch
// through from then on.
type commitGate struct {
	arrived chan int
	release chan struct{}
	once    sync.Once
}

func holdCommits(t *testing.T, c *Committer) *commitGate {
	g := &commitGate{arrived: make(chan int, 64), release: make(chan struct{})}
	t.Cleanup(g.open)
	c.SetHooks(&Hooks{BeforeCommit: func(batch []*Webhook) error {
		g.arrived <- len(batch)
		<-g.release
		return nil
	}})
	return g
}

// nextBatch is the size of the next batch to reach its commit; a batch
// that never gets there fails the test rather than hang it.
func (g *commitGate) nextBatch(t *testing.T) int {
	t.Helper()
	select {
	case n := <-g.arrived:
		return n
	case <-time.After(10 * time.Second):
		t.Fatal("no batch reached its commit")
		return 0
	}
}

func (g *commitGate) open() { g.once.Do(func() { close(g.release) }) }

// lineUp submits first and waits until it holds the committer, then
// submits rest and waits until all of them are queued behind it.
func lineUp(t *testing.T, c *Committer, g *commitGate, first *Webhook, rest ...*Webhook) (<-chan error, []<-chan error) {
	t.Helper()
	head := submitAsync(c, first)
	select {
	case n := <-g.arrived:
		if n != 1 {
			t.Fatalf("first batch held %d webhooks, want 1", n)
		}
	case err := <-head:
		t.Fatalf("first webhook answered before its commit: %v", err)
	}
	var answers []<-chan error
	for _, w := range rest {
		answers = append(answers, submitAsync(c, w))
	}
	waitFor(t, fmt.Sprintf("%d queued webhooks", len(rest)), func() bool { return c.Queued() >= len(rest) })
	return head, answers
}

// answer is the error a submitted webhook was answered with; a webhook
// left unanswered fails the test rather than hang it.
func answer(t *testing.T, ch <-chan error) error {
	t.Helper()
	select {
	case err := <-ch:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("webhook never answered")
		return nil
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func stored(t *testing.T, db *sql.DB, id string) bool {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM received WHERE id = ?`, id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n == 1
}

// One webhook that fails inside a batch (on a unique constraint, after
// it had written a row, or by panicking) is rolled back to its savepoint
// alone: it gets an error, so its provider retries it, while every other
// webhook of the same transaction is committed and answered.
func TestOneFailingWebhookFailsAlone(t *testing.T) {
	onEachBackend(t, func(t *testing.T, db *sql.DB) {
		c, store := newTestCommitter(t, db)
		g := holdCommits(t, c)
		batch := []*Webhook{
			webhook("ok.1"),
			webhook("half", "half"), // its first row is written, its second refused
			webhook("ok.2", "ok.3"),
			webhook("panic"),
			webhook("ok.4"),
		}
		head, answers := lineUp(t, c, g, webhook("gate"), batch...)
		g.open()
		if err := answer(t, head); err != nil {
			t.Fatalf("gate webhook: %v", err)
		}
		if n := g.nextBatch(t); n != len(batch) {
			t.Fatalf("second batch held %d webhooks, want all %d in one transaction", n, len(batch))
		}
		for i, ch := range answers {
			err := answer(t, ch)
			id := batch[i].Events[0].Message.ProviderID
			switch id {
			case "half":
				if err == nil {
					t.Errorf("%s: stored, want the unique constraint's error", id)
				}
			case "panic":
				if !errors.Is(err, ErrPanic) {
					t.Errorf("%s: %v, want ErrPanic", id, err)
				}
			default:
				if err != nil {
					t.Errorf("%s: %v, want stored", id, err)
				}
			}
		}
		for _, id := range []string{"gate", "ok.1", "ok.2", "ok.3", "ok.4"} {
			if !stored(t, db, id) {
				t.Errorf("%s answered but not stored", id)
			}
		}
		if stored(t, db, "half") {
			t.Error("the failed webhook's first row outlived its savepoint")
		}
		if got := store.committed.Load(); got != 4 {
			t.Errorf("Committed ran for %d webhooks, want the 4 stored (the gate's and three of the batch)", got)
		}
		// The provider's retry, now whole, is stored.
		if err := answer(t, submitAsync(c, webhook("half"))); err != nil || !stored(t, db, "half") {
			t.Errorf("retry of the failed webhook: %v", err)
		}
	})
}

// When the commit itself fails (here a foreign key checked only at
// COMMIT), every webhook of the batch is answered with an error and none
// is stored; their retries then succeed.
func TestFailedCommitFailsEveryWebhook(t *testing.T) {
	onEachBackend(t, func(t *testing.T, db *sql.DB) {
		c, store := newTestCommitter(t, db)
		g := holdCommits(t, c)
		batch := []*Webhook{webhook("a"), webhook("orphan"), webhook("b", "c")}
		head, answers := lineUp(t, c, g, webhook("gate"), batch...)
		g.open()
		if err := answer(t, head); err != nil {
			t.Fatalf("gate webhook: %v", err)
		}
		for i, ch := range answers {
			if err := answer(t, ch); err == nil {
				t.Errorf("webhook %d answered as stored although its batch's commit failed", i)
			}
		}
		for _, id := range []string{"a", "b", "c", "orphan"} {
			if stored(t, db, id) {
				t.Errorf("%s stored although its batch's commit failed", id)
			}
		}
		if got := store.committed.Load(); got != 1 {
			t.Errorf("Committed ran for %d webhooks, want only the gate's", got)
		}
		// The committer goes on: the retries without the orphan commit.
		for _, w := range []*Webhook{webhook("a"), webhook("b", "c")} {
			if err := answer(t, submitAsync(c, w)); err != nil {
				t.Errorf("retry: %v", err)
			}
		}
		for _, id := range []string{"a", "b", "c"} {
			if !stored(t, db, id) {
				t.Errorf("retried %s not stored", id)
			}
		}
	})
}

// A webhook's Submit returns only once the transaction holding it has
// committed: until then its row is invisible to other connections.
func TestSubmitReturnsOnlyAfterCommit(t *testing.T) {
	onEachBackend(t, func(t *testing.T, db *sql.DB) {
		c, _ := newTestCommitter(t, db)
		g := holdCommits(t, c)
		held := submitAsync(c, webhook("held"))
		g.nextBatch(t)
		select {
		case err := <-held:
			t.Fatalf("answered (%v) before the commit", err)
		case <-time.After(200 * time.Millisecond):
		}
		if stored(t, db, "held") {
			t.Fatal("uncommitted row visible to another connection")
		}
		g.open()
		if err := answer(t, held); err != nil {
			t.Fatal(err)
		}
		if !stored(t, db, "held") {
			t.Fatal("answered but not stored")
		}
	})
}

// Stopping the committer stores and answers every webhook already handed
// over, and refuses later ones with ErrStopping so the provider retries
// them.
func TestStopStoresHandedOverAndRefusesNew(t *testing.T) {
	onEachBackend(t, func(t *testing.T, db *sql.DB) {
		c, _ := newTestCommitter(t, db)
		g := holdCommits(t, c)
		var queued []*Webhook
		for i := 1; i <= 4; i++ {
			queued = append(queued, webhook(fmt.Sprintf("s%d", i)))
		}
		first, answers := lineUp(t, c, g, webhook("s0"), queued...)
		stopped := make(chan struct{})
		go func() { c.Stop(); close(stopped) }()
		waitFor(t, "stop to begin", func() bool {
			c.mu.RLock()
			defer c.mu.RUnlock()
			return c.closing
		})
		if err := answer(t, submitAsync(c, webhook("late"))); !errors.Is(err, ErrStopping) {
			t.Errorf("submitted while stopping: %v, want ErrStopping", err)
		}
		g.open() // the queued webhooks then commit during the drain
		select {
		case <-stopped:
		case <-time.After(10 * time.Second):
			t.Fatal("Stop did not return")
		}
		if err := answer(t, first); err != nil {
			t.Fatalf("first: %v", err)
		}
		for i, ch := range answers {
			if err := answer(t, ch); err != nil {
				t.Errorf("queued webhook %d: %v, want stored during the drain", i+1, err)
			}
			if id := fmt.Sprintf("s%d", i+1); !stored(t, db, id) {
				t.Errorf("%s answered but not stored", id)
			}
		}
		if err := answer(t, submitAsync(c, webhook("later"))); !errors.Is(err, ErrStopping) {
			t.Errorf("after stop: %v, want ErrStopping", err)
		}
		if stored(t, db, "late") || stored(t, db, "later") {
			t.Error("a webhook refused at stop was stored")
		}
	})
}
