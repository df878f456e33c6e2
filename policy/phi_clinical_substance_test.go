package policy

import (
	"strings"
	"testing"
)

// Substance use in chat words (phi_clinical_substance.go), generated
// over subjects (pronouns, relatives, a named relative), time phrases,
// message frames and case; each must be masked whole.

var substancePeople = []person{{"I", false}, {"my husband", true}, {"my boyfriend", true}, {"she", true}}

func TestSubstanceChatShapes(t *testing.T) {
	phrases := []phrase{
		{"am hooked on pain pills", "is hooked on pain pills"},
		{"got hooked on oxys", "got hooked on oxys"},
		{"fell off the wagon", "fell off the wagon"},
		{"went back to drinking", "went back to drinking"},
		{"am back on the bottle", "is back on the bottle"},
		{"have been hitting the bottle hard", "has been hitting the bottle hard"},
		{"was high when I fell", "was high when she fell"},
		{"have been getting high every day", "has been getting high every day"},
		{"got wasted", "got wasted"},
		{"have been clean 8 months", "has been clean 8 months"},
		{"am 6 months clean", "is 6 months clean"},
		{"want to get clean", "wants to get clean"},
		{"have a coke habit", "has a coke habit"},
		{"am dope sick", "is dope sick"},
		{"am withdrawing from opiates", "is withdrawing from opiates"},
		{"slipped and used", "slipped and used"},
		{"am an addict", "is an addict"},
		{"am a heavy drinker", "is a heavy drinker"},
		{"am a smoker", "is a smoker"},
		{"am an ex-smoker", "is an ex-smoker"},
		{"drink socially", "drinks socially"},
		{"drink on weekends", "drinks on weekends"},
		{"drink to cope", "drinks to cope"},
		{"still smoke", "still smokes"},
		{"have smoked for 20 years", "has smoked for 20 years"},
		{"have 10 drinks a week", "has 10 drinks a week"},
		{"drink a 30 pack on weekends", "drinks a 30 pack on weekends"},
		{"drink more than usual", "drinks more than usual"},
		{"take more than prescribed", "takes more than prescribed"},
		{"took too many pills", "took too many pills"},
		{"mix pills and alcohol", "mixes pills and alcohol"},
		{"pop pills", "pops pills"},
		{"smoke a joint before bed", "smokes a joint before bed"},
		{"smoke spice", "smokes spice"},
		{"have been sipping lean", "has been sipping lean"},
		{"have been doing blow", "has been doing blow"},
		{"chew dip every day", "chews dip every day"},
		{"quit cold turkey", "quit cold turkey"},
		{"can't get through the day without a drink", "can't get through the day without a drink"},
		{"get the shakes if I don't drink", "gets the shakes if she doesn't drink"},
		{"tested positive for fentanyl", "tested positive for fentanyl"},
		{"am in a 12 step program", "is in a 12 step program"},
		{"have been drinkin again", "has been drinkin again"},
		{"relapsed", "relapsed"},
		{"am using again", "is using again"},
		{"have been taking pills off the street", "has been taking pills off the street"},
		{"take pills I got on the street", "takes pills she got on the street"},
		{"buy street drugs", "buys street drugs"},
		{"have been taking pills that aren't mine", "has been taking pills that aren't hers"},
	}
	checkWhole(t, generate(substancePeople, phrases, []string{"", " lately", " since last summer"}, enFrames))
	// A relative named as the subject: the name keeps its own span and
	// the statement after it is masked.
	var named [][2]string
	for _, name := range []string{"Marcus", "Ana", "Jennifer"} {
		for _, p := range phrases {
			stmt := name + " " + p.third
			for _, f := range enFrames {
				named = append(named, [2]string{frame(f, stmt), stmt})
			}
		}
	}
	checkWhole(t, named)
}

func TestSubstanceCounts(t *testing.T) {
	// An amount drunk as a habit needs no verb: "3 beers every night".
	var msgs [][2]string
	for _, amt := range []string{"3 beers every night", "about 10 drinks a week", "4 or 5 drinks a night", "a six pack every night",
		"a bottle of wine a day", "like 12 beers on weekends", "unas 6 cervezas al día", "5 caguamas el fin de semana"} {
		for _, f := range []string{"%s", "honestly %s", "hi doc\n%s"} {
			msgs = append(msgs, [2]string{frame(f, amt), amt})
		}
	}
	checkWhole(t, msgs)
}

