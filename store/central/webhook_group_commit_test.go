package central

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central/ingest"
)

// gate holds the committer just before COMMIT, so a test can line
// webhooks up behind one batch and release them as the next. arrived
// receives each batch's message ids as it reaches its commit; open lets
// every batch through from then on.
type gate struct {
	arrived chan []string
	release chan struct{}
	once    sync.Once
}

func newGate(t *testing.T) *gate {
	g := &gate{arrived: make(chan []string, 64), release: make(chan struct{})}
	t.Cleanup(g.open)
	return g
}

func (g *gate) open() { g.once.Do(func() { close(g.release) }) }

func (g *gate) beforeCommit(batch []*ingest.Webhook) error {
	var ids []string
	for _, w := range batch {
		for _, ev := range w.Events {
			if ev.Message != nil {
				ids = append(ids, ev.Message.ProviderID)
			}
		}
	}
	g.arrived <- ids
	<-g.release
	return nil
}

func (e *env) setCommitHooks(apply func(*ingest.Webhook) error, beforeCommit func([]*ingest.Webhook) error) {
	e.srv.ingest.SetHooks(&ingest.Hooks{AfterApply: apply, BeforeCommit: beforeCommit})
}

// postAsync posts a signed webhook in the background; the channel gets
// its status code.
func (e *env) postAsync(body []byte) <-chan int {
	out := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest("POST", e.url+"/webhooks/whatsapp", bytes.NewReader(body))
		req.Header.Set(cloudapi.SignatureHeader, cloudapi.Sign([]byte(testAppSecret), body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			out <- -1
			return
		}
		resp.Body.Close()
		out <- resp.StatusCode
	}()
	return out
}

// waitQueued waits until n webhooks wait for the committer.
func waitQueued(t *testing.T, e *env, n int) {
	t.Helper()
	waitFor(t, fmt.Sprintf("%d queued webhooks", n), func() bool { return e.srv.ingest.Queued() >= n })
}

func (e *env) stored(wamid string) bool {
	e.t.Helper()
	_, err := e.srv.store.Messages.ByProviderID(e.t.Context(), e.srv.db, wamid)
	if err != nil && !errors.Is(err, ErrNotFound) {
		e.t.Fatal(err)
	}
	return err == nil
}

