package policy

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// want is an expected span: its type and the exact text it covers.
type want struct {
	typ  SpanType
	text string
}

func spansOf(text string, d Detection) []want {
	var out []want
	for _, s := range d.Spans {
		out = append(out, want{s.Type, text[s.Start:s.End]})
	}
	return out
}

func TestDetectIdentifiers(t *testing.T) {
	cases := []struct {
		text string
		want []want
	}{
		// Phones, every common US form and international.
		{"call me at (555) 123-4567", []want{{SpanPhone, "(555) 123-4567"}}},
		{"my cell 312.555.0199", []want{{SpanPhone, "312.555.0199"}}},
		{"text 3125550199 anytime", []want{{SpanPhone, "3125550199"}}},
		{"+1 312 555 0199", []want{{SpanPhone, "+1 312 555 0199"}}},
		{"1-800-555-0100", []want{{SpanPhone, "1-800-555-0100"}}},
		{"mi cel +52 55 1234 5678", []want{{SpanPhone, "+52 55 1234 5678"}}},
		{"+34 612 345 678", []want{{SpanPhone, "+34 612 345 678"}}},
		{"fax: 312-555-0123", []want{{SpanFax, "312-555-0123"}}},
		{"it's 555-0123", []want{{SpanPhone, "555-0123"}}},
		// Emails, plain and spelled out.
		{"email maria.lopez@gmail.com thanks", []want{{SpanEmail, "maria.lopez@gmail.com"}}},
		{"juan arroba hotmail punto com", []want{{SpanEmail, "juan arroba hotmail punto com"}}},
		{"ana[at]yahoo(dot)com", []want{{SpanEmail, "ana[at]yahoo(dot)com"}}},
		{"I'm at home", nil},
		// SSNs with structure rules.
		{"SSN 219-09-1234", []want{{SpanSSN, "219-09-1234"}}},
		{"my social is 219091234", []want{{SpanSSN, "219091234"}}},
		{"seguro social 219 09 1234", []want{{SpanSSN, "219 09 1234"}}},
		// Dates of birth and other dates.
		{"DOB 03/14/1962", []want{{SpanDOB, "03/14/1962"}}},
		{"born March 14, 1962", []want{{SpanDOB, "March 14, 1962"}}},
		{"fecha de nacimiento 14/03/1962", []want{{SpanDOB, "14/03/1962"}}},
		{"nací el 14 de marzo de 1962", []want{{SpanDOB, "14 de marzo de 1962"}}},
		{"d.o.b. 1962-03-14", []want{{SpanDOB, "1962-03-14"}}},
		{"appointment on 3/4 at 2", []want{{SpanDate, "3/4"}}},
		{"see you March 4th", []want{{SpanDate, "March 4th"}}},
		{"the 4th of July party", []want{{SpanDate, "the 4th of July"}}},
		{"born in 1931", []want{{SpanDOB, "1931"}}},
		// Ages over 89 only.
		{"my mom is 92 years old", []want{{SpanAge, "92"}}},
		{"mi abuela tiene 95 años", []want{{SpanAge, "95"}}},
		{"he is 45 years old", nil},
		// Record, plan, account, licence, vehicle and device numbers.
		{"MRN: 00482913", []want{{SpanMRN, "00482913"}}},
		{"número de expediente A1234567", []want{{SpanMRN, "A1234567"}}},
		{"member id XWZ123456789", []want{{SpanMemberID, "XWZ123456789"}}},
		{"Medicare 1EG4-TE5-MK73", []want{{SpanMemberID, "1EG4-TE5-MK73"}}},
		{"acct 4471-9920", []want{{SpanAccount, "4471-9920"}}},
		{"card 4111 1111 1111 1111", []want{{SpanCard, "4111 1111 1111 1111"}}},
		{"DEA AB1234563", []want{{SpanLicense, "AB1234563"}}},
		{"npi 1234567893", []want{{SpanLicense, "1234567893"}}},
		{"license plate 7ABC123", []want{{SpanVehicle, "7ABC123"}}},
		{"placa ABC-1234", []want{{SpanVehicle, "ABC-1234"}}},
		{"1HGCM82633A004352", []want{{SpanVehicle, "1HGCM82633A004352"}}},
		{"pump serial PM12345678", []want{{SpanDevice, "PM12345678"}}},
		// URLs, IPs, handles.
		{"see https://mychart.example.com/p/123.", []want{{SpanURL, "https://mychart.example.com/p/123"}}},
		{"www.facebook.com/maria.lopez", []want{{SpanURL, "www.facebook.com/maria.lopez"}}},
		{"ip 192.168.10.4", []want{{SpanIP, "192.168.10.4"}}},
		{"ig @maria_g", []want{{SpanID, "@maria_g"}}},
		// Addresses and ZIP codes.
		{"I live at 123 Main St, Apt 4B", []want{{SpanAddress, "123 Main St, Apt 4B"}}},
		{"Calle Mayor 12, piso 3", []want{{SpanAddress, "Calle Mayor 12, piso 3"}}},
		{"PO Box 4471", []want{{SpanAddress, "PO Box 4471"}}},
		{"my address is 4417 Elston, Chicago", []want{{SpanAddress, "4417 Elston, Chicago"}}},
		{"my address is 45 elm street apt 3b, springfield, il 62704", []want{{SpanAddress, "45 elm street apt 3b, springfield, il"}, {SpanZIP, "62704"}}},
		{"12 rue de la paix, 75002 paris, france", []want{{SpanAddress, "12 rue de la paix"}, {SpanZIP, "75002"}, {SpanAddress, "paris, france"}}},
		// The address stops at "and"; the son's cold is a statement of its own.
		{"I live at 12 Elm St, Springfield and my son has a cold", []want{{SpanAddress, "12 Elm St, Springfield"}, {SpanSymptom, "and my son has a cold"}}},
		// The town is smaller than a state: an identifier of its own.
		{"Springfield, IL 62704", []want{{SpanAddress, "Springfield, IL"}, {SpanZIP, "62704"}}},
		{"zip 90210", []want{{SpanZIP, "90210"}}},
		{"CP 06700", []want{{SpanZIP, "06700"}}},
		// Names: cues, lexicon, casing, order, Spanish.
		{"my name is Maria Lopez", []want{{SpanName, "Maria Lopez"}}},
		{"this is john smith", []want{{SpanName, "john smith"}}},
		{"me llamo Xiomara Quispe", []want{{SpanName, "Xiomara Quispe"}}},
		{"LOPEZ, MARIA", []want{{SpanName, "LOPEZ, MARIA"}}},
		{"my son Luis has a fever", []want{{SpanName, "Luis"}, {SpanSymptom, "has a fever"}}},
		{"Dr. Nguyen said ok", []want{{SpanName, "Nguyen"}}},
		{"María de la Cruz", []want{{SpanName, "María de la Cruz"}}},
		{"tell Grace Kim I'm late", []want{{SpanName, "Grace Kim"}}},
		{"Rigoberto Thistlewood here, question about my bill", []want{{SpanName, "Rigoberto Thistlewood"}}},
		{"can Xiomara Quispe pick up the forms", []want{{SpanName, "Xiomara Quispe"}}},
		{"Pt: Robert J. Anderson", []want{{SpanName, "Robert J. Anderson"}}},
		{"Her maiden name was O'Connor", []want{{SpanName, "O'Connor"}}},
		{"Last name Nguyen first name Thi", []want{{SpanName, "Nguyen"}, {SpanName, "Thi"}}},
		{"las placas son JKL-4521", []want{{SpanVehicle, "JKL-4521"}}},
		// Towns, IPv6, numbers and ages in words.
		{"we moved to San Antonio last year", []want{{SpanAddress, "San Antonio"}}},
		{"vivo en Monterrey con mi hija", []want{{SpanAddress, "Monterrey"}}},
		{"I live in Texas", nil},
		{"my IP is 2001:db8::8a2e:370:7334", []want{{SpanIP, "2001:db8::8a2e:370:7334"}}},
		{"call five five five, one two three, four five six seven", []want{{SpanPhone, "five five five, one two three, four five six seven"}}},
		{"mi ssn es dos uno nueve cero nueve uno dos tres cuatro", []want{{SpanSSN, "dos uno nueve cero nueve uno dos tres cuatro"}}},
		{"I have one or two questions", nil},
		{"Patient is ninety-two years old", []want{{SpanAge, "ninety-two"}}},
		{"tiene noventa y cinco años", []want{{SpanAge, "noventa y cinco"}}},
	}
	for _, c := range cases {
		d := Detect(c.text)
		got := spansOf(c.text, d)
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("Detect(%q)\n got  %v\n want %v", c.text, got, c.want)
		}
	}
}

