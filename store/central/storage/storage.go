package storage

import (
	"context"
	"database/sql"
	"errors"
)

// Querier is what every store method runs its SQL on. Both *sql.DB and
// *sql.Tx satisfy it, so a caller composes several store calls into one
// transaction (a webhook's messages and their audit entries commit
// together) without the stores knowing about it.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// DBFileName is the name of the SQLite file inside a data folder.
const DBFileName = "triaged.db"

// ErrNotFound is returned when a looked-up row does not exist.
var ErrNotFound = errors.New("central: not found")

// WithTx runs fn in one transaction on db and commits when fn returns
// nil; any error rolls everything back. It does not take the write gate:
// callers that write from a running server enter it first.
func WithTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
