package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/clinicwa/triage/store/api"
)

func (f *fakeBackend) ProgramMetrics(context.Context) (api.ProgramMetrics, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.metricsCalls++
	return f.programMetrics, nil
}

func fptr(v float64) *float64 { return &v }

// metricsFixture is a month of a clinic's program in figures.
func metricsFixture() api.ProgramMetrics {
	pm := api.ProgramMetrics{Zone: "America/New_York", SLASeconds: 1800}
	for i := range 30 {
		pm.Days = append(pm.Days, fmt.Sprintf("2025-02-%02d", i+1))
		pm.InboundByDay = append(pm.InboundByDay, (i*7)%23+(i%5)*3)
	}
	pm.Today = api.ProgramPeriod{Inbound: 31, InboundWithPHI: 4, OptInsBySource: map[string]int{"whatsapp:start": 3, "front-desk-form": 1},
		LinksSent: 6, LinksOpened: 4, Handoffs: 3, HandoffsAnswered: 2, HandoffsWithinSLA: 2, HandoffP50S: fptr(420), HandoffP90S: fptr(900)}
	pm.Last30 = api.ProgramPeriod{Inbound: 512, InboundWithPHI: 61,
		OptInsBySource: map[string]int{"whatsapp:start": 88, "front-desk-form": 41, "web-form": 17, "demo-seed": 6, "sms-invite": 2},
		OptOuts:        9, LinksSent: 120, LinksOpened: 81, Handoffs: 44, HandoffsAnswered: 40, HandoffsWithinSLA: 33,
		HandoffP50S: fptr(540), HandoffP90S: fptr(2940)}
	return pm
}

// TestMetricsScreenGolden pins the supervisor's metrics screen at the
// smallest supported terminal and a large one. Regenerate with
// `go test ./ui -run TestMetricsScreenGolden -update` and review.
func TestMetricsScreenGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			fb := newFakeBackend()
			fb.role = api.RoleSupervisor
			fb.programMetrics = metricsFixture()
			h := newHarness(t, fb, Options{ServerName: "clinic.example"}, size[0], size[1])
			h.signIn()
			h.press("s")
			v := h.view()
			for _, want := range []string{"Program metrics", "Inbound messages", "Opt-ins by source", "whatsapp:start", "81 of 120 (68%)", "OVER SLA"} {
				if !strings.Contains(v, want) {
					t.Errorf("screen lacks %q", want)
				}
			}
			if got := len(strings.Split(v, "\n")); got != size[1] {
				t.Errorf("frame is %d lines, want %d", got, size[1])
			}
			golden.RequireEqual(t, []byte(v))
		})
	}
}

// TestMetricsScreenKeys: supervisors open, refresh and close it by
// keyboard; other roles are told why not and nothing is fetched.
func TestMetricsScreenKeys(t *testing.T) {
	fb := newFakeBackend()
	fb.role = api.RoleSupervisor
	fb.programMetrics = metricsFixture()
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("s")
	h.mustSee("Program metrics")
	h.press("R")
	fb.mu.Lock()
	calls := fb.metricsCalls
	fb.mu.Unlock()
	if calls != 2 {
		t.Errorf("fetched %d times after open and refresh, want 2", calls)
	}
	h.press("esc")
	h.mustNotSee("Program metrics")

	desk := newFakeBackend()
	hd := newHarness(t, desk, Options{}, 120, 40)
	hd.signIn()
	hd.press("s")
	hd.mustNotSee("Program metrics")
	if desk.metricsCalls != 0 {
		t.Error("a front-desk console asked for the metrics")
	}
	if strings.Contains(hd.view(), "program metrics") {
		t.Error("the front desk's help offers the metrics key")
	}
}

// TestMetricsScreenSanitisesSources: a consent source is server data and
// is drawn inert.
func TestMetricsScreenSanitisesSources(t *testing.T) {
	fb := newFakeBackend()
	fb.role = api.RoleSupervisor
	pm := metricsFixture()
	pm.Last30.OptInsBySource["evil\x1b]0;PWNED\x07\u202e"] = 500
	fb.programMetrics = pm
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("s")
	v := h.view()
	if strings.Contains(v, "\x1b]") || strings.Contains(v, "\u202e") || strings.Contains(v, "PWNED") {
		t.Error("a source label reached the terminal with its control sequences")
	}
	h.mustSee("evil")
}

// TestMetricsScreenLoadError: a failed load says so on the screen and
// offers the retry key, instead of "Loading…" forever.
func TestMetricsScreenLoadError(t *testing.T) {
	fb := newFakeBackend()
	fb.role = api.RoleSupervisor
	h := newHarness(t, fb, Options{}, 120, 40)
	h.signIn()
	h.press("s")
	h.send(metricsMsg{session: h.m.session, gen: h.m.metrics.gen, err: errors.New("server unreachable")})
	h.mustSee("Could not load the program metrics", "R to try again")
	h.mustNotSee("Loading…")
}
