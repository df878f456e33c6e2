package policy

import (
	"slices"
	"strings"
	"testing"
)

// urgentBases are plain statements of each emergency, English and
// Spanish, as patients write them.
var urgentBases = map[UrgentCategory][]string{
	UrgentChestPain: {"I have chest pain", "my chest hurts really bad", "pain in my chest since this morning",
		"tight chest and sweating", "I think I'm having a heart attack",
		"tengo dolor en el pecho", "me duele mucho el pecho", "siento opresión en el pecho", "creo que es un infarto"},
	UrgentBreathing: {"I can't breathe", "trouble breathing since last night", "my son is having difficulty breathing",
		"short of breath walking to the door", "she is choking",
		"no puedo respirar", "mi hija tiene dificultad para respirar", "me falta el aire", "me ahogo"},
	UrgentSelfHarm: {"I want to kill myself", "I have suicidal thoughts", "I want to end my life", "I keep thinking about hurting myself",
		"quiero suicidarme", "pienso en quitarme la vida", "ya no quiero vivir", "quiero hacerme daño"},
	UrgentBleeding: {"the cut won't stop bleeding", "heavy bleeding after the procedure", "there is a lot of blood",
		"he is vomiting blood", "estoy sangrando mucho", "tengo un sangrado abundante", "no para de sangrar la herida", "hay mucha sangre"},
	UrgentStroke: {"I think my dad is having a stroke", "her face is drooping on one side", "his speech is slurred and arm weak",
		"slurred speech all of a sudden", "my arm feels weak and numb",
		"creo que es un derrame", "tiene la cara caída", "habla arrastrada y no puede hablar bien", "tiene el brazo débil"},
	UrgentOverdose: {"I took too many pills", "my friend overdosed", "I think I overdosed on my meds",
		"tomé muchas pastillas", "creo que es una sobredosis", "mi hijo se envenenó"},
	UrgentUnconscious: {"my mom passed out and won't wake up", "he is unconscious", "she fainted in the bathroom",
		"está inconsciente", "se desmayó y no reacciona", "mi esposo no despierta"},
	UrgentAllergy: {"allergic reaction to the new medicine", "my throat is closing", "her tongue is swelling",
		"I used my epipen", "reacción alérgica al antibiótico", "se me cierra la garganta", "tengo la lengua hinchada"},
	UrgentSeizure: {"my son is having a seizure", "she had seizures all night", "he is convulsing",
		"mi hijo tiene convulsiones", "está convulsionando", "tuvo un ataque epiléptico"},
}

// urgentTypos are the same statements as hurried thumbs type them.
var urgentTypos = map[UrgentCategory][]string{
	UrgentChestPain:   {"chset pain", "chest pian so bad", "my chets hurts", "dolor de pehco", "me duele el pehco"},
	UrgentBreathing:   {"i cant breath", "cant brethe", "troubel breathing", "no puedo respriar", "no puedo respirr"},
	UrgentSelfHarm:    {"i want to kil myslef", "sucidal thoughts", "quiero suicdarme", "quiero morirme"},
	UrgentBleeding:    {"heavy bleedign", "wont stop bleding", "sangrando muhco", "hemoragia"},
	UrgentStroke:      {"face droopign", "slured speech", "sturred speech", "derame cerebral"},
	UrgentOverdose:    {"i overdoesd", "sobredoss"},
	UrgentUnconscious: {"unconcious", "inconsiente", "unresponsiv"},
	UrgentAllergy:     {"alergic reaction", "anaphylaxis", "reaccion alergca"},
	UrgentSeizure:     {"siezure", "convulsoins", "sezure"},
}

// urgentVariants generates, from one statement, the shapes it arrives in:
// shouted, whispered, wrapped in a greeting or a plea, punctuated,
// denied (flagged all the same: see DetectUrgent).
func urgentVariants(s string) []string {
	return []string{
		s,
		strings.ToUpper(s),
		strings.ToLower(s),
		"hi, " + s + "!!",
		"Hola doctora... " + s,
		s + " please help",
		s + ". Ayuda por favor",
		"  " + s + "?? ",
		"(" + s + ")",
		"URGENT: " + s,
	}
}

func TestDetectUrgentFlagsEveryVariantOfEveryCategory(t *testing.T) {
	total := 0
	for cat, bases := range urgentBases {
		all := append(slices.Clone(bases), urgentTypos[cat]...)
		for _, base := range all {
			for _, v := range urgentVariants(base) {
				total++
				got := DetectUrgent(v)
				if !got.Urgent || !slices.Contains(got.Categories, cat) {
					t.Errorf("%s: %q not flagged as %s (got %+v)", cat, v, cat, got)
				}
			}
		}
	}
	if total < 500 {
		t.Fatalf("only %d variants generated; the table shrank", total)
	}
}

// TestDetectUrgentFlagsDenials pins the documented conservative choice:
// negation does not clear a message.
func TestDetectUrgentFlagsDenials(t *testing.T) {
	for _, s := range []string{"I don't have chest pain", "no tengo dolor de pecho", "not suicidal, just sad", "no seizure today"} {
		if !DetectUrgent(s).Urgent {
			t.Errorf("%q not flagged; negation must not clear an urgent cue", s)
		}
	}
}

func TestDetectUrgentLeavesRoutineMessagesAlone(t *testing.T) {
	controls := []string{
		"chest x-ray appointment", "can I book my chest x-ray for Tuesday?", "breathing exercises class",
		"is the breathing exercises class on Monday?", "I need to reschedule my appointment",
		"what time do you open tomorrow", "I'm cooking dinner, call me later", "grasping at straws here lol",
		"I painted my kitchen", "visiting hours at the prison", "can you send me the parking directions", "my bread is in the oven",
		"quiero una cita para el martes", "¿a qué hora abren mañana?", "necesito cambiar mi cita", "gracias doctora",
		"the pharmacy refilled my prescription", "blood test results ready?", "when is my blood draw",
		"I have a question about my bill", "la receta está lista?", "the face mask policy", "arm chair in the lobby is broken",
		"STOP", "START", "sí", "ok thanks", "", "   ", "🙂",
	}
	for _, s := range controls {
		if got := DetectUrgent(s); got.Urgent {
			t.Errorf("%q flagged as urgent %v; a routine message must not page the nurses", s, got.Categories)
		}
	}
}

func TestOneSlip(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"chest", "chest", true}, {"chset", "chest", true}, {"chet", "chest", true}, {"chests", "chest", true},
		{"chast", "chest", true}, {"cehts", "chest", false}, {"ch", "chest", false}, {"pecho", "pehco", true},
	} {
		if got := oneSlip(tc.a, tc.b); got != tc.want {
			t.Errorf("oneSlip(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func BenchmarkDetectUrgent(b *testing.B) {
	msgs := []string{"Hola, quería saber a qué hora abren mañana y si puedo llevar a mi hijo", "I have chest pain since this morning"}
	for i := 0; b.Loop(); i++ {
		_ = DetectUrgent(msgs[i%2])
	}
}
