package central

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/migrations"
	"github.com/clinicwa/triage/store/internal/pgcluster"
	"github.com/clinicwa/triage/store/migrate"
)

// The same durable paths on each database: SQLite (a file in WAL mode,
// synchronous=FULL) and PostgreSQL (a local cluster on a Unix socket,
// switched to fsync=on, synchronous_commit=on, full_page_writes=on for the
// benchmark, so an acknowledged webhook or send is on disk as with SQLite).
//
//	go test ./store/central -run '^$' -bench 'WebhookIntake|Send$' -benchtime 3s

// BenchmarkWebhookIntake is BenchmarkWebhookIngest per database.
func BenchmarkWebhookIntake(b *testing.B) {
	benchBackends(b, func(b *testing.B, tune func(*Config)) { benchIngest(b, 0, tune) })
}

// BenchmarkSend measures console sends accepted durably per second: each
// op is one POST /threads/{id}/send over real HTTP, answered 200 once the
// message and its outbox job are committed (the provider is a stub, so
// delivery costs only its own commit).
func BenchmarkSend(b *testing.B) {
	benchBackends(b, benchSend)
}

// benchBackends runs fn on SQLite and on PostgreSQL; tune points the
// server's Config at the database.
func benchBackends(b *testing.B, fn func(b *testing.B, tune func(*Config))) {
	b.Run("sqlite", func(b *testing.B) {
		if onPostgres() {
			b.Skip("this run keeps every store in PostgreSQL")
		}
		fn(b, nil)
	})
	b.Run("postgres", func(b *testing.B) {
		url := durablePostgres(b)
		fn(b, func(c *Config) { c.DatabaseURL = url })
	})
}

var durableOnce sync.Once

// durablePostgres is a fresh, migrated database on the test cluster,
// with the cluster made durable (the tests run it without fsync).
func durablePostgres(b *testing.B) string {
	b.Helper()
	c := pgcluster.Shared(b)
	var err error
	durableOnce.Do(func() {
		db, oerr := c.Open("postgres")
		if oerr != nil {
			err = oerr
			return
		}
		defer db.Close()
		for _, q := range []string{`ALTER SYSTEM SET fsync = on`, `ALTER SYSTEM SET synchronous_commit = on`,
			`ALTER SYSTEM SET full_page_writes = on`, `SELECT pg_reload_conf()`} {
			if _, err = db.Exec(q); err != nil {
				return
			}
		}
	})
	if err != nil {
		b.Fatal(err)
	}
	pgcluster.Template(b, "bench_migrated", func(db *sql.DB) error {
		ms, err := migrations.Postgres()
		if err != nil {
			return err
		}
		return migrate.Apply(context.Background(), db, migrate.Postgres, ms, "triaged")
	})
	return pgcluster.NewDatabaseFrom(b, "bench_migrated").URL
}

func benchSend(b *testing.B, tune func(*Config)) {
	fp := &fakeProvider{}
	cfg := Config{
		DataDir: b.TempDir(), Addr: "127.0.0.1:0", Keys: benchKeys(b), Provider: fp,
		WhatsAppAppSecret: testAppSecret, WhatsAppVerifyToken: testVerifyToken, BusinessNumber: testBusinessNumber,
		SeedUsers:  []SeedUser{{Username: "desk", Password: testPasswords["desk"], Role: "frontdesk"}},
		SeedOptIns: []string{patientUK},
		// The patient wrote a moment ago and the clinic answers at length:
		// no quiet-hours or daily cap stands between the benchmark and the store.
		Rules: benchRules(),
	}
	if tune != nil {
		tune(&cfg)
	}
	s, err := New(context.Background(), cfg)
	if err != nil {
		b.Fatal(err)
	}
	addr, _, err := s.Start()
	if err != nil {
		b.Fatal(err)
	}
	defer s.Shutdown(context.Background())
	base := "http://" + addr
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: 64, MaxIdleConnsPerHost: 64}, Timeout: 30 * time.Second}
	do := func(method, path, token string, in, out any) int {
		raw, _ := json.Marshal(in)
		req, _ := http.NewRequest(method, base+path, bytes.NewReader(raw))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		if method == "POST" && path == "/webhooks/whatsapp" {
			req.Header.Set(cloudapi.SignatureHeader, cloudapi.Sign([]byte(testAppSecret), raw))
		}
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		if out != nil {
			json.NewDecoder(resp.Body).Decode(out)
		}
		return resp.StatusCode
	}
	hook := json.RawMessage(inboundJSON("wamid.bench.send", "447700900123", "Zebulon Quixote", "Is parking free on Saturday?"))
	if code := do("POST", "/webhooks/whatsapp", "", hook, nil); code != 200 {
		b.Fatalf("webhook: %d", code)
	}
	var lr api.LoginResponse
	if code := do("POST", api.Version+"/login", "", api.LoginRequest{Username: "desk", Password: testPasswords["desk"]}, &lr); code != 200 {
		b.Fatalf("login: %d", code)
	}
	var pol api.MessagingPolicy
	do("GET", api.Version+"/policy", lr.Token, nil, &pol)
	if code := do("POST", api.Version+"/policy/ack", lr.Token, api.PolicyAckRequest{Version: pol.Version, FullName: "Desk Staff Member"}, nil); code != 200 {
		b.Fatalf("policy ack: %d", code)
	}
	var threads []api.ThreadSummary
	do("GET", api.Version+"/threads", lr.Token, nil, &threads)
	if len(threads) != 1 {
		b.Fatalf("threads: %d", len(threads))
	}
	path := api.Version + "/threads/" + threads[0].ID + "/send"
	var (
		seq  atomic.Int64
		mu   sync.Mutex
		lats []time.Duration
	)
	b.SetParallelism(4) // several receptionists at once
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		local := make([]time.Duration, 0, 256)
		for pb.Next() {
			n := seq.Add(1)
			t0 := time.Now()
			code := do("POST", path, lr.Token, api.SendRequest{IdempotencyKey: fmt.Sprintf("bench-%d", n), Text: "Thank you, the front desk will call you back"}, nil)
			local = append(local, time.Since(t0))
			if code != http.StatusOK {
				b.Errorf("send: status %d", code)
				return
			}
		}
		mu.Lock()
		lats = append(lats, local...)
		mu.Unlock()
	})
	elapsed := time.Since(start)
	b.StopTimer()
	if len(lats) == 0 {
		return
	}
	slices.Sort(lats)
	b.ReportMetric(float64(len(lats))/elapsed.Seconds(), "sends/s")
	b.ReportMetric(float64(lats[min(len(lats)-1, len(lats)*99/100)].Microseconds())/1000, "p99-ms")
}

// benchRules lets one patient receive as many answers as the benchmark
// sends, at any hour (they wrote within the day).
func benchRules() policy.OutboundRules {
	r := policy.DefaultOutboundRules()
	r.MaxPerDay = 1 << 30
	r.AwakeGrace = 24 * time.Hour
	return r
}
