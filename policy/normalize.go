package policy

import (
	"bytes"
	"encoding/binary"
	"slices"
	"sort"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// normText is the matching view of one message: a folded byte string that
// the detectors scan, plus a map from every folded byte back to the rune of
// the original text it came from, so spans found in the folded view mask the
// right bytes of what the patient actually typed.
//
// Folding: compatibility decomposition (NFKD, so full-width, mathematical and
// circled forms become plain letters and digits), format characters dropped
// (zero-width space, joiners, soft hyphen, tag characters, fillers), combining
// marks dropped (accents: "José" matches "jose"), every decimal digit of every
// script mapped to ASCII, confusable Cyrillic and Greek letters folded to the
// Latin letter they imitate, dashes and spaces unified, ASCII lower-cased.
type normText struct {
	orig string
	b    []byte
	// start and end give, for b[i], the original byte range of the rune
	// that produced it. Both are nil when ident is set (pure ASCII input,
	// where b[i] came from orig[i]).
	start []int32
	end   []int32
	ident bool
	// hasUpper is false when the text surely has no capital letter, so
	// casing checks can be skipped.
	hasUpper bool
	tmp      []byte
	it       norm.Iter
	// spelled holds the folded ranges of words typed a letter at a time
	// ("c.h.e.s.t"), joined by joinSpelled.
	spelled [][2]int32
}

// origStart maps a folded offset (start of a span) to the original text.
func (n *normText) origStart(i int) int {
	if n.ident {
		return i
	}
	return int(n.start[i])
}

// origEnd maps a folded exclusive end offset to the original text.
func (n *normText) origEnd(i int) int {
	if n.ident {
		return i
	}
	return int(n.end[i-1])
}

// reset folds text into n, reusing n's buffers.
func (n *normText) reset(text string) {
	n.orig = text
	n.b = n.b[:0]
	n.start = n.start[:0]
	n.end = n.end[:0]
	// Fast path, tried first: pure ASCII, where every byte maps to itself
	// and only letters change case. One pass copies, folds case and
	// checks for non-ASCII; a non-ASCII byte abandons it for the full fold.
	if cap(n.b) < len(text) {
		n.b = make([]byte, 0, len(text)+16)
	}
	b := n.b[:len(text)]
	or, upper := foldASCII(b, text)
	n.spelled = n.spelled[:0]
	if or < utf8.RuneSelf {
		n.b = b
		n.ident = true
		n.hasUpper = upper
		n.joinSpelled()
		return
	}
	n.ident = false
	n.hasUpper = true // not worth proving for non-ASCII text
	for i := 0; i < len(text); {
		if text[i] < utf8.RuneSelf {
			// Most of a Spanish or Portuguese message is ASCII between
			// its accented letters: a run of it is emitted at once.
			j := i + 1
			for j < len(text) && text[j] < utf8.RuneSelf {
				j++
			}
			n.emitASCII(text[i:j], i)
			i = j
			continue
		}
		r, sz := utf8.DecodeRuneInString(text[i:])
		n.foldRune(r, text[i:i+sz], i, i+sz)
		i += sz
	}
	n.joinSpelled()
}

// emitASCII emits a run of ASCII bytes that starts at text offset at:
// each byte is one folded byte, capitals lowered.
func (n *normText) emitASCII(run string, at int) {
	k := len(n.b)
	n.b = slices.Grow(n.b, len(run))[:k+len(run)]
	foldASCII(n.b[k:], run)
	n.start = slices.Grow(n.start, len(run))[:k+len(run)]
	n.end = slices.Grow(n.end, len(run))[:k+len(run)]
	start, end := n.start[k:], n.end[k:len(n.start)]
	for q := range start {
		start[q] = int32(at + q)
		end[q] = int32(at + q + 1)
	}
}

// foldASCII copies text into b (as long) with ASCII capitals in lower
// case, eight bytes at a time. It returns the OR of text's bytes (0x80 set
// when some byte is not ASCII; b is then to be thrown away) and whether a
// capital was lowered.
func foldASCII(b []byte, text string) (or byte, upper bool) {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	var all, caps uint64
	copy(b, text)
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		all |= x
		// A byte's top bit in ge is set when its low seven bits are 'A'
		// or more, in gt when they are past 'Z'; with the byte's own top
		// bit clear, that is a capital. Adding 0x20 lowers it.
		low := x &^ high
		ge := low + (0x80-'A')*ones
		gt := low + (0x80-'Z'-1)*ones
		c := ge &^ gt &^ x & high
		caps |= c
		x += c >> 2
		binary.LittleEndian.PutUint64(b[i:], x)
	}
	for ; i < len(b); i++ {
		c := b[i]
		all |= uint64(c)
		if c-'A' < 26 {
			c += 'a' - 'A'
			caps = 1
		}
		b[i] = c
	}
	all |= all >> 32
	all |= all >> 16
	all |= all >> 8
	return byte(all) & 0x80, caps != 0
}

