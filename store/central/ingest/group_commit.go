package ingest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/clinicwa/triage/store/central/storage"
)

// Group commit. Every webhook must be durable before the provider hears
// 200, and with synchronous=FULL each SQLite commit costs an fsync behind
// the database's single writer: one transaction per webhook capped the
// endpoint near a thousand webhooks a second on two cores. Instead, the
// webhook handlers hand their webhooks to one committer goroutine, which
// takes whatever is waiting (up to MaxBatch, never waiting for more),
// applies each webhook inside its own SAVEPOINT of one transaction
// (webhooks arriving meanwhile join it), commits once, and only then
// answers each handler. Durability is unchanged (every acknowledged
// webhook was in a committed, fsynced transaction); the fsyncs are shared.
//
// A webhook whose statements fail is rolled back to its savepoint alone
// and its handler answers 503, so the provider retries it while the rest
// of the batch commits. If the commit itself fails, every handler in the
// batch answers 503 and nothing of the batch is stored.
//
// On PostgreSQL the same committer runs (BEGIN instead of BEGIN
// IMMEDIATE): a batch still shares one commit's WAL flush, and a failed
// statement is undone by its savepoint as PostgreSQL requires. It orders
// this node's webhook writes only; other nodes commit concurrently, so
// nothing across nodes relies on it: duplicates are refused by unique
// constraints and the audit log takes its own lock (store/central/auditlog).

const (
	// MaxBatch bounds one group commit, so one transaction's write lock
	// and WAL growth stay small and the first webhook in a batch does not
	// wait long for the last.
	MaxBatch = 256
	// queueLen is how many webhooks may wait for the committer before
	// handlers block, which pushes back on the provider.
	queueLen = 2 * MaxBatch
)

// ErrStopping answers webhooks that arrive while the server stops; the
// provider retries them against the next start.
var ErrStopping = errors.New("ingest: webhook ingest is stopping")

// ErrPanic answers a webhook whose storing panicked.
var ErrPanic = errors.New("ingest: storing the webhook failed unexpectedly")

// job is one verified webhook waiting to be stored.
type job struct {
	// ctx is the request's: a job whose requester has gone is skipped
	// (nobody would hear the answer; the provider retries). It is never
	// used for SQL, since cancelling a statement interrupts the whole
	// shared transaction.
	ctx     context.Context
	webhook *Webhook
	pending Pending
	done    chan result // buffered: the committer never blocks on it
}

// result is what the committer tells a waiting handler, after the commit
// that holds its webhook (or after the failure that dropped it).
type result struct {
	stored Stored
	err    error
}

// CommitterConfig is what a Committer writes with.
type CommitterConfig struct {
	// DB is the store's database; the committer holds one connection of
	// its pool for its whole life.
	DB *sql.DB
	// Gate orders this process's writers; the committer enters it for
	// each batch, like every other writer.
	Gate *storage.WriteGate
	// Store writes each webhook's events.
	Store Store
	Log   *slog.Logger
	// LockWait bounds how long a batch waits on PostgreSQL for a lock
	// another transaction holds (DefaultLockWait when zero). Past it the
	// batch fails, its webhooks are answered 503 and the provider sends
	// them again, rather than hold this node's intake for as long as the
	// other transaction takes: a node whose transaction waits on another
	// node's, which waits in turn on this node, would otherwise stall both
	// with nothing PostgreSQL can see as a deadlock. SQLite's writers wait
	// at BEGIN under their busy timeout instead.
	LockWait time.Duration
}

// DefaultLockWait is how long a webhook batch waits for a lock held by
// another transaction before it gives up; a batch's own statements take
// milliseconds.
const DefaultLockWait = 5 * time.Second

// Committer owns every webhook write transaction of this process.
type Committer struct {
	cfg   CommitterConfig
	queue chan *job
	conn  *writerConn

	mu      sync.RWMutex // held for reading while sending to queue
	started bool
	closing bool
	quit    chan struct{}
	done    chan struct{}

	// hooks is nil in production; tests use it to fail one webhook or a
	// whole batch and to observe commits.
	hooks atomic.Pointer[Hooks]
}

