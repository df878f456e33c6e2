package policy

import (
	"slices"
	"testing"
)

// TestDetectorMatchesDetect: the buffer-reusing form gives Detect's
// spans and masked text for every development message, appended after
// whatever the buffers already held, and leaves masked untouched when
// nothing is masked.
func TestDetectorMatchesDetect(t *testing.T) {
	texts := []string{"", "   ", "call 312-555-0199", "José Muñoz, DOB 03/14/1962", "ﬁle ﬂow", "e\u0301 Mari\u0301a Lo\u0301pez",
		"\xff\xfe bad bytes SSN 219-09-1234", "c.h.e.s.t p.a.i.n since monday", "Where do I park?"}
	for _, e := range loadCorpus(t) {
		texts = append(texts, e.Text)
	}
	prefixSpans := []Span{{Start: 1, End: 2, Type: SpanName}}
	prefixMasked := []byte("kept:")
	var spans []Span
	var masked []byte
	var d Detector
	found := 0
	for _, text := range texts {
		want := Detect(text)
		spans, masked = d.AppendDetect(text, append(spans[:0], prefixSpans...), append(masked[:0], prefixMasked...))
		if !slices.Equal(spans[:len(prefixSpans)], prefixSpans) || string(masked[:len(prefixMasked)]) != string(prefixMasked) {
			t.Fatalf("%q: the buffers' earlier contents changed", text)
		}
		got := spans[len(prefixSpans):]
		if !slices.Equal(got, want.Spans) {
			t.Fatalf("%q: spans %v, want %v", text, got, want.Spans)
		}
		gotMasked := string(masked[len(prefixMasked):])
		if len(got) == 0 {
			if gotMasked != "" {
				t.Fatalf("%q: masked text appended with no span: %q", text, gotMasked)
			}
			gotMasked = text
		} else {
			found++
		}
		if gotMasked != want.Masked {
			t.Fatalf("%q: masked %q, want %q", text, gotMasked, want.Masked)
		}
	}
	if found == 0 {
		t.Fatal("no message had a span: the comparison tested nothing")
	}
}
