package central

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

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

// reviewCursor is the last entry of a page: its time and its place in
// the log, which together order the trail without ties.
type reviewCursor struct {
	atNS, gseq int64
	set        bool
}

func (c reviewCursor) String() string {
	return strconv.FormatInt(c.atNS, 10) + "." + strconv.FormatInt(c.gseq, 10)
}

func parseReviewCursor(v string) (reviewCursor, error) {
	if v == "" {
		return reviewCursor{}, nil
	}
	at, g, ok := strings.Cut(v, ".")
	c := reviewCursor{set: true}
	var err1, err2 error
	c.atNS, err1 = strconv.ParseInt(at, 10, 64)
	c.gseq, err2 = strconv.ParseInt(g, 10, 64)
	if !ok || err1 != nil || err2 != nil {
		return reviewCursor{}, errors.New("after must be the next cursor of an earlier page")
	}
	return c, nil
}

// reviewThreadRef finds the thread an entry is about: named in the
// object, through the message or incident it names, or in the detail.
func reviewThreadRef(pg bool) string {
	return `CASE
		WHEN a.object LIKE 'thread:%' THEN substr(a.object, 8)
		WHEN a.object LIKE 'message:%' THEN COALESCE(` + jsonText(pg, "a.detail", "thread_id") + `,
			(SELECT m.thread_id FROM messages m WHERE m.id = substr(a.object, 9)))
		WHEN a.object LIKE 'incident:%' THEN (SELECT i.thread_id FROM incidents i WHERE i.id = substr(a.object, 10))
		ELSE ` + jsonText(pg, "a.detail", "thread_id") + ` END`
}

// syncBookkeeping is what the review leaves out: accepted audit batches
// record only that a console's chain reached the endpoint (its entries
// are in the trail themselves). A refused batch stays: it is a forged
// or broken chain, which a reviewer must see.
const syncBookkeeping = `(a.action = 'audit.batch' AND a.outcome = 'ok')`

