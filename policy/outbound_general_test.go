package policy

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
)

// The outbound guard's own generated sets: many variants per category,
// English and Spanish, built from the vocabularies and templates below
// (not from any evaluation corpus). Each category reports the share of
// its variants the guard decides as the clinic wants; the floors are the
// measured values, so a change that makes the guard refuse more clinic
// text, or let more patient specifics through, fails here.

// guardClinic is an invented clinic, different from testClinic, so the
// allow-list is exercised on more than one profile.
var guardClinic = ClinicProfile{
	ClinicNames: []string{"Riverbend Family Health", "Clínica Familiar Riverbend", "Riverbend Pediatrics"},
	Addresses:   []string{"2200 N Kedzie Blvd, Suite 4, Chicago, IL 60647", "815 Elm Ave, Evanston, IL 60201"},
	Phones:      []string{"(773) 555-0110", "773-555-0188", "+1 847 555 0123"},
	Web:         []string{"riverbendhealth.example", "https://portal.riverbendhealth.example"},
	StaffNames:  []string{"Dr. Anjali Patel", "Dr. Marcus Okafor", "Nurse Grace Kim", "Dra. Lucía Moreno", "Sam Whitaker", "Nurse Tran"},
}

type guardCategory struct {
	name   string
	lang   string
	refuse bool // true: every variant must be refused; false: allowed
	texts  []string
	floor  float64
}

// fill crosses templates with values; "{}" is the slot. A second slot
// "{2}" takes values2 (cycled, so the set stays the size of the cross).
func fill(templates, values []string, values2 ...string) []string {
	var out []string
	n := 0
	for _, t := range templates {
		for _, v := range values {
			s := strings.ReplaceAll(t, "{}", v)
			if len(values2) > 0 {
				s = strings.ReplaceAll(s, "{2}", values2[n%len(values2)])
			}
			n++
			out = append(out, s)
		}
	}
	return out
}

// styles are how staff actually type: as written, lower case, no final
// punctuation, a greeting in front and a sign-off behind.
func styles(texts []string, lang string) []string {
	hello, bye := "Hi! ", " Thanks, Riverbend Family Health"
	if lang == "es" {
		hello, bye = "Hola, buenos días. ", " Saludos, Clínica Familiar Riverbend"
	}
	var out []string
	for i, t := range texts {
		switch i % 4 {
		case 0:
			out = append(out, t)
		case 1:
			out = append(out, strings.ToLower(strings.TrimRight(t, ".!")))
		case 2:
			out = append(out, hello+t)
		case 3:
			out = append(out, t+bye)
		}
	}
	return out
}

