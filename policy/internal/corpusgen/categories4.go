package main

import "fmt"

// Per-category sets for names written in another script inside an
// English or Spanish message (a patient writes a relative's name as the
// relative writes it), and the clean messages that carry non-Latin
// characters without any name: symbols, emoji, currency, units, and
// messages written wholly in another script.
var categoryTemplates4 = []tmplSet{
	{cat: "name-other-script", lang: "en", tune: []string{
		"my mum {SCRIPTNAME} is coming with me",
		"please ask for {SCRIPTNAME} at the desk",
		"my name is {SCRIPTNAME}",
		"appointment for {SCRIPTNAME}",
	}, held: []string{
		"attn: {SCRIPTNAME}",
		"my husband {SCRIPTNAME} can't come tomorrow",
	}},
	{cat: "name-other-script", lang: "es", tune: []string{
		"mi nombre es {SCRIPTNAME}",
		"mi suegra {SCRIPTNAME} viene conmigo",
	}, held: []string{
		"mi esposo {SCRIPTNAME} no puede venir",
	}},
	{cat: "name-kin-modal-word", lang: "en", tune: []string{
		"my {KIN} {MODALNAME} is sick",
		"my {KIN} {MODALNAME} needs a refill",
		"my {KIN} {MODALNAME} can't make it today",
		"my {KIN} {MODALNAME} has an appointment at 3",
	}, held: []string{
		"my {KIN} {MODALNAME} was seen last week",
		"my {KIN} {MODALNAME} missed the 10am slot",
	}},
	{cat: "name-kin-modal-word", lang: "es", tune: []string{
		"mi {KINES} {MODALNAME} tiene cita mañana",
	}, held: []string{
		"mi {KINES} {MODALNAME} necesita la receta",
	}},
	{cat: "precision-kin-modal", lang: "en", tune: []string{
		"my {KIN} will be late, sorry",
		"my {KIN} may need a school note",
		"my {KIN} will call you back",
	}, held: []string{
		"my {KIN} will no longer need the 3pm slot",
		"my {KIN} may come with me",
	}},
	{cat: "clinical-body-spanish", lang: "es", clinical: true, tune: []string{
		"{BODYES}",
		"hola, {BODYES}",
		"{BODYES}, ¿qué hago?",
	}, held: []string{
		"buenas, {BODYES} desde ayer",
		"perdón la molestia, {BODYES}",
	}},
	{cat: "precision-spanish-tener", lang: "es", tune: []string{
		"{TENERCLEAN}",
		"hola, {TENERCLEAN}",
	}, held: []string{
		"{TENERCLEAN}, gracias",
	}},
	{cat: "vehicle-plate-two-groups", lang: "en", tune: []string{
		"my plate is {PLATE2}, I'm in the back lot",
		"license plate {PLATE2} is blocking the ramp?",
		"car reg {PLATE2} parked in the disabled bay",
	}, held: []string{
		"the car with plate {PLATE2} is mine",
	}},
	{cat: "vehicle-plate-two-groups", lang: "es", tune: []string{
		"mi matrícula es {PLATE2}",
	}, held: []string{
		"placa {PLATE2}, estoy afuera",
	}},
	{cat: "date-spanish-short-year", lang: "es", tune: []string{
		"nací el {DMDEL}",
		"mi fecha de nacimiento es {DMDEL}",
		"la operación fue el {DMDEL}",
	}, held: []string{
		"mi mamá nació el {DMDEL}, ¿lo necesitan?",
	}},
	{cat: "precision-spanish-del", lang: "es", tune: []string{
		"¿abren del {D1} al {D2}?",
		"las citas de mayo son del {D1} al {D2}",
	}, held: []string{
		"estamos de vacaciones del {D1} al {D2}",
	}},
	{cat: "name-vowel-initial", lang: "en", tune: []string{
		"{VOWELINIT} called about the bill",
		"is {VOWELINIT} on the list for friday",
		"please send the forms to {VOWELINIT}",
	}, held: []string{
		"{VOWELINIT} will pick up the refill",
	}},
	{cat: "name-vowel-initial", lang: "es", tune: []string{
		"{VOWELINIT} necesita una cita",
	}, held: []string{
		"la receta de {VOWELINIT} está lista?",
	}},
	{cat: "age-nearing-and-apposed", lang: "en", tune: []string{
		"my {ELDER} is pushing {OLD}, can she get a home visit?",
		"my {ELDER}, {OLD}, needs a ride to the appointment",
		"my {ELDER} who is {OLD} needs the forms",
	}, held: []string{
		"my {ELDER} is going on {OLD} and needs a walker fitting",
		"my {ELDER} ({OLD}) will come with me",
	}},
	{cat: "age-nearing-and-apposed", lang: "es", tune: []string{
		"mi {ELDERES} anda por los {OLD}",
		"mi {ELDERES} va a cumplir {OLD}",
	}, held: []string{
		"mi {ELDERES} ({OLD}) viene conmigo",
	}},
	{cat: "precision-age-quantities", lang: "en", tune: []string{
		"we are pushing {Q} patients a day?",
		"is the wait going on {D1} hours",
		"celebrating {Q} days without a fall, thanks team",
	}, held: []string{
		"the price is going up by {D1} dollars?",
	}},
	{cat: "clinical-period", lang: "en", clinical: true, tune: []string{
		"{PERIOD}",
		"hi, {PERIOD}, should I take a test?",
	}, held: []string{
		"sorry to ask but {PERIOD}",
	}},
	{cat: "clinical-period", lang: "es", clinical: true, tune: []string{
		"{PERIODES}",
		"hola, {PERIODES}, ¿qué hago?",
	}, held: []string{
		"disculpe, {PERIODES}",
	}},
	{cat: "precision-period-word", lang: "en", tune: []string{
		"{PERIODCLEAN}",
		"hi, {PERIODCLEAN}?",
	}, held: []string{
		"quick question: {PERIODCLEAN}",
	}},
	{cat: "clinical-lump-spanish", lang: "es", clinical: true, tune: []string{
		"{LUMPES}",
		"hola, {LUMPES}, ¿me pueden ver?",
	}, held: []string{
		"buenos días, {LUMPES} desde la semana pasada",
	}},
	{cat: "precision-parcel-spanish", lang: "es", tune: []string{
		"{PARCELES}",
		"hola, {PARCELES}",
	}, held: []string{
		"perdón, {PARCELES}",
	}},
	{cat: "precision-other-script", lang: "en", tune: []string{
		"{SYMBOLTEXT}",
		"hi, {SYMBOLTEXT}",
	}, held: []string{
		"{SYMBOLTEXT} thanks",
		"thanks {GREETSCRIPT}",
		"hi {GREETSCRIPT}, is the office open today?",
	}},
}

