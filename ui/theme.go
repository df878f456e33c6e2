package ui

import (
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
)

// Theme is the console's one set of styles, named by meaning rather than
// by hue, so a state never depends on telling two colours apart: every
// state the theme colours also carries a word or a glyph in the view.
type Theme struct {
	// Name says which theme this is ("ansi" or "monochrome").
	Name string

	Text      lipgloss.Style // ordinary text
	Faint     lipgloss.Style // secondary text: times, hints
	Title     lipgloss.Style // pane titles
	Focused   lipgloss.Style // the title of the pane that has the keys
	Header    lipgloss.Style // the top bar
	Demo      lipgloss.Style // the DEMO LOGIN marker
	Selected  lipgloss.Style // the inbox row under the cursor
	Masked    lipgloss.Style // [PHONE] placeholders and the "Masked" token
	Escalated lipgloss.Style // handed to nurses, reads as clinical
	Overdue   lipgloss.Style // unread and waiting too long
	Urgent    lipgloss.Style // a patient message suggested an emergency
	Unread    lipgloss.Style // the unread count mark
	Error     lipgloss.Style // refusals, failures, fatal errors
	Warning   lipgloss.Style // closed 24-hour window, opted out
	StatusOK  lipgloss.Style // sent, delivered, read; success toasts
	Pending   lipgloss.Style // queued
	Inbound   lipgloss.Style // the patient's side of a thread
	Outbound  lipgloss.Style // the clinic's side of a thread
	Separator lipgloss.Style // lines between panes
	HelpKey   lipgloss.Style // key names in the help bar
	HelpDesc  lipgloss.Style // descriptions in the help bar
}

// DefaultTheme uses the terminal's own ANSI palette (colours 0–15), so it
// follows whatever light or dark scheme the clinic's terminal is set to.
func DefaultTheme() Theme {
	s := lipgloss.NewStyle
	c := func(ansi string) lipgloss.Color { return lipgloss.Color(ansi) }
	return Theme{
		Name:      "ansi",
		Text:      s(),
		Faint:     s().Faint(true),
		Title:     s().Bold(true),
		Focused:   s().Bold(true).Underline(true).Foreground(c("6")),
		Header:    s().Bold(true).Reverse(true),
		Demo:      s().Bold(true).Foreground(c("0")).Background(c("3")),
		Selected:  s().Reverse(true),
		Masked:    s().Foreground(c("5")).Bold(true),
		Escalated: s().Foreground(c("5")).Bold(true),
		Overdue:   s().Foreground(c("1")).Bold(true),
		Urgent:    s().Bold(true).Foreground(c("15")).Background(c("1")),
		Unread:    s().Foreground(c("4")).Bold(true),
		Error:     s().Foreground(c("1")).Bold(true),
		Warning:   s().Foreground(c("3")),
		StatusOK:  s().Foreground(c("2")),
		Pending:   s().Faint(true),
		Inbound:   s().Bold(true),
		Outbound:  s().Bold(true).Foreground(c("6")),
		Separator: s().Faint(true),
		HelpKey:   s().Bold(true),
		HelpDesc:  s().Faint(true),
	}
}

// monochromeName names MonochromeTheme.
const monochromeName = "monochrome"

// MonochromeTheme is DefaultTheme without colour, for NO_COLOR terminals
// and for readers who do not see colour: bold, faint, underline and
// reverse stay (NO_COLOR asks for no colour, not for no emphasis), and
// where the colour theme tells two states apart by hue alone, an
// attribute does it here (underline for masked text and warnings,
// reverse for errors and URGENT).
func MonochromeTheme() Theme {
	s := lipgloss.NewStyle
	return Theme{
		Name:      monochromeName,
		Text:      s(),
		Faint:     s().Faint(true),
		Title:     s().Bold(true),
		Focused:   s().Bold(true).Underline(true),
		Header:    s().Bold(true).Reverse(true),
		Demo:      s().Bold(true).Underline(true),
		Selected:  s().Reverse(true),
		Masked:    s().Bold(true).Underline(true),
		Escalated: s().Bold(true),
		Overdue:   s().Bold(true).Underline(true),
		Urgent:    s().Bold(true).Reverse(true),
		Unread:    s().Bold(true),
		Error:     s().Bold(true).Reverse(true),
		Warning:   s().Underline(true),
		StatusOK:  s(),
		Pending:   s().Faint(true),
		Inbound:   s().Bold(true),
		Outbound:  s().Bold(true),
		Separator: s().Faint(true),
		HelpKey:   s().Bold(true),
		HelpDesc:  s().Faint(true),
	}
}

