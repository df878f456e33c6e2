package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
)

// consoleWithChain makes a console store of 20 entries of which the clinic
// server has confirmed holding the first 18.
func consoleWithChain(t *testing.T) (dir, id string) {
	t.Helper()
	dir = t.TempDir()
	ctx := context.Background()
	c, err := store.OpenConsole(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var held api.AuditEntry
	for i := 1; i <= 20; i++ {
		e, err := c.Append(ctx, store.Actor{UserID: "u-desk", Role: api.RoleFrontDesk}, "thread.view", "thread:t", "ok", map[string]string{"n": string(rune('a' + i))})
		if err != nil {
			t.Fatal(err)
		}
		if i == 18 {
			held = e
		}
	}
	if err := c.MarkSynced(ctx, held.Seq, held.Hash); err != nil {
		t.Fatal(err)
	}
	return dir, c.ID()
}

func consoleChain(t *testing.T, db *sql.DB, id string) []api.AuditEntry {
	t.Helper()
	rows, err := db.Query(`SELECT seq, prev_hash, hash, at, user_id, role, action, object, outcome, detail FROM audit ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []api.AuditEntry
	for rows.Next() {
		var e api.AuditEntry
		var at, detail string
		rows.Scan(&e.Seq, &e.PrevHash, &e.Hash, &at, &e.UserID, &e.Role, &e.Action, &e.Object, &e.Outcome, &detail)
		e.ConsoleID = id
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		json.Unmarshal([]byte(detail), &e.Detail)
		out = append(out, e)
	}
	return out
}

func TestConsoleAuditVerifyNamesTampering(t *testing.T) {
	cases := []struct {
		name   string
		sql    []string
		fn     func(t *testing.T, db *sql.DB, id string)
		want   string
		reason string
	}{
		{name: "edit a field", sql: []string{`UPDATE audit SET object = 'thread:other' WHERE seq = 5`}, want: "entry 5: edited"},
		{name: "delete an entry", sql: []string{`DELETE FROM audit WHERE seq = 5`}, want: "entry 5: gap"},
		{name: "swap two entries", sql: []string{
			`UPDATE audit SET seq = -1 WHERE seq = 5`, `UPDATE audit SET seq = 5 WHERE seq = 6`, `UPDATE audit SET seq = 6 WHERE seq = -1`,
		}, want: "entry 5: reordered", reason: "entries 5 and 6 were swapped"},
		{name: "insert an entry", fn: func(t *testing.T, db *sql.DB, id string) {
			chain := consoleChain(t, db, id)
			for _, q := range []string{`UPDATE audit SET seq = -seq WHERE seq >= 5`, `UPDATE audit SET seq = -seq + 1 WHERE seq < 0`} {
				if _, err := db.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			f := audit.Link(&chain[3], api.AuditEntry{ConsoleID: id, At: chain[3].At, UserID: "u-desk", Role: api.RoleFrontDesk, Action: "thread.view", Object: "thread:alibi", Outcome: "ok"})
			if _, err := db.Exec(`INSERT INTO audit (seq, prev_hash, hash, at, user_id, role, action, object, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}')`,
				f.Seq, f.PrevHash, f.Hash, f.At.Format(time.RFC3339Nano), f.UserID, string(f.Role), f.Action, f.Object, f.Outcome); err != nil {
				t.Fatal(err)
			}
		}, want: "entry 5: inserted"},
		{name: "truncate entries the server holds", sql: []string{`DELETE FROM audit WHERE seq > 12`}, want: "entry 13: truncated"},
		{name: "re-hash the chain", fn: func(t *testing.T, db *sql.DB, id string) {
			chain := consoleChain(t, db, id)
			chain[4].Object = "thread:other"
			for i := 4; i < len(chain); i++ {
				chain[i] = audit.Link(&chain[i-1], chain[i])
				db.Exec(`UPDATE audit SET object = ?, prev_hash = ?, hash = ? WHERE seq = ?`, chain[i].Object, chain[i].PrevHash, chain[i].Hash, chain[i].Seq)
			}
		}, want: "entry 18: forged-rehash"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir, id := consoleWithChain(t)
			db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, store.ConsoleDBName))
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range tc.sql {
				if _, err := db.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			if tc.fn != nil {
				tc.fn(t, db, id)
			}
			db.Close()
			var out, errb bytes.Buffer
			code := runAudit([]string{"verify", "--data", dir}, &out, &errb)
			if code != 1 || !strings.HasPrefix(out.String(), "BROKEN: chain "+id+", "+tc.want) || !strings.Contains(out.String(), tc.reason) {
				t.Fatalf("exit %d, want 1 and %q\n%s%s", code, tc.want, out.String(), errb.String())
			}
		})
	}
	t.Run("intact", func(t *testing.T) {
		dir, _ := consoleWithChain(t)
		var out, errb bytes.Buffer
		if code := runAudit([]string{"verify", "--data", dir}, &out, &errb); code != 0 || !strings.Contains(out.String(), "20 entries verified, 2 not yet") {
			t.Fatalf("exit %d\n%s%s", code, out.String(), errb.String())
		}
	})
	t.Run("no store", func(t *testing.T) {
		var out, errb bytes.Buffer
		if code := runAudit([]string{"verify", "--data", filepath.Join(t.TempDir(), "none")}, &out, &errb); code != 2 {
			t.Fatalf("exit %d, want 2", code)
		}
	})
}
