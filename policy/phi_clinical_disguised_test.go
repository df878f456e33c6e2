package policy

import (
	"strings"
	"testing"
)

// Clinical words spelled with dots or dashes, or with digits for
// letters, are masked in every frame; abbreviations and codes that spell
// no clinical word stay readable.
func TestTypedToDodgeClinicalWords(t *testing.T) {
	var msgs [][2]string
	for _, w := range []string{"h.i.v.", "c.o.p.d", "p.t.s.d", "s-t-d", "h-i-v", "u.t.i.", "c.h.f", "d1ab3t3s", "h1v",
		"c4nc3r", "d3pr3ss10n", "4sthm4", "3p1l3psy", "4nx13ty", "m3th", "h3r01n", "0v3rd0s3"} {
		for _, f := range []string{"i have %s", "my dad was diagnosed with %s last year", "she's being treated for %s, can she come in?"} {
			msgs = append(msgs, [2]string{strings.Replace(f, "%s", w, 1), w})
		}
	}
	checkWhole(t, msgs)
}

func TestTypedToDodgeLookalikes(t *testing.T) {
	for _, text := range []string{
		"see you at 3 p.m.", "e.g. the forms", "the u.s. office", "b2b meeting", "4x4 truck", "room b1 or c3",
		"a.s.a.p. please", "i.e. tomorrow", "r.s.v.p. by friday", "p.s. thanks", "my w2 form", "seat 4a on the bus",
	} {
		if d := Detect(text); len(d.Spans) > 0 {
			t.Errorf("clean %q masked as %q", text, d.Masked)
		}
	}
}
