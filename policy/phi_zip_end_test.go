package policy

import (
	"strings"
	"testing"
)

// TestZIPEndingMessage generates five-digit ZIP codes typed last in a
// message after a preposition of place, with no ZIP cue: each must be
// masked.
func TestZIPEndingMessage(t *testing.T) {
	zips := []string{"90210", "10027", "60614", "02139", "94110", "33101"}
	leads := []string{"delivery to %s", "can you find a clinic near %s?", "we moved to %s", "is there a pharmacy around %s",
		"my mom lives in %s", "we're at %s!", "is anyone covering %s", "i'm coming from %s", "any urgent care nr %s"}
	for _, z := range zips {
		for _, l := range leads {
			msg := strings.Replace(l, "%s", z, 1)
			d := Detect(msg)
			if strings.Contains(l, "covering") {
				// No preposition of place: the reading is left alone.
				continue
			}
			if !spansCoverType(msg, d.Spans, z, SpanZIP) {
				t.Errorf("Detect(%q) = %q: ZIP not masked", msg, d.Masked)
			}
		}
	}
}

// TestZIPEndingMessageCleanLookalikes keeps counts, levels, money and
// changes that end a message unmasked as ZIP codes.
func TestZIPEndingMessageCleanLookalikes(t *testing.T) {
	for _, msg := range []string{
		"platelets went up to 15000",
		"my steps went from 8000 to 12000",
		"i walked 12000 steps today, goal is to get to 15000",
		"the bill came to $12000",
		"the deductible went down to 10000",
		"we raised it to 20000",
		"white count is back to 11000",
		"insulin pump dose set to 10000",
	} {
		for _, s := range Detect(msg).Spans {
			if s.Type == SpanZIP {
				t.Errorf("Detect(%q) = %q: masked a count as a ZIP code", msg, Detect(msg).Masked)
			}
		}
	}
}
