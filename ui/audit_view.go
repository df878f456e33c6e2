package ui

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// The audit review is the privacy officer's reading of the clinic's audit
// trail (§164.308(a)(1)(ii)(D), information system activity review):
// people by username and patients by their console label, the reason
// given for every reveal, newest first, one server page at a time. It
// filters by user, action, patient and time, and exports what it shows
// to CSV or JSON. Reviewing and exporting are themselves audited, by the
// console and by the server. It is a self-contained component with its
// own keys and help; the root model only opens it, routes keys and
// answers to it, and draws it.

// AuditBackend is the part of the backend the audit review uses. It is
// separate from Backend so that a backend without it still builds; the
// review then says it is unavailable.
type AuditBackend interface {
	// AuditReview fetches one page of the review.
	AuditReview(ctx context.Context, f api.AuditReviewFilter) (api.AuditReviewPage, error)
	// ExportAudit writes every entry matching f to a new owner-only file
	// in dir ("" is the documented default folder), as "csv" or "json".
	ExportAudit(ctx context.Context, f api.AuditReviewFilter, format, dir string) (AuditExportResult, error)
}

// AuditExportResult is what an export wrote.
type AuditExportResult = api.AuditExport

// auditPageMsg is a review page for the screen.
type auditPageMsg struct {
	session int
	gen     int
	page    api.AuditReviewPage
	err     error
}

// auditExportMsg is the answer to an export.
type auditExportMsg struct {
	session int
	res     AuditExportResult
	err     error
}

// auditKeys are the review's own bindings, shown in its help line.
type auditKeys struct {
	Up, Down, NextPage, PrevPage, Filter, ClearFilter, Export, Refresh, Help, Close key.Binding
	NextField, PrevField, Apply, Cancel, Format                                     key.Binding
}

func newAuditKeys() auditKeys {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return auditKeys{
		Up: b("↑/k", "up", "up", "k"), Down: b("↓/j", "down", "down", "j"),
		NextPage: b("]/pgdn", "older", "]", "pgdown"), PrevPage: b("[/pgup", "newer", "[", "pgup"),
		Filter: b("/", "filter", "/"), ClearFilter: b("c", "clear filter", "c"),
		Export: b("e", "export", "e"), Refresh: b("R", "refresh", "R", "f5"), Help: b("?", "more keys", "?"),
		Close:     b("esc", "close", "esc"),
		NextField: b("tab", "next field", "tab", "down"), PrevField: b("shift+tab", "previous field", "shift+tab", "up"),
		Apply: b("enter", "apply", "enter"), Cancel: b("esc", "cancel", "esc"),
		Format: b("tab", "CSV or JSON", "tab"),
	}
}

type auditMode int

const (
	auditBrowse auditMode = iota
	auditFiltering
	auditExporting
)

// Filter fields, in form order.
const (
	fieldUser = iota
	fieldAction
	fieldPatient
	fieldFrom
	fieldTo
	auditFieldCount
)

var auditFieldLabels = [auditFieldCount]string{"User", "Action", "Patient", "From", "To"}

var auditFieldHints = [auditFieldCount]string{
	"username, e.g. maya.frontdesk",
	"e.g. message.reveal, or incident for every incident.*",
	"label, e.g. Patient 7K2Q",
	"2026-03-01, 2026-03-01 14:00, or 24h / 7d ago",
	"same forms; empty is now",
}

// auditScreen is the open audit review.
type auditScreen struct {
	theme         Theme
	keys          auditKeys
	help          help.Model
	width, height int
	now           func() time.Time

	mode    auditMode
	fields  [auditFieldCount]textinput.Model
	focus   int
	filter  api.AuditReviewFilter // the one applied
	formErr string

	rows   []auditRow
	cursor int
	// pages holds the After cursor of each page from the first to the
	// one in view ("" for the first), so [ can go back.
	pages  []string
	next   string
	gen    int
	busy   bool
	loaded bool
	err    policy.SafeText

	format string // "csv" or "json"
	// exportWhy is why the signed-in role may not export ("" when it
	// may): the export key is then off, out of the help, and says this.
	exportWhy string
	folder    textinput.Model
	exporting bool
	status    policy.SafeText // the last export's result
}

