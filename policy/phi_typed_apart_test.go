package policy

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// spellOut writes code a character at a time: digits as themselves or as
// words, letters as themselves, joined by sep.
func spellOut(code, sep string, words bool) string {
	names := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
	parts := make([]string, 0, len(code))
	for _, c := range code {
		if c >= '0' && c <= '9' && words {
			parts = append(parts, names[c-'0'])
			continue
		}
		parts = append(parts, string(c))
	}
	return strings.Join(parts, sep)
}

// Postcodes and identifiers typed a character at a time, with any
// separator, after their cue; British and Canadian postcodes read out
// even with no cue.
func TestCodesTypedApartAreMasked(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	var msgs [][2]string
	zipFrames := []string{"my zip is %s", "zip code: %s thanks", "the postal code is %s", "mi codigo postal es %s", "postcode %s, flat 2"}
	for n := 0; n < 30; n++ {
		zip := fmt.Sprintf("%05d", r.IntN(99999))
		for _, sep := range []string{"-", ".", "_", "/", "*", " - ", " "} {
			code := spellOut(zip, sep, false)
			msgs = append(msgs, [2]string{fmt.Sprintf(zipFrames[(n+len(sep))%len(zipFrames)], code), code})
		}
	}
	ukFrames := []string{"we live at %s", "postcode is %s", "it's %s near the park", "send it to %s please"}
	for i, pc := range []string{"sw1a1aa", "m11ae", "b338th", "ec1a1bb", "w1a0ax", "cr26xh", "dn551pt", "ls18 1aa"} {
		pc = strings.ReplaceAll(pc, " ", "")
		for _, words := range []bool{true, false} {
			for _, up := range []bool{true, false} {
				code := spellOut(pc, " ", words)
				if up {
					code = strings.ToUpper(code)
				}
				msgs = append(msgs, [2]string{fmt.Sprintf(ukFrames[i%len(ukFrames)], code), code})
			}
		}
	}
	for _, pc := range []string{"k1a0b1", "m5v3l9", "h2x1y4", "t2p2m5"} {
		for _, sep := range []string{" ", "-"} {
			code := spellOut(pc, sep, true)
			msgs = append(msgs, [2]string{"our postal code is " + code, code})
			msgs = append(msgs, [2]string{"we moved to " + strings.ToUpper(spellOut(pc, sep, false)), strings.ToUpper(spellOut(pc, sep, false))})
		}
	}
	idFrames := []string{"my member id is %s", "mrn: %s", "policy number %s", "my account number is %s"}
	for n := 0; n < 20; n++ {
		id := fmt.Sprintf("%c%c%c%06d", 'a'+r.IntN(26), 'a'+r.IntN(26), 'a'+r.IntN(26), r.IntN(999999))
		code := spellOut(id, " ", n%2 == 0)
		if n%3 == 0 {
			code = strings.ToUpper(code)
		}
		msgs = append(msgs, [2]string{fmt.Sprintf(idFrames[n%len(idFrames)], code), code})
	}
	checkWhole(t, msgs)
}

func TestCodesTypedApartLookalikesStayReadable(t *testing.T) {
	checkClean(t,
		"give me a 1 on 1", "i am a 1 in a million", "type A B or O", "plan a b and c", "grade a 1 a",
		"rate us 9 - 10", "the a b c of billing", "option a or b", "is it a one a day vitamin",
		"see you at 10 a.m. tomorrow", "e.g. the u.s.a. office", "x-ray done", "t-shirt size m",
	)
}

// leetSymbols types a word with symbols for some of its letters, the
// k-th variant of several.
func leetSymbols(w string, k int) string {
	subs := [][2]string{{"a", "@"}, {"s", "$"}, {"i", "!"}, {"l", "|"}}
	b := []byte(w)
	done := false
	for j := range subs {
		s := subs[(j+k)%len(subs)]
		if p := strings.Index(string(b), s[0]); p >= 0 {
			b[p] = s[1][0]
			done = true
			if k%2 == 0 {
				break
			}
		}
	}
	if !done {
		return ""
	}
	return string(b)
}

// Clinical words typed with symbols for letters ("chl@mydia",
// "$yphilis", "d!abetes", "c*ncer") are masked; prices, handles,
// exclamations and censored swearing stay as typed.
func TestClinicalWordsTypedWithSymbols(t *testing.T) {
	var msgs [][2]string
	frames := []string{"i think i have %s", "my son was diagnosed with %s last week", "is %s contagious? i have it"}
	for _, w := range []string{"chlamydia", "syphilis", "diabetes", "anxiety", "herpes", "rash", "nausea", "lisinopril",
		"asthma", "bipolar", "psoriasis", "insulin", "hepatitis", "lupus", "gonorrhea", "pneumonia", "shingles"} {
		for k := 0; k < 4; k++ {
			v := leetSymbols(w, k)
			if v == "" {
				continue
			}
			msgs = append(msgs, [2]string{fmt.Sprintf(frames[k%len(frames)], v), v})
		}
		// A vowel starred out.
		if p := strings.IndexAny(w[1:], "aeiou"); p >= 0 {
			v := w[:p+1] + "*" + w[p+2:]
			msgs = append(msgs, [2]string{fmt.Sprintf(frames[0], v), v})
		}
	}
	checkWhole(t, msgs)
	for _, text := range []string{
		"that's $40 for the copay", "hi @maria thanks", "wow!! amazing!!", "pay $15@ the desk", "call me b@ck",
		"f*ck this wait", "what the h*ll", "s**t happens", "email me at dana@clinic.org", "50% off!!",
	} {
		for _, s := range Detect(text).Spans {
			if s.Type != SpanEmail && s.Type != SpanID {
				t.Errorf("clean %q masked as %q", text, Detect(text).Masked)
				break
			}
		}
	}
}

