package assets

import (
	"strings"
	"testing"
)

func TestLexicons(t *testing.T) {
	for _, name := range []string{LexFirstNames, LexSurnames, LexNameWords, LexMedications, LexMedicationsMore,
		LexConditions, LexSymptoms, LexLabs, LexStopwords, LexOrdinary, LexWorldGiven, LexWorldFamily} {
		terms, err := Lexicon(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(terms) < 50 {
			t.Errorf("%s: only %d entries", name, len(terms))
		}
		seen := map[string]bool{}
		for _, term := range terms {
			if term != strings.ToLower(strings.TrimSpace(term)) || term == "" {
				t.Errorf("%s: entry %q is not trimmed lower case", name, term)
			}
			if seen[term] {
				t.Errorf("%s: duplicate entry %q", name, term)
			}
			seen[term] = true
		}
	}
	if _, err := Lexicon("no-such-list"); err == nil {
		t.Error("unknown lexicon loaded without error")
	}
}
