package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
)

// ClinicProfile is the clinic's outbound allow-list: what the clinic may
// say about itself over WhatsApp although the masker would flag it as an
// identifier. It is configuration (TRIAGED_CLINIC_PROFILE), not learned.
type ClinicProfile struct {
	ClinicNames []string `json:"clinic_names"`
	Addresses   []string `json:"addresses"`
	Phones      []string `json:"phones"`
	Web         []string `json:"web"`
	// StaffNames are display names staff sign with or are referred to
	// by ("Dr. Priya Patel", "Nurse Dana Whitfield").
	StaffNames []string `json:"staff_names"`
}

// ParseClinicProfile reads a profile from JSON, refusing unknown fields,
// empty entries, phone numbers without 7–15 digits and web addresses that
// are not host names, so a typo fails at start-up rather than letting PHI
// through or refusing every message.
func ParseClinicProfile(r io.Reader) (ClinicProfile, error) {
	var p ClinicProfile
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return ClinicProfile{}, fmt.Errorf("clinic profile: %w", err)
	}
	if dec.More() {
		return ClinicProfile{}, errors.New("clinic profile: more than one JSON value")
	}
	for field, list := range map[string][]string{"clinic_names": p.ClinicNames, "addresses": p.Addresses,
		"phones": p.Phones, "web": p.Web, "staff_names": p.StaffNames} {
		for i, v := range list {
			if strings.TrimSpace(v) == "" {
				return ClinicProfile{}, fmt.Errorf("clinic profile: %s[%d] is empty", field, i)
			}
		}
	}
	for i, ph := range p.Phones {
		if n := len(digitsOf(ph)); n < 7 || n > 15 {
			return ClinicProfile{}, fmt.Errorf("clinic profile: phones[%d] %q has %d digits, want 7 to 15", i, ph, n)
		}
	}
	for i, w := range p.Web {
		if webHost(w) == "" || !strings.Contains(webHost(w), ".") {
			return ClinicProfile{}, fmt.Errorf("clinic profile: web[%d] %q is not a web address", i, w)
		}
	}
	return p, nil
}

// ReadClinicProfile reads a profile file.
func ReadClinicProfile(path string) (ClinicProfile, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return ClinicProfile{}, err
	}
	return ParseClinicProfile(bytes.NewReader(raw))
}

func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// webHost reduces "https://www.Clinic.example/path" to "clinic.example".
func webHost(w string) string {
	w = strings.TrimSpace(strings.ToLower(w))
	if !strings.Contains(w, "://") {
		w = "http://" + w
	}
	u, err := url.Parse(w)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// foldWords is the comparison form of a phrase: folded, letters and
// digits only, split into words; titles dropped so "Dr. Patel" and
// "Patel" compare by the name.
func foldWords(s string) []string {
	f := strings.FieldsFunc(Normalize(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 0x80)
	})
	out := f[:0]
	for _, w := range f {
		if !staffTitle(w) {
			out = append(out, w)
		}
	}
	return out
}

func staffTitle(w string) bool {
	switch w {
	case "dr", "dra", "doctor", "doctora", "nurse", "enfermera", "enfermero", "np", "pa", "rn", "md", "lic", "mr", "mrs", "ms", "sr", "sra", "srta":
		return true
	}
	return false
}

// within reports whether needle occurs as consecutive words of hay.
func within(needle, hay []string) bool {
	if len(needle) == 0 || len(needle) > len(hay) {
		return false
	}
outer:
	for i := 0; i+len(needle) <= len(hay); i++ {
		for j := range needle {
			if hay[i+j] != needle[j] {
				continue outer
			}
		}
		return true
	}
	return false
}

