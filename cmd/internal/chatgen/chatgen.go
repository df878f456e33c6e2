// Package chatgen writes a reproducible stream of clinic chat messages as
// JSON lines {"id":"...","text":"..."}, the input of `triage scan`. It feeds
// the throughput benchmarks (the in-process scan benchmark and the
// whole-process comparison with other redactors), so every tool is timed on
// the same messages.
//
// The mix follows a clinic's inbox: most messages are operational
// (parking, opening hours, running late), about a third carry identifiers
// (names, phone numbers, dates of birth, emails, addresses, record and
// member numbers), some talk about medications, symptoms or results, and a
// fifth are in Spanish. Every value is invented.
package chatgen

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// Message is one input record of `triage scan`.
type Message struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Generator produces messages deterministically from its seed.
type Generator struct {
	rng *rand.Rand
	n   int
}

// New returns a generator; the same seed gives the same messages.
func New(seed uint64) *Generator {
	return &Generator{rng: rand.New(rand.NewPCG(seed, 0x636c696e6963))}
}

// Next returns the next message.
func (g *Generator) Next() Message {
	g.n++
	var t string
	switch p := g.rng.IntN(100); {
	case p < 45:
		t = g.pick(operationalEN)
	case p < 55:
		t = g.pick(operationalES)
	case p < 80:
		t = g.pick(identifierEN)
	case p < 88:
		t = g.pick(identifierES)
	default:
		t = g.pick(clinicalEN)
	}
	return Message{ID: fmt.Sprintf("m%06d", g.n), Text: g.fill(t)}
}

