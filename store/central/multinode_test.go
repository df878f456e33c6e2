package central

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/pquerna/otp/totp"

	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/bsp/sim"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/auth"
	"github.com/clinicwa/triage/store/central/auditlog"
	"github.com/clinicwa/triage/store/central/delivery"
	"github.com/clinicwa/triage/store/central/migrations"
	"github.com/clinicwa/triage/store/central/nodes"
	"github.com/clinicwa/triage/store/central/siem"
	"github.com/clinicwa/triage/store/internal/pgcluster"
	"github.com/clinicwa/triage/store/migrate"
)

// Several triaged nodes on one PostgreSQL database, in one test process:
// each node is a whole Server with its own data folder and HTTP listener,
// sharing the database, the sealing keys, the clock and the simulated
// provider, as nodes behind a load balancer share them.

var multiNodeDBs atomic.Int32

// sharedDatabase makes a fresh, migrated PostgreSQL database for the
// nodes of one test, on the suite's cluster when the suite runs on
// PostgreSQL, else on the package's own throwaway cluster.
func sharedDatabase(t *testing.T) string {
	t.Helper()
	c, template := testPG.cluster, pgTemplate
	if c == nil {
		c, template = pgcluster.Shared(t), "central_multinode"
		pgcluster.Template(t, template, func(db *sql.DB) error {
			ms, err := migrations.Postgres()
			if err != nil {
				return err
			}
			return migrate.Apply(context.Background(), db, migrate.Postgres, ms, "triaged")
		})
	}
	name := fmt.Sprintf("multinode_%03d", multiNodeDBs.Add(1))
	if err := c.CreateDatabase(context.Background(), name, template); err != nil {
		t.Fatal(err)
	}
	return c.URL(name)
}

// newNodes starts n nodes on one new database. The simulator's webhooks
// go to the first node; the others are reached by the test directly.
func newNodes(t *testing.T, n int, opts ...envOpt) []*env {
	t.Helper()
	url := sharedDatabase(t)
	opts = append([]envOpt{func(c *Config) {
		c.DatabaseURL = url
		c.ElectionInterval = 50 * time.Millisecond
	}}, opts...)
	first := newEnv(t, opts...)
	out := []*env{first}
	for range n - 1 {
		out = append(out, first.peer())
	}
	return out
}

