package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/bsp/sim"
	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/seal"
)

// custody is one way of keeping the keys the scan test runs under.
type custody struct {
	name     string
	demo     bool   // AllowDemoKey (what `triage demo` uses)
	passFile string // passphrase file, when not the demo
	keyring  bool   // the real OS keyring
}

// phiNeedles is every piece of the seeded patients' identity and text
// that must never be found in a file: names, numbers in each common
// format, and the PHI the messages carry.
func phiNeedles(draft string) []string {
	var out []string
	for _, p := range demoScript {
		out = append(out, p.Name)
		d := strings.TrimPrefix(p.Phone, "+") // 15555550102
		n := d[1:]                            // 5555550102
		out = append(out, p.Phone, d, n, n[:3]+"-"+n[3:6]+"-"+n[6:], "("+n[:3]+") "+n[3:6]+"-"+n[6:], n[:3]+" "+n[3:6]+" "+n[6:])
	}
	out = append(out, "03/14/1962", "555-201-3344", "5552013344", "linda.park@example.com", "metformin", "chest pain",
		"Where do I park", "move my appointment", draft)
	return out
}

// startCustodyStack is startDemoStack with the central endpoint's keys
// under a passphrase or the OS keyring instead of the demo key.
func startCustodyStack(ctx context.Context, dir string, c custody, log *slog.Logger) (*demoStack, error) {
	ctx, cancel := context.WithCancel(ctx)
	appSecret, token := randomHex(16), randomHex(24)
	const phoneID = "106540352242922"
	simSrv := sim.New(sim.Config{AppSecret: appSecret, AccessToken: token, PhoneNumberID: phoneID, Logger: log.With("process", "bspsim")})
	simBound, err := simSrv.Start(ctx, "127.0.0.1:0")
	if err != nil {
		cancel()
		return nil, err
	}
	users := map[string]central.SeedUser{}
	var seeds []central.SeedUser
	for _, r := range []string{"frontdesk", "nurse", "supervisor"} {
		u := central.SeedUser{Username: "demo." + r, Password: "demo-" + randomHex(12), Role: r}
		users[r] = u
		seeds = append(seeds, u)
	}
	var optIns []string
	for _, p := range demoScript {
		optIns = append(optIns, p.Phone)
	}
	cfg := central.Config{
		DataDir: filepath.Join(dir, "triaged"), Addr: "127.0.0.1:0", KeyPassphraseFile: c.passFile,
		Provider:          cloudapi.New(cloudapi.Config{BaseURL: "http://" + simBound, PhoneNumberID: phoneID, Token: token}),
		WhatsAppAppSecret: appSecret, WhatsAppVerifyToken: randomHex(8), SeedUsers: seeds, SeedOptIns: optIns,
		Logger: log.With("process", "triaged"),
	}
	if !c.keyring {
		cfg.Keyring = unreachableRing{}
	}
	addr, centralErr, err := central.Run(ctx, cfg)
	if err != nil {
		cancel()
		<-simSrv.Done()
		return nil, err
	}
	simSrv.SetWebhookURL("http://" + addr + "/webhooks/whatsapp")
	return &demoStack{SimURL: "http://" + simBound, CentralURL: "http://" + addr, Users: users,
		stop: func() { cancel(); <-simSrv.Done(); <-centralErr }}, nil
}

// unreachableRing keeps the passphrase run off the machine's keyring.
type unreachableRing struct{}

var errUnreachable = errors.New("keyring not used in this run")

func (unreachableRing) Get(string, string) (string, error) { return "", errUnreachable }
func (unreachableRing) Set(string, string, string) error   { return errUnreachable }
func (unreachableRing) Delete(string, string) error        { return errUnreachable }

func TestNothingReadableAtRest(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo stack")
	}
	pass := filepath.Join(t.TempDir(), "pass")
	os.WriteFile(pass, []byte("scan-test-passphrase-long-enough\n"), 0o600)
	runs := []custody{{name: "demo key", demo: true}, {name: "passphrase", passFile: pass}}
	if os.Getenv("TRIAGE_REQUIRE_KEYRING") == "1" {
		runs = append(runs, custody{name: "OS keyring", keyring: true})
	}
	for _, c := range runs {
		t.Run(c.name, func(t *testing.T) { scanRun(t, c) })
	}
}

