package policy

import (
	"testing"
	"time"
)

func TestNextAllowedMinute(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	la, _ := time.LoadLocation("America/Los_Angeles")
	r := DefaultOutboundRules() // quiet 21:00–08:00
	cases := []struct {
		name  string
		now   time.Time
		zones []*time.Location
		want  time.Time
	}{
		{"late evening waits for 08:00 next day", time.Date(2026, 3, 10, 22, 15, 30, 0, ny), []*time.Location{ny}, time.Date(2026, 3, 11, 8, 0, 0, 0, ny)},
		{"early morning waits for 08:00", time.Date(2026, 3, 10, 6, 59, 0, 0, ny), []*time.Location{ny}, time.Date(2026, 3, 10, 8, 0, 0, 0, ny)},
		{"daytime is now, rounded up to the minute", time.Date(2026, 3, 10, 12, 0, 10, 0, ny), []*time.Location{ny}, time.Date(2026, 3, 10, 12, 1, 0, 0, ny)},
		{"every zone of the number must be awake", time.Date(2026, 3, 10, 7, 30, 0, 0, ny), []*time.Location{ny, la}, time.Date(2026, 3, 10, 8, 0, 0, 0, la)},
		{"the spring-forward night", time.Date(2026, 3, 7, 23, 0, 0, 0, ny), []*time.Location{ny}, time.Date(2026, 3, 8, 8, 0, 0, 0, ny)},
	}
	for _, c := range cases {
		if got := NextAllowedMinute(c.now, c.zones, r); !got.Equal(c.want) {
			t.Errorf("%s: got %s, want %s", c.name, got, c.want)
		}
	}
}
