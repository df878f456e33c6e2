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

// TestPostcodeBeforeLowerCaseTown generates postcodes written before
// their town in lower case, after a comma or an address, in the shapes
// of Poland, Portugal, Brazil, France, Germany and Spain: the code and
// the town must both be masked. After five digits a town that is also a
// dictionary word ("paris", "milano") is left to the street readers.
func TestPostcodeBeforeLowerCaseTown(t *testing.T) {
	codes := []string{"00-026 warszawa", "31-858 kraków", "1200-821 lisboa", "4050-174 porto", "20040-030 niterói",
		"10115 berlin", "28013 madrid", "80469 münchen", "13008 marseille"}
	heads := []string{"my address is hotel astoria room 12, %s", "send it to the old mill house, %s", "we're at casa verde, %s thanks"}
	for _, c := range codes {
		for _, h := range heads {
			msg := strings.Replace(h, "%s", c, 1)
			d := Detect(msg)
			at := strings.Index(msg, c)
			if !freshCovered(msg, corpusSpan{Start: at, End: at + len(c)}, d.Spans) {
				t.Errorf("Detect(%q) = %q: postcode and town not masked", msg, d.Masked)
			}
		}
	}
	// Dutch postcodes keep their letters after a cue.
	for _, c := range []string{"3011 ab", "1016 gv", "1072 ns", "9711 lm"} {
		for _, msg := range []string{"postcode " + c, "my postcode is " + c + " thanks"} {
			if d := Detect(msg); !spansCoverType(msg, d.Spans, c, SpanZIP) {
				t.Errorf("Detect(%q) = %q: Dutch postcode not masked whole", msg, d.Masked)
			}
		}
	}
}

// TestPostcodeBeforeLowerCaseTownCleanLookalikes keeps counts after a
// comma, with an ordinary word after them, unmasked.
func TestPostcodeBeforeLowerCaseTownCleanLookalikes(t *testing.T) {
	for _, msg := range []string{
		"walked a lot today, 12500 steps",
		"sorry, 20-100 minutes wait they said",
		"postcode 3011 to be confirmed",
	} {
		for _, s := range Detect(msg).Spans {
			if s.Type == SpanZIP && !strings.Contains(msg, "postcode") || s.Type == SpanAddress {
				t.Errorf("Detect(%q) = %q: masked a place in a clean message", msg, Detect(msg).Masked)
			}
		}
	}
	if d := Detect("postcode 3011 to be confirmed"); strings.Contains(d.Masked, "be confirmed") == false {
		t.Errorf("Detect(postcode 3011 to be confirmed) = %q: the words after the code were masked", d.Masked)
	}
}
