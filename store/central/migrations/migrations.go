// Package migrations holds the central store's numbered schema migrations,
// one set per database, applied by the one runner in store/migrate:
//
//   - sqlite/NNNN_topic.sql: SQLite, the default store.
//   - postgres/NNNN_topic.sql: the PostgreSQL twin of each, same number and
//     topic.
//
// A database records each migration applied by its number and file name,
// never by its folder (schema_migrations): a store migrated when the
// SQLite files lay at this folder's root migrates on from where it was.
//
// Every SQLite migration has its PostgreSQL twin, and after all of them
// the two schemas have the same tables, columns (name, nullability and
// kind of value), indexes and triggers: TestSchemasMatch fails otherwise.
// The PostgreSQL set keeps SQLite's meaning with PostgreSQL's types:
//
//   - INTEGER becomes BIGINT: SQLite's integers are 64-bit, and times are
//     Unix nanoseconds. Flags stay 0/1 integers, so queries read the same.
//   - BLOB becomes BYTEA: sealed columns and blind indexes, so PostgreSQL
//     holds only ciphertext and keyed digests, as SQLite does.
//   - INTEGER PRIMARY KEY AUTOINCREMENT becomes an identity column, and so
//     does messages.seq, which SQLite's single writer numbers MAX(seq)+1.
//   - STRICT and WITHOUT ROWID are SQLite storage options with no
//     counterpart; partial and expression indexes are kept as they are.
//   - Triggers become PL/pgSQL functions run FOR EACH ROW, with IS DISTINCT
//     FROM for SQLite's IS NOT.
package migrations

import (
	"context"
	"database/sql"
	"embed"

	"github.com/clinicwa/triage/store/migrate"
)

//go:embed sqlite/*.sql
var sqliteFiles embed.FS

//go:embed postgres/*.sql
var postgresFiles embed.FS

// SQLite returns the SQLite migrations, numbered 1..n.
func SQLite() ([]migrate.Migration, error) { return migrate.Load(sqliteFiles, "sqlite") }

// Postgres returns the PostgreSQL migrations, numbered 1..n.
func Postgres() ([]migrate.Migration, error) { return migrate.Load(postgresFiles, "postgres") }

// Store is the name the central store's migrations are recorded under.
const Store = "triaged"

// ApplySQLite brings the central SQLite database db up to the newest
// schema: every migration it does not have yet, in order. A schema newer
// than this build is refused.
func ApplySQLite(ctx context.Context, db *sql.DB) error {
	ms, err := SQLite()
	if err != nil {
		return err
	}
	return migrate.Apply(ctx, db, migrate.SQLite, ms, Store)
}
