package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/policy"
)

// composer is the reply box under the thread and the refusal shown under
// it. It edits text; sending, leaving and saving drafts are the root's,
// which it asks by message (composerSendMsg, composerLeftMsg,
// composerEditedMsg).
type composer struct {
	helpKeys // the keys of ctxComposer
	theme    Theme

	active  bool // shown under the thread
	ta      textarea.Model
	busy    bool
	refusal *refusalView
	// key is reused when the same text is sent again after a transient
	// failure, so the retry cannot send twice.
	key, keyText string

	width   int
	focused bool           // the composer has the keys (the root says so)
	offer   composerOffers // the ways out of a refusal (the root says so)
}

// composerOffers are the ways out of a refusal the hint names.
type composerOffers struct{ portal, schedule, resend bool }

type (
	composerSendMsg   struct{} // Enter: send the text
	composerLeftMsg   struct{} // Esc: the composer let go of the keys
	composerEditedMsg struct{} // the text changed: the draft is due a save
)

func newComposer(t Theme, keys KeyMap) composer {
	ta := textarea.New()
	ta.Placeholder = "Write a reply (no health details: use the portal link)"
	ta.ShowLineNumbers = false
	ta.Prompt = "> "
	ta.CharLimit = 4096 // WhatsApp's limit for a text message
	ta.SetHeight(3)
	// Enter sends; a new line is alt+enter.
	ta.KeyMap.InsertNewline.SetKeys("alt+enter")
	return composer{helpKeys: keys.bindings(ctxComposer), theme: t, ta: ta}
}

// SetSize fits the box to the thread pane: fewer lines in a short pane.
func (c *composer) SetSize(w, threadH int) {
	c.width = w
	c.ta.SetWidth(max(w-2, 10))
	switch {
	case threadH < 14:
		c.ta.SetHeight(1)
	case threadH < 24:
		c.ta.SetHeight(2)
	default:
		c.ta.SetHeight(3)
	}
}

// Update takes a key (unbound keys edit the text) or a cursor blink.
func (c *composer) Update(msg tea.Msg) tea.Cmd {
	if km, ok := msg.(tea.KeyMsg); ok {
		switch c.resolve(km) {
		case actQuit:
			return emit(quitMsg{})
		case actLeave:
			c.leave()
			return emit(composerLeftMsg{})
		case actSend:
			return emit(composerSendMsg{})
		}
	}
	before := c.ta.Value()
	var cmd tea.Cmd
	c.ta, cmd = c.ta.Update(msg)
	if c.ta.Value() != before {
		cmd = tea.Batch(cmd, emit(composerEditedMsg{}))
	}
	return cmd
}

// leave lets go of the keys; an empty box with no refusal folds away.
func (c *composer) leave() {
	c.ta.Blur()
	if strings.TrimSpace(c.ta.Value()) == "" && c.refusal == nil {
		c.active = false
	}
}

// composerView is the reply box with, under it, an outbound rule's
// refusal and the way out.
func (c *composer) View() string {
	if !c.active && c.refusal == nil {
		return ""
	}
	t := c.theme
	w := c.width
	st := t.Title
	if c.focused {
		st = t.Focused
	}
	lines := []string{st.Render("Reply") + t.Faint.Render(" · no health details here")}
	lines = append(lines, c.ta.View())
	if c.busy {
		lines = append(lines, t.Faint.Render("Sending…"))
	}
	if r := c.refusal; r != nil {
		why := policy.Trusted("✗ Not sent")
		if !r.rule.IsEmpty() {
			why = policy.Concat(why, policy.Trusted(" ("), r.rule, policy.Trusted(")"))
		}
		lines = append(lines, indent(safe(t.Error, why, policy.Trusted(": "))+safe(t.Text, r.reason), w, 0, 2))
		if len(r.types) > 0 {
			lines = append(lines, "  "+safe(t.Faint, policy.Trusted("Found: "), policy.Join(r.types, policy.Trusted(", "))))
		}
		hint := t.Faint.Render("r to edit the reply, esc to go back")
		if c.offer.portal {
			hint = t.HelpKey.Render("press p to send the secure-portal link instead") + t.Faint.Render(" · r to edit")
		}
		if c.offer.schedule {
			hint = t.HelpKey.Render("press s to send it at the patient's next allowed minute") + t.Faint.Render(" · r to edit")
		}
		if c.offer.resend {
			hint = t.HelpKey.Render("press y to send it again") + t.Faint.Render(" · esc to leave it")
		}
		lines = append(lines, indent(hint, w, 2, 2))
	}
	return strings.Join(lines, "\n")
}
