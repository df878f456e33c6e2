package central

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/bsp/providers"
	"github.com/clinicwa/triage/bsp/twilio"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/delivery"
)

// Webhook routes, named here for the settings that point providers at
// them (cmd/triaged passes TwilioStatusPath as the status callback) and
// for tests. Each adapter declares its own routes (bsp.WebhookReceiver).
const (
	TwilioInboundPath = twilio.InboundPath
	TwilioStatusPath  = twilio.StatusPath
)

// Webhook body limits: each adapter's MaxBody, named here for tests and
// operators.
const (
	MaxWebhookBytes       = cloudapi.MaxWebhookBody // Cloud API and 360dialog: Meta's 3 MB
	MaxTwilioWebhookBytes = twilio.MaxWebhookBody
)

// defaultWebhooks is every adapter's routes, with the secrets of Config,
// for a clinic sending through cfg.Provider.
func defaultWebhooks(cfg Config) []providers.Route {
	sending := ""
	if cfg.Provider != nil {
		sending = cfg.Provider.Name()
	}
	return providers.Routes(sending, providers.Credentials{
		AppSecret: cfg.WhatsAppAppSecret, VerifyToken: cfg.WhatsAppVerifyToken, TwilioAuthToken: cfg.TwilioAuthToken,
	})
}

type ingestStats struct {
	messages, duplicates, statuses, stale, consent, errors int
	unreadable, numberChanges                              int
	// urgentReplies counts safety replies queued; live holds events
	// beyond the one per message (urgent alerts).
	urgentReplies int
	live          []api.Event
}

// ingestInto stores one webhook's events on q, the webhook's savepoint in
// the group commit's transaction, and returns the live events to publish
// once that transaction has committed. masks, when not nil, holds maskEvents(events).
func (s *Server) ingestInto(ctx context.Context, q Querier, events []bsp.Event, masks []*maskedInbound) ([]api.Event, ingestStats, error) {
	var (
		live    []api.Event
		stats   ingestStats
		threads []string // first-seen order, so events come out in a stable order
		seen    = map[string]bool{}
	)
	now := s.now()
	for i, ev := range events {
		switch ev.Kind {
		case bsp.EventMessage:
			if ev.Message == nil {
				continue
			}
			var mask *maskedInbound
			if i < len(masks) {
				mask = masks[i]
			}
			ev, err := s.ingestMessage(ctx, q, ev.Message, mask, now, &stats)
			if err != nil {
				return nil, ingestStats{}, err
			}
			if ev != nil {
				live = append(live, *ev)
				if !seen[ev.ThreadID] {
					seen[ev.ThreadID] = true
					threads = append(threads, ev.ThreadID)
				}
			}
		case bsp.EventStatus:
			if ev.StatusUpdate == nil {
				continue
			}
			ev, err := s.ingestStatus(ctx, q, ev.StatusUpdate, &stats)
			if err != nil {
				return nil, ingestStats{}, err
			}
			if ev != nil {
				live = append(live, *ev)
			}
		case bsp.EventError:
			stats.errors++
			if ev.Err != nil {
				s.log.Warn("provider reported an error", "class", string(ev.Err.Class), "code", ev.Err.Code)
			}
		}
	}
	for _, id := range threads {
		live = append(live, api.Event{Type: api.EventThreadUpdated, ThreadID: id})
	}
	live = append(live, stats.live...)
	return live, stats, nil
}

// mediaPlaceholder is the masked text of an attachment. Media is never
// fetched: a photo of a wound or a lab sheet is PHI.
func mediaPlaceholder(t bsp.MessageType) string {
	return fmt.Sprintf("[attachment: %s]", t)
}

// maskedInbound is an inbound message's stored type, text and detail and
// its masked form (renderInbound). Masking needs no database, so the
// webhook's handler computes it before the message joins the group
// commit, keeping it off the one writer.
type maskedInbound struct {
	typ      bsp.MessageType
	body     string // the original text as stored (sealed)
	masked   string
	spans    []api.Span
	clinical bool
	detail   *records.MessageDetail
	// urgent is policy.DetectUrgent of the text, computed here with the
	// masking so the single writer does not pay for it.
	urgent policy.UrgentVerdict
}

func maskInbound(in *bsp.InboundMessage) *maskedInbound {
	mt := renderInbound(in)
	switch mt.typ {
	case bsp.MessageText, bsp.MessageButton, bsp.MessageInteractive:
		mt.urgent = policy.DetectUrgent(mt.body)
	}
	return mt
}

// maskEvents masks every inbound message of events, by event index.
func maskEvents(events []bsp.Event) []*maskedInbound {
	out := make([]*maskedInbound, len(events))
	for i, ev := range events {
		if ev.Kind == bsp.EventMessage && ev.Message != nil {
			out[i] = maskInbound(ev.Message)
		}
	}
	return out
}

