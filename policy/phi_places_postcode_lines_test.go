package policy

import (
	"strings"
	"testing"
)

// TestAddressLinesEndingOnPostcode generates address lines typed without
// commas that end on their postcode, in the orders of the Philippines,
// India, South Africa, New Zealand and the United States: the whole line
// must be masked, not the postcode alone.
func TestAddressLinesEndingOnPostcode(t *testing.T) {
	heads := []string{"blk 12 lot 5 phase 2", "gali no 4", "rr 2 box 45", "purok 3", "h no 12-5-149", "plot 17", "unit 4 18"}
	// Each town with a code of its country; four digits only after a
	// town no dictionary lists (or read by another rule, as a barangay).
	places := []string{"brgy san isidro cainta rizal 1870", "shastri nagar meerut 250004", "vasant vihar pune 411038",
		"rosebank johannesburg 2196", "grey lynn auckland 1011", "hillsboro wv 24946"}
	n := 0
	for _, h := range heads {
		for _, p := range places {
			addr := h + " " + p
			for _, msg := range []string{addr, "pls come asap we are at " + addr, addr + ", the gate is blue"} {
				n++
				d := Detect(msg)
				at := strings.Index(msg, addr)
				if !freshCovered(msg, corpusSpan{Start: at, End: at + len(addr)}, d.Spans) {
					t.Errorf("Detect(%q) = %q: address line not masked", msg, d.Masked)
				}
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d variants", n)
	}
}

// TestAddressLinesEndingOnPostcodeCleanLookalikes keeps numbers and words
// that end on a number, but are no address, unmasked as addresses.
func TestAddressLinesEndingOnPostcodeCleanLookalikes(t *testing.T) {
	for _, msg := range []string{
		"room 12 floor 3 east wing 2000",
		"took 2 tablets at 8 then 4 at 1200",
		"bp 140 over 90 pulse 88 in 2019",
		"unit 4 parking level 2 then lift to 1500",
		"lot 5 of the vaccine batch 24946",
		"my son is 12 and my daughter 15 since 2021",
		"block 3 of the schedule ends 1800",
	} {
		for _, s := range Detect(msg).Spans {
			if s.Type == SpanAddress {
				t.Errorf("Detect(%q) = %q: masked an address in a clean message", msg, Detect(msg).Masked)
			}
		}
	}
}
