package ui

import (
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
)

// withOpenedLink marks the fixture's portal-link message as opened at
// 14:42 (t0 is 15:00).
func withOpenedLink(fb *fakeBackend) {
	d := fb.details["t1"]
	d.Messages[1].LinkOpenedAt = t0.Add(-18 * time.Minute)
	d.Messages[1].LinkOpens = 1
	fb.details["t1"] = d
}

func TestThreadShowsWhenThePortalLinkWasOpened(t *testing.T) {
	fb := newFakeBackend()
	h := newHarness(t, fb, Options{}, 160, 50)
	h.signIn()
	h.press("enter")
	h.mustNotSee("link opened")
	withOpenedLink(fb)
	h.press("R")
	h.mustSee("link opened 14:42")
}

// Goldens of a thread whose portal link was opened, at 80×24 and 160×50,
// in colour and with NO_COLOR's monochrome theme.
func TestLinkOpenedGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		for _, mono := range []bool{false, true} {
			name, theme := fmt.Sprintf("thread_link_opened_%dx%d_colour", size[0], size[1]), DefaultTheme()
			if mono {
				name, theme = fmt.Sprintf("thread_link_opened_%dx%d_nocolor", size[0], size[1]), MonochromeTheme()
			}
			t.Run(name, func(t *testing.T) {
				lipgloss.SetColorProfile(termenv.ANSI256)
				defer lipgloss.SetColorProfile(termenv.Ascii)
				fb := newFakeBackend()
				withOpenedLink(fb)
				h := newHarness(t, fb, Options{ServerName: "clinic.example", Theme: theme}, size[0], size[1])
				h.signIn()
				h.press("enter")
				if size[0] >= 160 {
					h.mustSee("link opened 14:42")
				}
				golden.RequireEqual(t, []byte(h.view()))
			})
		}
	}
}
