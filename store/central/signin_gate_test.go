package central

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/auth"
)

func TestClientAddrTrustsOnlyConfiguredProxies(t *testing.T) {
	proxies, err := ParseTrustedProxies("10.0.0.0/8, 192.168.1.7")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseTrustedProxies("10.0.0.0/8,not-an-address"); err == nil {
		t.Error("a malformed proxy entry was accepted")
	}
	for _, tc := range []struct {
		name, peer, xff string
		trusted         bool
		want            string
	}{
		{"no proxies: the header is ignored", "203.0.113.9:5000", "198.51.100.1", false, "203.0.113.9"},
		{"untrusted peer: the header is ignored", "203.0.113.9:5000", "198.51.100.1", true, "203.0.113.9"},
		{"trusted proxy: the client it names", "10.1.2.3:5000", "198.51.100.1", true, "198.51.100.1"},
		{"a spoofed left entry is skipped", "10.1.2.3:5000", "1.1.1.1, 198.51.100.1", true, "198.51.100.1"},
		{"chained trusted proxies", "10.1.2.3:5000", "198.51.100.1, 192.168.1.7", true, "198.51.100.1"},
		{"a malformed hop keeps the proxy's word so far", "10.1.2.3:5000", "198.51.100.1, junk", true, "10.1.2.3"},
		{"IPv6 keyed by its /64", "[2001:db8:1:2:3:4:5:6]:443", "", false, "2001:db8:1:2::/64"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &Server{}
			if tc.trusted {
				s.cfg.TrustedProxies = proxies
			}
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tc.peer
			if tc.xff != "" {
				r.Header.Set("X-Forwarded-For", tc.xff)
			}
			if got := s.clientAddr(r); got != tc.want {
				t.Errorf("clientAddr = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestLockedSourceIsRefusedWithoutHashingAndHeadersDoNotEscapeIt locks
// one address out, then sends the right password from it, with and
// without a forged X-Forwarded-For: each is refused, no password is
// hashed, and the user is told until when.
func TestLockedSourceIsRefusedWithoutHashingAndHeadersDoNotEscapeIt(t *testing.T) {
	// It counts password hashes process-wide: no other sign-in may run.
	runAlone(t)
	e := newEnv(t)
	c := clientFrom("127.0.0.6")
	for i := range auth.SourceLockout.MaxFailures {
		e.signIn(c, api.LoginRequest{Username: "ghost-" + string(rune('a'+i)), Password: "guess-guess-guess", ConsoleID: "c1"})
	}
	hashes := auth.HashesComputed()
	for _, forged := range []string{"", "198.51.100.77"} {
		b, _ := json.Marshal(api.LoginRequest{Username: "desk", Password: testPasswords["desk"], ConsoleID: "c1"})
		req, _ := http.NewRequest("POST", e.url+api.Version+"/login", bytes.NewReader(b))
		if forged != "" {
			req.Header.Set("X-Forwarded-For", forged)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var ae api.Error
		json.NewDecoder(resp.Body).Decode(&ae)
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized || ae.LockedUntil.IsZero() || !strings.Contains(ae.Error, "locked until") {
			t.Errorf("right password from a locked address (X-Forwarded-For %q): %d %+v", forged, resp.StatusCode, ae)
		}
	}
	if n := auth.HashesComputed() - hashes; n != 0 {
		t.Errorf("%d password hashes for attempts from a locked address, want 0", n)
	}
	// Another address is not affected.
	if code, _, _ := e.signIn(clientFrom("127.0.0.7"), api.LoginRequest{Username: "desk", Password: testPasswords["desk"], ConsoleID: "c1"}); code != http.StatusOK {
		t.Errorf("right password from another address: %d", code)
	}
}

func TestLockedUserIsToldUntilWhen(t *testing.T) {
	zone, err := time.LoadLocation("America/Chicago")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	e := newEnv(t, func(c *Config) { c.ClinicZone = zone })
	c := clientFrom("127.0.0.8")
	var last api.Error
	for range auth.UserLockout.MaxFailures {
		_, _, last = e.signIn(c, api.LoginRequest{Username: "nurse", Password: "not-her-password-1", ConsoleID: "c1"})
	}
	code, _, ae := e.signIn(c, api.LoginRequest{Username: "nurse", Password: testPasswords["nurse"], ConsoleID: "c1"})
	want := mustUser(t, e, "nurse").LockedUntil
	if code != http.StatusUnauthorized || !ae.LockedUntil.Equal(want) {
		t.Fatalf("locked account: %d %+v, want locked_until %v", code, ae, want)
	}
	if hhmm := want.In(zone).Format("15:04"); !strings.Contains(ae.Error, "locked until "+hhmm) || !strings.Contains(last.Error, "locked until "+hhmm) {
		t.Errorf("the lock's end in clinic time (%s) is not in %q / %q", hhmm, last.Error, ae.Error)
	}
	// An unknown name locks the same way, so a lock tells nothing about
	// which names exist.
	for range auth.UserLockout.MaxFailures {
		e.signIn(clientFrom("127.0.0.10"), api.LoginRequest{Username: "nobody-here", Password: "not-a-password-1", ConsoleID: "c1"})
	}
	if _, _, ghost := e.signIn(clientFrom("127.0.0.10"), api.LoginRequest{Username: "nobody-here", Password: "x-x-x-x-x-x", ConsoleID: "c1"}); ghost.LockedUntil.IsZero() {
		t.Errorf("an unknown name did not lock like a real one: %+v", ghost)
	}
}

// TestConsoleClientSeesTheLocksEnd signs in through the console's own
// client: a lock reaches it as a *store.LockedError carrying the end the
// server holds, for the console to show in its own time.
func TestConsoleClientSeesTheLocksEnd(t *testing.T) {
	e := newEnv(t)
	c := newConsoleClient(t, e)
	ctx := context.Background()
	for range auth.UserLockout.MaxFailures {
		c.SignIn(ctx, "desk", "not-the-password-9", "")
	}
	_, err := c.SignIn(ctx, "desk", testPasswords["desk"], "")
	var locked *store.LockedError
	if !errors.As(err, &locked) || !locked.LockedUntil().Equal(mustUser(t, e, "desk").LockedUntil) {
		t.Fatalf("sign-in to a locked account: %v, want a *store.LockedError with the lock's end", err)
	}
}

func TestHashGateBoundsChecksPerAccountSourceAndServer(t *testing.T) {
	ctx := context.Background()
	g := &hashGate{slots: make(chan struct{}, 8), maxWaiting: 1, inFlight: map[string]int{}}
	var releases []func()
	admit := func(account, source string) error {
		rel, err := g.enter(ctx, account, source)
		if err == nil {
			releases = append(releases, rel)
		}
		return err
	}
	for i := range maxChecksPerAccount {
		if err := admit("acct-1", "src-"+string(rune('a'+i))); err != nil {
			t.Fatalf("check %d for one account: %v", i+1, err)
		}
	}
	if err := admit("acct-1", "src-z"); !errors.Is(err, errTooManyAtOnce) {
		t.Errorf("one check too many for one account: %v", err)
	}
	for i := range maxChecksPerSource {
		if err := admit("acct-x"+string(rune('a'+i)), "src-shared"); err != nil {
			t.Fatalf("check %d from one address: %v", i+1, err)
		}
	}
	if err := admit("acct-y", "src-shared"); !errors.Is(err, errSourceBusy) {
		t.Errorf("one check too many from one address: %v", err)
	}
	for _, rel := range releases {
		rel()
	}
	if len(g.inFlight) != 0 || len(g.slots) != 0 {
		t.Fatalf("released gate still holds %v, %d slots", g.inFlight, len(g.slots))
	}

	// The whole server: one slot, one waiter; the next is refused at once.
	g = &hashGate{slots: make(chan struct{}, 1), maxWaiting: 1, inFlight: map[string]int{}}
	first, err := g.enter(ctx, "a1", "s1")
	if err != nil {
		t.Fatal(err)
	}
	waited := make(chan error, 1)
	go func() {
		rel, err := g.enter(ctx, "a2", "s2")
		if err == nil {
			rel()
		}
		waited <- err
	}()
	for g.waiting.Load() != 1 {
		time.Sleep(time.Millisecond)
	}
	if _, err := g.enter(ctx, "a3", "s3"); !errors.Is(err, errServerBusy) {
		t.Errorf("past the queue bound: %v, want errServerBusy", err)
	}
	first()
	if err := <-waited; err != nil {
		t.Errorf("the queued check: %v", err)
	}
}
