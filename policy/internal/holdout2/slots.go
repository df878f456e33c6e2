package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// slots fill the placeholders of the templates. A slot returns the
// labelled value and any unlabelled glue it needs (", " between a street
// and its postcode).
var slots map[string]slot

func one(typ string, f func(r *rand.Rand) string) slot {
	return func(r *rand.Rand) []piece { return []piece{phi(typ, f(r))} }
}

func fromList(typ string, xs []string) slot {
	return one(typ, func(r *rand.Rand) string { return pick(r, xs) })
}

func text(f func(r *rand.Rand) string) slot {
	return func(r *rand.Rand) []piece { return []piece{lit(f(r))} }
}

func init() {
	slots = map[string]slot{
		// Names.
		"name":        one("NAME", fullName),
		"given":       one("NAME", func(r *rand.Rand) string { return pick(r, givenNames) }),
		"family":      one("NAME", func(r *rand.Rand) string { return pick(r, familyNames) }),
		"lastfirst":   one("NAME", func(r *rand.Rand) string { return pick(r, familyNames) + ", " + pick(r, givenNames) }),
		"middle":      one("NAME", middleName),
		"wordname":    one("NAME", func(r *rand.Rand) string { return pick(r, wordNames) + " " + pick(r, familyNames) }),
		"wordgiven":   one("NAME", func(r *rand.Rand) string { return pick(r, wordNames) }),
		"hyphen":      one("NAME", func(r *rand.Rand) string { return pick(r, hyphenGiven) + " " + pick(r, familyNames) }),
		"hyphengiven": one("NAME", func(r *rand.Rand) string { return pick(r, hyphenGiven) }),
		"nick":        one("NAME", func(r *rand.Rand) string { return pick(r, nicknames) }),
		"script":      one("NAME", func(r *rand.Rand) string { return pick(r, otherScript) }),
		"lowername":   one("NAME", func(r *rand.Rand) string { return strings.ToLower(fullName(r)) }),
		"lowergiven":  one("NAME", func(r *rand.Rand) string { return strings.ToLower(pick(r, givenNames)) }),
		"kin":         text(func(r *rand.Rand) string { return pick(r, kinEN) }),
		"kines":       text(func(r *rand.Rand) string { return pick(r, kinES) }),
		"hi":          text(func(r *rand.Rand) string { return pick(r, englishGreetings) }),
		"hola":        text(func(r *rand.Rand) string { return pick(r, spanishFirstWords) }),

		// Contact.
		"phone":     one("PHONE", usPhone),
		"intlphone": one("PHONE", intlPhone),
		"fax":       one("FAX", usPhone),
		"email":     one("EMAIL", email),
		"url":       one("URL", url),
		"ip":        one("IP", ip),

		// Numbers that identify.
		"ssn":     one("SSN", ssn),
		"mrn":     one("MRN", mrn),
		"member":  one("MEMBER_ID", member),
		"mbi":     one("MEMBER_ID", mbi),
		"claim":   one("ACCOUNT", claim),
		"card":    one("CARD", card),
		"dl":      one("LICENSE", license),
		"plate":   one("VEHICLE", plate),
		"vin":     one("VEHICLE", vin),
		"serial":  one("DEVICE", serial),
		"imei":    one("DEVICE", imei),
		"otherid": one("ID", otherID),

		// Dates and ages.
		"dob":        one("DOB", func(r *rand.Rand) string { return dateEN(r, birthYear(r)) }),
		"dobnum":     one("DOB", func(r *rand.Rand) string { return numericDate(r, birthYear(r), false) }),
		"dobes":      one("DOB", func(r *rand.Rand) string { return dateES(r, birthYear(r)) }),
		"dobpt":      one("DOB", func(r *rand.Rand) string { return datePT(r, birthYear(r)) }),
		"dobfr":      one("DOB", func(r *rand.Rand) string { return dateFR(r, birthYear(r)) }),
		"dobspelled": one("DOB", dobSpelled),
		"date":       one("DATE", func(r *rand.Rand) string { return dateEN(r, 2025+r.IntN(2)) }),
		"datenum":    one("DATE", func(r *rand.Rand) string { return numericDate(r, 2025+r.IntN(2), true) }),
		"datees":     one("DATE", func(r *rand.Rand) string { return dateES(r, 2025+r.IntN(2)) }),
		"ordinal":    one("DATE", ordinalDate),
		"age":        one("AGE", func(r *rand.Rand) string { return fmt.Sprint(90 + r.IntN(15)) }),
		"agewords":   one("AGE", ageWords),

		// Places.
		"address":  usAddress,
		"street":   one("ADDRESS", usStreet),
		"intladdr": intlAddress,
		"zip":      one("ZIP", usZip),
		"postcode": one("ZIP", func(r *rand.Rand) string { pc, _ := postcodeOnly(r); return pc }),

		// Clinical statements.
		"med":      fromList("MEDICATION", medsEN),
		"medes":    fromList("MEDICATION", medsES),
		"medpt":    fromList("MEDICATION", medsPT),
		"medfr":    fromList("MEDICATION", medsFR),
		"drug":     fromList("MEDICATION", drugNamesEN),
		"lab":      fromList("LAB", labsEN),
		"labes":    fromList("LAB", labsES),
		"labpt":    fromList("LAB", labsPT),
		"labfr":    fromList("LAB", labsFR),
		"vital":    fromList("LAB", vitalsEN),
		"vitales":  fromList("LAB", vitalsES),
		"cond":     fromList("CONDITION", conditionsEN),
		"condes":   fromList("CONDITION", conditionsES),
		"condpt":   fromList("CONDITION", conditionsPT),
		"condfr":   fromList("CONDITION", conditionsFR),
		"preg":     fromList("CONDITION", pregnancyEN),
		"preges":   fromList("CONDITION", pregnancyES),
		"pregpt":   fromList("CONDITION", pregnancyPT),
		"pregfr":   fromList("CONDITION", pregnancyFR),
		"spec":     fromList("CONDITION", specialtyEN),
		"speces":   fromList("CONDITION", specialtyES),
		"mental":   fromList("CONDITION", mentalEN),
		"mentales": fromList("CONDITION", mentalES),
		"sexual":   fromList("CONDITION", sexualEN),
		"sexuales": fromList("CONDITION", sexualES),
		"subst":    fromList("CONDITION", substanceEN),
		"substes":  fromList("CONDITION", substanceES),
		"sym":      fromList("SYMPTOM", symptomsEN),
		"symes":    fromList("SYMPTOM", symptomsES),
		"sympt":    fromList("SYMPTOM", symptomsPT),
		"symfr":    fromList("SYMPTOM", symptomsFR),

		// Harmless glue that varies the wording.
		"when": text(func(r *rand.Rand) string {
			return pick(r, []string{"tomorrow", "next week", "this afternoon", "monday", "after lunch", "on friday", "later today"})
		}),
		"cuando": text(func(r *rand.Rand) string {
			return pick(r, []string{"mañana", "la próxima semana", "el lunes", "esta tarde", "el viernes", "hoy en la tarde"})
		}),
		"time": text(func(r *rand.Rand) string {
			return pick(r, []string{"9:15", "10am", "2:30", "3 pm", "11:45", "8:00", "4:10pm", "1:20"})
		}),
		"n": text(func(r *rand.Rand) string { return fmt.Sprint(2 + r.IntN(9)) }),
		"money": text(func(r *rand.Rand) string {
			return pick(r, []string{"$25", "$40", "$15.00", "$120", "$7.50", "$35", "$60"})
		}),
	}
	moreSlots()
}