// allowed reports whether span s of text is the clinic speaking of itself.
func (p ClinicProfile) allowed(text string, s Span) bool {
	frag := text[s.Start:s.End]
	switch s.Type {
	case SpanPhone, SpanFax:
		d := digitsOf(frag)
		for _, ph := range p.Phones {
			c := digitsOf(ph)
			if len(d) >= 7 && (strings.HasSuffix(c, d) || strings.HasSuffix(d, c)) {
				return true
			}
		}
	case SpanURL, SpanEmail:
		h := webHost(frag)
		if s.Type == SpanEmail {
			if at := strings.LastIndexByte(frag, '@'); at >= 0 {
				h = webHost(frag[at+1:])
			}
		}
		for _, w := range p.Web {
			if c := webHost(w); h != "" && (h == c || strings.HasSuffix(h, "."+c)) {
				return true
			}
		}
	case SpanAddress, SpanZIP:
		words := foldWords(frag)
		for _, a := range p.Addresses {
			if within(words, foldWords(a)) {
				return true
			}
		}
	case SpanName:
		words := foldWords(frag)
		for _, c := range p.ClinicNames {
			if within(words, foldWords(c)) {
				return true
			}
		}
		titled := precededByTitle(text, s.Start)
		for _, st := range p.StaffNames {
			sw := foldWords(st)
			// The whole display name, or part of it after a title
			// ("Dr. Patel", "Nurse Dana").
			if len(words) > 0 && (len(words) == len(sw) && within(words, sw) || titled && within(words, sw)) {
				return true
			}
		}
	}
	return false
}

// precededByTitle reports "Dr. " or "Nurse " right before offset i.
func precededByTitle(text string, i int) bool {
	a := max(0, i-24)
	for a > 0 && a < i && text[a]&0xC0 == 0x80 {
		a++ // start on a rune boundary
	}
	raw := strings.FieldsFunc(Normalize(text[a:i]), func(r rune) bool {
		return !(r >= 'a' && r <= 'z')
	})
	return len(raw) > 0 && staffTitle(raw[len(raw)-1])
}

// safetyAdvice reports whether the sentence around [s, e) is generic
// emergency advice ("If you have chest pain, call 911 now"): a condition
// and an emergency action, and nothing about this patient's results.
func safetyAdvice(text string, s, e int) bool {
	a, b := sentenceAround(text, s, e)
	words := foldWords(text[a:b])
	cond, action := false, false
	for i, w := range words {
		switch w {
		case "if", "si", "when", "cuando", "whenever", "case", "caso":
			cond = true
		case "911", "988", "emergency", "emergencias", "emergencia", "urgencias", "er":
			action = true
		case "poison":
			action = action || (i+1 < len(words) && words[i+1] == "control")
		case "your", "su", "sus", "tu", "tus":
			if i+1 < len(words) && resultNoun(words[i+1]) {
				return false
			}
		}
		if diagnosisWord(w) {
			return false
		}
	}
	return cond && action
}

// sentenceAround widens [s, e) to its sentence: up to . ! ? ; or a line
// break (an abbreviation's dot ends nothing important here: advice is a
// short clause).
func sentenceAround(text string, s, e int) (int, int) {
	a := s
	for a > 0 && !strings.ContainsRune(".!?;\n", rune(text[a-1])) {
		a--
	}
	b := e
	for b < len(text) && !strings.ContainsRune(".!?;\n", rune(text[b])) {
		b++
	}
	return a, b
}

func resultNoun(w string) bool {
	switch w {
	case "result", "results", "test", "tests", "tested", "testing", "lab", "labs", "labwork", "bloodwork",
		"biopsy", "scan", "scans", "xray", "mri", "culture", "screening", "report", "pathology", "mammogram",
		"ultrasound", "panel", "levels", "level", "resultado", "resultados", "analisis", "prueba", "pruebas",
		"examen", "examenes", "estudio", "estudios", "biopsia", "cultivo":
		return true
	}
	return false
}

func diagnosisWord(w string) bool {
	return strings.HasPrefix(w, "diagnos") || strings.HasPrefix(w, "diagnostic")
}

