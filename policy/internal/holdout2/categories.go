package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

func cat(name, lang string, n int, templates ...string) category {
	return category{name: name, lang: lang, n: n, templates: templates}
}

func clean(name, lang string, n int, templates ...string) category {
	return category{name: name, lang: lang, n: n, clean: true, templates: templates}
}

func outbound(name, lang string, n int, templates ...string) category {
	return category{name: name, lang: lang, n: n, plain: true, templates: templates}
}

func moreSlots() {
	slots["elder"] = text(func(r *rand.Rand) string {
		return pick(r, []string{"my grandma", "my grandpa", "my mom", "my dad", "my great aunt", "my father in law", "our neighbor"})
	})
	slots["elderes"] = text(func(r *rand.Rand) string {
		return pick(r, []string{"mi abuela", "mi abuelo", "mi mamá", "mi papá", "mi suegra", "mi tía abuela"})
	})
	slots["rxnum"] = one("ID", func(r *rand.Rand) string { return digits(r, 7) })
	slots["passport"] = one("ID", func(r *rand.Rand) string { return letters(r, 1, upper) + digits(r, 8) })
	slots["cpf"] = one("ID", cpf)
	slots["curp"] = one("ID", func(r *rand.Rand) string {
		return letters(r, 4, upper) + digits(r, 6) + pick(r, []string{"H", "M"}) + pick(r, []string{"DF", "JC", "NL", "PL", "GT"}) + letters(r, 3, "BCDFGHJKLMNPRSTVZ") + digits(r, 2)
	})
	slots["badge"] = one("ID", func(r *rand.Rand) string { return "E-" + digits(r, 6) })
	slots["handle"] = one("ID", func(r *rand.Rand) string { return "@" + handle(r) })
	slots["agees"] = one("AGE", func(r *rand.Rand) string {
		n := 90 + r.IntN(10)
		if n == 90 {
			return "noventa"
		}
		return "noventa y " + onesES[n-90]
	})
	slots["spelledphone"] = one("PHONE", func(r *rand.Rand) string { return spellDigits(r, usDigits(r), digitWordsEN) })
	slots["spelledphonees"] = one("PHONE", func(r *rand.Rand) string { return spellDigits(r, usDigits(r), digitWordsES) })
	slots["spacedphone"] = one("PHONE", func(r *rand.Rand) string { return strings.Join(strings.Split(usDigits(r), ""), " ") })
	slots["widephone"] = one("PHONE", func(r *rand.Rand) string { return fullWidth(usPhone(r)) })
	slots["widessn"] = one("SSN", func(r *rand.Rand) string { return fullWidth(ssn(r)) })
	slots["zwphone"] = one("PHONE", func(r *rand.Rand) string { return zeroWidth(r, usPhone(r)) })
	slots["zwname"] = one("NAME", func(r *rand.Rand) string { return zeroWidth(r, fullName(r)) })
	slots["atdot"] = one("EMAIL", atDotEmail)
	slots["staff"] = text(func(r *rand.Rand) string { return pick(r, clinicStaff) })
	slots["clinic"] = text(func(r *rand.Rand) string { return pick(r, clinicNames) })
	slots["clinicphone"] = text(func(r *rand.Rand) string { return pick(r, clinicPhones) })
	slots["clinicweb"] = text(func(r *rand.Rand) string { return pick(r, clinicWeb) })
	slots["clinicaddr"] = text(func(r *rand.Rand) string { return pick(r, clinicAddresses) })
	slots["evclin"] = fromList("CONDITION", evasiveClinical)
	slots["evclines"] = fromList("CONDITION", evasiveClinicalES)
	slots["stresult"] = fromList("LAB", staffResults)
	slots["stresultes"] = fromList("LAB", staffResultsES)
	slots["stmed"] = fromList("MEDICATION", staffMeds)
	slots["stcond"] = fromList("CONDITION", staffConditions)
	slots["lorem"] = text(func(r *rand.Rand) string {
		n := 5 + r.IntN(12)
		w := make([]string, n)
		for i := range w {
			w[i] = pick(r, lorem)
		}
		s := strings.Join(w, " ")
		return strings.ToUpper(s[:1]) + s[1:]
	})
}

func usDigits(r *rand.Rand) string {
	return fmt.Sprint(201+r.IntN(788)) + fmt.Sprint(200+r.IntN(799)) + digits(r, 4)
}

