package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// boomModel panics where it is told to.
type boomModel struct{ where string }

type boomMsg struct{}

func (m boomModel) Init() tea.Cmd {
	switch m.where {
	case "command":
		return tea.Batch(func() tea.Msg { return nil }, func() tea.Msg {
			var s []int
			return s[3] // a runtime error in a command's goroutine
		})
	case "init":
		panic("Robert Chen, DOB 03/14/1962") // a value that quotes patient text
	}
	return func() tea.Msg { return boomMsg{} }
}

func (m boomModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(boomMsg); ok && m.where == "update" {
		var p *struct{ x int }
		_ = p.x // nil dereference
	}
	return m, nil
}

func (m boomModel) View() string {
	if m.where == "view" {
		panic(errors.New("view broke"))
	}
	return "inbox"
}

// runGuarded runs model in a real program, as startConsole does, with
// the screen and the log captured.
func runGuarded(t *testing.T, model tea.Model) (screen, logText string, err error) {
	t.Helper()
	var out, logBuf bytes.Buffer
	g := newPanicGuard(&logBuf)
	p := tea.NewProgram(g.model(model), tea.WithInput(nil), tea.WithOutput(&out), tea.WithAltScreen(), tea.WithoutCatchPanics())
	g.setStop(p.Kill)
	done := make(chan error, 1)
	go func() { done <- g.run(p.Run, func() { _ = p.ReleaseTerminal() }) }()
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		p.Kill()
		t.Fatal("the program did not stop after the panic")
	}
	return out.String(), logBuf.String(), err
}

func TestPanicEndsWithSentenceAndRestoredTerminal(t *testing.T) {
	tests := []struct {
		where   string
		logHas  string // what the log says the panic was
		logLeak string // what must not reach even the log
	}{
		{"update", "nil pointer dereference", ""},
		{"command", "index out of range", ""},
		{"view", "*errors.errorString", "view broke"},
		{"init", "string", "Robert Chen"},
	}
	for _, tt := range tests {
		t.Run(tt.where, func(t *testing.T) {
			screen, logText, err := runGuarded(t, boomModel{where: tt.where})
			if !errors.Is(err, errConsolePanicked) {
				t.Fatalf("Run ended with %v", err)
			}
			if strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), ".go:") {
				t.Errorf("the error is not a plain sentence: %q", err)
			}
			for _, trace := range []string{"goroutine ", ".go:", "panic", "runtime."} {
				if strings.Contains(screen, trace) {
					t.Errorf("the screen shows %q:\n%q", trace, screen)
				}
			}
			// The terminal is given back: alternate screen left, cursor shown.
			if !strings.Contains(screen, "\x1b[?1049l") || !strings.Contains(screen, "\x1b[?25h") {
				t.Errorf("terminal not restored; output %q", screen)
			}
			if !strings.Contains(logText, "console panic") || !strings.Contains(logText, "goroutine ") || !strings.Contains(logText, tt.logHas) {
				t.Errorf("the log lacks the panic and its stack:\n%s", logText)
			}
			if tt.logLeak != "" && strings.Contains(logText, tt.logLeak) {
				t.Errorf("the log quotes the panic value %q", tt.logLeak)
			}
		})
	}
}

func TestPanicGuardRunReleasesTerminalWhenRunItselfPanics(t *testing.T) {
	var logBuf bytes.Buffer
	g := newPanicGuard(&logBuf)
	stopped, released := false, false
	g.setStop(func() { stopped = true })
	err := g.run(func() (tea.Model, error) { panic("renderer broke") }, func() { released = true })
	if !errors.Is(err, errConsolePanicked) || !stopped || !released {
		t.Fatalf("err %v, stopped %v, released %v", err, stopped, released)
	}
	if !strings.Contains(logBuf.String(), "goroutine ") {
		t.Errorf("no stack in the log:\n%s", logBuf.String())
	}
	// A release that itself panics still ends in the sentence.
	g2 := newPanicGuard(&bytes.Buffer{})
	err = g2.run(func() (tea.Model, error) { panic("x") }, func() { panic("y") })
	if !errors.Is(err, errConsolePanicked) {
		t.Errorf("err %v", err)
	}
	// Without a panic, Run's own answer comes back untouched.
	g3 := newPanicGuard(&bytes.Buffer{})
	if err := g3.run(func() (tea.Model, error) { return nil, tea.ErrProgramKilled }, func() { t.Error("released without a panic") }); err != tea.ErrProgramKilled {
		t.Errorf("err %v", err)
	}
}
