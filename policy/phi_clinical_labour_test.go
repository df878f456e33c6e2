package policy

import (
	"strings"
	"testing"
)

// Labour and late pregnancy told by what is happening: statement × frame;
// the same words about pipes, bills and house moves stay readable.
func TestLabourStatements(t *testing.T) {
	stmts := []string{"my water broke", "her waters have broken", "my waters just broke", "i think my water is leaking",
		"baby isnt moving as much", "baby hasn't been moving much", "the baby is moving less", "baby's movements have slowed",
		"reduced movements", "i'm due in march", "she's due on the 5th", "due in 3 weeks", "im due any day",
		"my wife is due next month", "fewer kicks"}
	frames := []string{"%s", "%s!!!", "hi, %s, what do i do?", "%s. should i come in", "help %s today"}
	n := 0
	for i, s := range stmts {
		for j := 0; j < 3; j++ {
			text := strings.Replace(frames[(i+j)%len(frames)], "%s", s, 1)
			if strings.HasPrefix(s, "due") && (i+j)%len(frames) == 4 {
				continue // "help due in…" is not how anyone writes it
			}
			n++
			if !clinicalCaught(text, s) {
				t.Errorf("%q: %q not masked: %q", text, s, Detect(text).Masked)
			}
		}
	}
	if n < 40 {
		t.Fatalf("only %d variants", n)
	}
	for _, clean := range []string{
		"the water main broke outside the clinic",
		"is the water fountain broken",
		"the rent is due in march",
		"payment due on the 5th",
		"your bill is due in 2 weeks",
		"the report is due next week",
		"the truck is moving the boxes",
		"we are moving house next month",
		"is the water cooler broken again?",
	} {
		if d := Detect(clean); len(d.Spans) > 0 {
			t.Errorf("%q: masked a clean message: %q", clean, d.Masked)
		}
	}
}

// Chat drops the owner of a body part at the start of a clause: part ×
// linking verb × complaint × frame. Parts that are everyday words need
// their owner.
func TestOwnerDroppedBodyComplaint(t *testing.T) {
	parts := []string{"chest", "throat", "stomach", "knee", "ankle", "tummy", "shoulder", "wrist", "neck", "belly"}
	rests := []string{"feels tight", "is killing me", "is swollen", "keeps aching", "is so sore", "feels numb"}
	frames := []string{"%s when i run", "hi, %s", "%s since monday", "%s. can i get seen today?", "ugh %s"}
	n := 0
	for i, p := range parts {
		for j := 0; j < 3; j++ {
			stmt := p + " " + rests[(i+j)%len(rests)]
			text := strings.Replace(frames[(i+j)%len(frames)], "%s", stmt, 1)
			if strings.HasPrefix(text, "ugh") {
				text = "ugh, " + stmt // the clause opens on the part
			}
			n++
			if !clinicalCaught(text, stmt) {
				t.Errorf("%q: %q not masked: %q", text, stmt, Detect(text).Masked)
			}
		}
	}
	if n < 30 {
		t.Fatalf("only %d variants", n)
	}
	for _, clean := range []string{
		"back is open again?",
		"head office is closed today",
		"chest of drawers is in the waiting room",
		"hand sanitiser is empty by the door",
		"face masks are required?",
	} {
		if d := Detect(clean); len(d.Spans) > 0 {
			t.Errorf("%q: masked a clean message: %q", clean, d.Masked)
		}
	}
}

// Sexual-health and substance statements whose "I" chat drops before
// "had" or "got"; the lay names of medicines and tests with a result.
func TestDroppedSubjectAndLayNames(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"had unprotected sex with someone new, want a full std screen", "unprotected sex"},
		{"had unprotected sex last weekend", "unprotected sex"},
		{"got drunk and blacked out again", "blacked out"},
		{"i double dosed my blood thinner by mistake", "blood thinner"},
		{"forgot my blood pressure pills this morning", "blood pressure pills"},
		{"can i take my sleeping pills with this", "sleeping pills"},
		{"smear came back abnormal, what happens next", "smear came back abnormal"},
		{"my smear was positive for hpv", "smear was positive"},
		{"we got the letter for the gender clinic referral", "gender clinic"},
		{"hole in the heart - our baby was born with it", "hole in the heart"},
	} {
		if !clinicalCaught(c.text, c.want) {
			t.Errorf("%q: %q not masked: %q", c.text, c.want, Detect(c.text).Masked)
		}
	}
	for _, clean := range []string{
		"had a great visit, thanks",
		"got the letter, thank you",
		"do you do smear tests?",
		"is the gender clinic on floor 3",
	} {
		if d := Detect(clean); len(d.Spans) > 0 {
			t.Errorf("%q: masked a clean message: %q", clean, d.Masked)
		}
	}
}
