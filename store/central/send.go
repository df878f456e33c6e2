package central

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"
	_ "time/tzdata" // quiet hours must not depend on the host's zone files

	"github.com/clinicwa/triage/store/central/records"

	"github.com/nyaruka/phonenumbers"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/delivery"
)

// maxFreeText bounds a free-text send (WhatsApp's own limit is 4,096).
const maxFreeText = 4096

// portalLinkMasked stands in for the hand-off link in the stored masked
// text: the link is a bearer credential for the portal's front door, and
// the console has no use for it.
const portalLinkMasked = "[portal link]"

// patientZones derives the patient's possible time zones from their
// number. A number whose region spans several zones yields all of them,
// and quiet hours must hold in each; nil means unknown.
func patientZones(phone string) []*time.Location {
	if phone == "" {
		return nil
	}
	num, err := phonenumbers.Parse(phone, "")
	if err != nil {
		return nil
	}
	names, err := phonenumbers.GetTimezonesForNumber(num)
	if err != nil {
		return nil
	}
	var out []*time.Location
	for _, n := range names {
		if n == "" || strings.HasPrefix(n, "Etc/Unknown") {
			continue
		}
		if loc, err := time.LoadLocation(n); err == nil {
			out = append(out, loc)
		}
	}
	return out
}

// sendOutcome is what the send transaction decided.
type sendOutcome struct {
	msg      records.Message
	refusal  *api.Refusal
	replayed bool
	notFound bool
}

func (s *Server) handleSend(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	var req api.SendRequest
	if !decodeJSON(w, r, &req, 64<<10) {
		return
	}
	req.IdempotencyKey = strings.TrimSpace(req.IdempotencyKey)
	switch {
	case req.IdempotencyKey == "" || len(req.IdempotencyKey) > 128:
		writeError(w, http.StatusBadRequest, "idempotency_key is required (at most 128 characters)")
		return
	case strings.HasPrefix(req.IdempotencyKey, records.HandoffAckKey):
		// The prefix marks the server's own hand-off acknowledgment, which
		// the inbox does not count as an answer: a console's send carrying
		// it would hide a staff reply from the queues and the preview.
		writeError(w, http.StatusBadRequest, "idempotency_key may not start with "+records.HandoffAckKey+" (the server's own)")
		return
	case req.Template != "" && (req.MacroID != "" || req.Text != ""):
		writeError(w, http.StatusBadRequest, "send a template, a macro or text, not several")
		return
	case req.Template != "":
		s.handleTemplateSend(w, r, req)
		return
	case (req.MacroID == "") == (req.Text == ""):
		writeError(w, http.StatusBadRequest, "send either macro_id or text")
		return
	case len(req.Text) > maxFreeText:
		writeError(w, http.StatusBadRequest, "the message is longer than WhatsApp allows (4,096 characters)")
		return
	}
	var macro assets.Macro
	if req.MacroID != "" {
		m, ok := s.macroByID(req.MacroID)
		if !ok {
			writeError(w, http.StatusBadRequest, "unknown macro")
			return
		}
		macro = m
	}
	out, err := s.send(r.Context(), sess, r.PathValue("id"), req, macro)
	s.answerSend(w, r, sess, "send", out, err)
}

// answerSend writes a send's answer (free text, macro or template) and,
// for a send newly queued, tells the consoles and wakes the worker.
func (s *Server) answerSend(w http.ResponseWriter, r *http.Request, sess *session, what string, out sendOutcome, err error) {
	switch {
	case err != nil:
		s.log.Error(what+" failed", "thread", r.PathValue("id"), "user", sess.User.ID, "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the message could not be queued; nothing was sent; try again")
	case out.notFound:
		writeError(w, http.StatusNotFound, "no such thread")
	case out.refusal != nil:
		s.log.Info(what+" refused", "thread", r.PathValue("id"), "user", sess.User.ID, "rule", out.refusal.Rule)
		writeJSON(w, http.StatusUnprocessableEntity, out.refusal)
	default:
		writeJSON(w, http.StatusOK, api.SendResponse{Message: out.msg.API()})
		if !out.replayed {
			s.log.Info(what+" queued", "thread", out.msg.ThreadID, "message", out.msg.ID, "user", sess.User.ID)
			s.hub.Publish(api.Event{Type: api.EventMessageNew, ThreadID: out.msg.ThreadID, MessageID: out.msg.ID, Status: string(out.msg.Status)},
				api.Event{Type: api.EventThreadUpdated, ThreadID: out.msg.ThreadID})
			s.worker.Kick()
		}
	}
}

