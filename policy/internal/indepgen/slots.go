package main

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// slots maps a template's {slot} to the piece that fills it. Upper-case
// labels mark identifiers and clinical content; an empty label is filler
// that must never be masked (times, prices, weekdays, emoji).
var slots = map[string]slotFunc{
	// names
	"first":     lab("NAME", givenName),
	"full":      lab("NAME", fullName),
	"mid":       lab("NAME", middleInitialName),
	"lastfirst": lab("NAME", lastFirst),
	"wordname":  lab("NAME", func(r *rand.Rand, _ string) string { return pick(r, givenWords) + maybeSurname(r, 0.5) }),
	"hyphname":  lab("NAME", func(r *rand.Rand, _ string) string { return pick(r, givenHyphen) + maybeSurname(r, 0.6) }),
	"rarename":  lab("NAME", func(r *rand.Rand, _ string) string { return pick(r, givenRare) + maybeSurname(r, 0.6) }),
	"lowername": lab("NAME", func(r *rand.Rand, l string) string { return strings.ToLower(fullName(r, l)) }),
	"surname":   lab("NAME", func(r *rand.Rand, _ string) string { return pick(r, surnames) }),
	"kin":       plain(func(r *rand.Rand, l string) string { return pick(r, langPick(l, kinEN, kinES)) }),
	// ages and dates
	"age90":  lab("AGE", age90),
	"date":   lab("DATE", dateAny),
	"dob":    lab("DOB", dateDOB),
	"ordate": lab("DATE", ordinalDate),
	"spdate": lab("DOB", spelledDate),
	// contacts
	"phone":  lab("PHONE", phoneAny),
	"intl":   lab("PHONE", phoneIntl),
	"fax":    lab("FAX", phoneUS),
	"email":  lab("EMAIL", email),
	"url":    lab("URL", url),
	"ip":     lab("IP", ip),
	"addr":   lab("ADDRESS", addressUS),
	"fgaddr": lab("ADDRESS", addressForeign),
	"zip":    lab("ZIP", zipAny),
	// numbers
	"ssn":     lab("SSN", ssn),
	"mrn":     lab("MRN", mrn),
	"member":  lab("MEMBER_ID", memberID),
	"account": lab("ACCOUNT", account),
	"license": lab("LICENSE", license),
	"plate":   lab("VEHICLE", plate),
	"vin":     lab("VEHICLE", vin),
	"device":  lab("DEVICE", device),
	"card":    lab("CARD", card),
	// clinical
	"med":     lab("MEDICATION", medStatement),
	"drug":    lab("MEDICATION", func(r *rand.Rand, _ string) string { return pick(r, drugs).name }),
	"cond":    lab("CONDITION", condition),
	"lab":     lab("LAB", labResult),
	"symptom": lab("SYMPTOM", func(r *rand.Rand, l string) string { return pick(r, langPick(l, symptomsEN, symptomsES)) }),
	"visit":   lab("CONDITION", func(r *rand.Rand, l string) string { return pick(r, langPick(l, visitsEN, visitsES)) }),
	"preg":    lab("CONDITION", func(r *rand.Rand, l string) string { return pick(r, langPick(l, pregnancyEN, pregnancyES)) }),
	// filler that is not PHI
	"time":    plain(func(r *rand.Rand, _ string) string { return pick(r, timesOfDay) }),
	"weekday": plain(func(r *rand.Rand, l string) string { return pick(r, langPick(l, weekdaysEN, weekdaysES)) }),
	"price": plain(func(r *rand.Rand, _ string) string {
		return pick(r, []string{"$25", "$40", "$15.00", "$120", "$7.50", "$300"})
	}),
	"room":    plain(func(r *rand.Rand, _ string) string { return strconv.Itoa(100 + r.IntN(400)) }),
	"count":   plain(func(r *rand.Rand, _ string) string { return strconv.Itoa(2 + r.IntN(10)) }),
	"young":   plain(func(r *rand.Rand, _ string) string { return strconv.Itoa(1 + r.IntN(17)) }),
	"adult":   plain(func(r *rand.Rand, _ string) string { return strconv.Itoa(18 + r.IntN(72)) }),
	"imaging": plain(func(r *rand.Rand, l string) string { return pick(r, langPick(l, imagingEN, imagingES)) }),
	"insurer": plain(func(r *rand.Rand, _ string) string { return pick(r, insurers) }),
	"emoji":   plain(func(r *rand.Rand, _ string) string { return pick(r, emoji) }),
	"lorem":   plain(func(r *rand.Rand, _ string) string { return pick(r, lorem) }),
	"clinic":  plain(func(r *rand.Rand, _ string) string { return pick(r, clinic.ClinicNames) }),
	"dose": plain(func(r *rand.Rand, _ string) string {
		return pick(r, []string{"500 mg", "2 tabs", "10 ml", "1/2 tab", "3/4 tab"})
	}),
	"pain": plain(func(r *rand.Rand, _ string) string { return fmt.Sprintf("%d/10", 1+r.IntN(10)) }),
}

