package policy

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"
)

// freshUnmaskedSets are clean message sets written apart from the rules,
// each with how many of its messages the detector may mask. A ceiling
// only falls.
var freshUnmaskedSets = []struct {
	path    string
	ceiling int
	// identOnly counts only identifier masks: the set was written to hold
	// no identifier, and its patients may still describe their health
	// ("the rash is spreading"), which is masked as clinical.
	identOnly bool
}{
	// Written to be hard: first measured 59 of 468 masked (dates of
	// holidays asked about, chat-export stamps, clinic e-mail addresses,
	// Haitian Creole and Tagalog words read as names); 37 once those
	// languages' function words, holidays and desks' words were listed
	// (fixes made on this set, so 37 is no longer a first measure); 35
	// once product names stopped reading as people; 30 once an
	// organisation's mailboxes ("info@", "appointments@") were left
	// unmasked.
	{"testdata/fresh_unmasked_fourth.txt", 30, false},
	// 240 messages about devices, apps and links with no identifier:
	// product and model names with digits, firmware versions, error
	// codes, battery sizes, public web sites, pairing steps, in four
	// languages; first measured 54 of 240 masked.
	{"testdata/fresh_unmasked_devices.txt", 48, false},
	// 150 messages that look like the disguised set and hold no
	// identifier: dotted abbreviations, spaced emphasis, counts and
	// times in words, the clinic's own addresses, slang; first measured
	// 13 of 150 with an identifier mask; 4 once words typed apart for
	// emphasis, dotted abbreviations and organisations' mailboxes were
	// no longer read as identifiers.
	{"testdata/fresh_unmasked_evasion.txt", 4, true},
	// 202 messages like the addresses set with no identifier: directions
	// to the clinic, bus routes, rooms and floors, distances, towns alone,
	// street words used as words; first measured 10 of 202; 9 once
	// countries were no longer read as people.
	{"testdata/fresh_unmasked_places5.txt", 9, true},
	// 219 messages like the names set with no identifier: word names used
	// as words, months, brands, medicines, towns, sign-offs, job titles;
	// first measured 12 of 219; 7 once countries, and French and
	// Portuguese words that are also given names, stopped reading as
	// people.
	{"testdata/fresh_unmasked_names6.txt", 7, true},
}

// TestFreshUnmasked counts the clean messages of each set that get any
// mask (any identifier mask, for a set written without identifiers only).
// FRESH_MISSES=1 lists them.
func TestFreshUnmasked(t *testing.T) {
	for _, set := range freshUnmaskedSets {
		t.Run(strings.TrimSuffix(strings.TrimPrefix(set.path, "testdata/"), ".txt"), func(t *testing.T) {
			f, err := os.Open(set.path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			n, masked := 0, 0
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				line := sc.Text()
				if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
					continue
				}
				n++
				if d := Detect(line); len(d.Spans) > 0 && (!set.identOnly || slices.ContainsFunc(d.Spans, func(s Span) bool { return !s.Type.IsClinical() })) {
					masked++
					if os.Getenv("FRESH_MISSES") != "" {
						t.Logf("masked: %s  <=  %s", d.Masked, line)
					}
				}
			}
			if err := sc.Err(); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d of %d masked", set.path, masked, n)
			if masked > set.ceiling {
				t.Errorf("%d of %d clean messages masked, ceiling %d", masked, n, set.ceiling)
			}
		})
	}
}