// send decides and records one send in a single transaction: the
// idempotency check, the outbound rules, the audit entry, the message row
// and its outbox job all commit together or not at all.
func (s *Server) send(ctx context.Context, sess *session, threadID string, req api.SendRequest, macro assets.Macro) (sendOutcome, error) {
	var out sendOutcome
	role := sess.User.Role
	err := s.store.Tx(ctx, func(q Querier) error {
		out = sendOutcome{}
		th, p, done, err := s.sendTarget(ctx, q, sess, threadID, req.IdempotencyKey, &out)
		if done || err != nil {
			return err
		}
		now := s.now()
		sent24, err := s.store.Messages.CountOutboundSince(ctx, q, th.ID, now.Add(-24*time.Hour))
		if err != nil {
			return err
		}
		text, macroLabel := req.Text, "free_text"
		roleDenied := ""
		if macro.ID != "" {
			text, macroLabel = macro.Body, macro.ID
			if why := policy.Why(role, policy.ActionSendMacro); why != "" {
				roleDenied = why
			} else if !policy.MayUseMacro(role, macro.Roles) {
				roleDenied = role.Title() + " cannot send the \u201c" + macro.Title + "\u201d quick reply."
			}
		} else if why := policy.Why(role, policy.ActionSendFreeText); why != "" {
			roleDenied = why
		}
		if roleDenied == "" {
			if ok, why := visibility(role, th); !ok {
				roleDenied = why
			}
		}
		preConsent, err := s.preConsentAllowed(ctx, q, p, macro.ID)
		if err != nil {
			return err
		}
		base := policy.Outbound{
			Now: now, OptedIn: p.OptedIn || preConsent, RoleDenied: roleDenied, Text: text,
			LastInboundAt: th.LastInboundAt, SentLast24h: sent24, Rules: s.cfg.Rules,
		}
		// Quiet hours hold in every zone the number may be in; with none
		// known, the clinic's own zone decides.
		zones := patientZones(p.Phone)
		if len(zones) == 0 {
			zones = []*time.Location{s.cfg.ClinicZone}
		}
		var dec policy.OutboundDecision
		for _, z := range zones {
			o := base
			o.PatientZone = z
			dec = policy.DecideOutbound(o)
			if !dec.Allowed {
				break
			}
		}
		detail := map[string]string{"macro": macroLabel}
		if types := dec.Detection.SpanTypes(); len(types) > 0 {
			detail["span_types"] = joinComma(types)
		} else if len(dec.SpanTypes) > 0 {
			detail["span_types"] = joinComma(dec.SpanTypes)
		}
		if !dec.Allowed {
			detail["rule"] = dec.Rule
			if dec.Rule == policy.RuleConsent {
				dec.Reason = s.consentRefusal(ctx, q, th)
				if dec.OfferPortalLink, err = s.preConsentAllowed(ctx, q, p, "portal-secure"); err != nil {
					return err
				}
			}
			out.refusal = &api.Refusal{Rule: dec.Rule, Reason: dec.Reason, SpanTypes: dec.SpanTypes, OfferPortalLink: dec.OfferPortalLink}
			return s.auditServer(ctx, q, auditRecord{UserID: sess.User.ID, Role: api.Role(role), Action: "message.send",
				Object: "thread:" + th.ID, Outcome: "refused", Detail: detail})
		}
		if ref, err := s.repeatLinkRefusal(ctx, q, th.ID, macro, req, now); err != nil {
			return err
		} else if ref != nil {
			detail["rule"] = ref.Rule
			out.refusal = ref
			return s.auditServer(ctx, q, auditRecord{UserID: sess.User.ID, Role: api.Role(role), Action: "message.send",
				Object: "thread:" + th.ID, Outcome: "refused", Detail: detail})
		}
		detail["rule"] = "allowed"
		final, masked := text, text
		msgID := records.NewID("msg")
		if macro.ID != "" && strings.Contains(text, assets.PortalLinkPlaceholder) {
			link, err := s.handoffLink(th.ID, msgID, now)
			if err != nil {
				return err
			}
			final = strings.ReplaceAll(text, assets.PortalLinkPlaceholder, link)
			masked = strings.ReplaceAll(text, assets.PortalLinkPlaceholder, portalLinkMasked)
		}
		m := records.Message{
			ID: msgID, ThreadID: th.ID, Type: "text", Body: final, Masked: masked, Spans: []api.Span{},
			Status: "queued", SentBy: sess.User.ID, MacroID: macro.ID, IdempotencyKey: req.IdempotencyKey, At: now,
		}
		detail["message"] = m.ID
		if err := s.auditServer(ctx, q, auditRecord{UserID: sess.User.ID, Role: api.Role(role), Action: "message.send",
			Object: "thread:" + th.ID, Outcome: "ok", Detail: detail}); err != nil {
			return err
		}
		if err := s.store.Messages.InsertOutbound(ctx, q, &m); err != nil {
			return err
		}
		if err := s.store.Threads.NoteOutbound(ctx, q, th.ID, now); err != nil {
			return err
		}
		// The provider sees the message id as its idempotency key: stable
		// across retries and restarts, and unique across users.
		if err := s.store.Outbox.Enqueue(ctx, q, delivery.Job{MessageID: m.ID, ThreadID: th.ID, IdempotencyKey: m.ID, NextAt: now, CreatedAt: now}); err != nil {
			return err
		}
		out.msg = m
		return nil
	})
	return out, err
}

