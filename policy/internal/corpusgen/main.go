// Command corpusgen writes the labelled PHI test corpus
// (policy/testdata/phi_corpus.jsonl) from the templates and value lists in
// this directory. Every value is invented; the output is deterministic for
// a given seed, so the committed file can be regenerated and diffed.
//
//	go run ./policy/internal/corpusgen -out policy/testdata/phi_corpus.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"unicode/utf8"
)

// Span is a gold span: UTF-8 byte offsets, end exclusive.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
}

// Example is one labelled message.
type Example struct {
	ID       string `json:"id"`
	Lang     string `json:"lang"`
	Split    string `json:"split"` // tune or held
	Template string `json:"template"`
	Category string `json:"category"` // identifier, clinical, negative, operational, evasion
	Evasion  string `json:"evasion,omitempty"`
	Text     string `json:"text"`
	Spans    []Span `json:"spans"`
	Clinical bool   `json:"clinical"`
}

func main() {
	out := flag.String("out", "policy/testdata/phi_corpus.jsonl", "output file")
	seed := flag.Uint64("seed", 20261122, "random seed")
	flag.Parse()
	exs := generate(*seed)
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "corpusgen:", err)
		os.Exit(1)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, e := range exs {
		if err := enc.Encode(e); err != nil {
			fmt.Fprintln(os.Stderr, "corpusgen:", err)
			os.Exit(1)
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "corpusgen:", err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "corpusgen:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "corpusgen: wrote %d examples to %s\n", len(exs), *out)
}

// perTemplate is how many messages each template yields, by category.
var perTemplate = map[string]int{"identifier": 12, "clinical": 14, "negative": 10, "operational": 10, "unlisted": 10}

// perCategoryTemplate is how many messages each template of a
// per-category set (categories.go) yields.
const perCategoryTemplate = 16

func generate(seed uint64) []Example {
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	var exs []Example
	var evasionSrc [][]seg
	var evasionMeta []Example
	for _, set := range append(templates[:len(templates):len(templates)], append(append(categoryTemplates[:len(categoryTemplates):len(categoryTemplates)], categoryTemplates2...), append(append(categoryTemplates3[:len(categoryTemplates3):len(categoryTemplates3)], categoryTemplates4...), categoryTemplates5...)...)...) {
		for _, sp := range []struct {
			name string
			list []string
		}{{"tune", set.tune}, {"held", set.held}} {
			for ti, t := range sp.list {
				tid := fmt.Sprintf("%s-%s-%s-%02d", set.cat, set.lang, sp.name, ti)
				n, ok := perTemplate[set.cat]
				if !ok {
					n = perCategoryTemplate
				}
				for k := 0; k < n; k++ {
					segs := g.fill(t, set.lang)
					ex := build(segs)
					ex.ID = fmt.Sprintf("%s-%03d", tid, k)
					ex.Lang, ex.Split, ex.Template, ex.Category = set.lang, sp.name, tid, set.cat
					ex.Clinical = set.clinical
					exs = append(exs, ex)
					if set.cat == "identifier" && k < 6 {
						evasionSrc = append(evasionSrc, segs)
						evasionMeta = append(evasionMeta, ex)
					}
				}
			}
		}
	}
	// Evasion variants: the same messages with the identifiers disguised.
	for i, segs := range evasionSrc {
		kind := evasions[i%len(evasions)]
		out := make([]seg, len(segs))
		changed := false
		for j, s := range segs {
			out[j] = s
			if s.typ != "" {
				if t := kind.fn(g, s); t != s.text {
					out[j].text = t
					changed = true
				}
			}
		}
		if !changed {
			continue
		}
		ex := build(out)
		m := evasionMeta[i]
		ex.ID = m.ID + "-ev-" + kind.name
		ex.Lang, ex.Split, ex.Template, ex.Category, ex.Evasion = m.Lang, m.Split, m.Template, "evasion", kind.name
		exs = append(exs, ex)
	}
	exs = append(exs, generateClinical(seed)...)
	exs = append(exs, generatePositions(seed)...)
	exs = append(exs, generateSensitive(seed)...)
	return append(exs, generateCuedLines(seed)...)
}

// build concatenates segments and records the gold spans.
func build(segs []seg) Example {
	var b strings.Builder
	var spans []Span
	for _, s := range segs {
		start := b.Len()
		b.WriteString(s.text)
		if s.typ != "" {
			spans = append(spans, Span{Start: start, End: b.Len(), Type: s.typ})
		}
	}
	if spans == nil {
		spans = []Span{}
	}
	return Example{Text: b.String(), Spans: spans}
}

// fill expands the placeholders of one template.
func (g *gen) fill(t, lang string) []seg { return g.fillWith(t, lang, nil) }

// fillWith expands a template, asking own first for each placeholder (a
// set's own values) and falling back to the shared placeholders.
func (g *gen) fillWith(t, lang string, own func(ph, lang string) (seg, bool)) []seg {
	var segs []seg
	for len(t) > 0 {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			segs = append(segs, lit(t))
			break
		}
		if i > 0 {
			segs = append(segs, lit(t[:i]))
		}
		j := strings.IndexByte(t[i:], '}')
		ph := t[i+1 : i+j]
		if s, ok := g.ownValue(own, ph, lang); ok {
			segs = append(segs, s)
		} else {
			segs = append(segs, g.value(ph, lang))
		}
		t = t[i+j+1:]
	}
	return segs
}

