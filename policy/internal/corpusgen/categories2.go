package main

import (
	"fmt"
	"strings"
)

// More per-category sets, one for each way people write a statement that
// the detector used to cut short: an address with its town, region,
// postcode and country; names in the shapes cues introduce ("Family,
// Given", particles, hyphenated family names, a lone unlisted name after
// an opening "this is"); a complaint said of a body part with when it
// happens; ages over 89 phrased around the number; postcodes spelled out;
// and, for precision, symptom words that only name a form or a product.
var categoryTemplates2 = []tmplSet{
	{cat: "place-address-tail", lang: "en", tune: []string{
		"my address is {ASTREET}, {ATOWN}, {AREGION} {AUSZIP}",
		"please mail it to {ASTREET}, {AINTLZIP} {ATOWN}, {ACOUNTRY}",
		"I moved to {ASTREET}, {ATOWN}, {ACOUNTRY} last month",
		"new address: {ASTREET} {AUNIT}, {ATOWN}",
	}, held: []string{
		"send the forms to {ASTREET}, {ATOWN} - {ACOUNTRY} please",
		"we live at {ASTREET} {AUNIT}, {ATOWN}, {AREGION} {AUSZIP} and my son has a question",
		"the letter should go to {ASTREET}, {ATOWN} {AINTLZIP}, {ACOUNTRY}",
	}},
	{cat: "place-address-tail", lang: "es", tune: []string{
		"vivo en {ASTREETES}, {AUNITES}, {AINTLZIP} {ATOWNES}",
		"mi dirección es {ASTREETES}, {ATOWNES}, {ACOUNTRYES}",
	}, held: []string{
		"manden la carta a {ASTREETES}, {AINTLZIP} {ATOWNES}, {ACOUNTRYES} por favor",
	}},
	{cat: "name-shapes", lang: "en", tune: []string{
		"appointment for {LFSHAPE}",
		"patient: {LFSHAPE}",
		"this is {LFSHAPE}, calling about my bill",
		"call me {RAREONE}",
		"hi, this is {RAREONE}",
	}, held: []string{
		"results for {LFSHAPE} please",
		"name: {LFSHAPE}",
		"hello it's {RAREONE}",
		"my name is {HYPHFAM} and I need a refill",
		"this is {HYPHFAM}",
	}},
	{cat: "name-shapes", lang: "es", tune: []string{
		"cita para {LFSHAPE}",
		"hola soy {RAREONE}",
	}, held: []string{
		"soy {HYPHFAM}, ¿me pueden llamar?",
	}},
	{cat: "clinical-symptom-circumstance", lang: "en", clinical: true, tune: []string{
		"my {BODYCOMPLAINT}",
		"hi, my {BODYCOMPLAINT}",
		"I feel {FEELCIRC}",
		"I've been {FEELCIRC}",
	}, held: []string{
		"sorry to bother you but my {BODYCOMPLAINT}",
		"my son's {BODYCOMPLAINT}",
		"she's been {FEELCIRC}",
		"I keep {KEEPCIRC}",
	}},
	{cat: "clinical-measure-context", lang: "en", clinical: true, tune: []string{
		"{MEASURECTX}",
		"hi, {MEASURECTX}",
		"my son has a {CONDHEAD}",
		"my husband has {STAGECOND}",
	}, held: []string{
		"just checking, {MEASURECTX}",
		"quick question, my wife has a {CONDHEAD}",
		"my dad was told he has {STAGECOND}",
	}},
	{cat: "clinical-measure-context", lang: "es", clinical: true, tune: []string{
		"{MEASURECTXES}",
	}, held: []string{
		"buenas, {MEASURECTXES}",
	}},
	{cat: "age-over-89-phrasings", lang: "en", tune: []string{
		"she'll be {AGEN} next month",
		"he is almost {AGEN}",
		"at {AGEN} she still drives",
		"my dad ({AGEN}) needs a ride to his visit",
	}, held: []string{
		"my grandmother will be {AGEN} in May",
		"my mother just celebrated her {AGEORD}",
		"grandpa is nearly {AGEN}",
		"my aunt ({AGEN}) needs a ride",
	}},
	{cat: "zip-spelled", lang: "en", tune: []string{
		"my zip is {ZIPSPELL}",
		"zip code {ZIPSPELL}",
	}, held: []string{
		"the zip there is {ZIPSPELL} I think",
	}},
	{cat: "zip-spelled", lang: "es", tune: []string{
		"código postal {ZIPSPELLES}",
	}, held: []string{
		"mi código postal es {ZIPSPELLES}",
	}},
	{cat: "precision-title-case", lang: "en", tune: []string{
		"is {TITLEORG} open on Sunday?",
		"how do I get to {TITLEORG} from the bus stop?",
		"does {TITLEORG} take walk-ins",
	}, held: []string{
		"can you fax the form to {TITLEORG}?",
		"what are the hours for {TITLEORG}",
	}},
	{cat: "precision-imaging-time", lang: "en", tune: []string{
		"my {IMAGING} at {CLOCK}, where do I park?",
		"is my {IMAGING} at {CLOCK} still on?",
	}, held: []string{
		"my {IMAGING} at {CLOCK}, should I eat first?",
	}},
	{cat: "precision-generic-symptom", lang: "en", tune: []string{
		"where is the {GENERICSYMPTOM} on the intake form?",
		"is the {GENERICSYMPTOM} still on page 2?",
		"does the front desk have the {GENERICSYMPTOM}?",
	}, held: []string{
		"which window has the {GENERICSYMPTOM}?",
		"are {GENERICSYMPTOM} handed out at check-in?",
	}},
}

