package central

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/store/api"
)

// Group commit. Every webhook must be durable before the provider hears
// 200, and with synchronous=FULL each SQLite commit costs an fsync behind
// the database's single writer: one transaction per webhook capped the
// endpoint near a thousand webhooks a second on two cores. Instead, the
// webhook handlers hand their parsed events to one committer goroutine,
// which takes whatever is waiting (up to maxIngestBatch, never waiting for
// more), applies each webhook inside its own SAVEPOINT of one transaction
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
// constraints and the audit log takes its own lock (sql_audit.go).

const (
	// maxIngestBatch bounds one group commit, so one transaction's write
	// lock and WAL growth stay small and the first webhook in a batch does
	// not wait long for the last.
	maxIngestBatch = 256
	// ingestQueueLen is how many webhooks may wait for the committer
	// before handlers block, which pushes back on the provider.
	ingestQueueLen = 2 * maxIngestBatch
	// maxCachedStatements bounds the committer's prepared statements; the
	// store issues a fixed set of statements, far fewer than this.
	maxCachedStatements = 128
)

// errIngestStopped answers webhooks that arrive while the server stops;
// the provider retries them against the next start.
var errIngestStopped = errors.New("central: webhook ingest is stopping")

// errWebhookPanic answers a webhook whose storing panicked.
var errWebhookPanic = errors.New("central: storing the webhook failed unexpectedly")

// ingestJob is one verified webhook waiting to be stored.
type ingestJob struct {
	// ctx is the request's: a job whose requester has gone is skipped
	// (nobody would hear the answer; the provider retries). It is never
	// used for SQL, since cancelling a statement interrupts the whole
	// shared transaction.
	ctx    context.Context
	events []bsp.Event
	masks  []*maskedInbound // maskEvents(events), computed by the handler
	// records are written to the server's audit chain in the same
	// savepoint as the events (a malformed, misrouted or partly unusable body).
	records []auditRecord
	done    chan ingestResult // buffered: the committer never blocks on it
}

// ingestResult is what the committer tells a waiting handler, after the
// commit that holds its webhook (or after the failure that dropped it).
type ingestResult struct {
	live  []api.Event
	stats ingestStats
	err   error
}

// groupCommitter owns every webhook write transaction.
type groupCommitter struct {
	s     *Server
	queue chan *ingestJob
	conn  *writerConn

	mu      sync.RWMutex // held for reading while sending to queue
	closing bool
	quit    chan struct{}
	done    chan struct{}

	// hooks is nil in production; tests use it to fail one webhook or a
	// whole batch and to observe commits.
	hooks atomic.Pointer[commitHooks]
}

// commitHooks lets tests step into a group commit. apply runs inside each
// webhook's savepoint after its events are written; an error rolls that
// webhook back. beforeCommit runs once per batch just before COMMIT; an
// error rolls the whole batch back.
type commitHooks struct {
	apply        func(j *ingestJob) error
	beforeCommit func(batch []*ingestJob) error
}

func newGroupCommitter(s *Server) *groupCommitter {
	return &groupCommitter{
		s: s, queue: make(chan *ingestJob, ingestQueueLen), conn: &writerConn{db: s.db},
		quit: make(chan struct{}), done: make(chan struct{}),
	}
}

func (g *groupCommitter) start() { go g.run() }

// stop refuses new webhooks, stores every webhook already handed over,
// answers their handlers, and waits for the committer to end. Call it
// after the HTTP server has stopped and before the database closes.
func (g *groupCommitter) stop() {
	g.mu.Lock()
	if g.closing {
		g.mu.Unlock()
		<-g.done
		return
	}
	g.closing = true
	close(g.quit)
	g.mu.Unlock()
	<-g.done
	g.conn.close()
}

// submit masks a webhook's messages (in the caller's goroutine, so many
// handlers do it at once), hands the webhook to the committer and waits
// until it is durable (nil error) or known not stored. It never returns
// success before the commit that holds the webhook.
func (g *groupCommitter) submit(ctx context.Context, events []bsp.Event, records []auditRecord) (ingestResult, error) {
	j := &ingestJob{ctx: ctx, events: events, masks: maskEvents(events), records: records, done: make(chan ingestResult, 1)}
	g.mu.RLock()
	if g.closing {
		g.mu.RUnlock()
		return ingestResult{}, errIngestStopped
	}
	select {
	case g.queue <- j:
	case <-ctx.Done():
		g.mu.RUnlock()
		return ingestResult{}, ctx.Err()
	}
	g.mu.RUnlock()
	select {
	case res := <-j.done:
		return res, res.err
	case <-ctx.Done():
		// The client has gone. The webhook may still commit; a retry
		// is then recognised as a duplicate.
		return ingestResult{}, ctx.Err()
	}
}

