package policy

import (
	"strings"
	"testing"
)

// Capitalised words no list explains are read as a person, except where
// they name a product: a model number follows, or they are ordinary
// words of some length ("Signal Loss", "Dream Sock").
func TestProductNamesAreNoPeople(t *testing.T) {
	products := []string{"Apple Watch Series 9", "Fitbit Charge 6", "Galaxy Watch 6", "Libre Reader 2",
		"Inspire Pulse 3", "Vivo Smart 5", "Signal Loss", "Dream Sock", "Sleep Mode", "Night Light"}
	frames := []string{"can the %s share data with the clinic app?", "my %s stopped syncing last night",
		"is the %s covered by insurance?", "el %s no se conecta"}
	for _, p := range products {
		for _, f := range frames {
			text := strings.Replace(f, "%s", p, 1)
			if d := Detect(text); strings.Contains(d.Masked, "[NAME]") {
				t.Errorf("%q: a product read as a person: %s", text, d.Masked)
			}
		}
	}
}

// People the same reader finds keep their mask with a number after the
// name: an age, a date, a time.
func TestPeopleBeforeNumbersStayPeople(t *testing.T) {
	for _, text := range []string{
		"my son Tadeo Quispe 9 years old needs a school form",
		"appointment for Tadeo Quispe 3 pm tomorrow",
		"Tadeo Quispe 14/02/1950 file 448120",
		"Tadeo Quispe 3:30 is fine",
		"Nana Ama says thank you for the visit",
	} {
		if d := Detect(text); !strings.Contains(d.Masked, "[NAME]") {
			t.Errorf("%q: the person is not masked: %s", text, d.Masked)
		}
	}
}
