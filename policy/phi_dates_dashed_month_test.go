package policy

import (
	"strings"
	"testing"
)

// TestDashedMonthDates: a date printed with the month's name between
// separators ("11-Nov-1952", "3/jan/48", "Nov-11-1952", "03-ene-1950") is
// one date, a birth date after a birth cue; codes of the same letters are
// not dates.
func TestDashedMonthDates(t *testing.T) {
	months := []string{"Jan", "feb", "Mar", "apr", "MAY", "Jun", "jul", "Aug", "sept", "Oct", "nov", "Dec", "ene", "abr", "dic", "March"}
	days := []string{"1", "03", "11", "28"}
	years := []string{"1952", "48", "1931", "2019"}
	seps := []string{"-", "/", "."}
	cues := []string{"dob %s", "born %s", "date of birth: %s", "%s is my dob", "seen on %s"}
	n := 0
	for mi, m := range months {
		for di, d := range days {
			sep := seps[(mi+di)%len(seps)]
			y := years[(mi*3+di)%len(years)]
			dates := []string{d + sep + m + sep + y}
			if sep != "." {
				dates = append(dates, m+sep+d+sep+y)
			}
			for _, date := range dates {
				text := strings.Replace(cues[(mi+di)%len(cues)], "%s", date, 1)
				n++
				d := Detect(text)
				at := strings.Index(text, date)
				ok := false
				for _, s := range d.Spans {
					if (s.Type == SpanDOB || s.Type == SpanDate) && s.Start <= at && at+len(date) <= s.End {
						ok = true
					}
				}
				if !ok {
					t.Errorf("%q: %q not one date: %q", text, date, d.Masked)
				}
			}
		}
	}
	clean := []string{"the mar-3-5 code", "dob 11-Nov", "model dec-12-a", "part 5-may-123x", "45-mar-1952", "30-feb-1952"}
	for _, c := range clean {
		for _, s := range Detect(c).Spans {
			if s.Type == SpanDOB || s.Type == SpanDate {
				t.Errorf("clean %q reads a date: %q", c, Detect(c).Masked)
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d variants", n)
	}
}
