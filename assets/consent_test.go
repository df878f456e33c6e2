package assets

import (
	"strings"
	"testing"
)

// Every kind of consent text exists in English and Spanish, versions are
// unique, and the explanation asks the opt-in question.
func TestConsentTextsCompleteAndVersioned(t *testing.T) {
	texts, err := ConsentTexts()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range texts {
		if seen[c.Version] {
			t.Errorf("version %q shipped twice", c.Version)
		}
		seen[c.Version] = true
	}
	for _, kind := range []string{ConsentExplanation, ConsentConfirmOptIn, ConsentConfirmOptOut} {
		for _, lang := range []string{"en", "es"} {
			c, ok := CurrentConsentText(kind, lang)
			if !ok || c.Lang != lang {
				t.Errorf("no %s text in %s", kind, lang)
			}
		}
	}
	en, _ := CurrentConsentText(ConsentExplanation, "en")
	es, _ := CurrentConsentText(ConsentExplanation, "es")
	if !strings.Contains(en.Body, "Reply YES") || !strings.Contains(en.Body, "portal") {
		t.Errorf("English explanation lacks the opt-in question or the portal: %q", en.Body)
	}
	if !strings.Contains(es.Body, "SÍ") || !strings.Contains(es.Body, "portal") {
		t.Errorf("Spanish explanation lacks the opt-in question or the portal: %q", es.Body)
	}
	if c, _ := CurrentConsentText(ConsentExplanation, "fr"); c.Lang != "en" {
		t.Errorf("unknown language fell back to %q, want English", c.Lang)
	}
}