// TestDetectHardNegatives: numbers that are not identifiers stay readable.
func TestDetectHardNegatives(t *testing.T) {
	clean := []string{
		"Where do I park?",
		"took 500 mg this morning",
		"BP 120/80 after lunch",
		"3/4 tab twice a day",
		"1/2 pill at night",
		"rated it 7/10",
		"see you at 2",
		"at 3:30 then",
		"suite 200, floor 3",
		"We are in suite 200 on the 3rd floor",
		"open 24/7?",
		"2-3 days",
		"copay is $1,250.00",
		"the code is 4821",
		"room 1203",
		"Will you be open Monday?",
		"May I come at 2?",
		"Hope you have a good day",
		"Mark my appointment as confirmed",
		"I'm home early today",
		"this is urgent please call back",
		"we live 2 blocks down the road",
		"version 2.3.1 of the app",
		"¿A qué hora abren el sábado?",
		"llego en 10 minutos",
		"tomé 1/2 pastilla",
		"nos vemos el lunes a las 10",
		"Can I reschedule to Tuesday at 3:30?",
		"Do you accept Blue Cross?",
		"Happy Memorial Day!",
		"I Will Be There Soon",
		"WHERE DO I PARK",
	}
	for _, s := range clean {
		d := Detect(s)
		if len(d.Spans) != 0 || d.Masked != s {
			t.Errorf("Detect(%q) masked %q, want it untouched", s, d.Masked)
		}
	}
}