var (
	staffForms = []string{
		"Dr. Patel", "Dr Patel", "Dr. A. Patel", "Dr. Anjali Patel", "dr patel", "Doctor Patel", "Patel from the front desk",
		"Dr. Okafor", "Dr Marcus Okafor", "Dr. M. Okafor", "Nurse Kim", "our nurse Kim", "Nurse Grace Kim", "nurse grace",
		"Grace from nursing", "Dra. Moreno", "Dra Lucía Moreno", "la doctora Moreno", "Sam Whitaker", "Sam from the front desk",
		"Whitaker at the front desk", "Nurse Tran", "our nurse Tran",
	}
	staffTemplates = []string{
		"{} will call you this afternoon.", "{} asked me to confirm your visit on Tuesday.", "You are scheduled with {} next week.",
		"{} is running 15 minutes late today.", "This is {}, returning your call.", "Please ask for {} when you arrive.",
	}
	staffTemplatesES = []string{
		"{} le llamará esta tarde.", "Su cita es con {} el martes.", "Pregunte por {} cuando llegue.", "Le escribe {} de la clínica.",
	}
	clinicNameTemplates = []string{
		"Thank you for choosing {}.", "{} is closed on Monday for the holiday.", "Welcome to {}!", "{} now offers Saturday hours.",
		"Gracias por elegir {}.", "{} estará cerrada el lunes.",
	}
	clinicNames   = []string{"Riverbend Family Health", "Clínica Familiar Riverbend", "Riverbend Pediatrics", "riverbend family health", "RIVERBEND FAMILY HEALTH"}
	phoneForms    = []string{"(773) 555-0110", "773-555-0110", "773.555.0110", "+1 773 555 0110", "7735550110", "773-555-0188", "(847) 555-0123", "1-847-555-0123"}
	phoneTemplate = []string{
		"Call us at {} to reschedule.", "Our front desk number is {}.", "Questions? {}", "After hours, call {} and press 2.",
		"Llámenos al {} para cambiar su cita.", "Nuestro teléfono es {}.",
	}
	webForms     = []string{"riverbendhealth.example", "www.riverbendhealth.example", "https://riverbendhealth.example/forms", "https://portal.riverbendhealth.example/login", "portal.riverbendhealth.example", "info@riverbendhealth.example"}
	webTemplates = []string{"See {} for our hours.", "Forms are on {}.", "Log in at {} to check in.", "Visite {} para ver el horario.", "Escríbanos a {}."}
	addrForms    = []string{"2200 N Kedzie Blvd", "2200 N Kedzie Blvd, Suite 4", "2200 N Kedzie Blvd, Suite 4, Chicago, IL 60647", "815 Elm Ave", "815 Elm Ave, Evanston, IL 60201", "815 Elm Ave, Evanston"}
	addrTemplate = []string{"We are at {}.", "Our address: {}.", "Parking is behind {}.", "The lab moved to {}.", "Estamos en {}.", "Nuestra dirección es {}."}

	emergencySymptomsEN = []string{"chest pain", "shortness of breath", "trouble breathing", "a seizure", "sudden weakness on one side",
		"a high fever that will not come down", "severe bleeding", "thoughts of hurting yourself", "fainting", "a severe headache"}
	emergencySymptomsES = []string{"dolor de pecho", "dificultad para respirar", "una convulsión", "debilidad repentina", "fiebre muy alta",
		"sangrado fuerte", "pensamientos de hacerse daño", "desmayos"}
	safetyEN = []string{"If you have {}, call 911 now.", "If you ever have {}, go to the nearest emergency room.",
		"Anyone with {} should call 911 right away.", "If you or your child has {}, call 911.", "When someone has {}, do not wait: call 911.",
		"Call 911 if you have {}.", "If you experience {}, please go to the ER."}
	safetyES = []string{"Si tiene {}, llame al 911.", "Si usted o su hijo tiene {}, vaya a urgencias.", "Si presenta {}, llame al 911 de inmediato.",
		"Llame al 911 si tiene {}.", "En caso de {}, acuda a la sala de emergencias."}
	// Prevention and rules for whoever has a symptom: health education
	// any clinic sends.
	healthEducationTemplates = []string{"Wash your hands often to prevent {}.", "Cover your cough to avoid spreading {}.",
		"Stay up to date on vaccines to protect your family from {}.", "Lávese las manos para prevenir {}.",
		"Use cubrebocas para evitar el contagio de {}."}
	healthEducationConditions = []string{"the flu", "covid", "measles", "whooping cough", "gripe", "la gripe", "covid-19", "the flu and covid"}
	// The same words tied to this patient's care stay refused.
	educationLookalikeTemplates = []string{"If you still have {} after the new medicine, call us.",
		"Your test confirmed {}.", "If {} comes back again, we will change your treatment.",
		"Si todavía tiene {} después del tratamiento, llámenos."}
	resultsNoticeTexts = []string{"Your lab results are ready in the portal.", "Your blood test results are now available in the portal.",
		"Hi, your lab results are ready. Please log in to see them.", "Sus resultados de laboratorio ya están disponibles en el portal.",
		"Los resultados de sus análisis están listos en el portal."}
	publicHealthTexts = []string{
		"Flu shots are available Monday to Friday, no appointment needed.", "Our flu-shot clinic is this Saturday from 9 to 1.",
		"COVID boosters are now available for everyone 6 months and older.", "Wash your hands often during flu season.",
		"Please bring your insurance card and a list of your current medicines.", "Bring a list of your medications to every visit.",
		"Free blood pressure checks at the health fair this Saturday.", "Mammogram screening events are held every first Friday.",
		"Children need their vaccines before school starts.", "Stay home if you have a fever and call us to reschedule.",
		"Remember to drink water and stay cool during the heat wave.", "If you need a refill, ask your pharmacy to send us a request.",
		"Diabetes education classes start next month; everyone is welcome.", "The clinic offers free HIV testing every Wednesday.",
		"Vacunas contra la gripe disponibles de lunes a viernes, sin cita.", "Traiga su tarjeta del seguro y una lista de sus medicamentos.",
		"La campaña de vacunación es este sábado de 9 a 1.", "Lávese las manos con frecuencia durante la temporada de gripe.",
		"Si necesita una receta nueva, pida a su farmacia que nos envíe la solicitud.", "Ofrecemos pruebas gratuitas de VIH todos los miércoles.",
		"Chequeos gratis de presión arterial en la feria de salud.", "Las clases de educación sobre diabetes empiezan el próximo mes.",
	}
	operational = []string{
		"The imaging center is on floor 2.", "Fasting labs open at 7.", "The lab is open from 7 to 3 on weekdays.",
		"The pharmacy window closes at 6 pm.", "Radiology check-in is at the second desk on the left.", "The MRI suite is in building B.",
		"The x-ray department does walk-ins until noon.", "Our mammography unit is next to the main entrance.",
		"Please arrive 15 minutes early to fill out forms.", "Your appointment is confirmed for Tuesday at 10.",
		"Your results are ready in the portal.", "Your prescription is ready for pickup.", "We received your message and will reply today.",
		"The physical therapy office moved to suite 300.", "Blood draws are done in room 12.", "The cardiology clinic is on the third floor.",
		"El centro de imágenes está en el piso 2.", "El laboratorio abre a las 7 para análisis en ayunas.", "La farmacia cierra a las 6.",
		"Su cita está confirmada para el martes a las 10.", "Sus resultados ya están en el portal.", "Llegue 15 minutos antes para llenar formularios.",
		"Rayos X atiende sin cita hasta el mediodía.", "La clínica de cardiología está en el tercer piso.",
	}

	testsEN   = []string{"results", "lab results", "test", "blood work", "biopsy", "scan", "labs", "A1c", "cholesterol test", "mammogram", "Pap smear", "CT scan", "urine culture", "strep test"}
	verdictEN = []string{"came back normal", "is normal", "was negative", "came back positive", "looks fine", "was benign", "showed nothing concerning", "came back fine", "is abnormal", "came back high"}
	resultsEN = []string{"your {} {2}", "good news, your {} {2}", "the doctor says your {} {2}", "just to let you know your {} {2}", "we reviewed your {} and it {2}"}
	testsES   = []string{"resultados", "prueba", "análisis", "biopsia", "examen", "mamografía", "prueba de embarazo", "cultivo"}
	verdictES = []string{"salió positiva", "salió normal", "salió negativa", "está bien", "salió alta", "fue benigna", "salió bien"}
	resultsES = []string{"tu {} {2}", "su {} {2}", "buenas noticias, su {} {2}", "le confirmo que su {} {2}"}

	dxEN = []string{"You have type 2 diabetes.", "Your diagnosis is pneumonia.", "The doctor confirmed you have strep.", "You were diagnosed with high blood pressure.",
		"Your ultrasound shows a cyst.", "You have a urinary tract infection.", "The biopsy was benign.", "It looks like you have the flu.",
		"Your thyroid is underactive.", "You're 8 weeks pregnant.", "Your kidney function is declining.", "You tested positive for chlamydia.",
		"Your child has an ear infection.", "The scan found a small fracture in your wrist.", "You have sleep apnea."}
	dxES = []string{"Usted tiene diabetes tipo 2.", "Su diagnóstico es neumonía.", "Tiene una infección urinaria.", "La biopsia fue benigna.",
		"Tu prueba salió positiva.", "Usted está embarazada de 8 semanas.", "Tiene presión alta.", "Su hijo tiene una infección de oído.",
		"El ultrasonido muestra un quiste.", "Le diagnosticaron asma."}
	drugs    = []string{"Truvada", "Descovy", "metformin", "lisinopril", "atorvastatin", "sertraline", "Suboxone", "gabapentin", "Ozempic", "levothyroxine", "amoxicillin", "insulin glargine", "Xarelto", "Eliquis"}
	misspelt = []string{"metfromin", "lisinoprill", "atorvastatn", "sertaline", "gabapentine", "ozempik", "levothyroxin", "amoxicilin", "truvda", "descovey", "suboxon", "xareltto"}
	medEN    = []string{"your refill of {} is ready", "your {} is ready at the pharmacy", "we sent your {} to the pharmacy", "the doctor approved your {}",
		"pick up your {} today", "{} is ready for pickup", "we called in the {} for you", "keep taking the {}"}
	medES  = []string{"su {} está lista en la farmacia", "ya enviamos su {} a la farmacia", "el doctor aprobó su {}", "recoja su {} hoy"}
	doseEN = []string{"take 2 tablets twice a day", "take 10 mg at bedtime", "increase your dose to 40 mg", "you can take 1 pill with food", "use 2 puffs every 4 hours",
		"stop the blood thinner before surgery", "lower your insulin to 20 units"}
	doseES = []string{"tome 2 tabletas dos veces al día", "tome 10 mg antes de dormir", "aumente la dosis a 40 mg", "suspenda el medicamento por 3 días"}
	symEN  = []string{"your cough should clear in a week", "the rash on your arm is not contagious", "your back pain is from a muscle strain",
		"your headaches are from the new medicine", "the swelling in your leg is expected", "your fever should go down with rest",
		"your chest pain was not your heart", "the lump you felt is a cyst"}
	symES = []string{"su tos debería mejorar en una semana", "el sarpullido en su brazo no es contagioso", "su dolor de espalda es por un esguince",
		"la hinchazón de su pierna es normal después de la cirugía"}
	// slipDrugs are misspelt by editsOf: one and two slips, short names
	// and long.
	slipDrugs = []string{"truvada", "descovy", "ozempic", "xarelto", "eliquis", "zoloft", "lexapro", "insulin", "losartan", "tramadol",
		"metformin", "lisinopril", "sertraline", "gabapentin", "prednisone", "albuterol", "omeprazole", "amlodipine", "fluoxetine",
		"suboxone", "biktarvy", "adderall", "seroquel", "wellbutrin", "jardiance", "humira", "lyrica", "plavix", "cialis", "flomax"}
	evasionEN = []string{"your h.i.v. test came back", "your H.I.V. results are in", "you tested p0sitive", "your test was p o s i t i v e",
		"your l4bs came back n0rmal", "your bi0psy was ben1gn", "your c.o.v.i.d. test was positive", "your s.t.d. panel came back",
		"your r3sults are n0rmal", "the p@p smear was abn0rmal", "your hep c test came back reactive", "your pr3gnancy test was positive",
		"you are h.i.v positive", "your a1c was 9.2", "your chlamydia t3st was p0sitive",
		"you're pr3gn@nt", "your ch1amydia test", "your test was p0s!t!ve", "your test was p.o.s.i.t.i.v.e", "your h1v test",
		"your syph1lis results", "g0norrhea test came back", "your d1abetes check", "your PrEP refill is ready"}
	evasionES = []string{"tu prueba de v.i.h. salió", "su prueba salió p0sitiva", "sus r3sultados salieron n0rmales", "tu prueba de e.m.b.a.r.a.z.o salió positiva",
		"su biops1a salió bien", "la prueba de vih salió p0sitiva", "está embaraz@da", "usted es VIH+", "tu prueba salio p0sitiva",
		"su prueba de V.I.H. es positiva", "su PrEP está lista"}
)

