package central

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/auditlog"
)

// defaultAuditPage is the audit view's page size when none is asked.
const defaultAuditPage = 200

// handleAuditView answers GET /api/v1/audit for roles that may review
// the trail. Looking at the trail is itself an audited action, recorded
// in the same transaction as the read, with the filter used.
func (s *Server) handleAuditView(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	ctx := r.Context()
	f, err := api.ParseAuditFilter(r.URL.Query())
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	detail := auditFilterDetail(f)
	who := auditRecord{UserID: sess.User.ID, Role: api.Role(sess.User.Role), Action: "audit.view", Object: "audit"}
	if !policy.Can(sess.User.Role, policy.ActionViewAudit) {
		who.Outcome = "refused"
		who.Detail = map[string]string{"rule": policy.RuleRole}
		if err := s.auditOnly(ctx, who); err != nil {
			s.log.Error("audit view refusal not recorded", "err", err.Error())
		}
		writeError(w, http.StatusForbidden, policy.Why(sess.User.Role, policy.ActionViewAudit))
		return
	}
	if f.Limit <= 0 {
		f.Limit = defaultAuditPage
	}
	f.Limit = min(f.Limit, api.MaxAuditPage)
	var page api.AuditPage
	err = s.store.Tx(ctx, func(q Querier) error {
		entries, more, err := auditlog.Store{}.Query(ctx, q, f)
		if err != nil {
			return err
		}
		page = api.AuditPage{Entries: entries, More: more}
		detail["returned"] = strconv.Itoa(len(entries))
		who.Outcome, who.Detail = "ok", detail
		return s.auditServer(ctx, q, who)
	})
	if err != nil {
		s.log.Error("audit view failed", "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the audit trail could not be read; try again")
		return
	}
	if page.Entries == nil {
		page.Entries = []api.AuditEntry{}
	}
	writeJSON(w, http.StatusOK, page)
}

// auditFilterDetail records what a reviewer asked for. Filter values are
// ids, action names and times, never patient data.
func auditFilterDetail(f api.AuditFilter) map[string]string {
	d := map[string]string{}
	set := func(k, v string) {
		if v != "" {
			d["filter_"+k] = v
		}
	}
	set("user", f.UserID)
	set("object", f.Object)
	set("action", f.Action)
	set("console", f.ConsoleID)
	if !f.From.IsZero() {
		d["filter_from"] = f.From.UTC().Format(time.RFC3339)
	}
	if !f.To.IsZero() {
		d["filter_to"] = f.To.UTC().Format(time.RFC3339)
	}
	return d
}

// handleAuditReview answers GET /api/v1/audit/review: the privacy
// officer's page of the trail, with people by username and patients by
// label, reveal reasons for roles that may read patient details, and the
// sync bookkeeping left out. Filters are applied in SQL and pages are
// keyset pages (newest first), so a long trail costs one bounded query
// per page. Every page is audited in the same transaction as the read:
// as audit.view, or audit.export when fetched for an export file, which
// needs the export right as well.
func (s *Server) handleAuditReview(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	role := sess.User.Role
	ctx := r.Context()
	f, err := api.ParseAuditReviewFilter(r.URL.Query())
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	cur, err := parseReviewCursor(f.After)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	rec := auditRecord{UserID: sess.User.ID, Role: api.Role(role), Action: "audit.view", Object: "audit"}
	need := []policy.Action{policy.ActionViewAudit}
	if f.Export {
		rec.Action = "audit.export"
		need = append(need, policy.ActionExportAudit)
	}
	for _, a := range need {
		if !policy.Can(role, a) {
			rec.Outcome = "refused"
			rec.Detail = map[string]string{"rule": policy.RuleRole}
			if err := s.auditOnly(ctx, rec); err != nil {
				s.log.Error("audit review refusal not recorded", "err", err.Error())
			}
			writeError(w, http.StatusForbidden, policy.Why(role, a))
			return
		}
	}
	if f.Limit <= 0 {
		f.Limit = api.DefaultAuditReviewPage
	}
	f.Limit = min(f.Limit, api.MaxAuditReviewPage)
	withReason := policy.Can(role, policy.ActionRevealMasked)
	var page api.AuditReviewPage
	err = s.store.Tx(ctx, func(q Querier) error {
		var err error
		page, err = s.queryAuditReview(ctx, q, f, cur, withReason)
		if err != nil {
			return err
		}
		detail := reviewFilterDetail(f)
		detail["returned"] = strconv.Itoa(len(page.Entries))
		detail["reasons"] = strconv.FormatBool(withReason)
		rec.Outcome, rec.Detail = "ok", detail
		return s.auditServer(ctx, q, rec)
	})
	if err != nil {
		s.log.Error("audit review failed", "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the audit trail could not be read; try again")
		return
	}
	writeJSON(w, http.StatusOK, page)
}

