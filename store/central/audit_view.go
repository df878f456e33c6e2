package central

import (
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
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
		entries, more, err := queryAudit(ctx, q, f)
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

// queryAudit returns the entries matching f, newest received first, and
// whether more matched beyond f.Limit.
func queryAudit(ctx context.Context, q Querier, f api.AuditFilter) ([]api.AuditEntry, bool, error) {
	var where []string
	var args []any
	eq := func(col, v string) {
		if v != "" {
			where = append(where, col+" = ?")
			args = append(args, v)
		}
	}
	eq("user_id", f.UserID)
	eq("object", f.Object)
	eq("action", f.Action)
	eq("console_id", f.ConsoleID)
	if !f.From.IsZero() {
		where = append(where, "at_ns >= ?")
		args = append(args, f.From.UnixNano())
	}
	if !f.To.IsZero() {
		where = append(where, "at_ns < ?")
		args = append(args, f.To.UnixNano())
	}
	query := `SELECT ` + auditCols + ` FROM audit`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, " AND ")
	}
	query += ` ORDER BY gseq DESC LIMIT ?`
	args = append(args, f.Limit+1)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	var out []api.AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, false, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	more := len(out) > f.Limit
	if more {
		out = out[:f.Limit]
	}
	return out, more, nil
}

// ExportRecord is one line of `triaged audit export`: the entry as it was
// hashed, plus its place in the whole log, its Merkle leaf hash and when
// the endpoint received it. Entries hold ids, rule names and keyed hashes
// only, so an export carries no patient data.
type ExportRecord struct {
	api.AuditEntry
	LogIndex   int64     `json:"log_index"`
	LeafHash   string    `json:"leaf_hash"`
	ReceivedAt time.Time `json:"received_at"`
}

// ExportAudit writes the entries whose time falls in [from, to) as JSON
// lines, in the order received, for a SIEM. Zero times leave the range
// open. It returns the number of lines written.
func ExportAudit(ctx context.Context, db *sql.DB, from, to time.Time, w io.Writer) (int, error) {
	query := `SELECT ` + auditCols + `, gseq, received_at FROM audit WHERE gseq IS NOT NULL`
	var args []any
	if !from.IsZero() {
		query += ` AND at_ns >= ?`
		args = append(args, from.UnixNano())
	}
	if !to.IsZero() {
		query += ` AND at_ns < ?`
		args = append(args, to.UnixNano())
	}
	rows, err := db.QueryContext(ctx, query+` ORDER BY gseq`, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	enc := json.NewEncoder(w)
	n := 0
	for rows.Next() {
		var (
			rec        ExportRecord
			at, detail string
			received   int64
		)
		e := &rec.AuditEntry
		if err := rows.Scan(&e.ConsoleID, &e.Seq, &e.PrevHash, &e.Hash, &at, &e.UserID, &e.Role, &e.Action, &e.Object, &e.Outcome,
			&detail, &rec.LogIndex, &received); err != nil {
			return n, err
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		if detail != "" && detail != "{}" && detail != "null" {
			if err := json.Unmarshal([]byte(detail), &e.Detail); err != nil {
				return n, err
			}
		}
		leaf := audit.LeafHash(e.Hash)
		rec.LeafHash = hex.EncodeToString(leaf[:])
		rec.ReceivedAt = time.Unix(0, received).UTC()
		if err := enc.Encode(rec); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}
