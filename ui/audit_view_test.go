package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/clinicwa/triage/store/api"
)

// fakeAuditLog is the fake backend's audit review: it filters and pages
// a fixed list the way the server does (the server's own tests pin the
// SQL), and records what the console asked for.
type fakeAuditLog struct {
	mu        sync.Mutex
	entries   []api.AuditReviewEntry
	filters   []api.AuditReviewFilter
	exports   []fakeExport
	exportErr error
}

type fakeExport struct {
	filter      api.AuditReviewFilter
	format, dir string
}

func (f *fakeBackend) AuditReview(_ context.Context, flt api.AuditReviewFilter) (api.AuditReviewPage, error) {
	a := &f.audit
	a.mu.Lock()
	defer a.mu.Unlock()
	a.filters = append(a.filters, flt)
	var match []api.AuditReviewEntry
	for _, e := range a.entries {
		if (flt.User == "" || e.User == flt.User) && (flt.Action == "" || e.Action == flt.Action || strings.HasPrefix(e.Action, flt.Action+".")) &&
			(flt.Patient == "" || e.Patient == flt.Patient) && (flt.From.IsZero() || !e.At.Before(flt.From)) && (flt.To.IsZero() || e.At.Before(flt.To)) {
			match = append(match, e)
		}
	}
	start := 0
	if flt.After != "" {
		start, _ = strconv.Atoi(flt.After)
	}
	start = min(start, len(match))
	end := min(start+flt.Limit, len(match))
	page := api.AuditReviewPage{Entries: match[start:end]}
	if end < len(match) {
		page.Next = strconv.Itoa(end)
	}
	return page, nil
}

func (f *fakeBackend) ExportAudit(_ context.Context, flt api.AuditReviewFilter, format, dir string) (AuditExportResult, error) {
	a := &f.audit
	a.mu.Lock()
	defer a.mu.Unlock()
	a.exports = append(a.exports, fakeExport{flt, format, dir})
	if a.exportErr != nil {
		return AuditExportResult{}, a.exportErr
	}
	return AuditExportResult{Path: dir + "/audit-20250314-150000." + format, Entries: len(a.entries)}, nil
}

func (a *fakeAuditLog) lastFilter(t *testing.T) api.AuditReviewFilter {
	t.Helper()
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.filters) == 0 {
		t.Fatal("no review page asked for")
	}
	return a.filters[len(a.filters)-1]
}

func (a *fakeAuditLog) asked() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.filters)
}

// reviewFixture is a morning's trail as the server answers it.
func reviewFixture() []api.AuditReviewEntry {
	return []api.AuditReviewEntry{
		{At: t0.Add(-10 * time.Minute), User: "alice.nguyen", Role: api.RoleNurse, Action: "message.reveal", Outcome: "ok",
			Object: "message", Patient: "Patient 7K2Q", Source: "server", Reason: "Confirming the callback time for the patient"},
		{At: t0.Add(-20 * time.Minute), User: "maya.frontdesk", Role: api.RoleFrontDesk, Action: "message.reveal", Outcome: "refused",
			Object: "message", Patient: "Patient 7K2Q", Source: "server", Detail: map[string]string{"rule": "role"}},
		{At: t0.Add(-30 * time.Minute), User: "cli:root", Action: "user.disable", Outcome: "ok", Object: "user", Subject: "old.temp",
			Source: "server", Detail: map[string]string{"sessions_revoked": "2", "source": "cli"}},
		{At: t0.Add(-40 * time.Minute), User: "maya.frontdesk", Role: api.RoleFrontDesk, Action: "thread.view", Outcome: "ok",
			Object: "thread", Patient: "Patient Q3ZD", Source: "console"},
		{At: t0.Add(-26 * time.Hour), User: "alice.nguyen", Role: api.RoleNurse, Action: "incident.open", Outcome: "ok",
			Object: "incident", Patient: "Patient Q3ZD", Source: "server", Detail: map[string]string{"kind": "phi_received"}},
	}
}

func newReviewHarness(t *testing.T, role api.Role, w, h int, theme Theme) *harness {
	t.Helper()
	fb := newFakeBackend()
	fb.role = role
	fb.audit.entries = reviewFixture()
	hs := newHarness(t, fb, Options{ServerName: "clinic.example", Theme: theme}, w, h)
	hs.signIn()
	return hs
}

