package ui

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/NimbleMarkets/ntcharts/barchart"
	"github.com/NimbleMarkets/ntcharts/sparkline"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// The metrics screen is the supervisor's view of whether the program
// works: inbound volume over the last 30 clinic days, opt-ins by source,
// how many portal links are opened, and how fast nurses answer hand-offs
// against the SLA. It shows counts only; the server computes them from
// the store and no patient is named.

// metricsMsg is the server's answer for the metrics screen.
type metricsMsg struct {
	session, gen int
	data         api.ProgramMetrics
	err          error
}

func metricsCmd(ctx context.Context, b Backend, session, gen int) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		data, err := b.ProgramMetrics(ctx)
		return metricsMsg{session: session, gen: gen, data: data, err: err}
	}
}

// metricsScreen is the open metrics screen: a self-contained component
// the root model sizes, feeds its answers to and draws.
type metricsScreen struct {
	helpKeys // the keys of ctxMetrics
	sess     session
	theme    Theme
	width    int
	height   int
	gen      int
	busy     bool
	loaded   bool
	data     api.ProgramMetrics
	// sources are the opt-in sources, sanitised once on arrival (they come
	// from the server and are drawn as labels).
	sources []sourceCount
	errText policy.SafeText
}

type sourceCount struct {
	name  policy.SafeText
	today int
	month int
}

func newMetricsScreen(t Theme, keys KeyMap, sess session) *metricsScreen {
	return &metricsScreen{theme: t, helpKeys: keys.bindings(ctxMetrics), sess: sess}
}

// Update takes a key or the server's answer; a stale answer (an earlier
// refresh, or a past session) is dropped by the caller.
func (s *metricsScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case metricsMsg:
		s.set(msg)
	case tea.KeyMsg:
		switch s.resolve(msg) {
		case actQuit:
			return emit(quitMsg{})
		case actClose:
			return emit(closeScreenMsg{s})
		case actRefresh:
			return s.fetch()
		}
	}
	return nil
}

// fetch asks the server for the figures again.
func (s *metricsScreen) fetch() tea.Cmd {
	if s.sess.ctx == nil {
		return nil
	}
	s.gen++
	s.busy = true
	return metricsCmd(s.sess.ctx, s.sess.backend, s.sess.id, s.gen)
}

// SetSize gives the screen its body's width and height.
func (s *metricsScreen) SetSize(w, h int) { s.width, s.height = w, h }

// set takes the server's answer.
func (s *metricsScreen) set(msg metricsMsg) {
	s.busy = false
	if msg.err != nil {
		s.errText = policy.Trusted("Could not load the program metrics. Press R to try again.")
		return
	}
	s.errText = policy.SafeText{}
	s.data, s.loaded = msg.data, true
	s.sources = s.sources[:0]
	for name, n := range msg.data.Last30.OptInsBySource {
		s.sources = append(s.sources, sourceCount{name: policy.SanitizeLine(name), today: msg.data.Today.OptInsBySource[name], month: n})
	}
	sort.Slice(s.sources, func(i, j int) bool {
		if s.sources[i].month != s.sources[j].month {
			return s.sources[i].month > s.sources[j].month
		}
		return s.sources[i].name.Less(s.sources[j].name)
	})
}

// compact is true when the body has too few lines for the taller charts.
func (s *metricsScreen) compact() bool { return s.height < 30 }

// View draws the screen in exactly width × height.
func (s *metricsScreen) View() string {
	t := s.theme
	w := s.width
	lines := []string{t.Focused.Render("Program metrics") +
		t.Faint.Render(" · today and the last 30 clinic days · counts only")}
	switch {
	case !s.errText.IsEmpty():
		lines = append(lines, "", safe(t.Error, s.errText))
		return box(strings.Join(lines, "\n"), w, s.height)
	case !s.loaded:
		lines = append(lines, "", t.Faint.Render("Loading…"))
		return box(strings.Join(lines, "\n"), w, s.height)
	}
	d := s.data
	gap := ""
	if !s.compact() {
		gap = "\n"
	}
	lines = append(lines, safe(t.Faint, policy.Trusted("Clinic days in "), policy.SanitizeLine(d.Zone)), "")
	lines = append(lines, s.inboundView()+gap, s.optInsView()+gap, s.linksView()+gap, s.handoffView())
	return box(strings.Join(lines, "\n"), w, s.height)
}

