package central

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/store/central/ingest"
	"github.com/clinicwa/triage/store/seal"
)

// BenchmarkWebhookIngest measures signed Cloud API webhooks accepted
// durably per second: each op is one inbound-message webhook POSTed over
// real HTTP on loopback to a real Server with a real SQLite file
// (synchronous=FULL), answered 200 only after its commit. It reports the
// throughput and the 99th-percentile latency of one webhook.
//
//	go test ./store/central -run '^$' -bench WebhookIngest -benchtime 2s
func BenchmarkWebhookIngest(b *testing.B) {
	benchIngest(b, 0, nil)
}

// benchIngest runs the webhook-intake benchmark while streams live event
// streams are open (see BenchmarkWebhookFanout); tune adjusts the config.
func benchIngest(b *testing.B, streams int, tune func(*Config)) {
	cfg := Config{
		DataDir: b.TempDir(), Addr: "127.0.0.1:0", Keys: benchKeys(b), Provider: &fakeProvider{},
		WhatsAppAppSecret: testAppSecret, WhatsAppVerifyToken: testVerifyToken,
		SeedUsers: []SeedUser{{Username: "desk", Password: testPasswords["desk"], Role: "frontdesk"}},
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
	url := "http://" + addr + "/webhooks/whatsapp"
	open := openStreams(b, "http://"+addr, streams)
	defer open.close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256}, Timeout: 30 * time.Second}

	// The bodies are spliced from one template rather than marshalled per
	// op: building them is the provider's work, and on a 2-core machine
	// the load generator would otherwise take CPU from the server.
	tmpl := newWebhookTemplate(inboundJSON("wamid.bench.@ID@", "4477009@FROM@", "Zebulon Quixote", "Is parking free on Saturday?"))
	var (
		seq     atomic.Int64
		commits atomic.Int64
		mu      sync.Mutex
		lats    []time.Duration
	)
	s.ingest.SetHooks(&ingest.Hooks{BeforeCommit: func([]*ingest.Webhook) error { commits.Add(1); return nil }})
	b.SetParallelism(16) // 16 × GOMAXPROCS providers' delivery workers at once
	b.ResetTimer()
	cpu0 := processCPU()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		local := make([]time.Duration, 0, 1024)
		for pb.Next() {
			n := seq.Add(1)
			// 200 patients, each writing many times: the steady state of a clinic.
			body := tmpl.body(n, n%200)
			req, _ := http.NewRequest("POST", url, bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set(cloudapi.SignatureHeader, cloudapi.Sign([]byte(testAppSecret), body))
			t0 := time.Now()
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			resp.Body.Close()
			local = append(local, time.Since(t0))
			if resp.StatusCode != http.StatusOK {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
		mu.Lock()
		lats = append(lats, local...)
		mu.Unlock()
	})
	elapsed := time.Since(start)
	cpu := processCPU() - cpu0
	b.StopTimer()
	if len(lats) == 0 {
		return
	}
	slices.Sort(lats)
	p99 := lats[min(len(lats)-1, len(lats)*99/100)]
	b.ReportMetric(float64(len(lats))/elapsed.Seconds(), "webhooks/s")
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
	// Webhooks per commit shows the group commit at work; CPU per webhook
	// (server and load generator together) is steadier than throughput
	// on a machine shared with other work.
	b.ReportMetric(float64(len(lats))/float64(max(commits.Load(), 1)), "webhooks/commit")
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/float64(len(lats)), "cpu-µs/webhook")
	}
	if streams > 0 {
		b.ReportMetric(float64(open.accepted.Load()), "streams-open")
		b.ReportMetric(float64(open.refused.Load()), "streams-refused")
	}
	var stored int
	s.db.QueryRow(`SELECT COUNT(*) FROM messages`).Scan(&stored)
	if stored < len(lats) {
		b.Fatalf("%d webhooks acknowledged but %d messages stored", len(lats), stored)
	}
}

func benchKeys(b *testing.B) *seal.Keys {
	dk, ik := make([]byte, 32), make([]byte, 32)
	rand.Read(dk)
	rand.Read(ik)
	k, err := seal.NewKeys(map[uint32][]byte{1: dk}, 1, ik)
	if err != nil {
		b.Fatal(err)
	}
	return k
}

// webhookTemplate splices a message id and a sender into a webhook body built
// once by inboundJSON, so every op posts the same bytes inboundJSON would
// have produced for that id and sender.
type webhookTemplate struct{ parts [][]byte } // text around @ID@ and @FROM@ (twice: contact and message)

func newWebhookTemplate(tmpl []byte) *webhookTemplate {
	var parts [][]byte
	rest := tmpl
	for {
		i, j := bytes.Index(rest, []byte("@ID@")), bytes.Index(rest, []byte("@FROM@"))
		if i < 0 && j < 0 {
			break
		}
		k, n := i, len("@ID@")
		if i < 0 || (j >= 0 && j < i) {
			k, n = j, len("@FROM@")
		}
		parts = append(parts, rest[:k], rest[k:k+n])
		rest = rest[k+n:]
	}
	return &webhookTemplate{parts: append(parts, rest)}
}

func (t *webhookTemplate) body(id, patient int64) []byte {
	out := make([]byte, 0, 512)
	for _, p := range t.parts {
		switch string(p) {
		case "@ID@":
			out = strconv.AppendInt(out, id, 10)
		case "@FROM@":
			out = fmt.Appendf(out, "%05d", patient)
		default:
			out = append(out, p...)
		}
	}
	return out
}
