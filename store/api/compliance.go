package api

import "time"

// CodePolicyAckRequired is the Error.Code of a thread route refused
// because the signed-in user has not acknowledged the messaging policy in
// force (HTTP 403). The console answers it by showing the policy.
const CodePolicyAckRequired = "policy_ack_required"

// MessagingPolicy is the clinic's messaging policy in force, and where the
// signed-in user stands with it (GET /api/v1/policy).
type MessagingPolicy struct {
	Version string `json:"version"`
	Title   string `json:"title"`
	Text    string `json:"text"`
	SHA256  string `json:"sha256"`
	// Acknowledged is true when the user acknowledged this version within
	// the last year; AckedAt is then when.
	Acknowledged bool      `json:"acknowledged"`
	AckedAt      time.Time `json:"acked_at,omitempty"`
}

// MinAckName and MaxAckName bound the full name typed to acknowledge.
const (
	MinAckName = 3
	MaxAckName = 120
)

// PolicyAckRequest acknowledges one version of the policy by typing one's
// full name (POST /api/v1/policy/ack).
type PolicyAckRequest struct {
	Version  string `json:"version"`
	FullName string `json:"full_name"`
}

// PolicyAckResponse confirms an acknowledgment.
type PolicyAckResponse struct {
	Version string    `json:"version"`
	At      time.Time `json:"at"`
}

// ReviewStatus says whether the quarterly access review is due
// (GET /api/v1/access-review/status, supervisors and admins).
type ReviewStatus struct {
	Due     bool      `json:"due"`
	NextDue time.Time `json:"next_due"`
	LastAt  time.Time `json:"last_at,omitempty"`
	LastBy  string    `json:"last_by,omitempty"`
}

// Vendor is one entry of the clinic's BAA register (GET /api/v1/vendors,
// admins).
type Vendor struct {
	Provider   string `json:"provider"`
	Vendor     string `json:"vendor"`
	BAASigned  bool   `json:"baa_signed"`
	SignedOn   string `json:"signed_on,omitempty"`
	Product    string `json:"product"`
	NextReview string `json:"next_review"`
}

// VendorRegister is the register and what is wrong with it for the
// providers configured.
type VendorRegister struct {
	Vendors   []Vendor `json:"vendors"`
	Providers []string `json:"providers_configured"`
	Findings  []string `json:"findings"`
}
