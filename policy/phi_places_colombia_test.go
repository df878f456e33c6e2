package policy

import (
	"strings"
	"testing"
)

// Colombian nomenclature with and without a cue: type × numbers × spacing
// × tail × lead.
func TestNomenclatureStreets(t *testing.T) {
	types := []string{"cra", "cl", "calle", "carrera", "av", "tv", "diag", "kr", "cll", "Cra.", "Calle", "Avenida"}
	numbers := []string{"15 # 93-47", "45 #12-30", "68 # 24 - 10", "40a # 13-22", "7 # 45-20 sur", "100 bis # 5-12"}
	leads := []string{"", "vivo en ", "mi dirección es ", "la ambulancia a la ", "mi mama vive en la "}
	tails := []string{"", " bogotá", " apto 301", ", medellín", " porfa"}
	n, missed := 0, 0
	for i, ty := range types {
		for j, num := range numbers {
			addr := ty + " " + num
			for k, lead := range leads {
				v := lead + addr + tails[(i+j+k)%len(tails)]
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
		t.Errorf("%d of %d Colombian addresses left unmasked", missed, n)
	}
}

// "cap" before five digits is the Italian postcode's cue when the code
// opens with a zero or a town follows; as a capsule it stays a dose.
func TestItalianPostcodeCue(t *testing.T) {
	for _, code := range []string{"00185", "00100", "04011", "20121", "80142", "50123"} {
		for _, v := range []string{"cap " + code + " Roma", "CAP " + code + " Milano", "abito in via roma 12, cap " + code + " napoli",
			"il cap è " + code + " Firenze"} {
			if !addressCaught(v, code) {
				t.Errorf("postcode not masked in %q: %q", v, Detect(v).Masked)
			}
		}
		if code[0] == '0' {
			if v := "cap " + code; !addressCaught(v, code) {
				t.Errorf("postcode not masked in %q: %q", v, Detect(v).Masked)
			}
		}
	}
}

func TestNomenclatureAndCapLookalikes(t *testing.T) {
	clean := []string{
		"take 2 caps twice daily", "vit d cap 50000 iu weekly", "take 1 cap 50000 units", "1 cap 12000 daily",
		"room # 12-3", "call 12 # 3-4", "the calle 8 store is closed", "press # 1-2 for the pharmacy",
		"our score was 21 # 3-0", "cap 20000 iu once a week", "cap the bottle tightly",
	}
	for i, text := range clean {
		for _, v := range []string{text, strings.ToUpper(text[:1]) + text[1:]} {
			if d := Detect(v); len(d.Spans) > 0 {
				t.Errorf("clean %d %q masked: %q", i, v, d.Masked)
			}
		}
	}
}

// "s/n" in place of the house number: street type × name × case × tail.
func TestStreetsWithoutNumber(t *testing.T) {
	types := []string{"calle", "Calle", "avenida", "Av.", "Rua", "camino", "c/"}
	names := []string{"hidalgo", "la paz", "Morelos", "Juárez", "de la Reforma", "del Sol"}
	sn := []string{"s/n", "S/N"}
	tails := []string{"", ", col. centro, oaxaca", ", 41001 sevilla", " entre calles 3 y 5"}
	leads := []string{"", "vivo en ", "mi dirección es ", "la casa está en "}
	n, missed := 0, 0
	for i, ty := range types {
		for j, name := range names {
			for k, s := range sn {
				sep := " "
				if ty == "c/" {
					sep = ""
				}
				addr := ty + sep + name + " " + s
				v := leads[(i+j+k)%len(leads)] + addr + tails[(i+2*j+k)%len(tails)]
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
		t.Errorf("%d of %d streets without a number left unmasked", missed, n)
	}
}

func TestStreetsWithoutNumberLookalikes(t *testing.T) {
	clean := []string{
		"the s/n of the device is on the back", "his s/n is on the box", "the c/o line, the w/e plan",
		"yes/no question and/or more", "please send the s/n photo", "is it 24/7",
	}
	for i, text := range clean {
		for _, v := range []string{text, strings.ToUpper(text[:1]) + text[1:]} {
			if d := Detect(v); len(d.Spans) > 0 {
				t.Errorf("clean %d %q masked: %q", i, v, d.Masked)
			}
		}
	}
}