// One webhook that fails (or panics) inside a batch is rolled back alone:
// its request gets 503 so the provider retries it, every other webhook of
// the batch is committed and acknowledged, and nothing of the failed one
// remains (no patient, no consent change, no audit entry, no gap in the
// chain).
func TestGroupCommitOneFailingWebhookFailsAlone(t *testing.T) {
	e := newEnv(t)
	g := newGate(t)
	poison := func(w *ingest.Webhook) error {
		for _, ev := range w.Events {
			if ev.Message != nil && ev.Message.ProviderID == "wamid.poison" {
				return errors.New("injected storage failure")
			}
			if ev.Message != nil && ev.Message.ProviderID == "wamid.panic" {
				panic("injected panic")
			}
		}
		return nil
	}
	e.setCommitHooks(poison, g.beforeCommit)

	// The gate webhook holds the committer while the batch lines up.
	gate := e.postAsync(inboundJSON("wamid.gate", "447700900555", "Gate", "hello"))
	if ids := <-g.arrived; len(ids) != 1 || ids[0] != "wamid.gate" {
		t.Fatalf("first batch = %v", ids)
	}
	patientsBefore := e.count("patients")
	consentBefore := e.count("consent_events")
	answers := map[string]<-chan int{
		// A STOP from a seeded patient: must take effect.
		"wamid.stop": e.postAsync(inboundJSON("wamid.stop", "447700900123", "UK", "STOP")),
		// A STOP from the other seeded patient, in the failing webhook:
		// must leave no trace.
		"wamid.poison": e.postAsync(inboundJSON("wamid.poison", "12025550143", "US", "STOP")),
		// A panic while storing is contained like a failure.
		"wamid.panic": e.postAsync(inboundJSON("wamid.panic", "447700900999", "P", "Hello")),
	}
	for i := range 6 {
		id := fmt.Sprintf("wamid.ok.%d", i)
		answers[id] = e.postAsync(inboundJSON(id, fmt.Sprintf("4477009006%02d", i), "New", "Is parking free?"))
	}
	waitQueued(t, e, len(answers))
	g.open()
	if code := <-gate; code != http.StatusOK {
		t.Fatalf("gate webhook: %d", code)
	}
	if ids := <-g.arrived; len(ids) != len(answers) {
		t.Fatalf("second batch held %d webhooks, want all %d in one transaction: %v", len(ids), len(answers), ids)
	}
	for id, ch := range answers {
		code := <-ch
		want := http.StatusOK
		if id == "wamid.poison" || id == "wamid.panic" {
			want = http.StatusServiceUnavailable
		}
		if code != want {
			t.Errorf("%s: status %d, want %d", id, code, want)
		}
		if stored := e.stored(id); stored != (want == http.StatusOK) {
			t.Errorf("%s: stored=%v after status %d", id, stored, code)
		}
	}
	if got, want := e.count("patients"), patientsBefore+1+6; got != want {
		t.Errorf("patients = %d, want %d (the gate's and six new, none for the failed webhook)", got, want)
	}
	if got, want := e.count("consent_events"), consentBefore+1; got != want {
		t.Errorf("consent events = %d, want %d (only the committed STOP)", got, want)
	}
	uk, err := e.srv.store.Patients.ByPhone(t.Context(), e.srv.db, patientUK)
	if err != nil || uk.OptedIn {
		t.Errorf("UK patient opted in = %v (%v), want opted out by the committed STOP", uk.OptedIn, err)
	}
	us, err := e.srv.store.Patients.ByPhone(t.Context(), e.srv.db, patientUS)
	if err != nil || !us.OptedIn {
		t.Errorf("US patient opted in = %v (%v), want unchanged by the failed webhook", us.OptedIn, err)
	}
	chain, err := e.srv.store.Audit.Chain(t.Context(), e.srv.db, ServerConsoleID)
	if err != nil {
		t.Fatal(err)
	}
	if err := audit.Verify(nil, chain); err != nil {
		t.Fatalf("server audit chain broken after a rolled-back webhook: %v", err)
	}
	changes := 0
	for _, en := range chain {
		if en.Action == "consent.change" && en.Detail["source"] == "whatsapp:stop" {
			changes++
		}
	}
	if changes != 1 {
		t.Errorf("STOP consent.change entries = %d, want 1", changes)
	}

	// The provider's retry of the failed webhook is stored.
	e.setCommitHooks(nil, nil)
	if code := <-e.postAsync(inboundJSON("wamid.poison", "12025550143", "US", "STOP")); code != http.StatusOK {
		t.Fatalf("retry: %d", code)
	}
	if !e.stored("wamid.poison") {
		t.Error("retried webhook not stored")
	}
}

// A webhook is answered only once the transaction holding it has
// committed: while the committer is held just before COMMIT the request
// stays unanswered and the message is invisible to other connections;
// under concurrency every 200 is for a message already readable.
func TestGroupCommitAnswersOnlyAfterCommit(t *testing.T) {
	e := newEnv(t)
	t.Run("held before commit", func(t *testing.T) {
		g := newGate(t)
		e.setCommitHooks(nil, g.beforeCommit)
		answer := e.postAsync(inboundJSON("wamid.held", "447700900777", "Held", "Hello"))
		<-g.arrived
		select {
		case code := <-answer:
			t.Fatalf("answered %d before the commit", code)
		case <-time.After(300 * time.Millisecond):
		}
		if e.stored("wamid.held") {
			t.Fatal("uncommitted message visible to another connection")
		}
		g.open()
		if code := <-answer; code != http.StatusOK {
			t.Fatalf("status %d after commit", code)
		}
		if !e.stored("wamid.held") {
			t.Fatal("acknowledged but not stored")
		}
	})
	t.Run("concurrent", func(t *testing.T) {
		var (
			mu      sync.Mutex
			batches int
		)
		e.setCommitHooks(nil, func(batch []*ingest.Webhook) error {
			mu.Lock()
			batches++
			mu.Unlock()
			return nil
		})
		const n = 64
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				id := fmt.Sprintf("wamid.conc.%d", i)
				if code := <-e.postAsync(inboundJSON(id, fmt.Sprintf("4477009002%02d", i%20), "Z", "Hello")); code != http.StatusOK {
					t.Errorf("%s: status %d", id, code)
					return
				}
				// Read at once, on another connection: only committed
				// data is visible there.
				if !e.stored(id) {
					t.Errorf("%s answered 200 before it was committed", id)
				}
			})
		}
		wg.Wait()
		mu.Lock()
		defer mu.Unlock()
		if batches == 0 || batches > n {
			t.Errorf("batches = %d for %d webhooks", batches, n)
		}
		t.Logf("%d webhooks in %d transactions", n, batches)
	})
}

