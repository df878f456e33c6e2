package policy

import (
	"strings"
	"testing"
)

// TestListedPairInPosition: a listed given name and a listed family name,
// both also words and typed in lower case ("grace baker", "rosa flores"),
// are a name where a position puts a person.
func TestListedPairInPosition(t *testing.T) {
	pairs := [][2]string{{"grace", "baker"}, {"rosa", "flores"}, {"luz", "rivera"}, {"angel", "cruz"}, {"dawn", "price"},
		{"jack", "stone"}, {"mercedes", "luna"}, {"faith", "baker"}, {"hope", "flores"}}
	templates := []string{
		"can {G} {F} come in at 3", "{G} {F} needs a refill", "tell {G} {F} to call me", "my daughter {G} {F} has a fever",
		"is {G} {F} ok to come", "thanks, {G} {F}", "{G} {F} called about the forms",
	}
	for _, tm := range templates {
		for _, p := range pairs {
			for _, up := range []bool{false, true} {
				g, f := p[0], p[1]
				if up {
					g, f = titled(g), titled(f)
				}
				s := strings.NewReplacer("{G}", g, "{F}", f).Replace(tm)
				got := Detect(s).Masked
				if strings.Contains(got, g+" ") || strings.Contains(got, " "+f) {
					t.Errorf("%q masked as %q", s, got)
				}
			}
		}
	}
	// A given name that is a word beside an ordinary word stays a word.
	for _, s := range []string{"can grace period apply here", "i hope long waits are over", "mark the box please",
		"is the grace period over", "please mark white boxes only", "we hope price is ok"} {
		if got := Detect(s); hasType(got, SpanName) {
			t.Errorf("%q: false name: %q", s, got.Masked)
		}
	}
}
