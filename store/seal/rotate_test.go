package seal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var sealedCols = []Column{
	{Table: "messages", Column: "body", RowID: "id"},
	{Table: "messages", Column: "sender", RowID: "id"},
}

// seedMessages writes n rows with two sealed columns (sender may be NULL).
func seedMessages(t *testing.T, db *sql.DB, k *Keys, n int) {
	t.Helper()
	if _, err := db.Exec(`CREATE TABLE messages (id INTEGER PRIMARY KEY, body BLOB, sender BLOB)`); err != nil {
		t.Fatal(err)
	}
	tx, _ := db.Begin()
	for i := 1; i <= n; i++ {
		id := strconv.Itoa(i)
		body, _ := k.SealString("messages", "body", id, fmt.Sprintf("message %d: my chest hurts", i))
		sender, _ := k.SealString("messages", "sender", id, map[bool]string{true: "", false: "+1555000" + id}[i%5 == 0])
		if _, err := tx.Exec(`INSERT INTO messages (id, body, sender) VALUES (?, ?, ?)`, i, body, sender); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// checkMessages opens every row and reports how many values each key id
// seals.
func checkMessages(t *testing.T, db *sql.DB, k *Keys, n int) map[uint32]int {
	t.Helper()
	rows, err := db.Query(`SELECT id, body, sender FROM messages ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	byKey := map[uint32]int{}
	seen := 0
	for rows.Next() {
		var id int
		var body, sender []byte
		if err := rows.Scan(&id, &body, &sender); err != nil {
			t.Fatal(err)
		}
		sid := strconv.Itoa(id)
		got, err := k.OpenString("messages", "body", sid, body)
		if err != nil || got != fmt.Sprintf("message %d: my chest hurts", id) {
			t.Fatalf("row %d body: %q, %v", id, got, err)
		}
		wantSender := "+1555000" + sid
		if id%5 == 0 {
			wantSender = ""
		}
		if got, err := k.OpenString("messages", "sender", sid, sender); err != nil || got != wantSender {
			t.Fatalf("row %d sender: %q, %v", id, got, err)
		}
		for _, env := range [][]byte{body, sender} {
			if env != nil {
				kid, _ := KeyID(env)
				byKey[kid]++
			}
		}
		seen++
	}
	if seen != n {
		t.Fatalf("%d rows, want %d", seen, n)
	}
	return byKey
}

func TestRotateKeepsOldValuesReadable(t *testing.T) {
	f := newFixture(t)
	k, _ := mustOpen(t, f.cfg(t))
	old, _ := k.Seal("t", "c", "1", []byte("before"))
	id, err := k.Rotate(context.Background())
	if err != nil || id != 2 || k.CurrentKeyID() != 2 {
		t.Fatalf("Rotate = %d, %v", id, err)
	}
	if !slices.Equal(k.PendingKeyIDs(), []uint32{1}) {
		t.Fatalf("pending = %v", k.PendingKeyIDs())
	}
	if _, err := k.Open("t", "c", "1", old); err != nil {
		t.Fatal(err)
	}
	fresh, _ := k.Seal("t", "c", "1", []byte("after"))
	if kid, _ := KeyID(fresh); kid != 2 {
		t.Fatalf("new value under key %d", kid)
	}
	re, changed, err := k.Reseal("t", "c", "1", old)
	if err != nil || !changed {
		t.Fatalf("Reseal = %v, %v", changed, err)
	}
	if kid, _ := KeyID(re); kid != 2 {
		t.Fatalf("resealed under %d", kid)
	}
	if same, changed, _ := k.Reseal("t", "c", "1", re); changed || &same[0] != &re[0] {
		t.Fatal("Reseal rewrote a value already under the current key")
	}
	if _, _, err := k.Reseal("t", "c", "2", old); !errors.Is(err, ErrTampered) {
		t.Fatalf("Reseal of a moved value = %v, want ErrTampered", err)
	}
}

// TestInterruptedRotationResumes rotates, reseals half the rows, drops
// every handle (the process dies), reopens from the key table and finishes.
// Every record stays readable at every step.
func TestInterruptedRotationResumes(t *testing.T) {
	const n = 300
	ctx := context.Background()
	f := newFixture(t)
	cfg := f.cfg(t)
	cfg.PassphraseFile = f.pass // a recovery wrapping must follow the rotation too
	k, _ := mustOpen(t, cfg)
	db := openDB(t, f.dbPath)
	seedMessages(t, db, k, n)
	if _, err := k.Rotate(ctx); err != nil {
		t.Fatal(err)
	}

	// Reseal the first half of the rows, committing, then stop.
	rows, _ := db.Query(`SELECT id, body, sender FROM messages WHERE id <= ?`, n/2)
	type upd struct {
		id           int
		body, sender []byte
	}
	var ups []upd
	for rows.Next() {
		var u upd
		rows.Scan(&u.id, &u.body, &u.sender)
		sid := strconv.Itoa(u.id)
		u.body, _, _ = k.Reseal("messages", "body", sid, u.body)
		u.sender, _, _ = k.Reseal("messages", "sender", sid, u.sender)
		ups = append(ups, u)
	}
	rows.Close()
	for _, u := range ups {
		if _, err := db.Exec(`UPDATE messages SET body = ?, sender = ? WHERE id = ?`, u.body, u.sender, u.id); err != nil {
			t.Fatal(err)
		}
	}
	byKey := checkMessages(t, db, k, n)
	if byKey[1] == 0 || byKey[2] == 0 {
		t.Fatalf("half-way state %v", byKey)
	}

	// The process dies: drop the keys and the database handle.
	k = nil
	db.Close()
	if err := cfg.KeyStore.(*sqlKeyStore).db.Close(); err != nil {
		t.Fatal(err)
	}

	cfg2 := f.cfg(t)
	cfg2.PassphraseFile = f.pass
	k2, _ := mustOpen(t, cfg2)
	db2 := openDB(t, f.dbPath)
	if k2.CurrentKeyID() != 2 || !slices.Equal(k2.PendingKeyIDs(), []uint32{1}) {
		t.Fatalf("after reopen: current %d pending %v", k2.CurrentKeyID(), k2.PendingKeyIDs())
	}
	checkMessages(t, db2, k2, n)

	counter := func(ctx context.Context, id uint32) (int64, error) {
		return CountSealedWith(ctx, db2, id, sealedCols...)
	}
	if err := k2.RetireKey(ctx, 1, counter); !errors.Is(err, ErrKeyInUse) {
		t.Fatalf("RetireKey with values left = %v", err)
	}
	if err := k2.RetireKey(ctx, 2, counter); !errors.Is(err, ErrKeyInUse) {
		t.Fatalf("RetireKey(current) = %v", err)
	}

	// Resume with a small batch so the walk spans many transactions.
	resealed, err := k2.CompleteRotation(ctx, db2, sealedCols, 37)
	if err != nil {
		t.Fatal(err)
	}
	if want := byKey[1]; resealed != want {
		t.Fatalf("resealed %d values, want %d", resealed, want)
	}
	byKey = checkMessages(t, db2, k2, n)
	if len(byKey) != 1 || byKey[2] == 0 {
		t.Fatalf("after completion %v", byKey)
	}
	if len(k2.PendingKeyIDs()) != 0 {
		t.Fatalf("pending after completion: %v", k2.PendingKeyIDs())
	}
	for _, w := range loadRows(t, cfg2.KeyStore) {
		if w.Purpose == PurposeData && w.ID == 1 {
			t.Fatalf("retired key still wrapped: %+v", w.WrappedKeyID)
		}
	}
	// Running it again is a no-op.
	if again, err := k2.CompleteRotation(ctx, db2, sealedCols, 37); err != nil || again != 0 {
		t.Fatalf("second CompleteRotation = %d, %v", again, err)
	}

	// Both the keyring and the recovery passphrase open the new key alone.
	for _, only := range []Config{
		func() Config { c := f.cfg(t); return c }(),
		func() Config { c := f.cfg(t); c.PassphraseFile = f.pass; c.PreferPassphrase = true; return c }(),
	} {
		k3, src := mustOpen(t, only)
		if k3.CurrentKeyID() != 2 {
			t.Fatalf("%s: current %d", src, k3.CurrentKeyID())
		}
		checkMessages(t, db2, k3, n)
	}
}

func TestRotateNeedsEveryKeySource(t *testing.T) {
	f := newFixture(t)
	cfg := f.cfg(t)
	cfg.PassphraseFile = f.pass
	mustOpen(t, cfg) // keyring + recovery passphrase
	cfg.PassphraseFile = ""
	k, _ := mustOpen(t, cfg)
	_, err := k.Rotate(context.Background())
	if err == nil || !strings.Contains(err.Error(), "needs every key source") {
		t.Fatalf("Rotate without the recovery passphrase = %v", err)
	}
	if len(k.KeyIDs()) != 1 || len(loadRows(t, cfg.KeyStore)) != 4 {
		t.Fatal("a refused rotation changed the keys")
	}
}

func TestResealColumnLeavesConcurrentWritesAlone(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	k, _ := mustOpen(t, f.cfg(t))
	db := openDB(t, f.dbPath)
	seedMessages(t, db, k, 10)
	k.Rotate(ctx)
	// A stale read is simulated by resealing against a value that a writer
	// then replaces: the CAS update must not apply.
	var body []byte
	db.QueryRow(`SELECT body FROM messages WHERE id = 3`).Scan(&body)
	fresh, _ := k.SealString("messages", "body", "3", "message 3: my chest hurts")
	db.Exec(`UPDATE messages SET body = ? WHERE id = 3`, fresh)
	n, err := applyReseal(ctx, db, `UPDATE messages SET body = ? WHERE rowid = ? AND body = ?`, []int{3},
		func(int) []any { return []any{[]byte("stale"), 3, body} })
	if err != nil || n != 0 {
		t.Fatalf("stale update applied: %d, %v", n, err)
	}
	checkMessages(t, db, k, 10)
}

func TestColumnNamesChecked(t *testing.T) {
	k := testKeys(t)
	_, err := ResealColumn(context.Background(), nil, k, Column{Table: "messages; DROP TABLE keys", Column: "body"}, 10)
	if err == nil || !strings.Contains(err.Error(), "not a plain SQL identifier") {
		t.Fatalf("err = %v", err)
	}
	if _, err := k.Rotate(context.Background()); err == nil {
		t.Fatal("Rotate without a key store accepted")
	}
}
