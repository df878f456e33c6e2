package main

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// TestTriageSettings: the hand-off SLA, business hours and days reach the
// server's configuration, in the clinic's zone; malformed values are
// refused with the setting named.
func TestTriageSettings(t *testing.T) {
	base := []string{"--data", t.TempDir(), "--whatsapp-app-secret", "s", "--whatsapp-verify-token", "v",
		"--whatsapp-token", "t", "--whatsapp-phone-number-id", "1", "--metrics-addr", "off"}
	parse := func(extra ...string) (*settings, error) {
		s := defineSettings()
		fs := settingsFlagSet(s, &bytes.Buffer{})
		return s, fs.Parse(append(append([]string{}, base...), extra...))
	}
	s, err := parse("--handoff-sla", "45m", "--business-hours", "07:30-19:00", "--business-days", "mon-fri,sat", "--clinic-zone", "America/Chicago")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := buildConfig(s, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	h := cfg.BusinessHours
	if cfg.HandoffSLA != 45*time.Minute || h == nil || h.Open != 7*time.Hour+30*time.Minute || h.Close != 19*time.Hour ||
		!h.Days[time.Saturday] || h.Days[time.Sunday] || h.Zone.String() != "America/Chicago" {
		t.Fatalf("config: sla %s hours %+v", cfg.HandoffSLA, h)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--handoff-sla", "0s"}, "TRIAGED_HANDOFF_SLA"},
		{[]string{"--handoff-sla", "soon"}, "TRIAGED_HANDOFF_SLA"},
		{[]string{"--business-hours", "8-18"}, "TRIAGED_BUSINESS_HOURS"},
		{[]string{"--business-hours", "18:00-08:00"}, "TRIAGED_BUSINESS_HOURS"},
		{[]string{"--business-days", "weekdays"}, "TRIAGED_BUSINESS_DAYS"},
	} {
		s, err := parse(c.args...)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := buildConfig(s, slog.New(slog.DiscardHandler)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: err = %v, want %s named", c.args, err, c.want)
		}
	}
}
