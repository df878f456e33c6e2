//go:build unix

package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central"
)

// The delivery guarantee, proven with the real binaries: triaged and
// bspsim run as processes on loopback, the simulated provider fails a
// third of all sends, triaged is killed with SIGKILL while the console is
// still sending, and the console retries. Afterwards every message the
// console had accepted reached the provider exactly once and in order per
// patient, every patient message (each delivered twice, some while
// triaged was down) is stored exactly once, and the statuses arrived.

const (
	e2eAppSecret   = "e2e-app-secret-5d21"
	e2eVerifyToken = "e2e-verify-token"
	e2eToken       = "e2e-system-user-token"
	e2ePhoneID     = "106540352242922"
	e2ePassword    = "plum-otter-lantern-97"
	e2ePatients    = 10 // the clinic's default cap is 10 messages a day per patient
	e2eMessages    = 60
)

var e2eSeq = regexp.MustCompile(`^Reminder (\d+) of \d+ about the front desk hours$`)

func e2ePhone(i int) string { return fmt.Sprintf("+4477009001%02d", i+1) }

// proc is a child process started by the test.
type proc struct {
	name string
	cmd  *exec.Cmd
	log  string
	done chan struct{}
}

func startProc(t *testing.T, name, bin string, args []string, env []string, logPath string) *proc {
	t.Helper()
	f, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		f.Close()
		t.Fatalf("start %s: %v", name, err)
	}
	p := &proc{name: name, cmd: cmd, log: logPath, done: make(chan struct{})}
	go func() { cmd.Wait(); f.Close(); close(p.done) }()
	t.Cleanup(func() { p.stop(syscall.SIGTERM) })
	return p
}

// stop signals this process (only this one, by its pid) and waits for it.
func (p *proc) stop(sig syscall.Signal) {
	select {
	case <-p.done:
		return
	default:
	}
	p.cmd.Process.Signal(sig)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// baseEnv is the test's environment without any TRIAGED_/BSPSIM_ setting
// and without a session bus, so keys come from the passphrase file and no
// keyring outside the test is touched.
func baseEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TRIAGED_") || strings.HasPrefix(kv, "BSPSIM_") || strings.HasPrefix(kv, "DBUS_SESSION_BUS_ADDRESS=") {
			continue
		}
		out = append(out, kv)
	}
	return append(out, "DBUS_SESSION_BUS_ADDRESS=")
}

// eventually polls cond until it reports true or the deadline passes;
// the failure names what was awaited and the last state seen.
func eventually(t *testing.T, within time.Duration, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(within)
	last := ""
	for {
		ok, state := cond()
		if ok {
			return
		}
		last = state
		if time.Now().After(deadline) {
			t.Fatalf("after %s still waiting for %s; last seen: %s", within, what, last)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

var e2eClient = &http.Client{Timeout: 5 * time.Second}

// call sends a JSON request; err is a transport error (the server is down).
func call(method, url, token string, body, out any) (int, error) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := e2eClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	if out != nil && resp.StatusCode/100 == 2 && len(raw) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			return resp.StatusCode, fmt.Errorf("%s %s: %w", method, url, err)
		}
	}
	return resp.StatusCode, nil
}

func mustCall(t *testing.T, want int, method, url, token string, body, out any) {
	t.Helper()
	code, err := call(method, url, token, body, out)
	if err != nil || code != want {
		t.Fatalf("%s %s: status %d, err %v; want %d", method, url, code, err, want)
	}
}

type simEntry struct {
	ID             string `json:"id"`
	To             string `json:"to"`
	Text           string `json:"text"`
	IdempotencyKey string `json:"idempotency_key"`
}

