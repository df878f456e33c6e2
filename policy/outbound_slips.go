package policy

import (
	_ "embed"
	"math/bits"
	"strings"
	"sync"
)

// The detector reads a word as a misspelt drug at one edit for names of
// six or seven letters and two from eight. Outbound staff text is held
// to two edits for the short names too ("oxepic" for Ozempic, "disovy"
// for Descovy, "zolft" for Zoloft): a drug name alone tells the patient's
// treatment. Two edits from a six-letter name reach hundreds of ordinary
// words ("regular" for Reglan, "valid" for Valium, "insult" for insulin),
// so the words of an English and a Spanish dictionary that lie that
// close are listed in outbound_slip_words.txt and never read as a slip.
// TestSlipWordsCoverTheDictionary rebuilds the list from the system
// dictionary and the medication lexicon and fails when it is stale.

//go:embed outbound_slip_words.txt
var slipWordsText string

var slipWords = sync.OnceValue(func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range strings.Fields(slipWordsText) {
		m[w] = struct{}{}
	}
	return m
})

// looseSlipDrug returns the short medication name that token i is two
// slips from, or "" when it is none, is an ordinary word, a word the
// lexicon knows, or already inside a span.
func (sc *scanner) looseSlipDrug(i int) string {
	t := sc.toks[i]
	if t.kind != tkWord || t.claimed || sc.placeholder {
		return ""
	}
	w := sc.word(i)
	if len(w) < 5 || len(w) > 9 || w[0] >= 128 {
		return ""
	}
	m := letterMask(w)
	for _, cand := range sc.lx.drugs[w[0]] {
		if l := len(cand.w); !cand.slip || l < 6 || l > 7 || l < len(w)-2 || l > len(w)+2 {
			continue
		}
		// Two edits change at most four letters' presence.
		if bits.OnesCount32(m^cand.mask) > 4 || !editWithin(w, cand.w, 2) {
			continue
		}
		if sc.lx.words[cand.w].clin != SpanMedication {
			continue
		}
		if _, known := sc.lx.words[string(w)]; known {
			return ""
		}
		if _, ordinary := slipWords()[string(w)]; ordinary {
			return ""
		}
		return cand.w
	}
	return ""
}

// shortDrugSlips lists every word of words that lies within two edits of
// a medication name of six or seven letters sharing its first letter:
// the candidates looseSlipDrug would read as a drug.
func shortDrugSlips(lx *lexicon, words []string) []string {
	var out []string
	for _, w := range words {
		if len(w) < 5 || len(w) > 9 || w[0] >= 128 {
			continue
		}
		for _, cand := range lx.drugs[w[0]] {
			if l := len(cand.w); !cand.slip || l < 6 || l > 7 || l < len(w)-2 || l > len(w)+2 || cand.w == w {
				continue
			}
			if lx.words[cand.w].clin == SpanMedication && editWithin([]byte(w), cand.w, 2) {
				out = append(out, w)
				break
			}
		}
	}
	return out
}

// disguisedClinical reads the attached run of tokens starting at i with
// the symbols and digits typed for letters undone ("pr3gn@nt", "ch1amydia",
// "emb@r@zada") and reports what clinical word it spells: "medication",
// "diagnosis" or "results"; "" when it spells none or is plain letters
// (the detector has read those already).
func (sc *scanner) disguisedClinical(i int) string {
	T := sc.toks
	if i > 0 && sc.attached(i) && T[i-1].kind != tkPunct {
		return "" // not the start of the run
	}
	if T[i].kind != tkWord && T[i].kind != tkAlnum {
		return ""
	}
	var buf [32]byte
	b := buf[:0]
	disguised := false
	for k := i; k < len(T) && (k == i || sc.attached(k)); k++ {
		w := sc.word(k)
		if T[k].kind == tkPunct {
			switch w[0] {
			case '@', '$', '!', '|':
			default:
				k = len(T)
				continue
			}
		}
		if len(b)+len(w) > len(buf) {
			return ""
		}
		disguised = disguised || T[k].leet // "p0s1t1v0", restored by the fold
		for _, c := range w {
			if c < 'a' || c > 'z' {
				disguised = true
			}
			b = append(b, c)
		}
	}
	if !disguised || len(b) < 4 {
		return ""
	}
	// Two readings of "1": i ("h1v") and l ("ch1amydia"); "!" is i and
	// "|" is l either way.
	for _, one := range []byte{'i', 'l'} {
		var r [32]byte
		for j, c := range b {
			switch c {
			case '1':
				c = one
			case '!':
				c = 'i'
			case '|':
				c = 'l'
			default:
				c = leet(c)
			}
			r[j] = c
		}
		w := r[:len(b)]
		switch string(w) {
		case "pregnant", "embarazada", "embarazo", "pregnancy", "positive", "negative", "positivo", "positiva", "negativo",
			"negativa", "abnormal", "anormal", "malignant", "maligno", "maligna", "reactive", "reactivo", "reactiva":
			return "results"
		}
		e, ok := sc.lx.words[string(w)]
		if !ok || e.flags&fClin == 0 {
			if len(w) >= 6 {
				e, ok = sc.lx.fuzzyDrug(w)
			}
		}
		if ok && e.flags&fClin != 0 {
			if e.clin == SpanMedication {
				return "medication"
			}
			return "diagnosis"
		}
	}
	return ""
}
