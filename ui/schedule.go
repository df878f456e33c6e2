package ui

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// scheduleOffered says the last refusal, on the open thread, was the
// quiet hours: s schedules the same message for the patient's morning.
func (m *Model) scheduleOffered() bool {
	r := m.composer.refusal
	return r != nil && r.threadID == m.pane.id && r.rule.String() == policy.RuleQuietHours && r.request.IdempotencyKey != ""
}

type scheduleResultMsg struct {
	session  int
	threadID string
	resp     api.ScheduleResponse
	err      error
}

func scheduleCmd(ctx context.Context, b Backend, session int, threadID string, req api.SendRequest) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		resp, err := b.Schedule(ctx, threadID, req)
		return scheduleResultMsg{session: session, threadID: threadID, resp: resp, err: err}
	}
}

func (m *Model) onSchedule(msg scheduleResultMsg) tea.Cmd {
	if msg.session != m.session {
		return nil
	}
	if msg.err != nil {
		return m.handleErr("Not scheduled", msg.err)
	}
	c := &m.composer
	if c.refusal != nil && c.refusal.threadID == msg.threadID {
		c.refusal = nil
		if c.refusal == nil && msg.threadID == m.pane.id {
			// The text is on its way: it is no longer a draft.
			c.ta.Reset()
			c.active = false
		}
		m.resize()
	}
	due := clockTime(m.nowAt, msg.resp.Scheduled.DueAt)
	if m.pane.view != nil && m.pane.view.clock != nil {
		due = msg.resp.Scheduled.DueAt.UTC().Add(secondsOf(m.pane.view.clock.ZoneOffsetSeconds)).Format("15:04") + " the patient's time"
	}
	cmds := []tea.Cmd{m.showToast(toastInfo, policy.Trusted("Scheduled for "+due)), m.draftSent(msg.threadID)}
	if msg.threadID == m.pane.id {
		cmds = append(cmds, m.pane.fetch())
	}
	return tea.Batch(cmds...)
}

// resendOffered says the last refusal asked whether to send the same
// portal link again within the hour.
func (m *Model) resendOffered() bool {
	r := m.composer.refusal
	return r != nil && r.threadID == m.pane.id && r.rule.String() == "repeat_link" && r.request.MacroID != ""
}
