package central

import (
	"context"
	"errors"
	"net/http"
	"unicode/utf8"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// handleThreadAct serves POST /threads/{id}/{act}.
func (s *Server) handleThreadAct(act policy.ThreadAct) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sess := sessionFrom(r)
		var req api.ThreadActRequest
		if r.ContentLength != 0 && !decodeJSON(w, r, &req, 16<<10) {
			return
		}
		res, status, why := s.threadAct(r.Context(), sess, r.PathValue("id"), act, req)
		if status != http.StatusOK {
			writeError(w, status, why)
			return
		}
		writeJSON(w, http.StatusOK, res)
	}
}

// threadAct decides and applies one workflow step, audited in the same
// transaction; status is the HTTP answer and why the refusal's sentence.
func (s *Server) threadAct(ctx context.Context, sess *session, threadID string, act policy.ThreadAct, req api.ThreadActRequest) (api.ThreadActResult, int, string) {
	role := sess.User.Role
	detail := map[string]string{}
	var value, masked any
	switch act {
	case policy.ActClose:
		o, err := policy.ParseOutcome(req.Outcome)
		if err != nil {
			return api.ThreadActResult{}, http.StatusBadRequest, err.Error()
		}
		value, detail["outcome"] = string(o), string(o)
	case policy.ActEscalate:
		if why := checkShortNote(req.Reason, policy.MaxEscalationReason, true); why != "" {
			return api.ThreadActResult{}, http.StatusBadRequest, "reason: " + why
		}
	}
	var (
		target  records.User
		refused *policy.ThreadDecision
		lost    bool
		facts   policy.ThreadFacts
	)
	if act == policy.ActAssign {
		if req.User == "" {
			return api.ThreadActResult{}, http.StatusBadRequest, "name the user to assign the thread to"
		}
		u, err := s.store.Users.ByUsername(ctx, s.db, req.User)
		if errors.Is(err, ErrNotFound) {
			return api.ThreadActResult{}, http.StatusBadRequest, "no user is called that"
		} else if err != nil {
			return api.ThreadActResult{}, http.StatusServiceUnavailable, "the thread could not be updated; try again"
		}
		target, value = u, u.ID
		detail["to"] = u.ID
	}
	found := true
	err := s.store.Tx(ctx, func(q Querier) error {
		refused, lost = nil, false
		var err error
		if facts, found, err = (records.ThreadWorkflow{}).Facts(ctx, q, threadID); err != nil || !found {
			return err
		}
		facts.ActorID, facts.TargetRole = sess.User.ID, target.Role
		detail["rule"], detail["from_state"] = "", facts.State
		delete(detail, "owner") // a run again after a deadlock reads the thread afresh
		if facts.OwnerID != "" {
			detail["owner"] = facts.OwnerID
		}
		d := policy.DecideThreadAct(role, act, facts)
		detail["rule"] = d.Rule
		if !d.Allowed {
			refused = &d
			return s.auditServer(ctx, q, auditRecord{UserID: sess.User.ID, Role: api.Role(role), Action: "thread." + string(act),
				Object: "thread:" + threadID, Outcome: "refused", Detail: detail})
		}
		if act == policy.ActClaim && facts.OwnerID == sess.User.ID {
			return nil // already theirs: nothing to change or audit
		}
		if act == policy.ActEscalate {
			det := policy.Detect(req.Reason)
			if types := det.SpanTypes(); len(types) > 0 {
				detail["span_types"] = joinComma(types)
			}
			if value, err = s.keys.SealString("threads", "escalation_reason", threadID, req.Reason); err != nil {
				return err
			}
			if masked, err = s.keys.SealString("threads", "escalation_masked", threadID, det.Masked); err != nil {
				return err
			}
		}
		changed, err := records.ThreadWorkflow{}.Act(ctx, q, threadID, act, facts, sess.User.ID, s.now(), value, masked)
		if err != nil {
			return err
		}
		if !changed {
			lost = true
			return s.auditServer(ctx, q, auditRecord{UserID: sess.User.ID, Role: api.Role(role), Action: "thread." + string(act),
				Object: "thread:" + threadID, Outcome: "refused", Detail: map[string]string{"rule": "changed"}})
		}
		return s.auditServer(ctx, q, auditRecord{UserID: sess.User.ID, Role: api.Role(role), Action: "thread." + string(act),
			Object: "thread:" + threadID, Outcome: "ok", Detail: detail})
	})
	switch {
	case err != nil:
		s.log.Error("thread step failed", "thread", threadID, "step", string(act), "err", err.Error())
		return api.ThreadActResult{}, http.StatusServiceUnavailable, "the thread could not be updated; try again"
	case !found:
		return api.ThreadActResult{}, http.StatusNotFound, "no such thread"
	case refused != nil && refused.Conflict:
		return api.ThreadActResult{}, http.StatusConflict, refused.Why
	case refused != nil:
		return api.ThreadActResult{}, http.StatusForbidden, refused.Why
	case lost && act == policy.ActClaim:
		return api.ThreadActResult{}, http.StatusConflict, "A colleague claimed this thread first."
	case lost:
		return api.ThreadActResult{}, http.StatusConflict, "The thread changed while you acted; look again and retry."
	}
	s.log.Info("thread step", "thread", threadID, "step", string(act), "user", sess.User.ID)
	if act == policy.ActReturn {
		s.hub.UnmarkClinical(threadID)
	}
	s.hub.Publish(api.Event{Type: api.EventThreadUpdated, ThreadID: threadID})
	return s.actResult(ctx, sess, threadID), http.StatusOK, ""
}

// actResult is the thread's row after a step, as the caller may see it.
// A row the caller may no longer open (a front-desk hand-off) carries
// only what identifies it, and Visible false: the console drops it.
func (s *Server) actResult(ctx context.Context, sess *session, threadID string) api.ThreadActResult {
	ts, err := s.store.Threads.Summary(ctx, s.db, threadID, sess.User.ID, s.window())
	if err != nil {
		return api.ThreadActResult{Thread: api.ThreadSummary{ID: threadID}}
	}
	s.fillSLA(&ts, s.now())
	visible, _ := visibility(sess.User.Role, records.Thread{State: ts.State})
	if !visible {
		ts = api.ThreadSummary{ID: ts.ID, PatientLabel: ts.PatientLabel, State: ts.State, Queue: ts.Queue, Seq: ts.Seq, Gone: true}
	}
	return api.ThreadActResult{Thread: ts, Visible: visible}
}

// checkShortNote checks a hand-off note or escalation reason: plain
// text of a bounded length; required when need is set.
func checkShortNote(s string, max int, need bool) string {
	switch {
	case need && len(s) == 0:
		return "write a short note saying why"
	case !utf8.ValidString(s):
		return "the note is not valid text"
	case utf8.RuneCountInString(s) > max:
		return "keep the note short (at most 500 characters); the details belong in the thread"
	}
	return ""
}
