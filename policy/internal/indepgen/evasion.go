package main

import (
	"math/rand/v2"
	"strings"
	"unicode"
)

// An evasion rewrites labelled values the way people dodge filters (or
// their keyboards do it for them). The span still covers the whole
// rewritten value.
type evasion struct {
	name  string
	types map[string]bool // labels it applies to
	bases []string        // categories whose templates carry such labels
	apply func(r *rand.Rand, lang, s string) (string, bool)
}

func set(xs ...string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

var numericTypes = set("PHONE", "FAX", "SSN", "MRN", "CARD", "MEMBER_ID", "ACCOUNT", "ZIP")

var evasions = []evasion{
	{"evasion_spaced_digits", numericTypes, []string{"phone", "ssn", "mrn", "card", "member", "account", "fax"}, spacedDigits},
	{"evasion_spelled_digits", set("PHONE", "SSN", "MRN", "ZIP", "FAX"), []string{"phone", "ssn", "mrn", "zip"}, spelledDigits},
	{"evasion_dotted", set("CONDITION", "LAB"), []string{"evasion_acronym"}, dotted},
	{"evasion_leet", set("CONDITION", "LAB", "MEDICATION", "SYMPTOM"), []string{"clinical_lab", "clinical_condition", "clinical_med", "clinical_symptom"}, leet},
	{"evasion_zero_width", set("NAME", "EMAIL", "PHONE", "SSN", "MEDICATION", "CONDITION"), []string{"name_full", "email", "phone", "ssn", "clinical_med", "clinical_condition"}, zeroWidth},
	{"evasion_fullwidth", set("PHONE", "SSN", "MRN", "CARD", "DOB", "DATE", "MEMBER_ID"), []string{"phone", "ssn", "mrn", "card", "dob", "member"}, fullWidth},
	{"evasion_obfuscated_email", set("EMAIL"), []string{"email"}, obfuscatedEmail},
	{"evasion_split_name", set("NAME"), []string{"name_full", "name_cue", "name_middle"}, spacedLetters},
}

// acronym templates feed the dotted-abbreviation evasion: conditions that
// patients write as initials.
var acronymCategory = category{"evasion_acronym", 1, []string{
	"my {acro} test came back positive",
	"i have {acro} and need my meds",
	"just found out i have {acro} {emoji}",
	"is the {acro} clinic open today",
	"need to get tested for {acro} asap",
}, []string{
	"salí positiva de {acro}",
	"tengo {acro} y necesito mis medicinas",
	"me acabo de enterar que tengo {acro}",
	"quiero hacerme la prueba de {acro}",
}}

func init() {
	slots["acro"] = lab("CONDITION", func(r *rand.Rand, lang string) string {
		return pick(r, langPick(lang, []string{"HIV", "STD", "HPV", "PTSD", "COPD", "TB", "HSV", "ADHD", "OCD", "UTI", "STI"}, []string{"VIH", "ETS", "VPH", "TEPT", "EPOC", "TB", "ITS"}))
	})
}

// evaded builds one message from a base category and rewrites at least one
// applicable labelled value.
func evaded(r *rand.Rand, e evasion) Message {
	for {
		base := pick(r, e.bases)
		c := acronymCategory
		for _, cat := range inboundCategories {
			if cat.name == base {
				c = cat
			}
		}
		lang := chooseLang(r)
		segs := expand(r, lang, pick(r, langPick(lang, c.en, c.es)))
		changed := false
		for i := range segs {
			if !e.types[segs[i].typ] {
				continue
			}
			if t, ok := e.apply(r, lang, segs[i].text); ok {
				segs[i].text = t
				changed = true
			}
		}
		if changed {
			if chance(r, 0.4) {
				for i := range segs {
					segs[i].text = strings.ToLower(segs[i].text)
				}
			}
			return finish(lang, e.name, segs)
		}
	}
}

func spacedDigits(_ *rand.Rand, _, s string) (string, bool) {
	var parts []string
	for _, c := range s {
		if unicode.IsDigit(c) || unicode.IsLetter(c) {
			parts = append(parts, string(c))
		}
	}
	n := 0
	for _, p := range parts {
		if p[0] >= '0' && p[0] <= '9' {
			n++
		}
	}
	if n < 4 {
		return s, false
	}
	return strings.Join(parts, " "), true
}

func spelledDigits(r *rand.Rand, lang, s string) (string, bool) {
	words := langPick(lang, unitsEN, unitsES)
	if chance(r, 0.3) {
		words = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
	}
	var parts []string
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			parts = append(parts, words[c-'0'])
		case unicode.IsLetter(c):
			parts = append(parts, string(c))
		}
	}
	if len(parts) < 4 {
		return s, false
	}
	return strings.Join(parts, " "), true
}

// dotted writes initials with dots: HIV becomes h.i.v.
func dotted(r *rand.Rand, _, s string) (string, bool) {
	fields := strings.Fields(s)
	changed := false
	for i, f := range fields {
		if len(f) >= 2 && len(f) <= 5 && strings.ToUpper(f) == f && strings.ToLower(f) != f {
			var b strings.Builder
			for _, c := range f {
				b.WriteRune(unicode.ToLower(c))
				b.WriteByte('.')
			}
			out := b.String()
			if chance(r, 0.3) {
				out = strings.TrimSuffix(out, ".")
			}
			fields[i] = out
			changed = true
		}
	}
	return strings.Join(fields, " "), changed
}

var leetMap = map[rune]rune{'o': '0', 'e': '3', 'i': '1', 'a': '4', 's': '5', 'O': '0', 'E': '3', 'I': '1', 'A': '4'}

func leet(r *rand.Rand, _, s string) (string, bool) {
	rs := []rune(s)
	changed := false
	for i, c := range rs {
		if l, ok := leetMap[c]; ok && chance(r, 0.45) {
			rs[i] = l
			changed = true
		}
	}
	return string(rs), changed
}

func zeroWidth(r *rand.Rand, _, s string) (string, bool) {
	marks := []string{"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
	rs := []rune(s)
	if len(rs) < 3 {
		return s, false
	}
	var b strings.Builder
	for i, c := range rs {
		b.WriteRune(c)
		if i < len(rs)-1 && (i%2 == 1 || chance(r, 0.3)) {
			b.WriteString(pick(r, marks))
		}
	}
	return b.String(), true
}

func fullWidth(_ *rand.Rand, _, s string) (string, bool) {
	changed := false
	out := strings.Map(func(c rune) rune {
		if c >= '0' && c <= '9' {
			changed = true
			return '０' + (c - '0')
		}
		return c
	}, s)
	return out, changed
}

func obfuscatedEmail(r *rand.Rand, lang, s string) (string, bool) {
	at, dot := " at ", " dot "
	switch {
	case lang == "es":
		at, dot = " arroba ", " punto "
	case chance(r, 0.4):
		at, dot = " [at] ", " [dot] "
	case chance(r, 0.3):
		at, dot = "(at)", "(dot)"
	}
	if !strings.Contains(s, "@") {
		return s, false
	}
	user, domain, _ := strings.Cut(s, "@")
	return user + at + strings.ReplaceAll(domain, ".", dot), true
}

// spacedLetters spells a name out with spaces: "m a r i a  l o p e z".
func spacedLetters(_ *rand.Rand, _, s string) (string, bool) {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.Join(strings.Split(w, ""), " ")
	}
	return strings.Join(words, "  "), true
}
