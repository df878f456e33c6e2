package policy

import (
	"strings"
	"testing"
)

// Names in a list are masked one by one: joined by "and", "&", "y", "e"
// or "et", the first before a comma, the middle ones between commas.
// Beside a capitalised name a capitalised word is a name even when the
// dictionary holds it or it opens the message. Drugs, symptoms and days in
// a list stay what they are.
func TestNamesInLists(t *testing.T) {
	for _, c := range []struct{ text string }{
		{"Léa et Mathis ont la varicelle"}, {"Femke, Sjoerd and Jildou need flu shots"},
		{"Maria e João precisam de vacina"}, {"Bring Kofi, Ama and Yaw"}, {"Hope & Kwabena both need the flu shot"},
		{"mis hijos Lucía y Mateo tienen tos"},
	} {
		d := Detect(c.text)
		names := 0
		for _, s := range d.Spans {
			if s.Type == SpanName {
				names++
			}
		}
		want := 2
		for _, r := range c.text {
			if r == ',' {
				want++
			}
		}
		if names < want {
			t.Errorf("%q masked as %q: %d names, want %d", c.text, d.Masked, names, want)
		}
	}
	for _, c := range []struct{ text, word string }{
		{"Tylenol, Advil and Maria", "Tylenol"}, {"Monday, Tuesday and Maria", "Tuesday"}, {"Thanks and Maria says hi", "Thanks"},
	} {
		at := strings.Index(c.text, c.word)
		for _, s := range Detect(c.text).Spans {
			if s.Type == SpanName && s.Start <= at && at < s.End {
				t.Errorf("%q: %q read as a name", c.text, c.word)
			}
		}
	}
	checkWholeName(t, "{N} called", "Maria E Gonzalez")
}
