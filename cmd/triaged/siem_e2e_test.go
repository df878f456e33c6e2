//go:build unix

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/central/siem"
	"github.com/clinicwa/triage/store/central/siem/siemtest"
)

// The SIEM stream with the real binary: triaged streams its audit log to
// a syslog-over-TLS receiver (a test CA, a real TLS listener on loopback)
// and to a JSON lines file, is SIGKILLed right after a console's entries
// land, and is started again. Afterwards each copy holds every entry the
// database holds, each exactly once once the at-least-once duplicates of
// the crash (same chain and seq, identical content) are set aside, and
// each copy verifies as a chain on its own.
func TestSIEMStreamDeliversEveryEntryOnceAcrossRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs triaged as a process")
	}
	dir := t.TempDir()
	binDir := filepath.Join(dir, "bin")
	if out, err := exec.Command("go", "build", "-o", binDir+string(filepath.Separator), "github.com/clinicwa/triage/cmd/triaged").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	rx := siemtest.NewReceiver(t)
	triAddr := freeAddr(t)
	triURL := "http://" + triAddr
	dataDir := filepath.Join(dir, "data")
	passFile := filepath.Join(dir, "passphrase")
	usersFile := filepath.Join(dir, "users.json")
	jsonlPath := filepath.Join(dir, "siem", "audit.jsonl")
	os.MkdirAll(filepath.Dir(jsonlPath), 0o700)
	os.WriteFile(passFile, []byte("correct-horse-battery-staple-siem\n"), 0o600)
	users, _ := json.Marshal([]central.SeedUser{{Username: "desk", Password: e2ePassword, Role: "frontdesk"}})
	os.WriteFile(usersFile, users, 0o600)
	logPath := filepath.Join(dir, "triaged.log")
	t.Cleanup(func() {
		if t.Failed() {
			b, _ := os.ReadFile(logPath)
			t.Logf("--- triaged.log ---\n%s", b)
		}
	})
	env := append(baseEnv(),
		"TRIAGED_ADDR="+triAddr, "TRIAGED_DATA="+dataDir, "TRIAGED_PROVIDER=cloudapi",
		"TRIAGED_WHATSAPP_APP_SECRET="+e2eAppSecret, "TRIAGED_WHATSAPP_VERIFY_TOKEN="+e2eVerifyToken,
		"TRIAGED_WHATSAPP_TOKEN="+e2eToken, "TRIAGED_WHATSAPP_PHONE_NUMBER_ID="+e2ePhoneID,
		"TRIAGED_WHATSAPP_API_BASE=http://"+freeAddr(t), "TRIAGED_KEY_PASSPHRASE_FILE="+passFile,
		"TRIAGED_SEED_USERS_FILE="+usersFile, "TRIAGED_LOG="+logPath, "TRIAGED_METRICS_ADDR=off",
		"TRIAGED_SIEM_SYSLOG_ADDR="+rx.Addr, "TRIAGED_SIEM_SYSLOG_CA="+rx.CAFile, "TRIAGED_SIEM_JSONL_PATH="+jsonlPath,
	)
	start := func() *proc {
		p := startProc(t, "triaged", filepath.Join(binDir, "triaged"), nil, env, filepath.Join(dir, "triaged.out"))
		eventually(t, 15*time.Second, "triaged to answer /healthz", func() (bool, string) {
			select {
			case <-p.done:
				b, _ := os.ReadFile(p.log)
				t.Fatalf("triaged exited at start: %s", b)
			default:
			}
			code, err := call("GET", triURL+"/healthz", "", nil, nil)
			return err == nil && code == 200, fmt.Sprint(code, err)
		})
		return p
	}

	ctx := context.Background()
	con, err := store.OpenConsole(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer con.Close()
	// A console signs in (the server's chain records it) and delivers
	// views of its own chain.
	consoleWork := func(views int) {
		t.Helper()
		cl := store.NewClient(triURL, &http.Client{Timeout: 5 * time.Second}, con)
		lr, err := cl.Login(ctx, "desk", e2ePassword, "")
		if err != nil {
			t.Fatal(err)
		}
		for i := range views {
			if _, err := con.Append(ctx, store.Actor{UserID: lr.User.ID, Role: lr.User.Role}, "thread.view", fmt.Sprintf("thread:t%03d", i), "ok", nil); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := cl.SyncOnce(ctx); err != nil {
			t.Fatal(err)
		}
	}

	tri := start()
	consoleWork(40)
	// A crash right after the entries were committed: the stream may be
	// mid-batch, its cursor behind what the SIEM already has.
	tri.stop(syscall.SIGKILL)
	tri = start()
	consoleWork(40)

	db := openRaw(t, dataDir)
	type key struct {
		chain string
		seq   int64
	}
	want := map[key]siem.Entry{}
	readDB := func() {
		rows, err := db.Query(`SELECT console_id, seq, hash, gseq FROM audit`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var e siem.Entry
			rows.Scan(&e.ConsoleID, &e.Seq, &e.Hash, &e.Gseq)
			want[key{e.ConsoleID, e.Seq}] = e
		}
	}
	readJSONL := func() []siem.Entry {
		b, _ := os.ReadFile(jsonlPath)
		var out []siem.Entry
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			if line == "" {
				continue
			}
			var e siem.Entry
			if err := json.Unmarshal([]byte(line), &e); err != nil {
				t.Fatalf("JSON lines file holds a broken line %q: %v", line, err)
			}
			out = append(out, e)
		}
		return out
	}
	syslogEntries := func() []siem.Entry {
		var out []siem.Entry
		for _, m := range rx.Messages() {
			// The structured data names the same position and hash as the body.
			if m.SD["chain"] != m.Entry.ConsoleID || m.SD["seq"] != fmt.Sprint(m.Entry.Seq) ||
				m.SD["gseq"] != fmt.Sprint(m.Entry.Gseq) || m.SD["hash"] != m.Entry.Hash {
				t.Fatalf("structured data %v disagrees with the entry %+v", m.SD, m.Entry)
			}
			out = append(out, m.Entry)
		}
		return out
	}
	// dedup checks a SIEM copy against the database and returns how many
	// at-least-once duplicates it held.
	dedup := func(name string, got []siem.Entry) (missing, dups int) {
		seen := map[key]siem.Entry{}
		for _, e := range got {
			k := key{e.ConsoleID, e.Seq}
			if prev, ok := seen[k]; ok {
				if prev.Hash != e.Hash || prev.Gseq != e.Gseq {
					t.Fatalf("%s: two different entries at %s/%d", name, k.chain, k.seq)
				}
				dups++
				continue
			}
			seen[k] = e
		}
		for k, w := range want {
			g, ok := seen[k]
			if !ok {
				missing++
				continue
			}
			if g.Hash != w.Hash || g.Gseq != w.Gseq {
				t.Fatalf("%s: entry %s/%d has hash %s gseq %d, the database %s %d", name, k.chain, k.seq, g.Hash, g.Gseq, w.Hash, w.Gseq)
			}
		}
		if len(seen) > len(want) {
			t.Fatalf("%s holds %d entries the database does not", name, len(seen)-len(want))
		}
		return missing, dups
	}
	eventually(t, 20*time.Second, "every committed entry in both SIEM copies", func() (bool, string) {
		readDB()
		ms, _ := dedup("syslog", syslogEntries())
		mj, _ := dedup("jsonl", readJSONL())
		return ms == 0 && mj == 0, fmt.Sprintf("%d entries in the log; syslog misses %d, jsonl %d", len(want), ms, mj)
	})
	tri.stop(syscall.SIGTERM)

	for name, got := range map[string][]siem.Entry{"syslog": syslogEntries(), "jsonl": readJSONL()} {
		_, dups := dedup(name, got)
		t.Logf("%s: %d entries of %d chains delivered, %d at-least-once duplicates after the crash", name, len(want), countChains(want), dups)
		// The SIEM copy verifies on its own: every chain links from its
		// genesis and every hash recomputes.
		byChain := map[string][]api.AuditEntry{}
		seen := map[key]bool{}
		for _, e := range got {
			if k := (key{e.ConsoleID, e.Seq}); !seen[k] {
				seen[k] = true
				byChain[e.ConsoleID] = append(byChain[e.ConsoleID], e.AuditEntry)
			}
		}
		for id, es := range byChain {
			sort.Slice(es, func(i, j int) bool { return es[i].Seq < es[j].Seq })
			if err := audit.Verify(nil, es); err != nil {
				t.Fatalf("%s copy of chain %s does not verify: %v", name, id, err)
			}
		}
		if len(byChain) < 2 {
			t.Fatalf("%s copy holds %d chains, want the server's and the console's", name, len(byChain))
		}
	}
	if errs := rx.Errors(); len(errs) > 0 {
		t.Fatalf("receiver saw malformed frames: %v", errs)
	}
}

func countChains[K comparable](m map[K]siem.Entry) int {
	c := map[string]bool{}
	for _, e := range m {
		c[e.ConsoleID] = true
	}
	return len(c)
}
