package central

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"

	"github.com/clinicwa/triage/store/central/maintenance"
	"github.com/clinicwa/triage/store/pgsql"
)

// OpenAuditDB opens the store for `triaged audit verify` and `export`:
// dataDir's triaged.db read-only (maintenance.OpenReadOnly), or with databaseURL
// set the PostgreSQL database, its transactions read-only by the
// server's own rule and its schema not migrated.
func OpenAuditDB(ctx context.Context, dataDir, databaseURL string) (*sql.DB, error) {
	if databaseURL == "" {
		return maintenance.OpenReadOnly(ctx, filepath.Join(dataDir, DBFileName))
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
