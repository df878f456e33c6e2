package seal

import (
	"context"
	"crypto/rand"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"
)

func BenchmarkSeal200(b *testing.B) {
	k := testKeys(b)
	msg := make([]byte, 200)
	rand.Read(msg)
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		if _, err := k.Seal("messages", "body", "123456", msg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOpen200(b *testing.B) {
	k := testKeys(b)
	msg := make([]byte, 200)
	rand.Read(msg)
	env, _ := k.Seal("messages", "body", "123456", msg)
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		if _, err := k.Open("messages", "body", "123456", env); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBlindIndex(b *testing.B) {
	k := testKeys(b)
	v := []byte("+15551234567")
	for b.Loop() {
		k.BlindIndex("patients.phone", v)
	}
}

// BenchmarkBlindIndexLookup1M looks a phone number up by its blind index
// in a real SQLite table of 1,000,000 patients with an index on the blind
// index column: HMAC of the query, one index probe, opening the row.
func BenchmarkBlindIndexLookup1M(b *testing.B) {
	const n = 1_000_000
	k := testKeys(b)
	db := openDB(b, filepath.Join(b.TempDir(), "lookup.db"))
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	if _, err := db.Exec(`CREATE TABLE patients (id INTEGER PRIMARY KEY, phone BLOB NOT NULL, phone_bidx BLOB NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	stmt, err := tx.Prepare(`INSERT INTO patients (id, phone, phone_bidx) VALUES (?, ?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		phone := []byte(fmt.Sprintf("+1555%07d", i))
		env, _ := k.Seal("patients", "phone", strconv.Itoa(i), phone)
		if _, err := stmt.Exec(i, env, k.BlindIndex("patients.phone", phone)); err != nil {
			b.Fatal(err)
		}
	}
	stmt.Close()
	if _, err := tx.Exec(`CREATE INDEX patients_phone_bidx ON patients (phone_bidx)`); err != nil {
		b.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	q, err := db.Prepare(`SELECT id, phone FROM patients WHERE phone_bidx = ?`)
	if err != nil {
		b.Fatal(err)
	}
	defer q.Close()
	i := 0
	for b.Loop() {
		i = i%n + 7919
		want := fmt.Sprintf("+1555%07d", i%n+1)
		var id int
		var env []byte
		if err := q.QueryRow(k.BlindIndex("patients.phone", []byte(want))).Scan(&id, &env); err != nil {
			b.Fatal(err)
		}
		if got, err := k.OpenString("patients", "phone", strconv.Itoa(id), env); err != nil || got != want {
			b.Fatalf("lookup %s: %q, %v", want, got, err)
		}
	}
}
