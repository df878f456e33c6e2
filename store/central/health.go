package central

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/clinicwa/triage/store/central/records"
)

// healthProbeEvery bounds how often /healthz writes to the store: a load
// balancer polling every second must not add a commit a second.
const healthProbeEvery = 2 * time.Second

// writeHealth remembers the last write probe's outcome.
type writeHealth struct {
	mu      sync.Mutex
	checked time.Time
	err     error
}

// handleHealthz answers 200 "ok" only while the store takes writes. A
// server that can read but not write (a full disk, a read-only mount, a
// lock held elsewhere) would accept a webhook it cannot keep and refuse
// every audited action, so it reports "not ready" (503) and a load
// balancer sends the clinic's traffic elsewhere until writes work again.
func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.probeWrites(r.Context()); err != nil {
		w.Header().Set("Retry-After", "5")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("not ready: the store cannot be written\n"))
		return
	}
	w.Write([]byte("ok\n"))
}

// probeWrites commits one small write (at most every healthProbeEvery)
// and returns its error.
func (s *Server) probeWrites(ctx context.Context) error {
	h := &s.health
	h.mu.Lock()
	defer h.mu.Unlock()
	now := s.now()
	if !h.checked.IsZero() && now.Sub(h.checked) < healthProbeEvery && now.After(h.checked) {
		return h.err
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	err := s.store.Write(ctx, func(q Querier) error { return records.Meta{}.SetHealthProbe(ctx, q, now) })
	if err != nil {
		s.log.Error("health probe: the store cannot be written", "err", err.Error())
	}
	h.checked, h.err = now, err
	return err
}
