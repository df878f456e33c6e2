package central

import (
	"context"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/store/central/opsmetrics"
)

// consoleSyncWindow bounds the consoles reported by the audit sync
// metrics to those heard from recently, so a retired device does not
// stay a series forever.
const consoleSyncWindow = 30 * 24 * time.Hour

// newOps makes the server's operational metrics and ties the write gate's
// wait to them.
func (s *Server) newOps() *opsmetrics.Metrics {
	m := opsmetrics.New(opsmetrics.Sources{Snapshot: s.opsSnapshot, Subscribers: s.hub.Streams, Now: s.now, SIEMLag: s.SIEMLag})
	s.store.gate.Waited = m.WriteGateWait
	return m
}

// serveOps starts /metrics on Config.MetricsAddr, when set, until Shutdown.
func (s *Server) serveOps() error {
	if s.cfg.MetricsAddr == "" {
		return nil
	}
	addr, err := s.ops.Serve(s.bgCtx, s.cfg.MetricsAddr, s.cfg.MetricsAllowRemote, s.log)
	if err != nil {
		return err
	}
	s.log.Info("metrics listening", "addr", addr)
	s.opsAddr = addr
	return nil
}

// MetricsAddr is the bound /metrics address ("" when not served).
func (s *Server) MetricsAddr() string { return s.opsAddr }

// opsSnapshot reads the store's state for a scrape: counts and times only.
func (s *Server) opsSnapshot(ctx context.Context) (opsmetrics.Snapshot, error) {
	return records.Ops{}.Snapshot(ctx, s.db, s.now().Add(-consoleSyncWindow))
}