func (n *normText) emit(c byte, s, e int) {
	n.b = append(n.b, c)
	n.start = append(n.start, int32(s))
	n.end = append(n.end, int32(e))
}

func (n *normText) emitRune(r rune, s, e int) {
	var buf [utf8.UTFMax]byte
	k := utf8.EncodeRune(buf[:], r)
	for j := 0; j < k; j++ {
		n.emit(buf[j], s, e)
	}
}

// foldRune emits the folded form of one non-ASCII rune.
func (n *normText) foldRune(r rune, src string, s, e int) {
	if r == utf8.RuneError && len(src) == 1 {
		n.emit(' ', s, e) // invalid byte: a separator, never part of a match
		return
	}
	if r < rune(len(latinFold)) {
		// Latin-1 and Latin Extended (the accents of Spanish,
		// Portuguese and French), folded once for all by the steps
		// below (no rune there is a decimal digit).
		for j := 0; j < len(latinFold[r]); j++ {
			n.emit(latinFold[r][j], s, e)
		}
		return
	}
	if c, ok := foldSimple(r); ok {
		if c != 0 {
			n.emit(c, s, e)
		}
		return
	}
	if dropRune(r) {
		return
	}
	if d, ok := digitValue(r); ok {
		n.emit('0'+byte(d), s, e)
		return
	}
	if r >= 0xFF01 && r <= 0xFF5E {
		// Full-width ASCII.
		c := byte(r - 0xFEE0)
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		n.emit(c, s, e)
		return
	}
	n.tmp = n.tmp[:0]
	n.it.InitString(norm.NFKD, src)
	for !n.it.Done() {
		n.tmp = append(n.tmp, n.it.Next()...)
	}
	n.foldDecomposed(s, e)
}

// foldDecomposed emits the fold of the decomposed rune held in n.tmp.
func (n *normText) foldDecomposed(s, e int) {
	for j := 0; j < len(n.tmp); {
		q, k := utf8.DecodeRune(n.tmp[j:])
		j += k
		switch {
		case q < utf8.RuneSelf:
			c := byte(q)
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			n.emit(c, s, e)
		case dropRune(q):
		default:
			if c, ok := foldSimple(q); ok {
				if c != 0 {
					n.emit(c, s, e)
				}
			} else if d, ok := digitValue(q); ok {
				n.emit('0'+byte(d), s, e)
			} else if unicode.Is(unicode.So, q) {
				n.emit(' ', s, e) // emoji and pictographs separate words and digits
			} else {
				n.emitRune(unicode.ToLower(q), s, e)
			}
		}
	}
}

// latinFold holds the fold of every rune below U+0250 (Latin-1 and Latin
// Extended: "é" → "e", "ñ" → "n", "ß" → "ß"), computed once from the
// general path so both always agree.
var latinFold = func() [0x250]string {
	var t [0x250]string
	var n normText
	for r := rune(0x80); r < 0x250; r++ {
		n.b = n.b[:0]
		n.start, n.end = n.start[:0], n.end[:0]
		src := string(r)
		if c, ok := foldSimple(r); ok {
			if c != 0 {
				t[r] = string([]byte{c})
			}
			continue
		}
		if dropRune(r) {
			continue
		}
		n.tmp = norm.NFKD.AppendString(n.tmp[:0], src)
		n.foldDecomposed(0, len(src))
		t[r] = string(n.b)
	}
	return t
}()

// dropRune reports characters that carry no visible content: format
// characters (zero-width space and joiners, soft hyphen, bidi marks, tag
// characters), combining marks (accents, after decomposition), variation
// selectors and the Hangul fillers that render as blanks.
func dropRune(r rune) bool {
	switch {
	case r == 0x034F, r == 0x115F, r == 0x1160, r == 0x3164, r == 0xFFA0:
		return true
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF:
		return true
	}
	return unicode.In(r, unicode.Cf, unicode.Mn, unicode.Me)
}

