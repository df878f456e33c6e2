package policy

import (
	"regexp"
	"sort"
	"strings"
)

// First-cut detectors; the full engine replaces this file.
var firstCut = []struct {
	re *regexp.Regexp
	t  SpanType
}{
	{regexp.MustCompile(`[\w.+-]+@[\w-]+(\.[\w-]+)+`), SpanEmail},
	{regexp.MustCompile(`\b\d{3}-\d{2}-\d{4}\b`), SpanSSN},
	{regexp.MustCompile(`(\+?1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}\b`), SpanPhone},
	{regexp.MustCompile(`\b\d{1,2}/\d{1,2}/\d{2,4}\b`), SpanDate},
	{regexp.MustCompile(`(?i)\bMRN[:# ]*\d{5,10}\b`), SpanMRN},
}

// Detect finds PHI in text and returns the spans and the masked text.
func Detect(text string) Detection {
	var spans []Span
	for _, d := range firstCut {
		for _, m := range d.re.FindAllStringIndex(text, -1) {
			spans = append(spans, Span{Start: m[0], End: m[1], Type: d.t, Confidence: 0.9})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	var kept []Span
	end := -1
	for _, s := range spans {
		if s.Start >= end {
			kept = append(kept, s)
			end = s.End
		}
	}
	var b strings.Builder
	last := 0
	for _, s := range kept {
		b.WriteString(text[last:s.Start])
		b.WriteString("[" + string(s.Type) + "]")
		last = s.End
	}
	b.WriteString(text[last:])
	return Detection{Spans: kept, Masked: b.String()}
}
