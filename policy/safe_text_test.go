package policy

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		body string // Sanitize
		line string // SanitizeLine
	}{
		{"plain text is unchanged", "See you at 3pm", "See you at 3pm", "See you at 3pm"},
		{"line breaks kept in bodies only", "a\nb", "a\nb", "a b"},
		{"tab becomes a space", "a\tb", "a b", "a b"},
		{"OSC 52 clipboard write (BEL)", "hi\x1b]52;c;cm0gLXJmIH4=\x07there", "hithere", "hithere"},
		{"OSC 52 clipboard write (ST)", "hi\x1b]52;c;cm0gLXJmIH4=\x1b\\there", "hithere", "hithere"},
		{"OSC 8 hyperlink keeps its visible text only", "\x1b]8;;https://evil.example/\x1b\\portal\x1b]8;;\x1b\\", "portal", "portal"},
		{"OSC 0 window title", "\x1b]0;pwned\x07ok", "ok", "ok"},
		{"OSC 2 window title", "\x1b]2;pwned\x1b\\ok", "ok", "ok"},
		{"CSI 2J clear screen", "\x1b[2Jafter", "after", "after"},
		{"cursor moves", "a\x1b[10;20Hb\x1b[3Ac\x1b[Kd", "abcd", "abcd"},
		{"SGR colour", "\x1b[31mred\x1b[0m", "red", "red"},
		{"C1 CSI as a code point", "a\u009b2Jb", "a2Jb", "a2Jb"},
		{"raw C1 byte does not start a sequence", "a\x9b2Jb", "a\uFFFD2Jb", "a\uFFFD2Jb"},
		{"DCS string", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab", "ab"},
		{"APC string", "a\x1b_Gf=100;payload\x1b\\b", "ab", "ab"},
		{"bare CR cannot overwrite the line", "Pay now\rCall 911", "Pay now\nCall 911", "Pay now Call 911"},
		{"CRLF is one line break", "a\r\nb", "a\nb", "a b"},
		{"BEL and other C0 dropped", "ding\x07\x00\x08\x0b\x0cdong", "dingdong", "dingdong"},
		{"DEL dropped", "a\x7fb", "ab", "ab"},
		{"RLO override dropped", "abc\u202Etxt.exe", "abctxt.exe", "abctxt.exe"},
		{"all bidi overrides and isolates dropped", "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069x", "x", "x"},
		{"line and paragraph separators", "a\u2028b\u2029c", "a\nb\nc", "a b c"},
		{"invalid UTF-8 replaced", "a\xffb\xc3", "a\uFFFDb\uFFFD", "a\uFFFDb\uFFFD"},
		{"non-Latin text kept", "¿Mañana? 明天 🙂", "¿Mañana? 明天 🙂", "¿Mañana? 明天 🙂"},
		{"unterminated OSC swallows the rest", "ok\x1b]0;title never ends", "ok", "ok"},
		{"lone ESC at end", "ok\x1b", "ok", "ok"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got.String() != tt.body {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.body)
			}
			if got := SanitizeLine(tt.in); got.String() != tt.line {
				t.Errorf("SanitizeLine(%q) = %q, want %q", tt.in, got, tt.line)
			}
		})
	}
}

func TestSanitizeLimits(t *testing.T) {
	t.Run("1 MB line is cut fast and marked", func(t *testing.T) {
		in := strings.Repeat("A", 1<<20)
		start := time.Now()
		got := Sanitize(in).String()
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Sanitize took %v on 1 MB", d)
		}
		if n := utf8.RuneCountInString(got); n != MaxBodyRunes {
			t.Errorf("body has %d runes, want %d", n, MaxBodyRunes)
		}
		if !strings.HasSuffix(got, TruncatedMarker) {
			t.Errorf("body does not end with the truncation marker")
		}
		line := SanitizeLine(in).String()
		if n := utf8.RuneCountInString(line); n != MaxLineRunes {
			t.Errorf("line has %d runes, want %d", n, MaxLineRunes)
		}
	})
	t.Run("exactly at the limit is not marked", func(t *testing.T) {
		in := strings.Repeat("é", MaxLineRunes)
		if got := SanitizeLine(in).String(); got != in {
			t.Errorf("text at the limit changed: %d runes", utf8.RuneCountInString(got))
		}
	})
	t.Run("one past the limit is marked", func(t *testing.T) {
		got := SanitizeLine(strings.Repeat("x", MaxLineRunes+1)).String()
		if !strings.HasSuffix(got, TruncatedMarker) || utf8.RuneCountInString(got) != MaxLineRunes {
			t.Errorf("got %d runes, marker=%v", utf8.RuneCountInString(got), strings.HasSuffix(got, TruncatedMarker))
		}
	})
	t.Run("controls do not count toward the limit", func(t *testing.T) {
		in := strings.Repeat("\x1b[2J", 1000) + "hello"
		if got := SanitizeLine(in).String(); got != "hello" {
			t.Errorf("got %q", got)
		}
	})
	t.Run("input cut mid-rune stays valid", func(t *testing.T) {
		in := strings.Repeat("€", MaxInputBytes) // 3 bytes each
		got := Sanitize(in).String()
		if !utf8.ValidString(got) || !strings.HasSuffix(got, TruncatedMarker) {
			t.Errorf("valid=%v marker=%v", utf8.ValidString(got), strings.HasSuffix(got, TruncatedMarker))
		}
	})
}

// inert reports what in s could still act on a terminal, or "".
func inert(s string, singleLine bool) string {
	if !utf8.ValidString(s) {
		return "invalid UTF-8"
	}
	for _, r := range s {
		switch {
		case r == '\n' && !singleLine:
		case r < 0x20 || r == 0x7f:
			return "C0 control or DEL"
		case r >= 0x80 && r <= 0x9f:
			return "C1 control"
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return "bidi control"
		case r == '\u2028' || r == '\u2029':
			return "line separator"
		}
	}
	return ""
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		"hello\nworld",
		"\x1b]52;c;cm0gLXJmIH4=\x07",
		"\x1b]8;;https://x.example/\x1b\\link\x1b]8;;\x1b\\",
		"\x1b]0;title\x07\x1b]2;title\x1b\\",
		"\x1b[2J\x1b[H\x1b[10;10H\x1b[3A",
		"over\rwrite",
		"\a\u202Etxt.exe\u2066x\u2069",
		"\x9b31m\xc2\x9b31m\xff\xfe",
		"\x1bP\x1b_\x1b^\x1bX",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		body := Sanitize(in).String()
		if why := inert(body, false); why != "" {
			t.Fatalf("Sanitize(%q) = %q holds a %s", in, body, why)
		}
		if n := utf8.RuneCountInString(body); n > MaxBodyRunes {
			t.Fatalf("body has %d runes", n)
		}
		line := SanitizeLine(in).String()
		if why := inert(line, true); why != "" {
			t.Fatalf("SanitizeLine(%q) = %q holds a %s", in, line, why)
		}
		if n := utf8.RuneCountInString(line); n > MaxLineRunes {
			t.Fatalf("line has %d runes", n)
		}
		// Sanitising is idempotent for text within the limits: safe text
		// passes the boundary unchanged.
		if again := Sanitize(body).String(); again != body && !strings.HasSuffix(body, TruncatedMarker) {
			t.Fatalf("Sanitize not idempotent: %q -> %q", body, again)
		}
	})
}