func lab(typ string, f func(*rand.Rand, string) string) slotFunc {
	return func(r *rand.Rand, lang string) segment { return segment{text: f(r, lang), typ: typ} }
}

func plain(f func(*rand.Rand, string) string) slotFunc {
	return func(r *rand.Rand, lang string) segment { return segment{text: f(r, lang)} }
}

func langPick[T any](lang string, en, es T) T {
	if lang == "es" {
		return es
	}
	return en
}

// ---- names

func givenName(r *rand.Rand, _ string) string {
	switch n := r.IntN(10); {
	case n < 6:
		return pick(r, givenCommon)
	case n < 8:
		return pick(r, givenRare)
	case n < 9:
		return pick(r, givenWords)
	default:
		return pick(r, givenHyphen)
	}
}

func maybeSurname(r *rand.Rand, p float64) string {
	if chance(r, p) {
		return " " + pick(r, surnames)
	}
	return ""
}

func fullName(r *rand.Rand, lang string) string {
	g := givenName(r, lang)
	if lang == "es" && chance(r, 0.4) {
		// Two family names, and sometimes a compound given name.
		if chance(r, 0.3) {
			g += " " + pick(r, []string{"José", "María", "Guadalupe", "de Jesús", "Luisa", "Fernanda", "Antonio"})
		}
		return g + " " + pick(r, surnames) + " " + pick(r, surnames)
	}
	return g + " " + pick(r, surnames)
}

func middleInitialName(r *rand.Rand, lang string) string {
	dot := pick(r, []string{".", ".", ""})
	return givenName(r, lang) + " " + pick(r, middleInitials) + dot + " " + pick(r, surnames)
}

func lastFirst(r *rand.Rand, lang string) string {
	s := pick(r, surnames) + ", " + givenName(r, lang)
	if chance(r, 0.3) {
		s += " " + pick(r, middleInitials) + "."
	}
	return s
}

// ---- ages over 89 (Safe Harbor item C); younger ages are not identifiers

func age90(r *rand.Rand, lang string) string {
	n := 90 + r.IntN(15)
	if chance(r, 0.15) {
		return spellNumber(n, lang)
	}
	return strconv.Itoa(n)
}

func spellNumber(n int, lang string) string {
	if lang == "es" {
		es := map[int]string{90: "noventa", 100: "cien", 101: "ciento uno", 102: "ciento dos", 103: "ciento tres", 104: "ciento cuatro"}
		if s, ok := es[n]; ok {
			return s
		}
		if n > 90 && n < 100 {
			return "noventa y " + unitsES[n-90]
		}
	}
	if n >= 100 {
		if n == 100 {
			return "a hundred"
		}
		return "a hundred and " + unitsEN[n-100]
	}
	if n%10 == 0 {
		return tensEN[n/10]
	}
	return tensEN[n/10] + "-" + unitsEN[n%10]
}

