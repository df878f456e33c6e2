package policy

import (
	"strings"
	"testing"
)

// TestLowerCasePlates generates plates typed in lower case, as patients
// type everything, after the words people use for a plate or a vehicle in
// several countries, with the sentence going on after them. The whole
// plate must be masked, not only its first group.
func TestLowerCasePlates(t *testing.T) {
	plates := []string{
		"ab12 cde", "lk68 xyz", "wn14 pzr", // Britain
		"1234 bcd", "4521 kmr", // Spain
		"ka 01 ab 1234", "mh 14 ej 2201", "tn 09 bx 4321", // India
		"gp 14 bc 77",          // South Africa
		"abc 1234", "nbc 1234", // Philippines, US states
		"cbrt 417", // Ontario
		"kca 123a", // Kenya
	}
	leads := []string{
		"my car reg is %s",
		"plate %s",
		"rego %s thanks",
		"the van was %s and it drove off",
		"registration %s silver",
		"placa %s prata",
		"kenteken %s blauwe polo",
		"parked my car %s in the visitor lot",
		"motorbike %s in the bike bay",
	}
	for _, p := range plates {
		for _, l := range leads {
			msg := strings.Replace(l, "%s", p, 1)
			d := Detect(msg)
			if !spansCoverType(msg, d.Spans, p, SpanVehicle) {
				t.Errorf("Detect(%q) = %q: plate %q not masked whole", msg, d.Masked, p)
			}
		}
	}
}

// TestLowerCasePlatesCleanLookalikes keeps vehicle talk without a plate
// readable: bays, levels, times, counts and words after a vehicle word.
func TestLowerCasePlatesCleanLookalikes(t *testing.T) {
	for _, msg := range []string{
		"my car is in bay 14 near the lifts",
		"the van comes at 10 am and 2 pm",
		"parked on level 2 row c 14",
		"the taxi took 25 min and cost 30 dollars",
		"car park fee is 4 per hour up to 12 a day",
		"bike ride 30 mins then rest",
		"my car reg is on the form already",
		"plate 2 of the x-ray shows the left side",
		"registration for the flu clinic opens at 9",
		"the bus 12 and then car 2 of the train",
		"we have 2 cars and 1 van at home",
	} {
		d := Detect(msg)
		for _, s := range d.Spans {
			if s.Type == SpanVehicle {
				t.Errorf("Detect(%q) = %q: masked a plate in a clean message", msg, d.Masked)
			}
		}
	}
}

// spansCoverType reports whether spans of type ty cover every letter and
// digit of the first occurrence of part in msg.
func spansCoverType(msg string, spans []Span, part string, ty SpanType) bool {
	at := strings.Index(msg, part)
	if at < 0 {
		return false
	}
	for i := at; i < at+len(part); i++ {
		c := msg[i]
		if c == ' ' || c == '-' || c == ',' {
			continue
		}
		hit := false
		for _, s := range spans {
			if s.Type == ty && s.Start <= i && i < s.End {
				hit = true
				break
			}
		}
		if !hit {
			return false
		}
	}
	return true
}
