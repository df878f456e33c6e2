package policy

import "testing"

// The function words that open English street names ("old", "new",
// "high", "north", "little") are part of the street in lower case too,
// when the street's type closes the name: "17 old kent rd", "4 new
// street". The same words before a count of things stay.
func TestStreetNamesOpeningOnFunctionWords(t *testing.T) {
	for _, c := range []struct{ text, addr, after string }{
		{"17 old kent rd please", "17 old kent rd", "please"},
		{"send it to 4 new street", "4 new street", ""},
		{"she lives at 9 high st, come quick", "9 high st", "come quick"},
		{"2 little london lane is the house", "2 little london lane", "is the house"},
		{"my address is 40 north main st", "40 north main st", ""},
	} {
		checkAddressWhole(t, c.text, c.addr, c.after)
	}
	checkClean(t, "i waited 2 long hours", "take 2 new pills a day", "I have 3 old bottles at home", "10 high fives")
}

// British, Irish and Australian street types close a street as "Road"
// does: "Marine Pde", "9 the parade", "12 the paddocks", "Lakeview Terr".
func TestCommonwealthStreetTypes(t *testing.T) {
	for _, c := range []struct{ text, addr, after string }{
		{"moving to 9 the parade next week", "9 the parade", "next week"},
		{"12 the paddocks, lucan", "12 the paddocks", ""},
		{"Address: 5/88 Marine Pde Southport", "5/88 Marine Pde", ""},
		{"she's at 71 Lakeview Terr, pls call", "71 Lakeview Terr", "pls call"},
		{"4 Harbour Quay is the flat", "4 Harbour Quay", "is the flat"},
	} {
		checkAddressWhole(t, c.text, c.addr, c.after)
	}
	checkClean(t, "my blood pressure is on the rise", "the parade is on saturday", "2 rise and shine")
}
