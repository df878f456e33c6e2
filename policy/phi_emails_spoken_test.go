package policy

import (
	"strings"
	"testing"
)

// An address said in words is masked whole, whatever language says its
// dots and its "at", and however many name words make its first part.
func TestSpokenEmailsMore(t *testing.T) {
	var msgs [][2]string
	for _, local := range []string{"maria point lopez", "juan perez", "marie point dupont", "joao ponto silva", "ana underscore ruiz", "jsmith"} {
		for _, at := range []string{"at", "arroba", "arobase"} {
			for _, dom := range []string{"gmail point com", "yahoo dot com", "hotmail punto fr", "outlook ponto br"} {
				addr := local + " " + at + " " + dom
				for _, f := range []string{"%s", "my email is %s", "escríbeme a %s por favor"} {
					msgs = append(msgs, [2]string{strings.Replace(f, "%s", addr, 1), addr})
				}
			}
		}
	}
	checkWhole(t, msgs)
}

func TestSpokenEmailsMoreLookalikes(t *testing.T) {
	for _, text := range []string{"I'll be at the clinic dot com", "meet me at home dot", "see you at noon point blank",
		"the point is at the front desk"} {
		if d := Detect(text); len(d.Spans) > 0 {
			t.Errorf("clean %q masked as %q", text, d.Masked)
		}
	}
}