// ---- dates

type ymd struct{ y, m, d int }

func randDate(r *rand.Rand, from, to int) ymd {
	return ymd{from + r.IntN(to-from+1), 1 + r.IntN(12), 1 + r.IntN(28)}
}

func ordSuffix(d int) string {
	if d >= 11 && d <= 13 {
		return "th"
	}
	switch d % 10 {
	case 1:
		return "st"
	case 2:
		return "nd"
	case 3:
		return "rd"
	}
	return "th"
}

func formatDate(r *rand.Rand, t ymd, lang string) string {
	if lang == "es" {
		switch r.IntN(7) {
		case 0:
			return fmt.Sprintf("%d de %s", t.d, monthsES[t.m-1])
		case 1:
			return fmt.Sprintf("%d de %s de %d", t.d, monthsES[t.m-1], t.y)
		case 2:
			return fmt.Sprintf("%d/%d/%d", t.d, t.m, t.y)
		case 3:
			return fmt.Sprintf("%02d/%02d/%02d", t.d, t.m, t.y%100)
		case 4:
			return fmt.Sprintf("%d-%d-%d", t.d, t.m, t.y)
		case 5:
			return fmt.Sprintf("%s %d", monthsES[t.m-1], t.d)
		default:
			return fmt.Sprintf("%d %s %d", t.d, monthsES[t.m-1], t.y)
		}
	}
	switch r.IntN(11) {
	case 0:
		return fmt.Sprintf("%d/%d/%d", t.m, t.d, t.y)
	case 1:
		return fmt.Sprintf("%02d/%02d/%02d", t.m, t.d, t.y%100)
	case 2:
		return fmt.Sprintf("%d-%02d-%02d", t.y, t.m, t.d)
	case 3:
		return fmt.Sprintf("%s %d%s", monthsEN[t.m-1], t.d, ordSuffix(t.d))
	case 4:
		return fmt.Sprintf("%s %d, %d", monthsEN[t.m-1], t.d, t.y)
	case 5:
		return fmt.Sprintf("%s. %d", monthsENShort[t.m-1], t.d)
	case 6:
		return fmt.Sprintf("%d %s %d", t.d, monthsEN[t.m-1], t.y)
	case 7:
		return fmt.Sprintf("%d.%d.%d", t.m, t.d, t.y)
	case 8:
		return fmt.Sprintf("%d-%d", t.m, t.d)
	case 9:
		return fmt.Sprintf("%s %d", strings.ToLower(monthsENShort[t.m-1]), t.d)
	default:
		return fmt.Sprintf("%d%s of %s", t.d, ordSuffix(t.d), monthsEN[t.m-1])
	}
}

func dateAny(r *rand.Rand, lang string) string { return formatDate(r, randDate(r, 2024, 2027), lang) }

func dateDOB(r *rand.Rand, lang string) string {
	t := randDate(r, 1931, 2024)
	if lang == "en" && chance(r, 0.5) {
		return fmt.Sprintf("%d/%d/%d", t.m, t.d, t.y)
	}
	if lang == "es" && chance(r, 0.4) {
		return fmt.Sprintf("%d/%02d/%d", t.d, t.m, t.y)
	}
	return formatDate(r, t, lang)
}

// ordinalDate writes a date with an article: "the 16th of April",
// "el 3 de mayo".
func ordinalDate(r *rand.Rand, lang string) string {
	t := randDate(r, 2024, 2027)
	if lang == "es" {
		return pick(r, []string{"el ", "el día "}) + fmt.Sprintf("%d de %s", t.d, monthsES[t.m-1])
	}
	switch r.IntN(3) {
	case 0:
		return fmt.Sprintf("the %d%s of %s", t.d, ordSuffix(t.d), monthsEN[t.m-1])
	case 1:
		return fmt.Sprintf("the %s of %s", ordinalWordsEN[t.d], monthsEN[t.m-1])
	default:
		return fmt.Sprintf("%s the %d%s", monthsEN[t.m-1], t.d, ordSuffix(t.d))
	}
}

