package api

import "time"

// TemplateInfo is one template of the clinic's library as a console shows
// it: its wording, variable kinds, review cycle and provider status.
type TemplateInfo struct {
	Name      string   `json:"name"`
	Category  string   `json:"category"`
	Language  string   `json:"language"`
	Body      string   `json:"body"`
	Variables []string `json:"variables"` // kinds, in order
	Owner     string   `json:"owner"`
	// LastReview and NextReview are the legal review dates (quarterly).
	LastReview time.Time `json:"last_review"`
	NextReview time.Time `json:"next_review"`
	// ReviewDue says the review date has passed: the template cannot be sent.
	ReviewDue bool `json:"review_due"`
	// Status is the provider's: NOT_SUBMITTED, PENDING, APPROVED, REJECTED, PAUSED, DISABLED.
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"` // the provider's rejection reason
	// Sendable says it can be sent now; WhyNot says why not.
	Sendable bool   `json:"sendable"`
	WhyNot   string `json:"why_not,omitempty"`
}
