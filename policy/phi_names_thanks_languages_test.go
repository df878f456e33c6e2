package policy

import "testing"

// TestThanksInOtherLanguages: "salamat", "obrigada", "merci", "shukran"
// and the chat "tnx"/"tq" close a message before the writer's name as
// "thanks" does; after the words of a language no dictionary is held for,
// only a listed or capitalised name is read.
func TestThanksInOtherLanguages(t *testing.T) {
	thanks := []string{"salamat po", "salamat", "obrigada", "obrigado", "merci", "merci beaucoup", "shukran",
		"tnx", "tq", "tq doc"}
	names := []string{"Jennelyn", "Rayssa", "Kadiatou", "Yousef", "Maria Clara", "Oumou Sangaré"}
	leads := []string{"", "ok will come at 4. ", "the pain is better now, ", "noted po. "}
	n := 0
	for ti, th := range thanks {
		for ni, name := range names {
			text := leads[(ti+ni)%len(leads)] + th + ", " + name
			n++
			if !nameMasked(text, name) {
				t.Errorf("%q: %q not masked as a name: %q", text, name, Detect(text).Masked)
			}
		}
	}
	if n < 60 {
		t.Fatalf("only %d variants", n)
	}
	clean := []string{"salamat po, bukas ulit", "salamat po, bukas na lang", "merci, à demain", "merci, bonne journée",
		"obrigada, até amanhã", "obrigado, boa noite", "merci beaucoup, a bientot", "shukran, inshallah",
		"tq, see you", "tnx, see u later", "merci, c'est noté", "salamat, ingat", "obrigado, abraço", "merci",
		"salamat po", "tq"}
	for _, c := range clean {
		if hasName(c) {
			t.Errorf("clean %q reads a name: %q", c, Detect(c).Masked)
		}
	}
}
