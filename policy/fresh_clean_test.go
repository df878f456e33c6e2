package policy

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// freshCleanMaxMasked is the number of messages of the fresh clean sets
// (testdata/fresh_clean_*.txt: everyday clinic talk in five languages that
// carries no PHI) the detector still masks. It may only go down. The
// first two files were written before the rules were read, and their 18
// masked messages fixed; fresh_clean_second.txt was written after, to
// check the fixes on talk they were not made for (29 of 118 masked
// before them, 9 after: a pregnancy test, "my kids to the flu clinic", a
// TB test the writer wants, COVID tests, "prise de sang", a urine test
// "without insurance", and the names "Amil", "Mercado Pago", "Grand
// Central"). fresh_clean_third.txt (412 messages: billing, directions,
// services asked about in general, public places, small talk, in
// English, Spanish, Portuguese, French and Tagalog-English) was written
// before the detector was read: first measured, 36 of its 412 masked
// (45 of the 1,109 of all three sets); 3 of the 1,109 now: "la facture
// est de 90 euros" (a slip of "fracture" to the misspelling look-up), a
// TB test the writer wants and "my kids to the flu clinic".
const freshCleanMaxMasked = 3

// readFreshClean returns the lines of every testdata/fresh_clean_*.txt file.
func readFreshClean(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "fresh_clean_*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fresh clean files: %v", err)
	}
	var lines []string
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if line := strings.TrimSpace(sc.Text()); line != "" {
				lines = append(lines, line)
			}
		}
		f.Close()
	}
	return lines
}

// TestFreshCleanMessages checks that everyday clinic messages without PHI
// stay unmasked, apart from a measured few the policy masks on purpose.
func TestFreshCleanMessages(t *testing.T) {
	lines := readFreshClean(t)
	masked := 0
	for _, line := range lines {
		if d := Detect(line); len(d.Spans) > 0 {
			masked++
			if testing.Verbose() {
				t.Logf("masked: %s  <=  %s", d.Masked, line)
			}
		}
	}
	t.Logf("fresh clean set: %d/%d messages masked", masked, len(lines))
	if masked > freshCleanMaxMasked {
		t.Errorf("fresh clean set: %d messages masked, at most %d allowed", masked, freshCleanMaxMasked)
	}
}
