package policy

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// The held-out corpus (testdata/phi_holdout.jsonl, written by
// policy/internal/holdoutgen) is a third corpus, written from its own
// vocabularies and templates by an engineer who had read neither the
// detector nor the other two corpora. It is scored with the same rules as
// the two-corpus report (a span is caught when 80% of its letters and
// digits are masked), and, like the independent corpus, only aggregate
// figures are ever printed: its items must not become development cases.
//
// Categories starting "outbound-" are staff texts for the outbound guard,
// scored by ScreenOutbound against the corpus's own clinic profile:
// "outbound-evasion" and "outbound-evasion-es" must be refused (clinical specifics spelled to dodge
// a filter, with no identifier), "outbound-clinic" must go (the clinic's
// own name, address, numbers, web and staff, and generic safety advice).
// Categories starting "evasion-" are patients' identifiers written to
// dodge a filter (foreign digits, spelled digits, look-alike letters,
// invisible characters); their span recall is reported on its own too.

// holdoutFloors are the measured figures, recall and precision rounded
// down to 0.01 and the false-alarm ceiling rounded up: they stop a
// regression. Raise them as the detector improves; never lower them to
// pass.
var holdoutFloors = struct {
	ident, clin, prec, clean, evasion, outRefused, outAllowed float64
}{
	ident: 0.976, clin: 0.973, prec: 0.99, clean: 0.002, evasion: 1.00, outRefused: 0.98, outAllowed: 1.00,
}

// holdoutTypeFloors hold each identifier and clinical type to its
// measured recall, so a regression confined to one type still fails.
var holdoutTypeFloors = map[string]float64{
	"ACCOUNT": 1.00, "ADDRESS": 0.944, "AGE": 0.99, "CARD": 1.00, "DATE": 0.98, "DEVICE": 0.98,
	"DOB": 1.00, "EMAIL": 1.00, "FAX": 1.00, "ID": 1.00, "IP": 1.00, "LICENSE": 1.00,
	"MEMBER_ID": 1.00, "MRN": 1.00, "NAME": 0.954, "PHONE": 1.00, "SSN": 1.00, "URL": 0.92,
	"VEHICLE": 0.96, "ZIP": 0.934,
	"CONDITION": 0.925, "LAB": 0.978, "MEDICATION": 0.98, "SYMPTOM": 0.988,
}

// holdoutCorpus splits the held-out corpus into the messages scored by
// span and the staff texts scored by the outbound guard.
type holdoutCorpus struct {
	spans, evasion, outRefuse, outAllow []reportItem
}

func loadHoldout(t *testing.T) holdoutCorpus {
	t.Helper()
	var c holdoutCorpus
	for _, it := range loadReportCorpus(t, "testdata/phi_holdout.jsonl") {
		switch {
		case strings.HasPrefix(it.Category, "outbound-evasion"):
			c.outRefuse = append(c.outRefuse, it)
		case it.Category == "outbound-clinic":
			c.outAllow = append(c.outAllow, it)
		case strings.HasPrefix(it.Category, "outbound-"):
			t.Fatalf("%s: unknown outbound category %q", it.ID, it.Category)
		default:
			c.spans = append(c.spans, it)
			if strings.HasPrefix(it.Category, "evasion-") {
				c.evasion = append(c.evasion, it)
			}
		}
	}
	if len(c.evasion) == 0 || len(c.outRefuse) == 0 || len(c.outAllow) == 0 {
		t.Fatalf("held-out corpus lacks a part: %d evasion, %d outbound refusals, %d outbound allowed",
			len(c.evasion), len(c.outRefuse), len(c.outAllow))
	}
	return c
}

// spanRecall is identifier and clinical recall together.
func (r *report) spanRecall() float64 {
	gold := r.ident.gold + r.clin.gold
	if gold == 0 {
		return 1
	}
	return float64(r.ident.goldHit+r.clin.goldHit) / float64(gold)
}

// worstCategories names the n categories with the lowest recall, worst
// first (ties by name), with their figures: names only, never items.
func (r *report) worstCategories(n int) []string {
	type cat struct {
		name   string
		recall float64
		gold   int
	}
	var cs []cat
	for c, g := range r.goldByCat {
		cs = append(cs, cat{c, float64(r.caughtByCat[c]) / float64(g), g})
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].recall != cs[j].recall {
			return cs[i].recall < cs[j].recall
		}
		return cs[i].name < cs[j].name
	})
	var out []string
	for _, c := range cs[:min(n, len(cs))] {
		out = append(out, fmt.Sprintf("%-28s %.4f (%d spans)", c.name, c.recall, c.gold))
	}
	return out
}

func TestPHIHoldoutReport(t *testing.T) {
	c := loadHoldout(t)
	clinic, err := ReadClinicProfile("testdata/phi_holdout_clinic.json")
	if err != nil {
		t.Fatal(err)
	}
	// No debug listing, ever: the items stay unread.
	r := scoreCorpus(c.spans, "")
	ev := scoreCorpus(c.evasion, "")
	refused := 0
	for _, it := range c.outRefuse {
		if ScreenOutbound(it.Text, clinic).Refused() {
			refused++
		}
	}
	allowed := 0
	for _, it := range c.outAllow {
		if !ScreenOutbound(it.Text, clinic).Refused() {
			allowed++
		}
	}
	outRefused := float64(refused) / float64(len(c.outRefuse))
	outAllowed := float64(allowed) / float64(len(c.outAllow))

	var b strings.Builder
	b.WriteString(r.table("held-out"))
	fmt.Fprintf(&b, "evasion recall     %.4f (%d/%d spans)\n", ev.spanRecall(), ev.ident.goldHit+ev.clin.goldHit, ev.ident.gold+ev.clin.gold)
	fmt.Fprintf(&b, "outbound evasion refused %.4f (%d/%d)\n", outRefused, refused, len(c.outRefuse))
	fmt.Fprintf(&b, "outbound clinic allowed  %.4f (%d/%d)\n", outAllowed, allowed, len(c.outAllow))
	b.WriteString("worst categories by recall:\n")
	for _, w := range r.worstCategories(10) {
		b.WriteString("  " + w + "\n")
	}
	t.Log("\n" + b.String())
	if testing.Verbose() {
		fmt.Print(b.String())
	}

	f := holdoutFloors
	check := func(what string, got, floor float64) {
		t.Helper()
		if got < floor {
			t.Errorf("%s %.4f below floor %.2f", what, got, floor)
		}
	}
	check("identifier recall", r.ident.recall(), f.ident)
	check("clinical recall", r.clin.recall(), f.clin)
	check("precision", r.precision(), f.prec)
	check("evasion recall", ev.spanRecall(), f.evasion)
	check("outbound evasion refused", outRefused, f.outRefused)
	check("outbound clinic allowed", outAllowed, f.outAllowed)
	if got := r.cleanRate(); got > f.clean {
		t.Errorf("clean false alarms %.4f above ceiling %.2f", got, f.clean)
	}
	for typ, floor := range holdoutTypeFloors {
		gold := r.goldByType[typ]
		if gold == 0 {
			t.Errorf("type %s has no gold spans; the corpus lost a part", typ)
			continue
		}
		check("recall of "+typ, float64(r.caughtByType[typ])/float64(gold), floor)
	}
}
