package policy

import (
	"strings"
	"testing"
)

// TestLowerCaseStreetsAbroad generates street addresses typed in lower
// case with no cue, in the order of southern Europe and Latin America:
// street type, name (often with a particle), number, then a floor, a door
// or a postcode and town. The whole line must be masked, the floor and
// the town included.
func TestLowerCaseStreetsAbroad(t *testing.T) {
	streets := []string{"rua de são bento", "rua do ouvidor", "via di ripetta", "via dante", "viale dei mille",
		"strada della repubblica", "rue du faubourg saint-honoré", "rue des écoles", "carrer de provença",
		"travessa do carmo", "rua das flores", "via delle rose"}
	numbers := []string{"12", "142", "8", "1500"}
	follows := []string{"2º andar 1200-821 lisboa", "00186 roma", "75008 paris", "int 4 20121 milano",
		"sala 1101 centro", "3000-125 coimbra", "1º dto", "r/c esq", "20040-030 rio de janeiro", "bajo izq"}
	n := 0
	for i, st := range streets {
		for j, num := range numbers {
			f := follows[(i+j)%len(follows)]
			addr := st + " " + num + " " + f
			for _, msg := range []string{addr, addr + " obrigada", "her place is " + addr} {
				n++
				d := Detect(msg)
				if !freshCovered(msg, corpusSpan{Start: strings.Index(msg, addr), End: strings.Index(msg, addr) + len(addr)}, d.Spans) {
					t.Errorf("Detect(%q) = %q: address not masked", msg, d.Masked)
				}
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d variants", n)
	}
}

// TestAddressTailFloorsAndDoors generates addresses whose tail holds the
// floor and door words of several countries between the street and the
// postcode: the tail must go on over them to the town.
func TestAddressTailFloorsAndDoors(t *testing.T) {
	heads := []string{"Calle Mayor 5", "Avenida de la Constitución 33", "Rua Augusta 210", "Kerkstraat 8"}
	parts := []string{"bajo", "2º izq", "sala 3", "bus 3", "lok 4", "r/c", "3º dto", "bloco b"}
	towns := []string{"41004 sevilla", "1100-048 lisboa", "2000 antwerpen", "28013 madrid"}
	for i, h := range heads {
		for j, p := range parts {
			town := towns[(i+j)%len(towns)]
			for _, sep := range []string{", ", " "} {
				addr := h + sep + p + sep + town
				msg := "dirección: " + addr
				d := Detect(msg)
				at := strings.Index(msg, addr)
				if !freshCovered(msg, corpusSpan{Start: at, End: at + len(addr)}, d.Spans) {
					t.Errorf("Detect(%q) = %q: address tail not masked", msg, d.Masked)
				}
			}
		}
	}
}

// TestLowerCaseStreetWordsCleanLookalikes keeps sentences where "via",
// "rue", "route" or "strada" are ordinary words, with numbers after them,
// unmasked.
func TestLowerCaseStreetWordsCleanLookalikes(t *testing.T) {
	for _, msg := range []string{
		"i sent it via email 2 times already",
		"can i pay via the portal 3 days before",
		"results come via post in 10 days",
		"via zoom at 3 pm please",
		"i will rue the day i stopped taking it lol",
		"it came via courier 2 weeks ago",
		"we drove via the m6 for 2 hours",
		"the room is on floor 2 at the back",
		"bus 3 stops outside the clinic",
		"lot 4 of the parking is closed",
		"take 2 tablets 3 times a day",
		"via the app 1200 steps today",
	} {
		d := Detect(msg)
		for _, s := range d.Spans {
			if s.Type == SpanAddress || s.Type == SpanZIP {
				t.Errorf("Detect(%q) = %q: masked a place in a clean message", msg, d.Masked)
			}
		}
	}
}
