// Package assets holds the clinic's embedded data: quick-reply macros,
// WhatsApp templates, consent texts, lexicons and themes. It imports
// nothing of the project, so every other package may read it.
package assets

import (
	"embed"
	"encoding/json"
	"fmt"
	"sync"
)

//go:embed data
var files embed.FS

// FS exposes the embedded files (lexicons, templates) to the packages
// that parse them.
func FS() embed.FS { return files }

// PortalLinkPlaceholder marks where a macro's per-thread secure-portal
// link is inserted.
const PortalLinkPlaceholder = "{portal_link}"

// Macro is a quick reply. Bodies are warm, short, and carry no PHI
// placeholders: the only thing filled in is the secure-portal link.
type Macro struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Body     string   `json:"body"`
	Lang     string   `json:"lang"`
	Category string   `json:"category"` // "operational" or "clinical-handoff"
	Roles    []string `json:"roles"`    // roles that may send it
	// PortalLink says the body carries {portal_link}.
	PortalLink bool `json:"portal_link"`
	// Translation is the id of the same reply in the other language:
	// every macro exists in English and Spanish.
	Translation string `json:"translation"`
}

var (
	macrosOnce sync.Once
	macros     []Macro
	macrosErr  error
)

// Macros returns the embedded quick-reply macros, in display order.
func Macros() ([]Macro, error) {
	macrosOnce.Do(func() {
		raw, err := files.ReadFile("data/macros.json")
		if err != nil {
			macrosErr = err
			return
		}
		if err := json.Unmarshal(raw, &macros); err != nil {
			macrosErr = fmt.Errorf("assets: macros.json: %w", err)
		}
	})
	return macros, macrosErr
}

// MacroByID finds one macro.
func MacroByID(id string) (Macro, bool) {
	ms, _ := Macros()
	for _, m := range ms {
		if m.ID == id {
			return m, true
		}
	}
	return Macro{}, false
}

// MessagingPolicyFile is the name of the clinic's messaging policy, both
// embedded here as the default and, when present, in triaged's data
// folder, where it overrides the default.
const MessagingPolicyFile = "messaging-policy.txt"

// DefaultMessagingPolicy is the embedded policy text (see
// MessagingPolicyFile for the format: "Version:" and "Title:" header lines,
// a blank line, then the text).
func DefaultMessagingPolicy() []byte {
	b, err := files.ReadFile("data/" + MessagingPolicyFile)
	if err != nil {
		panic("assets: the embedded messaging policy is missing: " + err.Error())
	}
	return b
}

// SafeguardMap is the table mapping each HIPAA safeguard to the feature
// that meets it and the tests that prove it. The README carries the same
// table; a test keeps the two equal and checks every test named exists.
func SafeguardMap() []byte {
	b, err := files.ReadFile("data/safeguard-map.md")
	if err != nil {
		panic("assets: the embedded safeguard map is missing: " + err.Error())
	}
	return b
}

// DemoClinicProfile is the clinic allow-list the demo runs with: the
// invented clinic's own names, address, numbers, web addresses and staff.
func DemoClinicProfile() ([]byte, error) {
	return files.ReadFile("data/clinic_profile_demo.json")
}
