package auditlog

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central/migrations"
	"github.com/clinicwa/triage/store/central/storage"
	"github.com/clinicwa/triage/store/sqlite"
)

// testLog is a migrated central store holding a real log: the server's
// chain ("triaged") and one console's, appended as the server appends
// (Head under the append lock, then Insert, one transaction per entry).
func testLog(t *testing.T) *sql.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "triaged.db"), 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := migrations.ApplySQLite(ctx, db); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for i, console := range []string{"triaged", "con_a", "triaged", "triaged", "con_a", "triaged"} {
		err := storage.WithTx(ctx, db, func(tx *sql.Tx) error {
			head, err := Store{}.Head(ctx, tx, console)
			if err != nil {
				return err
			}
			e := audit.Link(head, api.AuditEntry{ConsoleID: console, At: audit.NextTime(head, at.Add(time.Duration(i)*time.Second)),
				UserID: "usr_desk", Role: api.Role("desk"), Action: "login", Outcome: "ok", Detail: map[string]string{"rule": "r1"}})
			return Store{}.Insert(ctx, tx, e, at)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// The one-pass verifier must never call a damaged log intact: at any
// damage it gives way to the sequential check (which names it). Each case
// damages a fresh copy of a real log through SQL, as an attacker with the
// file would.
func TestFastVerifyGivesWayAtEveryKindOfDamage(t *testing.T) {
	cases := []struct {
		name   string
		damage string
	}{
		{"edited detail", `UPDATE audit SET detail = '{"rule":"other"}' WHERE console_id = 'triaged' AND seq = 2`},
		{"edited action", `UPDATE audit SET action = 'logout' WHERE console_id = 'triaged' AND seq = 3`},
		{"deleted entry", `DELETE FROM audit WHERE console_id = 'triaged' AND seq = 2`},
		{"hole in log order", `UPDATE audit SET gseq = gseq + 100 WHERE gseq = (SELECT MAX(gseq) FROM audit)`},
		{"no log position", `UPDATE audit SET gseq = NULL WHERE console_id = 'triaged' AND seq = 3`},
		{"broken link", `UPDATE audit SET prev_hash = hash WHERE console_id = 'triaged' AND seq = 3`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := testLog(t)
			ctx := context.Background()
			heads, n, leaves, ok, err := fastPass(ctx, db)
			if err != nil || !ok || n != 6 || len(leaves) != int(n) || heads["triaged"] != 4 || heads["con_a"] != 2 {
				t.Fatalf("clean log: ok=%v n=%d leaves=%d heads=%v err=%v", ok, n, len(leaves), heads, err)
			}
			if _, err := db.Exec(c.damage); err != nil {
				t.Fatal(err)
			}
			if _, _, _, ok, err := fastPass(ctx, db); err != nil || ok {
				t.Fatalf("after %s the fast pass reported ok=%v (err %v)", c.name, ok, err)
			}
			if _, _, _, err := verifyChainsFast(ctx, db); err == nil && c.name != "hole in log order" {
				t.Fatalf("after %s the chains verified", c.name)
			}
		})
	}
}

// A checkpoint signed over the log verifies, and a rewrite of an entry it
// covers (re-hashed so the chain itself still links) is caught by the
// signed Merkle root and refused a newer signature.
func TestCheckpointCatchesARehashedRewrite(t *testing.T) {
	ctx := context.Background()
	db := testLog(t)
	priv := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	c := NewCheckpointer(db, storage.NewWriteGate(), "store-1", priv, time.Now)
	cp, signed, err := c.Checkpoint(ctx)
	if err != nil || !signed || cp.Number != 1 {
		t.Fatalf("first checkpoint: %+v signed=%v err=%v", cp, signed, err)
	}
	pub := priv.Public().(ed25519.PublicKey)
	rep, err := VerifyLog(ctx, db, pub, nil)
	if err != nil || rep.Entries != 6 || rep.Chains != 2 || rep.Checkpoints != 1 || rep.Uncovered != 0 {
		t.Fatalf("intact log: %+v err=%v", rep, err)
	}

	// Rewrite the console's chain from its first entry, re-hashing every
	// link, as someone with the file and the hash function could.
	chain, err := Store{}.Chain(ctx, db, "con_a")
	if err != nil {
		t.Fatal(err)
	}
	var prev *api.AuditEntry
	for _, e := range chain {
		e.Action = "export"
		e = audit.Link(prev, e)
		if _, err := db.Exec(`UPDATE audit SET action = ?, prev_hash = ?, hash = ? WHERE console_id = ? AND seq = ?`,
			e.Action, e.PrevHash, e.Hash, e.ConsoleID, e.Seq); err != nil {
			t.Fatal(err)
		}
		prev = &e
	}
	_, err = VerifyLog(ctx, db, pub, nil)
	var be *audit.BreakError
	if !errors.As(err, &be) || be.Damage != audit.DamageForged || be.ConsoleID != "con_a" {
		t.Fatalf("rewritten log verified as %v, want forged in con_a", err)
	}
	if _, _, err := NewCheckpointer(db, storage.NewWriteGate(), "store-1", priv, time.Now).Checkpoint(ctx); !errors.Is(err, ErrLogDiverged) {
		t.Fatalf("checkpoint over a rewritten log: %v, want ErrLogDiverged", err)
	}
}