// auditRow is one entry, sanitised once on arrival.
type auditRow struct {
	at       time.Time
	user     policy.SafeText
	role     policy.SafeText
	action   policy.SafeText
	outcome  string
	about    policy.SafeText // "Patient 7K2Q", "user maya", "incident", …
	reason   policy.SafeText
	withheld bool
	detail   policy.SafeText
	console  bool
}

func newAuditScreen(t Theme, now func() time.Time) *auditScreen {
	s := &auditScreen{theme: t, keys: newAuditKeys(), help: help.New(), now: now, format: "csv", pages: []string{""}}
	s.help.Styles = t.helpStyles()
	for i := range s.fields {
		in := textinput.New()
		in.Prompt = ""
		in.Placeholder = auditFieldHints[i]
		in.CharLimit = 200
		s.fields[i] = in
	}
	s.folder = textinput.New()
	s.folder.Prompt = ""
	s.folder.Placeholder = "empty: ~/triage-audit-exports"
	s.folder.CharLimit = 1000
	return s
}

// SetSize gives the screen the body's width and height.
func (s *auditScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	s.help.Width = w
}

// ShortHelp lists the keys for the one-line help bar.
func (s *auditScreen) ShortHelp() []key.Binding {
	k := s.keys
	switch s.mode {
	case auditFiltering:
		return []key.Binding{k.Apply, k.NextField, k.PrevField, k.Cancel}
	case auditExporting:
		return []key.Binding{k.Apply, k.Format, k.Cancel}
	}
	return []key.Binding{k.NextPage, k.PrevPage, k.Filter, k.Export, k.Help, k.Close}
}

// FullHelp lists every key of the current mode, in columns.
func (s *auditScreen) FullHelp() [][]key.Binding {
	k := s.keys
	switch s.mode {
	case auditFiltering, auditExporting:
		return [][]key.Binding{s.ShortHelp()}
	}
	return [][]key.Binding{{k.Up, k.Down}, {k.NextPage, k.PrevPage}, {k.Filter, k.ClearFilter}, {k.Export, k.Refresh}, {k.Help, k.Close}}
}

// load asks for the page after cursor after with the applied filter.
func (s *auditScreen) load(ctx context.Context, b AuditBackend, session int, after string) tea.Cmd {
	s.gen++
	s.busy, s.err = true, policy.SafeText{}
	f := s.filter
	f.After = after
	f.Limit = api.DefaultAuditReviewPage
	gen := s.gen
	return func() tea.Msg {
		c, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		page, err := b.AuditReview(c, f)
		return auditPageMsg{session: session, gen: gen, page: page, err: err}
	}
}

// Update takes an answer for the screen. A page that is not the latest
// asked for (the user paged or filtered again meanwhile) is dropped.
func (s *auditScreen) Update(msg tea.Msg) {
	switch msg := msg.(type) {
	case auditPageMsg:
		if msg.gen != s.gen {
			return
		}
		s.busy = false
		if msg.err != nil {
			s.err = policy.SanitizeLine("Could not load the audit trail: " + msg.err.Error())
			if len(s.pages) > 1 && !s.loaded {
				s.pages = s.pages[:len(s.pages)-1]
			}
			return
		}
		s.loaded = true
		s.next = msg.page.Next
		s.rows = s.rows[:0]
		for _, e := range msg.page.Entries {
			s.rows = append(s.rows, newAuditRow(e))
		}
		s.cursor = 0
	case auditExportMsg:
		s.exporting = false
		if msg.err != nil {
			s.status = policy.SanitizeLine("✗ Export failed: " + msg.err.Error())
			return
		}
		text := "✓ Exported " + strconv.Itoa(msg.res.Entries) + " entries to " + msg.res.Path + " (owner-only)"
		if msg.res.Truncated {
			text += "; cut at the export limit, narrow the time range for the rest"
		}
		s.status = policy.SanitizeLine(text)
	}
}