func TestDeliveryExactlyOnceAcrossCrashAndFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs triaged and bspsim as processes")
	}
	dir := t.TempDir()
	binDir := filepath.Join(dir, "bin")
	build := exec.Command("go", "build", "-o", binDir+string(filepath.Separator),
		"github.com/clinicwa/triage/cmd/triaged", "github.com/clinicwa/triage/cmd/bspsim")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	simAddr, triAddr := freeAddr(t), freeAddr(t)
	simURL, triURL := "http://"+simAddr, "http://"+triAddr
	dataDir := filepath.Join(dir, "data")
	passFile := filepath.Join(dir, "passphrase")
	usersFile := filepath.Join(dir, "users.json")
	os.WriteFile(passFile, []byte("correct-horse-battery-staple-e2e\n"), 0o600)
	users, _ := json.Marshal([]central.SeedUser{{Username: "desk", Password: e2ePassword, Role: "frontdesk"}})
	os.WriteFile(usersFile, users, 0o600)
	var optins []string
	for i := range e2ePatients {
		optins = append(optins, e2ePhone(i))
	}

	logs := startSimulator(t, dir, binDir, simAddr, triURL)

	triEnv := append(baseEnv(),
		"TRIAGED_ADDR="+triAddr, "TRIAGED_DATA="+dataDir, "TRIAGED_PROVIDER=cloudapi",
		"TRIAGED_WHATSAPP_APP_SECRET="+e2eAppSecret, "TRIAGED_WHATSAPP_VERIFY_TOKEN="+e2eVerifyToken,
		"TRIAGED_WHATSAPP_TOKEN="+e2eToken, "TRIAGED_WHATSAPP_PHONE_NUMBER_ID="+e2ePhoneID,
		"TRIAGED_WHATSAPP_API_BASE="+simURL, "TRIAGED_KEY_PASSPHRASE_FILE="+passFile,
		"TRIAGED_SEED_USERS_FILE="+usersFile, "TRIAGED_SEED_OPTINS="+strings.Join(optins, ","),
		"TRIAGED_RETRY_BASE=50ms", "TRIAGED_RETRY_MAX=400ms", "TRIAGED_IN_DOUBT_WAIT=8s",
		"TRIAGED_LOG="+logs[1], "TRIAGED_METRICS_ADDR=off", // tests in other packages run triaged too
	)
	startTriaged := func() *proc {
		p := startProc(t, "triaged", filepath.Join(binDir, "triaged"), nil, triEnv, filepath.Join(dir, "triaged.out"))
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
	tri := startTriaged()

	var login api.LoginResponse
	mustCall(t, 200, "POST", triURL+api.Version+"/login", "", api.LoginRequest{Username: "desk", Password: e2ePassword, ConsoleID: "console-e2e"}, &login)
	token := login.Token
	// The workforce acknowledges the messaging policy before any thread
	// opens; until then the thread routes refuse.
	mustCall(t, 403, "GET", triURL+api.Version+"/threads", token, nil, nil)
	var pol api.MessagingPolicy
	mustCall(t, 200, "GET", triURL+api.Version+"/policy", token, nil, &pol)
	mustCall(t, 200, "POST", triURL+api.Version+"/policy/ack", token, api.PolicyAckRequest{Version: pol.Version, FullName: "Desk Staff Member"}, nil)

	// Phase 1: every patient writes in, each webhook delivered twice.
	mustCall(t, 200, "POST", simURL+"/sim/faults", "", map[string]any{"duplicate_ratio": 1.0}, nil)
	for i := range e2ePatients {
		mustCall(t, 202, "POST", simURL+"/sim/inbound", "", map[string]string{"from": e2ePhone(i), "name": "Test Patient", "text": "Hello, is the clinic open today?"}, nil)
	}
	eventually(t, 15*time.Second, "both copies of every inbound webhook to be answered", func() (bool, string) {
		var st struct{ Delivered int }
		call("GET", simURL+"/sim/stats", "", nil, &st)
		return st.Delivered >= 2*e2ePatients, fmt.Sprintf("%d delivered", st.Delivered)
	})
	var threads []api.ThreadSummary
	mustCall(t, 200, "GET", triURL+api.Version+"/threads", token, nil, &threads)
	if len(threads) != e2ePatients {
		t.Fatalf("threads = %d after %d patients wrote in (each twice over the wire), want %d", len(threads), e2ePatients, e2ePatients)
	}
	threadIDs := make([]string, len(threads))
	for i, th := range threads {
		threadIDs[i] = th.ID
	}

	// Phase 2: the provider fails a third of all sends; the console sends
	// 60 messages over the threads while triaged is killed and restarted.
	mustCall(t, 200, "POST", simURL+"/sim/faults", "", map[string]any{"fail_ratio": 0.33, "status": 500, "code": 131000, "duplicate_ratio": 1.0}, nil)

	var (
		mu        sync.Mutex
		msgID     = map[int]string{} // sequence number -> message id
		accepted  atomic.Int32
		replays   atomic.Int32
		restarted = make(chan struct{})
	)
	sendDeadline := time.Now().Add(40 * time.Second)
	// send posts one message until triaged answers, as a console does:
	// a lost answer (the server died mid-request) is retried with the same key.
	send := func(seq int) (string, error) {
		th := threadIDs[(seq-1)%len(threadIDs)]
		req := api.SendRequest{IdempotencyKey: fmt.Sprintf("e2e-key-%02d", seq), Text: fmt.Sprintf("Reminder %d of %d about the front desk hours", seq, e2eMessages)}
		for {
			var sr api.SendResponse
			code, err := call("POST", triURL+api.Version+"/threads/"+th+"/send", token, req, &sr)
			switch {
			case err == nil && code == 200:
				return sr.Message.ID, nil
			case err == nil && code != http.StatusServiceUnavailable:
				return "", fmt.Errorf("send %d: status %d (a refusal means the outbound rules stopped it)", seq, code)
			}
			if time.Now().After(sendDeadline) {
				return "", fmt.Errorf("send %d: triaged never accepted it (last: %d %v)", seq, code, err)
			}
			time.Sleep(30 * time.Millisecond)
		}
	}
	errs := make(chan error, e2ePatients)
	var wg sync.WaitGroup
	for w := range e2ePatients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each thread's messages go in order, as one receptionist types them.
			for seq := w + 1; seq <= e2eMessages; seq += e2ePatients {
				id, err := send(seq)
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				msgID[seq] = id
				mu.Unlock()
				accepted.Add(1)
				if seq%7 == 0 {
					// A console retry of an accepted send: same message, nothing new.
					again, err := send(seq)
					if err != nil || again != id {
						errs <- fmt.Errorf("retry of send %d: message %q, err %v; want the original %q", seq, again, err, id)
						return
					}
					replays.Add(1)
				}
				if accepted.Load() >= e2eMessages/2 {
					<-restarted // hold the second half until the kill has happened
				}
			}
		}()
	}

	// Kill triaged mid-stream: sends are being posted, jobs are queued,
	// some are mid-call to the provider and others waiting to retry.
	eventually(t, 20*time.Second, "half of the sends to be accepted", func() (bool, string) {
		return accepted.Load() >= e2eMessages/2-5, fmt.Sprint(accepted.Load(), " accepted")
	})
	tri.stop(syscall.SIGKILL)
	// While it is down, every patient writes again; the provider keeps
	// retrying those webhooks (and their duplicates) until triaged is back.
	for i := range e2ePatients {
		mustCall(t, 202, "POST", simURL+"/sim/inbound", "", map[string]string{"from": e2ePhone(i), "name": "Test Patient", "text": "Thanks, see you then."}, nil)
	}
	startTriaged()
	close(restarted)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if len(msgID) != e2eMessages {
		t.Fatalf("accepted %d sends, want %d", len(msgID), e2eMessages)
	}
	// Console retries after the restart of sends accepted before it.
	for seq := 1; seq <= e2eMessages; seq += 5 {
		id, err := send(seq)
		if err != nil || id != msgID[seq] {
			t.Fatalf("retry after restart of send %d: message %q, err %v; want %q", seq, id, err, msgID[seq])
		}
	}

	// Wait until triaged has nothing left to deliver (read straight from
	// its outbox table, whose columns hold no PHI), then compare with
	// what the provider received.
	db, err := sql.Open("sqlite", central.DSN(filepath.Join(dataDir, central.DBFileName)))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	eventually(t, 40*time.Second, "triaged's outbox to drain", func() (bool, string) {
		var pending, failed int
		if err := db.QueryRow(`SELECT COUNT(*) FILTER (WHERE state = 'pending'), COUNT(*) FILTER (WHERE state = 'failed') FROM outbox`).Scan(&pending, &failed); err != nil {
			return false, err.Error()
		}
		if failed > 0 {
			t.Fatalf("%d sends failed for good; injected 500/131000 faults must be retried", failed)
		}
		return pending == 0, fmt.Sprintf("%d pending", pending)
	})

	var outbox []simEntry
	mustCall(t, 200, "GET", simURL+"/sim/outbox", "", nil, &outbox)
	want := map[string]int{}
	for seq, id := range msgID {
		want[id] = seq
	}
	times := map[string]int{}
	lastSeq := map[string]int{}
	for _, e := range outbox {
		seq, ok := want[e.IdempotencyKey]
		if !ok {
			t.Errorf("the provider received a message the console never sent (key %q)", e.IdempotencyKey)
			continue
		}
		times[e.IdempotencyKey]++
		m := e2eSeq.FindStringSubmatch(e.Text)
		if m == nil || m[1] != strconv.Itoa(seq) {
			t.Errorf("message %d reached the patient as %q", seq, e.Text)
		}
		if seq <= lastSeq[e.To] {
			t.Errorf("to %s: message %d arrived after message %d: out of order", e.To[len(e.To)-4:], seq, lastSeq[e.To])
		}
		lastSeq[e.To] = seq
	}
	lost, twice := 0, 0
	for id, seq := range want {
		switch times[id] {
		case 0:
			lost++
			t.Errorf("message %d was never delivered to the provider", seq)
		case 1:
		default:
			twice++
			t.Errorf("message %d reached the patient %d times", seq, times[id])
		}
	}
	t.Logf("%d sends accepted, %d console retries answered with the original message, %d provider sends, %d lost, %d duplicated",
		len(want), int(replays.Load())+(e2eMessages+4)/5, len(outbox), lost, twice)

	// Every patient message is stored once, though each was delivered
	// twice and the second ones while triaged was down; every send's
	// statuses reached the thread.
	eventually(t, 20*time.Second, "every thread to hold 2 patient messages and 6 read replies", func() (bool, string) {
		for _, id := range threadIDs {
			var d api.ThreadDetail
			if code, err := call("GET", triURL+api.Version+"/threads/"+id, token, nil, &d); err != nil || code != 200 {
				return false, fmt.Sprint(code, err)
			}
			in, read := 0, 0
			for _, m := range d.Messages {
				if m.Direction == "in" {
					in++
				} else if m.Status == "read" {
					read++
				}
			}
			if in > 2 {
				t.Fatalf("thread %s holds %d patient messages; 2 were written (each delivered twice)", id, in)
			}
			if in != 2 || read != e2eMessages/e2ePatients {
				return false, fmt.Sprintf("thread %s: %d in, %d read", id, in, read)
			}
		}
		return true, ""
	})
}

