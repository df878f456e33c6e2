package policy

import "testing"

// TestPickUpNames: the one a question asks may pick up, drop off or come
// by is a person, whatever word the name is; anyone, a plan, a pharmacy
// or a pronoun in that place is not.
func TestPickUpNames(t *testing.T) {
	names := []string{"sunshine", "Precious", "blessing", "Heaven", "journey", "Miracle", "kwabena", "Grace", "treasure", "Sage"}
	heads := []string{"can ", "Can ", "could ", "hi, can ", "ok could "}
	verbs := []string{" pick up the meds", " pick up the prescription today", " drop off the forms", " come by for the letter", " stop by at 3", " bring in the paperwork"}
	n := 0
	for _, h := range heads {
		for _, nm := range names {
			for _, v := range verbs {
				s := h + nm + v
				n++
				checkNameAt(t, s, len(h), nm)
			}
		}
	}
	if n < 250 {
		t.Fatalf("only %d variants", n)
	}
	for _, h := range heads {
		for _, w := range []string{"someone", "anyone", "insurance", "medicaid", "pharmacy", "you", "i", "we", "my mom", "the driver", "cvs", "it", "the clinic", "they"} {
			for _, v := range verbs {
				s := h + w + v
				if got := Detect(s); hasType(got, SpanName) {
					t.Errorf("%q: false name (%q)", s, got.Masked)
				}
			}
		}
	}
}
