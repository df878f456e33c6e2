package central

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
)

// BenchmarkWebhookFanout is webhook intake with no live event stream
// open and with 300 open, side by side: the 300 are what one front-desk
// token asked for. Intake with 300 must keep at least 80% of the
// throughput without (or the streams must be refused: see
// streams-refused).
//
//	go test ./store/central -run '^$' -bench WebhookFanout -benchtime 2s
func BenchmarkWebhookFanout(b *testing.B) {
	for _, n := range []int{0, 300} {
		b.Run("streams="+strconv.Itoa(n), func(b *testing.B) { benchIngest(b, n, nil) })
	}
	// The same 300 with the caps lifted, so every stream is open and fed:
	// what the fan-out itself costs intake.
	b.Run("streams=300-uncapped", func(b *testing.B) {
		benchIngest(b, 300, func(c *Config) { c.MaxStreamsPerSession, c.MaxStreamsPerUser = 1000, 1000 })
	})
}

// openedStreams are event streams held open by readers that drain them
// as a console would.
type openedStreams struct {
	accepted, refused atomic.Int64
	cancel            context.CancelFunc
	wg                sync.WaitGroup
}

func (o *openedStreams) close() {
	o.cancel()
	o.wg.Wait()
}

// openStreams signs the front desk in once and opens n event streams with
// that one token, each drained by a reader of its own.
func openStreams(b *testing.B, base string, n int) *openedStreams {
	ctx, cancel := context.WithCancel(context.Background())
	o := &openedStreams{cancel: cancel}
	if n == 0 {
		return o
	}
	token := benchLogin(b, base)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: n + 8, MaxConnsPerHost: 0}}
	ready := make(chan struct{}, n)
	for i := 0; i < n; i++ {
		o.wg.Add(1)
		go func() {
			defer o.wg.Done()
			req, _ := http.NewRequestWithContext(ctx, "GET", base+api.Version+"/events", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := client.Do(req)
			if err != nil {
				ready <- struct{}{}
				return
			}
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				o.refused.Add(1)
				ready <- struct{}{}
				return
			}
			o.accepted.Add(1)
			br := bufio.NewReader(resp.Body)
			br.ReadString('\n') // ": connected"
			ready <- struct{}{}
			io.Copy(io.Discard, br)
		}()
	}
	for i := 0; i < n; i++ {
		select {
		case <-ready:
		case <-time.After(30 * time.Second):
			b.Fatal("event streams did not open")
		}
	}
	return o
}

// benchLogin signs the seeded front-desk user in and returns the token.
func benchLogin(b *testing.B, base string) string {
	body, _ := json.Marshal(map[string]string{"username": "desk", "password": testPasswords["desk"], "console_id": "bench-console"})
	resp, err := http.Post(base+api.Version+"/login", "application/json", bytes.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var lr api.LoginResponse
	if err := json.NewDecoder(resp.Body).Decode(&lr); err != nil || lr.Token == "" {
		b.Fatalf("bench sign-in: %d %v", resp.StatusCode, err)
	}
	return lr.Token
}