// peer starts another node beside e: same database, keys, clock and
// provider, its own data folder and address.
func (e *env) peer() *env {
	e.t.Helper()
	p := &env{t: e.t, dir: e.t.TempDir(), keys: e.keys, clock: e.clock, sim: e.sim, simURL: e.simURL, cfg: e.cfg}
	p.cfg.DataDir = p.dir
	srv, err := New(context.Background(), p.cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	addr, _, err := srv.Start()
	if err != nil {
		e.t.Fatal(err)
	}
	p.srv, p.url = srv, "http://"+addr
	e.t.Cleanup(p.stop)
	return p
}

func withOptIns(phones ...string) envOpt {
	return func(c *Config) { c.SeedOptIns = append(c.SeedOptIns, phones...) }
}

// outboxState counts the outbox's jobs by state.
func outboxState(t *testing.T, db *sql.DB) (pending, failed int) {
	t.Helper()
	err := db.QueryRow(`SELECT COUNT(*) FILTER (WHERE state = 'pending'), COUNT(*) FILTER (WHERE state = 'failed')
		FROM outbox`).Scan(&pending, &failed)
	if err != nil {
		t.Fatal(err)
	}
	return
}

// TestNodesSendEveryMessageExactlyOnce: two nodes' outbox workers race
// over the same due jobs. Sends are accepted by both nodes while the
// provider refuses every send, so every job is due again and again on
// both; when the provider recovers, both workers find all of them due at
// once. The provider must receive each message once.
func TestNodesSendEveryMessageExactlyOnce(t *testing.T) {
	const patients, perPatient = 6, 5
	var phones []string
	for i := range patients {
		phones = append(phones, fmt.Sprintf("+4477009002%02d", i))
	}
	ns := newNodes(t, 2, withOptIns(phones...))
	a, b := ns[0], ns[1]
	for _, p := range phones {
		a.patientWrites(p, "Is the clinic open on Saturday?")
	}
	tokens := map[*env]string{a: a.login("desk"), b: b.login("desk")}
	a.sim.SetFaults(sim.Faults{FailRatio: 1, Status: 500, Code: 131000})
	for k := range perPatient {
		for i, p := range phones {
			node := ns[(i+k)%2]
			th := node.threadFor(tokens[node], p)
			if code, _, ref := node.send(tokens[node], th, api.SendRequest{IdempotencyKey: fmt.Sprintf("mn-%d-%d", i, k),
				Text: fmt.Sprintf("Reminder %d: the front desk opens at 8.", k)}); code != 200 {
				t.Fatalf("send %d to patient %d through node %d: %d %+v", k, i, (i+k)%2, code, ref)
			}
		}
	}
	// Only a thread's oldest job is tried (order per thread); wait until
	// every thread's has failed at least once, so every thread has a job
	// that both workers keep finding due.
	waitFor(t, "every thread's first job to have failed on the provider", func() bool {
		var tried int
		if err := a.srv.db.QueryRow(`SELECT COUNT(DISTINCT thread_id) FROM outbox WHERE state = 'pending' AND attempts > 0`).Scan(&tried); err != nil {
			t.Fatal(err)
		}
		return tried == patients
	})
	a.sim.SetFaults(sim.Faults{})
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		pending, failed := outboxState(t, a.srv.db)
		if failed > 0 {
			t.Fatalf("%d jobs failed for good", failed)
		}
		if pending == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("%d jobs still pending after 20s", pending)
			break
		}
	}
	keys, err := records.QueryIDs(context.Background(), a.srv.db, `SELECT idempotency_key FROM outbox`)
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) < patients*perPatient {
		t.Fatalf("%d jobs, want at least %d", len(keys), patients*perPatient)
	}
	a.flush()
	times := map[string]int{}
	for _, e := range a.sim.Outbox() {
		times[e.IdempotencyKey]++
	}
	for _, k := range keys {
		if times[k] != 1 {
			t.Errorf("message %s reached the provider %d times, want once", k, times[k])
		}
	}
	if len(a.sim.Outbox()) != len(keys) {
		t.Errorf("the provider received %d sends for %d jobs", len(a.sim.Outbox()), len(keys))
	}
}

// TestLeaseOfADeadNodeRunsOutThenTheJobIsSent: a node took a job and
// died without sending it. Its lease keeps the job from the live node
// until it runs out; then the live node sends it, once.
func TestLeaseOfADeadNodeRunsOutThenTheJobIsSent(t *testing.T) {
	// Retries 3s apart leave room to act between two of them.
	ns := newNodes(t, 1, func(c *Config) { c.RetryBase, c.RetryMax = 3*time.Second, 3*time.Second })
	a := ns[0]
	ctx := context.Background()
	a.patientWrites(patientUK, "Can I come in at 10?")
	tok := a.login("desk")
	th := a.threadFor(tok, patientUK)
	a.sim.SetFaults(sim.Faults{FailRatio: 1, Status: 500, Code: 131000})
	code, sr, _ := a.send(tok, th, api.SendRequest{IdempotencyKey: "lease-1", Text: "Yes, 10 works."})
	if code != 200 {
		t.Fatalf("send: %d", code)
	}
	var job delivery.Job
	waitFor(t, "the send to fail once and wait for its retry", func() bool {
		var id int64
		if err := a.srv.db.QueryRow(`SELECT id FROM outbox WHERE message_id = ?`, sr.Message.ID).Scan(&id); err != nil {
			return false
		}
		j, err := a.srv.store.Outbox.Get(ctx, a.srv.db, id)
		if err != nil {
			t.Fatal(err)
		}
		job = j
		return j.State == "pending" && j.Attempts >= 1 && j.LastError != delivery.InFlight && j.NextAt.Sub(a.clock.Now()) > 500*time.Millisecond
	})
	// Another node takes the job the moment it is due again, and dies
	// without a word: it never sends, never gives the lease back.
	const ttl = 1500 * time.Millisecond
	dead := delivery.NewLeases(a.srv.db, "node_dead", ttl)
	jobs, err := dead.Claim(ctx, job.NextAt, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 1 || jobs[0].ID != job.ID {
		t.Fatalf("the other node took %+v, want job %d", jobs, job.ID)
	}
	a.sim.SetFaults(sim.Faults{})
	sentTo := func() int {
		n := 0
		for _, e := range a.sim.Outbox() {
			if e.IdempotencyKey == sr.Message.ID {
				n++
			}
		}
		return n
	}
	expires := job.NextAt.Add(ttl)
	for a.clock.Now().Before(expires.Add(-200 * time.Millisecond)) {
		if sentTo() != 0 {
			t.Fatal("the live node sent a job another node held a lease on")
		}
		time.Sleep(20 * time.Millisecond)
	}
	waitFor(t, "the job to be sent after the lease ran out", func() bool { return sentTo() == 1 })
	time.Sleep(300 * time.Millisecond)
	if n := sentTo(); n != 1 {
		t.Fatalf("sent %d times, want once", n)
	}
}

// TestConsoleOnOneNodeSeesWebhooksOfAnother: a console streams events
// from node B; a patient's message arrives by webhook at node A. The
// event reaches the console through PostgreSQL's notifications, with the
// thread's row read by node B.
func TestConsoleOnOneNodeSeesWebhooksOfAnother(t *testing.T) {
	ns := newNodes(t, 2)
	a, b := ns[0], ns[1]
	tok := b.login("desk")
	code, _, events := openStream(t, b, tok)
	if code != 200 {
		t.Fatalf("stream on node B: %d", code)
	}
	a.patientWrites(patientUK, "Running ten minutes late")
	th := a.threadFor(tok, patientUK)
	deadline := time.After(10 * time.Second)
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatal("node B's stream ended")
			}
			if ev.Type == api.EventMessageNew && ev.ThreadID == th {
				if ev.Thread == nil || ev.Thread.ID != th {
					t.Fatalf("node B sent the event without the thread's row: %+v", ev)
				}
				return
			}
		case <-deadline:
			t.Fatal("node B's console never saw the message that arrived at node A")
		}
	}
}