var (
	aStreets    = []string{"{HN} elm street", "{HN} Maple Ave", "{HN} Rue Victor Hugo", "{HN} King St W", "{HN} Station Road", "{HN} oak lane", "{HN} Queen Street", "{HN} Rue Sainte-Catherine", "Hauptstraße {HN}", "Kerkstraat {HN}", "{HN} Collins St"}
	aStreetsES  = []string{"Calle Luna {HN}", "Av. Reforma {HN}", "Calle Mayor {HN}", "Rua Augusta {HN}", "calle del sol {HN}", "Avenida Juárez {HN}"}
	aUnits      = []string{"apt 3b", "Apt. 12", "flat 2", "unit 7", "# 4", "suite 210", "apt 5C"}
	aUnitsES    = []string{"piso 3", "3º izq", "depto 5", "interior 4", "piso 2, puerta 1"}
	aTowns      = []string{"springfield", "Toronto", "Didsbury", "Lyon", "Porto", "Leeds", "Cork", "aix-en-provence", "Brighton", "Oakland", "Hamilton", "saint-denis"}
	aTownsES    = []string{"Ciudad de México", "Guadalajara", "Zaragoza", "São Paulo", "Quito", "Sevilla", "monterrey", "Valparaíso"}
	aRegions    = []string{"IL", "TX", "Ohio", "Oregon", "CA", "NY"}
	aUSZips     = []string{"62704", "73301", "44101", "97201", "60614-2201"}
	aIntlZips   = []string{"M5V 1K4", "75002", "28013", "01310-100", "SW1A 1AA", "D02 X285", "2000", "44100", "10115", "1017 GA"}
	aCountries  = []string{"USA", "Canada", "France", "UK", "Ireland", "Australia", "Germany", "Italy", "the Netherlands", "Portugal"}
	aCountryES  = []string{"España", "México", "Brasil", "Ecuador", "Chile", "Argentina"}
	particleFam = []string{"van der Berg", "de la Cruz", "O'Sullivan", "Asante-Boateng", "von Hagen", "bin Rashid", "al-Amin", "del Río", "Okafor-Eze", "McGillicuddy", "Nakamura", "Wojcik"}
	rareOne     = []string{"Kwabena", "Tobiah", "Thandiwe", "Wojciech", "Itziar", "Siobhan", "Oluwaseun", "Zbigniew", "Priyanka", "Anneliese", "Eluned", "Thibault", "Nkechi", "Yaroslav"}
	bodyParts   = []string{"head", "chest", "back", "left knee", "right ankle", "stomach", "throat", "lower back", "hands", "ears", "vision", "gums"}
	complaints  = []string{"has been pounding", "feels tight", "keeps ringing", "has been killing me", "is swollen and bruised", "is numb and tingly", "is sore", "gives out", "has been throbbing", "is really stiff", "is blurry", "bleed"}
	circs       = []string{"all morning", "at night", "when I walk", "after I eat", "lately", "on and off", "for three days", "since last night", "every morning", "when I climb stairs", "in the morning"}
	feelings    = []string{"dizzy", "nauseous", "weak and shaky", "really tired", "short of breath", "lightheaded", "feverish"}
	keepings    = []string{"coughing", "throwing up", "sneezing", "getting headaches", "having night sweats"}
	genericSymp = []string{"pain scale", "pain scale handout", "cough medicine", "flu shot forms", "headache questionnaire", "fever policy", "flu shots", "allergy forms", "cough medicine aisle"}
	measureCtx  = []string{"the results of my blood test came back {VAL}", "the level of sugar in my blood was {N3}", "my latest blood work showed {VAL}", "the results of his urine test were {VAL}", "the reading of my cholesterol was {N3}"}
	measureES   = []string{"mi nivel de azúcar salió en {N3}", "los resultados de mi examen de orina salieron {VALES}", "el nivel de colesterol de mi mamá salió {VALES}"}
	condHeads   = []string{"peanut allergy", "shellfish allergy", "latex allergy", "bladder infection", "penicillin allergy", "thyroid problem"}
	stageConds  = []string{"stage four colon cancer", "stage 2 colon cancer", "stage three lung cancer", "early stage breast cancer"}
	resultVals  = []string{"abnormal", "high", "low", "positive", "elevated"}
	resultValES = []string{"anormales", "altos", "bajos", "positivos", "elevados"}
	titleOrgs   = []string{"Northside Family Medicine Walk In", "Riverside Urgent Care Express Annex", "Saint Brigid Outpatient Surgery Pavilion", "Lakeview Women And Children Wing", "Harbor View Dental Arts Studio"}
	digitEN     = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
	digitES     = []string{"cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"}
)

