package policy

import (
	"strings"
	"testing"
)

// TestSpanKeepsTrailingMarks: the folded text drops combining marks, so a
// span's end is carried over the marks that follow its last letter: a
// Thai vowel sign or a decomposed accent is never left beside the mask.
func TestSpanKeepsTrailingMarks(t *testing.T) {
	for _, c := range []struct{ name, rest string }{
		{"สมชาย ใจดี", " needs a refill"},
		{"สมศรี มีสุข", " needs a refill"},
		{"Jose\u0301", " needs a refill"},
		{"Rene\u0301e Dubois", " called about her forms"},
	} {
		for _, pre := range []string{"my mom ", "booking for ", "appointment for "} {
			s := pre + c.name + c.rest
			got := Detect(s).Masked
			if !strings.HasSuffix(got, "[NAME]"+c.rest) {
				t.Errorf("%q masked as %q", s, got)
			}
		}
	}
}
