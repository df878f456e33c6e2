package central

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/auth"
)

// clientFrom is an HTTP client whose connections leave from the loopback
// address ip (any 127.x.y.z on Linux), so one test can be several
// sources without trusting any forwarded header.
func clientFrom(ip string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 10 * time.Second}
	return &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 128}}
}

// signIn posts one sign-in through c and returns the status and the
// decoded answer.
func (e *env) signIn(c *http.Client, req api.LoginRequest) (int, api.LoginResponse, api.Error) {
	e.t.Helper()
	b, _ := json.Marshal(req)
	resp, err := c.Post(e.url+api.Version+"/login", "application/json", bytes.NewReader(b))
	if err != nil {
		e.t.Error(err)
		return 0, api.LoginResponse{}, api.Error{}
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var ok api.LoginResponse
	var bad api.Error
	if resp.StatusCode == http.StatusOK {
		json.Unmarshal(raw, &ok)
	} else {
		json.Unmarshal(raw, &bad)
	}
	return resp.StatusCode, ok, bad
}

// overlapping runs fn(0..n-1) on n goroutines released together by one
// start gate, so the requests really are in flight at the same time.
func overlapping(n int, fn func(i int)) {
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	ready.Add(n)
	done.Add(n)
	for i := range n {
		go func() {
			defer done.Done()
			ready.Done()
			<-start
			fn(i)
		}()
	}
	ready.Wait()
	close(start)
	done.Wait()
}

func TestConcurrentWrongPasswordsLockTheAccount(t *testing.T) {
	for _, tc := range []struct {
		name    string
		sources []string
	}{
		{"one source", []string{"127.0.0.1"}},
		{"three sources", []string{"127.0.0.2", "127.0.0.3", "127.0.0.4"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			clients := make([]*http.Client, len(tc.sources))
			for i, ip := range tc.sources {
				clients[i] = clientFrom(ip)
			}
			hashesBefore := auth.HashesComputed()
			var mu sync.Mutex
			codes := map[int]int{}
			overlapping(40, func(i int) {
				code, _, _ := e.signIn(clients[i%len(clients)], api.LoginRequest{Username: "desk", Password: "wrong-guess-number-" + string(rune('a'+i%26)), ConsoleID: "c1"})
				mu.Lock()
				codes[code]++
				mu.Unlock()
			})
			hashes := auth.HashesComputed() - hashesBefore
			if codes[http.StatusOK] != 0 {
				t.Fatalf("a wrong password signed in: %v", codes)
			}
			u := mustUser(t, e, "desk")
			if !e.clock.Now().Before(u.LockedUntil) {
				t.Errorf("40 simultaneous wrong passwords left the account unlocked (failures %d, answers %v)", u.FailedLogins, codes)
			}
			// The right password, from a fresh address, is refused now.
			code, lr, _ := e.signIn(clientFrom("127.0.0.9"), api.LoginRequest{Username: "desk", Password: testPasswords["desk"], ConsoleID: "c1"})
			if code == http.StatusOK || lr.Token != "" {
				t.Errorf("right password after 40 simultaneous failures: %d (the lock did not hold)", code)
			}
			if max := int64(auth.UserLockout.MaxFailures); hashes > max {
				t.Errorf("%d password hashes for 40 simultaneous attempts; at most %d may run before the lock", hashes, max)
			}
		})
	}
}

// enrolTOTP gives the user an authenticator secret and n recovery codes,
// as a finished enrolment would.
func enrolTOTP(t *testing.T, e *env, user string, n int) (secret string, recovery []string) {
	t.Helper()
	secret, _, err := auth.NewTOTPSecret("Clinic", user)
	if err != nil {
		t.Fatal(err)
	}
	plain, hashed, err := auth.NewRecoveryCodes(n)
	if err != nil {
		t.Fatal(err)
	}
	id := mustUser(t, e, user).ID
	sealed, _ := e.keys.SealString("users", "totp", id, secret)
	rec, _ := json.Marshal(hashed)
	if _, err := e.srv.db.Exec(`UPDATE users SET totp_sealed = ?, recovery_codes = ? WHERE id = ?`, sealed, string(rec), id); err != nil {
		t.Fatal(err)
	}
	return secret, plain
}

// Each race runs on its own account: of four simultaneous sign-ins, two
// wait for the account's share of password checks and are answered 429,
// and those count as failures (so that concurrency cannot get round the
// lockout). Two races on one account could therefore add up to the
// lockout's five failures and lock the account before the winner's
// session, which is the lockout working, not a code used twice.
func TestOneTimeCodeSignsInOnceUnderConcurrency(t *testing.T) {
	e := newEnv(t)
	secret, _ := enrolTOTP(t, e, "nurse", 4)
	_, recovery := enrolTOTP(t, e, "desk", 4)
	race := func(user, code string) (sessions int, answers map[int]int) {
		var mu sync.Mutex
		answers = map[int]int{}
		overlapping(4, func(i int) {
			st, lr, _ := e.signIn(clientFrom("127.0.0.1"), api.LoginRequest{Username: user, Password: testPasswords[user], TOTP: code, ConsoleID: "c-" + user})
			mu.Lock()
			defer mu.Unlock()
			answers[st]++
			if st == http.StatusOK && lr.Token != "" {
				sessions++
			}
		})
		return sessions, answers
	}
	code, _ := totp.GenerateCode(secret, e.clock.Now())
	if n, answers := race("nurse", code); n != 1 {
		t.Errorf("one TOTP code in 4 simultaneous sign-ins gave %d sessions (answers %v), want exactly 1", n, answers)
	}
	if n, answers := race("desk", recovery[2]); n != 1 {
		t.Errorf("one recovery code in 4 simultaneous sign-ins gave %d sessions (answers %v), want exactly 1", n, answers)
	}
	info, err := testAdmin(t, e).User(context.Background(), "desk")
	if err != nil {
		t.Fatal(err)
	}
	if info.RecoveryCodesLeft != 3 {
		t.Errorf("%d recovery codes left after one was used, want 3", info.RecoveryCodesLeft)
	}
	for _, user := range []string{"nurse", "desk"} {
		var sessions int
		e.srv.db.QueryRow(`SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = ?`, user).Scan(&sessions)
		if sessions != 1 {
			t.Errorf("%d sessions stored for %s, want 1 (one per code)", sessions, user)
		}
	}
}