func guardCategories() []guardCategory {
	var cats []guardCategory
	add := func(name, lang string, refuse bool, floor float64, texts []string) {
		cats = append(cats, guardCategory{name: name, lang: lang, refuse: refuse, floor: floor, texts: styles(texts, lang)})
	}
	// The clinic speaking.
	add("allow/staff-names", "en", false, 1, fill(staffTemplates, staffForms))
	add("allow/staff-names-es", "es", false, 1, fill(staffTemplatesES, staffForms))
	add("allow/clinic-name", "en+es", false, 1, fill(clinicNameTemplates, clinicNames))
	add("allow/phones", "en+es", false, 1, fill(phoneTemplate, phoneForms))
	add("allow/web", "en+es", false, 1, fill(webTemplates, webForms))
	add("allow/address", "en+es", false, 1, fill(addrTemplate, addrForms))
	add("allow/safety-advice", "en", false, 1, fill(safetyEN, emergencySymptomsEN))
	add("allow/safety-advice-es", "es", false, 1, fill(safetyES, emergencySymptomsES))
	add("allow/safety-bare", "en+es", false, 1, fill([]string{"{}? Call 911.", "For {}, call 911 now.", "Warning signs: {}. Call 9-1-1.",
		"Con {}, llame al 911.", "Ante {}, vaya a urgencias."}, append(append([]string{}, emergencySymptomsEN[:6]...), emergencySymptomsES[:4]...)))
	add("allow/staff-credentials", "en", false, 1, fill([]string{"{} will call you today.", "Signed, {}", "Message from {}: we open at 8."},
		[]string{"Kim, RN", "Grace Kim, RN", "Grace Kim RN", "Okafor, MD", "Marcus Okafor MD", "Nurse Tran, RN", "Tran, RN"}))
	add("allow/address-spelled", "en+es", false, 1, fill(addrTemplate, []string{"2200 North Kedzie Boulevard", "2200 N. Kedzie Blvd., Suite 4",
		"2200 North Kedzie Boulevard, Suite 4, Chicago, Illinois 60647", "815 Elm Avenue", "815 Elm Avenue, Evanston, Illinois", "2200 N Kedzie Blvd, 2nd floor"}))
	// Staff named with their role in apposition, or signed with the
	// family name's initial; the clinic's name shortened.
	// Below 1: the masker reads "Anjali P. le" as one name and misses a
	// lower-case initial.
	add("allow/staff-roles", "en+es", false, 0.93, fill([]string{"{} will call you today.", "Message from {}: we open at 8.", "{} le llamará hoy."},
		[]string{"Marcus Okafor, the doctor,", "Grace Kim, our nurse,", "Sam Whitaker, the receptionist,", "Okafor, our physician,",
			"Sam W.", "Grace K.", "Anjali P.", "Lucía M.", "Riverbend Health", "Riverbend Family", "Clínica Riverbend"}))
	// A given name the profile does not list, after a title, for staff
	// listed by surname ("Nurse Tran"); the address's parts reordered.
	add("allow/other-forms", "en+es", false, 1, fill([]string{"{} will call you today.", "Estamos en {}.", "Message from {}."},
		[]string{"Nurse Linh Tran", "nurse Mai Tran", "Suite 4, 2200 N Kedzie Blvd", "Suite 4, 2200 North Kedzie Boulevard, Chicago"}))
	// One typing slip in the clinic's own words.
	add("allow/clinic-typos", "en+es", false, 1, fill([]string{"{} will call you this afternoon.", "Thank you for choosing {}.", "We are at {}."},
		[]string{"Dr. Pattel", "Dr Okafro", "Nurse Grase Kim", "Dra. Morenno", "Riverbend Famliy Health", "Clínica Familar Riverbend",
			"2200 N Kedzee Blvd", "815 Elm Ave, Evanstn, IL 60201", "Sam Whittaker"}))
	// Conditional advice with a limit, and the national lines.
	add("allow/advice-thresholds", "en+es", false, 1, []string{
		"If your child's temperature is over 104, call 911.", "If your blood sugar is over 300, go to the ER.",
		"If your fever is above 103, call us.", "If your blood pressure is higher than 180/120, call 911.",
		"Si la fiebre es mayor de 39 grados, vaya a urgencias.", "Si su azúcar está arriba de 300, vaya a urgencias.",
		"For poison emergencies call Poison Control at 1-800-222-1222.", "Call or text 988 any time, day or night.",
		"Text HOME to 741741 to reach the Crisis Text Line.", "If you are in danger at home, call 1-800-799-7233.",
	})
	// The clinic's calendar: closures, events and new hours with dates.
	add("allow/clinic-calendar", "en+es", false, 1, fill([]string{"We are closed on {} for the holiday.", "Flu shots are available on {} from 9 to 1.",
		"Our new hours start {}.", "The clinic is closed {}.", "Estaremos cerrados el {}.", "Vacunas gratis el {}."},
		[]string{"December 25", "Monday, January 19", "1/5/2027", "July 4th", "25 de diciembre", "the 16th of April"}))
	// The clinic's own pages, whatever their path says.
	add("allow/clinic-pages", "en+es", false, 1, fill([]string{"Visit {} for details.", "Más información en {}"},
		[]string{"riverbendhealth.example/flu", "https://riverbendhealth.example/diabetes-classes", "portal.riverbendhealth.example/hiv-testing",
			"riverbendhealth.example/es/gripe"}))
	add("allow/public-health", "en+es", false, 1, publicHealthTexts)
	add("allow/operational", "en+es", false, 1, operational)
	add("allow/health-education", "en+es", false, 1, fill(healthEducationTemplates, healthEducationConditions))
	add("allow/results-notice", "en+es", false, 1, resultsNoticeTexts)
	add("refuse/education-lookalike", "en+es", true, 1, fill(educationLookalikeTemplates, healthEducationConditions))
	// The patient's specifics.
	add("refuse/results", "en", true, 1, fill(resultsEN, testsEN, verdictEN...))
	add("refuse/results-es", "es", true, 1, fill(resultsES, testsES, verdictES...))
	add("refuse/diagnosis", "en", true, 1, dxEN)
	add("refuse/diagnosis-es", "es", true, 1, dxES)
	add("refuse/medication", "en", true, 1, fill(medEN, drugs))
	add("refuse/medication-es", "es", true, 1, fill(medES, drugs))
	add("refuse/drug-misspelt", "en+es", true, 1, fill([]string{"your {} refill is ready", "su {} está lista", "pick up the {} today"}, misspelt))
	add("refuse/drug-alone", "en", true, 1, drugs)
	var slips []string
	for i, d := range slipDrugs {
		for j, e := range editsOf(d) {
			slips = append(slips, fill([]string{[]string{"your {} refill is ready", "su {} está lista en la farmacia", "{} sent to your pharmacy"}[(i+j)%3]}, []string{e.w})...)
		}
	}
	// "lyric" for Lyrica is an ordinary word and stays allowed.
	add("refuse/drug-slips", "en+es", true, 0.995, slips)
	add("refuse/dose", "en+es", true, 1, append(append([]string{}, doseEN...), doseES...))
	add("refuse/symptom", "en+es", true, 1, append(append([]string{}, symEN...), symES...))
	// A specialty that reveals a condition, tied to this patient by a
	// day, a call or simply by being sent to them about where it is.
	add("refuse/specialty-visit", "en+es", true, 1, fill([]string{"{} tomorrow at 3.", "The {} called.", "{}: Monday at 6am.",
		"The {} is on floor 3.", "{} hours changed.", "Mañana a las 3 en {}.", "Le llamó {}."},
		[]string{"HIV clinic", "oncology department", "methadone clinic", "dialysis center", "clínica de VIH", "oncología"}))
	// The patient's own dates.
	add("refuse/patient-dates", "en+es", true, 1, fill([]string{"Your appointment is on {}.", "We saw you on {}.", "Su cita es el {}.",
		"Your surgery is {}; we are closed that week.", "You were born on {}."},
		[]string{"December 25", "Monday, January 19", "1/5/2027", "25 de diciembre", "the 16th of April"}))
	// Advice wrapped around the patient's own condition.
	add("refuse/own-condition-advice", "en+es", true, 1, fill([]string{"For your {}, call us to adjust.", "With your {}, go to the ER.",
		"Con su {}, llame al 911.", "Para su {}, vaya a urgencias."}, []string{"diabetes", "chest pain", "asthma", "depression", "high blood pressure"}))
	add("refuse/evasion", "en", true, 1, evasionEN)
	add("refuse/evasion-es", "es", true, 1, evasionES)
	// A patient who shares a staff member's given name, addressed by it,
	// and a staff name with the wrong initial. Below 1: the masker does
	// not flag "Grace" or a lower-case "anjali" as names.
	add("refuse/staff-name-lookalike", "en", true, 0.75, []string{
		"Marcus, our nurse will call you.", "Grace, your nurse will call you.", "Anjali B. will call you.", "Anjali, the doctor will see you now.",
	})
	// Look-alikes of the clinic that are the patient, or nobody the
	// clinic vouches for: a staff member's given name used to address
	// the patient, the clinic's street with another number, a number
	// one digit off, another doctor, another site. The floor is below 1
	// because the detector does not flag given names that are also words
	// ("Grace", "Sam", "Marcus") when they address the patient.
	add("refuse/not-the-clinic", "en+es", true, 0.90, []string{
		"Grace, your appointment is tomorrow at 9.", "Kim, do you have questions about the forms?", "Sam, please call us back.",
		"We have your address as 2210 N Kedzie Blvd.", "Is 817 Elm Ave still your address?", "Su dirección es 2300 North Kedzie Boulevard.",
		"Call me at 773-555-0111.", "Your number on file is (847) 555-0124.", "Dr. Smith will call you.", "Dr. B. Patel will call you.",
		"See www.riverbend-health-records.example/maria", "Email maria.lopez@gmail.com the forms.", "Marcus, your ride is here.",
		"Patel, your appointment moved to Friday.", "Lucía, su cita es el martes.", "Linh Tran will call you.",
		"Suite 9, 2200 N Kedzie Blvd is your new address?",
		"Your temperature was over 104 yesterday.", "Your blood sugar was higher than 300, call us.",
		"We have your address as 2200 N Kedzie Blvd, Chicago, IL 60648.", "Is 2201 N Kedzie Blvd your home?", "Call me at 773-555-0119.",
	})
	return cats
}

