package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Template categories, as WhatsApp defines them (they set the price and
// the review Meta applies).
const (
	CategoryUtility        = "utility"
	CategoryMarketing      = "marketing"
	CategoryAuthentication = "authentication"
)

// Variable kinds: the only things a template variable may hold. None of
// them can carry PHI, and each is checked when the template is sent.
const (
	VarPortalLink   = "portal_link"   // filled by the server: the thread's hand-off link
	VarClinicName   = "clinic_name"   // filled by the server from its configuration
	VarDayTime      = "day_time"      // "Tuesday 3:30 PM", "martes 15:30"
	VarLocationName = "location_name" // one of the clinic's named locations
)

// ReviewEvery is the legal review cycle: a template whose last review is
// older than this may not be sent.
const ReviewEvery = 3 // months

// Template is one WhatsApp template of the clinic's library.
type Template struct {
	Name       string   `json:"name"`
	Category   string   `json:"category"`
	Language   string   `json:"language"` // "en" or "es"
	Body       string   `json:"body"`     // {{1}}, {{2}}… in order
	Variables  []string `json:"variables"`
	Owner      string   `json:"owner"`
	LastReview string   `json:"last_review"` // YYYY-MM-DD
	// Line is where the template starts in its file (for error messages).
	Line int `json:"-"`
}

// ReviewedAt is the last legal review's date.
func (t Template) ReviewedAt() time.Time {
	d, _ := time.Parse(time.DateOnly, t.LastReview)
	return d
}

// NextReview is when the next quarterly legal review is due.
func (t Template) NextReview() time.Time { return t.ReviewedAt().AddDate(0, ReviewEvery, 0) }

// ReviewOverdue says the template may not be sent at now.
func (t Template) ReviewOverdue(now time.Time) bool { return !now.Before(t.NextReview()) }

// Key is the template's identity at the provider: name and language.
func (t Template) Key() string { return t.Name + "/" + t.Language }

// Render fills the body's variables with values, in order.
func (t Template) Render(values []string) string {
	out := t.Body
	for i := len(values); i >= 1; i-- { // {{10}} before {{1}}
		out = strings.ReplaceAll(out, "{{"+strconv.Itoa(i)+"}}", values[i-1])
	}
	return out
}

// lowerName reports s as a lower-case ASCII letter and then at most
// max-1 lower-case letters, digits or sep bytes: `^[a-z][a-z0-9_]{0,511}$`
// for a template, written out because compiling the 512-fold repetition
// was a fifth of the start-up of every command.
func lowerName(s string, max int, sep byte) bool {
	if len(s) == 0 || len(s) > max || s[0]-'a' >= 26 {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; c-'a' >= 26 && c-'0' >= 10 && c != sep {
			return false
		}
	}
	return true
}

// The template patterns are compiled on first use: most processes that
// link the policy package never read a template file.
var (
	placeholder = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{\{\s*([^}]*?)\s*\}\}`) })
	singleBrace = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{[a-zA-Z_][a-zA-Z0-9_]*\}`) })
)