// ownValue asks own, when there is one, for a placeholder's value.
func (g *gen) ownValue(own func(ph, lang string) (seg, bool), ph, lang string) (seg, bool) {
	if own == nil {
		return seg{}, false
	}
	return own(ph, lang)
}

// generateSets writes every template of sets perCategoryTemplate times
// from g's random stream, each set's own placeholders first: the later
// sets keep a stream of their own so adding them leaves every earlier
// message of the corpus as it was.
func (g *gen) generateSets(sets []tmplSet, own func(ph, lang string) (seg, bool)) []Example {
	var exs []Example
	for _, set := range sets {
		for _, sp := range []struct {
			name string
			list []string
		}{{"tune", set.tune}, {"held", set.held}} {
			for ti, t := range sp.list {
				tid := fmt.Sprintf("%s-%s-%s-%02d", set.cat, set.lang, sp.name, ti)
				for k := 0; k < perCategoryTemplate; k++ {
					ex := build(g.fillWith(t, set.lang, own))
					ex.ID = fmt.Sprintf("%s-%03d", tid, k)
					ex.Lang, ex.Split, ex.Template, ex.Category = set.lang, sp.name, tid, set.cat
					ex.Clinical = set.clinical
					exs = append(exs, ex)
				}
			}
		}
	}
	return exs
}

func (g *gen) value(ph, lang string) seg {
	if s, ok := g.categoryValue(ph, lang); ok {
		return s
	}
	switch ph {
	case "NAME":
		return seg{g.fullName(lang), "NAME"}
	case "FIRST":
		return seg{g.caseStyle(g.first(lang)), "NAME"}
	case "LAST":
		return seg{g.last(lang), "NAME"}
	case "RARE":
		return seg{g.rareName(), "NAME"}
	case "DOB":
		return seg{g.dob(lang), "DOB"}
	case "DATE":
		return seg{g.date(lang), "DATE"}
	case "AGE":
		return seg{g.age90(), "AGE"}
	case "PHONE":
		return seg{g.phone(), "PHONE"}
	case "FAX":
		return seg{g.phone(), "FAX"}
	case "EMAIL":
		return seg{g.email(lang), "EMAIL"}
	case "SSN":
		return seg{g.ssn(), "SSN"}
	case "MRN":
		return seg{g.mrn(), "MRN"}
	case "MEMBER":
		return seg{g.member(), "MEMBER_ID"}
	case "ACCOUNT":
		return seg{g.account(), "ACCOUNT"}
	case "CARD":
		return seg{g.card(), "CARD"}
	case "LICENSE":
		return seg{g.license(), "LICENSE"}
	case "PLATE":
		return seg{g.plate(), "VEHICLE"}
	case "VIN":
		return seg{g.vin(), "VEHICLE"}
	case "SERIAL":
		return seg{g.serial(), "DEVICE"}
	case "URL":
		return seg{g.url(), "URL"}
	case "IP":
		return seg{g.ip(), "IP"}
	case "ADDR":
		if lang == "es" {
			return seg{g.addressES(), "ADDRESS"}
		}
		return seg{g.addressEN(), "ADDRESS"}
	case "CITY":
		return seg{g.pick(citiesEN), "ADDRESS"}
	case "STATE":
		return lit(g.pick(statesEN))
	case "ZIP":
		return seg{g.zip(), "ZIP"}
	case "MED":
		return seg{g.pick(medsAll), "MEDICATION"}
	case "MEDES":
		return seg{g.pick(medsES), "MEDICATION"}
	case "COND":
		return seg{g.pick(condEN), "CONDITION"}
	case "CONDES":
		return seg{g.pick(condES), "CONDITION"}
	case "SYMP":
		return seg{g.pick(sympEN), "SYMPTOM"}
	case "SYMPES":
		return seg{g.pick(sympES), "SYMPTOM"}
	case "LAB":
		return seg{g.pick(labEN), "LAB"}
	case "LABES":
		return seg{g.pick(labES), "LAB"}
	case "REL":
		if lang == "es" {
			return lit(g.pick(relationsES))
		}
		return lit(g.pick(relationsEN))
	case "WD":
		return lit(g.pick(weekdaysEN))
	case "WDES":
		return lit(g.pick(weekdaysES))
	case "DOSE":
		return lit(g.pick([]string{"500 mg", "10 mg", "1 tab", "2 tablets", "20mg", "0.5 mg", "250 mcg", "1000mg", "5 ml", "2 puffs"}))
	case "BP":
		return lit(g.pick([]string{"120/80", "135/85", "140/90", "118/76", "150/95", "110/70", "128/82"}))
	case "FRAC":
		return lit(g.pick([]string{"1/2", "3/4", "1/4", "1/3", "2/3"}))
	case "PAIN":
		return lit(g.pick([]string{"7/10", "4/10", "8/10", "3/10", "10/10", "6 out of 10"}))
	case "TIME":
		return lit(g.pick([]string{"2", "3:30", "10am", "9:15", "4 pm", "noon", "11:45"}))
	case "SUITE":
		return lit(g.pick([]string{"200", "3B", "410", "105", "12"}))
	case "FLOOR":
		return lit(g.pick([]string{"3", "2nd", "5", "4th", "1"}))
	case "N":
		return lit(g.pick([]string{"2", "3", "5", "10", "15", "20", "4", "6"}))
	case "PAINW":
		return seg{"pain", "SYMPTOM"}
	case "PRICE":
		return lit(g.pick([]string{"$25", "$40.00", "$120", "$15", "$1,250"}))
	}
	panic("corpusgen: unknown placeholder " + ph)
}

