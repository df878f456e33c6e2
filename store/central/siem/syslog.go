package siem

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"time"
)

// SyslogConfig is a syslog-over-TLS destination.
type SyslogConfig struct {
	Addr string // host:port of the SIEM's RFC 5425 listener (often 6514)
	// CAFile holds the PEM certificates that may sign the SIEM's server
	// certificate; empty trusts the system roots.
	CAFile string
	// ServerName is the name checked in the SIEM's certificate (default:
	// the host of Addr).
	ServerName string
	// Hostname is the HOSTNAME field (default: os.Hostname).
	Hostname     string
	DialTimeout  time.Duration // 10s
	WriteTimeout time.Duration // 30s
}

// SyslogSink writes RFC 5424 messages over TLS with RFC 5425 framing.
// RFC 5425 has no application acknowledgement: a batch counts as
// delivered once the TLS stream accepted it. Before each batch the
// connection is checked for a close by the receiver, so a SIEM restart
// between batches costs nothing; one that restarts while a batch is in
// its socket buffers can lose that batch (see README, SIEM stream).
type SyslogSink struct {
	cfg  SyslogConfig
	tls  *tls.Config
	pid  int
	mu   sync.Mutex
	conn *tls.Conn
}

// NewSyslog checks the settings and loads the CA file. It does not
// connect: a SIEM that is down must not stop triaged from starting.
func NewSyslog(cfg SyslogConfig) (*SyslogSink, error) {
	host, _, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("syslog address %q: %w", cfg.Addr, err)
	}
	tc := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: cfg.ServerName}
	if tc.ServerName == "" {
		tc.ServerName = host
	}
	if cfg.CAFile != "" {
		pem, err := os.ReadFile(cfg.CAFile)
		if err != nil {
			return nil, fmt.Errorf("syslog CA file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("syslog CA file %s holds no PEM certificate", cfg.CAFile)
		}
		tc.RootCAs = pool
	}
	if cfg.Hostname == "" {
		cfg.Hostname, _ = os.Hostname()
	}
	if cfg.DialTimeout <= 0 {
		cfg.DialTimeout = 10 * time.Second
	}
	if cfg.WriteTimeout <= 0 {
		cfg.WriteTimeout = 30 * time.Second
	}
	return &SyslogSink{cfg: cfg, tls: tc, pid: os.Getpid()}, nil
}

func (s *SyslogSink) Name() string { return "syslog:" + s.cfg.Addr }
func (s *SyslogSink) Kind() string { return "syslog" }

func (s *SyslogSink) Write(ctx context.Context, entries []Entry) error {
	var buf bytes.Buffer
	for _, e := range entries {
		msg, err := FormatRFC5424(e, s.cfg.Hostname, s.pid)
		if err != nil {
			return err
		}
		buf.Write(frame(msg))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn != nil && peerClosed(s.conn) {
		s.conn.Close()
		s.conn = nil
	}
	if s.conn == nil {
		d := tls.Dialer{NetDialer: &net.Dialer{Timeout: s.cfg.DialTimeout}, Config: s.tls}
		dctx, cancel := context.WithTimeout(ctx, s.cfg.DialTimeout)
		c, err := d.DialContext(dctx, "tcp", s.cfg.Addr)
		cancel()
		if err != nil {
			return fmt.Errorf("connect: %w", err)
		}
		s.conn = c.(*tls.Conn)
	}
	s.conn.SetWriteDeadline(time.Now().Add(s.cfg.WriteTimeout))
	if _, err := s.conn.Write(buf.Bytes()); err != nil {
		// A TLS stream that failed mid-write is unusable; the batch is
		// sent again on a new one.
		s.conn.Close()
		s.conn = nil
		return fmt.Errorf("send: %w", err)
	}
	return nil
}

// peerClosed reports whether the receiver closed the connection. RFC 5425
// receivers never send, so anything but a read timeout means the stream
// is over.
func peerClosed(c *tls.Conn) bool {
	c.SetReadDeadline(time.Now().Add(time.Millisecond))
	var one [1]byte
	_, err := c.Read(one[:])
	c.SetReadDeadline(time.Time{})
	var ne net.Error
	return !(errors.As(err, &ne) && ne.Timeout())
}

func (s *SyslogSink) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn == nil {
		return nil
	}
	err := s.conn.Close()
	s.conn = nil
	return err
}
