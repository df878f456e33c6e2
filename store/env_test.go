package store_test

import (
	"context"
	"crypto/rand"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/bsp/sim"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/seal"
)

// The tests here run the console's store and client against a real
// central endpoint (real HTTP on loopback, real SQLite files) wired to
// the provider simulator.

const (
	testAppSecret = "audit-test-app-secret"
	testSimToken  = "audit-test-sim-token"
	patientUK     = "+447700900123"
)

var passwords = map[string]string{
	"desk": "plum-otter-lantern-97",
	"boss": "saffron-river-tundra-63",
}

func newKeys(t testing.TB) *seal.Keys {
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

// centralEnv is a central endpoint and a simulator; the endpoint can be
// stopped and started again on the same address and data folder.
type centralEnv struct {
	t    testing.TB
	dir  string
	addr string
	cfg  central.Config
	sim  *sim.Server
	srv  *central.Server
}

func newCentral(t testing.TB) *centralEnv {
	t.Helper()
	e := &centralEnv{t: t, dir: t.TempDir()}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	e.sim = sim.New(sim.Config{AppSecret: testAppSecret, AccessToken: testSimToken, StatusDelay: 5 * time.Millisecond,
		RetryMaxInterval: 50 * time.Millisecond, RetryHorizon: 5 * time.Second})
	simAddr, err := e.sim.Start(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	e.addr = ln.Addr().String()
	ln.Close()
	rules := policy.DefaultOutboundRules()
	rules.MaxPerDay = 1 << 30 // the tests send far more than a clinic would
	e.cfg = central.Config{
		DataDir: e.dir, Addr: e.addr, Keys: newKeys(t),
		Provider:          cloudapi.New(cloudapi.Config{BaseURL: "http://" + simAddr, PhoneNumberID: "106540352242922", Token: testSimToken}),
		WhatsAppAppSecret: testAppSecret, WhatsAppVerifyToken: "verify",
		SeedUsers: []central.SeedUser{
			{Username: "desk", Password: passwords["desk"], Role: "frontdesk"},
			{Username: "boss", Password: passwords["boss"], Role: "supervisor"},
		},
		SeedOptIns: []string{patientUK},
		Rules:      rules,
		RetryBase:  20 * time.Millisecond, RetryMax: 200 * time.Millisecond,
		AuditCheckpointInterval: time.Hour, // the tests sign on demand
	}
	e.start()
	t.Cleanup(e.stop)
	return e
}

func (e *centralEnv) url() string { return "http://" + e.addr }

func (e *centralEnv) start() {
	e.t.Helper()
	srv, err := central.New(context.Background(), e.cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	if _, _, err := srv.Start(); err != nil {
		e.t.Fatal(err)
	}
	e.srv = srv
	e.sim.SetWebhookURL(e.url() + "/webhooks/whatsapp")
}

func (e *centralEnv) stop() {
	if e.srv == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	e.srv.Shutdown(ctx)
	e.srv = nil
}

// patientWrites makes the patient write in and waits until it is stored;
// it returns the patient's thread id.
func (e *centralEnv) patientWrites(text string) string {
	e.t.Helper()
	if _, err := e.sim.Inbound(sim.InboundRequest{From: patientUK, Name: "Zebulon Quixote", Text: text}); err != nil {
		e.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := e.sim.Flush(ctx); err != nil {
		e.t.Fatal(err)
	}
	c := e.client(e.t.TempDir())
	if _, err := c.Login(ctx, "desk", passwords["desk"], ""); err != nil {
		e.t.Fatal(err)
	}
	acknowledgePolicy(e.t, c)
	list, err := c.Threads(ctx)
	if err != nil || len(list) == 0 {
		e.t.Fatalf("threads: %v (%d)", err, len(list))
	}
	return list[0].ID
}

// client opens a console store in dir and a client for this endpoint.
func (e *centralEnv) client(dir string) *store.Client {
	e.t.Helper()
	con, err := store.OpenConsole(context.Background(), dir, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { con.Close() })
	return store.NewClient(e.url(), &http.Client{Timeout: 5 * time.Second}, con)
}

// acknowledgePolicy signs the messaging policy in force for c's user, as
// the console's acknowledgment screen does, so the thread routes open.
func acknowledgePolicy(t testing.TB, c *store.Client) {
	t.Helper()
	ctx := context.Background()
	pol, err := c.Policy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !pol.Acknowledged {
		if _, err := c.AcknowledgePolicy(ctx, pol.Version, "Test Staff Member"); err != nil {
			t.Fatal(err)
		}
	}
}
