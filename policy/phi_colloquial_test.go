package policy

import (
	"strings"
	"testing"
)

// Clinical statements in the words patients use, generated: every
// subject with every phrasing, time phrase, message frame and case. A
// statement counts only when it is masked whole (80% of its letters and
// digits, the corpora's rule), so a mask on one keyword fails here.

// person is a subject and whether its verb takes the third person.
type person struct {
	word  string
	third bool
}

var enPeople = []person{{"I", false}, {"my husband", true}, {"my son", true}, {"she", true}, {"my brother", true}}

// phrase is one statement in its first and third person forms.
type phrase struct{ first, third string }

func (p phrase) say(s person) string {
	if s.third {
		return s.word + " " + p.third
	}
	return s.word + " " + p.first
}

var enTimes = []string{"", " since last summer", " for a few weeks now", " lately"}

// frames put a statement in a message; %s is the statement.
var enFrames = []string{"%s", "hi, %s. can someone call me back?", "good morning\n%s"}

func frame(f, stmt string) string { return strings.Replace(f, "%s", stmt, 1) }

// checkWhole fails every generated message whose statement is not masked
// whole, listing at most a few per phrase so a broken rule reads clearly.
func checkWhole(t *testing.T, msgs [][2]string) {
	t.Helper()
	checkShares(t, msgs, maskedShare, 0.8, "generated statements not masked whole")
}

// checkShares fails t for each message (text, part) whose part share
// masks less than min of, and counts them under what.
func checkShares(t *testing.T, msgs [][2]string, share func(*testing.T, string, string) float64, min float64, what string) {
	t.Helper()
	failed := 0
	for _, m := range msgs {
		if got := share(t, m[0], m[1]); got < min {
			failed++
			if failed <= 25 {
				t.Errorf("%q: %.2f of %q masked; got %q", m[0], got, m[1], Detect(m[0]).Masked)
			}
		}
	}
	if failed > 0 {
		t.Errorf("%d of %d %s", failed, len(msgs), what)
	}
}

// checkClean fails t for each text that gets any mask.
func checkClean(t *testing.T, texts ...string) {
	t.Helper()
	for _, text := range texts {
		if d := Detect(text); len(d.Spans) > 0 {
			t.Errorf("clean %q masked as %q", text, d.Masked)
		}
	}
}

func generate(people []person, phrases []phrase, times, frames []string) [][2]string {
	var out [][2]string
	for _, s := range people {
		for _, p := range phrases {
			for _, tm := range times {
				stmt := p.say(s) + tm
				for _, f := range frames {
					out = append(out, [2]string{frame(f, stmt), stmt})
					low := strings.ToLower(stmt)
					out = append(out, [2]string{frame(f, low), low})
				}
			}
		}
	}
	return out
}

func TestColloquialSubstanceUse(t *testing.T) {
	phrases := []phrase{
		{"smoke about a pack a day", "smokes about a pack a day"},
		{"smoke 2 packs a day", "smokes 2 packs a day"},
		{"still smoke cigarettes", "still smokes cigarettes"},
		{"smoke half a pack of cigarettes a day", "smokes half a pack of cigarettes a day"},
		{"vape every day", "vapes every day"},
		{"have been vaping a lot", "has been vaping a lot"},
		{"chew tobacco", "chews tobacco"},
		{"drink 4-5 beers a night", "drinks 4-5 beers a night"},
		{"drink a fifth of vodka a day", "drinks a fifth of vodka a day"},
		{"do coke on weekends", "does coke on weekends"},
		{"have been doing meth again", "has been doing meth again"},
		{"take more oxy than prescribed", "takes more oxy than prescribed"},
		{"have been taking edibles every night", "has been taking edibles every night"},
		{"have a drinking problem", "has a drinking problem"},
		{"have a problem with alcohol", "has a problem with alcohol"},
		{"have been binge drinking", "has been binge drinking"},
		{"have been shooting up again", "has been shooting up again"},
		{"have been clean 30 days", "has been clean 30 days"},
		{"got a DUI", "got a DUI"},
		{"am trying to cut back on drinking", "is trying to cut back on drinking"},
		{"have been using kratom", "has been using kratom"},
		{"smoke weed every night", "smokes weed every night"},
	}
	checkWhole(t, generate(enPeople, phrases, enTimes, enFrames))
}