// labelW is the width of the label column left of each chart.
const labelW = 18

func (s *metricsScreen) chartW() int { return min(max(s.width-labelW-24, 10), 64) }

func (s *metricsScreen) inboundView() string {
	t := s.theme
	d := s.data
	h := 3
	if s.compact() {
		h = 1
	}
	vals := make([]float64, len(d.InboundByDay))
	for i, n := range d.InboundByDay {
		vals[i] = float64(n)
	}
	// One column per day; the chart is no wider than the days it shows.
	sw := min(max(len(vals), 1), s.chartW())
	sl := sparkline.New(sw, h, sparkline.WithStyle(t.Inbound))
	if len(vals) > sw {
		vals = vals[len(vals)-sw:]
	}
	sl.PushAll(vals)
	sl.Draw()
	share := "n/a"
	if d.Last30.Inbound > 0 {
		share = fmt.Sprintf("%.0f%%", float64(d.Last30.InboundWithPHI)/float64(d.Last30.Inbound)*100)
	}
	title := t.Title.Render("Inbound messages") +
		t.Text.Render(fmt.Sprintf("  today %d · 30 days %d · with PHI %s", d.Today.Inbound, d.Last30.Inbound, share))
	chart := lipgloss.JoinHorizontal(lipgloss.Bottom, fit(t.Text.Render("a day, 30 days"), labelW), sl.View(),
		t.Faint.Render(" ← oldest · today →"))
	return title + "\n" + chart
}

// bar draws one horizontal bar of value against top, chartW wide.
func (s *metricsScreen) bar(value, top float64, style lipgloss.Style) string {
	w := s.chartW()
	if top <= 0 {
		return strings.Repeat(" ", w)
	}
	bc := barchart.New(w, 1, barchart.WithHorizontalBars(), barchart.WithNoAxis(),
		barchart.WithNoAutoMaxValue(), barchart.WithMaxValue(top), barchart.WithBarWidth(1), barchart.WithBarGap(0), barchart.WithNoAutoBarWidth())
	bc.Push(barchart.BarData{Values: []barchart.BarValue{{Name: "v", Value: math.Min(value, top), Style: style}}})
	bc.Draw()
	return fit(bc.View(), w)
}

func (s *metricsScreen) row(label, chart, value string) string {
	return fit(s.theme.Text.Render(fit(label, labelW)), labelW) + chart + " " + value
}

func (s *metricsScreen) optInsView() string {
	t := s.theme
	title := t.Title.Render("Opt-ins by source") + t.Faint.Render(" (30 days; today in brackets)")
	if len(s.sources) == 0 {
		return title + "\n" + t.Faint.Render(strings.Repeat(" ", labelW)+"none recorded")
	}
	limit := 6
	if s.compact() {
		limit = 3
	}
	top := float64(s.sources[0].month)
	var rows []string
	for i, sc := range s.sources {
		if i == limit {
			rows = append(rows, t.Faint.Render(fmt.Sprintf("%s+%d more sources", strings.Repeat(" ", labelW), len(s.sources)-limit)))
			break
		}
		rows = append(rows, s.row(plain(sc.name), s.bar(float64(sc.month), top, t.StatusOK), fmt.Sprintf("%d (%d)", sc.month, sc.today)))
	}
	return title + "\n" + strings.Join(rows, "\n")
}