// spelledDate writes the whole date in words, as voice-to-text does:
// "fourteenth of March nineteen sixty-two".
func spelledDate(r *rand.Rand, lang string) string {
	t := randDate(r, 1931, 1999)
	if lang == "es" {
		return fmt.Sprintf("%s de %s de mil novecientos %s", spellES(t.d), monthsES[t.m-1], spellES(t.y%100))
	}
	yy := t.y % 100
	year := "nineteen " + spellEN(yy)
	if yy < 10 {
		year = "nineteen oh " + unitsEN[yy]
	}
	if chance(r, 0.5) {
		return fmt.Sprintf("%s of %s %s", ordinalWordsEN[t.d], monthsEN[t.m-1], year)
	}
	return fmt.Sprintf("%s %s %s", monthsEN[t.m-1], ordinalWordsEN[t.d], year)
}

func spellEN(n int) string {
	switch {
	case n < 10:
		return unitsEN[n]
	case n < 20:
		return teensEN[n-10]
	case n%10 == 0:
		return tensEN[n/10]
	}
	return tensEN[n/10] + "-" + unitsEN[n%10]
}

func spellES(n int) string {
	small := []string{"cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce", "trece",
		"catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve", "veinte", "veintiuno", "veintidós", "veintitrés",
		"veinticuatro", "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve"}
	if n < 30 {
		return small[n]
	}
	tens := []string{"", "", "", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"}
	if n%10 == 0 {
		return tens[n/10]
	}
	return tens[n/10] + " y " + unitsES[n%10]
}

// ---- contacts

func digits(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	return string(b)
}

func phoneUS(r *rand.Rand, _ string) string {
	area := strconv.Itoa(2+r.IntN(8)) + digits(r, 2)
	ex := strconv.Itoa(2+r.IntN(8)) + digits(r, 2)
	line := digits(r, 4)
	switch r.IntN(8) {
	case 0:
		return fmt.Sprintf("(%s) %s-%s", area, ex, line)
	case 1:
		return area + ex + line
	case 2:
		return fmt.Sprintf("%s.%s.%s", area, ex, line)
	case 3:
		return fmt.Sprintf("+1 %s %s %s", area, ex, line)
	case 4:
		return fmt.Sprintf("1-%s-%s-%s", area, ex, line)
	case 5:
		return fmt.Sprintf("%s %s %s", area, ex, line)
	case 6:
		return fmt.Sprintf("(%s)%s%s", area, ex, line)
	default:
		return fmt.Sprintf("%s-%s-%s", area, ex, line)
	}
}

func phoneIntl(r *rand.Rand, _ string) string {
	switch r.IntN(8) {
	case 0:
		return "+52 " + digits(r, 2) + " " + digits(r, 4) + " " + digits(r, 4)
	case 1:
		return "+52 1 " + digits(r, 3) + " " + digits(r, 3) + " " + digits(r, 4)
	case 2:
		return "+44 7" + digits(r, 3) + " " + digits(r, 6)
	case 3:
		return "+34 6" + digits(r, 2) + " " + digits(r, 3) + " " + digits(r, 3)
	case 4:
		return "+31 6 " + digits(r, 8)
	case 5:
		return "+49 15" + digits(r, 1) + " " + digits(r, 8)
	case 6:
		return "+502 " + digits(r, 4) + "-" + digits(r, 4)
	default:
		return "+63 9" + digits(r, 2) + " " + digits(r, 3) + " " + digits(r, 4)
	}
}

func phoneAny(r *rand.Rand, lang string) string {
	if chance(r, 0.2) {
		return phoneIntl(r, lang)
	}
	return phoneUS(r, lang)
}

func asciiFold(s string) string {
	rep := strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ñ", "n", "ü", "u", "ś", "s", "ł", "l", "ę", "e",
		"Á", "a", "É", "e", "ũ", "u", "í", "i", "è", "e", "ç", "c", "'", "", " ", "", ".", "")
	return rep.Replace(strings.ToLower(s))
}

