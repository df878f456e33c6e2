package policy

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// Miss diagnostics: for each gold type, what the missed spans look like,
// in counts only. They say where a boundary falls short (start or end),
// how long the spans are, and which kinds of words the masks left out
// (a street type, a body part, an unlisted capitalised word…), without
// ever printing a word: the independent corpus stays unread.
// PHI_REPORT_DIAG=1 go test ./policy -run TestPHIReport -v prints them.

type missDiag struct {
	n      int
	cover  [4]int // 0, <25%, <50%, <80% of letters and digits covered
	where  map[string]int
	toks   [7]int // gold span length in words: 1..5, 6+, (index 0 unused)
	shape  map[string]int
	leftOf map[string]int // class of the word just before the span
	gaps   map[string]int // class of each unmasked word inside the span
}

type diagSet map[string]*missDiag

func (ds diagSet) get(t string) *missDiag {
	d := ds[t]
	if d == nil {
		d = &missDiag{where: map[string]int{}, shape: map[string]int{}, leftOf: map[string]int{}, gaps: map[string]int{}}
		ds[t] = d
	}
	return d
}

// wordClass names the role of token i by its lexicon flags and shape.
func (sc *scanner) wordClass(i int) string {
	if i < 0 {
		return "(start)"
	}
	t := sc.toks[i]
	switch t.kind {
	case tkNum:
		return "number"
	case tkAlnum:
		return "alnum"
	case tkPunct:
		return "punct" + string(sc.n.b[t.s])
	}
	f := t.flags
	upper := sc.upper(i)
	pre := "lc:"
	if upper {
		pre = "Cap:"
	}
	switch {
	case t.ent.cue != cueNone:
		return pre + "cue"
	case f&fClin != 0:
		return pre + "clinical-term"
	case f&fFirst != 0 && f&fSurname != 0:
		return pre + "given+family"
	case f&fFirst != 0:
		return pre + "given"
	case f&fSurname != 0:
		return pre + "family"
	case f&fParticle != 0:
		return pre + "particle"
	case f&(fStreetSuffix|fStreetPrefix|fStreetWord) != 0:
		return pre + "street-type"
	case f&fUnitDesignator != 0:
		return pre + "unit-designator"
	case f&fState != 0:
		return pre + "state"
	case f&fMonth != 0:
		return pre + "month"
	case f&fBodyPart != 0:
		return pre + "body-part"
	case f&fSide != 0:
		return pre + "side"
	case f&fDuration != 0:
		return pre + "duration"
	case f&(fDoseUnit|fUnit) != 0:
		return pre + "unit"
	case f&fFreq != 0:
		return pre + "frequency"
	case f&fResultWord != 0:
		return pre + "result-word"
	case f&fResultValue != 0:
		return pre + "result-value"
	case f&fClinMod != 0:
		return pre + "clin-modifier"
	case f&fHeadNoun != 0:
		return pre + "head-noun"
	case f&fAgeUnit != 0:
		return pre + "age-unit"
	case f&fAgeCue != 0:
		return pre + "age-cue"
	case f&fStop != 0:
		return pre + "stopword"
	case f&fOrdinary != 0:
		return pre + "ordinary"
	case numberWord(sc.txt(i)):
		return pre + "number-word"
	}
	return pre + "unknown"
}

