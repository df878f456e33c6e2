package central

import (
	"context"
	"database/sql"
	"embed"
	"fmt"

	// Aliased: this package has its own unexported type named sqlite.
	dbfile "github.com/clinicwa/triage/store/sqlite"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// DBFileName is the name of the SQLite file inside Config.DataDir.
const DBFileName = "triaged.db"

// DSN returns the data source name triaged opens its store with (see
// store/sqlite: WAL, synchronous=FULL, immediate write transactions).
func DSN(path string) string { return dbfile.DSN(path) }

// OpenDB opens (creating if needed) the SQLite database at path and
// applies every migration not yet applied.
func OpenDB(ctx context.Context, path string) (*sql.DB, error) {
	db, err := dbfile.Open(ctx, path, 4)
	if err != nil {
		return nil, fmt.Errorf("central: %w", err)
	}
	if err := Migrate(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func loadMigrations() ([]dbfile.Migration, error) {
	return dbfile.LoadMigrations(migrationFiles, "migrations")
}

// Migrate applies every embedded migration the database does not yet
// have; a schema newer than this triaged is refused.
func Migrate(ctx context.Context, db *sql.DB) error {
	if err := dbfile.Migrate(ctx, db, migrationFiles, "migrations", "triaged"); err != nil {
		return fmt.Errorf("central: %w", err)
	}
	return nil
}

func withTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
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
