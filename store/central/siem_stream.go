package central

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/clinicwa/triage/store/central/siem"
)

// SIEMConfig selects where the audit log is streamed (both may be set;
// neither streams nothing).
type SIEMConfig struct {
	Syslog    siem.SyslogConfig // Addr empty: no syslog stream
	JSONLPath string            // empty: no JSON lines file
	// Reopen asks the JSON lines sink to reopen its file (SIGHUP after
	// log rotation); nil when the caller does not forward the signal.
	Reopen <-chan struct{}
	// Options tune polling and backoff (tests shorten them).
	Options siem.Options
}

func (c SIEMConfig) enabled() bool { return c.Syslog.Addr != "" || c.JSONLPath != "" }

// buildSinks makes the configured sinks; bad settings (an unreadable CA
// file, a JSON lines path that cannot be opened) stop start-up with a
// clear error, while a SIEM that is merely down does not.
func (c SIEMConfig) buildSinks() ([]siem.Sink, error) {
	var sinks []siem.Sink
	if c.Syslog.Addr != "" {
		s, err := siem.NewSyslog(c.Syslog)
		if err != nil {
			return nil, fmt.Errorf("TRIAGED_SIEM_SYSLOG_ADDR: %w", err)
		}
		sinks = append(sinks, s)
	}
	if c.JSONLPath != "" {
		s, err := siem.NewJSONL(c.JSONLPath)
		if err != nil {
			for _, k := range sinks {
				k.Close()
			}
			return nil, fmt.Errorf("TRIAGED_SIEM_JSONL_PATH: %w", err)
		}
		sinks = append(sinks, s)
	}
	return sinks, nil
}

// startSIEM starts the audit stream in the background; it stops with
// the server's other background work, before the database closes.
func (s *Server) startSIEM() error {
	if !s.cfg.SIEM.enabled() {
		return nil
	}
	sinks, err := s.cfg.SIEM.buildSinks()
	if err != nil {
		return err
	}
	opt := s.cfg.SIEM.Options
	if opt.Logger == nil {
		opt.Logger = s.log
	}
	s.siem = siem.New(auditSource{db: s.db, gate: s.store.gate, now: s.now}, sinks, opt)
	s.bg.Add(1)
	go func() { defer s.bg.Done(); s.siem.Run(s.bgCtx, s.cfg.SIEM.Reopen) }()
	return nil
}

// SIEMLag is, per sink kind, how many committed audit entries the SIEM
// stream has not yet delivered (nil when no stream is configured).
func (s *Server) SIEMLag(ctx context.Context) (map[string]int64, error) {
	if s.siem == nil {
		return nil, nil
	}
	return s.siem.Lag(ctx)
}

// auditSource reads committed audit entries by log position. Readers do
// not take the write gate, so the stream never waits on intake nor intake
// on the stream; only the cursor update is a (one-row) write.
type auditSource struct {
	db   *sql.DB
	gate *writeGate
	now  func() time.Time
}

func (a auditSource) After(ctx context.Context, after int64, limit int) ([]siem.Entry, error) {
	rows, err := a.db.QueryContext(ctx, `SELECT `+auditCols+`, gseq, received_at FROM audit
		WHERE gseq > ? ORDER BY gseq LIMIT ?`, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []siem.Entry
	for rows.Next() {
		var (
			e          siem.Entry
			at, detail string
			recv       int64
		)
		if err := rows.Scan(&e.ConsoleID, &e.Seq, &e.PrevHash, &e.Hash, &at, &e.UserID, &e.Role, &e.Action,
			&e.Object, &e.Outcome, &detail, &e.Gseq, &recv); err != nil {
			return nil, err
		}
		if e.At, err = time.Parse(time.RFC3339Nano, at); err != nil {
			return nil, fmt.Errorf("audit entry %d: time: %w", e.Gseq, err)
		}
		if detail != "" && detail != "null" && detail != "{}" {
			if err := json.Unmarshal([]byte(detail), &e.Detail); err != nil {
				return nil, fmt.Errorf("audit entry %d: detail: %w", e.Gseq, err)
			}
		}
		e.ReceivedAt = time.Unix(0, recv).UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

func (a auditSource) Head(ctx context.Context) (int64, error) {
	var n sql.NullInt64
	err := a.db.QueryRowContext(ctx, `SELECT MAX(gseq) FROM audit`).Scan(&n)
	return n.Int64, err
}

func (a auditSource) Cursor(ctx context.Context, sink string) (int64, error) {
	var n int64
	err := a.db.QueryRowContext(ctx, `SELECT gseq FROM siem_cursors WHERE sink = ?`, sink).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return n, err
}

// SaveCursor only ever moves a cursor forward.
func (a auditSource) SaveCursor(ctx context.Context, sink string, gseq int64) error {
	if err := a.gate.enter(ctx); err != nil {
		return err
	}
	defer a.gate.leave()
	_, err := a.db.ExecContext(ctx, `INSERT INTO siem_cursors (sink, gseq, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (sink) DO UPDATE SET gseq = excluded.gseq, updated_at = excluded.updated_at
		WHERE excluded.gseq > siem_cursors.gseq`, sink, gseq, a.now().UnixNano())
	return err
}