func TestColloquialSubstanceUseSpanish(t *testing.T) {
	people := []person{{"", false}, {"mi esposo", true}, {"mi hijo", true}, {"ella", true}}
	phrases := []phrase{
		{"fumo un paquete al día", "fuma un paquete al día"},
		{"fumo cigarros desde los 15", "fuma cigarros desde los 15"},
		{"vapeo todos los días", "vapea todos los días"},
		{"tomo mucho", "toma mucho"},
		{"tengo problemas con el alcohol", "tiene problemas con el alcohol"},
		{"tengo problema con la bebida", "tiene problema con la bebida"},
		{"dejé de fumar", "dejó de fumar"},
		{"llevo 6 meses sin tomar", "lleva 6 meses sin tomar"},
		{"me drogo los fines de semana", "se droga los fines de semana"},
		{"consumo cocaína", "consume cocaína"},
		{"me emborracho cada fin de semana", "se emborracha cada fin de semana"},
	}
	times := []string{"", " desde hace un año", " últimamente"}
	frames := []string{"%s", "hola, %s. me pueden llamar?", "buenos días\n%s"}
	var msgs [][2]string
	for _, m := range generate(people, phrases, times, frames) {
		m[1] = strings.TrimSpace(m[1])
		m[0] = strings.TrimSpace(m[0])
		msgs = append(msgs, m)
	}
	checkWhole(t, msgs)
}

func TestColloquialMentalHealth(t *testing.T) {
	phrases := []phrase{
		{"feel so hopeless", "feels so hopeless"},
		{"have been so stressed I can't function", "has been so stressed she can't function"},
		{"don't enjoy anything anymore", "doesn't enjoy anything anymore"},
		{"have been having dark thoughts", "has been having dark thoughts"},
		{"have been thinking about ending it", "has been thinking about ending it"},
		{"cry every day", "cries every day"},
		{"can't get out of bed", "can't get out of bed"},
		{"haven't been sleeping", "hasn't been sleeping"},
		{"only sleep 2-3 hours a night", "only sleeps 2-3 hours a night"},
		{"can't concentrate on anything", "can't concentrate on anything"},
		{"have lost interest in everything", "has lost interest in everything"},
		{"have been very withdrawn", "has been very withdrawn"},
		{"have been feeling really down", "has been feeling really down"},
		{"have been having panic attacks", "has been having panic attacks"},
		{"keep having anxiety attacks", "keeps having anxiety attacks"},
	}
	checkWhole(t, generate(enPeople, phrases, enTimes, enFrames))
	var owned [][2]string
	for _, o := range []string{"my", "his", "her"} {
		for _, p := range []string{"mood has been really low", "anxiety has been through the roof", "depression is getting worse"} {
			for _, tm := range enTimes {
				stmt := o + " " + p + tm
				for _, f := range enFrames {
					owned = append(owned, [2]string{frame(f, stmt), stmt})
				}
			}
		}
	}
	checkWhole(t, owned)
}

func TestColloquialMentalHealthSpanish(t *testing.T) {
	people := []person{{"", false}, {"mi hija", true}, {"mi esposo", true}}
	phrases := []phrase{
		{"no tengo ganas de hacer nada", "no tiene ganas de hacer nada"},
		{"no puedo dejar de llorar", "no puede dejar de llorar"},
		{"estoy muy estresada", "está muy estresada"},
		{"he estado muy decaída", "está muy decaída"},
		{"tengo pensamientos feos", "tiene pensamientos feos"},
		{"no duermo bien", "no duerme bien"},
		{"ando muy triste", "anda muy triste"},
		{"me siento muy sola", "se siente muy sola"},
		{"tengo mucha ansiedad", "tiene mucha ansiedad"},
	}
	times := []string{"", " desde hace un mes", " últimamente"}
	frames := []string{"%s", "hola, %s. me pueden llamar?", "buenos días\n%s"}
	var msgs [][2]string
	for _, m := range generate(people, phrases, times, frames) {
		m[1] = strings.TrimSpace(m[1])
		m[0] = strings.TrimSpace(m[0])
		msgs = append(msgs, m)
	}
	checkWhole(t, msgs)
}

