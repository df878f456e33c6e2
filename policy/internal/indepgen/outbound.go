package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// ClinicConfig is the clinic's own allow-list: what the clinic may always
// say about itself.
type ClinicConfig struct {
	ClinicNames []string `json:"clinic_names"`
	Addresses   []string `json:"addresses"`
	Phones      []string `json:"phones"`
	Web         []string `json:"web"`
	StaffNames  []string `json:"staff_names"`
}

// clinic is a fictional clinic; the outbound corpus and the clean inbound
// messages name it.
var clinic = ClinicConfig{
	ClinicNames: []string{"Harbor Lights Community Health", "Clínica Comunitaria Harbor Lights", "Harbor Lights Pediatrics"},
	Addresses:   []string{"1450 W Cermak Rd, Suite 210, Chicago, IL 60608", "3322 S Kedzie Ave, Chicago, IL 60623"},
	Phones:      []string{"(312) 555-0148", "312-555-0190", "+1 312 555 0177"},
	Web:         []string{"https://harborlightshealth.org", "www.harborlightshealth.org", "https://portal.harborlightshealth.org"},
	StaffNames:  []string{"Dr. Patel", "Dr. Okonkwo", "Dra. Villarreal", "Nurse Becker", "Lucía Fernández", "Marcus Hill", "Dr. Amara Singh"},
}

func init() {
	slots["clinicname"] = plain(func(r *rand.Rand, _ string) string { return pick(r, clinic.ClinicNames) })
	slots["clinicaddr"] = plain(func(r *rand.Rand, _ string) string { return pick(r, clinic.Addresses) })
	slots["clinicphone"] = plain(func(r *rand.Rand, _ string) string { return pick(r, clinic.Phones) })
	slots["clinicweb"] = plain(func(r *rand.Rand, _ string) string { return pick(r, clinic.Web[:2]) })
	slots["portal"] = plain(func(_ *rand.Rand, _ string) string { return clinic.Web[2] })
	slots["staff"] = plain(func(r *rand.Rand, _ string) string { return pick(r, clinic.StaffNames) })
	slots["misdrug"] = lab("MEDICATION", func(r *rand.Rand, _ string) string { return misspell(r, longDrug(r)) })
	slots["prep"] = lab("MEDICATION", func(r *rand.Rand, _ string) string {
		return pick(r, []string{"Truvada", "truvada", "Descovy", "descovy", "Apretude", "your PrEP", "emtricitabine/tenofovir", "Biktarvy"})
	})
	slots["dottedcond"] = lab("CONDITION", func(r *rand.Rand, lang string) string {
		d, _ := dotted(r, lang, pick(r, langPick(lang, []string{"HIV", "STD", "HPV", "HSV", "UTI", "TB"}, []string{"VIH", "ETS", "VPH", "TB"})))
		return d
	})
	slots["leetresult"] = lab("LAB", func(r *rand.Rand, lang string) string {
		w := pick(r, langPick(lang, []string{"positive", "negative", "normal", "abnormal", "reactive"}, []string{"positivo", "negativo", "normal", "reactivo"}))
		for {
			if l, ok := leet(r, lang, w); ok {
				return l
			}
		}
	})
}

func longDrug(r *rand.Rand) string {
	for {
		if d := pick(r, drugs).name; len(d) >= 6 && !strings.ContainsAny(d, " -áéíóú") {
			return d
		}
	}
}

// misspell makes one or two keyboard-typical edits to a drug name. Two
// edits can cancel or compound, so the result is checked and redrawn until
// it lies at distance 1 or 2.
func misspell(r *rand.Rand, s string) string {
	for {
		if m := misspellOnce(r, s); m != s && editDistance(s, m) <= 2 {
			return m
		}
	}
}

func misspellOnce(r *rand.Rand, s string) string {
	b := []byte(s)
	for range 1 + r.IntN(2) {
		i := 1 + r.IntN(len(b)-2)
		switch r.IntN(4) {
		case 0: // dropped letter
			b = append(b[:i:i], b[i+1:]...)
		case 1: // swapped neighbours
			b[i], b[i+1] = b[i+1], b[i]
		case 2: // doubled letter
			b = append(b[:i+1:i+1], b[i:]...)
		default: // wrong vowel
			if strings.IndexByte("aeiou", b[i]) >= 0 {
				b[i] = "aeiou"[(strings.IndexByte("aeiou", b[i])+1+r.IntN(4))%5]
			} else {
				b = append(b[:i:i], b[i+1:]...)
			}
		}
	}
	return string(b)
}

// editDistance is the optimal-string-alignment distance: insertions,
// deletions, substitutions and adjacent transpositions each cost one.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