func fullName(r *rand.Rand) string {
	switch r.IntN(6) {
	case 0:
		return pick(r, givenNames) + " " + pick(r, familyNames) + "-" + pick(r, familyNames)
	case 1:
		return pick(r, givenNames) + " " + pick(r, givenNames) + " " + pick(r, familyNames)
	default:
		return pick(r, givenNames) + " " + pick(r, familyNames)
	}
}

func middleName(r *rand.Rand) string {
	if r.IntN(3) == 0 {
		return strings.TrimSuffix(pick(r, middleInitials), ".") + " " + pick(r, givenNames) + " " + pick(r, familyNames)
	}
	return pick(r, givenNames) + " " + pick(r, middleInitials) + " " + pick(r, familyNames)
}

func digits(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	return b.String()
}

func letters(r *rand.Rand, n int, alphabet string) string {
	var b strings.Builder
	for range n {
		b.WriteByte(alphabet[r.IntN(len(alphabet))])
	}
	return b.String()
}

const upper = "ABCDEFGHJKLMNPRSTUVWXYZ"

func usPhone(r *rand.Rand) string {
	a := fmt.Sprint(201 + r.IntN(788))
	e := fmt.Sprint(200 + r.IntN(799))
	n := digits(r, 4)
	switch r.IntN(9) {
	case 0:
		return "(" + a + ") " + e + "-" + n
	case 1:
		return a + "-" + e + "-" + n
	case 2:
		return a + "." + e + "." + n
	case 3:
		return a + e + n
	case 4:
		return "+1 " + a + " " + e + " " + n
	case 5:
		return "1-" + a + "-" + e + "-" + n
	case 6:
		return a + " " + e + " " + n
	case 7:
		return "(" + a + ")" + e + "-" + n
	default:
		return a + "-" + e + "-" + n + " ext " + fmt.Sprint(10+r.IntN(900))
	}
}