// verdictWord reports a word that says how a result turned out, beyond
// the lexicon's result values.
func verdictWord(w string) bool {
	switch w {
	case "good", "ok", "okay", "great", "perfect", "unremarkable", "concerning", "worrying", "bien", "mal",
		"buenos", "buenas", "buenisimos", "showed", "shows", "found", "detected", "confirmed", "confirmo",
		"mostro", "improved", "worse", "better", "mejor", "peor", "stable", "estable":
		return true
	}
	return false
}

// OutboundScreen is the PHI verdict on text staff want to send a patient.
type OutboundScreen struct {
	// Detection is everything the masker found, allowed or not.
	Detection Detection
	// Blocking are the spans the clinic allow-list and generic safety
	// advice do not account for.
	Blocking []Span
	// Disclosure names clinical specifics told without a flagged term:
	// "results" ("your results are normal"), "diagnosis" or "medication"
	// ("take 2 tablets"). Empty when there are none.
	Disclosure string
}

// Refused reports whether the text must not go over WhatsApp.
func (o OutboundScreen) Refused() bool { return len(o.Blocking) > 0 || o.Disclosure != "" }

// Types lists what the refusal is about, for the sender and the audit.
func (o OutboundScreen) Types() []string {
	var out []string
	seen := map[SpanType]bool{}
	for _, s := range o.Blocking {
		if !seen[s.Type] {
			seen[s.Type] = true
			out = append(out, string(s.Type))
		}
	}
	if o.Disclosure != "" && len(out) == 0 {
		out = append(out, "CLINICAL")
	}
	return out
}

// ScreenOutbound decides what in staff free text may not reach the
// patient over WhatsApp. It is strict about the patient: any identifier
// and any clinical specific about them (results, diagnoses, medications,
// doses), even with no identifier and even spelled to dodge a filter. It
// is lenient about the clinic: its own names, address, numbers, web
// addresses and staff names from the allow-list, and generic safety
// advice ("if you have chest pain, call 911 now"), go as written.
func ScreenOutbound(text string, clinic ClinicProfile) OutboundScreen {
	sc := scanPool.Get().(*scanner)
	defer scanPool.Put(sc)
	sc.run(text)
	det := sc.detection(text)
	out := OutboundScreen{Detection: det, Disclosure: sc.disclosure()}
	for _, s := range det.Spans {
		if clinic.allowed(text, s) {
			continue
		}
		if (s.Type == SpanSymptom || s.Type == SpanCondition) && safetyAdvice(text, s.Start, s.End) {
			continue
		}
		out.Blocking = append(out.Blocking, s)
	}
	return out
}