type draftKind struct {
	expect, why string
	weight      int
	en, es      []string
}

var draftKinds = []draftKind{
	{"refuse", "discloses a test result about the patient without any identifier", 7, []string{
		"your results are normal",
		"Hi! Good news, your lab results came back normal.",
		"your bloodwork looked fine, no need to come in",
		"The test was negative 👍",
		"your {lab}, dr wants to talk about it",
		"results are in: {lab}",
		"everything on your labs was within range except your cholesterol",
		"your urine culture grew e. coli",
		"your x-ray showed a small fracture",
		"the biopsy came back benign",
		"your pap was normal, next one in 3 years",
		"Your strep test was positive, we sent an antibiotic",
	}, []string{
		"sus resultados salieron normales",
		"buenas noticias, sus análisis salieron bien",
		"{lab}, la doctora quiere hablar con usted",
		"la prueba salió negativa 👍",
		"la biopsia salió benigna",
		"su papanicolaou salió normal",
		"su radiografía mostró una pequeña fractura",
	}},
	{"refuse", "names a medication prescribed to the patient", 6, []string{
		"your prescription for {drug} is ready",
		"we sent {drug} to your pharmacy",
		"we sent a new prescription for {med}",
		"the pharmacy has your {drug} refill",
		"dr approved the refill: {med}",
		"please keep taking {med} until your visit",
		"your {drug} prior auth was approved",
		"ok we increased it to {med}",
	}, []string{
		"su receta de {drug} ya está lista",
		"mandamos {drug} a su farmacia",
		"mandamos la receta nueva de {med}",
		"ya está el resurtido de {drug}",
		"siga tomando {med} hasta su cita",
		"se aprobó la autorización de {drug}",
	}},
	{"refuse", "states a diagnosis or condition of the patient", 5, []string{
		"dr says it's {cond}, we'll talk at your visit",
		"you tested positive for {cond}",
		"your {visit} is confirmed for {weekday} at {time}",
		"reminder: {visit} tomorrow, bring your meds list",
		"congrats, you are {preg}! first prenatal visit next week",
		"the doctor thinks your {symptom} is from the new medicine",
	}, []string{
		"la doctora dice que es {cond}",
		"usted salió positiva para {cond}",
		"su {visit} quedó para el {weekday} a las {time}",
		"felicidades, está {preg}",
	}},
	{"refuse", "evasion: dotted abbreviation or digits for letters hides a result", 4, []string{
		"your {dottedcond} test was {leetresult}",
		"{dottedcond} test n3gative, all good",
		"the t3st came back {leetresult}",
		"your {dottedcond} screen is {leetresult}",
		"ur results r {leetresult}",
	}, []string{
		"su prueba de {dottedcond} salió {leetresult}",
		"la prueba salió {leetresult}",
	}},
	{"refuse", "names an HIV-prevention or HIV medication for the patient, alone", 3, []string{
		"your {prep} refill is ready",
		"{prep} is ready for pickup",
		"don't forget to pick up your {prep}",
		"your Apretude shot is due next week",
		"we sent the {prep} to walgreens",
	}, []string{
		"su {prep} ya está lista",
		"ya puede recoger su {prep}",
		"le toca su inyección de Apretude",
	}},
	{"refuse", "misspelled medication name for the patient", 4, []string{
		"your {misdrug} is ready at the pharmacy",
		"refill sent for {misdrug}",
		"keep taking the {misdrug} twice a day",
		"dr changed your {misdrug} dose",
	}, []string{
		"su {misdrug} ya está en la farmacia",
		"mandamos el resurtido de {misdrug}",
		"siga con la {misdrug} dos veces al día",
	}},
	{"refuse", "contains the patient's identifiers", 5, []string{
		"Hi {full}, we have your date of birth as {dob}, is that right?",
		"patient {lastfirst} MRN {mrn} checked in",
		"we have your ssn as {ssn}",
		"your member id on file is {member}",
		"we'll mail the letter to {addr}",
		"is {phone} still the best number for you?",
		"we have {email} on file, correct?",
		"hi {full}, your card ending {card} was declined",
	}, []string{
		"Hola {full}, tenemos su fecha de nacimiento como {dob}, ¿es correcto?",
		"paciente {lastfirst} expediente {mrn}",
		"su número de afiliado es {member}",
		"le mandamos la carta a {fgaddr}",
		"¿sigue siendo {phone} su número?",
	}},
	{"allow", "the clinic's own name, hours or address", 9, []string{
		"{clinicname} is open Monday to Friday 8am to 5pm",
		"Our address is {clinicaddr}. Parking is free in the back lot.",
		"You can reach {clinicname} at {clinicphone}",
		"For hours and directions visit {clinicweb}",
		"Thanks for contacting {clinicname}! We'll reply within one business day.",
		"our new location is {clinicaddr}, same phone {clinicphone}",
	}, []string{
		"{clinicname} abre de lunes a viernes de 8am a 5pm",
		"Nuestra dirección es {clinicaddr}",
		"Puede llamarnos al {clinicphone}",
		"Horarios y direcciones en {clinicweb}",
		"Gracias por escribir a {clinicname}, le respondemos en un día hábil",
	}},
	{"allow", "staff display name and appointment logistics only", 12, []string{
		"{staff} will call you this afternoon",
		"{staff} is running about {count} minutes behind, sorry!",
		"your appointment with {staff} is confirmed for {weekday} at {time}",
		"please arrive 15 minutes early and bring your insurance card and photo ID",
		"We can move you to {weekday} at {time}, does that work?",
		"{staff} asked me to let you know she got your message",
		"we will call you when a room is ready, room {room}",
		"the copay is {price}, you can pay at the front desk",
		"yes we accept {insurer}",
		"your {imaging} appointment is at {time} on {weekday}, please check in at the front desk",
	}, []string{
		"{staff} le va a llamar en la tarde",
		"{staff} va con {count} minutos de retraso, disculpe",
		"su cita con {staff} quedó para el {weekday} a las {time}",
		"por favor llegue 15 minutos antes con su tarjeta del seguro",
		"le podemos pasar al {weekday} a las {time}, ¿le queda bien?",
		"sí aceptamos {insurer}",
		"el copago es {price}",
	}},
	{"allow", "generic safety advice, not about the patient", 6, []string{
		"if you have chest pain call 911 now",
		"If this is an emergency, call 911 or go to the nearest emergency room.",
		"if you are having thoughts of hurting yourself, call or text 988 any time",
		"If you have trouble breathing, call 911.",
		"after hours, call {clinicphone} and press 1 for the nurse line",
		"flu shots are available for everyone on saturdays",
	}, []string{
		"si tiene dolor de pecho llame al 911 ahora",
		"Si es una emergencia, llame al 911 o vaya a la sala de emergencias más cercana.",
		"si tiene pensamientos de hacerse daño llame o mande texto al 988",
		"fuera de horario llame al {clinicphone} y marque 1 para la enfermera",
	}},
	{"allow", "portal invitation with no clinical content", 5, []string{
		"You have a new message from your care team. Please log in at {portal}",
		"please sign in to the portal to read our reply: {portal}",
		"To keep your information private, we've posted our answer in the portal: {portal}",
		"set up your portal account here {portal}, it only takes a minute",
	}, []string{
		"Tiene un mensaje nuevo de su equipo de salud. Entre a {portal}",
		"para proteger su privacidad le respondimos en el portal: {portal}",
	}},
}