// withoutColour removes every colour from a frame and keeps the other
// attributes: the text components (textarea, textinput) bring their own
// grey placeholders and cursor-line backgrounds, and under NO_COLOR none
// of that may show. The monochrome theme itself holds no colour; this is
// the guarantee for what it does not style. It runs once per frame, so it
// scans by hand rather than with a regular expression.
func withoutColour(frame string) string {
	i := strings.Index(frame, "\x1b[")
	if i < 0 {
		return frame
	}
	var b strings.Builder
	b.Grow(len(frame))
	for i >= 0 {
		b.WriteString(frame[:i])
		frame = frame[i:]
		end := 2
		for end < len(frame) && (frame[end] >= '0' && frame[end] <= '9' || frame[end] == ';' || frame[end] == ':') {
			end++
		}
		if end == len(frame) || frame[end] != 'm' {
			// Not an SGR sequence: kept as it is.
			b.WriteString(frame[:end])
		} else {
			writeSGRWithoutColour(&b, frame[2:end])
			end++
		}
		frame = frame[end:]
		i = strings.Index(frame, "\x1b[")
	}
	b.WriteString(frame)
	return b.String()
}

// writeSGRWithoutColour writes the SGR sequence with parameters params
// minus its colours; nothing when only colour was in it. An empty one (a
// reset) stays.
func writeSGRWithoutColour(b *strings.Builder, params string) {
	if params == "" {
		b.WriteString("\x1b[m")
		return
	}
	wrote := false
	rest := params
	skip := 0 // parameters still to drop after 38/48/58
	for {
		p, tail, _ := strings.Cut(rest, ";")
		rest = tail
		keep := false
		switch {
		case skip > 0:
			skip--
			if skip == 3 && p == "5" {
				skip = 1 // 38;5;N: one more
			}
		case strings.Contains(p, ":"):
			head, _, _ := strings.Cut(p, ":")
			keep = head != "38" && head != "48" && head != "58" // 4:3 is a curly underline
		default:
			n, err := strconv.Atoi(p)
			switch {
			case err != nil:
			case n == 38 || n == 48 || n == 58:
				skip = 4 // 2;R;G;B, or 5;N (see above)
			case n >= 30 && n <= 39, n >= 40 && n <= 49, n >= 90 && n <= 97, n >= 100 && n <= 107, n == 59:
			default:
				keep = true
			}
		}
		if keep {
			if wrote {
				b.WriteByte(';')
			} else {
				b.WriteString("\x1b[")
				wrote = true
			}
			b.WriteString(p)
		}
		if rest == "" {
			break
		}
	}
	if wrote {
		b.WriteByte('m')
	}
}

// ThemeFromEnv picks the theme for this terminal: MonochromeTheme when
// NO_COLOR is set to anything non-empty (https://no-color.org), else
// DefaultTheme.
func ThemeFromEnv() Theme {
	if os.Getenv("NO_COLOR") != "" {
		return MonochromeTheme()
	}
	return DefaultTheme()
}

// helpStyles dresses the help bar in the theme.
func (t Theme) helpStyles() help.Styles {
	return help.Styles{
		Ellipsis:       t.HelpDesc,
		ShortKey:       t.HelpKey,
		ShortDesc:      t.HelpDesc,
		ShortSeparator: t.HelpDesc,
		FullKey:        t.HelpKey,
		FullDesc:       t.HelpDesc,
		FullSeparator:  t.HelpDesc,
	}
}
