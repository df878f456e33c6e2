package policy

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// freshUnmaskedCeiling is how many messages of
// testdata/fresh_unmasked_fourth.txt the detector may mask. The set was
// written apart from the rules to be hard: first measured 59 of 468
// masked (dates of holidays asked about, chat-export stamps, clinic
// e-mail addresses, Haitian Creole and Tagalog words read as names); 37
// once those languages' function words, holidays and desks' words were
// listed (fixes made on this set, so 37 is no longer a first measure).
// The ceiling only falls.
const freshUnmaskedCeiling = 37

// TestFreshUnmaskedFourth counts the clean messages of the fourth fresh
// clean set that get any mask. FRESH_MISSES=1 lists them.
func TestFreshUnmaskedFourth(t *testing.T) {
	f, err := os.Open("testdata/fresh_unmasked_fourth.txt")
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
		if d := Detect(line); len(d.Spans) > 0 {
			masked++
			if os.Getenv("FRESH_MISSES") != "" {
				t.Logf("masked: %s  <=  %s", d.Masked, line)
			}
		}
	}
	t.Logf("fourth fresh clean set: %d of %d masked", masked, n)
	if masked > freshUnmaskedCeiling {
		t.Errorf("%d of %d clean messages masked, ceiling %d", masked, n, freshUnmaskedCeiling)
	}
}
