package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/central/auditlog"
	"github.com/clinicwa/triage/store/seal"
)

// nullProvider accepts every send; the audit tests send nothing.
type nullProvider struct{}

func (nullProvider) Name() string { return "cloudapi" }
func (nullProvider) Send(context.Context, bsp.SendRequest) (bsp.SendResult, error) {
	return bsp.SendResult{ProviderID: "wamid.null", Status: bsp.StatusSent}, nil
}
func (nullProvider) MarkRead(context.Context, string) error { return nil }

// auditedStore makes a real triaged data folder: a console's chain of
// 21 entries (its sign-in and 20 views) delivered through the API, the
// server's own chain, and a signed checkpoint over both. It returns the
// folder, the console's id and the published public key file.
func auditedStore(t *testing.T) (dir, consoleID, pubFile string) {
	t.Helper()
	dir = t.TempDir()
	dk, ik := make([]byte, 32), make([]byte, 32)
	rand.Read(dk)
	rand.Read(ik)
	keys, err := seal.NewKeys(map[uint32][]byte{1: dk}, 1, ik)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	srv, err := central.New(ctx, central.Config{
		DataDir: dir, Addr: "127.0.0.1:0", Keys: keys, Provider: nullProvider{},
		WhatsAppAppSecret: "s", WhatsAppVerifyToken: "v", AuditCheckpointInterval: time.Hour,
		SeedUsers: []central.SeedUser{{Username: "desk", Password: "plum-otter-lantern-97", Role: "frontdesk"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	addr, _, err := srv.Start()
	if err != nil {
		t.Fatal(err)
	}
	con, err := store.OpenConsole(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer con.Close()
	cl := store.NewClient("http://"+addr, &http.Client{Timeout: 5 * time.Second}, con)
	lr, err := cl.Login(ctx, "desk", "plum-otter-lantern-97", "")
	if err != nil {
		t.Fatal(err)
	}
	// The entries are the signed-in user's: the server takes no other.
	for i := 0; i < 20; i++ {
		if _, err := con.Append(ctx, store.Actor{UserID: lr.User.ID, Role: lr.User.Role}, "thread.view", "thread:t"+string(rune('a'+i)), "ok", nil); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := cl.SyncOnce(ctx); err != nil || n != 21 {
		t.Fatalf("sync = %d, %v; want 21 entries delivered", n, err)
	}
	if _, signed, err := srv.Checkpoint(ctx); err != nil || !signed {
		t.Fatalf("checkpoint: signed=%v %v", signed, err)
	}
	sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		t.Fatal(err)
	}
	return dir, con.ID(), filepath.Join(dir, auditlog.PublicKeyFileName)
}

// copyStore copies a data folder so each case damages its own copy.
func copyStore(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	ents, _ := os.ReadDir(from)
	for _, e := range ents {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return to
}

func openRaw(t *testing.T, dir string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, central.DBFileName)+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

func mustExec(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// chainOf reads a chain as stored.
func chainOf(t *testing.T, db *sql.DB, consoleID string) []api.AuditEntry {
	t.Helper()
	rows, err := db.Query(`SELECT seq, prev_hash, hash, at, user_id, role, action, object, outcome, detail FROM audit WHERE console_id = ? ORDER BY seq`, consoleID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []api.AuditEntry
	for rows.Next() {
		var e api.AuditEntry
		var at, detail string
		if err := rows.Scan(&e.Seq, &e.PrevHash, &e.Hash, &at, &e.UserID, &e.Role, &e.Action, &e.Object, &e.Outcome, &detail); err != nil {
			t.Fatal(err)
		}
		e.ConsoleID = consoleID
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		if detail != "{}" {
			json.Unmarshal([]byte(detail), &e.Detail)
		}
		out = append(out, e)
	}
	return out
}

func TestAuditVerifyNamesEveryKindOfTampering(t *testing.T) {
	pristine, cid, pub := auditedStore(t)
	cases := []struct {
		name    string
		tamper  func(t *testing.T, db *sql.DB)
		chain   string
		seq     string
		damage  audit.Damage
		explain string
	}{
		{"edit a field", func(t *testing.T, db *sql.DB) {
			mustExec(t, db, `UPDATE audit SET object = 'thread:someone-else' WHERE console_id = ? AND seq = 7`, cid)
		}, cid, "entry 7", audit.DamageEdited, ""},
		{"delete an entry", func(t *testing.T, db *sql.DB) {
			mustExec(t, db, `DELETE FROM audit WHERE console_id = ? AND seq = 7`, cid)
		}, cid, "entry 7", audit.DamageGap, "entry 7 is missing"},
		{"delete an entry and renumber the rest", func(t *testing.T, db *sql.DB) {
			mustExec(t, db, `DELETE FROM audit WHERE console_id = ? AND seq = 7`, cid)
			mustExec(t, db, `UPDATE audit SET seq = -seq WHERE console_id = ? AND seq > 7`, cid)
			mustExec(t, db, `UPDATE audit SET seq = -seq - 1 WHERE console_id = ? AND seq < 0`, cid)
		}, cid, "entry 7", audit.DamageGap, "deleted and later entries renumbered"},
		{"insert an entry", func(t *testing.T, db *sql.DB) {
			chain := chainOf(t, db, cid)
			mustExec(t, db, `UPDATE audit SET seq = -seq WHERE console_id = ? AND seq >= 7`, cid)
			mustExec(t, db, `UPDATE audit SET seq = -seq + 1 WHERE console_id = ? AND seq < 0`, cid)
			// A well-formed entry, hashed and linked to entry 6.
			forged := audit.Link(&chain[5], api.AuditEntry{ConsoleID: cid, At: chain[5].At, UserID: "u-desk", Role: api.RoleFrontDesk,
				Action: "thread.view", Object: "thread:alibi", Outcome: "ok"})
			mustExec(t, db, `INSERT INTO audit (console_id, seq, prev_hash, hash, at, user_id, role, action, object, outcome, detail, received_at, at_ns, gseq)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', 0, ?, (SELECT MAX(gseq) + 1 FROM audit))`,
				cid, forged.Seq, forged.PrevHash, forged.Hash, forged.At.Format(time.RFC3339Nano), forged.UserID, string(forged.Role),
				forged.Action, forged.Object, forged.Outcome, forged.At.UnixNano())
		}, cid, "entry 7", audit.DamageInserted, ""},
		{"swap two entries", func(t *testing.T, db *sql.DB) {
			mustExec(t, db, `UPDATE audit SET seq = -1 WHERE console_id = ? AND seq = 7`, cid)
			mustExec(t, db, `UPDATE audit SET seq = 7 WHERE console_id = ? AND seq = 8`, cid)
			mustExec(t, db, `UPDATE audit SET seq = 8 WHERE console_id = ? AND seq = -1`, cid)
		}, cid, "entry 7", audit.DamageReordered, "entries 7 and 8 were swapped"},
		{"truncate the tail", func(t *testing.T, db *sql.DB) {
			mustExec(t, db, `DELETE FROM audit WHERE console_id = ? AND seq > 15`, cid)
		}, cid, "entry 16", audit.DamageTruncated, "covers entries up to 21"},
		{"replace a chain with a re-hashed forgery", func(t *testing.T, db *sql.DB) {
			chain := chainOf(t, db, cid)
			chain[6].Object = "thread:someone-else"
			for i := 6; i < len(chain); i++ {
				chain[i] = audit.Link(&chain[i-1], chain[i])
				mustExec(t, db, `UPDATE audit SET object = ?, prev_hash = ?, hash = ? WHERE console_id = ? AND seq = ?`,
					chain[i].Object, chain[i].PrevHash, chain[i].Hash, cid, chain[i].Seq)
			}
		}, cid, "entry 1", audit.DamageForged, "signed entry 21 with another hash"},
		{"edit the server's own chain", func(t *testing.T, db *sql.DB) {
			mustExec(t, db, `UPDATE audit SET user_id = 'someone-else' WHERE console_id = 'triaged' AND seq = 1`)
		}, "triaged", "entry 1", audit.DamageEdited, ""},
		{"alter a signed checkpoint", func(t *testing.T, db *sql.DB) {
			mustExec(t, db, `UPDATE audit_checkpoints SET body = replace(body, 'size ', 'size 1') WHERE number = 1`)
		}, "", "checkpoint 1", audit.DamageSignature, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyStore(t, pristine)
			tc.tamper(t, openRaw(t, dir))
			var out, errb bytes.Buffer
			code := runAudit([]string{"verify", "--data", dir, "--pubkey", pub}, &out, &errb)
			if code != 1 {
				t.Fatalf("exit %d, want 1\nstdout:\n%s\nstderr:\n%s", code, out.String(), errb.String())
			}
			first := strings.SplitN(out.String(), "\n", 2)[0]
			want := "BROKEN: chain " + tc.chain + ", " + tc.seq + ": " + string(tc.damage)
			if tc.chain == "" {
				want = "BROKEN: " + tc.seq + ": " + string(tc.damage)
			}
			if first != want {
				t.Fatalf("first line %q, want %q\n%s", first, want, out.String())
			}
			if !strings.Contains(out.String(), tc.explain) {
				t.Fatalf("output does not explain %q:\n%s", tc.explain, out.String())
			}
		})
	}
	t.Run("intact", func(t *testing.T) {
		var out, errb bytes.Buffer
		if code := runAudit([]string{"verify", "--data", copyStore(t, pristine), "--pubkey", pub}, &out, &errb); code != 0 {
			t.Fatalf("exit %d on an intact store\n%s%s", code, out.String(), errb.String())
		}
		if !strings.Contains(out.String(), "signed checkpoints hold") {
			t.Fatalf("output:\n%s", out.String())
		}
	})
	t.Run("forged checkpoints under another key", func(t *testing.T) {
		// Whoever rewrites the log and re-signs with a key of their own
		// is caught by the auditor's copy of the real public key.
		dir := copyStore(t, pristine)
		db := openRaw(t, dir)
		_, priv, _ := ed25519GenerateKey()
		var body string
		db.QueryRow(`SELECT body FROM audit_checkpoints WHERE number = 1`).Scan(&body)
		mustExec(t, db, `UPDATE audit_checkpoints SET signature = ? WHERE number = 1`, ed25519Sign(priv, []byte(body)))
		var out, errb bytes.Buffer
		if code := runAudit([]string{"verify", "--data", dir, "--pubkey", pub}, &out, &errb); code != 1 ||
			!strings.HasPrefix(out.String(), "BROKEN: checkpoint 1: bad-checkpoint") {
			t.Fatalf("exit %d\n%s%s", code, out.String(), errb.String())
		}
	})
}

func TestAuditExportWritesJSONLinesWithoutPHI(t *testing.T) {
	dir, cid, _ := auditedStore(t)
	var out, errb bytes.Buffer
	from := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	to := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	if code := runAudit([]string{"export", "--from", from, "--to", to, "--data", dir}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	console := 0
	for i, l := range lines {
		var rec auditlog.ExportRecord
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("line %d is not JSON: %v", i+1, err)
		}
		if rec.LogIndex != int64(i+1) || rec.Hash == "" || rec.LeafHash == "" || rec.ConsoleID == "" || rec.Seq == 0 {
			t.Fatalf("line %d lacks its identifiers: %s", i+1, l)
		}
		if audit.Hash(rec.AuditEntry) != rec.Hash {
			t.Fatalf("line %d does not hash to its recorded hash: the export changed the entry", i+1)
		}
		if rec.ConsoleID == cid {
			console++
		}
		if strings.Contains(l, "+44") || strings.Contains(l, "Zebulon") {
			t.Fatalf("line %d carries patient data: %s", i+1, l)
		}
	}
	if console != 21 {
		t.Fatalf("exported %d of the console's 21 entries", console)
	}
	// An empty window exports nothing.
	out.Reset()
	runAudit([]string{"export", "--from", "2001-01-01T00:00:00Z", "--to", "2001-01-02T00:00:00Z", "--data", dir}, &out, &errb)
	if out.Len() != 0 {
		t.Fatalf("a window with no entries exported: %s", out.String())
	}
}