func (s *metricsScreen) linksView() string {
	t := s.theme
	d := s.data
	title := t.Title.Render("Portal link conversion") + t.Faint.Render(" (links opened of links sent)")
	rate := func(p api.ProgramPeriod) string {
		if p.LinksSent == 0 {
			return fmt.Sprintf("%d of %d", p.LinksOpened, p.LinksSent)
		}
		return fmt.Sprintf("%d of %d (%.0f%%)", p.LinksOpened, p.LinksSent, float64(p.LinksOpened)/float64(p.LinksSent)*100)
	}
	rows := []string{
		s.row("today", s.bar(float64(d.Today.LinksOpened), float64(d.Today.LinksSent), t.StatusOK), rate(d.Today)),
		s.row("30 days", s.bar(float64(d.Last30.LinksOpened), float64(d.Last30.LinksSent), t.StatusOK), rate(d.Last30)),
	}
	return title + "\n" + strings.Join(rows, "\n")
}

// minutes prints seconds as a short duration.
func minutes(sec float64) string {
	switch {
	case sec < 60:
		return fmt.Sprintf("%.0fs", sec)
	case sec < 3600:
		return fmt.Sprintf("%.0fm", sec/60)
	default:
		return fmt.Sprintf("%.1fh", sec/3600)
	}
}

func (s *metricsScreen) handoffView() string {
	t := s.theme
	d := s.data
	sla := d.SLASeconds
	title := t.Title.Render("Hand-off first response") + t.Faint.Render(" (30 days, against the "+minutes(sla)+" SLA)")
	p := d.Last30
	if p.HandoffsAnswered == 0 {
		return title + "\n" + t.Faint.Render(fmt.Sprintf("%s%d hand-offs, none answered yet", strings.Repeat(" ", labelW), p.Handoffs))
	}
	top := sla
	for _, v := range []*float64{p.HandoffP50S, p.HandoffP90S} {
		if v != nil {
			top = math.Max(top, *v)
		}
	}
	top *= 1.1
	var rows []string
	for _, q := range []struct {
		name string
		v    *float64
	}{{"median (p50)", p.HandoffP50S}, {"slowest 10% (p90)", p.HandoffP90S}} {
		if q.v == nil {
			continue
		}
		style, word := t.StatusOK, "within SLA"
		if *q.v > sla {
			style, word = t.Overdue, "OVER SLA"
		}
		rows = append(rows, s.row(q.name, s.bar(*q.v, top, style), minutes(*q.v)+" "+style.Render(word)))
	}
	slaCol := int(float64(s.chartW()) * sla / top)
	rows = append(rows, t.Faint.Render(strings.Repeat(" ", labelW+min(slaCol, s.chartW()-1))+"↑ SLA "+minutes(sla)),
		t.Text.Render(fmt.Sprintf("%s%d of %d answered within the SLA · %d hand-offs · today %d", strings.Repeat(" ", labelW),
			p.HandoffsWithinSLA, p.HandoffsAnswered, p.Handoffs, d.Today.Handoffs)))
	return title + "\n" + strings.Join(rows, "\n")
}

func (m *Model) canViewMetrics() bool {
	return policy.Can(policy.Role(m.user.Role), policy.ActionViewMetrics)
}

// openMetrics opens the screen and asks the server for the figures.
func (m *Model) openMetrics() tea.Cmd {
	if !m.canViewMetrics() {
		return m.showToast(toastError, policy.SanitizeLine(policy.Why(policy.Role(m.user.Role), policy.ActionViewMetrics)))
	}
	m.metrics = newMetricsScreen(m.theme, m.keys, m.sess())
	m.resize()
	return m.metrics.fetch()
}

func (m *Model) onMetrics(msg metricsMsg) tea.Cmd {
	s := m.metrics
	if s == nil || msg.session != m.session || msg.gen != s.gen {
		return nil // closed, signed out, or refreshed since
	}
	cmd := s.Update(msg)
	if msg.err != nil {
		// The screen says it could not load; the tier (toast, sign-out,
		// full page) is decided as for every other call.
		return tea.Batch(cmd, m.handleErr("Could not load the program metrics", msg.err))
	}
	return cmd
}