func email(r *rand.Rand, _ string) string {
	g := asciiFold(pick(r, givenCommon))
	s := asciiFold(pick(r, surnames))
	var user string
	switch r.IntN(5) {
	case 0:
		user = g + "." + s
	case 1:
		user = g + s + strconv.Itoa(r.IntN(99))
	case 2:
		user = g[:1] + s + strconv.Itoa(1950+r.IntN(60))
	case 3:
		user = g + "_" + s[:min(len(s), 3)] + digits(r, 2)
	default:
		user = pick(r, []string{"mama", "princesa", "bigpapi", "lacatrina", "sunshine", "gymrat", "chivas", "bulls"}) + "_" + g + digits(r, 3)
	}
	return user + "@" + pick(r, emailDomains)
}

func url(r *rand.Rand, _ string) string {
	g := asciiFold(pick(r, givenCommon))
	s := asciiFold(pick(r, surnames))
	switch r.IntN(7) {
	case 0:
		return "https://www.facebook.com/" + g + "." + s + "." + digits(r, 2)
	case 1:
		return "https://gofund.me/" + digits(r, 8) + "-help-" + g + "-with-chemo"
	case 2:
		return "instagram.com/" + g + "_" + s
	case 3:
		return "https://drive.google.com/file/d/1" + digits(r, 6) + "xQ" + digits(r, 4) + "/view?usp=sharing"
	case 4:
		return "http://mychart-portal.net/patient?id=" + digits(r, 7) + "&name=" + g
	case 5:
		return "www.linkedin.com/in/" + g + "-" + s + "-" + digits(r, 4)
	default:
		return "https://tiktok.com/@" + g + s + digits(r, 2)
	}
}

func ip(r *rand.Rand, _ string) string {
	switch r.IntN(4) {
	case 0:
		return fmt.Sprintf("192.168.%d.%d", r.IntN(255), 1+r.IntN(254))
	case 1:
		return fmt.Sprintf("%d.%d.%d.%d", 24+r.IntN(180), r.IntN(256), r.IntN(256), 1+r.IntN(254))
	case 2:
		return fmt.Sprintf("10.%d.%d.%d", r.IntN(256), r.IntN(256), 1+r.IntN(254))
	default:
		return fmt.Sprintf("2601:%x:%x:%x::%x", r.IntN(0xffff), r.IntN(0xffff), r.IntN(0xffff), 1+r.IntN(0xfff))
	}
}

func addressUS(r *rand.Rand, lang string) string {
	n := strconv.Itoa(10 + r.IntN(9000))
	st := pick(r, streetsUS)
	switch r.IntN(5) {
	case 0:
		return n + " " + st
	case 1:
		return n + " " + st + " apt " + strconv.Itoa(1+r.IntN(30)) + pick(r, []string{"", "B", "F"})
	case 2:
		return n + " " + st + ", " + pick(r, citiesUS) + " " + zipUS(r)
	case 3:
		return strings.ToLower(n + " " + st + " unit " + strconv.Itoa(1+r.IntN(400)))
	default:
		if lang == "es" {
			return n + " " + st + " departamento " + strconv.Itoa(1+r.IntN(30))
		}
		return "PO Box " + digits(r, 4) + ", " + pick(r, citiesUS) + " " + zipUS(r)
	}
}

func zipUS(r *rand.Rand) string {
	z := strconv.Itoa(1+r.IntN(9)) + digits(r, 4)
	if chance(r, 0.2) {
		z += "-" + digits(r, 4)
	}
	return z
}

