package ui

import (
	"github.com/charmbracelet/bubbles/viewport"
)

// threadPane is the open thread: which one, its messages as last read,
// the scrolled view of them, the patient message selected (for a
// reveal), and the unmasked text revealed in it.
type threadPane struct {
	id    string // the open thread; "" for none
	gen   int    // the generation of the latest request: older answers are dropped
	busy  bool
	again bool // a refresh was asked for while a request was out
	view  *threadView
	vp    viewport.Model

	// sel is the patient message v would reveal (by message id); selLine
	// is where it starts in the viewport.
	sel      string
	selLine  int
	revealed *revealedText
}
