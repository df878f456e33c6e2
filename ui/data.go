package ui

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// This file turns wire types into what the views draw. Every string a
// patient, a provider or the network controls passes policy.Sanitize or
// policy.SanitizeLine here, once, when it arrives; the view helpers accept
// only policy.SafeText, so nothing unsanitised can reach the terminal.

// threadRow is one inbox row, ready to draw.
type threadRow struct {
	id          string // opaque key; never drawn
	label       policy.SafeText
	preview     policy.SafeText
	unread      int
	state       api.ThreadState
	clinical    bool
	optedIn     bool
	lastAt      time.Time
	windowUntil time.Time
	lastOut     deliveryStatus
	// lastFromClinic: the preview is the clinic's own message, the one
	// lastOut is the status of.
	lastFromClinic bool
	// lastOutAuto: the clinic's latest message, the one lastOut is the
	// status of, is an automatic text (the first-message explanation, a
	// consent text, the safety reply); the preview stays what a person
	// last wrote.
	lastOutAuto bool
	urgent      bool
	inbound     int   // patient messages ever; with unread, this user's read marker
	seq         int64 // the server's change number of this row
	arrival     int64 // orders rows active in the same second (api.ThreadSummary.Arrival)

	// The triage workflow (queues.go): the queue the thread is in, its
	// owner, the patient's wait, and the hand-off or escalation that put
	// it there.
	wf rowWorkflow
}

// cursor is the inbox cursor of the page that starts after this row.
func (r threadRow) cursor() string { return api.InboxCursor(r.urgent, r.lastAt, r.arrival, r.id) }

// messageView is one message of an open thread, ready to draw.
type messageView struct {
	id       string // opaque key; never drawn
	inbound  bool
	body     policy.SafeText
	types    []policy.SafeText // what was masked in it, sorted
	clinical bool
	status   deliveryStatus
	failure  policy.SafeText // the provider's plain-language reason
	sentBy   policy.SafeText
	macro    bool
	via      string // "quick reply", "template" or "automatic": how an outbound message was made
	at       time.Time

	// What the patient's message is beyond its text (all masked by the
	// server, sanitised here).
	quote     policy.SafeText   // the start of the message it replies to
	choice    policy.SafeText   // the button or list option picked
	reactions policy.SafeText   // the patient's reactions to it
	items     []policy.SafeText // an order's lines
	edited    bool
	revoked   bool
	forwarded bool

	linkOpenedAt time.Time // when the portal link it carried was first opened
}

// quoteLen is how much of a replied-to message a reply quotes.
const quoteLen = 48

// quoteOf is the one-line start of a message, for a reply's quote.
func quoteOf(m api.Message) string {
	if m.Revoked {
		return "a message the patient deleted"
	}
	s := strings.Join(strings.Fields(m.Masked), " ")
	if r := []rune(s); len(r) > quoteLen {
		s = string(r[:quoteLen-1]) + "…"
	}
	return "“" + s + "”"
}

// threadView is an open thread.
type threadView struct {
	row     threadRow
	consent consentView
	// consentFlag and consentOffer are what the consent key acts on: the
	// flagged request's id and the explanation version to record.
	consentFlag  int64
	consentOffer string
	// clock is the patient's time and the cap's count (nil from older servers).
	clock *api.PatientClock
	// scheduled are the thread's scheduled messages.
	scheduled []api.ScheduledSend
	messages  []messageView
	// masked is every type masked anywhere in the thread, sorted.
	masked []policy.SafeText
}

// deliveryStatus is an outbound message's progress.
type deliveryStatus struct {
	kind statusKind
	raw  policy.SafeText // the server's word, for kinds we do not know
}

type statusKind int

const (
	statusNone statusKind = iota
	statusQueued
	statusSent
	statusDelivered
	statusRead
	statusFailed
	statusOther
)

func parseStatus(s string) deliveryStatus {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return deliveryStatus{}
	case "queued", "pending", "accepted":
		return deliveryStatus{kind: statusQueued}
	case "sent":
		return deliveryStatus{kind: statusSent}
	case "delivered":
		return deliveryStatus{kind: statusDelivered}
	case "read":
		return deliveryStatus{kind: statusRead}
	case "failed", "undelivered", "error":
		return deliveryStatus{kind: statusFailed}
	}
	return deliveryStatus{kind: statusOther, raw: policy.SanitizeLine(s)}
}

func newThreadRow(s api.ThreadSummary) threadRow {
	return threadRow{
		id:             s.ID,
		label:          policy.SanitizeLine(s.PatientLabel),
		preview:        policy.SanitizeLine(s.Preview),
		unread:         max(s.Unread, 0),
		state:          s.State,
		clinical:       s.Clinical,
		optedIn:        s.OptedIn,
		lastAt:         s.LastAt,
		windowUntil:    s.WindowOpenUntil,
		lastOut:        parseStatus(s.LastOutStatus),
		lastFromClinic: s.LastFromClinic,
		lastOutAuto:    s.LastOutAuto,
		urgent:         s.Urgent,
		inbound:        s.Inbound,
		seq:            s.Seq,
		arrival:        s.Arrival,
		wf:             newRowWorkflow(s),
	}
}

