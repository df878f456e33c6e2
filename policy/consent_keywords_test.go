package policy

import "testing"

func TestParseConsentKeyword(t *testing.T) {
	cases := []struct {
		in   string
		want ConsentKeyword
	}{
		// Clear opt-outs act at once, whatever the case, accents or punctuation.
		{"STOP", ConsentStop}, {" stop. ", ConsentStop}, {"Stop!!!", ConsentStop}, {"stop 🛑", ConsentStop},
		{"STOP please", ConsentStop}, {"please stop", ConsentStop}, {"UNSUBSCRIBE!", ConsentStop},
		{"Baja", ConsentStop}, {"BAJA por favor", ConsentStop}, {"PARAR", ConsentStop}, {"Alto", ConsentStop},
		{"¡ALTO!", ConsentStop}, {"CANCELAR", ConsentStop}, {"cancelar.", ConsentStop}, {"Detener", ConsentStop},
		{"opt-out", ConsentStop}, {"Opt out", ConsentStop}, {"darme de baja", ConsentStop}, {"no más mensajes", ConsentStop},
		// Clear opt-ins.
		{"START", ConsentStart}, {"start", ConsentStart}, {"YES", ConsentStart}, {"Yes!", ConsentStart},
		{"yes please", ConsentStart}, {"SÍ", ConsentStart}, {"si", ConsentStart}, {"Sí, por favor", ConsentStart},
		{"¡Sí!", ConsentStart}, {"INICIO", ConsentStart}, {"¡Alta!", ConsentStart}, {"Acepto", ConsentStart},
		{"opt in", ConsentStart}, {"UNSTOP", ConsentStart}, {"sí acepto", ConsentStart},
		// Plain-language opt-outs are flagged for a person.
		{"please stop messaging me", ConsentMaybeStop}, {"Stop texting me", ConsentMaybeStop},
		{"Can you stop sending me these messages", ConsentMaybeStop}, {"don't message me again", ConsentMaybeStop},
		{"Do not contact me on WhatsApp", ConsentMaybeStop}, {"I don't want any more messages", ConsentMaybeStop},
		{"no more messages please", ConsentMaybeStop}, {"remove me from your list", ConsentMaybeStop},
		{"take me off the list", ConsentMaybeStop}, {"unsubscribe me from this", ConsentMaybeStop},
		{"no me escriban más", ConsentMaybeStop}, {"No me escriban mas por favor", ConsentMaybeStop},
		{"dejen de escribirme", ConsentMaybeStop}, {"Por favor dejen de mandarme mensajes", ConsentMaybeStop},
		{"no quiero recibir más mensajes", ConsentMaybeStop}, {"Quiero darme de baja", ConsentMaybeStop},
		{"sáquenme de la lista", ConsentMaybeStop}, {"ya no me escriban", ConsentMaybeStop},
		// Not about consent: a keyword inside a sentence never acts.
		{"please don't stop my refill", ConsentNone}, {"stop the medication?", ConsentNone},
		{"Should I stop taking it?", ConsentNone}, {"I need to cancel my appointment", ConsentNone},
		{"yes I can come at 3", ConsentNone}, {"si puedo ir mañana", ConsentNone}, {"the pain won't stop", ConsentNone},
		{"¿a qué hora abren?", ConsentNone}, {"", ConsentNone}, {"   ", ConsentNone}, {"🛑", ConsentNone},
		{"Where do I park?", ConsentNone}, {"no", ConsentNone},
	}
	for _, c := range cases {
		if got := ParseConsentKeyword(c.in); got != c.want {
			t.Errorf("ParseConsentKeyword(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestDetectLanguage(t *testing.T) {
	cases := []struct {
		in   string
		want Language
	}{
		{"Hola, ¿a qué hora abren el sábado?", LangSpanish},
		{"hola buenos dias", LangSpanish},
		{"necesito una cita para mi mama", LangSpanish},
		{"Sí", LangSpanish},
		{"gracias", LangSpanish},
		{"Hi! Where do I park for my appointment tomorrow?", LangEnglish},
		{"Hello, is the clinic open today?", LangEnglish},
		{"ok", LangEnglish},
		{"", LangEnglish},
		{"12345", LangEnglish},
	}
	for _, c := range cases {
		if got := DetectLanguage(c.in); got != c.want {
			t.Errorf("DetectLanguage(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseRiskAcceptance(t *testing.T) {
	for in, want := range map[string]bool{
		"ACCEPT RISK": true, "accept risk.": true, "I accept the risk": true, "ACEPTO RIESGO": true, "acepto el riesgo, gracias": true,
		"yes": false, "ACEPTO": false, "accept": false, "I don't accept the risk": false, "": false,
	} {
		if got := ParseRiskAcceptance(in); got != want {
			t.Errorf("ParseRiskAcceptance(%q) = %v, want %v", in, got, want)
		}
	}
}