// startSimulator starts bspsim on simAddr, delivering webhooks to the
// triaged at triURL, and waits until it listens. It returns the log files
// of the simulator and of the triaged the test starts next; their ends are
// printed when the test fails.
func startSimulator(t *testing.T, dir, binDir, simAddr, triURL string) []string {
	t.Helper()
	logs := []string{filepath.Join(dir, "bspsim.log"), filepath.Join(dir, "triaged.log")}
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		for _, l := range logs {
			b, _ := os.ReadFile(l)
			if len(b) > 6000 {
				b = b[len(b)-6000:]
			}
			t.Logf("--- end of %s ---\n%s", filepath.Base(l), b)
		}
	})
	startProc(t, "bspsim", filepath.Join(binDir, "bspsim"), []string{
		"-addr", simAddr, "-webhook-url", triURL + "/webhooks/whatsapp", "-app-secret", e2eAppSecret,
		"-token", e2eToken, "-phone-number-id", e2ePhoneID, "-status-delay", "20ms",
	}, baseEnv(), logs[0])
	simURL := "http://" + simAddr
	eventually(t, 10*time.Second, "bspsim to listen", func() (bool, string) {
		code, err := call("GET", simURL+"/sim/faults", "", nil, nil)
		return err == nil && code == 200, fmt.Sprint(code, err)
	})
	return logs
}
