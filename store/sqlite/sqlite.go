// Package sqlite opens the product's SQLite files with one set of
// settings and applies their numbered migrations. The console's store and
// the central endpoint's both use it, so both get the same durability and
// the same refusal of a schema they do not know.
package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver

	"github.com/clinicwa/triage/store/migrate"
	"github.com/clinicwa/triage/store/private"
)

// DSN returns the modernc.org/sqlite data source name for the file at p.
// The _pragma form is applied on every pooled connection (busy_timeout
// first). WAL lets readers run beside the writer; synchronous(FULL) fsyncs
// each commit, so an acknowledged webhook or audit entry survives power
// loss; _txlock=immediate takes the write lock at BEGIN, so a transaction
// that reads and then writes cannot fail with SQLITE_BUSY half-way.
func DSN(p string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(p)}
	q := []string{
		"_pragma=busy_timeout(5000)",
		"_pragma=journal_mode(WAL)",
		"_pragma=foreign_keys(1)",
		"_pragma=synchronous(FULL)",
		"_txlock=immediate",
	}
	return u.String() + "?" + strings.Join(q, "&")
}

// Open opens (creating if needed) the database file at p, in a folder
// only its owner can read, with at most maxConns pooled connections.
func Open(ctx context.Context, p string, maxConns int) (*sql.DB, error) {
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	if err := private.CheckDir(filepath.Dir(p)); err != nil {
		return nil, err
	}
	if err := private.PrepareFile(p); err != nil {
		return nil, fmt.Errorf("open %s: %w", filepath.Base(p), err)
	}
	db, err := sql.Open("sqlite", DSN(p))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", filepath.Base(p), err)
	}
	// SQLite has one writer; a small pool keeps readers concurrent under
	// WAL without each connection carrying its own page cache for nothing.
	db.SetMaxOpenConns(maxConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", filepath.Base(p), err)
	}
	return db, nil
}

// Migration is one numbered schema change.
type Migration = migrate.Migration

// LoadMigrations reads the files NNNN_name.sql in dir of fsys, which must
// be numbered 1..n without gaps.
func LoadMigrations(fsys fs.FS, dir string) ([]Migration, error) {
	return migrate.Load(fsys, dir)
}

// Migrate applies every migration in dir of fsys that db does not have
// yet, each in its own transaction with its schema_migrations row, so a
// crash leaves the schema at a whole version. A database whose schema is
// newer than these migrations is refused: an older binary must not write
// to it. who names the program in that message. The rules are the store's
// one migration runner's (store/migrate), shared with PostgreSQL.
func Migrate(ctx context.Context, db *sql.DB, fsys fs.FS, dir, who string) error {
	ms, err := migrate.Load(fsys, dir)
	if err != nil {
		return err
	}
	return migrate.Apply(ctx, db, migrate.SQLite, ms, who)
}
