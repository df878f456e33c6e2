package ui

import (
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// helpNeeds names, by the words the help shows, the permission each
// role-gated key needs in policy/permissions.go. It is written out here
// rather than read from the console's own table so that a key wired to
// the wrong permission fails the test.
var helpNeeds = map[string]policy.Action{
	"open":                       policy.ActionViewThreads,
	"reply":                      policy.ActionSendFreeText,
	"macros":                     policy.ActionSendMacro,
	"send macro":                 policy.ActionSendMacro,
	"send that macro":            policy.ActionSendMacro,
	"send":                       policy.ActionSendFreeText,
	"send portal link":           policy.ActionSendMacro,
	"send the link again":        policy.ActionSendMacro,
	"schedule for the morning":   policy.ActionSendMacro,
	"consent":                    policy.ActionSendMacro,
	"details by WhatsApp":        policy.ActionSendMacro,
	"hand to nurse":              policy.ActionHandoffToNurse,
	"reveal":                     policy.ActionRevealMasked,
	"reveal (not for your role)": policy.ActionRevealMasked,
	"previous message":           policy.ActionRevealMasked,
	"next message":               policy.ActionRevealMasked,
	"audit trail":                policy.ActionViewAudit,
	"export":                     policy.ActionExportAudit,
	"program metrics":            policy.ActionViewMetrics,
	"report an incident":         policy.ActionOpenIncident,
	"incidents":                  policy.ActionViewIncidents,
	"next waiting (claims it)":   policy.ActionClaimThread,
	"claim":                      policy.ActionClaimThread,
	"release":                    policy.ActionClaimThread,
	"assign to…":                 policy.ActionAssignThread,
	"close with outcome":         policy.ActionCloseThread,
	"reopen":                     policy.ActionReopenThread,
	"escalate":                   policy.ActionEscalate,
	"work escalation":            policy.ActionWorkEscalations,
	"vendor register":            policy.ActionManageUsers,
}

// helpFree are the keys anyone signed in may use: moving, paging,
// switching panes and queues, help, leaving, quitting, and the prompts'
// own answers.
var helpFree = []string{
	"up", "down", "page up", "page down", "first", "last", "inbox", "switch pane",
	"refresh", "more keys", "close help", "log out", "quit", "new line", "leave composer",
	"close", "yes", "no", "previous queue", "next queue", "go to queue", "search", "filters",
	"clear filters", "older", "newer", "filter", "clear filter", "choose", "cancel", "confirm",
	"next field", "change", "back",
}

// shownHelp is every binding the console's help offers now: the short
// line and the full help, of the screen that has the keys.
func shownHelp(m *Model) []key.Binding {
	var km interface {
		ShortHelp() []key.Binding
		FullHelp() [][]key.Binding
	} = helpKeys(m.keys.bindings(m.keyContext()))
	if s := m.activeScreen(); s != nil {
		km = s
	}
	out := km.ShortHelp()
	for _, col := range km.FullHelp() {
		out = append(out, col...)
	}
	var on []key.Binding
	for _, b := range out {
		// The help bubble draws only enabled bindings.
		if b.Enabled() {
			on = append(on, b)
		}
	}
	return on
}

// TestHelpOffersOnlyKeysTheRoleMayUse walks each role through the
// screens of a morning and checks that every key the help offers is one
// the permission matrix grants that role: a nurse is not offered keys
// only a supervisor has, an admin is not offered an export it may not
// make. Keys a role lacks stay bound and say why when pressed (tested in
// TestTriageKeysRefusedSayWhy and TestRevealOffForFrontDesk).
func TestHelpOffersOnlyKeysTheRoleMayUse(t *testing.T) {
	screens := []struct {
		name string
		keys []string
		back []string // keys that return to the inbox afterwards
	}{
		{"inbox", nil, nil},
		{"inbox, full help", []string{"?"}, []string{"?"}},
		{"next queue", []string{"right"}, []string{"left"}},
		{"thread", []string{"enter"}, nil},
		{"thread, full help", []string{"?"}, []string{"?"}},
		{"composer", []string{"r"}, []string{"esc"}},
		{"quick replies", []string{"m"}, []string{"esc"}},
		{"hand-off prompt", []string{"n"}, []string{"esc"}},
		{"back to the inbox", []string{"esc"}, nil},
		{"audit review", []string{"a"}, []string{"esc"}},
		{"incident register", []string{"X"}, []string{"esc"}},
		{"program metrics", []string{"s"}, []string{"esc"}},
		{"vendor register", []string{"V"}, []string{"esc"}},
	}
	for _, role := range []api.Role{api.RoleFrontDesk, api.RoleNurse, api.RoleSupervisor, api.RoleAdmin} {
		t.Run(string(role), func(t *testing.T) {
			h := newTriageHarness(t, newFakeTriage(role), Options{}, 160, 50)
			pr := policy.Role(role)
			for _, sc := range screens {
				h.press(sc.keys...)
				if sc.name == "audit review" && policy.Can(pr, policy.ActionViewAudit) && h.m.audit == nil {
					t.Fatalf("the audit review did not open for %s", role)
				}
				var unknown []string
				for _, b := range shownHelp(h.m) {
					desc := b.Help().Desc
					need, gated := helpNeeds[desc]
					switch {
					case gated && !policy.Can(pr, need):
						t.Errorf("%s: the help offers %q %q, which needs %s", sc.name, b.Help().Key, desc, need)
					case !gated && !slices.Contains(helpFree, desc):
						unknown = append(unknown, desc)
					}
				}
				if len(unknown) > 0 {
					sort.Strings(unknown)
					t.Errorf("%s: the help offers keys this test does not know, add them to helpNeeds or helpFree: %q", sc.name, unknown)
				}
				h.press(sc.back...)
			}
		})
	}
}

// TestNurseIsNotOfferedHandOffOnTheNursesQueue: on her own queue every
// thread is already with the nurses, so n is not offered; pressing it
// says so.
func TestNurseIsNotOfferedHandOffOnTheNursesQueue(t *testing.T) {
	h := newTriageHarness(t, newFakeTriage(api.RoleNurse), Options{}, 160, 50)
	if h.m.list.q.current != api.QueueNurse {
		t.Fatalf("nurse landed on %q", h.m.list.q.current)
	}
	h.mustNotSee("hand to nurse")
	h.press("?")
	h.mustNotSee("hand to nurse")
	h.press("?", "n")
	if got := h.toastText(); got != "This thread is already with the nurses." {
		t.Errorf("n on a nurse's thread: toast %q", got)
	}
}

// TestQueueDigitsMatchTheBar: the help names the digits of the queues
// this role's bar shows (front desk has no nurses' queue), and a digit
// past the bar is not a key.
func TestQueueDigitsMatchTheBar(t *testing.T) {
	for _, tt := range []struct {
		role api.Role
		help string
	}{
		{api.RoleFrontDesk, "1-6 go to queue"},
		{api.RoleNurse, "1-7 go to queue"},
		{api.RoleSupervisor, "1-7 go to queue"},
	} {
		t.Run(string(tt.role), func(t *testing.T) {
			h := newTriageHarness(t, newFakeTriage(tt.role), Options{}, 160, 50)
			h.mustSee(tt.help)
			if tt.role == api.RoleFrontDesk {
				before := h.m.list.q.current
				h.press("7")
				if h.m.list.q.current != before {
					t.Errorf("7 moved the front desk to %q; its bar has six queues", h.m.list.q.current)
				}
			}
		})
	}
}

// TestEmptyQueueOffersNoThreadKeys: a nurse whose queue is empty is not
// offered reply or quick replies; there is no thread for them.
func TestEmptyQueueOffersNoThreadKeys(t *testing.T) {
	ft := newFakeTriage(api.RoleNurse)
	ft.threads = nil
	h := newTriageHarness(t, ft, Options{}, 160, 50)
	h.mustSee("No hand-offs are waiting for a nurse.")
	h.mustNotSee("r reply", "m macros", "enter open")
	h.mustSee("N next waiting")
}

// TestAgoReadsAsEnglish: an escalation a moment old is "just now", not
// "now ago".
func TestAgoReadsAsEnglish(t *testing.T) {
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{{10 * time.Second, "just now"}, {5 * time.Minute, "5m ago"}, {3 * time.Hour, "3h ago"}} {
		if got := agoText(t0, t0.Add(-tt.d)); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.d, got, tt.want)
		}
	}
	r := newThreadRow(queueFixture()[5]) // q6: escalated 25m ago
	r.wf.escAt = t0.Add(-10 * time.Second)
	for _, l := range workflowLines(MonochromeTheme(), t0, r, 200) {
		if strings.Contains(l, "now ago") {
			t.Errorf("workflow line %q", l)
		}
	}
}
