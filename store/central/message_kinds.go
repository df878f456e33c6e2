package central

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// maskedText builds a stored message's original text and its masked form
// side by side from parts whose nature is known: fixed wording of the
// clinic's own (never masked), patient text (run through the detector),
// and fields that are an identifier as a whole (a location's address, a
// shared contact's name and number), masked as that type without asking
// the detector, which reads free text and can miss or mislabel a field.
type maskedText struct {
	body, masked strings.Builder
	spans        []api.Span
	clinical     bool
}

// fixed appends the clinic's own wording, identical in both forms.
func (b *maskedText) fixed(s string) {
	b.body.WriteString(s)
	b.masked.WriteString(s)
}

// text appends patient text, masked by the detector.
func (b *maskedText) text(s string) {
	det := policy.Detect(s)
	off := b.body.Len()
	for _, sp := range det.Spans {
		b.spans = append(b.spans, api.Span{Start: off + sp.Start, End: off + sp.End, Type: string(sp.Type)})
	}
	b.clinical = b.clinical || det.Clinical
	b.body.WriteString(s)
	b.masked.WriteString(det.Masked)
}

// as appends a field that is an identifier of type t as a whole.
func (b *maskedText) as(s string, t policy.SpanType) {
	if s == "" {
		return
	}
	off := b.body.Len()
	b.spans = append(b.spans, api.Span{Start: off, End: off + len(s), Type: string(t)})
	b.body.WriteString(s)
	b.masked.WriteString("[" + string(t) + "]")
}

// renderInbound is the stored text, masked text and detail of an inbound
// message, by kind.
func renderInbound(in *bsp.InboundMessage) *maskedInbound {
	var b maskedText
	typ := in.Type
	if typ == "" {
		typ = bsp.MessageUnsupported
	}
	d := &records.MessageDetail{ReplyTo: in.ReplyTo, Target: in.TargetID, Forwarded: in.Forwarded}
	switch typ {
	case bsp.MessageLocation:
		// A shared location is where the patient lives or is: the whole
		// of it, coordinates included, is an address.
		b.fixed("[location] ")
		if l := in.Location; l != nil {
			where := strings.Trim(strings.Join([]string{l.Name, l.Address}, ", "), ", ")
			if l.Latitude != "" || l.Longitude != "" {
				where = strings.TrimSpace(where + " (" + l.Latitude + ", " + l.Longitude + ")")
			}
			b.as(where, policy.SpanAddress)
			d.Location = l
		} else {
			b.as(in.Text, policy.SpanAddress)
		}
	case bsp.MessageContacts:
		d.Contacts, d.ContactsNotFetched = in.Contacts, in.ContactsNotFetched
		switch {
		case in.ContactsNotFetched:
			b.fixed("[contact card: linked by the provider, not fetched]")
		case len(in.Contacts) == 0:
			b.fixed("[contact card]")
		default:
			b.fixed(fmt.Sprintf("[contact card: %d]", len(in.Contacts)))
			for _, c := range in.Contacts {
				b.fixed(" ")
				b.as(c.Name, policy.SpanName)
				for _, p := range c.Phones {
					b.fixed(" ")
					b.as(p, policy.SpanPhone)
				}
				for _, e := range c.Emails {
					b.fixed(" ")
					b.as(e, policy.SpanEmail)
				}
			}
		}
	case bsp.MessageOrder:
		d.Order = in.Order
		n := 0
		if in.Order != nil {
			n = len(in.Order.Items)
		}
		b.fixed(fmt.Sprintf("[order: %d item(s)]", n))
		if in.Text != "" {
			b.fixed(" ")
			b.text(in.Text)
		}
	case bsp.MessageFlow:
		d.FlowResponse, d.Payload = in.FlowResponse, in.Payload
		b.fixed("[form]")
		flowAnswers(&b, in.FlowResponse)
	case bsp.MessageSystem:
		d.SystemType, d.NewNumber = in.SystemType, in.NewNumber
		switch in.SystemType {
		case bsp.SystemNumberChanged:
			b.fixed("[the patient changed their WhatsApp number]")
		case bsp.SystemIdentityChanged:
			b.fixed("[the patient's WhatsApp identity changed (new phone or reinstall)]")
		default:
			b.fixed("[WhatsApp system notice]")
		}
	case bsp.MessageRevoke:
		b.fixed("[the patient deleted a message]")
	case bsp.MessageReaction:
		d.ReactionRemoved = in.ReactionRemoved
		if in.ReactionRemoved {
			b.fixed("[reaction removed]")
		} else {
			b.text(in.Text)
		}
	case bsp.MessageEdit:
		d.EditedType = string(in.EditedType)
		if in.EditedType.IsMedia() {
			b.fixed(mediaPlaceholder(in.EditedType))
			if in.Text != "" {
				b.fixed(" ")
			}
		}
		b.text(in.Text)
	case bsp.MessageUnreadable:
		d.Reason = in.Reason
		b.fixed("[a message arrived that could not be read; it is kept for the record]")
	default:
		if typ.IsMedia() {
			b.fixed(mediaPlaceholder(typ))
			if in.Text != "" {
				b.fixed(" ")
			}
			b.text(in.Text)
		} else if in.Text == "" {
			b.fixed(fmt.Sprintf("[%s]", typ))
		} else {
			b.text(in.Text)
		}
	}
	if in.Payload != "" && typ != bsp.MessageFlow {
		d.Payload, d.PayloadTitle = in.Payload, in.PayloadTitle
		d.PayloadMasked = policy.Detect(in.Payload).Masked
	}
	mt := &maskedInbound{typ: typ, body: b.body.String(), masked: b.masked.String(), spans: b.spans, clinical: b.clinical}
	if !d.Empty() {
		mt.detail = d
	}
	return mt
}

