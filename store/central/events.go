package central

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/clinicwa/triage/policy"
)

// handleEvents streams live events as server-sent events. Each event is
// "id: <seq>\ndata: <api.Event JSON>\n\n"; a comment line every heartbeat
// keeps proxies from closing the stream and lets the server notice a
// session that ended (logout, expiry) and close the stream with it.
// sessionCheckEvery is how often an open event stream re-checks its
// session.
const sessionCheckEvery = 2 * time.Second

func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	if !policy.Can(sess.User.Role, policy.ActionViewThreads) {
		writeError(w, http.StatusForbidden, policy.Why(sess.User.Role, policy.ActionViewThreads))
		return
	}
	fl, ok := w.(http.Flusher)
	if !ok {
		writeError(w, http.StatusInternalServerError, "streaming unsupported")
		return
	}
	sub, ok := s.hub.subscribe()
	if !ok {
		writeError(w, http.StatusServiceUnavailable, "the server is shutting down")
		return
	}
	defer s.hub.unsubscribe(sub)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Connection", "keep-alive")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, ": connected\n\n")
	fl.Flush()
	rc := http.NewResponseController(w)
	// The session is checked more often than the heartbeat is written, so
	// a revoked session (logout, `triage user revoke`, a disabled account)
	// loses its stream within seconds, even when the revocation was made
	// by another process on the data folder.
	tick := time.NewTicker(min(s.cfg.HeartbeatInterval, sessionCheckEvery))
	defer tick.Stop()
	lastBeat := time.Now()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, open := <-sub.ch:
			if !open {
				return // dropped as too slow, or shutting down: the console reconnects
			}
			b, err := json.Marshal(ev)
			if err != nil {
				return
			}
			rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
			if _, err := fmt.Fprintf(w, "id: %d\ndata: %s\n\n", ev.Seq, b); err != nil {
				return
			}
			fl.Flush()
		case <-tick.C:
			if _, err := s.lookupSession(r.Context(), bearer(r), false); err != nil {
				return
			}
			if time.Since(lastBeat) < s.cfg.HeartbeatInterval {
				continue
			}
			lastBeat = time.Now()
			rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
			if _, err := fmt.Fprint(w, ": heartbeat\n\n"); err != nil {
				return
			}
			fl.Flush()
		}
	}
}
