package policy

import "strings"

// Language is a patient's language as the clinic's texts are written in:
// "en" or "es".
type Language string

const (
	LangEnglish Language = "en"
	LangSpanish Language = "es"
)

// spanishWords and englishWords are common function words; a message is
// Spanish when it has more of the first, or Spanish-only letters.
var (
	spanishWords = set("hola", "buenos", "buenas", "dias", "tardes", "noches", "que", "de", "la", "el", "los", "las",
		"por", "para", "con", "una", "un", "mi", "es", "esta", "estoy", "tengo", "quiero", "necesito", "cita",
		"gracias", "si", "no", "como", "donde", "cuando", "hora", "abren", "manana", "ayuda", "puedo", "usted", "ustedes",
		"y", "o", "pero", "sabado", "domingo", "lunes", "martes", "miercoles", "jueves", "viernes", "doctor", "doctora",
		"me", "se", "le", "al", "del", "mas", "muy", "favor", "bien", "alto", "parar", "baja", "inicio")
	englishWords = set("hello", "hi", "hey", "the", "a", "an", "is", "are", "i", "you", "my", "me", "to", "of", "and",
		"or", "for", "with", "what", "where", "when", "how", "can", "do", "does", "appointment", "thanks", "thank",
		"please", "yes", "no", "time", "open", "today", "tomorrow", "help", "need", "want", "have", "it", "this",
		"that", "in", "on", "at", "stop", "start", "good", "morning")
)

// DetectLanguage guesses whether text is Spanish or English; anything
// unclear is English, the clinic's default. It is deliberately simple:
// it only chooses which of two prepared texts a patient receives.
func DetectLanguage(text string) Language {
	if strings.ContainsAny(text, "ñÑ¿¡") {
		return LangSpanish
	}
	es, en := 0, 0
	for _, w := range strings.Fields(foldConsent(text)) {
		if spanishWords[w] {
			es++
		}
		if englishWords[w] {
			en++
		}
	}
	if strings.ContainsAny(text, "áéíóúÁÉÍÓÚ") {
		es++
	}
	if es > en {
		return LangSpanish
	}
	return LangEnglish
}
