//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
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
	"github.com/clinicwa/triage/store/pgtest"
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
	db := pgtest.NewDatabase(t)
	dir := t.TempDir()
	binDir := filepath.Join(dir, "bin")
	build := exec.Command("go", "build", "-o", binDir+string(filepath.Separator),
		"github.com/clinicwa/triage/cmd/triaged", "github.com/clinicwa/triage/cmd/bspsim")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	simAddr := freeAddr(t)
	simURL := "http://" + simAddr
	nodeAddr := []string{freeAddr(t), freeAddr(t)}
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
	users, _ := json.Marshal([]central.SeedUser{{Username: "desk", Password: e2ePassword, Role: "frontdesk"}})
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

	startProc(t, "bspsim", filepath.Join(binDir, "bspsim"), []string{
		"-addr", simAddr, "-webhook-url", lbSrv.URL + "/webhooks/whatsapp", "-app-secret", e2eAppSecret,
		"-token", e2eToken, "-phone-number-id", e2ePhoneID, "-status-delay", "20ms",
	}, baseEnv(), logs[0])
	eventually(t, 10*time.Second, "bspsim to listen", func() (bool, string) {
		code, err := call("GET", simURL+"/sim/faults", "", nil, nil)
		return err == nil && code == 200, fmt.Sprint(code, err)
	})

	// Both nodes start at once on the empty database: one migrates it,
	// the other waits its turn and finds the work done.
	nodes := make([]*proc, 2)
	for i, name := range []string{"a", "b"} {
		env := append(baseEnv(),
			"TRIAGED_ADDR="+nodeAddr[i], "TRIAGED_DATA="+filepath.Join(dir, "data-"+name), "TRIAGED_DATABASE_URL="+db.URL,
			"TRIAGED_PROVIDER=cloudapi",
			"TRIAGED_WHATSAPP_APP_SECRET="+e2eAppSecret, "TRIAGED_WHATSAPP_VERIFY_TOKEN="+e2eVerifyToken,
			"TRIAGED_WHATSAPP_TOKEN="+e2eToken, "TRIAGED_WHATSAPP_PHONE_NUMBER_ID="+e2ePhoneID,
			"TRIAGED_WHATSAPP_API_BASE="+slowSrv.URL+"/"+name, "TRIAGED_KEY_PASSPHRASE_FILE="+passFile,
			"TRIAGED_SEED_USERS_FILE="+usersFile, "TRIAGED_SEED_OPTINS="+strings.Join(optins, ","),
			"TRIAGED_RETRY_BASE=50ms", "TRIAGED_RETRY_MAX=400ms", "TRIAGED_IN_DOUBT_WAIT=8s", "TRIAGED_OUTBOX_LEASE=3s",
			"TRIAGED_LOG="+logs[1+i], "TRIAGED_METRICS_ADDR=off",
		)
		nodes[i] = startProc(t, "triaged-"+name, filepath.Join(binDir, "triaged"), nil, env, filepath.Join(dir, "node-"+name+".out"))
	}
	for i, p := range nodes {
		eventually(t, 30*time.Second, "node "+string(rune('A'+i))+" to answer /healthz", func() (bool, string) {
			select {
			case <-p.done:
				b, _ := os.ReadFile(logs[1+i])
				t.Fatalf("node %c exited at start: %s", 'A'+i, b)
			default:
			}
			code, err := call("GET", nodeURL[i]+"/healthz", "", nil, nil)
			return err == nil && code == 200, fmt.Sprint(code, err)
		})
	}

	// One session, used through either node (sessions live in the shared
	// database): the console follows the load balancer.
	var login api.LoginResponse
	mustCall(t, 200, "POST", nodeURL[0]+api.Version+"/login", "", api.LoginRequest{Username: "desk", Password: e2ePassword, ConsoleID: "console-two-nodes"}, &login)
	token := login.Token
	var pol api.MessagingPolicy
	mustCall(t, 200, "GET", nodeURL[1]+api.Version+"/policy", token, nil, &pol)
	mustCall(t, 200, "POST", nodeURL[1]+api.Version+"/policy/ack", token, api.PolicyAckRequest{Version: pol.Version, FullName: "Desk Staff Member"}, nil)

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
	mustCall(t, 202, "POST", simURL+"/sim/inbound", "", map[string]string{"from": mnPhone(0), "name": "Test Patient", "text": "Hello, is the clinic open today?"}, nil)
	var threadA string
	eventually(t, 15*time.Second, "node A to store the first patient's message", func() (bool, string) {
		var threads []api.ThreadSummary
		code, err := call("GET", nodeURL[0]+api.Version+"/threads", token, nil, &threads)
		if err != nil || code != 200 || len(threads) == 0 {
			return false, fmt.Sprint(code, err)
		}
		threadA = threads[0].ID
		return true, ""
	})
	eventually(t, 10*time.Second, "node B's console to see the message that arrived at node A", func() (bool, string) {
		seenMu.Lock()
		defer seenMu.Unlock()
		return seenOnB[threadA], fmt.Sprint(len(seenOnB), " threads seen")
	})

	// From here every webhook goes to both nodes, and the provider
	// delivers each one twice.
	lb.set(nodeURL...)
	mustCall(t, 200, "POST", simURL+"/sim/faults", "", map[string]any{"duplicate_ratio": 1.0}, nil)
	for i := range mnPatients {
		mustCall(t, 202, "POST", simURL+"/sim/inbound", "", map[string]string{"from": mnPhone(i), "name": "Test Patient", "text": "I have a question about my visit."}, nil)
	}
	threadOf := map[string]string{}
	eventually(t, 20*time.Second, "every patient's thread", func() (bool, string) {
		var threads []api.ThreadSummary
		if code, err := call("GET", nodeURL[1]+api.Version+"/threads", token, nil, &threads); err != nil || code != 200 {
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
			code, err := call("POST", nodeURL[node]+api.Version+"/threads/"+th+"/send", token, req, &sr)
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
	eventually(t, 60*time.Second, "the shared outbox to drain", func() (bool, string) {
		var pending, failed int
		if err := db.DB.QueryRow(`SELECT COUNT(*) FILTER (WHERE state = 'pending'), COUNT(*) FILTER (WHERE state = 'failed') FROM outbox`).Scan(&pending, &failed); err != nil {
			return false, err.Error()
		}
		if failed > 0 {
			t.Fatalf("%d sends failed for good", failed)
		}
		return pending == 0, fmt.Sprintf("%d pending", pending)
	})
	var outbox []simEntry
	mustCall(t, 200, "GET", simURL+"/sim/outbox", "", nil, &outbox)
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