func TestAuditReviewShowsUsernamesLabelsAndReasons(t *testing.T) {
	h := newReviewHarness(t, api.RoleSupervisor, 160, 50, DefaultTheme())
	h.fb.audit.entries[3].Detail = map[string]string{"note": hostile}
	h.press("a")
	h.mustSee("Audit trail", "alice.nguyen (nurse)", "Patient 7K2Q", "reason: Confirming the callback time for the patient",
		"✗ refused", "user old.temp", "sessions_revoked=2", "· from a console", "no filter")
	if v := h.view(); strings.ContainsAny(v, "\x1b\x07\u202E") {
		t.Fatalf("audit detail reached the terminal unsanitised: %q", v)
	}
	if f := h.fb.audit.lastFilter(t); f != (api.AuditReviewFilter{Limit: api.DefaultAuditReviewPage}) {
		t.Errorf("first page asked as %+v", f)
	}
	h.press("?")
	h.mustSee("↑/k up", "c clear filter", "R refresh")
	h.press("?")
	h.mustNotSee("c clear filter")
	h.press("esc")
	if h.m.audit != nil {
		t.Fatal("esc did not close the audit review")
	}
	h.mustSee("Inbox (4)")
}

func TestAuditReviewSaysWhenTheReasonIsWithheld(t *testing.T) {
	h := newReviewHarness(t, api.RoleAdmin, 160, 50, DefaultTheme())
	h.fb.audit.entries[0].Reason, h.fb.audit.entries[0].ReasonWithheld = "", true
	h.press("a")
	h.mustSee("reason withheld: your role does not read patient details")
}

func TestAuditKeyOffForFrontDesk(t *testing.T) {
	h := newReviewHarness(t, api.RoleFrontDesk, 120, 40, DefaultTheme())
	h.press("a")
	if h.m.audit != nil || h.fb.audit.asked() != 0 {
		t.Fatal("front desk opened the audit trail")
	}
	// The key says why it is not theirs, and the help does not offer it.
	h.mustSee("Front desk cannot view the audit trail")
	h.send(toastExpiredMsg{id: h.m.toast.id})
	h.press("?")
	h.mustNotSee("audit trail")
}

func TestAuditReviewFilterForm(t *testing.T) {
	h := newReviewHarness(t, api.RoleSupervisor, 160, 50, DefaultTheme())
	h.press("a")
	h.mustSee("alice.nguyen")
	h.press("/")
	// Letters go to the form, not to the screen's or the inbox's keys:
	// "e" would export, "q" would quit, "c" would clear.
	h.typeText("maya.frontdesk")
	h.press("tab")
	h.typeText("message.reveal")
	h.press("tab")
	h.typeText("Patient 7K2Q")
	h.press("tab")
	h.typeText("1h")
	h.press("tab")
	h.typeText("2025-03-15")
	if h.quit || h.m.audit == nil || h.m.audit.mode != auditFiltering {
		t.Fatal("typing a filter triggered a shortcut")
	}
	before := h.fb.audit.asked()
	h.press("enter")
	h.mustSee("user maya.frontdesk · action message.reveal · patient Patient 7K2Q · from 2025-03-14 14:00 · to 2025-03-15 00:00")
	f := h.fb.audit.lastFilter(t)
	want := api.AuditReviewFilter{User: "maya.frontdesk", Action: "message.reveal", Patient: "Patient 7K2Q",
		From: t0.Add(-time.Hour), To: time.Date(2025, 3, 15, 0, 0, 0, 0, time.UTC), Limit: api.DefaultAuditReviewPage}
	if h.fb.audit.asked() != before+1 || !f.From.Equal(want.From) || !f.To.Equal(want.To) {
		t.Fatalf("filter sent: %+v, want %+v", f, want)
	}
	f.From, f.To, want.From, want.To = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if f != want {
		t.Fatalf("filter sent: %+v, want %+v", f, want)
	}
	h.mustSee("✗ refused")
	h.mustNotSee("alice.nguyen", "user.disable")

	// c clears the filter and shows everything again.
	h.press("c")
	h.mustSee("no filter", "alice.nguyen")
	if f := h.fb.audit.lastFilter(t); f.User != "" || f.Action != "" {
		t.Errorf("cleared filter sent as %+v", f)
	}
}

func TestAuditReviewFromAThreadShowsThatPatient(t *testing.T) {
	h := newReviewHarness(t, api.RoleSupervisor, 160, 50, DefaultTheme())
	h.press("enter")
	if !h.waitFor(func() bool { return h.m.pane.view != nil }) {
		t.Fatal("the thread did not open")
	}
	label := h.m.pane.view.row.label.String()
	h.press("a")
	h.mustSee("Filter: patient " + label)
	if f := h.fb.audit.lastFilter(t); f.Patient != label {
		t.Fatalf("opened from a thread with filter %+v", f)
	}
	h.press("c")
	h.mustSee("no filter")
}

