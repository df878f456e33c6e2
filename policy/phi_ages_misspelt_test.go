package policy

import (
	"strings"
	"testing"
)

// The age words as people misspell them in a hurry are read like the
// right ones: "93 yeras old", "91 yers old", "ninty-two", "nintey three",
// "nobenta y dos años".
func TestAgeWordsMisspelt(t *testing.T) {
	var msgs [][2]string
	for _, age := range []string{"90", "93", "99", "104"} {
		for _, unit := range []string{"yeras", "yers", "yaers", "yesrs", "yeasr", "yeas", "yrars", "yars", "yeats", "yeers"} {
			for _, f := range []string{"my grandma is %s %u old", "she's %s %u old and lives alone", "a %s %u old woman fell",
				"dad turned %s %u old yesterday", "he is %s %u"} {
				msgs = append(msgs, [2]string{strings.NewReplacer("%s", age, "%u", unit).Replace(f), age})
			}
		}
	}
	for _, age := range []string{"ninty-two", "ninty three", "nintey-one", "nintey five", "ninetey-four"} {
		for _, f := range []string{"she's %s", "my grandpa is %s years old", "mom turned %s last week", "a %s year old man"} {
			msgs = append(msgs, [2]string{strings.Replace(f, "%s", age, 1), age})
		}
	}
	// A unit glued to the number: "93years old", "91yrsold", "elle a 92ans".
	for _, age := range []string{"90", "96", "102"} {
		for _, unit := range []string{"years", "year", "yrsold", "yearsold", "yrold", "ans", "anni", "jahre"} {
			code := age + unit
			for _, f := range []string{"she is %s old", "my dad is %s", "a %s woman", "mamie a %s", "he's %s, lives alone"} {
				msgs = append(msgs, [2]string{strings.Replace(f, "%s", code, 1), code})
			}
		}
	}
	for _, f := range []string{"mi abuela tiene %s años", "mi abuelo cumplió %s"} {
		msgs = append(msgs, [2]string{strings.Replace(f, "%s", "nobenta y dos", 1), "nobenta y dos"})
	}
	checkWhole(t, msgs)
}

// Measures and counts after the misspelt words are not ages.
func TestAgeWordsMisspeltLookalikes(t *testing.T) {
	checkClean(t, "the ninty minute wait is too long", "we waited ninty minutes", "open 90 minutes early on friday",
		"room 95 is on the left", "a 90 days supply please",
		"we've served 90yeas of patients", "a 95 yeard line")
}
