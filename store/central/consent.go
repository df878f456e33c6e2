package central

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/delivery"
)

// consentChange is one opt-in or opt-out with everything the clinic must
// be able to show for it: how it was given, the exact wording the patient
// saw, who recorded it and the message that carried it.
type consentChange struct {
	OptIn       bool
	Channel     string // api.ConsentBy…
	Source      string // the legacy source column's finer word ("whatsapp:stop"); Channel when empty
	TextVersion string
	RecordedBy  string // user id, or "patient"
	MessageID   string
	ImportKey   string
	At          time.Time
}

// recordConsent applies c to the patient. The patient row changes only if
// the state differs or nothing was recorded before (a conditional UPDATE: two racing STOPs record one
// change), and the event row is written only with it; changed reports
// whether anything happened.
func (s *Server) recordConsent(ctx context.Context, q Querier, patientID string, c consentChange) (bool, error) {
	// A first choice is recorded even when it matches the default (a new
	// number's STOP): it is the patient's decision, and it must outrank an
	// older opt-in imported later and silence the first-message explanation.
	if changed, err := (records.Consent{}).SetPatient(ctx, q, patientID, c.OptIn, c.At); err != nil || !changed {
		return false, err
	}
	source := c.Source
	if source == "" {
		source = c.Channel
	}
	if err := (records.Consent{}).AddEvent(ctx, q, records.ConsentRow{PatientID: patientID, OptedIn: c.OptIn, Source: source, MessageID: c.MessageID,
		At: c.At, Channel: c.Channel, TextVersion: c.TextVersion, RecordedBy: c.RecordedBy, ImportKey: c.ImportKey}); err != nil {
		return false, err
	}
	return true, s.auditServer(ctx, q, auditRecord{
		UserID: auditUser(c.RecordedBy), Action: "consent.change", Object: "patient:" + patientID, Outcome: "ok",
		Detail: map[string]string{"opted_in": fmt.Sprint(c.OptIn), "source": source, "channel": c.Channel, "text_version": c.TextVersion, "message": c.MessageID},
	})
}

// auditUser is the audit trail's user for a consent change: the staff
// member who recorded it, or "system" for the patient's own keyword.
func auditUser(recordedBy string) string {
	if recordedBy == "" || recordedBy == "patient" {
		return "system"
	}
	return recordedBy
}

// afterInbound is everything consent asks of a newly stored patient
// message: a clear keyword acts at once and is confirmed to the patient; a
// plain-language request to stop is flagged for a person; and a number the
// clinic has never heard from gets the explanation with its opt-in
// question, once.
func (s *Server) afterInbound(ctx context.Context, q Querier, p records.Patient, th records.Thread, m *records.Message, typ bsp.MessageType, now time.Time, stats *ingestStats) error {
	kw := policy.ConsentNone
	switch typ {
	case bsp.MessageText, bsp.MessageButton, bsp.MessageInteractive:
		if handled, err := s.phiAcceptance(ctx, q, th, m, now, stats); handled || err != nil {
			return err
		}
		kw = policy.ParseConsentKeyword(m.Body)
	}
	lang := string(policy.DetectLanguage(m.Body))
	switch kw {
	case policy.ConsentStop, policy.ConsentStart:
		optIn := kw == policy.ConsentStart
		version := ""
		if optIn {
			// The wording the patient said yes to: the explanation they
			// were sent, or, when they opted in unprompted, the
			// confirmation that now tells them what they agreed to.
			version = s.explanationVersion(ctx, q, p.ID)
			if version == "" {
				t, _ := assets.CurrentConsentText(assets.ConsentConfirmOptIn, lang)
				version = t.Version
			}
		}
		source := "whatsapp:stop"
		if optIn {
			source = "whatsapp:start"
		}
		changed, err := s.recordConsent(ctx, q, p.ID, consentChange{OptIn: optIn, Channel: api.ConsentByKeyword, Source: source,
			TextVersion: version, RecordedBy: "patient", MessageID: m.ID, At: now})
		if err != nil || !changed {
			return err
		}
		stats.consent++
		kind := assets.ConsentConfirmOptOut
		if optIn {
			kind = assets.ConsentConfirmOptIn
		}
		_, err = s.enqueueConsentText(ctx, q, th.ID, kind, lang, now)
		return err
	case policy.ConsentMaybeStop:
		flagged, err := records.Consent{}.Flag(ctx, q, p.ID, th.ID, m.ID, now)
		if err != nil || !flagged {
			return err
		}
		return s.auditServer(ctx, q, auditRecord{UserID: "system", Action: "consent.flag", Object: "thread:" + th.ID, Outcome: "ok",
			Detail: map[string]string{"message": m.ID, "reason": "plain_language_opt_out"}})
	}
	return s.firstContact(ctx, q, p, th, m, lang, now, stats)
}

// firstContact sends the clinic's explanation to a number that has never
// opted in or out, once in the patient's life: the first_contacts primary
// key decides, so duplicate webhooks, concurrent nodes and restarts cannot
// send it twice. It goes only inside the window the patient's message
// opened; a message delivered days late gets no answer WhatsApp would
// refuse.
func (s *Server) firstContact(ctx context.Context, q Querier, p records.Patient, th records.Thread, m *records.Message, lang string, now time.Time, stats *ingestStats) error {
	if p.OptedIn || now.Sub(m.At) >= s.window() {
		return nil
	}
	if chosen, err := (records.Consent{}).HasChosen(ctx, q, p.ID); err != nil {
		return err
	} else if chosen {
		return nil // the patient has chosen before (STOP above all): respect it
	}
	text, ok := assets.CurrentConsentText(assets.ConsentExplanation, lang)
	if !ok {
		return errors.New("central: no consent explanation text shipped")
	}
	msgID := records.NewID("msg")
	added, err := records.Consent{}.AddFirstContact(ctx, q, p.ID, msgID, m.ID, text.Version, text.Lang, now)
	if err != nil || !added {
		return err
	}
	if err := s.enqueueSystemText(ctx, q, th.ID, msgID, "consent:"+assets.ConsentExplanation, text.Body, now); err != nil {
		return err
	}
	stats.consent++
	return s.auditServer(ctx, q, auditRecord{UserID: "system", Action: "consent.explanation", Object: "thread:" + th.ID, Outcome: "ok",
		Detail: map[string]string{"message": msgID, "text_version": text.Version, "prompted_by": m.ID}})
}

