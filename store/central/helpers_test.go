package central

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/bsp/sim"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/device"
	"github.com/clinicwa/triage/store/seal"
)

const (
	testAppSecret   = "test-app-secret-4f1c"
	testVerifyToken = "verify-me-please"
	testSimToken    = "sim-access-token"
	// testBusinessNumber is the clinic's phone_number_id in the tests (the
	// simulator's default).
	testBusinessNumber = "106540352242922"
	// Patients in the tests. A UK mobile from Ofcom's drama range has one
	// time zone (Europe/London), so quiet hours are predictable.
	patientUK = "+447700900123"
	patientUS = "+12025550143"
)

var testPasswords = map[string]string{
	"desk":  "plum-otter-lantern-97",
	"nurse": "violet-harbor-compass-42",
	"admin": "granite-meadow-kettle-18",
	"boss":  "saffron-river-tundra-63",
}

// clock is a settable test clock that starts at real time.
type clock struct {
	mu  sync.Mutex
	off time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.off)
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.off += d
	c.mu.Unlock()
}

func testKeys(t *testing.T) *seal.Keys {
	t.Helper()
	dk, ik := make([]byte, 32), make([]byte, 32)
	rand.Read(dk)
	rand.Read(ik)
	k, err := seal.NewKeys(map[uint32][]byte{1: dk}, 1, ik)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// env is one central endpoint wired to one simulator over real HTTP on
// loopback, with real SQLite files in a temporary folder.
type env struct {
	t      *testing.T
	dir    string
	keys   *seal.Keys
	clock  *clock
	sim    *sim.Server
	simURL string
	srv    *Server
	url    string
	cfg    Config
}

type envOpt func(*Config)

func newEnv(t *testing.T, opts ...envOpt) *env {
	t.Helper()
	runBesideOthers(t)
	e := &env{t: t, dir: t.TempDir(), keys: testKeys(t), clock: &clock{}}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	// The simulated provider keeps the server's clock, so a patient who
	// writes after the test moved time forward writes at the moved time.
	e.sim = sim.New(sim.Config{AppSecret: testAppSecret, AccessToken: testSimToken, StatusDelay: 5 * time.Millisecond,
		RetryMaxInterval: 50 * time.Millisecond, RetryHorizon: 5 * time.Second, Now: e.clock.Now})
	addr, err := e.sim.Start(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	e.simURL = "http://" + addr
	e.cfg = Config{
		DataDir: e.dir, Addr: "127.0.0.1:0", Keys: e.keys,
		Provider:          cloudapi.New(cloudapi.Config{BaseURL: e.simURL, PhoneNumberID: "106540352242922", Token: testSimToken}),
		WhatsAppAppSecret: testAppSecret, WhatsAppVerifyToken: testVerifyToken,
		BusinessNumber: testBusinessNumber,
		SeedUsers: []SeedUser{
			{Username: "desk", Password: testPasswords["desk"], Role: "frontdesk"},
			{Username: "nurse", Password: testPasswords["nurse"], Role: "nurse"},
			{Username: "admin", Password: testPasswords["admin"], Role: "admin"},
		},
		SeedOptIns: []string{patientUK, patientUS},
		Now:        e.clock.Now,
		RetryBase:  20 * time.Millisecond, RetryMax: 200 * time.Millisecond,
		HeartbeatInterval: 200 * time.Millisecond,
	}
	if os.Getenv("TRIAGE_TEST_LOG") != "" {
		// Debugging a failure: the server's log to stderr.
		e.cfg.Logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	for _, o := range opts {
		o(&e.cfg)
	}
	e.start()
	return e
}

func (e *env) start() {
	e.t.Helper()
	srv, err := New(context.Background(), e.cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	addr, _, err := srv.Start()
	if err != nil {
		e.t.Fatal(err)
	}
	e.srv, e.url = srv, "http://"+addr
	e.sim.SetWebhookURL(e.url + "/webhooks/whatsapp")
	e.t.Cleanup(func() { e.stop() })
}

func (e *env) stop() {
	if e.srv == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	e.srv.Shutdown(ctx)
	e.srv = nil
}

// patientWrites makes a patient write in through the simulator and waits
// until the webhook is stored.
func (e *env) patientWrites(from, text string) {
	e.t.Helper()
	e.patientSends(sim.InboundRequest{From: from, Name: "Zebulon Quixote", Text: text})
}

func (e *env) patientSends(in sim.InboundRequest) {
	e.t.Helper()
	if _, err := e.sim.Inbound(in); err != nil {
		e.t.Fatal(err)
	}
	e.flush()
}

func (e *env) flush() {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := e.sim.Flush(ctx); err != nil {
		e.t.Fatal("simulator did not finish delivering webhooks:", err)
	}
}

// do sends a JSON request and decodes a JSON answer into out (if non-nil).
func (e *env) do(method, path, token string, body any, out any) int {
	e.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, e.url+path, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if out != nil && len(raw) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			e.t.Fatalf("%s %s: %d %s: %v", method, path, resp.StatusCode, raw, err)
		}
	}
	return resp.StatusCode
}

// testDevice is the console device key of the test console named name:
// the same name always gives the same key.
func testDevice(name string) ed25519.PrivateKey {
	seed := sha256.Sum256([]byte("test-device:" + name))
	return ed25519.NewKeyFromSeed(seed[:])
}

// testDeviceID is testDevice(name)'s device id, its audit chain's id.
func testDeviceID(name string) string {
	return device.ID(testDevice(name).Public().(ed25519.PublicKey))
}

// login signs user in from the console device testDevice(user).
func (e *env) login(user string) string {
	e.t.Helper()
	return e.loginFrom(user, user)
}

// loginFrom signs user in from the console device testDevice(dev).
func (e *env) loginFrom(user, dev string) string {
	e.t.Helper()
	var lr api.LoginResponse
	p := device.SignIn(testDevice(dev), user)
	code := e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: user, Password: testPasswords[user], ConsoleID: p.DeviceID, Device: &p}, &lr)
	if code != 200 || lr.Token == "" {
		e.t.Fatalf("login %s: %d", user, code)
	}
	e.acknowledge(lr.Token)
	return lr.Token
}

