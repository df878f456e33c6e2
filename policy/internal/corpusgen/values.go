package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// seg is one piece of a generated message; typ is the gold span type, or
// empty for text that is not PHI.
type seg struct {
	text string
	typ  string
}

func lit(s string) seg { return seg{text: s} }

// gen draws fake values. Every value is invented: names from public
// frequency lists, numbers from random digits with valid check digits.
type gen struct {
	r *rand.Rand
}

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }
func (g *gen) digit() byte             { return byte('0' + g.r.IntN(10)) }
func (g *gen) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = g.digit()
	}
	return string(b)
}
func (g *gen) letters(n int) string {
	const a = "ABCDEFGHJKLMNPRSTUVWXYZ"
	b := make([]byte, n)
	for i := range b {
		b[i] = a[g.r.IntN(len(a))]
	}
	return string(b)
}

var (
	firstEN = []string{"Maria", "John", "Jennifer", "Michael", "Linda", "David", "Susan", "Robert", "Karen",
		"James", "Patricia", "William", "Elizabeth", "Thomas", "Sarah", "Daniel", "Jessica", "Matthew",
		"Ashley", "Christopher", "Emily", "Andrew", "Megan", "Joshua", "Nicole", "Brandon", "Kimberly",
		"Tyler", "Rachel", "Kevin", "Heather", "Brian", "Amanda", "Jason", "Melissa", "Ryan", "Stephanie"}
	firstES = []string{"María", "José", "Juan", "Guadalupe", "Luis", "Ana", "Carlos", "Sofía", "Jorge",
		"Lucía", "Miguel", "Valentina", "Alejandro", "Camila", "Francisco", "Gabriela", "Javier", "Daniela",
		"Ricardo", "Fernanda", "Eduardo", "Mariana", "Andrés", "Verónica", "Héctor", "Adriana", "Raúl",
		"Beatriz", "Sergio", "Leticia", "Ramón", "Yolanda", "Enrique", "Claudia", "Ignacio", "Ximena"}
	lastEN = []string{"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
		"Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Thompson", "Harris", "Clark", "Lewis",
		"Robinson", "Walker", "Allen", "Nguyen", "Patel", "Kim", "Chen", "Murphy", "Sullivan", "Bennett",
		"Peterson", "Hughes", "Coleman", "Jenkins", "Henderson"}
	lastES = []string{"García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez",
		"Sánchez", "Ramírez", "Torres", "Gómez", "Díaz", "Vázquez", "Jiménez", "Moreno", "Muñoz",
		"Álvarez", "Romero", "Gutiérrez", "Navarro", "Domínguez", "Ortiz", "Castro", "Chávez", "Mendoza",
		"Herrera", "Aguilar", "Medina", "Vargas", "Ruiz", "Morales", "Delgado"}
	// Names that are not in the engine's lists: they test the cue phrases.
	rareFirst = []string{"Xiomara", "Yaretzi", "Nayeli", "Itzel", "Anahí", "Maricruz", "Citlali",
		"Dayanara", "Yuridia", "Brayan", "Jhonatan", "Eliud", "Abdiel", "Ezequiel", "Osvaldo",
		"Rigoberto", "Heriberto", "Wilfredo", "Efraín", "Oluwaseun", "Siobhan", "Thaddeus", "Priyanka"}
	rareLast = []string{"Quispe", "Huamán", "Mamani", "Condori", "Tzul", "Xicará", "Ajanel", "Okafor",
		"Nakamura", "Kowalski", "Oyelaran", "Haddad", "Abernathy", "Thistlewood", "Villalpando", "Zepeda"}
	monthsEN    = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	monthsENab  = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	monthsES    = []string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"}
	streetsEN   = []string{"Main", "Oak", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park", "Pine", "Sunset", "Lincoln", "Jefferson", "Highland", "Meadow", "River"}
	suffixesEN  = []string{"St", "Street", "Ave", "Avenue", "Rd", "Road", "Blvd", "Dr", "Drive", "Ln", "Lane", "Ct", "Way", "Pl"}
	streetsES   = []string{"Reforma", "Insurgentes", "Juárez", "Hidalgo", "Morelos", "Mayor", "de Alcalá", "Independencia", "Revolución", "de la Paz", "Zaragoza", "Allende"}
	prefixesES  = []string{"Calle", "Av.", "Avenida", "calle", "Calzada", "Paseo"}
	citiesEN    = []string{"Springfield", "Riverside", "Fairview", "Greenville", "Madison", "Franklin", "Clinton", "Salem", "Georgetown", "Bristol"}
	statesEN    = []string{"IL", "TX", "CA", "FL", "NY", "AZ", "NM", "GA", "WA", "OR"}
	medsAll     = []string{"metformin", "lisinopril", "atorvastatin", "amlodipine", "levothyroxine", "omeprazole", "albuterol", "gabapentin", "sertraline", "ibuprofen", "acetaminophen", "insulin", "Ozempic", "Eliquis", "Tylenol", "amoxicillin", "prednisone", "losartan", "warfarin", "Xanax", "tramadol", "Lexapro", "montelukast"}
	medsES      = []string{"metformina", "insulina", "paracetamol", "amoxicilina", "aspirina", "losartan", "omeprazol", "ibuprofeno", "levotiroxina", "atorvastatina"}
	condEN      = []string{"diabetes", "high blood pressure", "asthma", "hypertension", "COPD", "depression", "anxiety", "arthritis", "migraine", "pneumonia", "UTI", "HIV", "hepatitis", "cancer", "heart failure", "sleep apnea", "kidney stones", "atrial fibrillation", "gout", "epilepsy"}
	condES      = []string{"diabetes", "hipertensión", "asma", "presión alta", "depresión", "ansiedad", "artritis", "neumonía", "infección urinaria", "colesterol alto", "cáncer", "gastritis", "migraña", "embarazada"}
	sympEN      = []string{"chest pain", "fever", "headache", "dizziness", "shortness of breath", "nausea", "vomiting", "rash", "cough", "sore throat", "swelling", "back pain", "diarrhea", "blurred vision", "palpitations", "chills", "numbness"}
	sympES      = []string{"dolor de pecho", "fiebre", "dolor de cabeza", "mareos", "falta de aire", "náuseas", "vómito", "tos", "dolor de garganta", "diarrea", "hinchazón", "escalofríos", "dolor de espalda", "sangrado"}
	labEN       = []string{"A1C", "blood sugar", "cholesterol", "CBC", "TSH", "lab results", "blood work", "urinalysis", "mammogram", "x-ray", "MRI", "PSA", "INR", "lipid panel", "pap smear"}
	labES       = []string{"glucosa", "colesterol", "análisis de sangre", "examen de orina", "resultados de laboratorio", "mamografía", "radiografía", "hemoglobina", "prueba de embarazo", "ultrasonido"}
	weekdaysEN  = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	weekdaysES  = []string{"lunes", "martes", "miércoles", "jueves", "viernes", "sábado"}
	emailHosts  = []string{"gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "aol.com", "live.com.mx", "proton.me"}
	urlHosts    = []string{"mychart.example.com/patient/", "www.facebook.com/", "portal.healthplan.org/u/", "https://drive.google.com/file/d/", "http://example-clinic.net/records/", "www.instagram.com/"}
	relationsEN = []string{"son", "daughter", "wife", "husband", "mom", "dad", "mother", "father", "grandson", "granddaughter", "sister", "brother"}
	relationsES = []string{"hijo", "hija", "esposo", "esposa", "mamá", "papá", "abuela", "abuelo", "hermana", "hermano", "nieta", "nieto"}
)

func (g *gen) caseStyle(s string) string {
	switch g.r.IntN(10) {
	case 0, 1, 2:
		return strings.ToLower(s)
	case 3:
		return strings.ToUpper(s)
	}
	return s
}

func (g *gen) first(lang string) string {
	if lang == "es" || g.r.IntN(4) == 0 {
		return g.pick(firstES)
	}
	return g.pick(firstEN)
}

func (g *gen) last(lang string) string {
	if lang == "es" || g.r.IntN(4) == 0 {
		return g.pick(lastES)
	}
	return g.pick(lastEN)
}

func (g *gen) fullName(lang string) string {
	f, l := g.first(lang), g.last(lang)
	switch g.r.IntN(8) {
	case 0:
		return g.caseStyle(l + ", " + f)
	case 1:
		if lang == "es" {
			return g.caseStyle(f + " " + l + " " + g.last(lang))
		}
	}
	return g.caseStyle(f + " " + l)
}

func (g *gen) rareName() string {
	n := g.pick(rareFirst) + " " + g.pick(rareLast)
	if g.r.IntN(4) == 0 {
		return strings.ToLower(n)
	}
	return n
}

func (g *gen) nanp() string {
	a := fmt.Sprintf("%d%s", 2+g.r.IntN(8), g.digits(2))
	e := fmt.Sprintf("%d%s", 2+g.r.IntN(8), g.digits(2))
	return a + e + g.digits(4)
}

func (g *gen) phone() string {
	d := g.nanp()
	a, e, s := d[:3], d[3:6], d[6:]
	switch g.r.IntN(12) {
	case 0:
		return "(" + a + ") " + e + "-" + s
	case 1:
		return a + "-" + e + "-" + s
	case 2:
		return a + "." + e + "." + s
	case 3:
		return d
	case 4:
		return a + " " + e + " " + s
	case 5:
		return "+1 " + a + " " + e + " " + s
	case 6:
		return "+1-" + a + "-" + e + "-" + s
	case 7:
		return "1-" + a + "-" + e + "-" + s
	case 8:
		return "+52 " + g.digits(2) + " " + g.digits(4) + " " + g.digits(4)
	case 9:
		return "+34 6" + g.digits(2) + " " + g.digits(3) + " " + g.digits(3)
	case 10:
		return "(" + a + ")" + e + "-" + s
	}
	return "+1" + d
}

func (g *gen) ssn() string {
	for {
		d := g.digits(9)
		if d[:3] == "000" || d[:3] == "666" || d[3:5] == "00" || d[5:] == "0000" {
			continue
		}
		switch g.r.IntN(4) {
		case 0:
			return d[:3] + " " + d[3:5] + " " + d[5:]
		case 1:
			return d
		}
		return d[:3] + "-" + d[3:5] + "-" + d[5:]
	}
}

func luhnComplete(prefix string) string {
	sum := 0
	double := true
	for i := len(prefix) - 1; i >= 0; i-- {
		d := int(prefix[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return prefix + string(byte('0'+(10-sum%10)%10))
}

func (g *gen) card() string {
	var n string
	if g.r.IntN(2) == 0 {
		n = luhnComplete("4" + g.digits(14))
	} else {
		n = luhnComplete("5" + string(byte('1'+g.r.IntN(5))) + g.digits(13))
	}
	switch g.r.IntN(3) {
	case 0:
		return n
	case 1:
		return n[:4] + "-" + n[4:8] + "-" + n[8:12] + "-" + n[12:]
	}
	return n[:4] + " " + n[4:8] + " " + n[8:12] + " " + n[12:]
}

func (g *gen) npi() string {
	for {
		p := "1" + g.digits(8)
		// Luhn over 80840 + NPI: complete the 14-digit prefix.
		full := luhnComplete("80840" + p)
		return full[5:]
	}
}

func (g *gen) dea() string {
	l := g.letters(2)
	d := g.digits(6)
	s := int(d[0]-'0') + int(d[2]-'0') + int(d[4]-'0') + 2*(int(d[1]-'0')+int(d[3]-'0')+int(d[5]-'0'))
	return l + d + string(byte('0'+s%10))
}

func (g *gen) vin() string {
	const chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
	weights := []int{8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2}
	val := func(c byte) int {
		if c >= '0' && c <= '9' {
			return int(c - '0')
		}
		return map[byte]int{'A': 1, 'B': 2, 'C': 3, 'D': 4, 'E': 5, 'F': 6, 'G': 7, 'H': 8, 'J': 1, 'K': 2, 'L': 3, 'M': 4, 'N': 5, 'P': 7, 'R': 9, 'S': 2, 'T': 3, 'U': 4, 'V': 5, 'W': 6, 'X': 7, 'Y': 8, 'Z': 9}[c]
	}
	b := []byte("1" + string(chars[g.r.IntN(23)]) + g.letters(1) + g.digits(2) + g.letters(3) + "0" + g.letters(1) + g.digits(7))
	sum := 0
	for i, c := range b {
		sum += val(c) * weights[i]
	}
	if c := sum % 11; c == 10 {
		b[8] = 'X'
	} else {
		b[8] = byte('0' + c)
	}
	return string(b)
}

func (g *gen) mbi() string {
	const a = "ACDEFGHJKMNPQRTUVWXY"
	A := func() string { return string(a[g.r.IntN(len(a))]) }
	n := func() string { return string(byte('1' + g.r.IntN(9))) }
	s := n() + A() + A() + g.digits(1) + A() + A() + g.digits(1) + A() + A() + g.digits(2)
	if g.r.IntN(2) == 0 {
		return s[:4] + "-" + s[4:7] + "-" + s[7:]
	}
	return s
}

func (g *gen) mrn() string {
	switch g.r.IntN(4) {
	case 0:
		return g.digits(6 + g.r.IntN(4))
	case 1:
		return g.letters(1) + g.digits(7)
	case 2:
		return "MR-" + g.digits(4) + "-" + g.digits(5)
	}
	return g.digits(8)
}

func (g *gen) member() string {
	switch g.r.IntN(4) {
	case 0:
		return g.letters(3) + g.digits(9)
	case 1:
		return "W" + g.digits(9)
	case 2:
		return g.mbi()
	}
	return g.letters(2) + g.digits(6) + g.letters(1)
}

func (g *gen) account() string {
	switch g.r.IntN(3) {
	case 0:
		return g.digits(8 + g.r.IntN(5))
	case 1:
		return "ACCT-" + g.digits(6)
	}
	return g.digits(4) + "-" + g.digits(4)
}

func (g *gen) license() string {
	switch g.r.IntN(4) {
	case 0:
		return g.letters(1) + g.digits(7)
	case 1:
		return g.letters(1) + g.digits(3) + "-" + g.digits(4) + "-" + g.digits(4)
	case 2:
		return g.dea()
	}
	return g.npi()
}

func (g *gen) plate() string {
	switch g.r.IntN(3) {
	case 0:
		return g.digits(1) + g.letters(3) + g.digits(3)
	case 1:
		return g.letters(3) + "-" + g.digits(4)
	}
	return g.letters(3) + " " + g.digits(3)
}

func (g *gen) serial() string {
	switch g.r.IntN(3) {
	case 0:
		return g.letters(2) + g.digits(8)
	case 1:
		return luhnComplete("35" + g.digits(12)) // IMEI
	}
	return g.letters(1) + g.digits(2) + g.letters(2) + g.digits(5)
}

func (g *gen) email(lang string) string {
	f := strings.ToLower(fold(g.first(lang)))
	l := strings.ToLower(fold(g.last(lang)))
	host := g.pick(emailHosts)
	switch g.r.IntN(6) {
	case 0:
		return f + "." + l + "@" + host
	case 1:
		return f[:1] + l + g.digits(2) + "@" + host
	case 2:
		h := strings.Split(host, ".")
		if lang == "es" {
			return f + " arroba " + h[0] + " punto " + h[1]
		}
		return f + " at " + h[0] + " dot " + h[1]
	case 3:
		h := strings.Split(host, ".")
		return f + l + "[at]" + h[0] + "(dot)" + h[1]
	}
	return f + "_" + l + "@" + host
}

func (g *gen) url() string {
	u := g.pick(urlHosts)
	switch {
	case strings.HasSuffix(u, "patient/"), strings.HasSuffix(u, "records/"):
		return u + g.digits(6)
	case strings.HasSuffix(u, "/d/"):
		return u + g.letters(4) + g.digits(3) + g.letters(3)
	}
	return u + strings.ToLower(fold(g.first("en"))) + "." + strings.ToLower(fold(g.last("en"))) + g.digits(2)
}

func (g *gen) ip() string {
	return fmt.Sprintf("%d.%d.%d.%d", 10+g.r.IntN(200), g.r.IntN(256), g.r.IntN(256), 1+g.r.IntN(254))
}

func (g *gen) addressEN() string {
	s := fmt.Sprintf("%d %s %s", 10+g.r.IntN(9000), g.pick(streetsEN), g.pick(suffixesEN))
	switch g.r.IntN(4) {
	case 0:
		s += ", Apt " + fmt.Sprint(1+g.r.IntN(30)) + g.letters(1)
	case 1:
		s += " #" + fmt.Sprint(1+g.r.IntN(300))
	}
	if g.r.IntN(3) == 0 {
		return strings.ToLower(s)
	}
	return s
}

func (g *gen) addressES() string {
	s := fmt.Sprintf("%s %s %d", g.pick(prefixesES), g.pick(streetsES), 1+g.r.IntN(900))
	if g.r.IntN(3) == 0 {
		s += ", piso " + fmt.Sprint(1+g.r.IntN(9))
	}
	return s
}

func (g *gen) zip() string { return fmt.Sprintf("%05d", 1000+g.r.IntN(98000)) }

func (g *gen) age90() string { return fmt.Sprint(90 + g.r.IntN(16)) }

// dob is a full birth date in a common written form.
func (g *gen) dob(lang string) string {
	y := 1930 + g.r.IntN(80)
	m := 1 + g.r.IntN(12)
	d := 1 + g.r.IntN(28)
	if lang == "es" {
		switch g.r.IntN(5) {
		case 0:
			return fmt.Sprintf("%02d/%02d/%d", d, m, y)
		case 1:
			return fmt.Sprintf("%d de %s de %d", d, monthsES[m-1], y)
		case 2:
			return fmt.Sprintf("%02d-%02d-%d", d, m, y)
		case 3:
			return fmt.Sprintf("%d.%d.%d", d, m, y)
		}
		return fmt.Sprintf("%d/%d/%02d", d, m, y%100)
	}
	switch g.r.IntN(8) {
	case 0:
		return fmt.Sprintf("%02d/%02d/%d", m, d, y)
	case 1:
		return fmt.Sprintf("%d/%d/%02d", m, d, y%100)
	case 2:
		return fmt.Sprintf("%s %d, %d", monthsEN[m-1], d, y)
	case 3:
		return fmt.Sprintf("%s %d %d", monthsENab[m-1], d, y)
	case 4:
		return fmt.Sprintf("%d %s %d", d, monthsEN[m-1], y)
	case 5:
		return fmt.Sprintf("%d-%02d-%02d", y, m, d)
	case 6:
		return fmt.Sprintf("%s %d%s, %d", monthsEN[m-1], d, ordinal(d), y)
	}
	return fmt.Sprintf("%d-%d-%d", m, d, y)
}

func ordinal(d int) string {
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

// date is an appointment or event date, often without a year.
func (g *gen) date(lang string) string {
	m := 1 + g.r.IntN(12)
	d := 1 + g.r.IntN(28)
	if lang == "es" {
		switch g.r.IntN(4) {
		case 0:
			return fmt.Sprintf("%d de %s", d, monthsES[m-1])
		case 1:
			return fmt.Sprintf("%d/%d/%d", d, m, 2025+g.r.IntN(2))
		case 2:
			return fmt.Sprintf("%d de %s de %d", d, monthsES[m-1], 2025+g.r.IntN(2))
		}
		return fmt.Sprintf("%s %d", monthsES[m-1], d)
	}
	switch g.r.IntN(6) {
	case 0:
		return fmt.Sprintf("%s %d", monthsEN[m-1], d)
	case 1:
		return fmt.Sprintf("%s %d%s", monthsEN[m-1], d, ordinal(d))
	case 2:
		return fmt.Sprintf("%d/%d/%d", m, d, 2025+g.r.IntN(2))
	case 3:
		return fmt.Sprintf("%d%s of %s", d, ordinal(d), monthsEN[m-1])
	case 4:
		return fmt.Sprintf("%s. %d", monthsENab[m-1], d)
	}
	return fmt.Sprintf("%02d/%02d/%d", m, d, 2025+g.r.IntN(2))
}

// fold strips the Spanish accents for email local parts.
func fold(s string) string {
	r := strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ñ", "n", "Á", "A", "É", "E", "Í", "I", "Ó", "O", "Ú", "U", "Ñ", "N", "ü", "u")
	return r.Replace(s)
}
