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
	"sync"
	"unicode"
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

// emailHost is the host of an e-mail address as staff may write it: plain
// ("desk@riverbend.example"), bracketed or said in words ("desk (at)
// riverbend (dot) example", "desk at riverbend dot example",
// "desk@riverbend[dot]example"), so the clinic's own address is known in
// every spelling the masker reads as one.
func emailHost(frag string) string {
	f := strings.ToLower(frag)
	if at := strings.LastIndexByte(f, '@'); at >= 0 && !strings.ContainsAny(f[at+1:], " ()[]{}<>") {
		return webHost(f[at+1:])
	}
	words := strings.FieldsFunc(f, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '@' || r == '.')
	})
	start := -1
	for i, w := range words {
		switch {
		case w == "at" || w == "arroba" || w == "arobase" || w == "@":
			start = i + 1
		case strings.Contains(w, "@"):
			words[i] = w[strings.LastIndexByte(w, '@')+1:]
			start = i
		}
	}
	if start < 0 || start >= len(words) {
		return ""
	}
	var host []string
	for _, w := range words[start:] {
		switch w {
		case "dot", "punto", "point", "ponto", "punkt":
			continue
		}
		if w = strings.Trim(w, ".-"); w != "" {
			host = append(host, w)
		}
	}
	return webHost(strings.Join(host, "."))
}

// profileWords and profileAddress are foldWords and addressWords of a
// profile entry, computed once per entry: the guard compares every span
// with every entry, and the entries are few and fixed.
var profileFolds, profileAddrs sync.Map

func profileWords(s string) []string {
	if v, ok := profileFolds.Load(s); ok {
		return v.([]string)
	}
	w := foldWords(s)
	profileFolds.Store(s, w)
	return w
}

