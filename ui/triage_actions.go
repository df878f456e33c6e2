package ui

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// The triage keys act on the thread the user is on: the selection in the
// list, else the open thread. Each step is checked against the
// permission matrix first (policy.DecideThreadAct, the same rules the
// server applies), so a refused key says why at once instead of doing
// nothing; the server decides again, atomically, and its refusal is
// shown the same way.

// triageTarget is the row the triage keys act on.
func (m *Model) triageTarget() *threadRow {
	if m.focus == focusList {
		return m.list.selected()
	}
	if m.pane.view != nil && m.pane.id != "" {
		if r := m.list.row(m.pane.id); r != nil {
			return r
		}
		return &m.pane.view.row
	}
	return nil
}

// factsOf reads a row's workflow facts for a decision.
func (m *Model) factsOf(r *threadRow) policy.ThreadFacts {
	return policy.ThreadFacts{State: string(r.state), Escalated: r.wf.escalated, OwnerID: r.wf.ownerID, ActorID: m.user.ID}
}

// decide is the permission matrix's answer for act on r.
func (m *Model) decide(act policy.ThreadAct, r *threadRow) policy.ThreadDecision {
	return policy.DecideThreadAct(policy.Role(m.user.Role), act, m.factsOf(r))
}

// refuse shows why a key did nothing.
func (m *Model) refuse(why string) tea.Cmd {
	return m.showToast(toastError, policy.SanitizeLine(why))
}

// triageKey runs a triage action; ok is false for actions it does not own.
func (m *Model) triageKey(act action) (cmd tea.Cmd, ok bool) {
	q := m.queues()
	switch act {
	case actQueuePrev:
		return m.stepQueue(-1), true
	case actQueueNext:
		return m.stepQueue(1), true
	case actClearFilters:
		if !q.filtersActive() {
			return nil, true
		}
		q.filter = api.InboxFilter{}
		m.resize()
		return tea.Batch(m.showToast(toastInfo, policy.Trusted("Filters cleared")), m.list.reload()), true
	case actSearch:
		m.form = newTextForm(m.theme, &m.keys, formSearch, "", policy.SafeText{}, "Search this queue", "words in the masked messages, notes and reasons", 200)
		m.form.input.SetValue(q.filter.Search)
		m.form.input.CursorEnd()
		m.form.hint = "Searches masked text on the server: names, numbers and other PHI are never searchable."
		m.resize()
		return m.form.input.Focus(), true
	case actFilters:
		m.form = newFilterForm(m.theme, &m.keys, q.filter)
		m.form.hint = "tab moves between fields, ←/→ changes a choice, enter applies."
		m.resize()
		return nil, true
	case actNextThread:
		tb := m.triageBackend()
		if tb == nil || m.ctx == nil {
			return nil, true
		}
		return nextCmd(m.ctx, tb, m.session), true
	case actClaim, actRelease, actReopen, actCloseThread, actEscalate, actAssign, actEscalationMenu:
		return m.stepKey(act), true
	case actHandoff:
		if m.triageBackend() == nil {
			return nil, false // the plain console's yes/no prompt
		}
		r := m.triageTarget()
		if r == nil {
			return nil, true
		}
		role := policy.Role(m.user.Role)
		if !policy.Can(role, policy.ActionHandoffToNurse) {
			return m.refuse(policy.Why(role, policy.ActionHandoffToNurse)), true
		}
		switch r.state {
		case api.ThreadClinical:
			return m.refuse("This thread is already with the nurses."), true
		case api.ThreadClosed:
			return m.refuse("This thread is closed; reopen it before handing it off."), true
		}
		m.form = newTextForm(m.theme, &m.keys, formHandoff, r.id, r.label, "Hand to the nurses", "a short note for the nurse (optional)", policy.MaxHandoffNote)
		m.form.hint = "The patient gets the warm acknowledgment with a portal link. The note is sealed and PHI-masked for display."
		m.resize()
		return m.form.input.Focus(), true
	}
	return nil, false
}

