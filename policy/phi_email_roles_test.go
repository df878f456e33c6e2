package policy

import (
	"fmt"
	"testing"
)

// An organisation's mailbox ("info@", "appointments@") identifies no one;
// a person's address is masked whole, its domain included.
func TestRoleMailboxesAreNoIdentifier(t *testing.T) {
	var clean []string
	for _, box := range []string{"info", "appointments", "scripts", "reception", "billing", "contacto", "accueil", "noreply"} {
		for _, f := range []string{"I emailed %s@riversidefamilyclinic.org last week and nobody replied",
			"should the referral go to %s@northside-health.co.uk or the general inbox?"} {
			clean = append(clean, fmt.Sprintf(f, box))
		}
	}
	checkClean(t, clean...)
	for _, addr := range []string{"maria.lopez@gmail.com", "kwame88@yahoo.co.uk", "j.okafor@riversidefamilyclinic.org", "info.maria@gmail.com"} {
		checkCovered(t, "my email is "+addr+" thanks", addr)
	}
}
