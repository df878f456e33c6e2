// Package migrate applies a store's numbered schema migrations, one set per
// database dialect, with one set of rules: files are named NNNN_topic.sql
// and numbered 1..n without gaps; each migration runs in its own
// transaction together with its schema_migrations row, so a crash leaves
// the schema at a whole version; and a database whose schema is newer than
// the migrations a binary carries is refused, because an older binary must
// not write to a schema it does not know.
package migrate

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Migration is one numbered schema change.
type Migration struct {
	Version int
	Name    string // the file name, NNNN_topic.sql
	SQL     string
}

// Dialect is what differs between databases in keeping the version table.
type Dialect struct {
	Name string
	// CreateTable creates schema_migrations (version, name, applied_at)
	// when it does not exist.
	CreateTable string
	// Insert records one applied migration: version, name, applied_at
	// (Unix nanoseconds), in the dialect's placeholder style.
	Insert string
	// Lock and Unlock, when set, run on the one connection that migrates,
	// before and after everything else, so that several processes starting
	// at once on a shared database migrate one after the other.
	Lock, Unlock string
}

// SQLite keeps the version table as the product always has. Its writers
// are serialised by the database itself (immediate transactions), so it
// needs no lock of its own.
var SQLite = Dialect{
	Name: "sqlite",
	CreateTable: `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`,
	Insert: `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
}

// postgresLockKey names the advisory lock every node takes to migrate
// ("triage.m" as a 64-bit integer): one key for the whole database,
// because a schema has one version.
const postgresLockKey = 0x7472696167652e6d

// Postgres serialises migrating nodes with a session advisory lock, so
// several triaged nodes started together on one database apply each
// migration exactly once.
var Postgres = Dialect{
	Name: "postgres",
	CreateTable: `CREATE TABLE IF NOT EXISTS schema_migrations (
		version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`,
	Insert: `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
	Lock:   fmt.Sprintf(`SELECT pg_advisory_lock(%d)`, postgresLockKey),
	Unlock: fmt.Sprintf(`SELECT pg_advisory_unlock(%d)`, postgresLockKey),
}

// Load reads the files NNNN_topic.sql in dir of fsys, which must be
// numbered 1..n without gaps. Entries that are folders (another dialect's
// set kept beside this one) are passed over.
func Load(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
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

// Apply applies every migration of ms (as Load returns them: 1..n) that db
// does not have yet. who names the program in the refusal of a newer
// schema ("upgrade triaged").
func Apply(ctx context.Context, db *sql.DB, d Dialect, ms []Migration, who string) (err error) {
	for i, m := range ms {
		if m.Version != i+1 {
			return fmt.Errorf("migrations are not numbered 1..n (found %s)", m.Name)
		}
	}
	// One connection throughout: a session advisory lock belongs to the
	// connection that took it.
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if d.Lock != "" {
		if _, err := conn.ExecContext(ctx, d.Lock); err != nil {
			return fmt.Errorf("migration lock: %w", err)
		}
		defer func() {
			// A cancelled ctx must not leave the lock held on a pooled
			// connection; closing the connection would release it too.
			if _, uerr := conn.ExecContext(context.WithoutCancel(ctx), d.Unlock); uerr != nil && err == nil {
				err = fmt.Errorf("migration unlock: %w", uerr)
			}
		}()
	}
	if _, err := conn.ExecContext(ctx, d.CreateTable); err != nil {
		return fmt.Errorf("migrations table: %w", err)
	}
	have, err := version(ctx, conn)
	if err != nil {
		return err
	}
	if afterVersionRead != nil {
		afterVersionRead()
	}
	if have > len(ms) {
		return fmt.Errorf("database schema version %d is newer than this %s (%d); upgrade %s", have, who, len(ms), who)
	}
	for _, m := range ms[have:] {
		if err := apply(ctx, conn, d, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
}

// Version returns the highest migration applied to db, 0 for a database
// never migrated.
func Version(ctx context.Context, db *sql.DB) (int, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	return version(ctx, conn)
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func version(ctx context.Context, q queryer) (int, error) {
	var v int
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// afterVersionRead, set by tests only, runs between reading the version
// and applying: where another process can overtake this one.
var afterVersionRead func()

// errApplied reports that another process applied the migration between
// reading the version and taking the write lock (SQLite, which has no
// advisory lock): nothing to do.
var errApplied = errors.New("already applied")

func apply(ctx context.Context, conn *sql.Conn, d Dialect, m Migration) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	// Read again inside the transaction, which holds the write lock on
	// SQLite: a second process that waited for it finds the work done.
	have, err := version(ctx, tx)
	switch {
	case err != nil:
	case have >= m.Version:
		err = errApplied
	case have != m.Version-1:
		err = fmt.Errorf("schema is at version %d, cannot apply %d", have, m.Version)
	}
	if err == nil {
		if _, err = tx.ExecContext(ctx, m.SQL); err == nil {
			_, err = tx.ExecContext(ctx, d.Insert, m.Version, m.Name, time.Now().UnixNano())
		}
	}
	if err != nil {
		tx.Rollback()
		if errors.Is(err, errApplied) {
			return nil
		}
		return err
	}
	return tx.Commit()
}
