package policy

import (
	"strings"
	"time"
)

// UrgentCategory names the kind of emergency a message suggests.
type UrgentCategory string

const (
	UrgentChestPain   UrgentCategory = "chest_pain"
	UrgentBreathing   UrgentCategory = "breathing"
	UrgentSelfHarm    UrgentCategory = "self_harm"
	UrgentBleeding    UrgentCategory = "bleeding"
	UrgentStroke      UrgentCategory = "stroke"
	UrgentOverdose    UrgentCategory = "overdose"
	UrgentUnconscious UrgentCategory = "unconscious"
	UrgentAllergy     UrgentCategory = "allergic_reaction"
	UrgentSeizure     UrgentCategory = "seizure"
)

// UrgentVerdict is DetectUrgent's answer: whether the message suggests an
// emergency and which kinds. Categories never quote the message, so the
// verdict may go to the audit trail and the event stream.
type UrgentVerdict struct {
	Urgent     bool
	Categories []UrgentCategory
}

// urgentPhrase is a sequence of word patterns that must appear in order,
// each within urgentGap words of the one before. A pattern ending in "*"
// matches any word it starts; a pattern of five letters or more also
// matches a word one typing slip away (one letter added, dropped,
// changed or two swapped), because a frightened patient types fast.
type urgentPhrase []string

// urgentGap is how many other words may stand between two words of a
// phrase: "chest is in so much pain" still reads as chest pain.
const urgentGap = 4

// urgentPhrases are the cues per category, English and Spanish, written in
// the folded form foldConsent produces (lower case, no accents, no
// punctuation). They lean wide on purpose: a missed emergency costs far
// more than a safety reply to a patient who was fine.
var urgentPhrases = map[UrgentCategory][]urgentPhrase{
	UrgentChestPain: {
		{"chest", "pain*"}, {"chest", "hurt*"}, {"chest", "tight*"}, {"chest", "pressure"}, {"pain*", "chest"},
		{"chest", "crushing"}, {"tight", "chest"}, {"crushing", "chest"}, {"heart", "attack"}, {"tightness", "chest"}, {"pressure", "chest"},
		{"dolor", "pecho"}, {"duele", "pecho"}, {"pecho", "duele"}, {"pecho", "dolor"}, {"opresion", "pecho"},
		{"presion", "pecho"}, {"pecho", "apretado"}, {"infarto"}, {"ataque", "corazon"},
	},
	UrgentBreathing: {
		{"can't", "breath*"}, {"cant", "breath*"}, {"cannot", "breath*"}, {"can", "not", "breath*"}, {"couldn't", "breath*"},
		{"trouble", "breath*"}, {"difficulty", "breath*"}, {"hard", "breath*"}, {"struggling", "breath*"},
		{"short*", "breath"}, {"not", "breathing"}, {"stopped", "breathing"}, {"choking"}, {"gasping"},
		{"no", "puedo", "respirar"}, {"no", "puede", "respirar"}, {"dificultad", "respirar"}, {"falta", "aire"},
		{"me", "ahogo"}, {"se", "ahoga"}, {"ahogando"}, {"no", "respira"}, {"cuesta", "respirar"},
	},
	UrgentSelfHarm: {
		{"suicid*"}, {"kill", "myself"}, {"kil", "myself"}, {"end", "my", "life"}, {"want", "to", "die"}, {"wanna", "die"},
		{"hurt*", "myself"}, {"harm*", "myself"}, {"self", "harm"}, {"cutting", "myself"}, {"better", "off", "dead"},
		{"no", "reason", "to", "live"}, {"take", "my", "own", "life"},
		{"suicidarme"}, {"matarme"}, {"quitarme", "la", "vida"}, {"quiero", "morir*"}, {"hacerme", "dano"},
		{"lastimarme"}, {"cortarme"}, {"no", "quiero", "vivir"}, {"acabar", "con", "mi", "vida"},
	},
	UrgentBleeding: {
		{"bleeding", "heavily"}, {"heavy", "bleeding"}, {"severe", "bleeding"}, {"bleeding", "a", "lot"}, {"lots", "blood"},
		{"lot", "of", "blood"}, {"won't", "stop", "bleeding"}, {"wont", "stop", "bleeding"}, {"bleeding", "won't", "stop"},
		{"bleeding", "wont", "stop"}, {"can't", "stop", "bleeding"}, {"cant", "stop", "bleeding"}, {"bleeding", "not", "stopping"},
		{"blood", "everywhere"}, {"vomiting", "blood"}, {"coughing", "blood"}, {"hemorrhag*"},
		{"sangrado", "abundante"}, {"sangrando", "mucho"}, {"mucha", "sangre"}, {"no", "para", "sangrar"},
		{"no", "deja", "sangrar"}, {"no", "para", "de", "sangrar"}, {"hemorragia"}, {"vomitando", "sangre"}, {"sangre", "por", "todas"},
	},
	UrgentStroke: {
		{"stroke"}, {"face", "droop*"}, {"drooping", "face"}, {"face", "numb"}, {"slurred", "speech"}, {"slurring"},
		{"can't", "speak"}, {"cant", "speak"}, {"arm", "weak*"}, {"weak*", "arm"}, {"can't", "lift", "arm"}, {"cant", "lift", "arm"},
		{"one", "side", "numb"}, {"numb", "one", "side"},
		{"derrame"}, {"derame", "cerebral"}, {"derrame", "cerebral"}, {"embolia"}, {"cara", "caida"}, {"cara", "torcida"}, {"boca", "torcida"}, {"habla", "arrastrada"},
		{"no", "puede", "hablar"}, {"arrastra", "palabras"}, {"brazo", "debil"}, {"debilidad", "brazo"}, {"no", "puedo", "mover", "brazo"},
		{"lado", "dormido"}, {"ictus"},
	},
	UrgentOverdose: {
		{"overdos*"}, {"took", "too", "many"}, {"took", "whole", "bottle"}, {"swallowed", "pills"}, {"too", "much", "medicine"},
		{"sobredosis"}, {"tome", "muchas", "pastillas"}, {"tomo", "muchas", "pastillas"}, {"demasiadas", "pastillas"}, {"me", "tome", "todo"},
		{"envenen*"}, {"poisoned"}, {"poisoning"},
	},
	UrgentUnconscious: {
		{"unconscious"}, {"passed", "out"}, {"won't", "wake"}, {"wont", "wake"}, {"not", "waking"}, {"can't", "wake"}, {"cant", "wake"},
		{"unresponsive"}, {"fainted"}, {"collapsed"},
		{"inconsciente"}, {"desmay*"}, {"no", "despierta"}, {"no", "reacciona"}, {"no", "responde"}, {"perdio", "conocimiento"},
		{"se", "cayo", "y", "no"},
	},
	UrgentAllergy: {
		{"anaphyla*"}, {"allergic", "reaction"}, {"throat", "closing"}, {"throat", "swell*"}, {"tongue", "swell*"}, {"lips", "swell*"},
		{"swollen", "throat"}, {"swollen", "tongue"}, {"epipen"}, {"epi", "pen"},
		{"anafila*"}, {"reaccion", "alergica"}, {"garganta", "cerrando"}, {"garganta", "hinchada"}, {"lengua", "hinchada"},
		{"labios", "hinchados"}, {"se", "me", "cierra", "garganta"}, {"choque", "alergico"},
	},
	UrgentSeizure: {
		{"seizure*"}, {"seizing"}, {"convuls*"}, {"fit", "shaking"}, {"epileptic"},
		{"convulsion*"}, {"convulsiona*"}, {"ataque", "epilep*"}, {"crisis", "epilep*"}, {"temblando", "sin", "control"},
	},
}