// diagnose records one missed gold span of text, given the predictions.
func (ds diagSet) diagnose(sc *scanner, text string, g corpusSpan, pred []Span) {
	d := ds.get(g.Type)
	d.n++
	sh := coveredShare(text, g, pred)
	switch {
	case sh == 0:
		d.cover[0]++
	case sh < 0.25:
		d.cover[1]++
	case sh < 0.5:
		d.cover[2]++
	default:
		d.cover[3]++
	}
	under := func(p int) bool {
		for _, s := range pred {
			if p >= s.Start && p < s.End {
				return true
			}
		}
		return false
	}
	// Words of the span, in token order.
	var in []int
	left := -1
	for i, t := range sc.toks {
		os, oe := sc.n.origStart(int(t.s)), sc.n.origEnd(int(t.e))
		if oe <= g.Start {
			left = i
			continue
		}
		if os >= g.End {
			break
		}
		in = append(in, i)
	}
	words := 0
	firstGap, lastGap, midGap := false, false, false
	var cov []bool
	for _, i := range in {
		t := sc.toks[i]
		if t.kind == tkPunct {
			continue
		}
		words++
		c := under(sc.n.origStart(int(t.s)))
		cov = append(cov, c)
		if !c {
			d.gaps[sc.wordClass(i)]++
		}
	}
	if len(cov) > 0 {
		firstGap, lastGap = !cov[0], !cov[len(cov)-1]
		for k := 1; k < len(cov)-1; k++ {
			if !cov[k] && cov[0] && cov[len(cov)-1] {
				midGap = true
			}
		}
	}
	switch {
	case sh == 0:
		d.where["none masked"]++
	case firstGap && lastGap:
		d.where["both ends unmasked"]++
	case firstGap:
		d.where["start unmasked"]++
	case lastGap:
		d.where["end unmasked"]++
	case midGap:
		d.where["middle unmasked"]++
	default:
		d.where["word partly masked"]++
	}
	d.toks[min(max(words, 1), 6)]++
	span := text[g.Start:g.End]
	if strings.ContainsAny(span, "0123456789") {
		d.shape["has digit"]++
	}
	if strings.Contains(span, ",") {
		d.shape["has comma"]++
	}
	if strings.Contains(span, "-") {
		d.shape["has hyphen"]++
	}
	if strings.Contains(span, "'") || strings.Contains(span, "’") {
		d.shape["has apostrophe"]++
	}
	if span == strings.ToLower(span) {
		d.shape["all lower-case"]++
	} else if r := span[0]; r >= 'a' && r <= 'z' {
		d.shape["starts lower-case"]++
	}
	if span == strings.ToUpper(span) && span != strings.ToLower(span) {
		d.shape["all upper-case"]++
	}
	d.leftOf[sc.wordClass(left)]++
	if len(in) > 0 {
		first := in[0]
		cued := "no cue before"
		for _, m := range sc.marks {
			if m.e.cue != cueNone && m.te <= first && m.te >= first-3 {
				cued = fmt.Sprintf("cue %d before", first-m.te)
				d.shape[fmt.Sprintf("cue kind %d", m.e.cue)]++
			}
		}
		d.shape[cued]++
		listed := 0
		for _, i := range in {
			if sc.toks[i].flags&(fFirst|fSurname) != 0 {
				listed++
			}
		}
		d.shape[fmt.Sprintf("listed name words=%d", min(listed, 2))]++
		nw := 0
		for _, i := range in {
			if sc.nameWord(i) || sc.isLex(i) {
				nw++
			}
		}
		d.shape[fmt.Sprintf("name-like words %d of %d", nw, len(in))]++
		if sc.toks[in[len(in)-1]].kind == tkPunct {
			d.shape["ends on punct"]++
		}
		after := in[len(in)-1] + 1
		if after < len(sc.toks) {
			d.shape["after:"+sc.wordClass(after)]++
		} else {
			d.shape["after:(end)"]++
		}
	}
}

func topCounts(m map[string]int, n int) string {
	type kv struct {
		k string
		v int
	}
	var s []kv
	for k, v := range m {
		s = append(s, kv{k, v})
	}
	sort.Slice(s, func(i, j int) bool { return s[i].v > s[j].v || (s[i].v == s[j].v && s[i].k < s[j].k) })
	var b strings.Builder
	for i, e := range s {
		if i == n {
			break
		}
		fmt.Fprintf(&b, " %s=%d", e.k, e.v)
	}
	return b.String()
}

