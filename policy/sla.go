package policy

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// BusinessHours are the clinic's opening hours: the days it is open and
// the wall-clock times it opens and closes on them, in its own zone. A
// hand-off's SLA clock runs only while the clinic is open, so a message
// handed off at 17:55 on a Friday is not overdue on Saturday morning.
// Wall-clock times are kept as times of day, not offsets, so a day on
// which daylight saving time changes still opens at 08:00 local time.
type BusinessHours struct {
	Zone *time.Location
	// Open and Close are times of day since local midnight; Close may be
	// 24h (open until midnight). Open < Close.
	Open, Close time.Duration
	// Days says which weekdays the clinic opens (index time.Weekday).
	Days [7]bool
}

// DefaultBusinessHours is Monday to Friday, 08:00 to 18:00, in zone.
func DefaultBusinessHours(zone *time.Location) BusinessHours {
	if zone == nil {
		zone = time.UTC
	}
	h := BusinessHours{Zone: zone, Open: 8 * time.Hour, Close: 18 * time.Hour}
	for d := time.Monday; d <= time.Friday; d++ {
		h.Days[d] = true
	}
	return h
}

// AlwaysOpen is a clinic whose SLA clock never stops (a 24/7 service).
func AlwaysOpen() BusinessHours {
	return BusinessHours{Zone: time.UTC, Open: 0, Close: 24 * time.Hour, Days: [7]bool{true, true, true, true, true, true, true}}
}

// Validate reports a configuration that could never open.
func (h BusinessHours) Validate() error {
	if h.Zone == nil {
		return errors.New("business hours need a time zone")
	}
	if h.Open < 0 || h.Close > 24*time.Hour || h.Open >= h.Close {
		return fmt.Errorf("business hours must open before they close (open %s, close %s)", clockString(h.Open), clockString(h.Close))
	}
	for _, d := range h.Days {
		if d {
			return nil
		}
	}
	return errors.New("business hours need at least one open day")
}

// window is the open interval of the local day that starts at day
// (local midnight), or ok=false when the clinic is closed that day.
func (h BusinessHours) window(day time.Time) (open, close time.Time, ok bool) {
	if !h.Days[day.Weekday()] {
		return time.Time{}, time.Time{}, false
	}
	y, m, d := day.Date()
	at := func(off time.Duration) time.Time {
		hh, mm := int(off/time.Hour), int(off%time.Hour/time.Minute)
		return time.Date(y, m, d, hh, mm, 0, 0, h.Zone) // 24:00 normalises to next midnight
	}
	return at(h.Open), at(h.Close), true
}

func (h BusinessHours) midnight(t time.Time) time.Time {
	t = t.In(h.Zone)
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, h.Zone)
}

// maxSLADays bounds the day-by-day walk: a limit that needs more than
// this many days of opening hours is a configuration mistake, not a
// reason to loop.
const maxSLADays = 3660

// Due is the moment by which d of business time has passed after start.
// Time before opening, after closing and on closed days does not count.
func (h BusinessHours) Due(start time.Time, d time.Duration) time.Time {
	if d <= 0 || h.Validate() != nil {
		return start
	}
	day := h.midnight(start)
	for i := 0; i < maxSLADays; i++ {
		open, close, ok := h.window(day)
		if ok && close.After(start) {
			from := open
			if start.After(from) {
				from = start
			}
			if left := close.Sub(from); d <= left {
				return from.Add(d)
			} else {
				d -= left
			}
		}
		day = h.midnight(day.AddDate(0, 0, 1).Add(12 * time.Hour)) // DST-safe next day
	}
	return start.Add(d)
}

// Between is the business time from a to b (zero when b is not after a).
func (h BusinessHours) Between(a, b time.Time) time.Duration {
	if !b.After(a) || h.Validate() != nil {
		return 0
	}
	var total time.Duration
	day := h.midnight(a)
	for i := 0; i < maxSLADays && day.Before(b); i++ {
		if open, close, ok := h.window(day); ok {
			from, to := open, close
			if a.After(from) {
				from = a
			}
			if b.Before(to) {
				to = b
			}
			if to.After(from) {
				total += to.Sub(from)
			}
		}
		day = h.midnight(day.AddDate(0, 0, 1).Add(12 * time.Hour))
	}
	return total
}

// IsOpen reports whether the clinic is open at t.
func (h BusinessHours) IsOpen(t time.Time) bool {
	open, close, ok := h.window(h.midnight(t))
	return ok && !t.Before(open) && t.Before(close)
}

// SLALeft is what a nurse queue row shows: the business time left until
// due (zero once due) and whether the hand-off is overdue at now.
func (h BusinessHours) SLALeft(now, due time.Time) (left time.Duration, overdue bool) {
	if !now.Before(due) {
		return 0, true
	}
	return h.Between(now, due), false
}

// ParseClock reads a time of day "HH:MM" (24-hour; "24:00" is midnight
// at the end of the day).
func ParseClock(s string) (time.Duration, error) {
	hh, mm, ok := strings.Cut(strings.TrimSpace(s), ":")
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	if !ok || err1 != nil || err2 != nil || len(mm) != 2 || h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("%q is not a time of day like 08:00 or 18:30", s)
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, nil
}

var dayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// ParseDays reads open days as a comma-separated list of day names or
// ranges: "mon-fri", "mon-fri,sat", "mon,wed,fri", "sat-sun", "all".
func ParseDays(s string) ([7]bool, error) {
	var days [7]bool
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "all" || s == "daily" {
		return [7]bool{true, true, true, true, true, true, true}, nil
	}
	day := func(n string) (int, error) {
		n = strings.TrimSpace(n)
		if len(n) >= 3 {
			n = n[:3]
		}
		for i, d := range dayNames {
			if d == n {
				return i, nil
			}
		}
		return 0, fmt.Errorf("%q is not a day (use mon, tue, wed, thu, fri, sat, sun)", n)
	}
	for _, part := range strings.Split(s, ",") {
		from, to, isRange := strings.Cut(part, "-")
		a, err := day(from)
		if err != nil {
			return days, err
		}
		b := a
		if isRange {
			if b, err = day(to); err != nil {
				return days, err
			}
		}
		for i := a; ; i = (i + 1) % 7 {
			days[i] = true
			if i == b {
				break
			}
		}
	}
	return days, nil
}

func clockString(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d/time.Hour), int(d%time.Hour/time.Minute))
}
