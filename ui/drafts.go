package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/policy"
)

// Drafts: the composer's text is saved through the Backend a moment after
// the user stops typing, so a reply half written when the console crashes
// or is killed is there again at the next sign-in. Opening a thread loads
// its draft; sending deletes it; signing out deletes them all.
//
// Every draft call goes through one queue, one call at a time, so a save
// started before a delete cannot land after it. A save is addressed by
// thread id and edit generation: a timer from an earlier edit, or for a
// thread no longer open, saves nothing.

// defaultDraftDelay is how long after the last edit the draft is saved.
const defaultDraftDelay = time.Second

// quitGrace bounds how long quitting waits for the last draft to be
// written; a stuck store must not keep the console from closing.
const quitGrace = 2 * time.Second

type draftOpKind int

const (
	draftSave draftOpKind = iota
	draftDelete
)

// draftOp is one queued draft call.
type draftOp struct {
	kind     draftOpKind
	threadID string
	text     string
}

// draftState is the model's side of drafts.
type draftState struct {
	thread  string    // the thread the composer's text belongs to
	gen     int       // bumps on every edit and thread change
	dirty   bool      // edits not yet queued for saving
	loadGen int       // bumps on every load; older answers are dropped
	busy    bool      // a draft call is on its way
	queue   []draftOp // calls waiting for it, in order
	failing bool      // the last call failed (one toast per run of failures)
}

type draftTickMsg struct {
	session  int
	gen      int
	threadID string
}

type draftLoadedMsg struct {
	session  int
	gen      int
	threadID string
	text     string
	err      error
}

type draftDoneMsg struct {
	session int
	err     error
}

// quitNowMsg ends a quit that is still waiting for the last draft.
type quitNowMsg struct{}

// composerEdited starts the save timer after the composer's text changed.
func (m *Model) composerEdited() tea.Cmd {
	d := &m.drafts
	d.thread = m.pane.id
	d.gen++
	d.dirty = true
	tick := draftTickMsg{session: m.session, gen: d.gen, threadID: d.thread}
	return m.after(m.draftDelay, func(time.Time) tea.Msg { return tick })
}

func (m *Model) onDraftTick(msg draftTickMsg) tea.Cmd {
	d := &m.drafts
	if msg.session != m.session || msg.gen != d.gen || msg.threadID != d.thread || msg.threadID != m.pane.id {
		return nil // a newer edit, or another thread, owns the composer now
	}
	return m.flushDraft()
}

// flushDraft queues a save of the composer's text for the thread it
// belongs to, when there are edits not yet saved. Text that is only
// spaces is no draft.
func (m *Model) flushDraft() tea.Cmd {
	d := &m.drafts
	if !d.dirty || d.thread == "" {
		return nil
	}
	d.dirty = false
	text := m.composer.ta.Value()
	if strings.TrimSpace(text) == "" {
		text = ""
	}
	return m.queueDraft(draftOp{kind: draftSave, threadID: d.thread, text: text})
}

// queueDraft adds op to the queue, replacing a call for the same thread
// that has not started (only the newest text matters), and starts it
// when nothing is on its way.
func (m *Model) queueDraft(op draftOp) tea.Cmd {
	if m.ctx == nil {
		return nil
	}
	d := &m.drafts
	q := d.queue[:0]
	for _, o := range d.queue {
		if o.threadID != op.threadID {
			q = append(q, o)
		}
	}
	d.queue = append(q, op)
	return m.nextDraftOp()
}

// nextDraftOp starts the first queued call; when quitting and nothing is
// left to write, it quits.
func (m *Model) nextDraftOp() tea.Cmd {
	d := &m.drafts
	if d.busy {
		return nil
	}
	if len(d.queue) == 0 || m.ctx == nil {
		if m.quitting {
			return tea.Quit
		}
		return nil
	}
	op := d.queue[0]
	d.queue = d.queue[1:]
	d.busy = true
	return draftOpCmd(m.ctx, m.backend, m.session, op)
}

func (m *Model) onDraftDone(msg draftDoneMsg) tea.Cmd {
	if msg.session != m.session {
		return nil // the session ended; its drafts are being deleted
	}
	d := &m.drafts
	d.busy = false
	var cmds []tea.Cmd
	switch {
	case msg.err == nil:
		d.failing = false
	case errors.Is(msg.err, context.Canceled):
	case !d.failing:
		d.failing = true
		cmds = append(cmds, m.showToast(toastError, policy.SanitizeLine("Draft not saved: "+msg.err.Error())))
	}
	return tea.Batch(append(cmds, m.nextDraftOp())...)
}

// switchDraft is called as the composer moves to thread id: it saves what
// was typed for the thread being left, empties the composer and asks for
// the new thread's draft.
func (m *Model) switchDraft(id string) tea.Cmd {
	save := m.flushDraft()
	c := &m.composer
	c.ta.Reset()
	c.key, c.keyText = "", ""
	d := &m.drafts
	d.thread = id
	d.gen++
	d.dirty = false
	if m.ctx == nil || id == "" {
		return save
	}
	d.loadGen++
	return tea.Batch(save, draftLoadCmd(m.ctx, m.backend, m.session, d.loadGen, id))
}

func (m *Model) onDraftLoaded(msg draftLoadedMsg) tea.Cmd {
	d := &m.drafts
	if msg.session != m.session || msg.gen != d.loadGen || msg.threadID != m.pane.id {
		return nil // a load for a thread no longer open
	}
	if msg.err != nil {
		if errors.Is(msg.err, context.Canceled) {
			return nil
		}
		return m.showToast(toastError, policy.SanitizeLine("Could not load your draft: "+msg.err.Error()))
	}
	c := &m.composer
	if msg.text == "" || c.ta.Value() != "" || c.busy {
		return nil // nothing kept, or the user is already writing
	}
	c.ta.SetValue(msg.text)
	c.active = true
	d.thread, d.dirty = msg.threadID, false
	m.resize()
	return nil
}

// draftSent deletes the draft of a thread whose free text was just sent.
func (m *Model) draftSent(threadID string) tea.Cmd {
	if threadID == m.drafts.thread {
		m.drafts.gen++
		m.drafts.dirty = false
	}
	return m.queueDraft(draftOp{kind: draftDelete, threadID: threadID})
}

// quit leaves the console, first writing the draft still waiting for its
// timer. A second quit, or quitGrace, ends it without waiting.
func (m *Model) quit() tea.Cmd {
	if m.quitting {
		return tea.Quit
	}
	save := m.flushDraft()
	if !m.drafts.busy {
		return tea.Quit
	}
	m.quitting = true
	return tea.Batch(save, m.after(quitGrace, func(time.Time) tea.Msg { return quitNowMsg{} }))
}

func draftOpCmd(ctx context.Context, b Backend, session int, op draftOp) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		var err error
		if op.kind == draftDelete {
			err = b.DeleteDraft(ctx, op.threadID)
		} else {
			err = b.SaveDraft(ctx, op.threadID, op.text)
		}
		return draftDoneMsg{session: session, err: err}
	}
}

func draftLoadCmd(ctx context.Context, b Backend, session, gen int, threadID string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		text, err := b.LoadDraft(ctx, threadID)
		return draftLoadedMsg{session: session, gen: gen, threadID: threadID, text: text, err: err}
	}
}
