package policy

import (
	"strings"
	"testing"
)

// An identifier printed with its issuer's letters before a dash is masked
// with them, whether the letters are the cue itself ("MRN-00482913", "pls
// look up mrn-00482913") or a prefix of the number after another cue ("my
// bill number INV-2024-00481", "patient PT-482913").
func TestIdentifierLetterPrefixes(t *testing.T) {
	var msgs [][2]string
	for _, pre := range []string{"MRN", "mrn", "MR", "ACCT", "acct", "ACC", "INV", "PT", "BA", "HC", "GA"} {
		for _, num := range []string{"00482913", "2024-00481", "4829-1736", "7730145", "48291736-01"} {
			id := pre + "-" + num
			for _, f := range []string{"%s", "pls look up %s", "my bill number %s", "I'm patient %s", "%s is her number",
				"account %s, thanks", "hola, mi expediente es %s", "record for Rosa: %s"} {
				msgs = append(msgs, [2]string{strings.Replace(f, "%s", id, 1), id})
			}
		}
	}
	checkWhole(t, msgs)
}

// Words joined by a dash to an ordinary number stay as they are.
func TestIdentifierLetterPrefixLookalikes(t *testing.T) {
	checkClean(t, "the I-95 exit by the clinic is closed", "the B-12 lot is closed on Sunday", "we use ICD-10 codes now",
		"is the K-9 unit parking in the back lot?", "take the 2-3 pm slot if it's free")
}