var (
	// Names as their bearers write them: Han, Hangul, Kana, Arabic,
	// Hebrew, Devanagari, Thai, Greek, Cyrillic, Armenian, Georgian.
	scriptNames = []string{"王秀英", "李明", "张伟", "김민준", "이서연", "さくら", "たなか ゆうき", "محمد", "فاطمة الزهراء",
		"יוסף כהן", "רחל", "प्रिया शर्मा", "राहुल", "สมชาย", "Γιώργος Παπαδόπουλος", "Ελένη", "дмитрий", "Ольга Петрова",
		"Արամ", "ნინო"}
	// Non-Latin characters that are no name.
	symbolTexts = []string{"see you at 3 👍", "the copay is 20€ right?", "is it $50 or £40", "the room is 3×4 m² ok",
		"thank you ♥ see you tomorrow", "parking costs £4 per hour", "we'll be there → 10 min", "ok ✓ confirmed for monday",
		"temperature outside is −5 °C, are you open", "my phone screen says ⚠ no service", "gracias 🙏 hasta el lunes",
		"please confirm ✔️", "is the office open on christmas eve 🎄", "the form says № 42, is that right"}
	// Spanish says whose body it is with "tener" and an article.
	bodyES = []string{"tengo el brazo izquierdo dormido", "tengo la rodilla hinchada", "tiene la garganta inflamada",
		"tengo la mano derecha entumida", "tengo los pies morados", "mi hija tiene el ojo rojo", "tengo la espalda adolorida",
		"tengo la pierna dormida", "tiene el tobillo hinchado"}
	// "tener" and an article with no body: the car, the card, the visit.
	tenerClean = []string{"tengo el carro afuera", "tiene la cita el lunes", "tengo la tarjeta del seguro", "tengo el formulario listo",
		"tengo la receta en la mano", "el niño está dormido en el carro", "tengo el número de la clínica", "tienen la oficina cerrada"}
	// Greetings and thanks in the patient's own script.
	greetScript = []string{"谢谢", "спасибо", "شكرا", "감사합니다", "ありがとう", "תודה", "你好", "привет", "नमस्ते"}
	// Messages wholly in another script: the script says nothing there.
	wholeScript = []string{"明天几点开门", "예약을 변경하고 싶어요", "موعدي غدا", "Когда вы открываетесь?", "明日は何時に開きますか"}
)

