package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/policy"
)

var noQuickReplies = policy.Trusted("No quick replies are available for your role.")

// A terminal hands over whatever arrived in one read: letters typed
// quickly, held down, or sent by tmux send-keys come as one KeyMsg with
// several runes ("jjj"). No binding matches "jjj", so without splitting
// them the picker would stay on its first row and enter would send the
// wrong quick reply. Each letter is applied on its own, in order, against
// whatever the previous one opened: "rhello" opens the composer and types
// "hello" into it.
//
// A bracketed paste (Paste set) is text, not keys: it goes whole to the
// focused text field and never fires shortcuts.

// splitBurst returns the key presses msg holds, in order.
func splitBurst(msg tea.KeyMsg) []tea.KeyMsg {
	if msg.Type != tea.KeyRunes || msg.Paste || len(msg.Runes) < 2 {
		return []tea.KeyMsg{msg}
	}
	out := make([]tea.KeyMsg, len(msg.Runes))
	for i, r := range msg.Runes {
		// An escape before the burst made it alt+<first letter>.
		out[i] = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt && i == 0}
	}
	return out
}

// pickerWait is a picker asked for before its contents were known: the
// thread was still loading (macros or templates depend on its 24-hour
// window), or the approved templates were on their way from the server.
// Keys pressed meanwhile wait in keyQueue and go to the picker once it
// opens, so "m j j enter" typed in one go sends the third entry.
type pickerWait struct {
	threadID  string
	templates bool // the templates request is out
	// replay: the picker is open and the waiting keys are on their way
	// back through Update (replayKeysMsg); keys pressed meanwhile still
	// queue behind them, so the order holds.
	replay bool
}

// replayKeysMsg applies the keys that waited for a picker, now open.
type replayKeysMsg struct{}

// updateKeys applies every key press msg holds, in order.
func (m *Model) updateKeys(msg tea.KeyMsg) tea.Cmd {
	var cmds []tea.Cmd
	for _, k := range splitBurst(msg) {
		if m.waitingPicker != nil && k.Type != tea.KeyCtrlC {
			m.keyQueue = append(m.keyQueue, k)
			continue
		}
		cmds = append(cmds, m.updateKey(k))
	}
	return tea.Batch(cmds...)
}

// showPicker opens the quick-reply picker for the open thread, or asks
// the server for the templates when its 24-hour window is closed; while
// the thread itself is still loading it waits for it.
func (m *Model) showPicker() tea.Cmd {
	if m.pane.view == nil || m.pane.view.row.id != m.pane.id {
		m.waitingPicker = &pickerWait{threadID: m.pane.id}
		return nil
	}
	if m.windowClosed() {
		m.waitingPicker = &pickerWait{threadID: m.pane.id, templates: true}
		return templatesCmd(m.ctx, m.backend, m.session, m.pane.id)
	}
	items := m.macrosForPatient()
	if len(items) == 0 {
		m.dropKeyQueue()
		return m.showToast(toastError, noQuickReplies)
	}
	m.picker = newMacroPicker(m.theme, m.keys, m.pane.id, items, nil)
	m.resize()
	return m.pickerOpened()
}

// pickerOpened sends the waiting keys, if any, to the open picker.
func (m *Model) pickerOpened() tea.Cmd {
	if len(m.keyQueue) == 0 {
		m.waitingPicker = nil
		return nil
	}
	m.waitingPicker = &pickerWait{replay: true}
	return emit(replayKeysMsg{})
}

// pickerThreadLoaded continues a picker that waited for its thread.
func (m *Model) pickerThreadLoaded(threadID string, failed bool) tea.Cmd {
	w := m.waitingPicker
	if w == nil || w.templates || w.replay || w.threadID != threadID {
		return nil
	}
	m.waitingPicker = nil
	if failed {
		m.dropKeyQueue()
		return nil
	}
	return m.showPicker()
}

// pickerTemplatesDone ends the wait for the templates; opened says the
// template picker is now on screen.
func (m *Model) pickerTemplatesDone(opened bool) tea.Cmd {
	if m.waitingPicker == nil || !m.waitingPicker.templates {
		return nil
	}
	m.waitingPicker = nil
	if !opened {
		m.dropKeyQueue()
		return nil
	}
	return m.pickerOpened()
}

// replayKeys applies the keys that waited for the picker.
func (m *Model) replayKeys() tea.Cmd {
	if m.waitingPicker == nil || !m.waitingPicker.replay {
		return nil
	}
	m.waitingPicker = nil
	q := m.keyQueue
	m.keyQueue = nil
	var cmds []tea.Cmd
	for i, k := range q {
		if m.waitingPicker != nil {
			// A key in the queue asked for another picker: the rest
			// waits again.
			m.keyQueue = append([]tea.KeyMsg(nil), q[i:]...)
			break
		}
		cmds = append(cmds, m.updateKey(k))
	}
	return tea.Batch(cmds...)
}

// dropKeyQueue forgets keys meant for a picker that did not open: they
// named rows of a list that is not there, so applying them elsewhere
// (moving the inbox, opening another thread) would be a surprise.
func (m *Model) dropKeyQueue() {
	m.waitingPicker = nil
	m.keyQueue = nil
}