func (g *groupCommitter) run() {
	defer close(g.done)
	batch := make([]*ingestJob, 0, maxIngestBatch)
	for {
		select {
		case j := <-g.queue:
			g.commit(append(batch[:0], j))
		case <-g.quit:
			// No sender can add more once closing is set (submit holds
			// the read lock while sending): store what is left and end.
			for {
				select {
				case j := <-g.queue:
					g.commit(append(batch[:0], j))
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
func (g *groupCommitter) takeWaiting(batch []*ingestJob) []*ingestJob {
	for len(batch) < maxIngestBatch {
		select {
		case j := <-g.queue:
			batch = append(batch, j)
		default:
			return batch
		}
	}
	return batch
}

// commit stores a batch that starts with batch[0] in one transaction,
// taking in webhooks that arrive until it commits, and answers every one.
func (g *groupCommitter) commit(batch []*ingestJob) {
	results := make([]ingestResult, 0, maxIngestBatch)
	batch, results, err := g.apply(batch, results)
	if err != nil {
		for i := range results {
			if results[i].err == nil {
				results[i] = ingestResult{err: err}
			}
		}
		g.s.log.Error("webhook batch not stored", "webhooks", len(batch), "err", err.Error())
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
func (g *groupCommitter) apply(batch []*ingestJob, results []ingestResult) ([]*ingestJob, []ingestResult, error) {
	// Not any request's context: cancelling one statement would roll
	// back the other webhooks of the batch with it.
	ctx := context.Background()
	fail := func(err error) ([]*ingestJob, []ingestResult, error) {
		for len(results) < len(batch) {
			results = append(results, ingestResult{})
		}
		return batch, results, err
	}
	batch = g.takeWaiting(batch)
	q := g.conn
	g.s.store.gate.Enter(ctx) // Background: waits for its turn, never gives up
	defer g.s.store.gate.Leave()
	if err := q.begin(ctx); err != nil {
		return fail(err)
	}
	hooks := g.hooks.Load()
	if hooks == nil {
		hooks = &commitHooks{}
	}
	for i := 0; i < len(batch); i++ {
		j := batch[i]
		if err := j.ctx.Err(); err != nil {
			results = append(results, ingestResult{err: err})
		} else {
			if _, err := q.ExecContext(ctx, `SAVEPOINT webhook`); err != nil {
				q.rollback(ctx)
				return fail(err)
			}
			res := g.applyOne(ctx, q, j, hooks.apply)
			if res.err != nil {
				// If SQLite already rolled the whole transaction back (an
				// I/O error, a full disk), the savepoint is gone: the
				// batch fails as a whole rather than go on outside a
				// transaction.
				if _, err := q.ExecContext(ctx, `ROLLBACK TO webhook`); err != nil {
					q.rollback(ctx)
					return fail(fmt.Errorf("roll back one webhook: %w", err))
				}
			}
			if _, err := q.ExecContext(ctx, `RELEASE webhook`); err != nil {
				q.rollback(ctx)
				return fail(err)
			}
			results = append(results, res)
		}
		if i == len(batch)-1 {
			// Webhooks that arrived meanwhile share this commit's fsync
			// rather than wait for the next one.
			batch = g.takeWaiting(batch)
		}
	}
	if hooks.beforeCommit != nil {
		if err := hooks.beforeCommit(batch); err != nil {
			q.rollback(ctx)
			return fail(err)
		}
	}
	return batch, results, q.commit(ctx)
}

// applyOne writes one webhook's events and its audit record, if any.
func (g *groupCommitter) applyOne(ctx context.Context, q Querier, j *ingestJob, hook func(*ingestJob) error) (res ingestResult) {
	defer func() {
		// A handler's panic used to end only its own request; here it
		// would end the process and every webhook waiting with it. The
		// webhook's savepoint is rolled back and it alone gets 503. The
		// panic value is not logged: it could quote the message.
		if p := recover(); p != nil {
			g.s.log.Error("panic while storing a webhook", "type", fmt.Sprintf("%T", p), "stack", string(debug.Stack()))
			res = ingestResult{err: errWebhookPanic}
		}
	}()
	live, stats, err := g.s.ingestInto(ctx, q, j.events, j.masks)
	for i := 0; err == nil && i < len(j.records); i++ {
		err = g.s.auditServer(ctx, q, j.records[i])
	}
	if err == nil && hook != nil {
		err = hook(j)
	}
	if err != nil {
		return ingestResult{err: err}
	}
	return ingestResult{live: live, stats: stats}
}
