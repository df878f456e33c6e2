package policy

import (
	"strings"
	"testing"
)

// French and Portuguese statements of mood, anxiety, sleep, drink and
// sexual health, and the everyday complaints and pharmacy drugs the first
// lists left out: each subject × statement × time × frame, masked whole.
func TestFrenchPortugueseMindStatements(t *testing.T) {
	type lang struct {
		first, third []string // statements said by the writer, of someone else
		others       []string
		times        []string
	}
	french := lang{
		first: []string{"je me sens déprimée", "je fais des crises d'angoisse", "je n'arrive pas à dormir", "je dors mal",
			"je bois trop", "j'ai des idées noires", "j'ai envie de mourir", "j'ai un rhume", "j'ai le nez qui coule",
			"j'ai des brûlures d'estomac", "je prends du doliprane", "j'ai eu un rapport non protégé"},
		third: []string{"a des crises de panique", "n'arrive plus à dormir", "boit trop", "est déprimée", "a une entorse",
			"a la varicelle", "est sous antidépresseurs", "a besoin de la pilule du lendemain", "a des pertes blanches",
			"a fait une tentative de suicide"},
		others: []string{"ma fille", "mon mari", "ma mère", "mon fils", "elle"},
		times:  []string{"depuis hier", "depuis trois semaines", "ce matin", ""},
	}
	portuguese := lang{
		first: []string{"não consigo dormir", "durmo mal", "bebo demais", "penso em me matar", "estou sem vontade de viver",
			"tenho crises de ansiedade", "estou gripada", "estou com azia", "tenho enxaqueca", "tomo dipirona",
			"estou com corrimento", "preciso da pílula do dia seguinte", "estou com o nariz escorrendo"},
		third: []string{"tem crise de ansiedade", "não consegue dormir", "bebe muito", "está resfriado", "está com catapora",
			"toma antidepressivo", "teve um derrame", "tem dor nas juntas", "está deprimida", "fuma maconha"},
		others: []string{"minha filha", "meu marido", "minha mãe", "meu filho", "ela"},
		times:  []string{"desde ontem", "há três semanas", "hoje de manhã", ""},
	}
	frames := []string{"%s", "bonjour, %s, merci", "olá, %s. obrigada", "%s. can you call me back"}
	n := 0
	check := func(stmt string) {
		for _, frame := range frames {
			text := strings.Replace(frame, "%s", stmt, 1)
			n++
			if !clinicalCaught(text, stmt) {
				t.Errorf("%q: %q not masked: %q", text, stmt, Detect(text).Masked)
			}
		}
	}
	for _, l := range []lang{french, portuguese} {
		for i, c := range l.first {
			check(strings.TrimSpace(c + " " + l.times[i%len(l.times)]))
		}
		for i, c := range l.third {
			for j := 0; j < 2; j++ {
				check(strings.TrimSpace(l.others[(i+j)%len(l.others)] + " " + c + " " + l.times[(i+j)%len(l.times)]))
			}
		}
	}
	if n < 250 {
		t.Fatalf("only %d variants", n)
	}
	// The clinic's French and Portuguese, and the everyday senses.
	for _, clean := range []string{
		"bonjour, la clinique est ouverte samedi ?",
		"je suis stressée par le trafic, j'arrive en retard",
		"quelle est votre adresse s'il vous plaît",
		"je bois un café en attendant, merci",
		"olá, vocês abrem no domingo?",
		"estou ansiosa para ver vocês amanhã",
		"não consigo achar o estacionamento",
		"obrigada pela ajuda, até amanhã",
		"não consigo entrar no portal",
		"est-ce que je peux venir plus tôt demain ?",
	} {
		if d := Detect(clean); len(d.Spans) > 0 {
			t.Errorf("%q: masked a clean message: %q", clean, d.Masked)
		}
	}
}
