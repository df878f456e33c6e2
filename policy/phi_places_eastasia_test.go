package policy

import (
	"strings"
	"testing"
)

// Japanese and Korean addresses in Latin letters: house numbers ×
// divisions × towns × leads.
func TestEastAsianDivisions(t *testing.T) {
	addrs := []string{
		"2-11-3 shibuya, shibuya-ku", "1-chome 4-5 nishi-shinjuku", "3 chome-8-1 marunouchi", "2-chome-5-10 umeda kita-ku",
		"123-45 gangnam-gu", "mapo-gu hapjeong-dong 411-2", "seocho-gu banpo-dong 19-3", "45 teheran-ro, gangnam-gu",
		"haeundae-gu u-dong 1408", "5-2-1 ginza chuo-ku", "naka-ku 3-4-7", "suwon-si paldal-gu 112-3", "12 sejong-daero 23-gil",
	}
	towns := []string{"", ", tokyo", " seoul", ", osaka 530-0001", " busan"}
	leads := []string{"", "my address in japan is ", "we live at ", "hotel is at ", "send it to ", "My halmoni lives at "}
	n, missed := 0, 0
	for i, a := range addrs {
		for j, town := range towns {
			v := leads[(i+j)%len(leads)] + a + town
			n++
			if !addressCaught(v, a) {
				missed++
				if missed <= 10 {
					t.Errorf("address not masked in %q: %q", v, Detect(v).Masked)
				}
			}
		}
	}
	if missed > 0 {
		t.Errorf("%d of %d East Asian addresses left unmasked", missed, n)
	}
}

func TestEastAsianDivisionLookalikes(t *testing.T) {
	clean := []string{
		"i need a follow-up and a check-in", "the x-ray at 3-4 pm", "pick-up at 2, drop-off at 5", "sign-in sheet 2-3",
		"she is so-so today", "walk-in hours 9-5", "the re-do is on monday", "my t-shirt size", "come 2-3 days later",
		"the kimchi-gu soup was good", "is the drive-thru open", "bring the co-pay, 20-30 dollars",
		"he's a pro-ro fan", "I take 1-2 tabs", "follow up in 4-6 weeks",
	}
	for i, text := range clean {
		for _, v := range []string{text, strings.ToUpper(text[:1]) + text[1:]} {
			if d := Detect(v); len(d.Spans) > 0 {
				t.Errorf("clean %d %q masked: %q", i, v, d.Masked)
			}
		}
	}
}
