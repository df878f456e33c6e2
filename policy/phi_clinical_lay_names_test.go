package policy

import (
	"strings"
	"testing"
)

// French elides the article into the condition ("de l'hypertension"),
// names a disease by "maladie de" / "doença de", and families name
// common illnesses by their everyday names; a test's word had at a
// level ("I have low iron") is a finding. subject × statement × frame.
func TestLayConditionNames(t *testing.T) {
	stmts := []struct{ subj, stmt string }{
		{"ma mère a de ", "l'hypertension"}, {"il fait de ", "l'hypertension"}, {"j'ai de ", "l'eczéma"},
		{"elle a ", "la maladie de crohn"}, {"mon père a ", "la maladie d'alzheimer"}, {"il a une ", "maladie de lyme"},
		{"meu pai tem ", "doença de chagas"}, {"she has a ", "stomach bug"}, {"i have ", "food poisoning"},
		{"the baby has ", "hand foot and mouth"}, {"my daughter has ", "glue ear"}, {"i've got a ", "frozen shoulder"},
		{"my son has ", "chicken pox"}, {"the baby has ", "cradle cap"}, {"he has ", "athletes foot"},
		{"i have a ", "stye"}, {"she has a ", "verruca"}, {"my kids have ", "threadworms"}, {"i have a ", "trapped nerve"},
		{"i have ", "low iron"}, {"he has ", "high sugar"}, {"my son has ", "really low iron"}, {"she's got ", "low potassium"},
	}
	frames := []string{"%s", "hi, %s, can we come today?", "%s. thanks", "bonjour, %s", "hello %s again"}
	n := 0
	for i, s := range stmts {
		for j := 0; j < 3; j++ {
			text := strings.Replace(frames[(i+j)%len(frames)], "%s", s.subj+s.stmt, 1)
			n++
			if !clinicalCaught(text, s.stmt) {
				t.Errorf("%q: %q not masked: %q", text, s.stmt, Detect(text).Masked)
			}
		}
	}
	if n < 60 {
		t.Fatalf("only %d variants", n)
	}
	for _, clean := range []string{
		"do you have low sugar drinks in the vending machine",
		"foods that have high iron, is there a leaflet?",
		"l'adresse de la clinique svp",
		"c'est l'hôpital de la ville ?",
		"la maison de la santé ouvre à quelle heure ?",
		"is the d'angelo building next to the lab?",
	} {
		if d := Detect(clean); len(d.Spans) > 0 {
			t.Errorf("%q: masked a clean message: %q", clean, d.Masked)
		}
	}
}