func TestAuditReviewFilterFormRefusesBadTimes(t *testing.T) {
	cases := []struct {
		name, from, to, want string
	}{
		{"unreadable from", "last tuesday", "", "From: type a date"},
		{"unreadable to", "", "soon", "To: type a date"},
		{"empty range", "2025-03-14 12:00", "2025-03-14 11:00", "From must come before To"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newReviewHarness(t, api.RoleSupervisor, 160, 50, DefaultTheme())
			h.press("a")
			h.mustSee("alice.nguyen")
			h.press("/", "tab", "tab", "tab")
			h.typeText(tc.from)
			h.press("tab")
			h.typeText(tc.to)
			before := h.fb.audit.asked()
			h.press("enter")
			h.mustSee(tc.want)
			if h.fb.audit.asked() != before || h.m.audit.mode != auditFiltering {
				t.Fatal("a bad time was sent, or closed the form")
			}
			// esc leaves the form with the filter in force unchanged.
			h.press("esc")
			h.mustSee("no filter")
			if h.m.audit.mode != auditBrowse {
				t.Fatal("esc did not leave the form")
			}
		})
	}
}

func TestParseFilterTime(t *testing.T) {
	now := time.Date(2025, 3, 14, 15, 0, 0, 0, time.UTC)
	cases := []struct {
		in   string
		want time.Time
		bad  bool
	}{
		{"", time.Time{}, false},
		{"2025-03-01", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), false},
		{"2025-03-01 14:05", time.Date(2025, 3, 1, 14, 5, 0, 0, time.UTC), false},
		{"2025-03-01T14:05", time.Date(2025, 3, 1, 14, 5, 0, 0, time.UTC), false},
		{"2025-03-01T14:05:00Z", time.Date(2025, 3, 1, 14, 5, 0, 0, time.UTC), false},
		{"24h", now.Add(-24 * time.Hour), false},
		{"7d", now.Add(-7 * 24 * time.Hour), false},
		{"30m", now.Add(-30 * time.Minute), false},
		{"0d", time.Time{}, true},
		{"d", time.Time{}, true},
		{"7w", time.Time{}, true},
		{"yesterday", time.Time{}, true},
	}
	for _, tc := range cases {
		got, err := parseFilterTime(tc.in, now)
		if (err != nil) != tc.bad || !got.Equal(tc.want) {
			t.Errorf("parseFilterTime(%q) = %v, %v; want %v (error %v)", tc.in, got, err, tc.want, tc.bad)
		}
	}
}

func TestAuditReviewPages(t *testing.T) {
	h := newReviewHarness(t, api.RoleSupervisor, 160, 50, DefaultTheme())
	var many []api.AuditReviewEntry
	for i := 0; i < 120; i++ {
		many = append(many, api.AuditReviewEntry{At: t0.Add(-time.Duration(i) * time.Minute), User: fmt.Sprintf("user%03d", i),
			Role: api.RoleFrontDesk, Action: "thread.view", Outcome: "ok", Object: "thread", Patient: "Patient 7K2Q", Source: "server"})
	}
	h.fb.audit.entries = many
	h.press("a")
	h.mustSee("user000", "page 1 · ] older")
	h.press("]")
	h.mustSee("user050", "page 2 · ] older · [ newer")
	if f := h.fb.audit.lastFilter(t); f.After != "50" {
		t.Fatalf("second page asked after %q", f.After)
	}
	h.press("pgdown")
	h.mustSee("user100", "page 3 · [ newer")
	h.mustNotSee("] older")
	asked := h.fb.audit.asked()
	h.press("]") // no older page: nothing is asked
	if h.fb.audit.asked() != asked {
		t.Error("asked past the last page")
	}
	h.press("[", "[")
	h.mustSee("user000", "page 1 · ] older")
	if f := h.fb.audit.lastFilter(t); f.After != "" {
		t.Fatalf("first page asked again after %q", f.After)
	}
	// The cursor moves within the page.
	h.press("j", "j")
	if h.m.audit.cursor != 2 {
		t.Errorf("cursor %d after two downs", h.m.audit.cursor)
	}
}

