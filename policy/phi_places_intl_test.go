package policy

import "testing"

// TestPlacesAndIDsAbroad pins one message for each reader of
// phi_places_intl.go, phi_ids_devices.go and phi_ids_ages.go; the
// generated variants of each live in the development corpus
// (TestPHICategories).
func TestPlacesAndIDsAbroad(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		// Street types after the name, door numbers the date reader
		// would take, postcodes beside their town.
		{"Wiedner Hauptstraße 20/3, 1040 Wien", "[ADDRESS]"},
		{"Karl Johans gate 22, 0159 Oslo", "[ADDRESS]"},
		{"keizersgracht 123 1015 cj amsterdam", "[ADDRESS]"},
		{"36 Avenue des Champs-Élysées, Paris 75008", "[ADDRESS]"},
		// Units and plots before the street, whole comma-built lines.
		{"Plot 12, Sector 5, Noida 201301", "[ADDRESS]"},
		{"Unit 4/12 George Street, Sydney NSW 2000", "[ADDRESS]"},
		{"the form is due 4/12 Friday", "the form is due [DATE] Friday"},
		{"Flat 201, Sai Apartments, MG Road, Pune", "[ADDRESS]"},
		{"Apartment 5B, 123 Rue Sainte-Catherine, Montréal, QC H3B 1A7", "[ADDRESS]"},
		// A street with no number is an address when a postcode follows.
		{"Oxford Road, Manchester M13 9PL", "[ADDRESS], [ZIP]"},
		{"my postcode is nw16xe", "my postcode is [ZIP]"},
		{"Springfield, IL 62704", "[ADDRESS] [ZIP]"},
		// Towns a person is in, from or going to; countries stay.
		{"we're staying in Lyon, France for the summer", "we're staying in [ADDRESS] for the summer"},
		{"I'm from Mexico", "I'm from Mexico"},
		// Plates, hardware addresses, far-cued record numbers.
		{"the car is AB12 CDE in the lot", "the car is [VEHICLE] in the lot"},
		{"la placa de mi carro es abc 1234", "la placa de mi carro es [VEHICLE]"},
		{"the pump shows ec-8d-9c-ee-c5-bd on the pairing screen", "the pump shows [DEVICE] on the pairing screen"},
		{"my record number at Mercy is MR-44712", "my record number at Mercy is [MRN]"},
		// A device that is treatment is clinical; one that labels a serial is not.
		{"CGM transmitter G44WK07991 stopped working", "CGM transmitter [DEVICE] stopped working"},
		// Ages over 89 in Spanish, Portuguese and French.
		{"mi bisabuelo con 96 todavía camina", "mi bisabuelo con [AGE] todavía camina"},
		{"minha avó fez 92 ontem", "minha avó fez [AGE] ontem"},
		{"il a 94 et il vit seul", "il a [AGE] et il vit seul"},
		// A reading is no age: the saturation is a vital sign, masked as one.
		{"tiene 95 de saturación", "[LAB]"},
		// What the clinic says about itself stays readable.
		{"we are at Riverbend Family Health", "we are at Riverbend Family Health"},
		{"the car park is on level 2, bay 14 is closest to the lifts", "the car park is on level 2, bay 14 is closest to the lifts"},
		{"we close at 5:30 on fridays, the garage closes at 6", "we close at 5:30 on fridays, the garage closes at 6"},
		{"the parking fee is $4 per hour, up to $12 a day", "the parking fee is $4 per hour, up to $12 a day"},
		{"order 2 tablets, room 204, building 5", "order 2 tablets, room 204, building 5"},
		{"do you need my W-2 form for the sliding scale?", "do you need my W-2 form for the sliding scale?"},
	} {
		if got := Detect(c.in).Masked; got != c.want {
			t.Errorf("Detect(%q)\n got  %q\n want %q", c.in, got, c.want)
		}
	}
}

// TestVehicleWordsAreTriggers checks that the index marks every vehicle
// word for vehicleAt, and that the plate words are among them.
func TestVehicleWordsAreTriggers(t *testing.T) {
	lx := lexiconOrPanic()
	listed := map[string]bool{}
	for _, w := range vehicleWords {
		listed[w] = true
		if _, _, tags := lx.getTagged([]byte(w)); tags.trig&trigVehicle == 0 {
			t.Errorf("%q is in vehicleWords but not marked trigVehicle", w)
		}
	}
	for _, w := range []string{"plate", "plates", "placa", "placas", "matricula", "tag", "tags", "patente", "kennzeichen",
		"immatriculation", "targa", "chapa", "registo", "numberplate", "license-plate"} {
		if !plateWord([]byte(w)) || !listed[w] {
			t.Errorf("plate word %q: plateWord %v, in vehicleWords %v", w, plateWord([]byte(w)), listed[w])
		}
	}
}

// TestUKPostcodeRules checks the Royal Mail letter rules behind
// compactPostcodes.
func TestUKPostcodeRules(t *testing.T) {
	for w, want := range map[string]bool{"nw16xe": true, "sw1a1aa": true, "m11ae": true, "ec1a1bb": true,
		"nw16xc": false, "qw16xe": false, "nj16xe": false, "a1b2c3": false, "b12ab": true, "1234ab": false} {
		if got := ukPostcode([]byte(w)); got != want {
			t.Errorf("ukPostcode(%q) = %v, want %v", w, got, want)
		}
	}
}
