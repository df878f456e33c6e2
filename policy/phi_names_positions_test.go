package policy

import (
	"strings"
	"testing"
)

// TestNamesByPosition: a name no list holds, or one that is also a word,
// is masked where the sentence puts a person, and the ordinary words that
// stand in the same places stay as they are. The generated variants are
// scored in TestPHICategories (name-position-*, precision-name-positions);
// these are the cases a reviewer reads first.
func TestNamesByPosition(t *testing.T) {
	masked := []struct{ text, want string }{
		{"please tell zorvath keplinski his forms are ready", "please tell [NAME] his forms are ready"},
		{"can you ask april to call me back", "can you ask [NAME] to call me back"},
		{"please call Rose back", "please call [NAME] back"},
		{"zorvath's results came in?", "[NAME]'s results came in?"},
		{"Is Faith's appointment still on?", "Is [NAME]'s appointment still on?"},
		{"can I pick up gexko's school note", "can I pick up [NAME]'s school note"},
		{"guardian: kowalczyk", "guardian: [NAME]"},
		{"Re: Oyelaran appointment", "Re: [NAME] appointment"},
		{"thanks - zorvath", "thanks - [NAME]"},
		{"thank you so much, Faixtrex", "thank you so much, [NAME]"},
		{"my mom is zorvath keplinski", "my mom is [NAME]"},
		{"june needs her refill", "[NAME] needs her refill"},
		{"Sunny is my daughter", "[NAME] is my daughter"},
		{"Frank, my husband, called", "[NAME], my husband, called"},
		{"Jack and Jill came", "[NAME] and [NAME] came"},
		{"can you move Hope to 3pm", "can you move [NAME] to 3pm"},
		{"is there an update for zorvath keplinski", "is there an update for [NAME]"},
		{"is there a slot for Ελένη on friday", "is there a slot for [NAME] on friday"},
		{"Σοφία called about her appointment", "[NAME] called about her appointment"},
		{"Jo-hn Smith called", "[NAME] [NAME] called"},
		{"Jo hn Smi th called", "[NAME] [NAME] called"},
		{"Z o r v a t h  K e p l i n s k i called", "[NAME] called"},
		{"J. Robert Anderson needs a refill", "[NAME] needs a refill"},
		{"Anderson, Robert J. called", "[NAME] called"},
		{"this is kwabena a. mensah", "this is [NAME]"},
		{"maria de los angeles gutierrez needs a refill", "[NAME] needs a refill"},
		{"Mohammed bin Rashid al-Maktoum called", "[NAME] called"},
		{"Sean O'Connor Jr. is my dad", "[NAME]. is my dad"},
		{"Hi June, thanks", "Hi [NAME], thanks"},
		{"Lindqvist, Astrid", "[NAME]"},
		{"it's me, zorvath", "it's me, [NAME]"},
		{"my name's zorvath keplinski", "my name's [NAME]"},
		{"im the mom of zorvath", "im the mom of [NAME]"},
		{"Name - Quartermaine, Robert", "Name - [NAME]"},
		{"results for wang xiu ying please", "results for [NAME] please"},
		{"this is ngozi adaeze okafor-uche", "this is [NAME]"},
		{"Will here, calling about my mom", "[NAME] here, calling about my mom"},
		{"please send it to Will", "please send it to [NAME]"},
		{"can Will pick up the forms", "can [NAME] pick up the forms"},
		// A particle's name found apart, ending before its possessive:
		// the two join (this once indexed past the tokens).
		{"question about omar al-farsi's bill", "question about [NAME]'s bill"},
		{"question about Omar Al-Farsi's bill", "question about [NAME]'s bill"},
	}
	for _, c := range masked {
		if got := Detect(c.text).Masked; got != c.want {
			t.Errorf("%q masked as %q, want %q", c.text, got, c.want)
		}
	}
	clean := []string{
		"thanks again", "thanks guys", "thanks so much", "thank you team", "thanks 谢谢",
		"tell everyone thanks", "let me know", "can you call back", "text me back",
		"the doctor's note is ready?", "yesterday's appointment was fine", "everyone's forms are ready",
		"Re: June appointment", "Re: billing question", "appointments for June?", "summer hours please",
		"I will call you tomorrow", "the appointment is in June", "I hope to see you",
		"my husband is outside", "do you take Oscar Health?", "is Geisinger in network?", "¿aceptan Geisinger?",
		"is the app called mychart down?", "for telehealth visits", "from 東京 to the clinic", "你好 is the clinic open",
		"dr patel le llamará esta tarde", "el VIN es muy largo", "my son will be late, sorry",
		"mi periodo de gracia termina el lunes", "Hi there, is the office open today?", "Good morning, May I come in early?",
		"will pick up the forms tomorrow", "Send It To Will Be Fine", "the forms are for May",
		"Dallas, Texas", "Paris, France", "Sure, that works", "it's me again", "mother of two here, quick question",
	}
	for _, c := range clean {
		if d := Detect(c); strings.Contains(d.Masked, "[NAME]") && c != "dr patel le llamará esta tarde" {
			t.Errorf("clean %q masked as %q", c, d.Masked)
		}
	}
	// A staff name after a title is a name; the words after it are not.
	if got := Detect("dr patel le llamará esta tarde").Masked; got != "dr [NAME] le llamará esta tarde" {
		t.Errorf("staff callback masked as %q", got)
	}
}