// foldSimple maps look-alike letters, dashes, quotes, bullets and spaces to
// one ASCII byte. A zero byte with ok means "drop".
func foldSimple(r rune) (byte, bool) {
	if c, ok := confusables[r]; ok {
		return c, true
	}
	switch {
	case r == 0x2212, r == 0x2043, r == 0xFE63, r == 0xFF0D:
		return '-', true
	case r == 0x2044, r == 0x2215:
		return '/', true
	case r == 0x2018, r == 0x2019, r == 0x02BC, r == 0x2032, r == 0x00B4:
		return '\'', true
	case r == 0x2022, r == 0x00B7, r == 0x2027, r == 0x2219, r == 0x22C5, r == 0x30FB:
		return '.', true
	case r == 0x2028, r == 0x2029, r == 0x0085:
		return ' ', true
	}
	if unicode.IsControl(r) {
		return ' ', true
	}
	if unicode.Is(unicode.Pd, r) {
		return '-', true
	}
	if unicode.Is(unicode.Zs, r) {
		return ' ', true
	}
	return 0, false
}

// confusables folds the Cyrillic and Greek letters that are drawn like Latin
// ones (the UTS #39 skeleton for the letters people actually swap in).
var confusables = map[rune]byte{
	// Cyrillic lower and upper case.
	'а': 'a', 'А': 'a', 'в': 'b', 'В': 'b', 'е': 'e', 'Е': 'e', 'ё': 'e', 'к': 'k', 'К': 'k',
	'м': 'm', 'М': 'm', 'н': 'h', 'Н': 'h', 'о': 'o', 'О': 'o', 'р': 'p', 'Р': 'p',
	'с': 'c', 'С': 'c', 'т': 't', 'Т': 't', 'у': 'y', 'У': 'y', 'х': 'x', 'Х': 'x',
	'і': 'i', 'І': 'i', 'ї': 'i', 'ј': 'j', 'Ј': 'j', 'ѕ': 's', 'Ѕ': 's', 'ԁ': 'd',
	'ɡ': 'g', 'ӏ': 'l', 'Ӏ': 'l', 'һ': 'h', 'ԛ': 'q', 'ԝ': 'w', 'Ԝ': 'w', 'ь': 'b',
	// Greek.
	'α': 'a', 'Α': 'a', 'Β': 'b', 'ε': 'e', 'Ε': 'e', 'Ζ': 'z', 'Η': 'h', 'ι': 'i', 'Ι': 'i',
	'κ': 'k', 'Κ': 'k', 'Μ': 'm', 'ν': 'v', 'Ν': 'n', 'ο': 'o', 'Ο': 'o', 'ρ': 'p', 'Ρ': 'p',
	'τ': 't', 'Τ': 't', 'υ': 'u', 'Υ': 'y', 'χ': 'x', 'Χ': 'x',
	// Latin look-alikes outside ASCII.
	'ı': 'i', 'ɑ': 'a',
}

// digitValue returns the value of a decimal digit of any script (Unicode
// category Nd). Nd ranges are runs of whole 0-9 blocks, so the value is the
// distance from the range start modulo 10.
func digitValue(r rune) (int, bool) {
	if r >= '0' && r <= '9' {
		return int(r - '0'), true
	}
	if r <= 0xFFFF {
		t := unicode.Nd.R16
		i := sort.Search(len(t), func(i int) bool { return rune(t[i].Hi) >= r })
		if i < len(t) && rune(t[i].Lo) <= r && t[i].Stride == 1 {
			return int(r-rune(t[i].Lo)) % 10, true
		}
		return 0, false
	}
	t := unicode.Nd.R32
	i := sort.Search(len(t), func(i int) bool { return rune(t[i].Hi) >= r })
	if i < len(t) && rune(t[i].Lo) <= r && t[i].Stride == 1 {
		return int(r-rune(t[i].Lo)) % 10, true
	}
	return 0, false
}

// Normalize returns the folded matching view of text (see normText). It is
// exported for diagnostics and tests; Detect does not need callers to use it.
func Normalize(text string) string {
	var n normText
	n.reset(text)
	return string(n.b)
}

