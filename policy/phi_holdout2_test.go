package policy

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// The second held-out corpus (testdata/phi_holdout2.jsonl, written by
// policy/internal/holdout2) is a fourth corpus: a clinic's WhatsApp inbox
// written from its own vocabularies and templates by an engineer who read
// neither the detector nor any of the other corpora or their generators.
// It is scored with the report's rules (a span is caught when 80% of its
// letters and digits are masked) and, like the other held-out corpora,
// only aggregates are ever printed: its items must not become
// development cases.
//
// Categories starting "outbound-refuse" are staff drafts that disclose
// clinical specifics about the patient (plainly or spelled to dodge a
// filter) and must be refused; "outbound-allow" drafts (the clinic's own
// name, address, numbers, web and staff, generic safety advice) must go.
// Both are judged by ScreenOutbound against the corpus's own clinic
// profile. Categories starting "evasion-" are patients' identifiers
// written to dodge a filter; their recall is reported on its own too.

// holdout2Floors are the figures first measured on this corpus, with the
// detector of main at 8cd657c (identifiers 0.8855, clinical 0.8072,
// precision 0.9928, clean false alarms 7/605 = 0.0116, evasion 0.8625,
// drafts refused 129/130, drafts allowed 89/90): recall and precision
// rounded down to 0.01, the false-alarm ceiling rounded up. They stop a
// regression and were never tuned. Raise them as the detector improves;
// never lower them to pass. Raised after the names, places, clinical and
// sensitive-statement rules (identifiers 0.9045, clinical 0.8920,
// precision 0.9915, clean false alarms 6/605), and after the world name
// list and the question and subject rules (identifiers 0.9160, NAME
// 0.9034), after the colloquial-statement rules (clinical 0.9297,
// CONDITION 0.9157, SYMPTOM 0.9145, precision 0.9927, clean false alarms
// 4/605), and after the district, block-and-lot and Chinese, Japanese
// and Korean address rules (identifiers 0.9272, ADDRESS 0.9203, ZIP
// 0.9139), and after the sign-off, hyphenated-name, listed-pair and
// Portuguese/French courtesy rules (identifiers 0.9311, NAME 0.9176,
// clean false alarms 1/605), and after the spoken e-mail and spoken year
// rules (identifiers 0.9400, EMAIL 0.9783, DOB 0.9646, evasion 0.9437),
// and after phone extensions (identifiers 0.9475, PHONE and FAX 1.0,
// evasion 0.9750), and after the French and Portuguese clinical words
// (clinical 0.9392, fr-mixed 0.79, pt-mixed 0.81), and after the
// substance-use, street-supply and disguised-word rules (see the report
// test's output for the figures they reached together), and after the
// cued address lines, the name rounds on plans, kinship, other scripts
// and told clauses, and the clinic's e-mail in any spelling (identifiers
// 0.9593, clinical 0.9580, drafts refused 130/130 and allowed 90/90),
// and after the age, identifier-prefix, nickname, world family-name and
// French, Portuguese and Spanish clinical rounds (identifiers 0.9698,
// clinical 0.9683), and after the fresh-set rounds (identifiers 0.9747,
// clinical 0.9709), and after the names, places and dates round in
// Portuguese, French and chat (identifiers 0.9806, ADDRESS 0.9698, NAME
// 0.9670).
var holdout2Floors = struct {
	ident, clin, prec, clean, evasion, outRefused, outAllowed float64
}{
	ident: 0.981, clin: 0.972, prec: 0.99, clean: 0.01, evasion: 0.98, outRefused: 1.00, outAllowed: 1.00,
}

// holdout2TypeFloors hold each type to its first measured recall, so a
// regression confined to one type still fails.
var holdout2TypeFloors = map[string]float64{
	"ACCOUNT": 1.00, "ADDRESS": 0.969, "AGE": 0.93, "CARD": 1.00, "CONDITION": 0.962, "DATE": 1.00, "DEVICE": 1.00, "DOB": 1.00,
	"EMAIL": 0.98, "FAX": 1.00, "ID": 1.00, "IP": 1.00, "LAB": 0.979, "LICENSE": 1.00, "MEDICATION": 0.984, "MEMBER_ID": 1.00,
	"MRN": 1.00, "NAME": 0.966, "PHONE": 1.00, "SSN": 1.00, "SYMPTOM": 0.973, "URL": 1.00, "VEHICLE": 0.98, "ZIP": 0.96,
}

