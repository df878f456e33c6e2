package policy

import "testing"

// A house line that opens on an erf, a stand, a block, a plot, a quarter
// or a roadside box and its number is an address with or without commas
// when the capitalised name of its place follows ("Erf 885 Kuils River",
// "stand 4567 section B Mamelodi East"); the same words in a sentence
// stay.
func TestHouseLinesWithoutCommas(t *testing.T) {
	for _, c := range []struct{ text, addr, after string }{
		{"Erf 885 Kuils River", "Erf 885 Kuils River", ""},
		{"stand 4567 section B Mamelodi East", "stand 4567 section B Mamelodi East", ""},
		{"house 3309 Block JJ Soshanguve", "house 3309 Block JJ Soshanguve", ""},
		{"Plot 41 Kameeldrift West. pls come today", "Plot 41 Kameeldrift West", "pls come today"},
		{"Erf 2214, Ext 5, Mabopane", "Erf 2214, Ext 5, Mabopane", ""},
		{"Blk 12 Lot 8, Phase 2, Camella Homes, Bacoor, Cavite", "Blk 12 Lot 8, Phase 2, Camella Homes, Bacoor, Cavite", ""},
		{"Qr No 221, Type II, Railway Colony, Itarsi", "Qr No 221, Type II, Railway Colony, Itarsi", ""},
		{"Chak No. 45 GB, Tehsil Jaranwala, Faisalabad", "Chak No. 45 GB, Tehsil Jaranwala, Faisalabad", ""},
	} {
		checkAddressWhole(t, c.text, c.addr, c.after)
	}
	checkClean(t, "I can stand 2 minutes only", "the house 2 doors down", "my flat 3 is cold", "house 12 has a leak",
		"plot 2 Monday", "block 4 is closed?")
}
