package policy

import (
	"strings"
	"testing"
)

// TestKinWordNames: the name after a pet, step-, in-law or Spanish and
// Portuguese family word is read as after "my son", in both cases and
// with a given name that is also a word; the same words with no name
// after them, or before the line a number is on, name no one.
func TestKinWordNames(t *testing.T) {
	kin := []string{"mum", "hubby", "wifey", "stepmom", "stepdad", "godson", "granny", "grandkid", "toddler", "sis",
		"mother in law", "sister-in-law", "son in law", "daughter-in-law", "cuñada", "nuera", "hijastro", "filha", "marido"}
	names := []string{"grace", "Grace", "mark", "Mark", "hope", "kwabena", "Xiomara", "beto", "Lupita"}
	templates := []string{"my {K} {N} is sick", "my {K} {N} needs a refill", "calling for my {K} {N}", "my {K} {N}",
		"is my {K} {N} due for her shots?", "mi {K} {N} tiene fiebre"}
	n := 0
	for _, k := range kin {
		for _, nm := range names {
			for _, tm := range templates {
				s := strings.NewReplacer("{K}", k, "{N}", nm).Replace(tm)
				n++
				got := Detect(s)
				found := false
				for _, sp := range got.Spans {
					if sp.Start <= strings.Index(s, nm) && sp.End >= strings.Index(s, nm)+len(nm) && strings.Contains(s[sp.Start:sp.End], nm) {
						found = true
					}
				}
				if !found {
					t.Errorf("%q: name not read (%q)", s, got.Masked)
				}
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d variants", n)
	}
	// The same words with no name: what follows says what the person
	// did or is, or which number is theirs.
	for _, k := range kin {
		for _, tm := range []string{"my {K} is sick", "my {K} is at work", "my {K} said hi", "my {K}'s appointment", "my {K} cell (555) 123-4567",
			"call my {K} mobile 555-123-4567", "my {K} phone is 555-123-4567", "the {K} apartment", "my {K} needs a refill"} {
			s := strings.ReplaceAll(tm, "{K}", k)
			if got := Detect(s); hasType(got, SpanName) {
				t.Errorf("%q: false name (%q)", s, got.Masked)
			}
		}
	}

	// A word that labels the number after a kinship word is no name; a
	// name in the same place stays one.
	kinPlain := []string{"wife", "son", "daughter", "mom", "husband", "hubby", "sister in law"}
	for _, k := range kinPlain {
		for _, l := range []string{"cell", "work", "house", "direct", "backup", "main", "cel", "movil", "whatsapp", "viber", "tel.", "mobile:", "home"} {
			for _, num := range []string{"(555) 123-4567", "+1 555 123 4567", "555-123-4567"} {
				s := "call my " + k + " " + l + " " + num
				if got := Detect(s); hasType(got, SpanName) {
					t.Errorf("%q: false name (%q)", s, got.Masked)
				}
			}
		}
		for _, nm := range []string{"kwabena", "maria", "beto", "Xiomara", "Grace"} {
			s := "call my " + k + " " + nm + " (555) 123-4567"
			if got := Detect(s); !hasType(got, SpanName) {
				t.Errorf("%q: name lost (%q)", s, got.Masked)
			}
		}
	}
}
