package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Per-category sets for names found by the place they stand in rather than
// by a list or a capital: the person told or asked, the owner of an
// appointment, a form line's value, a signature, the subject of a verb only
// people take, a name beside a kinship word or joined by "and"; names split
// or spelled out to dodge the lists; the rest of a multi-part name (initials
// before it, suffixes, particles); a name in another script after "for" or
// "with". The names are built from syllables, so no list and no dictionary
// holds them, or are given names that are also words and months. The
// precision sets hold the ordinary words that stand in the same places
// ("thanks again", "tell everyone", "appointments for May", "do you take
// Oscar Health?").
//
// They are generated from their own seed after every other example, so the
// examples before them stay as they were.
var categoryTemplatesPositions = []tmplSet{
	{cat: "name-position-told", lang: "en", tune: []string{
		"please tell {UNAME} the forms are ready",
		"can you ask {UNAME} to call me back",
		"let {UNAME} know we moved to 4pm",
		"could you remind {UNAME} about friday",
	}, held: []string{
		"can you text {UNAME} the new time",
		"please call {UNAME} back after lunch",
	}},
	{cat: "name-position-told", lang: "es", tune: []string{
		"dile a {UNAME} que ya llegamos",
		"avísale a {UNAME} que mañana no abrimos",
	}, held: []string{
		"pregúntale a {UNAME} si puede venir el lunes",
	}},
	{cat: "name-position-owner", lang: "en", tune: []string{
		"{UNAME}'s appointment got moved?",
		"is {UNAME}'s paperwork ready",
		"{UNAME}'s forms came in the mail",
	}, held: []string{
		"can I pick up {UNAME}'s school note",
		"what time is {UNAME}'s visit tomorrow",
	}},
	{cat: "name-position-signoff", lang: "en", tune: []string{
		"see you friday, thanks - {UNAME}",
		"running 10 min late sorry\n{UNAME2}",
		"thank you so much, {UNAME}",
	}, held: []string{
		"ok that works. cheers, {UNAME}",
		"got it, thx {UNAME2}",
	}},
	{cat: "name-position-signoff", lang: "es", tune: []string{
		"nos vemos el martes. gracias, {UNAME}",
	}, held: []string{
		"ya voy en camino. saludos, {UNAME2}",
	}},
	{cat: "name-position-field", lang: "en", tune: []string{
		"guardian: {UNAME2}",
		"parent: {UNAME2}, phone on file",
		"Re: {UNAMECAP} appointment",
	}, held: []string{
		"caregiver: {UNAME2}",
		"to: {UNAME2}",
	}},
	{cat: "name-position-field", lang: "es", tune: []string{
		"tutor: {UNAME2}",
	}, held: []string{
		"responsable: {UNAME2}",
	}},
	{cat: "name-position-subject", lang: "en", tune: []string{
		"{UNAME2} needs the school form",
		"{WORDNAME} missed the 3pm slot",
		"{WORDNAME} can't make it today",
		"{WORDNAME} needs a ride on monday",
	}, held: []string{
		"{UNAME2} called earlier about the bill",
		"{WORDNAME} wants to move her slot",
	}},
	{cat: "name-position-kin", lang: "en", tune: []string{
		"my {KIN} is {UNAME2}",
		"{WORDNAME}, my {KIN}, called earlier",
		"{FIRST} and {WORDNAME} are coming at 3",
	}, held: []string{
		"{WORDNAME}, my {KIN}, will bring the forms",
		"my {KIN} was {UNAME2}",
	}},
	{cat: "name-position-kin", lang: "es", tune: []string{
		"mi {KINES} se llama {UNAME2}",
	}, held: []string{
		"{FIRST} y {WORDNAME} vienen a las 3",
	}},
	{cat: "name-split-disguise", lang: "en", tune: []string{
		"{SPLITNAME} needs a refill",
		"{SPLITNAME} called about the bill",
		"please call {SPLITNAME} back",
	}, held: []string{
		"is {SPLITNAME} on the list for friday",
		"{SPELLNAME} called about the forms",
	}},
	{cat: "name-whole-span", lang: "en", tune: []string{
		"{LEADINIT} called about the bill",
		"{SUFFIXNAME} needs the forms",
		"{PARTICLENAME} missed the appointment",
		"results for {VOWELMID} please",
	}, held: []string{
		"appointment for {SUFFIXNAME}",
		"this is {VOWELMID}",
	}},
	{cat: "name-script-object", lang: "en", tune: []string{
		"is there a slot for {SCRIPTNAME} on friday",
		"can I come in with {SCRIPTNAME}",
		"{SCRIPTNAME} called about her appointment",
	}, held: []string{
		"I need to book a time for {SCRIPTNAME}",
	}},
	{cat: "name-word-given-object", lang: "en", tune: []string{
		"can you move {WORDNAMECAP} to 3pm",
		"who is seeing {WORDNAMECAP} tomorrow",
		"it's for {WORDNAMECAP}",
		"please call {WORDNAMECAP} back",
		"Hi {WORDNAMECAP}, is the office open today?",
		"can {WORDNAMECAP} pick up the forms",
	}, held: []string{
		"can you fit {WORDNAMECAP} in on friday",
		"this message is about {WORDNAMECAP}",
		"please send the letter to {WORDNAMECAP}",
	}},
	{cat: "name-last-first-line", lang: "en", tune: []string{
		"{LASTFIRSTCAP}",
		"Name - {LASTFIRSTCAP}",
	}, held: []string{
		"{LASTFIRSTCAP}\nDOB is on file",
	}},
	{cat: "name-implied-cue", lang: "en", tune: []string{
		"it's me, {UNAME}",
		"my name's {UNAME2}",
		"I'm the mom of {UNAME}",
	}, held: []string{
		"hi its me {UNAME2}, about friday",
	}},
	{cat: "precision-name-positions", lang: "en", tune: []string{
		"thanks {THANKSTAIL}",
		"can you {CLEANVERB} {CLEANOBJ}",
		"{DAYREL}'s appointment was fine",
		"the {ROLE}'s note is ready?",
		"{SEASONLINE}",
		"{GREETLINE}",
	}, held: []string{
		"ok, {THANKSTAIL2}",
		"{PLANQ}",
		"is the app called mychart down?",
	}},
	{cat: "precision-name-positions", lang: "es", tune: []string{
		"gracias {GRACIASTAIL}",
	}, held: []string{
		"¿aceptan {PLANNAME}?",
	}},
}

