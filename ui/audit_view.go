package ui

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// The audit view is the review of the clinic's audit trail
// (§164.308(a)(1)(ii)(D), information system activity review) for roles
// allowed to view it: newest entries first, filtered by user, action and
// object. Reviewing is itself audited, by the backend and the server.

// auditPageSize is how many entries one review asks for.
const auditPageSize = 200

// auditPanel is the open audit view.
type auditPanel struct {
	filters [3]textinput.Model // user, action, object
	focus   int
	rows    []auditRow
	offset  int
	busy    bool
	gen     int
	loaded  bool
}

// auditRow is one entry, sanitised once on arrival.
type auditRow struct {
	at      string
	user    policy.SafeText
	role    policy.SafeText
	action  policy.SafeText
	object  policy.SafeText
	outcome policy.SafeText
	detail  policy.SafeText
	refused bool
}

type auditMsg struct {
	session int
	gen     int
	entries []api.AuditEntry
	err     error
}

func auditCmd(ctx context.Context, b Backend, session, gen int, f api.AuditFilter) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		entries, err := b.AuditEntries(ctx, f)
		return auditMsg{session: session, gen: gen, entries: entries, err: err}
	}
}

func (m *Model) canViewAudit() bool {
	return policy.Can(policy.Role(m.user.Role), policy.ActionViewAudit)
}

func (m *Model) openAudit() tea.Cmd {
	if !m.canViewAudit() {
		return m.showToast(toastError, policy.SanitizeLine(policy.Why(policy.Role(m.user.Role), policy.ActionViewAudit)))
	}
	p := &auditPanel{}
	for i, ph := range []string{"user id", "action, e.g. message.reveal", "object, e.g. thread:…"} {
		in := textinput.New()
		in.Prompt = ""
		in.Placeholder = ph
		in.CharLimit = 200
		p.filters[i] = in
	}
	m.audit = p
	m.resize()
	return tea.Batch(p.filters[0].Focus(), m.fetchAudit())
}

func (m *Model) fetchAudit() tea.Cmd {
	p := m.audit
	if p == nil || m.ctx == nil {
		return nil
	}
	p.gen++
	p.busy = true
	f := api.AuditFilter{
		UserID: strings.TrimSpace(p.filters[0].Value()),
		Action: strings.TrimSpace(p.filters[1].Value()),
		Object: strings.TrimSpace(p.filters[2].Value()),
		Limit:  auditPageSize,
	}
	return auditCmd(m.ctx, m.backend, m.session, p.gen, f)
}

func (m *Model) onAudit(msg auditMsg) tea.Cmd {
	p := m.audit
	if p == nil || msg.session != m.session || msg.gen != p.gen {
		return nil
	}
	p.busy = false
	if msg.err != nil {
		return m.handleErr("Could not load the audit trail", msg.err)
	}
	entries := append([]api.AuditEntry(nil), msg.entries...)
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].At.After(entries[j].At) })
	p.rows = p.rows[:0]
	for _, e := range entries {
		keys := make([]string, 0, len(e.Detail))
		for k := range e.Detail {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var det []string
		for _, k := range keys {
			det = append(det, k+"="+e.Detail[k])
		}
		p.rows = append(p.rows, auditRow{
			at:      clockTime(m.nowAt, e.At),
			user:    policy.SanitizeLine(e.UserID),
			role:    policy.SanitizeLine(string(e.Role)),
			action:  policy.SanitizeLine(e.Action),
			object:  policy.SanitizeLine(e.Object),
			outcome: policy.SanitizeLine(e.Outcome),
			detail:  policy.SanitizeLine(strings.Join(det, " ")),
			refused: e.Outcome != "ok",
		})
	}
	p.offset, p.loaded = 0, true
	return nil
}

func (m *Model) auditKey(act action, msg tea.KeyMsg) tea.Cmd {
	p := m.audit
	switch act {
	case actClose:
		m.audit = nil
		m.resize()
		return nil
	case actSubmit:
		p.offset = 0
		return m.fetchAudit()
	case actNextField, actPrevField:
		step := 1
		if act == actPrevField {
			step = len(p.filters) - 1
		}
		p.filters[p.focus].Blur()
		p.focus = (p.focus + step) % len(p.filters)
		return p.filters[p.focus].Focus()
	case actUp:
		p.offset = max(p.offset-1, 0)
		return nil
	case actDown:
		p.offset = min(p.offset+1, max(len(p.rows)-1, 0))
		return nil
	case actPageUp:
		p.offset = max(p.offset-m.auditRowsFit(), 0)
		return nil
	case actPageDown:
		p.offset = min(p.offset+m.auditRowsFit(), max(len(p.rows)-1, 0))
		return nil
	}
	var cmd tea.Cmd
	p.filters[p.focus], cmd = p.filters[p.focus].Update(msg)
	return cmd
}

// auditRowsFit is how many entries the body shows (two lines each).
func (m *Model) auditRowsFit() int {
	return max((m.lay.bodyH-5)/2, 1)
}

// auditBodyView replaces both panes while the audit view is open.
func (m *Model) auditBodyView() string {
	t := m.theme
	p := m.audit
	w := m.width
	lines := []string{t.Focused.Render("Audit trail") + t.Faint.Render(" · newest first · your review is recorded too")}
	labels := []string{"User", "Action", "Object"}
	var filt []string
	for i, in := range p.filters {
		l := labels[i]
		if i == p.focus {
			l = t.Focused.Render("› " + l)
		} else {
			l = "  " + l
		}
		filt = append(filt, l+" "+fit(in.View(), max(w/3-10, 8)))
	}
	lines = append(lines, fit(strings.Join(filt, " "), w), "")
	switch {
	case p.busy && !p.loaded:
		lines = append(lines, t.Faint.Render("Loading…"))
	case len(p.rows) == 0:
		lines = append(lines, t.Faint.Render("No entries match."))
	}
	end := min(p.offset+m.auditRowsFit(), len(p.rows))
	for _, r := range p.rows[p.offset:end] {
		outcome := safe(t.StatusOK, r.outcome)
		if r.refused {
			outcome = safe(t.Error, r.outcome)
		}
		who := r.user
		if !r.role.IsEmpty() {
			who = policy.Concat(who, policy.Trusted(" ("), r.role, policy.Trusted(")"))
		}
		lines = append(lines,
			fit(t.Faint.Render(r.at)+"  "+outcome+"  "+safe(t.Text, r.action)+"  "+safe(t.Text, r.object)+safe(t.Faint, policy.Trusted("  by "), who), w),
			fit("      "+safe(t.Faint, r.detail), w))
	}
	if len(p.rows) > 0 {
		lines = append(lines, t.Faint.Render(ansi.Truncate(
			"entries "+itoa(p.offset+1)+"–"+itoa(end)+" of "+itoa(len(p.rows)), w, "…")))
	}
	return box(strings.Join(lines, "\n"), w, m.lay.bodyH)
}

func itoa(n int) string { return strconv.Itoa(n) }
