package auditlog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/storage"
	"github.com/clinicwa/triage/store/pgsql"
)

// Store is where the central audit log lives: every console's chain and
// the server's own, one row per entry. It satisfies the server's Audit
// interface; every method runs on the storage.Querier it is given, so an entry
// commits in the same transaction as the action it records.
type Store struct{}

// Columns are an entry's columns in the order Scan reads them.
const Columns = `console_id, seq, prev_hash, hash, at, user_id, role, action, object, outcome, detail`

// Scan reads one entry selected as Columns.
func Scan(row interface{ Scan(...any) error }) (api.AuditEntry, error) {
	var (
		e          api.AuditEntry
		at, detail string
	)
	if err := row.Scan(&e.ConsoleID, &e.Seq, &e.PrevHash, &e.Hash, &at, &e.UserID, &e.Role, &e.Action, &e.Object, &e.Outcome, &detail); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return api.AuditEntry{}, storage.ErrNotFound
		}
		return api.AuditEntry{}, err
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return api.AuditEntry{}, err
	}
	e.At = t
	if detail != "" && detail != "null" {
		if err := json.Unmarshal([]byte(detail), &e.Detail); err != nil {
			return api.AuditEntry{}, err
		}
	}
	return e, nil
}

// lockChainSQL serialises appends to the audit log. Every caller of Head
// appends after the head it read (the next seq in the chain, the next
// log position gseq = MAX+1), so two writers must not read the same
// head. SQLite's write transaction (BEGIN IMMEDIATE) already admits one
// writer at a time, and its text is a no-op; on PostgreSQL, where nodes
// and connections write concurrently, a transaction-scoped advisory lock
// holds every other appender back until this transaction commits.
var lockChainSQL = pgsql.Spelling(`SELECT 'the audit log takes one appender at a time'`,
	`SELECT pg_advisory_xact_lock(7461756469740001)`)

// Head is the chain's last entry (nil for an empty chain). It is read to
// append after it, so it first takes the log's append lock (lockChainSQL).
func (Store) Head(ctx context.Context, q storage.Querier, consoleID string) (*api.AuditEntry, error) {
	if _, err := q.ExecContext(ctx, lockChainSQL); err != nil {
		return nil, err
	}
	e, err := Scan(q.QueryRowContext(ctx, `SELECT `+Columns+` FROM audit WHERE console_id = ? ORDER BY seq DESC LIMIT 1`, consoleID))
	if errors.Is(err, storage.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &e, nil
}

func (Store) At(ctx context.Context, q storage.Querier, consoleID string, seq int64) (api.AuditEntry, error) {
	return Scan(q.QueryRowContext(ctx, `SELECT `+Columns+` FROM audit WHERE console_id = ? AND seq = ?`, consoleID, seq))
}

func (Store) Insert(ctx context.Context, q storage.Querier, e api.AuditEntry, receivedAt time.Time) error {
	detail := "{}"
	if len(e.Detail) > 0 {
		b, err := json.Marshal(e.Detail)
		if err != nil {
			return err
		}
		detail = string(b)
	}
	// The time is stored exactly as audit.Hash formats it, so the hash
	// recomputed from the stored row matches.
	// gseq is the entry's place in the whole log (every chain, in the
	// order received): the Merkle tree's leaf order. MAX+1 is safe under
	// the append lock Head took (SQLite: the write transaction itself).
	_, err := q.ExecContext(ctx, `INSERT INTO audit (`+Columns+`, received_at, at_ns, gseq)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(gseq), 0) + 1 FROM audit))`,
		e.ConsoleID, e.Seq, e.PrevHash, e.Hash, e.At.UTC().Format(time.RFC3339Nano), e.UserID, string(e.Role), e.Action, e.Object,
		e.Outcome, detail, receivedAt.UnixNano(), e.At.UnixNano())
	return err
}

func (Store) Chain(ctx context.Context, q storage.Querier, consoleID string) ([]api.AuditEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+Columns+` FROM audit WHERE console_id = ? ORDER BY seq`, consoleID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []api.AuditEntry
	for rows.Next() {
		e, err := Scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// hashAt is the hash of the chain's entry seq (sql.ErrNoRows when none).
func (Store) hashAt(ctx context.Context, q storage.Querier, consoleID string, seq int64) (string, error) {
	var hash string
	err := q.QueryRowContext(ctx, `SELECT hash FROM audit WHERE console_id = ? AND seq = ?`, consoleID, seq).Scan(&hash)
	return hash, err
}

// everyEntry streams the whole log, chain by chain in sequence order:
// the Columns columns, then gseq (the log position; NULL for an entry
// written before positions existed).
func (Store) everyEntry(ctx context.Context, q storage.Querier) (*sql.Rows, error) {
	return q.QueryContext(ctx, `SELECT `+Columns+`, gseq FROM audit ORDER BY console_id, seq`)
}

// lastPosition is the log's highest position (0 for an empty log).
func (Store) lastPosition(ctx context.Context, q storage.Querier) (int64, error) {
	var n sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT MAX(gseq) FROM audit`).Scan(&n)
	return n.Int64, err
}
