package policy

import (
	"strings"
	"testing"
)

// English mental-health and recovery shapes: subject × shape × time ×
// frame; the everyday senses of the same words stay readable.
func TestEnglishMindShapes(t *testing.T) {
	type shape struct {
		subj, stmt string // stmt is what must be masked
	}
	shapes := []shape{
		{"she ", "self harms"}, {"he's been ", "self-harming"}, {"i ", "self harmed"}, {"my son has been ", "self harming"},
		{"my daughter ", "self-harms"}, {"", "self harming"}, {"i think i'm ", "having a breakdown"},
		{"she ", "had a breakdown"}, {"my wife ", "had a total meltdown"}, {"i ", "had another breakdown"},
		{"i ", "can't cope anymore"}, {"she's ", "not coping"}, {"i'm ", "struggling to cope"}, {"my mum ", "cant cope"},
		{"i'm ", "burnt out"}, {"he's totally ", "burned out"}, {"i have ", "burnout"}, {"he ", "was sectioned"},
		{"my brother ", "got sectioned"}, {"i'm ", "30 days sober"}, {"", "two years sober"}, {"my husband is ", "6 months clean"},
		{"", "90 days sober"}, {"my dad is ", "a year sober"},
	}
	times := []string{"", "since last week", "lately", "again", "this month"}
	frames := []string{"%s", "hi, %s", "sorry to bother, %s. can someone call me?", "%s. thanks", "hello doctor, %s"}
	n := 0
	for i, sh := range shapes {
		for j := 0; j < 3; j++ {
			stmt := strings.TrimSpace(sh.subj + sh.stmt + " " + times[(i+j)%len(times)])
			text := strings.Replace(frames[(i+j)%len(frames)], "%s", stmt, 1)
			n++
			if !clinicalCaught(text, sh.stmt) {
				t.Errorf("%q: %q not masked: %q", text, sh.stmt, Detect(text).Masked)
			}
		}
	}
	if n < 60 {
		t.Fatalf("only %d variants", n)
	}
	for _, clean := range []string{
		"can you send me a breakdown of the bill",
		"is there a breakdown of the costs for the scan",
		"we had a breakdown on the highway, running late",
		"is the self pay price different",
		"do you take self referrals",
		"the self check-in screen is not working",
		"sorry, the car had a breakdown on the way",
		"the room was spotless, thanks",
		"do you test hormones at the lab?",
	} {
		if d := Detect(clean); len(d.Spans) > 0 {
			t.Errorf("%q: masked a clean message: %q", clean, d.Masked)
		}
	}
}
