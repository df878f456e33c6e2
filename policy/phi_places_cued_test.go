package policy

import (
	"strings"
	"testing"
)

// cuedLineCues are the ways a patient announces an address; each is
// tried with each line below, as written and in lower case.
var cuedLineCues = []string{
	"my address is %s",
	"My address is: %s",
	"address: %s",
	"home address - %s",
	"I live at %s",
	"she lives at %s",
	"my mum lives in %s",
	"we moved to %s",
	"send it to %s please",
	"mi dirección es %s",
	"vivo en %s",
}

// cuedLines are address lines in the orders of many countries, each
// opening with a house number or code, a unit word or a street type.
var cuedLines = []string{
	"45, 2nd Cross, Indiranagar, Bangalore 560038",
	"B-12, Sector 15, Noida, UP 201301",
	"C-45, Lajpat Nagar-2, New Delhi-110024",
	"Flat 302, Lakeview Apartments, Andheri East, Mumbai - 400069",
	"1-2-3 Shibuya, Shibuya-ku, Tokyo 150-0002",
	"5-3-1 Ginza, Chuo-ku, Tokyo",
	"123 Teheran-ro, Gangnam-gu, Seoul 06234",
	"45 Sejong-daero, Jung-gu, Seoul",
	"Cra 15 No. 88-64, Chapinero, Bogota",
	"Cl 80 # 10-43, Barrio La Soledad, Bogotá",
	"Calle Hidalgo 45, Col. Centro, Guadalajara, Jal. 44100",
	"Blk 5 Lot 12, Phase 2, Greenwoods Subd, Pasig City",
	"Apartment 4, The Granary, Dublin 8",
	"No 4 Okafor Close, off Ada George Road, Port Harcourt",
	"Room 1201, Building 3, 18 Jianguo Road, Chaoyang District, Beijing",
	"12 Main Street, Ballina, Co. Mayo",
	"Plot 7, Kira Road, Kamwokya, Kampala",
}

// TestCuedAddressLines checks each line after each cue is masked whole.
func TestCuedAddressLines(t *testing.T) {
	for _, cue := range cuedLineCues {
		for _, line := range cuedLines {
			for _, l := range []string{line, strings.ToLower(line)} {
				msg := strings.Replace(cue, "%s", l, 1)
				// The line is one address; a postcode in it may keep its
				// own type ("[ADDRESS] [ZIP]").
				got := Detect(msg).Masked
				pre, post, _ := strings.Cut(cue, "%s")
				mid, ok := strings.CutPrefix(got, pre)
				if ok {
					mid, ok = strings.CutSuffix(mid, post)
				}
				if rest := strings.Trim(strings.NewReplacer("[ADDRESS]", "", "[ZIP]", "").Replace(mid), " ,-"); !ok || rest != "" || mid == "" {
					t.Errorf("Detect(%q)\n got  %q\n want the line masked whole", msg, got)
				}
			}
		}
	}
}

// TestCuedAddressLinesLookAlikes keeps what follows a cue readable when it
// is no address: sentences, clinic wayfinding, the clinic's own address,
// times, doses, counts.
func TestCuedAddressLinesLookAlikes(t *testing.T) {
	for _, msg := range []string{
		"my address is the same, nothing changed",
		"my address is still the same as last year, 3 years now",
		"my address is on file, thanks, see you at 3",
		"my address changed, can you update it? it's on the form from 3 weeks ago",
		"I live at home, 2 kids and a dog",
		"i live at the shelter, bed 12, until friday",
		"i live at 5 minutes from you, 2 blocks away",
		"he lives at home, takes 2 tablets, 500mg, twice a day",
		"she lives in fear, 2 times a week she calls",
		"i moved to the 2nd floor, room 4 is mine now",
		"our address is 2nd floor, suite 300, east wing",
		"send it to my email, 2 copies please",
		"send it to me, I need 2, thanks",
		"we moved to 2 doses a day, then 3, per the doctor",
		"address: 2nd floor, suite 300 is the lab, room 12 is x-ray",
		"I'm at 2nd floor, room 305, by the lifts",
		"we are at 120/80, 95 pulse, feeling ok",
		"I'm at 5, 6 tomorrow",
		"it's at 3, 4 pm at the latest",
		"she's at 38.5, 39 last night",
		"send it to 2 people, 3 if needed",
		"the lab is at 2nd floor, suite 300, east wing",
		"I am at 50 units, 10 at night",
		"we're at 3 kids now, 2 in school",
		"I'm at 7, 8 on a bad day, maybe 9",
		"we are at 140/90, 88 bpm, 97 sats",
	} {
		if got := Detect(msg).Masked; got != msg {
			t.Errorf("Detect(%q)\n got  %q\n want it unchanged", msg, got)
		}
	}
}
