package central

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// handleInboxPage serves one inbox page:
// ?after=<cursor>&limit=<n>&queue=&owner=&mark=&lang=&waiting_over=&q=.
// Without a queue it is every thread the caller may see, urgent first,
// newest activity next; the queues worked oldest first (unanswered,
// nurse, escalated) sort on their own clock (records/sql_queues.go).
func (s *Server) handleInboxPage(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	role := sess.User.Role
	if !policy.Can(role, policy.ActionViewThreads) {
		writeError(w, http.StatusForbidden, policy.Why(role, policy.ActionViewThreads))
		return
	}
	v := r.URL.Query()
	limit := defaultPage
	if l := v.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > api.MaxThreadPage {
			writeError(w, http.StatusBadRequest, "limit must be a whole number from 1 to "+strconv.Itoa(api.MaxThreadPage))
			return
		}
		limit = n
	}
	f, why := parseInboxFilter(v.Get)
	if why != "" {
		writeError(w, http.StatusBadRequest, why)
		return
	}
	page, err := s.queuePage(r.Context(), sess, f, v.Get("after"), limit)
	if why, bad := records.IsBadFilter(err); bad {
		writeError(w, http.StatusBadRequest, why)
		return
	}
	if err != nil {
		s.log.Error("inbox page failed", "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the inbox could not be loaded; try again")
		return
	}
	writeJSON(w, http.StatusOK, page)
}

// maxSearchLen bounds a search string.
const maxSearchLen = 200

// parseInboxFilter reads the page's filters from the query string; why
// is the refusal when one is malformed.
func parseInboxFilter(get func(string) string) (api.InboxFilter, string) {
	f := api.InboxFilter{
		Queue: api.Queue(strings.TrimSpace(get("queue"))), Owner: strings.TrimSpace(get("owner")),
		Mark: strings.TrimSpace(get("mark")), Lang: strings.TrimSpace(get("lang")), Search: strings.TrimSpace(get("q")),
	}
	if w := strings.TrimSpace(get("waiting_over")); w != "" {
		d, err := time.ParseDuration(w)
		if err != nil || d < 0 {
			return f, "waiting_over must be a duration such as 30m or 2h"
		}
		f.WaitingOver = d
	}
	if len(f.Search) > maxSearchLen {
		return f, "q (search) is at most " + strconv.Itoa(maxSearchLen) + " characters"
	}
	return f, ""
}

// queuePage reads a page for the caller and fills each row's SLA clock.
func (s *Server) queuePage(ctx context.Context, sess *session, f api.InboxFilter, after string, limit int) (api.ThreadPage, error) {
	now := s.now()
	page, err := s.store.Threads.QueuePage(ctx, s.db, records.InboxQuery{
		UserID: sess.User.ID, IncludeClinical: policy.Can(sess.User.Role, policy.ActionViewClinicalThreads),
		Filter: f, After: after, Limit: limit, Window: s.window(), Now: now,
	})
	if err != nil {
		return page, err
	}
	for i := range page.Threads {
		s.fillSLA(&page.Threads[i], now)
	}
	return page, nil
}

// fillSLA sets a nurses'-queue row's business time left at now.
func (s *Server) fillSLA(ts *api.ThreadSummary, now time.Time) {
	if ts.Handoff == nil || ts.Handoff.DueAt.IsZero() {
		return
	}
	left, overdue := s.cfg.BusinessHours.SLALeft(now, ts.Handoff.DueAt)
	ts.Handoff.LeftSeconds, ts.Handoff.Overdue = int64(left/time.Second), overdue
}

// handleQueueCounts serves GET /queues: the caller's count per queue.
func (s *Server) handleQueueCounts(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	role := sess.User.Role
	if !policy.Can(role, policy.ActionViewThreads) {
		writeError(w, http.StatusForbidden, policy.Why(role, policy.ActionViewThreads))
		return
	}
	counts, err := s.store.Threads.QueueCounts(r.Context(), s.db, sess.User.ID, policy.Can(role, policy.ActionViewClinicalThreads))
	if err != nil {
		s.log.Error("queue counts failed", "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the queues could not be counted; try again")
		return
	}
	writeJSON(w, http.StatusOK, counts)
}

