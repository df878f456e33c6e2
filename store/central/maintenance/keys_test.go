package maintenance

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central/auditlog"
	"github.com/clinicwa/triage/store/central/migrations"
	"github.com/clinicwa/triage/store/seal"
)

// noRing is a keyring that is never reachable, so the keys are wrapped by
// the passphrase and the machine's own keyring is never touched.
type noRing struct{}

var errNoRing = errors.New("no keyring in this test")

func (noRing) Get(string, string) (string, error) { return "", errNoRing }
func (noRing) Set(string, string, string) error   { return errNoRing }
func (noRing) Delete(string, string) error        { return errNoRing }

// notes is the sealed column of these tests: a table of their own beside
// the store's schema, so a rotation is seen without a serving triaged.
var notes = seal.Column{Table: "notes", Column: "body_sealed", Bind: "body", RowID: "id"}

const testStoreID = "store-maintenance-test"

func passphraseFile(t *testing.T, pass string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "passphrase")
	if err := os.WriteFile(p, []byte(pass+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// migratedStore is an SQLite file with the central schema (the keys and
// the audit chain) and n notes sealed under the store's first key.
func migratedStore(t *testing.T, pass string, n int) (*sql.DB, *seal.Keys) {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "triaged.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := migrations.ApplySQLite(ctx, db); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE notes (id TEXT PRIMARY KEY, body_sealed BLOB)`); err != nil {
		t.Fatal(err)
	}
	keys := openKeys(t, db, pass)
	for i := range n {
		id := fmt.Sprintf("note-%03d", i)
		v, err := keys.SealString("notes", "body", id, fmt.Sprintf("Zebulon Quixote, note %d", i))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`INSERT INTO notes (id, body_sealed) VALUES (?, ?)`, id, v); err != nil {
			t.Fatal(err)
		}
	}
	return db, keys
}

