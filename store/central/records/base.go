// Package records is the central store's storage: every statement the
// server runs on its own tables (patients, threads, messages, users and
// sessions, consent, devices, templates, schedules, incidents, access
// reviews and the rest), one type per job in a sql_<job>.go file, and the
// rows they read and write. Each method takes a Querier, the pool or an
// open transaction, so the server composes several in one transaction and
// decides what they mean; nothing here decides policy.
//
// One text serves both databases: the SQLite statement is written here
// and store/pgsql rewrites it once for PostgreSQL, with the few that must
// differ spelled beside it (pgsql.Spelling). Sealed columns are sealed and
// opened here with the store's keys (Base), so neither database sees a
// patient's number, name or words in the clear.
package records

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/central/storage"
	"github.com/clinicwa/triage/store/pgsql"
	"github.com/clinicwa/triage/store/seal"
)

// Querier is storage.Querier: a pool or an open transaction. Every
// statement of this package runs on one, so a caller composes several in
// one transaction.
type Querier = storage.Querier

// ErrNotFound is storage.ErrNotFound: a looked-up row does not exist.
var ErrNotFound = storage.ErrNotFound

// QueryIDs runs a query whose rows are one text column each (ids) and
// returns them in the query's order.
func QueryIDs(ctx context.Context, q Querier, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Base holds what the stores share: the sealing keys, and whether the
// database is PostgreSQL (for the rare statement built differently).
type Base struct {
	Keys *seal.Keys
	PG   bool
}

// JSONText reads the text field key of the JSON object in column expr.
// Dialect: json_extract is SQLite's; PostgreSQL reads the field with
// ->> once the TEXT column is cast to jsonb.
func JSONText(pg bool, expr, key string) string {
	if pg {
		return "(" + expr + "::jsonb ->> '" + key + "')"
	}
	return "json_extract(" + expr + ", '$." + key + "')"
}

func fromTS(n sql.NullInt64) time.Time {
	if !n.Valid || n.Int64 == 0 {
		return time.Time{}
	}
	return time.Unix(0, n.Int64).UTC()
}

var idEnc = base32.NewEncoding("abcdefghijkmnpqrstuvwxyz23456789").WithPadding(base32.NoPadding)

// NewID returns an opaque random id with a readable prefix ("thr_…").
func NewID(prefix string) string {
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("central: crypto/rand: %v", err))
	}
	return prefix + "_" + idEnc.EncodeToString(b)
}

// labelAlphabet leaves out 0/O and 1/I so a label read aloud at the desk
// is not misheard.
const labelAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

// newLabel returns "Patient " and n random characters. It is random, not
// derived from the number, so it reveals nothing about the patient.
func newLabel(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("central: crypto/rand: %v", err))
	}
	for i := range b {
		b[i] = labelAlphabet[int(b[i])%len(labelAlphabet)]
	}
	return "Patient " + string(b)
}

// IsUniqueViolation recognises both databases' unique-constraint errors:
// SQLite's by its message (modernc.org/sqlite has no exported code type
// worth importing here), PostgreSQL's by SQLSTATE 23505.
func IsUniqueViolation(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "UNIQUE constraint failed") || pgsql.IsUniqueViolation(err))
}

// Blind-index domains. Each lookup has its own, so equal values in two
// domains do not share an index value.
const (
	BidxPhone      = "patients.phone"
	bidxUserID     = "patients.user_id"
	bidxProviderID = "messages.provider_id"
)

// Bidx is v's blind index in domain: equal values give equal indexes,
// so a sealed column can be looked up without being opened.
func (s *Base) Bidx(domain, v string) []byte { return s.Keys.BlindIndex(domain, []byte(v)) }

// lockRow runs a row-locking statement (lockThreadSQL, lockUserSQL: FOR
// UPDATE on PostgreSQL, a plain read on SQLite) for the row id, reporting
// ErrNotFound when there is none.
func lockRow(ctx context.Context, q Querier, lockSQL, id string) error {
	var got string
	err := q.QueryRowContext(ctx, lockSQL, id).Scan(&got)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}