// Words typed a letter at a time with dots or dashes are read whole, one
// word or several ("c.h.e.s.t p.a.i.n"), and the letters of a clinical
// word are never read as a name's initials.
func TestWordsSpelledWithDotsReadWhole(t *testing.T) {
	dot := func(w, sep string) string {
		var out []string
		for _, word := range strings.Fields(w) {
			out = append(out, strings.Join(strings.Split(word, ""), sep))
		}
		return strings.Join(out, " ")
	}
	var msgs [][2]string
	for _, w := range []string{"chest pain", "blood sugar", "shortness of breath", "depression", "syphilis",
		"headache", "high blood pressure", "anxiety", "pregnant", "hiv", "copd", "hsv", "chlamydia"} {
		for _, sep := range []string{".", "-"} {
			for _, f := range []string{"i have %s", "my %s is worse", "i'm %s. what now"} {
				v := dot(w, sep)
				msgs = append(msgs, [2]string{fmt.Sprintf(f, v), v})
				up := strings.ToUpper(v)
				msgs = append(msgs, [2]string{fmt.Sprintf(f, up), up})
			}
		}
	}
	checkWhole(t, msgs)
	for _, text := range []string{"my d.e.p.r.e.s.s.i.o.n is worse", "i'm h.i.v. positive", "s.h.o.r.t.n.e.s.s of breath"} {
		for _, s := range Detect(text).Spans {
			if s.Type == SpanName {
				t.Errorf("%q: letters of a clinical word read as a name: %q", text, Detect(text).Masked)
			}
		}
	}
	// A name typed with dots is still a name.
	for _, text := range []string{"my name is j.o.h.n s.m.i.t.h", "this is M.A.R.I.A", "signed, L-O-P-E-Z"} {
		if d := Detect(text); !strings.Contains(d.Masked, "[NAME]") {
			t.Errorf("%q: name not masked: %q", text, d.Masked)
		}
	}
}

// Clinical words typed with digits inside a phrase ("sh0rtness of
// br34th", "viral l0ad") are read as the phrase, and a word with digits
// for letters is masked as the clinical word, never as a code.
func TestPhrasesTypedWithDigits(t *testing.T) {
	var msgs [][2]string
	for _, s := range []string{"sh0rtness of breath", "shortness 0f br34th", "viral l0ad", "v1ral load", "bl00d in my st00l",
		"high bl00d pr3ssure", "ch3st p41n", "v0m1t1ng all night", "my h34d4ch3", "my h3ad is pounding", "my st0mach is killing me",
		"i thr3w up twice", "n1ght sw34ts", "h0t fl4sh3s", "my thr0at is k1ll1ng m3", "i m1ss3d my p3r10d", "f33l1ng d1zzy"} {
		for _, f := range []string{"%s since monday", "he says %s", "i have had %s"} {
			msgs = append(msgs, [2]string{fmt.Sprintf(f, s), s})
		}
	}
	checkWhole(t, msgs)
	// Codes, times, ordinals and doses are no words typed with digits.
	for _, text := range []string{"see you at 10am on the 4th floor", "the 1000mg tablets are in", "room b3 or c4 please",
		"order ab1234 shipped", "wifi password is m00n1234"} {
		if d := Detect(text); strings.Contains(d.Masked, "[SYMPTOM]") || strings.Contains(d.Masked, "[CONDITION]") {
			t.Errorf("%q read as clinical: %q", text, d.Masked)
		}
	}
	for _, text := range []string{"i have been v0m1t1ng", "my h34d4ch3 is back"} {
		for _, s := range Detect(text).Spans {
			if s.Type == SpanID || s.Type == SpanZIP {
				t.Errorf("%q: a clinical word read as a code: %q", text, Detect(text).Masked)
			}
		}
	}
}

// British spellings and the abbreviations patients write for their own
// diagnosis are clinical words; a lute and an aerobics class are not.
func TestBritishSpellingsAndAbbreviations(t *testing.T) {
	var msgs [][2]string
	for _, w := range []string{"anaemia", "gonorrhoea", "haemorrhoids", "leukaemia", "tumour", "tumours", "haemophilia",
		"hsv", "hsv2", "hcv", "hbv", "mrsa", "t2d", "stds", "utis", "h. pylori", "c. diff", "a slipped disc"} {
		for _, f := range []string{"i have %s", "my mum was diagnosed with %s", "he's got %s again"} {
			msgs = append(msgs, [2]string{fmt.Sprintf(f, w), w})
		}
	}
	checkWhole(t, msgs)
	checkClean(t, "he plays the oud", "is there an aerobics class", "the colour of the form", "our hours are 9 to 5")
}

