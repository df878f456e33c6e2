package central

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/clinicwa/triage/bsp"
)

// ActionWebhookMalformed is the server audit action recorded for a webhook
// that carried a valid signature but could not be parsed. Such a webhook
// is acknowledged rather than refused: Meta retries any answer other than
// 200 for up to seven days, so a refusal would turn one bad body into a
// week of retries while telling no operator anything.
const ActionWebhookMalformed = "webhook.malformed"

// errUnusable describes inbound messages that can never be stored.
var errUnusable = errors.New("message without an id or a sender")

// commitWebhook stores a verified webhook's events (ingestInto, shared by
// every provider's route) through the group commit and calls ack only
// after the transaction holding them has committed, so a provider never
// hears "received" for something a crash could still lose. When the
// webhook cannot be stored the answer is 503 and the provider retries;
// nothing of it was stored.
//
// A message the store cannot key (no provider id) or attribute (neither a
// number nor a user id) can never be stored, so retrying it would only
// block the webhook for days: the rest of the webhook is stored and the
// unusable part is recorded like a malformed webhook, in the same
// savepoint, so both are stored or neither is.
func (s *Server) commitWebhook(w http.ResponseWriter, r *http.Request, route string, raw []byte, events []bsp.Event, ack func(http.ResponseWriter)) {
	events, misrouted := s.splitMisrouted(events)
	events, unusable := splitUnusable(events)
	var records []auditRecord
	if len(misrouted) > 0 {
		records = append(records, s.misroutedRecord(route, raw, misrouted))
	}
	if len(unusable) > 0 {
		records = append(records, s.malformedRecord(route, raw, fmt.Errorf("%w: %d message(s)", errUnusable, len(unusable))))
		for _, ev := range unusable {
			if m := ev.Message; m.Type == bsp.MessageUnreadable {
				// A part of the body without any sender: its digest and
				// reason are all that can be kept.
				records = append(records, auditRecord{UserID: "system", Action: ActionMessageUnreadable, Object: "webhook:" + route, Outcome: "recorded",
					Detail: map[string]string{"digest": s.auditHMAC("webhooks.unreadable", string(m.Raw)), "reason": m.Reason}})
			}
		}
	}
	res, err := s.commits.submit(r.Context(), events, records)
	if err != nil {
		s.log.Error("webhook not stored", "route", route, "err", err.Error(), "events", len(events))
		http.Error(w, "temporarily unavailable", http.StatusServiceUnavailable)
		return
	}
	// Debug, not Info: at thousands of webhooks a second a line each
	// would cost more than storing them.
	s.log.Debug("webhook stored", "route", route, "messages", res.stats.messages, "duplicates", res.stats.duplicates,
		"statuses", res.stats.statuses, "stale_statuses", res.stats.stale, "consent_changes", res.stats.consent)
	s.ops.DuplicatesDropped(route, res.stats.duplicates)
	if len(unusable) > 0 {
		s.log.Warn("malformed webhook acknowledged and recorded", "route", route, "bytes", len(raw), "action", ActionWebhookMalformed)
	}
	if len(misrouted) > 0 {
		s.misrouted.Add(1)
		s.log.Warn("webhook for another business number acknowledged and recorded", "route", route, "events", len(misrouted), "action", ActionWebhookMisrouted)
	}
	ack(w)
	s.hub.publish(res.live...)
	if res.stats.statuses > 0 || res.stats.consent > 0 || res.stats.urgentReplies > 0 {
		// A status may have settled a send held in doubt, and a consent
		// change or a first contact queued an answer: deliver now.
		s.worker.Kick()
	}
}

// splitUnusable removes inbound messages that lack a provider id or any
// sender and returns them apart.
func splitUnusable(events []bsp.Event) (usable, unusable []bsp.Event) {
	out := events[:0:0]
	for _, ev := range events {
		if ev.Kind == bsp.EventMessage && ev.Message != nil &&
			(ev.Message.ProviderID == "" || (ev.Message.From == "" && ev.Message.FromUserID == "")) {
			unusable = append(unusable, ev)
			continue
		}
		out = append(out, ev)
	}
	return out, unusable
}

