package policy

// Numbers read out as a person says them on the telephone. Patients who
// dictate a voice note, or type the way they speak, give their number in
// the words they would say to the receptionist: "oh seven seven double
// oh, nine hundred, one two three", "seis cero cero, cuarenta y dos,
// diecisiete, ochenta y ocho", "zéro six, douze, trente-quatre,
// cinquante-six, soixante-dix-huit", "plus four four 7700 900 481". The
// words stand for digits: a pair or a triple of the same digit, a tens
// word with its unit, a teen, a hundred. spelledDigits reads them one
// unit at a time (spokenUnit) into the digits of the run.

// numberWords are the words, beyond the single digits, a number said
// aloud is made of (trigNumberWord): the pairs and triples, the teens,
// the tens, the hundreds and the "plus" of a country code.
var numberWords = []string{
	"double", "doble", "duplo", "triple", "triplo", "plus", "mas", "mais",
	"hundred", "cien", "ciento", "cem", "cento", "cent", "cents",
	"doscientos", "trescientos", "cuatrocientos", "quinientos", "seiscientos", "setecientos", "ochocientos", "novecientos",
	"duzentos", "trezentos", "quatrocentos", "quinhentos", "seiscentos", "setecentos", "oitocentos", "novecentos",
	"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
	"twenty", "thirty", "forty", "fourty", "fifty", "sixty", "seventy", "eighty", "ninety",
	"diez", "once", "doce", "trece", "catorce", "quince", "dieciseis", "diecisiete", "dieciocho", "diecinueve",
	"veinte", "veintiuno", "veintidos", "veintitres", "veinticuatro", "veinticinco", "veintiseis", "veintisiete",
	"veintiocho", "veintinueve", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa",
	"dez", "onze", "doze", "treze", "catorze", "quatorze", "quinze", "dezesseis", "dezasseis", "dezessete", "dezassete",
	"dezoito", "dezenove", "dezanove", "vinte", "trinta", "quarenta", "cinquenta", "sessenta", "oitenta",
	"dix", "douze", "seize", "vingt", "vingts", "trente", "quarante", "cinquante", "soixante", "septante", "huitante",
	"octante", "nonante",
}

// teenValue is the value of a word for ten to nineteen, or -1. French
// "dix-sept" is read by spokenUnit from "dix".
func teenValue(w []byte) int {
	switch string(w) {
	case "ten", "diez", "dez", "dix":
		return 10
	case "eleven", "once", "onze":
		return 11
	case "twelve", "doce", "doze", "douze":
		return 12
	case "thirteen", "trece", "treze", "treize":
		return 13
	case "fourteen", "catorce", "catorze", "quatorze":
		return 14
	case "fifteen", "quince", "quinze":
		return 15
	case "sixteen", "dieciseis", "dezesseis", "dezasseis", "seize":
		return 16
	case "seventeen", "diecisiete", "dezessete", "dezassete":
		return 17
	case "eighteen", "dieciocho", "dezoito":
		return 18
	case "nineteen", "diecinueve", "dezenove", "dezanove":
		return 19
	}
	return -1
}

// tensValue is the value of a tens word, or -1; the Spanish twenties are
// one word with their unit ("veintidós"), and say so in whole.
func tensValue(w []byte) (v int, whole bool) {
	switch string(w) {
	case "twenty", "veinte", "vinte", "vingt", "vingts":
		return 20, false
	case "thirty", "treinta", "trinta", "trente":
		return 30, false
	case "forty", "fourty", "cuarenta", "quarenta", "quarante":
		return 40, false
	case "fifty", "cincuenta", "cinquenta", "cinquante":
		return 50, false
	case "sixty", "sesenta", "sessenta", "soixante":
		return 60, false
	case "seventy", "setenta", "septante":
		return 70, false
	case "eighty", "ochenta", "oitenta", "huitante", "octante":
		return 80, false
	case "ninety", "noventa", "nonante":
		return 90, false
	case "veintiuno":
		return 21, true
	case "veintidos":
		return 22, true
	case "veintitres":
		return 23, true
	case "veinticuatro":
		return 24, true
	case "veinticinco":
		return 25, true
	case "veintiseis":
		return 26, true
	case "veintisiete":
		return 27, true
	case "veintiocho":
		return 28, true
	case "veintinueve":
		return 29, true
	}
	return -1, false
}