func TestAuditReviewDropsALatePage(t *testing.T) {
	h := newReviewHarness(t, api.RoleSupervisor, 160, 50, DefaultTheme())
	h.press("a")
	h.mustSee("alice.nguyen")
	// An answer for a page asked before the latest (the user paged or
	// filtered again meanwhile) must not paint over the newer one.
	stale := auditPageMsg{session: h.m.session, gen: h.m.audit.gen - 1,
		page: api.AuditReviewPage{Entries: []api.AuditReviewEntry{{At: t0, User: "stale.user", Action: "login", Outcome: "ok"}}}}
	h.send(stale)
	h.mustNotSee("stale.user")
}

func TestAuditReviewExport(t *testing.T) {
	h := newReviewHarness(t, api.RoleSupervisor, 160, 50, DefaultTheme())
	h.press("a")
	h.mustSee("alice.nguyen")
	h.press("/")
	h.typeText("alice.nguyen")
	h.press("enter")
	h.mustSee("user alice.nguyen")
	h.press("e")
	h.mustSee("Export what the filter matches as", "Folder")
	h.typeText("/srv/exports")
	h.press("tab")
	h.press("enter")
	h.mustSee("✓ Exported 5 entries to /srv/exports/audit-20250314-150000.json (owner-only)")
	h.fb.audit.mu.Lock()
	exports := append([]fakeExport(nil), h.fb.audit.exports...)
	h.fb.audit.mu.Unlock()
	if len(exports) != 1 || exports[0].format != "json" || exports[0].dir != "/srv/exports" || exports[0].filter.User != "alice.nguyen" {
		t.Fatalf("exports: %+v", exports)
	}

	// A failed export says so and writes no success line.
	h.fb.audit.mu.Lock()
	h.fb.audit.exportErr = errors.New("the folder /srv/exports is not writable")
	h.fb.audit.mu.Unlock()
	h.press("e", "enter")
	h.mustSee("✗ Export failed: the folder /srv/exports is not writable")
	h.mustNotSee("✓ Exported")

	// esc leaves the export prompt without exporting.
	h.press("e", "esc")
	h.fb.audit.mu.Lock()
	n := len(h.fb.audit.exports)
	h.fb.audit.mu.Unlock()
	if n != 2 || h.m.audit.mode != auditBrowse {
		t.Fatalf("%d exports after esc, mode %d", n, h.m.audit.mode)
	}
}

func TestAuditReviewHelpComesFromItsKeys(t *testing.T) {
	s := newAuditScreen(DefaultTheme(), func() time.Time { return t0 })
	for _, mode := range []auditMode{auditBrowse, auditFiltering, auditExporting} {
		s.mode = mode
		if len(s.ShortHelp()) == 0 || len(s.FullHelp()) == 0 {
			t.Errorf("mode %d has no help", mode)
		}
		for _, col := range s.FullHelp() {
			for _, b := range col {
				if b.Help().Key == "" || b.Help().Desc == "" {
					t.Errorf("mode %d: a binding without help: %+v", mode, b.Keys())
				}
			}
		}
	}
}

// TestAuditGolden pins the review at the console's two design sizes, in
// colour and with NO_COLOR. Regenerate with `go test ./ui -run
// TestAuditGolden -update` and review the diff.
func TestAuditGolden(t *testing.T) {
	screens := []struct {
		name  string
		setup func(h *harness)
	}{
		{"audit_review", func(h *harness) { h.press("a") }},
		{"audit_filter", func(h *harness) {
			h.press("a", "/")
			h.typeText("alice.nguyen")
			h.press("tab")
			h.typeText("message")
		}},
		{"audit_export", func(h *harness) { h.press("a", "e") }},
		{"audit_full_help", func(h *harness) { h.press("a", "?") }},
	}
	for _, sc := range screens {
		for _, size := range [][2]int{{80, 24}, {160, 50}} {
			for _, mono := range []bool{false, true} {
				name, theme := fmt.Sprintf("%s_%dx%d_colour", sc.name, size[0], size[1]), DefaultTheme()
				if mono {
					name, theme = fmt.Sprintf("%s_%dx%d_nocolor", sc.name, size[0], size[1]), MonochromeTheme()
				}
				t.Run(name, func(t *testing.T) {
					lipgloss.SetColorProfile(termenv.ANSI256)
					defer lipgloss.SetColorProfile(termenv.Ascii)
					h := newReviewHarness(t, api.RoleSupervisor, size[0], size[1], theme)
					sc.setup(h)
					h.settle()
					v := h.view()
					if got := lipgloss.Height(v); got != size[1] {
						t.Errorf("frame is %d lines, want %d", got, size[1])
					}
					golden.RequireEqual(t, []byte(v))
				})
			}
		}
	}
}
