package central

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/clinicwa/triage/policy"
)

// sessionCheckEvery is how often an open event stream re-checks its
// session.
const sessionCheckEvery = 2 * time.Second

// handleEvents streams live events as server-sent events. Each event is
// "id: <seq>\ndata: <api.Event JSON>\n\n"; a comment line every heartbeat
// keeps proxies from closing the stream and lets the server notice a
// session that ended (logout, expiry) and close the stream with it. Open
// streams are capped per sign-in and per user (429 beyond), carry only
// threads the user may open, and end with a resync frame when they fall
// behind (hub.go).
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
	// A stream carries only threads the user may open: clinical threads
	// only to roles that may view them (the same rule as GET /threads).
	seeClinical := policy.Can(sess.User.Role, policy.ActionViewClinicalThreads)
	sub, err := s.hub.subscribe(string(sess.TokenHash), sess.User.ID, seeClinical, s.cfg.MaxStreamsPerSession, s.cfg.MaxStreamsPerUser)
	var limit *streamLimitError
	switch {
	case errors.As(err, &limit):
		s.log.Warn("event stream refused: too many open", "user", sess.User.ID, "per_session", limit.perSession)
		writeError(w, http.StatusTooManyRequests, limit.Error())
		return
	case err != nil:
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
	write := func(b []byte) bool {
		rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
		if _, err := w.Write(b); err != nil {
			return false
		}
		fl.Flush()
		return true
	}
	// The session is checked more often than the heartbeat is written, so
	// a revoked session (logout, `triage user revoke`, a disabled account)
	// loses its stream within seconds, even when the revocation was made
	// by another process on the data folder.
	tick := time.NewTicker(min(s.cfg.HeartbeatInterval, sessionCheckEvery))
	defer tick.Stop()
	flush := time.NewTicker(streamFlushEvery)
	defer flush.Stop()
	lastBeat := time.Now()
	var buf []byte
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.hub.quit:
			return // shutting down: the console reconnects
		case <-flush.C:
			var resync bool
			buf, resync = s.hub.read(sub, buf[:0])
			if resync {
				// Fell behind (or events were lost): say so and end the
				// stream; the console fetches its inbox and reconnects.
				s.log.Info("event stream dropped: fell behind", "user", sess.User.ID)
				write(resyncFrame)
				return
			}
			if len(buf) > 0 && !write(buf) {
				return
			}
		case <-tick.C:
			if _, err := s.lookupSession(r.Context(), bearer(r), false); err != nil {
				return
			}
			if time.Since(lastBeat) < s.cfg.HeartbeatInterval {
				continue
			}
			lastBeat = time.Now()
			if !write([]byte(": heartbeat\n\n")) {
				return
			}
		}
	}
}

// clinicalThreadsSince lists the threads handed to the nurses' queue at
// or after since (unix ns), for the hub's choice of who may see their
// events, and the time to ask from next. The window overlaps by a second
// so a hand-off committed while the query ran is not missed.
func (s *Server) clinicalThreadsSince(ctx context.Context, since int64) ([]string, int64, error) {
	next := s.now().Add(-time.Second).UnixNano()
	ids, err := sqlThreadStates{}.clinicalSince(ctx, s.db, since)
	if err != nil {
		return nil, since, err
	}
	return ids, next, nil
}
