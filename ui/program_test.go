package ui

import (
	"bytes"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// TestProgramLoginToMacro runs the whole console in a real tea.Program:
// sign in, open the newest thread, send a quick reply, quit.
func TestProgramLoginToMacro(t *testing.T) {
	fb := newFakeBackend()
	m := New(fb, Options{Now: func() time.Time { return t0 }, ServerName: "clinic.example"})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	waitFor := func(s string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
			teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}

	waitFor("Sign in to clinic.example")
	tm.Type("dana")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Type(fb.password)
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor("Inbox (4)")

	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor("Thread · P-1042")

	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("m")})
	waitFor("Quick replies")
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor("Quick reply to P-1042 queued")

	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	sends := fb.snapshotSends()
	if len(sends) != 1 {
		t.Fatalf("sends %+v", sends)
	}
	if s := sends[0]; s.threadID != "t1" || s.req.MacroID != "appointment-reschedule" || s.req.Text != "" || len(s.req.IdempotencyKey) < 16 {
		t.Errorf("sent %+v", s)
	}
	if got := fb.logins; len(got) != 1 || got[0] != "dana/"+fb.password+"/" {
		t.Errorf("logins %v", got)
	}
}
