package siem_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central/siem"
	"github.com/clinicwa/triage/store/central/siem/siemtest"
)

// chain makes n linked entries of one console chain, numbered in the log
// from gseq0+1.
func chain(id string, n int, gseq0 int64) []siem.Entry {
	var prev *api.AuditEntry
	var out []siem.Entry
	at := time.Date(2026, 3, 2, 9, 30, 0, 123456789, time.UTC)
	for i := range n {
		e := audit.Link(prev, api.AuditEntry{ConsoleID: id, At: at.Add(time.Duration(i) * time.Second), UserID: "u-7",
			Role: api.Role("nurse"), Action: "thread.read", Object: fmt.Sprintf("thread:%d", i), Outcome: "ok",
			Detail: map[string]string{"rule": "min-necessary"}})
		prev = &e
		out = append(out, siem.Entry{AuditEntry: e, Gseq: gseq0 + int64(i) + 1, ReceivedAt: at.Add(time.Minute)})
	}
	return out
}

func TestFormatRFC5424(t *testing.T) {
	e := chain("dev-1", 1, 41)[0]
	e.Outcome = "refused"
	e.Action = "sign in]\"x"
	e.Hash = audit.Hash(e.AuditEntry)
	got, err := siem.FormatRFC5424(e, "clinic host", 4242)
	if err != nil {
		t.Fatal(err)
	}
	wantHead := `<109>1 2026-03-02T09:30:00.123456Z clinic_host triaged 4242 sign_in]"x [triage-audit@32473 chain="dev-1" seq="1" gseq="42" hash="` +
		e.Hash + `" prev="` + audit.GenesisHash + `" outcome="refused"] ` + "\xEF\xBB\xBF"
	if !strings.HasPrefix(string(got), wantHead) {
		t.Fatalf("message head\n got %q\nwant %q", got, wantHead)
	}
	m, err := siemtest.Parse(got)
	if err != nil {
		t.Fatal(err)
	}
	// The SIEM copy alone is enough to recompute the entry's hash.
	if audit.Hash(m.Entry.AuditEntry) != e.Hash || m.SD["hash"] != e.Hash || m.Entry.Gseq != 42 {
		t.Fatalf("round trip lost the hash: %+v", m)
	}
}

func TestFormatEscapesParamValues(t *testing.T) {
	e := chain(`dev"]\1`, 1, 0)[0]
	got, err := siem.FormatRFC5424(e, "h", 1)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), `chain="dev\"\]\\1"`) {
		t.Fatalf("param value not escaped: %q", got)
	}
	m, err := siemtest.Parse(got)
	if err != nil || m.SD["chain"] != `dev"]\1` {
		t.Fatalf("parse back: %v %q", err, m.SD["chain"])
	}
}

func TestSeverityByOutcome(t *testing.T) {
	for _, c := range []struct {
		outcome string
		pri     int
	}{{"ok", 110}, {"refused", 109}, {"error", 108}} {
		e := chain("d", 1, 0)[0]
		e.Outcome = c.outcome
		b, _ := siem.FormatRFC5424(e, "h", 1)
		if want := fmt.Sprintf("<%d>1 ", c.pri); !strings.HasPrefix(string(b), want) {
			t.Errorf("%s: got %q, want PRI %s", c.outcome, b[:8], want)
		}
	}
}

func TestSyslogSinkDeliversOverTLSAndReconnects(t *testing.T) {
	rx := siemtest.NewReceiver(t)
	sink, err := siem.NewSyslog(siem.SyslogConfig{Addr: rx.Addr, CAFile: rx.CAFile})
	if err != nil {
		t.Fatal(err)
	}
	defer sink.Close()
	ctx := context.Background()
	all := chain("dev-1", 6, 0)
	if err := sink.Write(ctx, all[:3]); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return len(rx.Messages()) == 3 })
	// The SIEM restarts between batches: the next batch still arrives.
	rx.DropConnections()
	time.Sleep(50 * time.Millisecond)
	if err := sink.Write(ctx, all[3:]); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return len(rx.Messages()) == 6 })
	for i, m := range rx.Messages() {
		if m.Entry.Gseq != int64(i+1) || m.Entry.Hash != all[i].Hash {
			t.Fatalf("message %d: %+v", i, m.Entry)
		}
	}
	if errs := rx.Errors(); len(errs) > 0 {
		t.Fatal(errs)
	}
}