// spellDigits says a number digit by digit, grouped the way people read a
// phone number aloud.
func spellDigits(r *rand.Rand, d string, words []string) string {
	var parts []string
	for i, c := range d {
		w := words[c-'0']
		if c == '0' && words[0] == "zero" && r.IntN(2) == 0 {
			w = "oh"
		}
		if i == 3 || i == 6 {
			parts[len(parts)-1] += ","
		}
		parts = append(parts, w)
	}
	return strings.Join(parts, " ")
}

func fullWidth(s string) string {
	return strings.Map(func(c rune) rune {
		switch {
		case c >= '0' && c <= '9':
			return c - '0' + '０'
		case c == '-':
			return '－'
		case c == '(':
			return '（'
		case c == ')':
			return '）'
		}
		return c
	}, s)
}

// zeroWidth hides zero-width spaces between characters.
func zeroWidth(r *rand.Rand, s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, c := range rs {
		b.WriteRune(c)
		if i < len(rs)-1 && c != ' ' && r.IntN(3) == 0 {
			b.WriteString(pick(r, []string{"\u200b", "\u200c", "\u2060"}))
		}
	}
	return b.String()
}

func atDotEmail(r *rand.Rand) string {
	g := asciiFold(pick(r, givenNames))
	f := asciiFold(pick(r, familyNames))
	dom := strings.Split(pick(r, []string{"gmail.com", "yahoo.com", "hotmail.com", "outlook.com"}), ".")
	switch r.IntN(4) {
	case 0:
		return g + " " + f + " at " + dom[0] + " dot " + dom[1]
	case 1:
		return g + "." + f + " at " + dom[0] + " dot " + dom[1]
	case 2:
		return g + " punto " + f + " arroba " + dom[0] + " punto " + dom[1]
	default:
		return g + f + "[at]" + dom[0] + "(dot)" + dom[1]
	}
}

// The clinic of this corpus: its own name, numbers and staff are what
// the outbound guard must let through.
var (
	clinicNames     = []string{"Lakeshore Community Clinic", "Lakeshore Clinic"}
	clinicAddresses = []string{"2250 Alder Creek Boulevard, Suite 310"}
	clinicPhones    = []string{"(608) 555-0142", "608-555-0199"}
	clinicWeb       = []string{"lakeshorecommunityclinic.org"}
	clinicStaff     = []string{"Dr. Ingrid Haverford", "Dr. Haverford", "Nurse Kemal Ostrowski", "Kemal", "Dr. Sione Taufa", "Dr. Taufa"}
)

// Clinical specifics as staff might slip them past a filter: dotted
// abbreviations, digits for letters, misspelt drug names.
var evasiveClinical = []string{
	"your h.i.v. test came back p0sitive", "the b1opsy showed canc3r", "your hep C screen was reactive", "refill of your Biktarvy is ready",
	"your metformn dose goes up to 1000", "your sertralin is ready for pickup", "the s.t.d. panel was positive for chlamydia", "your pregnancy test was p0s1tive",
	"your A-1-C is 9.4", "the mammo found a m@ss", "your Descovy PrEP refill went through", "you tested positiv for g0norrhea",
	"the d3pression screening score was high", "Truvada refil approved", "your pap came back abnormall", "your l1thium level is too high",
	"methad0ne dose stays at 80", "your ozempik is on backorder", "the HlV viral load is undetectable", "your suboxon script was sent",
}
var evasiveClinicalES = []string{
	"su prueba de v.i.h. salió p0sitiva", "la b1opsia salió con cáncer", "su receta de metformina 850 ya está lista", "su prueba de embarazo salió positiba",
	"la glucosa le salió en 3OO", "su sertralina de 50 ya llegó", "le salió positivo a clamidia", "su papanicolau salió anormal",
	"su dosis de insulina sube a 30 unidades", "el resultado de hepatitis C es reactivo",
}
var staffResults = []string{
	"your results are normal", "your labs came back fine", "your cholesterol is a little high", "your A1c improved to 7.1",
	"your potassium is low", "your strep test was negative", "the x-ray showed no fracture", "your thyroid levels are back in range",
	"your urine culture was clean", "your blood count is normal now",
}
var staffResultsES = []string{"sus resultados salieron normales", "sus análisis salieron bien", "su colesterol está un poco alto", "su prueba de embarazo salió positiva", "su azúcar salió alta"}
var staffMeds = []string{"the doctor increased your sertraline to 100 mg", "take your amoxicillin twice a day for 10 days", "your lisinopril refill was sent", "please stop the ibuprofen and start acetaminophen 500 mg"}
var staffConditions = []string{"the doctor says it is a urinary tract infection", "you are 9 weeks pregnant", "the scan confirmed a kidney stone", "your diagnosis is type 2 diabetes"}

