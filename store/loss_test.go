package store_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/central/auditlog"
	"github.com/clinicwa/triage/store/central/maintenance"
)

// The loss test kills the console with SIGKILL at random moments while it
// acts and syncs, and stops the central endpoint now and then. Afterwards
// every send the user saw succeed must appear exactly once at the central
// endpoint, in the console's chain and in the server's own, and every
// chain must verify. The console runs as a separate process: this test
// binary started again in worker mode.

const workerEnv = "TRIAGE_AUDIT_LOSS_WORKER"

// TestLossWorker is the console process; it does nothing in a normal run.
func TestLossWorker(t *testing.T) {
	mode := os.Getenv(workerEnv)
	if mode == "" {
		t.Skip("runs only as the loss test's console process")
	}
	ctx := context.Background()
	con, err := store.OpenConsole(ctx, os.Getenv("LOSS_CONSOLE_DIR"), nil)
	if err != nil {
		fmt.Println("FATAL", err)
		os.Exit(3)
	}
	// The console's keys hold its device key: without them a restarted
	// console could not sign its backlog. The passphrase fallback keeps
	// the test off the machine's keyring.
	if _, err := store.OpenConsoleKeys(ctx, con, store.ConsoleKeyConfig{
		PassphraseFile: os.Getenv("LOSS_PASSPHRASE_FILE"), PreferPassphrase: true,
	}); err != nil {
		fmt.Println("FATAL", err)
		os.Exit(3)
	}
	cl := store.NewClient(os.Getenv("LOSS_CENTRAL_URL"), &http.Client{Timeout: 2 * time.Second}, con)
	for {
		if _, err := cl.Login(ctx, "desk", passwords["desk"], ""); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond) // the endpoint is down: keep working locally, try again
	}
	// The parent times its kill from here, so kills land during actions
	// and sync however slowly this build starts (the race detector makes
	// sign-in many times slower).
	fmt.Println("READY")
	if mode == "drain" {
		for {
			cl.SyncOnce(ctx)
			if n, _ := con.Pending(ctx); n == 0 {
				fmt.Println("DRAINED")
				os.Exit(0)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	go cl.RunSync(ctx, nil)
	thread, cycle := os.Getenv("LOSS_THREAD"), os.Getenv("LOSS_CYCLE")
	for i := 0; ; i++ {
		key := fmt.Sprintf("c%s-%d", cycle, i)
		res, err := cl.Send(ctx, thread, api.SendRequest{Text: "Your appointment is confirmed.", IdempotencyKey: key})
		if err == nil {
			// The user sees the send succeed only now.
			fmt.Printf("ACK %s %s\n", key, res.Message.ID)
		}
		if i%5 == 0 {
			cl.Thread(ctx, thread)
		}
	}
}

func TestNoAuditEntryIsLostAcrossKillsAndOutages(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a console process 50 times")
	}
	env := newCentral(t)
	thread := env.patientWrites("Can I move my appointment?")
	consoleDir := t.TempDir()
	passFile := filepath.Join(t.TempDir(), "console.pass")
	if err := os.WriteFile(passFile, []byte("a-long-console-passphrase-for-the-loss-test\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(20260301, 7))

	acked := map[string]string{} // idempotency key -> message id
	var mu sync.Mutex
	// down stops the central endpoint once the worker has signed in, and
	// starts it again after the kill: the console must keep working
	// locally, its trail growing, while the server is away.
	runWorker := func(mode string, cycle int, kill time.Duration, down bool) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLossWorker$", "-test.count=1")
		cmd.Env = append(os.Environ(), workerEnv+"="+mode, "LOSS_CONSOLE_DIR="+consoleDir, "LOSS_CENTRAL_URL="+env.url(),
			"LOSS_THREAD="+thread, fmt.Sprintf("LOSS_CYCLE=%d", cycle), "LOSS_PASSPHRASE_FILE="+passFile)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done, ready := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(done)
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				f := strings.Fields(sc.Text())
				switch {
				case len(f) == 1 && f[0] == "READY":
					close(ready)
				case len(f) == 3 && f[0] == "ACK":
					mu.Lock()
					acked[f[1]] = f[2]
					mu.Unlock()
				}
			}
		}()
		if kill > 0 {
			// Every fifth cycle dies while starting or signing in; the
			// rest once signed in, during sends, views and sync.
			if cycle%5 != 4 || down {
				select {
				case <-ready:
				case <-done:
				case <-time.After(60 * time.Second):
					t.Errorf("cycle %d: the console never signed in", cycle)
				}
			}
			if down {
				env.stop()
			}
			time.Sleep(kill)
			cmd.Process.Signal(syscall.SIGKILL)
		}
		<-done
		cmd.Wait()
	}

	const cycles = 50
	for cycle := 0; cycle < cycles; cycle++ {
		down := cycle%8 == 3 // the central endpoint goes away during this cycle
		runWorker("act", cycle, time.Duration(100+rng.IntN(500))*time.Millisecond, down)
		if down {
			env.start()
		}
	}
	drained := make(chan struct{})
	go func() { runWorker("drain", cycles, 0, false); close(drained) }()
	select {
	case <-drained:
	case <-time.After(30 * time.Second):
		t.Fatal("the console did not drain its backlog")
	}
	if len(acked) < 10 {
		t.Fatalf("only %d sends were acknowledged in %d cycles: the test did not exercise enough", len(acked), cycles)
	}

	// What the central endpoint holds.
	db, err := maintenance.OpenReadOnly(context.Background(), filepath.Join(env.dir, central.DBFileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	con, err := store.OpenConsole(context.Background(), consoleDir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer con.Close()
	count := map[string]int{}
	rows, err := db.Query(`SELECT console_id, action, outcome, detail FROM audit`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var cid, action, outcome, detail string
		rows.Scan(&cid, &action, &outcome, &detail)
		var d map[string]string
		json.Unmarshal([]byte(detail), &d)
		switch {
		case cid == con.ID() && action == "send.request":
			count["request "+d["idempotency_key"]]++
		case cid == con.ID() && action == "send" && outcome == "ok":
			count["sent "+d["idempotency_key"]+" "+d["message_id"]]++
		case cid == central.ServerConsoleID && action == "message.send" && outcome == "ok":
			count["server "+d["message"]]++
		}
	}
	rows.Close()
	for key, msg := range acked {
		for _, k := range []string{"request " + key, "sent " + key + " " + msg, "server " + msg} {
			if count[k] != 1 {
				t.Errorf("acknowledged send %s: %d entries %q at the central endpoint, want exactly 1", key, count[k], k)
			}
		}
	}
	n, err := con.VerifyChain(context.Background())
	if err != nil {
		t.Fatalf("console chain: %v", err)
	}
	var held int
	db.QueryRow(`SELECT COUNT(*) FROM audit WHERE console_id = ?`, con.ID()).Scan(&held)
	if held != n {
		t.Fatalf("the console holds %d entries, the central endpoint %d", n, held)
	}
	if _, _, err := env.srv.Checkpoint(context.Background()); err != nil {
		t.Fatal(err)
	}
	pub, _ := audit.ParsePublicKey(env.srv.AuditPublicKey())
	rep, err := auditlog.VerifyLog(context.Background(), db, pub, nil)
	if err != nil {
		t.Fatalf("central log: %v", err)
	}
	t.Logf("%d cycles, %d acknowledged sends, %d console entries delivered, %d entries in the central log, %d checkpoints",
		cycles, len(acked), n, rep.Entries, rep.Checkpoints)
}
