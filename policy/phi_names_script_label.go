package policy

import (
	"unicode"
	"unicode/utf8"
)

// scriptLabelNames finds a name written in another script after a label
// that says a name follows: "her name in chinese: 王秀英", "Имя: Иван
// Петров", "姓名: 王秀英", "my son's name 김민준". A patient copying a
// relative's name from a document writes it in its own script, after
// the word "name" (in any language) and, often, the script's language. A
// greeting or a thank-you in another script after a language word alone
// ("in chinese: 谢谢") stays: the label must say name.
func (sc *scanner) scriptLabelNames(r *nameRoles) {
	T := sc.toks
	for i := 1; i < len(T); i++ {
		if !r.has(sc, i, rHigh) || T[i].claimed || !sc.otherScriptWord(i) {
			continue
		}
		p := i - 1
		colon := sc.isP(p, ':')
		if colon {
			p--
		}
		if p < 0 || !sc.nameLabelBefore(p, colon) {
			continue
		}
		end := i
		for end+1 < len(T) && sc.otherScriptWord(end+1) && !sc.newlineBefore(end+1) {
			end++
		}
		if n := end + 1; n < len(T) && (sc.kind(n) != tkPunct || sc.isP(n, '?')) && !sc.newlineBefore(n) {
			continue // the run goes on into a sentence, or asks: not a name field
		}
		if end-i > 2 || !sc.nameSizedScript(i, end) {
			continue // a sentence in the other script, not a name
		}
		sc.addName(i, end, 0.75)
		i = end
	}
}

// nameLabelBefore reports that the words ending at token p say a name
// follows: a word for "name" in another script ("姓名", "Имя", "이름"),
// or "name" / "nombre" / "nom" within the four words before p with only
// a language, "in", "is" or a possessive between ("name in chinese:",
// "su nombre en árabe:", "my son's name").
func (sc *scanner) nameLabelBefore(p int, colon bool) bool {
	if scriptNameLabel(sc.n.orig[sc.n.origStart(int(sc.toks[p].s)):sc.n.origEnd(int(sc.toks[p].e))]) {
		return colon || sc.isP(p+1, ':')
	}
	if colon && sc.kind(p) == tkWord && !sc.otherScriptWord(p) && !scriptTextLabel(sc.word(p)) {
		// "for baba: Иван Петров", "booked for: 王秀英": in a message
		// written in Latin letters up to the label, a field whose value
		// is a few words of another script at the end of the message or
		// line holds a name, unless its label says a phrase follows.
		for k := 0; k < p; k++ {
			if sc.otherScriptWord(k) {
				return false
			}
		}
		return true
	}
	for k := p; k >= 0 && k >= p-4; k-- {
		w := sc.word(k)
		switch string(w) {
		case "name", "names", "nombre", "nombres", "nom", "nome":
			return true
		case "in", "en", "em", "is", "es", "written", "escrito", "spelled", "native", "original", "full", "completo", "his", "her", "their", "su", "sus":
			continue
		}
		if sc.kind(k) == tkPunct || !languageWord(w) && !bytesHasPossessive(w) {
			return false
		}
	}
	return false
}

// languageWord reports a language or script a name may be written in.
func languageWord(w []byte) bool {
	switch string(w) {
	case "chinese", "mandarin", "cantonese", "russian", "ukrainian", "arabic", "korean", "japanese", "hindi", "greek",
		"hebrew", "thai", "persian", "farsi", "urdu", "bengali", "bangla", "punjabi", "tamil", "telugu", "amharic",
		"armenian", "georgian", "nepali", "burmese", "khmer", "lao", "tigrinya", "pashto", "marathi", "gujarati",
		"cyrillic", "characters", "script", "chino", "ruso", "arabe", "coreano", "japones", "griego",
		// Languages a patient asks an interpreter for ("someone who speaks
		// Tagalog", "¿alguien que hable tagalo?").
		"tagalog", "tagalo", "filipino", "cebuano", "bisaya", "visayan", "ilocano", "ilokano", "hiligaynon", "ilonggo",
		"kapampangan", "waray", "vietnamese", "somali", "swahili", "haitian", "creole", "kreyol", "quechua",
		"nahuatl", "mixteco", "zapoteco", "hmong", "dari", "kurdish", "yoruba", "igbo", "hausa", "oromo",
		"polish", "romanian", "turkish", "indonesian", "malay", "portuguese", "italian", "dutch", "swedish",
		"vietnamita", "portugues", "frances", "aleman", "italiano":
		return true
	}
	return false
}

// scriptNameLabel reports the word for "name" or "surname" in another
// script, as forms and documents print it.
func scriptNameLabel(w string) bool {
	switch w {
	case "姓名", "名字", "名前", "氏名", "名称", "Имя", "имя", "ФИО", "Фамилия", "фамилия", "Ім'я", "ім'я", "Прізвище",
		"이름", "성명", "الاسم", "اسم", "नाम", "שם", "Όνομα", "όνομα", "Επώνυμο", "ชื่อ", "ስም", "Անուն", "სახელი", "نام":
		return true
	}
	return false
}

// scriptTextLabel reports a label after which text in another script is
// a phrase, not a name: "in chinese we say: 谢谢", "translation: …".
func scriptTextLabel(w []byte) bool {
	switch string(w) {
	case "say", "says", "said", "saying", "means", "meaning", "question", "questions", "ask", "asking", "asked", "pregunta", "translation", "translated", "word", "words", "phrase", "hello", "hi",
		"thanks", "greeting", "reply", "replied", "message", "text", "wrote", "writes", "written", "reads", "read", "sign", "signs",
		"menu", "label", "title", "song", "book", "app", "address", "direccion", "dice", "dijo", "significa", "chinese", "mandarin",
		"russian", "arabic", "korean", "japanese", "hindi", "greek", "hebrew", "thai", "ukrainian", "persian", "farsi", "urdu":
		return true
	}
	return false
}

// nameSizedScript reports that the other-script words i..end are the
// size of a name: a word in Han, Hangul or Kana characters holds at most
// four of them ("王秀英", "김민준", "欧阳娜娜"); a longer one is a phrase
// written without spaces ("我明天可以来吗").
func (sc *scanner) nameSizedScript(i, end int) bool {
	for k := i; k <= end; k++ {
		t := &sc.toks[k]
		w := sc.n.orig[sc.n.origStart(int(t.s)):sc.n.origEnd(int(t.e))]
		cjk := false
		for _, r := range w {
			if unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) {
				cjk = true
				break
			}
		}
		if cjk && utf8.RuneCountInString(w) > 4 {
			return false
		}
	}
	return true
}
