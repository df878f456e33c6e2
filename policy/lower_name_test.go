package policy

import (
	"math/rand"
	"regexp"
	"strings"
	"testing"
)

// lowerName replaces two name patterns; it must answer as they did.
func TestLowerNameMatchesPatterns(t *testing.T) {
	patterns := []struct {
		re  *regexp.Regexp
		max int
		sep byte
	}{
		{regexp.MustCompile(`^[a-z][a-z0-9_]{0,511}$`), 512, '_'},
		{regexp.MustCompile(`^[a-z][a-z0-9-]{0,63}$`), 64, '-'},
	}
	cases := []string{"", "a", "A", "1abc", "_a", "-a", "ab_c", "ab-c", "a b", "a\n", "abc\n", "é", "aé", "a\x00",
		"appt_reminder", "flu-shot", "z9", strings.Repeat("a", 64), strings.Repeat("a", 65), strings.Repeat("b", 512),
		strings.Repeat("b", 513)}
	alphabet := []byte("az09_-AZ .\n{}é")
	r := rand.New(rand.NewSource(1))
	for range 20000 {
		n := r.Intn(8)
		if r.Intn(20) == 0 {
			n = 60 + r.Intn(460)
		}
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[r.Intn(len(alphabet))]
			if r.Intn(3) > 0 {
				b[i] = byte('a' + r.Intn(26))
			}
		}
		cases = append(cases, string(b))
	}
	for _, p := range patterns {
		for _, s := range cases {
			if got, want := lowerName(s, p.max, p.sep), p.re.MatchString(s); got != want {
				t.Fatalf("lowerName(%q, %d, %q) = %v, pattern %s says %v", s, p.max, p.sep, got, p.re, want)
			}
		}
	}
}
