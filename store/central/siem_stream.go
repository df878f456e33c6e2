package central

import (
	"context"
	"fmt"

	"github.com/clinicwa/triage/store/central/auditlog"
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
	src := auditlog.SIEMSource{DB: s.db, Gate: s.store.gate, Now: s.now}
	if s.nodes != nil {
		// Several nodes: one streams at a time (multinode.go), from the
		// shared cursor; each term of office has sinks of its own, since a
		// stream closes its sinks when it stops.
		for _, k := range sinks {
			k.Close()
		}
		s.runElected(siemStreamerJob, func(ctx context.Context) {
			sinks, err := s.cfg.SIEM.buildSinks()
			if err != nil {
				s.log.Error("audit stream to the SIEM not started", "err", err.Error())
				return
			}
			st := siem.New(src, sinks, opt)
			s.siemMu.Lock()
			s.siem = st
			s.siemMu.Unlock()
			s.log.Info("this node now streams the audit log to the SIEM", "node", s.nodes.id)
			st.Run(ctx, s.cfg.SIEM.Reopen)
			s.siemMu.Lock()
			s.siem = nil
			s.siemMu.Unlock()
		})
		return nil
	}
	s.siem = siem.New(src, sinks, opt)
	s.bg.Add(1)
	go func() { defer s.bg.Done(); s.siem.Run(s.bgCtx, s.cfg.SIEM.Reopen) }()
	return nil
}

// SIEMLag is, per sink kind, how many committed audit entries the SIEM
// stream has not yet delivered (nil when no stream is configured).
func (s *Server) SIEMLag(ctx context.Context) (map[string]int64, error) {
	s.siemMu.Lock()
	st := s.siem
	s.siemMu.Unlock()
	if st == nil {
		return nil, nil // not configured, or another node streams
	}
	return st.Lag(ctx)
}
