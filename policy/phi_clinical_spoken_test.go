package policy

import "testing"

// The one pass that gates the specialty rules must know every specialty
// and service word the rules themselves know; a word missing from it
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
		sc.run("la " + w + " hoy")
		if sc.spokenCues()&cueSpecialty == 0 {
			t.Errorf("%q does not switch the specialty rules on", w)
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
