package main

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// seg is one piece of a message: literal text when typ is empty, a
// labelled span otherwise.
type seg struct{ typ, text string }

func lit(s string) seg { return seg{"", s} }

// filler produces the pieces one template slot stands for.
type filler func(g *gen) []seg

// style is how a sender writes: chat rarely looks like a letter.
type style struct {
	lower   bool // everything in lower case, names included
	upper   bool // a name or the whole message shouted
	noPunct bool // no full stops, commas or question marks
	typo    bool // one slip of the thumb in the message's own words
	emoji   bool // an emoji at the start or the end
}

// gen carries the random source and the slot table.
type gen struct {
	r     *rng
	slots map[string]filler
	n     int
}

// parseTemplate splits "hi {name} here" into literals and slot names.
func parseTemplate(t string) (parts []string, isSlot []bool) {
	for t != "" {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			parts, isSlot = append(parts, t), append(isSlot, false)
			break
		}
		if i > 0 {
			parts, isSlot = append(parts, t[:i]), append(isSlot, false)
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			panic("unclosed slot in template " + t)
		}
		parts, isSlot = append(parts, t[i+1:i+j]), append(isSlot, true)
		t = t[i+j+1:]
	}
	return parts, isSlot
}

// expand fills a template's slots.
func (g *gen) expand(t string) []seg {
	parts, isSlot := parseTemplate(t)
	var out []seg
	for k, p := range parts {
		if !isSlot[k] {
			out = append(out, lit(p))
			continue
		}
		f, ok := g.slots[p]
		if !ok {
			panic(fmt.Sprintf("template %q: unknown slot {%s}", t, p))
		}
		out = append(out, f(g)...)
	}
	return out
}

const punct = ".,!?¿¡;"

var emojis = []string{"🙏", "😊", "😩", "🤒", "👍", "❤️", "😭", "🙏🏽", "😷", "🥺", "🤞", "😅", "💙", "👋🏾"}

// assemble applies a style to the pieces and computes the span offsets.
// Case and punctuation change only the sender's own words, never the
// inside of a labelled value, except that a lower-case writer lowers
// names and places too (the detector must not lean on capitals).
func (g *gen) assemble(segs []seg, st style) (string, []Span, []string) {
	if st.typo {
		segs = g.typoOne(segs)
	}
	var b strings.Builder
	var spans []Span
	var values []string
	emojiFirst := st.emoji && g.r.chance(40)
	if emojiFirst {
		b.WriteString(pick(g.r, emojis) + " ")
	}
	for _, s := range segs {
		t := s.text
		if s.typ == "" {
			if st.noPunct {
				t = strings.Map(func(r rune) rune {
					if strings.ContainsRune(punct, r) {
						return -1
					}
					return r
				}, t)
			}
			if st.lower {
				t = strings.ToLower(t)
			} else if st.upper {
				t = strings.ToUpper(t)
			}
			b.WriteString(t)
			continue
		}
		if st.lower && lowerable(s.typ) {
			t = strings.ToLower(t)
		} else if st.upper && lowerable(s.typ) {
			t = strings.ToUpper(t)
		}
		start := b.Len()
		b.WriteString(t)
		spans = append(spans, Span{Start: start, End: b.Len(), Type: s.typ})
		values = append(values, t)
	}
	text := b.String()
	if st.emoji && !emojiFirst {
		text = strings.TrimRight(text, " ") + " " + pick(g.r, emojis)
	}
	return text, spans, values
}

// lowerable says which values a lower-case writer also lowers. Codes,
// addresses on the web and obfuscated digits keep their form.
func lowerable(typ string) bool {
	switch typ {
	case "NAME", "ADDRESS", "DATE", "DOB", "AGE", "SYMPTOM", "CONDITION", "MEDICATION", "LAB":
		return true
	}
	return false
}

// typoOne swaps two inner letters of one longer word in the literal text.
func (g *gen) typoOne(segs []seg) []seg {
	type loc struct{ seg, at int }
	var words []loc
	for i, s := range segs {
		if s.typ != "" {
			continue
		}
		fs := wordStarts(s.text)
		for _, at := range fs {
			words = append(words, loc{i, at})
		}
	}
	if len(words) == 0 {
		return segs
	}
	w := pick(g.r, words)
	out := append([]seg(nil), segs...)
	t := []rune(out[w.seg].text[w.at:])
	end := 0
	for end < len(t) && unicode.IsLetter(t[end]) {
		end++
	}
	if end < 4 {
		return segs
	}
	i := 1 + g.r.intn(end-2)
	if i+1 >= end {
		return segs
	}
	t[i], t[i+1] = t[i+1], t[i]
	out[w.seg].text = out[w.seg].text[:w.at] + string(t)
	return out
}

// wordStarts lists byte offsets of words of four letters or more.
func wordStarts(s string) []int {
	var out []int
	start, n := -1, 0
	for i, r := range s {
		if unicode.IsLetter(r) {
			if start < 0 {
				start, n = i, 0
			}
			n++
			continue
		}
		if start >= 0 && n >= 4 {
			out = append(out, start)
		}
		start = -1
	}
	if start >= 0 && n >= 4 {
		out = append(out, start)
	}
	return out
}

// category is one family of messages and how many to make.
type category struct {
	name      string
	lang      string
	count     int
	templates []string
	// plain keeps the templates' own case and punctuation (evasion and
	// outbound items, where the transform is the point).
	plain bool
	// lower writes every message of the category in lower case.
	lower bool
}

func (g *gen) pickStyle() style {
	return style{
		lower:   g.r.chance(35),
		upper:   g.r.chance(3),
		noPunct: g.r.chance(35),
		typo:    g.r.chance(15),
		emoji:   g.r.chance(25),
	}
}

func (g *gen) make(c category) []Item {
	var out []Item
	for k := range c.count {
		// Walk the templates in order before repeating, so every template
		// appears; the values differ each time.
		t := c.templates[k%len(c.templates)]
		st := style{}
		if !c.plain {
			st = g.pickStyle()
		}
		if c.lower {
			st.lower, st.upper = true, false
		}
		text, spans, values := g.assemble(g.expand(t), st)
		if !utf8.ValidString(text) {
			panic("invalid UTF-8 from template " + t)
		}
		g.n++
		it := Item{
			ID:       fmt.Sprintf("h%04d", g.n),
			Lang:     c.lang,
			Category: c.name,
			Text:     text,
			Spans:    spans,
			values:   values,
		}
		if it.Spans == nil {
			it.Spans = []Span{}
		}
		for _, s := range spans {
			if clinicalType(s.Type) {
				it.Clinical = true
			}
		}
		out = append(out, it)
	}
	return out
}

func clinicalType(t string) bool {
	switch t {
	case "MEDICATION", "CONDITION", "LAB", "SYMPTOM":
		return true
	}
	return false
}

// Generate builds the whole corpus from seed.
func Generate(seed uint64) []Item {
	g := &gen{r: &rng{s: seed}}
	g.slots = slotTable()
	var items []Item
	for _, c := range categories() {
		items = append(items, g.make(c)...)
	}
	return items
}