// ParseTemplates reads a template library file (a JSON array) and checks
// every entry. Each problem names the file and the line of the entry.
func ParseTemplates(file string, raw []byte, now time.Time) ([]Template, error) {
	var out []Template
	var errs []string
	_, err := decodeArrayWithLines(file, raw, func(line int, dec *json.Decoder) error {
		var t Template
		dec.DisallowUnknownFields()
		if err := dec.Decode(&t); err != nil {
			return err
		}
		t.Line = line
		out = append(out, t)
		return nil
	})
	if err != nil {
		return nil, err
	}
	seen := map[string]int{}
	for _, t := range out {
		for _, p := range CheckTemplate(t, now) {
			errs = append(errs, fmt.Sprintf("%s:%d: template %q: %s", file, t.Line, t.Name, p))
		}
		if first, dup := seen[t.Key()]; dup {
			errs = append(errs, fmt.Sprintf("%s:%d: template %q in %q is already defined at line %d", file, t.Line, t.Name, t.Language, first))
		}
		seen[t.Key()] = t.Line
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return out, nil
}

// CheckTemplate lists what is wrong with one template.
func CheckTemplate(t Template, now time.Time) []string {
	var p []string
	if !lowerName(t.Name, 512, '_') {
		p = append(p, "name must be lower case letters, digits and underscores, starting with a letter")
	}
	switch t.Category {
	case CategoryUtility, CategoryMarketing, CategoryAuthentication:
	default:
		p = append(p, "category must be utility, marketing or authentication")
	}
	if t.Language != "en" && t.Language != "es" {
		p = append(p, "language must be en or es")
	}
	if strings.TrimSpace(t.Owner) == "" {
		p = append(p, "owner is required: who answers for this wording")
	}
	if d, err := time.Parse(time.DateOnly, t.LastReview); err != nil {
		p = append(p, "last_review must be the date of the last legal review, YYYY-MM-DD")
	} else if d.After(now) {
		p = append(p, "last_review is in the future")
	}
	if strings.TrimSpace(t.Body) == "" || utf8.RuneCountInString(t.Body) > 1024 {
		p = append(p, "body must be 1 to 1,024 characters")
	}
	if m := singleBrace().FindString(t.Body); m != "" {
		p = append(p, fmt.Sprintf("body has %s: templates take numbered variables {{1}}, {{2}}…, each with a kind", m))
	}
	var nums []int
	for _, m := range placeholder().FindAllStringSubmatch(t.Body, -1) {
		n, err := strconv.Atoi(m[1])
		if err != nil || n < 1 {
			p = append(p, fmt.Sprintf("body has {{%s}}: only numbered variables are allowed, never a patient field", m[1]))
			continue
		}
		nums = append(nums, n)
	}
	for i, n := range nums {
		if n != i+1 {
			p = append(p, "variables must be numbered {{1}}, {{2}}… in order, each once")
			break
		}
	}
	if len(nums) != len(t.Variables) {
		p = append(p, fmt.Sprintf("body has %d variables but %d kinds are listed", len(nums), len(t.Variables)))
	}
	for _, k := range t.Variables {
		if !validVarKind(k) {
			p = append(p, fmt.Sprintf("variable kind %q is not allowed: use portal_link, clinic_name, day_time or location_name (kinds that cannot hold health information)", k))
		}
	}
	// Capitalised words are not checked: the body is the clinic's own
	// wording, its Spanish openings ("Le recordamos") read to the name
	// detector as names, and a patient's name can reach a template only
	// through a variable, whose kinds exclude it.
	var found []string
	for _, sp := range Detect(placeholder().ReplaceAllString(t.Body, "")).Spans {
		if sp.Type != SpanName && !slices.Contains(found, string(sp.Type)) {
			found = append(found, string(sp.Type))
		}
	}
	if len(found) > 0 {
		p = append(p, "body contains health information ("+strings.Join(found, ", ")+")")
	}
	return p
}

func validVarKind(k string) bool {
	switch k {
	case VarPortalLink, VarClinicName, VarDayTime, VarLocationName:
		return true
	}
	return false
}

// ServerFilled says the server fills a variable of this kind itself.
func ServerFilled(kind string) bool { return kind == VarPortalLink || kind == VarClinicName }

var (
	weekdays = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
		"lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "today", "tomorrow", "hoy", "manana")
	// dayTime matches a day and time after foldConsent ("Tue 12 Mar, 3:30 p.m." → "tue 12 mar 3 30 p m").
	dayTime = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^([a-z]+)( \d{1,2} [a-z]{3,10})?( at| a las)? (\d{1,2})( (\d{2}))? ?(am|pm|a m|p m)?$`)
	})
)

// CheckVariable says why value cannot fill a variable of kind, or "" when
// it can. locations are the clinic's named locations.
func CheckVariable(kind, value string, locations []string) string {
	v := strings.TrimSpace(value)
	if v == "" {
		return "is empty"
	}
	if utf8.RuneCountInString(v) > 60 {
		return "is longer than 60 characters"
	}
	if det := Detect(v); len(det.Spans) > 0 && kind != VarDayTime {
		return "contains health information (" + strings.Join(det.SpanTypes(), ", ") + ")"
	}
	switch kind {
	case VarDayTime:
		m := dayTime().FindStringSubmatch(foldConsent(v))
		if m == nil || !weekdays[m[1]] {
			return "must be a day and a time, such as \u201cTuesday 3:30 PM\u201d or \u201cmartes 15:30\u201d"
		}
		h, _ := strconv.Atoi(m[4])
		min, _ := strconv.Atoi("0" + m[6])
		if h > 23 || min > 59 {
			return "has an hour or minute out of range"
		}
	case VarLocationName:
		for _, l := range locations {
			if strings.EqualFold(l, v) {
				return ""
			}
		}
		return "must be one of the clinic's locations: " + strings.Join(locations, ", ")
	case VarPortalLink, VarClinicName:
		return "is filled in by the clinic's server, not typed"
	default:
		return "has an unknown kind"
	}
	return ""
}

// decodeArrayWithLines decodes a JSON array element by element, telling
// each its starting line, so errors name the line of the entry at fault.
func decodeArrayWithLines(file string, raw []byte, each func(line int, dec *json.Decoder) error) (int, error) {
	lineAt := func(off int64) int { return 1 + bytes.Count(raw[:min(int(off), len(raw))], []byte("\n")) }
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return 0, fmt.Errorf("%s:%d: not valid JSON: %v", file, lineAt(dec.InputOffset()), err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return 0, fmt.Errorf("%s:1: the file must be a JSON list [ … ]", file)
	}
	n := 0
	for dec.More() {
		// The entry starts after the comma and whitespace that follow
		// the previous one.
		off := dec.InputOffset()
		for off < int64(len(raw)) && (raw[off] == ',' || raw[off] == ' ' || raw[off] == '\n' || raw[off] == '\r' || raw[off] == '\t') {
			off++
		}
		line := lineAt(off)
		sub := json.NewDecoder(bytes.NewReader(raw[off:]))
		if err := each(line, sub); err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				return n, fmt.Errorf("%s:%d: not valid JSON: %v", file, lineAt(off+se.Offset-1), err)
			}
			return n, fmt.Errorf("%s:%d: %v", file, line, err)
		}
		// Move the outer decoder past the entry just read.
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return n, fmt.Errorf("%s:%d: not valid JSON: %v", file, line, err)
		}
		n++
	}
	if _, err := dec.Token(); err != nil {
		return n, fmt.Errorf("%s:%d: not valid JSON: %v", file, lineAt(dec.InputOffset()), err)
	}
	return n, nil
}
