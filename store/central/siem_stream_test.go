package central

import (
	"context"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/siem"
)

// A SIEM that accepts the TCP connection and then never answers (the
// worst case: the TLS handshake hangs until the dial timeout) must not
// slow webhook intake: the stream only delays itself, and its lag shows
// on /metrics.
func TestDownSIEMDoesNotSlowWebhookIntake(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu    sync.Mutex
		conns []net.Conn
	)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c) // held open, never read
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
	})
	const hang = time.Minute
	e := newEnv(t, func(c *Config) {
		c.SIEM = SIEMConfig{
			Syslog:  siem.SyslogConfig{Addr: ln.Addr().String(), DialTimeout: hang, WriteTimeout: hang},
			Options: siem.Options{Poll: 10 * time.Millisecond},
		}
	})
	e.login("desk") // audited on the server's chain
	const webhooks = 20
	start := time.Now()
	for i := range webhooks {
		e.patientWrites(patientUK, "Could I move my appointment? message "+string(rune('a'+i)))
	}
	took := time.Since(start)
	// Bound far below the hang: had one webhook waited on the SIEM, the
	// intake would take at least a minute.
	if took > hang/4 {
		t.Fatalf("%d webhooks took %s while the SIEM hung; intake must not wait on the stream", webhooks, took)
	}
	t.Logf("%d webhooks stored in %s with the SIEM hanging", webhooks, took)
	var n int
	if err := e.srv.db.QueryRow(`SELECT count(*) FROM messages`).Scan(&n); err != nil || n < webhooks {
		t.Fatalf("stored %d messages (%v), want at least %d", n, err, webhooks)
	}
	lag, err := e.srv.SIEMLag(context.Background())
	if err != nil || lag["syslog"] == 0 {
		t.Fatalf("lag %v (%v): a hung SIEM must show a lag", lag, err)
	}
	mfs, err := e.srv.ops.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, mf := range mfs {
		if mf.GetName() == "triaged_siem_lag_entries" {
			for _, m := range mf.GetMetric() {
				if m.GetLabel()[0].GetValue() == "syslog" && m.GetGauge().GetValue() > 0 {
					found = true
				}
			}
		}
	}
	if !found {
		t.Fatal("triaged_siem_lag_entries{sink=\"syslog\"} is not on /metrics or is zero")
	}
}

func TestSIEMSettingsErrorsStopStartup(t *testing.T) {
	e := newEnv(t)
	e.stop()
	cfg := e.cfg
	cfg.SeedUsers, cfg.SeedOptIns = nil, nil
	cfg.SIEM = SIEMConfig{JSONLPath: t.TempDir() + "/no/such/folder/audit.jsonl"}
	if _, err := New(context.Background(), cfg); err == nil {
		t.Fatal("started with a JSON lines path that cannot be opened")
	}
	cfg.SIEM = SIEMConfig{Syslog: siem.SyslogConfig{Addr: "127.0.0.1:6514", CAFile: t.TempDir() + "/missing.pem"}}
	if _, err := New(context.Background(), cfg); err == nil {
		t.Fatal("started with a syslog CA file that does not exist")
	}
}
