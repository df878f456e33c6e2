package central

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/central/events"
)

// handleEvents streams live events as server-sent events (events.Hub):
// the server decides who may open a stream, whether the user's role may
// see the nurses' queue, and whether the session still holds. Open
// streams are capped per sign-in and per user (429 beyond); a comment
// line every heartbeat keeps proxies from closing the stream, and a
// session that ended (logout, expiry) closes it.
func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	if !policy.Can(sess.User.Role, policy.ActionViewThreads) {
		writeError(w, http.StatusForbidden, policy.Why(sess.User.Role, policy.ActionViewThreads))
		return
	}
	if _, ok := w.(http.Flusher); !ok {
		writeError(w, http.StatusInternalServerError, "streaming unsupported")
		return
	}
	// A stream carries only threads the user may open: clinical threads
	// only to roles that may view them (the same rule as GET /threads).
	seeClinical := policy.Can(sess.User.Role, policy.ActionViewClinicalThreads)
	sub, err := s.hub.Subscribe(string(sess.TokenHash), sess.User.ID, seeClinical, s.cfg.MaxStreamsPerSession, s.cfg.MaxStreamsPerUser)
	var limit *events.LimitError
	switch {
	case errors.As(err, &limit):
		s.log.Warn("event stream refused: too many open", "user", sess.User.ID, "per_session", limit.PerSession)
		writeError(w, http.StatusTooManyRequests, limit.Error())
		return
	case err != nil:
		writeError(w, http.StatusServiceUnavailable, "the server is shutting down")
		return
	}
	defer s.hub.Unsubscribe(sub)
	s.hub.Stream(w, r, sub, events.StreamOptions{
		Heartbeat: s.cfg.HeartbeatInterval,
		SignedIn: func(ctx context.Context) bool {
			_, err := s.lookupSession(ctx, bearer(r), false)
			return err == nil
		},
		Log: s.log,
	})
}

// clinicalThreadsSince lists the threads handed to the nurses' queue at
// or after since (unix ns), for the hub's choice of who may see their
// events, and the time to ask from next. The window overlaps by a second
// so a hand-off committed while the query ran is not missed.
func (s *Server) clinicalThreadsSince(ctx context.Context, since int64) ([]string, int64, error) {
	next := s.now().Add(-time.Second).UnixNano()
	ids, err := records.ThreadStates{}.ClinicalSince(ctx, s.db, since)
	if err != nil {
		return nil, since, err
	}
	return ids, next, nil
}