func newAuditRow(e api.AuditReviewEntry) auditRow {
	about := e.Patient
	switch {
	case about != "":
	case e.Object == "user" && e.Subject != "":
		about = "user " + e.Subject
	default:
		about = e.Object
	}
	return auditRow{
		at:       e.At,
		user:     policy.SanitizeLine(e.User),
		role:     policy.SanitizeLine(string(e.Role)),
		action:   policy.SanitizeLine(e.Action),
		outcome:  e.Outcome,
		about:    policy.SanitizeLine(about),
		reason:   policy.SanitizeLine(e.Reason),
		withheld: e.ReasonWithheld,
		detail:   policy.SanitizeLine(api.AuditDetailLine(e.Detail)),
		console:  e.Source == "console",
	}
}

// Key handles one key press; it returns the command to run and whether
// the screen is done (closed).
func (s *auditScreen) Key(msg tea.KeyMsg, b AuditBackend, ctx context.Context, session int) (tea.Cmd, bool) {
	switch s.mode {
	case auditFiltering:
		return s.filterKey(msg, b, ctx, session), false
	case auditExporting:
		return s.exportKey(msg, b, ctx, session), false
	}
	k := s.keys
	if s.exportWhy != "" && slices.Contains(k.Export.Keys(), msg.String()) {
		s.status = policy.SanitizeLine("✗ " + s.exportWhy)
		return nil, false
	}
	switch {
	case key.Matches(msg, k.Close):
		return nil, true
	case key.Matches(msg, k.Up):
		s.cursor = max(s.cursor-1, 0)
	case key.Matches(msg, k.Down):
		s.cursor = min(s.cursor+1, max(len(s.rows)-1, 0))
	case key.Matches(msg, k.NextPage):
		if s.next == "" || s.busy {
			return nil, false
		}
		s.pages = append(s.pages, s.next)
		return s.load(ctx, b, session, s.next), false
	case key.Matches(msg, k.PrevPage):
		if len(s.pages) < 2 || s.busy {
			return nil, false
		}
		s.pages = s.pages[:len(s.pages)-1]
		return s.load(ctx, b, session, s.pages[len(s.pages)-1]), false
	case key.Matches(msg, k.Refresh):
		return s.load(ctx, b, session, s.pages[len(s.pages)-1]), false
	case key.Matches(msg, k.Help):
		s.help.ShowAll = !s.help.ShowAll
	case key.Matches(msg, k.Filter):
		s.mode, s.formErr = auditFiltering, ""
		s.focus = 0
		for i := range s.fields {
			s.fields[i].Blur()
		}
		return s.fields[0].Focus(), false
	case key.Matches(msg, k.ClearFilter):
		for i := range s.fields {
			s.fields[i].SetValue("")
		}
		s.filter = api.AuditReviewFilter{}
		s.pages = []string{""}
		return s.load(ctx, b, session, ""), false
	case key.Matches(msg, k.Export):
		if s.exporting {
			return nil, false
		}
		s.mode = auditExporting
		return s.folder.Focus(), false
	}
	return nil, false
}

func (s *auditScreen) filterKey(msg tea.KeyMsg, b AuditBackend, ctx context.Context, session int) tea.Cmd {
	k := s.keys
	switch {
	case key.Matches(msg, k.Cancel):
		// The form goes back to the filter in force.
		s.mode, s.formErr = auditBrowse, ""
		s.fillFields()
		return nil
	case key.Matches(msg, k.Apply):
		f, err := s.formFilter()
		if err != nil {
			s.formErr = err.Error()
			return nil
		}
		s.filter, s.mode, s.formErr = f, auditBrowse, ""
		s.pages = []string{""}
		for i := range s.fields {
			s.fields[i].Blur()
		}
		return s.load(ctx, b, session, "")
	case key.Matches(msg, k.NextField), key.Matches(msg, k.PrevField):
		step := 1
		if key.Matches(msg, k.PrevField) {
			step = auditFieldCount - 1
		}
		s.fields[s.focus].Blur()
		s.focus = (s.focus + step) % auditFieldCount
		return s.fields[s.focus].Focus()
	}
	var cmd tea.Cmd
	s.fields[s.focus], cmd = s.fields[s.focus].Update(msg)
	return cmd
}