func intlPhone(r *rand.Rand) string {
	switch r.IntN(12) {
	case 0:
		return "+44 7" + digits(r, 3) + " " + digits(r, 6)
	case 1:
		return "07" + digits(r, 3) + " " + digits(r, 6)
	case 2:
		return "+52 1 55 " + digits(r, 4) + " " + digits(r, 4)
	case 3:
		return "+55 11 9" + digits(r, 4) + "-" + digits(r, 4)
	case 4:
		return "(21) 9" + digits(r, 4) + "-" + digits(r, 4)
	case 5:
		return "+351 91" + digits(r, 1) + " " + digits(r, 3) + " " + digits(r, 3)
	case 6:
		return "06 " + digits(r, 2) + " " + digits(r, 2) + " " + digits(r, 2) + " " + digits(r, 2)
	case 7:
		return "+33 6 " + digits(r, 2) + " " + digits(r, 2) + " " + digits(r, 2) + " " + digits(r, 2)
	case 8:
		return "+91 9" + digits(r, 4) + " " + digits(r, 5)
	case 9:
		return "+234 803 " + digits(r, 3) + " " + digits(r, 4)
	case 10:
		return "+63 917 " + digits(r, 3) + " " + digits(r, 4)
	default:
		return "+502 " + digits(r, 4) + " " + digits(r, 4)
	}
}

func asciiFold(s string) string {
	return strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ñ", "n", "ç", "c", "ã", "a", "ê", "e", "ë", "e",
		"è", "e", "ï", "i", "ü", "u", "ş", "s", "ö", "o", "ß", "ss", "ś", "s", "'", "", " ", "").Replace(strings.ToLower(s))
}

func email(r *rand.Rand) string {
	g := asciiFold(pick(r, givenNames))
	f := asciiFold(pick(r, familyNames))
	d := pick(r, emailDomains)
	switch r.IntN(5) {
	case 0:
		return g + "." + f + "@" + d
	case 1:
		return g + "_" + f[:min(3, len(f))] + fmt.Sprint(1950+r.IntN(60)) + "@" + d
	case 2:
		return string(g[0]) + f + digits(r, 2) + "@" + d
	case 3:
		return strings.ToUpper(g[:1]) + g[1:] + "." + strings.ToUpper(f[:1]) + f[1:] + "@" + d
	default:
		return f + "." + g + "+clinic@" + d
	}
}

func handle(r *rand.Rand) string {
	g := asciiFold(pick(r, givenNames))
	return pick(r, []string{g + "_" + digits(r, 2), g + "." + asciiFold(pick(r, familyNames)), "the_real_" + g, g + digits(r, 4)})
}