// TestOutboundGuardGenerated reports, per category, how often the guard
// decides as the clinic wants, and holds each category to its floor.
func TestOutboundGuardGenerated(t *testing.T) {
	cats := guardCategories()
	var lines []string
	var tot, ok int
	for _, c := range cats {
		good := 0
		var misses []string
		for _, text := range c.texts {
			if ScreenOutbound(text, guardClinic).Refused() == c.refuse {
				good++
			} else {
				misses = append(misses, text)
			}
		}
		tot += len(c.texts)
		ok += good
		rate := float64(good) / float64(len(c.texts))
		lines = append(lines, fmt.Sprintf("%-28s %-5s %4d  %.4f", c.name, c.lang, len(c.texts), rate))
		if rate < c.floor {
			sort.Strings(misses)
			t.Errorf("%s: %.4f below floor %.4f; e.g. %q", c.name, rate, c.floor, misses[:min(len(misses), 6)])
		}
	}
	report := "outbound guard, generated sets (category, language, variants, share decided right)\n" + strings.Join(lines, "\n") +
		fmt.Sprintf("\nall %d variants: %.4f", tot, float64(ok)/float64(tot))
	t.Log(report)
	if testing.Verbose() {
		fmt.Println(report)
	}
	if tot < 800 {
		t.Errorf("only %d generated variants", tot)
	}
}

