package policy

import (
	"strings"
	"testing"
)

// An e-mail address typed with a space on either side of the '@' or of
// its last dot is masked whole: "john @ gmail . com", "maria@ hotmail.com".
func TestSpacedEmails(t *testing.T) {
	var msgs [][2]string
	for _, user := range []string{"john", "maria.garcia", "j_smith90", "ana-lucia", "pedro.s+clinic"} {
		for _, dom := range []string{"gmail", "hotmail", "yahoo", "outlook", "correo-mx"} {
			for _, tld := range []string{"com", "net", "org", "co", "mx"} {
				for _, form := range []string{"%u @ %d . %t", "%u@ %d.%t", "%u @%d.%t", "%u@%d .%t", "%u @ %d.%t", "%u@%d . %t"} {
					addr := strings.NewReplacer("%u", user, "%d", dom, "%t", tld).Replace(form)
					for _, f := range []string{"my email is %s", "%s", "escríbeme a %s por favor", "email: %s thanks"} {
						msgs = append(msgs, [2]string{strings.Replace(f, "%s", addr, 1), addr})
					}
				}
			}
		}
	}
	checkWhole(t, msgs)
}

// Prices, times and places after an '@' are no address, spaced or not.
func TestSpacedEmailLookalikes(t *testing.T) {
	checkClean(t, "meet @ noon. ok?", "2 boxes @ $3.00 each", "we're @ the clinic. see you", "flu shots @ 5 . thanks",
		"open @ 9 am . closed @ 5 pm", "lunch @ cafe . then back")
}