// disclosure finds clinical specifics told to the patient without a
// lexicon term: a result with its verdict ("your results are normal",
// "you tested p0sitive", "resultados normales"), a diagnosis, or a dose.
func (sc *scanner) disclosure() string {
	T := sc.toks
	plain := func(k int) string { // the word with digits for letters undone ("r3sults")
		w := sc.word(k)
		if k < 0 || k >= len(T) || T[k].kind != tkAlnum {
			return string(w)
		}
		b := make([]byte, len(w))
		for j, c := range w {
			b[j] = leet(c)
		}
		return string(b)
	}
	end := func(k int) bool {
		return sc.isP(k, '.') && !sc.attached(k+1) || sc.isP(k, '!') || sc.isP(k, '?') || sc.isP(k, ';')
	}
	verdict := func(k int) bool {
		if k < 0 || k >= len(T) || T[k].kind == tkPunct {
			return false
		}
		w := plain(k)
		if T[k].flags&fResultValue == 0 && !verdictWord(w) {
			return false
		}
		// "have a good day", "buen fin de semana": pleasantries.
		switch string(sc.word(k + 1)) {
		case "day", "weekend", "night", "morning", "afternoon", "evening", "one", "time", "dia", "tarde", "fin", "noche":
			return false
		}
		return !(sc.is(k-1, "a") || sc.is(k-1, "un") || sc.is(k-1, "una")) || T[k].flags&fResultValue != 0
	}
	var you, dx bool
	for i := range T {
		w := plain(i)
		// A verdict that can only be about a test: "it's positive",
		// "came back benign", "everything looks normal".
		switch w {
		case "positive", "negative", "benign", "malignant", "abnormal", "elevated", "detectable", "undetectable",
			"reactive", "nonreactive", "positivo", "positiva", "negativo", "negativa", "anormal", "maligno", "benigno":
			if verdict(i) {
				return "results"
			}
		case "everything", "all", "todo", "nothing", "nada":
			for k := i + 1; k < len(T) && k <= i+4 && !end(k); k++ {
				if verdict(k) || verdictWord(plain(k)) {
					return "results"
				}
			}
		}
		switch w {
		case "you", "your", "you're", "youre", "usted", "su", "sus", "tu", "tus", "le", "te":
			you = true
		}
		if diagnosisWord(w) {
			dx = true
		}
		if resultNoun(w) || measureNoun(w) || T[i].ent.clin == SpanLab {
			for k := i + 1; k < len(T) && k <= i+7 && !end(k); k++ {
				if verdict(k) {
					return "results"
				}
			}
			for k := i - 1; k >= 0 && k >= i-2 && !end(k); k-- {
				if verdict(k) && T[k].flags&fResultValue != 0 {
					return "results"
				}
			}
		}
		if measureNoun(w) {
			// "your blood pressure is 150/95", "tu azúcar está en 240".
			for k := i + 1; k < len(T) && k <= i+4 && !end(k); k++ {
				if T[k].kind == tkNum && !sc.clockTime(k) {
					return "results"
				}
			}
		}
		if T[i].kind == tkNum && i+1 < len(T) && doseUnit(string(sc.word(i+1))) {
			return "medication" // "take 2 tablets"
		}
		if raw := string(sc.word(i)); T[i].kind == tkAlnum && isDigit(raw[0]) {
			d := 0
			for d < len(raw) && isDigit(raw[d]) {
				d++
			}
			if doseUnit(raw[d:]) {
				return "medication" // "500mg"
			}
		}
		switch w {
		case "increase", "decrease", "double", "lower", "raise", "adjust", "reduce", "stop", "start", "continue",
			"switch", "change", "aumentar", "aumente", "bajar", "baje", "suspender", "suspenda", "dejar", "deje", "duplicar":
			for k := i + 1; k < len(T) && k <= i+5 && !end(k); k++ {
				switch string(sc.word(k)) {
				case "dose", "dosage", "medication", "medications", "medicine", "meds", "prescription", "pills",
					"insulin", "dosis", "medicamento", "medicina", "pastillas", "receta", "tratamiento", "treatment":
					return "medication"
				}
			}
		}
	}
	if dx && you {
		return "diagnosis"
	}
	return ""
}

// measureNoun reports a vital sign or measurement whose value about the
// patient is a result.
func measureNoun(w string) bool {
	switch w {
	case "pressure", "bp", "temperature", "temp", "pulse", "oxygen", "sugar", "glucose", "weight", "bmi",
		"cholesterol", "a1c", "presion", "azucar", "glucosa", "peso", "colesterol", "oxigeno", "saturation":
		return true
	}
	return false
}

// doseUnit reports a unit a dose is counted in.
func doseUnit(w string) bool {
	switch w {
	case "mg", "mcg", "ug", "ml", "cc", "iu", "tab", "tabs", "tablet", "tablets", "pill", "pills", "cap", "caps",
		"capsule", "capsules", "puff", "puffs", "drop", "drops", "pastilla", "pastillas", "tableta", "tabletas",
		"capsula", "capsulas", "gotas", "dosis":
		return true
	}
	return false
}
