package policy

import "testing"

// TestThatClauseNames: after a verb of telling, the given name that
// opens what is told ("tell Dr. Kim that Grace won't be there") is read,
// word-names included; a month, a modal, a pronoun or a noun phrase there
// is not a name.
func TestThatClauseNames(t *testing.T) {
	heads := []string{"Tell Dr. Kim that ", "please tell the nurse that ", "can you let Dr. Lee know that ", "remind mrs. garcia that ",
		"pls tell the front desk that ", "I told the doctor that ", "just texted the office that ", "Please inform Dr Patel that "}
	names := []string{"Grace", "hope", "Will", "mark", "Joy", "Kwabena", "tendai", "Xiomara Quispe", "Faith Lee"}
	tails := []string{" won't be there", " can't come today", " is not coming", " will be late", " needs a refill", " has a fever", " missed the bus", " didn't get the letter"}
	n := 0
	for _, h := range heads {
		for _, nm := range names {
			for _, tl := range tails {
				s := h + nm + tl
				n++
				checkNameAt(t, s, len(h), nm)
			}
		}
	}
	if n < 500 {
		t.Fatalf("only %d variants", n)
	}
	for _, h := range heads {
		for _, tl := range []string{"june is booked", "will be fine", "is ok", "the pain is worse", "she can't come", "my son will be late",
			"April works better", "may be late", "it won't work", "summer is busy"} {
			s := h + tl
			got := Detect(s)
			for _, sp := range got.Spans {
				if sp.Type == SpanName && sp.Start >= len(h) {
					t.Errorf("%q: false name %q (%q)", s, s[sp.Start:sp.End], got.Masked)
				}
			}
		}
	}
}
