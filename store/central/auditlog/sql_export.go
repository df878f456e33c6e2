package auditlog

import (
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"io"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central/storage"
)

// The audit log read back for people: the audit view's filtered pages and
// `triaged audit export`'s JSON lines for a SIEM.

// Query returns the entries matching f (the audit view's filter), newest received first, and
// whether more matched beyond f.Limit.
func (Store) Query(ctx context.Context, q storage.Querier, f api.AuditFilter) ([]api.AuditEntry, bool, error) {
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
	query := `SELECT ` + Columns + ` FROM audit`
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
		e, err := Scan(rows)
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

// Export writes the entries whose time falls in [from, to) as JSON
// lines, in the order received, for a SIEM. Zero times leave the range
// open. It returns the number of lines written.
func Export(ctx context.Context, db *sql.DB, from, to time.Time, w io.Writer) (int, error) {
	query := `SELECT ` + Columns + `, gseq, received_at FROM audit WHERE gseq IS NOT NULL`
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