func (g *gen) categoryValue2(ph, lang string) (seg, bool) {
	lower := func(s string) string {
		if g.r.IntN(3) == 0 {
			return strings.ToLower(s)
		}
		return s
	}
	switch ph {
	case "ASTREET":
		return seg{lower(g.sub(g.pick(aStreets), lang)), "ADDRESS"}, true
	case "ASTREETES":
		// Rua, Via and Rue are ordinary words in lower case; people who
		// write them as street names write them with a capital.
		return seg{g.sub(g.pick(aStreetsES), lang), "ADDRESS"}, true
	case "AUNIT":
		return seg{g.pick(aUnits), "ADDRESS"}, true
	case "AUNITES":
		return seg{g.pick(aUnitsES), "ADDRESS"}, true
	case "ATOWN":
		return seg{lower(g.pick(aTowns)), "ADDRESS"}, true
	case "ATOWNES":
		return seg{lower(g.pick(aTownsES)), "ADDRESS"}, true
	case "AREGION":
		return seg{g.pick(aRegions), "ADDRESS"}, true
	case "AUSZIP":
		return seg{g.pick(aUSZips), "ZIP"}, true
	case "AINTLZIP":
		// Inside a full address outside the US the postcode is part of
		// the ADDRESS span, as in place-international.
		return seg{g.pick(aIntlZips), "ADDRESS"}, true
	case "ACOUNTRY":
		return seg{lower(g.pick(aCountries)), "ADDRESS"}, true
	case "ACOUNTRYES":
		return seg{lower(g.pick(aCountryES)), "ADDRESS"}, true
	case "LFSHAPE":
		n := g.pick(particleFam) + ", "
		if g.r.IntN(2) == 0 {
			n += g.pick(rareFirst)
		} else {
			n += g.first(lang)
		}
		if g.r.IntN(3) == 0 {
			n += " " + string(initials[g.r.IntN(len(initials))]) + "."
		}
		return seg{lower(n), "NAME"}, true
	case "RAREONE":
		return seg{lower(g.pick(rareOne)), "NAME"}, true
	case "HYPHFAM":
		f := g.first(lang)
		if g.r.IntN(2) == 0 {
			f = g.pick(rareFirst)
		}
		return seg{lower(f + " " + g.last(lang) + "-" + g.pick(rareLast)), "NAME"}, true
	case "BODYCOMPLAINT":
		return seg{g.pick(bodyParts) + " " + g.pick(complaints) + " " + g.pick(circs), "SYMPTOM"}, true
	case "FEELCIRC":
		return seg{g.pick(feelings) + " " + g.pick(circs), "SYMPTOM"}, true
	case "KEEPCIRC":
		return seg{g.pick(keepings) + " " + g.pick(circs), "SYMPTOM"}, true
	case "AGEN":
		return seg{g.age90(), "AGE"}, true
	case "AGEORD":
		return seg{fmt.Sprintf("%dth", 90+g.r.IntN(16)), "AGE"}, true
	case "ZIPSPELL", "ZIPSPELLES":
		words := digitEN
		if ph == "ZIPSPELLES" {
			words = digitES
		}
		var parts []string
		for range 5 {
			d := g.r.IntN(10)
			w := words[d]
			if d == 0 && ph == "ZIPSPELL" && g.r.IntN(2) == 0 {
				w = "oh"
			}
			parts = append(parts, w)
		}
		return seg{strings.Join(parts, " "), "ZIP"}, true
	case "MEASURECTX":
		t := strings.ReplaceAll(g.pick(measureCtx), "{VAL}", g.pick(resultVals))
		return seg{g.sub(t, lang), "LAB"}, true
	case "MEASURECTXES":
		t := strings.ReplaceAll(g.pick(measureES), "{VALES}", g.pick(resultValES))
		return seg{g.sub(t, lang), "LAB"}, true
	case "CONDHEAD":
		return seg{g.pick(condHeads), "CONDITION"}, true
	case "STAGECOND":
		return seg{g.pick(stageConds), "CONDITION"}, true
	case "CLOCK":
		h := 7 + g.r.IntN(10)
		switch g.r.IntN(3) {
		case 0:
			return lit(fmt.Sprintf("%dam", h%12+1)), true
		case 1:
			return lit(fmt.Sprintf("%dpm", 1+g.r.IntN(5))), true
		}
		return lit(fmt.Sprint(h)), true
	case "TITLEORG":
		return lit(g.pick(titleOrgs)), true
	case "GENERICSYMPTOM":
		return lit(g.pick(genericSymp)), true
	}
	return seg{}, false
}