// fillFields puts the applied filter back in the form.
func (s *auditScreen) fillFields() {
	s.fields[fieldUser].SetValue(s.filter.User)
	s.fields[fieldAction].SetValue(s.filter.Action)
	s.fields[fieldPatient].SetValue(s.filter.Patient)
	s.fields[fieldFrom].SetValue(formatFilterTime(s.filter.From))
	s.fields[fieldTo].SetValue(formatFilterTime(s.filter.To))
	for i := range s.fields {
		s.fields[i].Blur()
	}
}

func formatFilterTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02 15:04")
}

// formFilter reads the form into a filter, refusing times it cannot read
// and an empty range, with a message that says what to type.
func (s *auditScreen) formFilter() (api.AuditReviewFilter, error) {
	v := func(i int) string { return strings.TrimSpace(s.fields[i].Value()) }
	f := api.AuditReviewFilter{User: v(fieldUser), Action: v(fieldAction), Patient: v(fieldPatient)}
	now := s.now()
	var err error
	if f.From, err = parseFilterTime(v(fieldFrom), now); err != nil {
		return f, errors.New("From: " + err.Error())
	}
	if f.To, err = parseFilterTime(v(fieldTo), now); err != nil {
		return f, errors.New("To: " + err.Error())
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return f, errors.New("From must come before To")
	}
	return f, nil
}

// parseFilterTime reads a time as a reviewer types it, in the console's
// local time: a date, a date and time, or how long ago ("24h", "7d").
func parseFilterTime(v string, now time.Time) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	if n, unit := strings.TrimRight(v, "hdm"), strings.TrimLeft(v, "0123456789"); n != "" && len(unit) == 1 {
		if k, err := strconv.Atoi(n); err == nil && k > 0 {
			d := map[string]time.Duration{"m": time.Minute, "h": time.Hour, "d": 24 * time.Hour}[unit]
			return now.Add(-time.Duration(k) * d), nil
		}
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, v, now.Location()); err == nil {
			return t, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	return time.Time{}, errors.New("type a date (2026-03-01), a date and time (2026-03-01 14:00), or 24h / 7d ago")
}

func (s *auditScreen) exportKey(msg tea.KeyMsg, b AuditBackend, ctx context.Context, session int) tea.Cmd {
	k := s.keys
	switch {
	case key.Matches(msg, k.Cancel):
		s.mode = auditBrowse
		s.folder.Blur()
		return nil
	case key.Matches(msg, k.Format):
		if s.format == "csv" {
			s.format = "json"
		} else {
			s.format = "csv"
		}
		return nil
	case key.Matches(msg, k.Apply):
		s.mode, s.exporting = auditBrowse, true
		s.folder.Blur()
		s.status = policy.Trusted("Exporting… (the export is recorded in the audit trail)")
		f, format, dir := s.filter, s.format, strings.TrimSpace(s.folder.Value())
		return func() tea.Msg {
			// An export may take many pages; it gets longer than one call.
			c, cancel := context.WithTimeout(ctx, 10*callTimeout)
			defer cancel()
			res, err := b.ExportAudit(c, f, format, dir)
			return auditExportMsg{session: session, res: res, err: err}
		}
	}
	var cmd tea.Cmd
	s.folder, cmd = s.folder.Update(msg)
	return cmd
}

// Forward gives a non-key message (a cursor blink) to the focused input.
func (s *auditScreen) Forward(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch s.mode {
	case auditFiltering:
		s.fields[s.focus], cmd = s.fields[s.focus].Update(msg)
	case auditExporting:
		s.folder, cmd = s.folder.Update(msg)
	}
	return cmd
}

// filterSummary says in one line which filter is in force.
func (s *auditScreen) filterSummary() string {
	f := s.filter
	var parts []string
	add := func(k, v string) {
		if v != "" {
			parts = append(parts, k+" "+v)
		}
	}
	add("user", f.User)
	add("action", f.Action)
	add("patient", f.Patient)
	add("from", formatFilterTime(f.From))
	add("to", formatFilterTime(f.To))
	if len(parts) == 0 {
		return "no filter"
	}
	return strings.Join(parts, " · ")
}

