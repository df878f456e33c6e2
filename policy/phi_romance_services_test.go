package policy

import (
	"strings"
	"testing"
)

// romanceShotSentences builds vaccine questions and notices in Spanish,
// Portuguese and French, where the vaccine comes before the illness it
// prevents: "la vacuna de la gripe", "a vacina da gripe", "le vaccin
// contre la grippe".
func romanceShotSentences() []string {
	shots := []string{
		"la vacuna de la gripe", "la vacuna contra la gripe", "la vacuna de la influenza", "la vacuna contra la influenza",
		"a vacina da gripe", "a vacina contra a gripe", "le vaccin contre la grippe", "le vaccin de la grippe",
		"las vacunas de la gripe", "as vacinas da gripe",
	}
	frames := []string{
		"¿Cuánto cuesta %s?", "¿Tienen %s?", "%s ya está disponible.", "Quanto custa %s?", "Vocês têm %s?",
		"%s já está disponível.", "Combien coûte %s ?", "Avez-vous %s ?", "%s est disponible.", "¿Dónde ponen %s?",
		"Recordatorio: %s es gratis este mes.", "hola, %s la ponen sin cita?",
	}
	var out []string
	for _, s := range shots {
		for _, f := range frames {
			out = append(out, strings.Replace(f, "%s", s, 1))
		}
	}
	return out
}

// TestRomanceShotIsAService checks that a vaccine named before its
// illness, in a message about nobody, is the clinic's service.
func TestRomanceShotIsAService(t *testing.T) {
	bad := 0
	sentences := romanceShotSentences()
	for _, s := range sentences {
		if d := Detect(s); len(d.Spans) > 0 {
			bad++
			t.Errorf("%q masked: %q", s, d.Masked)
		}
	}
	t.Logf("%d of %d vaccine sentences masked", bad, len(sentences))
}

// TestRomanceShotOwnedStaysMasked checks the look-alikes: the illness
// itself, or a vaccine tied to a person, still tells about that person.
func TestRomanceShotOwnedStaysMasked(t *testing.T) {
	for _, s := range []string{
		"tengo gripe", "mi hijo tiene la gripe", "estou com gripe", "j'ai la grippe", "mi mamá tiene influenza",
		"mi hija no tiene la vacuna de la gripe y tiene fiebre", "meu filho tomou a vacina da gripe e está com febre",
		"mon fils a eu le vaccin contre la grippe et il a de la fièvre", "tengo la gripe, ¿me pongo la vacuna de la gripe?",
		"la gripe me tiene en cama", "estoy con gripe desde el lunes", "minha filha está com gripe",
		"mi esposo tiene gripe, ¿cuánto cuesta la vacuna de la gripe?",
	} {
		if d := Detect(s); len(d.Spans) == 0 {
			t.Errorf("%q: nothing masked", s)
		}
	}
}

// specialistQuestions asks whether the clinic has a specialist, in the
// Portuguese and French words the lexicon files as conditions.
func specialistQuestions() []string {
	docs := []string{"dermatologista", "cardiologista", "ginecologista", "oncologista", "psiquiatra"}
	frDocs := []string{"dermatologue", "cardiologue", "gynécologue", "oncologue", "psychiatre", "pneumologue", "néphrologue"}
	var out []string
	for _, d := range docs {
		for _, f := range []string{"Tem %s?", "Vocês têm %s?", "Tem %s aí?", "A clínica tem %s?", "Tem %s no sábado?",
			"O %s atende hoje?", "Qual o horário do %s?", "Quanto custa a consulta com %s?"} {
			out = append(out, strings.Replace(f, "%s", d, 1))
		}
	}
	for _, d := range frDocs {
		for _, f := range []string{"Avez-vous un %s ?", "Il y a un %s au cabinet ?", "Le %s consulte le samedi ?",
			"Combien coûte une consultation avec le %s ?", "Y a-t-il un %s ?"} {
			out = append(out, strings.Replace(f, "%s", d, 1))
		}
	}
	return out
}

// TestSpecialistQuestionIsAService checks that asking whether the clinic
// has a specialist, with nobody in the message, masks nothing.
func TestSpecialistQuestionIsAService(t *testing.T) {
	bad := 0
	qs := specialistQuestions()
	for _, s := range qs {
		if d := Detect(s); len(d.Spans) > 0 {
			bad++
			t.Errorf("%q masked: %q", s, d.Masked)
		}
	}
	t.Logf("%d of %d specialist questions masked", bad, len(qs))
}

// TestSpecialistOfAPersonStaysMasked checks that a specialist tied to
// the writer or a relative still reveals what they are treated for.
func TestSpecialistOfAPersonStaysMasked(t *testing.T) {
	for _, s := range []string{
		"Meu filho vai ao psiquiatra?", "Preciso de um cardiologista?", "Minha mãe tem consulta com o oncologista?",
		"Je dois voir un cardiologue ?", "Mon fils voit le psychiatre ?", "Ma fille a rendez-vous chez le gynécologue ?",
		"eu fui ao dermatologista", "tenho consulta com a ginecologista", "j'ai vu le cardiologue hier",
		"Votre oncologue a appelé ?", "O seu psiquiatra respondeu?", "meu psiquiatra mudou o remédio",
	} {
		if d := Detect(s); len(d.Spans) == 0 {
			t.Errorf("%q: nothing masked", s)
		}
	}
}
