package assets

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// Lexicon names accepted by Lexicon; each is a file under data/lexicons.
const (
	LexFirstNames  = "first_names"
	LexSurnames    = "surnames"
	LexNameWords   = "name_words"
	LexMedications = "medications"
	// LexMedicationsMore holds the drug names beyond the commonest:
	// read as medications, except by the outbound two-slip check.
	LexMedicationsMore = "medications_more"
	LexConditions      = "conditions"
	LexSymptoms        = "symptoms"
	LexLabs            = "labs"
	LexStopwords       = "stopwords"
	LexOrdinary        = "ordinary_words"
	LexWorldGiven      = "given_names_world"
	LexWorldFamily     = "family_names_world"
)

// Lexicon returns the entries of one embedded word list, lower-cased and
// trimmed, skipping blank lines and "#" comments. Lists are small (a few
// hundred entries), so callers build their own lookup structures.
func Lexicon(name string) ([]string, error) {
	raw, err := files.ReadFile("data/lexicons/" + name + ".txt")
	if err != nil {
		return nil, fmt.Errorf("assets: lexicon %q: %w", name, err)
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, strings.ToLower(line))
	}
	return out, sc.Err()
}
