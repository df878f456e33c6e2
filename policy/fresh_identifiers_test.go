package policy

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode"
)

// freshItem is one message of a testdata/fresh_identifiers*.txt file with
// the markers taken out: the text and the byte ranges of its identifiers.
type freshItem struct {
	text string
	gold []corpusSpan
}

// loadFreshIdentifiers reads the marked-up messages: "{{TYPE:text}}"
// marks an identifier, '#' opens a comment line.
func loadFreshIdentifiers(tb testing.TB, path string) []freshItem {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []freshItem
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var b strings.Builder
		var it freshItem
		for {
			i := strings.Index(line, "{{")
			if i < 0 {
				b.WriteString(line)
				break
			}
			j := strings.Index(line[i:], "}}")
			k := strings.IndexByte(line[i:], ':')
			if j < 0 || k < 0 || k > j {
				tb.Fatalf("bad marker in %q", line)
			}
			b.WriteString(line[:i])
			start := b.Len()
			b.WriteString(line[i+k+1 : i+j])
			it.gold = append(it.gold, corpusSpan{Start: start, End: b.Len(), Type: line[i+2 : i+k]})
			line = line[i+j+2:]
		}
		it.text = b.String()
		out = append(out, it)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// freshCovered reports whether identifier spans cover at least 80% of the
// letters and digits of text[g.Start:g.End].
func freshCovered(text string, g corpusSpan, spans []Span) bool {
	return freshCoveredBy(text, g, spans, false)
}

// freshCoveredBy reports whether spans of the wanted kind (clinical
// content, or identifiers) cover at least 80% of the letters and digits of
// text[g.Start:g.End].
func freshCoveredBy(text string, g corpusSpan, spans []Span, clinical bool) bool {
	total, hit := 0, 0
	for i, r := range text[g.Start:g.End] {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		total++
		at := g.Start + i
		for _, s := range spans {
			if s.Type.IsClinical() == clinical && s.Start <= at && at < s.End {
				hit++
				break
			}
		}
	}
	return total > 0 && hit*5 >= total*4
}

// freshSets are the marked-up sets of patient messages, each written
// before its writer read the detector's rules, with the share of marked
// identifiers the detector must keep masking. Raise a floor when recall
// rises, never lower it. The first figure each set scored, before any rule
// was changed for it, is the honest measure of generalisation; it is kept
// in the comment.
var freshSets = []struct {
	path  string
	floor float64
}{
	// 383 messages in many countries' shapes; first measured 0.895.
	{"testdata/fresh_identifiers.txt", 0.944},
	// 268 messages of addresses, postcodes and vehicle plates from many
	// countries; first measured 0.6029 (167/277), 0.7906 (219/277) after
	// the lower-case plate, street, tail, postcode and line rules.
	{"testdata/fresh_identifiers_places.txt", 0.823},
	// 319 messages of person names: lower case, many cultures, nicknames,
	// kin words and cues in four languages; first measured 0.7139.
	{"testdata/fresh_identifiers_names.txt", 0.837},
	// 258 messages of person names, second round: introductions in five
	// languages, middle initials, nicknames alone, kin words, lists,
	// forwards, sign-offs, names typed without accents; first measured 0.9356 (276/295).
	{"testdata/fresh_identifiers_names2.txt", 0.979},
	// 152 messages of addresses and postcodes abroad, second round:
	// landmarks (near, opp, behind, off), door numbers with slashes and
	// dashes, "the" inside street names, German, Colombian, Japanese,
	// Korean, Gulf and Philippine shapes; first measured 0.4114 (65/158).
	{"testdata/fresh_identifiers_places2.txt", 0.639},
	// 276 messages of person names, third round: nicknames and pet names,
	// lower case with names no list holds, Portuguese, French, Haitian
	// Creole and Spanish kin words and introductions, names that are
	// words, initials, lists and third-party cues; first measured 0.8554
	// (278/325).
	{"testdata/fresh_identifiers_names3.txt", 0.923},
	// 260 messages in Portuguese, French and Spanish, some mixed with
	// English: every identifier type, ages and birth dates in words,
	// CEPs and CEDEX, "Rua …, nº …, apto …", forwarded forms; first
	// measured 0.8622 (344/399).
	{"testdata/fresh_identifiers_romance.txt", 0.949},
	// 276 messages of names in chat, fourth round: voice-note
	// transcripts, emoji, forwarded threads, family logistics with several
	// people, third-party cues, typed-wrong cues and bare sign-offs;
	// first measured 0.8124 (342/421).
	{"testdata/fresh_identifiers_chat4.txt", 0.871},
	// 238 messages of addresses, third round: badly written North
	// American lines, house names, Eircodes, Australian and South African
	// units, West African landmarks and digital addresses, South Asian
	// sectors and phases, the Gulf, Southeast Asia, Japan and Korea,
	// Eastern Europe and Turkey; first measured 0.6267 (183/292).
	{"testdata/fresh_identifiers_places3.txt", 0.715},
	// 323 messages of device identifiers and serial numbers (implants,
	// pumps, CGM transmitters, hearing aids, CPAP machines, phones: SN,
	// IMEI, MAC, UDI stickers, numbers read out in words), URLs and IP
	// addresses, and other record numbers; first measured 0.9422 (424/450).
	{"testdata/fresh_identifiers_devices.txt", 0.979},
	// 308 messages of names in the shapes the outside corpora miss most:
	// middle initials, "Last, First" after cues, third-party cues in four
	// languages, lower case and unlisted, hyphenated and compound names,
	// given names that are words or months, two- and three-letter
	// nicknames; first measured 0.8943 (330/369).
	{"testdata/fresh_identifiers_names5.txt", 0.921},
	// 251 messages of addresses, fourth round: Vietnam, Indonesia and
	// Malaysia, Thailand and the Philippines, the Balkans and Eastern
	// Europe, Latin America, Africa, South Asia, and immigrants' habits in
	// English; first measured 0.6059 (306/505) on the detector before
	// labelledAddressParts, 0.6713 with it (written from our own examples
	// of the same regions before the set arrived).
	{"testdata/fresh_identifiers_places4.txt", 0.693},
	// 246 messages of identifiers typed in disguise: dotted and spaced
	// letters, digits for letters, numbers in words, e-mails spoken,
	// homoglyphs, parts split across the sentence, in four languages;
	// first measured 0.5955 (159/267), 0.7041 (188/267) after identifiers
	// given in parts, telephone groups set apart and their extensions,
	// and cued codes with spaced separators; 0.8539 (228/267) after
	// numbers typed with look-alike letters, telephone numbers read out
	// aloud, dates of birth said in parts and ages typed apart; 0.8689
	// with e-mail addresses spoken between marks.
	{"testdata/fresh_identifiers_evasion.txt", 0.868},
	// 280 messages of addresses in the United States, Canada, the United
	// Kingdom, Ireland, Australia and New Zealand as typed in chat: rural
	// routes, PO boxes, military mail, unit forms, half numbers,
	// intersections, split across sentences; first measured 0.8051
	// (413/513); 0.8889 after rural and military boxes, numbered roads,
	// half numbers and quadrants, corners, Quebec street types, Irish
	// counties and Australian abbreviations.
	{"testdata/fresh_identifiers_places5.txt", 0.888},
	// 340 messages of names typed as people do: family name first,
	// initials, lower case, word names, hyphens and particles, nicknames,
	// sign-offs, third-party cues, in four languages; first measured
	// 0.8425 (369/438); 0.8836 after word names opening a clause about
	// their bearer, family names known by their ending, and Spanish and
	// Portuguese word names before a verb.
	{"testdata/fresh_identifiers_names6.txt", 0.883},
	// 251 messages of a busy morning's inbox, every identifier type in
	// many languages, pasted forms and chat exports, voice-to-text run-ons,
	// capitals and lower case throughout; written after this round's
	// rules and measured once, with nothing changed for it: 0.9160
	// (600/655; names 276/297, addresses 28/36, dates of birth 27/30);
	// 0.9221 once Vietnamese introductions and kin and the Arabic "her
	// name is" cued a name.
	{"testdata/fresh_identifiers_mixed7.txt", 0.922},
}

// TestFreshIdentifiers scores the detector on patient messages written
// apart from its rules. FRESH_MISSES=1 lists what is left unmasked.
func TestFreshIdentifiers(t *testing.T) {
	for _, set := range freshSets {
		t.Run(strings.TrimSuffix(strings.TrimPrefix(set.path, "testdata/"), ".txt"), func(t *testing.T) {
			scoreFreshSet(t, set.path, set.floor)
		})
	}
}

func scoreFreshSet(t *testing.T, path string, floor float64) {
	items := loadFreshIdentifiers(t, path)
	gold, hit := 0, 0
	byType := map[string][2]int{}
	for _, it := range items {
		d := Detect(it.text)
		for _, g := range it.gold {
			gold++
			c := byType[g.Type]
			c[1]++
			if freshCovered(it.text, g, d.Spans) {
				hit++
				c[0]++
			} else if os.Getenv("FRESH_MISSES") != "" {
				t.Logf("miss %-5s %-28q in %q -> %q", g.Type, it.text[g.Start:g.End], it.text, d.Masked)
			}
			byType[g.Type] = c
		}
	}
	recall := float64(hit) / float64(gold)
	for _, ty := range []string{"NAME", "ADDR", "ZIP", "AGE", "DOB", "PHONE", "EMAIL", "ID", "PLATE", "DEV"} {
		if c := byType[ty]; c[1] > 0 {
			t.Logf("%-5s %3d/%3d", ty, c[0], c[1])
		}
	}
	t.Logf("%s: %d messages, recall %d/%d = %.4f", path, len(items), hit, gold, recall)
	if recall < floor {
		t.Errorf("fresh identifier recall %.4f below floor %.4f", recall, floor)
	}
}
