package policy

import (
	"strings"
	"testing"
)

// lookalike types a number as a patient copying it in a hurry might:
// every zero an O (or o), every one an l (or I), and a five before a
// digit an S, in the groups the pattern picks.
func lookalike(number string, zero, one byte, five bool) string {
	b := []byte(number)
	for p, c := range b {
		switch {
		case c == '0':
			b[p] = zero
		case c == '1':
			b[p] = one
		case c == '5' && five && p+1 < len(b) && b[p+1] >= '0' && b[p+1] <= '9' && b[p+1] != '5':
			b[p] = 'S'
		}
	}
	return string(b)
}

// digitsMostly reports a typed number with no more letters than digits:
// past that the letters are a word's or a code's, not a number's.
func digitsMostly(v string) bool {
	d, l := 0, 0
	for _, c := range v {
		switch {
		case c >= '0' && c <= '9':
			d++
		case c >= 'A' && c <= 'z':
			l++
		}
	}
	return l <= d
}

// Telephone numbers, dates of birth and addresses of the network typed
// with letters for some digits, the groups set apart by spaces, slashes,
// dots or bars, are masked whole in every frame.
func TestLookalikeDigitNumbers(t *testing.T) {
	numbers := []string{"07911 123 456", "020 7946 0018", "612 034 567", "0161 496 0723", "917 555 0142",
		"21 98765 4321", "06 12 34 56 78", "217.14.99.130", "12/09/1971", "04/07/1950", "12|10|1981", "04-10-60"}
	frames := []string{"reach me at %s if the doctor wants to talk", "work phone %s between 9 and 5",
		"mi número es el %s, llámenme", "meu celular: %s", "mon portable %s merci", "date of birth %s for the form",
		"%s is the one on the card", "nací el %s"}
	var msgs [][2]string
	for _, n := range numbers {
		for _, v := range []string{lookalike(n, 'O', '1', false), lookalike(n, '0', 'l', false), lookalike(n, 'o', 'I', true),
			lookalike(n, 'O', 'l', true)} {
			if v == n || !digitsMostly(v) {
				continue
			}
			for _, f := range frames {
				msgs = append(msgs, [2]string{strings.Replace(f, "%s", v, 1), v})
			}
		}
	}
	checkIdentifiersWhole(t, msgs)
}

// Spine levels, oxygen, vitamins and words keep their letters: they are
// clinical or ordinary, never a number typed with letters.
func TestLookalikeDigitsKeepClinical(t *testing.T) {
	checkNoIdentifier(t, "O2 sats 94 this morning", "SpO2 92 and 94 after walking", "L4-L5 disc bulge again",
		"L4-L5 L5-S1 disc bulge, MRI says mild", "pain at C5/6 and T12", "she is on O2 2 l at night",
		"took B12 1000 and D3 400 today", "so lol 10 of 10 would come again", "I 1 2 3 4 5 counted breaths",
		"the 1990s 2000s were rough for my back", "my sats were 94 on O2 l0 minutes later", "is it ok at 10 or 11?",
		"the C-section scar hurts at L5 S1 level", "my PHQ-9 score was 1O and GAD-7 was 8", "scores: 9/10, 7/10, 8/10 this week")
}