// stepKey checks a workflow step on the target and opens its form, or
// sends it when it needs nothing more.
func (m *Model) stepKey(act action) tea.Cmd {
	r := m.triageTarget()
	if r == nil {
		return m.refuse("Select a thread first.")
	}
	step := map[action]policy.ThreadAct{
		actClaim: policy.ActClaim, actRelease: policy.ActRelease, actReopen: policy.ActReopen,
		actCloseThread: policy.ActClose, actEscalate: policy.ActEscalate, actAssign: policy.ActAssign,
	}[act]
	if act == actEscalationMenu {
		role := policy.Role(m.user.Role)
		if !policy.Can(role, policy.ActionWorkEscalations) {
			return m.refuse(policy.Why(role, policy.ActionWorkEscalations))
		}
		if !r.wf.escalated {
			return m.refuse("This thread is not escalated; E works a thread in the Escalated queue.")
		}
		m.form = newChoiceForm(m.theme, &m.keys, formEscalation, r.id, r.label, "Escalation", escalationChoices())
		m.form.hint = m.escalationHint(r)
		m.resize()
		return nil
	}
	if act == actAssign {
		// The colleague's role is the server's to check; here only
		// whether this user may assign at all.
		role := policy.Role(m.user.Role)
		if !policy.Can(role, policy.ActionAssignThread) {
			return m.refuse(policy.Why(role, policy.ActionAssignThread))
		}
		if r.state == api.ThreadClosed {
			return m.refuse("This thread is closed; reopen it before assigning it.")
		}
		return m.openAssign(r)
	}
	if d := m.decide(step, r); !d.Allowed {
		return m.refuse(d.Why)
	}
	switch act {
	case actCloseThread:
		m.form = newChoiceForm(m.theme, &m.keys, formOutcome, r.id, r.label, "Close with an outcome", outcomeChoices())
		m.resize()
		return nil
	case actEscalate:
		m.form = newTextForm(m.theme, &m.keys, formEscalate, r.id, r.label, "Escalate to a supervisor", "why a supervisor is needed", policy.MaxEscalationReason)
		m.form.hint = "The reason is sealed and PHI-masked for display; keep it short."
		m.resize()
		return m.form.input.Focus()
	}
	return m.sendStep(r.id, r.label, step, api.ThreadActRequest{})
}

func (m *Model) openAssign(r *threadRow) tea.Cmd {
	m.form = newTextForm(m.theme, &m.keys, formAssign, r.id, r.label, "Assign to", "a colleague's username", 64)
	if names := m.knownColleagues(); len(names) > 0 {
		m.form.hint = "Seen in this queue: " + strings.Join(names, ", ")
	}
	m.resize()
	return m.form.input.Focus()
}

