package policy

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// The clinical fresh set: patient and family messages whose clinical
// statements (a condition with its modifiers, a medicine with its dose, a
// result with its value, a pregnancy stage, a specialty visit that reveals
// a condition, mood, substance use, sexual health, vitals) are marked
// {{CLIN:text}}, written before its writer read the clinical rules.
// First measured (before any rule was changed for it): recall 345/377 =
// 0.9151; 23 of 122 clean lines masked.
// The sensitive clinical fresh set: the most protected statements (mental
// health, substance use, sexual and reproductive health, specialty visits
// that reveal a condition) in the euphemisms, indirect phrasing and third
// persons of chat, written before its writer read the clinical rules.
// First measured (before any rule was changed for it): recall 170/214 = 0.7944;
// 14 of 60 clean lines masked.

// freshClinicalSet is one clinical fresh set with its clean look-alikes.
type freshClinicalSet struct {
	path, cleanPath string
	// Raise the floor when recall rises, never lower it.
	floor float64
	// Lower the ceiling when fewer clean lines are masked, never raise it.
	cleanCeiling int
}

var freshClinicalSets = []freshClinicalSet{
	{"testdata/fresh_clinical.txt", "testdata/fresh_clinical_clean.txt", 0.989, 13},
	{"testdata/fresh_clinical_sensitive.txt", "testdata/fresh_clinical_sensitive_clean.txt", 0.915, 14},
	// A third writer, on the hardest kinds: mental health said plainly,
	// indirectly and in slang, substance use, sexual and reproductive
	// health, gender-affirming care, visits whose specialty tells the
	// condition, results with values, drugs with doses, in four languages.
	// First measured 0.7871 (292/371); 6 of 157 clean lines masked. The
	// drug, contraception, hormone, procedure and test families of the
	// word lists took it to 0.8598 (319/371).
	{"testdata/fresh_clinical_specialty.txt", "testdata/fresh_clinical_specialty_clean.txt", 0.859, 6},
}

// TestFreshClinical scores how much of each marked clinical statement the
// clinical spans cover (80% of its letters counts as caught).
// FRESH_MISSES=1 lists what is left unmasked.
func TestFreshClinical(t *testing.T) {
	for _, set := range freshClinicalSets {
		t.Run(strings.TrimSuffix(strings.TrimPrefix(set.path, "testdata/"), ".txt"), func(t *testing.T) {
			testFreshClinicalSet(t, set)
		})
	}
}

func testFreshClinicalSet(t *testing.T, set freshClinicalSet) {
	items := loadFreshIdentifiers(t, set.path)
	gold, hit := 0, 0
	for _, it := range items {
		d := Detect(it.text)
		for _, g := range it.gold {
			if g.Type != "CLIN" {
				t.Fatalf("marker %q in %q: only CLIN belongs in the clinical set", g.Type, it.text)
			}
			gold++
			if freshCoveredBy(it.text, g, d.Spans, true) {
				hit++
			} else if os.Getenv("FRESH_MISSES") != "" {
				t.Logf("miss %-32q in %q -> %q", it.text[g.Start:g.End], it.text, d.Masked)
			}
		}
	}
	recall := float64(hit) / float64(gold)
	t.Logf("%s: %d messages, clinical recall %d/%d = %.4f", set.path, len(items), hit, gold, recall)
	if recall < set.floor {
		t.Errorf("fresh clinical recall %.4f below floor %.4f", recall, set.floor)
	}
}

// TestFreshClinicalClean counts clinic talk that names clinical words
// without disclosing anything about a patient yet comes out masked.
func TestFreshClinicalClean(t *testing.T) {
	for _, set := range freshClinicalSets {
		t.Run(strings.TrimSuffix(strings.TrimPrefix(set.cleanPath, "testdata/"), ".txt"), func(t *testing.T) {
			testFreshClinicalClean(t, set)
		})
	}
}

func testFreshClinicalClean(t *testing.T, set freshClinicalSet) {
	f, err := os.Open(set.cleanPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lines, masked := 0, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lines++
		if d := Detect(line); len(d.Spans) > 0 {
			masked++
			if os.Getenv("FRESH_MISSES") != "" {
				t.Logf("masked %q -> %q", line, d.Masked)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d of %d clean lines masked", set.cleanPath, masked, lines)
	if masked > set.cleanCeiling {
		t.Errorf("%d clean lines masked, ceiling %d", masked, set.cleanCeiling)
	}
}
