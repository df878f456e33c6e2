package central

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/auditlog"
)

// TestAuditChainStaysOneChainAcrossNodes: two stores on one PostgreSQL
// database (two triaged nodes: each has its own write gate, so nothing in
// the process orders them) append to the server's audit chain at the same
// moment. Every append must succeed, each in its own place: one chain,
// every entry linked to the one before, log positions 1..n without a gap.
// Without the chain lock both nodes read the same head and the second
// insert collides with the first.
func TestAuditChainStaysOneChainAcrossNodes(t *testing.T) {
	if !onPostgres() {
		t.Skip("several nodes share a store only on PostgreSQL (TRIAGE_CENTRAL_BACKEND=postgres)")
	}
	ctx := context.Background()
	dir := t.TempDir()
	keys := testKeys(t)
	nodes := []*Store{newStore(openTestDB(t, dir), keys, true), newStore(openTestDB(t, dir), keys, true)}
	const perNode = 150
	var (
		wg    sync.WaitGroup
		start = make(chan struct{})
		errs  = make(chan error, 2*perNode)
	)
	for n, st := range nodes {
		for i := range perNode {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				errs <- st.Tx(ctx, func(q Querier) error {
					return appendServerAudit(ctx, q, time.Now(), auditRecord{UserID: "system", Action: "test.append",
						Object: fmt.Sprintf("node:%d:%d", n, i), Outcome: "ok"})
				})
			}()
		}
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("an append failed: %v", err)
		}
	}
	heads, entries, err := auditlog.VerifyChains(ctx, nodes[0].DB)
	if err != nil {
		t.Fatalf("the chain does not verify: %v", err)
	}
	if heads[ServerConsoleID] != 2*perNode || entries != 2*perNode {
		t.Fatalf("chain head %d, entries %d; want %d of each", heads[ServerConsoleID], entries, 2*perNode)
	}
	var lo, hi, distinct int64
	if err := nodes[0].DB.QueryRow(`SELECT MIN(gseq), MAX(gseq), COUNT(DISTINCT gseq) FROM audit`).Scan(&lo, &hi, &distinct); err != nil {
		t.Fatal(err)
	}
	if lo != 1 || hi != 2*perNode || distinct != 2*perNode {
		t.Fatalf("log positions %d..%d (%d distinct), want 1..%d", lo, hi, distinct, 2*perNode)
	}
}
