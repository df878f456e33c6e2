package records

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/clinicwa/triage/store/api"
)

// AuditReview reads the privacy officer's pages of the audit trail.
// pg selects PostgreSQL's spelling of the JSON field reads (JSONText),
// which are built into the query rather than rewritten.
type AuditReview struct{ PG bool }

// auditReviewRow is one entry of the trail with what the review shows
// beside it: the actor's username, the patient's label, the username an
// entry about a user names, and a reveal's sealed reason.
type auditReviewRow struct {
	Cursor                              ReviewCursor
	At, Console, UserID, Username, Role string
	Action, Object, Outcome, Detail     string
	Label, ObjUsername                  string
	RevealID                            sql.NullString
	ReasonSealed                        []byte
}

// threadRef finds the thread an entry is about: named in the object,
// through the message or incident it names, or in the detail.
func (r AuditReview) threadRef() string {
	return `CASE
		WHEN a.object LIKE 'thread:%' THEN substr(a.object, 8)
		WHEN a.object LIKE 'message:%' THEN COALESCE(` + JSONText(r.PG, "a.detail", "thread_id") + `,
			(SELECT m.thread_id FROM messages m WHERE m.id = substr(a.object, 9)))
		WHEN a.object LIKE 'incident:%' THEN (SELECT i.thread_id FROM incidents i WHERE i.id = substr(a.object, 10))
		ELSE ` + JSONText(r.PG, "a.detail", "thread_id") + ` END`
}

// syncBookkeeping is what the review leaves out: accepted audit batches
// record only that a console's chain reached the endpoint (its entries
// are in the trail themselves). A refused batch stays: it is a forged
// or broken chain, which a reviewer must see.
const syncBookkeeping = `(a.action = 'audit.batch' AND a.outcome = 'ok')`

// Page reads the entries matching f after cur, newest first: at most
// f.Limit+1 rows, the one beyond the page telling that there is a next.
// Filters are applied in SQL and pages are keyset pages, so a long trail
// costs one bounded query per page. A patient filter naming no patient
// or thread finds no rows.
func (r AuditReview) Page(ctx context.Context, q Querier, f api.AuditReviewFilter, cur ReviewCursor) ([]auditReviewRow, error) {
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
	if cur.Set {
		where = append(where, `(a.at_ns, a.gseq) < (?, ?)`)
		args = append(args, cur.AtNS, cur.GSeq)
	}
	if f.Patient != "" {
		// A label as the console shows it, or a thread id from a link,
		// resolved first: the entries are then found by what they name
		// (indexed), not by resolving every entry's patient.
		var patientID, threadID string
		err := q.QueryRowContext(ctx, `SELECT p.id, COALESCE(t.id, '') FROM patients p LEFT JOIN threads t ON t.patient_id = p.id
			WHERE p.label = ? OR t.id = ? LIMIT 1`, patientLabel(f.Patient), f.Patient).Scan(&patientID, &threadID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		where = append(where, `(a.object IN (?, ?)
			OR `+JSONText(r.PG, "a.detail", "thread_id")+` = ?
			OR a.object IN (SELECT 'message:' || m.id FROM messages m WHERE m.thread_id = ?)
			OR a.object IN (SELECT 'incident:' || i.id FROM incidents i WHERE i.thread_id = ?))`)
		args = append(args, "thread:"+threadID, "patient:"+patientID, threadID, threadID, threadID)
	}
	query := `SELECT a.at, a.at_ns, a.gseq, a.console_id, a.user_id, COALESCE(u.username, ''), a.role, a.action, a.object, a.outcome, a.detail,
			COALESCE(p.label, ''), COALESCE(ou.username, ''), rv.id, rv.reason_sealed
		FROM (SELECT a.*, ` + r.threadRef() + ` AS thread_ref FROM audit a WHERE ` + strings.Join(where, " AND ") +
		` ORDER BY a.at_ns DESC, a.gseq DESC LIMIT ?) a
		LEFT JOIN users u ON u.id = a.user_id
		LEFT JOIN threads t ON t.id = a.thread_ref
		LEFT JOIN patients p ON p.id = COALESCE(t.patient_id, CASE WHEN a.object LIKE 'patient:%' THEN substr(a.object, 9) END)
		LEFT JOIN users ou ON a.object LIKE 'user:%' AND ou.id = substr(a.object, 6)
		LEFT JOIN reveals rv ON a.action = 'message.reveal' AND rv.id = ` + JSONText(r.PG, "a.detail", "reveal_id") + `
		ORDER BY a.at_ns DESC, a.gseq DESC`
	args = append(args, f.Limit+1)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []auditReviewRow
	for rows.Next() {
		var e auditReviewRow
		if err := rows.Scan(&e.At, &e.Cursor.AtNS, &e.Cursor.GSeq, &e.Console, &e.UserID, &e.Username, &e.Role, &e.Action, &e.Object,
			&e.Outcome, &e.Detail, &e.Label, &e.ObjUsername, &e.RevealID, &e.ReasonSealed); err != nil {
			return nil, err
		}
		list = append(list, e)
	}
	return list, rows.Err()
}
