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

// TestServerKeysSourcesOnItsTrustedProxies: the server reads
// X-Forwarded-For only behind the proxies its configuration names, as
// triaged parses them, and a malformed entry stops the start with a
// sentence naming it.
func TestServerKeysSourcesOnItsTrustedProxies(t *testing.T) {
	proxies, err := ParseTrustedProxies("10.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseTrustedProxies("10.0.0.0/8,not-an-address"); err == nil || !strings.HasPrefix(err.Error(), `central: trusted proxy "not-an-address"`) {
		t.Errorf("a malformed proxy entry: %v", err)
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "10.1.2.3:5000"
	r.Header.Set("X-Forwarded-For", "198.51.100.1")
	s := &Server{}
	if got := s.clientAddr(r); got != "10.1.2.3" {
		t.Errorf("no trusted proxies configured: clientAddr = %q, want the peer", got)
	}
	s.cfg.TrustedProxies = proxies
	if got := s.clientAddr(r); got != "198.51.100.1" {
		t.Errorf("behind a trusted proxy: clientAddr = %q, want the client it names", got)
	}
}