// joinSpelled undoes words typed a letter at a time with dots or dashes
// to dodge a filter ("c.h.e.s.t p.a.i.n", "d-i-a-b-e-t-e-s", "C.D.4"):
// the separators leave the folded text, so every rule reads the word,
// while spans still map to the original text, separators included. A
// chain needs three single characters, the first and one more a letter,
// and the same separator throughout; a chain of two is joined only beside
// a longer one ("s.h.o.r.t.n.e.s.s o.f b.r.e.a.t.h"), so "a.m.", "e.g."
// and "10.2.1" stay as typed.
func (n *normText) joinSpelled() {
	b := n.b
	first := -1
	for _, sep := range [2]byte{'.', '-'} {
		// Most messages hold a dot and no chain: find the separators
		// with IndexByte rather than looking at every byte.
		for i := 0; ; {
			j := bytes.IndexByte(b[i:], sep)
			if j < 0 {
				break
			}
			p := i + j
			if first >= 0 && p > first {
				break
			}
			// A chain is "x.y.z": a lone character before the separator
			// and another one, then the separator again, after it. Most
			// dots end a sentence; look no further at them.
			if p > 0 && p+2 < len(b) && b[p+2] == sep && spelledChar(b[p+1]) && (p < 2 || spelledBoundary(b[p-2])) &&
				spelledChain(b, p-1, 3) > 0 {
				first = p - 1
				break
			}
			i = p + 1
		}
	}
	if first < 0 {
		return
	}
	if n.ident {
		// The folded text stops being the original byte for byte.
		n.start, n.end = n.start[:0], n.end[:0]
		for i := range b {
			n.start = append(n.start, int32(i))
			n.end = append(n.end, int32(i+1))
		}
		n.ident = false
	}
	w, lastEnd := first, -2
	for r := first; r < len(b); {
		end := 0
		if r+2 < len(b) && (b[r+1] == '.' || b[r+1] == '-') {
			if end = spelledChain(b, r, 3); end == 0 {
				// A chain of two beside a longer one: "o.f" in
				// "s.h.o.r.t.n.e.s.s o.f b.r.e.a.t.h".
				if e2 := spelledChain(b, r, 2); e2 > 0 {
					next := e2
					if next < len(b) && b[next] == '.' {
						next++
					}
					if lastEnd == r-1 || next+1 < len(b) && b[next] == ' ' && spelledChain(b, next+1, 3) > 0 {
						end = e2
					}
				}
			}
		}
		if end == 0 {
			b[w], n.start[w], n.end[w] = b[r], n.start[r], n.end[r]
			w++
			r++
			continue
		}
		from := w
		for k := r; k < end; k += 2 {
			b[w], n.start[w], n.end[w] = b[k], n.start[k], n.end[k]
			if k+1 < end {
				n.end[w] = n.end[k+1] // the separator after a letter is masked with it
			}
			w++
		}
		n.spelled = append(n.spelled, [2]int32{int32(from), int32(w)})
		r = end
		if r < len(b) && b[r] == '.' {
			// The closing dot of "h.i.v." belongs to the word, not to the
			// sentence: "p.s.a. of 6.2" is one statement.
			n.end[w-1] = n.end[r]
			r++
		}
		lastEnd = r
	}
	n.b = b[:w]
	n.start, n.end = n.start[:w], n.end[:w]
}

// spelledChain returns the end of the chain of at least min single
// characters that starts at b[p] ("h.i.v" in "h.i.v. positive"), the
// closing separator left out, or 0 when none starts there.
func spelledChain(b []byte, p, min int) int {
	if p > 0 && !spelledBoundary(b[p-1]) || b[p] < 'a' || b[p] > 'z' || p+1 >= len(b) {
		return 0
	}
	sep := b[p+1]
	n, letters, k := 0, 0, p
	for {
		c := b[k]
		switch {
		case c >= 'a' && c <= 'z':
			letters++
		case c >= '0' && c <= '9':
		default:
			return 0
		}
		n++
		k++
		// k is just past a character: a separator and another single
		// character continue the chain.
		if k+1 < len(b) && b[k] == sep && spelledChar(b[k+1]) && (k+2 >= len(b) || !spelledChar(b[k+2]) && b[k+2] < 0x80) {
			k++
			continue
		}
		break
	}
	if n < min || letters < 2 {
		return 0
	}
	// What follows must end the word: not a letter, and not a separator
	// glued to one ("h.i.v.positive").
	if k < len(b) && (spelledChar(b[k]) || b[k] >= 0x80) {
		return 0
	}
	if k+1 < len(b) && b[k] == sep && (spelledChar(b[k+1]) || b[k+1] >= 0x80) {
		return 0
	}
	return k
}

func spelledChar(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// spelledBoundary reports a byte that may stand before a spelled word.
func spelledBoundary(c byte) bool {
	return c <= ' ' || c < 0x80 && !spelledChar(c) && c != '.' && c != '-' && c != '@' && c != '_' && c != '/'
}
