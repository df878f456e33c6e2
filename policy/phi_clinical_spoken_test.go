package policy

import "testing"

// The lexicon classes that gate the specialty rules must know every
// specialty and service word the rules themselves know; a word missing
// would silently switch the rules off for its messages.
func TestSpokenCuesKnowSpecialtyWords(t *testing.T) {
	for _, w := range []string{"cardiology", "cardiologist", "gi", "ent", "obgyn", "therapist", "counseling",
		"podiatry", "dermatologist", "cardiologia", "reumatologo", "dialysis", "dialisis", "chemo", "quimio",
		"infusion", "hospice", "rehab", "detox", "radioterapia", "hemodialisis", "hemodialysis",
		"nefrologia", "oncologist", "psiquiatra", "traumatologia"} {
		if !specialty([]byte(w)) && !serviceWord([]byte(w)) && !specialtyShape([]byte(w)) {
			t.Fatalf("%q is no specialty word: fix the table", w)
		}
		var sc scanner
		sc.run("me mandaron a " + w)
		if sc.stmtAny&(sClitic|sHave|sVisitCue) == 0 {
			t.Errorf("%q: the specialty rules stay off", w)
		}
		if !specialtyShape([]byte(w)) && sc.toks[3].stmt&sSpecialty == 0 {
			t.Errorf("%q is neither shaped nor a specialty word of the lexicon", w)
		}
		if d := Detect("me mandaron a " + w); len(d.Spans) == 0 {
			t.Errorf("%q: a referral to it is not masked", w)
		}
	}
}

// Specialties are read by stem and ending; general practice, children's
// care, imaging and ordinary long words are none.
func TestSpecialtyShape(t *testing.T) {
	for _, c := range []struct {
		w    string
		want bool
	}{
		{"cardiologia", true}, {"nefrologo", true}, {"neumologa", true}, {"nephrologist", true},
		{"psiquiatra", true}, {"psychiatrist", true}, {"gastroenterologia", true}, {"reumatologos", true},
		{"otorrinolaringologo", true}, {"neurocirujano", true}, {"endocrinology", true},
		{"pediatria", false}, {"radiologia", false}, {"technology", false}, {"information", false},
		{"geriatria", false}, {"semana", false}, {"cardigan", false}, {"neutral", false}, {"protocol", false},
	} {
		if got := specialtyShape([]byte(c.w)); got != c.want {
			t.Errorf("specialtyShape(%q) = %v, want %v", c.w, got, c.want)
		}
	}
}

// A disease-shaped word counts only when no list gives it another role
// and it ends like a disease.
func TestConditionShape(t *testing.T) {
	for _, c := range []struct {
		w    string
		want bool
	}{
		{"esofagitis", true}, {"hipoglucemia", true}, {"fibroadenoma", true}, {"neuropathy", true},
		{"espondilosis", true}, {"fibromialgia", true},
		{"carcinoma", true}, {"meningioma", true}, {"cefalohematoma", true},
		{"diploma", false}, {"diplomas", false}, {"sintoma", false}, {"visitas", false}, {"hospital", false}, {"tomorrow", false},
	} {
		if got := conditionShape([]byte(c.w)); got != c.want {
			t.Errorf("conditionShape(%q) = %v, want %v", c.w, got, c.want)
		}
	}
}

// The spoken-statement classes extend the statement classes without
// sharing a bit with them.
func TestSpokenClassesAreTheirOwn(t *testing.T) {
	all := sVital | sHealthVerb | sBodyAbility | sCondAdj | sCareSupport | sLead | sRunning | sBlood
	seen := all
	for _, c := range []stmtClass{sSpecialty, sPlace, sClitic, sHave, sPartState, sConditional, sVisitCue} {
		if c == 0 || seen&c != 0 {
			t.Fatalf("class %b overlaps %b", c, seen)
		}
		seen |= c
	}
}
