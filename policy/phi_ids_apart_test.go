package policy

import (
	"strings"
	"testing"
)

// An identifier after its cue whose groups are set apart by a dash, a
// slash or a bar between spaces is masked whole: "PLX 009 - 442 - 17",
// "CA / 91 / 4402 / 77R", "YQB/2231/0087".
func TestCuedIDGroupsSetApart(t *testing.T) {
	cues := []string{"policy number %s for the pre-authorisation", "Medicaid ID %s", "member id is %s",
		"MRN: %s", "mi número de póliza es %s", "numéro de mutuelle %s, je l'ai pris en photo",
		"o número do cartão do SUS é %s", "claim number %s please"}
	farCues := []string{"reference on the letter is %s", "my policy number with them is %s"}
	values := [][]string{{"PLX", "009", "442", "17"}, {"CA", "91", "4402", "77R"}, {"YQB", "2231", "0087"},
		{"448", "2107", "33"}, {"MX", "5521", "09"}, {"7701", "449", "A2"}, {"HX", "2291", "04"}, {"88", "4402", "1193"}}
	var msgs [][2]string
	for _, v := range values {
		for _, sep := range []string{" - ", " / ", " | ", "/"} {
			if sep == "/" && !isLetter(strings.ToLower(v[0])[0]) {
				continue // digits glued by slashes alone read as a date
			}
			val := strings.Join(v, sep)
			for _, c := range cues {
				msgs = append(msgs, [2]string{strings.Replace(c, "%s", val, 1), val})
			}
			if isLetter(strings.ToLower(v[0])[0]) {
				// Some words after the cue: read from its letters.
				for _, c := range farCues {
					msgs = append(msgs, [2]string{strings.Replace(c, "%s", val, 1), val})
				}
			}
		}
	}
	checkIdentifiersWhole(t, msgs)
}

// A code typed a character at a time after its cue is masked whole
// whatever separator sets its characters apart: list commas ("W, 8, 8"),
// doubled dots ("X..9..9"), dashes between spaced groups ("M U T - 7 7").
func TestCuedCodesTypedApart(t *testing.T) {
	cues := []string{"member id is %s", "insurance number %s, the card is worn", "numéro de mutuelle %s, je l'ai pris en photo",
		"mi número de afiliado es %s", "policy %s for the dental bit", "MRN %s"}
	codes := []string{"W8830216", "X992104", "MUT7701449", "QH4471902", "ZK55019"}
	var msgs [][2]string
	for _, code := range codes {
		chars := strings.Split(code, "")
		for _, sep := range []string{", ", "..", " .. ", "--", " - ", " ", "."} {
			val := strings.Join(chars, sep)
			for _, c := range cues {
				msgs = append(msgs, [2]string{strings.Replace(c, "%s", val, 1), val})
			}
		}
		// Letters apart, then the digits in dashed groups.
		val := strings.Join(chars[:3], " ") + " - " + strings.Join(chars[3:6], " ") + " - " + strings.Join(chars[6:], " ")
		for _, c := range cues {
			msgs = append(msgs, [2]string{strings.Replace(c, "%s", val, 1), val})
		}
	}
	checkIdentifiersWhole(t, msgs)
}

// Lists, scores and ranges after the same words are no identifier.
func TestCodesApartLookalikes(t *testing.T) {
	checkNoIdentifier(t, "the policy covers a, b, c and d", "my plan pays 1, 2, 3 visits a year",
		"the policy says 2 / 3 of the cost", "room 3 / floor 2",
		"policy covers 80 / 20 after the deductible", "wait..9..am is fine?", "the member portal, 2 - 3 days",
		"options a, b, 1, 2 on the form", "mi seguro cubre 1, 2 o 3 consultas")
}
