package policy

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The two-corpus report scores the detector the way the clinic's
// evaluation does: a gold span is caught when at least 80% of its letters
// and digits lie under some mask, whatever type the mask says. It runs on
// the development corpus (written alongside the detector) and on an
// independent corpus written from its own vocabularies and templates by
// someone who did not read the detector. Only aggregate figures are
// printed: reading the independent items would turn it into a second
// development corpus.

const (
	reportIdentRecall = 0.99
	reportClinRecall  = 0.95
	reportPrecision   = 0.97
	reportCleanAlarm  = 0.01
	reportOutboundAcc = 0.95
	coverShare        = 0.8
)

// reportFloors are the floors per corpus: the measured values, recall
// and precision rounded down, the false-alarm ceiling rounded up. The
// development corpus is above the targets (reportIdentRecall…); the
// independent corpus is not there yet, and README "PHI detection" states
// the gap. Raise them as the engine improves; never lower them to pass.
var reportFloors = map[string]struct{ ident, clin, prec, clean float64 }{
	// Measured 0.9969 / 1.0000 / 0.9979 / 0 of 2,042.
	"development": {0.996, 0.995, 0.997, 0.005},
	// Measured 0.9609 / 0.9112 / 0.9871 / 13 of 750 (0.0173); clinical
	// raised from 0.902 after the colloquial-statement rules, identifiers
	// from 0.957 after the district and Asian-script address rules (0.9614);
	// precision from 0.986 after the health-plan and form-of-address name
	// rules (0.9881).
	// Clinical raised to 0.927 after the substance, Spanish lay
	// complaint and typed-to-dodge rules (0.9279). Then 0.9747 / 0.9598 /
	// 0.9901 after codes typed apart, symbols and digits for letters, the
	// lists' repairs, cued address lines and two rounds of name rules.
	// Then 0.9776 / 0.9667 / 0.9901 after the nickname, world family-name,
	// birth-date name, age and clinical rounds; 0.9795 / 0.9681 / 0.9901
	// after the fresh-set rounds (places abroad, names as patients write
	// them, operations and readings, everyday talk); 0.9833 / 0.9681 /
	// 0.9901 after the names, places and dates round in Portuguese,
	// French and chat (fresh sets names3, romance, chat4, places3).
	// Precision lowered to 0.989 (0.9890) on purpose: a device the writer
	// owns is masked before its serial too ("my insulin pump serial …"),
	// which this corpus marks as no identifier and the held-out corpus
	// as a condition (held-out clinical 0.9638 -> 0.9709). 0.9838 /
	// 0.9681 / 0.9904 after family names known by their ending and
	// lower-case family names that are words read as the words.
	"independent": {0.983, 0.968, 0.990, 0.018},
}

type reportItem struct {
	ID       string       `json:"id"`
	Lang     string       `json:"lang"`
	Category string       `json:"category"`
	Text     string       `json:"text"`
	Spans    []corpusSpan `json:"spans"`
	Clinical bool         `json:"clinical"`
}

func readJSONL[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		out = append(out, v)
	}
	return out, sc.Err()
}

// report is one corpus's aggregate score.
type report struct {
	goldByType   map[string]int
	caughtByType map[string]int
	// touchedByType counts gold spans with any letter or digit masked:
	// recall at the loosest threshold, which tells a boundary miss from
	// a miss outright.
	touchedByType map[string]int
	// partialShare sums the covered share of spans touched but not
	// caught: how far short a boundary miss falls, on average.
	partialShare map[string]float64
	partialN     map[string]int
	goldByCat    map[string]int
	caughtByCat  map[string]int
	ident, clin  prCount
	pred, predOK int
	clean        int
	cleanAlarm   int
	// Aggregates of what went wrong, by category and by the type the
	// detector gave: enough to know where to look, never the items.
	cleanByCat  map[string]int
	alarmByCat  map[string]int
	falseByType map[string]int
	// cleanTypes counts, per clean category, the types of its masks.
	cleanTypes map[string]map[string]int
	// misses lists missed spans and false alarms of one category, for
	// the development corpus only (PHI_REPORT_MISSES=<category>).
	misses []string
	debug  string
}

func newReport() *report {
	return &report{goldByType: map[string]int{}, caughtByType: map[string]int{}, touchedByType: map[string]int{}, partialShare: map[string]float64{}, partialN: map[string]int{},
		goldByCat: map[string]int{}, caughtByCat: map[string]int{},
		cleanByCat: map[string]int{}, alarmByCat: map[string]int{}, falseByType: map[string]int{},
		cleanTypes: map[string]map[string]int{}}
}