var ukPostcodes = []string{"SW1A 1AA", "E1 6AN", "M14 5TQ", "B15 2TT", "LS6 3HN", "G12 8QQ", "CF10 3AT", "NW3 2QG", "W2 5DX", "EH8 9YL"}
var caPostcodes = []string{"M5V 2T6", "H2X 3K8", "V6B 1A1", "T2P 0L4", "K1A 0B1", "R3C 4T3", "B3H 1Z9"}

func addressForeign(r *rand.Rand, _ string) string {
	n := strconv.Itoa(1 + r.IntN(250))
	switch r.IntN(8) {
	case 0:
		return n + " " + pick(r, []string{"Harrow Road", "Kingsland High St", "Wilmslow Rd", "Leith Walk", "Cowley Road"}) + ", " + pick(r, []string{"London", "Manchester", "Oxford", "Edinburgh"}) + " " + pick(r, ukPostcodes)
	case 1:
		return n + " " + pick(r, []string{"rue Saint-Denis", "Queen St W", "boul. Saint-Laurent", "Granville St"}) + ", " + pick(r, []string{"Montréal QC", "Toronto ON", "Vancouver BC"}) + " " + pick(r, caPostcodes)
	case 2:
		return "Av. " + pick(r, []string{"Insurgentes Sur", "Revolución", "Juárez", "Vallarta", "Constitución"}) + " " + n + ", Col. " + pick(r, []string{"Roma Norte", "Del Valle", "Centro", "Americana", "Obrera"}) + ", " + fmt.Sprintf("%05d", 1000+r.IntN(90000)) + " " + pick(r, []string{"CDMX", "Guadalajara, Jal.", "Monterrey, N.L.", "Puebla, Pue."})
	case 3:
		return pick(r, []string{"Calle Hidalgo", "Calle 5 de Mayo", "Privada Los Pinos", "Callejón del Beso"}) + " #" + n + " Col. " + pick(r, []string{"San Rafael", "Las Flores", "El Carmen"}) + " C.P. " + fmt.Sprintf("%05d", 20000+r.IntN(70000))
	case 4:
		return pick(r, []string{"Keizersgracht", "Damrak", "Oudegracht", "Coolsingel"}) + " " + n + ", " + fmt.Sprintf("%04d %c%c", 1000+r.IntN(8999), 'A'+r.IntN(26), 'A'+r.IntN(26)) + " " + pick(r, []string{"Amsterdam", "Utrecht", "Rotterdam"})
	case 5:
		return pick(r, []string{"Hauptstraße", "Bergmannstr.", "Schillerstraße", "Karl-Marx-Allee"}) + " " + n + ", " + fmt.Sprintf("%05d", 10000+r.IntN(89999)) + " " + pick(r, []string{"Berlin", "München", "Köln", "Hamburg"})
	case 6:
		return pick(r, []string{"Calle Mayor", "C/ de Alcalá", "Avda. de la Constitución", "Carrer de Mallorca"}) + " " + n + ", " + pick(r, []string{"3º B", "2º izq", "bajo A", "1º 2ª"}) + ", " + fmt.Sprintf("%05d", 1000+r.IntN(51000)) + " " + pick(r, []string{"Madrid", "Sevilla", "Barcelona", "Valencia"})
	default:
		return pick(r, []string{"Zona 1", "Zona 10"}) + ", " + n + " Avenida " + strconv.Itoa(1+r.IntN(20)) + "-" + strconv.Itoa(10+r.IntN(80)) + ", Ciudad de Guatemala " + fmt.Sprintf("%05d", 1001+r.IntN(900))
	}
}

