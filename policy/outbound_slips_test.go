package policy

import (
	"bufio"
	"flag"
	"os"
	"slices"
	"strings"
	"testing"
)

var updateSlips = flag.Bool("update-slips", false, "rewrite outbound_slip_words.txt from the system dictionary")

// dictionaries are the word lists the slip exclusions are built from
// (Debian's wamerican and wspanish); a tree without them skips the check.
var dictionaries = []string{"/usr/share/dict/american-english", "/usr/share/dict/spanish"}

// TestSlipWordsCoverTheDictionary: every dictionary word two edits from a
// short medication name is listed as ordinary, so clinic text such as
// "regular hours" or "a valid ID" is never refused as a misspelt drug.
// Run with -update-slips after the medication lexicon changes.
func TestSlipWordsCoverTheDictionary(t *testing.T) {
	want := shortDrugSlips(lexiconOrPanic(), dictionaryWords(t))
	slices.Sort(want)
	if *updateSlips {
		if err := os.WriteFile("outbound_slip_words.txt", []byte(strings.Join(want, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	have := slipWords()
	var missing []string
	for _, w := range want {
		if _, ok := have[w]; !ok {
			missing = append(missing, w)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d ordinary words two edits from a medication are not listed (run go test -run TestSlipWordsCoverTheDictionary -update-slips ./policy/): %v",
			len(missing), missing[:min(len(missing), 20)])
	}
}

// TestShortDrugsWithTwoSlipsAreRefused: two slips in a short drug name
// still refuse the message; the same words as ordinary text do not.
func TestShortDrugsWithTwoSlipsAreRefused(t *testing.T) {
	for _, c := range []struct {
		text   string
		refuse bool
	}{
		{"your oxepic refill is ready", true},
		{"pick up the disovy today", true},
		{"su xerlto está lista", true},
		{"zolft is ready at the pharmacy", true},
		{"our regular hours are 8 to 5", false},
		{"please bring a valid ID", false},
		{"that was not meant as an insult", false},
		{"we accept most plans", false},
	} {
		if got := ScreenOutbound(c.text, guardClinic).Refused(); got != c.refuse {
			t.Errorf("%q refused = %v, want %v", c.text, got, c.refuse)
		}
	}
}

// dictionaryWords are the words of the system dictionaries, folded, each
// once, those of letters a to z only; a tree without the dictionaries
// skips the test.
func dictionaryWords(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	var words []string
	for _, path := range dictionaries {
		f, err := os.Open(path)
		if err != nil {
			t.Skipf("no dictionary: %v", err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			w := Normalize(strings.TrimSpace(sc.Text()))
			if w == "" || strings.IndexFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 || seen[w] {
				continue
			}
			seen[w] = true
			words = append(words, w)
		}
		f.Close()
	}
	return words
}