// TestWordRolesAgree: the one-look-up role table gives each word the roles
// the predicates the rules read give it, and its filter lets every role
// word through.
func TestWordRolesAgree(t *testing.T) {
	for w, roles := range roleWords {
		b := []byte(w)
		if got := wordRoles(b); got != roles {
			t.Errorf("wordRoles(%q) = %b, table has %b (filter)", w, got, roles)
		}
		check := func(name string, pred bool, bit uint16, extra bool) {
			if pred != (roles&bit != 0) && !extra {
				t.Errorf("%q: %s says %v, role table %v", w, name, pred, roles&bit != 0)
			}
		}
		prep := w == "for" || w == "about" || w == "with" || w == "para" || w == "from"
		check("addressVerb", addressVerb(b), rAddress, false)
		check("objectVerb", objectVerb(b), rObject, prep)
		check("personVerb", personVerb(b), rPersonVerb, w == "was")
		check("signOffWord", signOffWord(b), rSign, false)
	}
	for _, lists := range [][]string{
		{"tell", "ask", "remind", "dile", "avisale", "thank"},
		{"see", "move", "book", "vaccinate"},
		{"needs", "missed", "can't", "necesita"},
		{"thanks", "regards", "atentamente"},
	} {
		for _, w := range lists {
			if wordRoles([]byte(w)) == 0 {
				t.Errorf("%q has no role", w)
			}
		}
	}
	for _, w := range []string{"the", "appointment", "zorvath", "refill"} {
		if r := wordRoles([]byte(w)); r != 0 {
			t.Errorf("%q has roles %b", w, r)
		}
	}
}

// TestDictionaryWord: the embedded dictionary knows ordinary English and
// Spanish words, inflected and conjugated, and not names no dictionary
// lists.
func TestDictionaryWord(t *testing.T) {
	for _, w := range []string{"again", "everyone", "tomorrow", "guys", "anyway", "llamara", "vienen", "duele",
		"citas", "tomaba", "telephone's", "ab"} {
		if !dictionaryWord([]byte(w)) {
			t.Errorf("%q is an ordinary word", w)
		}
	}
	for _, w := range []string{"zorvath", "keplinski", "okonjo", "ifeoma", "broszerloux", "mychart"} {
		if dictionaryWord([]byte(w)) {
			t.Errorf("%q is no dictionary word", w)
		}
	}
}

// BenchmarkDictionaryLoad is the cost of building the dictionary table
// from the word list, which the embedded ready-made table saves every
// process.
func BenchmarkDictionaryLoad(b *testing.B) {
	for b.Loop() {
		loadDictionary()
	}
}

// TestNamesByPositionConcurrent: concurrent callers share the dictionary
// and the hand-name filter read-only and get the answers a lone caller
// gets (run under -race).
func TestNamesByPositionConcurrent(t *testing.T) {
	texts := []string{"thanks - zorvath", "Jo hn Smi th called", "please tell april the forms are ready", "thanks again"}
	want := make([]string, len(texts))
	for i, s := range texts {
		want[i] = Detect(s).Masked
	}
	start := make(chan struct{})
	errs := make(chan string, 64)
	done := make(chan struct{})
	for g := 0; g < 8; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			<-start
			for r := 0; r < 50; r++ {
				for i, s := range texts {
					if got := Detect(s).Masked; got != want[i] {
						errs <- s + " => " + got
						return
					}
				}
			}
		}()
	}
	close(start)
	for g := 0; g < 8; g++ {
		<-done
	}
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestRoleThenVerbIsNoName: after a role word that is also a title
// ("nurse", "doctor", "dr"), the lower-case word that follows is the
// sentence's verb, not a name — the clinic writes this in every other
// reply. A capitalised name after the title is still a name.
func TestRoleThenVerbIsNoName(t *testing.T) {
	roles := []string{"the nurse", "a nurse", "our nurse", "your nurse", "the doctor", "your doctor", "the dr"}
	verbs := []string{"will call you back", "may call you today", "will see you now", "might ring you", "would like to see you",
		"should call you", "can see you at 3", "must sign the form", "will text you the time"}
	for _, r := range roles {
		for _, v := range verbs {
			for _, s := range []string{r + " " + v, "Thank you, " + r + " " + v + ".", "ok " + r + " " + v + " tomorrow"} {
				if got := Detect(s).Masked; got != s {
					t.Errorf("Detect(%q) = %q, want it unmasked", s, got)
				}
			}
		}
	}
	for _, s := range []string{"nurse Will called me yesterday", "Dr. Patel will call you tomorrow"} {
		if got := Detect(s).Masked; !strings.Contains(got, "[NAME]") {
			t.Errorf("Detect(%q) = %q, want the name masked", s, got)
		}
	}
}
