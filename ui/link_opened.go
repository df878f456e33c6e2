package ui

// linkOpenedView is the note on an outbound message whose portal link
// the patient opened ("· link opened 14:02"): the front desk sees the
// hand-off landed without asking the patient.
func (m *Model) linkOpenedView(msg messageView) string {
	if msg.linkOpenedAt.IsZero() {
		return ""
	}
	return m.theme.Faint.Render(" · ") + m.theme.StatusOK.Render("link opened "+clockTime(m.nowAt, msg.linkOpenedAt))
}