// When the commit itself fails, every webhook of the batch gets 503 and
// none is stored; the provider's retries then succeed.
func TestGroupCommitFailedCommitFailsWholeBatch(t *testing.T) {
	e := newEnv(t)
	g := newGate(t)
	fail := false
	var mu sync.Mutex
	e.setCommitHooks(nil, func(batch []*ingest.Webhook) error {
		mu.Lock()
		f := fail
		mu.Unlock()
		if f {
			return errors.New("injected commit failure")
		}
		return g.beforeCommit(batch)
	})
	gate := e.postAsync(inboundJSON("wamid.g", "447700900555", "Gate", "hello"))
	<-g.arrived
	ids := []string{"wamid.a", "wamid.b", "wamid.c"}
	var answers []<-chan int
	for i, id := range ids {
		answers = append(answers, e.postAsync(inboundJSON(id, fmt.Sprintf("44770090080%d", i), "N", "STOP")))
	}
	waitQueued(t, e, len(ids))
	mu.Lock()
	fail = true
	mu.Unlock()
	g.open()
	<-gate
	for i, ch := range answers {
		if code := <-ch; code != http.StatusServiceUnavailable {
			t.Errorf("%s: status %d, want 503", ids[i], code)
		}
		if e.stored(ids[i]) {
			t.Errorf("%s stored although its batch failed", ids[i])
		}
	}
	e.setCommitHooks(nil, nil)
	for i, id := range ids {
		if code := <-e.postAsync(inboundJSON(id, fmt.Sprintf("44770090080%d", i), "N", "STOP")); code != http.StatusOK || !e.stored(id) {
			t.Errorf("retry of %s: status %d", id, code)
		}
	}
}

// The committer holds the write lock for a whole batch. Everything it
// needs meanwhile (preparing a statement it has not run before included)
// must come from its own connection: were it to wait for a pooled one
// held by a writer that is itself waiting for the lock, both would stall
// until the busy timeout and the writer would fail with SQLITE_BUSY.
func TestGroupCommitDoesNotStallOtherWriters(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	stop := make(chan struct{})
	errs := make(chan error, 64)
	var writers sync.WaitGroup
	for range 6 { // more than the pool's connections
		writers.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if err := e.srv.auditOnly(ctx, auditRecord{UserID: "system", Action: "test.write", Object: "store", Outcome: "ok"}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	start := time.Now()
	var posts sync.WaitGroup
	for i := range 20 {
		// Inbound, status and malformed bodies: each kind runs statements
		// the committer prepares the first time it meets them.
		bodies := [][]byte{
			inboundJSON(fmt.Sprintf("wamid.w.%d", i), fmt.Sprintf("4477009003%02d", i), "W", "Hello"),
			statusJSON(fmt.Sprintf("wamid.unknown.%d", i), "delivered", "447700900123"),
			[]byte(fmt.Sprintf(`{"object":"page","n":%d}`, i)),
		}
		for _, b := range bodies {
			posts.Go(func() {
				if code := <-e.postAsync(b); code != http.StatusOK {
					t.Errorf("webhook status %d", code)
				}
			})
		}
	}
	posts.Wait()
	close(stop)
	writers.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent writer failed: %v", err)
	}
	t.Logf("60 webhooks alongside 6 writers in %v", time.Since(start))
}
