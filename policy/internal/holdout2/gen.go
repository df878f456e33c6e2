package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is one gold span: UTF-8 byte offsets into Message.Text and the
// report's type name.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
}

// Message is one line of the corpus, in the report harness's format.
type Message struct {
	ID       string `json:"id"`
	Lang     string `json:"lang"`
	Category string `json:"category"`
	Text     string `json:"text"`
	Spans    []Span `json:"spans"`
	Clinical bool   `json:"clinical"`
	// values are the labelled strings, span by span, kept so the
	// self-test can check every offset against what was labelled.
	values []string
}

// clinicalTypes are the report's clinical span types; every other type
// is an identifier.
var clinicalTypes = map[string]bool{"CONDITION": true, "LAB": true, "MEDICATION": true, "SYMPTOM": true}

// piece is a run of message text; typ is empty for text that is not PHI.
type piece struct {
	s, typ string
}

func lit(s string) piece                 { return piece{s: s} }
func phi(typ, s string) piece            { return piece{s: s, typ: typ} }
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// slot produces the pieces for one {placeholder} of a template.
type slot func(r *rand.Rand) []piece

// expand turns a template such as "hi its {name} dob {dob}" into pieces,
// filling each placeholder from slots. An unknown placeholder is a bug in
// the generator and panics, so a typo never becomes literal text.
func expand(r *rand.Rand, tmpl string) []piece {
	var out []piece
	for tmpl != "" {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			out = append(out, lit(tmpl))
			break
		}
		if i > 0 {
			out = append(out, lit(tmpl[:i]))
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			panic("unclosed placeholder in " + tmpl)
		}
		key := tmpl[i+1 : i+j]
		f, ok := slots[key]
		if !ok {
			panic("unknown placeholder {" + key + "}")
		}
		out = append(out, f(r)...)
		tmpl = tmpl[i+j+1:]
	}
	return out
}

// style is how a sender types: the same message reads very differently
// from a careful typist, a thumb-typer and a voice note.
type style struct {
	lower, noPunct, typos, emoji, voice, upper bool
}

func pickStyle(r *rand.Rand) style {
	var s style
	switch n := r.IntN(100); {
	case n < 28:
		s.lower = true
	case n < 40:
		s.lower, s.noPunct = true, true
	case n < 50:
		s.voice, s.lower, s.noPunct = true, true, true
	case n < 53:
		s.upper = true
	}
	s.typos = r.IntN(100) < 18
	s.emoji = r.IntN(100) < 22
	return s
}

var fillers = []string{"um", "like", "uh", "you know", "so", "ok so", "este", "pues"}

var emojis = []string{"🙏", "😩", "😊", "🙏🏽", "😷", "🤒", "❤️", "👍", "😭", "🥲", "🤞", "😅", "💊", "🙂", "🤦‍♀️", "‼️"}

// render applies the style to the pieces and lays them end to end,
// recording the byte offsets of every PHI piece. Identifiers keep their
// spelling except for case: a sender who types in lower case types the
// name in lower case too.
func render(r *rand.Rand, ps []piece, st style) (string, []Span, []string) {
	var b strings.Builder
	var spans []Span
	var values []string
	for i, p := range ps {
		s := p.s
		if p.typ == "" {
			if st.noPunct {
				s = stripPunct(s)
			}
			if st.typos {
				s = typo(r, s)
			}
			if st.voice && r.IntN(4) == 0 && strings.HasSuffix(s, " ") {
				s += pick(r, fillers) + " "
			}
			if st.emoji && i > 0 && r.IntN(5) == 0 && strings.HasSuffix(s, " ") {
				s += pick(r, emojis) + " "
			}
		}
		if st.lower {
			s = strings.ToLower(s)
		} else if st.upper {
			s = strings.ToUpper(s)
		}
		if p.typ != "" && s != "" {
			spans = append(spans, Span{Start: b.Len(), End: b.Len() + len(s), Type: p.typ})
			values = append(values, s)
		}
		b.WriteString(s)
	}
	if st.emoji {
		b.WriteString(" " + pick(r, emojis))
	}
	text, spans := collapse(b.String(), spans)
	return text, spans, values
}