func (ds diagSet) table() string {
	var types []string
	for t := range ds {
		types = append(types, t)
	}
	sort.Strings(types)
	var b strings.Builder
	for _, t := range types {
		d := ds[t]
		fmt.Fprintf(&b, "MISSED %s n=%d cover[0,<25,<50,<80]=%v words[1..6+]=%v\n", t, d.n, d.cover, d.toks[1:])
		fmt.Fprintf(&b, "  where:%s\n  shape:%s\n  before:%s\n  unmasked words:%s\n",
			topCounts(d.where, 8), topCounts(d.shape, 20), topCounts(d.leftOf, 12), topCounts(d.gaps, 16))
	}
	return b.String()
}

// diagnoseCorpus runs the detector over items and gathers miss diagnostics.
func diagnoseCorpus(items []reportItem) diagSet {
	ds := diagSet{}
	sc := new(scanner)
	for _, it := range items {
		sc.run(it.Text)
		d := sc.detection(it.Text)
		for _, g := range it.Spans {
			if !covered(it.Text, g, d.Spans) {
				ds.diagnose(sc, it.Text, g, d.Spans)
			}
		}
	}
	return ds
}

// cleanDiag counts, for false alarms on clean messages, the class of the
// masked words and of the word before each false span.
func cleanDiag(items []reportItem) string {
	sc := new(scanner)
	masked, before, after := map[string]int{}, map[string]int{}, map[string]int{}
	for _, it := range items {
		if len(it.Spans) > 0 {
			continue
		}
		sc.run(it.Text)
		d := sc.detection(it.Text)
		for _, s := range d.Spans {
			left := -1
			for i, t := range sc.toks {
				os, oe := sc.n.origStart(int(t.s)), sc.n.origEnd(int(t.e))
				if oe <= s.Start {
					left = i
					continue
				}
				if os >= s.End {
					break
				}
				masked[string(s.Type)+"/"+sc.wordClass(i)]++
			}
			before[string(s.Type)+"/"+sc.wordClass(left)]++
			right := len(sc.toks)
			words := 0
			for i, t := range sc.toks {
				if sc.n.origStart(int(t.s)) >= s.End {
					right = i
					break
				}
				if sc.n.origStart(int(t.s)) >= s.Start && t.kind != tkPunct {
					words++
				}
			}
			if right < len(sc.toks) {
				after[string(s.Type)+"/"+sc.wordClass(right)]++
			} else {
				after[string(s.Type)+"/(end)"]++
			}
			after[fmt.Sprintf("%s words=%d", s.Type, words)]++
			msg := map[string]bool{}
			for i := range sc.toks {
				switch {
				case sc.toks[i].flags&fPersonal != 0:
					msg["personal"] = true
				case sc.isP(i, '?'):
					msg["question"] = true
				case sc.isP(i, '/') && sc.kind(i-1) == tkNum && sc.kind(i+1) == tkNum:
					msg["n/n"] = true
				case sc.toks[i].kind == tkNum:
					msg["number"] = true
				case sc.toks[i].flags&fBodyPart != 0:
					msg["body part"] = true
				}
			}
			for k := range msg {
				after[string(s.Type)+" msg has "+k]++
			}
			if right < len(sc.toks) && sc.kind(right) == tkWord && sc.kind(right+1) == tkNum {
				after[string(s.Type)+" then word, number"]++
			}
		}
	}
	return fmt.Sprintf("FALSE masked words:%s\nFALSE word before:%s\nFALSE after and length:%s\n", topCounts(masked, 20), topCounts(before, 20), topCounts(after, 40))
}

func TestPHIReportDiagnostics(t *testing.T) {
	if !testing.Verbose() {
		t.Skip("prints aggregates only with -v")
	}
	for _, path := range []string{"testdata/phi_corpus.jsonl", "testdata/phi_independent.jsonl"} {
		items := loadReportCorpus(t, path)
		fmt.Printf("== %s\n%s%s", path, diagnoseCorpus(items).table(), cleanDiag(items))
	}
}
