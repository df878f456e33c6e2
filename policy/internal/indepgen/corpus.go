package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Corpus shape: a quarter clean messages, a tenth evasions, the rest
// identifiers and clinical statements in proportion to category weights.
const (
	inboundTotal = 3000
	cleanShare   = 0.25
	evasionShare = 0.10
	spanishShare = 0.40
)

// Inbound builds the inbound corpus from seed.
func Inbound(seed uint64) []Message {
	r := rand.New(rand.NewPCG(seed, 0x1d))
	nClean := int(inboundTotal * cleanShare)
	nEvasion := int(inboundTotal * evasionShare)
	nPHI := inboundTotal - nClean - nEvasion

	seen := map[string]bool{}
	var out []Message
	add := func(m Message) {
		m.ID = fmt.Sprintf("ind-%04d", len(out)+1)
		out = append(out, m)
	}
	unique := func(make func() Message) Message {
		var m Message
		for range 12 {
			if m = make(); !seen[m.Text] {
				break
			}
		}
		seen[m.Text] = true
		return m
	}
	for range nPHI {
		add(unique(func() Message { return fromCategory(r, pickWeighted(r, inboundCategories)) }))
	}
	for range nClean {
		add(unique(func() Message { return fromCategory(r, pickWeighted(r, cleanCategories)) }))
	}
	for i := range nEvasion {
		kind := evasions[i%len(evasions)]
		add(unique(func() Message { return evaded(r, kind) }))
	}
	// Interleave so a reader of the file sees a realistic mix, still
	// deterministically.
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	for i := range out {
		out[i].ID = fmt.Sprintf("ind-%04d", i+1)
	}
	return out
}

func pickWeighted(r *rand.Rand, cats []category) category {
	total := 0
	for _, c := range cats {
		total += c.weight
	}
	n := r.IntN(total)
	for _, c := range cats {
		if n < c.weight {
			return c
		}
		n -= c.weight
	}
	return cats[len(cats)-1]
}

func chooseLang(r *rand.Rand) string {
	if chance(r, spanishShare) {
		return "es"
	}
	return "en"
}

func fromCategory(r *rand.Rand, c category) Message {
	lang := chooseLang(r)
	segs := expand(r, lang, pick(r, langPick(lang, c.en, c.es)))
	segs = chatStyle(r, lang, segs)
	return finish(lang, c.name, segs)
}

func finish(lang, cat string, segs []segment) Message {
	text, spans := assemble(segs)
	m := Message{Lang: lang, Category: cat, Text: text, Spans: spans}
	for _, s := range spans {
		if clinicalTypes[s.Type] {
			m.Clinical = true
		}
	}
	return m
}

// ---- chat style: how people really type to a clinic

var abbrevEN = [][2]string{{"you", "u"}, {"please", "pls"}, {"appointment", "appt"}, {"because", "bc"}, {"tomorrow", "tmrw"}, {"thanks", "thx"}, {"your", "ur"}, {"about", "abt"}, {"with", "w/"}, {"need", "ned"}, {"doctor", "dr"}}
var abbrevES = [][2]string{{"por favor", "porfa"}, {"que", "q"}, {"también", "tmb"}, {"para", "pa"}, {"porque", "xq"}, {"mensaje", "msj"}, {"cita", "sita"}, {"necesito", "nesecito"}, {"está", "esta"}, {"qué", "que"}, {"mañana", "mñn"}}

// chatStyle rewrites only the template's own wording (never a labelled
// value, never a filler such as a time or price): case, abbreviations,
// dropped punctuation as voice-to-text does, a trailing emoji.
func chatStyle(r *rand.Rand, lang string, segs []segment) []segment {
	abbrev := chance(r, 0.35)
	noPunct := chance(r, 0.12)
	lower := chance(r, 0.3)
	upper := !lower && chance(r, 0.04)
	for i := range segs {
		s := &segs[i]
		if s.lit {
			if abbrev {
				for _, a := range langPick(lang, abbrevEN, abbrevES) {
					s.text = replaceWord(s.text, a[0], a[1])
				}
			}
			if noPunct {
				s.text = strings.Map(func(c rune) rune {
					if strings.ContainsRune(",.?!¿¡:;", c) {
						return -1
					}
					return c
				}, s.text)
			}
		}
		if lower {
			s.text = strings.ToLower(s.text)
		}
		if upper {
			// All-caps shouting reaches the labelled values too.
			s.text = strings.ToUpper(s.text)
		}
	}
	if chance(r, 0.1) {
		segs = append(segs, segment{text: " " + pick(r, emoji)})
	}
	return segs
}

// replaceWord replaces whole words only, so "you" does not eat "young".
func replaceWord(s, old, repl string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, old)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(old):])
		boundary := (i == 0 || !isWordRune(before)) && (i+len(old) == len(s) || !isWordRune(after))
		b.WriteString(s[:i])
		if boundary {
			b.WriteString(repl)
		} else {
			b.WriteString(old)
		}
		s = s[i+len(old):]
	}
}

func isWordRune(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) || c == '\'' }
