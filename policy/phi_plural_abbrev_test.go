package policy

import (
	"fmt"
	"testing"
)

// TestShortPluralsThatAreWords: a four-letter word that is a word of its
// own ("toss", "tias", "sobs") or shaped like one ("je dors") is not the
// plural of a clinical abbreviation; "utis", "stds", "DVTs" still are.
func TestShortPluralsThatAreWords(t *testing.T) {
	var clean []string
	for _, f := range []string{"je %s chez ma sœur ce soir", "tu %s où ce soir ?", "on %s à l'hôtel près de la gare"} {
		clean = append(clean, fmt.Sprintf(f, "dors"))
	}
	for _, f := range []string{"mis %s vienen mañana a la cita", "mis %s llegan a las 3", "voy con mis %s a la farmacia"} {
		clean = append(clean, fmt.Sprintf(f, "tias"))
	}
	for _, f := range []string{"can you %s the old forms", "just %s it in the recycling bin", "coin %s for who goes first lol"} {
		clean = append(clean, fmt.Sprintf(f, "toss"))
	}
	for _, text := range clean {
		if d := Detect(text); len(d.Spans) > 0 {
			t.Errorf("%q masked as %q", text, d.Masked)
		}
	}
	for _, ab := range []string{"utis", "UTIs", "stds", "STDs", "dvts", "hpvs", "stis"} {
		for _, f := range []string{"my daughter has %s all the time", "he keeps getting %s", "history of %s"} {
			text := fmt.Sprintf(f, ab)
			if d := Detect(text); len(d.Spans) == 0 {
				t.Errorf("%q: nothing masked", text)
			}
		}
	}
}
