package main

import (
	"os"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/clinicwa/triage/ui"
)

// noColorProfile is the colour profile the console draws with under
// NO_COLOR on a terminal whose own profile is term. Lipgloss (through
// termenv) answers NO_COLOR with its Ascii profile, which drops bold,
// faint, underline and reverse along with colour: the monochrome theme
// would lose its selection bar, its header and every emphasis. The
// monochrome theme holds no colour and the console strips any a component
// adds, so the plain ANSI profile draws the attributes and nothing else.
// Output that is not a terminal (Ascii) stays plain.
func noColorProfile(term termenv.Profile) termenv.Profile {
	if term == termenv.Ascii {
		return termenv.Ascii
	}
	return termenv.ANSI
}

// applyTheme makes lipgloss draw the theme's attributes on out.
func applyTheme(theme ui.Theme, out *os.File) {
	if theme.Name != ui.MonochromeTheme().Name {
		return // lipgloss's own detection stands
	}
	lipgloss.SetColorProfile(noColorProfile(termenv.NewOutput(out).ColorProfile()))
}
