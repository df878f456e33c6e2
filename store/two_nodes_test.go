//go:build unix

package store_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/internal/pgcluster"
)

// Two triaged nodes on one PostgreSQL, as a health system runs them
// behind a load balancer, proven with the real binaries: both start
// together on an empty database, every webhook is delivered to both
// nodes (and by the provider twice), sends are issued through both, and
// one node is SIGKILLed while the provider is holding its sends, so the
// kill lands mid-delivery. Afterwards every patient message is stored
// once, every send reached the provider once, and a console connected to
// node B saw the event of a webhook that only node A received.

const (
	tnAppSecret   = "two-nodes-app-secret-8e1a"
	tnVerifyToken = "two-nodes-verify-token"
	tnToken       = "two-nodes-system-user-token"
	tnPhoneID     = "106540352242922"
	tnPassword    = "plum-otter-lantern-97"
)

// tnProc is a child process started by the test.
type tnProc struct {
	name string
	cmd  *exec.Cmd
	log  string
	done chan struct{}
}

func tnStart(t *testing.T, name, bin string, args []string, env []string, logPath string) *tnProc {
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
	p := &tnProc{name: name, cmd: cmd, log: logPath, done: make(chan struct{})}
	go func() { cmd.Wait(); f.Close(); close(p.done) }()
	t.Cleanup(func() { p.stop(syscall.SIGTERM) })
	return p
}

// stop signals this process (only this one, by its pid) and waits for it.
func (p *tnProc) stop(sig syscall.Signal) {
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

func tnFreeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// tnBaseEnv is the environment without any TRIAGED_/BSPSIM_ setting and
// without a session bus, so keys come from the passphrase file.
func tnBaseEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TRIAGED_") || strings.HasPrefix(kv, "BSPSIM_") || strings.HasPrefix(kv, "DBUS_SESSION_BUS_ADDRESS=") {
			continue
		}
		out = append(out, kv)
	}
	return append(out, "DBUS_SESSION_BUS_ADDRESS=")
}