// Greetings and sign-offs as staff write them; they carry nothing clinical
// and no patient identifier, so they never change a draft's decision.
var (
	greetingsEN = []string{"", "", "", "Hi, ", "Hello! ", "Good morning, ", "Hi there. ", "Thanks for your message. "}
	greetingsES = []string{"", "", "", "Hola, ", "Buenos días, ", "Buenas tardes. ", "Gracias por su mensaje. "}
	signoffsEN  = []string{"", "", "", " Thank you!", " - {staff}", " Have a good day.", " — {clinicname}", " Let us know if you have questions."}
	signoffsES  = []string{"", "", "", " Gracias.", " Saludos.", " - {staff}", " — {clinicname}", " Quedamos a sus órdenes."}
)

const outboundTotal = 600

// Outbound builds the outbound staff drafts from seed.
func Outbound(seed uint64) []Draft {
	r := rand.New(rand.NewPCG(seed, 0x0b))
	total := 0
	for _, k := range draftKinds {
		total += k.weight
	}
	seen := map[string]bool{}
	var out []Draft
	for len(out) < outboundTotal {
		n := r.IntN(total)
		var k draftKind
		for _, k = range draftKinds {
			if n < k.weight {
				break
			}
			n -= k.weight
		}
		lang := chooseLang(r)
		tmpl := pick(r, langPick(lang, greetingsEN, greetingsES)) + pick(r, langPick(lang, k.en, k.es)) + pick(r, langPick(lang, signoffsEN, signoffsES))
		text, _ := assemble(expand(r, lang, tmpl))
		if chance(r, 0.2) {
			text = strings.ToLower(text)
		}
		if seen[text] {
			continue
		}
		seen[text] = true
		out = append(out, Draft{ID: fmt.Sprintf("out-%04d", len(out)+1), Lang: lang, Text: text, Expect: k.expect, Why: k.why})
	}
	return out
}
