package central

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/maintenance"
	"github.com/clinicwa/triage/store/central/nodes"
)

// servingBackends lists the PostgreSQL sessions holding a share of the
// serving lock.
func servingBackends(t *testing.T, db *sql.DB) []int {
	t.Helper()
	rows, err := db.Query(`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND mode = 'ShareLock'
		AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
		AND classid = (($1::bigint >> 32) & 4294967295)::oid AND objid = ($1::bigint & 4294967295)::oid AND objsubid = 1`,
		nodes.LockKey(servingLock))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var pids []int
	for rows.Next() {
		var pid int
		if err := rows.Scan(&pid); err != nil {
			t.Fatal(err)
		}
		pids = append(pids, pid)
	}
	return pids
}

// cutServingConnection terminates the session through which the node
// shares the serving lock, as a PostgreSQL restart or a dropped network
// path would, and waits until the share is gone.
func cutServingConnection(t *testing.T, db *sql.DB) {
	t.Helper()
	pids := servingBackends(t, db)
	if len(pids) != 1 {
		t.Fatalf("serving shares before the cut: %v, want one", pids)
	}
	if _, err := db.Exec(`SELECT pg_terminate_backend($1)`, pids[0]); err != nil {
		t.Fatal(err)
	}
	// Wait for the terminated session's share to go, not for no share at
	// all: a node checking every 50 ms may take its share again on a new
	// session before this loop looks.
	deadline := time.Now().Add(10 * time.Second)
	for slices.Contains(servingBackends(t, db), pids[0]) {
		if time.Now().After(deadline) {
			t.Fatal("the terminated session still holds its share after 10 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// maintenanceCustody is the key custody `triaged key rotate` run on
// another host would use for e's database.
func maintenanceCustody(t *testing.T, e *env, pass string) KeyCustody {
	t.Helper()
	dbURL, err := databaseURLFor(e.dir)
	if err != nil {
		t.Fatal(err)
	}
	kc := custodyFor(pass)
	kc.DatabaseURL = dbURL
	return kc
}

// startServing starts a node on cfg and returns it with the channel that
// reports why it stopped.
func startServing(t *testing.T, cfg Config) (*Server, string, <-chan error) {
	t.Helper()
	srv, err := New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	addr, errc, err := srv.Start()
	if err != nil {
		srv.Shutdown(context.Background())
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Shutdown(context.Background()) })
	return srv, "http://" + addr, errc
}

// A node whose connection holding its serving share breaks must not go
// on sealing beside a key rotation. Before the watch, the share simply
// vanished and `triaged key rotate` ran while the node kept serving with
// keys the rotation was about to retire.
func TestNodeThatLostItsServingShareStopsBeforeARotation(t *testing.T) {
	if !onPostgres() {
		t.Skip("nodes share a store only on PostgreSQL (TRIAGE_CENTRAL_BACKEND=postgres)")
	}
	pass := writePassphrase(t)
	e := newEnv(t, withPassphraseKeys(pass), func(c *Config) { c.ServingCheck = time.Second })
	e.stop()
	srv, url, errc := startServing(t, e.cfg)
	kc := maintenanceCustody(t, e, pass)

	cutServingConnection(t, srv.db)
	// The rotation takes the lock in the gap, before the node's next check.
	rotated := make(chan error, 1)
	go func() {
		_, err := RotateKeys(context.Background(), t.TempDir(), kc, maintenance.RotateOptions{})
		rotated <- err
	}()

	var stopped error
	select {
	case stopped = <-errc:
	case err := <-rotated:
		t.Fatalf("the rotation ended (%v) while the node that lost its share was still serving", err)
	case <-time.After(30 * time.Second):
		t.Fatal("the node went on serving for 30 s after losing its share")
	}
	if stopped == nil || !strings.Contains(stopped.Error(), "key maintenance") {
		t.Fatalf("the node stopped with %v; it should say key maintenance began", stopped)
	}
	if resp, err := http.Get(url + "/healthz"); err == nil {
		resp.Body.Close()
		t.Fatalf("the stopped node still answers: %s", resp.Status)
	}
	if err := <-rotated; err != nil {
		t.Fatalf("rotation after the node stopped: %v", err)
	}
}

// A cut connection with no maintenance under way costs nothing: the node
// takes its share again within a check and keeps serving, and a rotation
// is refused as before.
func TestNodeTakesItsServingShareAgainAfterACutConnection(t *testing.T) {
	if !onPostgres() {
		t.Skip("nodes share a store only on PostgreSQL (TRIAGE_CENTRAL_BACKEND=postgres)")
	}
	pass := writePassphrase(t)
	e := newEnv(t, withPassphraseKeys(pass), func(c *Config) { c.ServingCheck = 50 * time.Millisecond })
	cutServingConnection(t, e.srv.db)
	deadline := time.Now().Add(10 * time.Second)
	for len(servingBackends(t, e.srv.db)) != 1 {
		if time.Now().After(deadline) {
			t.Fatal("the node did not take its serving share again within 10 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	kc := maintenanceCustody(t, e, pass)
	if _, err := RotateKeys(context.Background(), t.TempDir(), kc, maintenance.RotateOptions{}); !errors.Is(err, ErrNodesServing) {
		t.Fatalf("rotation beside the node that took its share again: %v, want ErrNodesServing", err)
	}
	resp, err := http.Get(e.url + "/healthz")
	if err != nil {
		t.Fatalf("the node stopped answering after taking its share again: %v", err)
	}
	resp.Body.Close()
}

// A node that finds, on taking its share again, that the data keys
// changed while it held none (a rotation ran start to end in the gap)
// stops instead of sealing with a retired key.
func TestNodeStopsWhenTheKeysChangedWhileItHeldNoShare(t *testing.T) {
	if !onPostgres() {
		t.Skip("nodes share a store only on PostgreSQL (TRIAGE_CENTRAL_BACKEND=postgres)")
	}
	pass := writePassphrase(t)
	e := newEnv(t, withPassphraseKeys(pass), func(c *Config) { c.ServingCheck = time.Hour })
	e.stop()
	srv, _, errc := startServing(t, e.cfg)
	cutServingConnection(t, srv.db)
	// A whole rotation, run directly so that the grace does not matter:
	// the node's watch is not due for an hour.
	kc := maintenanceCustody(t, e, pass)
	if _, err := RotateKeys(context.Background(), t.TempDir(), kc, maintenance.RotateOptions{}); err != nil {
		t.Fatalf("rotation while the node held no share: %v", err)
	}
	if srv.serving.Check(context.Background()) {
		t.Fatal("the node went on serving on keys the rotation retired")
	}
	select {
	case err := <-errc:
		if err == nil || !strings.Contains(err.Error(), "data keys changed") {
			t.Fatalf("the node stopped with %v; it should say the data keys changed", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the node did not stop")
	}
	if got := dataKeyIDs(t, srv.db); len(got) != 1 || got[0] != 2 {
		t.Fatalf("data keys after the rotation: %v", got)
	}
}