func TestSubstanceChartTerms(t *testing.T) {
	var msgs [][2]string
	for _, term := range []string{"opioid use disorder", "alcohol use disorder", "history of IV drug use", "alcohol withdrawal",
		"nicotine dependence", "ETOH abuse", "opioid dependence in remission", "hx of cocaine abuse", "abuso de alcohol",
		"dependencia al alcohol", "OUD", "a 20 pack-year history", "1 ppd"} {
		for _, f := range []string{"%s", "he was diagnosed with %s last year", "my records say %s, is that right"} {
			msgs = append(msgs, [2]string{frame(f, term), term})
		}
	}
	checkWhole(t, msgs)
}

func TestSubstanceSpanishShapes(t *testing.T) {
	people := []person{{"", false}, {"mi esposo", true}, {"mi hijo", true}}
	phrases := []phrase{
		{"volví a tomar", "volvió a tomar"},
		{"volví a consumir", "volvió a consumir"},
		{"ando en las drogas", "anda en las drogas"},
		{"me inyecto", "se inyecta"},
		{"estoy limpio hace 3 meses", "está limpio hace 3 meses"},
		{"ando bien pedo", "anda bien pedo"},
		{"le pongo al cristal", "le pone al cristal"},
		{"me meto coca", "se mete coca"},
		{"fumo desde los 15 años", "fuma desde los 15 años"},
		{"tomo los fines de semana", "toma los fines de semana"},
		{"huelo thinner", "huele thinner"},
		{"estoy en un anexo", "está en un anexo"},
	}
	frames := []string{"%s", "hola, %s. me pueden llamar?", "buenos días\n%s"}
	var msgs [][2]string
	for _, m := range generate(people, phrases, []string{"", " otra vez"}, frames) {
		msgs = append(msgs, [2]string{strings.TrimSpace(m[0]), strings.TrimSpace(m[1])})
	}
	checkWhole(t, msgs)
}

// Everyday senses of the same words stay readable.
func TestSubstanceLookalikesStayReadable(t *testing.T) {
	for _, text := range []string{
		"I'm hooked on this show", "she's a coffee addict", "I'm a total gym junkie lol", "my son is in high school",
		"the high today is 80", "the price was high", "is it high up on the shelf?", "he got high marks in school",
		"don't let the food go to waste", "the kids are back to school", "I'll get back to you tomorrow",
		"going back to work monday", "we went back to the clinic", "volví a tomar la pastilla", "volví a casa",
		"keep the wound clean", "the room is clean", "please get clean clothes for the visit", "my habit of biting nails",
		"fill the water bottle", "bring the medicine bottle", "take as prescribed", "mix the powder with water",
		"pop in tomorrow at 10", "the shakes at the diner are great", "I have too many forms to fill",
		"my drinking water is bottled", "he's withdrawing his application", "the wagon is outside", "el vicio de las series",
		"I drink more water now", "I drink more than 2 liters of water a day", "tomo coca cola", "I use a joint supplement",
		"I'm a coffee drinker", "we bought a meat smoker", "app users can log in", "she is a heavy user of the portal",
		"she drinks a lot of water", "he drinks coffee every morning", "my dad smokes meat on weekends",
		"do you treat alcohol withdrawal?", "our opioid use disorder program meets Tuesdays", "drug abuse hotline number please",
		"no alcohol use on the premises", "he plays the oud", "the dts report is attached",
		"I drink 8 glasses of water a day", "my son gets 2 shots a week", "tomo agua todos los días",
		"tomo los medicamentos los fines de semana", "mi hijo toma leche", "3 beers for the party on saturday",
		"we need to speed up the forms", "I use speed dial for the clinic", "add spice to the soup", "I lean on my cane",
		"el foco del baño no sirve", "no hay pedo", "qué pedo con la cita", "I can't go without a car",
		"I had a cold turkey sandwich", "my tabs are open on the computer", "I use wax strips", "the tar on the road",
		"huele a thinner en el pasillo", "the pharmacy is on the street behind us", "I take the bus off Main street",
		"my pills are on the kitchen table", "the street is closed for the parade", "those forms are not mine",
	} {
		if d := Detect(text); len(d.Spans) > 0 {
			t.Errorf("clean %q masked as %q", text, d.Masked)
		}
	}
}