func profileAddress(s string) []string {
	if v, ok := profileAddrs.Load(s); ok {
		return v.([]string)
	}
	w := addressWords(s)
	profileAddrs.Store(s, w)
	return w
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

// within reports whether needle occurs as consecutive words of hay,
// each word the same or, from five letters, one typing slip away
// ("Pattel" for "Patel", "Shorline" for "Shoreline"): staff type the
// clinic's words fast, and a slip in its own name is no patient's PHI.
func within(needle, hay []string) bool {
	if len(needle) == 0 || len(needle) > len(hay) {
		return false
	}
outer:
	for i := 0; i+len(needle) <= len(hay); i++ {
		for j := range needle {
			if !sameWord(needle[j], hay[i+j]) {
				continue outer
			}
		}
		return true
	}
	return false
}

// sameWord reports w equal to the profile's word p, or one slip from it
// when p is a word of five letters or more and the first letters agree.
func sameWord(w, p string) bool {
	if w == p {
		return true
	}
	if len(p) < 5 || len(w) < 4 || w[0] != p[0] || len(w) > len(p)+1 || len(w) < len(p)-1 {
		return false
	}
	// Numbers must match exactly: a ZIP or street number one digit off
	// is somewhere else, maybe the patient's home.
	if strings.ContainsAny(p, "0123456789") || strings.ContainsAny(w, "0123456789") {
		return false
	}
	return editWithin([]byte(w), p, 1)
}

// allowed reports whether span s of text is the clinic speaking of itself.
func (p ClinicProfile) allowed(text string, s Span) bool {
	frag := text[s.Start:s.End]
	switch s.Type {
	case SpanPhone, SpanFax:
		d := digitsOf(frag)
		if publicNumber(d) {
			return true
		}
		for _, ph := range p.Phones {
			c := digitsOf(ph)
			if len(d) >= 7 && (strings.HasSuffix(c, d) || strings.HasSuffix(d, c)) {
				return true
			}
		}
	case SpanURL, SpanEmail:
		h := webHost(frag)
		if s.Type == SpanEmail {
			h = emailHost(frag)
		}
		for _, w := range p.Web {
			if c := webHost(w); h != "" && (h == c || strings.HasSuffix(h, "."+c)) {
				return true
			}
		}
	case SpanAddress, SpanZIP:
		words := addressWords(frag)
		for _, a := range p.Addresses {
			aw := profileAddress(a)
			// The clinic's address or part of it, or its street
			// (number and name) followed by a floor or suite the
			// profile does not spell out.
			if within(words, aw) || len(aw) >= 3 && len(words) >= 3 && within(aw[:3], words[:3]) {
				return true
			}
			// Its parts in another order ("Unit 5, 77 Orchard St"): the
			// street (number and name) is there and nothing else is.
			if len(aw) >= 3 && within(aw[:3], words) && allIn(words, aw) {
				return true
			}
		}
	case SpanID, SpanAccount, SpanMRN, SpanMemberID:
		// The clinic's number read as a code ("call 7735550110").
		d := digitsOf(frag)
		for _, ph := range p.Phones {
			if c := digitsOf(ph); len(d) >= 10 && (d == c || d == "1"+c || c == "1"+d) {
				return true
			}
		}
	case SpanName:
		// A Spanish object pronoun after a name ("Grace Kim le
		// llamará") is read as a name by the masker; written in lower
		// case it is the pronoun.
		switch frag {
		case "le", "les", "lo", "los", "la", "las", "se", "me", "te", "nos":
			return true
		}
		words := foldWords(frag)
		// A street or town of the clinic's address read as a person
		// ("on Kedzie", "in Evanston"); only after a word of place, as
		// "Madison, your appointment…" is a patient named Madison.
		for _, a := range p.Addresses {
			if within(words, profileAddress(a)) && afterPlaceWord(text, s.Start) {
				return true
			}
		}
		for _, svc := range publicServices {
			if within(words, svc) {
				return true
			}
		}
		for _, c := range p.ClinicNames {
			// Part of the name, or two or more of its words in order
			// ("Harbor Lights Health" for "Harbor Lights Community
			// Health").
			if cw := profileWords(c); within(words, cw) || len(words) >= 2 && inOrder(words, cw) {
				return true
			}
		}
		titled, initials := precededByTitle(text, s.Start)
		titled = titled || titledAfter(text, s)
		// A staff member is named as staff: after a title ("Dr. Patel",
		// "our nurse Kim", "Dr. A. Patel") or before their role ("Patel
		// from the front desk", "Grace from nursing").
		staffed := titled || followedByRole(text, s.End)
		words = dropInitials(words, &initials)
		// "Anjali P.": the masker's span stops before the initial.
		after := initialAfter(text, s.End)
		for _, st := range p.StaffNames {
			sw := profileWords(st)
			if len(words) == 0 {
				continue
			}
			// The whole display name, or part of it said as staff.
			if len(words) == len(sw) && within(words, sw) && initials == "" {
				return true
			}
			// The whole name with the family name cut to its initial:
			// "Lucía F." for "Lucía Fernández".
			if tail := initials + after; len(words)+len(tail) == len(sw) && len(tail) > 0 && within(words, sw[:len(words)]) && initialsOf(tail, sw[len(words):]) {
				return true
			}
			if staffed && partOfName(words, initials, sw) {
				return true
			}
			// A profile that lists the surname only ("Dr. Okafor"), and
			// the text adds the given name after the title ("Dr. Marcus
			// Okafor").
			if titled && len(sw) == 1 && len(words) == 2 && sameWord(words[1], sw[0]) {
				return true
			}
		}
	}
	return false
}

// afterPlaceWord reports "on", "in", "at", "near", "en" right before
// offset i.
func afterPlaceWord(text string, i int) bool {
	a := max(0, i-8)
	for a > 0 && a < i && text[a]&0xC0 == 0x80 {
		a++
	}
	w := foldWords(text[a:i])
	if len(w) == 0 {
		return false
	}
	switch w[len(w)-1] {
	case "on", "in", "at", "near", "off", "en", "cerca":
		return true
	}
	return false
}

// publicNumber reports a national emergency or crisis line any clinic
// may give: Poison Control, the 988 Suicide & Crisis Lifeline (and its
// old number), the domestic-violence hotline, the Crisis Text Line.
func publicNumber(d string) bool {
	switch strings.TrimPrefix(d, "1") {
	case "8002221222", "8002738255", "8007997233", "741741", "988", "911":
		return true
	}
	return false
}

// publicServices are the names those lines go by, which the masker may
// take for a person ("Poison Control").
var publicServices = [][]string{{"poison", "control"}, {"crisis", "text", "line"}, {"lifeline"}, {"linea", "de", "crisis"}}

// initialAfter returns the letter of an initial right after offset i
// (" P." in "Anjali P. will call"), or "".
func initialAfter(text string, i int) string {
	j := i
	for j < len(text) && text[j] == ' ' {
		j++
	}
	if j+1 < len(text) && text[j+1] == '.' && (text[j] >= 'A' && text[j] <= 'Z' || text[j] >= 'a' && text[j] <= 'z') &&
		(j+2 == len(text) || !(text[j+2] >= 'a' && text[j+2] <= 'z')) {
		return strings.ToLower(text[j : j+1])
	}
	return ""
}

// allIn reports whether every word of words is one of set's.
func allIn(words, set []string) bool {
	for _, w := range words {
		found := false
		for _, x := range set {
			if w == x {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// inOrder reports whether every word of words occurs in hay in order,
// each one at most once.
func inOrder(words, hay []string) bool {
	j := 0
	for _, h := range hay {
		if j < len(words) && sameWord(words[j], h) {
			j++
		}
	}
	return j == len(words)
}

// initialsOf reports whether initials are the first letters of words.
func initialsOf(initials string, words []string) bool {
	if len(initials) != len(words) {
		return false
	}
	for i, w := range words {
		if w[0] != initials[i] {
			return false
		}
	}
	return true
}

// dropInitials moves single letters ("A" of "A. Patel") from words to
// initials, so an initial is checked against the given name, not
// compared as a word.
func dropInitials(words []string, initials *string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if len(w) == 1 && w[0] >= 'a' && w[0] <= 'z' {
			*initials += w
			continue
		}
		out = append(out, w)
	}
	return out
}

// partOfName reports whether words are consecutive words of the staff
// name sw and each initial starts one of sw's words before them ("A."
// for "Anjali" in "Dr. A. Patel"; "Dr. B. Patel" is somebody else).
func partOfName(words []string, initials string, sw []string) bool {
	for i := 0; i+len(words) <= len(sw); i++ {
		match := true
		for j := range words {
			if !sameWord(words[j], sw[i+j]) {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		for _, c := range []byte(initials) {
			found := false
			for _, w := range sw[:i] {
				if w[0] == c {
					found = true
				}
			}
			if !found {
				return false
			}
		}
		return true
	}
	return false
}

// precededByTitle reports "Dr. " or "Nurse " right before offset i,
// allowing initials between ("Dr. A. Patel"), which it returns.
func precededByTitle(text string, i int) (bool, string) {
	a := max(0, i-32)
	for a > 0 && a < i && text[a]&0xC0 == 0x80 {
		a++ // start on a rune boundary
	}
	raw := strings.FieldsFunc(Normalize(text[a:i]), func(r rune) bool {
		return !(r >= 'a' && r <= 'z')
	})
	initials := ""
	for len(raw) > 0 && len(raw[len(raw)-1]) == 1 && len(initials) < 2 {
		initials = raw[len(raw)-1] + initials
		raw = raw[:len(raw)-1]
	}
	if len(raw) > 0 && staffTitle(raw[len(raw)-1]) {
		return true, initials
	}
	return false, ""
}

// followedByRole reports a role right after offset i: "from the front
// desk", "at the front desk", "from nursing", "de recepción".
func followedByRole(text string, i int) bool {
	b := min(len(text), i+40)
	for b < len(text) && b > i && text[b]&0xC0 == 0x80 {
		b++
	}
	// Raw words: the titles foldWords drops are roles here ("Marcus,
	// your nurse").
	seg := Normalize(text[i:b])
	w := strings.FieldsFunc(seg, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 0x80)
	})
	if len(w) < 2 {
		return false
	}
	switch w[0] {
	case "from", "at", "in", "de", "en", "of":
	case "our", "the", "la", "el", "nuestra", "nuestro":
		// "Sam, the receptionist, will call", "Lucía, la
		// recepcionista.": the role in apposition, closed by a comma or
		// the sentence's end; "Sam, our nurse will call you" speaks to
		// a patient named Sam. "your" is never apposition enough.
		if !staffRole(w[1]) {
			return false
		}
		k := strings.Index(seg, w[1]) + len(w[1])
		rest := strings.TrimLeft(seg[k:], " ")
		return rest == "" || strings.ContainsRune(",.;!?", rune(rest[0]))
	default:
		return false
	}
	for _, x := range w[1:min(len(w), 4)] {
		if staffRole(x) {
			return true
		}
		switch x {
		case "the", "our", "la", "el", "nuestra", "nuestro":
			continue
		}
		return false
	}
	return false
}

// staffRole reports a word naming a clinic role or desk.
func staffRole(w string) bool {
	switch w {
	case "front", "desk", "nursing", "reception", "recepcion", "enfermeria", "billing", "scheduling", "citas",
		"office", "oficina", "pharmacy", "farmacia", "clinic", "clinica", "team", "equipo", "staff", "personal",
		"nurse", "doctor", "doctora", "enfermera", "enfermero", "receptionist", "recepcionista", "coordinator",
		"coordinadora", "coordinador", "manager", "pharmacist", "farmaceutico", "farmaceutica", "provider", "physician",
		"medico", "medica", "therapist", "terapeuta", "navigator", "navegadora", "navegador", "social", "care":
		return true
	}
	return false
}

// safetyAdvice reports whether the sentence around [s, e) is generic
// emergency advice ("If you have chest pain, call 911 now"): a condition
// and an emergency action, and nothing about this patient's results.
func safetyAdvice(text string, s, e int) bool {
	a, b := sentenceAround(text, s, e)
	words := foldWords(text[a:b])
	own := len(words) // the span's own sentence, before the next one
	// "Chest pain? Call 911.": the action may be the next sentence.
	if b < len(text) {
		_, b2 := sentenceAround(text, b+1, b+1)
		words = append(words, foldWords(text[b+1:b2])...)
	}
	cond, personal, emergency, action, conditional := false, false, false, false, false
	for i, w := range words {
		switch w {
		case "if", "si", "when", "cuando", "whenever", "case", "caso":
			cond, conditional = true, true
		case "anyone", "anybody", "someone", "everyone",
			"whoever", "people", "alguien", "quien", "quienes", "cualquier", "cualquiera", "personas", "for", "con", "ante",
			"signs", "sign", "signos", "senales", "symptoms", "sintomas", "warning":
			cond = true
		case "911", "988", "emergency", "emergencias", "emergencia", "urgencias", "er":
			emergency = true
		case "9":
			// "9-1-1", "9 1 1"
			emergency = emergency || i+2 < len(words) && words[i+1] == "1" && words[i+2] == "1"
		case "call", "llame", "llamenos", "stay", "quedese", "reschedule", "seek", "busque", "acuda", "go", "vaya":
			// Advice that sends anyone with the symptom somewhere: "stay
			// home if you have a fever and call us to reschedule".
			action = true
		case "poison":
			emergency = emergency || (i+1 < len(words) && words[i+1] == "control")
		case "you", "your", "usted", "su", "sus", "tu", "tus", "he", "she", "his", "her", "el", "ella":
			personal = true
			if i+1 < len(words) && resultNoun(words[i+1]) {
				return false
			}
		}
		if diagnosisWord(w) || careWord(w) {
			return false
		}
	}
	// "For your diabetes, call us": the patient's own condition, unless
	// the sentence is a real condition ("if your child has a fever").
	if !conditional {
		for _, w := range words[:own] {
			switch w {
			case "your", "su", "sus", "tu", "tus", "his", "her", "their":
				return false
			}
		}
	}
	// Conditional advice may send people anywhere; a bare symptom is
	// advice only when it sends them to emergency care and does not
	// speak of the patient ("Chest pain? Call 911.").
	return cond && (action || emergency) || !personal && emergency
}

// publicHealth reports whether the sentence around span sp is the clinic
// announcing a service or public-health advice ("flu shots are available
// for everyone", "free HIV testing every Wednesday", "diabetes education
// classes start next month", "the imaging center is on floor 2"). The
// message goes to one patient, so nothing may tie it to them: no you,
// your, usted, su, no third person, no appointment or day of theirs
// ("tomorrow", "called", "scheduled"), no finding. A condition or symptom
// needs an audience or an offer (everyone, free, available, classes,
// season); where a service is (floor, building, hours) is enough only for
// a test or imaging, as "the HIV clinic is on floor 3" tells this
// patient where their care is.
func publicHealth(text string, sp Span) bool {
	a, b := sentenceAround(text, sp.Start, sp.End)
	words := foldWords(text[a:b])
	audience, place := false, false
	for i, w := range words {
		switch w {
		case "you", "your", "youre", "yours", "yourself", "u", "ur", "usted", "ustedes", "su", "sus", "tu", "tus", "te", "le",
			"he", "she", "him", "his", "her", "hers", "ella", "i", "me", "my", "mi", "mis",
			"found", "shows", "showed", "confirmed", "diagnosed", "diagnosis", "tested", "positive", "negative",
			"muestra", "mostro", "confirmo", "diagnostico", "diagnosticaron", "positivo", "positiva", "negativo", "negativa",
			"tomorrow", "today", "tonight", "manana", "hoy", "called", "calling", "will", "scheduled", "booked", "reminder",
			"confirmation", "llamo", "llamara", "programada", "programado", "agendada", "recordatorio", "confirmada", "confirmado":
			return false
		case "appointment", "appt", "visit", "followup", "follow", "referral", "cita", "consulta", "referido":
			// "no appointment needed", "sin cita": an invitation, not a
			// booking.
			if i == 0 || !(words[i-1] == "no" || words[i-1] == "sin" || words[i-1] == "without") {
				return false
			}
		case "available", "free", "offer", "offers", "offering", "classes", "class", "education", "everyone", "everybody",
			"anyone", "season", "vaccine", "vaccines", "vaccination", "shot", "shots", "booster", "boosters", "screenings",
			"event", "events", "fair", "campaign", "program", "group", "walkin", "walkins", "prevention", "awareness", "community",
			"public", "welcome", "disponible", "disponibles", "gratis", "gratuita", "gratuitas", "gratuito", "gratuitos",
			"ofrecemos", "ofrece", "clases", "clase", "educacion", "todos", "todas", "temporada", "vacuna", "vacunas",
			"vacunacion", "campana", "feria", "programa", "grupo", "prevencion", "comunidad", "bienvenidos":
			audience = true
		case "floor", "building", "suite", "located", "entrance", "open", "opens", "closes", "closed", "hours", "window",
			"desk", "room", "department", "center", "piso", "edificio", "entrada", "abre", "abierto", "cierra", "cerrado",
			"horario", "sala", "centro", "departamento", "cerrados", "cerrada", "cerradas", "abiertos", "holiday", "holidays", "feriado", "festivo", "closure", "cierre":
			place = true
		}
	}
	// A date beside where or when the clinic is open is the clinic's
	// calendar ("we are closed on December 25"); nothing in the sentence
	// is the patient's.
	return audience || place && (sp.Type == SpanLab || sp.Type == SpanDate)
}

// healthEducation reports whether the sentence around span sp teaches
// anyone how to stay well rather than telling this patient about
// themselves: prevention of a named illness ("wash your hands to prevent
// the flu", "cover your cough to avoid spreading covid", "lávese las
// manos para prevenir la gripe"). Anything that ties the illness to this
// patient's care keeps it refused: "your asthma", "still", "again",
// "another", a treatment or a plan ("we started", "prescribed"), a
// result, a diagnosis, a third person.
func healthEducation(text string, sp Span) bool {
	a, b := sentenceAround(text, sp.Start, sp.End)
	words := foldWords(text[a:b])
	prevent := false
	for i, w := range words {
		switch w {
		case "your", "su", "sus", "tu", "tus":
			// "to prevent your asthma from flaring": the patient's own
			// condition. "Wash your hands" names no condition.
			if i+1 < len(words) && clinicalWord(words[i+1]) && !hygieneVerb(words[max(i-1, 0)]) {
				return false
			}
		case "still", "again", "another", "anymore", "more", "worse", "keeps", "continue", "continues", "todavia", "aun",
			"sigue", "sigues", "otra", "otro", "nuevo", "nueva", "mas", "peor", "we", "started", "prescribed", "recommend",
			"recommends", "recetamos", "receto", "recomienda", "recomendamos", "doctor", "doctora", "dr", "dra",
			"new", "after", "since", "despues", "desde", "he", "she", "his", "her", "him", "ella", "they", "their",
			"medicine", "medication", "medicamento", "medicina", "cream", "crema", "pills", "pastillas", "dose", "dosis",
			"surgery", "cirugia", "procedure", "procedimiento", "treatment", "tratamiento":
			return false // ("el" is the article as often as "él")
		}
		if diagnosisWord(w) || resultNoun(w) {
			return false
		}
		// The prevention verb with the illness right after it.
		if preventWord(w) {
			for j := i + 1; j < len(words) && j <= i+5; j++ {
				if clinicalWord(words[j]) || j+1 < len(words) && clinicalWord(words[j]+" "+words[j+1]) {
					prevent = true
					break
				}
				if !preventFiller(words[j]) {
					break
				}
			}
		}
	}
	return prevent
}

// hygieneVerb reports what anyone does to a symptom to keep it to
// themselves: "cover your cough", "tape su tos".
func hygieneVerb(w string) bool {
	switch w {
	case "cover", "covering", "tape", "tapar", "tapese", "cubra", "cubrir", "cubrase":
		return true
	}
	return false
}

// preventFiller reports the words between a prevention verb and the
// illness: "to avoid spreading the flu", "para prevenir el contagio de".
func preventFiller(w string) bool {
	switch w {
	case "the", "a", "an", "spreading", "spread", "getting", "catching", "of", "la", "el", "los", "las", "de", "del",
		"contagio", "contagiar", "un", "una", "to", "others", "yourself", "family", "your", "from", "against", "contra",
		"children", "kids", "ninos", "familia", "su", "sus":
		return true
	}
	return false
}

// clinicalWord reports a word the lexicon files as a condition, symptom,
// drug or test.
func clinicalWord(w string) bool {
	e, ok := lexiconOrPanic().get([]byte(w))
	return ok && e.flags&fClin != 0
}

func preventWord(w string) bool {
	switch w {
	case "prevent", "prevents", "preventing", "prevention", "avoid", "avoiding", "protect", "protects", "protection",
		"prevenir", "prevenga", "previene", "prevencion", "evitar", "evite", "evita", "proteger", "protegerse",
		"protejase", "contagio", "contagiar":
		return true
	}
	return false
}

// careWord reports a word of this patient's treatment: a symptom said
// beside it ("if you still have a fever after the new medicine") is
// about their care, not advice to anyone.
func careWord(w string) bool {
	switch w {
	case "medicine", "medicines", "medication", "medications", "meds", "cream", "pills", "pill", "dose", "antibiotic",
		"antibiotics", "treatment", "surgery", "procedure", "medicamento", "medicamentos", "medicina", "pastillas",
		"pastilla", "crema", "dosis", "antibiotico", "antibioticos", "tratamiento", "cirugia", "procedimiento":
		return true
	}
	return false
}

// resultsNotice reports a lab span that only names the results a notice
// is about: "your lab results are ready in the portal", "sus resultados
// de laboratorio ya están disponibles". It says nothing of what they
// show: no value, no verdict, no finding in the sentence.
func resultsNotice(text string, sp Span) bool {
	a, b := sentenceAround(text, sp.Start, sp.End)
	words := foldWords(text[a:b])
	notice := false
	for _, w := range words {
		switch w {
		case "ready", "available", "posted", "portal", "listos", "listo", "listas", "disponibles", "disponible", "publicados":
			notice = true
		case "your", "you", "the", "are", "is", "in", "on", "now", "ya", "estan", "en", "el", "los", "sus", "su", "de", "del",
			"lab", "labs", "laboratorio", "blood", "sangre", "test", "tests", "results", "result", "resultados", "resultado",
			"work", "bloodwork", "labwork", "please", "log", "check", "them", "to", "see", "puede", "verlos", "revisar", "por",
			"favor", "hi", "hello", "hola", "have", "a", "good", "day", "and", "y", "at", "from", "today", "hoy":
		default:
			return false // a value, a verdict, a named test ("A1C"): more than a notice
		}
	}
	return notice
}

// insideWeb reports whether span sp lies inside one of the clinic's web
// addresses written in text ("riverbendhealth.example/flu"): the path of
// the clinic's own page is not the patient's condition.
func (p ClinicProfile) insideWeb(text, low string, sp Span) bool {
	if len(low) != len(text) {
		return false // lower-casing changed the offsets: not an address
	}
	for _, w := range p.Web {
		host := webHost(w)
		if host == "" {
			continue
		}
		for from := 0; from < len(low); {
			k := strings.Index(low[from:], host)
			if k < 0 {
				break
			}
			a, b := from+k, from+k+len(host)
			for a > 0 && !isSpaceByte(low[a-1]) {
				a--
			}
			for b < len(low) && !isSpaceByte(low[b]) {
				b++
			}
			// The masker may run the span on past the address ("…/flu
			// for details"): the rest must hold nothing of its own.
			if sp.Start >= a && sp.Start < b && (sp.End <= b || len(Detect(text[b:sp.End]).Spans) == 0) {
				return true
			}
			from = b
		}
	}
	return false
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

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
		"examen", "examenes", "estudio", "estudios", "biopsia", "cultivo", "ct", "ekg", "ecg", "echo", "xrays",
		"ultrasonido", "ecografia", "radiografia", "tomografia", "resonancia", "mamografia", "colonoscopy", "colonoscopia":
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
		"mostro", "improved", "worse", "better", "mejor", "peor", "stable", "estable", "reveals", "revealed", "indicates",
		"muestra", "muestran", "revela", "revelo", "indica", "encontro", "encontraron", "benign", "malignant",
		"benigno", "benigna", "maligno", "maligna", "positivos", "negativos", "anormales", "reactivo", "reactiva":
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
	// "results" ("your results are normal"), "diagnosis", "medication"
	// ("take 2 tablets") or "care" ("your biopsy is booked"). Empty when
	// there are none.
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
	var low string // text in lower case, made when a span needs it
	for _, s := range det.Spans {
		if clinic.allowed(text, s) {
			continue
		}
		if (s.Type == SpanSymptom || s.Type == SpanCondition || s.Type == SpanLab) && safetyAdvice(text, s.Start, s.End) {
			continue
		}
		if (s.Type == SpanCondition || s.Type == SpanSymptom || s.Type == SpanLab || s.Type == SpanDate) && out.Disclosure == "" && publicHealth(text, s) {
			continue
		}
		if (s.Type == SpanCondition || s.Type == SpanSymptom) && out.Disclosure == "" && healthEducation(text, s) {
			continue
		}
		if s.Type == SpanLab && out.Disclosure == "" && resultsNotice(text, s) {
			continue
		}
		if len(clinic.Web) > 0 && strings.IndexByte(text, '.') >= 0 {
			if low == "" {
				low = strings.ToLower(text)
			}
			if clinic.insideWeb(text, low, s) {
				continue // "riverbendhealth.example/flu"
			}
		}
		out.Blocking = append(out.Blocking, s)
	}
	return out
}

// disclosure finds clinical specifics told to the patient without a
// lexicon term: a result with its verdict ("your results are normal",
// "you tested p0sitive", "resultados normales"), a diagnosis, a dose, or
// the patient's treatment (careDisclosure).
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
		if w == "muestra" || w == "muestran" { // also "a sample": "traiga la muestra"
			for _, d := range []string{"la", "las", "una", "su", "sus", "tu", "de", "the"} {
				if sc.is(k-1, d) {
					return false
				}
			}
		}
		return !(sc.is(k-1, "a") || sc.is(k-1, "un") || sc.is(k-1, "una")) || T[k].flags&fResultValue != 0
	}
	var you, dx, cond bool
	for i := range T {
		w := plain(i)
		// Advice is said as a condition: "if your wound gets red, call
		// us". A clause opened by "if" tells the patient nothing about
		// themselves; a sentence's end closes it.
		switch {
		case end(i):
			cond = false
		case w == "if" || w == "si" || w == "when" || w == "cuando" || w == "quand" || w == "se" && i == 0:
			cond = true
		}
		if kind := sc.careDisclosure(i, w, cond); kind != "" {
			return kind
		}
		if kind := sc.brokenWord(i); kind != "" {
			return kind
		}
		if sc.looseSlipDrug(i) != "" {
			return "medication" // "your oxepic refill is ready"
		}
		if kind := sc.disguisedClinical(i); kind != "" {
			return kind
		}
		if spelled := sc.spelledOut(i); spelled != "" {
			// "p o s i t i v e", "p-o-s-i-t-i-v-o": a verdict spelled a
			// letter at a time.
			switch spelled {
			case "positive", "negative", "abnormal", "normal", "benign", "malignant", "reactive", "positivo", "positiva",
				"negativo", "negativa", "anormal", "benigno", "benigna", "maligno", "maligna", "pregnant", "embarazada":
				return "results"
			}
		}
		if (w == "your" || w == "su" || w == "tu" || w == "sus" || w == "tus") && organState(sc, i) {
			return "diagnosis" // "your thyroid is underactive"
		}
		// A verdict that can only be about a test: "it's positive",
		// "came back benign", "everything looks normal".
		switch w {
		case "positive", "negative", "benign", "malignant", "abnormal", "elevated", "detectable", "undetectable",
			"reactive", "nonreactive", "positivo", "positiva", "negativo", "negativa", "anormal", "maligno", "benigno",
			"maligna", "benigna", "positivos", "negativos", "anormales", "reactivo", "reactiva":
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
			// "your blood pressure is 150/95", "tu azúcar está en 240";
			// not a threshold in advice: "if your temperature is over
			// 104, call 911".
			for k := i + 1; k < len(T) && k <= i+4 && !end(k); k++ {
				if T[k].kind == tkNum && !sc.clockTime(k) && !sc.threshold(k) {
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
				case "thinner", "thinners", "anticoagulant", "antibiotic", "antibiotics", "inhaler", "steroid", "steroids",
					"antibiotico", "antibioticos", "anticoagulante", "inhalador", "esteroides", "anticonceptivo", "anticonceptivos",
					"dose", "dosage", "medication", "medications", "medicine", "meds", "prescription", "pills",
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

// careDisclosure finds care that tells what the patient is treated for,
// said outside a condition: a procedure, imaging or treatment of theirs
// ("your colonoscopy is booked", "su cirugía es el lunes", "your stitches
// can come out"), a medicine's regimen ("use the cream twice a day",
// "keep using the inhaler", "siga usando el inhalador") and a result that
// needs another look ("your mammogram needs a second look"). The portal
// is the place for these; "your appointment" and "your prescription is
// ready" stay, as they name no care.
func (sc *scanner) careDisclosure(i int, w string, cond bool) string {
	if cond {
		return ""
	}
	T := sc.toks
	stop := func(k int) bool { return k >= len(T) || T[k].kind == tkPunct && !sc.isP(k, '-') && !sc.isP(k, '\'') }
	switch w {
	case "your", "su", "sus", "tu", "tus", "votre", "vos", "ton", "ta", "tes", "seu", "sua", "seus", "suas":
		// "your colonoscopy", "your next MRI", "your knee surgery".
		for k := i + 1; k <= i+3 && !stop(k); k++ {
			if careNoun(string(sc.word(k))) {
				return "care"
			}
			// "your inhaler refill", "your antidepressant", "your blood
			// thinner": a kind of medicine tells what it treats.
			if medicineForm(string(sc.word(k))) || drugClass(string(sc.word(k))) ||
				sc.is(k, "thinner") || sc.is(k, "thinners") || sc.is(k, "pressure") && sc.is(k+1, "pills") {
				return "medication"
			}
		}
	case "keep", "use", "using", "take", "taking", "apply", "put", "finish", "resume", "restart", "siga", "sigue",
		"usar", "usando", "tome", "tomar", "tomando", "aplique", "aplicar", "continue", "continuing", "continua", "continuez",
		"utilisez", "prenez", "appliquez":
		// "keep using the inhaler", "use the cream", "finish the
		// antibiotics", "put the eye drops in".
		for k := i + 1; k <= i+5 && !stop(k); k++ {
			if medicineForm(string(sc.word(k))) {
				return "medication"
			}
		}
	case "cleared", "scheduled", "booked", "set", "due", "approved", "referred", "programado", "programada":
		// "you're cleared for surgery", "you are booked for an MRI".
		you := false
		for k := i - 1; k >= 0 && k >= i-3; k-- {
			you = you || sc.is(k, "you're") || sc.is(k, "youre") || sc.is(k, "you") || sc.is(k, "usted")
		}
		for k := i + 1; you && k <= i+4 && !stop(k); k++ {
			if careNoun(string(sc.word(k))) {
				return "care"
			}
		}
	case "second", "another", "closer", "segunda", "otra":
		// "your mammogram needs a second look" after a test.
		// "another look at your scan", "your x-ray needs a second look":
		// the test may come before or after.
		if sc.is(i+1, "look") || sc.is(i+1, "read") || sc.is(i+1, "mirada") || sc.is(i+1, "revision") {
			for k := max(0, i-6); k < len(T) && k <= i+6; k++ {
				if k != i && !sc.endBetween(i, k) && (resultNoun(string(sc.word(k))) || T[k].ent.clin == SpanLab ||
					sc.is(k, "ray") && sc.isP(k-1, '-') && sc.is(k-2, "x")) {
					return "results"
				}
			}
		}
	}
	// A medicine, generic or named, with how often to take it: "your
	// pills twice a day", "the drops every 4 hours", "las pastillas cada
	// 8 horas".
	if medicineForm(w) || w == "medication" || w == "medications" || w == "medicine" || w == "meds" || w == "pills" ||
		w == "medicamento" || w == "medicamentos" || w == "pastillas" || w == "medicament" || w == "medicaments" {
		for k := max(0, i-6); k <= i+6 && k < len(T); k++ {
			if k != i && strongFrequency(sc, k) && !sc.endBetween(i, k) {
				return "medication"
			}
		}
	}
	return ""
}

// brokenWord reads a clinical word or a verdict broken by hyphens to slip
// past a filter ("ab-normal", "pos-itive", "di-abetes", "chla-my-dia") and
// the shorthand verdicts "+ve" and "-ve" after a test ("results: +ve",
// "swab -ve").
func (sc *scanner) brokenWord(i int) string {
	T := sc.toks
	if sc.isP(i, '+') || sc.isP(i, '-') {
		if sc.is(i+1, "ve") && sc.attached(i+1) {
			for k := i - 1; k >= 0 && k >= i-5 && !end2(sc, k); k-- {
				if resultNoun(string(sc.word(k))) || T[k].ent.clin == SpanLab || sc.is(k, "swab") || sc.is(k, "covid") {
					return "results"
				}
			}
		}
		return ""
	}
	if T[i].kind != tkWord || !sc.isP(i+1, '-') || !sc.attached(i+1) || !sc.attached(i+2) || sc.kind(i+2) != tkWord ||
		i > 0 && sc.isP(i-1, '-') && sc.attached(i) {
		return "" // only from the first piece of a broken word
	}
	joined := append([]byte(nil), sc.word(i)...)
	for k := i + 2; k < len(T) && len(joined) <= 24; k += 2 {
		joined = append(joined, sc.word(k)...)
		switch string(joined) {
		case "positive", "negative", "abnormal", "benign", "malignant", "reactive", "elevated", "positivo", "positiva",
			"negativo", "negativa", "anormal", "benigno", "benigna", "maligno", "maligna", "pregnant", "embarazada":
			return "results"
		}
		if e, ok := sc.lx.get(joined); ok && e.flags&fClin != 0 && e.flags&fNeedsFinding == 0 && e.nTok <= 1 && len(joined) >= 5 {
			return "diagnosis"
		}
		if !sc.isP(k+1, '-') || !sc.attached(k+1) || !sc.attached(k+2) || sc.kind(k+2) != tkWord {
			break
		}
	}
	return ""
}

// end2 reports a sentence end at token k (".", "!", "?", ";").
func end2(sc *scanner, k int) bool {
	return sc.isP(k, '.') && !sc.attached(k+1) || sc.isP(k, '!') || sc.isP(k, '?') || sc.isP(k, ';')
}

// endBetween reports a sentence end between tokens a and b.
func (sc *scanner) endBetween(a, b int) bool {
	if a > b {
		a, b = b, a
	}
	for k := a + 1; k < b; k++ {
		if end2(sc, k) {
			return true
		}
	}
	return false
}

// careNoun reports a procedure or treatment whose mention with "your"
// tells what the patient is treated for. Imaging and screening visits
// ("your MRI is on Tuesday", "your mammogram") and therapy sessions are
// left out: a reminder naming them is the clinic's ordinary business and
// says nothing of a finding.
func careNoun(w string) bool {
	switch w {
	case "surgery", "operation", "biopsy", "chemo", "chemotherapy", "radiation", "radiotherapy", "dialysis", "infusion",
		"transfusion", "stitches", "sutures", "cast", "wound", "incision", "stent", "pacemaker", "catheter", "counseling",
		"counselling", "prenatal", "postpartum", "cirugia", "operacion", "biopsia", "quimio", "quimioterapia", "radioterapia",
		"dialisis", "puntos", "yeso", "herida", "chirurgie", "biopsie", "chimio", "chimiotherapie", "dialyse", "platre",
		"cicatrice", "cirurgia", "hemodialise", "curativo":
		return true
	}
	return false
}

// medicineForm reports a named form of medicine: with a verb of use or a
// frequency it is the patient's regimen.
func medicineForm(w string) bool {
	switch w {
	case "inhaler", "inhalers", "cream", "ointment", "drops", "patch", "patches", "antibiotic", "antibiotics",
		"insulin", "spray", "gel", "suppository", "suppositories", "lotion", "eyedrops", "antibiotico", "antibioticos",
		"inhalador", "crema", "pomada", "gotas", "parche", "insulina", "antibiotique", "antibiotiques", "inhalateur",
		"pommade", "gouttes", "bombinha", "creme", "colirio", "supositorio":
		return true
	}
	return false
}

// drugClass reports a class of medicine named by what it treats.
func drugClass(w string) bool {
	switch w {
	case "antidepressant", "antidepressants", "anticoagulant", "anticoagulants", "antipsychotic", "antipsychotics",
		"antiviral", "antivirals", "antiretroviral", "antiretrovirals", "statin", "statins", "steroid", "steroids",
		"painkiller", "painkillers", "opioid", "opioids", "antihistamine", "antihistamines", "antianxiety", "stimulant",
		"stimulants", "anticonvulsant", "antiseizure", "chemo", "antidepresivo", "antidepresivos", "anticoagulante",
		"antirretroviral", "antirretrovirales", "esteroides", "analgesico", "antidepresseur", "antidepresseurs",
		"antidepressivo", "antidepressivos":
		return true
	}
	return false
}

// strongFrequency reports a word or phrase at k that says how often a
// dose is taken: "twice", "daily", "bedtime", "every 8 hours", "dos
// veces", "cada 8 horas", "bid".
func strongFrequency(sc *scanner, k int) bool {
	switch string(sc.word(k)) {
	case "twice", "thrice", "daily", "nightly", "bedtime", "bid", "tid", "qid", "qd", "qhs", "veces", "diario", "diaria",
		"diariamente", "acostarse", "fois", "quotidien", "vezes", "dormir":
		return true
	case "every", "cada", "chaque", "toutes", "tous":
		return sc.kind(k+1) == tkNum || sc.is(k+2, "hours") || sc.is(k+2, "horas") || sc.is(k+2, "heures") || sc.is(k+1, "morning") ||
			sc.is(k+1, "night") || sc.is(k+1, "day") || sc.is(k+1, "dia") || sc.is(k+1, "noche")
	case "once":
		return sc.is(k+1, "a") && (sc.is(k+2, "day") || sc.is(k+2, "week")) || sc.is(k+1, "daily")
	}
	return false
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

// spelledOut joins a run of single letters starting at token i ("p o s i
// t i v e", "p-o-s-i-t-i-v-e") when i starts the run; "" otherwise.
func (sc *scanner) spelledOut(i int) string {
	T := sc.toks
	one := func(k int) bool { return k >= 0 && k < len(T) && T[k].kind == tkWord && T[k].e-T[k].s == 1 }
	if !one(i) || one(i-1) || one(i-2) && (sc.isP(i-1, '-') || sc.isP(i-1, '.')) {
		return ""
	}
	var b []byte
	for k := i; k < len(T) && len(b) < 16; {
		if !one(k) {
			break
		}
		b = append(b, sc.word(k)...)
		if sc.isP(k+1, '-') || sc.isP(k+1, '.') {
			k += 2
		} else {
			k++
		}
	}
	if len(b) < 5 {
		return ""
	}
	return string(b)
}

// organState reports "your <organ> is <state>" at the possessive i:
// "your thyroid is underactive", "su riñón está inflamado".
func organState(sc *scanner, i int) bool {
	organ := false
	for k := i + 1; k <= i+6 && k < len(sc.toks); k++ {
		w := string(sc.word(k))
		switch w {
		case "thyroid", "kidney", "kidneys", "liver", "heart", "lung", "lungs", "prostate", "pancreas", "gallbladder", "bladder",
			"colon", "uterus", "ovary", "ovaries", "cervix", "spleen", "bone", "bones", "iron", "potassium", "sodium",
			"hemoglobin", "platelets", "tiroides", "rinon", "rinones", "higado", "corazon", "pulmon", "pulmones", "prostata",
			"vesicula", "vejiga", "utero", "ovario", "ovarios", "hierro", "potasio", "sodio", "hemoglobina", "plaquetas":
			organ = true
		case "underactive", "overactive", "enlarged", "inflamed", "infected", "damaged", "failing", "fractured", "broken",
			"low", "high", "elevated", "irregular", "weak", "blocked", "inflamado", "inflamada", "agrandado", "agrandada",
			"infectado", "infectada", "danado", "danada", "bajo", "baja", "alto", "alta", "elevado", "elevada", "debil":
			if organ {
				return true
			}
		}
		if sc.kind(k) == tkPunct && !sc.isP(k, '\'') {
			return false
		}
	}
	return false
}

// addressWords is foldWords with the usual street abbreviations applied,
// so "2200 North Kedzie Boulevard" and "2200 N Kedzie Blvd" compare equal.
func addressWords(s string) []string {
	w := foldWords(s)
	for i, x := range w {
		if c, ok := streetAbbrev[x]; ok {
			w[i] = c
		}
	}
	return w
}

var streetAbbrev = map[string]string{
	"north": "n", "south": "s", "east": "e", "west": "w", "northwest": "nw", "northeast": "ne", "southwest": "sw", "southeast": "se",
	"street": "st", "avenue": "ave", "av": "ave", "road": "rd", "boulevard": "blvd", "lane": "ln", "court": "ct", "place": "pl",
	"parkway": "pkwy", "highway": "hwy", "suite": "ste", "apartment": "apt", "floor": "fl", "square": "sq", "terrace": "ter",
	"illinois": "il", "wisconsin": "wi", "california": "ca", "texas": "tx", "new": "new", "florida": "fl_", "avenida": "av_", "calle": "c_",
}

// titledAfter reports a credential ending a name span or right after
// it: "Kim, RN", "Grace Kim RN", "Okafor, MD".
func titledAfter(text string, s Span) bool {
	b := min(len(text), s.End+6)
	for b < len(text) && text[b]&0xC0 == 0x80 {
		b++
	}
	letters := func(r rune) bool { return !(r >= 'a' && r <= 'z') }
	in := strings.FieldsFunc(Normalize(text[s.Start:s.End]), letters)
	after := strings.FieldsFunc(Normalize(text[s.End:b]), letters)
	credential := func(w []string, i int) bool {
		if i < 0 || i >= len(w) {
			return false
		}
		switch w[i] {
		case "rn", "md", "np", "lpn", "aprn", "fnp", "dds":
			return true
		}
		return false
	}
	return len(in) > 1 && credential(in, len(in)-1) || credential(after, 0)
}

// threshold reports a number said as a limit in conditional advice:
// "if … over 104", "si … mayor de 39". The comparison word must come
// right before the number (with "than" or "de" between) and the sentence
// must be a condition.
func (sc *scanner) threshold(k int) bool {
	j := k - 1
	if sc.is(j, "than") || sc.is(j, "de") || sc.is(j, "of") {
		j--
	}
	switch string(sc.word(j)) {
	case "over", "above", "under", "below", "higher", "lower", "greater", "less", "more", "exceeds",
		"mayor", "menor", "mas", "menos", "arriba", "encima", "debajo", "supera":
	default:
		return false
	}
	for i := j - 1; i >= 0; i-- {
		if sc.isP(i, '.') || sc.isP(i, '!') || sc.isP(i, '?') || sc.isP(i, ';') {
			return false
		}
		switch string(sc.word(i)) {
		case "if", "si", "when", "cuando", "whenever":
			return true
		}
	}
	return false
}
