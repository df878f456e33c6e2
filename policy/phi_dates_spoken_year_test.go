package policy

import "testing"

// A date in digits followed by its year in words: the year belongs to the
// span. Each day form × month × year said in words × lead.
func TestDatesEndingInASpokenYear(t *testing.T) {
	days := []string{"march 14", "14 march", "the 3rd of may", "june 21st", "9 oct", "Sept 2", "the 30th of november"}
	years := []string{"nineteen sixty two", "nineteen sixty-two", "nineteen eighty", "nineteen oh five",
		"two thousand and five", "two thousand twelve", "eighteen ninety-nine"}
	leads := []string{"born ", "dob ", "my date of birth is ", "she was born on ", "birthday: ", "fecha de nacimiento "}
	n := 0
	for di, day := range days {
		for yi, year := range years {
			for _, sep := range []string{" ", ", "} {
				lead := leads[(di+yi)%len(leads)]
				date := day + sep + year
				text := lead + date + " thanks"
				n++
				if !spanCaught(text, date, SpanDOB) {
					t.Errorf("%q: %q not masked as a birth date: %q", text, date, Detect(text).Masked)
				}
			}
		}
	}
	// Any date, not only a birth date, keeps its spoken century year.
	for _, c := range []struct{ text, date string }{
		{"the clinic opened june 3 nineteen ninety-eight", "june 3 nineteen ninety-eight"},
		{"see you on the 5th of june two thousand twenty six", "the 5th of june two thousand twenty six"},
		{"my surgery was on april 2, two thousand nineteen", "april 2, two thousand nineteen"},
	} {
		if !spanCaught(c.text, c.date, SpanDate) && !spanCaught(c.text, c.date, SpanDOB) {
			t.Errorf("%q: %q not masked: %q", c.text, c.date, Detect(c.text).Masked)
		}
	}
	if n < 90 {
		t.Fatalf("only %d variants", n)
	}
}

// A year without its century ("sixty two") is taken only after a birth
// date; after any other date the words are a count and stay readable.
func TestCenturylessSpokenYearOnlyAfterABirthDate(t *testing.T) {
	for _, tens := range []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
		for _, unit := range []string{"", " two", "-seven"} {
			year := tens + unit
			for _, lead := range []string{"dob is 9 march ", "born march 14 ", "date of birth: 3 june, "} {
				text := lead + year
				if d := Detect(text); len(spansTyped(d, SpanDOB)) == 0 || !spanCaught(text, year, SpanDOB) {
					t.Errorf("%q: the year %q not masked with the birth date: %q", text, year, d.Masked)
				}
			}
		}
	}
	for _, c := range []struct{ text, words string }{
		{"we met on march 14 sixty people came", "sixty people"},
		{"appointment on may 5, twenty minutes early please", "twenty minutes"},
		{"on june 2 forty patients were seen", "forty patients"},
		{"see you march 3 thirty minutes before", "thirty minutes"},
	} {
		if d := Detect(c.text); spanCaught(c.text, c.words, SpanDate) || spanCaught(c.text, c.words, SpanDOB) {
			t.Errorf("%q: the count %q was masked as part of a date: %q", c.text, c.words, d.Masked)
		}
	}
}
