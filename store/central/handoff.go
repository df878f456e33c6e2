package central

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// handoffAckMacro is the warm acknowledgment with a portal link a patient
// gets when their thread goes to the nurses, by the thread's language.
var handoffAckMacro = map[string]string{"en": "clinical-handoff", "es": "clinical-handoff-es"}

// handleHandoff moves a thread to the nurses' queue with a short note.
//
// The note is what the front desk saw, so it may carry PHI: it is sealed
// as typed and, for display, masked by the PHI detector (nurses reveal
// it like message text); its PHI types are audited. The patient gets the
// acknowledgment through the ordinary send path, so consent, quiet hours,
// the 24-hour window and the caps decide it like any reply; a refusal is
// recorded in the answer and the audit entry, and the hand-off stands.
// The SLA clock starts from the hand-off in business hours.
func (s *Server) handleHandoff(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	role := sess.User.Role
	var req api.HandoffRequest
	if !decodeJSON(w, r, &req, 16<<10) {
		return
	}
	req.Note = strings.TrimSpace(req.Note)
	th, ok := s.loadVisibleThread(w, r, sess)
	if !ok {
		return
	}
	ctx := r.Context()
	if !policy.Can(role, policy.ActionHandoffToNurse) {
		s.auditOnly(ctx, auditRecord{UserID: sess.User.ID, Role: api.Role(role), Action: "thread.handoff",
			Object: "thread:" + th.ID, Outcome: "refused", Detail: map[string]string{"rule": policy.RuleRole}})
		writeError(w, http.StatusForbidden, policy.Why(role, policy.ActionHandoffToNurse))
		return
	}
	if why := checkShortNote(req.Note, policy.MaxHandoffNote, false); why != "" {
		writeError(w, http.StatusBadRequest, why)
		return
	}
	if th.State == api.ThreadClosed {
		writeError(w, http.StatusConflict, "This thread is closed; reopen it before handing it off.")
		return
	}
	ack, err := s.handoffAck(ctx, sess, th)
	if err != nil {
		s.log.Error("handoff acknowledgment failed", "thread", th.ID, "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the hand-off could not be recorded; try again")
		return
	}
	det := policy.Detect(req.Note)
	detailMap := map[string]string{"from_state": string(th.State), "ack": "sent"}
	if !ack.Sent {
		detailMap["ack"], detailMap["ack_rule"] = "refused", ack.Rule
	}
	if types := det.SpanTypes(); len(types) > 0 {
		detailMap["span_types"] = joinComma(types)
	}
	now := s.now()
	due := s.cfg.BusinessHours.Due(now, s.cfg.HandoffSLA)
	err = s.store.Tx(ctx, func(q Querier) error {
		if err := s.store.Threads.Handoff(ctx, q, th.ID, req.Note, det.Masked, sess.User.ID, now); err != nil {
			return err
		}
		// A new hand-off starts a fresh SLA in the nurses' queue: unowned,
		// not escalated.
		if err := (records.ThreadWorkflow{}).StartHandoffClock(ctx, q, th.ID, due); err != nil {
			return err
		}
		detailMap["due"] = due.UTC().Format("2006-01-02T15:04Z07:00")
		return s.auditServer(ctx, q, auditRecord{UserID: sess.User.ID, Role: api.Role(role), Action: "thread.handoff",
			Object: "thread:" + th.ID, Outcome: "ok", Detail: detailMap})
	})
	if err != nil {
		s.log.Error("handoff failed", "thread", th.ID, "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the hand-off could not be recorded; try again")
		return
	}
	s.log.Info("thread handed off", "thread", th.ID, "user", sess.User.ID, "ack", detailMap["ack"])
	// The thread is clinical now: its events go only to roles that may
	// open it.
	s.hub.MarkClinical(th.ID)
	s.hub.Publish(api.Event{Type: api.EventThreadUpdated, ThreadID: th.ID})
	res := s.actResult(ctx, sess, th.ID)
	writeJSON(w, http.StatusOK, api.HandoffResult{ThreadSummary: res.Thread, Visible: res.Visible, Ack: ack})
}

// handoffAck queues the acknowledgment with a portal link through the
// ordinary send path, as the user handing off (the thread is still in
// their view). Its idempotency key is tied to the patient's last
// message, so a retried hand-off does not acknowledge twice; its prefix
// (records.HandoffAckKey) tells the inbox it is not an answer: the patient still
// waits for the nurse (migration queues, thread_waiting_reply).
func (s *Server) handoffAck(ctx context.Context, sess *session, th records.Thread) (api.HandoffAck, error) {
	lang := "en"
	if stored, err := (records.ThreadLang{}).Get(ctx, s.db, th.ID); err == nil && stored != "" {
		lang = stored
	}
	macro, ok := s.macroByID(handoffAckMacro[lang])
	if !ok {
		if macro, ok = s.macroByID(handoffAckMacro["en"]); !ok {
			return api.HandoffAck{Rule: "no_macro", Reason: "The clinic has no clinical-handoff quick reply, so no acknowledgment was sent."}, nil
		}
	}
	key := records.HandoffAckKey + th.ID + ":" + strconv.FormatInt(th.LastInboundAt.UnixNano(), 10)
	out, err := s.send(ctx, sess, th.ID, api.SendRequest{MacroID: macro.ID, IdempotencyKey: key}, macro)
	if err != nil {
		return api.HandoffAck{}, err
	}
	switch {
	case out.refusal != nil:
		return api.HandoffAck{Rule: out.refusal.Rule, Reason: out.refusal.Reason}, nil
	case out.notFound:
		return api.HandoffAck{Rule: "not_found"}, nil
	}
	if !out.replayed {
		s.hub.Publish(api.Event{Type: api.EventMessageNew, ThreadID: th.ID, MessageID: out.msg.ID, Status: string(out.msg.Status)})
		s.worker.Kick()
	}
	return api.HandoffAck{Sent: true, MessageID: out.msg.ID}, nil
}