// acknowledge signs the messaging policy in force for the session's user,
// as the console's acknowledgment screen does, so the thread routes open.
func (e *env) acknowledge(token string) {
	e.t.Helper()
	var pol api.MessagingPolicy
	if code := e.do("GET", api.Version+"/policy", token, nil, &pol); code != 200 {
		e.t.Fatalf("policy: %d", code)
	}
	if pol.Acknowledged {
		return
	}
	if code := e.do("POST", api.Version+"/policy/ack", token, api.PolicyAckRequest{Version: pol.Version, FullName: "Test Staff Member"}, nil); code != 200 {
		e.t.Fatalf("policy ack: %d", code)
	}
}

func (e *env) threads(token string) []api.ThreadSummary {
	e.t.Helper()
	var list []api.ThreadSummary
	if code := e.do("GET", api.Version+"/threads", token, nil, &list); code != 200 {
		e.t.Fatalf("threads: %d", code)
	}
	return list
}

// onlyThread returns the id of the single thread with messages.
func (e *env) threadFor(token, phone string) string {
	e.t.Helper()
	p, err := e.srv.store.Patients.ByPhone(context.Background(), e.srv.db, phone)
	if err != nil {
		e.t.Fatal(err)
	}
	th, err := e.srv.store.Threads.ForPatient(context.Background(), e.srv.db, p.ID, time.Now())
	if err != nil {
		e.t.Fatal(err)
	}
	return th.ID
}

func (e *env) thread(token, id string) api.ThreadDetail {
	e.t.Helper()
	var d api.ThreadDetail
	if code := e.do("GET", api.Version+"/threads/"+id, token, nil, &d); code != 200 {
		e.t.Fatalf("thread %s: %d", id, code)
	}
	return d
}

