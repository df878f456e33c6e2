// Command wordlist builds policy/data/words.txt.gz: the ordinary English
// and Spanish words of the system dictionaries (wamerican, wspanish), in
// lower case with accents removed. The detector asks it one question: is
// a lower-case word that stands where a name would stand an ordinary word
// ("thanks again", "tell everyone") or not one at all ("thanks zorvath")?
// Capitalised dictionary entries are proper nouns and are left out, so a
// name never counts as a word because the dictionary spells it.
//
//	go run ./policy/internal/wordlist -out policy/data/words.txt.gz
//	go test -run TestDictionarySlotsMatchWordList ./policy/ -update-dictionary
//
// The second command rebuilds the look-up table the detector embeds
// (policy/data/words.slots) from the new list.
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"os"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

func main() {
	dicts := flag.String("dict", "/usr/share/dict/american-english,/usr/share/dict/spanish", "comma-separated dictionaries")
	out := flag.String("out", "policy/data/words.txt.gz", "output")
	flag.Parse()
	words := map[string]bool{}
	for _, d := range strings.Split(*dicts, ",") {
		eachLine(d, func(w string) {
			if w == "" || !unicode.IsLower([]rune(w)[0]) {
				return
			}
			w = fold(strings.TrimSuffix(w, "'s"))
			if !plain(w) {
				return
			}
			words[w] = true
			if strings.Contains(d, "spanish") {
				for _, f := range spanishForms(w) {
					words[f] = true
				}
			}
		})
	}
	for _, w := range strings.Fields(irregularES) {
		words[w] = true
	}
	keys := make([]string, 0, len(words))
	for k := range words {
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
		fmt.Fprintln(bw, k)
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
	log.Printf("%d words written to %s", len(keys), *out)
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

// plain keeps words of three or more ASCII letters: the detector's own
// lists hold the short function words.
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

// spanishForms gives the plural and feminine of a noun or adjective and
// the common forms of a regular verb: the Spanish dictionary lists the
// singular masculine and the infinitive only.
func spanishForms(w string) []string {
	out := []string{w + "s"}
	if !strings.ContainsAny(w[len(w)-1:], "aeiou") {
		out = append(out, w+"es")
	}
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
	}
	for _, e := range endings {
		out = append(out, stem+e)
	}
	return out
}

// The forms of a regular verb a patient or a clinic writes most: the
// present, the preterite, the imperfect, the future and the participles,
// in the persons a message uses ("llamará", "tomaba", "vinieron").
var (
	arEndings = strings.Fields("o a as an amos e en aste o aron aba aban ando ado ada ara aran are aria")
	erEndings = strings.Fields("o e es en emos imos a an i io ieron ia ian iendo ido ida era eran eria")
)

// irregularES are the forms of the commonest irregular Spanish verbs that
// the regular endings above do not make ("vienen", "tiene", "duele",
// "puede", "fue"), accents removed.
const irregularES = `
soy eres somos son fui fue fuimos fueron era eran sea sean
estoy estas esta estamos estan estuve estuvo estuvieron este esten
voy vas vamos van iba iban fuera vaya vayan
tengo tienes tiene tenemos tienen tuve tuvo tuvieron tenga tengan tendra tendria
vengo vienes viene venimos vienen vine vino vinieron venga vengan vendra
puedo puedes puede podemos pueden pude pudo pudieron pueda puedan podra podria
quiero quieres quiere queremos quieren quise quiso quisieron quiera
hago haces hace hacemos hacen hice hizo hicieron haga hagan hara haria
digo dices dice decimos dicen dije dijo dijeron diga digan dira
se sabes sabe sabemos saben supe supo supieron sepa sabra
pongo pone ponen puse puso pusieron ponga
salgo sale salen salio salieron salga
veo ves ve vemos ven vi vio vieron vea
doy das da damos dan di dio dieron de den
traigo trae traen traje trajo trajeron traiga
duele duelen dolio dolieron doliendo
vuelvo vuelve vuelven volvio volvieron vuelva
pido pide piden pidio pidieron pida
siento siente sienten sintio sintieron sienta
sigo sigue siguen siguio siguieron siga
duermo duerme duermen durmio durmieron
pienso piensa piensan
empiezo empieza empiezan empiece
entiendo entiende entienden
pierdo pierde pierden
encuentro encuentra encuentran
cuesta cuestan cuento cuenta cuentan
muevo mueve mueven
juego juega juegan
oigo oye oyen oyo
caigo cae caen cayo cayeron
conozco conoce conocen
llueve
`
