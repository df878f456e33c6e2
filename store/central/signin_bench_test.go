package central

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"testing"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/auth"
)

// BenchmarkSignInBesideLockedSource measures one real user's sign-in
// (right password, from 127.0.0.3) over real HTTP, alone ("quiet") and
// while 64 bogus sign-ins at a time keep arriving from 127.0.0.2, an
// address already locked out ("flood64"). A locked source must cost the
// server almost nothing, so the two should stay close.
//
//	go test ./store/central -run '^$' -bench SignInBesideLockedSource -benchtime 20x
func BenchmarkSignInBesideLockedSource(b *testing.B) {
	for _, flood := range []int{0, 64} {
		name := "quiet"
		if flood > 0 {
			name = "flood64"
		}
		b.Run(name, func(b *testing.B) {
			s, err := New(context.Background(), Config{
				DataDir: b.TempDir(), Addr: "127.0.0.1:0", Keys: benchKeys(b), Provider: &fakeProvider{},
				WhatsAppAppSecret: testAppSecret, WhatsAppVerifyToken: testVerifyToken,
				SeedUsers: []SeedUser{{Username: "desk", Password: testPasswords["desk"], Role: "frontdesk"}},
			})
			if err != nil {
				b.Fatal(err)
			}
			addr, _, err := s.Start()
			if err != nil {
				b.Fatal(err)
			}
			defer s.Shutdown(context.Background())
			url := "http://" + addr + api.Version + "/login"
			post := func(c *http.Client, req api.LoginRequest) int {
				body, _ := json.Marshal(req)
				resp, err := c.Post(url, "application/json", bytes.NewReader(body))
				if err != nil {
					return 0
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				return resp.StatusCode
			}
			attacker, user := clientFrom("127.0.0.2"), clientFrom("127.0.0.3")
			bogus := api.LoginRequest{Username: "no-such-user", Password: "guessing-all-day-1", ConsoleID: "c-x"}
			// Lock the attacker's address out first.
			for range auth.SourceLockout.MaxFailures + 1 {
				post(attacker, bogus)
			}
			stop := make(chan struct{})
			var wg sync.WaitGroup
			for range flood {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						select {
						case <-stop:
							return
						default:
							post(attacker, bogus)
						}
					}
				}()
			}
			real := api.LoginRequest{Username: "desk", Password: testPasswords["desk"], ConsoleID: "c-desk"}
			b.ResetTimer()
			hashes := auth.HashesComputed()
			for range b.N {
				if code := post(user, real); code != http.StatusOK {
					b.Errorf("real user's sign-in: %d", code)
				}
			}
			// Password hashes the server ran per real sign-in: one is the
			// user's own; any more were spent on the locked address. Unlike
			// the time, this does not depend on what else the machine runs.
			b.ReportMetric(float64(auth.HashesComputed()-hashes)/float64(b.N), "hashes/signin")
			b.StopTimer()
			close(stop)
			wg.Wait()
		})
	}
}