// openKeys opens the keys as a new process would: what it finds in the
// key table is all it knows.
func openKeys(t *testing.T, db *sql.DB, pass string) *seal.Keys {
	t.Helper()
	k, _, err := seal.OpenKeys(context.Background(), seal.Config{Service: seal.ServiceServer, StoreID: testStoreID,
		KeyStore: seal.SQLKeyStore(db, "keys"), PassphraseFile: pass, Keyring: noRing{}})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// readAll opens every note with keys, failing on any it cannot open.
func readAll(t *testing.T, db *sql.DB, keys *seal.Keys, n int) {
	t.Helper()
	rows, err := db.Query(`SELECT id, body_sealed FROM notes ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := 0
	for rows.Next() {
		var id string
		var v []byte
		if err := rows.Scan(&id, &v); err != nil {
			t.Fatal(err)
		}
		if _, err := keys.OpenString("notes", "body", id, v); err != nil {
			t.Fatalf("%s does not open: %v", id, err)
		}
		got++
	}
	if got != n {
		t.Fatalf("read %d notes, want %d", got, n)
	}
}

func rotateOutcomes(t *testing.T, db *sql.DB) []string {
	t.Helper()
	chain, err := auditlog.Store{}.Chain(context.Background(), db, auditlog.ServerChain)
	if err != nil {
		t.Fatal(err)
	}
	if err := audit.Verify(nil, chain); err != nil {
		t.Fatalf("server chain: %v", err)
	}
	var out []string
	for _, a := range chain {
		if a.Action == "keys.rotate" {
			out = append(out, a.Outcome)
			if a.UserID != "os:test" {
				t.Errorf("keys.rotate recorded as %q, want the operator os:test", a.UserID)
			}
		}
	}
	return out
}

// A rotation stopped after the new key was made (the process killed
// before any value was resealed) is finished by the next run, which
// reseals every value, retires the old key and records that it resumed.
// The run after that starts a fresh rotation.
func TestRotateKeysFinishesAnInterruptedRotation(t *testing.T) {
	ctx := context.Background()
	pass := passphraseFile(t, "correct-horse-battery-staple-clinic")
	db, keys := migratedStore(t, pass, 25)
	if _, err := keys.Rotate(ctx); err != nil {
		t.Fatal(err)
	}
	keys = openKeys(t, db, pass) // the next process
	if !slices.Equal(keys.PendingKeyIDs(), []uint32{1}) {
		t.Fatalf("pending keys after the interruption = %v, want [1]", keys.PendingKeyIDs())
	}
	opt := RotateOptions{BatchSize: 4, UserID: "os:test"}
	rep, err := RotateKeys(ctx, KeyedStore{DB: db, Keys: keys, Sealed: []seal.Column{notes}}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Resumed || rep.KeyID != 2 || rep.Resealed["notes.body_sealed"] != 25 || !slices.Equal(rep.Retired, []uint32{1}) {
		t.Fatalf("resumed rotation report = %+v", rep)
	}
	if n, err := seal.CountSealedWith(ctx, db, 1, notes); err != nil || n != 0 {
		t.Fatalf("%d values under the retired key (%v)", n, err)
	}
	keys = openKeys(t, db, pass)
	if !slices.Equal(keys.KeyIDs(), []uint32{2}) {
		t.Fatalf("store opens key ids %v, want [2]", keys.KeyIDs())
	}
	readAll(t, db, keys, 25)

	rep, err = RotateKeys(ctx, KeyedStore{DB: db, Keys: keys, Sealed: []seal.Column{notes}}, opt)
	if err != nil || rep.Resumed || rep.KeyID != 3 || !slices.Equal(rep.Retired, []uint32{2}) {
		t.Fatalf("fresh rotation = %+v, %v", rep, err)
	}
	readAll(t, db, openKeys(t, db, pass), 25)
	if got := rotateOutcomes(t, db); !slices.Equal(got, []string{"resumed", "ok", "started", "ok"}) {
		t.Errorf("keys.rotate outcomes = %v, want [resumed ok started ok]", got)
	}
}

// Without the list of sealed columns a rotation could only retire keys
// that values still use; it refuses before making a key.
func TestRotateKeysRefusesWithoutSealedColumns(t *testing.T) {
	pass := passphraseFile(t, "correct-horse-battery-staple-clinic")
	db, keys := migratedStore(t, pass, 3)
	if _, err := RotateKeys(context.Background(), KeyedStore{DB: db, Keys: keys}, RotateOptions{}); err == nil {
		t.Fatal("a rotation without sealed columns ran")
	}
	if got := openKeys(t, db, pass).KeyIDs(); !slices.Equal(got, []uint32{1}) {
		t.Fatalf("refused rotation left keys %v, want [1]", got)
	}
	readAll(t, db, keys, 3)
}

// A new passphrase replaces the old one without touching a value, and
// the change is in the server's chain.
func TestRewrapKeysChangesThePassphrase(t *testing.T) {
	ctx := context.Background()
	pass := passphraseFile(t, "correct-horse-battery-staple-clinic")
	db, keys := migratedStore(t, pass, 5)
	newPass := passphraseFile(t, "a-different-long-passphrase-2026")
	src, err := RewrapKeys(ctx, KeyedStore{DB: db, Keys: keys, Source: seal.Source{Kind: seal.KEKPassphrase}}, seal.KEKPassphrase,
		RewrapOptions{PassphraseFile: newPass, UserID: "os:test"})
	if err != nil || src.Kind != seal.KEKPassphrase {
		t.Fatalf("rewrap = %+v, %v", src, err)
	}
	if _, _, err := seal.OpenKeys(ctx, seal.Config{Service: seal.ServiceServer, StoreID: testStoreID,
		KeyStore: seal.SQLKeyStore(db, "keys"), PassphraseFile: pass, Keyring: noRing{}}); !errors.Is(err, seal.ErrWrongPassphrase) {
		t.Fatalf("old passphrase after rewrap: %v, want ErrWrongPassphrase", err)
	}
	readAll(t, db, openKeys(t, db, newPass), 5)
	chain, err := auditlog.Store{}.Chain(ctx, db, auditlog.ServerChain)
	if err != nil {
		t.Fatal(err)
	}
	last := chain[len(chain)-1]
	if last.Action != "keys.rewrap" || last.UserID != "os:test" || last.Detail["from"] != "passphrase" || last.Detail["to"] != "passphrase" {
		t.Errorf("last server audit entry = %s by %s %v", last.Action, last.UserID, last.Detail)
	}
}
