package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// The server answers a send as soon as it has queued it; WhatsApp takes
// it (or refuses it) later, and the answer arrives as a status event.
// So the footer says "queued" first and the real outcome when it is
// known: sent, or failed with the provider's reason. A send the outbound
// rules refused says so with the rule's reason, and one that never
// reached the server says that. It never says "sent" for a message that
// did not go.

// watchedSend is a send the server queued whose outcome the footer
// still owes the user.
type watchedSend struct {
	what  string
	label policy.SafeText
}

// sendWhat names what was sent, for the footer.
func sendWhat(macroID, template string) string {
	switch {
	case macroID == portalMacroID:
		return "Secure-portal link"
	case macroID != "":
		return "Quick reply"
	case template != "":
		return "Template"
	}
	return "Message"
}

// reportAccepted tells the user what the server did with an accepted
// send and, while it is only queued, watches for its outcome.
func (m *Model) reportAccepted(msg sendResultMsg) tea.Cmd {
	w := watchedSend{what: sendWhat(msg.macroID, msg.template), label: m.labelOf(msg.threadID)}
	out := msg.resp.Message
	st := parseStatus(out.Status)
	if st.kind == statusQueued || st.kind == statusNone {
		if out.ID != "" {
			if m.sendWatch == nil {
				m.sendWatch = map[string]watchedSend{}
			}
			m.sendWatch[out.ID] = w
		}
		return m.showToast(toastPending, policy.Concat(policy.Trusted(w.what+" to "), w.label,
			policy.Trusted(" queued: waiting for WhatsApp")))
	}
	return m.reportOutcome(w, st, policy.SanitizeLine(out.Error))
}

// reportOutcome is the footer line for a send whose fate is known.
func (m *Model) reportOutcome(w watchedSend, st deliveryStatus, failure policy.SafeText) tea.Cmd {
	if st.kind == statusFailed {
		if failure.IsEmpty() {
			failure = policy.Trusted("open the thread for the reason")
		}
		return m.showToast(toastError, policy.Concat(policy.Trusted(w.what+" to "), w.label, policy.Trusted(" failed: "), failure))
	}
	return m.showToast(toastInfo, policy.Concat(policy.Trusted(w.what+" sent to "), w.label))
}

// sendStatusChanged settles a watched send from a status event. The
// failure reason is not in the event; the thread, when it is open and
// loaded, has it.
func (m *Model) sendStatusChanged(threadID, messageID, status string) tea.Cmd {
	w, ok := m.sendWatch[messageID]
	st := parseStatus(status)
	if !ok || st.kind == statusQueued || st.kind == statusNone {
		return nil
	}
	if st.kind == statusFailed && threadID == m.pane.id && m.pane.id != "" {
		// The thread is fetched again for this event; its answer carries
		// the reason, and sendsSettledIn reports it then.
		return nil
	}
	delete(m.sendWatch, messageID)
	return m.reportOutcome(w, st, m.failureOf(messageID))
}

// sendsSettledIn settles watched sends from a freshly loaded thread: a
// status event missed while the stream was down still gets reported.
func (m *Model) sendsSettledIn(d api.ThreadDetail) tea.Cmd {
	var cmds []tea.Cmd
	for _, msg := range d.Messages {
		w, ok := m.sendWatch[msg.ID]
		st := parseStatus(msg.Status)
		if !ok || st.kind == statusQueued || st.kind == statusNone {
			continue
		}
		delete(m.sendWatch, msg.ID)
		cmds = append(cmds, m.reportOutcome(w, st, policy.SanitizeLine(msg.Error)))
	}
	return tea.Batch(cmds...)
}

// failureOf is the provider's reason for a failed message of the open
// thread, when it is loaded.
func (m *Model) failureOf(messageID string) policy.SafeText {
	if m.pane.view == nil {
		return policy.SafeText{}
	}
	for _, mv := range m.pane.view.messages {
		if mv.id == messageID {
			return mv.failure
		}
	}
	return policy.SafeText{}
}

// reportRefused is the footer line for a send the outbound rules refused.
func (m *Model) reportRefused(msg sendResultMsg, r api.Refusal) tea.Cmd {
	what := policy.Trusted(sendWhat(msg.macroID, msg.template) + " not sent")
	if r.Rule != "" {
		what = policy.Concat(what, policy.Trusted(" ("), policy.SanitizeLine(r.Rule), policy.Trusted(")"))
	}
	return m.showToast(toastError, policy.Concat(what, policy.Trusted(": "), policy.SanitizeLine(r.Reason)))
}
