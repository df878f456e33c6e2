package main

import (
	"bufio"
	"fmt"
	"os"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// FrameLogEnv names a file the console appends one line per key press
// to: how long the model took from the key's arrival to the end of the
// frame it drew ("key <ns>"). The load test (make load) reads it for the
// keystroke-to-frame figure. It measures the console's own work, which is
// what the code controls; a capture-pane poll would add tmux and the
// terminal's refresh on top. Nothing about patients is written.
const FrameLogEnv = "TRIAGE_FRAME_LOG"

// frameTimer wraps the root model when FrameLogEnv is set. Update and
// View run on Bubble Tea's one event loop, so the fields need no lock;
// the file is written by its own goroutine, never in Update.
type frameTimer struct {
	m       tea.Model
	keyAt   time.Time
	pending bool
	out     chan<- time.Duration
}

func withFrameLog(m tea.Model) (tea.Model, func()) {
	path := os.Getenv(FrameLogEnv)
	if path == "" {
		return m, func() {}
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return m, func() {}
	}
	ch := make(chan time.Duration, 4096)
	done := make(chan struct{})
	go func() {
		defer close(done)
		w := bufio.NewWriter(f)
		for d := range ch {
			fmt.Fprintf(w, "key %d\n", d.Nanoseconds())
			if len(ch) == 0 {
				w.Flush()
			}
		}
		w.Flush()
		f.Close()
	}()
	return &frameTimer{m: m, out: ch}, func() { close(ch); <-done }
}

func (t *frameTimer) Init() tea.Cmd { return t.m.Init() }

func (t *frameTimer) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyMsg); ok && !t.pending {
		t.keyAt, t.pending = time.Now(), true
	}
	m, cmd := t.m.Update(msg)
	t.m = m
	return t, cmd
}

func (t *frameTimer) View() string {
	v := t.m.View()
	if t.pending {
		t.pending = false
		select {
		case t.out <- time.Since(t.keyAt):
		default: // the writer is behind: drop a sample rather than wait
		}
	}
	return v
}
