package central

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/auth"
	"github.com/clinicwa/triage/store/central/events"
)

// newConsoleClient is a real console client (local audit store and all)
// talking to the test server.
func newConsoleClient(t *testing.T, e *env) *store.Client {
	t.Helper()
	con, err := store.OpenConsole(context.Background(), t.TempDir(), e.clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { con.Close() })
	return store.NewClient(e.url, &http.Client{Timeout: 10 * time.Second}, con)
}

// TestConsoleSignInFlows drives sign-in through store.Client against the
// real server: enrolment, wrong password, wrong and replayed TOTP codes,
// lockout and its release, a recovery code, idle logoff.
func TestConsoleSignInFlows(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	const pw = "juniper-canyon-lattice-74"
	if _, err := testAdmin(t, e).AddUser(ctx, "cli:root", "ines", pw, policy.RoleFrontDesk); err != nil {
		t.Fatal(err)
	}
	c := newConsoleClient(t, e)

	// First sign-in: the password step answers with the enrolment.
	_, err := c.SignIn(ctx, "ines", pw, "")
	var enr *store.EnrolmentRequiredError
	if !errors.As(err, &enr) || enr.Enrolment.Secret == "" {
		t.Fatalf("first sign-in: %v", err)
	}
	if _, err := c.EnrolTOTP(ctx, enr.Enrolment.Token, "123456"); err == nil {
		t.Fatal("a wrong enrolment code was accepted")
	}
	code, _ := totp.GenerateCode(enr.Enrolment.Secret, e.clock.Now())
	res, err := c.EnrolTOTP(ctx, enr.Enrolment.Token, code)
	if err != nil || len(res.RecoveryCodes) != recoveryCodeCount || c.Token() == "" {
		t.Fatalf("enrol: %v %+v", err, res)
	}
	// The new account has not acknowledged the messaging policy: the
	// inbox stays shut until it does.
	if _, err := c.Threads(ctx); !store.PolicyAckRequired(err) {
		t.Fatalf("inbox before the policy acknowledgment: %v", err)
	}
	pol, err := c.Policy(ctx)
	if err != nil || pol.Acknowledged {
		t.Fatalf("policy: %+v %v", pol, err)
	}
	if _, err := c.AcknowledgePolicy(ctx, pol.Version, "Ines Example"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Threads(ctx); err != nil {
		t.Fatalf("inbox after enrolment: %v", err)
	}
	if err := c.Logout(ctx); err != nil {
		t.Fatal(err)
	}

	secret := enr.Enrolment.Secret
	e.clock.Advance(auth.TOTPPeriod * 2)
	good, _ := totp.GenerateCode(secret, e.clock.Now())
	cases := []struct {
		name, pass, code string
		ok               bool
	}{
		{"wrong password", "juniper-canyon-lattice-75", good, false},
		{"wrong code", pw, wrongCode(good), false},
		{"right code", pw, good, true},
		{"replayed code", pw, good, false},
	}
	for _, tc := range cases {
		_, err := c.SignIn(ctx, "ines", tc.pass, tc.code)
		if (err == nil) != tc.ok {
			t.Errorf("%s: err = %v", tc.name, err)
		}
		if err != nil && (strings.Contains(err.Error(), "password") && !strings.Contains(err.Error(), "Check your username")) {
			t.Errorf("%s: the refusal says which factor failed: %v", tc.name, err)
		}
	}

	// Idle logoff at the server: the token stops working after the idle
	// timeout, and the client reports the session as ended.
	e.clock.Advance(DefaultIdleTimeout + time.Second)
	if _, err := c.Threads(ctx); !errors.Is(err, store.ErrSessionEnded) {
		t.Fatalf("after idle timeout: %v", err)
	}

	// Lockout: five failures lock even the right password out; the lock
	// ends by itself.
	for i := 0; i < auth.UserLockout.MaxFailures; i++ {
		c.SignIn(ctx, "ines", "not-the-password-"+string(rune('a'+i)), "")
	}
	e.clock.Advance(auth.TOTPPeriod)
	good, _ = totp.GenerateCode(secret, e.clock.Now())
	if _, err := c.SignIn(ctx, "ines", pw, good); err == nil {
		t.Fatal("signed in while locked")
	}
	e.clock.Advance(auth.UserLockout.BaseLock)
	good, _ = totp.GenerateCode(secret, e.clock.Now())
	if _, err := c.SignIn(ctx, "ines", pw, good); err != nil {
		t.Fatalf("after the lock: %v", err)
	}
	// A lost phone: a recovery code signs in, once.
	c.Logout(ctx)
	if _, err := c.SignIn(ctx, "ines", pw, res.RecoveryCodes[0]); err != nil {
		t.Fatalf("recovery code: %v", err)
	}
	c.Logout(ctx)
	if _, err := c.SignIn(ctx, "ines", pw, res.RecoveryCodes[0]); err == nil {
		t.Fatal("recovery code used twice")
	}
}

func wrongCode(good string) string {
	b := []byte(good)
	b[0] = '0' + (b[0]-'0'+1)%10
	return string(b)
}

// TestConsoleNoticesRevocation: an admin revokes (or disables) a user
// while their console is connected; the server closes the event stream,
// the console's reconnect is refused as a session that ended, and the
// user cannot sign in while disabled.
func TestConsoleNoticesRevocation(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.HeartbeatInterval = time.Hour })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := newConsoleClient(t, e)
	if _, err := c.SignIn(ctx, "desk", testPasswords["desk"], ""); err != nil {
		t.Fatal(err)
	}
	ch, err := c.Events(ctx)
	if err != nil {
		t.Fatal(err)
	}
	adm := testAdmin(t, e)
	start := time.Now()
	if _, err := adm.Revoke(ctx, "cli:root", "desk"); err != nil {
		t.Fatal(err)
	}
	waitClosed(t, ch, events.SessionCheckEvery+3*time.Second)
	t.Logf("stream closed %v after revocation", time.Since(start).Round(10*time.Millisecond))
	if _, err := c.Events(ctx); !errors.Is(err, store.ErrSessionEnded) {
		t.Fatalf("reconnect after revocation: %v", err)
	}

	// Disabling does the same, and the account stays out.
	if _, err := c.SignIn(ctx, "desk", testPasswords["desk"], ""); err != nil {
		t.Fatal(err)
	}
	ch, err = c.Events(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := adm.Disable(ctx, "cli:root", "desk"); err != nil {
		t.Fatal(err)
	}
	waitClosed(t, ch, events.SessionCheckEvery+3*time.Second)
	if _, err := c.Threads(ctx); !errors.Is(err, store.ErrSessionEnded) {
		t.Fatalf("disabled user's session: %v", err)
	}
	if _, err := c.SignIn(ctx, "desk", testPasswords["desk"], ""); err == nil {
		t.Fatal("a disabled user signed in")
	}
}

func waitClosed[T any](t *testing.T, ch <-chan T, within time.Duration) {
	t.Helper()
	deadline := time.After(within)
	for {
		select {
		case _, open := <-ch:
			if !open {
				return
			}
		case <-deadline:
			t.Fatalf("event stream still open after %v", within)
		}
	}
}
