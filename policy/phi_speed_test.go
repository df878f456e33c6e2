package policy

import (
	"math/rand/v2"
	"testing"
)

// fullEditWithin is the plain optimal-string-alignment table, every cell
// computed: the reference the banded editWithin and the letter-count bound
// in front of it must agree with, so a misspelt drug is caught exactly
// as before they existed.
func fullEditWithin(a, b string, k int) bool {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)] <= k
}

func TestMisspellingChecksAgreeWithTheFullTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(20261205, 1))
	// A small alphabet makes near-misses, repeats and transpositions
	// common; the apostrophe is a byte the letter counts ignore.
	word := func() string {
		b := make([]byte, rng.IntN(14))
		for i := range b {
			b[i] = "abcdz'"[rng.IntN(6)]
		}
		return string(b)
	}
	for range 300_000 {
		a, b, k := word(), word(), rng.IntN(3)
		want := fullEditWithin(a, b, k)
		if got := editWithin([]byte(a), b, k); got != want {
			t.Fatalf("editWithin(%q, %q, %d) = %v, full table says %v", a, b, k, got, want)
		}
		if want && !letterCountsWithin([]byte(a), b, 2*k) {
			t.Fatalf("letterCountsWithin(%q, %q, %d) rules out words %d edits apart", a, b, 2*k, k)
		}
	}
	// Real misspellings of listed drugs.
	for _, c := range []struct {
		typed, drug string
		k           int
	}{{"metformn", "metformin", 1}, {"lisinoprill", "lisinopril", 2}, {"atorvastatn", "atorvastatin", 2}, {"truvda", "truvada", 1}, {"ozempci", "ozempic", 1}} {
		if !editWithin([]byte(c.typed), c.drug, c.k) || !letterCountsWithin([]byte(c.typed), c.drug, 2*c.k) {
			t.Errorf("%q is not read as %q", c.typed, c.drug)
		}
	}
}