func zipAny(r *rand.Rand, _ string) string {
	switch r.IntN(6) {
	case 0, 1:
		return zipUS(r)
	case 2:
		return pick(r, ukPostcodes)
	case 3:
		return pick(r, caPostcodes)
	case 4:
		return fmt.Sprintf("%05d", 1000+r.IntN(90000))
	default:
		return fmt.Sprintf("%04d %c%c", 1000+r.IntN(8999), 'A'+r.IntN(26), 'A'+r.IntN(26))
	}
}

// ---- identifier numbers, with valid check digits where the format has one

func ssn(r *rand.Rand, _ string) string {
	var area int
	for area == 0 || area == 666 {
		area = 1 + r.IntN(899)
	}
	g := 1 + r.IntN(99)
	s := 1 + r.IntN(9999)
	switch r.IntN(4) {
	case 0:
		return fmt.Sprintf("%03d%02d%04d", area, g, s)
	case 1:
		return fmt.Sprintf("%03d %02d %04d", area, g, s)
	default:
		return fmt.Sprintf("%03d-%02d-%04d", area, g, s)
	}
}

func mrn(r *rand.Rand, _ string) string {
	switch r.IntN(5) {
	case 0:
		return digits(r, 8)
	case 1:
		return "00" + digits(r, 6)
	case 2:
		return string(rune('A'+r.IntN(26))) + "-" + digits(r, 6)
	case 3:
		return "MR" + digits(r, 7)
	default:
		return digits(r, 4) + "-" + digits(r, 3)
	}
}

const mbiAlpha = "ACDEFGHJKMNPQRTUVWXY"

func memberID(r *rand.Rand, _ string) string {
	switch r.IntN(4) {
	case 0: // Medicare MBI: N A AN N A AN N A A N N
		a := func() byte { return mbiAlpha[r.IntN(len(mbiAlpha))] }
		an := func() byte {
			if chance(r, 0.5) {
				return a()
			}
			return byte('0' + r.IntN(10))
		}
		b := []byte{byte('1' + r.IntN(9)), a(), an(), byte('0' + r.IntN(10)), a(), an(), byte('0' + r.IntN(10)), a(), a(), byte('0' + r.IntN(10)), byte('0' + r.IntN(10))}
		if chance(r, 0.4) {
			return string(b[:4]) + "-" + string(b[4:7]) + "-" + string(b[7:])
		}
		return string(b)
	case 1:
		return pick(r, []string{"XGH", "W", "ZBC", "MOL", "UHC", "AET"}) + digits(r, 9)
	case 2:
		return digits(r, 11) + pick(r, []string{"", "01", "02"})
	default:
		return "U" + digits(r, 8) + " " + digits(r, 2)
	}
}

func account(r *rand.Rand, _ string) string {
	switch r.IntN(3) {
	case 0:
		return digits(r, 10)
	case 1:
		return digits(r, 4) + "-" + digits(r, 6)
	default:
		return "INV" + digits(r, 6)
	}
}

func license(r *rand.Rand, _ string) string {
	L := func() string { return string(rune('A' + r.IntN(26))) }
	switch r.IntN(4) {
	case 0: // Illinois style
		return L() + digits(r, 3) + "-" + digits(r, 4) + "-" + digits(r, 4)
	case 1: // California style
		return L() + digits(r, 7)
	case 2: // Texas style
		return digits(r, 8)
	default: // Mexican licence
		return L() + L() + digits(r, 9)
	}
}

func plate(r *rand.Rand, _ string) string {
	L := func() string { return string(rune('A' + r.IntN(26))) }
	switch r.IntN(4) {
	case 0:
		return strconv.Itoa(1+r.IntN(9)) + L() + L() + L() + digits(r, 3)
	case 1:
		return L() + L() + L() + " " + digits(r, 4)
	case 2:
		return L() + L() + L() + "-" + digits(r, 3) + "-" + L()
	default:
		return strings.ToLower(L() + L() + digits(r, 5))
	}
}

