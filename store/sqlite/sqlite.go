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
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver

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
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// LoadMigrations reads the files NNNN_name.sql in dir of fsys, which must
// be numbered 1..n without gaps.
func LoadMigrations(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration %q is not named NNNN_name.sql", e.Name())
		}
		body, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: e.Name(), SQL: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i := range out {
		if out[i].Version != i+1 {
			return nil, fmt.Errorf("migrations are not numbered 1..n (found %s)", out[i].Name)
		}
	}
	return out, nil
}

// Migrate applies every migration in dir of fsys that db does not have
// yet, each in its own transaction with its schema_migrations row, so a
// crash leaves the schema at a whole version. A database whose schema is
// newer than these migrations is refused: an older binary must not write
// to it. who names the program in that message.
func Migrate(ctx context.Context, db *sql.DB, fsys fs.FS, dir, who string) error {
	ms, err := LoadMigrations(fsys, dir)
	if err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`); err != nil {
		return fmt.Errorf("migrations table: %w", err)
	}
	var have int
	if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if have > len(ms) {
		return fmt.Errorf("database schema version %d is newer than this %s (%d); upgrade %s", have, who, len(ms), who)
	}
	for _, m := range ms[have:] {
		if err := apply(ctx, db, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
}

func apply(ctx context.Context, db *sql.DB, m Migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		tx.Rollback()
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.Version, m.Name, time.Now().UnixNano()); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
