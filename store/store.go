// Package store is the console's durable side: its local SQLite store (the
// audit chain and its outbox), and the client that talks to the central
// endpoint and writes an audit entry before every action it takes.
// store/central is the central endpoint's server half.
package store

import (
	"context"
	"database/sql"
	"embed"

	"github.com/clinicwa/triage/store/sqlite"
)

//go:embed migrations/*.sql
var migrations embed.FS

// openConsoleDB opens the console's store file and brings its schema up
// to date, with the same settings as every store of this product.
func openConsoleDB(ctx context.Context, path string) (*sql.DB, error) {
	db, err := sqlite.Open(ctx, path, 4)
	if err != nil {
		return nil, err
	}
	if err := sqlite.Migrate(ctx, db, migrations, "migrations", "console"); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