// queryAuditReview reads one review page.
func (s *Server) queryAuditReview(ctx context.Context, q Querier, f api.AuditReviewFilter, cur reviewCursor, withReason bool) (api.AuditReviewPage, error) {
	where := []string{`NOT ` + syncBookkeeping}
	var args []any
	if f.User != "" {
		// A username names an account; anything else is an actor with no
		// account ("system", "patient", "cli:root").
		where = append(where, `a.user_id = COALESCE((SELECT id FROM users WHERE username = ?), ?)`)
		args = append(args, strings.ToLower(f.User), f.User)
	}
	if f.Action != "" {
		// An exact action, or a family: "incident" is incident.open,
		// incident.update, …
		where = append(where, `(a.action = ? OR substr(a.action, 1, ?) = ?)`)
		args = append(args, f.Action, len(f.Action)+1, f.Action+".")
	}
	if !f.From.IsZero() {
		where = append(where, `a.at_ns >= ?`)
		args = append(args, f.From.UnixNano())
	}
	if !f.To.IsZero() {
		where = append(where, `a.at_ns < ?`)
		args = append(args, f.To.UnixNano())
	}
	if cur.set {
		where = append(where, `(a.at_ns, a.gseq) < (?, ?)`)
		args = append(args, cur.atNS, cur.gseq)
	}
	if f.Patient != "" {
		// A label as the console shows it, or a thread id from a link,
		// resolved first: the entries are then found by what they name
		// (indexed), not by resolving every entry's patient.
		var patientID, threadID string
		err := q.QueryRowContext(ctx, `SELECT p.id, COALESCE(t.id, '') FROM patients p LEFT JOIN threads t ON t.patient_id = p.id
			WHERE p.label = ? OR t.id = ? LIMIT 1`, patientLabel(f.Patient), f.Patient).Scan(&patientID, &threadID)
		if errors.Is(err, sql.ErrNoRows) {
			return api.AuditReviewPage{Entries: []api.AuditReviewEntry{}}, nil
		}
		if err != nil {
			return api.AuditReviewPage{}, err
		}
		where = append(where, `(a.object IN (?, ?)
			OR `+jsonText(s.store.pg, "a.detail", "thread_id")+` = ?
			OR a.object IN (SELECT 'message:' || m.id FROM messages m WHERE m.thread_id = ?)
			OR a.object IN (SELECT 'incident:' || i.id FROM incidents i WHERE i.thread_id = ?))`)
		args = append(args, "thread:"+threadID, "patient:"+patientID, threadID, threadID, threadID)
	}
	query := `SELECT a.at, a.at_ns, a.gseq, a.console_id, a.user_id, COALESCE(u.username, ''), a.role, a.action, a.object, a.outcome, a.detail,
			COALESCE(p.label, ''), COALESCE(ou.username, ''), rv.id, rv.reason_sealed
		FROM (SELECT a.*, ` + reviewThreadRef(s.store.pg) + ` AS thread_ref FROM audit a WHERE ` + strings.Join(where, " AND ") +
		` ORDER BY a.at_ns DESC, a.gseq DESC LIMIT ?) a
		LEFT JOIN users u ON u.id = a.user_id
		LEFT JOIN threads t ON t.id = a.thread_ref
		LEFT JOIN patients p ON p.id = COALESCE(t.patient_id, CASE WHEN a.object LIKE 'patient:%' THEN substr(a.object, 9) END)
		LEFT JOIN users ou ON a.object LIKE 'user:%' AND ou.id = substr(a.object, 6)
		LEFT JOIN reveals rv ON a.action = 'message.reveal' AND rv.id = ` + jsonText(s.store.pg, "a.detail", "reveal_id") + `
		ORDER BY a.at_ns DESC, a.gseq DESC`
	args = append(args, f.Limit+1)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return api.AuditReviewPage{}, err
	}
	defer rows.Close()
	page := api.AuditReviewPage{Entries: []api.AuditReviewEntry{}}
	var last reviewCursor
	for rows.Next() {
		if len(page.Entries) == f.Limit {
			// One row beyond the page: there is a next page, and it
			// starts after the last row kept.
			page.Next = last.String()
			break
		}
		var (
			e                                  api.AuditReviewEntry
			at, console, userID, uname, role   string
			object, detail, label, objUsername string
			revealID                           sql.NullString
			sealed                             []byte
		)
		if err := rows.Scan(&at, &last.atNS, &last.gseq, &console, &userID, &uname, &role, &e.Action, &object, &e.Outcome, &detail,
			&label, &objUsername, &revealID, &sealed); err != nil {
			return api.AuditReviewPage{}, err
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		e.User = cmp.Or(uname, userID)
		e.Role = api.Role(role)
		e.Source = "console"
		if console == ServerConsoleID {
			e.Source = "server"
		}
		e.Object, _, _ = strings.Cut(object, ":")
		e.Patient = label
		if e.Object == "user" {
			e.Subject = objUsername
		}
		var raw map[string]string
		if detail != "" && detail != "{}" && detail != "null" {
			if err := json.Unmarshal([]byte(detail), &raw); err != nil {
				return api.AuditReviewPage{}, err
			}
		}
		e.Detail = reviewDetail(raw)
		if revealID.Valid {
			if withReason {
				if e.Reason, err = s.keys.OpenString("reveals", "reason", revealID.String, sealed); err != nil {
					return api.AuditReviewPage{}, err
				}
			} else {
				e.ReasonWithheld = true
			}
		}
		page.Entries = append(page.Entries, e)
	}
	return page, rows.Err()
}

// patientLabel turns what a reviewer typed ("7k2q", "patient 7K2Q") into
// the label as the console shows it ("Patient 7K2Q").
func patientLabel(v string) string {
	code := strings.TrimSpace(v)
	if len(code) > len("patient ") && strings.EqualFold(code[:len("patient ")], "patient ") {
		code = strings.TrimSpace(code[len("patient "):])
	}
	return "Patient " + strings.ToUpper(code)
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

// recordID is the shape of the endpoint's record ids (newID): a short
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