// knownColleagues are the usernames the loaded rows name (owners and
// who handed off), as suggestions for an assignment.
func (m *Model) knownColleagues() []string {
	seen := map[string]bool{}
	var out []string
	add := func(s policy.SafeText) {
		n := s.String()
		if n != "" && n != "system" && n != m.user.Username && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, r := range m.list.rows {
		add(r.wf.owner)
		add(r.wf.handoffBy)
		add(r.wf.escBy)
	}
	slices.Sort(out)
	return out[:min(len(out), 8)]
}

func (m *Model) escalationHint(r *threadRow) string {
	wf := r.wf
	var parts []string
	if wf.escKind == api.EscalationSLA {
		parts = append(parts, "The nurses' SLA ran out")
	} else if !wf.escBy.IsEmpty() {
		parts = append(parts, "Escalated by "+wf.escBy.String())
	}
	if !wf.escAt.IsZero() {
		parts = append(parts, agoText(m.nowAt, wf.escAt))
	}
	if !wf.escReason.IsEmpty() {
		parts = append(parts, "“"+wf.escReason.String()+"”")
	}
	if !wf.owner.IsEmpty() {
		parts = append(parts, "held by "+wf.owner.String())
	} else {
		parts = append(parts, "nobody holds it")
	}
	return strings.Join(parts, " · ")
}

// sendStep sends a workflow step.
func (m *Model) sendStep(id string, label policy.SafeText, act policy.ThreadAct, req api.ThreadActRequest) tea.Cmd {
	tb := m.triageBackend()
	if tb == nil || m.ctx == nil {
		return nil
	}
	return threadActCmd(m.ctx, tb, m.session, id, label, act, req)
}

// onFormClosed closes the form that asked, if it is still open.
func (m *Model) onFormClosed(msg formClosedMsg) {
	if m.form != nil && m.form == msg.form {
		m.form = nil
		m.resize()
	}
}

// onFormDone acts on what the open form asked for.
func (m *Model) onFormDone(msg formDoneMsg) tea.Cmd {
	f, done := msg.form, msg.done
	if m.form == nil || m.form != f {
		return nil
	}
	tb := m.triageBackend()
	if tb == nil || m.ctx == nil {
		m.form = nil
		return nil
	}
	switch f.kind {
	case formHandoff:
		f.busy = true
		return handoffNoteCmd(m.ctx, tb, m.session, f.threadID, f.label, done.text)
	case formEscalate:
		f.busy = true
		return threadActCmd(m.ctx, tb, m.session, f.threadID, f.label, policy.ActEscalate, api.ThreadActRequest{Reason: done.text})
	case formAssign:
		f.busy = true
		return threadActCmd(m.ctx, tb, m.session, f.threadID, f.label, policy.ActAssign, api.ThreadActRequest{User: done.text})
	case formOutcome:
		f.busy = true
		return threadActCmd(m.ctx, tb, m.session, f.threadID, f.label, policy.ActClose, api.ThreadActRequest{Outcome: done.choice})
	case formEscalation:
		return m.escalationChoice(f, done.choice)
	case formSearch:
		m.form = nil
		m.queues().filter.Search = done.text
		m.resize()
		return m.list.reload()
	case formFilters:
		m.form = nil
		q := m.queues()
		done.filter.Search = q.filter.Search
		q.filter = done.filter
		m.resize()
		return m.list.reload()
	}
	return nil
}

// escalationChoice does what the supervisor picked on an escalation.
func (m *Model) escalationChoice(f *triageForm, choice string) tea.Cmd {
	r := m.list.row(f.threadID)
	if r == nil && m.pane.view != nil && m.pane.view.row.id == f.threadID {
		r = &m.pane.view.row
	}
	if r == nil {
		m.form = nil
		return m.refuse("That thread is no longer on screen.")
	}
	switch choice {
	case string(policy.ActAssign):
		return m.openAssign(r)
	case string(policy.ActClose):
		if d := m.decide(policy.ActClose, r); !d.Allowed {
			f.err = policy.SanitizeLine(d.Why)
			return nil
		}
		m.form = newChoiceForm(m.theme, &m.keys, formOutcome, r.id, r.label, "Close with an outcome", outcomeChoices())
		m.resize()
		return nil
	case "incident":
		m.form = nil
		m.resize()
		return m.openIncidentReport()
	case string(policy.ActTakeOver), string(policy.ActReturn):
		act := policy.ThreadAct(choice)
		if d := m.decide(act, r); !d.Allowed {
			f.err = policy.SanitizeLine(d.Why)
			return nil
		}
		f.busy = true
		return m.sendStep(r.id, r.label, act, api.ThreadActRequest{})
	}
	return nil
}

// onTriage takes the answers of the triage workflow.
func (m *Model) onTriage(msg triageResult) tea.Cmd {
	if msg.triageSession() != m.session {
		return nil
	}
	switch msg := msg.(type) {
	case queueCountsMsg:
		q := m.queues()
		q.countsBusy = false
		if msg.err == nil {
			q.counts = msg.counts
		}
		if q.countsAgain {
			q.countsAgain = false
			return m.fetchQueueCounts()
		}
		if msg.err == nil && m.list.heldDisagrees() {
			// Rows the stream never told this console about (a
			// colleague's hand-off to the nurses reaches clinical roles
			// only): the rows changed since the list's change number
			// settle it.
			return m.list.fetch()
		}
		if msg.err != nil && isUnauthorized(msg.err) {
			return m.signOut("Your session ended. Please sign in again.")
		}
	case threadActMsg:
		return m.onThreadAct(msg)
	case nextMsg:
		return m.onNext(msg)
	case handoffNoteMsg:
		return m.onHandoffNote(msg)
	}
	return nil
}

// formFor is the open form for a thread's answer, or nil.
func (m *Model) formFor(threadID string) *triageForm {
	if m.form != nil && threadID != "" && m.form.threadID == threadID {
		return m.form
	}
	return nil
}

// stepFailed shows a refused or failed step: in its form when one is
// open (keeping what was typed), else as a toast.
func (m *Model) stepFailed(threadID, what string, err error) tea.Cmd {
	if !isRefusal(err) {
		if f := m.formFor(threadID); f != nil {
			f.busy = false
		}
		return m.handleErr(what, err)
	}
	if m.leftTheQueues(err) {
		// A colleague handed the thread to the nurses while it was on
		// this screen (their hand-off's event goes to clinical roles
		// only): it leaves the list now, and the words say what happened
		// instead of the matrix's sentence about taking hand-offs.
		label := m.labelOf(threadID)
		if m.formFor(threadID) != nil {
			m.form = nil
		}
		m.list.dropRow(threadID)
		if m.pane.id == threadID {
			m.closeThread()
		}
		m.resize()
		return tea.Batch(m.showToast(toastWarn, policy.Concat(label, policy.Trusted(" is with the nurses now (a colleague handed it off); it has left your queues."))),
			m.fetchQueueCounts(), m.list.fetch())
	}
	// A refusal often means the thread changed under the user (a
	// colleague claimed or closed it): bring the list up to date.
	refresh := m.list.fetch()
	if f := m.formFor(threadID); f != nil {
		f.busy = false
		f.err = refusalText(err)
		m.resize()
		return refresh
	}
	return tea.Batch(m.showToast(toastError, policy.Concat(policy.Trusted(what+": "), refusalText(err))), refresh)
}

// statusForbidden is HTTP's 403, named here because the console does no
// HTTP itself (TestImportBoundary).
const statusForbidden = 403

// leftTheQueues says a step was refused because the thread is now in the
// nurses' queue, which the signed-in role may not open: the server's
// refusal is the matrix's own sentence for that.
func (m *Model) leftTheQueues(err error) bool {
	var se *api.StatusError
	role := policy.Role(m.user.Role)
	return errors.As(err, &se) && se.Code == statusForbidden && !policy.Can(role, policy.ActionViewClinicalThreads) &&
		strings.TrimSpace(se.Message) == policy.Why(role, policy.ActionViewClinicalThreads)
}

var stepDone = map[policy.ThreadAct]string{
	policy.ActClaim: "Claimed", policy.ActRelease: "Released", policy.ActAssign: "Assigned",
	policy.ActClose: "Closed", policy.ActReopen: "Reopened", policy.ActEscalate: "Escalated to the supervisors",
	policy.ActReturn: "Returned to the front desk", policy.ActTakeOver: "Taken over",
}

func (m *Model) onThreadAct(msg threadActMsg) tea.Cmd {
	if msg.err != nil {
		return m.stepFailed(msg.threadID, "Not done", msg.err)
	}
	if m.formFor(msg.threadID) != nil {
		m.form = nil
		m.resize()
	}
	word := stepDone[msg.act]
	if msg.act == policy.ActAssign && msg.res.Thread.Owner != "" {
		word += " to " + msg.res.Thread.Owner
	}
	cmds := []tea.Cmd{
		m.showToast(toastInfo, policy.Concat(policy.Trusted(word+": "), msg.label)),
		m.fetchQueueCounts(),
	}
	cmds = append(cmds, m.landRow(msg.threadID, msg.res.Thread, msg.res.Visible))
	return tea.Batch(cmds...)
}

// landRow applies a step's answer: the row changes in place (the
// cursor's row keeps its place until the cursor moves), or, when the
// user may no longer open the thread, it leaves and the thread closes so
// the console moves on instead of meeting a refusal.
func (m *Model) landRow(id string, ts api.ThreadSummary, visible bool) tea.Cmd {
	if !visible || (ts.ID == id && !ts.Gone && !m.list.inView(ts, true)) {
		// The step took the thread out of the queue on screen (closed,
		// returned, handed off, taken over): it leaves now, the user's
		// own doing, and the cursor stays on its line, on the next one.
		m.list.dropRow(id)
		if m.pane.id == id && !visible {
			m.closeThread()
		}
		if m.pane.id == id && visible {
			return m.pane.fetch()
		}
		return nil
	}
	if ts.ID == id {
		m.list.applyRow(ts)
	}
	if m.pane.id == id {
		return m.pane.fetch()
	}
	return nil
}

// closeThread empties the thread pane (the thread left this user's view).
func (m *Model) closeThread() {
	m.dropReveal()
	m.pane = newThreadPane(m.theme, &m.keys, m.sess())
	m.composer.refusal, m.composer.active = nil, false
	m.composer.ta.Blur()
	m.focus = focusList
	m.resize()
}

func (m *Model) onNext(msg nextMsg) tea.Cmd {
	if msg.err != nil {
		return m.stepFailed("", "Next", msg.err)
	}
	ts := msg.res.Thread
	if ts == nil {
		return m.showToast(toastInfo, policy.Trusted("Nothing is waiting in your queue."))
	}
	label := policy.SanitizeLine(ts.PatientLabel)
	word := "Next: "
	if msg.res.Claimed {
		word = "Claimed the oldest waiting: "
	}
	if !ts.WaitingSince.IsZero() {
		label = policy.Concat(label, policy.Trusted(" (waiting "+relTime(m.nowAt, ts.WaitingSince)+")"))
	}
	m.list.applyRow(*ts)
	if i, ok := m.list.idx[ts.ID]; ok {
		m.list.cursor = i
		m.list.clamp()
		m.list.afterMove()
	}
	m.focus = focusThread
	return tea.Batch(m.showToast(toastInfo, policy.Concat(policy.Trusted(word), label)), m.openThread(ts.ID), m.fetchQueueCounts())
}

func (m *Model) onHandoffNote(msg handoffNoteMsg) tea.Cmd {
	if msg.err != nil {
		return m.stepFailed(msg.threadID, "Not handed off", msg.err)
	}
	if m.formFor(msg.threadID) != nil {
		m.form = nil
		m.resize()
	}
	text := policy.Concat(policy.Trusted("Handed to the nurses: "), msg.label)
	kind := toastInfo
	if a := msg.res.Ack; a.Sent {
		text = policy.Concat(text, policy.Trusted("; the patient got the acknowledgment with a portal link"))
	} else {
		kind = toastWarn
		why := policy.SanitizeLine(a.Reason)
		if why.IsEmpty() {
			why = policy.Trusted("an outbound rule refused it")
		}
		text = policy.Concat(text, policy.Trusted("; no acknowledgment was sent: "), why)
	}
	cmds := []tea.Cmd{m.showToast(kind, text), m.fetchQueueCounts()}
	cmds = append(cmds, m.landRow(msg.threadID, msg.res.ThreadSummary, msg.res.Visible))
	return tea.Batch(cmds...)
}

// syncTriageKeys enables the triage keys where they can act, which also
// keeps the help bar honest. Keys a role may not use are switched off
// after (gateKeysByRole) and say why when pressed (refusedKey).
func (m *Model) syncTriageKeys() {
	on := m.screen == screenMain && m.list.q != nil && m.list.q.on
	has := on && m.triageTarget() != nil
	for _, b := range []*key.Binding{&m.keys.QueueNext, &m.keys.QueuePrev, &m.keys.QueueNumber, &m.keys.NextThread, &m.keys.Search, &m.keys.Filters} {
		b.SetEnabled(on)
	}
	for _, b := range []*key.Binding{&m.keys.Claim, &m.keys.Release, &m.keys.Assign, &m.keys.CloseThread, &m.keys.Reopen, &m.keys.Escalate} {
		b.SetEnabled(has)
	}
	m.keys.EscalationMenu.SetEnabled(has)
	if on {
		// The bar numbers the queues this role has: front desk has no
		// nurses' queue, so its digits stop at 6.
		n := len(m.list.q.tabs)
		digits := make([]string, n)
		for i := range digits {
			digits[i] = strconv.Itoa(i + 1)
		}
		m.keys.QueueNumber.SetKeys(digits...)
		m.keys.QueueNumber.SetHelp("1-"+strconv.Itoa(n), "go to queue")
	}
	m.keys.ClearFilters.SetEnabled(on && m.list.q.filtersActive() && m.focus == focusList)
	f := m.form
	m.keys.FormChoose.SetEnabled(f != nil && f.choices != nil)
	m.keys.FormField.SetEnabled(f != nil && f.kind == formFilters)
	m.keys.FormCycle.SetEnabled(f != nil && f.kind == formFilters)
}
