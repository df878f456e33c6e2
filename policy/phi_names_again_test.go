package policy

import (
	"strings"
	"testing"
)

// TestAgainIntros: a follow-up message that opens on the writer's name
// and "again" ("ngozi again, still no call back") reads the name, in
// either case and after a greeting; the everyday words that open such a
// message ("me again", "sorry again", "hi again") name no one.
func TestAgainIntros(t *testing.T) {
	names := []string{"ngozi", "Ngozi", "tendai", "kwame", "Xiomara", "maria", "Daniela", "chidi", "oyelaran", "Wanjiru"}
	openers := []string{"", "hi, ", "hi ", "hey ", "hello, ", "ok "}
	tails := []string{" again, still no call back", " again i still have the cough", " again here", " again.", " again - still waiting on the refill",
		" again, is the form ready?", " again. my rash is still there", " again i still need the letter"}
	n := 0
	for _, nm := range names {
		for _, o := range openers {
			for _, tl := range tails {
				s := o + nm + tl
				n++
				checkNameAt(t, s, strings.Index(s, nm), nm)
			}
		}
	}
	if n < 400 {
		t.Fatalf("only %d variants", n)
	}
	for _, w := range []string{"me", "sorry", "thanks", "hi", "hello", "once", "yes", "ok", "hey", "again", "here", "back", "ugh", "help", "please", "nope"} {
		for _, tl := range tails {
			s := w + tl
			if got := Detect(s); hasType(got, SpanName) {
				t.Errorf("%q: false name (%q)", s, got.Masked)
			}
		}
	}
}

// TestFromEarlierIntros: "it's NAME from yesterday" names the writer of an
// earlier message, whatever the name; "it's me", a kinship word or an
// adjective there stays.
func TestFromEarlierIntros(t *testing.T) {
	names := []string{"zorvath", "chidi", "kwabena", "Xiomara", "maria", "tendai", "oyelaran", "Wanjiru"}
	leads := []string{"hey its ", "hi it's ", "its ", "this is ", "hello, this is "}
	tails := []string{" from yesterday", " from this morning", " from earlier", " from last week", " from monday", " again", " from the other day"}
	n := 0
	for _, l := range leads {
		for _, nm := range names {
			for _, tl := range tails {
				s := l + nm + tl
				n++
				checkNameAt(t, s, len(l), nm)
			}
		}
	}
	if n < 250 {
		t.Fatalf("only %d variants", n)
	}
	for _, l := range leads {
		for _, w := range []string{"me", "mom", "bad", "worse", "raining", "better", "same", "urgent", "my son"} {
			for _, tl := range tails {
				s := l + w + tl
				if got := Detect(s); hasType(got, SpanName) {
					t.Errorf("%q: false name (%q)", s, got.Masked)
				}
			}
		}
	}
}

// checkNameAt fails t unless a span of Detect(s) covers the whole name
// that stands at byte i of s.
func checkNameAt(t *testing.T, s string, i int, name string) {
	t.Helper()
	got := Detect(s)
	for _, sp := range got.Spans {
		if sp.Start <= i && sp.End >= i+len(name) {
			return
		}
	}
	t.Errorf("%q: name not read (%q)", s, got.Masked)
}
