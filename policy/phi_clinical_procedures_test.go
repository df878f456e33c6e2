package policy

import (
	"strings"
	"testing"
)

// Operations and scopes by their word family, owned by a person or timed
// around: owner × procedure × frame. The clinic's own questions about the
// same procedures stay readable.
func TestProceduresByFamily(t *testing.T) {
	procs := []string{"mastectomy", "hysterectomy", "colonoscopy", "tonsillectomy", "appendectomy", "angioplasty",
		"arthroscopy", "gastroscopy", "cholecystectomy", "rhinoplasty", "tracheostomy", "lumpectomy", "prostatectomy",
		"cystoscopy", "radiation", "immunotherapy", "colostomy", "thyroidectomy"}
	owners := []string{"after her %s", "my %s is tomorrow", "recovering from his %s", "she had a %s last month",
		"my dad needs a %s", "pre-op for the %s", "since my %s", "he's having a %s friday"}
	frames := []string{"%s", "hi, %s, can i still take ibuprofen?", "%s. thank you", "hello, %s and i have a question"}
	n := 0
	for i, p := range procs {
		for j := 0; j < 3; j++ {
			o := owners[(i+j)%len(owners)]
			stmt := strings.Replace(o, "%s", p, 1)
			text := strings.Replace(frames[(i+j)%len(frames)], "%s", stmt, 1)
			n++
			if !clinicalCaught(text, p) {
				t.Errorf("%q: %q not masked: %q", text, p, Detect(text).Masked)
			}
		}
	}
	if n < 50 {
		t.Fatalf("only %d variants", n)
	}
	for _, clean := range []string{
		"how much is a colonoscopy?",
		"do you do vasectomies?",
		"where is the endoscopy unit",
		"what time does radiation oncology open",
		"is the radiation sign by the door new",
		"does insurance cover a rhinoplasty",
		"which floor is the colonoscopy suite on",
	} {
		if d := Detect(clean); len(d.Spans) > 0 {
			t.Errorf("%q: masked a clean message: %q", clean, d.Masked)
		}
	}
}
