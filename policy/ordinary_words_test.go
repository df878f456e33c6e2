package policy

import (
	"flag"
	"os"
	"slices"
	"strings"
	"testing"
)

var updateOrdinary = flag.Bool("update-ordinary", false, "add to ordinary_words.txt the dictionary words the misspelling look-up would take")

// ordinaryWordsFile is the list the misspelling look-up never reads as a
// clinical term.
const ordinaryWordsFile = "../assets/data/lexicons/ordinary_words.txt"

// clinicalVariants are dictionary words the misspelling look-up may take,
// because they are the clinical term they resemble: its plural, its
// Spanish or British form, its adjective ("lesions", "gangrena",
// "arritmico", "sunburnt"). Any other dictionary word it would take
// belongs in ordinary_words.txt.
var clinicalVariants = map[string]bool{
	"absceso": true, "arritmica": true, "arritmico": true, "celiaca": true, "celiaco": true, "deficiencia": true,
	"diseased": true, "diseases": true, "disorders": true, "gangrena": true, "gangrened": true, "gangrenes": true,
	"hematoma": true, "impairments": true, "infecciosa": true, "infeccioso": true, "infectiva": true,
	"infectivo": true, "lesions": true, "malarial": true, "nodules": true, "nodulo": true, "osteomielitis": true,
	"psitacosis": true, "psychoses": true, "psychotics": true, "pulmonar": true, "salmonellae": true,
	"salmonellas": true, "sprains": true, "sunburns": true, "sunburnt": true, "syndromes": true, "tendinitis": true,
	"tifoidea": true, "tifoideo": true, "tiroidea": true, "tiroideo": true, "urinaria": true, "whiplashes": true,
	"gestacion": true, "infarction": true, "pirosis": true, "pulmonaria": true, "strain": true, "infecting": true,
	"bulimics": true, "contusions": true, "convulsions": true, "depressives": true, "diuretics": true, "epileptics": true,
	"varicoso": true, "melanosis": true, "tuberculina": true, "valiums": true, "aspirins": true,
	"catatonic": true, "catatonics": true, "claustrofobia": true, "claustrophobic": true, "cleptomaniaca": true,
	"cleptomaniaco": true, "cleptomano": true, "cleptomana": true, "dyslexics": true, "hipocondria": true,
	"hypochondriac": true, "hypochondriacs": true, "insomne": true, "insomniac": true, "insomniacs": true,
	"kleptomaniac": true, "kleptomaniacs": true, "munchhausen": true, "pyromaniac": true, "pyromaniacs": true,
	"dislalia": true, "disosmia": true, "distocia": true, "disfamia": true,
	// Plurals and Spanish, Portuguese and British forms of the procedures,
	// cancers and STIs the lists name ("mastectomies", "cesariano", "blenorragia").
	"abortions": true, "abortiva": true, "abortivo": true, "amputations": true, "amputating": true,
	"angioplasties": true, "blenorragia": true, "caesareans": true, "caesarian": true, "caesarians": true,
	"carcinomas": true, "carcinomata": true, "cateter": true, "catheters": true, "cesareans": true,
	"cesarian": true, "cesarians": true, "cesareo": true, "cesariano": true, "chancro": true, "difteria": true,
	"ectopia": true, "hysterectomies": true, "mastectomies": true, "aborte": true, "anticoncepcion": true, "oestrogen": true,
	// Adjectives that open a listed phrase ("psychotic episode") and are
	// read as the condition alone too.
	"anaemic": true, "anemico": true, "dyslexic": true, "epileptico": true, "infectious": true, "psychotic": true,
	"varicose": true, "lactose": true, "metastasize": true, "metastasizes": true,
	"puerpera": true, "puerperal": true, "radiotherapist": true, "sarcomas": true, "stillbirths": true,
	"tracheotomy": true, "traqueotomia": true, "vasectomies": true, "inseminating": true,
}

// TestOrdinaryWordsCoverTheDictionary: every dictionary word the
// misspelling look-up would read as a medication or condition is listed
// as ordinary, unless it is that term ("inflation" is not "infection",
// "burritos" not "bursitis", "lesson" not "lesion"). Run with
// -update-ordinary after the condition or medication lists change.
func TestOrdinaryWordsCoverTheDictionary(t *testing.T) {
	lx := lexiconOrPanic()
	var missing []string
	for _, w := range dictionaryWords(t) {
		if len(w) < 6 {
			continue
		}
		// A word known only as the first of a phrase ("implant" of
		// "implant contraceptif", "estado" of a Spanish phrase) still goes
		// to the misspelling look-up when the phrase does not follow.
		if e, known := lx.get([]byte(w)); known && e.nTok > 0 || clinicalVariants[w] {
			continue
		}
		if lx.people.lookup([]byte(w)) != 0 {
			// A name the population tables hold ("marlon", "elaine") is
			// read as the name before any misspelling look-up; listed as
			// ordinary it would lose that reading.
			continue
		}
		if _, ok := lx.fuzzyDrug([]byte(w)); ok {
			missing = append(missing, w)
		}
	}
	slices.Sort(missing)
	if *updateOrdinary && len(missing) > 0 {
		body, err := os.ReadFile(ordinaryWordsFile)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimRight(string(body), "\n"), "\n")
		var head, words []string
		for _, l := range lines {
			if strings.HasPrefix(l, "#") || l == "" {
				head = append(head, l)
			} else {
				words = append(words, l)
			}
		}
		words = append(words, missing...)
		slices.Sort(words)
		words = slices.Compact(words)
		out := strings.Join(append(head, words...), "\n") + "\n"
		if err := os.WriteFile(ordinaryWordsFile, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if len(missing) > 0 {
		t.Errorf("%d dictionary words would be read as a misspelt medication or condition (list them with go test -run TestOrdinaryWordsCoverTheDictionary -update-ordinary ./policy/, or add a true variant to clinicalVariants): %v",
			len(missing), missing[:min(len(missing), 20)])
	}
}
