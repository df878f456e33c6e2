package policy

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/clinicwa/triage/assets"
)

var (
	macroPlaceholder = regexp.MustCompile(`\{\{?\s*[^{}]*\s*\}?\}`)
)

// ParseMacros reads a quick-reply file (a JSON list of assets.Macro) and
// checks every entry: id, title, language (en or es), category, roles
// that exist and may send quick replies, no placeholder but
// {portal_link} (so no PHI can be filled in), no health information in
// the wording, and a translation in the other language that names it
// back. Each problem names the file and the line of the entry.
func ParseMacros(file string, raw []byte) ([]assets.Macro, error) {
	var (
		list  []assets.Macro
		lines []int
	)
	_, err := decodeArrayWithLines(file, raw, func(line int, dec *json.Decoder) error {
		var m assets.Macro
		dec.DisallowUnknownFields()
		if err := dec.Decode(&m); err != nil {
			return err
		}
		list, lines = append(list, m), append(lines, line)
		return nil
	})
	if err != nil {
		return nil, err
	}
	var errs []string
	byID := map[string]int{}
	for i, m := range list {
		if first, dup := byID[m.ID]; dup {
			errs = append(errs, fmt.Sprintf("%s:%d: macro %q is already defined at line %d", file, lines[i], m.ID, lines[first]))
			continue
		}
		byID[m.ID] = i
	}
	for i, m := range list {
		for _, p := range checkMacro(m, list, byID) {
			errs = append(errs, fmt.Sprintf("%s:%d: macro %q: %s", file, lines[i], m.ID, p))
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return list, nil
}

func checkMacro(m assets.Macro, all []assets.Macro, byID map[string]int) []string {
	var p []string
	if !lowerName(m.ID, 64, '-') { // ^[a-z][a-z0-9-]{0,63}$
		p = append(p, "id must be lower case letters, digits and dashes, starting with a letter")
	}
	if strings.TrimSpace(m.Title) == "" {
		p = append(p, "title is required")
	}
	if m.Lang != "en" && m.Lang != "es" {
		p = append(p, "lang must be en or es")
	}
	if m.Category != "operational" && m.Category != "clinical-handoff" {
		p = append(p, "category must be operational or clinical-handoff")
	}
	if len(m.Roles) == 0 {
		p = append(p, "roles must name who may send it (frontdesk, nurse, supervisor)")
	}
	for _, r := range m.Roles {
		role, err := ParseRole(r)
		if err != nil {
			p = append(p, fmt.Sprintf("role %q does not exist", r))
		} else if !Can(role, ActionSendMacro) {
			p = append(p, fmt.Sprintf("role %q may not send quick replies", r))
		}
	}
	if strings.TrimSpace(m.Body) == "" || utf8.RuneCountInString(m.Body) > 1024 {
		p = append(p, "body must be 1 to 1,024 characters")
	}
	for _, ph := range macroPlaceholder.FindAllString(m.Body, -1) {
		if ph != assets.PortalLinkPlaceholder {
			p = append(p, fmt.Sprintf("body has %s: a quick reply may hold only {portal_link}, never a patient field", ph))
		}
	}
	if has := strings.Contains(m.Body, assets.PortalLinkPlaceholder); has != m.PortalLink {
		p = append(p, "portal_link must be true exactly when the body holds {portal_link}")
	}
	// Capitalised words are not checked, as for templates: the wording is
	// the clinic's own and Spanish openings read as names.
	var found []string
	for _, sp := range Detect(strings.ReplaceAll(m.Body, assets.PortalLinkPlaceholder, "")).Spans {
		if sp.Type != SpanName && !slices.Contains(found, string(sp.Type)) {
			found = append(found, string(sp.Type))
		}
	}
	if len(found) > 0 {
		p = append(p, "body contains health information ("+strings.Join(found, ", ")+")")
	}
	other := map[string]string{"en": "es", "es": "en"}[m.Lang]
	i, ok := byID[m.Translation]
	switch {
	case m.Translation == "":
		p = append(p, "translation must name the same reply in "+other+": every quick reply exists in English and Spanish")
	case !ok:
		p = append(p, fmt.Sprintf("translation %q is not defined in this file", m.Translation))
	case all[i].Lang != other:
		p = append(p, fmt.Sprintf("translation %q is not in %s", m.Translation, other))
	case all[i].Translation != m.ID:
		p = append(p, fmt.Sprintf("translation %q does not name %q back", m.Translation, m.ID))
	}
	return p
}
