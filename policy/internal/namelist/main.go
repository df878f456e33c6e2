// Command namelist builds policy/data/names.txt.gz: given and family names
// from public population tables that are not ordinary English or Spanish
// words. The detector reads a word on that list as a name even in lower
// case and with no cue ("can okafor call me back"); a name that is also a
// word ("will", "hope", "rosa", "brown") is left out, so it still needs a
// capital or a cue.
//
// After writing the list, rebuild the look-up table the detector embeds
// (policy/data/names.slots) from it:
//
//	go test -run TestNameSlotsMatchNameList ./policy/ -update-names
//
// Inputs (see policy/data/SOURCES.md for where each comes from):
//
//	-given   name|births lines (SSA national baby-name tables, summed)
//	-family  one surname a line, most frequent first (US Census 1990)
//	-freq    word<TAB>count lines, case as most often written (SUBTLEX-US)
//	-dict    dictionary word lists, one word a line (wamerican, wspanish)
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// notNames are places, brands and layout words that the population
// tables hold as names but that a clinic's messages mostly use otherwise.
var notNames = strings.Fields(`
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii
idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan
minnesota mississippi missouri montana nebraska nevada hampshire jersey mexico york carolina
dakota ohio oklahoma oregon pennsylvania rhode tennessee texas utah vermont virginia washington
wisconsin wyoming dallas houston austin phoenix denver boston atlanta miami seattle portland
chicago detroit memphis nashville orlando tampa tucson fresno omaha oakland raleigh tulsa
cleveland arlington aurora anaheim honolulu lexington henderson stockton toledo laredo madison
lubbock durham irving chandler reno glendale garland hialeah scottsdale fremont riverside
uber lyft kaiser aetna cigna humana medicaid medicare walgreens costco
labore dolore aliqua elit tempor sed amet
tengo tienes tiene tienen tuve tuvo tuvieron hice hizo hicieron estuve estuvo estuvieron fui fue fueron
puedo puede pueden pude pudo quiero quiere quieren quise quiso digo dice dicen dije dijo traigo traje trajo
voy vas van vamos vengo viene vienen vine vino pongo puso salgo sepa supe supo doy dio dieron veo vi vio
`)

func main() {
	given := flag.String("given", "", "SSA name|births file")
	family := flag.String("family", "", "census surname file")
	freq := flag.String("freq", "", "SUBTLEX word<TAB>count file")
	dicts := flag.String("dict", "/usr/share/dict/american-english,/usr/share/dict/spanish", "comma-separated dictionaries")
	minBirths := flag.Int("min-births", 20, "least births for a given name")
	out := flag.String("out", "policy/data/names.txt.gz", "output")
	flag.Parse()

	ordinary := map[string]bool{}
	for _, n := range notNames {
		ordinary[n] = true
	}
	for _, d := range strings.Split(*dicts, ",") {
		eachLine(d, func(w string) {
			if w != "" && unicode.IsLower([]rune(w)[0]) {
				w = fold(strings.TrimSuffix(w, "'s"))
				ordinary[w] = true
				for _, f := range spanishForms(w) {
					ordinary[f] = true
				}
			}
		})
	}
	spoken := map[string]int{} // capitalised words: how often they are said
	eachLine(*freq, func(l string) {
		w, c, _ := strings.Cut(l, "\t")
		n, _ := strconv.Atoi(c)
		// SUBTLEX keeps each word in the case it is most often written
		// in: names are capitalised, so a lower-case entry is a word.
		if w != "" && unicode.IsLower([]rune(w)[0]) && n >= 2 {
			ordinary[fold(w)] = true
		} else if w != "" {
			spoken[fold(w)] += n
		}
	})
	tags := map[string]string{}
	births := map[string]int{}
	eachLine(*given, func(l string) {
		name, c, _ := strings.Cut(l, "|")
		n, _ := strconv.Atoi(c)
		w := fold(name)
		births[w] += n
		if n >= *minBirths && plain(w) && !ordinary[w] && !placeLike(w, births[w], 0, spoken) {
			tags[w] = "g"
		}
	})
	rank := 0
	eachLine(*family, func(l string) {
		rank++
		if w := fold(l); plain(w) && !ordinary[w] && !placeLike(w, births[w], rank, spoken) {
			tags[w] += "f"
		}
	})
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	for _, k := range keys {
		fmt.Fprintf(bw, "%s %s\n", k, tags[k])
	}
	if err := bw.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d names written to %s", len(keys), *out)
}

func eachLine(path string, fn func(string)) {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		fn(strings.TrimSpace(s.Text()))
	}
	if err := s.Err(); err != nil {
		log.Fatal(err)
	}
}

var folder = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

func fold(s string) string {
	r, _, err := transform.String(folder, s)
	if err != nil {
		return strings.ToLower(s)
	}
	return strings.ToLower(r)
}

// plain keeps names of three or more ASCII letters: shorter ones are
// initials and abbreviations far more often than names.
func plain(w string) bool {
	if len(w) < 3 {
		return false
	}
	for _, c := range w {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// Spanish dictionaries list verbs by their infinitive only; a patient
// writes "hable", "llamaron", "tomaba". These endings give the common
// forms of a regular verb so none of them is read as a surname.
var (
	arEndings = strings.Fields("o as a amos an e es emos en aste o aron aba abas abamos aban ando ado ada ados adas ara aras aran are aremos aria arian ad")
	erEndings = strings.Fields("o es e emos imos en a as amos an i iste io ieron ia ias iamos ian iendo ido ida idos idas iera ieran ere era eria iere ira iria ed id")
)

func spanishForms(w string) []string {
	// Nouns and adjectives: the dictionary lists the singular (and the
	// masculine) only: "citas", "tardes", "buenas", "dolores".
	out := []string{w + "s", w + "es"}
	switch {
	case strings.HasSuffix(w, "z"):
		out = append(out, w[:len(w)-1]+"ces")
	case strings.HasSuffix(w, "o"):
		out = append(out, w[:len(w)-1]+"a", w[:len(w)-1]+"as")
	}
	if len(w) < 4 {
		return out
	}
	stem, end := w[:len(w)-2], w[len(w)-2:]
	var endings []string
	switch end {
	case "ar":
		endings = arEndings
	case "er", "ir":
		endings = erEndings
	default:
		return out
	}
	for _, e := range endings {
		out = append(out, stem+e)
	}
	return out
}

// placeLike reports a capitalised word that speech uses far more than
// the population carries it as a name: holidays, places, nationalities
// ("christmas", "vegas", "american", "brooklyn" stays: it is a common
// given name). Given names compare spoken frequency with births; family
// names, which the census lists by rank only, need a rank in the top
// 5,000 and moderate use in speech ("christmas" and "england" are
// surnames too, but a clinic's messages mean the holiday and the place).
func placeLike(w string, births, rank int, spoken map[string]int) bool {
	said := spoken[w]
	if said < 30 {
		return false
	}
	if births >= said*20 {
		return false
	}
	if rank > 0 && rank <= 5000 && said < 300 {
		return false
	}
	return true
}