type holdout2Corpus struct {
	spans, evasion, outRefuse, outAllow []reportItem
}

func loadHoldout2(t *testing.T) holdout2Corpus {
	t.Helper()
	var c holdout2Corpus
	for _, it := range loadReportCorpus(t, "testdata/phi_holdout2.jsonl") {
		switch {
		case strings.HasPrefix(it.Category, "outbound-refuse"):
			c.outRefuse = append(c.outRefuse, it)
		case strings.HasPrefix(it.Category, "outbound-allow"):
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
		t.Fatalf("second held-out corpus lacks a part: %d evasion, %d outbound refusals, %d outbound allowed",
			len(c.evasion), len(c.outRefuse), len(c.outAllow))
	}
	return c
}

func TestPHIHoldout2Report(t *testing.T) {
	c := loadHoldout2(t)
	clinic, err := ReadClinicProfile("testdata/phi_holdout2_clinic.json")
	if err != nil {
		t.Fatal(err)
	}
	// No debug listing, ever: the items stay unread. wantedByCat counts,
	// per outbound category, the drafts the guard treated as it should.
	r := scoreCorpus(c.spans, "")
	ev := scoreCorpus(c.evasion, "")
	wantedByCat, totalByCat := map[string]int{}, map[string]int{}
	refused := 0
	for _, it := range c.outRefuse {
		totalByCat[it.Category]++
		if ScreenOutbound(it.Text, clinic).Refused() {
			refused++
			wantedByCat[it.Category]++
		}
	}
	allowed := 0
	for _, it := range c.outAllow {
		totalByCat[it.Category]++
		if !ScreenOutbound(it.Text, clinic).Refused() {
			allowed++
			wantedByCat[it.Category]++
		}
	}
	outRefused := float64(refused) / float64(len(c.outRefuse))
	outAllowed := float64(allowed) / float64(len(c.outAllow))

	var b strings.Builder
	b.WriteString(r.table("second held-out"))
	fmt.Fprintf(&b, "evasion recall     %.4f (%d/%d spans)\n", ev.spanRecall(), ev.ident.goldHit+ev.clin.goldHit, ev.ident.gold+ev.clin.gold)
	fmt.Fprintf(&b, "outbound refused (clinical drafts)  %.4f (%d/%d)\n", outRefused, refused, len(c.outRefuse))
	fmt.Fprintf(&b, "outbound allowed (clinic's own text) %.4f (%d/%d)\n", outAllowed, allowed, len(c.outAllow))
	var ocats []string
	for cat := range totalByCat {
		ocats = append(ocats, cat)
	}
	sort.Strings(ocats)
	for _, cat := range ocats {
		fmt.Fprintf(&b, "  %-26s %3d/%3d as wanted\n", cat, wantedByCat[cat], totalByCat[cat])
	}
	b.WriteString("worst categories by recall:\n")
	for _, w := range r.worstCategories(10) {
		b.WriteString("  " + w + "\n")
	}
	t.Log("\n" + b.String())
	if testing.Verbose() {
		fmt.Print(b.String())
	}

	f := holdout2Floors
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
	check("outbound refused", outRefused, f.outRefused)
	check("outbound allowed", outAllowed, f.outAllowed)
	if got := r.cleanRate(); got > f.clean {
		t.Errorf("clean false alarms %.4f above ceiling %.2f", got, f.clean)
	}
	for typ, floor := range holdout2TypeFloors {
		gold := r.goldByType[typ]
		if gold == 0 {
			t.Errorf("type %s has no gold spans; the corpus lost a part", typ)
			continue
		}
		check("recall of "+typ, float64(r.caughtByType[typ])/float64(gold), floor)
	}
}