// urgentCompiled is urgentPhrases without apostrophes, matching the
// words DetectUrgent compares them with.
var urgentCompiled = func() map[UrgentCategory][]urgentPhrase {
	out := make(map[UrgentCategory][]urgentPhrase, len(urgentPhrases))
	for cat, phrases := range urgentPhrases {
		for _, ph := range phrases {
			c := make(urgentPhrase, len(ph))
			for i, w := range ph {
				c[i] = strings.ReplaceAll(w, "'", "")
			}
			out[cat] = append(out[cat], c)
		}
	}
	return out
}()

// urgentOrder fixes the order categories are reported in.
var urgentOrder = []UrgentCategory{
	UrgentChestPain, UrgentBreathing, UrgentSelfHarm, UrgentBleeding, UrgentStroke,
	UrgentOverdose, UrgentUnconscious, UrgentAllergy, UrgentSeizure,
}

// DetectUrgent reports whether text suggests an emergency. It errs on the
// side of flagging, and it does not honour negation: "I don't have chest
// pain" is flagged like "I have chest pain". Telling a real denial from
// "I can't say it's not chest pain" is beyond a word matcher, and the
// cost of a needless safety reply ("if this is an emergency, call 911")
// is one extra line to a patient, while the cost of a missed emergency
// has no upper bound.
func DetectUrgent(text string) UrgentVerdict {
	// Apostrophes go: "cant" and "can't" are one word to a hurried thumb.
	words := strings.Fields(strings.ReplaceAll(foldConsent(text), "'", ""))
	if len(words) == 0 {
		return UrgentVerdict{}
	}
	var v UrgentVerdict
	for _, cat := range urgentOrder {
		for _, ph := range urgentCompiled[cat] {
			if phraseIn(words, ph) {
				v.Categories = append(v.Categories, cat)
				break
			}
		}
	}
	v.Urgent = len(v.Categories) > 0
	return v
}

