package central

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/auditlog"
)

// TestDeadlockBetweenNodesIsRetried: two nodes on one PostgreSQL database
// take the same two locks in opposite orders, a row and the audit chain's
// lock, as a send and a batch of webhooks can. PostgreSQL breaks the
// deadlock by failing one transaction (SQLSTATE 40P01); the store runs that
// transaction again, so both requests succeed and each is recorded once.
func TestDeadlockBetweenNodesIsRetried(t *testing.T) {
	if !onPostgres() {
		t.Skip("transactions of several nodes meet only on PostgreSQL (TRIAGE_CENTRAL_BACKEND=postgres)")
	}
	ctx := context.Background()
	dir := t.TempDir()
	keys := testKeys(t)
	nodes := []*Store{newStore(openTestDB(t, dir), keys, true), newStore(openTestDB(t, dir), keys, true)}
	const key = "deadlock_probe"
	if _, err := nodes[0].DB.ExecContext(ctx, `INSERT INTO store_meta (key, value) VALUES (?, '0')`, key); err != nil {
		t.Fatal(err)
	}
	// Each node takes its first lock, then waits until the other holds
	// its own before asking for the second: the deadlock is certain on the
	// first attempt. A retried attempt does not wait.
	var (
		holding  sync.WaitGroup
		attempts [2]atomic.Int32
		wg       sync.WaitGroup
		errs     [2]error
		bumpRow  = func(q Querier, node int) error {
			_, err := q.ExecContext(ctx, `UPDATE store_meta SET value = ? WHERE key = ?`, strconv.Itoa(node), key)
			return err
		}
		audit = func(q Querier, node int) error {
			return appendServerAudit(ctx, q, time.Now(), auditRecord{UserID: "system", Action: "test.deadlock",
				Object: "node:" + string(rune('A'+node)), Outcome: "ok"})
		}
	)
	holding.Add(2)
	for n, st := range nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[n] = st.Tx(ctx, func(q Querier) error {
				first := attempts[n].Add(1) == 1
				steps := []func(Querier, int) error{bumpRow, audit}
				if n == 1 {
					steps[0], steps[1] = audit, bumpRow
				}
				err := steps[0](q, n)
				if first {
					holding.Done()
					if err == nil {
						waitOrFail(t, &holding)
					}
				}
				if err != nil {
					return err
				}
				return steps[1](q, n)
			})
		}()
	}
	wg.Wait()
	for n, err := range errs {
		if err != nil {
			t.Fatalf("node %d's transaction failed: %v", n, err)
		}
	}
	if a, b := attempts[0].Load(), attempts[1].Load(); a+b != 3 {
		t.Fatalf("attempts %d and %d: want one node to have run its transaction again after the deadlock", a, b)
	}
	heads, entries, err := auditlog.VerifyChains(ctx, nodes[0].DB)
	if err != nil {
		t.Fatalf("the chain does not verify: %v", err)
	}
	if entries != 2 || heads[ServerConsoleID] != 2 {
		t.Fatalf("audit entries %d (chain head %d); want each request recorded once", entries, heads[ServerConsoleID])
	}
}

// waitOrFail waits for wg, failing the test instead of hanging when the
// other side never arrives.
func waitOrFail(t *testing.T, wg *sync.WaitGroup) {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Error("the other node never took its first lock")
	}
}
