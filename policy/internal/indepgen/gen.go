package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
)

// Span is one labelled stretch of a message, in byte offsets of the UTF-8
// text (end exclusive), the way a Go program slices a string.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
}

// Message is one inbound patient message of the corpus.
type Message struct {
	ID       string `json:"id"`
	Lang     string `json:"lang"`
	Category string `json:"category"`
	Text     string `json:"text"`
	Spans    []Span `json:"spans"`
	Clinical bool   `json:"clinical"`
}

// Draft is one outbound staff draft with the decision a careful clinic
// would take on it.
type Draft struct {
	ID     string `json:"id"`
	Lang   string `json:"lang"`
	Text   string `json:"text"`
	Expect string `json:"expect"`
	Why    string `json:"why"`
}

// segment is a piece of a message under construction. Labelled pieces keep
// their type through every rewrite (casing, abbreviations, evasion), so the
// offsets are computed only once the final text exists.
type segment struct {
	text string
	typ  string
	lit  bool // template wording, which chat-style rewrites may touch
}

// clinicalTypes are the labels that disclose clinical content.
var clinicalTypes = map[string]bool{"CONDITION": true, "MEDICATION": true, "LAB": true, "SYMPTOM": true}

// slotFunc fills one {slot} of a template.
type slotFunc func(r *rand.Rand, lang string) segment

// expand turns a template such as "hi this is {full} dob {dob}" into
// segments. Unknown slot names are a programming error and panic, so a typo
// in a template cannot silently produce an unlabelled identifier.
func expand(r *rand.Rand, lang, tmpl string) []segment {
	var segs []segment
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			if tmpl != "" {
				segs = append(segs, segment{text: tmpl, lit: true})
			}
			return segs
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			panic("unclosed slot in template: " + tmpl)
		}
		if i > 0 {
			segs = append(segs, segment{text: tmpl[:i], lit: true})
		}
		name := tmpl[i+1 : i+j]
		fn, ok := slots[name]
		if !ok {
			panic("unknown slot {" + name + "} in template: " + tmpl)
		}
		segs = append(segs, fn(r, lang))
		tmpl = tmpl[i+j+1:]
	}
}

// assemble joins the segments and computes the spans. Leading and trailing
// spaces of a labelled piece stay outside its span.
func assemble(segs []segment) (string, []Span) {
	var b strings.Builder
	spans := []Span{}
	for _, s := range segs {
		if s.typ == "" {
			b.WriteString(s.text)
			continue
		}
		core := strings.TrimSpace(s.text)
		lead := strings.Index(s.text, core)
		start := b.Len() + lead
		b.WriteString(s.text)
		if core == "" {
			continue
		}
		spans = append(spans, Span{Start: start, End: start + len(core), Type: s.typ})
	}
	return b.String(), spans
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// encodeLines writes one JSON object a line, without HTML escaping so the
// file stays readable (a "<" in a message is a "<" in the file).
func encodeLines[T any](rows []T) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, row := range rows {
		if err := enc.Encode(row); err != nil {
			panic(fmt.Sprintf("encode: %v", err))
		}
	}
	return buf.Bytes()
}
