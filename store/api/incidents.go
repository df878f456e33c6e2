package api

import "time"

// OpenIncidentRequest opens a misdirected-message incident from a thread
// (and optionally one message of it). Description is free text, sealed at
// rest and shown to supervisors only.
type OpenIncidentRequest struct {
	ThreadID    string `json:"thread_id"`
	MessageID   string `json:"message_id,omitempty"`
	Kind        string `json:"kind"` // policy.Incident…
	Description string `json:"description,omitempty"`
}

// IncidentAssessment is the four-factor risk assessment of 45 CFR
// 164.402(2), one sentence or more per factor.
type IncidentAssessment struct {
	Nature     string `json:"nature"`     // (i) nature and extent of the PHI, identifiers, likelihood of re-identification
	Recipient  string `json:"recipient"`  // (ii) the unauthorized person who used it or to whom it was disclosed
	Acquired   string `json:"acquired"`   // (iii) whether the PHI was actually acquired or viewed
	Mitigation string `json:"mitigation"` // (iv) the extent to which the risk has been mitigated
}

// IncidentStep is one remediation step and who checked it off when.
type IncidentStep struct {
	ID     string    `json:"id"`
	Label  string    `json:"label"`
	Done   bool      `json:"done"`
	DoneBy string    `json:"done_by,omitempty"`
	DoneAt time.Time `json:"done_at,omitzero"`
}

// Incident is one incident as a supervisor works it.
type Incident struct {
	ID           string             `json:"id"`
	Kind         string             `json:"kind"`
	ThreadID     string             `json:"thread_id,omitempty"`
	PatientLabel string             `json:"patient_label,omitempty"`
	MessageID    string             `json:"message_id,omitempty"`
	OpenedBy     string             `json:"opened_by"`
	DiscoveredAt time.Time          `json:"discovered_at"`
	OpenedAt     time.Time          `json:"opened_at"`
	Description  string             `json:"description,omitempty"`
	Assessment   IncidentAssessment `json:"assessment"`
	Steps        []IncidentStep     `json:"steps"`
	Outcome      string             `json:"outcome,omitempty"`
	Reasoning    string             `json:"reasoning,omitempty"`
	DecidedBy    string             `json:"decided_by,omitempty"`
	DecidedAt    time.Time          `json:"decided_at,omitzero"`
	State        string             `json:"state"` // open, closed
	// NotifyBy is the 60-day notification deadline from discovery;
	// DaysLeft counts down to it (negative once passed).
	NotifyBy time.Time `json:"notify_by"`
	DaysLeft int       `json:"days_left"`
	Version  int       `json:"version"`
}

// IncidentUpdate is a supervisor's change to an incident. Version must
// be the version the supervisor saw (409 otherwise). Any field left nil
// or empty is unchanged; an Outcome with its Reasoning decides and
// closes the incident.
type IncidentUpdate struct {
	Version    int                 `json:"version"`
	Assessment *IncidentAssessment `json:"assessment,omitempty"`
	Done       []string            `json:"done,omitempty"`     // step ids to check off
	AddStep    string              `json:"add_step,omitempty"` // a further step of the supervisor's own
	Outcome    string              `json:"outcome,omitempty"`
	Reasoning  string              `json:"reasoning,omitempty"`
}