// electionBackend is the database session holding the checkpoint
// signer's lock in db's own database (0 between two leaders). Advisory
// locks are per database but pg_locks lists the whole cluster's, where
// other tests' nodes hold the same job's lock in their databases.
func electionBackend(t *testing.T, db *sql.DB) int {
	t.Helper()
	var pid int
	key := nodes.LockKey(checkpointSignerJob)
	err := db.QueryRow(`SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database
		WHERE d.datname = current_database() AND l.locktype = 'advisory' AND l.granted
		AND l.classid = ($1::bigint >> 32)::oid AND l.objid = ($1::bigint & 4294967295)::oid AND l.objsubid = 1`, key).Scan(&pid)
	if errors.Is(err, sql.ErrNoRows) {
		return 0 // between two leaders
	}
	if err != nil {
		t.Fatal(err)
	}
	return pid
}

// signerSession is the database session on which node e does its
// elected work (0 when it is not elected, or its connection is gone).
// Unlike SignsCheckpoints, which is the node's last check, it asks the
// connection itself, so matched with electionBackend it says which node
// holds the lock now.
func signerSession(e *env) int {
	var pid int
	err := e.srv.nodes.signer.Do(context.Background(), func(conn *sql.Conn) error {
		return conn.QueryRowContext(context.Background(), `SELECT pg_backend_pid()`).Scan(&pid)
	})
	if err != nil {
		return 0
	}
	return pid
}