func url(r *rand.Rand) string {
	h := handle(r)
	switch r.IntN(7) {
	case 0:
		return "https://www.gofundme.com/f/help-" + strings.ReplaceAll(h, "_", "-") + "-recover"
	case 1:
		return "facebook.com/" + h
	case 2:
		return "https://instagram.com/" + h
	case 3:
		return "https://linktr.ee/" + h
	case 4:
		return "https://drive.google.com/file/d/1" + letters(r, 18, "abcdefghijkmnopqrstuvwxyzABCDEFGH0123456789") + "/view"
	case 5:
		return "www.tiktok.com/@" + h
	default:
		return "https://" + h + ".wixsite.com/mystory"
	}
}

func ip(r *rand.Rand) string {
	if r.IntN(4) == 0 {
		return fmt.Sprintf("2601:%x:%x:%x::%x", 0x100+r.IntN(0xe00), r.IntN(0xffff), r.IntN(0xffff), 1+r.IntN(0xfff))
	}
	return fmt.Sprintf("%d.%d.%d.%d", 24+r.IntN(200), r.IntN(256), r.IntN(256), 1+r.IntN(254))
}

func ssn(r *rand.Rand) string {
	area := 1 + r.IntN(898)
	if area == 666 {
		area = 667
	}
	a, g, s := fmt.Sprintf("%03d", area), fmt.Sprintf("%02d", 1+r.IntN(99)), fmt.Sprintf("%04d", 1+r.IntN(9999))
	switch r.IntN(4) {
	case 0:
		return a + g + s
	case 1:
		return a + " " + g + " " + s
	default:
		return a + "-" + g + "-" + s
	}
}

func mrn(r *rand.Rand) string {
	switch r.IntN(5) {
	case 0:
		return "MRN-00" + digits(r, 6)
	case 1:
		return digits(r, 7)
	case 2:
		return "A00" + digits(r, 5)
	case 3:
		return "LK-" + digits(r, 6)
	default:
		return "0" + digits(r, 8)
	}
}

func member(r *rand.Rand) string {
	switch r.IntN(5) {
	case 0:
		return letters(r, 3, upper) + digits(r, 9)
	case 1:
		return "W" + digits(r, 10)
	case 2:
		return digits(r, 11) + letters(r, 1, upper)
	case 3:
		return letters(r, 2, upper) + "-" + digits(r, 4) + "-" + digits(r, 5)
	default:
		return "U" + digits(r, 8) + "0" + digits(r, 1)
	}
}

// mbi follows the Medicare Beneficiary Identifier position classes.
func mbi(r *rand.Rand) string {
	const a = "ACDEFGHJKMNPQRTUVWXY"
	const an = a + "0123456789"
	s := string(rune('1'+r.IntN(9))) + letters(r, 1, a) + letters(r, 1, an) + digits(r, 1) + letters(r, 1, a) + letters(r, 1, an) + digits(r, 1) + letters(r, 2, a) + digits(r, 2)
	if r.IntN(2) == 0 {
		return s[:4] + "-" + s[4:7] + "-" + s[7:]
	}
	return s
}

func claim(r *rand.Rand) string {
	switch r.IntN(4) {
	case 0:
		return "CLM-2026-00" + digits(r, 5)
	case 1:
		return digits(r, 10)
	case 2:
		return "INV" + digits(r, 7)
	default:
		return digits(r, 4) + "-" + digits(r, 4) + "-" + digits(r, 3)
	}
}

// card makes a Luhn-valid payment card number.
func card(r *rand.Rand) string {
	prefix := pick(r, []string{"4", "51", "53", "37", "6011"})
	n := 16
	if prefix == "37" {
		n = 15
	}
	d := prefix + digits(r, n-len(prefix)-1)
	d += fmt.Sprint(luhnCheck(d))
	if n == 16 && r.IntN(2) == 0 {
		return d[:4] + " " + d[4:8] + " " + d[8:12] + " " + d[12:]
	}
	if n == 16 && r.IntN(2) == 0 {
		return d[:4] + "-" + d[4:8] + "-" + d[8:12] + "-" + d[12:]
	}
	return d
}