func TestSyslogSinkRefusesAnUntrustedServer(t *testing.T) {
	rx := siemtest.NewReceiver(t)
	other := siemtest.NewReceiver(t) // another CA
	sink, err := siem.NewSyslog(siem.SyslogConfig{Addr: rx.Addr, CAFile: other.CAFile})
	if err != nil {
		t.Fatal(err)
	}
	defer sink.Close()
	if err := sink.Write(context.Background(), chain("d", 1, 0)); err == nil {
		t.Fatal("wrote to a server whose certificate the CA file does not sign")
	}
	if n := len(rx.Messages()); n != 0 {
		t.Fatalf("untrusted server received %d messages", n)
	}
}

func TestSyslogSettingsErrors(t *testing.T) {
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "ca.pem")
	os.WriteFile(notPEM, []byte("not a certificate"), 0o600)
	for _, c := range []struct {
		name string
		cfg  siem.SyslogConfig
		want string
	}{
		{"no port", siem.SyslogConfig{Addr: "siem.example"}, "address"},
		{"missing CA", siem.SyslogConfig{Addr: "siem.example:6514", CAFile: filepath.Join(dir, "none.pem")}, "CA file"},
		{"CA not PEM", siem.SyslogConfig{Addr: "siem.example:6514", CAFile: notPEM}, "no PEM certificate"},
	} {
		if _, err := siem.NewSyslog(c.cfg); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error about %q", c.name, err, c.want)
		}
	}
}

func readJSONL(t *testing.T, path string) []siem.Entry {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []siem.Entry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e siem.Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		out = append(out, e)
	}
	return out
}

func TestJSONLFollowsRotation(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "audit.jsonl")
	sink, err := siem.NewJSONL(path)
	if err != nil {
		t.Fatal(err)
	}
	defer sink.Close()
	ctx := context.Background()
	all := chain("dev-1", 6, 0)
	if err := sink.Write(ctx, all[:2]); err != nil {
		t.Fatal(err)
	}
	// logrotate moves the file away: the next batch goes to a new file.
	if err := os.Rename(path, path+".1"); err != nil {
		t.Fatal(err)
	}
	if err := sink.Write(ctx, all[2:4]); err != nil {
		t.Fatal(err)
	}
	// copytruncate-style: the path is the same file, rewritten; SIGHUP.
	if err := os.Rename(path, path+".2"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	sink.Reopen()
	if err := sink.Write(ctx, all[4:]); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		file string
		want []siem.Entry
	}{{path + ".1", all[:2]}, {path + ".2", all[2:4]}, {path, all[4:]}} {
		got := readJSONL(t, c.file)
		if len(got) != len(c.want) {
			t.Fatalf("%s holds %d entries, want %d", c.file, len(got), len(c.want))
		}
		for i := range got {
			if got[i].Gseq != c.want[i].Gseq || audit.Hash(got[i].AuditEntry) != c.want[i].Hash {
				t.Fatalf("%s entry %d: %+v", c.file, i, got[i])
			}
		}
	}
	if fi, _ := os.Stat(path + ".1"); fi.Mode().Perm() != 0o600 {
		t.Fatalf("file mode %v, want 0600", fi.Mode().Perm())
	}
}

// memSource is an in-memory log with cursors.
type memSource struct {
	mu      sync.Mutex
	log     []siem.Entry
	cursors map[string]int64
}

func (m *memSource) After(_ context.Context, after int64, limit int) ([]siem.Entry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []siem.Entry
	for _, e := range m.log {
		if e.Gseq > after && len(out) < limit {
			out = append(out, e)
		}
	}
	return out, nil
}
func (m *memSource) Head(context.Context) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return int64(len(m.log)), nil
}
func (m *memSource) Cursor(_ context.Context, sink string) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.cursors[sink], nil
}
func (m *memSource) SaveCursor(_ context.Context, sink string, g int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.cursors[sink] = g
	return nil
}

// flakySink fails while down is set, and records what it acknowledged.
type flakySink struct {
	mu   sync.Mutex
	down bool
	got  []int64
	hits int
}

func (f *flakySink) Name() string { return "flaky:1" }
func (f *flakySink) Kind() string { return "syslog" }
func (f *flakySink) Close() error { return nil }
func (f *flakySink) Write(_ context.Context, es []siem.Entry) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hits++
	if f.down {
		return errors.New("connection refused")
	}
	for _, e := range es {
		f.got = append(f.got, e.Gseq)
	}
	return nil
}
func (f *flakySink) state() (int, []int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hits, append([]int64(nil), f.got...)
}