// rowsFit is how many entries the list shows (two lines each).
func (s *auditScreen) rowsFit(chrome int) int {
	return max((s.height-chrome)/2, 1)
}

// View draws the screen in its width and height.
func (s *auditScreen) View() string {
	t := s.theme
	w := max(s.width, 20)
	var top, bottom []string
	add := func(dst *[]string, l string) { *dst = append(*dst, fit(l, w)) }
	add(&top, t.Title.Render("Audit trail")+t.Faint.Render(" · newest first · sync receipts hidden · your review is recorded"))
	add(&top, t.Faint.Render("Filter: ")+safe(t.Text, policy.SanitizeLine(s.filterSummary())))
	switch s.mode {
	case auditFiltering:
		for i, in := range s.fields {
			label := "  " + auditFieldLabels[i]
			if i == s.focus {
				label = t.Focused.Render("› " + auditFieldLabels[i])
			}
			add(&top, padRight(label, 11)+in.View())
		}
		if s.formErr != "" {
			add(&top, t.Error.Render("✗ ")+safe(t.Error, policy.SanitizeLine(s.formErr)))
		}
	case auditExporting:
		csv, json := "( ) CSV", "( ) JSON"
		if s.format == "csv" {
			csv = t.Focused.Render("(•) CSV")
		} else {
			json = t.Focused.Render("(•) JSON")
		}
		add(&top, "Export what the filter matches as "+csv+"  "+json+t.Faint.Render("  tab switches"))
		add(&top, padRight(t.Focused.Render("› Folder"), 11)+s.folder.View())
		add(&top, t.Faint.Render("The file is readable by you only; the export is recorded in the audit trail."))
	}
	add(&top, "")
	if !s.err.IsEmpty() {
		add(&bottom, t.Error.Render("✗ ")+safe(t.Error, s.err))
	}
	if !s.status.IsEmpty() {
		st := t.StatusOK
		if strings.HasPrefix(s.status.String(), "✗") {
			st = t.Error
		}
		add(&bottom, safe(st, s.status))
	}
	pageLine := "page " + strconv.Itoa(len(s.pages))
	if s.next != "" {
		pageLine += " · ] older"
	}
	if len(s.pages) > 1 {
		pageLine += " · [ newer"
	}
	add(&bottom, t.Faint.Render(pageLine))
	for _, l := range strings.Split(s.help.View(s), "\n") {
		add(&bottom, l)
	}

	// Two lines are kept for the entry under the cursor, read in full.
	fitRows := s.rowsFit(len(top) + len(bottom) + 2)
	var body []string
	switch {
	case s.busy && !s.loaded:
		body = append(body, t.Faint.Render("Loading…"))
	case len(s.rows) == 0:
		body = append(body, t.Faint.Render("No entries match."))
	}
	start := 0
	if s.cursor >= fitRows {
		start = s.cursor - fitRows + 1
	}
	end := min(start+fitRows, len(s.rows))
	now := s.now()
	for i := start; i < end; i++ {
		r := s.rows[i]
		mark := "  "
		if i == s.cursor {
			mark = t.Focused.Render("▌ ")
		}
		var outcome string
		switch r.outcome {
		case "ok":
			outcome = t.StatusOK.Render("✓ ok     ")
		case "refused":
			outcome = t.Error.Render("✗ refused")
		default:
			outcome = t.Warning.Render(padRight("⚠ "+policy.SanitizeLine(r.outcome).String(), 9))
		}
		src := ""
		if r.console {
			src = t.Faint.Render(" · from a console")
		}
		body = append(body, fit(mark+t.Faint.Render(padRight(clockTime(now, r.at), 12))+" "+outcome+"  "+
			safe(t.Text, r.action)+"  "+safe(t.Text, r.about)+src, w))
		who := r.user
		if !r.role.IsEmpty() {
			who = policy.Concat(who, policy.Trusted(" ("), r.role, policy.Trusted(")"))
		}
		second := safe(t.Faint, policy.Trusted("by "), who)
		switch {
		case !r.reason.IsEmpty():
			second += t.Faint.Render(" · ") + t.Warning.Render("reason:") + " " + safe(t.Text, r.reason)
		case r.withheld:
			second += t.Faint.Render(" · reason withheld: your role does not read patient details")
		}
		if !r.detail.IsEmpty() {
			second += t.Faint.Render(" · ") + safe(t.Faint, r.detail)
		}
		if i == s.cursor && ansi.StringWidth(second) > w-4 {
			// The entry under the cursor is read in full: a reveal's
			// reason is the point of the review and must not be cut.
			wrapped := strings.Split(ansi.Wrap(second, w-4, ""), "\n")
			for _, l := range wrapped[:min(len(wrapped), 3)] {
				body = append(body, fit("    "+l, w))
			}
			continue
		}
		body = append(body, fit("    "+second, w))
	}
	lines := append(top, body...)
	for len(lines)+len(bottom) < s.height {
		lines = append(lines, "")
	}
	lines = append(lines, bottom...)
	if len(lines) > s.height && s.height > 0 {
		lines = append(lines[:s.height-len(bottom)], bottom...)
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	return strings.Join(lines, "\n")
}

// padRight pads s with spaces to n columns.
func padRight(s string, n int) string {
	if pad := n - ansi.StringWidth(s); pad > 0 {
		return s + strings.Repeat(" ", pad)
	}
	return s
}

// --- the root model's hooks ---------------------------------------------------

// auditBackend is the backend's audit-review half, or nil.
func (m *Model) auditBackend() AuditBackend {
	b, _ := m.backend.(AuditBackend)
	return b
}

func (m *Model) canViewAudit() bool {
	return policy.Can(policy.Role(m.user.Role), policy.ActionViewAudit)
}

// openAudit opens the review on its first page: unfiltered from the
// inbox, filtered to the patient from an open thread.
func (m *Model) openAudit() tea.Cmd {
	if !m.canViewAudit() {
		return m.showToast(toastError, policy.SanitizeLine(policy.Why(policy.Role(m.user.Role), policy.ActionViewAudit)))
	}
	b := m.auditBackend()
	if b == nil || m.ctx == nil {
		return m.showToast(toastError, policy.Trusted("This console cannot review the audit trail."))
	}
	m.audit = newAuditScreen(m.theme, m.now)
	if why := policy.Why(policy.Role(m.user.Role), policy.ActionExportAudit); why != "" {
		// An admin reviews account and key changes but hands no evidence
		// out: separation of duties.
		m.audit.exportWhy = why
		m.audit.keys.Export.SetEnabled(false)
	}
	if m.pane.view != nil && m.pane.id != "" {
		// Opened from a thread: that patient's trail first (c clears).
		m.audit.filter.Patient = m.pane.view.row.label.String()
		m.audit.fillFields()
	}
	m.resize()
	return m.audit.load(m.ctx, b, m.session, "")
}

// auditKey gives a key to the open review.
func (m *Model) auditKey(msg tea.KeyMsg) tea.Cmd {
	if msg.String() == "ctrl+c" {
		return m.quit()
	}
	b := m.auditBackend()
	if b == nil || m.ctx == nil {
		m.audit = nil
		return nil
	}
	cmd, done := m.audit.Key(msg, b, m.ctx, m.session)
	if done {
		m.audit = nil
		m.resize()
	}
	return cmd
}

// onAudit takes an answer for the review.
func (m *Model) onAudit(msg tea.Msg) tea.Cmd {
	var session int
	var err error
	switch msg := msg.(type) {
	case auditPageMsg:
		session, err = msg.session, msg.err
	case auditExportMsg:
		session, err = msg.session, msg.err
	}
	if session != m.session || m.audit == nil {
		return nil
	}
	if err != nil && isUnauthorized(err) {
		return m.signOut("Your session ended. Please sign in again.")
	}
	m.audit.Update(msg)
	return nil
}

func itoa(n int) string { return strconv.Itoa(n) }

// table lists every binding of the review once, for the README's key
// table.
func (k auditKeys) table() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.NextPage, k.PrevPage, k.Filter, k.ClearFilter, k.Export, k.Refresh, k.Help, k.Close,
		k.NextField, k.PrevField, k.Apply, k.Format, k.Cancel}
}