// luhnCheck is the digit that makes payload+digit pass the Luhn test.
func luhnCheck(payload string) int {
	sum := 0
	double := true
	for i := len(payload) - 1; i >= 0; i-- {
		v := int(payload[i] - '0')
		if double {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
		double = !double
	}
	return (10 - sum%10) % 10
}

func luhnValid(d string) bool {
	return luhnCheck(d[:len(d)-1]) == int(d[len(d)-1]-'0')
}

func license(r *rand.Rand) string {
	switch r.IntN(4) {
	case 0:
		return letters(r, 1, upper) + digits(r, 7)
	case 1:
		return digits(r, 8)
	case 2:
		return letters(r, 1, upper) + digits(r, 3) + "-" + digits(r, 4) + "-" + digits(r, 4)
	default:
		return digits(r, 3) + " " + digits(r, 3) + " " + digits(r, 3)
	}
}

func plate(r *rand.Rand) string {
	switch r.IntN(5) {
	case 0:
		return digits(r, 1) + letters(r, 3, upper) + digits(r, 3)
	case 1:
		return letters(r, 3, upper) + "-" + digits(r, 4)
	case 2:
		return letters(r, 3, upper) + " " + digits(r, 4)
	case 3:
		return letters(r, 2, upper) + digits(r, 2) + " " + letters(r, 3, upper)
	default:
		return letters(r, 3, upper) + "-" + digits(r, 2) + "-" + digits(r, 2)
	}
}

// vin makes a 17-character VIN with a correct North American check digit.
func vin(r *rand.Rand) string {
	const chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
	b := []byte(letters(r, 17, chars))
	b[8] = vinCheckDigit(string(b))
	return string(b)
}

// vinCheckDigit is the North American check digit (position 9) of a VIN:
// the weighted sum of the transliterated characters modulo 11, 10 as X.
func vinCheckDigit(v string) byte {
	weights := []int{8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += vinValue(v[i]) * weights[i]
	}
	if m := sum % 11; m != 10 {
		return byte('0' + m)
	}
	return 'X'
}

func vinValue(c byte) int {
	if c >= '0' && c <= '9' {
		return int(c - '0')
	}
	const table = "ABCDEFGH" + "JKLMN" + "P" + "R" + "STUVWXYZ"
	vals := []int{1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9}
	return vals[strings.IndexByte(table, c)]
}

func serial(r *rand.Rand) string {
	switch r.IntN(4) {
	case 0:
		return "NG" + digits(r, 7) + "H"
	case 1:
		return digits(r, 4) + letters(r, 2, upper) + digits(r, 3)
	case 2:
		return "SN" + letters(r, 3, upper) + digits(r, 6)
	default:
		return digits(r, 11)
	}
}

// imei is 15 digits with the Luhn check digit.
func imei(r *rand.Rand) string {
	d := "35" + digits(r, 12)
	return d + fmt.Sprint(luhnCheck(d))
}

func otherID(r *rand.Rand) string {
	switch r.IntN(5) {
	case 0:
		return digits(r, 7) // prescription number
	case 1:
		return letters(r, 1, upper) + digits(r, 8) // passport
	case 2:
		return cpf(r)
	case 3:
		return letters(r, 4, upper) + digits(r, 6) + "HDF" + letters(r, 3, upper) + digits(r, 2) // CURP shape
	default:
		return "E-" + digits(r, 6) // employee badge
	}
}

// cpf is a Brazilian taxpayer number with both check digits right.
func cpf(r *rand.Rand) string {
	d := make([]int, 0, 11)
	for range 9 {
		d = append(d, r.IntN(10))
	}
	for _, n := range []int{10, 11} {
		sum := 0
		for i, v := range d {
			sum += v * (n - i)
		}
		c := sum * 10 % 11
		if c == 10 {
			c = 0
		}
		d = append(d, c)
	}
	s := ""
	for _, v := range d {
		s += fmt.Sprint(v)
	}
	return s[:3] + "." + s[3:6] + "." + s[6:9] + "-" + s[9:]
}

func birthYear(r *rand.Rand) int { return 1930 + r.IntN(90) }

func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func dayMonth(r *rand.Rand, y int) (int, int) {
	m := 1 + r.IntN(12)
	return 1 + r.IntN(daysIn(m, y)), m
}

func suffix(d int) string {
	switch {
	case d%10 == 1 && d != 11:
		return "st"
	case d%10 == 2 && d != 12:
		return "nd"
	case d%10 == 3 && d != 13:
		return "rd"
	}
	return "th"
}

func dateEN(r *rand.Rand, y int) string {
	d, m := dayMonth(r, y)
	switch r.IntN(7) {
	case 0:
		return fmt.Sprintf("%s %d, %d", monthsEN[m-1], d, y)
	case 1:
		return fmt.Sprintf("%s %d %d", monthsShortEN[m-1], d, y)
	case 2:
		return fmt.Sprintf("%d %s %d", d, monthsEN[m-1], y)
	case 3:
		return fmt.Sprintf("%s %d%s %d", monthsEN[m-1], d, suffix(d), y)
	case 4:
		return fmt.Sprintf("%d%s of %s %d", d, suffix(d), monthsEN[m-1], y)
	default:
		return numericDate(r, y, false)
	}
}

func numericDate(r *rand.Rand, y int, noYear bool) string {
	d, m := dayMonth(r, y)
	if noYear && r.IntN(2) == 0 {
		return fmt.Sprintf("%d/%d", m, d)
	}
	switch r.IntN(6) {
	case 0:
		return fmt.Sprintf("%d/%d/%d", m, d, y)
	case 1:
		return fmt.Sprintf("%02d/%02d/%d", m, d, y)
	case 2:
		return fmt.Sprintf("%02d-%02d-%02d", m, d, y%100)
	case 3:
		return fmt.Sprintf("%d-%02d-%02d", y, m, d)
	case 4:
		return fmt.Sprintf("%d.%d.%d", m, d, y)
	default:
		return fmt.Sprintf("%d/%d/%02d", m, d, y%100)
	}
}

func dateES(r *rand.Rand, y int) string {
	d, m := dayMonth(r, y)
	switch r.IntN(5) {
	case 0:
		return fmt.Sprintf("%d de %s de %d", d, monthsES[m-1], y)
	case 1:
		return fmt.Sprintf("%d de %s del %d", d, monthsES[m-1], y)
	case 2:
		return fmt.Sprintf("%02d/%02d/%d", d, m, y)
	case 3:
		return fmt.Sprintf("%d-%d-%d", d, m, y)
	default:
		return fmt.Sprintf("%s %d %d", monthsES[m-1], d, y)
	}
}

func datePT(r *rand.Rand, y int) string {
	d, m := dayMonth(r, y)
	if r.IntN(2) == 0 {
		return fmt.Sprintf("%d de %s de %d", d, monthsPT[m-1], y)
	}
	return fmt.Sprintf("%02d/%02d/%d", d, m, y)
}

func dateFR(r *rand.Rand, y int) string {
	d, m := dayMonth(r, y)
	if r.IntN(2) == 0 {
		return fmt.Sprintf("%d %s %d", d, monthsFR[m-1], y)
	}
	return fmt.Sprintf("%02d.%02d.%d", d, m, y)
}

func ordinalDate(r *rand.Rand) string {
	d, m := dayMonth(r, 2026)
	switch r.IntN(4) {
	case 0:
		return fmt.Sprintf("the %d%s of %s", d, suffix(d), monthsEN[m-1])
	case 1:
		return fmt.Sprintf("%s the %d%s", monthsEN[m-1], d, suffix(d))
	case 2:
		return fmt.Sprintf("the %s of %s", ordinalWords[d], monthsEN[m-1])
	default:
		return fmt.Sprintf("%s %s", monthsShortEN[m-1], ordinalWords[d])
	}
}

// numberWords spells 1–99 in English.
func numberWords(n int) string {
	switch {
	case n < 10:
		return onesEN[n]
	case n < 20:
		return teensEN[n-10]
	case n%10 == 0:
		return tensEN[n/10]
	}
	return tensEN[n/10] + "-" + onesEN[n%10]
}

// spelledYear says a year the way people say it: "nineteen sixty-two",
// "nineteen oh five". Years ending in 00 are not asked for.
func spelledYear(y int) string {
	if y%100 < 10 {
		return numberWords(y/100) + " oh " + onesEN[y%10]
	}
	return numberWords(y/100) + " " + numberWords(y%100)
}

func dobSpelled(r *rand.Rand) string {
	y := 1930 + r.IntN(70)
	d, m := dayMonth(r, y)
	if y%100 == 0 {
		y++
	}
	switch r.IntN(3) {
	case 0:
		return fmt.Sprintf("the %s of %s %s", ordinalWords[d], monthsEN[m-1], spelledYear(y))
	case 1:
		return fmt.Sprintf("%s %s %s", monthsEN[m-1], ordinalWords[d], spelledYear(y))
	default:
		return fmt.Sprintf("%s %d %s", monthsEN[m-1], d, spelledYear(y))
	}
}

func ageWords(r *rand.Rand) string {
	n := 90 + r.IntN(10)
	if n == 90 {
		return "ninety"
	}
	return "ninety" + pick(r, []string{"-", " "}) + onesEN[n-90]
}

func usStreet(r *rand.Rand) string {
	s := fmt.Sprintf("%d %s %s", 10+r.IntN(9980), pick(r, streetNames), pick(r, streetSuffix))
	if r.IntN(3) == 0 {
		s = fmt.Sprintf("%d %s %s", 100+r.IntN(9000), pick(r, []string{"N", "S", "E", "W"}), s[strings.IndexByte(s, ' ')+1:])
	}
	if r.IntN(3) == 0 {
		s += " " + pick(r, units)
	}
	return s
}

func usZip(r *rand.Rand) string {
	c := pick(r, usCities)
	z := c.zip3 + digits(r, 2)
	if r.IntN(4) == 0 {
		z += "-" + digits(r, 4)
	}
	return z
}

// usAddress is street, town, state and ZIP: the street and the town are
// ADDRESS, the ZIP is ZIP, the state stays (Safe Harbor keeps states).
func usAddress(r *rand.Rand) []piece {
	c := pick(r, usCities)
	z := c.zip3 + digits(r, 2)
	if r.IntN(4) == 0 {
		z += "-" + digits(r, 4)
	}
	sep := pick(r, []string{", ", " "})
	return []piece{phi("ADDRESS", usStreet(r)), lit(sep), phi("ADDRESS", c.city), lit(sep + c.state + " "), phi("ZIP", z)}
}

// postcodeOnly returns a non-US postcode and its country.
func postcodeOnly(r *rand.Rand) (string, string) {
	switch r.IntN(8) {
	case 0:
		return letters(r, 2, upper) + fmt.Sprint(1+r.IntN(20)) + " " + fmt.Sprint(r.IntN(10)) + letters(r, 2, "ABDEFGHJLNPQRSTUWXYZ"), "UK"
	case 1:
		return fmt.Sprintf("%c%d%c %d%c%d", 'A'+rune(r.IntN(20)), r.IntN(10), 'A'+rune(r.IntN(20)), r.IntN(10), 'A'+rune(r.IntN(20)), r.IntN(10)), "Canada"
	case 2:
		return digits(r, 5), "México"
	case 3:
		return digits(r, 5) + "-" + digits(r, 3), "Brasil"
	case 4:
		return fmt.Sprint(1000+r.IntN(8999)) + "-" + digits(r, 3), "Portugal"
	case 5:
		return fmt.Sprint(10000 + r.IntN(85000)), "France"
	case 6:
		return fmt.Sprint(1000+r.IntN(8999)) + " " + letters(r, 2, "ABCDEHJKLMNPRTVWXZ"), "Nederland"
	default:
		return fmt.Sprint(110001 + r.IntN(800000)), "India"
	}
}

// intlAddress writes an address the way it is written in its country.
func intlAddress(r *rand.Rand) []piece {
	A := func(s string) piece { return phi("ADDRESS", s) }
	Z := func(s string) piece { return phi("ZIP", s) }
	n := func(lo, hi int) string { return fmt.Sprint(lo + r.IntN(hi-lo)) }
	switch r.IntN(10) {
	case 0:
		pc := letters(r, 2, "BLMNS") + n(1, 20) + " " + n(1, 9) + letters(r, 2, "ABDEFGHJLNPQRSTUWXYZ")
		return []piece{A(n(1, 200) + " " + pick(r, []string{"Abbotsford Road", "Clarence Street", "Hollybush Lane", "Kingsley Avenue", "Moor Crescent"})), lit(", "), A(pick(r, []string{"Leeds", "Bolton", "Sheffield", "Luton", "Swansea"})), lit(" "), Z(pc)}
	case 1:
		pc := fmt.Sprintf("H%d%c %d%c%d", r.IntN(10), 'A'+rune(r.IntN(20)), r.IntN(10), 'A'+rune(r.IntN(20)), r.IntN(10))
		return []piece{A(n(10, 9000) + " " + pick(r, []string{"rue Saint-Denis", "boulevard Rosemont", "avenue du Parc", "rue Beaubien Est"})), lit(", "), A("Montréal"), lit(" QC "), Z(pc)}
	case 2:
		return []piece{A(pick(r, []string{"Av. Insurgentes Sur", "Calle Hidalgo", "Av. Revolución", "Calle 5 de Mayo", "Privada Los Pinos"}) + " " + n(10, 2000) + ", Col. " + pick(r, []string{"Roma Norte", "Del Valle", "Centro", "Las Águilas", "Santa Fe"})), lit(", "), Z(digits(r, 5)), lit(" "), A(pick(r, []string{"Ciudad de México", "Guadalajara, Jal.", "Monterrey, N.L.", "Puebla, Pue."}))}
	case 3:
		return []piece{A(pick(r, []string{"Rua das Palmeiras", "Av. Paulista", "Rua Augusta", "Rua Voluntários da Pátria"}) + ", " + n(10, 2000) + ", apto " + n(11, 190)), lit(", "), A(pick(r, []string{"São Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba"})), lit(" - "), Z(digits(r, 5) + "-" + digits(r, 3))}
	case 4:
		return []piece{A(pick(r, []string{"Rua Augusta", "Rua de Santa Catarina", "Avenida da Liberdade", "Travessa do Carmo"}) + " " + n(1, 300) + ", " + n(1, 6) + "º Esq"), lit(", "), Z(n(1000, 4999) + "-" + digits(r, 3)), lit(" "), A(pick(r, []string{"Lisboa", "Porto", "Coimbra", "Braga"}))}
	case 5:
		return []piece{A(n(1, 150) + " " + pick(r, []string{"rue des Lilas", "avenue Jean Jaurès", "boulevard Voltaire", "rue de la République"})), lit(", "), Z(n(10000, 95000)), lit(" "), A(pick(r, []string{"Lyon", "Marseille", "Toulouse", "Lille", "Nantes"}))}
	case 6:
		return []piece{A(pick(r, []string{"Bergstraße", "Lindenallee", "Goethestr.", "Am Mühlbach"}) + " " + n(1, 120)), lit(", "), Z(n(10000, 99999)), lit(" "), A(pick(r, []string{"Berlin", "Köln", "Leipzig", "Hamburg"}))}
	case 7:
		return []piece{A("Flat " + n(1, 20) + pick(r, []string{"A", "B", "C"}) + ", " + pick(r, []string{"Sai Residency", "Lotus Towers", "Green Park Apartments"}) + ", " + pick(r, []string{"MG Road", "Linking Road", "Anna Salai"})), lit(", "), A(pick(r, []string{"Bengaluru", "Mumbai", "Chennai", "Pune"})), lit(" "), Z(fmt.Sprint(400001 + r.IntN(200000)))}
	case 8:
		return []piece{A("Blk " + n(1, 40) + " Lot " + n(1, 60) + ", Brgy. " + pick(r, []string{"San Isidro", "Malanday", "Bagong Silang", "Poblacion"})), lit(", "), A(pick(r, []string{"Quezon City", "Cebu City", "Davao City", "Marikina"})), lit(" "), Z(n(1000, 9999))}
	default:
		return []piece{A(pick(r, []string{"Keizersgracht", "Prinsengracht", "Laan van Meerdervoort", "Oudegracht"}) + " " + n(1, 500)), lit(", "), Z(n(1000, 9999) + " " + letters(r, 2, "ABCDEHJKLMNPRTVWXZ")), lit(" "), A(pick(r, []string{"Amsterdam", "Utrecht", "Den Haag", "Rotterdam"}))}
	}
}