// ActionWebhookMisrouted is the server audit action for a signed webhook
// (or part of one) addressed to a business number other than the
// clinic's own: a provider's documentation sample, another business's
// test, a shared app's traffic. It is acknowledged (a refusal would be
// retried for days) and nothing of it is stored: no patient, no thread.
const ActionWebhookMisrouted = "webhook.misrouted"

// splitMisrouted removes the events addressed to another business number
// than Config.BusinessNumber. The comparison is exact: a documentation
// placeholder or another clinic's id never matches.
func (s *Server) splitMisrouted(events []bsp.Event) (ours, misrouted []bsp.Event) {
	own := s.cfg.BusinessNumber
	if own == "" {
		return events, nil
	}
	out := events[:0:0]
	for _, ev := range events {
		if ev.BusinessNumber != own {
			misrouted = append(misrouted, ev)
			continue
		}
		out = append(out, ev)
	}
	return out, misrouted
}

// misroutedRecord is the audit entry for the misrouted part of a webhook:
// how many events, a keyed digest of the body and of the number it named
// (so an operator can tell a stray sample from another business's
// traffic), never the body.
func (s *Server) misroutedRecord(route string, raw []byte, misrouted []bsp.Event) auditRecord {
	return auditRecord{
		UserID: "system", Action: ActionWebhookMisrouted, Object: "webhook:" + route, Outcome: "acknowledged",
		Detail: map[string]string{"route": route, "events": fmt.Sprint(len(misrouted)), "bytes": fmt.Sprint(len(raw)),
			"body_digest":   s.auditHMAC("webhooks.misrouted", string(raw)),
			"number_digest": s.auditHMAC("webhooks.misrouted.number", misrouted[0].BusinessNumber),
			"reason":        "addressed to another business number than this clinic's"},
	}
}

// MisroutedWebhooks is how many webhooks since start carried events for
// another business number (acknowledged, audited, not stored), for the
// metrics endpoint.
func (s *Server) MisroutedWebhooks() uint64 { return s.misrouted.Load() }

// acceptMalformed records a signed but unparseable webhook in the server's
// audit chain and only then acknowledges it. If the entry cannot be
// written the answer is 503: the provider retries and nothing is lost.
func (s *Server) acceptMalformed(w http.ResponseWriter, r *http.Request, route string, raw []byte, parseErr error, ack func(http.ResponseWriter)) {
	rec := s.malformedRecord(route, raw, parseErr)
	if _, err := s.commits.submit(r.Context(), nil, []auditRecord{rec}); err != nil {
		s.log.Error("malformed webhook not recorded", "route", route, "err", err.Error())
		http.Error(w, "temporarily unavailable", http.StatusServiceUnavailable)
		return
	}
	s.log.Warn("malformed webhook acknowledged and recorded", "route", route, "bytes", len(raw), "action", ActionWebhookMalformed)
	ack(w)
}

// malformedRecord is the audit entry for a signed webhook (or part of one)
// that cannot be stored. It holds the route, the body's size, a keyed
// digest of the body (so an operator can tell one body retried from many
// different ones, while a short body cannot be guessed back from it) and
// the parser's reason, which never quotes the body.
func (s *Server) malformedRecord(route string, raw []byte, parseErr error) auditRecord {
	// An adapter's ErrMalformed never quotes the body; any other error might.
	reason := "unparseable"
	if errors.Is(parseErr, bsp.ErrMalformed) || errors.Is(parseErr, errUnusable) {
		reason = parseErr.Error()
	}
	return auditRecord{
		UserID: "system", Action: ActionWebhookMalformed, Object: "webhook:" + route, Outcome: "acknowledged",
		Detail: map[string]string{"route": route, "bytes": fmt.Sprint(len(raw)), "body_digest": s.auditHMAC("webhooks.malformed", string(raw)), "reason": reason},
	}
}