// TestOneNodeSignsCheckpointsAndAnotherTakesOver: of two nodes only the
// elected one signs; when its database connection is cut, the lock goes
// with the session and one node (either) signs on a new one; when the
// signer stops, the other takes over. The checkpoints form one numbered
// series that verifies.
func TestOneNodeSignsCheckpointsAndAnotherTakesOver(t *testing.T) {
	// It cuts a database session; it runs outside the side-by-side group
	// so that the cut and the take-over are not slowed by other servers.
	runAlone(t)
	ns := newNodes(t, 2)
	a, b := ns[0], ns[1]
	ctx := context.Background()
	if !a.srv.SignsCheckpoints() || b.srv.SignsCheckpoints() {
		t.Fatalf("signers: first node %v, second %v; want only the first", a.srv.SignsCheckpoints(), b.srv.SignsCheckpoints())
	}
	// Each sign-in is audited by the node that takes it.
	write := func(e *env) { e.login("desk") }
	sign := func(e *env) (*auditlog.StoredCheckpoint, bool) {
		cp, signed, err := e.srv.Checkpoint(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return cp, signed
	}
	write(b)
	if _, signed := sign(b); signed {
		t.Fatal("the node not elected signed a checkpoint")
	}
	if _, signed := sign(a); !signed {
		t.Fatal("the elected node did not sign over new entries")
	}
	// The elected node's connection is cut (a network failure, a killed
	// session): it loses the lock with the session. Whichever node wins
	// it next (the other, or the cut one once it reconnects) signs alone.
	cut := electionBackend(t, b.srv.db)
	if got := signerSession(a); got != cut {
		t.Fatalf("the lock is held by session %d, the elected node works on %d", cut, got)
	}
	if _, err := b.srv.db.Exec(`SELECT pg_terminate_backend($1)`, cut); err != nil {
		t.Fatal(err)
	}
	// Who signs is read from the database, not from the nodes' own
	// reports: the cut node believes it leads until its next check, and
	// a report read before acting may be stale by then. Once a node's
	// own connection holds the lock on a new session nothing more is
	// cut, so that node keeps the lock for the rest of this step and the
	// other is a follower while it is held.
	var (
		signer, other *env
		holder        int
	)
	waitFor(t, "one signer again, on a new session", func() bool {
		holder = electionBackend(t, b.srv.db)
		if holder == 0 || holder == cut {
			return false
		}
		for _, pair := range [][2]*env{{a, b}, {b, a}} {
			if signerSession(pair[0]) == holder {
				signer, other = pair[0], pair[1]
				return true
			}
		}
		return false
	})
	// Each node's report follows within a few checks: the cut node's
	// belief in its old lock does not outlive the connection.
	waitFor(t, "both nodes to report the new signer", func() bool {
		return signer.srv.SignsCheckpoints() && !other.srv.SignsCheckpoints()
	})
	write(other)
	if _, signed := sign(other); signed {
		t.Fatal("the node not elected signed after the cut")
	}
	if now := electionBackend(t, b.srv.db); now != holder {
		t.Fatalf("the signer's lock moved from session %d to %d with nothing cut", holder, now)
	}
	if _, signed := sign(signer); !signed {
		t.Fatal("the elected node did not sign after the cut")
	}
	// The signer stops (a deploy): the other takes over.
	signer.stop()
	waitFor(t, "the other node to take over the signing", other.srv.SignsCheckpoints)
	write(other)
	if _, signed := sign(other); !signed {
		t.Fatal("the node that took over did not sign")
	}
	a = other
	cps, err := auditlog.Checkpoints(ctx, a.srv.db)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := audit.ParsePublicKey(a.srv.AuditPublicKey())
	if err != nil {
		t.Fatal(err)
	}
	var size int64
	for i, c := range cps {
		cp, err := audit.VerifyCheckpoint(pub, c.Body, c.Signature)
		if err != nil || c.Number != int64(i+1) || cp.Size <= size {
			t.Fatalf("checkpoint %d of %d: number %d, size %d after %d, err %v", i+1, len(cps), c.Number, cp.Size, size, err)
		}
		size = cp.Size
	}
	if len(cps) < 4 {
		t.Fatalf("%d checkpoints, want at least 4 (start, and one per signer)", len(cps))
	}
}

// signInVia posts a sign-in to node e through c, reporting transport
// errors with t.Error (it runs on the racing goroutines).
func signInVia(t *testing.T, e *env, c *http.Client, req api.LoginRequest) (int, api.LoginResponse) {
	code, lr, _ := e.signIn(c, req)
	return code, lr
}

// TestWrongPasswordsAcrossNodesLockAsOnOne: 40 simultaneous wrong
// passwords, half to each node, lock the account, and the right one is
// then refused by both nodes.
func TestWrongPasswordsAcrossNodesLockAsOnOne(t *testing.T) {
	// It counts password hashes process-wide: no other sign-in may run.
	runAlone(t)
	ns := newNodes(t, 2)
	clients := []*http.Client{clientFrom("127.0.0.2"), clientFrom("127.0.0.3")}
	hashesBefore := auth.HashesComputed()
	var mu sync.Mutex
	codes := map[int]int{}
	overlapping(40, func(i int) {
		code, _ := signInVia(t, ns[i%2], clients[i%2], api.LoginRequest{Username: "desk", Password: fmt.Sprint("wrong-guess-", i), ConsoleID: "c1"})
		mu.Lock()
		codes[code]++
		mu.Unlock()
	})
	hashes := auth.HashesComputed() - hashesBefore
	if codes[http.StatusOK] != 0 {
		t.Fatalf("a wrong password signed in: %v", codes)
	}
	u := mustUser(t, ns[0], "desk")
	if !ns[0].clock.Now().Before(u.LockedUntil) {
		t.Errorf("40 simultaneous wrong passwords over two nodes left the account unlocked (failures %d, answers %v)", u.FailedLogins, codes)
	}
	for i, e := range ns {
		code, lr := signInVia(t, e, clientFrom("127.0.0.9"), api.LoginRequest{Username: "desk", Password: testPasswords["desk"], ConsoleID: "c1"})
		if code == http.StatusOK || lr.Token != "" {
			t.Errorf("node %d: right password after the lock: %d", i, code)
		}
	}
	if max := int64(auth.UserLockout.MaxFailures); hashes > max {
		t.Errorf("%d password hashes for 40 simultaneous attempts over two nodes; at most %d may run before the lock", hashes, max)
	}
}

// TestOneTimeCodeAcceptedOnceAcrossNodes: the same TOTP code, and the
// same recovery code, sent to both nodes at once sign in once.
func TestOneTimeCodeAcceptedOnceAcrossNodes(t *testing.T) {
	ns := newNodes(t, 2)
	secret, recovery := enrolTOTP(t, ns[0], "nurse", 4)
	race := func(code string) (sessions int, answers map[int]int) {
		var mu sync.Mutex
		answers = map[int]int{}
		overlapping(4, func(i int) {
			st, lr := signInVia(t, ns[i%2], clientFrom("127.0.0.1"), api.LoginRequest{Username: "nurse", Password: testPasswords["nurse"], TOTP: code, ConsoleID: "c-nurse"})
			mu.Lock()
			defer mu.Unlock()
			answers[st]++
			if st == http.StatusOK && lr.Token != "" {
				sessions++
			}
		})
		return sessions, answers
	}
	code, _ := totp.GenerateCode(secret, ns[0].clock.Now())
	if n, answers := race(code); n != 1 {
		t.Errorf("one TOTP code in 4 simultaneous sign-ins over two nodes gave %d sessions (answers %v), want 1", n, answers)
	}
	if n, answers := race(recovery[1]); n != 1 {
		t.Errorf("one recovery code in 4 simultaneous sign-ins over two nodes gave %d sessions (answers %v), want 1", n, answers)
	}
}

// TestSameWebhookAtBothNodesStoredOnce: the provider delivers one
// message to both nodes at the same moment (a retry racing the first
// delivery through the load balancer); it is stored once.
func TestSameWebhookAtBothNodesStoredOnce(t *testing.T) {
	ns := newNodes(t, 2)
	const copies = 8
	for round := range 3 {
		body := inboundJSON(fmt.Sprintf("wamid.multinode.%d", round), "447700900123", "Zebulon Quixote", fmt.Sprint("Message number ", round))
		sig := cloudapi.Sign([]byte(testAppSecret), body)
		var mu sync.Mutex
		codes := map[int]int{}
		overlapping(copies, func(i int) {
			req, _ := http.NewRequest("POST", ns[i%2].url+"/webhooks/whatsapp", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set(cloudapi.SignatureHeader, sig)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			mu.Lock()
			codes[resp.StatusCode]++
			mu.Unlock()
		})
		if codes[200] != copies {
			t.Fatalf("round %d: answers %v; every copy must be acknowledged", round, codes)
		}
		var n int
		if err := ns[1].srv.db.QueryRow(`SELECT COUNT(*) FROM messages WHERE direction = 'in'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != round+1 {
			t.Fatalf("after %d distinct messages each delivered %d times to two nodes, %d are stored", round+1, copies, n)
		}
	}
}

// TestDistinctWebhooksAtBothNodesAreAllStored: different messages
// arriving at the same moment, some at each node, are all stored: the
// de-duplication that drops a repeated delivery must not drop a message
// that merely raced another one.
func TestDistinctWebhooksAtBothNodesAreAllStored(t *testing.T) {
	ns := newNodes(t, 2)
	const n = 24
	var mu sync.Mutex
	codes := map[int]int{}
	overlapping(n, func(i int) {
		from := fmt.Sprintf("4477009004%02d", i%4)
		body := inboundJSON(fmt.Sprintf("wamid.distinct.%d", i), from, "Zebulon Quixote", fmt.Sprint("Question number ", i))
		req, _ := http.NewRequest("POST", ns[i%2].url+"/webhooks/whatsapp", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(cloudapi.SignatureHeader, cloudapi.Sign([]byte(testAppSecret), body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
			return
		}
		resp.Body.Close()
		mu.Lock()
		codes[resp.StatusCode]++
		mu.Unlock()
	})
	if codes[200] != n {
		t.Fatalf("answers %v; every webhook must be acknowledged", codes)
	}
	var stored int
	if err := ns[0].srv.db.QueryRow(`SELECT COUNT(*) FROM messages WHERE direction = 'in'`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored != n {
		t.Fatalf("%d distinct messages delivered at once over two nodes, %d stored: acknowledged messages were lost", n, stored)
	}
}

// TestHandOffOnOneNodeIsHeldBackFromTheFrontDeskOnAnother: a thread
// handed to the nurses on node A leaves the front desk's streams on node
// B at once, not when node B next reads the clinical threads: the
// hand-off's own event, and the patient's next message, reach the
// nurse's stream on node B and not the front desk's.
func TestHandOffOnOneNodeIsHeldBackFromTheFrontDeskOnAnother(t *testing.T) {
	ns := newNodes(t, 2)
	a, b := ns[0], ns[1]
	desk, nurse := a.login("desk"), a.login("nurse")
	a.patientWrites(patientUK, "Is the clinic open on Saturday?")
	clinical := a.threadFor(desk, patientUK)
	_, _, deskEvents := openStream(t, b, desk)
	_, _, nurseEvents := openStream(t, b, nurse)
	time.Sleep(300 * time.Millisecond) // the streams are open and node B's clinical view is loaded
	if code := a.do("POST", api.Version+"/threads/"+clinical+"/handoff", desk, api.HandoffRequest{}, nil); code != http.StatusOK && code != http.StatusNoContent {
		t.Fatalf("hand-off on node A: %d", code)
	}
	a.patientWrites(patientUK, "Also, my knee still hurts.")
	a.patientWrites(patientUS, "What time do you open tomorrow?")
	open := a.threadFor(desk, patientUS)
	// What a stream saw of each thread; for the handed-off thread, only
	// events whose row says it is clinical (or has no row) count: the
	// acknowledgment queued and sent while it was still open may reach the
	// front desk, on one node too.
	collect := func(ch <-chan api.Event) map[string]int {
		seen := map[string]int{}
		deadline := time.After(3 * time.Second)
		for {
			select {
			case ev, ok := <-ch:
				if !ok {
					return seen
				}
				if ev.ThreadID != clinical || ev.Thread == nil || ev.Thread.State == api.ThreadClinical {
					seen[ev.ThreadID]++
				}
			case <-deadline:
				return seen
			}
		}
	}
	if seen := collect(nurseEvents); seen[clinical] == 0 || seen[open] == 0 {
		t.Fatalf("the nurse's stream on node B saw %v, want both threads", seen)
	}
	if seen := collect(deskEvents); seen[clinical] != 0 || seen[open] == 0 {
		t.Fatalf("the front desk's stream on node B saw %v: the thread handed off on node A (%s) must not appear", seen, clinical)
	}
}

// TestOfflineCheckpointRefusedWhileANodeSigns: `triaged audit checkpoint`
// on a PostgreSQL store does not sign beside the elected running node;
// once every node has stopped, it signs.
func TestOfflineCheckpointRefusedWhileANodeSigns(t *testing.T) {
	ns := newNodes(t, 1)
	a := ns[0]
	a.login("desk")
	cfg := Config{DataDir: t.TempDir(), DatabaseURL: a.cfg.DatabaseURL, Keys: a.keys}
	if _, _, err := SignCheckpointOffline(context.Background(), cfg); !errors.Is(err, ErrAnotherNodeSigns) {
		t.Fatalf("offline checkpoint beside a running signer: %v, want ErrAnotherNodeSigns", err)
	}
	a.stop()
	cp, _, err := SignCheckpointOffline(context.Background(), cfg)
	if err != nil || cp == nil {
		t.Fatalf("offline checkpoint with no node running: %v %v", cp, err)
	}
}

// TestConsolesResyncWhenTheEventChannelBreaks: node B's listening
// connection is cut, so notices sent until it reconnects are lost; B's
// consoles are told to resync (they fetch their inbox again) instead of
// silently missing them, and a new stream sees node A's events again.
func TestConsolesResyncWhenTheEventChannelBreaks(t *testing.T) {
	ns := newNodes(t, 2)
	a, b := ns[0], ns[1]
	tok := b.login("desk")
	_, _, events := openStream(t, b, tok)
	time.Sleep(300 * time.Millisecond)
	// Both nodes listen; cut every listening session, node B's among them.
	if _, err := b.srv.db.Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND datname = current_database()`); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(10 * time.Second)
	for resynced := false; !resynced; {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatal("node B's stream ended without a resync")
			}
			resynced = ev.Type == api.EventResync
		case <-deadline:
			t.Fatal("node B's console was not told to resync after its event channel broke")
		}
	}
	_, _, again := openStream(t, b, tok)
	time.Sleep(500 * time.Millisecond) // the listener is back (its backoff starts at 100 ms)
	a.patientWrites(patientUK, "Are you open on Monday?")
	th := a.threadFor(tok, patientUK)
	deadline = time.After(10 * time.Second)
	for {
		select {
		case ev, ok := <-again:
			if !ok {
				t.Fatal("node B's new stream ended")
			}
			if ev.Type == api.EventMessageNew && ev.ThreadID == th {
				return
			}
		case <-deadline:
			t.Fatal("after reconnecting, node B's console never saw node A's webhook")
		}
	}
}

// jsonlPositions reads the audit log positions streamed to a JSON lines
// file (none when it does not exist yet).
func jsonlPositions(t *testing.T, path string) []int64 {
	t.Helper()
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		if line == "" {
			continue
		}
		var e struct {
			Gseq int64 `json:"gseq"`
		}
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, e.Gseq)
	}
	return out
}