func TestColloquialBodyLabsConditions(t *testing.T) {
	var msgs [][2]string
	for _, stmt := range []string{
		"I've got a really bad cold", "I'm all stuffed up", "I have no energy", "I threw my back out",
		"my numbers were high", "my levels were high", "his numbers came back high", "her levels were off",
		"mis análisis salieron mal", "mis laboratorios salieron altos", "tengo problemas del corazón",
		"le dio un derrame", "tengo piedras en la vesícula", "my son has no energy",
		"she's all stuffed up", "he threw his back out",
	} {
		for _, tm := range []string{"", " last week"} {
			for _, f := range enFrames {
				s := stmt + tm
				msgs = append(msgs, [2]string{frame(f, s), s})
			}
		}
	}
	checkWhole(t, msgs)
}

// The same words in the clinic's everyday talk stay readable.
func TestColloquialLookalikesStayReadable(t *testing.T) {
	for _, text := range []string{
		"can I get a flu shot appointment", "is the lab open saturday", "my mom is driving me",
		"I've been drinking a lot of water", "I drink coffee every morning", "do you sell cigarettes?",
		"is there a smoking area?", "can I vape in the parking lot?", "no smoking on the premises please",
		"my son does his homework in the lobby", "I do yoga every day", "I have a problem with my bill",
		"the numbers on the bill were high", "the prices were high last time", "I have no idea where to park",
		"I have no time this week", "I threw the form out by mistake", "tengo problemas con el portal",
		"tengo problemas con la app", "mi esposo toma el camión todos los días", "tomo el autobús todos los días",
		"I take the bus every day", "he's doing great, thanks", "she's doing homework",
		"I'm trying to cut back on my hours", "I have a pack of forms to drop off", "can I bring a pack of water bottles",
		"I'm so stressed about the parking", "my kid cries every time we come in for shots lol",
		"the levels of the parking garage were full", "tengo piedras en el zapato jaja",
		"do you take walk ins", "we got a DUI checkpoint on the way, running late",
		"can I bring my vape charger", "I can't get out of work before 5", "I can't concentrate on the forms with the noise",
		"they're doing construction in the lobby", "I've been clean out of ideas for a gift",
	} {
		if d := Detect(text); len(d.Spans) > 0 {
			t.Errorf("clean %q masked as %q", text, d.Masked)
		}
	}
}

// A symptom typed in a hurry, one letter dropped, doubled or swapped, is
// still the symptom; a dictionary word one edit away ("never" from
// "fever") is not.
func TestColloquialMisspeltSymptoms(t *testing.T) {
	var msgs [][2]string
	for _, w := range []string{"headache", "diarrhea", "nausea", "vomiting", "dizziness", "fever", "wheezing",
		"constipation", "congestion", "migraine", "cramps", "swelling", "itching", "heartburn", "fatigue"} {
		var typos []string
		mid := len(w) / 2
		typos = append(typos, w[:mid]+w[mid+1:])                             // dropped
		typos = append(typos, w[:mid]+w[mid:mid+1]+w[mid:])                  // doubled
		typos = append(typos, w[:mid]+w[mid+1:mid+2]+w[mid:mid+1]+w[mid+2:]) // swapped
		for _, typo := range typos {
			if len(typo) < 6 || dictionaryWord([]byte(typo)) || typo == w {
				continue
			}
			for _, f := range []string{"i have %s since yesterday", "my son has bad %s", "hi, %s all night. can you call me"} {
				text := strings.Replace(f, "%s", typo, 1)
				stmt := text
				if i := strings.Index(stmt, ". can"); i > 0 {
					stmt = stmt[len("hi, "):i]
				}
				msgs = append(msgs, [2]string{text, stmt})
			}
		}
	}
	if len(msgs) < 60 {
		t.Fatalf("only %d generated misspellings", len(msgs))
	}
	checkWhole(t, msgs)
	for _, text := range []string{"I never got the form", "the wellness newsletter is out", "I fly back to Malmö next week",
		"we moved to Fevers Road last year"} {
		for _, s := range Detect(text).Spans {
			if s.Type.IsClinical() {
				t.Errorf("%q: clinical mask %q", text, text[s.Start:s.End])
			}
		}
	}
}

