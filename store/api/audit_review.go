package api

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// AuditReviewFilter selects entries for the privacy officer's audit review
// (GET /api/v1/audit/review). It speaks the reviewer's language: people by
// username and patients by their console label, never internal ids. Empty
// fields do not filter. Entries come newest first.
type AuditReviewFilter struct {
	// User is a username ("maya.frontdesk"), or an actor that has no
	// account: "system", "patient", "unauthenticated", "cli:NAME".
	User string
	// Action is an action name ("message.reveal") or a family of them
	// ("incident" matches incident.open, incident.update, …).
	Action string
	// Patient is a patient label ("Patient 7K2Q", or just "7K2Q") or a
	// thread id taken from a link.
	Patient string
	// From <= at < To; a zero time leaves that end open.
	From, To time.Time
	// After is the Next cursor of the page before; "" is the first page.
	After string
	// Limit is the page size (server default DefaultAuditReviewPage, at
	// most MaxAuditReviewPage).
	Limit int
	// Export marks pages fetched to write an export file: the server
	// checks the export right and records the page as an export.
	Export bool
}

// DefaultAuditReviewPage and MaxAuditReviewPage bound one review page.
const (
	DefaultAuditReviewPage = 50
	MaxAuditReviewPage     = 500
)

// maxAuditFilterValue bounds one filter value.
const maxAuditFilterValue = 200

// Query encodes the filter as URL query parameters.
func (f AuditReviewFilter) Query() url.Values {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("user", f.User)
	set("action", f.Action)
	set("patient", f.Patient)
	set("after", f.After)
	setRange(q, f.From, f.To, f.Limit)
	if f.Export {
		q.Set("export", "true")
	}
	return q
}

// ParseAuditReviewFilter reads Query's parameters back, refusing malformed
// ones with a message fit for the reviewer.
func ParseAuditReviewFilter(q url.Values) (AuditReviewFilter, error) {
	f := AuditReviewFilter{
		User:    strings.TrimSpace(q.Get("user")),
		Action:  strings.TrimSpace(q.Get("action")),
		Patient: strings.TrimSpace(q.Get("patient")),
		After:   q.Get("after"),
	}
	for _, v := range []string{f.User, f.Action, f.Patient, f.After} {
		if len(v) > maxAuditFilterValue {
			return f, fmt.Errorf("filter values are at most %d characters", maxAuditFilterValue)
		}
	}
	var err error
	if v := q.Get("from"); v != "" {
		if f.From, err = time.Parse(time.RFC3339Nano, v); err != nil {
			return f, fmt.Errorf("from must be an RFC 3339 time")
		}
	}
	if v := q.Get("to"); v != "" {
		if f.To, err = time.Parse(time.RFC3339Nano, v); err != nil {
			return f, fmt.Errorf("to must be an RFC 3339 time")
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return f, fmt.Errorf("the time range is empty: from must come before to")
	}
	if v := q.Get("limit"); v != "" {
		if f.Limit, err = strconv.Atoi(v); err != nil || f.Limit < 1 {
			return f, fmt.Errorf("limit must be a positive number")
		}
	}
	switch q.Get("export") {
	case "", "false":
	case "true":
		f.Export = true
	default:
		return f, fmt.Errorf("export must be true or false")
	}
	return f, nil
}

// AuditReviewEntry is one audit entry as a reviewer reads it: who by
// username, which patient by label, and the reveal reason when the
// reviewer may read it. It carries no internal ids.
type AuditReviewEntry struct {
	At time.Time `json:"at"`
	// User is the actor's username, or "system", "patient",
	// "unauthenticated", "cli:NAME" for actors without an account.
	User    string `json:"user"`
	Role    Role   `json:"role,omitempty"`
	Action  string `json:"action"`
	Outcome string `json:"outcome"`
	// Object is what kind of thing was acted on: "thread", "message",
	// "patient", "user", "incident", "audit", …
	Object string `json:"object,omitempty"`
	// Patient is the patient's label when the entry is about one.
	Patient string `json:"patient,omitempty"`
	// Subject is the username when the object is a user account.
	Subject string `json:"subject,omitempty"`
	// Source is "server" for the central endpoint's own entries and
	// "console" for entries a console's chain carried.
	Source string `json:"source"`
	// Reason is why a reveal was asked for; ReasonWithheld says a reason
	// exists but this reviewer's role may not read patient details.
	Reason         string `json:"reason,omitempty"`
	ReasonWithheld bool   `json:"reason_withheld,omitempty"`
	// Detail holds the entry's details without internal ids: rule names,
	// counts, filters.
	Detail map[string]string `json:"detail,omitempty"`
}

// AuditReviewPage is one page of the review, newest first. Next, when
// not empty, fetches the following (older) page as AuditReviewFilter.After.
type AuditReviewPage struct {
	Entries []AuditReviewEntry `json:"entries"`
	Next    string             `json:"next,omitempty"`
}