// WriteJSONL writes n messages, one JSON object a line.
func WriteJSONL(w io.Writer, n int, seed uint64) error {
	g := New(seed)
	bw := bufio.NewWriterSize(w, 256<<10)
	enc := json.NewEncoder(bw)
	for range n {
		if err := enc.Encode(g.Next()); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func (g *Generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// fill replaces each {slot} of a template with an invented value.
func (g *Generator) fill(t string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			return b.String()
		}
		j := strings.IndexByte(t[i:], '}')
		b.WriteString(t[:i])
		b.WriteString(g.value(t[i+1 : i+j]))
		t = t[i+j+1:]
	}
}

func (g *Generator) value(slot string) string {
	r := g.rng
	switch slot {
	case "first":
		return g.pick(firstNames)
	case "last":
		return g.pick(lastNames)
	case "phone":
		return fmt.Sprintf(g.pick(phoneShapes), 200+r.IntN(700), 200+r.IntN(700), r.IntN(10000))
	case "dob":
		return fmt.Sprintf(g.pick(dateShapes), 1+r.IntN(12), 1+r.IntN(28), 1935+r.IntN(70))
	case "day":
		return g.pick(weekdays)
	case "time":
		return fmt.Sprintf("%d:%02d", 8+r.IntN(9), 15*r.IntN(4))
	case "email":
		return strings.ToLower(g.pick(firstNames)) + "." + strings.ToLower(g.pick(lastNames)) + "@" + g.pick(mailDomains)
	case "street":
		return fmt.Sprintf("%d %s %s", 10+r.IntN(9000), g.pick(streetNames), g.pick(streetKinds))
	case "zip":
		return fmt.Sprintf("%05d", 10000+r.IntN(89999))
	case "mrn":
		return fmt.Sprintf("%08d", r.IntN(100000000))
	case "member":
		return fmt.Sprintf("%c%c%d", 'A'+r.IntN(26), 'A'+r.IntN(26), 100000000+r.IntN(900000000))
	case "ssn":
		return fmt.Sprintf("%03d-%02d-%04d", 100+r.IntN(565), 10+r.IntN(89), 1000+r.IntN(8999))
	case "drug":
		return g.pick(drugs)
	case "dose":
		return fmt.Sprintf("%d mg", []int{5, 10, 20, 25, 50, 100, 250, 500}[r.IntN(8)])
	case "symptom":
		return g.pick(symptoms)
	case "n":
		return fmt.Sprint(2 + r.IntN(20))
	case "emoji":
		return g.pick(emoji)
	}
	panic("chatgen: unknown slot " + slot)
}

var operationalEN = []string{
	"Where do I park?",
	"Can I reschedule to {day} at {time}?",
	"running {n} minutes late, sorry",
	"Is suite 200 on the 3rd floor?",
	"What time do you open on {day}?",
	"Do you take walk-ins on {day} morning?",
	"Thanks so much, see you {day} {emoji}",
	"Is there a fee if I cancel less than 24 hours before?",
	"Can I bring my paperwork in person instead of the portal?",
	"Ok thank you!",
	"Do I need to fast before the appointment at {time}?",
	"Is the clinic closed for the holiday on {day}?",
	"How long does a new patient visit usually take?",
	"I got a text with a link, is that really from you?",
	"Can someone call me back after {time}? I'm at work until then",
	"Do you have Saturday hours? Weekdays are hard for me",
	"Where do I send the form once it's signed?",
	"Yes, {time} works",
}

var operationalES = []string{
	"¿A qué hora abren el sábado?",
	"¿Puedo cambiar mi cita para el {day} a las {time}?",
	"Voy {n} minutos tarde, disculpe",
	"Gracias, nos vemos el {day} {emoji}",
	"¿Dónde me estaciono?",
	"¿Necesito llevar algún documento a la cita?",
	"¿Aceptan pacientes sin cita?",
	"Perfecto, muchas gracias",
}

var identifierEN = []string{
	"Hi, this is {first} {last}, my date of birth is {dob}",
	"My name is {first} {last} and I need to move my appointment",
	"Please call me back at {phone}",
	"It's {first} {last}, DOB {dob}, calling about my bill",
	"My email is {email}, can you send the form there?",
	"We moved, new address is {street}, zip {zip}",
	"My MRN is {mrn}",
	"Insurance member ID {member}, do you need a copy of the card?",
	"Appointment for {first} {last} on {day} at {time}",
	"my son {first} has a visit {day}, can his dad {first} bring him?",
	"You can reach my wife at {phone} after {time}",
	"For the billing office: SSN {ssn}",
	"{first} {last} here, born {dob}, I never got the reminder",
	"Send the records to {email} please {emoji}",
}

var identifierES = []string{
	"Hola, soy {first} {last}, mi fecha de nacimiento es {dob}",
	"Me llamo {first} {last} y quiero una cita",
	"Mi celular es {phone}, llámeme después de las {time}",
	"Mi correo es {email}",
	"Vivo en {street}, código postal {zip}",
}

var clinicalEN = []string{
	"Can I take {drug} with food? The {dose} ones",
	"I've had {symptom} for {n} days, should I come in?",
	"My pharmacy says the {drug} refill needs approval",
	"Are my lab results back yet?",
	"The {drug} {dose} is making me dizzy, is that normal?",
	"{first} has {symptom} since last night, can we see someone {day}?",
}

var firstNames = []string{"Maria", "James", "Ana", "Robert", "Lucia", "Michael", "Sofia", "David",
	"Carmen", "John", "Elena", "William", "Rosa", "Daniel", "Patricia", "José", "Linda", "Jorge",
	"Jennifer", "Luis", "Priya", "Wei", "Aisha", "Tomás", "Nguyen", "Olga"}

var lastNames = []string{"Lopez", "Smith", "Garcia", "Johnson", "Martinez", "Williams", "Hernandez",
	"Brown", "Gonzalez", "Jones", "Rodriguez", "Miller", "Pérez", "Davis", "Sánchez", "Wilson",
	"Ramírez", "Taylor", "Patel", "Chen", "Okafor", "Kowalski"}

var phoneShapes = []string{"(%03d) %03d-%04d", "%03d-%03d-%04d", "%03d.%03d.%04d", "+1 %03d %03d %04d"}

var dateShapes = []string{"%02d/%02d/%d", "%d/%d/%d", "%[3]d-%02[1]d-%02[2]d"}

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "lunes", "martes", "jueves"}

var mailDomains = []string{"gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com"}

var streetNames = []string{"Main", "Oak", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park"}

var streetKinds = []string{"St", "Ave", "Rd", "Blvd", "Lane", "Dr"}

var drugs = []string{"metformin", "lisinopril", "atorvastatin", "amoxicillin", "sertraline",
	"levothyroxine", "ibuprofen", "omeprazole", "gabapentin", "insulin"}

var symptoms = []string{"a fever", "chest pain", "a bad cough", "headaches", "back pain", "a rash", "nausea"}

var emoji = []string{"🙏", "😊", "👍", "", "", ""}