// Hooks let a test step into a group commit; production never sets them.
type Hooks struct {
	// AfterApply runs inside each webhook's savepoint after the Store has
	// written it; an error rolls that webhook back.
	AfterApply func(w *Webhook) error
	// BeforeCommit runs once per batch just before COMMIT; an error rolls
	// the whole batch back.
	BeforeCommit func(batch []*Webhook) error
}

// NewCommitter returns a committer that stores nothing until Start.
func NewCommitter(cfg CommitterConfig) *Committer {
	lockWait := cfg.LockWait
	if lockWait <= 0 {
		lockWait = DefaultLockWait
	}
	return &Committer{
		cfg: cfg, queue: make(chan *job, queueLen), conn: &writerConn{db: cfg.DB, lockWait: lockWait},
		quit: make(chan struct{}), done: make(chan struct{}),
	}
}

// Start runs the committer until Stop.
func (c *Committer) Start() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.started || c.closing {
		return
	}
	c.started = true
	go c.run()
}

// Stop refuses new webhooks, stores every webhook already handed over,
// answers their handlers, and waits for the committer to end. Call it
// after the HTTP server has stopped and before the database closes.
func (c *Committer) Stop() {
	c.mu.Lock()
	if c.closing {
		c.mu.Unlock()
		if c.started {
			<-c.done
		}
		return
	}
	c.closing = true
	close(c.quit)
	started := c.started
	c.mu.Unlock()
	if !started {
		return
	}
	<-c.done
	c.conn.close()
}

// SetHooks puts h (nil for none) into every webhook applied and every
// commit from now on (currentHooks). Tests only.
func (c *Committer) SetHooks(h *Hooks) { c.hooks.Store(h) }

// currentHooks are the hooks as they are now. They are read at each
// webhook and at each commit, not once per batch: a batch stays open while
// webhooks arrive, and a webhook sent after SetHooks must meet the new
// hooks even when it joins a batch begun under the old ones.
func (c *Committer) currentHooks() *Hooks {
	if h := c.hooks.Load(); h != nil {
		return h
	}
	return &Hooks{}
}

// Queued is how many webhooks wait for the committer.
func (c *Committer) Queued() int { return len(c.queue) }

// Submit readies w with the Store (in the caller's goroutine, so many
// handlers do it at once), hands it to the committer and waits until it
// is durable (nil error) or known not stored. It never returns success
// before the commit that holds the webhook.
func (c *Committer) Submit(ctx context.Context, w *Webhook) (Stored, error) {
	j := &job{ctx: ctx, webhook: w, pending: c.cfg.Store.Prepare(w), done: make(chan result, 1)}
	c.mu.RLock()
	if c.closing {
		c.mu.RUnlock()
		return nil, ErrStopping
	}
	select {
	case c.queue <- j:
	case <-ctx.Done():
		c.mu.RUnlock()
		return nil, ctx.Err()
	}
	c.mu.RUnlock()
	select {
	case res := <-j.done:
		return res.stored, res.err
	case <-ctx.Done():
		// The client has gone. The webhook may still commit; a retry
		// is then recognised as a duplicate.
		return nil, ctx.Err()
	}
}

func (c *Committer) run() {
	defer close(c.done)
	batch := make([]*job, 0, MaxBatch)
	for {
		select {
		case j := <-c.queue:
			c.commit(append(batch[:0], j))
		case <-c.quit:
			// No sender can add more once closing is set (Submit holds
			// the read lock while sending): store what is left and end.
			for {
				select {
				case j := <-c.queue:
					c.commit(append(batch[:0], j))
				default:
					return
				}
			}
		}
	}
}

// takeWaiting adds to batch whatever is already queued, without waiting
// for more: under load the queue fills while the transaction runs, and
// when idle a lone webhook is committed at once.
func (c *Committer) takeWaiting(batch []*job) []*job {
	for len(batch) < MaxBatch {
		select {
		case j := <-c.queue:
			batch = append(batch, j)
		default:
			return batch
		}
	}
	return batch
}

