package maintenance

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestRetentionFloors(t *testing.T) {
	ok := DefaultRetention()
	if err := ok.Validate(); err != nil {
		t.Fatalf("defaults refused: %v", err)
	}
	cases := []struct {
		name string
		r    Retention
	}{
		{"audit under six years", Retention{Messages: Year, Audit: 6*Year - time.Hour, Consent: 6 * Year}},
		{"consent under six years", Retention{Messages: Year, Audit: 6 * Year, Consent: 5 * Year}},
		{"messages under a month", Retention{Messages: 29 * 24 * time.Hour, Audit: 6 * Year, Consent: 6 * Year}},
		{"zero", Retention{}},
	}
	for _, c := range cases {
		if err := c.r.Validate(); !errors.Is(err, ErrRetentionTooShort) {
			t.Errorf("%s: Validate = %v, want ErrRetentionTooShort", c.name, err)
		}
		if _, err := PurgeDB(context.Background(), nil, c.r, PurgeOptions{}); !errors.Is(err, ErrRetentionTooShort) {
			t.Errorf("%s: PurgeDB = %v, want a refusal before touching the store", c.name, err)
		}
	}
	if err := (Retention{Messages: 30 * 24 * time.Hour, Audit: 6 * Year, Consent: 6 * Year}).Validate(); err != nil {
		t.Errorf("the floors themselves are refused: %v", err)
	}
}

func TestParseRetention(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"7y": 7 * Year, "6y": 6 * Year, "2557d": 2557 * 24 * time.Hour, "52596h": 6 * Year, "0.5y": Year / 2,
	} {
		got, err := ParseRetention(in)
		if err != nil || got != want {
			t.Errorf("ParseRetention(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "-1y", "0d", "seven years", "7", "1.5d"} {
		if _, err := ParseRetention(bad); err == nil {
			t.Errorf("ParseRetention(%q) accepted", bad)
		}
	}
	if FormatRetention(6*Year) != "6y" || FormatRetention(30*24*time.Hour) != "30d" {
		t.Errorf("FormatRetention: %s %s", FormatRetention(6*Year), FormatRetention(30*24*time.Hour))
	}
}