func categories() []category {
	cs := []category{
		// Names in English messages.
		cat("name-intro", "en", 50, "{hi} this is {name}, I have {n} questions about my bill", "hi its {name} checking if my forms came thru",
			"my name is {name} and I had a question about parking", "{hi}, {name} here. Can I move my visit to {when}?", "This is {name} returning your call",
			"Good morning this is {name} i got a text from this number", "{name} here!! did you get my voicemail"),
		cat("name-last-first", "en", 50, "this is {lastfirst}, calling about the portal", "Appointment for {lastfirst} please confirm {when} at {time}",
			"patient name: {lastfirst}", "my name is {lastfirst} I need to reschedule", "re: {lastfirst} - the form is signed", "Checking in for {lastfirst}"),
		cat("name-middle-initial", "en", 45, "{middle} here, can someone call me back", "Appt for {middle} {when}", "Please update the account for {middle}",
			"this is {middle} I was told to text this number", "Signed, {middle}"),
		cat("name-lower-case", "en", 50, "{lowername} here checking in", "hey its {lowergiven} from yesterday", "this is {lowername} pls call back",
			"{lowergiven} again sorry still waiting", "tell the front desk {lowergiven} says thanks", "forms for {lowername} are done", "ok thx - {lowergiven}"),
		cat("name-kin", "en", 50, "{kin} {given} has a visit {when}, can I come in with them?", "{kin} {name} needs the ride form", "I'm texting for {kin} {given}",
			"attn {name}: the form is in the mail", "{kin} {given} lost the paperwork again", "results for {name}? nobody called", "can {kin} {given} sign for me"),
		cat("name-word-given", "en", 50, "this is {wordname}", "{kin} {wordgiven} needs to reschedule", "{wordgiven} here, running late", "Can {wordgiven} pick up the forms for me?",
			"appt for {wordname} {when}", "it's {wordgiven} again", "{wordname} will come instead of me"),
		cat("name-hyphenated", "en", 45, "{hyphen} checking in", "hi its {hyphengiven}", "forms for {kin} {hyphengiven} please", "{hyphen} here, the portal locked me out"),
		cat("name-nickname", "en", 45, "its {nick} lol my ride is late", "{nick} here 👋 you open {when}?", "thank u from {nick} and the whole family",
			"{kin} {nick} wants to know if you are open {when}", "tell everyone {nick} says hi"),
		cat("name-other-script", "en", 45, "my name is {script}", "appointment for {script} please", "{script} here, can you call me", "I am writing for {kin} {script}", "name on the card: {script}"),
		cat("name-signoff", "en", 45, "Thanks so much for the help yesterday! - {given}", "see you {when}. {name}", "ok thank you\n{name}", "thanks!! {lowergiven}", "Sent from my phone\n{name}", "appreciate it, {given} {family}"),

		// Contact details.
		cat("phone-us", "en", 50, "call me at {phone}", "my cell is {phone} not the home one", "new number {phone}", "pls text {phone} instead",
			"you can reach {kin} at {phone}", "{phone} is my work number, leave a message"),
		cat("phone-international", "en", 45, "i'm traveling, reach me on {intlphone}", "whatsapp me at {intlphone}", "my mom's number in Mexico is {intlphone}", "my number abroad: {intlphone}", "until {when} use {intlphone}"),
		cat("fax", "en", 40, "fax it to {fax}", "my lawyer's fax is {fax}", "the school fax {fax} attn front office", "can you fax the form to {fax}", "fax: {fax}"),
		cat("email", "en", 45, "my email is {email}", "send the receipt to {email}", "{email} is the best way to reach me", "email changed to {email}", "cc {email} please"),
		cat("url", "en", 40, "here is the link {url}", "I posted about it {url}", "my son set up {url} for the bills", "check {url}", "the photos are at {url}"),
		cat("ip-address", "en", 40, "the portal blocked me, it says my ip is {ip}", "error 403 from {ip}", "my router ip {ip} keeps getting locked out", "login failed from {ip} was that me?"),

		// Numbers that identify.
		cat("ssn", "en", 45, "my ssn is {ssn}", "social {ssn}", "the form asked for my social, its {ssn}", "SSN: {ssn} for the billing office", "ss# {ssn}"),
		cat("mrn", "en", 45, "my MRN is {mrn}", "chart # {mrn}", "patient id {mrn}", "record number {mrn} is on the bracelet", "med rec no {mrn}"),
		cat("member-id", "en", 45, "member id {member}", "policy number {member}", "subscriber ID: {member}", "my medicare number is {mbi}", "medicare {mbi}", "insurance id is {member}"),
		cat("account-claim", "en", 45, "claim number {claim}", "acct # {claim}", "invoice {claim} was already paid", "the EOB says claim {claim}", "account {claim} shows a balance"),
		cat("card-number", "en", 40, "pay with {card}", "use my visa {card}", "charge the copay to {card}", "card # {card} thanks"),
		cat("license", "en", 40, "drivers license {dl}", "DL# {dl}", "my license number is {dl} for the form", "state id {dl}"),
		cat("vehicle", "en", 45, "my plate is {plate}, parked in the back lot", "silver honda plate {plate}", "tag {plate} got a ticket in your lot", "VIN {vin} for the placard form", "is the car with plate {plate} blocking you?"),
		cat("device-serial", "en", 40, "serial number on the loaner tablet is {serial}", "home monitor S/N {serial}", "my phone IMEI {imei} for the app", "the scale you gave me, serial {serial}, stopped working", "hub SN {serial} is blinking red"),
		cat("other-id", "en", 45, "Rx # {rxnum}", "my passport number is {passport}", "CPF {cpf}", "CURP: {curp}", "employee badge {badge} for the work note", "my insta is {handle}", "prescription number {rxnum} at the pharmacy"),

		// Dates and ages.
		cat("dob", "en", 50, "dob {dob}", "date of birth {dobnum}", "born {dob}", "my birthday is {dob}", "DOB: {dobnum}", "he was born on {dob}", "{name} {dobnum}"),
		cat("dob-spelled", "en", 40, "born {dobspelled}", "my date of birth is {dobspelled}", "dob is {dobspelled}", "she was born {dobspelled}"),
		cat("date-event", "en", 45, "I was seen on {date}", "my last visit was {datenum}", "the bill from {date}", "discharged {datenum}", "the letter is dated {date}"),
		cat("date-ordinal", "en", 45, "can I come {ordinal}?", "is {ordinal} open", "i was there {ordinal}", "my surgery date got moved to {ordinal}", "letter from {ordinal}"),
		cat("age-over-89", "en", 50, "{elder} is {age}", "she's {age} years old", "{elder} turned {age} last month", "he is {agewords}", "patient is {age}yo", "age {age}", "{elder} is {agewords} and still drives", "{elder} will be {age} next month"),

		// Places.
		cat("address-us", "en", 50, "my new address is {address}", "send it to {address}", "I moved to {street}", "mail the form to {address}", "we live at {street}, by the church"),
		cat("address-international", "en", 50, "send it to {intladdr}", "my address there is {intladdr}", "I'm staying at {intladdr} until {when}", "new address: {intladdr}"),
		cat("postcode", "en", 40, "zip {zip}", "my zip code is {zip}", "is there a location near {zip}?", "postcode {postcode}", "billing zip {zip}"),

		// Clinical statements in English.
		cat("clinical-medication", "en", 50, "I take {med}", "they started me on {med}", "still supposed to be on {med}?", "ran out of {med}", "pharmacy says {med} needs approval"),
		cat("clinical-drug-name", "en", 40, "need a refill on my {drug}", "is {drug} covered", "lost my {drug} on the bus", "can I pick up the {drug} {when}"),
		cat("clinical-lab", "en", 50, "my {lab}", "the portal says {lab}", "nurse said {lab}, is that bad", "got my results, {lab}", "{lab} what does that mean"),
		cat("clinical-vitals", "en", 45, "{vital}", "checked at home, {vital}", "my {vital}, what should i do", "{vital} is that ok"),
		cat("clinical-condition", "en", 50, "I have {cond}", "I was diagnosed with {cond}", "{kin} has {cond}", "dealing with {cond} for years", "because of {cond} I need a letter"),
		cat("clinical-pregnancy", "en", 45, "I'm {preg}", "I am {preg} and need to change my visit", "{preg}, can I still come {when}?", "i think im {preg}"),
		cat("clinical-specialty", "en", 45, "can't make it, I have {spec} at the same time", "is {spec} in the same building", "I'm coming from {spec}", "{spec} ran late, be there soon"),
		cat("clinical-mental-health", "en", 45, "I've been having {mental}", "{mental}, can someone call me", "still {mental}", "having {mental} again"),
		cat("clinical-sexual-health", "en", 40, "I have {sexual}", "I think I have {sexual}", "worried about {sexual}", "{sexual}, do I need to come in"),
		cat("clinical-substance", "en", 40, "I've been {subst}", "honestly im {subst}", "{kin} is {subst}", "started {subst} again"),
		cat("clinical-symptom", "en", 50, "I have {sym}", "{sym} since last night", "{kin} has {sym}", "woke up with {sym}", "still {sym}"),

		// Spanish.
		cat("es-name", "es", 50, "{hola}, soy {name}", "me llamo {name}", "habla {name}, tengo cita {cuando}", "{hola} le escribe {lastfirst}", "soy {lowername} la de ayer"),
		cat("es-kin", "es", 45, "{kines} {given} tiene cita {cuando}", "es para {kines} {name}", "{kines} {wordgiven} no puede ir {cuando}", "le escribo por {kines} {nick}"),
		cat("es-contact", "es", 45, "mi número es {phone}", "llámeme al {intlphone}", "el celular de {kines} es {phone}", "mi correo es {email}", "mándelo a {email}"),
		cat("es-dob", "es", 45, "fecha de nacimiento {dobes}", "nací el {dobes}", "nació el {dobes}", "fecha de nac. {dobes}"),
		cat("es-date", "es", 40, "la cita del {datees}", "me atendieron el {datees}", "la factura del {datees}", "el {datees} no pude ir"),
		cat("es-age", "es", 45, "{elderes} tiene {age} años", "mi abuelita ya cumplió {age}", "tiene {agees} años", "{elderes} ya tiene {agees}", "{elderes} cumple {age} el domingo"),
		cat("es-address", "es", 45, "mi dirección es {address}", "vivo en {intladdr}", "mándelo a {intladdr}", "nos cambiamos a {street}"),
		cat("es-ids", "es", 45, "mi número de seguro social es {ssn}", "número de afiliado {member}", "expediente {mrn}", "mi licencia de conducir {dl}", "placa {plate}", "CURP {curp}", "número de reclamo {claim}"),
		cat("es-medication", "es", 45, "tomo {medes}", "me recetaron {medes}", "se me acabó {medes}", "sigo con {medes}"),
		cat("es-lab-vitals", "es", 45, "{labes}", "me dijeron que {labes}", "{vitales} esta mañana", "tengo {vitales}"),
		cat("es-condition", "es", 45, "tengo {condes}", "me diagnosticaron {condes}", "{kines} tiene {condes}", "{hola}, {preges}", "voy a {speces} {cuando}"),
		cat("es-mental-sexual", "es", 40, "tengo {mentales}", "he tenido {mentales}", "tengo {sexuales}", "estoy {substes}", "{kines} anda {substes}"),
		cat("es-symptom", "es", 45, "tengo {symes}", "{symes} desde ayer", "{kines} tiene {symes}", "me dio {symes}"),

		// Portuguese and French.
		cat("pt-mixed", "pt", 45, "oi, sou {name}, nasci em {dobpt}", "tomo {medpt}", "meu exame: {labpt}", "tenho {condpt}", "estou {pregpt}", "estou com {sympt}", "meu CPF é {cpf}", "meu telefone é {intlphone}"),
		cat("fr-mixed", "fr", 45, "bonjour, c'est {name}, né le {dobfr}", "je prends {medfr}", "{labfr}", "j'ai {condfr}", "je suis {pregfr}", "j'ai {symfr}", "mon numéro: {intlphone}", "mon adresse: {intladdr}"),

		// Patients' identifiers written to dodge a filter.
		cat("evasion-spelled-digits", "en", 40, "my number is {spelledphone}", "call {spelledphone}", "mi número es {spelledphonees}", "text me {spacedphone}"),
		cat("evasion-wide-digits", "en", 40, "cell {widephone}", "my ssn {widessn}", "call me {widephone}"),
		cat("evasion-invisible", "en", 40, "call {zwphone}", "this is {zwname}", "my name is {zwname}"),
		cat("evasion-email-words", "en", 40, "email is {atdot}", "send it to {atdot}", "mi correo {atdot}"),

		// Clean messages: nothing in them may be masked.
		clean("clean-scheduling", "en", 55, "can i move my appt to next week sometime in the afternoon", "do you have anything open {when}?", "running {n} min late sorry!!",
			"is the {time} still ok?", "need to cancel, something came up at work", "what time should I arrive for check-in?", "can I get the first slot {when}",
			"reschedule please, the kids are off school", "is it ok if I come {n} minutes early", "any openings {when} after {time}?"),
		clean("clean-parking", "en", 45, "where do I park?", "is parking validated", "the garage gate is stuck again", "is there a drop off spot by the front door",
			"how much is parking for {n} hours", "can my ride wait in the lot", "the lot is full, is there street parking?", "do you validate for the garage on level {n}"),
		clean("clean-insurance", "en", 50, "do you take Blue Cross?", "Do you accept Medicaid plans?", "how much is the copay for a regular visit", "my card changed, do I bring the new one?",
			"is there a payment plan", "I paid {money} online, did it go through?", "does insurance cover the yearly checkup", "can I pay the balance in {n} parts", "do you take Aetna or Cigna"),
		clean("clean-hours", "en", 45, "are you open saturday?", "what are your holiday hours", "open on Memorial Day?", "what time do you close {when}",
			"are you closed for Thanksgiving", "is the lab open early", "do you close for lunch", "what are the hours for the pharmacy window"),
		clean("clean-thanks", "en", 45, "thank you so much!!", "thanks, see you then", "got it, thank you", "perfect 👍", "ok sounds good", "you guys are the best",
			"appreciate the quick reply", "thank you for your patience with me", "great, thanks again"),
		clean("clean-chitchat", "en", 45, "happy new year to the whole team 🎉", "the coffee in the waiting room is great lol", "loved the new paint in the lobby",
			"is it still raining over there", "sorry for all the texts today", "haha yes will do", "my phone died earlier, sorry", "merry christmas everyone 🎄"),
		clean("clean-lorem", "en", 40, "{lorem}", "test message {lorem}", "{lorem}."),
		clean("clean-capitalised", "en", 50, "Is the Pharmacy on the First Floor?", "Do you take Apple Pay or Venmo?", "I saw the sign for Urgent Care, is that you?",
			"Thanksgiving Week Hours?", "Will you be open Good Friday?", "Happy Mother's Day to All the Moms there", "Can I Pay Online With PayPal",
			"Is the Lab Open on Sunday", "The Uber dropped me at the Wrong Entrance", "Does the Bus Stop at the Main Entrance", "Where is the Billing Office"),
		clean("clean-numbers", "en", 50, "I have {n} forms to fill out", "copay was {money}", "which room, {n}?", "took {n}0 minutes to find a spot", "page {n} of the packet is missing",
			"bus {n}2 stops outside right?", "the elevator to floor {n} is broken", "{n} kids are coming with me, is there room", "call back in {n} please", "suite 310 or 320?", "I'll be there at {time}"),
		clean("clean-word-names", "en", 45, "Will you be open tomorrow?", "Hope you're all well!", "May I bring my own forms?", "Is there a grace period for the payment",
			"Frank question: do you charge for no-shows", "Summer hours start when?", "Just to be sure, is it the April schedule", "Joy to see the new signs, thanks",
			"will do!", "hope to see you soon", "Do you have a fall schedule yet", "Is the rose garden entrance open"),
		clean("clean-wayfinding", "en", 45, "where do I go for an x-ray, same floor?", "is the MRI place in this building", "does radiology have its own parking",
			"where is the lab for blood draws", "which door is the pharmacy", "is the mammogram van here {when}", "is the ultrasound room upstairs", "do I check in at the front for imaging"),
		clean("clean-es", "es", 50, "¿a qué hora abren mañana?", "gracias doctora", "¿tienen estacionamiento?", "¿aceptan seguro?", "llego en {n} minutos",
			"¿puedo cambiar mi cita para la próxima semana?", "muchas gracias por todo 🙏", "¿dónde queda la farmacia?", "¿cuánto cuesta la consulta?", "ya voy en camino"),
		clean("clean-pt-fr", "pt", 40, "obrigado pela ajuda", "vocês abrem no sábado?", "merci beaucoup", "à quelle heure ouvrez-vous?", "tem estacionamento?",
			"je serai en retard de {n} minutes", "posso remarcar para a semana que vem?", "bonne journée!"),
	}

	// Long messages: several of the above run together, the way a voice
	// note or a worried relative writes them.
	cs = append(cs,
		category{name: "long-voice-note", lang: "en", n: 60, build: func(r *rand.Rand) []piece {
			return joinParts(r, []string{" and ", " so ", " um ", " and then ", " but "}, 3+r.IntN(3), longPartsEN)
		}},
		category{name: "long-worried-family", lang: "en", n: 60, build: func(r *rand.Rand) []piece {
			head := expand(r, pick(r, []string{"{hi}, this is {name}. ", "Hello I am writing about {kin} {name}. ", "hi its {lowergiven}, {kin}'s caregiver. "}))
			return append(head, joinParts(r, []string{". ", ". Also ", ". ", "! "}, 2+r.IntN(3), longPartsEN)...)
		}},
		category{name: "long-es", lang: "es", n: 55, build: func(r *rand.Rand) []piece {
			head := expand(r, pick(r, []string{"{hola}, soy {name}. ", "buenas tardes le escribe {lastfirst} ", "{hola} es sobre {kines} {given}. "}))
			return append(head, joinParts(r, []string{". ", " y ", " pero ", ", también "}, 2+r.IntN(3), longPartsES)...)
		}},
		category{name: "forwarded-email", lang: "en", n: 45, plain: true, build: func(r *rand.Rand) []piece {
			head := expand(r, "---------- Forwarded message ---------\nFrom: {name} <{email}>\nDate: {date}\nSubject: ")
			head = append(head, lit(pick(r, []string{"records", "my visit", "question", "Fwd: form"})+"\n\n"))
			return append(head, joinParts(r, []string{". ", "\n"}, 2+r.IntN(2), longPartsEN)...)
		}},
		category{name: "forwarded-chat", lang: "en", n: 45, build: func(r *rand.Rand) []piece {
			head := []piece{lit(pick(r, []string{"Forwarded\n", "fwd from my sister: ", ">> ", "Forwarded many times\n"}))}
			return append(head, joinParts(r, []string{". ", " ", "\n"}, 2+r.IntN(2), longPartsEN)...)
		}},
		category{name: "spanglish", lang: "es", n: 45, build: func(r *rand.Rand) []piece {
			parts := append(append([]string{}, longPartsEN[:12]...), longPartsES...)
			return joinParts(r, []string{" y ", " and ", ", ", " pero "}, 2+r.IntN(3), parts)
		}},
		category{name: "emoji-heavy", lang: "en", n: 45, build: func(r *rand.Rand) []piece {
			ps := joinParts(r, []string{" 😩 ", " 🙏🏽 ", " 😭😭 ", " ‼️ "}, 2+r.IntN(2), longPartsEN)
			return append([]piece{lit(pick(r, []string{"🆘 ", "😷 ", "hiii 👋 ", "🙏 "}))}, ps...)
		}},
	)

	// Staff drafts for the outbound guard.
	cs = append(cs,
		outbound("outbound-refuse-plain", "en", 45, "Hi, {stresult}. Have a good day!", "Good news: {stresult}.", "{staff} asked me to tell you {stresult}",
			"Just a note that {stmed}.", "Quick update: {stcond}.", "{stresult}, no need to come in."),
		outbound("outbound-refuse-es", "es", 40, "Hola, {stresultes}.", "Buenas noticias: {stresultes}.", "{staff} dice que {stresultes}", "Le aviso que {evclines}.", "Hola, {evclines}, llámenos."),
		outbound("outbound-refuse-evasion", "en", 45, "hi, {evclin}", "FYI {evclin}.", "Hello! {evclin}, call us at {clinicphone}.", "{staff} says {evclin}", "heads up: {evclin}"),
		outbound("outbound-allow-clinic", "en", 45, "This is {clinic}. Your visit is confirmed for {when} at {time}.", "{staff} will call you {when}.",
			"Our address is {clinicaddr}. Parking is free in the back.", "Please call us at {clinicphone} if you need to reschedule.",
			"You can fill in the forms at {clinicweb} before you come.", "Hi from {clinic}! {staff} is running about {n} minutes late.",
			"Thank you for choosing {clinic}. Call {clinicphone} with any questions.", "Hola, le escribe {clinic}. Su cita es {cuando} a las {time}."),
		category{name: "outbound-allow-safety", lang: "en", n: 45, plain: true, build: func(r *rand.Rand) []piece {
			if r.IntN(4) == 0 {
				return []piece{lit(pick(r, safetyLeadES) + pick(r, safetyIfES) + ", " + pick(r, safetyActES) + ".")}
			}
			return expand(r, pick(r, safetyLead)+pick(r, safetyIf)+", "+pick(r, safetyAct)+pick(r, []string{".", "!", ". Do not wait for a reply here.", ". {staff} can talk with you after."}))
		}},
	)
	return cs
}

