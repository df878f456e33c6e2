package api

import "time"

// Consent channels: how a patient gave or withdrew consent.
const (
	ConsentByKeyword         = "patient_keyword"   // the patient wrote YES, STOP, SÍ, BAJA…
	ConsentByFrontDeskVerbal = "front_desk_verbal" // told a named staff member
	ConsentByFrontDeskPaper  = "front_desk_paper"  // signed the clinic's paper form
	ConsentByPortal          = "portal"            // chose it in the patient portal
	ConsentByImport          = "import"            // collected elsewhere, loaded from a file
	ConsentBySeed            = "seed"              // demo data
)

// ConsentState is a thread's patient's WhatsApp consent as the thread
// header shows it.
type ConsentState struct {
	OptedIn bool `json:"opted_in"`
	// Recorded says a consent record exists; false means the patient has
	// never opted in or out.
	Recorded    bool      `json:"recorded"`
	Channel     string    `json:"channel,omitempty"`
	TextVersion string    `json:"text_version,omitempty"`
	RecordedBy  string    `json:"recorded_by,omitempty"` // username, or "patient"
	At          time.Time `json:"at,omitempty"`
	// ExplanationAt is when the clinic's first-message explanation with
	// its opt-in question went out; zero if it never did.
	ExplanationAt time.Time `json:"explanation_at,omitempty"`
	// FlaggedOptOut is an open plain-language request to stop that a
	// person must confirm or dismiss.
	FlaggedOptOut *ConsentFlag `json:"flagged_opt_out,omitempty"`
	// Allowed says, in a sentence, what staff may send now.
	Allowed string `json:"allowed"`
	// PHIPreference notes a documented request for health details over
	// WhatsApp (requested, or confirmed by the patient); "" when none.
	PHIPreference string `json:"phi_preference,omitempty"`
	// OfferVersion is the consent explanation staff read out or hand over
	// when they record a verbal or paper opt-in (the patient's language).
	OfferVersion string `json:"offer_version,omitempty"`
}

// ConsentFlag is a patient message that read as a request to stop.
type ConsentFlag struct {
	ID        int64     `json:"id"`
	MessageID string    `json:"message_id"`
	At        time.Time `json:"at"`
}

// Consent actions.
const (
	ConsentActionOptIn          = "opt_in"          // record a verbal or paper opt-in
	ConsentActionConfirmOptOut  = "confirm_opt_out" // act on a flagged request to stop
	ConsentActionDismissOptOut  = "dismiss_opt_out" // the flagged message was not a request to stop
	ConsentActionRecordedOptOut = "opt_out"         // the patient asked staff to stop, in person or by phone
)

// ConsentRequest records a consent decision taken by staff.
type ConsentRequest struct {
	Action string `json:"action"`
	// Channel is front_desk_verbal or front_desk_paper for opt_in and opt_out.
	Channel string `json:"channel,omitempty"`
	// TextVersion is the consent wording read to, or signed by, the patient.
	TextVersion string `json:"text_version,omitempty"`
	// FlagID names the flagged message for confirm and dismiss.
	FlagID int64 `json:"flag_id,omitempty"`
}

// ConsentResponse is the patient's consent after the request.
type ConsentResponse struct {
	Consent ConsentState `json:"consent"`
	// Confirmation says whether a confirmation went to the patient (it
	// cannot outside the 24-hour window).
	ConfirmationSent bool `json:"confirmation_sent"`
}

// PatientClock is what the composer needs to answer at a good time and
// within the cap: the patient's own time and how many messages they got.
type PatientClock struct {
	// Zone is the patient's time zone, from their number ("" when unknown:
	// the clinic's zone is used). ZoneOffsetSeconds is its offset now.
	Zone              string `json:"zone,omitempty"`
	ZoneOffsetSeconds int    `json:"zone_offset_seconds"`
	// SeveralZones says the number's region spans zones; quiet hours hold
	// in all. ZoneOffsetSeconds is then the westernmost offset and
	// MaxZoneOffsetSeconds the easternmost.
	SeveralZones         bool `json:"several_zones,omitempty"`
	MaxZoneOffsetSeconds int  `json:"max_zone_offset_seconds,omitempty"`
	// QuietStart and QuietEnd are the quiet hours, patient's time.
	QuietStart int `json:"quiet_start"`
	QuietEnd   int `json:"quiet_end"`
	// SentInWindow counts messages sent to the patient in the cap's window
	// (24 hours); Cap is the clinic's limit.
	SentInWindow int `json:"sent_in_window"`
	Cap          int `json:"cap"`
}

// ScheduleResponse is a message scheduled for the patient's next allowed
// minute (after a quiet-hours refusal).
type ScheduleResponse struct {
	Scheduled ScheduledSend `json:"scheduled"`
}

// ScheduledSend is one scheduled message as a thread shows it.
type ScheduledSend struct {
	ID    string    `json:"id"`
	DueAt time.Time `json:"due_at"`
	State string    `json:"state"` // pending, sending, sent, refused, cancelled
	// What is one of "quick reply <id>", "template <name>", "free text".
	What    string `json:"what"`
	Outcome string `json:"outcome,omitempty"`
}
