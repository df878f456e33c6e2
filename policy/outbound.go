package policy

import (
	"fmt"
	"strings"
	"time"
)

// OutboundRules are the clinic's outbound limits. Zero values are replaced
// by DefaultOutboundRules' values.
type OutboundRules struct {
	// QuietStart and QuietEnd bound the quiet hours in the patient's own
	// time zone, as hours of the day (21 and 8: no messages 21:00–08:00).
	QuietStart, QuietEnd int
	// AwakeGrace lets the clinic answer, during quiet hours, a patient who
	// wrote within this long: they are awake and waiting for the answer.
	AwakeGrace time.Duration
	// MaxPerDay caps outbound messages to one patient in any 24 hours.
	MaxPerDay int
	// Window is WhatsApp's customer-service window.
	Window time.Duration
	// Clinic is the allow-list of what the clinic says about itself
	// (names, address, numbers, web, staff); empty allows nothing.
	Clinic ClinicProfile
}

// DefaultOutboundRules are the limits a clinic starts with.
func DefaultOutboundRules() OutboundRules {
	return OutboundRules{QuietStart: 21, QuietEnd: 8, AwakeGrace: 30 * time.Minute, MaxPerDay: 10, Window: 24 * time.Hour}
}

// Outbound is everything the outbound rules need to know about one send.
type Outbound struct {
	Now time.Time
	// OptedIn is the patient's recorded WhatsApp opt-in, false after STOP.
	OptedIn bool
	// RoleDenied is the permission matrix's refusal sentence when the
	// sender's role may not send this; empty when it may.
	RoleDenied string
	// Text is the free text, or the macro body before its portal link is
	// inserted (the link itself is the clinic's own and carries no PHI).
	Text string
	// Template says an approved WhatsApp template is being sent, which
	// may go outside the 24-hour window.
	Template bool
	// LastInboundAt is when the patient last wrote (zero if never).
	LastInboundAt time.Time
	// PatientZone is the patient's time zone; nil means the clinic's.
	PatientZone *time.Location
	// SentLast24h counts messages sent to the patient in the past 24 hours.
	SentLast24h int
	Rules       OutboundRules
}

// Rule names, stable: they appear in audit entries and API refusals.
const (
	RuleConsent    = "consent"
	RuleRole       = "role"
	RulePHI        = "phi"
	RuleWindow     = "window"
	RuleQuietHours = "quiet_hours"
	RuleFrequency  = "frequency"
	RuleEmpty      = "empty"
)

// OutboundDecision is the verdict on one send. When Allowed is false, Rule
// and Reason say why, and OfferPortalLink says the secure-portal link is the
// way out.
type OutboundDecision struct {
	Allowed         bool
	Rule            string
	Reason          string
	SpanTypes       []string
	OfferPortalLink bool
	// Detection is the masker's view of Text, for the audit trail's
	// record of which span types were involved.
	Detection Detection
}

// DecideOutbound runs the outbound pipeline in the order the design card
// fixes: consent, role, PHI in the text, 24-hour window, quiet hours,
// frequency cap. The first rule that says no decides.
func DecideOutbound(o Outbound) OutboundDecision {
	r := o.Rules.withDefaults()
	refuse := func(rule, reason string) OutboundDecision {
		return OutboundDecision{Rule: rule, Reason: reason}
	}
	if !o.OptedIn {
		return refuse(RuleConsent, "This patient has not opted in to WhatsApp messages (or sent STOP). Nothing can be sent until they opt in again.")
	}
	if o.RoleDenied != "" {
		return refuse(RuleRole, o.RoleDenied)
	}
	if strings.TrimSpace(o.Text) == "" {
		return refuse(RuleEmpty, "The message is empty.")
	}
	scr := ScreenOutbound(o.Text, r.Clinic)
	det := scr.Detection
	if scr.Refused() {
		types := scr.Types()
		reason := fmt.Sprintf("This message contains health information (%s), which must not travel over WhatsApp. Send the secure-portal link instead.", strings.Join(types, ", "))
		if len(scr.Blocking) == 0 {
			reason = fmt.Sprintf("This message tells the patient about their %s, which must not travel over WhatsApp even without a name. Send the secure-portal link instead.", disclosureNoun(scr.Disclosure))
		}
		return OutboundDecision{
			Rule:            RulePHI,
			Reason:          reason,
			SpanTypes:       types,
			OfferPortalLink: true,
			Detection:       det,
		}
	}
	if !o.Template {
		if o.LastInboundAt.IsZero() || o.Now.Sub(o.LastInboundAt) > r.Window {
			return refuse(RuleWindow, "More than 24 hours have passed since the patient last wrote, so WhatsApp allows only an approved template now.")
		}
	}
	if inQuietHours(o.Now, o.PatientZone, r) && (o.LastInboundAt.IsZero() || o.Now.Sub(o.LastInboundAt) > r.AwakeGrace) {
		return refuse(RuleQuietHours, fmt.Sprintf("It is quiet hours for the patient (%02d:00–%02d:00 their time). The message can go out in the morning.", r.QuietStart, r.QuietEnd))
	}
	if o.SentLast24h >= r.MaxPerDay {
		return refuse(RuleFrequency, fmt.Sprintf("This patient has already received %d messages in the past 24 hours, the clinic's limit.", o.SentLast24h))
	}
	return OutboundDecision{Allowed: true, Detection: det}
}

// disclosureNoun words a disclosure kind for the sender.
func disclosureNoun(kind string) string {
	switch kind {
	case "results":
		return "test results"
	case "diagnosis":
		return "diagnosis"
	case "medication":
		return "medication or dose"
	case "care":
		return "procedure or treatment"
	}
	return "health"
}

func (r OutboundRules) withDefaults() OutboundRules {
	d := DefaultOutboundRules()
	if r.QuietStart == 0 && r.QuietEnd == 0 {
		r.QuietStart, r.QuietEnd = d.QuietStart, d.QuietEnd
	}
	if r.AwakeGrace == 0 {
		r.AwakeGrace = d.AwakeGrace
	}
	if r.MaxPerDay == 0 {
		r.MaxPerDay = d.MaxPerDay
	}
	if r.Window == 0 {
		r.Window = d.Window
	}
	return r
}

// inQuietHours reports whether now falls in the quiet hours in zone. The
// span may wrap midnight (21→8) or not (13→14).
func inQuietHours(now time.Time, zone *time.Location, r OutboundRules) bool {
	if zone != nil {
		now = now.In(zone)
	}
	h := now.Hour()
	if r.QuietStart == r.QuietEnd {
		return false
	}
	if r.QuietStart < r.QuietEnd {
		return h >= r.QuietStart && h < r.QuietEnd
	}
	return h >= r.QuietStart || h < r.QuietEnd
}