// syllables build names no list holds: two or three of them make a given
// name, three a family name.
var (
	syllOnset = []string{"b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kr", "tr", "th", "sh", "ch"}
	syllVowel = []string{"a", "e", "i", "o", "u", "ai", "ou", "ei"}
	syllCoda  = []string{"", "", "", "n", "r", "l", "s", "k", "th", "x"}
	// Given names that are also ordinary words or months.
	wordNames = []string{"June", "April", "May", "Summer", "Autumn", "Hope", "Faith", "Grace", "Joy", "Dawn", "Rose",
		"Ivy", "Pearl", "Hunter", "Chase", "Will", "Mark", "Bill", "Rich", "Angel", "Sunny", "Page", "Destiny",
		"Mercy", "Crystal", "Misty", "Sky", "Robin", "Jade", "Amber"}
	particleNames = []string{"maría de los ángeles", "Juan de la Cruz", "Ahmed bin Rashid al-Mansour", "Anna van der Berg",
		"Luis del Río", "Karim ibn Saleh", "Pieter van Dijk", "Lucía de la Fuente", "Omar al-Hashimi",
		"Greta von Arnim"}
	suffixes = []string{"Jr.", "Jr", "Sr.", "III", "II", "IV"}
)

func (g *gen) syllable() string {
	return g.pick(syllOnset) + g.pick(syllVowel) + g.pick(syllCoda)
}

// inventedName is a name built from syllables: "Zoukath", "Threivos".
func (g *gen) inventedName(parts int) string {
	var b strings.Builder
	for range parts {
		b.WriteString(g.syllable())
	}
	w := b.String()
	return strings.ToUpper(w[:1]) + w[1:]
}

func (g *gen) maybeLower(s string) string {
	if g.r.IntN(2) == 0 {
		return strings.ToLower(s)
	}
	return s
}

// split breaks a name so no list matches it: "Jo-hn", "Smi th", "Ma.ria".
func (g *gen) split(name string) string {
	if len(name) < 4 {
		return name
	}
	at := 2
	if g.r.IntN(2) == 0 {
		at = len(name) - 2
	}
	return name[:at] + g.pick([]string{"-", " ", "."}) + name[at:]
}

