package central

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/auth"
	"github.com/clinicwa/triage/store/central/signin"
)

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	s.webhookRoutes().Register(mux)

	v := api.Version
	mux.HandleFunc("POST "+v+"/login", s.handleLogin)
	mux.Handle("POST "+v+"/logout", s.authed(s.handleLogout))
	// Threads open only to users who acknowledged the messaging policy
	// in force (acknowledgment.go).
	mux.Handle("GET "+v+"/threads", s.authed(s.acked(s.handleThreads)))
	mux.Handle("GET "+v+"/inbox", s.authed(s.acked(s.handleInboxPage)))
	mux.Handle("GET "+v+"/inbox/changes", s.authed(s.acked(s.handleInboxChanges)))
	mux.Handle("GET "+v+"/threads/{id}", s.authed(s.acked(s.handleThread)))
	mux.Handle("POST "+v+"/threads/{id}/send", s.authed(s.acked(s.handleSend)))
	mux.Handle("POST "+v+"/threads/{id}/handoff", s.authed(s.acked(s.handleHandoff)))
	// The triage workflow: queues, ownership, escalations (ownership.go,
	// queues.go, escalations.go).
	mux.Handle("GET "+v+"/queues", s.authed(s.acked(s.handleQueueCounts)))
	mux.Handle("POST "+v+"/inbox/next", s.authed(s.acked(s.handleNext)))
	mux.Handle("GET "+v+"/escalations", s.authed(s.acked(s.handleEscalations)))
	for _, act := range policy.ThreadActs() {
		mux.Handle("POST "+v+"/threads/{id}/"+string(act), s.authed(s.acked(s.handleThreadAct(act))))
	}
	mux.Handle("POST "+v+"/threads/{id}/consent", s.authed(s.acked(s.handleConsent)))
	mux.Handle("GET "+v+"/templates", s.authed(s.handleTemplates))
	mux.Handle("GET "+v+"/macros", s.authed(s.handleMacros))
	mux.Handle("POST "+v+"/threads/{id}/phi-preference", s.authed(s.acked(s.handlePHIPreference)))
	mux.Handle("POST "+v+"/threads/{id}/schedule", s.authed(s.acked(s.handleSchedule)))
	mux.Handle("DELETE "+v+"/scheduled/{id}", s.authed(s.acked(s.handleScheduleCancel)))
	mux.Handle("GET "+v+"/events", s.authed(s.handleEvents))
	mux.Handle("POST "+v+"/audit", s.authed(s.handleAuditBatch))
	mux.Handle("GET "+v+"/audit", s.authed(s.handleAuditView))
	mux.Handle("GET "+v+"/audit/review", s.authed(s.handleAuditReview))
	s.accessRoutes(mux)
	s.complianceRoutes(mux)
	s.incidentRoutes(mux)
	s.metricsRoutes(mux)
	mux.HandleFunc(v+"/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such API route")
	})

	mux.HandleFunc("GET /h/{token}", s.handleLink)
	mux.HandleFunc("GET /portal", s.handlePortal)
	mux.HandleFunc("GET /healthz", s.handleHealthz)
	return securityHeaders(s.ops.Instrument(mux))
}

// securityHeaders applies to every answer: nothing is cached (answers
// carry masked patient data and tokens), nothing is sniffed, and no
// Referer leaks a hand-off link's token to another site.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		if r.TLS != nil {
			// Once a browser (a patient opening a hand-off link) has seen
			// this endpoint over TLS, it never tries plain HTTP again.
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, api.Error{Error: msg})
}

// decodeJSON reads a bounded JSON body into v, answering 400/413 itself
// when it cannot.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any, limit int64) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, limit))
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeError(w, http.StatusRequestEntityTooLarge, "request body too large")
		} else {
			writeError(w, http.StatusBadRequest, "request body is not valid JSON for this route")
		}
		return false
	}
	return true
}

// session is the signed-in caller of an API request.
type session struct {
	TokenHash []byte
	ConsoleID string
	User      records.User
	ExpiresAt time.Time
}

type sessionKey struct{}

func sessionFrom(r *http.Request) *session {
	s, _ := r.Context().Value(sessionKey{}).(*session)
	return s
}

// errSession is every reason a bearer token is refused; the caller only
// ever hears the generic message.
var errSession = errors.New("session invalid")

// lookupSession validates a bearer token: not revoked, not expired, not
// idle past the timeout, and its user still enabled.
func (s *Server) lookupSession(ctx context.Context, token string, touch bool) (*session, error) {
	if token == "" || len(token) > 256 {
		return nil, errSession
	}
	h := auth.HashToken(token)
	sess, err := s.store.Sessions.ByTokenHash(ctx, s.db, h)
	if err != nil {
		return nil, errSession
	}
	now := s.now()
	if sess.Revoked || !now.Before(sess.ExpiresAt) || now.Sub(sess.LastSeenAt) > s.cfg.IdleTimeout {
		return nil, errSession
	}
	u, err := s.store.Users.Get(ctx, s.db, sess.UserID)
	if err != nil || u.Disabled {
		return nil, errSession
	}
	if touch {
		if err := s.store.Tx(ctx, func(q Querier) error { return s.store.Sessions.Touch(ctx, q, h, now) }); err != nil {
			return nil, err
		}
	}
	return &session{TokenHash: h, ConsoleID: sess.ConsoleID, User: u, ExpiresAt: sess.ExpiresAt}, nil
}

func bearer(r *http.Request) string {
	t, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return ""
	}
	return strings.TrimSpace(t)
}

// authed wraps an API handler with session checks. The event stream does
// not count as activity, so an idle console still times out.
func (s *Server) authed(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		touch := !strings.HasSuffix(r.URL.Path, "/events")
		sess, err := s.lookupSession(r.Context(), bearer(r), touch)
		if err != nil {
			if !errors.Is(err, errSession) {
				s.log.Error("session lookup failed", "err", err.Error())
				writeError(w, http.StatusServiceUnavailable, "the server could not check the session; try again")
				return
			}
			// Recorded, rate-limited and aggregated per source: a stream of
			// made-up tokens is one entry a minute, not one each.
			s.refusals.Refuse(r.Context(), s.clientAddr(r), signin.Record{UserID: "unauthenticated", Action: "session.check",
				Outcome: "refused", Detail: map[string]string{"reason": "invalid_token"}}, false)
			w.Header().Set("WWW-Authenticate", `Bearer realm="triaged"`)
			writeError(w, http.StatusUnauthorized, "Your session has ended. Please sign in again.")
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), sessionKey{}, sess)))
	})
}
