package central

import (
	"context"
	"errors"
	"fmt"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/ingest"
)

// newIngest is the webhook committer (ingest.Committer) of s: the one
// writer of this process's webhooks, storing each through webhookStore.
// It stores nothing until started.
func newIngest(s *Server) *ingest.Committer {
	return ingest.NewCommitter(ingest.CommitterConfig{DB: s.db, Gate: s.store.gate, Store: webhookStore{s}, Log: s.log})
}

// webhookRoutes serves every provider's webhook routes (ingest.Routes),
// storing what they deliver through s.ingest.
func (s *Server) webhookRoutes() ingest.Routes {
	return ingest.Routes{Routes: s.hooks, PublicURL: s.cfg.PublicURL, BusinessNumber: s.cfg.BusinessNumber, Committer: s.ingest, Log: s.log}
}

// ActionWebhookMalformed is the server audit action recorded for a webhook
// that carried a valid signature but could not be parsed. Such a webhook
// is acknowledged rather than refused: Meta retries any answer other than
// 200 for up to seven days, so a refusal would turn one bad body into a
// week of retries while telling no operator anything.
const ActionWebhookMalformed = "webhook.malformed"

// errUnusable describes inbound messages that can never be stored.
var errUnusable = errors.New("message without an id or a sender")

// webhookStore is the server's side of each webhook (ingest.Store): its
// events stored into patients, threads and messages (ingestInto, shared
// by every provider's route), and the parts that cannot be stored
// recorded in the server's audit chain.
//
// A message the store cannot key (no provider id) or attribute (neither a
// number nor a user id) can never be stored, so retrying it would only
// block the webhook for days: the rest of the webhook is stored and the
// unusable part is recorded like a malformed webhook, in the same
// savepoint, so both are stored or neither is.
type webhookStore struct{ s *Server }

// pendingWebhook is a webhook readied for the group commit: its messages
// masked and its audit records written out, so the one writer only
// stores them.
type pendingWebhook struct {
	s       *Server
	w       *ingest.Webhook
	masks   []*maskedInbound // maskEvents(w.Events)
	records []auditRecord    // written in the webhook's savepoint with its events
}

// Prepare implements ingest.Store.
func (ws webhookStore) Prepare(w *ingest.Webhook) ingest.Pending {
	s := ws.s
	p := &pendingWebhook{s: s, w: w}
	if w.ParseErr != nil {
		p.records = []auditRecord{s.malformedRecord(w.Route, w.Body, w.ParseErr)}
		return p
	}
	if len(w.Misrouted) > 0 {
		p.records = append(p.records, s.misroutedRecord(w.Route, w.Body, w.Misrouted))
	}
	if len(w.Unusable) > 0 {
		p.records = append(p.records, s.malformedRecord(w.Route, w.Body, fmt.Errorf("%w: %d message(s)", errUnusable, len(w.Unusable))))
		for _, ev := range w.Unusable {
			if m := ev.Message; m.Type == bsp.MessageUnreadable {
				// A part of the body without any sender: its digest and
				// reason are all that can be kept.
				p.records = append(p.records, auditRecord{UserID: "system", Action: ActionMessageUnreadable, Object: "webhook:" + w.Route, Outcome: "recorded",
					Detail: map[string]string{"digest": s.auditHMAC("webhooks.unreadable", string(m.Raw)), "reason": m.Reason}})
			}
		}
	}
	p.masks = maskEvents(w.Events)
	return p
}

// Apply implements ingest.Pending: the webhook's events and its audit
// records, in the webhook's savepoint.
func (p *pendingWebhook) Apply(ctx context.Context, q Querier) (ingest.Stored, error) {
	live, stats, err := p.s.ingestInto(ctx, q, p.w.Events, p.masks)
	for i := 0; err == nil && i < len(p.records); i++ {
		err = p.s.auditServer(ctx, q, p.records[i])
	}
	if err != nil {
		return nil, err
	}
	return storedWebhook{s: p.s, w: p.w, live: live, stats: stats}, nil
}

// storedWebhook is a committed webhook: what the operators, the consoles
// and the outbox learn from it.
type storedWebhook struct {
	s     *Server
	w     *ingest.Webhook
	live  []api.Event
	stats ingestStats
}

// Committed implements ingest.Stored: the logs and the operational
// metrics, moved before the provider's answer.
func (st storedWebhook) Committed() {
	s, w := st.s, st.w
	if w.ParseErr != nil {
		s.log.Warn("malformed webhook acknowledged and recorded", "route", w.Route, "bytes", len(w.Body), "action", ActionWebhookMalformed)
		return
	}
	// Debug, not Info: at thousands of webhooks a second a line each
	// would cost more than storing them.
	s.log.Debug("webhook stored", "route", w.Route, "messages", st.stats.messages, "duplicates", st.stats.duplicates,
		"statuses", st.stats.statuses, "stale_statuses", st.stats.stale, "consent_changes", st.stats.consent)
	s.ops.DuplicatesDropped(w.Route, st.stats.duplicates)
	if len(w.Unusable) > 0 {
		s.log.Warn("malformed webhook acknowledged and recorded", "route", w.Route, "bytes", len(w.Body), "action", ActionWebhookMalformed)
	}
	if len(w.Misrouted) > 0 {
		s.misrouted.Add(1)
		s.log.Warn("webhook for another business number acknowledged and recorded", "route", w.Route, "events", len(w.Misrouted), "action", ActionWebhookMisrouted)
	}
}

// Acknowledged implements ingest.Stored: the live events go to the
// consoles, and the outbox is woken when the webhook gave it work.
func (st storedWebhook) Acknowledged() {
	if st.w.ParseErr != nil {
		return
	}
	s := st.s
	s.hub.Publish(st.live...)
	if st.stats.statuses > 0 || st.stats.consent > 0 || st.stats.urgentReplies > 0 {
		// A status may have settled a send held in doubt, and a consent
		// change or a first contact queued an answer: deliver now.
		s.worker.Kick()
	}
}

// ActionWebhookMisrouted is the server audit action for a signed webhook
// (or part of one) addressed to a business number other than the
// clinic's own: a provider's documentation sample, another business's
// test, a shared app's traffic. It is acknowledged (a refusal would be
// retried for days) and nothing of it is stored: no patient, no thread.
const ActionWebhookMisrouted = "webhook.misrouted"

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
