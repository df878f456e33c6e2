package policy

import (
	"strings"
	"testing"
)

// Care named by what it treats, tied to a person: owner × care × visit
// noun × frame. The same care asked about as a place or a service stays
// readable.
func TestQualifiedCareVisits(t *testing.T) {
	cares := []string{"physical therapy", "speech therapy", "occupational therapy", "pelvic floor therapy", "wound care",
		"sleep medicine", "sports medicine", "vascular surgeon", "plastic surgeon", "colorectal surgeon", "hand surgeon",
		"lactation consultant", "genetic counseling", "anticoagulation clinic", "bariatric surgery", "pain clinic",
		"maternal fetal medicine", "retina specialist", "memory clinic", "fertility specialist"}
	shapes := []struct{ before, after string }{
		{"my ", " appointment"},
		{"her ", " follow-up"},
		{"i was referred to ", ""},
		{"my son goes to ", " twice a week"},
		{"i have ", " on thursday"},
		{"mi mamá tiene cita con ", ""},
		{"he sees the ", " next week"},
	}
	frames := []string{"%s", "hi, %s, can i move it?", "%s. thanks", "Hello, %s"}
	n := 0
	for ci, c := range cares {
		for si := 0; si < 3; si++ {
			sh := shapes[(ci+si)%len(shapes)]
			stmt := sh.before + c + strings.TrimRight(sh.after, " ")
			want := c // the care, and its owner when a possessive opens it
			if strings.HasPrefix(sh.before, "my ") || strings.HasPrefix(sh.before, "her ") {
				want = sh.before + c
			}
			frame := frames[(ci+si)%len(frames)]
			text := strings.Replace(frame, "%s", stmt, 1)
			n++
			if !clinicalCaught(text, want) {
				t.Errorf("%q: %q not masked: %q", text, want, Detect(text).Masked)
			}
		}
	}
	if n < 60 {
		t.Fatalf("only %d variants", n)
	}
	for _, clean := range []string{
		"is wound care on the 2nd floor?",
		"do you have physical therapy at this location",
		"where is the sleep medicine department",
		"what time does the anticoagulation clinic open",
		"my appointment is at the 2nd floor clinic",
		"can i park by the physical therapy entrance?",
		"is the clinic open saturday",
		"sorry for the confusion about my appointment",
		"i'm dying to know if you take my insurance",
		"this wait is killing me lol",
	} {
		if d := Detect(clean); len(d.Spans) > 0 {
			t.Errorf("%q: masked a clean message: %q", clean, d.Masked)
		}
	}
}
