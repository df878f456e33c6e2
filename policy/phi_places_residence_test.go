package policy

import "testing"

// Addresses that start at a house, flat, plot or door number and go on
// with localities: each residence × localities × ending, lower and mixed
// case, with and without a cue.
func TestResidenceLines(t *testing.T) {
	residences := []string{"house no. 45", "house 7", "h.no 12-3-456", "flat 302", "flat no 12", "plot 23", "plot no. 8",
		"villa 19", "apt 4b", "apartment 7"}
	localities := []string{"sector 14, gurgaon", "banjara hills, hyderabad", "lekki phase 1, lagos", "road 12, dhanmondi",
		"al wasl road, jumeirah", "4th cross, indiranagar", "block 5, nasr city", "kilimani, nairobi"}
	endings := []string{"", ", haryana 122001", ", dhaka 1209", ", kenya"}
	leads := []string{"", "my address is ", "send it to ", "we live at "}
	n := 0
	for ri, r := range residences {
		for li, l := range localities {
			if (ri+li)%2 == 1 {
				continue
			}
			addr := r + ", " + l + endings[(ri+li)%len(endings)]
			text := leads[(ri*3+li)%len(leads)] + addr
			n++
			if !spanCaught(text, addr, SpanAddress) {
				t.Errorf("%q: %q not masked as an address: %q", text, addr, Detect(text).Masked)
			}
		}
	}
	if n < 35 {
		t.Fatalf("only %d variants", n)
	}
	// The residence last, after the localities.
	for _, addr := range []string{"nairobi, kilimani, argwings kodhek rd, apt 4b",
		"tanzania, dar es salaam, mikocheni b, plot 45", "dubai, jumeirah 1, villa 19"} {
		if !spanCaught(addr, addr, SpanAddress) {
			t.Errorf("%q not masked as an address: %q", addr, Detect(addr).Masked)
		}
	}
	// Wayfinding, and the same words in other senses, stay readable.
	for _, clean := range []string{
		"the lab is in building 2, floor 3, room 12",
		"my blood sugar has been flat, 3 days now",
		"the house 2 doors down, the one with the red door",
		"apt 4b, is that right?",
		"I moved to apartment 5 last week, near the park",
		"we're in suite 5, building b, second floor",
		"plot 3, the graph, shows my weight",
		"flat 2, please, not the stairs",
	} {
		if d := Detect(clean); len(spansTyped(d, SpanAddress)) > 0 {
			t.Errorf("%q: an address found in a clean message: %q", clean, d.Masked)
		}
	}
}