func (g *gen) categoryValuePositions(ph, lang string) (seg, bool) {
	switch ph {
	case "UNAME":
		n := g.inventedName(2 + g.r.IntN(2))
		if g.r.IntN(2) == 0 {
			n += " " + g.inventedName(3)
		}
		return seg{g.maybeLower(n), "NAME"}, true
	case "UNAME2":
		return seg{g.maybeLower(g.inventedName(2+g.r.IntN(2)) + " " + g.inventedName(3)), "NAME"}, true
	case "UNAMECAP":
		return seg{g.inventedName(3), "NAME"}, true
	case "WORDNAME":
		n := g.pick(wordNames)
		if g.r.IntN(3) == 0 {
			n = strings.ToLower(n)
		}
		return seg{n, "NAME"}, true
	case "WORDNAMECAP":
		// Not the months and seasons: "it's for April" is as often a date.
		n := g.pick(wordNames)
		for n == "June" || n == "April" || n == "May" || n == "Summer" || n == "Autumn" {
			n = g.pick(wordNames)
		}
		return seg{n, "NAME"}, true
	case "SPLITNAME":
		first, last := g.pick(firstEN), g.pick(lastEN)
		n := g.split(first) + " " + last
		if g.r.IntN(2) == 0 {
			n = first + " " + g.split(last)
		}
		if g.r.IntN(3) == 0 {
			n = g.split(first) + " " + g.split(last)
		}
		return seg{g.maybeLower(n), "NAME"}, true
	case "SPELLNAME":
		n := strings.ToLower(g.inventedName(3))
		return seg{strings.Join(strings.Split(n, ""), " "), "NAME"}, true
	case "LEADINIT":
		return seg{fmt.Sprintf("%c. %s %s", 'A'+rune(g.r.IntN(26)), g.pick(firstEN), g.inventedName(3)), "NAME"}, true
	case "SUFFIXNAME":
		return seg{g.pick(firstEN) + " " + g.inventedName(3) + " " + g.pick(suffixes), "NAME"}, true
	case "PARTICLENAME":
		return seg{g.pick(particleNames), "NAME"}, true
	case "VOWELMID":
		n := g.inventedName(2) + " " + g.pick([]string{"a", "e", "i", "o", "u"}) + ". " + g.inventedName(3)
		return seg{strings.ToLower(n), "NAME"}, true
	case "THANKSTAIL":
		return lit(g.pick([]string{"again", "so much", "a lot", "everyone", "guys", "in advance", "for your help", "team", "anyway", "for checking"})), true
	case "THANKSTAIL2":
		return lit(g.pick([]string{"thanks again", "thank you everyone", "thx guys", "cheers everyone", "thanks so much", "see you then"})), true
	case "GRACIASTAIL":
		return lit(g.pick([]string{"de nuevo", "a todos", "por todo", "por la ayuda", "igualmente", "muchachas"})), true
	case "CLEANVERB":
		return lit(g.pick([]string{"call", "text", "email", "tell", "ask", "remind", "let"})), true
	case "CLEANOBJ":
		return lit(g.pick([]string{"me back", "me tomorrow", "everyone", "the front desk", "billing", "us back", "the pharmacy", "us on monday"})), true
	case "LASTFIRSTCAP":
		return seg{g.inventedName(3) + ", " + g.pick(firstEN), "NAME"}, true
	case "GREETLINE":
		return lit(g.pick([]string{"Hi there, is the office open today?", "hello everyone!", "Hey all, quick question",
			"can you send it to billing", "Can we pick up the forms", "will pick up the forms tomorrow",
			"Good morning, May I come in early?", "hope you are well", "Sure, that works", "Dallas, Texas",
			"it's me again", "mother of two here, quick question", "the name's on the form"})), true
	case "DAYREL":
		return lit(g.pick([]string{"yesterday", "today", "tomorrow", "Monday", "Friday", "last week", "this week"})), true
	case "ROLE":
		return lit(g.pick([]string{"doctor", "nurse", "school", "dentist", "therapist", "clinic"})), true
	case "SEASONLINE":
		m := g.pick([]string{"June", "April", "May", "July", "March", "August"})
		return lit(g.pick([]string{"appointments for " + m + "?", "Re: " + m + " schedule", "summer hours please",
			"are you open in " + m, "see you in " + m, "do you have slots for " + m})), true
	case "PLANNAME":
		return lit(g.pick([]string{"Oscar Health", "Ambetter", "Harvard Pilgrim", "Geisinger", "Molina", "Wellcare", "Highmark", "Florida Blue"})), true
	case "PLANQ":
		p, _ := g.categoryValuePositions("PLANNAME", lang)
		return lit(g.pick([]string{"do you take " + p.text + "?", "is " + p.text + " in network?", "do you accept " + p.text + "?",
			"is " + p.text + " accepted?"})), true
	}
	return seg{}, false
}

// generatePositions writes the sets above from their own random stream.
func generatePositions(seed uint64) []Example {
	g := &gen{r: rand.New(rand.NewPCG(seed^0x5eed5, seed+5))}
	return g.generateSets(categoryTemplatesPositions, nil)
}