// postWebhook posts raw bytes signed (or not) as Meta would.
func (e *env) postWebhook(body []byte, sign bool) int {
	e.t.Helper()
	req, _ := http.NewRequest("POST", e.url+"/webhooks/whatsapp", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if sign {
		req.Header.Set(cloudapi.SignatureHeader, cloudapi.Sign([]byte(testAppSecret), body))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func (e *env) count(table string) int {
	e.t.Helper()
	var n int
	if err := e.srv.db.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

// inboundJSON is a Cloud API webhook with one text message.
func inboundJSON(wamid, fromDigits, name, text string) []byte {
	b, _ := json.Marshal(map[string]any{
		"object": "whatsapp_business_account",
		"entry": []any{map[string]any{"id": "102290129340398", "changes": []any{map[string]any{"field": "messages", "value": map[string]any{
			"messaging_product": "whatsapp",
			"metadata":          map[string]any{"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
			"contacts":          []any{map[string]any{"profile": map[string]any{"name": name}, "wa_id": fromDigits}},
			"messages": []any{map[string]any{"from": fromDigits, "id": wamid, "timestamp": strconv.FormatInt(time.Now().Unix(), 10), "type": "text",
				"text": map[string]any{"body": text}}},
		}}}}},
	})
	return b
}

// statusJSON is a Cloud API status webhook.
func statusJSON(wamid, status, recipientDigits string) []byte {
	b, _ := json.Marshal(map[string]any{
		"object": "whatsapp_business_account",
		"entry": []any{map[string]any{"id": "102290129340398", "changes": []any{map[string]any{"field": "messages", "value": map[string]any{
			"messaging_product": "whatsapp",
			"metadata":          map[string]any{"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
			"statuses":          []any{map[string]any{"id": wamid, "status": status, "timestamp": "1750030073", "recipient_id": recipientDigits}},
		}}}}},
	})
	return b
}

// fakeProvider records sends and answers with a scripted error.
type fakeProvider struct {
	mu    sync.Mutex
	sends []bsp.SendRequest
	fail  func(n int) error
}

func (f *fakeProvider) Name() string { return "cloudapi" }

func (f *fakeProvider) Send(ctx context.Context, req bsp.SendRequest) (bsp.SendResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sends = append(f.sends, req)
	if f.fail != nil {
		if err := f.fail(len(f.sends)); err != nil {
			return bsp.SendResult{}, err
		}
	}
	return bsp.SendResult{ProviderID: "wamid.fake." + req.IdempotencyKey, Status: bsp.StatusSent}, nil
}

func (f *fakeProvider) MarkRead(ctx context.Context, id string) error { return nil }

func (f *fakeProvider) sent() []bsp.SendRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]bsp.SendRequest(nil), f.sends...)
}

var _ = strings.Contains

// messageJSON is a Cloud API webhook carrying the given message objects
// for phoneNumberID, shaped as Meta sends them.
func messageJSON(phoneNumberID string, contacts []any, messages ...map[string]any) []byte {
	value := map[string]any{
		"messaging_product": "whatsapp",
		"metadata":          map[string]any{"display_phone_number": "15550783881", "phone_number_id": phoneNumberID},
		"messages":          messages,
	}
	if contacts != nil {
		value["contacts"] = contacts
	}
	b, _ := json.Marshal(map[string]any{
		"object": "whatsapp_business_account",
		"entry":  []any{map[string]any{"id": "102290129340398", "changes": []any{map[string]any{"field": "messages", "value": value}}}},
	})
	return b
}

// parallelTests remembers which top-level tests already run beside the
// others, since a test that starts two servers must not ask twice.
var parallelTests sync.Map

// runBesideOthers lets a test that starts a whole server run beside the
// other such tests. Each has its own folder, database, simulator and
// clock, and most of their time is spent waiting for a webhook, a retry or
// a heartbeat, so running them side by side keeps the suite short without
// changing what any one of them checks. Subtests stay in their parent's
// order: a table of cases often checks something after the loop.
func runBesideOthers(t *testing.T) {
	if strings.Contains(t.Name(), "/") {
		return
	}
	if _, already := parallelTests.LoadOrStore(t.Name(), true); already {
		return
	}
	t.Parallel()
}

// runAlone keeps a test that changes something every test shares (the
// process umask) out of the tests that run side by side.
func runAlone(t *testing.T) { parallelTests.Store(t.Name(), true) }