// evasions disguise an identifier the way phones and people do.
var evasions = []struct {
	name string
	fn   func(*gen, seg) string
}{
	{"zero-width", func(g *gen, s seg) string { return interleave(s.text, "\u200b", 2) }},
	{"fullwidth", func(g *gen, s seg) string { return mapRunes(s.text, fullwidth) }},
	{"arabic-digits", func(g *gen, s seg) string { return mapDigits(s.text, 0x0660) }},
	{"devanagari-digits", func(g *gen, s seg) string { return mapDigits(s.text, 0x0966) }},
	{"math-digits", func(g *gen, s seg) string { return mapDigits(s.text, 0x1D7CE) }},
	{"cyrillic", func(g *gen, s seg) string { return mapRunes(s.text, cyrillic) }},
	{"spaced-digits", func(g *gen, s seg) string {
		if s.typ != "PHONE" && s.typ != "FAX" {
			return interleave(s.text, "\u00ad", 3)
		}
		var b strings.Builder
		for i, r := range stripSeparators(s.text) {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
		}
		return b.String()
	}},
	{"soft-hyphen", func(g *gen, s seg) string { return interleave(s.text, "\u00ad", 3) }},
	{"nbsp", func(g *gen, s seg) string { return strings.ReplaceAll(s.text, " ", "\u00a0") }},
	{"word-joiner", func(g *gen, s seg) string { return interleave(s.text, "\u2060", 4) }},
	{"spelled-digits", func(g *gen, s seg) string {
		if s.typ != "PHONE" && s.typ != "FAX" && s.typ != "SSN" {
			return mapDigits(s.text, 0xFF10) // full-width digits instead
		}
		words := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
		var out []string
		for _, r := range s.text {
			if r >= '0' && r <= '9' {
				out = append(out, words[r-'0'])
			}
		}
		return strings.Join(out, " ")
	}},
}

func interleave(s, ins string, every int) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n > 0 && n%every == 0 && r != ' ' {
			b.WriteString(ins)
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

func mapRunes(s string, f func(rune) rune) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(f(r))
	}
	return b.String()
}

func mapDigits(s string, zero rune) string {
	return mapRunes(s, func(r rune) rune {
		if r >= '0' && r <= '9' {
			return zero + (r - '0')
		}
		return r
	})
}

func fullwidth(r rune) rune {
	if r > ' ' && r < 0x7f {
		return r - 0x21 + 0xFF01
	}
	return r
}

func cyrillic(r rune) rune {
	switch r {
	case 'a':
		return 'а'
	case 'e':
		return 'е'
	case 'o':
		return 'о'
	case 'p':
		return 'р'
	case 'c':
		return 'с'
	case 'x':
		return 'х'
	case 'A':
		return 'А'
	case 'E':
		return 'Е'
	case 'O':
		return 'О'
	case 'M':
		return 'М'
	}
	return r
}

func stripSeparators(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '+' || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	if !utf8.ValidString(b.String()) {
		return s
	}
	return b.String()
}
