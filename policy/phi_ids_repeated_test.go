package policy

import (
	"strings"
	"testing"
)

// A code given twice, once after its label and once bare (spelt again,
// corrected, confirmed), is masked both times, however each copy is
// typed.
func TestACodeGivenTwiceIsMaskedTwice(t *testing.T) {
	firsts := []string{"the pump serial is %s", "member id %s", "transmitter id %s", "my MRN is %s", "plate %s"}
	codes := []struct{ first, again string }{
		{"N G 1 9 9 3 0 2 1 H", "N G 1 9 9 3 0 2 1 H"},
		{"8KTR6W", "8KTR6W"},
		{"ABC12345", "abc12345"},
		{"KX19-PLM-4", "KX19 PLM 4"},
		{"00482913", "0048 2913"},
	}
	agains := []string{", I'll spell that again %s", ". yes that's %s", " (%s)", ", once more: %s thanks"}
	for _, f := range firsts {
		for _, c := range codes {
			for _, a := range agains {
				first := strings.Replace(f, "%s", c.first, 1)
				again := strings.Replace(a, "%s", c.again, 1)
				text := first + again
				d := Detect(text)
				at := len(first) + strings.Index(a, "%s")
				if !freshCovered(text, corpusSpan{Start: at, End: at + len(c.again)}, d.Spans) {
					t.Errorf("%q: the second copy is not masked: %s", text, d.Masked)
				}
			}
		}
	}
}

// Only the same characters count: a neighbour's number, a part of the
// code, or the code inside a longer one is left to the other readers.
func TestOnlyTheSameCodeIsACopy(t *testing.T) {
	for _, c := range []struct{ text, left string }{
		{"member id ABC12345, the form says box 12345 is for office use", "box 12345"},
		{"serial 8KTR6W, the app version is 8.2", "8.2"},
	} {
		d := Detect(c.text)
		if !strings.Contains(d.Masked, c.left) {
			t.Errorf("%q: %q was masked as a copy: %s", c.text, c.left, d.Masked)
		}
	}
}

// The day an age over 89 is reached names it as much as "is 93" does.
func TestAnAgeReachedOnADay(t *testing.T) {
	for _, text := range []string{
		"my grandad Albert is 101 on Saturday, can his check be moved?",
		"my dad turns 95 on the 3rd of May",
		"she is 90 on 12 June and wants a party",
		"mum will be 93 on Friday",
	} {
		if d := Detect(text); !strings.Contains(d.Masked, "[AGE]") {
			t.Errorf("%q: the age is not masked: %s", text, d.Masked)
		}
	}
	for _, text := range []string{"the room is 101 on the first floor", "bus 92 on Monday is late again"} {
		if d := Detect(text); strings.Contains(d.Masked, "[AGE]") {
			t.Errorf("%q: read as an age: %s", text, d.Masked)
		}
	}
}
