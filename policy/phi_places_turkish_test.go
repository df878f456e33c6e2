package policy

import "testing"

// Turkish addresses, neighbourhood and "Mah.", street and "Sok."/"Cad.",
// "No:" and the door, the flat, then district and city, are masked whole
// in capitals or lower case, whatever the words inside read as alone
// ("cad" a heart condition, a neighbourhood named for a person); "mah"
// and "mh" in other chat stay.
func TestTurkishAddresses(t *testing.T) {
	for _, c := range []struct{ text, addr, after string }{
		{"Atatürk Mah. Gül Sok. No:12 Daire:5 Ataşehir/İstanbul", "Atatürk Mah. Gül Sok. No:12 Daire:5 Ataşehir/İstanbul", ""},
		{"Kızılay mah. 3. sok no 7/4 Çankaya Ankara", "Kızılay mah. 3. sok no 7/4 Çankaya Ankara", ""},
		{"cumhuriyet mh. ihlamur sk. no:4 d:12", "cumhuriyet mh. ihlamur sk. no:4 d:12", ""},
		{"adres Bahçelievler Mah. 7. Cad. No:22/5 Çankaya", "Bahçelievler Mah. 7. Cad. No:22/5 Çankaya", "adres"},
		{"annem Selçuklu Mah. Lale Sk. Güneş Apt. No:14 D:9 Konya, lütfen arayın", "Selçuklu Mah. Lale Sk. Güneş Apt. No:14 D:9 Konya", "lütfen arayın"},
	} {
		checkAddressWhole(t, c.text, c.addr, c.after)
	}
	checkClean(t, "mah pls call me", "the mah jong club no 5", "my mh is not good, no 3 times")
}