// handoffLink is the per-thread secure-portal link put into message
// messageID: it opens Config.LinkMaxOpens times within Config.LinkTTL.
func (s *Server) handoffLink(threadID, messageID string, now time.Time) (string, error) {
	token, err := policy.NewHandoffLinkToken(s.linkKey, policy.LinkSpec{ThreadID: threadID, MessageID: messageID, MaxOpens: s.cfg.LinkMaxOpens}, now, s.cfg.LinkTTL)
	if err != nil {
		return "", err
	}
	return strings.TrimRight(s.cfg.PublicURL, "/") + "/h/" + token, nil
}

// sendTarget resolves a send's idempotency key, thread and patient inside
// the send's transaction. It reports done when out already holds the
// answer: a retry of a send already accepted (returned, nothing sent
// again), a key reused for another thread, or a thread that does not
// exist.
func (s *Server) sendTarget(ctx context.Context, q Querier, sess *session, threadID, key string, out *sendOutcome) (records.Thread, records.Patient, bool, error) {
	// The thread is held first: a send through another node waits here,
	// then finds this one's message (the same key) or counts it (the cap).
	if err := s.store.Threads.Lock(ctx, q, threadID); errors.Is(err, ErrNotFound) {
		out.notFound = true
		return records.Thread{}, records.Patient{}, true, nil
	} else if err != nil {
		return records.Thread{}, records.Patient{}, true, err
	}
	prev, err := s.store.Messages.ByIdempotencyKey(ctx, q, sess.User.ID, key)
	if err == nil {
		if prev.ThreadID != threadID {
			out.refusal = &api.Refusal{Rule: "idempotency", Reason: "This idempotency key was already used for another thread."}
		} else {
			out.msg, out.replayed = prev, true
		}
		return records.Thread{}, records.Patient{}, true, nil
	} else if !errors.Is(err, ErrNotFound) {
		return records.Thread{}, records.Patient{}, true, err
	}
	th, err := s.store.Threads.Get(ctx, q, threadID)
	if errors.Is(err, ErrNotFound) {
		out.notFound = true
		return records.Thread{}, records.Patient{}, true, nil
	} else if err != nil {
		return records.Thread{}, records.Patient{}, true, err
	}
	p, err := s.store.Patients.Get(ctx, q, th.PatientID)
	if err != nil {
		return records.Thread{}, records.Patient{}, true, err
	}
	return th, p, false, nil
}
