package siem

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
)

// JSONLSink appends one JSON object per entry to a file that a log
// shipper tails. It is safe under rotation: it reopens the path on
// Reopen (SIGHUP) and on its own when the file was moved or deleted, and
// O_APPEND keeps it correct under copy-and-truncate rotation.
type JSONLSink struct {
	path   string
	mu     sync.Mutex
	f      *os.File
	reopen atomic.Bool
}

// NewJSONL opens (creating, mode 0600) the file at path.
func NewJSONL(path string) (*JSONLSink, error) {
	s := &JSONLSink{path: path}
	if err := s.open(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *JSONLSink) open() error {
	f, err := os.OpenFile(s.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("siem jsonl file: %w", err)
	}
	s.f = f
	return nil
}

func (s *JSONLSink) Name() string { return "jsonl:" + s.path }
func (s *JSONLSink) Kind() string { return "jsonl" }

// Reopen makes the next write reopen the path.
func (s *JSONLSink) Reopen() { s.reopen.Store(true) }

// moved reports whether the path no longer names the open file.
func (s *JSONLSink) moved() bool {
	have, err := s.f.Stat()
	if err != nil {
		return true
	}
	now, err := os.Stat(s.path)
	return err != nil || !os.SameFile(have, now)
}

func (s *JSONLSink) Write(_ context.Context, entries []Entry) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil || s.reopen.Swap(false) || s.moved() {
		if s.f != nil {
			s.f.Close()
			s.f = nil
		}
		if err := s.open(); err != nil {
			return err
		}
	}
	w := bufio.NewWriterSize(s.f, 64<<10)
	enc := json.NewEncoder(w)
	for _, e := range entries {
		if err := enc.Encode(e); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	// Synced before the cursor moves: a crash after it loses no entry.
	return s.f.Sync()
}

func (s *JSONLSink) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	s.f = nil
	return err
}
