package policy

import "time"

// NextAllowedMinute is the first whole minute at or after now that is
// outside the quiet hours in every one of zones (nil or empty: UTC), the
// moment a message refused for quiet hours can go. It looks at most two
// days ahead; quiet hours that never end yield the zero time.
func NextAllowedMinute(now time.Time, zones []*time.Location, r OutboundRules) time.Time {
	r = r.withDefaults()
	if len(zones) == 0 {
		zones = []*time.Location{time.UTC}
	}
	t := now.Truncate(time.Minute)
	if t.Before(now) {
		t = t.Add(time.Minute)
	}
	for i := 0; i < 2*24*60; i++ {
		quiet := false
		for _, z := range zones {
			if inQuietHours(t, z, r) {
				quiet = true
				break
			}
		}
		if !quiet {
			return t
		}
		t = t.Add(time.Minute)
	}
	return time.Time{}
}