// hundredsValue is the value of a word that is a whole number of
// hundreds by itself ("quinientos", "cent"), or -1.
func hundredsValue(w []byte) int {
	switch string(w) {
	case "cien", "ciento", "cem", "cento", "cent":
		return 100
	case "doscientos", "duzentos":
		return 200
	case "trescientos", "trezentos":
		return 300
	case "cuatrocientos", "quatrocentos":
		return 400
	case "quinientos", "quinhentos":
		return 500
	case "seiscientos", "seiscentos":
		return 600
	case "setecientos", "setecentos":
		return 700
	case "ochocientos", "oitocentos":
		return 800
	case "novecientos", "novecentos":
		return 900
	}
	return -1
}

// unitAt reads a single digit said as a word at token k, one to nine
// ("zero" and "oh" are no unit of a tens word).
func (sc *scanner) unitAt(k int) int {
	if sc.kind(k) != tkWord {
		return -1
	}
	d := digitWord(sc.txt(k))
	if d <= 0 || sc.is(k, "o") {
		return -1
	}
	return d
}

// joinAfter steps over what joins a tens word to its unit at token k:
// a dash glued on both sides ("forty-two", "trente-quatre"), "y", "e" or
// "et" ("cuarenta y dos", "cinquenta e cinco", "soixante et onze",
// "vingt-et-un"), or nothing. It returns the token the unit may be.
func (sc *scanner) joinAfter(k int) int {
	n := k + 1
	if sc.isP(n, '-') && sc.attached(n) && sc.attached(n+1) {
		n++
	}
	if sc.is(n, "y") || sc.is(n, "e") || sc.is(n, "et") {
		n++
		if sc.isP(n, '-') && sc.attached(n) {
			n++
		}
	}
	return n
}

// tensAt reads a number from twenty to ninety-nine at token k: a tens
// word and its unit, the Spanish twenties, the French seventies and
// nineties ("soixante-dix-huit", "soixante et onze", "quatre-vingt-cinq",
// "quatre-vingt-dix-neuf"). It returns the value and its last token, or
// -1.
func (sc *scanner) tensAt(k int) (int, int) {
	w := sc.word(k)
	if sc.is(k, "quatre") {
		n := k + 1
		if sc.isP(n, '-') && sc.attached(n) {
			n++
		}
		if !sc.is(n, "vingt") && !sc.is(n, "vingts") {
			return -1, k
		}
		w, k = sc.word(n), n
	}
	v, whole := tensValue(w)
	if string(w) == "vingt" || string(w) == "vingts" {
		if sc.is(k-1, "quatre") || sc.is(k-2, "quatre") && sc.isP(k-1, '-') {
			v = 80
		}
	}
	if v < 0 {
		return -1, k
	}
	if whole {
		return v, k
	}
	n := sc.joinAfter(k)
	if v == 60 || v == 80 {
		// French counts the seventies and nineties on: "soixante-douze".
		if t, e := sc.teenAt(n); t >= 0 && (n == k+1 || n == k+2 && sc.isP(k+1, '-') || sc.is(n-1, "et") || sc.is(n-2, "et")) {
			return v + t, e
		}
	}
	if u := sc.unitAt(n); u > 0 {
		return v + u, n
	}
	return v, k
}

// teenAt reads ten to nineteen at token k, French "dix-sept", "dix-huit",
// "dix-neuf" included. It returns the value and its last token, or -1.
func (sc *scanner) teenAt(k int) (int, int) {
	t := teenValue(sc.word(k))
	if t < 0 {
		return -1, k
	}
	if t == 10 && sc.is(k, "dix") && sc.isP(k+1, '-') && sc.attached(k+1) && sc.attached(k+2) {
		if u := sc.unitAt(k + 2); u >= 7 {
			return 10 + u, k + 2
		}
	}
	return t, k
}

// belowHundredAt reads a number from one to ninety-nine said in words at
// token k, returning the value, its digits' count as said (a digit word
// is one digit) and its last token; -1 when none.
func (sc *scanner) belowHundredAt(k int) (v, n, last int) {
	if v, e := sc.tensAt(k); v >= 0 {
		return v, 2, e
	}
	if v, e := sc.teenAt(k); v >= 0 {
		return v, 2, e
	}
	if u := sc.unitAt(k); u > 0 {
		return u, 1, k
	}
	return -1, 0, k
}

