package policy

import "bytes"

// Family names of many peoples are made with endings that no ordinary
// word of English or Spanish shares: Armenian "-yan" (Hakobyan), Romanian
// "-escu" and "-eanu" (Dumitrescu, Pruteanu), Georgian "-shvili" and
// "-dze" (Gelashvili, Beridze), Ukrainian "-enko" and "-chuk", Balkan
// "-ović" and "-ević", Polish "-wicz", "-owski" and "-inska", Greek
// "-opoulos", "-akis" and "-idis", Turkish "-oğlu", Lithuanian
// "-auskas", Icelandic "-dottir" and Scandinavian "-sson". The population
// tables cannot list every family so made; a word no list and no
// dictionary holds that ends so is read as a family name, which the name
// rules then judge by its place as they judge a listed one ("cosmin
// dumitrescu need to repeat the ecg?").

// familyEndings are the endings familyNameEnding knows, folded, by
// their last letter: a word is compared only with the endings its own
// last letter could close.
var familyEndings = func() (by [128][][]byte) {
	for _, e := range []string{"yan", "escu", "eanu", "shvili", "dze", "enko", "chuk", "czuk", "ovic", "evic", "ovich",
		"evich", "wicz", "owski", "ewski", "inski", "ynski", "owska", "ewska", "inska", "ynska", "opoulos", "opoulou",
		"akis", "idis", "iadis", "oglu", "auskas", "auskiene", "dottir", "sson", "ovsky", "evsky"} {
		by[e[len(e)-1]] = append(by[e[len(e)-1]], []byte(e))
	}
	return by
}()

// familyNameEnding reports a word of six letters or more, in ASCII
// letters, that ends as familyEndings say and that no dictionary holds.
func familyNameEnding(w []byte) bool {
	if len(w) < 6 || len(w) > 20 || w[len(w)-1] >= 128 {
		return false
	}
	for _, e := range familyEndings[w[len(w)-1]] {
		if bytes.HasSuffix(w, e) {
			for _, c := range w {
				if c < 'a' || c > 'z' {
					return false
				}
			}
			return !dictionaryWord(w)
		}
	}
	return false
}
