package central

import (
	"fmt"
	"testing"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// TestSendUsesTheClinicAllowList checks, through the real endpoint, that
// the server is strict about the patient and lenient about the clinic:
// clinical specifics with no identifier are refused with the portal way
// out; the clinic's own details and generic safety advice go.
func TestSendUsesTheClinicAllowList(t *testing.T) {
	clinic := policy.ClinicProfile{
		ClinicNames: []string{"Harbor Family Clinic"},
		Addresses:   []string{"1200 Harbor Blvd, Suite 300, Springfield, IL 62704"},
		Phones:      []string{"+1 217 555 0100"},
		Web:         []string{"harborfamilyclinic.example"},
		StaffNames:  []string{"Dr. Priya Patel"},
	}
	e := newEnv(t, func(c *Config) { c.Rules.Clinic = clinic })
	e.patientWrites(patientUK, "Hello, any news?")
	desk := e.login("desk")
	id := e.threadFor(desk, patientUK)
	for i, text := range []string{
		"Dr. Patel will call you this afternoon.",
		"Call Harbor Family Clinic at (217) 555-0100 or see harborfamilyclinic.example.",
		"We are at 1200 Harbor Blvd, Suite 300.",
		"If you have chest pain, call 911 now.",
	} {
		code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: fmt.Sprint("ok-", i), Text: text})
		if code != 200 {
			t.Errorf("%q: got %d %+v, want it sent", text, code, ref)
		}
	}
	for i, text := range []string{
		"Your results are normal.",
		"you tested p0sitive",
		"your Truvada refill is ready",
		"take 2 tablets twice a day",
		"Dr. Smith will call you", // not on the clinic's staff list
	} {
		code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: fmt.Sprint("no-", i), Text: text})
		if code != 422 || ref.Rule != policy.RulePHI || !ref.OfferPortalLink {
			t.Errorf("%q: got %d %+v, want 422 phi with the portal link", text, code, ref)
		}
	}
}