// covered reports whether at least coverShare of the letters and digits
// of text[g.Start:g.End] lie under some span.
func covered(text string, g corpusSpan, spans []Span) bool {
	if g.Start < 0 || g.End > len(text) || g.Start >= g.End {
		return false
	}
	return coveredShare(text, g, spans) >= coverShare
}

// coveredShare is the share of the letters and digits of g under a span.
func coveredShare(text string, g corpusSpan, spans []Span) float64 {
	if g.Start < 0 || g.End > len(text) || g.Start >= g.End {
		return 0
	}
	total, hit := 0, 0
	for p := g.Start; p < g.End; {
		r, n := utf8.DecodeRuneInString(text[p:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			total++
			for _, s := range spans {
				if p >= s.Start && p < s.End {
					hit++
					break
				}
			}
		}
		p += n
	}
	if total == 0 {
		return 1
	}
	return float64(hit) / float64(total)
}

func (r *report) add(it reportItem, d Detection) {
	for _, g := range it.Spans {
		ok := covered(it.Text, g, d.Spans)
		if sh := coveredShare(it.Text, g, d.Spans); sh > 0 {
			r.touchedByType[g.Type]++
			if !ok {
				r.partialShare[g.Type] += sh
				r.partialN[g.Type]++
			}
		}
		r.goldByType[g.Type]++
		r.goldByCat[it.Category]++
		c := &r.ident
		if SpanType(g.Type).IsClinical() {
			c = &r.clin
		}
		c.gold++
		if ok {
			c.goldHit++
			r.caughtByType[g.Type]++
			r.caughtByCat[it.Category]++
		} else if r.debug != "" && (r.debug == it.Category || r.debug == "all") {
			r.misses = append(r.misses, fmt.Sprintf("MISS %s %q in %q => %q", g.Type, it.Text[g.Start:g.End], it.Text, d.Masked))
		}
	}
	for _, p := range d.Spans {
		r.pred++
		hit := false
		for _, g := range it.Spans {
			if overlaps(g.Start, g.End, p.Start, p.End) {
				hit = true
				break
			}
		}
		if hit {
			r.predOK++
		} else {
			r.falseByType[string(p.Type)]++
		}
	}
	if len(it.Spans) == 0 {
		r.clean++
		r.cleanByCat[it.Category]++
		if len(d.Spans) > 0 {
			r.cleanAlarm++
			r.alarmByCat[it.Category]++
			if r.cleanTypes[it.Category] == nil {
				r.cleanTypes[it.Category] = map[string]int{}
			}
			for _, sp := range d.Spans {
				r.cleanTypes[it.Category][string(sp.Type)]++
			}
			if r.debug != "" && (r.debug == it.Category || r.debug == "all") {
				r.misses = append(r.misses, fmt.Sprintf("FALSE %q => %q", it.Text, d.Masked))
			}
		}
	}
}

func (r *report) precision() float64 {
	if r.pred == 0 {
		return 1
	}
	return float64(r.predOK) / float64(r.pred)
}

func (r *report) cleanRate() float64 {
	if r.clean == 0 {
		return 0
	}
	return float64(r.cleanAlarm) / float64(r.clean)
}

func (r *report) table(name string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s corpus\n%-11s %6s %7s %7s %8s\n", name, "type", "gold", "recall", "touched", "partial")
	var types []string
	for t := range r.goldByType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		fmt.Fprintf(&b, "%-11s %6d %7.4f %7.4f %8.2f\n", t, r.goldByType[t], float64(r.caughtByType[t])/float64(r.goldByType[t]),
			float64(r.touchedByType[t])/float64(r.goldByType[t]), r.partialShare[t]/float64(max(r.partialN[t], 1)))
	}
	var cats []string
	for c := range r.goldByCat {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	fmt.Fprintf(&b, "%-24s %6s %7s\n", "category", "gold", "recall")
	for _, c := range cats {
		fmt.Fprintf(&b, "%-24s %6d %7.4f\n", c, r.goldByCat[c], float64(r.caughtByCat[c])/float64(r.goldByCat[c]))
	}
	var ccats []string
	for c := range r.cleanByCat {
		ccats = append(ccats, c)
	}
	sort.Strings(ccats)
	fmt.Fprintf(&b, "%-24s %6s %7s\n", "clean category", "msgs", "alarms")
	for _, c := range ccats {
		fmt.Fprintf(&b, "%-24s %6d %7d", c, r.cleanByCat[c], r.alarmByCat[c])
		var ts []string
		for t := range r.cleanTypes[c] {
			ts = append(ts, t)
		}
		sort.Strings(ts)
		for _, t := range ts {
			fmt.Fprintf(&b, " %s=%d", t, r.cleanTypes[c][t])
		}
		fmt.Fprintln(&b)
	}
	var ftypes []string
	for t := range r.falseByType {
		ftypes = append(ftypes, t)
	}
	sort.Strings(ftypes)
	fmt.Fprintf(&b, "false spans by type:")
	for _, t := range ftypes {
		fmt.Fprintf(&b, " %s=%d", t, r.falseByType[t])
	}
	fmt.Fprintln(&b)
	fmt.Fprintf(&b, "identifiers recall %.4f (%d/%d)\n", r.ident.recall(), r.ident.goldHit, r.ident.gold)
	fmt.Fprintf(&b, "clinical recall    %.4f (%d/%d)\n", r.clin.recall(), r.clin.goldHit, r.clin.gold)
	fmt.Fprintf(&b, "precision          %.4f (%d/%d)\n", r.precision(), r.predOK, r.pred)
	fmt.Fprintf(&b, "clean false alarms %.4f (%d/%d)\n", r.cleanRate(), r.cleanAlarm, r.clean)
	return b.String()
}

func scoreCorpus(items []reportItem, debug string) *report {
	r := newReport()
	r.debug = debug
	for _, it := range items {
		r.add(it, Detect(it.Text))
	}
	return r
}

// loadReportCorpus reads a corpus file; a missing independent corpus is a
// skip, so a branch without it still tests, but a malformed one fails.
func loadReportCorpus(t *testing.T, path string) []reportItem {
	t.Helper()
	items, err := readJSONL[reportItem](path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s is not in this tree", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(items) < 200 {
		t.Fatalf("%s has %d messages, want at least 200", path, len(items))
	}
	return items
}

func TestPHIReport(t *testing.T) {
	for _, c := range []struct{ name, path string }{
		{"development", "testdata/phi_corpus.jsonl"},
		{"independent", "testdata/phi_independent.jsonl"},
	} {
		t.Run(c.name, func(t *testing.T) {
			debug := ""
			if c.name == "development" {
				// Never for the independent corpus: its items stay unread.
				debug = os.Getenv("PHI_REPORT_MISSES")
			}
			r := scoreCorpus(loadReportCorpus(t, c.path), debug)
			for _, m := range r.misses {
				t.Log(m)
			}
			t.Log("\n" + r.table(c.name))
			if testing.Verbose() {
				fmt.Print(r.table(c.name))
			}
			f := reportFloors[c.name]
			if r.ident.recall() < reportIdentRecall || r.clin.recall() < reportClinRecall || r.precision() < reportPrecision || r.cleanRate() > reportCleanAlarm {
				t.Logf("%s: below the targets (identifiers %.2f, clinical %.2f, precision %.2f, clean alarms %.2f)",
					c.name, reportIdentRecall, reportClinRecall, reportPrecision, reportCleanAlarm)
			}
			if got := r.ident.recall(); got < f.ident {
				t.Errorf("identifier recall %.4f below floor %.4f", got, f.ident)
			}
			if got := r.clin.recall(); got < f.clin {
				t.Errorf("clinical recall %.4f below floor %.4f", got, f.clin)
			}
			if got := r.precision(); got < f.prec {
				t.Errorf("precision %.4f below floor %.4f", got, f.prec)
			}
			if got := r.cleanRate(); got > f.clean {
				t.Errorf("clean false alarms %.4f above ceiling %.4f", got, f.clean)
			}
		})
	}
}

// TestCoveredCountsLettersAndDigits pins the 80% rule the report uses.
func TestCoveredCountsLettersAndDigits(t *testing.T) {
	text := "take metformin 500 mg twice daily"
	g := corpusSpan{Start: 5, End: len(text), Type: "MEDICATION"}
	if covered(text, g, []Span{{Start: 5, End: 14}}) {
		t.Error("the drug name alone covers 9 of 24 letters and digits, not 80%")
	}
	if covered(text, g, []Span{{Start: 5, End: 27}}) {
		t.Error("drug, dose and 'twice' cover 19 of 24, under 80%")
	}
	if !covered(text, g, []Span{{Start: 5, End: len(text) - 1}}) {
		t.Error("all but the last letter covers 23 of 24: caught")
	}
}

// categoryFloors are the per-category recall floors on the development
// corpus's generated variants (policy/internal/corpusgen/categories.go):
// one category for each way the detector used to miss.
var categoryFloors = map[string]float64{
	"name-last-first":               0.95,
	"name-middle-initial":           0.95,
	"name-after-cue":                0.95,
	"name-lower-case":               0.95,
	"name-hyphenated":               0.90,
	"name-word-given":               0.95,
	"age-over-89":                   0.95,
	"clinical-drug-dose":            0.95,
	"clinical-test-value":           0.95,
	"clinical-condition-modifiers":  0.95,
	"clinical-pregnancy":            0.95,
	"clinical-specialty-visit":      0.95,
	"date-ordinal":                  0.95,
	"date-spelled":                  0.95,
	"evasion-clinical":              0.95,
	"place-international":           0.95,
	"place-address-tail":            0.95,
	"name-shapes":                   0.95,
	"clinical-symptom-circumstance": 0.95,
	"age-over-89-phrasings":         0.95,
	"zip-spelled":                   0.95,
	"name-population":               0.95,
	"clinical-vital-reading":        0.95,
	"clinical-health-predicate":     0.95,
	"clinical-organ-condition":      0.95,
	"clinical-body-own-words":       0.95,
	"clinical-condition-state":      0.95,
	"age-beside-person":             0.95,
	"place-unit-first":              0.95,
	"zip-spaced-digits":             0.95,
	"evasion-heavy-leet":            0.95,
	"evasion-letters-for-digits":    0.95,
	"place-street-word-lower":       0.95,
	"name-other-script":             0.95,
	"name-kin-modal-word":           0.95,
	"clinical-body-spanish":         0.95,
	"vehicle-plate-two-groups":      0.95,
	"date-spanish-short-year":       0.95,
	"name-vowel-initial":            0.95,
	"age-nearing-and-apposed":       0.95,
	"clinical-period":               0.95,
	"clinical-lump-spanish":         0.95,
	"place-intl-street-types":       0.95,
	"place-postcode-town":           0.95,
	"vehicle-plate-context":         0.95,
	"device-hardware-address":       0.95,
	"age-over-89-romance":           0.95,
	"place-town-mention":            0.95,
	"place-comma-line":              0.95,
	"place-other-script":            0.95,
	"id-far-cue-dash":               0.95,
	"clinical-device":               0.95,
	"clinical-dative-body":          0.95,
	"clinical-part-state":           0.95,
	"clinical-thing-on-part":        0.95,
	"clinical-vital-spoken":         0.95,
	"clinical-condition-shape":      0.95,
	"clinical-specialty-referral":   0.95,
	"clinical-body-state":           0.95,
	"clinical-lab-change":           0.95,
	"clinical-pregnancy-stage":      0.95,
	// Names found by where they stand (phi_names_positions.go).
	"name-position-told":     0.95,
	"name-position-owner":    0.95,
	"name-position-signoff":  0.95,
	"name-position-field":    0.95,
	"name-position-subject":  0.95,
	"name-position-kin":      0.95,
	"name-split-disguise":    0.90,
	"name-whole-span":        0.95,
	"name-script-object":     0.95,
	"name-word-given-object": 0.95,
	"name-last-first-line":   0.95,
	"name-implied-cue":       0.95,
}

// precisionCategories hold clean messages that look like PHI: an imaging
// visit named in an operational question, placeholder Latin.
var precisionCategories = []string{"precision-imaging", "precision-lorem", "precision-generic-symptom", "precision-title-case", "precision-imaging-time",
	"precision-everyday-body-verbs", "precision-places-named-for-people", "precision-street-word-route",
	"precision-other-script", "precision-kin-modal",
	"precision-spanish-tener", "precision-spanish-del", "precision-age-quantities",
	"precision-period-word", "precision-parcel-spanish", "precision-places-ids", "precision-places-business",
	"precision-department-question", "precision-readings-not-vitals", "precision-generic-advice", "precision-not-pregnancy",
	"precision-name-positions"}

func TestPHICategories(t *testing.T) {
	items := loadReportCorpus(t, "testdata/phi_corpus.jsonl")
	byCat := map[string][]reportItem{}
	for _, it := range items {
		byCat[it.Category] = append(byCat[it.Category], it)
	}
	for cat, floor := range categoryFloors {
		t.Run(cat, func(t *testing.T) {
			if len(byCat[cat]) < 40 {
				t.Fatalf("%d variants, want at least 40", len(byCat[cat]))
			}
			r := scoreCorpus(byCat[cat], "")
			got := float64(r.ident.goldHit+r.clin.goldHit) / float64(max(r.ident.gold+r.clin.gold, 1))
			t.Logf("%s: recall %.4f over %d spans", cat, got, r.ident.gold+r.clin.gold)
			if got < floor {
				t.Errorf("recall %.4f below floor %.2f", got, floor)
			}
		})
	}
	for _, cat := range precisionCategories {
		t.Run(cat, func(t *testing.T) {
			if len(byCat[cat]) < 40 {
				t.Fatalf("%d variants, want at least 40", len(byCat[cat]))
			}
			for _, it := range byCat[cat] {
				if d := Detect(it.Text); len(d.Spans) > 0 {
					t.Errorf("clean %q masked as %q", it.Text, d.Masked)
				}
			}
		})
	}
}
