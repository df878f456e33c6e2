package main

import (
	"strings"
)

// Evasions a sender (or a phone keyboard) applies to an identifier. The
// labelled span covers the whole obfuscated string.

func mapDigits(s string, zero rune) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return zero + (r - '0')
		}
		return r
	}, s)
}

func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9':
			return 0xFF10 + (r - '0')
		case r == '-':
			return '－'
		case r == '(':
			return '（'
		case r == ')':
			return '）'
		}
		return r
	}, s)
}

// spaceOut puts a space between every digit.
func spaceOut(s string) string {
	var b strings.Builder
	first := true
	for _, r := range s {
		if r == ' ' {
			continue
		}
		if !first {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		first = false
	}
	return b.String()
}

// interleave puts sep between every rune.
func interleave(s, sep string) string {
	var b strings.Builder
	for i, r := range []rune(s) {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

var digitWordsEN = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
var digitWordsES = []string{"cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"}

func spellDigits(g *gen, s string, words []string) string {
	var out []string
	for _, r := range s {
		if r >= '0' && r <= '9' {
			w := words[r-'0']
			if r == '0' && words[0] == "zero" && g.r.chance(50) {
				w = "oh"
			}
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// homoglyphs swaps Latin letters for Cyrillic look-alikes.
var homoglyphs = map[rune]rune{'a': 'а', 'e': 'е', 'o': 'о', 'p': 'р', 'c': 'с', 'x': 'х', 'y': 'у', 'i': 'і',
	'A': 'А', 'E': 'Е', 'O': 'О', 'P': 'Р', 'C': 'С', 'H': 'Н', 'K': 'К', 'M': 'М', 'T': 'Т', 'B': 'В'}

func homoglyph(g *gen, s string) string {
	var b strings.Builder
	swapped := false
	for _, r := range s {
		if h, ok := homoglyphs[r]; ok && (g.r.chance(50) || !swapped) {
			b.WriteRune(h)
			swapped = true
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (g *gen) plainPhone() string {
	return pick(g.r, areaCodes) + "-" + itoa(g.r.between(201, 989)) + "-" + g.r.digits(4)
}

func evasionSlots(t map[string]filler) {
	t["ev_phone"] = func(g *gen) []seg {
		p := g.plainPhone()
		switch g.r.intn(8) {
		case 0:
			return one("PHONE", fullWidth(p))
		case 1:
			return one("PHONE", mapDigits(p, 0x0660)) // Arabic-Indic
		case 2:
			return one("PHONE", mapDigits(p, 0x0966)) // Devanagari
		case 3:
			return one("PHONE", spaceOut(strings.ReplaceAll(p, "-", "")))
		case 4:
			return one("PHONE", interleave(strings.ReplaceAll(p, "-", ""), "\u200b"))
		case 5:
			parts := strings.Split(p, "-")
			return one("PHONE", parts[0]+" 📞 "+parts[1]+" "+parts[2])
		case 6:
			return one("PHONE", mapDigits(p, 0x1D7CE)) // mathematical bold
		default:
			return one("PHONE", strings.ReplaceAll(strings.ReplaceAll(p, "0", "O"), "1", "l"))
		}
	}
	t["ev_spelled"] = func(g *gen) []seg {
		return one("PHONE", spellDigits(g, g.plainPhone(), digitWordsEN))
	}
	t["ev_spelledes"] = func(g *gen) []seg {
		return one("PHONE", spellDigits(g, g.plainPhone(), digitWordsES))
	}
	t["ev_ssn"] = func(g *gen) []seg {
		a, b, c := g.ssn()
		switch g.r.intn(4) {
		case 0:
			return one("SSN", fullWidth(a+"-"+b+"-"+c))
		case 1:
			return one("SSN", spaceOut(a+b+c))
		case 2:
			return one("SSN", a+"\u200b"+b+"\u200b"+c)
		default:
			return one("SSN", a+"."+b+"."+c)
		}
	}
	t["ev_name"] = func(g *gen) []seg {
		n := g.givenName() + " " + pick(g.r, surnames)
		switch g.r.intn(3) {
		case 0:
			return one("NAME", homoglyph(g, n))
		case 1:
			rs := []rune(n)
			k := 1 + g.r.intn(len(rs)-2)
			return one("NAME", string(rs[:k])+"\u200b"+string(rs[k:]))
		default:
			return one("NAME", homoglyph(g, strings.ToLower(n)))
		}
	}
	t["ev_dob"] = func(g *gen) []seg {
		d := g.dobText(false)
		if g.r.chance(50) {
			return one("DOB", fullWidth(d))
		}
		return one("DOB", mapDigits(d, 0x0660))
	}
	t["ev_mrn"] = func(g *gen) []seg {
		return one("MRN", spaceOut(g.r.digits(8)))
	}
}

// Outbound staff texts that tell a patient a clinical specific, spelled
// to get past a keyword filter, with no identifier in them.
var (
	obLab = []string{
		"h.i.v. test came back p0sitive", "hiv t3st was positive", "a1c is 9.4", "c.d.4 count is 350",
		"pap came back abn0rmal", "pregnancy test was +", "strep test is p o s i t i v e", "hep-c antibody was reactive",
		"std panel showed chl@mydia", "psa is up to 11.2", "biopsy showed c@ncer", "cholesterol is 262",
		"potassium is 6.1", "glucose was 310", "platelets are 48", "t.s.h. was 0.1", "gonorrhea test is positive",
	}
	obDrug = []string{
		"metfromin 500mg", "atorvastattin 40 mg", "levothyroxin 75mcg", "truvda", "Descovy", "Biktarvy",
		"suboxon 8mg", "sertaline 50mg", "lisinoprill 20 mg", "gabapentine 300", "ozempik", "eliqis 5mg",
		"Truvada", "quetiapene 100 mg", "methadone 80mg", "adderal 20 mg", "prednizone 40mg", "amlodipene 5 mg",
	}
	obCond = []string{
		"d1abetes", "c a n c e r", "h.i.v.", "depressi0n", "herpes", "bipolar disorder", "hep c", "chlamydia",
		"stage 3 kidney disease", "pre-diabetes", "h1v", "s.t.d.", "8 wks pregnant", "schizophrenia",
	}
	obPlain = []string{
		"results are normal", "biopsy was benign", "cholesterol is a bit high", "you tested negative", "x-ray showed a small fracture", "labs look fine", "mammogram was clear",
		"urine test showed an infection", "ultrasound looked normal",
	}
)

// The same in Spanish.
var (
	obLabES   = []string{"prueba de v.i.h. salió p0sitiva", "resultado de vih: positivo", "prueba de embarazo salió positiva", "azúcar salió en 310", "papanicolau salió anormal"}
	obDrugES  = []string{"metformina 850", "insulina glargina 20 unidades", "metfromina 500", "losartan de 50", "sertralina 50mg"}
	obCondES  = []string{"diabetes tipo 2", "embarazo de 8 semanas", "d1abetes", "presión alta", "depresi0n"}
	obPlainES = []string{"resultados salieron normales", "análisis salieron bien", "estudios salieron normales", "radiografía salió bien"}
)

func outboundSlots(t map[string]filler) {
	t["ob_lab_es"] = func(g *gen) []seg { return one("LAB", pick(g.r, obLabES)) }
	t["ob_drug_es"] = func(g *gen) []seg { return one("MEDICATION", pick(g.r, obDrugES)) }
	t["ob_cond_es"] = func(g *gen) []seg { return one("CONDITION", pick(g.r, obCondES)) }
	t["ob_plain_es"] = func(g *gen) []seg { return one("LAB", pick(g.r, obPlainES)) }
	t["ob_lab"] = func(g *gen) []seg { return one("LAB", pick(g.r, obLab)) }
	t["ob_drug"] = func(g *gen) []seg { return one("MEDICATION", pick(g.r, obDrug)) }
	t["ob_cond"] = func(g *gen) []seg { return one("CONDITION", pick(g.r, obCond)) }
	t["ob_plain"] = func(g *gen) []seg { return one("LAB", pick(g.r, obPlain)) }
	t["cname"] = func(g *gen) []seg { return []seg{lit(pick(g.r, clinicNames))} }
	t["caddr"] = func(g *gen) []seg { return []seg{lit(pick(g.r, clinicAddresses))} }
	t["cphone"] = func(g *gen) []seg { return []seg{lit(pick(g.r, clinicPhones))} }
	t["cweb"] = func(g *gen) []seg {
		w := pick(g.r, clinicWeb)
		return []seg{lit(pick(g.r, []string{"", "www.", "https://"}) + w)}
	}
	t["cdoc"] = func(g *gen) []seg {
		return []seg{lit(pick(g.r, []string{"Dr. Okafor", "Dr. Adaeze Okafor", "Dr. Raghunathan", "Dr. Meera Raghunathan"}))}
	}
	t["cnurse"] = func(g *gen) []seg { return []seg{lit(pick(g.r, []string{"Nurse Tomás Lindgren", "Tomás"}))} }
}
