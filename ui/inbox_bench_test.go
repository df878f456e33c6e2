package ui

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/store/api"
)

// benchInbox is a signed-in model on a 50,000-thread inbox of which it
// holds as many rows as it ever does (inboxHoldRows: ten pages read, the
// farthest let go), drawn at 120×40.
func benchInbox(b *testing.B) *Model {
	b.Helper()
	fb := newFakeBackend()
	m := New(fb, Options{Now: func() time.Time { return t0 }})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.screen, m.user = screenMain, api.User{Username: "dana", Role: "frontdesk"}
	all := manyThreads(1000)
	for p := range 10 {
		page := api.ThreadPage{Threads: all[p*100 : (p+1)*100], Seq: 50_000,
			Counts: map[api.ThreadState]int{api.ThreadOpen: 50_000}}
		if p < 9 {
			page.Next = all[(p+1)*100-1].ID
		}
		after := ""
		if p > 0 {
			after = all[p*100-1].ID
		}
		m.list.gen++
		m.list.onPage(inboxPageMsg{session: m.session, gen: m.list.gen, after: after, page: page})
	}
	if len(m.list.rows) != inboxHoldRows || m.list.total() != 50_000 {
		b.Fatalf("%d rows held, total %d", len(m.list.rows), m.list.total())
	}
	return m
}

// BenchmarkUpdateOnEvent is the console's work for one live event: the
// thread's row replaces its old one and moves to the top, then the frame
// is drawn. It must stay far under a frame (16 ms) at 1,000 events a
// minute, whatever the size of the inbox.
func BenchmarkUpdateOnEvent(b *testing.B) {
	m := benchInbox(b)
	all := manyThreads(1000)
	ch := make(chan api.Event)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ts := all[(i*37)%inboxHoldRows] // a held row
		ts.LastAt, ts.Seq, ts.Preview = t0.Add(time.Duration(i+1)*time.Second), int64(50_001+i), "Running ten minutes late"
		m.Update(eventMsg{session: m.session, ch: ch, ev: api.Event{Type: api.EventMessageNew, ThreadID: ts.ID, Thread: &ts}})
		_ = m.View()
		i++
	}
}

// BenchmarkKeystrokeFrame is one key press in the inbox and its frame.
func BenchmarkKeystrokeFrame(b *testing.B) {
	m := benchInbox(b)
	down, up := tea.KeyMsg{Type: tea.KeyDown}, tea.KeyMsg{Type: tea.KeyUp}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k := down
		if (i/50)%2 == 1 {
			k = up
		}
		m.Update(k)
		_ = m.View()
		i++
	}
}
