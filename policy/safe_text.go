package policy

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// SafeText is text that has passed the one sanitising boundary for
// untrusted input: it holds no escape sequences, no control characters
// other than '\n', no bidi overrides or isolates, and is valid UTF-8.
// Render code takes SafeText for anything a patient, a provider or the
// network controls, so forgetting to sanitise is a compile error rather
// than an escape sequence on the clinic's terminal (system rule 6).
//
// It is a struct with an unexported field so that only this package can
// make one: a conversion (SafeText(s)) or a composite literal elsewhere
// does not compile. There are exactly two ways in: Sanitize/SanitizeLine
// for anything from outside, and Trusted for text the code itself wrote,
// which a reviewer can grep for. The zero value is the empty text.
type SafeText struct{ s string }

// String returns the sanitised text, for the render helpers that hand it
// to the terminal library. Views compose SafeText with Concat and Join
// rather than concatenating strings, so the boundary stays visible.
func (t SafeText) String() string { return t.s }

// IsEmpty reports whether the text is empty.
func (t SafeText) IsEmpty() bool { return t.s == "" }

// Less orders texts bytewise, for stable sorted lists of labels.
func (t SafeText) Less(u SafeText) bool { return t.s < u.s }

// Trusted marks text the program itself wrote (a notice, a macro title, a
// label built from numbers and constants) as safe to draw. It does NOT
// sanitise: passing it anything a patient, a provider or the network
// controls is the bug this type exists to prevent, which is why it has
// its own name to look for in review. Sanitize is the choice whenever in
// doubt.
func Trusted(s string) SafeText { return SafeText{s} }

// Concat joins safe texts. Joining inert pieces is inert: no piece holds
// an escape byte, so none can be completed across a boundary.
func Concat(parts ...SafeText) SafeText {
	n := 0
	for _, p := range parts {
		n += len(p.s)
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range parts {
		b.WriteString(p.s)
	}
	return SafeText{b.String()}
}

// Join is strings.Join for safe texts.
func Join(parts []SafeText, sep SafeText) SafeText {
	ss := make([]string, len(parts))
	for i, p := range parts {
		ss[i] = p.s
	}
	return SafeText{strings.Join(ss, sep.s)}
}

// Limits of the sanitiser. They keep a hostile or broken message (a 1 MB
// line, a flood of combining marks) from stalling the renderer: WhatsApp
// caps a text message at 4,096 characters, so MaxBodyRunes only ever cuts
// what no real patient sent.
const (
	// MaxInputBytes is how much of the raw input is parsed at all.
	MaxInputBytes = 64 << 10
	// MaxBodyRunes is the longest body Sanitize returns, marker included.
	MaxBodyRunes = 8192
	// MaxLineRunes is the longest single line SanitizeLine returns,
	// marker included.
	MaxLineRunes = 512
	// TruncatedMarker ends text that was cut at a limit, so the reader
	// knows there was more.
	TruncatedMarker = "… [truncated]"
)

// Sanitize makes untrusted multi-line text (a message body) inert for a
// terminal. Escape sequences (CSI, OSC, DCS, APC, PM, SOS) are removed
// with a real ANSI parser, so their payloads (an OSC 52 clipboard write,
// an OSC 8 link target, a window title) disappear with them; an escape
// sequence left open at the end of the text swallows the rest of it,
// which is what a terminal would do too. Then C0 controls other than '\n'
// are dropped ('\t' becomes a space, "\r\n" and a bare '\r' become '\n' so
// a carriage return cannot overwrite a line), as are DEL, C1 controls and
// the bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069) that
// reorder what the reader sees. Invalid UTF-8 becomes U+FFFD. Text beyond
// the limits above is cut and ends with TruncatedMarker.
func Sanitize(s string) SafeText { return sanitize(s, false, MaxBodyRunes) }

// SanitizeLine is Sanitize for single-line text (names, labels, previews,
// provider error strings): line breaks become spaces.
func SanitizeLine(s string) SafeText { return sanitize(s, true, MaxLineRunes) }

func sanitize(s string, singleLine bool, maxRunes int) SafeText {
	truncated := false
	if len(s) > MaxInputBytes {
		s = s[:MaxInputBytes]
		truncated = true
	}
	// Repair the encoding first so the parser sees whole runes: a stray
	// 0x9B byte must not start a CSI sequence that eats the next letter.
	s = ansi.Strip(strings.ToValidUTF8(s, "\uFFFD"))

	newline := '\n'
	if singleLine {
		newline = ' '
	}
	keep := maxRunes - utf8.RuneCountInString(TruncatedMarker)
	var b strings.Builder
	b.Grow(min(len(s), (maxRunes+1)*utf8.UTFMax))
	n, cut := 0, 0 // runes written; byte length after keep runes
	for i := 0; i < len(s) && n <= maxRunes; {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue // "\r\n": the '\n' comes next
			}
			r = newline
		case r == '\n', r == '\u2028', r == '\u2029':
			r = newline
		case r == '\t':
			r = ' '
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
			continue
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			continue
		}
		// An invalid byte decodes as utf8.RuneError, which WriteRune
		// writes as U+FFFD: the parser can split a rune it met inside a
		// sequence.
		b.WriteRune(r)
		n++
		if n == keep {
			cut = b.Len()
		}
	}
	if n > maxRunes || truncated {
		out := b.String()
		if n > keep {
			out = out[:cut]
		}
		return SafeText{out + TruncatedMarker}
	}
	return SafeText{b.String()}
}
