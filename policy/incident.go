package policy

import "time"

// An incident is a possible breach of unsecured PHI (45 CFR 164.402): a
// message sent to the wrong patient, PHI sent over WhatsApp, or PHI
// received where it should not be. A supervisor assesses it with the
// four-factor test, remediates, and decides within the notification
// window whether it must be notified.

// Incident kinds.
const (
	IncidentWrongRecipient = "wrong_recipient"
	IncidentPHISent        = "phi_sent"
	IncidentPHIReceived    = "phi_received"
)

// IncidentKinds names each kind for people.
var IncidentKinds = map[string]string{
	IncidentWrongRecipient: "sent to the wrong patient",
	IncidentPHISent:        "PHI sent in WhatsApp",
	IncidentPHIReceived:    "PHI received where it should not be",
}

// Incident outcomes (164.402(2)): notification is presumed unless the
// assessment shows a low probability that the PHI was compromised.
const (
	OutcomeNotificationRequired = "notification_required"
	OutcomeLowProbability       = "low_probability_of_compromise"
)

// NotificationWindow is how long after discovery a breach may be notified
// at the latest (164.404(b): without unreasonable delay and in no case
// later than 60 calendar days).
const NotificationWindow = 60 * 24 * time.Hour

// IncidentRetention is how long an incident record is kept at least
// (164.530(j): six years from creation).
const IncidentRetention = 6 * 365 * 24 * time.Hour

// RemediationSteps are the standard steps every incident lists, in order.
var RemediationSteps = []struct{ ID, Label string }{
	{"ask_delete", "Ask the recipient to delete the message"},
	{"revoke_link", "Revoke the portal link"},
	{"rotate_token", "Rotate the token"},
}

// NotifyBy is the last day notification may go out for an incident
// discovered at discovered.
func NotifyBy(discovered time.Time) time.Time { return discovered.Add(NotificationWindow) }

// DaysLeft is the whole days from now until the notification deadline,
// counting a started day as a day; negative when the deadline passed.
func DaysLeft(discovered, now time.Time) int {
	left := NotifyBy(discovered).Sub(now)
	if left <= 0 {
		return -int((-left)/(24*time.Hour)) - 1
	}
	return int((left + 24*time.Hour - 1) / (24 * time.Hour))
}