// Generic safety advice: what any clinic tells everyone, about no one.
var (
	safetyLead = []string{"", "Reminder: ", "Please note: ", "Important: ", "From {clinic}: ", "As always, "}
	safetyIf   = []string{"if you have chest pain or trouble breathing", "if someone is not breathing or will not wake up", "if you have sudden weakness on one side or trouble speaking",
		"if you have a severe allergic reaction", "if you are thinking about hurting yourself", "if there is bleeding that will not stop", "if a child has a seizure for the first time",
		"if you feel you might faint", "after hours"}
	safetyAct    = []string{"call 911 now", "call 911 right away", "go to the nearest emergency room", "call or text 988", "call 911 or go to the emergency room", "do not wait, call 911"}
	safetyLeadES = []string{"", "Recuerde: ", "Importante: "}
	safetyIfES   = []string{"si tiene dolor de pecho o le falta el aire", "si alguien no respira", "si piensa en hacerse daño", "si tiene una reacción alérgica fuerte", "fuera de horario"}
	safetyActES  = []string{"llame al 911 ahora", "vaya a la sala de emergencias más cercana", "llame o mande texto al 988", "no espere, llame al 911"}
)

// longPartsEN and longPartsES are the fragments long messages are built
// from: each one either an identifier, a clinical statement or plain talk.
var longPartsEN = []string{
	"my dob is {dobnum}", "I take {med}", "{lab}", "I have {sym}", "my number is {phone}", "{kin} {given} drove me",
	"I was diagnosed with {cond}", "im {preg}", "I have {spec} {when}", "my member id is {member}", "email me at {email}",
	"the bill from {date} is wrong", "we moved to {address}", "{elder} is {age}", "{vital}", "I've been {subst}",
	"the pharmacy lost the script", "I can't find the parking", "sorry for the long message", "my phone is about to die",
	"nobody called me back", "the portal keeps logging me out", "I'm at work until {time}", "I've been having {mental}",
}
var longPartsES = []string{
	"nací el {dobes}", "tomo {medes}", "{labes}", "tengo {symes}", "mi número es {phone}", "{kines} {given} me trajo",
	"tengo {condes}", "{preges}", "tengo {speces} {cuando}", "mi número de afiliado es {member}", "vivo en {address}",
	"{elderes} tiene {age} años", "{vitales}", "no encuentro estacionamiento", "nadie me ha llamado", "perdón por el mensaje tan largo", "salgo del trabajo a las {time}",
}

// joinParts picks n distinct fragments, at least one of them holding PHI,
// and runs them together with glue.
func joinParts(r *rand.Rand, glue []string, n int, parts []string) []piece {
	for {
		idx := r.Perm(len(parts))[:n]
		var out []piece
		hasPHI := false
		for i, k := range idx {
			if i > 0 {
				out = append(out, lit(pick(r, glue)))
			}
			for _, p := range expand(r, parts[k]) {
				hasPHI = hasPHI || p.typ != ""
				out = append(out, p)
			}
		}
		if hasPHI {
			return out
		}
	}
}