func TestStreamerWaitsOutADownSinkAndResumesFromItsCursor(t *testing.T) {
	src := &memSource{log: chain("dev-1", 25, 0), cursors: map[string]int64{}}
	sink := &flakySink{down: true}
	opt := siem.Options{Poll: 5 * time.Millisecond, Batch: 10, BackoffMin: 5 * time.Millisecond, BackoffMax: 20 * time.Millisecond}
	st := siem.New(src, []siem.Sink{sink}, opt)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { st.Run(ctx, nil); close(done) }()
	waitFor(t, func() bool { h, _ := sink.state(); return h >= 3 })
	lag, err := st.Lag(ctx)
	if err != nil || lag["syslog"] != 25 {
		t.Fatalf("lag while the SIEM is down: %v %v, want 25", lag, err)
	}
	sink.mu.Lock()
	sink.down = false
	sink.mu.Unlock()
	waitFor(t, func() bool { _, got := sink.state(); return len(got) == 25 })
	if lag, _ := st.Lag(ctx); lag["syslog"] != 0 {
		t.Fatalf("lag after catching up: %v", lag)
	}
	cancel()
	<-done
	if src.cursors["flaky:1"] != 25 {
		t.Fatalf("durable cursor %d, want 25", src.cursors["flaky:1"])
	}

	// A restart: new entries are sent, the old ones are not sent again.
	src.mu.Lock()
	src.log = append(src.log, chain("dev-2", 5, 25)...)
	src.mu.Unlock()
	sink2 := &flakySink{}
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	go siem.New(src, []siem.Sink{sink2}, opt).Run(ctx2, nil)
	waitFor(t, func() bool { _, got := sink2.state(); return len(got) == 5 })
	if _, got := sink2.state(); got[0] != 26 || got[4] != 30 {
		t.Fatalf("after restart sent %v, want 26..30", got)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 10s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// cursorLost loses the cursor updates from failFrom on, as a crash
// between the sink's acknowledgement and the cursor's commit would.
type cursorLost struct {
	*memSource
	mu       sync.Mutex
	failFrom int64
}

func (c *cursorLost) SaveCursor(ctx context.Context, sink string, g int64) error {
	c.mu.Lock()
	lost := c.failFrom > 0 && g >= c.failFrom
	c.mu.Unlock()
	if lost {
		return errors.New("database is locked")
	}
	return c.memSource.SaveCursor(ctx, sink, g)
}

// At-least-once: a batch the sink acknowledged but whose cursor was not
// recorded is sent again after a restart; the copies are identical, so
// the SIEM deduplicates by (chain, seq).
func TestAcknowledgedBatchWithoutCursorIsSentAgainAfterRestart(t *testing.T) {
	mem := &memSource{log: chain("dev-1", 10, 0), cursors: map[string]int64{}}
	src := &cursorLost{memSource: mem, failFrom: 10}
	opt := siem.Options{Poll: 5 * time.Millisecond, Batch: 4, BackoffMin: time.Millisecond, BackoffMax: 5 * time.Millisecond}
	first := &flakySink{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { siem.New(src, []siem.Sink{first}, opt).Run(ctx, nil); close(done) }()
	waitFor(t, func() bool { _, got := first.state(); return len(got) == 10 })
	cancel()
	<-done
	if c, _ := mem.Cursor(context.Background(), "flaky:1"); c != 8 {
		t.Fatalf("durable cursor %d, want 8 (the last batch's update was lost)", c)
	}
	src.mu.Lock()
	src.failFrom = 0
	src.mu.Unlock()
	second := &flakySink{}
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	go siem.New(src, []siem.Sink{second}, opt).Run(ctx2, nil)
	waitFor(t, func() bool { _, got := second.state(); return len(got) == 2 })
	time.Sleep(30 * time.Millisecond) // nothing more may follow
	if _, got := second.state(); fmt.Sprint(got) != "[9 10]" {
		t.Fatalf("after the restart the stream sent %v, want the unrecorded batch [9 10] again", got)
	}
	waitFor(t, func() bool { c, _ := mem.Cursor(context.Background(), "flaky:1"); return c == 10 })
}