// Use named by what is used, said of a person, is the statement; the
// clinic's screening and policies name nobody's.
func TestColloquialUseNamed(t *testing.T) {
	var msgs [][2]string
	for _, who := range []string{"I have", "my husband has", "she has", "my son has"} {
		for _, what := range []string{"drug use", "IV drug use", "alcohol abuse", "substance abuse", "opioid use", "meth use", "cocaine use"} {
			for _, tail := range []string{"", " since high school", " in the past"} {
				stmt := who + " a history of " + what + tail
				for _, f := range enFrames {
					msgs = append(msgs, [2]string{frame(f, stmt), stmt}, [2]string{frame(f, strings.ToLower(stmt)), strings.ToLower(stmt)})
				}
			}
		}
	}
	for _, stmt := range []string{"my alcohol use has gone up", "his drug use is getting worse", "her cannabis use went up"} {
		msgs = append(msgs, [2]string{stmt, stmt}, [2]string{"hi, " + stmt + ". can someone call me back?", stmt})
	}
	checkWhole(t, msgs)
	for _, text := range []string{"do you do drug use screening?", "our drug use policy is on the website",
		"is there a drug test for the job form?", "I use the portal every day", "can I use my insurance card"} {
		if d := Detect(text); len(d.Spans) > 0 {
			t.Errorf("clean %q masked as %q", text, d.Masked)
		}
	}
}

// Chat drops the "I": a statement that opens its clause with no subject
// is the writer's own. A question about a service, or a place named by
// the same words, is nobody's.
func TestColloquialDroppedSubject(t *testing.T) {
	var msgs [][2]string
	for _, stmt := range []string{"relapsed", "drinking again", "using again", "hearing voices again", "been really depressed",
		"super anxious", "panic attacks again", "smoking a pack a day", "overdosed", "feeling hopeless", "sober 3 months now",
		"still drinking every day", "just relapsed", "recaí otra vez", "tomando mucho otra vez"} {
		for _, tm := range []string{"", " last weekend", " since friday"} {
			s := stmt + tm
			for _, f := range []string{"%s", "hi, %s. can someone call me back?", "good morning\n%s", "ok so %s"} {
				msgs = append(msgs, [2]string{frame(f, s), s})
			}
		}
	}
	checkWhole(t, msgs)
	for _, text := range []string{"smoking area by the entrance please",
		"drinking water in the lobby is out", "using the portal now", "recovery room is on floor 2", "sober living info?",
		"hi, suboxone clinic hours?", "drinking fountain broken again", "smoking allowed outside?"} {
		if d := Detect(text); len(d.Spans) > 0 {
			t.Errorf("clean %q masked as %q", text, d.Masked)
		}
	}
}

// A word the name tables hold, read as a name between the person and the
// statement ("mi hija ha estado…": "Ha" is a family name), keeps its own
// span; the statement after it is still masked, not dropped.
func TestColloquialStatementAfterNameRead(t *testing.T) {
	for _, rel := range []string{"mi hija", "mi esposo", "mi mamá", "mi hermano"} {
		for _, st := range []string{"estado muy deprimida", "estado tomando mucho otra vez", "estado muy triste últimamente",
			"estado con ataques de pánico"} {
			text := rel + " ha " + st
			if got := maskedShare(t, text, st); got < 1 {
				t.Errorf("%q: %.2f of %q masked; got %q", text, got, st, Detect(text).Masked)
			}
		}
	}
}