func (g *gen) categoryValue4(ph, lang string) (seg, bool) {
	switch ph {
	case "SCRIPTNAME":
		return seg{g.pick(scriptNames), "NAME"}, true
	case "BODYES":
		return seg{g.pick(bodyES), "SYMPTOM"}, true
	case "TENERCLEAN":
		return lit(g.pick(tenerClean)), true
	case "PLATE2":
		l := func(n int) string {
			b := make([]byte, n)
			for k := range b {
				b[k] = byte('A' + g.r.IntN(26))
			}
			return string(b)
		}
		d := func(n int) string {
			b := make([]byte, n)
			for k := range b {
				b[k] = byte('0' + g.r.IntN(10))
			}
			return string(b)
		}
		var p string
		switch g.r.IntN(3) {
		case 0:
			p = l(2) + d(2) + " " + l(3) // British
		case 1:
			p = d(4) + " " + l(3) // Spanish
		default:
			p = l(2) + d(3) + " " + l(2) // Dutch-like sidecodes
		}
		return seg{p, "VEHICLE"}, true
	case "DMDEL":
		months := []string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"}
		return seg{fmt.Sprintf("%d de %s del %02d", 1+g.r.IntN(28), g.pick(months), 30+g.r.IntN(60)), "DOB"}, true
	case "D1":
		return lit(fmt.Sprint(1 + g.r.IntN(14))), true
	case "D2":
		return lit(fmt.Sprint(15 + g.r.IntN(14))), true
	case "VOWELINIT":
		first := []string{"maria", "jose", "juan", "ana", "john", "linda", "carlos", "rosa", "james", "luis"}
		last := []string{"gonzalez", "ramirez", "smith", "lopez", "garcia", "johnson", "martinez", "perez", "hernandez", "davis"}
		return seg{g.pick(first) + " " + g.pick([]string{"a", "e", "i", "o", "u"}) + ". " + g.pick(last), "NAME"}, true
	case "Q":
		return lit(fmt.Sprint(90 + g.r.IntN(15))), true
	case "OLD":
		return seg{fmt.Sprint(90 + g.r.IntN(15)), "AGE"}, true
	case "ELDER":
		return lit(g.pick([]string{"grandma", "grandpa", "nana", "mom", "dad", "aunt", "uncle", "grandmother"})), true
	case "ELDERES":
		return lit(g.pick([]string{"abuela", "abuelo", "bisabuela", "tía", "mamá", "papá"})), true
	case "PERIOD":
		return seg{g.pick([]string{"my period is two weeks late", "my period has been really heavy", "her period stopped in march",
			"my period hasn't come this month", "my period is late again", "my period was really painful this time"}), "SYMPTOM"}, true
	case "PERIODES":
		return seg{g.pick([]string{"no me ha bajado la regla", "mi regla viene atrasada", "no le ha llegado el periodo a mi hija",
			"mi menstruación es muy abundante", "mi periodo está retrasado"}), "SYMPTOM"}, true
	case "PERIODCLEAN":
		return lit(g.pick([]string{"is the enrollment period late this year", "my period of coverage ended in june",
			"the payment is two weeks late", "what is the waiting period for new patients", "mi periodo de gracia termina el lunes",
			"the grace period for my copay"})), true
	case "LUMPES":
		return seg{g.pick([]string{"tengo una bolita en el pecho", "a mi hijo le salió un bulto en el cuello",
			"me salió un granito en la cara", "tengo un bulto en la espalda", "mi mamá tiene una bolita en el brazo"}), "SYMPTOM"}, true
	case "PARCELES":
		return lit(g.pick([]string{"traigo un bulto en el carro", "dejé un bulto en la recepción", "¿puedo dejar un bulto en la entrada?",
			"hay una bolita en el formulario que no entiendo"})), true
	case "MODALNAME":
		return seg{g.pick([]string{"will", "may", "Will", "May", "june", "april", "hope", "grace", "mark", "bill"}), "NAME"}, true
	case "KIN":
		return lit(g.pick([]string{"son", "daughter", "husband", "wife", "mom", "dad", "brother", "sister"})), true
	case "KINES":
		return lit(g.pick([]string{"hijo", "hija", "esposo", "esposa", "mamá", "hermano"})), true
	case "GREETSCRIPT":
		return lit(g.pick(greetScript)), true
	case "SYMBOLTEXT":
		if g.r.IntN(4) == 0 {
			return lit(g.pick(wholeScript)), true
		}
		return lit(g.pick(symbolTexts)), true
	}
	return seg{}, false
}
