package ingest

import (
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/storage"
	"github.com/clinicwa/triage/store/internal/pgcluster"
	"github.com/clinicwa/triage/store/pgsql"
)

// TestBatchGivesUpOnALockHeldElsewhere: on PostgreSQL another node's
// transaction holds what a webhook needs (here the same message id,
// written and not yet committed) and does not end. The webhook's batch
// gives up after LockWait and that webhook is answered with an error, so
// the provider sends it again, instead of this node's intake waiting as
// long as the other transaction does; webhooks after it are stored at
// once, and once the other transaction has ended the retry is stored.
func TestBatchGivesUpOnALockHeldElsewhere(t *testing.T) {
	db, err := pgsql.Open(pgcluster.NewDatabase(t).URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	createSchema(t, db)
	store := &rowStore{}
	c := NewCommitter(CommitterConfig{DB: db, Gate: storage.NewWriteGate(), Store: store,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), LockWait: 300 * time.Millisecond})
	c.Start()
	t.Cleanup(c.Stop)

	other, err := db.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Rollback()
	if _, err := other.Exec(`INSERT INTO received (id) VALUES ('wamid.held')`); err != nil {
		t.Fatal(err)
	}
	held := submitAsync(c, webhook("wamid.held"))
	select {
	case err := <-held:
		if err == nil {
			t.Fatal("a webhook whose row another transaction holds was acknowledged")
		}
		if !pgsql.IsLockTimeout(err) {
			t.Fatalf("answered with %v, want the lock wait's end (SQLSTATE 55P03)", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the batch is still waiting for the other transaction after 10 s; intake is held")
	}
	if err := answer(t, submitAsync(c, webhook("wamid.next"))); err != nil {
		t.Fatalf("a webhook after the held one: %v", err)
	}
	if err := other.Rollback(); err != nil {
		t.Fatal(err)
	}
	if err := answer(t, submitAsync(c, webhook("wamid.held"))); err != nil {
		t.Fatalf("the provider's retry after the other transaction ended: %v", err)
	}
	for _, id := range []string{"wamid.held", "wamid.next"} {
		if !stored(t, db, id) {
			t.Errorf("%s not stored", id)
		}
	}
}