// tnEventually polls cond until it reports true or the deadline passes.
func tnEventually(t *testing.T, within time.Duration, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		ok, state := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %s still waiting for %s; last seen: %s", within, what, state)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

var tnClient = &http.Client{Timeout: 5 * time.Second}

// tnCall sends a JSON request; err is a transport error (the node is down).
func tnCall(method, url, token string, body, out any) (int, error) {
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
	resp, err := tnClient.Do(req)
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

func tnMustCall(t *testing.T, want int, method, url, token string, body, out any) {
	t.Helper()
	code, err := tnCall(method, url, token, body, out)
	if err != nil || code != want {
		t.Fatalf("%s %s: status %d, err %v; want %d", method, url, code, err, want)
	}
}

type tnSimEntry struct {
	ID             string `json:"id"`
	To             string `json:"to"`
	IdempotencyKey string `json:"idempotency_key"`
}

const (
	mnPatients = 8
	mnSends    = 5 // per patient; the clinic's cap is 10 a day
)

func mnPhone(i int) string { return fmt.Sprintf("+4477009003%02d", i+1) }

// fanOut is the load balancer in front of the nodes' webhook routes: it
// delivers each webhook to every node it is told to at once, and answers
// 200 when any of them stored it, as a provider retrying into a load
// balancer would see it.
type fanOut struct {
	mu      sync.Mutex
	targets []string
}

func (f *fanOut) set(targets ...string) {
	f.mu.Lock()
	f.targets = targets
	f.mu.Unlock()
}

func (f *fanOut) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	targets := append([]string(nil), f.targets...)
	f.mu.Unlock()
	var wg sync.WaitGroup
	var ok atomic.Bool
	for _, t := range targets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest(r.Method, t+r.URL.RequestURI(), bytes.NewReader(body))
			req.Header = r.Header.Clone()
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return // that node is down
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				ok.Store(true)
			}
		}()
	}
	wg.Wait()
	if !ok.Load() {
		http.Error(w, "no node stored it", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// slowProvider sits between the nodes and the simulated provider (node
// A's sends under /a, node B's under /b). While holding, it keeps node
// A's sends without answering, then passes them on when released, after
// node A is dead: the provider has the message, its sender never heard.
type slowProvider struct {
	sim     string
	holding atomic.Bool
	held    chan struct{} // one tick per send held
	release chan struct{}
}

func (p *slowProvider) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	node, rest, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	body, _ := io.ReadAll(r.Body)
	if node == "a" && r.Method == http.MethodPost && strings.HasSuffix(rest, "/messages") && p.holding.Load() {
		select {
		case p.held <- struct{}{}:
		default:
		}
		<-p.release
	}
	// The provider gets the request whether or not its sender is alive.
	req, _ := http.NewRequestWithContext(context.Background(), r.Method, p.sim+"/"+rest, bytes.NewReader(body))
	req.URL.RawQuery = r.URL.RawQuery
	req.Header = r.Header.Clone()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	io.Copy(w, resp.Body)
}

func TestTwoNodesOnOnePostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs two triaged processes and bspsim on a PostgreSQL cluster")
	}
	db := pgcluster.NewDatabase(t)
	dir := t.TempDir()
	binDir := filepath.Join(dir, "bin")
	build := exec.Command("go", "build", "-o", binDir+string(filepath.Separator),
		"github.com/clinicwa/triage/cmd/triaged", "github.com/clinicwa/triage/cmd/bspsim")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	simAddr := tnFreeAddr(t)
	simURL := "http://" + simAddr
	nodeAddr := []string{tnFreeAddr(t), tnFreeAddr(t)}
	nodeURL := []string{"http://" + nodeAddr[0], "http://" + nodeAddr[1]}

	lb := &fanOut{}
	lb.set(nodeURL...)
	lbSrv := httptest.NewServer(lb)
	defer lbSrv.Close()
	slow := &slowProvider{sim: simURL, held: make(chan struct{}, 64), release: make(chan struct{})}
	slowSrv := httptest.NewServer(slow)
	defer slowSrv.Close()
	var releaseOnce sync.Once
	releaseHeld := func() { releaseOnce.Do(func() { close(slow.release) }) }
	defer releaseHeld()

	passFile := filepath.Join(dir, "passphrase")
	usersFile := filepath.Join(dir, "users.json")
	os.WriteFile(passFile, []byte("correct-horse-battery-staple-two-nodes\n"), 0o600)
	users, _ := json.Marshal([]central.SeedUser{{Username: "desk", Password: tnPassword, Role: "frontdesk"}})
	os.WriteFile(usersFile, users, 0o600)
	var optins []string
	for i := range mnPatients {
		optins = append(optins, mnPhone(i))
	}
	logs := []string{filepath.Join(dir, "bspsim.log"), filepath.Join(dir, "node-a.log"), filepath.Join(dir, "node-b.log")}
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		for _, l := range append(logs, filepath.Join(dir, "node-a.out"), filepath.Join(dir, "node-b.out")) {
			b, _ := os.ReadFile(l)
			if len(b) > 6000 {
				b = b[len(b)-6000:]
			}
			t.Logf("--- end of %s ---\n%s", filepath.Base(l), b)
		}
	})

	tnStart(t, "bspsim", filepath.Join(binDir, "bspsim"), []string{
		"-addr", simAddr, "-webhook-url", lbSrv.URL + "/webhooks/whatsapp", "-app-secret", tnAppSecret,
		"-token", tnToken, "-phone-number-id", tnPhoneID, "-status-delay", "20ms",
	}, tnBaseEnv(), logs[0])
	tnEventually(t, 10*time.Second, "bspsim to listen", func() (bool, string) {
		code, err := tnCall("GET", simURL+"/sim/faults", "", nil, nil)
		return err == nil && code == 200, fmt.Sprint(code, err)
	})

	// Both nodes start at once on the empty database: one migrates it,
	// the other waits its turn and finds the work done.
	nodes := make([]*tnProc, 2)
	for i, name := range []string{"a", "b"} {
		env := append(tnBaseEnv(),
			"TRIAGED_ADDR="+nodeAddr[i], "TRIAGED_DATA="+filepath.Join(dir, "data-"+name), "TRIAGED_DATABASE_URL="+db.URL,
			"TRIAGED_PROVIDER=cloudapi",
			"TRIAGED_WHATSAPP_APP_SECRET="+tnAppSecret, "TRIAGED_WHATSAPP_VERIFY_TOKEN="+tnVerifyToken,
			"TRIAGED_WHATSAPP_TOKEN="+tnToken, "TRIAGED_WHATSAPP_PHONE_NUMBER_ID="+tnPhoneID,
			"TRIAGED_WHATSAPP_API_BASE="+slowSrv.URL+"/"+name, "TRIAGED_KEY_PASSPHRASE_FILE="+passFile,
			"TRIAGED_SEED_USERS_FILE="+usersFile, "TRIAGED_SEED_OPTINS="+strings.Join(optins, ","),
			"TRIAGED_RETRY_BASE=50ms", "TRIAGED_RETRY_MAX=400ms", "TRIAGED_IN_DOUBT_WAIT=8s", "TRIAGED_OUTBOX_LEASE=3s",
			"TRIAGED_LOG="+logs[1+i], "TRIAGED_METRICS_ADDR=off",
		)
		nodes[i] = tnStart(t, "triaged-"+name, filepath.Join(binDir, "triaged"), nil, env, filepath.Join(dir, "node-"+name+".out"))
	}
	for i, p := range nodes {
		tnEventually(t, 30*time.Second, "node "+string(rune('A'+i))+" to answer /healthz", func() (bool, string) {
			select {
			case <-p.done:
				b, _ := os.ReadFile(logs[1+i])
				t.Fatalf("node %c exited at start: %s", 'A'+i, b)
			default:
			}
			code, err := tnCall("GET", nodeURL[i]+"/healthz", "", nil, nil)
			return err == nil && code == 200, fmt.Sprint(code, err)
		})
	}

	// One session, used through either node (sessions live in the shared
	// database): the console follows the load balancer.
	var login api.LoginResponse
	tnMustCall(t, 200, "POST", nodeURL[0]+api.Version+"/login", "", api.LoginRequest{Username: "desk", Password: tnPassword, ConsoleID: "console-two-nodes"}, &login)
	token := login.Token
	var pol api.MessagingPolicy
	tnMustCall(t, 200, "GET", nodeURL[1]+api.Version+"/policy", token, nil, &pol)
	tnMustCall(t, 200, "POST", nodeURL[1]+api.Version+"/policy/ack", token, api.PolicyAckRequest{Version: pol.Version, FullName: "Desk Staff Member"}, nil)

	// A console streams events from node B.
	streamReq, _ := http.NewRequest("GET", nodeURL[1]+api.Version+"/events", nil)
	streamReq.Header.Set("Authorization", "Bearer "+token)
	streamResp, err := http.DefaultClient.Do(streamReq)
	if err != nil || streamResp.StatusCode != 200 {
		t.Fatalf("event stream on node B: %v %v", err, streamResp)
	}
	defer streamResp.Body.Close()
	var seenMu sync.Mutex
	seenOnB := map[string]bool{} // thread ids of message.new events
	go func() {
		sc := bufio.NewScanner(streamResp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var ev api.Event
				if json.Unmarshal([]byte(data), &ev) == nil && ev.Type == api.EventMessageNew {
					seenMu.Lock()
					seenOnB[ev.ThreadID] = true
					seenMu.Unlock()
				}
			}
		}
	}()

	// A webhook that reaches node A only.
	lb.set(nodeURL[0])
	tnMustCall(t, 202, "POST", simURL+"/sim/inbound", "", map[string]string{"from": mnPhone(0), "name": "Test Patient", "text": "Hello, is the clinic open today?"}, nil)
	var threadA string
	tnEventually(t, 15*time.Second, "node A to store the first patient's message", func() (bool, string) {
		var threads []api.ThreadSummary
		code, err := tnCall("GET", nodeURL[0]+api.Version+"/threads", token, nil, &threads)
		if err != nil || code != 200 || len(threads) == 0 {
			return false, fmt.Sprint(code, err)
		}
		threadA = threads[0].ID
		return true, ""
	})
	tnEventually(t, 10*time.Second, "node B's console to see the message that arrived at node A", func() (bool, string) {
		seenMu.Lock()
		defer seenMu.Unlock()
		return seenOnB[threadA], fmt.Sprint(len(seenOnB), " threads seen")
	})

	// From here every webhook goes to both nodes, and the provider
	// delivers each one twice.
	lb.set(nodeURL...)
	tnMustCall(t, 200, "POST", simURL+"/sim/faults", "", map[string]any{"duplicate_ratio": 1.0}, nil)
	for i := range mnPatients {
		tnMustCall(t, 202, "POST", simURL+"/sim/inbound", "", map[string]string{"from": mnPhone(i), "name": "Test Patient", "text": "I have a question about my visit."}, nil)
	}
	threadOf := map[string]string{}
	tnEventually(t, 20*time.Second, "every patient's thread", func() (bool, string) {
		var threads []api.ThreadSummary
		if code, err := tnCall("GET", nodeURL[1]+api.Version+"/threads", token, nil, &threads); err != nil || code != 200 {
			return false, fmt.Sprint(code, err)
		}
		for _, th := range threads {
			threadOf[th.ID] = th.ID
		}
		return len(threads) == mnPatients, fmt.Sprint(len(threads), " threads")
	})
	var threadIDs []string
	for id := range threadOf {
		threadIDs = append(threadIDs, id)
	}

	// Sends through both nodes; a send whose node is gone is retried, with
	// the same key, through the other, as a console behind the load
	// balancer would.
	var (
		mu       sync.Mutex
		accepted = map[string]string{} // console key -> message id
		sent     atomic.Int32
		killed   = make(chan struct{})
	)
	send := func(seq int, th string) error {
		req := api.SendRequest{IdempotencyKey: fmt.Sprintf("two-nodes-%02d", seq), Text: fmt.Sprintf("Reminder %d about the front desk hours", seq)}
		node := seq % 2
		deadline := time.Now().Add(40 * time.Second)
		for {
			var sr api.SendResponse
			code, err := tnCall("POST", nodeURL[node]+api.Version+"/threads/"+th+"/send", token, req, &sr)
			switch {
			case err == nil && code == 200:
				mu.Lock()
				accepted[req.IdempotencyKey] = sr.Message.ID
				mu.Unlock()
				return nil
			case err == nil && code != http.StatusServiceUnavailable:
				return fmt.Errorf("send %d: status %d", seq, code)
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("send %d: never accepted (last: %d %v)", seq, code, err)
			}
			node = 1 - node // that node is down: the load balancer tries the other
			time.Sleep(30 * time.Millisecond)
		}
	}
	// Node A's sends are held by the provider from now on.
	slow.holding.Store(true)
	errs := make(chan error, len(threadIDs))
	var wg sync.WaitGroup
	for w, th := range threadIDs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range mnSends {
				seq := w*mnSends + k
				if err := send(seq, th); err != nil {
					errs <- err
					return
				}
				// Past half of the sends, the rest wait for the kill.
				if int(sent.Add(1)) >= len(threadIDs)*mnSends/2 {
					<-killed
				}
			}
		}()
	}
	// The kill lands while node A's sends are with the provider, unanswered.
	select {
	case <-slow.held:
	case <-time.After(20 * time.Second):
		t.Fatal("node A never made a send")
	}
	time.Sleep(200 * time.Millisecond) // let node A take more jobs in flight
	var inFlightAtKill int
	db.DB.QueryRow(`SELECT COUNT(*) FROM outbox WHERE state = 'pending' AND last_error = 'in_flight'`).Scan(&inFlightAtKill)
	nodes[0].stop(syscall.SIGKILL)
	slow.holding.Store(false)
	releaseHeld() // the provider now has what node A sent: the patient gets it
	close(killed)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if len(accepted) != len(threadIDs)*mnSends {
		t.Fatalf("%d sends accepted, want %d", len(accepted), len(threadIDs)*mnSends)
	}

	// Node B finishes everything: the sends node A had in flight are
	// settled by the provider's statuses, those it had only taken are
	// taken over when their leases run out.
	tnEventually(t, 60*time.Second, "the shared outbox to drain", func() (bool, string) {
		var pending, failed int
		if err := db.DB.QueryRow(`SELECT COUNT(*) FILTER (WHERE state = 'pending'), COUNT(*) FILTER (WHERE state = 'failed') FROM outbox`).Scan(&pending, &failed); err != nil {
			return false, err.Error()
		}
		if failed > 0 {
			t.Fatalf("%d sends failed for good", failed)
		}
		return pending == 0, fmt.Sprintf("%d pending", pending)
	})
	var outbox []tnSimEntry
	tnMustCall(t, 200, "GET", simURL+"/sim/outbox", "", nil, &outbox)
	times := map[string]int{}
	for _, e := range outbox {
		times[e.IdempotencyKey]++
	}
	keys := map[string]bool{}
	rows, err := db.DB.Query(`SELECT idempotency_key FROM outbox`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var k string
		rows.Scan(&k)
		keys[k] = true
	}
	rows.Close()
	for k := range keys {
		if times[k] != 1 {
			t.Errorf("send %s reached the provider %d times, want once", k, times[k])
		}
	}
	for k, id := range accepted {
		if !keys[id] {
			t.Errorf("accepted send %s (message %s) has no outbox job", k, id)
		}
	}
	if len(outbox) != len(keys) {
		t.Errorf("the provider received %d sends for %d jobs", len(outbox), len(keys))
	}

	// Every patient message is stored once: the first patient wrote twice,
	// the others once, each delivered twice to each of two nodes.
	var inbound int
	if err := db.DB.QueryRow(`SELECT COUNT(*) FROM messages WHERE direction = 'in'`).Scan(&inbound); err != nil {
		t.Fatal(err)
	}
	if inbound != mnPatients+1 {
		t.Errorf("%d patient messages stored, want %d (each once)", inbound, mnPatients+1)
	}
	t.Logf("%d sends accepted through two nodes, %d in flight at the kill, %d provider sends, %d patient messages stored",
		len(accepted), inFlightAtKill, len(outbox), inbound)
}
