package policy

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Detect finds Protected Health Information in one chat message and masks
// it. It covers the Safe Harbor identifiers that occur in text (names,
// dates tied to a person, ages over 89, phone and fax numbers, emails,
// SSNs, record, member, account, licence, vehicle and device numbers, URLs,
// IPs, street addresses, ZIP codes and other unique codes) in English and
// Spanish, plus clinical content (medications, conditions, symptoms, lab
// tests). Matching runs on a folded copy of the text (compatibility forms,
// invisible characters, foreign digits and look-alike letters undone), and
// spans are reported in UTF-8 byte offsets of the original text.
//
// Detect is safe for concurrent use; the lexicons are compiled on first use.
// A message with nothing to mask costs no allocation.
func Detect(text string) Detection {
	sc := scanPool.Get().(*scanner)
	defer scanPool.Put(sc)
	sc.run(text)
	return sc.detection(text)
}

// Detector is Detect for one goroutine that scans message after message
// and writes each result out at once (`triage scan`). It keeps its own
// working buffers rather than taking them from the shared pool for each
// message, and it appends to buffers the caller reuses where Detect
// allocates a Detection. The zero Detector is ready to use; one Detector
// is not for concurrent use.
type Detector struct {
	sc scanner
}

// AppendDetect scans text and appends its spans to spans and, when there
// is one, the masked text to masked. With no span the masked text is text
// itself, and masked comes back as it went. The clinical signal
// (Detection.Clinical) is not worked out.
func (d *Detector) AppendDetect(text string, spans []Span, masked []byte) ([]Span, []byte) {
	d.sc.run(text)
	n := len(spans)
	if spans = d.sc.appendSpans(spans, text); len(spans) > n {
		masked = appendMasked(masked, text, spans[n:])
	}
	return spans, masked
}

// detection builds the Detection of the text sc has just run over.
func (sc *scanner) detection(text string) Detection {
	if len(sc.kept) == 0 {
		return Detection{Masked: text, Clinical: sc.clinicalSignal()}
	}
	spans := sc.appendSpans(make([]Span, 0, len(sc.kept)), text)
	return Detection{Spans: spans, Masked: maskSpans(text, spans), Clinical: sc.clinicalSignal()}
}

// appendSpans appends the spans sc kept, in the original text's offsets.
func (sc *scanner) appendSpans(spans []Span, text string) []Span {
	first := len(spans)
	for _, k := range sc.kept {
		s := sc.n.origStart(int(k.s))
		e := sc.n.origEnd(int(k.e))
		// The folded text drops combining marks: a mark after the span's
		// last letter belongs to it ("ใจดี", "José" typed decomposed).
		for e < len(text) && text[e] >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(text[e:])
			if !unicode.Is(unicode.Mn, r) {
				break
			}
			e += size
		}
		if n := len(spans); n > first && s < spans[n-1].End {
			// Two spans folded out of one original character (a ligature
			// split in two): they share the character, so join them.
			if e > spans[n-1].End {
				spans[n-1].End = e
			}
			continue
		}
		if e <= s {
			continue
		}
		spans = append(spans, Span{Start: s, End: e, Type: k.t, Confidence: float64(k.conf)})
	}
	return spans
}

// maskSpans replaces every span with its "[TYPE]" placeholder.
func maskSpans(text string, spans []Span) string {
	size := len(text)
	for _, s := range spans {
		size += len(s.Type) + 2 - (s.End - s.Start)
	}
	var b strings.Builder
	b.Grow(max(size, 0))
	last := 0
	for _, s := range spans {
		b.WriteString(text[last:s.Start])
		b.WriteByte('[')
		b.WriteString(string(s.Type))
		b.WriteByte(']')
		last = s.End
	}
	b.WriteString(text[last:])
	return b.String()
}

// appendMasked appends text with every span replaced as maskSpans does,
// to a buffer the caller reuses (Detector.AppendDetect).
func appendMasked(dst []byte, text string, spans []Span) []byte {
	last := 0
	for _, s := range spans {
		dst = append(dst, text[last:s.Start]...)
		dst = append(dst, '[')
		dst = append(dst, s.Type...)
		dst = append(dst, ']')
		last = s.End
	}
	return append(dst, text[last:]...)
}
