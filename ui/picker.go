package ui

import (
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// macroPicker is the quick-reply picker over the thread pane or, when the
// patient's 24-hour window is closed, the picker of approved WhatsApp
// templates. Choosing sends nothing itself: the choice goes to the root
// as a pickMsg, which sends it for the thread the picker was opened on.
type macroPicker struct {
	helpKeys // the keys of ctxPicker
	theme    Theme
	threadID string
	items    []assets.Macro
	// templates, when set, makes this the template picker (the 24-hour
	// window is closed): approved templates whose variables the server fills.
	templates []api.TemplateInfo
	cursor    int
	width     int
}

// pickMsg is the macro or template chosen for a thread.
type pickMsg struct {
	threadID string
	macroID  string
	template *api.TemplateInfo
}

// pickerClosedMsg says the picker was closed without a choice.
type pickerClosedMsg struct{}

func newMacroPicker(t Theme, keys KeyMap, threadID string, items []assets.Macro, templates []api.TemplateInfo) *macroPicker {
	return &macroPicker{helpKeys: keys.bindings(ctxPicker), theme: t, threadID: threadID, items: items, templates: templates}
}

// size is how many entries the picker lists.
func (p *macroPicker) size() int {
	if p.templates != nil {
		return len(p.templates)
	}
	return len(p.items)
}

// SetSize gives the picker the thread pane's width; it draws what fits.
func (p *macroPicker) SetSize(w, _ int) { p.width = w }

func (p *macroPicker) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch p.resolve(km) {
	case actQuit:
		return emit(quitMsg{})
	case actUp:
		p.cursor = max(p.cursor-1, 0)
	case actDown:
		p.cursor = min(p.cursor+1, p.size()-1)
	case actClose:
		return emit(pickerClosedMsg{})
	case actChooseNumber:
		// The digit names the entry: 1 is the first one listed.
		n := int(km.String()[0] - '1')
		if n >= p.size() {
			return nil
		}
		p.cursor = n
		return p.choose()
	case actChoose:
		return p.choose()
	}
	return nil
}

func (p *macroPicker) choose() tea.Cmd {
	if p.templates != nil {
		t := p.templates[p.cursor]
		return emit(pickMsg{threadID: p.threadID, template: &t})
	}
	return emit(pickMsg{threadID: p.threadID, macroID: p.items[p.cursor].ID})
}

func (p *macroPicker) View() string {
	if p.templates != nil {
		return p.templatesView()
	}
	return p.macrosView()
}

func (p *macroPicker) macrosView() string {
	t := p.theme
	w := p.width
	lines := []string{t.Focused.Render("Quick replies") + t.Faint.Render(" — the server adds the portal link")}
	for i, mc := range p.items {
		mark := "  "
		if i == p.cursor {
			mark = "▌ "
		}
		num := "  "
		if i < 9 {
			num = strconv.Itoa(i+1) + " "
		}
		ln := mark + num + mc.Title
		if mc.PortalLink {
			ln += t.Faint.Render(" · portal link")
		}
		if mc.Category == "clinical-handoff" {
			ln += " " + t.Escalated.Render("[CLINICAL]")
		}
		ln = fit(ln, w)
		if i == p.cursor {
			ln = t.Selected.Render(ansi.Strip(ln))
		}
		lines = append(lines, ln)
	}
	if p.cursor < len(p.items) {
		body := strings.ReplaceAll(p.items[p.cursor].Body, assets.PortalLinkPlaceholder, "‹portal link›")
		lines = append(lines, "", t.Faint.Render("Preview:"))
		for _, ln := range strings.Split(ansi.Wrap(body, max(w-2, 1), ""), "\n") {
			lines = append(lines, "  "+ln)
		}
	}
	return strings.Join(lines, "\n")
}

func (p *macroPicker) templatesView() string {
	t := p.theme
	w := p.width
	lines := []string{t.Focused.Render("Approved templates") + t.Faint.Render(" — the 24-hour window is closed; the server fills the variables")}
	for i, tp := range p.templates {
		mark := "  "
		if i == p.cursor {
			mark = "▌ "
		}
		num := "  "
		if i < 9 {
			num = strconv.Itoa(i+1) + " "
		}
		ln := fit(mark+num+plain(policy.SanitizeLine(tp.Name))+safe(t.Faint, policy.Trusted(" · "), policy.SanitizeLine(tp.Language), policy.Trusted(" · "), policy.SanitizeLine(tp.Category)), w)
		if i == p.cursor {
			ln = t.Selected.Render(ansi.Strip(ln))
		}
		lines = append(lines, ln)
	}
	if p.cursor < len(p.templates) {
		body := policy.SanitizeLine(p.templates[p.cursor].Body)
		lines = append(lines, "", t.Faint.Render("Preview:"))
		for _, ln := range strings.Split(wrapSafe(body, max(w-2, 1)), "\n") {
			lines = append(lines, "  "+ln)
		}
	}
	return strings.Join(lines, "\n")
}
