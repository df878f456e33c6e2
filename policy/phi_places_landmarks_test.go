package policy

import (
	"strings"
	"testing"
)

// Landmarks after the house number, street names opening with "the" and
// roads named by two letters: each house × landmark × place × cue × case.
func TestAddressLandmarksAfterHouseNumber(t *testing.T) {
	houses := []string{"house no 45", "plot 22", "flat 9", "h no 12", "no 14", "shop no 3"}
	landmarks := []string{"behind hanuman mandir", "opp reliance mart", "near shiv mandir", "off allen avenue",
		"behind govt school", "opposite bus stand", "beside axis bank", "above bata showroom"}
	tails := []string{"gandhi nagar, jaipur", "wuse 2, abuja", "sector 21, noida", "ikeja, lagos"}
	cues := []string{"my address is ", "address: ", "i live at ", "we moved to "}
	n, missed := 0, 0
	for _, h := range houses {
		for _, l := range landmarks {
			for ti, tail := range tails {
				cue := cues[(len(h)+len(l)+ti)%len(cues)]
				addr := h + " " + l + ", " + tail
				for _, v := range []string{cue + addr, strings.ToUpper(cue[:1]) + cue[1:] + addr} {
					n++
					if !addressCaught(v, addr) {
						missed++
						if missed <= 10 {
							t.Errorf("address not masked in %q: %q", v, Detect(v).Masked)
						}
					}
				}
			}
		}
	}
	if missed > 0 {
		t.Errorf("%d of %d addresses with a landmark left unmasked", missed, n)
	}
}

func TestStreetNamesOpeningWithThe(t *testing.T) {
	numbers := []string{"3", "7", "12", "45", "118", "9a"}
	streets := []string{"the crescent", "the avenue", "the drive", "the close", "the lane", "the boulevard", "the terrace", "the square"}
	towns := []string{", bristol", ", hove", " in leeds", ", london n10 2qg"}
	leads := []string{"", "my address is ", "we moved to ", "send it to "}
	n, missed := 0, 0
	for i, num := range numbers {
		for j, st := range streets {
			for k, town := range towns {
				addr := num + " " + st
				v := leads[(i+j+k)%len(leads)] + addr + town
				n++
				if !addressCaught(v, addr) {
					missed++
					if missed <= 10 {
						t.Errorf("street not masked in %q: %q", v, Detect(v).Masked)
					}
				}
			}
		}
	}
	if missed > 0 {
		t.Errorf("%d of %d streets opening with \"the\" left unmasked", missed, n)
	}
}

func TestRoadsNamedByTwoLetters(t *testing.T) {
	for _, num := range []string{"23", "5", "140", "7b"} {
		for _, road := range []string{"mg road", "mg rd", "MG Road", "ml road", "cm street"} {
			for _, tail := range []string{" bangalore", ", pune", " near the metro", ""} {
				addr := num + " " + road
				v := "we are at " + addr + tail
				if !addressCaught(v, addr) {
					t.Errorf("road not masked in %q: %q", v, Detect(v).Masked)
				}
			}
		}
	}
}

// Clean look-alikes: landmarks, "the" before a street word, doses in mg,
// chat digits for "to" and "for".
func TestAddressLandmarkLookalikes(t *testing.T) {
	clean := []string{
		"take 2 caps twice daily", "near the pharmacy", "the crescent moon was lovely", "sector 4 of the form",
		"is there parking near the entrance", "go 2 the park after lunch", "thanks 4 the drive home",
		"i take 20 mg daily", "he took 500 mg in the morning", "the clinic is behind the bank",
		"we parked opposite the main gate", "room 4 is above the pharmacy", "turn left off the main road",
		"wait 5 min near the lift", "is the avenue entrance open", "I'll be there at 3, the drive is long",
		"page 2 near the bottom", "the lane behind the clinic is closed", "2 the left of reception",
	}
	for i, text := range clean {
		for _, v := range []string{text, strings.ToUpper(text[:1]) + text[1:]} {
			if d := Detect(v); len(d.Spans) > 0 {
				t.Errorf("clean %d %q masked: %q", i, v, d.Masked)
			}
		}
	}
}

// Lines that open on the house with no cue: head × landmark part × tail ×
// what comes before.
func TestHouseLinesWithoutCue(t *testing.T) {
	heads := []string{"h no 12", "hse no 45", "house 7", "plot 22", "shop no 3", "flat 302", "h.no 8", "villa 9"}
	middles := []string{"near sbi bank, sector 4", "opp total filling station, ikorodu road", "agbogba junction, near the church",
		"behind govt school, ward no 7", "off aminu kano crescent, wuse 2"}
	// Each line names at least one word no dictionary lists; a line of
	// dictionary words only ("…, behind govt school, ward no 7, lagos") is
	// left, as "shop 2, aisle 3, near the tills" must stay.
	tails := []string{"gurgaon", "ikeja", "accra", "jaipur"}
	before := []string{"", "pls send the ambulance to ", "we are at ", "come to "}
	n, missed := 0, 0
	for i, h := range heads {
		for j, m := range middles {
			for k, tail := range tails {
				addr := h + ", " + m + ", " + tail
				v := before[(i+j+k)%len(before)] + addr
				n++
				if !addressCaught(v, addr) {
					missed++
					if missed <= 10 {
						t.Errorf("address not masked in %q: %q", v, Detect(v).Masked)
					}
				}
			}
		}
	}
	if missed > 0 {
		t.Errorf("%d of %d uncued house lines left unmasked", missed, n)
	}
}

func TestHouseLinesLookalikes(t *testing.T) {
	clean := []string{
		"the house 2, the car, the dog", "flat 3, second floor, thanks", "shop 4, 2 items, done",
		"my flat 3, second floor, near the lift", "house 4, the blue one, near the church", "villa 3, pool side, room 4",
		"flat 1, floor 2, room 3, bed 4", "shop 2, aisle 3, near the tills",
	}
	for i, text := range clean {
		for _, v := range []string{text, strings.ToUpper(text[:1]) + text[1:]} {
			if d := Detect(v); len(d.Spans) > 0 {
				t.Errorf("clean %d %q masked: %q", i, v, d.Masked)
			}
		}
	}
}

// A unit and house number joined by a slash, which the date reader takes,
// before a street with its type: numbers × streets × leads × tails.
func TestSlashedHouseNumbers(t *testing.T) {
	numbers := []string{"4/18", "7/2", "12/3", "2/45", "10/1/3"}
	streets := []string{"smith st", "elm road", "Park Avenue", "george street", "bay rd"}
	leads := []string{"", "unit ", "we live at ", "my address is unit ", "send it to "}
	tails := []string{"", ", fitzroy vic 3065", " in sydney", ", pune"}
	n, missed := 0, 0
	for i, num := range numbers {
		for j, st := range streets {
			addr := num + " " + st
			v := leads[(i+j)%len(leads)] + addr + tails[(i+2*j)%len(tails)]
			n++
			if !addressCaught(v, addr) {
				missed++
				if missed <= 10 {
					t.Errorf("address not masked in %q: %q", v, Detect(v).Masked)
				}
			}
		}
	}
	if missed > 0 {
		t.Errorf("%d of %d slashed house numbers left unmasked", missed, n)
	}
	// A date before a sentence stays a date, not a house.
	for _, v := range []string{"on 4/18 we went to the clinic", "appt on 3/14 at the clinic", "the 5/6 visit was fine", "seen 12/3 by dr"} {
		for _, s := range Detect(v).Spans {
			if s.Type == SpanAddress {
				t.Errorf("date read as an address in %q: %q", v, Detect(v).Masked)
			}
		}
	}
}