// vin builds a 17-character VIN with a correct check digit at position 9.
func vin(r *rand.Rand, _ string) string {
	const chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
	translit := map[byte]int{'A': 1, 'B': 2, 'C': 3, 'D': 4, 'E': 5, 'F': 6, 'G': 7, 'H': 8, 'J': 1, 'K': 2, 'L': 3, 'M': 4, 'N': 5,
		'P': 7, 'R': 9, 'S': 2, 'T': 3, 'U': 4, 'V': 5, 'W': 6, 'X': 7, 'Y': 8, 'Z': 9}
	weights := []int{8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2}
	b := make([]byte, 17)
	for i := range b {
		b[i] = chars[r.IntN(len(chars))]
	}
	b[0] = "1245J3"[r.IntN(6)]
	sum := 0
	for i, c := range b {
		v, ok := translit[c]
		if !ok {
			v = int(c - '0')
		}
		sum += v * weights[i]
	}
	if c := sum % 11; c == 10 {
		b[8] = 'X'
	} else {
		b[8] = byte('0' + c)
	}
	return string(b)
}

func luhnComplete(prefix string, length int, r *rand.Rand) string {
	s := prefix + digits(r, length-len(prefix)-1)
	sum := 0
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if (len(s)-1-i)%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return s + strconv.Itoa((10-sum%10)%10)
}

func device(r *rand.Rand, _ string) string {
	switch r.IntN(5) {
	case 0:
		return luhnComplete("35"+digits(r, 6), 15, r) // IMEI
	case 1:
		return "PJN" + digits(r, 6) + pick(r, []string{"H", "S", ""})
	case 2:
		return strings.ToUpper(fmt.Sprintf("%c%d%c%c%d%c", 'A'+r.IntN(26), r.IntN(10), 'A'+r.IntN(26), 'A'+r.IntN(26), r.IntN(10), 'A'+r.IntN(26)))
	case 3:
		return "NG" + digits(r, 7) + "H"
	default:
		return "SN " + digits(r, 4) + "-" + digits(r, 4) + "-" + digits(r, 2)
	}
}

func card(r *rand.Rand, _ string) string {
	var n string
	switch r.IntN(4) {
	case 0:
		n = luhnComplete("4"+digits(r, 5), 16, r)
	case 1:
		n = luhnComplete("5"+strconv.Itoa(1+r.IntN(5)), 16, r)
	case 2:
		n = luhnComplete(pick(r, []string{"34", "37"}), 15, r)
		if chance(r, 0.5) {
			return n[:4] + " " + n[4:10] + " " + n[10:]
		}
		return n
	default:
		n = luhnComplete("6011", 16, r)
	}
	switch r.IntN(3) {
	case 0:
		return n[:4] + " " + n[4:8] + " " + n[8:12] + " " + n[12:]
	case 1:
		return n[:4] + "-" + n[4:8] + "-" + n[8:12] + "-" + n[12:]
	}
	return n
}

// ---- clinical statements, labelled whole

func medStatement(r *rand.Rand, lang string) string {
	d := pick(r, drugs)
	freq := pick(r, langPick(lang, freqEN, freqES))
	switch r.IntN(4) {
	case 0:
		return d.name + " " + d.dose
	case 1:
		return d.name + " " + d.dose + " " + freq
	case 2:
		return d.name + " " + freq
	default:
		if lang == "es" {
			return d.name + " de " + d.dose + " " + freq
		}
		return d.dose + " of " + d.name + " " + freq
	}
}

func condition(r *rand.Rand, lang string) string {
	if lang == "es" {
		c := pick(r, conditionsES)
		if m := pick(r, condModES); m != "" && chance(r, 0.5) {
			return c + " " + strings.TrimSpace(m)
		}
		return c
	}
	return pick(r, condModEN) + pick(r, conditionsEN)
}

func labResult(r *rand.Rand, lang string) string {
	l := pick(r, langPick(lang, labsEN, labsES))
	return pick(r, l.test) + " " + pick(r, l.results)
}
