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

// An address spoken with its "at" and "dot" set apart by marks typed on
// both sides, "period" for the dot, or a hyphen inside the domain, is
// masked whole.
func TestSpokenAddressesWithMarksAndHyphens(t *testing.T) {
	for _, addr := range []string{"priya_n ~at~ outlook ~dot~ com", "olu.adeyemi -at- gmail -dot- com", "k_mensah at gmail period com",
		"greg.p AT work-mail DOT co DOT uk", "ana *at* yahoo *dot* com", "tom|at|my-clinic-mail|dot|org"} {
		for _, f := range []string{"please send the form to %s thanks", "%s is the best way to reach me", "mi correo es %s"} {
			checkCovered(t, fmt.Sprintf(f, addr), addr)
		}
	}
	checkClean(t, "I work at gmail, that's why I'm late", "meet at noon - dot the i's please")
	// A verb's particle before "at" is no mailbox: the link is a link.
	for _, text := range []string{"log in at my-clinic-portal.org please", "sign up at the-health-hub.com first"} {
		for _, s := range Detect(text).Spans {
			if s.Type == SpanEmail {
				t.Errorf("%q: %q read as an e-mail address", text, text[s.Start:s.End])
			}
		}
	}
}