// ingestMessage stores one inbound message. mask is its maskInbound
// result when the handler computed it already, nil otherwise.
func (s *Server) ingestMessage(ctx context.Context, q Querier, in *bsp.InboundMessage, mask *maskedInbound, now time.Time, stats *ingestStats) (*api.Event, error) {
	if in.ProviderID == "" {
		return nil, errors.New("central: inbound message without a provider id")
	}
	// Duplicate deliveries are common (Meta retries and fans out); check
	// before creating a patient so a duplicate changes nothing at all.
	if _, err := s.store.Messages.ByProviderID(ctx, q, in.ProviderID); err == nil {
		stats.duplicates++
		return nil, nil
	} else if !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	p, created, err := s.store.Patients.Upsert(ctx, q, in.From, in.FromUserID, in.ProfileName, now)
	if err != nil {
		return nil, err
	}
	th, err := s.store.Threads.ForPatient(ctx, q, p.ID, now)
	if err != nil {
		return nil, err
	}
	at := in.Timestamp.UTC()
	if at.IsZero() || at.After(now) {
		at = now // a provider clock ahead of ours must not stretch the 24-hour window
	}
	mt := mask
	if mt == nil {
		mt = maskInbound(in)
	}
	typ := mt.typ
	m := &records.Message{
		ThreadID: th.ID, Type: string(typ), RawType: in.RawType, MediaMIME: in.MediaMIME,
		Body: mt.body, Masked: mt.masked, Spans: mt.spans, Clinical: mt.clinical,
		ProviderID: in.ProviderID, At: at, Detail: mt.detail,
	}
	if typ == bsp.MessageUnreadable {
		// The raw bytes are not kept: a keyed digest tells one body
		// retried from another without holding what the patient wrote.
		d := *mt.detail
		d.Digest = s.auditHMAC("webhooks.unreadable", string(in.Raw))
		m.Detail = &d
	}
	inserted, err := s.store.Messages.InsertInbound(ctx, q, m)
	if err != nil {
		return nil, err
	}
	if !inserted {
		stats.duplicates++
		return nil, nil
	}
	stats.messages++
	if created {
		s.log.Info("new patient", "patient", p.ID, "thread", th.ID)
	}
	if err := s.store.Threads.NoteInbound(ctx, q, th.ID, at, mt.clinical); err != nil {
		return nil, err
	}
	if err := s.afterInbound(ctx, q, p, th, m, typ, now, stats); err != nil {
		return nil, err
	}
	if err := s.applyMessageKind(ctx, q, p, m, in, now, stats); err != nil {
		return nil, err
	}
	if err := s.afterUrgent(ctx, q, th, m, mt.urgent, now, stats); err != nil {
		return nil, err
	}
	return &api.Event{Type: api.EventMessageNew, ThreadID: th.ID, MessageID: m.ID}, nil
}

func (s *Server) ingestStatus(ctx context.Context, q Querier, su *bsp.StatusUpdate, stats *ingestStats) (*api.Event, error) {
	stats.statuses++
	m, err := s.store.Messages.ByProviderID(ctx, q, su.ProviderID)
	if errors.Is(err, ErrNotFound) && su.IdempotencyKey != "" {
		// The status raced our own record of the provider id (or we
		// crashed before storing it): the echoed key names the message.
		m, err = s.messageByOutboxKey(ctx, q, su.IdempotencyKey)
		if err == nil && m.ProviderID == "" && su.ProviderID != "" {
			if err := s.store.Messages.SetProviderID(ctx, q, m.ID, su.ProviderID); err != nil {
				return nil, err
			}
		}
	}
	if errors.Is(err, ErrNotFound) {
		stats.stale++
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if err := s.settleOutbox(ctx, q, m.ID); err != nil {
		return nil, err
	}
	reason := ""
	if su.Status == bsp.StatusFailed {
		pe := su.Err
		if pe == nil {
			pe = &bsp.ProviderError{Class: bsp.ClassPermanent}
		}
		reason = pe.PlainReason()
	}
	changed, err := s.store.Messages.ApplyStatus(ctx, q, m.ID, su.Status, reason)
	if err != nil {
		return nil, err
	}
	if !changed {
		stats.stale++
		return nil, nil
	}
	return &api.Event{Type: api.EventMessageStatus, ThreadID: m.ThreadID, MessageID: m.ID, Status: string(su.Status)}, nil
}

func (s *Server) messageByOutboxKey(ctx context.Context, q Querier, key string) (records.Message, error) {
	id, err := delivery.Outbox{}.MessageIDByKey(ctx, q, key)
	if err != nil {
		return records.Message{}, err
	}
	return s.store.Messages.Get(ctx, q, id)
}

func apiSpans(in []policy.Span) []api.Span {
	out := make([]api.Span, 0, len(in))
	for _, sp := range in {
		out = append(out, api.Span{Start: sp.Start, End: sp.End, Type: string(sp.Type)})
	}
	return out
}
