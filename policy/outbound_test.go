package policy

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestDecideOutbound(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no tz database:", err)
	}
	// 15:00 in New York.
	afternoon := time.Date(2026, 3, 10, 19, 0, 0, 0, time.UTC)
	// 23:30 in New York.
	night := time.Date(2026, 3, 11, 3, 30, 0, 0, time.UTC)
	base := Outbound{
		Now: afternoon, OptedIn: true, Text: "Free parking is behind the clinic.",
		LastInboundAt: afternoon.Add(-time.Hour), PatientZone: ny,
	}
	cases := []struct {
		name   string
		edit   func(o *Outbound)
		rule   string
		portal bool
	}{
		{"operational reply inside the window goes", func(o *Outbound) {}, "", false},
		{"no opt-in is refused first", func(o *Outbound) { o.OptedIn = false; o.RoleDenied = "no" }, RuleConsent, false},
		{"role refusal comes before content", func(o *Outbound) { o.RoleDenied = "Front desk may not send results." }, RuleRole, false},
		{"empty text", func(o *Outbound) { o.Text = "  \n" }, RuleEmpty, false},
		{"phone number in free text offers the portal", func(o *Outbound) { o.Text = "Call me back at 555-201-3344" }, RulePHI, true},
		{"email in free text", func(o *Outbound) { o.Text = "send it to maria.lopez@example.com" }, RulePHI, true},
		{"window closed after 24h", func(o *Outbound) { o.LastInboundAt = afternoon.Add(-25 * time.Hour) }, RuleWindow, false},
		{"never wrote: window closed", func(o *Outbound) { o.LastInboundAt = time.Time{} }, RuleWindow, false},
		{"template may go outside the window", func(o *Outbound) { o.LastInboundAt = afternoon.Add(-72 * time.Hour); o.Template = true }, "", false},
		{"quiet hours in the patient's zone", func(o *Outbound) { o.Now = night; o.LastInboundAt = night.Add(-3 * time.Hour) }, RuleQuietHours, false},
		{"quiet hours: a patient who just wrote may be answered", func(o *Outbound) { o.Now = night; o.LastInboundAt = night.Add(-5 * time.Minute) }, "", false},
		{"frequency cap", func(o *Outbound) { o.SentLast24h = 10 }, RuleFrequency, false},
		{"below the cap", func(o *Outbound) { o.SentLast24h = 9 }, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := base
			tc.edit(&o)
			d := DecideOutbound(o)
			if d.Allowed != (tc.rule == "") || d.Rule != tc.rule {
				t.Fatalf("decision = allowed %v rule %q (%s); want rule %q", d.Allowed, d.Rule, d.Reason, tc.rule)
			}
			if d.OfferPortalLink != tc.portal {
				t.Fatalf("offer portal link = %v, want %v", d.OfferPortalLink, tc.portal)
			}
			if !d.Allowed && d.Reason == "" {
				t.Fatal("a refusal must say why")
			}
			if d.Rule == RulePHI && (len(d.SpanTypes) == 0 || strings.Contains(d.Reason, "555")) {
				t.Fatalf("PHI refusal must name span types and never echo the text: %+v", d)
			}
		})
	}
}

func TestQuietHoursThatDoNotWrapMidnight(t *testing.T) {
	r := OutboundRules{QuietStart: 13, QuietEnd: 14}
	for h, want := range map[int]bool{12: false, 13: true, 14: false} {
		if got := inQuietHours(time.Date(2026, 1, 1, h, 30, 0, 0, time.UTC), time.UTC, r); got != want {
			t.Errorf("%02d:30 quiet = %v, want %v", h, got, want)
		}
	}
}

func TestHandoffToken(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	tok, err := NewHandoffToken(key, "thr_42", now, 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	link, err := VerifyHandoffToken(key, tok, now.Add(23*time.Hour))
	if err != nil || link.ThreadID != "thr_42" {
		t.Fatalf("fresh token: %+v, %v", link, err)
	}
	if _, err := VerifyHandoffToken(key, tok, now.Add(24*time.Hour)); !errors.Is(err, ErrLinkExpired) {
		t.Fatalf("expired token: %v, want ErrLinkExpired", err)
	}
	other := []byte("ffffffffffffffffffffffffffffffff")
	if _, err := VerifyHandoffToken(other, tok, now); !errors.Is(err, ErrLinkInvalid) {
		t.Fatalf("token under another key: %v, want ErrLinkInvalid", err)
	}
	// Re-pointing the token at another thread must fail, whatever the
	// attacker does to the payload.
	forged, _ := NewHandoffToken(key, "thr_99", now, time.Hour)
	p1, _, _ := strings.Cut(forged, ".")
	_, s0, _ := strings.Cut(tok, ".")
	for _, bad := range []string{p1 + "." + s0, tok[:len(tok)-2], "", ".", "abc", tok + "x", strings.Repeat("a", 600)} {
		if _, err := VerifyHandoffToken(key, bad, now); !errors.Is(err, ErrLinkInvalid) {
			t.Errorf("altered token %q: %v, want ErrLinkInvalid", bad, err)
		}
	}
	if _, err := NewHandoffToken([]byte("short"), "t", now, time.Hour); err == nil {
		t.Fatal("short key accepted")
	}
}
