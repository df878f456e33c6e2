package maintenance

import (
	"context"
	"database/sql"
)

// sqlBackup holds the statements of the SQLite store's online backup and
// its check. They are SQLite's alone (VACUUM INTO, PRAGMA
// integrity_check): a PostgreSQL store is backed up by the database's own
// tools (pg_dump, base backups), not by triaged.
type sqlBackup struct{}

// copyTo writes a consistent copy of the open database to path, which
// must not exist.
func (sqlBackup) copyTo(ctx context.Context, db *sql.DB, path string) error {
	_, err := db.ExecContext(ctx, `VACUUM INTO ?`, path)
	return err
}

// integrity is SQLite's integrity check: "ok", or what is damaged.
func (sqlBackup) integrity(ctx context.Context, db *sql.DB) (string, error) {
	var ok string
	err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ok)
	return ok, err
}