// collapse squeezes runs of spaces left by stripped punctuation, trims
// the ends and moves the spans with the text.
func collapse(text string, spans []Span) (string, []Span) {
	var b strings.Builder
	shift := make([]int, len(text)+1) // new offset of each old offset
	prevSpace := true
	for i := 0; i < len(text); {
		_, n := utf8.DecodeRuneInString(text[i:])
		c := text[i]
		drop := c == ' ' && prevSpace && !insideSpan(spans, i)
		for k := 0; k < n; k++ {
			shift[i+k] = b.Len()
		}
		if !drop {
			b.WriteString(text[i : i+n])
			prevSpace = c == ' '
		}
		i += n
	}
	shift[len(text)] = b.Len()
	out := b.String()
	for k := range spans {
		spans[k].Start, spans[k].End = shift[spans[k].Start], shift[spans[k].End]
	}
	trimmed := strings.TrimRight(out, " ")
	for k := range spans {
		spans[k].End = min(spans[k].End, len(trimmed))
	}
	return trimmed, spans
}

func insideSpan(spans []Span, i int) bool {
	for _, s := range spans {
		if i > s.Start && i < s.End {
			return true
		}
	}
	return false
}

// stripPunct drops the punctuation a hurried thumb leaves out; apostrophes
// go too ("dont", "im").
func stripPunct(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ',', '.', '?', '!', '\'', ';', ':', '¿', '¡', '’':
			return -1
		}
		return r
	}, s)
}

// typo swaps two adjacent letters or drops one, in one word of at least
// five letters, the way a thumb does.
func typo(r *rand.Rand, s string) string {
	words := strings.Split(s, " ")
	var cand []int
	for i, w := range words {
		if len(w) >= 5 && isASCIILetters(w) {
			cand = append(cand, i)
		}
	}
	if len(cand) == 0 {
		return s
	}
	i := pick(r, cand)
	w := []byte(words[i])
	k := 1 + r.IntN(len(w)-2)
	if r.IntN(2) == 0 {
		w[k], w[k+1] = w[k+1], w[k]
		words[i] = string(w)
	} else {
		words[i] = string(w[:k]) + string(w[k+1:])
	}
	return strings.Join(words, " ")
}

func isASCIILetters(w string) bool {
	for _, c := range w {
		if c > unicode.MaxASCII || !unicode.IsLetter(c) {
			return false
		}
	}
	return true
}

// category is one family of messages: its templates share a purpose, so
// the report can say which kind of message the detector misses.
type category struct {
	name  string
	lang  string
	n     int
	clean bool // no PHI at all: every mask is a false alarm
	// plain keeps the text as written: staff drafts and forwarded
	// headers are not thumb-typed.
	plain     bool
	templates []string
	// build, when set, replaces templates for messages assembled from
	// several parts.
	build func(r *rand.Rand) []piece
}

// Generate writes the whole corpus from seed: the same seed gives the same
// bytes.
func Generate(seed uint64) []Message {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed2026))
	seen := map[string]bool{}
	var out []Message
	for _, c := range categories() {
		made := 0
		for tries := 0; made < c.n && tries < c.n*40; tries++ {
			var ps []piece
			if c.build != nil {
				ps = c.build(r)
			} else {
				ps = expand(r, pick(r, c.templates))
			}
			st := style{}
			if !c.plain {
				st = pickStyle(r)
			}
			text, spans, values := render(r, ps, st)
			if seen[text] || text == "" {
				continue
			}
			if c.clean && len(spans) > 0 {
				panic(fmt.Sprintf("clean category %s produced a span", c.name))
			}
			seen[text] = true
			made++
			m := Message{Lang: c.lang, Category: c.name, Text: text, Spans: spans, values: values}
			if m.Spans == nil {
				m.Spans = []Span{}
			}
			for _, s := range spans {
				if clinicalTypes[s.Type] {
					m.Clinical = true
				}
			}
			out = append(out, m)
		}
		if made < c.n {
			panic(fmt.Sprintf("category %s: only %d distinct messages of %d", c.name, made, c.n))
		}
	}
	for i := range out {
		out[i].ID = fmt.Sprintf("k%04d", i+1)
	}
	return out
}