// TestDetectEvasion: disguised identifiers are found and the original
// characters, disguise included, are masked.
func TestDetectEvasion(t *testing.T) {
	cases := []struct {
		text string
		typ  SpanType
	}{
		{"call 5\u200b5\u200b5\u200b-\u200b3\u200b1\u200b2\u200b-\u200b0\u200b1\u200b9\u200b9", SpanPhone},
		{"call ３１２-５５５-０１９９", SpanPhone},
		{"call ٣١٢-٥٥٥-٠١٩٩", SpanPhone},
		{"call ३१२ ५५५ ०१९९", SpanPhone},
		{"call 𝟑𝟏𝟐𝟓𝟓𝟓𝟎𝟏𝟗𝟗", SpanPhone},
		{"call 3 1 2 5 5 5 0 1 9 9", SpanPhone},
		{"call 312 - 555 - 0199", SpanPhone},
		{"ssn 219\u00ad09\u00ad1234", SpanSSN},
		{"mаriа.lоpez@gmаil.com", SpanEmail}, // Cyrillic а and о
		{"my name is Ｍａｒíａ Ｌóｐｅｚ", SpanName},
		{"DOB\u00a003/14/1962", SpanDOB},
		{"this is j\u2060o\u2060h\u2060n s\u2060m\u2060i\u2060t\u2060h", SpanName},
	}
	for _, c := range cases {
		d := Detect(c.text)
		if len(d.Spans) != 1 || !sameFamily(string(d.Spans[0].Type), string(c.typ)) {
			t.Errorf("Detect(%q) = %v, want one %s span", c.text, spansOf(c.text, d), c.typ)
			continue
		}
		// The span runs to the end of the message: nothing of the
		// identifier may remain after masking.
		if d.Spans[0].End != len(c.text) {
			t.Errorf("Detect(%q) span ends at %d of %d: %q left unmasked", c.text, d.Spans[0].End, len(c.text), c.text[d.Spans[0].End:])
		}
	}
}

func TestDetectMaskedText(t *testing.T) {
	text := "Hi, I'm Maria Lopez, DOB 03/14/1962, cell (555) 123-4567, I have chest pain"
	d := Detect(text)
	want := "Hi, I'm [NAME], DOB [DOB], cell [PHONE], [SYMPTOM]"
	if d.Masked != want {
		t.Errorf("masked %q, want %q", d.Masked, want)
	}
	if !d.Clinical || !d.HasIdentifiers() {
		t.Errorf("Clinical=%v HasIdentifiers=%v, want both", d.Clinical, d.HasIdentifiers())
	}
	if got := strings.Join(d.SpanTypes(), ","); got != "NAME,DOB,PHONE,SYMPTOM" {
		t.Errorf("SpanTypes %s", got)
	}
	for _, s := range d.Spans {
		if s.Confidence < 0.5 || s.Confidence > 1 {
			t.Errorf("span %+v: confidence out of range", s)
		}
	}
}

func TestDetectClinical(t *testing.T) {
	cases := []struct {
		text     string
		clinical bool
	}{
		{"Is it safe to take ibuprofen with lisinopril?", true},
		{"I've had a fever since yesterday", true},
		{"my A1C came back high", true},
		{"¿Puedo tomar paracetamol con la metformina?", true},
		{"tengo dolor de pecho", true},
		{"can I double my dose?", true},
		{"Where do I park?", false},
		{"Can I reschedule to Tuesday?", false},
		{"What time do you open?", false},
		{"Can I pick up my pills today?", false},
		{"Is it ok to take my pills with food?", true},
		{"¿Puedo dejar de tomar las pastillas?", true},
	}
	for _, c := range cases {
		if got := Detect(c.text).Clinical; got != c.clinical {
			t.Errorf("Detect(%q).Clinical = %v, want %v", c.text, got, c.clinical)
		}
	}
}

