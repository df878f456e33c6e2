package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/clinicwa/triage/policy"
)

// An admin account runs the system and, by the permission matrix
// (policy.grants), reads and sends no patient messages. The console
// therefore asks the server for no inbox, no event stream and no quick
// replies for it, and shows instead what the role does here (the audit
// trail, the vendor register), what it does on the server, and what it
// does not do at all, so an admin who signs in meets a page that answers
// "what now?" rather than a "Loading…" that never ends.

// threadsAllowed says the signed-in role may view patient threads.
func (m *Model) threadsAllowed() bool {
	return policy.Can(policy.Role(m.user.Role), policy.ActionViewThreads)
}

// adminHome says the main screen is the no-threads page.
func (m *Model) adminHome() bool {
	return m.screen == screenMain && m.user.Role != "" && !m.threadsAllowed()
}

// adminView is the no-threads page between the header and the footer.
func (m *Model) adminView(h int) string {
	t := m.theme
	w := min(m.width-4, 76)
	role := policy.Role(m.user.Role)
	var b strings.Builder
	para := func(s string) {
		b.WriteString(indent(ansi.Wrap(s, w-2, ""), w, 2, 2) + "\n")
	}
	key := func(k, what string) {
		b.WriteString("  " + t.HelpKey.Render(fit(k, 3)) + " " + what + "\n")
	}
	if role == policy.RoleAdmin {
		b.WriteString(t.Title.Render("Administrator") + t.Faint.Render(" · you run the system; you do not answer patients") + "\n\n")
	} else {
		b.WriteString(t.Title.Render(role.Title()) + "\n\n")
		para(policy.Why(role, policy.ActionViewThreads))
		return m.placeAdmin(b.String(), w, h)
	}
	b.WriteString(t.Title.Render("In the console") + "\n")
	if m.canViewAudit() {
		key("a", "review the audit trail: who did what, and why text was revealed")
	}
	if m.canSeeVendors() {
		key("V", "the vendor register: Business Associate Agreements and their reviews")
	}
	key("L", "sign out")
	key("q", "quit")
	b.WriteString("\n" + t.Title.Render("On the server") + "\n")
	para("Accounts, roles, sign-in locks and console devices: triage user (add, role, disable, unlock, reset-password, reset-totp, device-add …).")
	para("Quick replies and templates: triaged macros, triaged templates. Keys: triaged key. Retention purges: triaged purge. Backups: triaged backup.")
	b.WriteString("\n" + t.Title.Render("Not for this account") + "\n")
	para(policy.Why(role, policy.ActionViewThreads))
	para("Incidents and the program's metrics are worked by supervisors.")
	return m.placeAdmin(b.String(), w, h)
}

func (m *Model) placeAdmin(page string, w, h int) string {
	page = lipgloss.NewStyle().Width(w).Render(strings.TrimSuffix(page, "\n"))
	return box(lipgloss.Place(m.width, h, lipgloss.Center, lipgloss.Center, page), m.width, h)
}

// refusalWhy is why the signed-in role may not use the key that asked
// for act, or "" when the role is not what stops it (no thread open, no
// refusal to act on: the key simply has nothing to do).
func (m *Model) refusalWhy(act action) string {
	role := policy.Role(m.user.Role)
	if act == actVendors && !m.canSeeVendors() {
		return role.Title() + " cannot open the vendor register; an admin keeps it."
	}
	if need, ok := keyPermission[act]; ok {
		if why := policy.Why(role, need); why != "" {
			return why
		}
	}
	if act == actHandoff {
		return m.handoffWhy()
	}
	return ""
}

// refusedKey answers a key that is bound here but switched off: when the
// role is what switches it off, the status line says why.
func (m *Model) refusedKey(c keyContext, msg interface{ String() string }) (string, bool) {
	for _, act := range m.keys.disabledMatches(c, msg.String()) {
		if why := m.refusalWhy(act); why != "" {
			return why, true
		}
	}
	return "", false
}