// defaultNextQueue is the queue a role's "next" draws from first: front
// desk answers the unanswered, nurses take hand-offs, supervisors settle
// escalations. When it is empty, nurses and supervisors help with the
// unanswered.
func defaultNextQueue(r policy.Role) []api.Queue {
	switch r {
	case policy.RoleNurse:
		return []api.Queue{api.QueueNurse, api.QueueUnanswered}
	case policy.RoleSupervisor:
		return []api.Queue{api.QueueEscalated, api.QueueNurse, api.QueueUnanswered}
	}
	return []api.Queue{api.QueueUnanswered}
}

// nextAttempts bounds how often "next" with claim tries again after a
// colleague claimed the thread it picked.
const nextAttempts = 5

// handleNext serves POST /inbox/next: the oldest thread waiting in the
// queue that nobody owns, claimed for the caller when asked.
func (s *Server) handleNext(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	role := sess.User.Role
	if !policy.Can(role, policy.ActionViewThreads) {
		writeError(w, http.StatusForbidden, policy.Why(role, policy.ActionViewThreads))
		return
	}
	var req api.NextRequest
	if r.ContentLength != 0 && !decodeJSON(w, r, &req, 4<<10) {
		return
	}
	queues := defaultNextQueue(role)
	if req.Queue != "" {
		if _, ok := records.QueueKey[req.Queue]; !ok {
			writeError(w, http.StatusBadRequest, "next draws from unanswered, nurse or escalated")
			return
		}
		queues = []api.Queue{req.Queue}
	}
	ctx := r.Context()
	for attempt := 0; attempt < nextAttempts; attempt++ {
		var pick *api.ThreadSummary
		for _, q := range queues {
			if q == api.QueueNurse && !policy.Can(role, policy.ActionViewClinicalThreads) {
				continue
			}
			page, err := s.queuePage(ctx, sess, api.InboxFilter{Queue: q}, "", api.MaxThreadPage)
			if err != nil {
				s.log.Error("next failed", "err", err.Error())
				writeError(w, http.StatusServiceUnavailable, "the inbox could not be loaded; try again")
				return
			}
			for i := range page.Threads {
				ts := page.Threads[i]
				// Owned threads are someone's work already (the
				// caller's own are in Mine).
				if ts.OwnerID != "" {
					continue
				}
				if req.Claim && !policy.DecideThreadAct(role, policy.ActClaim, factsOf(ts, sess.User.ID)).Allowed {
					continue
				}
				pick = &ts
				break
			}
			if pick != nil {
				break
			}
		}
		if pick == nil {
			writeJSON(w, http.StatusOK, api.NextResult{})
			return
		}
		if !req.Claim {
			writeJSON(w, http.StatusOK, api.NextResult{Thread: pick})
			return
		}
		res, status, why := s.threadAct(ctx, sess, pick.ID, policy.ActClaim, api.ThreadActRequest{})
		if status == http.StatusOK {
			writeJSON(w, http.StatusOK, api.NextResult{Thread: &res.Thread, Claimed: true})
			return
		}
		if status != http.StatusConflict {
			writeError(w, status, why)
			return
		}
		// A colleague claimed it first: pick again.
	}
	writeError(w, http.StatusConflict, "colleagues claimed every thread offered; try again")
}

// factsOf reads a row's workflow facts for a policy decision.
func factsOf(ts api.ThreadSummary, actorID string) policy.ThreadFacts {
	return policy.ThreadFacts{State: string(ts.State), Escalated: ts.Escalation != nil,
		ByClock: ts.Escalation != nil && ts.Escalation.Kind == api.EscalationSLA, OwnerID: ts.OwnerID, ActorID: actorID}
}
