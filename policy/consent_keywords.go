package policy

import (
	"regexp"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// ConsentKeyword is what an inbound message says about consent.
type ConsentKeyword int

const (
	// ConsentNone: the message says nothing about consent.
	ConsentNone ConsentKeyword = iota
	// ConsentStop is a clear opt-out keyword (STOP, BAJA, …): it acts at once.
	ConsentStop
	// ConsentStart is a clear opt-in keyword (START, YES, SÍ, …).
	ConsentStart
	// ConsentMaybeStop is a plain-language request to stop ("please stop
	// messaging me", "no me escriban más"). Sentences are ambiguous in a
	// way keywords are not, so a person confirms it before it takes effect.
	ConsentMaybeStop
)

// String names the keyword class for audit details.
func (k ConsentKeyword) String() string {
	switch k {
	case ConsentStop:
		return "stop"
	case ConsentStart:
		return "start"
	case ConsentMaybeStop:
		return "maybe_stop"
	}
	return "none"
}

// stopWords and startWords are the opt-out and opt-in keywords WhatsApp
// users send, in English and Spanish, compared after folding case and
// accents ("SÍ" and "si" are one word). A message must consist of the
// keyword alone, perhaps with "please"/"por favor" and punctuation or
// emoji, so "please don't stop my refill" is not an opt-out.
var (
	stopWords = set("stop", "stopall", "stop all", "unsubscribe", "cancel", "end", "quit", "optout", "opt out",
		"baja", "alto", "parar", "pare", "detener", "cancelar", "darme de baja", "dar de baja", "no mas mensajes")
	startWords = set("start", "unstop", "subscribe", "yes", "yes please", "y", "yep", "yeah", "ok yes", "optin", "opt in",
		"alta", "si", "si acepto", "acepto", "inicio", "iniciar", "comenzar", "empezar", "claro", "claro que si", "de acuerdo")
	// politeness words dropped around a keyword.
	politeness = set("please", "pls", "plz", "por favor", "porfa", "thanks", "thank you", "gracias")
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// plainStop matches sentences asking the clinic to stop writing. They are
// matched on the folded text (lower case, no accents, single spaces).
//
// They are compiled on first use, so a process that never reads a consent
// reply (`triage scan`) does not compile them at start-up.
var plainStop = sync.OnceValue(func() []*regexp.Regexp {
	return []*regexp.Regexp{
		regexp.MustCompile(`\b(stop|quit|cease) (messaging|texting|writing to|writing|contacting|sending (me )?(messages|texts|these|this)|whatsapping)( me)?\b`),
		regexp.MustCompile(`\b(do not|dont|don't|never) (message|text|contact|write to|write|whatsapp|send) me\b`),
		regexp.MustCompile(`\b(no|don't want|do not want|dont want) (any )?more (messages|texts|whatsapps?)\b`),
		regexp.MustCompile(`\b(remove|take) me (off|from) (your|this|the) (list|messages|whatsapp)`),
		regexp.MustCompile(`\bunsubscribe me\b`),
		regexp.MustCompile(`\bleave me alone\b`),
		regexp.MustCompile(`\bno (me|nos) (escriban|escribas|escriba|manden|mandes|envien|envies|contacten|contactes)\b`),
		regexp.MustCompile(`\bdej(en|a|e) de (escribirme|mandarme|enviarme|contactarme|escribir|mandar)\b`),
		regexp.MustCompile(`\bno quiero (recibir )?(mas )?(mensajes|whatsapps?)\b`),
		regexp.MustCompile(`\b(quiero|quisiera) darme de baja\b`),
		regexp.MustCompile(`\b(saquen|saquenme|saqueme|sacame|borren|borrenme)( me)? de (la|su|esta) lista\b`),
		regexp.MustCompile(`\bya no (me )?(escriban|manden|envien|quiero mensajes)\b`),
	}
})

// foldConsent lowers case, strips accents and keeps letters, digits,
// apostrophes and single spaces, so "¡SÍ!" becomes "si".
func foldConsent(text string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	folded, _, err := transform.String(t, strings.ToLower(text))
	if err != nil {
		folded = strings.ToLower(text)
	}
	var b strings.Builder
	space := false
	for _, r := range folded {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '\u2019':
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			if r == '\u2019' {
				r = '\''
			}
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// ParseConsentKeyword recognises opt-out and opt-in keywords and
// plain-language requests to stop.
func ParseConsentKeyword(text string) ConsentKeyword {
	if len(text) > 500 {
		// A long message is a conversation, never a keyword; a request to
		// stop inside it is still flagged below on its first part.
		text = text[:500]
	}
	f := foldConsent(text)
	if f == "" {
		return ConsentNone
	}
	core := stripPoliteness(f)
	switch {
	case stopWords[core]:
		return ConsentStop
	case startWords[core]:
		return ConsentStart
	}
	for _, re := range plainStop() {
		if re.MatchString(f) {
			return ConsentMaybeStop
		}
	}
	return ConsentNone
}

// stripPoliteness drops "please", "gracias" and the like from either end.
func stripPoliteness(f string) string {
	for changed := true; changed; {
		changed = false
		for p := range politeness {
			if rest, ok := strings.CutPrefix(f, p+" "); ok {
				f, changed = rest, true
			}
			if rest, ok := strings.CutSuffix(f, " "+p); ok {
				f, changed = rest, true
			}
		}
	}
	return f
}

// acceptRisk are the replies that confirm a patient's informed request
// for health details over WhatsApp; the advisory asks for exactly these.
var acceptRisk = set("accept risk", "i accept risk", "i accept the risk", "accept the risk",
	"acepto riesgo", "acepto el riesgo", "si acepto el riesgo")

// ParseRiskAcceptance reports whether text is the patient's explicit
// confirmation after the PHI advisory. A bare YES or ACEPTO is not: it
// would be an opt-in, and a risk must be accepted in words that name it.
func ParseRiskAcceptance(text string) bool {
	if len(text) > 200 {
		return false
	}
	return acceptRisk[stripPoliteness(foldConsent(text))]
}
