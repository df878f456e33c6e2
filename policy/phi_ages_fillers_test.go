package policy

import (
	"strings"
	"testing"
)

// An age over 89 said with a hesitation or a hedge between the verb and
// the number, or after it, as voice notes and quick chats put it, is
// masked: "she's um 93", "he is, like, 94", "she's I think 96", "my dad
// is 91 or so", "mi abuela tiene, eh, 93", "tiene como 95".
func TestAgeWithFillers(t *testing.T) {
	var msgs [][2]string
	for _, age := range []string{"90", "93", "97", "101", "ninety-two", "ninety four"} {
		for _, f := range []string{
			"my grandma she's um %s", "she's uh %s and lives alone", "he is, um, %s", "she's... %s", "she's I think %s",
			"she's, like, %s", "my mom, she's %s you know", "he's like %s or so", "she's maybe %s", "my grandfather who's like %s",
			"dad is %s lol", "she's %s or something", "my nana's like %s", "he is, uh, %s, and still drives",
		} {
			msgs = append(msgs, [2]string{strings.Replace(f, "%s", age, 1), age})
		}
	}
	for _, age := range []string{"90", "93", "98", "104"} {
		for _, f := range []string{"mi abuela tiene, eh, %s", "mi abuelo tiene como %s", "mi mamá tiene este... %s",
			"la señora tiene tipo %s", "minha avó tem, tipo, %s", "ele tem tipo %s", "mi abuela tiene %s o así"} {
			msgs = append(msgs, [2]string{strings.Replace(f, "%s", age, 1), age})
		}
	}
	checkWhole(t, msgs)
}

// A hedge before a measure, a reading or a wait is no age.
func TestAgeWithFillersLookalikes(t *testing.T) {
	checkClean(t, "I'm like 90 minutes away", "it's like 95 degrees out today", "the wait is, uh, 90 minutes",
		"he's maybe 100 feet from the door", "the copay is like 100 or so", "she's like 95 pounds soaking wet",
		"tiene como 90 pesos de saldo", "the drive is, um, 120 km")
	for _, text := range []string{"my oxygen is, um, 93", "my sugar was like 110", "su presión está como 95",
		"her pulse is, uh, 92 or so"} {
		for _, s := range Detect(text).Spans {
			if s.Type == SpanAge {
				t.Errorf("%q: reading %q masked as an age", text, text[s.Start:s.End])
			}
		}
	}
}

// A number that goes on after a dash ("123-45-6789", "101-555-0199") is
// not an age, hesitation or not, and the identifier it opens is read whole.
func TestAgeFillerNotNumberStart(t *testing.T) {
	for _, num := range []string{"123-45-6789", "101-555-0199", "95-1234567", "110-22-3344"} {
		for _, f := range []string{"my SSN is, uh, %s", "her number is um %s", "he is, like, %s"} {
			text := strings.Replace(f, "%s", num, 1)
			for _, s := range Detect(text).Spans {
				if s.Type == SpanAge {
					t.Errorf("%q: %q read as an age", text, text[s.Start:s.End])
				}
			}
		}
	}
}
