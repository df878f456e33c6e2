package central

import (
	"context"
	"database/sql"
	"time"

	"github.com/clinicwa/triage/store/central/opsmetrics"
)

// consoleSyncWindow bounds the consoles reported by the audit sync
// metrics to those heard from recently, so a retired device does not
// stay a series forever.
const consoleSyncWindow = 30 * 24 * time.Hour

// newOps makes the server's operational metrics and ties the write gate's
// wait to them.
func (s *Server) newOps() *opsmetrics.Metrics {
	m := opsmetrics.New(opsmetrics.Sources{Snapshot: s.opsSnapshot, Subscribers: s.hub.streams, Now: s.now, SIEMLag: s.SIEMLag})
	s.store.gate.waited = m.WriteGateWait
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
	var (
		snap   opsmetrics.Snapshot
		oldest sql.NullInt64
		ckpt   sql.NullInt64
	)
	err := s.db.QueryRowContext(ctx, `SELECT count(*), MIN(created_at) FROM outbox WHERE state = 'pending'`).Scan(&snap.OutboxPending, &oldest)
	if err != nil {
		return snap, err
	}
	snap.OutboxOldest = fromTS(oldest)
	if err := s.db.QueryRowContext(ctx, `SELECT MAX(signed_at) FROM audit_checkpoints`).Scan(&ckpt); err != nil {
		return snap, err
	}
	snap.LastCheckpoint = fromTS(ckpt)
	var uncovered sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT MIN(received_at) FROM audit
		WHERE gseq > COALESCE((SELECT tree_size FROM audit_checkpoints ORDER BY number DESC LIMIT 1), 0)`).Scan(&uncovered); err != nil {
		return snap, err
	}
	snap.OldestUncovered = fromTS(uncovered)
	rows, err := s.db.QueryContext(ctx, `SELECT a.console_id, a.at_ns, a.received_at FROM audit a
		JOIN (SELECT console_id, MAX(seq) AS seq FROM audit WHERE console_id <> ? GROUP BY console_id) h
		ON a.console_id = h.console_id AND a.seq = h.seq
		WHERE a.received_at >= ?`, ServerConsoleID, s.now().Add(-consoleSyncWindow).UnixNano())
	if err != nil {
		return snap, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			c        opsmetrics.ConsoleSync
			at, recv sql.NullInt64
		)
		if err := rows.Scan(&c.ConsoleID, &at, &recv); err != nil {
			return snap, err
		}
		c.LastEntryAt, c.LastReceivedAt = fromTS(at), fromTS(recv)
		snap.Consoles = append(snap.Consoles, c)
	}
	return snap, rows.Err()
}