// BenchmarkOutboundScreen is the guard's cost per message on a mix of
// clinic text and patient specifics.
func BenchmarkOutboundScreen(b *testing.B) {
	var texts []string
	for _, c := range guardCategories() {
		texts = append(texts, c.texts...)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ScreenOutbound(texts[i%len(texts)], guardClinic)
	}
}

// TestOutboundScreenConcurrent: the server screens sends from many
// requests at once; the guard's shared caches (the profile's folded
// words, the slip list) give every goroutine the verdict one alone gets.
// Run with -race.
func TestOutboundScreenConcurrent(t *testing.T) {
	var texts []string
	for _, c := range guardCategories() {
		texts = append(texts, c.texts...)
	}
	// A profile whose entries no other test has folded yet, so the
	// goroutines fill the caches together.
	profile := guardClinic
	profile.StaffNames = append([]string{"Dr. Ruth Eriksen", "Nurse Ola Berg"}, profile.StaffNames...)
	const workers = 4
	got := make([][]bool, workers)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for g := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			got[g] = make([]bool, len(texts))
			for i, text := range texts {
				got[g][i] = ScreenOutbound(text, profile).Refused()
			}
		}()
	}
	close(start)
	wg.Wait()
	for i, text := range texts {
		want := ScreenOutbound(text, profile).Refused()
		for g := range workers {
			if got[g][i] != want {
				t.Errorf("%q: worker %d refused=%v, alone %v", text, g, got[g][i], want)
			}
		}
	}
}