// Measures patients quote with a value are lab statements; a test named
// by its procedure is a visit until a finding comes with it.
func TestMoreMeasuresWithTheirValues(t *testing.T) {
	var msgs [][2]string
	i := 0
	for _, m := range []string{"folate", "neutrophils", "absolute neutrophil count", "uric acid", "cortisol", "fsh",
		"prolactin", "alk phos", "ggt", "lactate", "gfr", "fev1", "ejection fraction", "sperm count", "ketones",
		"mcv", "amylase", "fibrinogen", "vitamin b12", "anion gap", "c-peptide", "free t3", "ca-125", "cea"} {
		for _, v := range []string{"was 14.2", "came back high", "is down to 38"} {
			i++
			stmt := m + " " + v
			f := []string{"my %s last week", "her %s, is that bad?", "dr said the %s"}[i%3]
			msgs = append(msgs, [2]string{fmt.Sprintf(f, stmt), stmt})
		}
	}
	checkWhole(t, msgs)
	checkClean(t, "where do I go for the eeg?", "do I need a drug test for the new job?",
		"is the holter monitor appointment at 9?", "does the cleaning crew use ammonia?", "how long does an angiogram take")
}

// A result told by what it measures and where it landed: "her thyroid
// number was 6.2", "my blood counts were low". A lone "my number" is a
// phone number, and counts of things are no results.
func TestResultsNamedByWhatTheyMeasure(t *testing.T) {
	var msgs [][2]string
	for _, of := range []string{"thyroid", "blood", "kidney", "liver", "sugar", "iron", "cholesterol"} {
		for _, m := range []string{"number", "numbers", "count", "counts", "level", "levels", "reading", "readings"} {
			for _, v := range []string{"was 6.2", "were low", "came back high", "are at 45"} {
				for _, own := range []string{"my", "her", "his"} {
					stmt := own + " " + of + " " + m + " " + v
					msgs = append(msgs, [2]string{stmt + ", is that bad?", stmt})
				}
			}
		}
	}
	checkWhole(t, msgs)
	for _, text := range []string{"my number is changed to 3", "call my number at 4", "my counts were 2 boxes of gloves",
		"my reading is slow lately", "my phone number is high on the list", "the number was 6 on the ticket"} {
		for _, s := range Detect(text).Spans {
			if s.Type == SpanLab {
				t.Errorf("%q read as a result: %q", text, Detect(text).Masked)
			}
		}
	}
}

// Conditions named in everyday English and Spanish are masked; everyday
// words a letter or two from a condition are not.
func TestConditionsPatientsNameAndTheirLookalikes(t *testing.T) {
	var msgs [][2]string
	for _, w := range []string{"pulmonia", "reflujo", "arritmia", "dengue", "epoc", "hepatitis b", "psychosis", "mastitis",
		"sarcoidosis", "bacterial vaginosis", "croup", "meningitis", "vitiligo", "spinal stenosis", "placenta previa"} {
		for _, f := range []string{"mi mama tiene %s", "my son was diagnosed with %s", "she has %s again"} {
			msgs = append(msgs, [2]string{fmt.Sprintf(f, w), w})
		}
	}
	checkWhole(t, msgs)
	checkClean(t, "i want burritos for lunch", "our induction day is monday", "the inspection is at 3",
		"with inflation the copay went up", "my intention is to pay today", "the lesson starts at noon", "martinis after work")
}

// The plural of a condition, or the condition said of a person, was
// listed as an ordinary word and never read: "my ulcers", "he had 2
// miscarriages", "she is anemic".
func TestConditionsSaidOfAPersonOrInThePlural(t *testing.T) {
	var msgs [][2]string
	for _, w := range []string{"ulcers", "miscarriages", "epileptic", "anemic", "fractures", "hernias", "hypoglycemic",
		"schizophrenic", "bulimic", "menopausal", "overdosed", "concussions", "cataract", "gallstone", "fibroid"} {
		for _, f := range []string{"my mom is %s", "he had %s last year", "she's been %s since may"} {
			msgs = append(msgs, [2]string{fmt.Sprintf(f, w), w})
		}
	}
	checkWhole(t, msgs)
	checkClean(t, "we use alcohol wipes at the front desk", "our values matter", "the feature is new",
		"the conclusion of the meeting", "it was a single visit")
}

// A verdict typed with digits for letters is still a verdict when staff
// write it to a patient, although the fold reads the word restored.
func TestOutboundVerdictTypedWithDigitsIsRefused(t *testing.T) {
	for _, text := range []string{"su prueba salio p0s1t1v0", "your test came back p0s1t1v3", "t3st r3sult: n3g4t1v3",
		"you are pr3gn4nt", "esta usted 3mb4r4z4d4", "your hiv test is p0sitiv3"} {
		if !ScreenOutbound(text, guardClinic).Refused() {
			t.Errorf("%q was allowed", text)
		}
	}
}