// TestOneNodeStreamsTheAuditLogToTheSIEM: both nodes are configured with
// a SIEM stream (each its own JSON lines file, as a log shipper on each
// host would tail); only the elected node streams, and when it stops the
// other carries on from the shared cursor, so every entry reaches the
// SIEM.
func TestOneNodeStreamsTheAuditLogToTheSIEM(t *testing.T) {
	dir := t.TempDir()
	files := []string{filepath.Join(dir, "node-a.jsonl"), filepath.Join(dir, "node-b.jsonl")}
	ns := newNodes(t, 1, func(c *Config) {
		c.SIEM = SIEMConfig{JSONLPath: files[0], Options: siem.Options{Poll: 10 * time.Millisecond}}
	})
	a := ns[0]
	b := func() *env {
		saved := a.cfg.SIEM
		a.cfg.SIEM.JSONLPath = files[1]
		defer func() { a.cfg.SIEM = saved }()
		return a.peer()
	}()
	entries := func() int {
		var n int
		if err := b.srv.db.QueryRow(`SELECT COUNT(*) FROM audit`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	a.login("desk")
	b.login("desk")
	waitFor(t, "the first node to stream every entry", func() bool { return len(jsonlPositions(t, files[0])) == entries() })
	if got := jsonlPositions(t, files[1]); len(got) != 0 {
		t.Fatalf("the node not elected streamed %d entries", len(got))
	}
	before := entries()
	a.stop()
	b.login("desk")
	seen := func() map[int64]int {
		m := map[int64]int{}
		for _, f := range files {
			for _, g := range jsonlPositions(t, f) {
				m[g]++
			}
		}
		return m
	}
	// The stream is at-least-once (an entry written just before the stop
	// whose cursor was not yet saved is sent again by the next node), so
	// every entry must arrive, some perhaps twice, none lost.
	waitFor(t, "every entry to reach the SIEM after the first node stopped", func() bool {
		m, total := seen(), entries()
		for g := int64(1); g <= int64(total); g++ {
			if m[g] == 0 {
				return false
			}
		}
		return total > before
	})
	if len(jsonlPositions(t, files[1])) == 0 {
		t.Fatal("the second node streamed nothing after the first stopped")
	}
}
