package main

import (
	"fmt"
	"strconv"
	"strings"
)

func itoa(n int) string { return strconv.Itoa(n) }

func one(typ, text string) []seg { return []seg{{typ, text}} }

// givenName draws a given name from every origin, word-names included.
func (g *gen) givenName() string {
	switch g.r.intn(10) {
	case 0:
		return pick(g.r, givenWords)
	case 1:
		return pick(g.r, givenHyphenated)
	default:
		return pick(g.r, allGiven)
	}
}

func (g *gen) surname() string {
	if g.r.chance(15) {
		return pick(g.r, surnamesHard)
	}
	return pick(g.r, surnames)
}

func initial(g *gen) string {
	return string(rune('A'+g.r.intn(26))) + pick(g.r, []string{".", ".", ""})
}

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
var monthsShort = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"}
var mesesES = []string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"}

var ordWords = []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
	"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
	"twentieth", "twenty-first", "twenty-second", "twenty-third", "twenty-fourth", "twenty-fifth", "twenty-sixth",
	"twenty-seventh", "twenty-eighth"}

var onesEN = []string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
var tensEN = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
var teensEN = []string{"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}

// twoDigitsEN spells 0..99 the way years are said ("oh five", "sixty-two").
func twoDigitsEN(n int) string {
	switch {
	case n < 10:
		return "oh " + onesEN[n]
	case n < 20:
		return teensEN[n-10]
	case n%10 == 0:
		return tensEN[n/10]
	default:
		return tensEN[n/10] + "-" + onesEN[n%10]
	}
}

func yearEN(y int) string {
	if y >= 2000 && y < 2010 {
		return strings.TrimSpace("two thousand " + onesEN[y-2000])
	}
	return twoDigitsEN(y/100) + " " + twoDigitsEN(y%100)
}

var unidadesES = []string{"", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"}
var decenasES = []string{"", "", "veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"}

func yearES(y int) string {
	n := y % 100
	var tail string
	switch {
	case n == 0:
	case n < 10:
		tail = " " + unidadesES[n]
	case n < 16:
		tail = " " + []string{"diez", "once", "doce", "trece", "catorce", "quince"}[n-10]
	case n < 20:
		tail = " dieci" + unidadesES[n-10]
	case n%10 == 0:
		tail = " " + decenasES[n/10]
	case n < 30:
		tail = " veinti" + unidadesES[n-20]
	default:
		tail = " " + decenasES[n/10] + " y " + unidadesES[n%10]
	}
	if y >= 2000 {
		return "dos mil" + tail
	}
	return "mil novecientos" + tail
}

func ageWordsEN(n int) string {
	if n >= 100 {
		if n == 100 {
			return "one hundred"
		}
		return "one hundred and " + onesEN[n-100]
	}
	if n%10 == 0 {
		return tensEN[n/10]
	}
	return tensEN[n/10] + "-" + onesEN[n%10]
}

func ageWordsES(n int) string {
	if n == 100 {
		return "cien"
	}
	if n > 100 {
		return "ciento " + unidadesES[n-100]
	}
	if n%10 == 0 {
		return decenasES[n/10]
	}
	return decenasES[n/10] + " y " + unidadesES[n%10]
}

func ordSuffix(d int) string {
	switch {
	case d%100 >= 11 && d%100 <= 13:
		return "th"
	case d%10 == 1:
		return "st"
	case d%10 == 2:
		return "nd"
	case d%10 == 3:
		return "rd"
	}
	return "th"
}

// luhnDigit is the check digit that makes body+digit pass Luhn.
func luhnDigit(body string) byte {
	sum := 0
	double := true
	for i := len(body) - 1; i >= 0; i-- {
		d := int(body[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return byte('0' + (10-sum%10)%10)
}

const mbiLetters = "ACDEFGHJKMNPQRTUVWXY"

// mbi builds a Medicare Beneficiary Identifier: N A AN N A AN N A A N N.
func (g *gen) mbi() string {
	an := func() byte {
		if g.r.chance(50) {
			return byte('0' + g.r.intn(10))
		}
		return mbiLetters[g.r.intn(len(mbiLetters))]
	}
	a := func() byte { return mbiLetters[g.r.intn(len(mbiLetters))] }
	n := func() byte { return byte('0' + g.r.intn(10)) }
	b := []byte{byte('1' + g.r.intn(9)), a(), an(), n(), a(), an(), n(), a(), a(), n(), n()}
	s := string(b)
	if g.r.chance(40) {
		s = s[:4] + "-" + s[4:7] + "-" + s[7:]
	}
	return s
}

// vin builds a 17-character VIN with a valid North American check digit.
func (g *gen) vin() string {
	const chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
	b := make([]byte, 17)
	for i := range b {
		b[i] = chars[g.r.intn(len(chars))]
	}
	val := func(c byte) int {
		if c >= '0' && c <= '9' {
			return int(c - '0')
		}
		return int(map[byte]int{'A': 1, 'B': 2, 'C': 3, 'D': 4, 'E': 5, 'F': 6, 'G': 7, 'H': 8, 'J': 1, 'K': 2, 'L': 3, 'M': 4,
			'N': 5, 'P': 7, 'R': 9, 'S': 2, 'T': 3, 'U': 4, 'V': 5, 'W': 6, 'X': 7, 'Y': 8, 'Z': 9}[c])
	}
	weights := []int{8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i, c := range b {
		sum += val(c) * weights[i]
	}
	if r := sum % 11; r == 10 {
		b[8] = 'X'
	} else {
		b[8] = byte('0' + r)
	}
	return string(b)
}

// ssn draws a number that follows the structure rules: no area 000, 666
// or 9xx here (those are taxpayer numbers, drawn separately), no group 00,
// no serial 0000.
func (g *gen) ssn() (a, b, c string) {
	area := g.r.between(1, 899)
	if area == 666 {
		area = 667
	}
	return fmt.Sprintf("%03d", area), fmt.Sprintf("%02d", g.r.between(1, 99)), fmt.Sprintf("%04d", g.r.between(1, 9999))
}

var areaCodes = []string{"713", "832", "915", "956", "718", "347", "313", "973", "305", "786", "559", "978", "612", "509", "770", "505", "619", "901", "708", "512"}

func (g *gen) usPhone() string {
	a := pick(g.r, areaCodes)
	x := itoa(g.r.between(201, 989))
	l := g.r.digits(4)
	switch g.r.intn(7) {
	case 0:
		return a + "-" + x + "-" + l
	case 1:
		return "(" + a + ") " + x + "-" + l
	case 2:
		return a + x + l
	case 3:
		return "+1 " + a + " " + x + " " + l
	case 4:
		return a + "." + x + "." + l
	case 5:
		return a + " " + x + " " + l
	default:
		return "1-" + a + "-" + x + "-" + l
	}
}

func (g *gen) intlPhone() string {
	switch g.r.intn(6) {
	case 0:
		return "+52 55 " + g.r.digits(4) + " " + g.r.digits(4)
	case 1:
		return "+44 7" + g.r.digits(3) + " " + g.r.digits(6)
	case 2:
		return "+91 9" + g.r.digits(4) + " " + g.r.digits(5)
	case 3:
		return "+63 917 " + g.r.digits(3) + " " + g.r.digits(4)
	case 4:
		return "+503 7" + g.r.digits(3) + "-" + g.r.digits(4)
	default:
		return "+234 80" + g.r.digits(2) + " " + g.r.digits(3) + " " + g.r.digits(4)
	}
}

var mailHosts = []string{"gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "aol.com", "att.net", "comcast.net", "live.com.mx", "protonmail.com"}

// asciiFold drops the accents of a name for an email local part.
func asciiFold(s string) string {
	r := strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ñ", "n", "ś", "s", "Á", "a", "É", "e",
		"'", "", " ", "", "-", "", ".", "", "ü", "u")
	return strings.ToLower(r.Replace(s))
}

func (g *gen) emailLocal() string {
	f, l := asciiFold(pick(g.r, allGiven)), asciiFold(pick(g.r, surnames))
	switch g.r.intn(5) {
	case 0:
		return f + "." + l
	case 1:
		return f[:1] + l + itoa(g.r.between(60, 99))
	case 2:
		return f + "_" + l + g.r.digits(2)
	case 3:
		return l + f[:1]
	default:
		return pick(g.r, []string{"mama", "abuela", "papi", "baby", "queen", "tx", "bigmike"}) + f + g.r.digits(3)
	}
}

func (g *gen) streetLine() string {
	num := itoa(g.r.between(3, 19999))
	s := num + " "
	if g.r.chance(30) {
		s += pick(g.r, directions) + " "
	}
	s += pick(g.r, streetNames) + " " + pick(g.r, streetTypes)
	if g.r.chance(40) {
		s += " " + pick(g.r, units)
	}
	return s
}

// dob renders a date of birth in one of the shapes people type.
func (g *gen) dobText(es bool) string {
	y := g.r.between(1931, 2019)
	m := g.r.between(1, 12)
	d := g.r.between(1, 28)
	if es {
		switch g.r.intn(4) {
		case 0:
			return fmt.Sprintf("%d de %s de %d", d, mesesES[m-1], y)
		case 1:
			return fmt.Sprintf("%d/%d/%d", d, m, y)
		case 2:
			return fmt.Sprintf("%02d-%02d-%d", d, m, y)
		default:
			return fmt.Sprintf("%d %s %d", d, mesesES[m-1], y)
		}
	}
	switch g.r.intn(8) {
	case 0:
		return fmt.Sprintf("%d/%d/%d", m, d, y)
	case 1:
		return fmt.Sprintf("%02d/%02d/%02d", m, d, y%100)
	case 2:
		return fmt.Sprintf("%s %d, %d", months[m-1], d, y)
	case 3:
		return fmt.Sprintf("%d-%02d-%02d", y, m, d)
	case 4:
		return fmt.Sprintf("%s %d%s %d", monthsShort[m-1], d, ordSuffix(d), y)
	case 5:
		return fmt.Sprintf("%d-%d-%d", m, d, y%100)
	case 6:
		return fmt.Sprintf("%d %s %d", d, months[m-1], y)
	default:
		return fmt.Sprintf("%02d%02d%d", m, d, y)
	}
}

// slotTable maps each template slot to what fills it.
func slotTable() map[string]filler {
	t := baseSlots()
	evasionSlots(t)
	outboundSlots(t)
	return t
}

func baseSlots() map[string]filler {
	return map[string]filler{
		// Names.
		"given": func(g *gen) []seg { return one("NAME", g.givenName()) },
		"full":  func(g *gen) []seg { return one("NAME", g.givenName()+" "+g.surname()) },
		"fullmi": func(g *gen) []seg {
			return one("NAME", g.givenName()+" "+initial(g)+" "+g.surname())
		},
		"lastfirst": func(g *gen) []seg {
			s := g.surname() + ", " + g.givenName()
			if g.r.chance(30) {
				s += " " + initial(g)
			}
			return one("NAME", s)
		},
		"hyph":     func(g *gen) []seg { return one("NAME", pick(g.r, givenHyphenated)+" "+g.surname()) },
		"wordname": func(g *gen) []seg { return one("NAME", pick(g.r, givenWords)+" "+pick(g.r, surnames)) },
		"wordgiven": func(g *gen) []seg {
			return one("NAME", pick(g.r, givenWords))
		},
		"compound": func(g *gen) []seg {
			return one("NAME", pick(g.r, givenCompound)+" "+pick(g.r, surnames)+" "+pick(g.r, []string{"Ochoa", "Ramírez", "Guzmán", "Peña", "Fuentes", "Cárdenas"}))
		},
		"native": func(g *gen) []seg { return one("NAME", pick(g.r, namesNative)) },
		"sur":    func(g *gen) []seg { return one("NAME", g.surname()) },
		// Contact.
		"phone":  func(g *gen) []seg { return one("PHONE", g.usPhone()) },
		"iphone": func(g *gen) []seg { return one("PHONE", g.intlPhone()) },
		"fax":    func(g *gen) []seg { return one("FAX", g.usPhone()) },
		"email": func(g *gen) []seg {
			return one("EMAIL", g.emailLocal()+"@"+pick(g.r, mailHosts))
		},
		"emailobf": func(g *gen) []seg {
			l, h := g.emailLocal(), pick(g.r, mailHosts)
			hp := strings.SplitN(h, ".", 2)
			switch g.r.intn(4) {
			case 0:
				return one("EMAIL", l+" at "+hp[0]+" dot "+strings.ReplaceAll(hp[1], ".", " dot "))
			case 1:
				return one("EMAIL", l+"[at]"+hp[0]+"(dot)"+hp[1])
			case 2:
				return one("EMAIL", l+" arroba "+hp[0]+" punto "+strings.ReplaceAll(hp[1], ".", " punto "))
			default:
				return one("EMAIL", l+" @ "+h)
			}
		},
		"url": func(g *gen) []seg {
			f, l := asciiFold(pick(g.r, allGiven)), asciiFold(pick(g.r, surnames))
			switch g.r.intn(7) {
			case 0:
				return one("URL", "www.facebook.com/"+f+"."+l+"."+g.r.digits(2))
			case 1:
				return one("URL", "https://drive.google.com/file/d/1"+strings.ToUpper(g.r.digits(3))+"xQk"+g.r.digits(5)+"/view")
			case 2:
				return one("URL", "instagram.com/"+f+"_"+l)
			case 3:
				return one("URL", "https://www.gofundme.com/f/help-"+f+"-"+l+"-with-medical-bills")
			case 4:
				return one("URL", "tinyurl.com/"+f[:2]+g.r.digits(4))
			case 5:
				return one("URL", "https://photos.app.goo.gl/"+strings.ToUpper(f[:2])+g.r.digits(3)+"kZp"+g.r.digits(2))
			default:
				return one("URL", "http://"+l+"family.net/"+f)
			}
		},
		"ip": func(g *gen) []seg {
			if g.r.chance(20) {
				return one("IP", fmt.Sprintf("2601:%x:%x:%x::%x", g.r.between(256, 4095), g.r.between(1, 65535), g.r.between(1, 65535), g.r.between(1, 255)))
			}
			return one("IP", fmt.Sprintf("%d.%d.%d.%d", pick(g.r, []int{73, 24, 98, 172, 192, 10, 68, 107}), g.r.between(0, 255), g.r.between(0, 255), g.r.between(1, 254)))
		},
		// Government and health numbers.
		"ssn": func(g *gen) []seg {
			a, b, c := g.ssn()
			switch g.r.intn(4) {
			case 0:
				return one("SSN", a+" "+b+" "+c)
			case 1:
				return one("SSN", a+b+c)
			default:
				return one("SSN", a+"-"+b+"-"+c)
			}
		},
		"itin": func(g *gen) []seg {
			return one("SSN", fmt.Sprintf("9%02d-%d-%04d", g.r.between(0, 99), pick(g.r, []int{70, 78, 88, 92, 94}), g.r.between(1, 9999)))
		},
		"mrn": func(g *gen) []seg {
			switch g.r.intn(4) {
			case 0:
				return one("MRN", g.r.digits(8))
			case 1:
				return one("MRN", "A-"+g.r.digits(6))
			case 2:
				return one("MRN", "00"+g.r.digits(7))
			default:
				return one("MRN", g.r.digits(3)+"-"+g.r.digits(4))
			}
		},
		"member": func(g *gen) []seg {
			switch g.r.intn(5) {
			case 0:
				return one("MEMBER_ID", pick(g.r, []string{"XHU", "ZGP", "WVB", "JQR"})+g.r.digits(9))
			case 1:
				return one("MEMBER_ID", g.r.digits(8)+pick(g.r, []string{"A", "B", "C"}))
			case 2:
				return one("MEMBER_ID", g.mbi())
			case 3:
				return one("MEMBER_ID", "U"+g.r.digits(8)+"01")
			default:
				return one("MEMBER_ID", g.r.digits(3)+"-"+g.r.digits(3)+"-"+g.r.digits(3))
			}
		},
		"mbi": func(g *gen) []seg { return one("MEMBER_ID", g.mbi()) },
		"claim": func(g *gen) []seg {
			switch g.r.intn(3) {
			case 0:
				return one("ACCOUNT", "2026-"+g.r.digits(7))
			case 1:
				return one("ACCOUNT", "CLM"+g.r.digits(9))
			default:
				return one("ACCOUNT", g.r.digits(11))
			}
		},
		"acct": func(g *gen) []seg {
			switch g.r.intn(3) {
			case 0:
				return one("ACCOUNT", g.r.digits(9))
			case 1:
				return one("ACCOUNT", "INV-"+g.r.digits(6))
			default:
				return one("ACCOUNT", "00"+g.r.digits(8))
			}
		},
		"card": func(g *gen) []seg {
			body := pick(g.r, []string{"4", "51", "37", "6011"})
			n := 16
			if body == "37" {
				n = 15
			}
			body += g.r.digits(n - 1 - len(body))
			num := body + string(luhnDigit(body))
			if n == 16 && g.r.chance(60) {
				num = num[:4] + " " + num[4:8] + " " + num[8:12] + " " + num[12:]
			}
			return one("CARD", num)
		},
		"dl": func(g *gen) []seg {
			switch g.r.intn(4) {
			case 0:
				return one("LICENSE", g.r.digits(8))
			case 1:
				return one("LICENSE", string(rune('A'+g.r.intn(26)))+g.r.digits(7))
			case 2:
				return one("LICENSE", string(rune('A'+g.r.intn(26)))+g.r.digits(3)+"-"+g.r.digits(4)+"-"+g.r.digits(4))
			default:
				return one("LICENSE", g.r.digits(3)+"-"+g.r.digits(3)+"-"+g.r.digits(3))
			}
		},
		"plate": func(g *gen) []seg {
			L := func() string { return string(rune('A' + g.r.intn(26))) }
			switch g.r.intn(4) {
			case 0:
				return one("VEHICLE", g.r.digits(1)+L()+L()+L()+g.r.digits(3))
			case 1:
				return one("VEHICLE", L()+L()+L()+"-"+g.r.digits(4))
			case 2:
				return one("VEHICLE", L()+L()+g.r.digits(1)+" "+L()+g.r.digits(3))
			default:
				return one("VEHICLE", L()+L()+L()+" "+g.r.digits(3))
			}
		},
		"vin": func(g *gen) []seg { return one("VEHICLE", g.vin()) },
		"serial": func(g *gen) []seg {
			L := func() string { return string(rune('A' + g.r.intn(26))) }
			switch g.r.intn(4) {
			case 0:
				return one("DEVICE", "PX"+g.r.digits(4)+"-"+g.r.digits(2)+L())
			case 1:
				return one("DEVICE", g.r.digits(1)+L()+g.r.digits(2)+L()+L()+g.r.digits(1))
			case 2:
				return one("DEVICE", "SN"+g.r.digits(10))
			default:
				return one("DEVICE", L()+L()+g.r.digits(6)+L()+L())
			}
		},
		"imei": func(g *gen) []seg {
			body := "35" + g.r.digits(12)
			return one("DEVICE", body+string(luhnDigit(body)))
		},
		"rx": func(g *gen) []seg { return one("ID", g.r.digits(7)+"-"+g.r.digits(5)) },
		"conf": func(g *gen) []seg {
			L := func() string { return string(rune('A' + g.r.intn(26))) }
			return one("ID", L()+L()+g.r.digits(2)+L()+g.r.digits(3))
		},
		"handle": func(g *gen) []seg {
			return one("ID", "@"+asciiFold(pick(g.r, allGiven))+"_"+asciiFold(pick(g.r, surnames))+g.r.digits(2))
		},
		// Dates.
		"dob":   func(g *gen) []seg { return one("DOB", g.dobText(false)) },
		"dobes": func(g *gen) []seg { return one("DOB", g.dobText(true)) },
		"ordinal": func(g *gen) []seg {
			d := g.r.between(1, 28)
			m := g.r.intn(12)
			if g.r.chance(50) {
				return one("DATE", fmt.Sprintf("%d%s of %s", d, ordSuffix(d), months[m]))
			}
			return one("DATE", fmt.Sprintf("%s %d%s", months[m], d, ordSuffix(d)))
		},
		"spelled": func(g *gen) []seg {
			d := g.r.between(1, 28)
			m := g.r.intn(12)
			y := g.r.between(1932, 2009)
			switch g.r.intn(3) {
			case 0:
				return one("DOB", ordWords[d]+" of "+months[m]+" "+yearEN(y))
			case 1:
				return one("DOB", months[m]+" "+ordWords[d]+" "+yearEN(y))
			default:
				return one("DOB", months[m]+" "+ordWords[d])
			}
		},
		"spelledes": func(g *gen) []seg {
			d := g.r.between(2, 28)
			m := g.r.intn(12)
			y := g.r.between(1935, 2009)
			days := []string{"", "primero", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce",
				"trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve", "veinte", "veintiuno", "veintidós",
				"veintitrés", "veinticuatro", "veinticinco", "veintiséis", "veintisiete", "veintiocho"}
			return one("DOB", days[d]+" de "+mesesES[m]+" de "+yearES(y))
		},
		"appt": func(g *gen) []seg {
			m := g.r.between(1, 12)
			d := g.r.between(1, 28)
			switch g.r.intn(4) {
			case 0:
				return one("DATE", fmt.Sprintf("%d/%d", m, d))
			case 1:
				return one("DATE", fmt.Sprintf("%s %d", months[m-1], d))
			case 2:
				return one("DATE", fmt.Sprintf("%s. %d", monthsShort[m-1], d))
			default:
				return one("DATE", fmt.Sprintf("%d/%d/%d", m, d, 2026))
			}
		},
		"apptes": func(g *gen) []seg {
			m := g.r.intn(12)
			d := g.r.between(1, 28)
			if g.r.chance(50) {
				return one("DATE", fmt.Sprintf("%d de %s", d, mesesES[m]))
			}
			return one("DATE", fmt.Sprintf("%d/%d", d, m+1))
		},
		"year": func(g *gen) []seg { return one("DATE", itoa(g.r.between(1926, 1935))) },
		// Ages over 89.
		"age": func(g *gen) []seg { return one("AGE", itoa(g.r.between(90, 104))) },
		"agew": func(g *gen) []seg {
			return one("AGE", ageWordsEN(g.r.between(90, 103)))
		},
		"agewes": func(g *gen) []seg { return one("AGE", ageWordsES(g.r.between(90, 103))) },
		// Places.
		"street": func(g *gen) []seg { return one("ADDRESS", g.streetLine()) },
		"pobox":  func(g *gen) []seg { return one("ADDRESS", "PO Box "+itoa(g.r.between(12, 98765))) },
		"cityzip": func(g *gen) []seg {
			c := pick(g.r, usCities)
			zip := c.zip3 + g.r.digits(2)
			if g.r.chance(20) {
				zip += "-" + g.r.digits(4)
			}
			return []seg{{"ADDRESS", c.city}, lit(" " + c.state + " "), {"ZIP", zip}}
		},
		"city": func(g *gen) []seg { return one("ADDRESS", pick(g.r, usCities).city) },
		"zip": func(g *gen) []seg {
			c := pick(g.r, usCities)
			return one("ZIP", c.zip3+g.r.digits(2))
		},
		"intl": func(g *gen) []seg { return splitComponents(g.intlAddress()) },
		// Clinical.
		"symptom": func(g *gen) []seg {
			s := pick(g.r, symptomsEN)
			return []seg{lit(s[0]), {"SYMPTOM", s[1]}}
		},
		"symptomes": func(g *gen) []seg {
			s := pick(g.r, symptomsES)
			return []seg{lit(s[0]), {"SYMPTOM", s[1]}}
		},
		"condition":   func(g *gen) []seg { return one("CONDITION", pick(g.r, conditionsEN)) },
		"conditiones": func(g *gen) []seg { return one("CONDITION", pick(g.r, conditionsES)) },
		"drug": func(g *gen) []seg {
			d := pick(g.r, drugs)
			return one("MEDICATION", d.name+" "+pick(g.r, d.doses)+" "+pick(g.r, freqEN))
		},
		"druges": func(g *gen) []seg {
			d := pick(g.r, drugs)
			return one("MEDICATION", d.name+" "+pick(g.r, d.doses)+" "+pick(g.r, freqES))
		},
		"drugname": func(g *gen) []seg { return one("MEDICATION", pick(g.r, drugs).name) },
		"lab":      func(g *gen) []seg { return one("LAB", pick(g.r, labsEN)(g.r)) },
		"labes":    func(g *gen) []seg { return one("LAB", pick(g.r, labsES)(g.r)) },
		"vital":    func(g *gen) []seg { return one("LAB", pick(g.r, vitalsEN)(g.r)) },
		"vitales":  func(g *gen) []seg { return one("LAB", pick(g.r, vitalsES)(g.r)) },
		"preg":     func(g *gen) []seg { return one("CONDITION", pick(g.r, pregnancyEN)(g.r)) },
		"preges":   func(g *gen) []seg { return one("CONDITION", pick(g.r, pregnancyES)(g.r)) },
		"spec":     func(g *gen) []seg { return specialty(pick(g.r, specialtyEN)) },
		"speces":   func(g *gen) []seg { return specialty(pick(g.r, specialtyES)) },
		"otc": func(g *gen) []seg {
			return one("MEDICATION", pick(g.r, []string{"tylenol", "ibuprofen", "benadryl", "zyrtec", "pepto"}))
		},
		"prenatal": func(g *gen) []seg {
			return one("CONDITION", pick(g.r, []string{"prenatal appt", "prenatal visit", "ob appointment"}))
		},
		"cardexp": func(g *gen) []seg {
			return one("DATE", fmt.Sprintf("%02d/%d", g.r.between(1, 12), g.r.between(27, 31)))
		},
		// A medical device names the condition it treats.
		"meddevice": func(g *gen) []seg {
			return one("CONDITION", pick(g.r, []string{"insulin pump", "CGM transmitter", "nebulizer", "oxygen concentrator", "cpap machine", "dexcom sensor"}))
		},
		"nowalk": func(g *gen) []seg {
			return one("SYMPTOM", pick(g.r, []string{"ya no camina", "no puede caminar", "usa silla de ruedas"}))
		},
		// Unlabelled colour.
		"hi": func(g *gen) []seg {
			return []seg{lit(pick(g.r, []string{"hi", "hello", "good morning", "hey", "hii", "good afternoon"}))}
		},
		"hola": func(g *gen) []seg {
			return []seg{lit(pick(g.r, []string{"hola", "buenos días", "buenas tardes", "buenas", "ola"}))}
		},
		"rel": func(g *gen) []seg {
			return []seg{lit(pick(g.r, []string{"my husband", "my wife", "my son", "my daughter", "my mom", "my dad", "my grandma", "my grandpa", "my brother", "my sister", "my aunt", "my fiancé", "my stepson", "my mother in law"}))}
		},
		"reles": func(g *gen) []seg {
			return []seg{lit(pick(g.r, []string{"mi esposo", "mi esposa", "mi hijo", "mi hija", "mi mamá", "mi papá", "mi abuela", "mi abuelo", "mi hermana", "mi suegra", "mi nieto"}))}
		},
		"title": func(g *gen) []seg {
			return []seg{lit(pick(g.r, []string{"Dr. ", "dr ", "Doctor ", "Dra. ", "Nurse ", "Mrs. ", "Mr. ", "Ms. ", "Sra. ", "Sr. "}))}
		},
	}
}

// intlAddress is an address outside the US, in the shapes those countries
// write, with its postal code as its own span where it has one.
func (g *gen) intlAddress() []seg {
	n := func(lo, hi int) string { return itoa(g.r.between(lo, hi)) }
	L := func() string { return string(rune('A' + g.r.intn(26))) }
	switch g.r.intn(12) {
	case 0:
		return []seg{{"ADDRESS", "Av. Revolución " + n(100, 2999) + ", Col. San Ángel"}, lit(", CDMX "), {"ZIP", "0" + g.r.digits(4)}}
	case 1:
		return []seg{{"ADDRESS", "Calle Hidalgo " + n(1, 400) + ", Guadalajara"}, lit(", Jal. "), {"ZIP", "44" + g.r.digits(3)}}
	case 2:
		return []seg{{"ADDRESS", "Carrera " + n(1, 90) + " # " + n(10, 99) + "-" + n(10, 99) + ", Bogotá"}}
	case 3:
		return []seg{{"ADDRESS", n(2, 140) + " Albert Road, Manchester"}, lit(" "), {"ZIP", "M" + n(1, 40) + " " + n(1, 9) + L() + L()}}
	case 4:
		return []seg{{"ADDRESS", n(1, 80) + " Oakwood Drive, Cork"}, lit(" "), {"ZIP", "T12 " + L() + n(1, 9) + L() + n(1, 9)}}
	case 5:
		return []seg{{"ADDRESS", n(100, 3999) + " Rue Sherbrooke O, Montréal"}, lit(" QC "), {"ZIP", "H3G " + n(1, 9) + L() + n(1, 9)}}
	case 6:
		return []seg{{"ADDRESS", "Flat " + n(101, 905) + ", Sai Residency, Banjara Hills, Hyderabad"}, lit(" "), {"ZIP", "500" + g.r.digits(3)}}
	case 7:
		return []seg{{"ADDRESS", "Blk " + n(1, 30) + " Lot " + n(1, 40) + ", Brgy. San Isidro, Quezon City"}, lit(" "), {"ZIP", "11" + g.r.digits(2)}}
	case 8:
		return []seg{{"ADDRESS", "Hauptstraße " + n(1, 200)}, lit(", "), {"ZIP", "10" + g.r.digits(3)}, lit(" "), {"ADDRESS", "Berlin"}}
	case 9:
		return []seg{{"ADDRESS", "Calle El Conde " + n(1, 300) + ", Santo Domingo"}, lit(" "), {"ZIP", "10" + g.r.digits(3)}}
	case 10:
		return []seg{{"ADDRESS", "Rua das Flores " + n(1, 900) + ", São Paulo"}, lit(" "), {"ZIP", "01" + g.r.digits(3) + "-" + g.r.digits(3)}}
	default:
		return []seg{{"ADDRESS", "Colonia Escalón, Pasaje " + n(1, 20) + " casa #" + n(1, 90) + ", San Salvador"}}
	}
}

// splitComponents labels each comma-separated part of an address on its
// own, as the US addresses are (street, city, ZIP): the 80% rule then
// asks for every part, not for a share of the whole line.
func splitComponents(segs []seg) []seg {
	var out []seg
	for _, s := range segs {
		if s.typ != "ADDRESS" {
			out = append(out, s)
			continue
		}
		for i, part := range strings.Split(s.text, ", ") {
			if i > 0 {
				out = append(out, lit(", "))
			}
			out = append(out, seg{"ADDRESS", part})
		}
	}
	return out
}

func specialty(s [3]string) []seg {
	return []seg{lit(s[0]), {"CONDITION", s[1]}, lit(s[2])}
}