// explanationVersion is the version of the explanation the patient was
// sent, or "".
func (s *Server) explanationVersion(ctx context.Context, q Querier, patientID string) string {
	v, err := records.Consent{}.FirstContactVersion(ctx, q, patientID)
	if err != nil {
		return ""
	}
	return v
}

// enqueueConsentText queues the current consent text of kind in lang.
func (s *Server) enqueueConsentText(ctx context.Context, q Querier, threadID, kind, lang string, now time.Time) (assets.ConsentText, error) {
	text, ok := assets.CurrentConsentText(kind, lang)
	if !ok {
		return text, fmt.Errorf("central: no %s consent text shipped", kind)
	}
	return text, s.enqueueSystemText(ctx, q, threadID, records.NewID("msg"), "consent:"+kind, text.Body, now)
}

// enqueueSystemText stores one of the clinic's fixed texts as an outbound
// message and queues it, in the caller's transaction. These texts are the
// same for every patient and carry no PHI; the outbox delivers them like
// any other send (retries, idempotency key, nothing twice).
func (s *Server) enqueueSystemText(ctx context.Context, q Querier, threadID, msgID, label, body string, now time.Time) error {
	m := records.Message{ID: msgID, ThreadID: threadID, Type: "text", Body: body, Masked: body, Spans: []api.Span{},
		Status: "queued", SentBy: records.SystemSender, MacroID: label, At: now}
	if err := s.store.Messages.InsertOutbound(ctx, q, &m); err != nil {
		return err
	}
	if err := s.store.Threads.NoteOutbound(ctx, q, threadID, now); err != nil {
		return err
	}
	return s.store.Outbox.Enqueue(ctx, q, delivery.Job{MessageID: m.ID, ThreadID: threadID, IdempotencyKey: m.ID, NextAt: now, CreatedAt: now})
}

// consentState is what the thread header shows about consent.
func (s *Server) consentState(ctx context.Context, q Querier, th records.Thread) (*api.ConsentState, error) {
	p, err := s.store.Patients.Get(ctx, q, th.PatientID)
	if err != nil {
		return nil, err
	}
	st := &api.ConsentState{OptedIn: p.OptedIn}
	channel, version, by, at, found, err := records.Consent{}.LatestEvent(ctx, q, p.ID)
	switch {
	case err != nil:
		return nil, err
	case found:
		st.Recorded, st.Channel, st.TextVersion, st.At = true, channel, version, at
		st.RecordedBy = by
		if by != "" && by != "patient" {
			if u, err := s.store.Users.Get(ctx, q, by); err == nil {
				st.RecordedBy = u.Username
			}
		}
	}
	if st.ExplanationAt, err = (records.Consent{}).FirstContactAt(ctx, q, p.ID); err != nil {
		return nil, err
	}
	if st.FlaggedOptOut, err = (records.Consent{}).OpenFlag(ctx, q, th.ID); err != nil {
		return nil, err
	}
	if st.PHIPreference, err = s.phiPreferenceNote(ctx, q, th.ID); err != nil {
		return nil, err
	}
	st.Allowed = allowedSentence(st)
	st.OfferVersion = s.explanationVersion(ctx, q, p.ID)
	if st.OfferVersion == "" {
		st.OfferVersion = currentExplanationVersion()
	}
	return st, nil
}

// allowedSentence tells staff what they may send, rather than only what
// they may not.
func allowedSentence(st *api.ConsentState) string {
	switch {
	case st.OptedIn:
		return "Replies, quick replies and approved templates may be sent."
	case st.Recorded:
		return "Nothing can be sent until the patient writes START (or SÍ / INICIO)."
	case !st.ExplanationAt.IsZero():
		return "Not opted in yet: the clinic's explanation with the opt-in question went out " +
			st.ExplanationAt.Format("Jan 2 15:04 MST") + ". Until the patient replies YES, only the secure-portal link may be sent."
	}
	return "Not opted in yet: until the patient replies YES, only the secure-portal link may be sent."
}

// preConsentMacros are the quick replies that may go to a patient who
// wrote in first and has not opted in (system rule 7): the portal link
// moves their question to a channel that needs no WhatsApp consent.
var preConsentMacros = map[string]bool{"portal-secure": true, "portal-secure-es": true}

// preConsentAllowed reports whether macroID may go to patient p who has
// not opted in: only while they have never opted out.
func (s *Server) preConsentAllowed(ctx context.Context, q Querier, p records.Patient, macroID string) (bool, error) {
	if p.OptedIn || !preConsentMacros[macroID] {
		return false, nil
	}
	chosen, err := records.Consent{}.HasChosen(ctx, q, p.ID)
	return !chosen && err == nil, err
}

// consentRefusal is the refusal sentence for a patient without opt-in:
// what happened and what can still be sent.
func (s *Server) consentRefusal(ctx context.Context, q Querier, th records.Thread) string {
	st, err := s.consentState(ctx, q, th)
	if err != nil {
		return "This patient has not opted in to WhatsApp messages. Only the secure-portal link may be sent."
	}
	return st.Allowed
}
