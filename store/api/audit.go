package api

import (
	"fmt"
	"net/url"
	"strconv"
	"time"
)

// AuditFilter selects entries for the supervisor's audit view (GET
// /api/v1/audit). Empty fields do not filter. Entries come newest first.
type AuditFilter struct {
	UserID    string    // who: a user id, "system" or "patient"
	Object    string    // which: "thread:…", "patient:…", "console:…"
	Action    string    // what: "thread.view", "message.send", …
	ConsoleID string    // where: a console's chain, or "triaged"
	From, To  time.Time // when: From <= at < To (zero: open)
	Limit     int       // at most this many (server default 200, cap 1000)
}

// MaxAuditPage is the most entries one audit view answer carries.
const MaxAuditPage = 1000

// Query encodes the filter as URL query parameters.
func (f AuditFilter) Query() url.Values {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("user", f.UserID)
	set("object", f.Object)
	set("action", f.Action)
	set("console", f.ConsoleID)
	setRange(q, f.From, f.To, f.Limit)
	return q
}

// ParseAuditFilter reads Query's parameters back, refusing malformed ones.
func ParseAuditFilter(q url.Values) (AuditFilter, error) {
	f := AuditFilter{UserID: q.Get("user"), Object: q.Get("object"), Action: q.Get("action"), ConsoleID: q.Get("console")}
	for _, v := range []string{f.UserID, f.Object, f.Action, f.ConsoleID} {
		if len(v) > 200 {
			return f, fmt.Errorf("filter values are at most 200 characters")
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
	if v := q.Get("limit"); v != "" {
		if f.Limit, err = strconv.Atoi(v); err != nil || f.Limit < 1 {
			return f, fmt.Errorf("limit must be a positive number")
		}
	}
	return f, nil
}

// AuditPage is the answer of GET /api/v1/audit.
type AuditPage struct {
	Entries []AuditEntry `json:"entries"`
	// More is true when further entries matched beyond Limit: narrow the
	// time range to see them.
	More bool `json:"more"`
}

// setRange adds an audit query's time range and page size, each only
// when set.
func setRange(q url.Values, from, to time.Time, limit int) {
	if !from.IsZero() {
		q.Set("from", from.UTC().Format(time.RFC3339Nano))
	}
	if !to.IsZero() {
		q.Set("to", to.UTC().Format(time.RFC3339Nano))
	}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
}