func scanRun(t *testing.T, c custody) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	dir := t.TempDir()
	logFile, err := os.OpenFile(filepath.Join(dir, "demo.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	log := slog.New(slog.NewTextHandler(logFile, nil))
	var stack *demoStack
	if c.demo {
		stack, err = startDemoStack(ctx, dir, "127.0.0.1:0", log)
	} else {
		stack, err = startCustodyStack(ctx, dir, c, log)
	}
	if err != nil {
		t.Fatal(err)
	}
	stopped := false
	stopStack := func() {
		if !stopped {
			stopped = true
			stack.stop()
		}
	}
	defer stopStack()
	playScript(ctx, stack.SimURL, 60, log)

	// The console, as startConsole opens it, with a console log of its own.
	consoleDir := filepath.Join(dir, "console")
	os.MkdirAll(consoleDir, 0o700)
	clog, _ := os.OpenFile(filepath.Join(consoleDir, "console.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	defer clog.Close()
	console, err := store.OpenConsole(ctx, consoleDir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer console.Close()
	kc := store.ConsoleKeyConfig{AllowDemoKey: c.demo, DemoDir: consoleDir, PassphraseFile: c.passFile}
	if !c.keyring {
		kc.Keyring = unreachableRing{}
	}
	src, err := store.OpenConsoleKeys(ctx, console, kc)
	if err != nil {
		t.Fatal(err)
	}
	if c.keyring && src.Kind != seal.KEKKeyring {
		t.Fatalf("keyring run opened the console keys from %s", src)
	}
	client := store.NewClient(stack.CentralURL, &http.Client{Timeout: 15 * time.Second}, console)

	u := stack.Users["frontdesk"]
	lr, err := client.Login(ctx, u.Username, u.Password, "")
	if err != nil {
		t.Fatal(err)
	}
	acknowledgePolicy(t, client)
	var threads []api.ThreadSummary
	deadline := time.Now().Add(30 * time.Second)
	for {
		if threads, err = client.Threads(ctx); err != nil {
			t.Fatal(err)
		}
		if len(threads) >= 4 || time.Now().After(deadline) { // the clinical thread is the nurse's
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if len(threads) < 4 {
		t.Fatalf("front desk sees %d threads after the script", len(threads))
	}
	sent := 0
	for i, th := range threads {
		if _, err := client.Thread(ctx, th.ID); err != nil {
			t.Fatalf("open thread: %v", err)
		}
		if _, err := client.Send(ctx, th.ID, api.SendRequest{IdempotencyKey: fmt.Sprintf("scan-%d", i), MacroID: "hours"}); err == nil {
			sent++
		}
	}
	if sent == 0 {
		t.Fatal("no macro was accepted: no outbound rows to scan")
	}
	draft := "Draft for Robert Chen: your metformin refill, DOB 03/14/1962"
	if err := console.SaveDraft(ctx, lr.User.ID, threads[0].ID, draft); err != nil {
		t.Fatal(err)
	}
	if got, err := console.LoadDraft(ctx, lr.User.ID, threads[0].ID); err != nil || got != draft {
		t.Fatalf("draft = %q, %v", got, err)
	}
	client.SyncOnce(ctx)
	time.Sleep(300 * time.Millisecond) // let the deliveries and their statuses land
	// While everything runs, the WAL and shared-memory files hold the
	// newest pages: scan them as they are.
	live := scanDir(t, dir, phiNeedles(draft))
	for _, want := range []string{"triaged.db-wal", "triaged.db-shm", "console.db-wal", "console.db-shm"} {
		if !live[want] {
			t.Errorf("%s was not there to scan while running (files: %v)", want, keysOf(live))
		}
	}
	storeID := ""
	if c.keyring {
		storeID = triagedStoreID(t, filepath.Join(dir, "triaged", central.DBFileName))
	}
	console.Close()
	stopStack()
	if c.keyring {
		t.Cleanup(func() {
			seal.OSKeyring{}.Delete(seal.ServiceServer, storeID)
			seal.OSKeyring{}.Delete(seal.ServiceConsole, console.ID())
		})
	}

	after := scanDir(t, dir, phiNeedles(draft))
	for _, want := range []string{"triaged.db", "console.db", "demo.log", "console.log"} {
		if !after[want] {
			t.Errorf("%s was not scanned (files: %v)", want, keysOf(after))
		}
	}
	t.Logf("scanned while running: %v; after stopping: %v", keysOf(live), keysOf(after))
}

// scanDir reads every byte of every file under dir and reports any needle
// found, ignoring case. It returns the names of the files scanned.
func scanDir(t *testing.T, dir string, needles []string) map[string]bool {
	t.Helper()
	scanned := map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		scanned[filepath.Base(path)] = true
		low := bytes.ToLower(b)
		for _, n := range needles {
			if bytes.Contains(low, []byte(strings.ToLower(n))) {
				t.Errorf("%s holds %q", strings.TrimPrefix(path, dir), n)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return scanned
}

func triagedStoreID(t *testing.T, path string) string {
	t.Helper()
	db, err := central.OpenDB(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id string
	db.QueryRow(`SELECT value FROM store_meta WHERE key = 'store_id'`).Scan(&id)
	return id
}

func keysOf(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