// reviewFilterDetail records what a reviewer asked for, in the terms
// they used (a username, a patient label, an action), which hold no
// patient data.
func reviewFilterDetail(f api.AuditReviewFilter) map[string]string {
	d := map[string]string{}
	set := func(k, v string) {
		if v != "" {
			d["filter_"+k] = v
		}
	}
	set("user", f.User)
	set("action", f.Action)
	set("patient", f.Patient)
	if !f.From.IsZero() {
		d["filter_from"] = f.From.UTC().Format(time.RFC3339)
	}
	if !f.To.IsZero() {
		d["filter_to"] = f.To.UTC().Format(time.RFC3339)
	}
	if f.After != "" {
		d["page"] = "next"
	} else {
		d["page"] = "first"
	}
	return d
}

func parseReviewCursor(v string) (records.ReviewCursor, error) {
	if v == "" {
		return records.ReviewCursor{}, nil
	}
	at, g, ok := strings.Cut(v, ".")
	c := records.ReviewCursor{Set: true}
	var err1, err2 error
	c.AtNS, err1 = strconv.ParseInt(at, 10, 64)
	c.GSeq, err2 = strconv.ParseInt(g, 10, 64)
	if !ok || err1 != nil || err2 != nil {
		return records.ReviewCursor{}, errors.New("after must be the next cursor of an earlier page")
	}
	return c, nil
}

// queryAuditReview reads one review page.
func (s *Server) queryAuditReview(ctx context.Context, q Querier, f api.AuditReviewFilter, cur records.ReviewCursor, withReason bool) (api.AuditReviewPage, error) {
	rows, err := records.AuditReview{PG: s.store.pg}.Page(ctx, q, f, cur)
	if err != nil {
		return api.AuditReviewPage{}, err
	}
	page := api.AuditReviewPage{Entries: []api.AuditReviewEntry{}}
	var last records.ReviewCursor
	for _, row := range rows {
		if len(page.Entries) == f.Limit {
			// One row beyond the page: there is a next page, and it
			// starts after the last row kept.
			page.Next = last.String()
			break
		}
		last = row.Cursor
		e := api.AuditReviewEntry{Action: row.Action, Outcome: row.Outcome}
		e.At, _ = time.Parse(time.RFC3339Nano, row.At)
		e.User = cmp.Or(row.Username, row.UserID)
		e.Role = api.Role(row.Role)
		e.Source = "console"
		if row.Console == ServerConsoleID {
			e.Source = "server"
		}
		e.Object, _, _ = strings.Cut(row.Object, ":")
		e.Patient = row.Label
		if e.Object == "user" {
			e.Subject = row.ObjUsername
		}
		var raw map[string]string
		if row.Detail != "" && row.Detail != "{}" && row.Detail != "null" {
			if err := json.Unmarshal([]byte(row.Detail), &raw); err != nil {
				return api.AuditReviewPage{}, err
			}
		}
		e.Detail = reviewDetail(raw)
		if row.RevealID.Valid {
			if withReason {
				if e.Reason, err = s.keys.OpenString("reveals", "reason", row.RevealID.String, row.ReasonSealed); err != nil {
					return api.AuditReviewPage{}, err
				}
			} else {
				e.ReasonWithheld = true
			}
		}
		page.Entries = append(page.Entries, e)
	}
	return page, nil
}

// reviewDetail keeps the details a reviewer reads (rules, counts,
// filters) and drops internal ids and the console device id: the entry's
// patient and people are shown by label and username instead.
func reviewDetail(raw map[string]string) map[string]string {
	if len(raw) == 0 {
		return nil
	}
	out := make(map[string]string, len(raw))
	for k, v := range raw {
		if k == "console" || k == "id" || strings.HasSuffix(k, "_id") || strings.HasSuffix(k, "_ids") {
			continue
		}
		if kind, _, ok := strings.Cut(v, ":"); ok && isIDKind(kind) {
			v = kind
		}
		if recordID.MatchString(v) || strings.HasPrefix(v, "wamid.") {
			// A bare id ("message=msg_…", "safety_reply=msg_…") or a
			// provider's message id: nothing a reviewer can read.
			continue
		}
		out[k] = v
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// recordID is the shape of the endpoint's record ids (records.NewID): a short
// prefix, an underscore and 16 base32 characters.
var recordID = regexp.MustCompile(`^[a-z]{1,5}_[a-z2-9]{16}$`)

// isIDKind reports whether an "object:id" value names a record by id.
func isIDKind(kind string) bool {
	switch kind {
	case "thread", "message", "patient", "user", "incident", "console", "reveal":
		return true
	}
	return false
}
