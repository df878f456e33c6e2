package policy

import (
	"strings"
	"testing"
)

// portugueseVerbSentences builds everyday Portuguese questions that open
// with, or turn on, a verb the population tables also hold as a family
// name ("Posso", "Custa").
func portugueseVerbSentences() []string {
	var out []string
	for _, v := range []string{"Posso", "Pode", "Podemos", "Devo", "Preciso", "Quero", "Gostaria de"} {
		for _, rest := range []string{"pagar com Pix?", "ir amanhã?", "levar documento?", "remarcar o horário?",
			"estacionar na rua?", "chegar mais cedo?", "mandar o formulário por e-mail?", "pagar em dinheiro?"} {
			out = append(out, v+" "+rest)
		}
	}
	for _, q := range []string{"Quanto custa %s?", "quanto custa %s?", "Quanto custam %s?", "Sabe quanto custa %s?",
		"Oi, quanto custa %s?"} {
		for _, thing := range []string{"uma consulta particular", "a consulta", "o exame", "uma vacina", "o estacionamento",
			"uma segunda via do boleto"} {
			out = append(out, strings.Replace(q, "%s", thing, 1))
		}
	}
	for _, f := range []string{"Tem %s amanhã?", "tem %s?", "Preciso de %s.", "Vocês fazem %s?", "queria %s pro sábado"} {
		for _, thing := range []string{"uma vaga", "uma vacina", "um horário", "um encaixe", "uma consulta", "um atestado"} {
			out = append(out, strings.Replace(f, "%s", thing, 1))
		}
	}
	return out
}

// laughSentences builds short replies that open with a typed laugh before
// a word the tables hold as a given name.
func laughSentences() []string {
	var out []string
	for _, l := range []string{"jaja", "jajaja", "jeje", "jejeje", "haha", "hahaha", "kkkk", "kkkkkk", "rsrs", "rsrsrs"} {
		for _, w := range []string{"vale", "ok", "vale gracias", "sure thing", "beleza", "vale, nos vemos", "perfecto"} {
			out = append(out, l+" "+w)
		}
	}
	return out
}

// TestPortugueseVerbsAndLaughsAreNoNames checks that Portuguese verbs
// and typed laughs are not read as people.
func TestPortugueseVerbsAndLaughsAreNoNames(t *testing.T) {
	sentences := append(portugueseVerbSentences(), laughSentences()...)
	bad := 0
	for _, s := range sentences {
		if d := Detect(s); len(d.Spans) > 0 {
			bad++
			t.Errorf("%q masked: %q", s, d.Masked)
		}
	}
	t.Logf("%d of %d sentences masked", bad, len(sentences))
}

// TestNamesBesideVerbsAndLaughsStayMasked checks the look-alikes: a
// person named before or after those verbs, a capitalised name that is
// also a laugh's shape, and family names spelled like the verbs.
func TestNamesBesideVerbsAndLaughsStayMasked(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Maria Silva pode vir amanhã?", "Maria Silva"},
		{"Posso levar a Ana Souza amanhã?", "Ana Souza"},
		{"Quanto custa a consulta do João Pereira?", "João Pereira"},
		{"jaja ok, soy Lucía Fernández", "Lucía Fernández"},
		{"haha thanks, this is Priya Raman", "Priya Raman"},
		{"Uma Patel needs a refill", "Uma Patel"},
		{"Sai Krishnan will come at 3", "Sai Krishnan"},
		{"Jaja Okafor is my son", "Jaja Okafor"},
		{"This is Dr. Vale", "Vale"},
	} {
		d := Detect(c.text)
		if !strings.Contains(d.Masked, "[NAME]") || strings.Contains(d.Masked, c.want) {
			t.Errorf("%q: want %q masked, got %q", c.text, c.want, d.Masked)
		}
	}
}
