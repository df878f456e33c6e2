package central

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"github.com/clinicwa/triage/store/pgsql"
)

// OpenAuditDB opens the store for `triaged audit verify` and `export`:
// dataDir's triaged.db read-only (OpenDBReadOnly), or with databaseURL
// set the PostgreSQL database, its transactions read-only by the
// server's own rule and its schema not migrated.
func OpenAuditDB(ctx context.Context, dataDir, databaseURL string) (*sql.DB, error) {
	if databaseURL == "" {
		return OpenDBReadOnly(ctx, filepath.Join(dataDir, DBFileName))
	}
	db, err := pgsql.OpenReadOnly(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("central: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("central: connect to PostgreSQL (%s): %w", EnvDatabaseURL, redactConnError(err))
	}
	return db, nil
}

// OpenDBReadOnly opens an existing triaged.db for reading only, without
// migrating it: verification and export must not change what they check.
func OpenDBReadOnly(ctx context.Context, path string) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no central store at %s", path)
	}
	u := url.URL{Scheme: "file", Path: path}
	db, err := sql.Open("sqlite", u.String()+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(2)
	v, err := sqlBackup{}.schemaVersion(ctx, db)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if v < 2 {
		db.Close()
		return nil, fmt.Errorf("%s predates signed audit checkpoints (schema %d): start triaged once to upgrade it", path, v)
	}
	return db, nil
}
