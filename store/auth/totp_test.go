package auth

import (
	"encoding/base32"
	"net/url"
	"strings"
	"testing"
	"time"
)

// rfcSecret is RFC 6238 Appendix B's SHA-1 key, "12345678901234567890".
var rfcSecret = base32.StdEncoding.EncodeToString([]byte("12345678901234567890"))

// RFC 6238 Appendix B's SHA-1 vectors, cut to the 6 digits apps show.
func TestTOTPCodeMatchesRFC6238(t *testing.T) {
	tests := []struct {
		unix int64
		want string
	}{
		{59, "287082"},
		{1111111109, "081804"},
		{1111111111, "050471"},
		{1234567890, "005924"},
		{2000000000, "279037"},
	}
	for _, tt := range tests {
		got, err := TOTPCode(rfcSecret, time.Unix(tt.unix, 0))
		if err != nil || got != tt.want {
			t.Errorf("TOTPCode at %d = %q, %v; want %q", tt.unix, got, err, tt.want)
		}
	}
}

func TestVerifyTOTP(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 30, 15, 0, time.UTC)
	cur := TOTPStep(now)
	code := func(offset time.Duration) string {
		c, err := TOTPCode(rfcSecret, now.Add(offset))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tests := []struct {
		name     string
		secret   string
		code     string
		lastUsed int64
		wantStep int64
		wantOK   bool
	}{
		{"current code", rfcSecret, code(0), 0, cur, true},
		{"phone 30 s slow", rfcSecret, code(-TOTPPeriod), 0, cur - 1, true},
		{"phone 30 s fast", rfcSecret, code(TOTPPeriod), 0, cur + 1, true},
		{"phone 60 s slow", rfcSecret, code(-2 * TOTPPeriod), 0, 0, false},
		{"phone 60 s fast", rfcSecret, code(2 * TOTPPeriod), 0, 0, false},
		{"replay of the code just used", rfcSecret, code(0), cur, 0, false},
		{"replay of an older code within skew", rfcSecret, code(-TOTPPeriod), cur - 1, 0, false},
		{"previous code after a later one was used", rfcSecret, code(-TOTPPeriod), cur, 0, false},
		{"new code after the previous was used", rfcSecret, code(0), cur - 1, cur, true},
		{"spaces typed in the code", rfcSecret, code(0)[:3] + " " + code(0)[3:], 0, cur, true},
		{"wrong code", rfcSecret, wrongCode(code(0)), 0, 0, false},
		{"five digits", rfcSecret, code(0)[:5], 0, 0, false},
		{"seven digits", rfcSecret, code(0) + "1", 0, 0, false},
		{"letters", rfcSecret, "12a456", 0, 0, false},
		{"empty", rfcSecret, "", 0, 0, false},
		{"secret not base32", "not base32 !!", "123456", 0, 0, false},
		{"other secret", "JBSWY3DPEHPK3PXP", code(0), 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			step, ok := VerifyTOTP(tt.secret, tt.code, now, tt.lastUsed)
			if ok != tt.wantOK || step != tt.wantStep {
				t.Fatalf("VerifyTOTP = %d, %v; want %d, %v", step, ok, tt.wantStep, tt.wantOK)
			}
		})
	}
}

// A full sign-in sequence with a stored last step: the same code twice in
// one period fails the second time; the next period's code works.
func TestTOTPReplayAcrossSignIns(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)
	var last int64
	c, _ := TOTPCode(rfcSecret, now)
	step, ok := VerifyTOTP(rfcSecret, c, now, last)
	if !ok {
		t.Fatal("first use refused")
	}
	last = step
	if _, ok := VerifyTOTP(rfcSecret, c, now.Add(10*time.Second), last); ok {
		t.Fatal("same code accepted twice")
	}
	next, _ := TOTPCode(rfcSecret, now.Add(TOTPPeriod))
	if step, ok := VerifyTOTP(rfcSecret, next, now.Add(TOTPPeriod), last); !ok || step != last+1 {
		t.Fatalf("next period's code = %d, %v; want %d, true", step, ok, last+1)
	}
}

func TestTOTPStep(t *testing.T) {
	tests := []struct {
		unix int64
		want int64
	}{{0, 0}, {29, 0}, {30, 1}, {59, 1}, {-1, -1}, {-30, -1}, {-31, -2}}
	for _, tt := range tests {
		if got := TOTPStep(time.Unix(tt.unix, 0)); got != tt.want {
			t.Errorf("TOTPStep(%d) = %d, want %d", tt.unix, got, tt.want)
		}
	}
}

func TestNewTOTPSecret(t *testing.T) {
	secret, uri, err := NewTOTPSecret("Riverside Clinic", "alice.nguyen")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(secret)
	if err != nil || len(raw) != 20 {
		t.Fatalf("secret %d bytes, %v; want 20 bytes of base32", len(raw), err)
	}
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "otpauth" || u.Host != "totp" {
		t.Fatalf("uri %q is not an otpauth://totp URI", uri)
	}
	q := u.Query()
	for k, want := range map[string]string{"secret": secret, "issuer": "Riverside Clinic", "algorithm": "SHA1", "digits": "6", "period": "30"} {
		if q.Get(k) != want {
			t.Errorf("uri %s = %q, want %q", k, q.Get(k), want)
		}
	}
	if !strings.Contains(u.Path, "alice.nguyen") {
		t.Errorf("uri path %q does not name the account", u.Path)
	}
	now := time.Now()
	c, _ := TOTPCode(secret, now)
	if _, ok := VerifyTOTP(secret, c, now, 0); !ok {
		t.Fatal("a code from the new secret does not verify")
	}
	other, _, _ := NewTOTPSecret("Riverside Clinic", "alice.nguyen")
	if other == secret {
		t.Fatal("two enrolments got the same secret")
	}
	for _, args := range [][2]string{{"", "alice"}, {"Riverside Clinic", " "}} {
		if _, _, err := NewTOTPSecret(args[0], args[1]); err == nil {
			t.Errorf("NewTOTPSecret(%q, %q) succeeded", args[0], args[1])
		}
	}
}

// wrongCode returns a six-digit code that differs from c in every digit.
func wrongCode(c string) string {
	b := []byte(c)
	for i := range b {
		b[i] = '0' + (b[i]-'0'+5)%10
	}
	return string(b)
}
