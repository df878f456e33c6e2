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

// TestStreetsNamedAfterDates generates streets named after a day and a
// month, as Latin America, Spain and Italy name them, with a house number
// after the name: the date reader must give the day and month back to
// the street, and a date in a sentence must stay a date.
func TestStreetsNamedAfterDates(t *testing.T) {
	types := []string{"Calle", "Avenida", "Av.", "Rua", "Via", "Calzada", "Paseo"}
	names := []string{"5 de Mayo", "16 de Septiembre", "9 de Julio", "4 Novembre", "20 de Noviembre", "1 de Maio"}
	numbers := []string{"102", "45-12", "1024-3", "8"}
	for i, ty := range types {
		for j, nm := range names {
			addr := ty + " " + nm + " " + numbers[(i+j)%len(numbers)]
			for _, msg := range []string{"i live at " + addr + ", Puebla", "send it to " + addr, addr + " casa azul"} {
				d := Detect(msg)
				at := strings.Index(msg, addr)
				if !freshCovered(msg, corpusSpan{Start: at, End: at + len(addr)}, d.Spans) {
					t.Errorf("Detect(%q) = %q: street not masked", msg, d.Masked)
				}
				for _, s := range d.Spans {
					if s.Type == SpanDate && s.Start >= at && s.End <= at+len(addr) {
						t.Errorf("Detect(%q) = %q: the street's name read as a date", msg, d.Masked)
					}
				}
			}
		}
	}
	// Dates in sentences stay dates, not streets.
	for _, msg := range []string{"my appointment is on 5 de mayo at 10", "came via ambulance march 3 2024",
		"la cita es el 16 de septiembre", "from 4 november to 12 december"} {
		for _, s := range Detect(msg).Spans {
			if s.Type == SpanAddress {
				t.Errorf("Detect(%q) = %q: a date read as a street", msg, Detect(msg).Masked)
			}
		}
	}
}

// TestStreetShapesWithCommasAndParticles generates English-order streets
// whose name holds a particle ("7 de waal dr"), house numbers followed by
// a comma ("42, rue des martyrs"), numbered streets followed by ", #"
// ("calle 100, # 19-61") and units written "app 4", each with its town.
func TestStreetShapesWithCommasAndParticles(t *testing.T) {
	var addrs []string
	for _, num := range []string{"7", "23", "118"} {
		for _, st := range []string{"de waal dr", "van riebeeck ave", "du plessis st", "van der stel street", "da silva rd", "de la rosa st"} {
			for _, town := range []string{"cape town 8001", "stellenbosch 7600", "auckland 1025"} {
				addrs = append(addrs, num+" "+st+" "+town)
			}
		}
	}
	for _, num := range []string{"100", "45", "13"} {
		for _, tail := range []string{", # 19-61, apto 1203, bogotá", ", # 23-12, medellín"} {
			addrs = append(addrs, "calle "+num+tail, "carrera "+num+tail)
		}
	}
	for _, a := range []string{"42, rue des martyrs, 75009 paris", "345 rue saint-denis app 4 montréal qc h2x 3l2",
		"18, avenue foch, 75116 paris", "12 rue de la paix app 3 75002 paris"} {
		addrs = append(addrs, a)
	}
	for _, addr := range addrs {
		for _, msg := range []string{addr, "we're at " + addr, "address is " + addr + " thanks"} {
			d := Detect(msg)
			at := strings.Index(msg, addr)
			if !freshCovered(msg, corpusSpan{Start: at, End: at + len(addr)}, d.Spans) {
				t.Errorf("Detect(%q) = %q: address not masked", msg, d.Masked)
			}
		}
	}
	// A time with a particle and a doctor's title is no street.
	for _, msg := range []string{"cita a las 10 de la mañana dr perez", "at 3 de la tarde st luke's clinic",
		"the 2 de facto rules", "take 2 of the pills then rest"} {
		for _, s := range Detect(msg).Spans {
			if s.Type == SpanAddress {
				t.Errorf("Detect(%q) = %q: masked an address in a clean message", msg, Detect(msg).Masked)
			}
		}
	}
}