// commit stores a batch that starts with batch[0] in one transaction,
// taking in webhooks that arrive until it commits, and answers every one.
func (c *Committer) commit(batch []*job) {
	results := make([]result, 0, MaxBatch)
	batch, results, err := c.apply(batch, results)
	if err != nil {
		for i := range results {
			if results[i].err == nil {
				results[i] = result{err: err}
			}
		}
		c.cfg.Log.Error("webhook batch not stored", "webhooks", len(batch), "err", err.Error())
	}
	for i, j := range batch {
		j.done <- results[i]
	}
	clear(batch) // drop references to bodies and events until the next batch
}

// apply runs one transaction over batch and whatever joins it on the way,
// and returns the batch with one result per webhook. A non-nil error means
// nothing of the batch was committed; otherwise the results say which
// webhooks were stored and which were rolled back to their savepoint.
func (c *Committer) apply(batch []*job, results []result) ([]*job, []result, error) {
	// Not any request's context: cancelling one statement would roll
	// back the other webhooks of the batch with it.
	ctx := context.Background()
	fail := func(err error) ([]*job, []result, error) {
		for len(results) < len(batch) {
			results = append(results, result{})
		}
		return batch, results, err
	}
	batch = c.takeWaiting(batch)
	q := c.conn
	c.cfg.Gate.Enter(ctx) // Background: waits for its turn, never gives up
	defer c.cfg.Gate.Leave()
	if err := q.begin(ctx); err != nil {
		return fail(err)
	}
	for i := 0; i < len(batch); i++ {
		j := batch[i]
		if err := j.ctx.Err(); err != nil {
			results = append(results, result{err: err})
		} else {
			if err := q.savepoint(ctx); err != nil {
				q.rollback(ctx)
				return fail(err)
			}
			res := c.applyOne(ctx, q, j, c.currentHooks().AfterApply)
			if res.err != nil {
				// If SQLite already rolled the whole transaction back (an
				// I/O error, a full disk), the savepoint is gone: the
				// batch fails as a whole rather than go on outside a
				// transaction.
				if err := q.rollbackToSavepoint(ctx); err != nil {
					q.rollback(ctx)
					return fail(fmt.Errorf("roll back one webhook: %w", err))
				}
			}
			if err := q.releaseSavepoint(ctx); err != nil {
				q.rollback(ctx)
				return fail(err)
			}
			results = append(results, res)
		}
		if i == len(batch)-1 {
			// Webhooks that arrived meanwhile share this commit's fsync
			// rather than wait for the next one.
			batch = c.takeWaiting(batch)
		}
	}
	if hooks := c.currentHooks(); hooks.BeforeCommit != nil {
		webhooks := make([]*Webhook, len(batch))
		for i, j := range batch {
			webhooks[i] = j.webhook
		}
		if err := hooks.BeforeCommit(webhooks); err != nil {
			q.rollback(ctx)
			return fail(err)
		}
	}
	return batch, results, q.commit(ctx)
}

// applyOne writes one webhook through its Store.
func (c *Committer) applyOne(ctx context.Context, q *writerConn, j *job, hook func(*Webhook) error) (res result) {
	defer func() {
		// A handler's panic used to end only its own request; here it
		// would end the process and every webhook waiting with it. The
		// webhook's savepoint is rolled back and it alone gets 503. The
		// panic value is not logged: it could quote the message.
		if p := recover(); p != nil {
			c.cfg.Log.Error("panic while storing a webhook", "type", fmt.Sprintf("%T", p), "stack", string(debug.Stack()))
			res = result{err: ErrPanic}
		}
	}()
	stored, err := j.pending.Apply(ctx, q)
	if err == nil && hook != nil {
		err = hook(j.webhook)
	}
	if err != nil {
		return result{err: err}
	}
	return result{stored: stored}
}
