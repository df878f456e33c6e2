package central

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central/auditlog"
	"github.com/clinicwa/triage/store/central/maintenance"
	"github.com/clinicwa/triage/store/seal"
)

const testPassphrase = "correct-horse-battery-staple-clinic"

func writePassphrase(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "passphrase")
	if err := os.WriteFile(p, []byte(testPassphrase+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func custodyFor(pass string) KeyCustody { return KeyCustody{PassphraseFile: pass, Keyring: noRing{}} }

// openStoreKeys opens the data folder's keys the way triaged does.
func openStoreKeys(t *testing.T, db *sql.DB, pass string) *seal.Keys {
	t.Helper()
	id, err := storeID(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	k, _, err := seal.OpenKeys(context.Background(), seal.Config{Service: seal.ServiceServer, StoreID: id,
		KeyStore: seal.SQLKeyStore(db, "keys"), PassphraseFile: pass, Keyring: noRing{}})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// bulkMessages adds n inbound messages to the thread in one transaction,
// so a rotation has many batches to walk.
func bulkMessages(t *testing.T, e *env, threadID string, n int) {
	t.Helper()
	err := e.srv.store.Tx(context.Background(), func(q Querier) error {
		for i := range n {
			m := &records.Message{ThreadID: threadID, Direction: "in", Type: "text", Body: fmt.Sprintf("message %d from Zebulon Quixote", i),
				Masked: fmt.Sprintf("message %d from [name]", i), ProviderID: fmt.Sprintf("wamid.bulk.%d", i), At: time.Now()}
			if _, err := e.srv.store.Messages.InsertInbound(context.Background(), q, m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func countWith(t *testing.T, db *sql.DB, id uint32) int64 {
	t.Helper()
	n, err := seal.CountSealedWith(context.Background(), db, id, SealedColumns()...)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func dataKeyIDs(t *testing.T, db *sql.DB) []uint32 {
	t.Helper()
	rows, err := db.Query(`SELECT DISTINCT key_id FROM keys WHERE purpose = 'data' ORDER BY key_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []uint32
	for rows.Next() {
		var id uint32
		rows.Scan(&id)
		ids = append(ids, id)
	}
	return ids
}

// TestRotateChild is the rotation run as its own process by
// TestRotateKeysResumesAfterKill, which kills it part-way.
func TestRotateChild(t *testing.T) {
	dir := os.Getenv("CENTRAL_ROTATE_CHILD_DIR")
	if dir == "" {
		t.Skip("run by TestRotateKeysResumesAfterKill")
	}
	_, err := RotateKeys(context.Background(), dir, custodyFor(os.Getenv("CENTRAL_ROTATE_CHILD_PASS")), maintenance.RotateOptions{BatchSize: 1})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRotateKeysResumesAfterKill(t *testing.T) {
	skipOnPostgres(t, "a rotation SIGKILLed in a child process resumes on the SQLite file it left")
	pass := writePassphrase(t)
	e := newEnv(t, withPassphraseKeys(pass))
	threadID := populate(t, e, e.srv.keys)
	bulkMessages(t, e, threadID, 1500)
	nurse := e.login("nurse") // the hand-off made the thread clinical
	before := e.thread(nurse, threadID)
	e.stop()

	// Run the rotation in a child process, one row per transaction, and
	// SIGKILL it once some values are under the new key.
	cmd := exec.Command(os.Args[0], "-test.run=^TestRotateChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "CENTRAL_ROTATE_CHILD_DIR="+e.dir, "CENTRAL_ROTATE_CHILD_PASS="+pass)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	watch, err := sql.Open("sqlite", DSN(filepath.Join(e.dir, DBFileName)))
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Close()
	deadline := time.Now().Add(60 * time.Second)
	for {
		var n int64
		watch.QueryRow(`SELECT count(*) FROM messages WHERE substr(body_sealed, 1, 5) = ?`, seal.KeyIDPrefix(2)).Scan(&n)
		if n >= 50 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the rotation made no progress")
		}
		time.Sleep(time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	// Killed part-way: both keys are held, values are under both.
	if got := dataKeyIDs(t, watch); !slices.Equal(got, []uint32{1, 2}) {
		t.Fatalf("after the kill the key table holds data keys %v, want [1 2]", got)
	}
	if old, cur := countWith(t, watch, 1), countWith(t, watch, 2); old == 0 || cur == 0 {
		t.Fatalf("after the kill %d values under key 1 and %d under key 2: the rotation was not interrupted part-way", old, cur)
	}
	mid := openStoreKeys(t, watch, pass)
	openAllSealed(t, watch, mid) // every value readable mid-rotation

	rep, err := RotateKeys(context.Background(), e.dir, custodyFor(pass), maintenance.RotateOptions{BatchSize: 200})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Resumed || rep.KeyID != 2 || !slices.Equal(rep.Retired, []uint32{1}) || rep.Total() == 0 {
		t.Fatalf("resumed rotation report = %+v", rep)
	}
	if got := dataKeyIDs(t, watch); !slices.Equal(got, []uint32{2}) {
		t.Fatalf("after the rotation the key table holds data keys %v, want only [2]", got)
	}
	if n := countWith(t, watch, 1); n != 0 {
		t.Fatalf("%d values still under the retired key", n)
	}
	keys := openStoreKeys(t, watch, pass)
	if !slices.Equal(keys.KeyIDs(), []uint32{2}) {
		t.Fatalf("store opens key ids %v, want [2]", keys.KeyIDs())
	}
	counts := openAllSealed(t, watch, keys)
	if counts["messages.body_sealed"] < 1500 {
		t.Fatalf("only %d message bodies after rotation", counts["messages.body_sealed"])
	}

	// The server's chain records the rotation, verifies, and carries ids
	// and counts only.
	chain, err := auditlog.Store{}.Chain(context.Background(), watch, ServerConsoleID)
	if err != nil {
		t.Fatal(err)
	}
	if err := audit.Verify(nil, chain); err != nil {
		t.Fatalf("server chain after rotation: %v", err)
	}
	var outcomes []string
	for _, a := range chain {
		if a.Action != "keys.rotate" {
			continue
		}
		outcomes = append(outcomes, a.Outcome)
		for k, v := range a.Detail {
			if len(v) > 40 {
				t.Errorf("keys.rotate detail %s=%q is longer than an id or a count", k, v)
			}
		}
	}
	if !slices.Equal(outcomes, []string{"started", "resumed", "ok"}) {
		t.Errorf("keys.rotate outcomes = %v, want [started resumed ok]", outcomes)
	}

	// A second run starts a fresh rotation and finishes it.
	rep, err = RotateKeys(context.Background(), e.dir, custodyFor(pass), maintenance.RotateOptions{})
	if err != nil || rep.Resumed || rep.KeyID != 3 || !slices.Equal(rep.Retired, []uint32{2}) {
		t.Fatalf("second rotation = %+v, %v", rep, err)
	}

	// The server starts on the rotated store and shows the same thread.
	e.start()
	nurse = e.login("nurse")
	after := e.thread(nurse, threadID)
	if len(after.Messages) != len(before.Messages) || after.Messages[0].Masked != before.Messages[0].Masked {
		t.Errorf("thread after rotation differs: %d messages, want %d", len(after.Messages), len(before.Messages))
	}
}

func TestRotateKeysRefusesWhileServing(t *testing.T) {
	pass := writePassphrase(t)
	e := newEnv(t, withPassphraseKeys(pass))
	lock, err := LockDataDir(e.dir) // what cmd/triaged holds while serving
	if err != nil {
		t.Fatal(err)
	}
	_, err = RotateKeys(context.Background(), e.dir, custodyFor(pass), maintenance.RotateOptions{})
	if !errors.Is(err, ErrDataLocked) {
		t.Fatalf("rotation beside a running server: %v, want ErrDataLocked", err)
	}
	lock.Release()
	if got := dataKeyIDs(t, e.srv.db); !slices.Equal(got, []uint32{1}) {
		t.Fatalf("refused rotation changed the keys: %v", got)
	}
}

func TestRotateKeysNeedsAnExistingStore(t *testing.T) {
	_, err := RotateKeys(context.Background(), t.TempDir(), custodyFor(writePassphrase(t)), maintenance.RotateOptions{})
	if err == nil {
		t.Fatal("rotation of an empty folder succeeded")
	}
}

func TestRewrapKeysChangesThePassphraseOnly(t *testing.T) {
	pass := writePassphrase(t)
	e := newEnv(t, withPassphraseKeys(pass))
	populate(t, e, e.srv.keys)
	e.stop()
	newPass := filepath.Join(t.TempDir(), "new")
	os.WriteFile(newPass, []byte("a-different-long-passphrase-2026"), 0o600)
	src, err := RewrapKeys(context.Background(), e.dir, custodyFor(pass), seal.KEKPassphrase, maintenance.RewrapOptions{PassphraseFile: newPass})
	if err != nil || src.Kind != seal.KEKPassphrase {
		t.Fatalf("rewrap = %+v, %v", src, err)
	}
	db := openTestDB(t, e.dir)
	id, _ := storeID(context.Background(), db)
	if _, _, err := seal.OpenKeys(context.Background(), seal.Config{Service: seal.ServiceServer, StoreID: id,
		KeyStore: seal.SQLKeyStore(db, "keys"), PassphraseFile: pass, Keyring: noRing{}}); !errors.Is(err, seal.ErrWrongPassphrase) {
		t.Fatalf("old passphrase after rewrap: %v, want ErrWrongPassphrase", err)
	}
	openAllSealed(t, db, openStoreKeys(t, db, newPass))
	chain, _ := auditlog.Store{}.Chain(context.Background(), db, ServerConsoleID)
	last := chain[len(chain)-1]
	if last.Action != "keys.rewrap" || last.Detail["to"] != "passphrase" {
		t.Errorf("last server audit entry = %s %v", last.Action, last.Detail)
	}
}

// On PostgreSQL the data folder's lock keeps out only the triaged of that
// folder: a node of another host serves from the same database. A
// rotation started from another folder must refuse while that node
// serves, change nothing, and run once the node has stopped.
func TestRotateKeysRefusesWhileAnotherNodeServes(t *testing.T) {
	if !onPostgres() {
		t.Skip("nodes share a store only on PostgreSQL (TRIAGE_CENTRAL_BACKEND=postgres)")
	}
	pass := writePassphrase(t)
	e := newEnv(t, withPassphraseKeys(pass))
	url, err := databaseURLFor(e.dir)
	if err != nil {
		t.Fatal(err)
	}
	elsewhere := custodyFor(pass)
	elsewhere.DatabaseURL = url
	otherHost := t.TempDir()
	_, err = RotateKeys(context.Background(), otherHost, elsewhere, maintenance.RotateOptions{})
	if !errors.Is(err, ErrNodesServing) {
		t.Fatalf("rotation beside a node serving from the database: %v, want ErrNodesServing", err)
	}
	if _, err := RewrapKeys(context.Background(), otherHost, elsewhere, seal.KEKPassphrase, maintenance.RewrapOptions{}); !errors.Is(err, ErrNodesServing) {
		t.Fatalf("rewrap beside a node serving from the database: %v, want ErrNodesServing", err)
	}
	if got := dataKeyIDs(t, e.srv.db); !slices.Equal(got, []uint32{1}) {
		t.Fatalf("refused rotation changed the keys: %v", got)
	}
	e.stop() // a node that stops gives its share back
	rep, err := RotateKeys(context.Background(), otherHost, elsewhere, maintenance.RotateOptions{})
	if err != nil || rep.KeyID != 2 {
		t.Fatalf("rotation once the node stopped = %+v, %v", rep, err)
	}
}

// A node must not start on keys a rotation is replacing: while key
// maintenance holds the database, a node's start is refused and names
// why; afterwards it starts on the new keys.
func TestNodeRefusesToStartDuringKeyMaintenance(t *testing.T) {
	if !onPostgres() {
		t.Skip("nodes share a store only on PostgreSQL (TRIAGE_CENTRAL_BACKEND=postgres)")
	}
	pass := writePassphrase(t)
	e := newEnv(t, withPassphraseKeys(pass))
	e.stop()
	url, err := databaseURLFor(e.dir)
	if err != nil {
		t.Fatal(err)
	}
	kc := custodyFor(pass)
	kc.DatabaseURL = url
	ks, err := openKeyStore(context.Background(), t.TempDir(), kc)
	if err != nil {
		t.Fatal(err)
	}
	if srv, err := New(context.Background(), e.cfg); err == nil {
		srv.Shutdown(context.Background())
		ks.close()
		t.Fatal("a node started while key maintenance held the database")
	} else if !strings.Contains(err.Error(), "key maintenance") {
		t.Errorf("refused start says %q; it should name the key maintenance", err)
	}
	if _, err := maintenance.RotateKeys(context.Background(), ks.KeyedStore, maintenance.RotateOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := ks.close(); err != nil {
		t.Fatal(err)
	}
	e.start()
	if got := e.srv.keys.CurrentKeyID(); got != 2 {
		t.Errorf("node started on data key %d, want the rotated key 2", got)
	}
}
