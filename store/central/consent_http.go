package central

import (
	"context"
	"database/sql"
	"errors"
	"net/http"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// handleConsent records a consent decision taken by staff: a verbal or
// paper-form opt-in (or opt-out) the patient gave in person, and the
// confirmation or dismissal of a flagged plain-language request to stop.
// Each is recorded under the named user and audited; a change sends the
// patient the standard confirmation while the 24-hour window is open.
func (s *Server) handleConsent(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	var req api.ConsentRequest
	if !decodeJSON(w, r, &req, 8<<10) {
		return
	}
	// Whoever answers patients may record what a patient told them.
	if why := policy.Why(sess.User.Role, policy.ActionSendMacro); why != "" {
		writeError(w, http.StatusForbidden, why)
		return
	}
	th, ok := s.loadVisibleThread(w, r, sess)
	if !ok {
		return
	}
	switch req.Action {
	case api.ConsentActionOptIn, api.ConsentActionRecordedOptOut:
		if req.Channel != api.ConsentByFrontDeskVerbal && req.Channel != api.ConsentByFrontDeskPaper {
			writeError(w, http.StatusBadRequest, "channel must be front_desk_verbal or front_desk_paper")
			return
		}
		if req.Action == api.ConsentActionOptIn {
			t, ok := assets.ConsentTextByVersion(req.TextVersion)
			if !ok || t.Kind != assets.ConsentExplanation {
				writeError(w, http.StatusBadRequest, "text_version must name the consent explanation the patient was read or signed (for example "+currentExplanationVersion()+")")
				return
			}
		}
	case api.ConsentActionConfirmOptOut, api.ConsentActionDismissOptOut:
		if req.FlagID <= 0 {
			writeError(w, http.StatusBadRequest, "flag_id is required")
			return
		}
	default:
		writeError(w, http.StatusBadRequest, "action must be opt_in, opt_out, confirm_opt_out or dismiss_opt_out")
		return
	}
	ctx := r.Context()
	var (
		resp     api.ConsentResponse
		notFound bool
	)
	err := s.store.Tx(ctx, func(q Querier) error {
		resp, notFound = api.ConsentResponse{}, false
		now := s.now()
		optIn := req.Action == api.ConsentActionOptIn
		change := consentChange{OptIn: optIn, Channel: req.Channel, TextVersion: req.TextVersion, RecordedBy: sess.User.ID, At: now}
		switch req.Action {
		case api.ConsentActionConfirmOptOut, api.ConsentActionDismissOptOut:
			state := "dismissed"
			if req.Action == api.ConsentActionConfirmOptOut {
				state = "confirmed"
			}
			// Decided once: a second click, or a colleague's, finds it closed.
			msgID, err := records.Consent{}.DecideFlag(ctx, q, th.ID, req.FlagID, state, sess.User.ID, now)
			if flagAlreadyDecided(err) {
				notFound = true
				return nil
			}
			if err != nil {
				// A database that failed is not a decided flag: the
				// caller must hear "try again", not "someone beat you".
				return err
			}
			if err := s.auditServer(ctx, q, auditRecord{UserID: sess.User.ID, Role: api.Role(sess.User.Role), Action: "consent.flag." + state,
				Object: "thread:" + th.ID, Outcome: "ok", Detail: map[string]string{"message": msgID}}); err != nil {
				return err
			}
			if state == "dismissed" {
				break
			}
			change = consentChange{OptIn: false, Channel: api.ConsentByKeyword, RecordedBy: sess.User.ID, MessageID: msgID, At: now}
			fallthrough
		default:
			changed, err := s.recordConsent(ctx, q, th.PatientID, change)
			if err != nil {
				return err
			}
			if changed && now.Sub(th.LastInboundAt) < s.window() && !th.LastInboundAt.IsZero() {
				kind := assets.ConsentConfirmOptOut
				if change.OptIn {
					kind = assets.ConsentConfirmOptIn
				}
				if _, err := s.enqueueConsentText(ctx, q, th.ID, kind, s.patientLang(ctx, q, th), now); err != nil {
					return err
				}
				resp.ConfirmationSent = true
			}
		}
		st, err := s.consentState(ctx, q, th)
		if err != nil {
			return err
		}
		resp.Consent = *st
		return nil
	})
	switch {
	case err != nil:
		s.log.Error("consent not recorded", "thread", th.ID, "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the consent could not be recorded; nothing changed; try again")
	case notFound:
		writeError(w, http.StatusConflict, "that request to stop was already confirmed or dismissed")
	default:
		writeJSON(w, http.StatusOK, resp)
		s.hub.Publish(api.Event{Type: api.EventThreadUpdated, ThreadID: th.ID})
		if resp.ConfirmationSent {
			s.worker.Kick()
		}
	}
}

// flagAlreadyDecided says the conditional UPDATE found no open flag of
// that id on the thread (decided by a colleague, or never there), as
// opposed to a database that could not answer.
func flagAlreadyDecided(err error) bool {
	return errors.Is(err, sql.ErrNoRows) || errors.Is(err, ErrNotFound)
}

// patientLang is the language the patient was first answered in, English
// when they never were.
func (s *Server) patientLang(ctx context.Context, q Querier, th records.Thread) string {
	lang, err := records.Consent{}.FirstContactLang(ctx, q, th.PatientID)
	if err != nil {
		return "en"
	}
	return lang
}

func currentExplanationVersion() string {
	t, _ := assets.CurrentConsentText(assets.ConsentExplanation, "en")
	return t.Version
}
