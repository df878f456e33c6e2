package policy

import (
	"strings"
	"testing"
)

// identifierShare is the share of the letters and digits of want, found
// in text, that identifier spans cover.
func identifierShare(t *testing.T, text, want string) float64 {
	t.Helper()
	return shareMaskedBy(t, text, want, func(s Span) bool { return !s.Type.IsClinical() })
}

// checkIdentifiersWhole fails t for each message whose identifier (the
// second string) identifier spans do not cover whole.
func checkIdentifiersWhole(t *testing.T, msgs [][2]string) {
	t.Helper()
	checkShares(t, msgs, identifierShare, 1, "generated messages not masked whole")
}

// checkNoIdentifier fails t for each text given an identifier mask; a
// clinical mask ("9 / 10 pain") is another reader's and allowed.
func checkNoIdentifier(t *testing.T, texts ...string) {
	t.Helper()
	for _, text := range texts {
		d := Detect(text)
		for _, s := range d.Spans {
			if !s.Type.IsClinical() {
				t.Errorf("clean %q masked as %q", text, d.Masked)
				break
			}
		}
	}
}

// A telephone number whose groups are set apart by a slash or a bar
// between spaces, or after a "+" by slashes alone, is masked whole.
func TestPhonesSetApart(t *testing.T) {
	numbers := [][]string{
		{"0161", "496", "0723"}, {"020", "7946", "0555"}, {"0113", "496", "0841"}, {"312", "555", "0199"},
		{"07700", "900", "481"}, {"01", "45", "72", "38", "16"}, {"0612", "345", "678"}, {"55", "1234", "5678"},
		{"011", "4567", "8901"}, {"0151", "324", "6601"},
	}
	frames := []string{"landline %s if the mobile is off", "%s that's home", "mi teléfono es %s, llámeme",
		"meu número é %s", "mon fixe : %s", "call me on %s please"}
	var msgs [][2]string
	for _, g := range numbers {
		for _, sep := range []string{" / ", " | "} {
			num := strings.Join(g, sep)
			for _, f := range frames {
				msgs = append(msgs, [2]string{strings.Replace(f, "%s", num, 1), num})
			}
		}
		num := "+44 " + strings.Join(g, "/")
		for _, f := range frames {
			msgs = append(msgs, [2]string{strings.Replace(f, "%s", num, 1), num})
		}
	}
	checkIdentifiersWhole(t, msgs)
}

// Scores, readings, counts and rooms set apart by a slash or a bar are
// not telephone numbers: too few digits for one.
func TestPhonesSetApartLookalikes(t *testing.T) {
	checkNoIdentifier(t, "pain is 9 / 10 today", "I'd give it 7 / 10", "take 2 | 3 tablets a day",
		"room 3 / floor 2", "BP was 120 / 80 / 72 this morning", "mix it 1 / 4 / 4 with water",
		"dolor 8 / 10 desde ayer", "douleur 6 / 10", "the 42 / 43 bus stops outside", "scored 18 / 30 on the memory test",
		"version 2 | 3 | 1 of the app", "it costs 12 / 15 dollars", "sugars were 110 / 125 / 140")
}

// An extension after a telephone number is masked with it, whatever is
// typed between the two and whether it is given in digits or in words.
func TestPhoneExtensionsFamily(t *testing.T) {
	numbers := []string{"312-555-0199", "(21) 3876-5432", "01 45 72 38 16", "0113 496 0841", "0207-946-0342",
		"020 7946 0555", "+34 612 345 678", "(555) 123-4567"}
	exts := []string{"ext 7", "ext. 204", "ext: 31", "extension 12", "x 204", "x204", "ramal 12", "poste 204",
		"extensión 31", "anexo 45", "int. 31", "interno 45", "ext. eleven", "extension four two", "ramal doze",
		"poste quinze", "ext dos cero uno"}
	leads := []string{" ", ", ", " // ", " / ", " | ", " ("}
	frames := []string{"%s during office hours", "trabalho: %s, pode ligar de manhã", "bureau : %s", "call %s"}
	var msgs [][2]string
	for _, n := range numbers {
		for _, x := range exts {
			for li, l := range leads {
				whole := n + l + x
				if l == " (" {
					whole += ")"
				}
				f := frames[(li+len(x))%len(frames)]
				msgs = append(msgs, [2]string{strings.Replace(f, "%s", whole, 1), whole})
			}
		}
	}
	checkIdentifiersWhole(t, msgs)
}

// What follows a telephone number without an extension word stays the
// sentence's: counts, times, sizes.
func TestPhoneExtensionLookalikes(t *testing.T) {
	for _, c := range []struct{ text, number string }{
		{"call 312-555-0199 x 2 times", "312-555-0199"},
		{"ring 0113 496 0841 / 2 people here", "0113 496 0841"},
		{"my number is 312-555-0199, eleven is fine to call", "312-555-0199"},
		{"0161 496 0723 (one of us will pick up)", "0161 496 0723"},
		{"ligue 21 3876-5432 int em uma hora", "21 3876-5432"},
	} {
		d := Detect(c.text)
		at := strings.Index(c.text, c.number) + len(c.number)
		for _, s := range d.Spans {
			if !s.Type.IsClinical() && s.End > at+1 {
				t.Errorf("%q masked past the number: %q", c.text, d.Masked)
			}
		}
	}
}