func newThreadView(d api.ThreadDetail) threadView {
	v := threadView{row: newThreadRow(d.Thread), consent: newConsentView(d.Consent)}
	v.scheduled = d.Scheduled
	if d.Clock != nil {
		c := *d.Clock
		c.Zone = policy.SanitizeLine(c.Zone).String()
		v.clock = &c
	}
	if c := d.Consent; c != nil {
		v.consentOffer = c.OfferVersion
		if c.FlaggedOptOut != nil {
			v.consentFlag = c.FlaggedOptOut.ID
		}
	}
	all := map[policy.SafeText]bool{}
	msgs := append([]api.Message(nil), d.Messages...)
	sort.SliceStable(msgs, func(i, j int) bool { return msgs[i].At.Before(msgs[j].At) })
	byID := make(map[string]api.Message, len(msgs))
	for _, m := range msgs {
		byID[m.ID] = m
	}
	for _, m := range msgs {
		mv := messageView{
			id:       m.ID,
			inbound:  m.Direction == "in",
			body:     policy.Sanitize(m.Masked),
			clinical: m.Clinical,
			failure:  policy.SanitizeLine(m.Error),
			sentBy:   policy.SanitizeLine(m.SentBy),
			macro:    m.MacroID != "",
			via:      outboundVia(m.MacroID),
			at:       m.At,
		}
		mv.edited, mv.revoked, mv.forwarded = m.Edited, m.Revoked, m.Forwarded
		mv.linkOpenedAt = m.LinkOpenedAt
		if m.ReplyTo != "" {
			if q, ok := byID[m.ReplyTo]; ok {
				mv.quote = policy.SanitizeLine(quoteOf(q))
			}
		}
		if c := m.Choice; c != nil {
			choice := c.Title
			if c.ID != "" && c.ID != c.Title {
				choice = strings.TrimSpace(choice + " (" + c.ID + ")")
			}
			mv.choice = policy.SanitizeLine(choice)
		}
		if len(m.Reactions) > 0 {
			var rs []string
			for _, r := range m.Reactions {
				rs = append(rs, r.Emoji)
			}
			mv.reactions = policy.SanitizeLine(strings.Join(rs, " "))
		}
		for _, it := range m.Items {
			line := it.Quantity + " × " + it.ProductID
			if it.Price != "" {
				line += " @ " + strings.TrimSpace(it.Price+" "+it.Currency)
			}
			mv.items = append(mv.items, policy.SanitizeLine(line))
		}
		if !mv.inbound {
			mv.status = parseStatus(m.Status)
			if !mv.failure.IsEmpty() && mv.status.kind == statusNone {
				mv.status.kind = statusFailed
			}
		}
		seen := map[policy.SafeText]bool{}
		for _, sp := range m.Spans {
			t := policy.SanitizeLine(sp.Type)
			if t.IsEmpty() || seen[t] {
				continue
			}
			seen[t] = true
			all[t] = true
			mv.types = append(mv.types, t)
		}
		sortSafe(mv.types)
		v.messages = append(v.messages, mv)
	}
	for t := range all {
		v.masked = append(v.masked, t)
	}
	sortSafe(v.masked)
	return v
}

func sortSafe(s []policy.SafeText) {
	sort.Slice(s, func(i, j int) bool { return s[i].Less(s[j]) })
}

// placeholder finds the "[TYPE]" marks the masker leaves in text.
var placeholder = regexp.MustCompile(`\[[A-Z][A-Z_]{1,24}\]`)

// maskTypes is every placeholder the masker writes, so the view styles
// "[PHONE]" as masked but leaves "[sic]" or "[OK]" alone.
var maskTypes = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range []policy.SpanType{
		policy.SpanName, policy.SpanDOB, policy.SpanDate, policy.SpanAge,
		policy.SpanPhone, policy.SpanFax, policy.SpanEmail, policy.SpanSSN,
		policy.SpanMRN, policy.SpanMemberID, policy.SpanAccount, policy.SpanCard,
		policy.SpanLicense, policy.SpanVehicle, policy.SpanDevice, policy.SpanURL,
		policy.SpanIP, policy.SpanAddress, policy.SpanZIP, policy.SpanBiometric,
		policy.SpanPhoto, policy.SpanID, policy.SpanMedication,
		policy.SpanCondition, policy.SpanLab, policy.SpanSymptom,
	} {
		m["["+string(t)+"]"] = true
	}
	return m
}()

// relTime says how long ago t was, in the inbox's short form.
func relTime(now, t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "now"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + "m"
	case d < 24*time.Hour:
		return strconv.Itoa(int(d/time.Hour)) + "h"
	default:
		return strconv.Itoa(int(d/(24*time.Hour))) + "d"
	}
}

// agoText is how long ago t was, as a phrase: "just now", "5m ago".
func agoText(now, t time.Time) string {
	if r := relTime(now, t); r != "now" && r != "-" {
		return r + " ago"
	}
	return "just now"
}

// clockTime is a message's time: the hour today, else the date too.
func clockTime(now, t time.Time) string {
	t = t.In(now.Location())
	if y, m, d := now.Date(); t.Year() == y && t.Month() == m && t.Day() == d {
		return t.Format("15:04")
	}
	if t.Year() == now.Year() {
		return t.Format("Jan 2 15:04")
	}
	return t.Format("Jan 2 2006 15:04")
}