// spokenUnit reads one piece of a number said aloud at token k and
// appends its digits to sc.digits: a pair or a triple ("double five",
// "triple oh", "doble cero"), a hundred ("nine hundred", "cent seize",
// "novecientos"), a tens word with its unit or a teen. It returns the last
// token read, or -1, and whether a pair or a triple was said.
func (sc *scanner) spokenUnit(k int) (last int, repeat bool) {
	w := sc.word(k)
	times := 0
	switch string(w) {
	case "double", "doble", "duplo":
		times = 2
	case "triple", "triplo":
		times = 3
	}
	if times > 0 {
		n := k + 1
		if sc.kind(n) == tkWord {
			if d := digitWord(sc.txt(n)); d >= 0 && !sc.is(n, "un") && !sc.is(n, "um") {
				for ; times > 0; times-- {
					sc.digits = append(sc.digits, byte('0'+d))
				}
				return n, true
			}
		}
		if v, ln := sc.num(n); ln == 1 && v >= 0 {
			for ; times > 0; times-- {
				sc.digits = append(sc.digits, byte('0'+v))
			}
			return n, true
		}
		return -1, false
	}
	// Hundreds: "nine hundred (and) twelve", "cent seize", "ciento dos".
	h, e := -1, k
	if d := sc.unitAt(k); d > 0 && (sc.is(k+1, "hundred") || sc.is(k+1, "cent") || sc.is(k+1, "cents")) {
		h, e = d*100, k+1
	} else if sc.is(k, "hundred") {
		h = 100
	} else if v := hundredsValue(w); v > 0 {
		h = v
	}
	if h > 0 {
		n := e + 1
		if sc.is(n, "and") || sc.is(n, "y") || sc.is(n, "e") {
			n++
		}
		if v, _, last := sc.belowHundredAt(n); v > 0 {
			h += v
			e = last
		}
		sc.digits = append(sc.digits, byte('0'+h/100), byte('0'+h/10%10), byte('0'+h%10))
		return e, false
	}
	if v, e := sc.tensAt(k); v >= 0 {
		sc.digits = append(sc.digits, byte('0'+v/10), byte('0'+v%10))
		return e, false
	}
	if v, e := sc.teenAt(k); v >= 0 {
		sc.digits = append(sc.digits, byte('0'+v/10), byte('0'+v%10))
		return e, false
	}
	return -1, false
}

// plusWord reports the word a country code is said after: "plus",
// Spanish "más", Portuguese and French "mais" are "+" read aloud.
func plusWord(w []byte) bool {
	switch string(w) {
	case "plus", "mas", "mais":
		return true
	}
	return false
}

// dashWord reports a separator said aloud inside a number: "seven seven
// oh, dash, three one".
func dashWord(w []byte) bool {
	switch string(w) {
	case "dash", "hyphen", "guion", "hifen", "tiret":
		return true
	}
	return false
}

// callWord reports a verb that asks to be telephoned: "ring …", "call me
// on …", "llámenme al …", "liga para …", "appelez-moi au …".
func callWord(w []byte) bool {
	switch string(w) {
	case "ring", "call", "phone", "text", "reach", "llamar", "llamame", "llameme", "llamenme", "marcar", "ligar", "liga",
		"ligue", "appelez", "appeler", "appelle", "rappelez", "rappeler", "joindre":
		return true
	}
	return false
}

// phoneNounNear reports a telephone or identifier word shortly before the
// number at [i, j] or just after it ("mi número es el …", "… c'est mon
// portable", "… is my UK mobile"), a verb asking for a call before it,
// or an identifier cue before it.
func (sc *scanner) phoneNounNear(i, j int) bool {
	for k := max(i-8, 0); k < i; k++ {
		if sc.toks[k].trig&trigIDNoun != 0 || k >= i-4 && callWord(sc.txt(k)) {
			return true
		}
	}
	for k := j + 1; k < len(sc.toks) && k <= j+5; k++ {
		if sc.toks[k].trig&trigIDNoun != 0 {
			return true
		}
	}
	return sc.cueBefore(i, cueID, 6) || sc.cueBefore(i, cueSSN, 6)
}