// The clinic's own e-mail address goes out in every spelling staff use
// for it: plain, bracketed or said in words. Another address said the
// same way is still refused.
func TestClinicEmailInEverySpellingIsAllowed(t *testing.T) {
	clinic := guardClinic
	clinic.Web = []string{"riverbendhealth.org", "https://portal.riverbendhealth.org"}
	for _, at := range []string{"@", " (at) ", " [at] ", " at ", "{at}"} {
		for _, dot := range []string{".", " (dot) ", " dot ", "[dot]"} {
			addr := "frontdesk" + at + "riverbendhealth" + dot + "org"
			for _, f := range []string{"Questions? Email %s.", "You can write to %s anytime", "Send the form to %s"} {
				text := fmt.Sprintf(f, addr)
				if o := ScreenOutbound(text, clinic); o.Refused() && hasType(Detection{Spans: o.Blocking}, SpanEmail) {
					t.Errorf("%q: the clinic's address was refused: %v", text, o.Blocking)
				}
			}
		}
	}
	for _, text := range []string{"her email is maria (at) gmail (dot) com", "write to dana.lee at yahoo dot com",
		"reply to frontdesk (at) riverbendhealth (dot) org.evil (dot) com"} {
		if !ScreenOutbound(text, clinic).Refused() {
			t.Errorf("%q was allowed", text)
		}
	}
}
