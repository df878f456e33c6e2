package assets

import (
	"encoding/json"
	"fmt"
	"sync"
)

// Kinds of consent text.
const (
	// ConsentExplanation is the first message to a new number: what the
	// clinic sends on WhatsApp, that medical details go through the portal,
	// and the opt-in question.
	ConsentExplanation = "explanation"
	// ConsentConfirmOptIn and ConsentConfirmOptOut confirm a change. They
	// carry no PHI: the same words go to every patient.
	ConsentConfirmOptIn  = "confirm_opt_in"
	ConsentConfirmOptOut = "confirm_opt_out"
	// PHIAdvisory is the standard advisory sent when a patient asks for
	// health details over WhatsApp; PHIConfirmed acknowledges their
	// explicit confirmation and carries the portal link ({portal_link}).
	PHIAdvisory  = "phi_advisory"
	PHIConfirmed = "phi_confirmed"
)

// ConsentText is one version of a consent wording. A version is never
// edited once shipped: a new wording gets a new version, so every recorded
// consent names exactly the words the patient saw.
type ConsentText struct {
	Version string `json:"version"`
	Kind    string `json:"kind"`
	Lang    string `json:"lang"`
	Body    string `json:"body"`
}

var (
	consentOnce  sync.Once
	consentTexts []ConsentText
	consentErr   error
)

// ConsentTexts returns every shipped consent text; the last of each kind
// and language is the current one.
func ConsentTexts() ([]ConsentText, error) {
	consentOnce.Do(func() {
		raw, err := files.ReadFile("data/consent_texts.json")
		if err != nil {
			consentErr = err
			return
		}
		if err := json.Unmarshal(raw, &consentTexts); err != nil {
			consentErr = fmt.Errorf("assets: consent_texts.json: %w", err)
		}
	})
	return consentTexts, consentErr
}

// CurrentConsentText is the wording of kind in lang now in use, falling
// back to English when lang has none.
func CurrentConsentText(kind, lang string) (ConsentText, bool) {
	texts, _ := ConsentTexts()
	var found, english ConsentText
	for _, t := range texts {
		if t.Kind != kind {
			continue
		}
		if t.Lang == lang {
			found = t
		}
		if t.Lang == "en" {
			english = t
		}
	}
	if found.Version != "" {
		return found, true
	}
	return english, english.Version != ""
}

// ConsentTextByVersion finds a wording by its version.
func ConsentTextByVersion(version string) (ConsentText, bool) {
	texts, _ := ConsentTexts()
	for _, t := range texts {
		if t.Version == version {
			return t, true
		}
	}
	return ConsentText{}, false
}
