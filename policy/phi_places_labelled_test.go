package policy

import "testing"

// Addresses written as a run of labelled parts are masked whole, in the
// shapes of many countries, whatever the message around them.
func TestLabelledAddressParts(t *testing.T) {
	addresses := []string{
		"bl. 12, vh. B, et. 3, ap. 45",
		"Str. Mihai Eminescu nr. 14, bl. A3, sc. 2, ap. 17, Sector 2",
		"ul. Polna 7 m. 12",
		"Jl. Melati No. 12 RT 03/RW 05, Kel. Sukajadi, Kec. Sukasari",
		"Gg. Mawar RT 4 RW 2",
		"45/12 hem 3 duong Le Van Sy, phuong 13, quan 3",
		"hẻm 3 đường Lê Văn Sỹ, phường 13, quận 3",
		"ngo 45 ngach 12 pho Hue",
		"88/5 Moo 4, Soi Sukhumvit 21, Tambon Bang Rak",
		"Purok 3, Brgy. San Isidro, Sitio Malaya",
		"Blk 4 Lot 9 Phase 2",
		"Mz. 14 Lt. 7, Col. Santa Fe",
		"Depto. 302, Torre B",
		"Plot 45 Block 7",
		"kiệt 74 Hoàng Diệu, phường Phước Ninh",
		"số 8 ngõ 193 Trung Kính",
		"gg. mawar no 5 rt 02 rw 03",
	}
	frames := []string{"my address is %s", "please deliver to %s thanks", "new address: %s", "%s, near the mosque"}
	for _, a := range addresses {
		for _, f := range frames {
			checkCovered(t, frame(f, a), a)
		}
	}
}

// One labelled part alone, or label words in other talk, are no address.
func TestLabelWordsInOtherTalk(t *testing.T) {
	checkClean(t,
		"RT 2 and PT 3 sessions this week, is that right?",
		"my kids are m 5 and f 7",
		"take 1 tablet et 2 gouttes le soir",
		"the house 3 doors down is closed",
		"row 4 seat 12 at the event",
		"floor 2, room 14 please",
		"no. 5 and no. 6 please",
		"col 3 of the form is blank",
		"Sector 7 is closed today?",
	)
}

// The postcode that ends an address line after its town is a postcode:
// "…, Cebu City 6000", "…, Jakarta Barat 11620".
func TestPostcodeAfterTheTown(t *testing.T) {
	for _, c := range []struct{ text, zip string }{
		{"Door 3, Lapu-Lapu Apartment, Sanciangko St., Brgy. Pahina Central, Cebu City 6000", "6000"},
		{"bl. 12, vh. B, et. 3, ap. 45, Sofia 1712", "1712"},
		{"88/5 Moo 4, Soi Sukhumvit 21, Chiang Mai 50210, call me", "50210"},
		{"bl. 12, vh. B, et. 3, ap. 45, Kolkata-700089", "700089"},
		{"bl. 12, vh. B, et. 3, ap. 45, Chennai - 600020", "600020"},
	} {
		checkCovered(t, c.text, c.zip)
	}
	checkClean(t, "Cebu City 6000 steps a day is my goal")
}
