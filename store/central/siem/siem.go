// Package siem streams the central audit log to a security information
// and event management system: RFC 5424 syslog over TLS (RFC 5425) and
// JSON lines to a file a log shipper tails. Each sink has a durable
// cursor (the log position, gseq, of the last entry it acknowledged), so
// the stream is at-least-once and resumes after a restart. The streamer
// runs beside the server and only reads committed entries: a sink that is
// down delays its own stream and nothing else.
//
// Entries carry only what the audit log holds: ids, roles, action names,
// outcomes and details of rule names, counts and keyed hashes. No patient
// text exists in the log to send.
package siem

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/clinicwa/triage/store/api"
)

// Entry is one committed audit entry with its place in the log. The
// embedded AuditEntry is exactly what was hashed, so a SIEM can recompute
// the hash (store/audit.Hash) and check the chain link itself.
type Entry struct {
	api.AuditEntry
	// Gseq is the entry's position in the whole log (all chains, in the
	// order received): the Merkle leaf index `triaged audit verify` checks.
	Gseq int64 `json:"gseq"`
	// ReceivedAt is when the endpoint committed the entry.
	ReceivedAt time.Time `json:"received_at"`
}

// Sink delivers entries to one destination.
type Sink interface {
	// Name identifies the sink and its cursor: the kind and the target,
	// so pointing triaged at a new SIEM starts that SIEM from the
	// beginning of the log.
	Name() string
	// Kind is the metric label: "syslog" or "jsonl".
	Kind() string
	// Write delivers entries in order and returns nil only once the
	// destination has them (the TLS stream accepted them; the file is
	// flushed and synced). An error means some may not have arrived: the
	// streamer sends them again.
	Write(ctx context.Context, entries []Entry) error
	Close() error
}

// Reopener is a sink holding a file that rotation may move away.
type Reopener interface{ Reopen() }

// Source is the committed audit log and the cursors.
type Source interface {
	// After returns up to limit entries with gseq > after, in gseq order.
	After(ctx context.Context, after int64, limit int) ([]Entry, error)
	// Head is the highest committed gseq (0 for an empty log).
	Head(ctx context.Context) (int64, error)
	// Cursor is the sink's last acknowledged gseq (0 when none).
	Cursor(ctx context.Context, sink string) (int64, error)
	// SaveCursor records that the sink acknowledged every entry up to gseq.
	SaveCursor(ctx context.Context, sink string, gseq int64) error
}

// Options tune the streamer; zero fields take the defaults.
type Options struct {
	Poll       time.Duration // how often the log is read for new entries (250ms)
	Batch      int           // entries per write (500)
	BackoffMin time.Duration // first wait after a failure (500ms)
	BackoffMax time.Duration // longest wait between attempts (1m)
	Logger     *slog.Logger
}

// Streamer sends the log to its sinks, one goroutine per sink.
type Streamer struct {
	src     Source
	sinks   []Sink
	opt     Options
	cursors []atomic.Int64 // in-memory copy of each sink's durable cursor
	started []atomic.Bool  // the cursor was read from the store
}

// New makes a streamer over src for sinks.
func New(src Source, sinks []Sink, opt Options) *Streamer {
	if opt.Poll <= 0 {
		opt.Poll = 250 * time.Millisecond
	}
	if opt.Batch <= 0 {
		opt.Batch = 500
	}
	if opt.BackoffMin <= 0 {
		opt.BackoffMin = 500 * time.Millisecond
	}
	if opt.BackoffMax < opt.BackoffMin {
		opt.BackoffMax = max(time.Minute, opt.BackoffMin)
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	return &Streamer{src: src, sinks: sinks, opt: opt, cursors: make([]atomic.Int64, len(sinks)),
		started: make([]atomic.Bool, len(sinks))}
}

// Run streams until ctx ends, then closes the sinks. reopen, when not
// nil, asks file sinks to reopen their file (SIGHUP after rotation).
func (s *Streamer) Run(ctx context.Context, reopen <-chan struct{}) {
	var wg sync.WaitGroup
	for i := range s.sinks {
		wg.Add(1)
		go func() { defer wg.Done(); s.runSink(ctx, i) }()
	}
	if reopen != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-ctx.Done():
					return
				case <-reopen:
					for _, k := range s.sinks {
						if r, ok := k.(Reopener); ok {
							r.Reopen()
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	for _, k := range s.sinks {
		if err := k.Close(); err != nil {
			s.opt.Logger.Warn("siem sink close", "sink", k.Kind(), "err", err.Error())
		}
	}
}

func (s *Streamer) runSink(ctx context.Context, i int) {
	sink := s.sinks[i]
	log := s.opt.Logger.With("sink", sink.Kind())
	backoff := s.opt.BackoffMin
	fail := func(what string, err error) bool {
		if ctx.Err() != nil {
			return false
		}
		// Errors name the sink and the failing step only: an entry's
		// content never goes to the log.
		log.Warn("siem stream delayed", "step", what, "err", err.Error(), "retry_in", backoff.String())
		t := time.NewTimer(backoff)
		defer t.Stop()
		backoff = min(backoff*2, s.opt.BackoffMax)
		select {
		case <-ctx.Done():
			return false
		case <-t.C:
			return true
		}
	}
	for !s.started[i].Load() {
		c, err := s.src.Cursor(ctx, sink.Name())
		if err == nil {
			s.cursors[i].Store(c)
			s.started[i].Store(true)
			break
		}
		if !fail("read cursor", err) {
			return
		}
	}
	for ctx.Err() == nil {
		cur := s.cursors[i].Load()
		batch, err := s.src.After(ctx, cur, s.opt.Batch)
		if err != nil {
			if !fail("read log", err) {
				return
			}
			continue
		}
		if len(batch) == 0 {
			t := time.NewTimer(s.opt.Poll)
			select {
			case <-ctx.Done():
			case <-t.C:
			}
			t.Stop()
			continue
		}
		if err := sink.Write(ctx, batch); err != nil {
			if !fail("write", err) {
				return
			}
			continue
		}
		last := batch[len(batch)-1].Gseq
		// The cursor moves only after the sink acknowledged: a crash
		// between the two sends the batch again (at-least-once).
		if err := s.saveCursor(ctx, sink.Name(), last); err != nil {
			if !fail("save cursor", err) {
				return
			}
		}
		s.cursors[i].Store(last)
		backoff = s.opt.BackoffMin
	}
}

// saveCursor writes the cursor even as ctx ends, so a batch delivered
// just before a stop is not sent again needlessly.
func (s *Streamer) saveCursor(ctx context.Context, sink string, gseq int64) error {
	c, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	return s.src.SaveCursor(c, sink, gseq)
}

// Lag is, for each sink kind, how many committed entries it has not yet
// acknowledged. A sink whose cursor was not read yet reports the whole log.
func (s *Streamer) Lag(ctx context.Context) (map[string]int64, error) {
	if s == nil {
		return nil, nil
	}
	head, err := s.src.Head(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(s.sinks))
	for i, k := range s.sinks {
		var cur int64
		if s.started[i].Load() {
			cur = s.cursors[i].Load()
		}
		out[k.Kind()] += max(head-cur, 0)
	}
	return out, nil
}

// ErrClosed is returned by a sink used after Close.
var ErrClosed = errors.New("siem: sink closed")