// phraseIn reports whether ph occurs in words: its first pattern anywhere,
// each next one within urgentGap words after the previous match.
func phraseIn(words []string, ph urgentPhrase) bool {
	match := wordMatches
	if len(ph) == 1 && !aloneMayslip(ph[0]) {
		match = exactWord
	}
	for start := range words {
		if !match(words[start], ph[0]) {
			continue
		}
		at, ok := start, true
		for _, pat := range ph[1:] {
			found := -1
			for j := at + 1; j < len(words) && j <= at+1+urgentGap; j++ {
				if anchoredMatch(words[j], pat) {
					found = j
					break
				}
			}
			if found < 0 {
				ok = false
				break
			}
			at = found
		}
		if ok {
			return true
		}
	}
	return false
}

// aloneMayslip reports whether a one-word phrase may match with a typing
// slip: a stem ("suicid*") of six letters or more, a whole word of
// fuzzyAlone or more.
func aloneMayslip(pat string) bool {
	if stem, ok := strings.CutSuffix(pat, "*"); ok {
		return len(stem) >= fuzzyAlone-2
	}
	return len(pat) >= fuzzyAlone
}

// exactWord is wordMatches without typing slips.
func exactWord(word, pat string) bool {
	if stem, ok := strings.CutSuffix(pat, "*"); ok {
		return strings.HasPrefix(word, stem)
	}
	return word == pat
}

// wordMatches compares one folded word with one pattern (both without
// apostrophes).
func wordMatches(word, pat string) bool { return slipMatch(word, pat, fuzzyMin) }

// anchoredMatch is wordMatches for a word after a phrase's first one:
// with its anchor already found, a four-letter word may slip too ("chest
// pian").
func anchoredMatch(word, pat string) bool { return slipMatch(word, pat, fuzzyAnchored) }

func slipMatch(word, pat string, minLen int) bool {
	if stem, ok := strings.CutSuffix(pat, "*"); ok {
		if strings.HasPrefix(word, stem) {
			return true
		}
		// A slip inside the stem: compare the word's start of the same
		// length, give or take one letter.
		if len(stem) >= minLen && word[0] == stem[0] {
			for _, n := range []int{len(stem) - 1, len(stem), len(stem) + 1} {
				if n <= len(word) && oneSlip(word[:n], stem) {
					return true
				}
			}
		}
		return false
	}
	if word == pat {
		return true
	}
	return len(pat) >= minLen && word[0] == pat[0] && oneSlip(word, pat)
}

// fuzzyMin is the shortest pattern a typing slip may match; a lone word
// needs more (fuzzyAlone), or "cooking" would read as "choking" and
// "grasping" as "gasping". The first letter must always be right.
const (
	fuzzyMin      = 5
	fuzzyAnchored = 4
	fuzzyAlone    = 8
)

// oneSlip reports whether a and b differ by at most one edit: one letter
// inserted, deleted or replaced, or two neighbours swapped.
func oneSlip(a, b string) bool {
	if a == b {
		return true
	}
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	if la == lb {
		diff := -1
		for i := 0; i < la; i++ {
			if a[i] != b[i] {
				if diff >= 0 {
					// A second difference: only a swap of neighbours passes.
					return diff == i-1 && a[diff] == b[i] && a[i] == b[diff] && a[i+1:] == b[i+1:]
				}
				diff = i
			}
		}
		return true
	}
	if la < lb {
		a, b = b, a
	}
	// a is one longer than b: skip one letter of a.
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	return a[i+1:] == b[i:]
}

// SafetyReplyAllowed decides whether the clinic's safety reply may go to
// a patient whose message was flagged urgent. It is the second of the
// two messages design rule 7 allows before an opt-in, and the exception
// is kept narrow: it goes to a patient who has opted in or who has never
// chosen, never to one who sent STOP (their STOP stands; staff are
// alerted all the same and can call), and only inside the customer-service
// window the patient's own message opened, since WhatsApp would refuse
// free text outside it.
func SafetyReplyAllowed(optedOut bool, sinceInbound, window time.Duration) bool {
	return !optedOut && sinceInbound >= 0 && sinceInbound < window
}

// DefaultSafetyReply is the clinic's safety reply when none is
// configured, per language. It carries no PHI: it is the same for every
// patient and never echoes what they wrote.
var DefaultSafetyReply = map[Language]string{
	LangEnglish: "If this is an emergency, call 911 or go to the nearest emergency room now. " +
		"If you are thinking about suicide or self-harm, call or text 988. " +
		"This chat is not watched around the clock; a member of our team will reply as soon as possible.",
	LangSpanish: "Si es una emergencia, llame al 911 o vaya a la sala de emergencias más cercana ahora. " +
		"Si está pensando en el suicidio o en hacerse daño, llame o envíe un texto al 988. " +
		"Este chat no se atiende a todas horas; alguien de nuestro equipo le responderá lo antes posible.",
}
