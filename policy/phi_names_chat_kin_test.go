package policy

import (
	"strings"
	"testing"
)

// nameMasked reports whether Detect gives the word a NAME span.
func nameMasked(text, name string) bool {
	d := Detect(text)
	at := strings.Index(text, name)
	for _, s := range d.Spans {
		if s.Type == SpanName && s.Start <= at && at+len(name) <= s.End {
			return true
		}
	}
	return false
}

func hasName(text string) bool {
	for _, s := range Detect(text).Spans {
		if s.Type == SpanName {
			return true
		}
	}
	return false
}

// TestChatKinNames: the chat words for a partner, a friend or the
// household ("my gf", "my bestie", "my carer") put a name after them as
// "my son" does, whatever the clause says next.
func TestChatKinNames(t *testing.T) {
	kin := []string{"gf", "bff", "bestie", "hubs", "missus", "grandaughter", "stepmum", "aunty", "auntie",
		"ex-wife", "ex-husband", "housemate", "flatmate", "carer", "babysitter", "nanny", "coworker", "colleague",
		"landlord", "landlady", "baby girl", "baby boy", "little one", "other half", "grandniece", "stepgrandpa"}
	names := []string{"jess", "Marco", "tamsin", "Adaeze", "priya"}
	tails := []string{"has a cough", "needs a refill", "is sick", "has covid", "can't come today"}
	n := 0
	for _, k := range kin {
		for i, name := range names {
			tail := tails[(i+len(k))%len(tails)]
			text := "my " + k + " " + name + " " + tail
			n++
			if !nameMasked(text, name) {
				t.Errorf("%q: %q not masked as a name: %q", text, name, Detect(text).Masked)
			}
		}
	}
	// Clean: the same words before a verb, a time or nothing at all.
	clean := []string{"my gf says hi", "my bff drove me", "my bestie came along", "my hubs works late",
		"my auntie visits daily", "my carer comes at 9", "my nanny picks up the kids", "my housemate tested positive",
		"my landlord refuses to fix the heating", "my colleague drove me", "my little one has a fever",
		"my other half works nights", "my baby girl cries a lot", "my missus is worried", "my flatmate is away",
		"my ex-wife has custody", "my coworker had the flu", "the babysitter is here", "my grandaughter is sick"}
	for _, c := range clean {
		if hasName(c) {
			t.Errorf("clean %q reads a name: %q", c, Detect(c).Masked)
		}
	}
	if n < 100 {
		t.Fatalf("only %d variants", n)
	}
}

// TestDrawnGreetingIntro: "its NAME" after a drawn-out or chattier
// greeting ("hiii", "heyyy", "yo", "hiya", "um") is read as after a plain
// "hi"; the same openings before a state or "me" stay clean.
func TestDrawnGreetingIntro(t *testing.T) {
	greets := []string{"hii", "hiii", "heyy", "heyyy", "hellooo", "yo", "hiya", "heya", "um", "umm", "okk", "yess", "bonjour", "oi"}
	names := []string{"marcus", "ade", "destiny", "Tamsin", "kofi", "jess", "Ngozi"}
	tails := []string{"", " need my labs", " 😩 my throat hurts", ", can i move my appt", " here"}
	masked := 0
	for _, name := range names {
		for _, tail := range tails {
			plain := "hi its " + name + tail
			want := nameMasked(plain, name)
			for _, g := range greets {
				text := g + " its " + name + tail
				got := nameMasked(text, name)
				if got != want {
					t.Errorf("%q masks %q: %v, as %q: %v (%q)", text, name, got, plain, want, Detect(text).Masked)
				}
				if got {
					masked++
				}
			}
		}
	}
	if masked < len(greets)*len(names)*len(tails)*3/4 {
		t.Errorf("only %d of %d introductions masked", masked, len(greets)*len(names)*len(tails))
	}
	for _, g := range greets {
		for _, rest := range []string{"its fine", "its urgent", "its me", "its raining", "its complicated",
			"its ok", "its been 3 days", "its not working", "its about my appt", "its still swollen"} {
			text := g + " " + rest
			if hasName(text) {
				t.Errorf("clean %q reads a name: %q", text, Detect(text).Masked)
			}
		}
	}
	for w, want := range map[string]string{"hiiii": "hi", "heyyy": "hey", "hellooo": "hello", "ok": "ok", "hi": "hi"} {
		if got := string(trimDrawl([]byte(w))); got != want {
			t.Errorf("trimDrawl(%q) = %q, want %q", w, got, want)
		}
	}
}
