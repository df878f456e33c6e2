package policy

import (
	"testing"
	"time"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	z, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return z
}

func TestHandoffSLADueCountsOnlyBusinessHours(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	h := DefaultBusinessHours(ny) // Mon–Fri 08:00–18:00
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, ny)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct {
		name  string
		start string
		sla   time.Duration
		want  string
	}{
		{"inside the day", "2026-03-04 10:00", 2 * time.Hour, "2026-03-04 12:00"},
		{"runs past closing into next morning", "2026-03-04 17:00", 2 * time.Hour, "2026-03-05 09:00"},
		{"handed off at night waits for opening", "2026-03-04 22:30", 2 * time.Hour, "2026-03-05 10:00"},
		{"handed off before opening", "2026-03-05 06:00", 30 * time.Minute, "2026-03-05 08:30"},
		{"friday evening lands on monday", "2026-03-06 17:30", 2 * time.Hour, "2026-03-09 09:30"},
		{"saturday waits for monday", "2026-03-07 11:00", time.Hour, "2026-03-09 09:00"},
		{"exactly at closing", "2026-03-04 18:00", time.Hour, "2026-03-05 09:00"},
		// 2026-03-08 is the spring-forward Sunday in New York; Monday
		// still opens at 08:00 local time.
		{"across spring forward", "2026-03-06 17:00", 3 * time.Hour, "2026-03-09 10:00"},
		// 2026-11-01 is the fall-back Sunday.
		{"across fall back", "2026-10-30 17:00", 3 * time.Hour, "2026-11-02 10:00"},
		{"several days", "2026-03-04 08:00", 25 * time.Hour, "2026-03-06 13:00"},
		{"no SLA", "2026-03-04 10:00", 0, "2026-03-04 10:00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := h.Due(at(c.start), c.sla)
			if !got.Equal(at(c.want)) {
				t.Fatalf("Due(%s, %s) = %s, want %s", c.start, c.sla, got.In(ny).Format("Mon 2006-01-02 15:04 MST"), c.want)
			}
			if c.sla > 0 {
				if b := h.Between(at(c.start), got); b != c.sla {
					t.Fatalf("Between(start, due) = %s, want the SLA %s", b, c.sla)
				}
			}
		})
	}
}

func TestSLALeftPausesOvernightAndOnDSTNights(t *testing.T) {
	lon := mustZone(t, "Europe/London")
	h := DefaultBusinessHours(lon)
	at := func(s string) time.Time {
		v, _ := time.ParseInLocation("2006-01-02 15:04", s, lon)
		return v
	}
	// 2026-03-29 is the UK's spring-forward Sunday: a Friday hand-off's
	// clock does not run over the weekend, whatever the clocks do.
	due := h.Due(at("2026-03-27 17:00"), 2*time.Hour)
	if !due.Equal(at("2026-03-30 09:00")) {
		t.Fatalf("due %s", due)
	}
	cases := []struct {
		now     string
		left    time.Duration
		overdue bool
	}{
		{"2026-03-27 17:30", 90 * time.Minute, false},
		{"2026-03-28 03:00", time.Hour, false},
		{"2026-03-29 23:00", time.Hour, false},
		{"2026-03-30 08:30", 30 * time.Minute, false},
		{"2026-03-30 09:00", 0, true},
		{"2026-03-31 12:00", 0, true},
	}
	for _, c := range cases {
		left, overdue := h.SLALeft(at(c.now), due)
		if left != c.left || overdue != c.overdue {
			t.Errorf("at %s: left %s overdue %v, want %s %v", c.now, left, overdue, c.left, c.overdue)
		}
	}
}

func TestAlwaysOpenClockNeverStops(t *testing.T) {
	h := AlwaysOpen()
	start := time.Date(2026, 3, 7, 23, 0, 0, 0, time.UTC) // a Saturday night
	if got := h.Due(start, 5*time.Minute); !got.Equal(start.Add(5 * time.Minute)) {
		t.Fatalf("always-open due %s", got)
	}
	if got := h.Due(start, 26*time.Hour); !got.Equal(start.Add(26 * time.Hour)) {
		t.Fatalf("always-open due across midnight %s", got)
	}
}

func TestBusinessHoursSettings(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"08:00", 8 * time.Hour, true}, {"18:30", 18*time.Hour + 30*time.Minute, true}, {"24:00", 24 * time.Hour, true},
		{"8", 0, false}, {"25:00", 0, false}, {"08:60", 0, false}, {"24:30", 0, false}, {"8:5", 0, false}, {"", 0, false},
	} {
		got, err := ParseClock(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseClock(%q) = %s, %v", c.in, got, err)
		}
	}
	for _, c := range []struct {
		in   string
		want [7]bool
		ok   bool
	}{
		{"mon-fri", [7]bool{false, true, true, true, true, true, false}, true},
		{"Mon-Fri,Sat", [7]bool{false, true, true, true, true, true, true}, true},
		{"fri-mon", [7]bool{true, true, false, false, false, true, true}, true},
		{"all", [7]bool{true, true, true, true, true, true, true}, true},
		{"mon,wednesday", [7]bool{false, true, false, true, false, false, false}, true},
		{"funday", [7]bool{}, false},
		{"mon-", [7]bool{}, false},
	} {
		got, err := ParseDays(c.in)
		if (err == nil) != c.ok || (c.ok && got != c.want) {
			t.Errorf("ParseDays(%q) = %v, %v", c.in, got, err)
		}
	}
	bad := []BusinessHours{
		{Zone: nil, Open: 0, Close: time.Hour, Days: [7]bool{true}},
		{Zone: time.UTC, Open: 18 * time.Hour, Close: 8 * time.Hour, Days: [7]bool{true}},
		{Zone: time.UTC, Open: 8 * time.Hour, Close: 18 * time.Hour},
	}
	for _, h := range bad {
		if h.Validate() == nil {
			t.Errorf("%+v validated", h)
		}
	}
	if err := DefaultBusinessHours(time.UTC).Validate(); err != nil {
		t.Fatal(err)
	}
}
