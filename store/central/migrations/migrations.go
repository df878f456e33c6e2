// Package migrations holds the central store's numbered schema migrations,
// one set per database, applied by the one runner in store/migrate:
//
//   - NNNN_topic.sql here: SQLite, the embedded default (to move into
//     sqlite/ once the store is split by backend).
//   - postgres/NNNN_topic.sql: the PostgreSQL twin of each, same number and
//     topic.
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
	"embed"

	"github.com/clinicwa/triage/store/migrate"
)

//go:embed *.sql
var sqliteFiles embed.FS

//go:embed postgres/*.sql
var postgresFiles embed.FS

// SQLite returns the SQLite migrations, numbered 1..n.
func SQLite() ([]migrate.Migration, error) { return migrate.Load(sqliteFiles, ".") }

// Postgres returns the PostgreSQL migrations, numbered 1..n.
func Postgres() ([]migrate.Migration, error) { return migrate.Load(postgresFiles, "postgres") }
