package main

import (
	"testing"

	"github.com/muesli/termenv"
)

// Under NO_COLOR a colour terminal still gets bold and reverse (the ANSI
// profile, with a theme that holds no colour); only output that is not a
// terminal is plain.
func TestNoColorKeepsAttributes(t *testing.T) {
	for _, tt := range []struct{ term, want termenv.Profile }{
		{termenv.TrueColor, termenv.ANSI},
		{termenv.ANSI256, termenv.ANSI},
		{termenv.ANSI, termenv.ANSI},
		{termenv.Ascii, termenv.Ascii},
	} {
		if got := noColorProfile(tt.term); got != tt.want {
			t.Errorf("terminal %v: profile %v, want %v", tt.term, got, tt.want)
		}
	}
	// What lipgloss itself would do, which is the bug this avoids.
	t.Setenv("NO_COLOR", "1")
	if p := termenv.NewOutput(nil, termenv.WithTTY(true)).EnvColorProfile(); p != termenv.Ascii {
		t.Skipf("termenv no longer answers NO_COLOR with Ascii (%v); the override may be unneeded", p)
	}
}
