package policy

import (
	"strings"
	"testing"
)

// A condition that names the kind of a service, a team, a place or a
// paper ("the mental health team", "diabetes education class", "HIV
// testing" asked of the clinic, "the cancer charity run") says nothing of
// anyone; the same words owned by a person stay masked. condition ×
// noun × frame.
func TestConditionNamingAService(t *testing.T) {
	conds := []string{"mental health", "diabetes", "cancer", "asthma", "flu", "menopause", "dementia", "hiv"}
	// The clinic's places and teams, asked about with nobody in the
	// message; its papers, which an "I" may ask for without telling
	// anything.
	frames := []struct{ frame, noun string }{
		{"does the %s accept medicaid", "team"}, {"is there a lift to the %s", "floor"},
		{"is the %s still on tuesdays", "education class"}, {"our office is collecting for the %s", "charity run"},
		{"how do i sign up for the %s", "newsletter"}, {"where can i find the %s", "leaflet"},
		{"is the %s poster in the lobby new", "awareness month"}, {"the %s meets in room 4 now", "support group"},
	}
	owned := []string{"my %s starts monday, i'm nervous", "my son's %s is cancelled", "she has %s"}
	n := 0
	for i, c := range conds {
		for j := 0; j < 3; j++ {
			f := frames[(i+j)%len(frames)]
			text := strings.Replace(f.frame, "%s", c+" "+f.noun, 1)
			n++
			if d := Detect(text); len(d.Spans) > 0 {
				t.Errorf("%q: masked clinic talk: %q", text, d.Masked)
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d variants", n)
	}
	for _, c := range []string{"diabetes", "cancer", "asthma", "dementia"} {
		for _, o := range owned {
			text := strings.Replace(o, "%s", c, 1)
			if strings.Contains(o, "starts") || strings.Contains(o, "cancelled") {
				text = strings.Replace(o, "%s", c+" treatment", 1)
			}
			if !clinicalCaught(text, c) {
				t.Errorf("%q: %q not masked: %q", text, c, Detect(text).Masked)
			}
		}
	}
	// A question typed without its mark asks the clinic for a service.
	for _, clean := range []string{
		"do you offer hiv testing on weekends",
		"do you do std testing and is it confidential",
		"can you do chlamydia testing for walk ins",
	} {
		if d := Detect(clean); len(d.Spans) > 0 {
			t.Errorf("%q: masked a clean message: %q", clean, d.Masked)
		}
	}
	for _, stmt := range []string{"i need hiv testing, i was exposed", "my std testing came back positive",
		"the diabetes team wants to see you", "the dementia team will call you tomorrow"} {
		if d := Detect(stmt); len(d.Spans) == 0 {
			t.Errorf("%q: nothing masked", stmt)
		}
	}
}