// flowAnswers appends a Flow's answers, one "field: answer" each in field
// order. Every answer is the patient's (a form asks for names, dates of
// birth, symptoms), so each goes through the detector, and fields whose
// name says what they hold are masked as that whatever the detector
// thinks. The flow token is the clinic's own and is left out.
func flowAnswers(b *maskedText, response string) {
	var answers map[string]any
	if response == "" || json.Unmarshal([]byte(response), &answers) != nil {
		if response != "" {
			b.fixed(" ")
			b.as(response, policy.SpanID)
		}
		return
	}
	keys := make([]string, 0, len(answers))
	for k := range answers {
		if k != "flow_token" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for i, k := range keys {
		if i > 0 {
			b.fixed(";")
		}
		b.fixed(" " + k + ": ")
		v := answers[k]
		s, ok := v.(string)
		if !ok {
			raw, _ := json.Marshal(v)
			s = string(raw)
		}
		if t, ok := fieldType(k); ok {
			b.as(s, t)
		} else {
			b.text(s)
		}
	}
}

// fieldType says which identifier a form field holds, by its name.
func fieldType(key string) (policy.SpanType, bool) {
	k := strings.ToLower(key)
	for _, h := range []struct {
		hint string
		t    policy.SpanType
	}{
		{"birth", policy.SpanDOB}, {"dob", policy.SpanDOB},
		{"name", policy.SpanName},
		{"phone", policy.SpanPhone}, {"mobile", policy.SpanPhone},
		{"email", policy.SpanEmail}, {"mail", policy.SpanEmail},
		{"address", policy.SpanAddress}, {"street", policy.SpanAddress}, {"city", policy.SpanAddress},
		{"zip", policy.SpanZIP}, {"postcode", policy.SpanZIP}, {"postal", policy.SpanZIP},
		{"ssn", policy.SpanSSN}, {"insurance", policy.SpanMemberID}, {"member", policy.SpanMemberID},
		{"mrn", policy.SpanMRN}, {"record", policy.SpanMRN},
	} {
		if strings.Contains(k, h.hint) {
			return h.t, true
		}
	}
	return "", false
}

// composeThread is what a console shows of a thread's messages: a reply
// names the message it answers, reactions sit on their target (a removal
// takes the patient's reaction away), an edit replaces the text of its
// original and marks it edited, and a revoke withholds its original's
// text. Reactions, edits and revokes whose target is in the thread are
// not lines of their own; one whose target is unknown (sent before the
// clinic used this system) stays a line, so nothing a patient did is
// invisible.
func composeThread(msgs []records.Message) []api.Message {
	byProvider := make(map[string]int, len(msgs))
	for i, m := range msgs {
		if m.ProviderID != "" {
			byProvider[m.ProviderID] = i
		}
	}
	out := make([]api.Message, len(msgs))
	shown := make([]bool, len(msgs))
	reactions := map[int]*api.Reaction{} // one current reaction per target: the patient's latest
	for i, m := range msgs {
		out[i], shown[i] = m.API(), true
	}
	// A second pass: an edit or revoke may arrive before its original.
	for i, m := range msgs {
		d := m.Detail
		if d == nil {
			continue
		}
		out[i].Forwarded = d.Forwarded
		if d.Payload != "" && m.Type != string(bsp.MessageFlow) {
			out[i].Choice = &api.Choice{ID: d.PayloadMasked, Title: policy.Detect(d.PayloadTitle).Masked}
		}
		if d.Order != nil {
			for _, it := range d.Order.Items {
				out[i].Items = append(out[i].Items, api.OrderItem{ProductID: it.ProductID, Quantity: it.Quantity, Price: it.Price, Currency: it.Currency})
			}
		}
		if d.ReplyTo != "" {
			if t, ok := byProvider[d.ReplyTo]; ok {
				out[i].ReplyTo = msgs[t].ID
			}
		}
		t, ok := byProvider[d.Target]
		if d.Target == "" || !ok || msgs[t].ThreadID != m.ThreadID {
			continue
		}
		switch bsp.MessageType(m.Type) {
		case bsp.MessageReaction:
			shown[i] = false
			if d.ReactionRemoved {
				delete(reactions, t)
			} else {
				reactions[t] = &api.Reaction{Emoji: m.Masked, At: m.At}
			}
		case bsp.MessageEdit:
			shown[i] = false
			if !out[t].Revoked {
				out[t].Masked, out[t].Spans, out[t].Edited = m.Masked, m.Spans, true
				out[t].Clinical = out[t].Clinical || m.Clinical
			}
		case bsp.MessageRevoke:
			shown[i] = false
			out[t].Revoked, out[t].Masked, out[t].Spans, out[t].Choice, out[t].Items = true, "", nil, nil, nil
			delete(reactions, t)
		}
	}
	list := make([]api.Message, 0, len(msgs))
	for i := range out {
		if r := reactions[i]; r != nil && !out[i].Revoked {
			out[i].Reactions = []api.Reaction{*r}
		}
		if shown[i] {
			list = append(list, out[i])
		}
	}
	return list
}

// Server audit actions for what a patient's message changes beyond
// adding itself to the thread.
const (
	ActionMessageUnreadable = "webhook.unreadable"
	ActionMessageRevoked    = "message.revoked"
	ActionMessageEdited     = "message.edited"
	ActionNumberChange      = "patient.number_change"
)

// applyMessageKind records what a stored message does to others or to its
// patient: an unreadable record, a revoke or edit (which change what
// staff see of an earlier message), and a number change (which moves the
// patient to the new number). Each is audited in the webhook's savepoint.
func (s *Server) applyMessageKind(ctx context.Context, q Querier, p records.Patient, m *records.Message, in *bsp.InboundMessage, now time.Time, stats *ingestStats) error {
	audit := func(action, outcome string, detail map[string]string) error {
		detail["message"] = m.ID
		return s.auditServer(ctx, q, auditRecord{UserID: "system", Action: action, Object: "thread:" + m.ThreadID, Outcome: outcome, Detail: detail})
	}
	target := func() string {
		if t, err := s.store.Messages.ByProviderID(ctx, q, in.TargetID); err == nil && t.ThreadID == m.ThreadID {
			return t.ID
		}
		return "" // not (yet) in this thread: the view joins them when it arrives
	}
	switch bsp.MessageType(m.Type) {
	case bsp.MessageUnreadable:
		stats.unreadable++
		return audit(ActionMessageUnreadable, "recorded", map[string]string{"digest": m.Detail.Digest, "reason": m.Detail.Reason, "raw_type": typeName(in.RawType)})
	case bsp.MessageRevoke:
		return audit(ActionMessageRevoked, "ok", map[string]string{"target": target()})
	case bsp.MessageEdit:
		return audit(ActionMessageEdited, "ok", map[string]string{"target": target()})
	case bsp.MessageSystem:
		if in.SystemType != bsp.SystemNumberChanged || in.NewNumber == "" {
			return nil
		}
		return s.changeNumber(ctx, q, p, m, in.NewNumber, now, stats)
	}
	return nil
}

// changeNumber links a patient's new number to their record, so the next
// message from it lands in the same thread, and decides their consent:
// it carries over only when the clinic's policy says so
// (Config.ConsentFollowsNumberChange); otherwise a patient who had opted
// in is recorded as not opted in until they opt in from the new number.
func (s *Server) changeNumber(ctx context.Context, q Querier, p records.Patient, m *records.Message, newNumber string, now time.Time, stats *ingestStats) error {
	detail := map[string]string{"message": m.ID}
	err := s.store.Patients.ChangeNumber(ctx, q, p.ID, newNumber, now)
	if errors.Is(err, records.ErrNumberTaken) {
		detail["reason"] = "the new number already belongs to another patient; not merged"
		return s.auditServer(ctx, q, auditRecord{UserID: "system", Action: ActionNumberChange, Object: "patient:" + p.ID, Outcome: "refused", Detail: detail})
	}
	if err != nil {
		return err
	}
	stats.numberChanges++
	detail["consent"] = "none"
	if p.OptedIn {
		detail["consent"] = "carried over"
		if !s.cfg.ConsentFollowsNumberChange {
			detail["consent"] = "reset"
			changed, err := s.store.Patients.SetConsent(ctx, q, p.ID, false, "whatsapp:number-change", m.ID, now)
			if err != nil {
				return err
			}
			if changed {
				stats.consent++
				if err := s.auditServer(ctx, q, auditRecord{UserID: "system", Action: "consent.change", Object: "patient:" + p.ID, Outcome: "ok",
					Detail: map[string]string{"opted_in": "false", "source": "whatsapp:number-change", "message": m.ID}}); err != nil {
					return err
				}
			}
		}
	}
	return s.auditServer(ctx, q, auditRecord{UserID: "system", Action: ActionNumberChange, Object: "patient:" + p.ID, Outcome: "ok", Detail: detail})
}

// typeName is a provider's message type name fit for an audit entry: a
// short lowercase word, or "other". The name comes from the body, and an
// unreadable body may put anything there.
func typeName(s string) string {
	if s == "" || len(s) > 32 {
		return "other"
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && r != '_' {
			return "other"
		}
	}
	return s
}
