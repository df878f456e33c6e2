package policy

import (
	"strings"
	"testing"
)

// A date with its day in digits and its year in words is masked whole.
func TestSpelledYearAfterDigitDay(t *testing.T) {
	var msgs [][2]string
	for _, d := range []string{"March 14 nineteen eighty-four", "may 3 nineteen sixty-two", "July 22, nineteen ninety-one",
		"June 5 nineteen fifty one", "January 9 two thousand three", "5 de junio de mil novecientos setenta"} {
		for _, f := range []string{"born %s", "my dob is %s", "hi, DOB: %s, name on file", "fecha de nacimiento %s"} {
			msgs = append(msgs, [2]string{strings.Replace(f, "%s", d, 1), d})
		}
	}
	checkWhole(t, msgs)
}

func TestSpelledYearAfterDigitDayLookalikes(t *testing.T) {
	for _, text := range []string{"see you March 14, nineteen people came", "the March 14 twenty minute slot"} {
		d := Detect(text)
		for _, s := range d.Spans {
			if strings.Contains(text[s.Start:s.End], "nineteen") || strings.Contains(text[s.Start:s.End], "twenty") {
				t.Errorf("%q: %q masked as a year", text, text[s.Start:s.End])
			}
		}
	}
}