// TestDetectConcurrent runs the engine from many goroutines at once (run
// with -race): the lexicon and pooled buffers must not be shared unsafely.
func TestDetectConcurrent(t *testing.T) {
	msgs := []string{
		"my name is Maria Lopez, DOB 03/14/1962",
		"call ３１２-５５５-０１９９",
		"Where do I park?",
		"SSN 219-09-1234 and card 4111 1111 1111 1111",
	}
	want := make([]string, len(msgs))
	for i, m := range msgs {
		want[i] = Detect(m).Masked
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				k := (g + i) % len(msgs)
				if got := Detect(msgs[k]).Masked; got != want[k] {
					t.Errorf("concurrent Detect(%q) = %q, want %q", msgs[k], got, want[k])
					return
				}
			}
		}(g)
	}
	wg.Wait()
}

func TestNormalize(t *testing.T) {
	cases := map[string]string{
		"５５５－１２３４":         "555-1234",
		"𝟏𝟐𝟑 ①":            "123 1",
		"55\u200b5":        "555",
		"٥٥٥ ५५५":          "555 555",
		"Jоhn":             "john", // Cyrillic о
		"José Muñoz":       "jose munoz",
		"ﬁle":              "file",
		"a\u00a0b":         "a b",
		"12\u201334":       "12-34",
		"ｊｏｈｎ＠ｘ．ｃｏｍ":       "john@x.com",
		"MARÍA 😀 LÓPEZ":    "maria   lopez",
		"e\u0301":          "e",
		"tag\U000E0041x":   "tagx",
		"plain ascii TEXT": "plain ascii text",
	}
	for in, want := range cases {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDetectAllocations: Detect runs on every keystroke preview, so a clean
// message must cost no allocation and a message with PHI only its result
// (the span slice and the masked string).
func TestDetectAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	Detect("warm up")
	if n := testing.AllocsPerRun(200, func() { Detect("Can I reschedule to Tuesday at 3:30?") }); n != 0 {
		t.Errorf("clean message: %v allocations, want 0", n)
	}
	if n := testing.AllocsPerRun(200, func() { Detect("my name is Maria Lopez, DOB 03/14/1962") }); n > 2 {
		t.Errorf("message with PHI: %v allocations, want at most 2", n)
	}
}

// TestAgeWordEndingTheMessage: a spelled age that is the last word of a
// message ("he is ninety") used to read past the last token and panic.
func TestAgeWordEndingTheMessage(t *testing.T) {
	for _, c := range []struct {
		text string
		age  bool
	}{
		{"ninety", false},
		{"he is ninety", true},
		{"mi abuela tiene noventa", true},
		{"she is a hundred", false},
		{"cien", false},
	} {
		d := Detect(c.text)
		got := false
		for _, s := range d.Spans {
			got = got || s.Type == SpanAge
		}
		if got != c.age {
			t.Errorf("Detect(%q) = %q, want an AGE span: %v", c.text, d.Masked, c.age)
		}
	}
}

// TestDetectMaskedExtents pins where a span stops: a plate's second group
// is the plate, the sentence after it is not; a Spanish short year after
// "del" is the date, a range of days is not.
func TestDetectMaskedExtents(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plate KJ19 ABC", "plate [VEHICLE]"},
		{"matrícula 1234 BCD, estoy afuera", "matrícula [VEHICLE], estoy afuera"},
		{"plate 7XYZ123 please", "plate [VEHICLE] please"},
		{"my plate is 7XYZ123 OK", "my plate is [VEHICLE] OK"},
		{"nació el 5 de mayo del 48", "nació el [DOB]"},
		{"mi mamá nació el 5 de mayo del 48", "mi mamá nació el [DOB]"},
		{"mi tía (93) viene conmigo", "mi tía ([AGE]) viene conmigo"},
		{"la cita es el 5 de mayo del 10 al 12", "la cita es el [DATE] del 10 al 12"},
		{"my son will is sick", "my son [NAME] is sick"},
		{"my son will be late", "my son will be late"},
		{"my mum 王秀英 is coming", "my mum [NAME] is coming"},
		{"thanks 谢谢", "thanks 谢谢"},
		{"tengo el brazo izquierdo dormido", "[SYMPTOM]"},
		{"tengo el carro afuera", "tengo el carro afuera"},
	} {
		if got := Detect(c.in).Masked; got != c.want {
			t.Errorf("%q masked %q, want %q", c.in, got, c.want)
		}
	}
}
