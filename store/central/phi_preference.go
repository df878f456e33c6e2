package central

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/delivery"
)

// phiConfirmWithin is how long the patient has to confirm after the
// advisory before a reply no longer counts as their confirmation.
const phiConfirmWithin = 7 * 24 * time.Hour

// handlePHIPreference records that the patient asked for health details
// over WhatsApp and sends them the standard advisory, which asks for an
// explicit confirmation in words that name the risk. The PHI rule does
// not change: the details still go through the portal link, which the
// patient receives with the acknowledgement of their confirmation.
func (s *Server) handlePHIPreference(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	if why := policy.Why(sess.User.Role, policy.ActionSendMacro); why != "" {
		writeError(w, http.StatusForbidden, why)
		return
	}
	th, ok := s.loadVisibleThread(w, r, sess)
	if !ok {
		return
	}
	ctx := r.Context()
	var refusal string
	err := s.store.Tx(ctx, func(q Querier) error {
		refusal = ""
		now := s.now()
		p, err := s.store.Patients.Get(ctx, q, th.PatientID)
		if err != nil {
			return err
		}
		switch {
		case !p.OptedIn:
			refusal = "The patient has not opted in to WhatsApp messages, so the advisory cannot be sent."
		case th.LastInboundAt.IsZero() || now.Sub(th.LastInboundAt) > s.window():
			refusal = "The 24-hour window is closed: the advisory can be sent once the patient writes again."
		}
		if refusal != "" {
			return nil
		}
		text, _ := assets.CurrentConsentText(assets.PHIAdvisory, s.patientLang(ctx, q, th))
		msgID := records.NewID("msg")
		id := records.NewID("phi")
		if err := (records.PHIPreferences{}).Request(ctx, q, id, p.ID, th.ID, sess.User.ID, msgID, text.Version, now); err != nil {
			return err
		}
		if err := s.enqueueSystemText(ctx, q, th.ID, msgID, "consent:"+assets.PHIAdvisory, text.Body, now); err != nil {
			return err
		}
		return s.auditServer(ctx, q, auditRecord{UserID: sess.User.ID, Role: api.Role(sess.User.Role), Action: "phi_preference.request",
			Object: "thread:" + th.ID, Outcome: "ok", Detail: map[string]string{"preference": id, "advisory": msgID, "text_version": text.Version}})
	})
	switch {
	case err != nil:
		s.log.Error("phi preference not recorded", "thread", th.ID, "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the request could not be recorded; nothing was sent; try again")
	case refusal != "":
		writeJSON(w, http.StatusUnprocessableEntity, api.Refusal{Rule: "phi_preference", Reason: refusal})
	default:
		w.WriteHeader(http.StatusNoContent)
		s.hub.Publish(api.Event{Type: api.EventThreadUpdated, ThreadID: th.ID})
		s.worker.Kick()
	}
}

// phiAcceptance records the patient's explicit confirmation after the
// advisory, and answers with the portal link. handled is true when m was
// that confirmation.
func (s *Server) phiAcceptance(ctx context.Context, q Querier, th records.Thread, m *records.Message, now time.Time, stats *ingestStats) (bool, error) {
	if !policy.ParseRiskAcceptance(m.Body) {
		return false, nil
	}
	id, ok, err := records.PHIPreferences{}.Confirm(ctx, q, th.ID, m.ID, now.Add(-phiConfirmWithin), now)
	if err != nil || !ok {
		return false, err
	}
	text, _ := assets.CurrentConsentText(assets.PHIConfirmed, s.patientLang(ctx, q, th))
	msgID := records.NewID("msg")
	link, err := s.handoffLink(th.ID, msgID, now)
	if err != nil {
		return false, err
	}
	msg := records.Message{ID: msgID, ThreadID: th.ID, Type: "text", Body: strings.ReplaceAll(text.Body, assets.PortalLinkPlaceholder, link),
		Masked: strings.ReplaceAll(text.Body, assets.PortalLinkPlaceholder, portalLinkMasked), Spans: []api.Span{},
		Status: "queued", SentBy: records.SystemSender, MacroID: "consent:" + assets.PHIConfirmed, At: now}
	if err := s.store.Messages.InsertOutbound(ctx, q, &msg); err != nil {
		return false, err
	}
	if err := s.store.Outbox.Enqueue(ctx, q, delivery.Job{MessageID: msg.ID, ThreadID: th.ID, IdempotencyKey: msg.ID, NextAt: now, CreatedAt: now}); err != nil {
		return false, err
	}
	stats.consent++
	return true, s.auditServer(ctx, q, auditRecord{UserID: "system", Action: "phi_preference.confirm", Object: "thread:" + th.ID, Outcome: "ok",
		Detail: map[string]string{"preference": id, "message": m.ID, "portal_link_message": msg.ID}})
}

// phiPreferenceNote is the thread header's note that a documented
// preference exists, or "".
func (s *Server) phiPreferenceNote(ctx context.Context, q Querier, threadID string) (string, error) {
	state, confirmedAt, requestedAt, found, err := records.PHIPreferences{}.Latest(ctx, q, threadID)
	if err != nil || !found {
		return "", err
	}
	if state == "confirmed" {
		return "Documented preference: the patient asked for health details by WhatsApp and confirmed the advisory on " +
			confirmedAt.UTC().Format("Jan 2 15:04 MST") + ". Details still go through the portal link.", nil
	}
	return "The patient asked for health details by WhatsApp; the advisory went " + requestedAt.UTC().Format("Jan 2 15:04 MST") +
		" and awaits their reply ACCEPT RISK.", nil
}
